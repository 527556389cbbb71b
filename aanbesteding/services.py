"""Every write of aanbesteding: questions, answers, the Nota van Inlichtingen, and the owner services other
apps call to change the productenboek (products, tariffs) and the term of a procedure (ADR 0009: one owner
per table; overeenkomst's addenda, indexation and extension go through these).

Document versions are published by the Wagtail workflow (aanbesteding/workflow.py), not here.
``door=None`` on an owner service means the system (a scheduled task); the calling app checked its own
permission before calling.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q

from core import kalender
from core.audit import audit, momentopname
from core.taken import na_commit
from organisaties.models import Organisatie
from organisaties.permissions import is_lid
from organisaties.regios import bereik_met_recht, in_bereik

from . import lekcontrole
from .models import (
    Aanbesteding,
    Eis,
    NotaVanInlichtingen,
    Perceel,
    ProcedureDocument,
    ProcedureWijziging,
    Product,
    Rectificatie,
    Tarief,
    Vraag,
)
from .selectors import rectificatie_wijzigingen

MAX_VRAAG_TEKENS = 5000


def _eis_regio(door, obj, recht: str, melding: str) -> None:
    """``door`` holds ``recht`` in the region of ``obj`` (issue 17): the model permission alone says *whether*,
    not *where*; a staff member of another region is refused, whatever the view in front of this did."""
    if not in_bereik(obj, bereik_met_recht(door, recht)):
        raise PermissionDenied(melding)


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
        _eis_regio(door, vraag, "aanbesteding.change_vraag",
                   "U mag geen vragen beantwoorden over een procedure van een andere regio.")
        if vraag.status == Vraag.Status.GEPUBLICEERD:
            raise ValidationError("Deze vraag staat al in een gepubliceerde Nota van Inlichtingen en is bindend.")
        oud = momentopname(vraag, ["vraag_publiek", "antwoord", "status"])
        vraag.vraag_publiek = (vraag_publiek or "").strip()
        vraag.antwoord = (antwoord or "").strip()
        if publiceren and (not vraag.vraag_publiek or not vraag.antwoord):
            raise ValidationError("Vul de geanonimiseerde vraag en het antwoord in.")
        naar = Vraag.Status.BEANTWOORD if publiceren else Vraag.Status.NIET_PUBLICEREN
        if vraag.status != naar:  # correcting an answer keeps its state; only a real move goes through the table
            Vraag.OVERGANGEN.zet(vraag, naar)
        vraag.beantwoord_door = door
        vraag.beantwoord_op = kalender.nu()
        vraag.save()
        audit("vraag.beantwoord", vraag, door=door, oud=oud, nieuw=momentopname(vraag, ["vraag_publiek", "antwoord", "status"]))
    return vraag


def nvi_publiceren(*, aanbesteding: Aanbesteding, vragen, door, inleiding: str = "",
                   lek_bevestigd: bool = False) -> NotaVanInlichtingen:
    """Publish the chosen answered questions, anonymised, as the next numbered Nota van Inlichtingen.

    The NvI becomes part of the procedure's documents and change log; its PDF is made and the providers
    with an account are mailed after commit (DOMAIN.md 'Publish': Q&A anonymised, binding once published).
    A public text that may name the asker (``lekcontrole``, issue 18) is refused unless ``lek_bevestigd``: the
    inkoper saw the findings and confirms; the findings and the confirmation are in the audit entry.
    """
    if not door.has_perm("aanbesteding.add_notavaninlichtingen"):
        raise PermissionDenied("U mag geen Nota van Inlichtingen publiceren.")
    ids = sorted({v.pk if hasattr(v, "pk") else int(v) for v in vragen})
    if not ids:
        raise ValidationError("Kies ten minste één beantwoorde vraag.")
    with transaction.atomic():
        aanbesteding = Aanbesteding.objects.select_for_update().get(pk=aanbesteding.pk)
        _eis_regio(door, aanbesteding, "aanbesteding.add_notavaninlichtingen",
                   "U mag geen Nota van Inlichtingen publiceren voor een procedure van een andere regio.")
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
        vondsten = [str(v) for v in lekcontrole.lekken_zoeken(gekozen, inleiding=inleiding)]
        if vondsten and not lek_bevestigd:
            raise ValidationError(
                "De tekst kan verraden wie de vraag stelde: " + "; ".join(vondsten) + ". Pas de tekst aan, of "
                "bevestig dat u de vondsten heeft gezien en de NvI toch zo wilt publiceren.", code="mogelijk_lek",
            )
        nummer = (aanbesteding.nota_van_inlichtingen.aggregate(m=Max("nummer"))["m"] or 0) + 1
        nvi = NotaVanInlichtingen.objects.create(
            aanbesteding=aanbesteding, nummer=nummer, inleiding=inleiding.strip(), gepubliceerd_door=door,
        )
        for volgnummer, vraag in enumerate(gekozen, start=1):
            vraag.nota = nvi
            vraag.volgnummer = volgnummer
            Vraag.OVERGANGEN.zet(vraag, Vraag.Status.GEPUBLICEERD)
            vraag.save(update_fields=["nota", "volgnummer", "status"])
        ProcedureWijziging.objects.create(
            aanbesteding=aanbesteding, soort=ProcedureWijziging.Soort.NVI, datum=nvi.gepubliceerd_op, door=door,
            omschrijving=f"Nota van Inlichtingen {nummer} gepubliceerd ({len(gekozen)} vragen en antwoorden).",
        )
        audit("nvi.gepubliceerd", nvi, door=door, nieuw={"nummer": nummer, "vragen": ids, **(
            {"lekcontrole": vondsten, "lek_bevestigd": True} if vondsten else {})})
        from .tasks import nvi_aanbieders_mailen, nvi_pdf_maken

        na_commit(nvi_pdf_maken, nvi.pk)
        na_commit(nvi_aanbieders_mailen, nvi.pk)
    return nvi


# --- Owner services for the productenboek and the term (called by overeenkomst) --------------------------------

PRODUCTVELDEN = ("naam", "omschrijving", "eenheid", "frequentie", "minimale_kwalificatie")


def _bedrag(waarde, veld: str) -> Decimal:
    try:
        bedrag = Decimal(str(waarde))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValidationError({veld: f"Ongeldig bedrag: {waarde!r}."}) from exc
    if not bedrag.is_finite() or bedrag < 0:
        raise ValidationError({veld: "Een tarief is een bedrag van € 0 of meer."})
    return bedrag


@transaction.atomic
def tarief_vastleggen(*, product: Product, geldig_van: date, bedrag, intensiteit: str = "", bedrag_onafgerond=None,
                      bron: str = "", door=None, grondslag=None) -> Tarief:
    """Record the tariff of ``product`` (and intensity) from ``geldig_van`` on, open-ended.

    A tariff that still runs on ``geldig_van`` closes the day before, so ``TariefQuerySet.geldig_op`` stays
    unambiguous (one tariff per product, intensity and day). Recording the same start again replaces that row,
    so a re-run of the caller changes nothing.
    """
    if not isinstance(geldig_van, date):
        raise ValidationError({"geldig_van": "Geef de datum waarop het tarief ingaat."})
    bedrag = _bedrag(bedrag, "bedrag")
    onafgerond = _bedrag(bedrag_onafgerond, "bedrag_onafgerond") if bedrag_onafgerond not in (None, "") else None
    grondslag = _bedrag(grondslag, "grondslag") if grondslag not in (None, "") else None  # 003 §6.22
    product = Product.objects.select_for_update().get(pk=product.pk)  # serialise two tables for one product
    dag_ervoor = kalender.plus_kalenderdagen(geldig_van, -1)
    lopend = Tarief.objects.filter(product=product, intensiteit=intensiteit, geldig_van__lt=geldig_van).filter(
        Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=geldig_van)
    )
    gesloten = lopend.update(geldig_tot=dag_ervoor)
    tarief, _ = Tarief.objects.update_or_create(
        product=product, intensiteit=intensiteit, geldig_van=geldig_van,
        defaults={"bedrag": bedrag, "bedrag_onafgerond": onafgerond, "grondslag": grondslag, "bron": bron[:255],
                  "geldig_tot": None},
    )
    audit(
        "tarief.vastgelegd", tarief, door=door,
        nieuw={"product": product.code, "intensiteit": intensiteit, "geldig_van": geldig_van, "bedrag": bedrag,
               "vorige_gesloten": gesloten},
        toelichting=bron,
    )
    return tarief


@transaction.atomic
def product_toevoegen(*, perceel: Perceel, code: str, naam: str = "", eenheid: str = "uur", frequentie: str = "totaal",
                      categorie: str = "", omschrijving: str = "", bron: str = "", door=None) -> Product:
    """Add a product to a perceel's productenboek (e.g. by an addendum). Idempotent on (perceel, code): an
    existing product is returned unchanged."""
    code = (code or "").strip()
    if not code:
        raise ValidationError({"code": "Geef de productcode."})
    bestaand = Product.objects.filter(perceel=perceel, code=code).first()
    if bestaand is not None:
        return bestaand
    product = Product(
        perceel=perceel, code=code, categorie=categorie or code[:2], naam=naam or code, eenheid=eenheid,
        frequentie=frequentie, omschrijving=omschrijving,
    )
    product.full_clean()
    product.save()
    audit("product.toegevoegd", product, door=door, nieuw=momentopname(product, ["code", "naam", "eenheid", "frequentie"]),
          toelichting=bron)
    return product


@transaction.atomic
def product_wijzigen(*, product: Product, velden: dict, bron: str = "", door=None) -> Product:
    """Change the descriptive fields of a product (naam, omschrijving, eenheid, frequentie, minimale kwalificatie).
    The code and perceel are its identity and never change: a new code is a new product."""
    onbekend = set(velden) - set(PRODUCTVELDEN)
    if onbekend:
        raise ValidationError(f"Deze productgegevens kunnen niet worden gewijzigd: {', '.join(sorted(onbekend))}.")
    product = Product.objects.select_for_update().get(pk=product.pk)
    oud = momentopname(product, velden)
    for veld, waarde in velden.items():
        setattr(product, veld, waarde)
    product.full_clean()
    product.save(update_fields=list(velden) or None)
    audit("product.gewijzigd", product, door=door, oud=oud, nieuw=momentopname(product, velden), toelichting=bron)
    return product


@transaction.atomic
def product_laten_vervallen(*, product: Product, per: date, bron: str = "", door=None) -> Product:
    """The product lapses on ``per``: its tariffs end the day before and tariffs that would only start later are
    removed (they never applied). Product has no 'vervallen' flag: without a tariff it leaves the productenboek
    of later years, while the years before keep showing it."""
    if not isinstance(per, date):
        raise ValidationError({"per": "Geef de datum waarop het product vervalt."})
    product = Product.objects.select_for_update().get(pk=product.pk)
    einde = kalender.plus_kalenderdagen(per, -1)
    later = Tarief.objects.filter(product=product, geldig_van__gt=einde)
    verwijderd = later.count()
    later.delete()
    gesloten = Tarief.objects.filter(product=product).filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=einde)).update(
        geldig_tot=einde
    )
    audit("product.vervallen", product, door=door, nieuw={"per": per, "gesloten": gesloten, "verwijderd": verwijderd},
          toelichting=bron)
    return product


@transaction.atomic
def looptijd_verlengen(*, aanbesteding: Aanbesteding, tot: date, toelichting: str = "", door=None) -> Aanbesteding:
    """Move the procedure's last day to ``tot`` (an extension of the term, 003a §3.6). Only later, never earlier:
    shortening a term is a termination, not an extension."""
    aanbesteding = Aanbesteding.objects.select_for_update().get(pk=aanbesteding.pk)
    if not isinstance(tot, date) or tot <= aanbesteding.looptijd_einde:
        raise ValidationError(
            {"tot": f"Een verlenging eindigt na de huidige einddatum ({aanbesteding.looptijd_einde:%d-%m-%Y})."}
        )
    oud = aanbesteding.looptijd_einde
    aanbesteding.looptijd_einde = tot
    aanbesteding.save(update_fields=["looptijd_einde", "gewijzigd_op"])
    audit("aanbesteding.looptijd_verlengd", aanbesteding, door=door, oud={"looptijd_einde": oud},
          nieuw={"looptijd_einde": tot}, toelichting=toelichting)
    return aanbesteding


# --- Eisen: frozen once answered, changed only by a published rectificatie (issue 18, ADR 0014) -------------

# The fields that say what is asked and how it is judged: a change of any of them is a new eis in a rectificatie.
# titel, bron and verklaring (issue 12) belong to the eis as much as its text: a rectificatie keeps them and the
# audit line records them.
EISVELDEN = (
    "perceel", "code", "titel", "tekst", "toelichting", "bron", "soort", "antwoordtype", "verklaring", "knock_out",
    "verwacht_antwoord_ja",
    "max_woorden", "documentsoort", "max_leeftijd_maanden", "toegestane_bestanden", "min_score", "max_score",
    "per_lid", "volgorde",
)
EIS_RECHT = "aanbesteding.change_eis"


def bevroren_melding(aanbesteding: Aanbesteding) -> str:
    """The Dutch refusal every screen shows when an eis is changed in place after freezing."""
    if aanbesteding.eisen_bevroren_op is not None:
        sinds = f"sinds de eerste indiening op {aanbesteding.eisen_bevroren_op.astimezone(kalender.TZ):%d-%m-%Y %H:%M}"
    else:
        sinds = "sinds de opening van de eerste toetredingsronde"
    return (
        f"De eisen van “{aanbesteding.titel}” zijn bevroren {sinds}: aanbieders hebben erop ingeschreven. "
        f"Een eis toevoegen, wijzigen of intrekken kan alleen nog met een gepubliceerde rectificatie "
        f"(menu ‘Rectificatie eisen’)."
    )


def _vergrendel_procedure(aanbesteding_id: int) -> Aanbesteding:
    return Aanbesteding.objects.select_for_update().get(pk=aanbesteding_id)


@transaction.atomic
def eisen_bevriezen(*, aanbesteding: Aanbesteding, door, moment=None) -> int:
    """Freeze the eisen at the first submitted inschrijving and return the version it is submitted under.

    Called by ``inschrijving`` inside the submission's transaction; the row lock on the procedure serialises it
    with every change of the eisen (``eis_opslaan``, ``rectificatie_publiceren``), so no eis changes between the
    provider's completeness check and their submission.
    """
    aanbesteding = _vergrendel_procedure(aanbesteding.pk)
    if aanbesteding.eisen_bevroren_op is None:
        aanbesteding.eisen_bevroren_op = moment or kalender.nu()
        aanbesteding.save(update_fields=["eisen_bevroren_op", "gewijzigd_op"])
        audit("aanbesteding.eisen_bevroren", aanbesteding, door=door,
              nieuw={"eisen_bevroren_op": aanbesteding.eisen_bevroren_op, "eisenversie": aanbesteding.eisenversie},
              toelichting="Eerste ingediende inschrijving")
    return aanbesteding.eisenversie


def _weiger_als_bevroren(aanbesteding: Aanbesteding) -> None:
    if aanbesteding.eisen_zijn_bevroren():
        raise ValidationError(bevroren_melding(aanbesteding), code="bevroren")


def eis_opslaan(*, eis: Eis, door) -> Eis:
    """Add or change an eis in place (the 'Eisen' screen): only while the procedure's eisen are not frozen.

    Refused with a message that points to the rectificatie once frozen, whichever screen calls it.
    """
    nieuw = eis.pk is None
    recht = "aanbesteding.add_eis" if nieuw else EIS_RECHT
    if not door.has_perm(recht):
        raise PermissionDenied("U mag geen eisen wijzigen.")
    with transaction.atomic():
        oud_eis = None if nieuw else Eis.objects.select_for_update().get(pk=eis.pk)
        procedures = {eis.aanbesteding_id} | ({oud_eis.aanbesteding_id} if oud_eis else set())
        for pk in sorted(procedures):  # in id order: two edits never wait on each other crosswise
            procedure = _vergrendel_procedure(pk)
            _eis_regio(door, procedure, recht, "U mag geen eisen wijzigen van een procedure van een andere regio.")
            _weiger_als_bevroren(procedure)
        if oud_eis is not None and (oud_eis.in_rectificatie_id or oud_eis.ingetrokken_in_id):
            raise ValidationError("Deze eis hoort bij een rectificatie; wijzig haar via de rectificatie.", code="bevroren")
        oud = momentopname(oud_eis, ("aanbesteding", *EISVELDEN)) if oud_eis else None
        eis.full_clean()
        eis.save()
        audit("eis.toegevoegd" if nieuw else "eis.gewijzigd", eis, door=door, oud=oud,
              nieuw=momentopname(eis, ("aanbesteding", *EISVELDEN)))
    return eis


def eis_verwijderen(*, eis: Eis, door) -> None:
    """Delete an eis: only while the eisen are not frozen (afterwards withdraw it in a rectificatie)."""
    if not door.has_perm("aanbesteding.delete_eis"):
        raise PermissionDenied("U mag geen eisen verwijderen.")
    with transaction.atomic():
        eis = Eis.objects.select_for_update().get(pk=eis.pk)
        procedure = _vergrendel_procedure(eis.aanbesteding_id)
        _eis_regio(door, procedure, "aanbesteding.delete_eis",
                   "U mag geen eisen verwijderen van een procedure van een andere regio.")
        _weiger_als_bevroren(procedure)
        audit("eis.verwijderd", eis, door=door, oud=momentopname(eis, ("aanbesteding", *EISVELDEN)))
        eis.delete()


def _rectificatie_concept(aanbesteding_id: int, door) -> tuple[Aanbesteding, Rectificatie]:
    """Lock the procedure and return its concept rectificatie, made on first use (number = next version)."""
    if not door.has_perm(EIS_RECHT):
        raise PermissionDenied("U mag geen rectificatie van de eisen voorbereiden.")
    aanbesteding = _vergrendel_procedure(aanbesteding_id)
    _eis_regio(door, aanbesteding, EIS_RECHT, "U mag geen eisen wijzigen van een procedure van een andere regio.")
    if not aanbesteding.eisen_zijn_bevroren():
        raise ValidationError(
            "De eisen van deze procedure zijn nog niet bevroren: wijzig ze rechtstreeks onder ‘Eisen’.", code="niet_bevroren"
        )
    concept = aanbesteding.rectificaties.filter(gepubliceerd_op__isnull=True).first()
    if concept is None:
        concept = Rectificatie.objects.create(aanbesteding=aanbesteding, nummer=aanbesteding.eisenversie + 1,
                                              aangemaakt_door=door)
        audit("rectificatie.aangemaakt", concept, door=door, nieuw={"nummer": concept.nummer})
    return aanbesteding, concept


def _huidige_eis(aanbesteding: Aanbesteding, eis: Eis) -> Eis:
    """``eis`` locked, provided it is asked in the current version and not already changed in the concept."""
    eis = Eis.objects.select_for_update().get(pk=eis.pk)
    if eis.aanbesteding_id != aanbesteding.pk or not Eis.objects.in_versie(aanbesteding.eisenversie).filter(pk=eis.pk).exists():
        raise ValidationError("Deze eis hoort niet bij de geldende eisen van deze procedure.")
    if eis.ingetrokken_in_id is not None:
        raise ValidationError(f"Eis {eis.code} is in deze rectificatie al gewijzigd of ingetrokken.")
    return eis


def _nieuwe_eis(aanbesteding: Aanbesteding, concept: Rectificatie, velden: dict, vervangt: Eis | None) -> Eis:
    onbekend = set(velden) - set(EISVELDEN)
    if onbekend:
        raise ValidationError(f"Onbekende velden van een eis: {', '.join(sorted(onbekend))}.")
    basis = {v: getattr(vervangt, v) for v in EISVELDEN} if vervangt is not None else {}
    eis = Eis(aanbesteding=aanbesteding, in_rectificatie=concept, vervangt=vervangt, **(basis | velden))
    if eis.perceel_id is not None and eis.perceel.aanbesteding_id != aanbesteding.pk:
        raise ValidationError({"perceel": "Dit perceel hoort niet bij deze procedure."})
    # The database constraint skips a procedure-wide eis (perceel NULL); the code is unique among eisen in force.
    if Eis.objects.filter(aanbesteding=aanbesteding, perceel_id=eis.perceel_id, code=eis.code,
                          ingetrokken_in__isnull=True).exists():
        raise ValidationError({"code": f"Er is al een eis {eis.code} in deze procedure; kies een andere code."})
    eis.full_clean()
    eis.save()
    return eis


def rectificatie_eis_toevoegen(*, aanbesteding: Aanbesteding, velden: dict, door) -> Eis:
    """Prepare a new eis in the procedure's concept rectificatie (not asked until the rectificatie is published)."""
    with transaction.atomic():
        aanbesteding, concept = _rectificatie_concept(aanbesteding.pk, door)
        eis = _nieuwe_eis(aanbesteding, concept, velden, None)
        audit("rectificatie.eis_toegevoegd", concept, door=door, nieuw=momentopname(eis, EISVELDEN))
    return eis


def rectificatie_eis_wijzigen(*, eis: Eis, velden: dict, door) -> Eis:
    """Prepare a change of ``eis`` in the concept rectificatie: the old eis is withdrawn there and a new one
    that ``vervangt`` it enters, so submitted inschrijvingen keep answering the old text."""
    with transaction.atomic():
        aanbesteding, concept = _rectificatie_concept(eis.aanbesteding_id, door)
        oud = _huidige_eis(aanbesteding, eis)
        if all(getattr(oud, v) == w for v, w in velden.items()):
            raise ValidationError(f"Er is niets gewijzigd aan eis {oud.code}.")
        oud.ingetrokken_in = concept
        oud.save(update_fields=["ingetrokken_in"])
        nieuw = _nieuwe_eis(aanbesteding, concept, velden, oud)
        audit("rectificatie.eis_gewijzigd", concept, door=door, oud=momentopname(oud, EISVELDEN),
              nieuw=momentopname(nieuw, EISVELDEN))
    return nieuw


def rectificatie_eis_intrekken(*, eis: Eis, door) -> Eis:
    """Prepare the withdrawal of ``eis`` in the concept rectificatie (it stays in the versions before)."""
    with transaction.atomic():
        aanbesteding, concept = _rectificatie_concept(eis.aanbesteding_id, door)
        eis = _huidige_eis(aanbesteding, eis)
        eis.ingetrokken_in = concept
        eis.save(update_fields=["ingetrokken_in"])
        audit("rectificatie.eis_ingetrokken", concept, door=door, oud=momentopname(eis, EISVELDEN))
    return eis


def rectificatie_wijziging_terugdraaien(*, eis: Eis, door) -> None:
    """Undo one prepared change of the concept: a new eis disappears (it was never asked), a withdrawal or a
    change is taken back. Published rectificaties are never undone: a correction is a next rectificatie."""
    with transaction.atomic():
        aanbesteding, concept = _rectificatie_concept(eis.aanbesteding_id, door)
        eis = Eis.objects.select_for_update().get(pk=eis.pk)
        if eis.in_rectificatie_id == concept.pk:
            vervangt = eis.vervangt
            audit("rectificatie.teruggedraaid", concept, door=door, oud=momentopname(eis, EISVELDEN))
            eis.delete()
            if vervangt is not None:
                Eis.objects.filter(pk=vervangt.pk, ingetrokken_in=concept).update(ingetrokken_in=None)
        elif eis.ingetrokken_in_id == concept.pk:
            if eis.vervangen_door.filter(in_rectificatie=concept).exists():
                raise ValidationError(f"Draai de nieuwe versie van eis {eis.code} terug; dan komt deze terug.")
            eis.ingetrokken_in = None
            eis.save(update_fields=["ingetrokken_in"])
            audit("rectificatie.teruggedraaid", concept, door=door, nieuw=momentopname(eis, EISVELDEN))
        else:
            raise ValidationError("Deze eis is in de concept-rectificatie niet gewijzigd.")


def rectificatie_publiceren(*, aanbesteding: Aanbesteding, reden: str, door) -> Rectificatie:
    """Publish the concept rectificatie: the next version of the eisen, with its reason (required).

    From this moment drafts answer the new version; submitted inschrijvingen keep theirs and may complete the new
    eisen within the aanvultermijn (``Rectificatie.aanvullen_tot``). The change log shows it on the procedure
    page; after commit the providers with a draft or a submission are told (``signals.rectificatie_gepubliceerd``).
    """
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": "Geef de reden van de rectificatie; die wordt gepubliceerd."})
    with transaction.atomic():
        aanbesteding, concept = _rectificatie_concept(aanbesteding.pk, door)
        samenvatting = rectificatie_wijzigingen(concept)
        if not any(samenvatting.values()):
            raise ValidationError("Deze rectificatie wijzigt nog geen eis; voeg eerst een wijziging toe.")
        moment = kalender.nu()
        concept.reden = reden
        concept.gepubliceerd_op = moment
        concept.gepubliceerd_door = door
        concept.save(update_fields=["reden", "gepubliceerd_op", "gepubliceerd_door"])
        aanbesteding.eisenversie = concept.nummer
        aanbesteding.save(update_fields=["eisenversie", "gewijzigd_op"])
        delen = [f"{label}: {', '.join(codes)}" for label, codes in (
            ("nieuw", samenvatting["toegevoegd"]), ("gewijzigd", samenvatting["gewijzigd"]),
            ("ingetrokken", samenvatting["ingetrokken"])) if codes]
        ProcedureWijziging.objects.create(
            aanbesteding=aanbesteding, soort=ProcedureWijziging.Soort.RECTIFICATIE, datum=moment, door=door,
            omschrijving=f"Rectificatie {concept.nummer} van de eisen ({'; '.join(delen)}). Reden: {reden}",
        )
        audit("rectificatie.gepubliceerd", concept, door=door, oud={"eisenversie": concept.nummer - 1},
              nieuw={"eisenversie": concept.nummer, "reden": reden, **samenvatting})
        from .signals import rectificatie_gepubliceerd

        transaction.on_commit(partial(
            rectificatie_gepubliceerd.send, sender=Rectificatie, rectificatie_id=concept.pk, aanbesteding_id=aanbesteding.pk,
        ))
    return concept

