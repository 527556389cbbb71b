"""Signal receivers of aanbesteding: the change log follows what the workflow publishes."""

from wagtail.models import TaskState

from core.audit import audit

from .models import ProcedureWijziging


def _publicerende(revision):
    """Who published ``revision``: the second person whose approval finished the workflow (ADR 0006), else who
    saved the revision (a superuser's direct publication, the emergency route).

    Wagtail's ``published`` signal does not carry the publishing user and ``revision.user`` is the submitter; the
    approving task state of this revision (finished just before the finish action publishes) names the approver.
    """
    if revision is None:
        return None
    goedkeuring = (
        TaskState.objects.filter(revision=revision, status=TaskState.STATUS_APPROVED, finished_by__isnull=False)
        .select_related("finished_by").order_by("-finished_at", "-pk").first()
    )
    return goedkeuring.finished_by if goedkeuring is not None else revision.user


def documentversie_gepubliceerd(sender, instance, revision=None, **kwargs):
    """A document version went live (after the second person's approval): log it publicly and audit it."""
    versie = instance
    if ProcedureWijziging.objects.filter(versie=versie).exists():
        return  # re-publishing the same version (e.g. a corrected reason text) is not a new version
    if versie.nummer == 1:
        tekst = f"{versie.document.titel}: versie {versie.nummer} gepubliceerd."
    else:
        tekst = f"{versie.document.titel}: versie {versie.nummer} vervangt versie {versie.nummer - 1}. Reden: {versie.reden}"
    door = _publicerende(revision)
    ProcedureWijziging.objects.create(
        aanbesteding_id=versie.document.aanbesteding_id, soort=ProcedureWijziging.Soort.DOCUMENT,
        omschrijving=tekst, versie=versie, datum=versie.last_published_at or versie.first_published_at, door=door,
    )
    audit("documentversie.gepubliceerd", versie, door=door, nieuw={"nummer": versie.nummer, "reden": versie.reden})
