"""Signal receivers of aanbesteding: the change log follows what the workflow publishes."""

from core.audit import audit

from .models import ProcedureWijziging


def documentversie_gepubliceerd(sender, instance, revision=None, **kwargs):
    """A document version went live (after the second person's approval): log it publicly and audit it."""
    versie = instance
    if ProcedureWijziging.objects.filter(versie=versie).exists():
        return  # re-publishing the same version (e.g. a corrected reason text) is not a new version
    if versie.nummer == 1:
        tekst = f"{versie.document.titel}: versie {versie.nummer} gepubliceerd."
    else:
        tekst = f"{versie.document.titel}: versie {versie.nummer} vervangt versie {versie.nummer - 1}. Reden: {versie.reden}"
    door = getattr(revision, "user", None)
    ProcedureWijziging.objects.create(
        aanbesteding_id=versie.document.aanbesteding_id, soort=ProcedureWijziging.Soort.DOCUMENT,
        omschrijving=tekst, versie=versie, datum=versie.last_published_at or versie.first_published_at, door=door,
    )
    audit("documentversie.gepubliceerd", versie, door=door, nieuw={"nummer": versie.nummer, "reden": versie.reden})
