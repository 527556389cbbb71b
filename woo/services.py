"""Every write of the Woo app (issue 16): permission check -> select_for_update -> change -> audit -> after-commit
task. The documents stay with their owners; what is written here is the Woo's own: metadata and active disclosure,
requests, the selection of documents, the marks and the decision.

Personal data never leaves unredacted (issue 16): when a document is selected for a request, every name, e-mail
address and phone number the portal knows to be in it is marked for 5.1.2.e (``automatisch``), and such a mark
cannot be removed.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core import kalender, lakken
from core.audit import audit, momentopname
from core.dossier import Dossierstuk
from inschrijving.models import Inschrijving
from organisaties import selectors as organisaties_selectors

from . import inventaris, permissions, selectors
from .models import Lakmarkering, Verzoekstuk, Woogrond, Woometadata, Wooverzoek

PERSOONSGEGEVENS = "5.1.2.e"

B = Verzoekstuk.Beoordeling


def _taken():
    from . import tasks

    return tasks


def _niet_besloten(verzoek: Wooverzoek) -> None:
    if verzoek.besloten:
        raise ValidationError("Op dit verzoek is besloten; het verandert niet meer. Een correctie is een nieuw verzoek.",
                              code="besloten")


# --- metadata and active disclosure -------------------------------------------------------------------------


def _metadata(aanbesteding, sleutel: str) -> tuple[Woometadata, Dossierstuk]:
    """The metadata row of ``sleutel`` (locked; made with the defaults when it does not exist) and the document."""
    stuk = selectors.dossierstuk(aanbesteding, sleutel)
    if stuk is None:
        raise ValidationError("Dit document hoort niet (meer) bij het dossier van deze aanbesteding.", code="onbekend")
    standaard = selectors.standaardmetadata(aanbesteding, stuk)
    metadata, _ = Woometadata.objects.select_for_update().get_or_create(
        aanbesteding=aanbesteding, sleutel=sleutel,
        defaults={"titel": standaard.titel, "soort": standaard.soort, "datum": standaard.datum,
                  "informatiecategorie": standaard.informatiecategorie},
    )
    # The owner may have renamed or re-dated it since: the row follows the document.
    metadata.titel, metadata.soort, metadata.datum = stuk.titel[:300], stuk.soort, stuk.datum
    return metadata, stuk


@transaction.atomic
def metadata_vastleggen(*, aanbesteding, sleutel: str, informatiecategorie: str, door) -> Woometadata:
    """Record the information category of one dossier document (Woo art. 3.3)."""
    permissions.eis(door, permissions.PUBLICEREN, aanbesteding)
    metadata, _ = _metadata(aanbesteding, sleutel)
    oud = momentopname(metadata, ["informatiecategorie"])
    metadata.informatiecategorie = informatiecategorie
    metadata.full_clean(exclude=["aanbesteding", "openbaar_gemaakt_door", "publicatie"])
    metadata.save()
    audit("woo.metadata_vastleggen", metadata, door=door, oud=oud, nieuw=momentopname(metadata, ["informatiecategorie"]))
    return metadata


@transaction.atomic
def actief_openbaar_maken(*, aanbesteding, sleutel: str, door) -> Woometadata:
    """Publish one dossier document actively (Woo art. 3.1/3.3). The public copy, with its personal data burnt
    out, is made after commit (woo.tasks.publicatie_maken); the public page lists it once it exists."""
    permissions.eis(door, permissions.PUBLICEREN, aanbesteding)
    metadata, _ = _metadata(aanbesteding, sleutel)
    oud = Woometadata.OVERGANGEN.zet(metadata, Woometadata.Status.ACTIEF_OPENBAAR)
    metadata.openbaar_gemaakt_op, metadata.openbaar_gemaakt_door = kalender.nu(), door
    metadata.ingetrokken_op = None
    metadata.publicatie, metadata.publicatie_sha256 = "", ""
    metadata.save()
    audit("woo.actief_openbaar_maken", metadata, door=door, oud={"status": oud},
          nieuw={"status": metadata.status, "informatiecategorie": metadata.informatiecategorie})
    transaction.on_commit(lambda: _taken().publicatie_maken.delay(metadata.pk))
    return metadata


@transaction.atomic
def openbaarmaking_intrekken(*, metadata: Woometadata, reden: str, door) -> Woometadata:
    """Withdraw an active publication (a wrong or superseded document); the public page drops it at once."""
    permissions.eis(door, permissions.PUBLICEREN, metadata)
    metadata = Woometadata.objects.select_for_update().get(pk=metadata.pk)
    oud = Woometadata.OVERGANGEN.zet(metadata, Woometadata.Status.INGETROKKEN)
    metadata.ingetrokken_op = kalender.nu()
    metadata.save()
    audit("woo.openbaarmaking_intrekken", metadata, door=door, oud={"status": oud}, nieuw={"status": metadata.status},
          toelichting=reden)
    return metadata


def publicatie_opslaan(*, metadata_id: int) -> Woometadata | None:
    """Make the public copy of an actively published document: the owner's PDF with every automatic 5.1.2.e mark
    burnt in. Idempotent (a copy that exists stays); called by woo.tasks after commit."""
    import hashlib

    from django.core.files.base import ContentFile

    with transaction.atomic():
        metadata = Woometadata.objects.select_for_update().select_related("aanbesteding").get(pk=metadata_id)
        if metadata.status != Woometadata.Status.ACTIEF_OPENBAAR or metadata.publicatie:
            return metadata
        stuk = selectors.dossierstuk(metadata.aanbesteding, metadata.sleutel)
        if stuk is None:
            return None
        inhoud = stuk.pdf()
        grond = Woogrond.objects.get(code=PERSOONSGEGEVENS)
        teksten = te_markeren(inhoud, stuk)
        if teksten:
            inhoud = inventaris.gelakt(inhoud, [lakken.Lakmarkering(grond=grond.code, tekst=t) for t in teksten])
        metadata.publicatie_sha256 = hashlib.sha256(inhoud).hexdigest()
        metadata.publicatie.save(f"{metadata.sleutel}.pdf", ContentFile(inhoud), save=False)
        metadata.save(update_fields=["publicatie", "publicatie_sha256", "gewijzigd_op"])
        audit("woo.publicatie_opslaan", metadata, door=None, nieuw={"sha256": metadata.publicatie_sha256,
                                                                   "weggelakt": len(teksten)})
    return metadata


# --- personal data ----------------------------------------------------------------------------------------------


def bekende_persoonsgegevens(aanbesteding) -> set[str]:
    """The names, e-mail addresses and phone numbers the portal holds of the people around ``aanbesteding``: the
    contact persons and members of every organisation that registered for it, and the staff of its region (003a
    r. 93-101)."""
    organisaties = set(Inschrijving.objects.filter(aanbesteding=aanbesteding).values_list("organisatie_id", flat=True))
    return organisaties_selectors.persoonsgegevens(organisatie_ids=organisaties, regio_id=aanbesteding.regio_id)


def te_markeren(pdf: bytes, stuk: Dossierstuk, bekend: set[str] | None = None) -> list[str]:
    """The personal data that occur in ``pdf``: what the owner says is in it, what core.lakken recognises in its
    text (e-mail, phone, BSN, IBAN) and what the portal holds of the people around the procedure; only strings the
    redaction engine actually finds (it refuses a passage it cannot find), matched as the engine matches, in one
    pass over the PDF (``lakken.vind_alle``)."""
    tekst = "\n".join(lakken.tekst_per_pagina(pdf))
    bekend = bekende_persoonsgegevens_van_stuk(stuk) if bekend is None else bekend
    kandidaten = set(stuk.persoonsgegevens) | set(lakken.persoonsgegevens_in(tekst)) | bekend
    gevonden = sorted({k.strip() for k in kandidaten if k and k.strip()})
    treffers = lakken.vind_alle(pdf, gevonden)
    return [k for k in gevonden if treffers[k]]


def bekende_persoonsgegevens_van_stuk(stuk: Dossierstuk) -> set[str]:
    from aanbesteding.models import Aanbesteding

    return bekende_persoonsgegevens(Aanbesteding.objects.get(pk=stuk.aanbesteding_id))


# --- requests -----------------------------------------------------------------------------------------------------


@transaction.atomic
def verzoek_registreren(*, aanbesteding, kenmerk: str, ontvangen_op: date, onderwerp: str, verzoeker: str,
                        omschrijving: str = "", door) -> Wooverzoek:
    """Register a Woo request about ``aanbesteding``. The kenmerk is unique per procedure (the database decides)."""
    permissions.eis(door, "woo.add_wooverzoek", aanbesteding)
    verzoek = Wooverzoek(aanbesteding=aanbesteding, kenmerk=kenmerk.strip(), ontvangen_op=ontvangen_op,
                         onderwerp=onderwerp, omschrijving=omschrijving, verzoeker=verzoeker, geregistreerd_door=door)
    try:
        with transaction.atomic():
            verzoek.save()
    except IntegrityError as fout:
        raise ValidationError({"kenmerk": "Er is al een Woo-verzoek met dit kenmerk bij deze aanbesteding."}) from fout
    # The requester's name is personal data: the audit trail records that a request came in, not who sent it.
    audit("woo.verzoek_registreren", verzoek, door=door,
          nieuw={"kenmerk": verzoek.kenmerk, "ontvangen_op": ontvangen_op, "onderwerp": onderwerp})
    return verzoek


def _verzoek_op_slot(verzoek: Wooverzoek, door) -> Wooverzoek:
    permissions.eis(door, permissions.BEHANDELEN, verzoek)
    verzoek = Wooverzoek.objects.select_for_update().select_related("aanbesteding").get(pk=verzoek.pk)
    _niet_besloten(verzoek)
    return verzoek


def _in_behandeling(verzoek: Wooverzoek) -> None:
    if verzoek.status == Wooverzoek.Status.ONTVANGEN:
        Wooverzoek.OVERGANGEN.zet(verzoek, Wooverzoek.Status.IN_BEHANDELING)
        verzoek.save(update_fields=["status"])


@transaction.atomic
def documenten_selecteren(*, verzoek: Wooverzoek, sleutels, door) -> list[Verzoekstuk]:
    """Make the documents with ``sleutels`` the request's selection: new ones get the next numbers and their
    personal data pre-marked for 5.1.2.e; documents no longer chosen leave with their marks. Numbers of documents
    that stay do not change (the inventarislijst may already have been discussed)."""
    verzoek = _verzoek_op_slot(verzoek, door)
    stukken = {s.sleutel: s for s in selectors.dossierstukken(verzoek.aanbesteding)}
    gekozen = list(dict.fromkeys(sleutels))
    onbekend = [s for s in gekozen if s not in stukken]
    if onbekend:
        raise ValidationError("Deze documenten horen niet bij het dossier van de aanbesteding: " + ", ".join(onbekend))
    bestaand = {v.sleutel: v for v in verzoek.stukken.all()}
    weg = [v for s, v in bestaand.items() if s not in gekozen]
    for v in weg:
        v.delete()
    nummer = max((v.volgnummer for v in bestaand.values()), default=0)
    grond = Woogrond.objects.get(code=PERSOONSGEGEVENS)
    bekend = bekende_persoonsgegevens(verzoek.aanbesteding)
    nieuw: list[Verzoekstuk] = []
    for sleutel in gekozen:
        if sleutel in bestaand:
            continue
        stuk = stukken[sleutel]
        nummer += 1
        vs = Verzoekstuk.objects.create(verzoek=verzoek, sleutel=sleutel, volgnummer=nummer, titel=stuk.titel[:300],
                                        soort=stuk.soort, datum=stuk.datum)
        teksten = te_markeren(stuk.pdf(), stuk, bekend)
        Lakmarkering.objects.bulk_create([
            Lakmarkering(verzoekstuk=vs, grond=grond, tekst=t[:500], automatisch=True) for t in teksten
        ])
        if teksten:
            vs.beoordeling = B.DEELS_OPENBAAR
            vs.save(update_fields=["beoordeling"])
        nieuw.append(vs)
    _in_behandeling(verzoek)
    audit("woo.documenten_selecteren", verzoek, door=door,
          oud={"documenten": sorted(bestaand)}, nieuw={"documenten": gekozen,
                                                       "automatisch_gemarkeerd": sum(v.markeringen.count() for v in nieuw)})
    return list(verzoek.stukken.order_by("volgnummer"))


def _stuk_op_slot(verzoekstuk: Verzoekstuk, door) -> Verzoekstuk:
    _verzoek_op_slot(verzoekstuk.verzoek, door)
    return Verzoekstuk.objects.select_for_update().select_related("verzoek__aanbesteding").get(pk=verzoekstuk.pk)


@transaction.atomic
def markering_toevoegen(*, verzoekstuk: Verzoekstuk, grond: Woogrond, tekst: str = "", pagina: int | None = None,
                        door) -> Lakmarkering:
    """Withhold a passage (or a page, or with neither the whole document) on ``grond``. A passage must occur in
    the document: the engine cannot black out what it cannot find. A document with a passage withheld is at
    least "deels openbaar"."""
    verzoekstuk = _stuk_op_slot(verzoekstuk, door)
    if not grond.actief:
        raise ValidationError({"grond": "Deze grond is niet meer in gebruik."})
    tekst = " ".join((tekst or "").split())
    if tekst:
        stuk = selectors.dossierstuk(verzoekstuk.verzoek.aanbesteding, verzoekstuk.sleutel)
        if stuk is None or not lakken.vind(stuk.pdf(), tekst):
            raise ValidationError({"tekst": "Deze passage komt niet (letterlijk) in het document voor."})
    markering, gemaakt = Lakmarkering.objects.get_or_create(
        verzoekstuk=verzoekstuk, grond=grond, tekst=tekst[:500], pagina=pagina or Lakmarkering.ALLE_PAGINAS,
        defaults={"door": door},
    )
    if not gemaakt:
        raise ValidationError("Deze markering bestaat al.")
    if verzoekstuk.beoordeling == B.OPENBAAR:
        verzoekstuk.beoordeling = B.DEELS_OPENBAAR
        verzoekstuk.save(update_fields=["beoordeling"])
    audit("woo.markering_toevoegen", markering, door=door,
          nieuw={"document": verzoekstuk.volgnummer, "grond": grond.code, "pagina": markering.pagina,
                 "lengte": len(tekst)})
    return markering


@transaction.atomic
def markering_verwijderen(*, markering: Lakmarkering, door) -> None:
    """Remove a mark staff added. An automatic 5.1.2.e mark stays: personal data never leaves unredacted."""
    _stuk_op_slot(markering.verzoekstuk, door)
    if markering.automatisch:
        raise PermissionDenied("Een automatische markering van persoonsgegevens (5.1.2.e) kan niet worden verwijderd.")
    audit("woo.markering_verwijderen", markering, door=door,
          oud={"document": markering.verzoekstuk.volgnummer, "grond": markering.grond.code, "pagina": markering.pagina})
    markering.delete()


@transaction.atomic
def beoordeling_vastleggen(*, verzoekstuk: Verzoekstuk, beoordeling: str, door, grond: Woogrond | None = None,
                           vindplaats: str = "") -> Verzoekstuk:
    """Decide on one document (003a r. 62-83). "openbaar" only without any mark (personal data found makes it
    "deels openbaar" at least); "niet openbaar" withholds the whole document on ``grond``; "reeds openbaar" needs
    where it is published."""
    verzoekstuk = _stuk_op_slot(verzoekstuk, door)
    oud = momentopname(verzoekstuk, ["beoordeling", "vindplaats"])
    markeringen = list(verzoekstuk.markeringen.select_related("grond"))
    if beoordeling == B.OPENBAAR and markeringen:
        raise ValidationError({"beoordeling": "Dit document heeft markeringen (o.a. persoonsgegevens): kies "
                                              "'deels openbaar' of verwijder de eigen markeringen."})
    if beoordeling == B.DEELS_OPENBAAR and not markeringen:
        raise ValidationError({"beoordeling": "Deels openbaar vraagt om minstens één markering met een grond."})
    if beoordeling == B.NIET_OPENBAAR:
        if grond is None and not any(m.heel_document for m in markeringen):
            raise ValidationError({"grond": "Kies de grond waarop het hele document niet openbaar wordt."})
        if grond is not None:
            Lakmarkering.objects.get_or_create(verzoekstuk=verzoekstuk, grond=grond, tekst="",
                                               pagina=Lakmarkering.ALLE_PAGINAS, defaults={"door": door})
    if beoordeling == B.REEDS_OPENBAAR and not vindplaats:
        raise ValidationError({"vindplaats": "Geef aan waar het document al openbaar is."})
    verzoekstuk.beoordeling = beoordeling
    verzoekstuk.vindplaats = vindplaats if beoordeling == B.REEDS_OPENBAAR else ""
    verzoekstuk.save(update_fields=["beoordeling", "vindplaats"])
    audit("woo.beoordeling_vastleggen", verzoekstuk, door=door, oud=oud,
          nieuw={**momentopname(verzoekstuk, ["beoordeling", "vindplaats"]), "grond": grond.code if grond else ""})
    return verzoekstuk


def problemen(verzoek: Wooverzoek) -> list[str]:
    """What stands in the way of a decision (003a §8.11: each redaction a valid code, the decision per document
    matching the redactions present)."""
    stukken = list(selectors.stukken_van(verzoek))
    uit = []
    if not any(s.beoordeling != B.BUITEN_REIKWIJDTE for s in stukken):
        uit.append("Er is nog geen document geselecteerd.")
    for s in stukken:
        marks = list(s.markeringen.all())
        if s.beoordeling == B.OPENBAAR and marks:
            uit.append(f"Document {s.volgnummer} heeft markeringen maar staat op 'openbaar'.")
        if s.beoordeling == B.DEELS_OPENBAAR and not marks:
            uit.append(f"Document {s.volgnummer} staat op 'deels openbaar' zonder markering.")
        if s.beoordeling == B.NIET_OPENBAAR and not any(m.heel_document for m in marks):
            uit.append(f"Document {s.volgnummer} staat op 'niet openbaar' zonder grond.")
        if any(not m.grond.actief for m in marks):
            uit.append(f"Document {s.volgnummer} heeft een markering met een grond die niet meer in gebruik is.")
    return uit


@transaction.atomic
def verzoek_besluiten(*, verzoek: Wooverzoek, besluitdatum: date, door) -> Wooverzoek:
    """Decide on the request: the selection, decisions and marks freeze; the export (redacted PDFs and the sealed
    inventarislijst) is made after commit (woo.tasks.export_maken)."""
    verzoek = _verzoek_op_slot(verzoek, door)
    fouten = problemen(verzoek)
    if fouten:
        raise ValidationError(fouten)
    oud = Wooverzoek.OVERGANGEN.zet(verzoek, Wooverzoek.Status.BESLOTEN)
    verzoek.besluitdatum, verzoek.besloten_door = besluitdatum, door
    verzoek.save(update_fields=["status", "besluitdatum", "besloten_door"])
    audit("woo.verzoek_besluiten", verzoek, door=door, oud={"status": oud},
          nieuw={"status": verzoek.status, "besluitdatum": besluitdatum})
    transaction.on_commit(lambda: _taken().export_maken.delay(verzoek.pk))
    return verzoek


def export_maken(*, verzoek_id: int) -> Wooverzoek:
    """Make the export of a decided request once: the inventarislijst as a sealed PDF (a legal document, ADR 0015)
    and the ZIP with the redacted PDFs, stored privately with its sha256. Idempotent: an existing export stays."""
    import hashlib

    from django.core.files.base import ContentFile

    from organisaties.regios import verzegeld_document

    with transaction.atomic():
        verzoek = (Wooverzoek.objects.select_for_update().select_related("aanbesteding__regio")
                   .get(pk=verzoek_id))
        if not verzoek.besloten or verzoek.export:
            return verzoek
        stukken = [s for s in selectors.stukken_van(verzoek) if s.beoordeling in inventaris.IN_LIJST]
        dossier = {s.sleutel: s for s in selectors.dossierstukken(verzoek.aanbesteding)}
        pdfs = {s.sleutel: dossier[s.sleutel].pdf() for s in stukken if s.beoordeling in inventaris.IN_SET}
        if not verzoek.inventarislijst_pdf:
            verzegeld = verzegeld_document(
                verzoek.aanbesteding.regio, inventaris.pdf(verzoek, stukken), soort="woo_inventarislijst",
                titel=f"Inventarislijst Woo-verzoek {verzoek.kenmerk}",
                uitgegeven_aan=f"verzoeker Woo-verzoek {verzoek.kenmerk}",
            )
            verzoek.inventarislijst_pdf.save(f"inventarislijst-{verzoek.pk}.pdf", ContentFile(verzegeld), save=False)
        verzoek.inventarislijst_pdf.open("rb")
        try:
            inventaris_pdf = verzoek.inventarislijst_pdf.read()
        finally:
            verzoek.inventarislijst_pdf.close()
        inhoud = inventaris.zip_bytes(verzoek, stukken, pdfs, inventaris_pdf)
        verzoek.export_sha256 = hashlib.sha256(inhoud).hexdigest()
        verzoek.export.save(f"woo-{verzoek.pk}.zip", ContentFile(inhoud), save=False)
        verzoek.export_gemaakt_op = kalender.nu()
        verzoek.save(update_fields=["export", "export_sha256", "export_gemaakt_op", "inventarislijst_pdf"])
        audit("woo.export_maken", verzoek, door=None,
              nieuw={"sha256": verzoek.export_sha256, "documenten": len(pdfs)})
    return verzoek
