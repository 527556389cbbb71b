"""Every write of aanbesteding's publication side: questions, answers, the Nota van Inlichtingen, the log.

Document versions are published by the Wagtail workflow (aanbesteding/workflow.py), not here.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from core import kalender
from core.audit import audit, momentopname
from core.taken import na_commit
from organisaties.models import Organisatie
from organisaties.permissions import is_lid

from .models import Aanbesteding, NotaVanInlichtingen, ProcedureDocument, ProcedureWijziging, Vraag

MAX_VRAAG_TEKENS = 5000


def publieke_url(aanbesteding: Aanbesteding) -> str:
    """The stable public path of a procedure. The cms builds its procedure pages at exactly this path
    (ProcedureIndexPage with slug "procedures", ProcedurePage with the procedure's slug)."""
    return f"/procedures/{aanbesteding.slug}/"


def vraag_stellen(*, aanbesteding: Aanbesteding, organisatie: Organisatie | None, tekst: str, door,
                  perceel=None, document: ProcedureDocument | None = None, moment=None) -> Vraag:
    """A provider asks a question about a published procedure, until the end of the questions period.

    The deadline is checked here, on the server, at the moment of submission (DOMAIN.md 'Publish'; `003a`
    §2.9: questions through the platform until the published date).
    """
    moment = moment or kalender.nu()
    if organisatie is None or organisatie.soort != Organisatie.Soort.AANBIEDER or not is_lid(door, organisatie):
        raise PermissionDenied("Alleen een medewerker van een zorgaanbieder kan vragen stellen.")
    tekst = (tekst or "").strip()
    if not tekst:
        raise ValidationError({"tekst": "Vul uw vraag in."})
    if len(tekst) > MAX_VRAAG_TEKENS:
        raise ValidationError({"tekst": f"Een vraag is hoogstens {MAX_VRAAG_TEKENS} tekens."})
    with transaction.atomic():
        aanbesteding = Aanbesteding.objects.select_for_update().get(pk=aanbesteding.pk)
        if not aanbesteding.vragen_open(moment):
            raise ValidationError("De vragenperiode van deze procedure is gesloten; u kunt geen vragen meer stellen.")
        if perceel is not None and perceel.aanbesteding_id != aanbesteding.pk:
            raise ValidationError({"perceel": "Dit perceel hoort niet bij deze procedure."})
        if document is not None and document.aanbesteding_id != aanbesteding.pk:
            raise ValidationError({"document": "Dit document hoort niet bij deze procedure."})
        vraag = Vraag.objects.create(
            aanbesteding=aanbesteding, organisatie=organisatie, gesteld_door=door, tekst=tekst,
            perceel=perceel, document=document,
        )
        audit("vraag.gesteld", vraag, door=door, nieuw={"perceel": perceel, "document": document})
    return vraag


def vraag_beantwoorden(*, vraag: Vraag, vraag_publiek: str, antwoord: str, door, publiceren: bool = True) -> Vraag:
    """Staff answer a question and write the anonymised question text that the NvI will show."""
    if not door.has_perm("aanbesteding.change_vraag"):
        raise PermissionDenied("U mag geen vragen beantwoorden.")
    with transaction.atomic():
        vraag = Vraag.objects.select_for_update().get(pk=vraag.pk)
        if vraag.status == Vraag.Status.GEPUBLICEERD:
            raise ValidationError("Deze vraag staat al in een gepubliceerde Nota van Inlichtingen en is bindend.")
        oud = momentopname(vraag, ["vraag_publiek", "antwoord", "status"])
        vraag.vraag_publiek = (vraag_publiek or "").strip()
        vraag.antwoord = (antwoord or "").strip()
        if publiceren and (not vraag.vraag_publiek or not vraag.antwoord):
            raise ValidationError("Vul de geanonimiseerde vraag en het antwoord in.")
        vraag.status = Vraag.Status.BEANTWOORD if publiceren else Vraag.Status.NIET_PUBLICEREN
        vraag.beantwoord_door = door
        vraag.beantwoord_op = kalender.nu()
        vraag.save()
        audit("vraag.beantwoord", vraag, door=door, oud=oud, nieuw=momentopname(vraag, ["vraag_publiek", "antwoord", "status"]))
    return vraag


def nvi_publiceren(*, aanbesteding: Aanbesteding, vragen, door, inleiding: str = "") -> NotaVanInlichtingen:
    """Publish the chosen answered questions, anonymised, as the next numbered Nota van Inlichtingen.

    The NvI becomes part of the procedure's documents and change log; its PDF is made and the providers
    with an account are mailed after commit (DOMAIN.md 'Publish': Q&A anonymised, binding once published).
    """
    if not door.has_perm("aanbesteding.add_notavaninlichtingen"):
        raise PermissionDenied("U mag geen Nota van Inlichtingen publiceren.")
    ids = sorted({v.pk if hasattr(v, "pk") else int(v) for v in vragen})
    if not ids:
        raise ValidationError("Kies ten minste één beantwoorde vraag.")
    with transaction.atomic():
        aanbesteding = Aanbesteding.objects.select_for_update().get(pk=aanbesteding.pk)
        if not aanbesteding.is_openbaar:
            raise ValidationError("Publiceer eerst de procedure; een Nota van Inlichtingen is openbaar.")
        gekozen = list(Vraag.objects.select_for_update().filter(pk__in=ids, aanbesteding=aanbesteding).order_by("gesteld_op", "pk"))
        if len(gekozen) != len(ids):
            raise ValidationError("Een gekozen vraag hoort niet bij deze procedure.")
        niet_klaar = [v.pk for v in gekozen if v.status != Vraag.Status.BEANTWOORD or not v.antwoord or not v.vraag_publiek]
        if niet_klaar:
            raise ValidationError(
                f"Deze vragen zijn nog niet beantwoord of al gepubliceerd: {', '.join(map(str, niet_klaar))}."
            )
        nummer = (aanbesteding.nota_van_inlichtingen.aggregate(m=Max("nummer"))["m"] or 0) + 1
        nvi = NotaVanInlichtingen.objects.create(
            aanbesteding=aanbesteding, nummer=nummer, inleiding=inleiding.strip(), gepubliceerd_door=door,
        )
        for volgnummer, vraag in enumerate(gekozen, start=1):
            vraag.nota = nvi
            vraag.volgnummer = volgnummer
            vraag.status = Vraag.Status.GEPUBLICEERD
            vraag.save(update_fields=["nota", "volgnummer", "status"])
        ProcedureWijziging.objects.create(
            aanbesteding=aanbesteding, soort=ProcedureWijziging.Soort.NVI, datum=nvi.gepubliceerd_op, door=door,
            omschrijving=f"Nota van Inlichtingen {nummer} gepubliceerd ({len(gekozen)} vragen en antwoorden).",
        )
        audit("nvi.gepubliceerd", nvi, door=door, nieuw={"nummer": nummer, "vragen": ids})
        from .tasks import nvi_aanbieders_mailen, nvi_pdf_maken

        na_commit(nvi_pdf_maken, nvi.pk)
        na_commit(nvi_aanbieders_mailen, nvi.pk)
    return nvi


def wijziging_vastleggen(*, aanbesteding: Aanbesteding, omschrijving: str, door,
                         soort: str = ProcedureWijziging.Soort.PROCEDURE) -> ProcedureWijziging:
    """Add a line to the procedure's public change log (changes only by rectification with visible history)."""
    if not door.has_perm("aanbesteding.add_procedurewijziging"):
        raise PermissionDenied("U mag het wijzigingslog niet aanvullen.")
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": "Beschrijf de wijziging."})
    wijziging = ProcedureWijziging.objects.create(
        aanbesteding=aanbesteding, omschrijving=omschrijving.strip(), soort=soort, door=door,
    )
    audit("procedure.wijziging", wijziging, door=door, nieuw={"omschrijving": wijziging.omschrijving})
    return wijziging
