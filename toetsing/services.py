"""Every write of the assessment and the decision.

Pattern (ARCHITECTURE.md): permission check → select_for_update → change → audit(...) → na_commit(task, id).
Sources: DOMAIN.md steps 4-5; 003a §3.2 (kort geding within 20 calendar days, ≥ 6 months' exclusion) and §4
(pass/fail knock-outs, quota with lottery and waiting list); 004 §3.2 d (plan with a minimum score); VNG
three steps (peers-and-standards §2.18).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from aanbesteding.models import Aanbesteding, Eis, Perceel, Toetredingsmoment
from core import kalender
from core.audit import audit, momentopname
from core.kalender import plus_kalenderdagen, plus_maanden
from core.taken import na_commit
from inschrijving import selectors as inschrijving_selectors
from inschrijving import services as inschrijving_services
from inschrijving.models import Herstelverzoek, Inschrijving, InschrijvingPerceel
from organisaties.models import User
from organisaties.regios import verzegeld_document

from . import loting as lot
from . import pdf, permissions, selectors, tasks
from .models import (
    STAPPEN,
    Belangenverklaring,
    Beoordeling,
    Beoordelingscommissie,
    Besluit,
    BesluitPerceel,
    BesluitProduct,
    Eindoordeel,
    Loting,
    LotingHerziening,
    Oordeel,
    ProcesVerbaalBeoordeling,
    Rechtsmiddel,
    Toetsing,
    Toetsingsinstelling,
    Toewijzing,
)
from .signals import definitief_toegelaten

INSTELLING_VELDEN = (
    "min_beoordelaars", "score_min", "score_max", "minimale_score", "standstill_dagen", "uitsluiting_maanden",
    "behandeltermijn_dagen", "rechtsmiddel_tekst", "briefhoofd", "ondertekening",
)


def _instelling_momentopname(instelling: Toetsingsinstelling) -> dict:
    """The settings for the audit diff, with each decimal as the database stores it.

    An unsaved instelling holds the int defaults (``0``, ``10``, ``6``); after ``full_clean`` they are Decimals
    (``Decimal("0")``) and from the database ``Decimal("0.00")``. Comparing those spellings would audit an unchanged
    scale as changed, so compare the normalised value: ``Decimal(str(x))`` at the field's precision.
    """
    waarden = momentopname(instelling, INSTELLING_VELDEN)
    for veld in INSTELLING_VELDEN:
        field = Toetsingsinstelling._meta.get_field(veld)
        waarde = getattr(instelling, veld)
        if field.get_internal_type() == "DecimalField" and waarde is not None:
            waarden[veld] = str(Decimal(str(waarde)).quantize(Decimal(1).scaleb(-field.decimal_places)))
    return waarden


def _eist_inkoper(door, obj):
    """Inkoper, and in the region of ``obj`` (issue 17): another region's object is refused, whatever the id."""
    if not permissions.mag_toetsing_beheren(door):
        raise PermissionDenied("Alleen een inkoper mag dit doen.")
    if not permissions.mag_toetsing_beheren(door, obj):
        raise PermissionDenied("U bent geen inkoper in de regio van deze aanbesteding.")


def _eist_regio(door, obj):
    """An assessor or chair acts only in a region where they hold a role (a role ended there ends the work)."""
    if not permissions.is_beoordelaar(door, obj):
        raise PermissionDenied("U heeft geen rol in de regio van deze aanbesteding.")


def _vandaag():
    return kalender.vandaag()


# --- settings and commissie -------------------------------------------------------------------------------


@transaction.atomic
def instelling_opslaan(*, aanbesteding: Aanbesteding, door, **velden) -> Toetsingsinstelling:
    """Save the per-procedure assessment settings (defaults from the sources on first save)."""
    _eist_inkoper(door, aanbesteding)
    instelling, _ = Toetsingsinstelling.objects.select_for_update().get_or_create(aanbesteding=aanbesteding)
    oud = _instelling_momentopname(instelling)
    for veld, waarde in velden.items():
        if veld not in INSTELLING_VELDEN:
            raise ValueError(f"Onbekend veld {veld}")
        setattr(instelling, veld, waarde)
    instelling.full_clean()
    instelling.save()
    audit("toetsing.instelling_gewijzigd", instelling, door=door, oud=oud, nieuw=_instelling_momentopname(instelling))
    return instelling


@transaction.atomic
def commissie_opslaan(
    *, aanbesteding: Aanbesteding, naam: str, voorzitter: User, leden, door, toetredingsmoment=None,
    commissie: Beoordelingscommissie | None = None,
) -> Beoordelingscommissie:
    """Set up (or change) the beoordelingscommissie of a procedure or one joining moment.

    Chair and members hold a role in the procedure's region: a Gooi inkoper cannot seat an MLO-only assessor.
    """
    _eist_inkoper(door, aanbesteding)
    if commissie is not None and commissie.aanbesteding_id != aanbesteding.pk:
        raise ValidationError("Deze commissie hoort niet bij deze aanbesteding.")
    leden = list(leden)
    if not (permissions.is_inkoper(voorzitter, aanbesteding) or voorzitter in leden):
        raise ValidationError("De voorzitter is een inkoper of een van de beoordelaars in de commissie.")
    niet_beoordelaar = [lid for lid in [voorzitter, *leden] if not permissions.in_regio(lid, aanbesteding.regio_id)]
    if niet_beoordelaar:
        namen = ", ".join(dict.fromkeys(str(u) for u in niet_beoordelaar))
        raise ValidationError(f"Geen beoordelaar of inkoper in de regio van deze aanbesteding: {namen}.")
    if toetredingsmoment is not None and toetredingsmoment.aanbesteding_id != aanbesteding.pk:
        raise ValidationError("Het toetredingsmoment hoort niet bij deze aanbesteding.")
    if commissie is None:
        commissie = Beoordelingscommissie(aanbesteding=aanbesteding)
        oud = {}
    else:
        commissie = Beoordelingscommissie.objects.select_for_update().get(pk=commissie.pk)
        oud = {**momentopname(commissie, ("naam", "voorzitter", "toetredingsmoment")),
               "leden": sorted(str(u) for u in commissie.leden.all())}
    commissie.naam = naam
    commissie.voorzitter = voorzitter
    commissie.toetredingsmoment = toetredingsmoment
    commissie.full_clean(exclude=["leden"])
    commissie.save()
    commissie.leden.set(leden)
    nieuw = {**momentopname(commissie, ("naam", "voorzitter", "toetredingsmoment")),
             "leden": sorted(str(u) for u in leden)}
    audit("toetsing.commissie_opgeslagen", commissie, door=door, oud=oud, nieuw=nieuw)
    return commissie


def commissie_voor(inschrijving: Inschrijving) -> Beoordelingscommissie | None:
    """The commissie of the inschrijving's moment, else the procedure-wide one."""
    qs = Beoordelingscommissie.objects.filter(aanbesteding_id=inschrijving.aanbesteding_id)
    if inschrijving.toetredingsmoment_id:
        specifiek = qs.filter(toetredingsmoment_id=inschrijving.toetredingsmoment_id).first()
        if specifiek:
            return specifiek
    return qs.filter(toetredingsmoment__isnull=True).first()


def _toetsing_vergrendeld(inschrijving: Inschrijving) -> Toetsing:
    toetsing, _ = Toetsing.objects.get_or_create(
        inschrijving=inschrijving, defaults={"aanbesteding_id": inschrijving.aanbesteding_id}
    )
    return Toetsing.objects.select_for_update(of=("self",)).select_related("commissie", "inschrijving").get(pk=toetsing.pk)


def _herbereken_status(toetsing: Toetsing, *, door=None) -> None:
    """Recompute the working status (not VASTGESTELD/BESLOTEN, which only services set)."""
    if toetsing.status in (Toetsing.Status.VASTGESTELD, Toetsing.Status.BESLOTEN):
        return
    instelling = Toetsingsinstelling.voor(toetsing.aanbesteding)
    actief = list(toetsing.toewijzingen.filter(status__in=Toewijzing.ACTIEF).values_list("status", flat=True))
    open_herstel = Herstelverzoek.objects.filter(
        inschrijving_id=toetsing.inschrijving_id, status=Herstelverzoek.Status.OPEN, deadline__gt=kalender.nu()
    ).exists()
    if open_herstel:
        nieuw = Toetsing.Status.HERSTEL
    elif not actief:
        nieuw = Toetsing.Status.NIEUW
    elif len(actief) >= instelling.min_beoordelaars and all(s == Toewijzing.Status.AFGEROND for s in actief):
        nieuw = Toetsing.Status.CONSENSUS
    else:
        nieuw = Toetsing.Status.IN_BEOORDELING
    if nieuw != toetsing.status:
        oud = Toetsing.OVERGANGEN.zet(toetsing, nieuw)
        toetsing.save(update_fields=["status", "gewijzigd_op"])
        audit("toetsing.status", toetsing.inschrijving, door=door, oud={"toetsing": oud}, nieuw={"toetsing": nieuw})
        if oud == Toetsing.Status.HERSTEL and toetsing.inschrijving.status == Inschrijving.Status.HERSTEL:
            # Herstel is over (its deadline passed before the catch-up task ran): the inschrijving follows, so a
            # decision later finds it in beoordeling.
            _inschrijving_status(toetsing.inschrijving, Inschrijving.Status.IN_BEOORDELING, door=door)


def _inschrijving_status(inschrijving: Inschrijving, status: str, *, door=None) -> None:
    """The inschrijving's own status follows the assessment; its owner moves and audits it."""
    inschrijving_services.status_volgen_uit_toetsing(inschrijving=inschrijving, status=status, door=door)
    inschrijving.refresh_from_db(fields=["status", "gewijzigd_op"])  # the caller's copy follows the owner's row


# --- assignment and conflict of interest --------------------------------------------------------------------


@transaction.atomic
def toewijzen(*, inschrijvingen, beoordelaars, door) -> list[Toewijzing]:
    """Assign submitted inschrijvingen to assessors (in bulk: every inschrijving to every assessor given).

    Skips pairs that already exist; refuses an assessor who declared a conflict for that provider, and one
    without a role in the procedure's region.
    """
    if not permissions.mag_toetsing_beheren(door):
        raise PermissionDenied("Alleen een inkoper mag dit doen.")
    inschrijvingen = list(inschrijvingen)
    for inschrijving in inschrijvingen:
        _eist_inkoper(door, inschrijving)
    beoordelaars = list(beoordelaars)
    if not beoordelaars:
        raise ValidationError("Kies ten minste één beoordelaar.")
    nieuw: list[Toewijzing] = []
    for inschrijving in inschrijvingen:
        if inschrijving.status not in Inschrijving.INGEDIENDE_STATUSSEN:
            raise ValidationError(f"Inschrijving {inschrijving.pk} is niet ingediend of al besloten.")
        toetsing = _toetsing_vergrendeld(inschrijving)
        if toetsing.status in (Toetsing.Status.VASTGESTELD, Toetsing.Status.BESLOTEN):
            raise ValidationError(f"De consensus over inschrijving {inschrijving.pk} is al vastgesteld.")
        commissie = toetsing.commissie or commissie_voor(inschrijving)
        if commissie is None:
            raise ValidationError("Stel eerst een beoordelingscommissie in voor deze aanbesteding.")
        if toetsing.commissie_id is None:
            toetsing.commissie = commissie
            toetsing.save(update_fields=["commissie", "gewijzigd_op"])
        leden = set(commissie.leden.values_list("pk", flat=True))
        conflicten = set(
            Belangenverklaring.objects.filter(inschrijving=inschrijving, geen_conflict=False).values_list("gebruiker_id", flat=True)
        )
        bestaand = set(toetsing.toewijzingen.filter(status__in=Toewijzing.ACTIEF).values_list("beoordelaar_id", flat=True))
        for beoordelaar in beoordelaars:
            if beoordelaar.pk not in leden:
                raise ValidationError(f"{beoordelaar} is geen lid van {commissie}.")
            if not permissions.in_regio(beoordelaar, toetsing.aanbesteding.regio_id):
                raise ValidationError(f"{beoordelaar} heeft geen rol in de regio van deze aanbesteding.")
            if beoordelaar.pk in conflicten:
                raise ValidationError(f"{beoordelaar} heeft een belangenconflict gemeld voor {inschrijving.organisatie}.")
            if beoordelaar.pk in bestaand:
                continue
            toewijzing = Toewijzing.objects.create(toetsing=toetsing, beoordelaar=beoordelaar, toegewezen_door=door)
            audit("toetsing.toegewezen", inschrijving, door=door, nieuw={"beoordelaar": str(beoordelaar)})
            na_commit(tasks.toewijzing_aankondigen, toewijzing.pk)
            nieuw.append(toewijzing)
        _herbereken_status(toetsing, door=door)
        if inschrijving.status == Inschrijving.Status.INGEDIEND:
            _inschrijving_status(inschrijving, Inschrijving.Status.IN_BEOORDELING, door=door)
    return nieuw


@transaction.atomic
def toewijzing_intrekken(*, toewijzing: Toewijzing, door) -> Toewijzing:
    toewijzing = Toewijzing.objects.select_for_update(of=("self",)).select_related("toetsing__inschrijving").get(pk=toewijzing.pk)
    _eist_inkoper(door, toewijzing)
    if toewijzing.status == Toewijzing.Status.INGETROKKEN:
        return toewijzing  # a second click
    if toewijzing.status not in Toewijzing.ACTIEF:
        raise ValidationError("De beoordelaar heeft zich teruggetrokken; deze toewijzing is al beëindigd.")
    if toewijzing.toetsing.status in (Toetsing.Status.VASTGESTELD, Toetsing.Status.BESLOTEN):
        raise ValidationError("De consensus is al vastgesteld.")
    Toewijzing.OVERGANGEN.zet(toewijzing, Toewijzing.Status.INGETROKKEN)
    toewijzing.save(update_fields=["status"])
    audit("toetsing.toewijzing_ingetrokken", toewijzing.toetsing.inschrijving, door=door,
          oud={"beoordelaar": str(toewijzing.beoordelaar)})
    _herbereken_status(toewijzing.toetsing, door=door)
    return toewijzing


@transaction.atomic
def belang_verklaren(*, inschrijving: Inschrijving, geen_conflict: bool, door, toelichting: str = "") -> Belangenverklaring:
    """Declare (no) conflict of interest for this provider before any content is visible.

    A conflict is a recusal: the assessor's assignment ends and the queue shows the inschrijving needs
    another assessor. The declaration itself is final (it is part of the proces-verbaal).
    """
    _eist_regio(door, inschrijving)
    toetsing = _toetsing_vergrendeld(inschrijving)
    toewijzing = permissions.actieve_toewijzing(door, inschrijving)
    if toewijzing is None and not permissions.is_voorzitter(door, toetsing):
        raise PermissionDenied("U bent niet aan deze inschrijving toegewezen.")
    if Belangenverklaring.objects.filter(inschrijving=inschrijving, gebruiker=door).exists():
        raise ValidationError("U heeft voor deze aanbieder al een verklaring afgelegd.")
    if not geen_conflict and not toelichting.strip():
        raise ValidationError("Licht het belangenconflict kort toe.")
    verklaring = Belangenverklaring.objects.create(
        inschrijving=inschrijving, gebruiker=door, geen_conflict=geen_conflict, toelichting=toelichting
    )
    audit("toetsing.belangenverklaring", inschrijving, door=door,
          nieuw={"geen_conflict": geen_conflict}, toelichting=toelichting)
    if not geen_conflict and toewijzing is not None:
        Toewijzing.OVERGANGEN.bijwerken(Toewijzing.objects.filter(pk=toewijzing.pk), Toewijzing.Status.TERUGGETROKKEN)
        audit("toetsing.teruggetrokken", inschrijving, door=door, oud={"beoordelaar": str(door)},
              toelichting="Belangenconflict: toewijzing vervalt")
        _herbereken_status(toetsing, door=door)
    return verklaring


# --- verdicts --------------------------------------------------------------------------------------------

# A "voldoet" needs no written motivation (issue 12: the panel's time is the bureau's largest cost); the record,
# the proces-verbaal and the letter still carry a text for every verdict: this one.
STANDAARD_MOTIVERING = "Voldoet aan de eis."


def _score(waarde) -> Decimal | None:
    if waarde in (None, ""):
        return None
    try:
        return Decimal(str(waarde).replace(",", "."))
    except InvalidOperation as fout:
        raise ValidationError("De score is geen getal.") from fout


def oordeel_bij_score(eis: Eis, instelling: Toetsingsinstelling, score) -> str | None:
    """For a plan: the verdict its score means (004 §3.2 d: at or above the minimum = voldoet); None without one."""
    score = _score(score)
    if eis.antwoordtype != Eis.Antwoordtype.PLAN or score is None:
        return None
    return Oordeel.VOLDOET if score >= instelling.minimum_voor(eis) else Oordeel.VOLDOET_NIET


def _controleer_oordeel(eis: Eis, instelling: Toetsingsinstelling, oordeel: str, score, motivering: str):
    """The rules a verdict must satisfy, the same for an assessor and for the chair's consensus.

    Returns the score and the motivation to store: a motivation is required for "voldoet niet" (the letter gives
    the provider the reasons, 003a §3.2) and "herstel nodig" (the provider must know what to repair); a "voldoet"
    without one is stored with ``STANDAARD_MOTIVERING``."""
    if oordeel not in Oordeel.values:
        raise ValidationError("Kies voldoet, voldoet niet of herstel nodig.")
    motivering = (motivering or "").strip()
    if not motivering:
        if oordeel != Oordeel.VOLDOET:
            raise ValidationError(f"Motiveer het oordeel '{Oordeel(oordeel).label.lower()}' over {eis.code}.")
        motivering = STANDAARD_MOTIVERING
    score = _score(score)
    if eis.antwoordtype == Eis.Antwoordtype.PLAN:
        # 004 §3.2 d: the plan must reach a minimum score on the procedure's scale.
        if oordeel != Oordeel.HERSTEL:
            if score is None:
                raise ValidationError(f"{eis.code} is een plan: geef een score.")
            bovengrens = eis.max_score if eis.max_score is not None else instelling.score_max
            if score < instelling.score_min or score > bovengrens:
                raise ValidationError(f"De score moet tussen {instelling.score_min} en {bovengrens} liggen.")
            minimum = instelling.minimum_voor(eis)
            verwacht = Oordeel.VOLDOET if score >= minimum else Oordeel.VOLDOET_NIET
            if oordeel != verwacht:
                raise ValidationError(
                    f"Score {score} ligt {'op of boven' if score >= minimum else 'onder'} het minimum {minimum}: "
                    f"het oordeel is dan '{Oordeel(verwacht).label.lower()}'."
                )
    elif score is not None:
        raise ValidationError(f"{eis.code} is geen plan en krijgt geen score.")
    return score, motivering


def _vorige_stappen_compleet(eis: Eis, eisen: list[Eis], beoordeeld: set[int]) -> bool:
    """The three steps in order: a step opens once every eis of the earlier steps has a verdict."""
    stap = STAPPEN.index(eis.soort)
    return all(e.pk in beoordeeld for e in eisen if STAPPEN.index(e.soort) < stap)


def _open_toewijzing(inschrijving: Inschrijving, door) -> Toewijzing:
    """The assessor's own open assignment, locked; refused without the declaration of no conflict (the content is
    not theirs to see), without an assignment, after finishing, or once the assessment is closed."""
    if not permissions.mag_inhoud_zien(door, inschrijving):
        raise PermissionDenied("U mag deze inschrijving (nog) niet beoordelen.")
    toewijzing = Toewijzing.objects.select_for_update().filter(
        toetsing__inschrijving=inschrijving, beoordelaar=door, status__in=Toewijzing.ACTIEF
    ).select_related("toetsing").first()
    if toewijzing is None:
        raise PermissionDenied("U bent niet aan deze inschrijving toegewezen.")
    if toewijzing.status == Toewijzing.Status.AFGEROND:
        raise ValidationError("U heeft uw beoordeling al afgerond.")
    if toewijzing.toetsing.status not in (Toetsing.Status.IN_BEOORDELING, Toetsing.Status.HERSTEL, Toetsing.Status.NIEUW):
        raise ValidationError("De beoordeling is gesloten.")
    return toewijzing


def _beoordelingen_opslaan(*, inschrijving: Inschrijving, toewijzing: Toewijzing, eisen: list[Eis],
                           oordelen: dict[int, dict], door) -> list[Beoordeling]:
    """Check and store verdicts (eis id → oordeel, score, motivering) of one assessor: the one writer of
    Beoordeling. Every verdict is checked before anything is stored, so a refused one stores nothing; an unchanged
    verdict is not written again; every change is audited with old and new."""
    instelling = Toetsingsinstelling.voor(inschrijving.aanbesteding)
    per_pk = {e.pk: e for e in eisen}
    fouten, gecontroleerd = [], []
    for eis_id, o in oordelen.items():
        eis = per_pk.get(eis_id)
        if eis is None:
            raise ValidationError("Deze eis hoort niet bij deze inschrijving.")
        # A plan's score says its verdict (004 §3.2 d): the assessor types the score, the verdict follows.
        oordeel = o.get("oordeel") or oordeel_bij_score(eis, instelling, o.get("score"))
        try:
            score, motivering = _controleer_oordeel(eis, instelling, oordeel, o.get("score"), o.get("motivering"))
        except ValidationError as fout:
            fouten.extend(fout.messages)
            continue
        gecontroleerd.append((eis, oordeel, score, motivering))
    if fouten:
        raise ValidationError(fouten)
    bestaand = {b.eis_id: b for b in toewijzing.beoordelingen.all()}
    beoordeeld = set(bestaand) | {eis.pk for eis, *_ in gecontroleerd}
    volgorde_fout = [eis.code for eis, *_ in gecontroleerd if not _vorige_stappen_compleet(eis, eisen, beoordeeld)]
    if volgorde_fout:
        raise ValidationError("Beoordeel eerst de uitsluitingsgronden, dan de geschiktheidseisen, dan de uitvoeringseisen.")
    opgeslagen = []
    for eis, oordeel, score, motivering in gecontroleerd:
        vorig = bestaand.get(eis.pk)
        oud = momentopname(vorig, ("oordeel", "score", "motivering")) if vorig else {}
        if vorig is not None and (vorig.oordeel, vorig.score, vorig.motivering) == (oordeel, score, motivering):
            opgeslagen.append(vorig)
            continue
        beoordeling, _ = Beoordeling.objects.update_or_create(
            toewijzing=toewijzing, eis=eis, defaults={"oordeel": oordeel, "score": score, "motivering": motivering}
        )
        audit("toetsing.oordeel", inschrijving, door=door, oud=oud,
              nieuw={**momentopname(beoordeling, ("oordeel", "score", "motivering")), "eis": eis.code},
              toelichting=f"Eis {eis.code}")
        opgeslagen.append(beoordeling)
    return opgeslagen


@transaction.atomic
def oordeel_vastleggen(*, inschrijving: Inschrijving, eis: Eis, oordeel: str, door, motivering: str = "",
                       score=None) -> Beoordeling:
    """An assessor records (or changes) the verdict on one eis; every change is audited with old and new."""
    toewijzing = _open_toewijzing(inschrijving, door)
    eisen = selectors.eisen_voor(inschrijving)
    if eis.pk not in {e.pk for e in eisen}:
        raise ValidationError("Deze eis hoort niet bij deze inschrijving.")
    [beoordeling] = _beoordelingen_opslaan(
        inschrijving=inschrijving, toewijzing=toewijzing, eisen=eisen, door=door,
        oordelen={eis.pk: {"oordeel": oordeel, "score": score, "motivering": motivering}},
    )
    return beoordeling


@transaction.atomic
def stap_beoordelen(*, inschrijving: Inschrijving, stap: str, door, oordelen: dict[int, dict] | None = None,
                    alles_voldoet: bool = False) -> list[Beoordeling]:
    """An assessor records the verdicts of one step (uitsluitingsgronden, geschiktheidseisen or uitvoeringseisen)
    in one go (issue 12).

    ``oordelen`` maps eis id → {oordeel, score, motivering} for the eisen the assessor judged on the page; with
    ``alles_voldoet`` every other eis of the step that has no verdict yet gets "voldoet" (a plan needs its score
    in ``oordelen``). The steps keep the VNG order (a step opens when the earlier ones are complete). Atomic: one
    refused verdict stores none. Returns the step's verdicts as stored."""
    if stap not in STAPPEN:
        raise ValidationError("Onbekende stap.")
    toewijzing = _open_toewijzing(inschrijving, door)
    eisen = selectors.eisen_voor(inschrijving)
    van_stap = [e for e in eisen if e.soort == stap]
    if not van_stap:
        raise ValidationError("Deze stap heeft geen eisen voor deze inschrijving.")
    oordelen = dict(oordelen or {})
    vreemd = set(oordelen) - {e.pk for e in van_stap}
    if vreemd:
        raise ValidationError("Een beoordeelde eis hoort niet bij deze stap.")
    if alles_voldoet:
        al = set(toewijzing.beoordelingen.values_list("eis_id", flat=True))
        for eis in van_stap:
            if eis.pk not in oordelen and eis.pk not in al:
                oordelen[eis.pk] = {"oordeel": Oordeel.VOLDOET, "score": None, "motivering": ""}
    if not oordelen:
        if alles_voldoet:
            return []  # every eis of the step already has a verdict: nothing to add, the assessor goes on
        raise ValidationError("Kies een oordeel of gebruik 'Alles voldoet'.")
    if not _vorige_stappen_compleet(van_stap[0], eisen, set(toewijzing.beoordelingen.values_list("eis_id", flat=True))):
        raise ValidationError("Beoordeel eerst de uitsluitingsgronden, dan de geschiktheidseisen, dan de uitvoeringseisen.")
    opgeslagen = _beoordelingen_opslaan(inschrijving=inschrijving, toewijzing=toewijzing, eisen=eisen,
                                        oordelen=oordelen, door=door)
    audit("toetsing.stap_beoordeeld", inschrijving, door=door,
          nieuw={"stap": stap, "eisen": len(opgeslagen), "alles_voldoet": alles_voldoet})
    return opgeslagen


@transaction.atomic
def beoordeling_afronden(*, inschrijving: Inschrijving, door) -> Toewijzing:
    """The assessor finishes: every eis has a verdict. Only now the others' verdicts become visible."""
    _eist_regio(door, inschrijving)
    toewijzing = Toewijzing.objects.select_for_update().filter(
        toetsing__inschrijving=inschrijving, beoordelaar=door, status=Toewijzing.Status.TOEGEWEZEN
    ).select_related("toetsing").first()
    if toewijzing is None:
        raise PermissionDenied("Er is geen open beoordeling van u voor deze inschrijving.")
    if toewijzing.toetsing.status not in (Toetsing.Status.IN_BEOORDELING, Toetsing.Status.HERSTEL, Toetsing.Status.NIEUW):
        raise ValidationError("De beoordeling is gesloten.")
    eisen = selectors.eisen_voor(inschrijving)
    beoordeeld = set(toewijzing.beoordelingen.values_list("eis_id", flat=True))
    ontbreekt = [e.code for e in eisen if e.pk not in beoordeeld]
    if ontbreekt:
        raise ValidationError(f"Nog niet beoordeeld: {', '.join(ontbreekt)}.")
    Toewijzing.OVERGANGEN.zet(toewijzing, Toewijzing.Status.AFGEROND)
    toewijzing.afgerond_op = kalender.nu()
    toewijzing.save(update_fields=["status", "afgerond_op"])
    audit("toetsing.beoordeling_afgerond", inschrijving, door=door, nieuw={"beoordelaar": str(door)})
    toetsing = Toetsing.objects.select_for_update().get(pk=toewijzing.toetsing_id)
    _herbereken_status(toetsing, door=door)
    return toewijzing


@transaction.atomic
def eindoordeel_vastleggen(*, inschrijving: Inschrijving, eis: Eis, oordeel: str, door, motivering: str = "",
                           score=None) -> Eindoordeel:
    """The chair records the consensus verdict per eis, with a motivation: what the decision uses."""
    toetsing = _toetsing_vergrendeld(inschrijving)
    if not permissions.is_voorzitter(door, toetsing):
        raise PermissionDenied("Alleen de voorzitter van de commissie stelt de consensus vast.")
    if not permissions.mag_inhoud_zien(door, inschrijving):
        raise PermissionDenied("Verklaar eerst dat u geen belangenconflict heeft.")
    if toetsing.status != Toetsing.Status.CONSENSUS:
        raise ValidationError("De consensus kan pas als alle beoordelaars hun beoordeling hebben afgerond.")
    if eis.pk not in {e.pk for e in selectors.eisen_voor(inschrijving)}:
        raise ValidationError("Deze eis hoort niet bij deze inschrijving.")
    instelling = Toetsingsinstelling.voor(inschrijving.aanbesteding)
    oordeel = oordeel or oordeel_bij_score(eis, instelling, score)
    score, motivering = _controleer_oordeel(eis, instelling, oordeel, score, motivering)
    bestaand = Eindoordeel.objects.filter(toetsing=toetsing, eis=eis).first()
    oud = momentopname(bestaand, ("oordeel", "score", "motivering")) if bestaand else {}
    eindoordeel, _ = Eindoordeel.objects.update_or_create(
        toetsing=toetsing, eis=eis,
        defaults={"oordeel": oordeel, "score": score, "motivering": motivering, "vastgesteld_door": door},
    )
    audit("toetsing.eindoordeel", inschrijving, door=door, oud=oud,
          nieuw={**momentopname(eindoordeel, ("oordeel", "score", "motivering")), "eis": eis.code},
          toelichting=f"Consensus eis {eis.code}")
    return eindoordeel


def _eensgezind(eis_ids, beoordelingen: list[Beoordeling], toewijzing_ids: set[int]) -> dict[int, dict]:
    """Per eis on which every active assessor gave the same verdict (and score): that verdict, with their
    motivations (each distinct one once, in assignment order)."""
    per_eis: dict[int, dict[int, Beoordeling]] = {}
    for b in beoordelingen:
        per_eis.setdefault(b.eis_id, {})[b.toewijzing_id] = b
    uit = {}
    for eis_id in eis_ids:
        gegeven = per_eis.get(eis_id, {})
        if not toewijzing_ids or set(gegeven) != toewijzing_ids:
            continue
        reeks = [gegeven[t] for t in sorted(toewijzing_ids)]
        if len({(b.oordeel, b.score) for b in reeks}) != 1:
            continue
        motiveringen = list(dict.fromkeys(b.motivering for b in reeks))
        if reeks[0].oordeel == Oordeel.VOLDOET and set(motiveringen) == {STANDAARD_MOTIVERING}:
            motiveringen = [STANDAARD_MOTIVERING]
        uit[eis_id] = {"oordeel": reeks[0].oordeel, "score": reeks[0].score, "motivering": "\n".join(motiveringen)}
    return uit


@transaction.atomic
def consensus_vaststellen(*, inschrijving: Inschrijving, door) -> Toetsing:
    """Close the consensus: every eis has a final pass/fail verdict (no 'herstel nodig' left).

    Where every active assessor finished and agrees on an eis, that verdict is the eindoordeel (issue 12): the chair
    only decides the differences, and when there are none this one action closes the consensus. An eindoordeel the
    chair already recorded is kept. Every adopted verdict is audited like one the chair records."""
    toetsing = _toetsing_vergrendeld(inschrijving)
    if not permissions.is_voorzitter(door, toetsing):
        raise PermissionDenied("Alleen de voorzitter van de commissie stelt de consensus vast.")
    if toetsing.status != Toetsing.Status.CONSENSUS:
        raise ValidationError("De inschrijving is niet klaar voor consensus.")
    if not permissions.mag_inhoud_zien(door, inschrijving):
        # The chair adopts verdicts on content they must be free to judge: after the declaration, as for an eindoordeel.
        raise PermissionDenied("Verklaar eerst dat u geen belangenconflict heeft.")
    eisen = selectors.eisen_voor(inschrijving)
    eindoordelen = {e.eis_id: e for e in toetsing.eindoordelen.select_related("eis")}
    actief = set(toetsing.toewijzingen.filter(status=Toewijzing.Status.AFGEROND).values_list("pk", flat=True))
    eens = _eensgezind([e.pk for e in eisen if e.pk not in eindoordelen],
                       list(Beoordeling.objects.filter(toewijzing_id__in=actief)), actief)
    ontbreekt = [e.code for e in eisen if e.pk not in eindoordelen and e.pk not in eens]
    if ontbreekt:
        raise ValidationError(
            f"De beoordelaars verschillen van oordeel over {', '.join(ontbreekt)}: leg daarover eerst het eindoordeel vast."
        )
    herstel = [e.eis.code for e in eindoordelen.values() if e.oordeel == Oordeel.HERSTEL]
    herstel += [e.code for e in eisen if eens.get(e.pk, {}).get("oordeel") == Oordeel.HERSTEL]
    if herstel:
        raise ValidationError(f"Eerst herstel afhandelen voor: {', '.join(herstel)}.")
    nieuw = [Eindoordeel(toetsing=toetsing, eis=e, vastgesteld_door=door, **eens[e.pk]) for e in eisen if e.pk in eens]
    Eindoordeel.objects.bulk_create(nieuw)
    for e in nieuw:
        audit("toetsing.eindoordeel", inschrijving, door=door,
              nieuw={"oordeel": e.oordeel, "score": e.score, "motivering": e.motivering, "eis": e.eis.code},
              toelichting=f"Consensus eis {e.eis.code}: eensgezind oordeel van de beoordelaars overgenomen")
    Toetsing.OVERGANGEN.zet(toetsing, Toetsing.Status.VASTGESTELD)
    toetsing.vastgesteld_op = kalender.nu()
    toetsing.vastgesteld_door = door
    toetsing.save(update_fields=["status", "vastgesteld_op", "vastgesteld_door", "gewijzigd_op"])
    audit("toetsing.consensus_vastgesteld", inschrijving, door=door,
          oud={"toetsing": Toetsing.Status.CONSENSUS}, nieuw={"toetsing": Toetsing.Status.VASTGESTELD},
          toelichting=f"{len(nieuw)} eensgezinde oordelen van de beoordelaars overgenomen")
    return toetsing


# --- herstel ----------------------------------------------------------------------------------------------


@transaction.atomic
def herstel_vragen(*, inschrijving: Inschrijving, vraag: str, eisen, door) -> Herstelverzoek:
    """From the assessment: ask the provider for missing evidence or clarification (herstelverzoek)."""
    toetsing = _toetsing_vergrendeld(inschrijving)
    if not (permissions.mag_inhoud_zien(door, inschrijving) or permissions.mag_toetsing_beheren(door, inschrijving)):
        raise PermissionDenied("U mag voor deze inschrijving geen herstel vragen.")
    if toetsing.status in (Toetsing.Status.VASTGESTELD, Toetsing.Status.BESLOTEN):
        raise ValidationError("De consensus is al vastgesteld.")
    if not vraag.strip():
        raise ValidationError("Omschrijf wat de aanbieder moet herstellen.")
    eisen = list(eisen)
    verzoek = inschrijving_services.herstelverzoek_versturen(
        inschrijving=inschrijving, vraag=vraag.strip(), eisen=eisen, door=door
    )
    oud = toetsing.status
    if oud != Toetsing.Status.HERSTEL:  # a second request while waiting keeps waiting
        Toetsing.OVERGANGEN.zet(toetsing, Toetsing.Status.HERSTEL)
        toetsing.save(update_fields=["status", "gewijzigd_op"])
    audit("toetsing.herstel_gevraagd", inschrijving, door=door, oud={"toetsing": oud},
          nieuw={"toetsing": Toetsing.Status.HERSTEL, "eisen": [e.code for e in eisen], "deadline": verzoek.deadline})
    return verzoek


@transaction.atomic
def herstel_hervatten(*, inschrijving_id: int) -> bool:
    """Resume the assessment when the provider answered or the deadline passed (system action, idempotent)."""
    toetsing = Toetsing.objects.select_for_update().filter(inschrijving_id=inschrijving_id).first()
    if toetsing is None or toetsing.status != Toetsing.Status.HERSTEL:
        return False
    if Herstelverzoek.objects.filter(
        inschrijving_id=inschrijving_id, status=Herstelverzoek.Status.OPEN, deadline__gt=kalender.nu()
    ).exists():
        return False
    # Back to where the assessment was: with the chair if every assessor finished, else with the assessors.
    _herbereken_status(toetsing)
    inschrijving = toetsing.inschrijving
    if inschrijving.status == Inschrijving.Status.HERSTEL:
        _inschrijving_status(inschrijving, Inschrijving.Status.IN_BEOORDELING)
    audit("toetsing.hervat", inschrijving, nieuw={"toetsing": toetsing.status}, toelichting="Herstel beantwoord of termijn verstreken")
    return True


# --- lottery ----------------------------------------------------------------------------------------------


def _bezette_plaatsen(perceel: Perceel, *, behalve_inschrijving=None) -> int:
    qs = BesluitPerceel.objects.filter(perceel=perceel, uitkomst__in=BesluitPerceel.TOEGELATEN).exclude(
        besluit__status=Besluit.Status.INGETROKKEN
    )
    if behalve_inschrijving is not None:
        qs = qs.exclude(besluit__inschrijving=behalve_inschrijving)
    return qs.count()


def _ronde_naam(ronde) -> str:
    return f"ronde “{ronde.naam}”" if ronde is not None else "deze aanbesteding (zonder toetredingsmoment)"


def _ronde(perceel: Perceel, kandidaten: list[Inschrijving], toetredingsmoment):
    """The round a draw is for: the one given, else the one round of the qualified candidates."""
    if toetredingsmoment is not None:
        if toetredingsmoment.aanbesteding_id != perceel.aanbesteding_id:
            raise ValidationError("Het toetredingsmoment hoort niet bij deze aanbesteding.")
        return toetredingsmoment
    momenten = {i.toetredingsmoment_id for i in kandidaten}
    if len(momenten) > 1:
        namen = ", ".join(sorted(str(m) for m in Toetredingsmoment.objects.filter(pk__in=momenten - {None})))
        raise ValidationError(
            f"Perceel {perceel.code}: gekwalificeerde inschrijvers uit meer dan één ronde ({namen}). Kies de ronde."
        )
    moment_id = next(iter(momenten), None)
    return Toetredingsmoment.objects.get(pk=moment_id) if moment_id is not None else None


def _geldige_loting(perceel: Perceel, ronde) -> Loting | None:
    return Loting.objects.filter(
        perceel=perceel, toetredingsmoment=ronde, status=Loting.Status.GELDIG
    ).select_related("uitgevoerd_door").first()


def _al_geloot(perceel: Perceel, ronde, bestaand: Loting | None) -> ValidationError:
    wanneer = f" op {bestaand.uitgevoerd_op.astimezone(kalender.TZ):%d-%m-%Y %H:%M} (seed {bestaand.seed})" if bestaand else ""
    return ValidationError(
        f"Voor perceel {perceel.code} is in {_ronde_naam(ronde)} al geloot{wanneer}. Er wordt één keer geloot; "
        "opnieuw loten kan alleen als herziening met een reden, goedgekeurd door een tweede inkoper.",
        code="al_geloot",
    )


def _trekken(*, perceel: Perceel, ronde, kandidaten: list[Inschrijving], plaatsen: int, seed: str | None, door,
             herziening: LotingHerziening | None = None) -> Loting:
    deelnemers = lot.vaste_volgorde([
        {"inschrijving": i.pk, "kvk": i.organisatie.kvk_nummer, "naam": i.organisatie.naam} for i in kandidaten
    ])
    seed = seed or lot.nieuwe_seed()
    winnaars = lot.trek(seed, deelnemers, plaatsen)
    try:
        with transaction.atomic():
            loting = Loting.objects.create(
                aanbesteding_id=perceel.aanbesteding_id, perceel=perceel, toetredingsmoment=ronde, seed=seed,
                plaatsen=plaatsen, deelnemers=deelnemers, winnaars=winnaars, uitgevoerd_door=door,
            )
    except IntegrityError as fout:  # a concurrent draw for the same perceel and round: the constraint decides
        raise _al_geloot(perceel, ronde, _geldige_loting(perceel, ronde)) from fout
    nieuw = {"perceel": perceel.code, "seed": seed, "plaatsen": plaatsen,
             "deelnemers": [d["inschrijving"] for d in deelnemers], "ingeloot": winnaars}
    if ronde is not None:
        nieuw["toetredingsmoment"] = ronde.pk
    if herziening is not None:
        nieuw["herziening_van"] = herziening.loting_id
    audit("toetsing.loting", loting, door=door, nieuw=nieuw)
    return loting


@transaction.atomic
def loting_uitvoeren(*, perceel: Perceel, door, seed: str | None = None, toetredingsmoment=None) -> Loting:
    """Draw lots among the qualified, undecided inschrijvingen of a quota perceel in one round (003a §4, MST).

    Records the seed, the participants (in their stable order) and the result, so anyone can recompute it.
    Once per perceel per round (issue 18, ARCHITECTURE.md rule 14): a second call is refused, also when two
    run at once (the perceel row is locked; the unique constraint on geldige lotingen decides a race). A redraw
    is ``loting_herziening_aanvragen`` + ``loting_herziening_goedkeuren``.
    """
    _eist_inkoper(door, perceel)
    perceel = Perceel.objects.select_for_update().get(pk=perceel.pk)
    if perceel.quotum is None:
        raise ValidationError(f"Perceel {perceel.code} heeft geen maximum aantal aanbieders.")
    alle_kandidaten = selectors.gekwalificeerd_onbeslist(perceel)
    ronde = _ronde(perceel, alle_kandidaten, toetredingsmoment)
    bestaand = _geldige_loting(perceel, ronde)
    if bestaand is not None:
        raise _al_geloot(perceel, ronde, bestaand)
    ronde_id = ronde.pk if ronde is not None else None
    kandidaten = [i for i in alle_kandidaten if i.toetredingsmoment_id == ronde_id]
    plaatsen = perceel.quotum - _bezette_plaatsen(perceel)
    if plaatsen <= 0:
        raise ValidationError(f"Perceel {perceel.code} is vol: gekwalificeerde inschrijvers komen op de wachtlijst.")
    if len(kandidaten) <= plaatsen:
        raise ValidationError(f"Geen loting nodig: {len(kandidaten)} gekwalificeerd voor {plaatsen} plaats(en).")
    return _trekken(perceel=perceel, ronde=ronde, kandidaten=kandidaten, plaatsen=plaatsen, seed=seed, door=door)


@transaction.atomic
def loting_herziening_aanvragen(*, loting: Loting, reden: str, door) -> LotingHerziening:
    """An inkoper asks to redraw a lottery, with a reason (e.g. a participant wrongly left out, a court order).

    Nothing changes yet: a second inkoper of the region decides (``loting_herziening_goedkeuren``).
    """
    _eist_inkoper(door, loting)
    loting = Loting.objects.select_for_update(of=("self",)).select_related("perceel").get(pk=loting.pk)
    if not loting.is_geldig:
        raise ValidationError("Deze loting is al vervallen; een herziening gaat over de geldige loting.")
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError("Geef de reden waarom opnieuw geloot moet worden.")
    if loting.herzieningen.filter(status=LotingHerziening.Status.AANGEVRAAGD).exists():
        raise ValidationError("Voor deze loting is al een herziening aangevraagd.")
    try:
        with transaction.atomic():
            herziening = LotingHerziening.objects.create(
                loting=loting, reden=reden, aangevraagd_door=door, aangevraagd_op=kalender.nu()
            )
    except IntegrityError as fout:  # two requests at once: one open herziening per loting
        raise ValidationError("Voor deze loting is al een herziening aangevraagd.") from fout
    audit("toetsing.loting_herziening_aangevraagd", loting, door=door,
          nieuw={"herziening": herziening.pk, "perceel": loting.perceel.code}, toelichting=reden)
    return herziening


def _herziening_vergrendeld(herziening: LotingHerziening, door) -> LotingHerziening:
    herziening = LotingHerziening.objects.select_for_update(of=("self",)).select_related("loting").get(pk=herziening.pk)
    _eist_inkoper(door, herziening)
    if herziening.aangevraagd_door_id == door.pk:
        # Four eyes (issue 18): the decision on a redraw is taken by a second inkoper.
        raise PermissionDenied("Een tweede inkoper beslist over deze herziening; u heeft haar zelf aangevraagd.")
    if herziening.status != LotingHerziening.Status.AANGEVRAAGD:
        raise ValidationError("Over deze herziening is al beslist.")
    return herziening


@transaction.atomic
def loting_herziening_goedkeuren(*, herziening: LotingHerziening, door, toelichting: str = "") -> LotingHerziening:
    """A second inkoper approves a redraw: the earlier loting becomes vervallen (kept, with its seed and
    winners) and a new draw with a new seed is made among the round's qualified, undecided inschrijvingen.

    Refused while a decision still rests on the earlier draw: withdraw it first (rechtsmiddel_afhandelen).
    """
    herziening = _herziening_vergrendeld(herziening, door)
    perceel = Perceel.objects.select_for_update().get(pk=herziening.loting.perceel_id)
    loting = Loting.objects.select_for_update(of=("self",)).select_related("toetredingsmoment").get(pk=herziening.loting_id)
    if BesluitPerceel.objects.filter(loting=loting).exclude(besluit__status=Besluit.Status.INGETROKKEN).exists():
        raise ValidationError(
            "Er berusten nog besluiten op deze loting. Trek die eerst in; daarna kan opnieuw worden geloot."
        )
    nu = kalender.nu()
    Loting.OVERGANGEN.zet(loting, Loting.Status.VERVALLEN)
    loting.vervallen_op = nu
    loting.vervallen_reden = herziening.reden
    loting.save(update_fields=["status", "vervallen_op", "vervallen_reden"])
    audit("toetsing.loting_vervallen", loting, door=door, oud={"status": Loting.Status.GELDIG},
          nieuw={"status": loting.status, "herziening": herziening.pk}, toelichting=herziening.reden)
    ronde = loting.toetredingsmoment
    kandidaten = [i for i in selectors.gekwalificeerd_onbeslist(perceel) if i.toetredingsmoment_id == loting.toetredingsmoment_id]
    plaatsen = perceel.quotum - _bezette_plaatsen(perceel) if perceel.quotum is not None else 0
    nieuwe = None
    if plaatsen > 0 and len(kandidaten) > plaatsen:
        nieuwe = _trekken(perceel=perceel, ronde=ronde, kandidaten=kandidaten, plaatsen=plaatsen, seed=None, door=door,
                          herziening=herziening)
    LotingHerziening.OVERGANGEN.zet(herziening, LotingHerziening.Status.GOEDGEKEURD)
    herziening.beoordeeld_door = door
    herziening.beoordeeld_op = nu
    herziening.toelichting = toelichting.strip()
    herziening.nieuwe_loting = nieuwe
    herziening.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "toelichting", "nieuwe_loting"])
    audit("toetsing.loting_herziening_goedgekeurd", loting, door=door, oud={"herziening": LotingHerziening.Status.AANGEVRAAGD},
          nieuw={"herziening": herziening.status, "nieuwe_loting": nieuwe.pk if nieuwe else None,
                 "aangevraagd_door": str(herziening.aangevraagd_door)}, toelichting=herziening.toelichting)
    return herziening


@transaction.atomic
def loting_herziening_afwijzen(*, herziening: LotingHerziening, door, toelichting: str) -> LotingHerziening:
    """A second inkoper refuses the redraw, with a reason: the loting stays geldig."""
    herziening = _herziening_vergrendeld(herziening, door)
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise ValidationError("Licht toe waarom niet opnieuw wordt geloot.")
    LotingHerziening.OVERGANGEN.zet(herziening, LotingHerziening.Status.AFGEWEZEN)
    herziening.beoordeeld_door = door
    herziening.beoordeeld_op = kalender.nu()
    herziening.toelichting = toelichting
    herziening.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "toelichting"])
    audit("toetsing.loting_herziening_afgewezen", herziening.loting, door=door,
          oud={"herziening": LotingHerziening.Status.AANGEVRAAGD}, nieuw={"herziening": herziening.status},
          toelichting=toelichting)
    return herziening


# --- decision ---------------------------------------------------------------------------------------------


def _perceel_gesloten(perceel: Perceel) -> bool:
    if perceel.toetreding == Perceel.Toetreding.GESLOTEN:
        return True
    return (perceel.toetreding == Perceel.Toetreding.VOLGT_PROCEDURE
            and perceel.aanbesteding.toetreding == Aanbesteding.Toetreding.GESLOTEN)


def _uitkomst_perceel(inschrijving, keuze: InschrijvingPerceel, eindoordelen: list[Eindoordeel]) -> dict:
    """The outcome for one perceel. Order: knock-outs (reasons) → closed/waiting list → quota/lottery."""
    perceel = keuze.perceel
    gefaald = [
        e for e in eindoordelen
        if e.oordeel == Oordeel.VOLDOET_NIET and (e.eis.perceel_id is None or e.eis.perceel_id == perceel.pk)
    ]
    if gefaald:
        gefaald.sort(key=lambda e: (STAPPEN.index(e.eis.soort), e.eis.volgorde, e.eis.code))
        redenen = [
            {"code": e.eis.code, "soort": e.eis.get_soort_display(), "eis": e.eis.tekst, "motivering": e.motivering,
             "score": str(e.score) if e.score is not None else None}
            for e in gefaald
        ]
        return {"uitkomst": BesluitPerceel.Uitkomst.AFGEWEZEN, "redenen": redenen,
                "toelichting": "Niet voldaan aan alle eisen (knock-out)."}
    if keuze.op_wachtlijst or _perceel_gesloten(perceel):
        if perceel.wachtlijst:
            return {"uitkomst": BesluitPerceel.Uitkomst.WACHTLIJST,
                    "toelichting": "U voldoet aan de eisen, maar het perceel is gesloten voor toetreding."}
        return {"uitkomst": BesluitPerceel.Uitkomst.AFGEWEZEN,
                "toelichting": "Het perceel is gesloten voor toetreding en heeft geen wachtlijst."}
    if perceel.quotum is not None:
        # The latest lottery this inschrijving took part in (JSON lookups differ per database: filter in Python).
        # Only geldige draws count: a vervallen one (herziening, issue 18) stays on record but decides nothing.
        lotingen = Loting.objects.filter(perceel=perceel, status=Loting.Status.GELDIG).order_by("-uitgevoerd_op", "-pk")
        loting = next((lt for lt in lotingen if inschrijving.pk in lt.deelnemer_ids), None)
        if loting is not None:
            if inschrijving.pk in loting.winnaars:
                return {"uitkomst": BesluitPerceel.Uitkomst.VOORLOPIG, "loting": loting,
                        "toelichting": "Ingeloot bij de loting voor dit perceel."}
            return {"uitkomst": BesluitPerceel.Uitkomst.WACHTLIJST, "loting": loting,
                    "toelichting": f"Het maximum van {perceel.quotum} aanbieder(s) is bereikt; niet ingeloot bij de loting."}
        # Winners of an earlier lottery who have no decision yet keep their place; participants of a lottery
        # are decided by it and do not compete again.
        deelnemers = {pk for lt in lotingen for pk in lt.deelnemer_ids}
        winnaars = {pk for lt in lotingen for pk in lt.winnaars} - {inschrijving.pk}
        beslist = set(
            Besluit.objects.filter(inschrijving_id__in=winnaars).exclude(status=Besluit.Status.INGETROKKEN)
            .values_list("inschrijving_id", flat=True)
        )
        vrij = perceel.quotum - _bezette_plaatsen(perceel, behalve_inschrijving=inschrijving) - len(winnaars - beslist)
        if vrij <= 0:
            return {"uitkomst": BesluitPerceel.Uitkomst.WACHTLIJST,
                    "toelichting": f"Het maximum van {perceel.quotum} aanbieder(s) voor dit perceel is bereikt."}
        concurrenten = [
            i for i in selectors.gekwalificeerd_onbeslist(perceel) if i.pk != inschrijving.pk and i.pk not in deelnemers
        ]
        if len(concurrenten) + 1 > vrij:
            raise ValidationError(
                f"Perceel {perceel.code}: {len(concurrenten) + 1} gekwalificeerde inschrijvers voor {vrij} plaats(en). "
                "Voer eerst de loting uit."
            )
    return {"uitkomst": BesluitPerceel.Uitkomst.VOORLOPIG, "toelichting": "Voldoet aan alle eisen."}


PRODUCTVELDEN = ("beperking", "leeftijd_van", "leeftijd_tot", "locatie", "groepsomvang")


def _uitkomst_producten(keuzes, uitkomsten, geweigerd: dict[int, str]) -> list[dict]:
    """The decision per chosen product (issue 19). A product of an admitted perceel is admitted unless the
    inkoper refuses it (with a reason); a product of a perceel that is not admitted is not admitted. Refusing
    every product of an admitted perceel is refused: the perceel's admission would cover nothing."""
    toegelaten_percelen = {k.perceel_id for k, u in uitkomsten if u["uitkomst"] in BesluitPerceel.TOEGELATEN}
    gekozen = {k.product_id for k in keuzes}
    vreemd = sorted(set(geweigerd) - gekozen)
    if vreemd:
        raise ValidationError("U kunt alleen producten weigeren die de aanbieder heeft gekozen.")
    fouten = []
    regels = []
    for keuze in keuzes:
        in_perceel = keuze.product.perceel_id in toegelaten_percelen
        if in_perceel and keuze.product_id in geweigerd and not (geweigerd[keuze.product_id] or "").strip():
            fouten.append(f"Geef de reden waarom product {keuze.product.code} niet wordt toegelaten.")
        regels.append({
            "keuze": keuze, "toegelaten": in_perceel and keuze.product_id not in geweigerd,
            "reden": (geweigerd.get(keuze.product_id) or "").strip() if in_perceel else "Het perceel is niet toegelaten.",
        })
    for perceel_id in toegelaten_percelen:
        eigen = [r for r in regels if r["keuze"].product.perceel_id == perceel_id]
        if eigen and not any(r["toegelaten"] for r in eigen):
            perceel = eigen[0]["keuze"].product.perceel
            fouten.append(
                f"Perceel {perceel} wordt toegelaten, maar u weigert alle gekozen producten "
                f"({', '.join(r['keuze'].product.code for r in eigen)}). Laat ten minste één product toe; een "
                "afwijzing van het hele perceel volgt uit de eindoordelen van de commissie."
            )
    if fouten:
        raise ValidationError(fouten)
    return regels


@transaction.atomic
def besluit_nemen(*, inschrijving: Inschrijving, door, geweigerde_producten: dict[int, str] | None = None) -> Besluit:
    """Decide per perceel from the consensus: voorlopige toelating, afwijzing with reasons, or wachtlijst.

    A full rejection (no perceel admitted or on the waiting list) excludes the provider from a new
    inschrijving for the configured months (003a §3.3: "Rejected and not waitlisted: no new bid for at least
    6 months from the rejection date").
    """
    inschrijving = Inschrijving.objects.select_for_update(of=("self",)).select_related("aanbesteding", "organisatie").get(pk=inschrijving.pk)
    _eist_inkoper(door, inschrijving)
    toetsing = _toetsing_vergrendeld(inschrijving)
    if toetsing.status != Toetsing.Status.VASTGESTELD:
        raise ValidationError("Er kan pas besloten worden als de consensus is vastgesteld.")
    if inschrijving.besluiten.exclude(status=Besluit.Status.INGETROKKEN).exists():
        raise ValidationError("Over deze inschrijving is al besloten.")
    eindoordelen = list(toetsing.eindoordelen.select_related("eis"))
    keuzes = list(inschrijving.inschrijving_percelen.select_related("perceel__aanbesteding").order_by("perceel__volgorde", "perceel__code"))
    uitkomsten = [(keuze, _uitkomst_perceel(inschrijving, keuze, eindoordelen)) for keuze in keuzes]
    productkeuzes = inschrijving_selectors.gekozen_producten(inschrijving, [k.perceel for k in keuzes])
    producten = _uitkomst_producten(productkeuzes, uitkomsten, dict(geweigerde_producten or {}))
    nu = kalender.nu()
    besluit = Besluit.objects.create(
        inschrijving=inschrijving, aanbesteding=inschrijving.aanbesteding, genomen_op=nu, genomen_door=door
    )
    for keuze, u in uitkomsten:
        BesluitPerceel.objects.create(
            besluit=besluit, perceel=keuze.perceel, uitkomst=u["uitkomst"], redenen=u.get("redenen", []),
            toelichting=u.get("toelichting", ""), loting=u.get("loting"),
        )
    BesluitProduct.objects.bulk_create([
        BesluitProduct(besluit=besluit, product=r["keuze"].product, toegelaten=r["toegelaten"],
                       reden="" if r["toegelaten"] else r["reden"],
                       **{v: getattr(r["keuze"], v) for v in PRODUCTVELDEN})
        for r in producten
    ])
    Toetsing.OVERGANGEN.zet(toetsing, Toetsing.Status.BESLOTEN)
    toetsing.save(update_fields=["status", "gewijzigd_op"])
    # The inschrijving's own rows follow the decision through its owner (ADR 0009).
    _inschrijving_status(inschrijving, Inschrijving.Status.BESLOTEN, door=door)
    inschrijving_services.toelating_per_perceel_vastleggen(
        inschrijving=inschrijving, door=door,
        toegelaten=[k.perceel_id for k, u in uitkomsten if u["uitkomst"] in BesluitPerceel.TOEGELATEN],
        wachtlijst=[k.perceel_id for k, u in uitkomsten if u["uitkomst"] == BesluitPerceel.Uitkomst.WACHTLIJST],
    )
    if producten:
        inschrijving_services.toelating_per_product_vastleggen(
            inschrijving=inschrijving, door=door, toegelaten=[r["keuze"].product_id for r in producten if r["toegelaten"]],
        )
    instelling = Toetsingsinstelling.voor(inschrijving.aanbesteding)
    alles_afgewezen = all(u["uitkomst"] == BesluitPerceel.Uitkomst.AFGEWEZEN for _, u in uitkomsten)
    if alles_afgewezen and instelling.uitsluiting_maanden:
        besluit.uitgesloten_tot = plus_maanden(nu.date(), instelling.uitsluiting_maanden)
        besluit.save(update_fields=["uitgesloten_tot"])
        inschrijving_services.uitsluiting_vastleggen(inschrijving=inschrijving, tot=besluit.uitgesloten_tot, door=door)
    audit("toetsing.besluit_genomen", besluit, door=door,
          nieuw={"percelen": {k.perceel.code: str(u["uitkomst"]) for k, u in uitkomsten},
                 **({"producten": {r["keuze"].product.code: "toegelaten" if r["toegelaten"] else f"niet toegelaten: {r['reden']}"
                                   for r in producten}} if producten else {}),
                 "uitgesloten_tot": besluit.uitgesloten_tot, "inschrijving": inschrijving.pk})
    audit("toetsing.besluit_genomen", inschrijving, door=door,
          nieuw={k.perceel.code: str(u["uitkomst"]) for k, u in uitkomsten})
    if inschrijving.toetredingsmoment_id:
        # The last decision of a round completes its assessment: the round's proces-verbaal follows (issue 18).
        na_commit(tasks.pv_beoordeling_ronde_maken, inschrijving.toetredingsmoment_id)
    return besluit


@transaction.atomic
def besluit_verzenden(*, besluit: Besluit, door) -> Besluit:
    """Send the decision: the standstill starts (20 calendar days, 003a §3.2); letter and e-mail after commit."""
    besluit = Besluit.objects.select_for_update().get(pk=besluit.pk)
    _eist_inkoper(door, besluit)
    if besluit.status != Besluit.Status.GENOMEN:
        raise ValidationError("Dit besluit is al verzonden.")
    Besluit.OVERGANGEN.zet(besluit, Besluit.Status.VERZONDEN)
    besluit.verzonden_op = kalender.nu()
    # The kort geding must be filed "within 20 calendar days of the date of the notice" (003a §3.2): the last
    # day of the standstill is verzenddatum + 20; the toelating becomes definitief on the day after. The same
    # computation as the confirmation page and the letter's preview.
    besluit.standstill_einde = selectors.standstill_einde(besluit.aanbesteding, kalender.vandaag())
    besluit.save(update_fields=["status", "verzonden_op", "standstill_einde"])
    audit("toetsing.besluit_verzonden", besluit, door=door, oud={"status": Besluit.Status.GENOMEN},
          nieuw={"status": besluit.status, "standstill_einde": besluit.standstill_einde})
    audit("toetsing.besluit_verzonden", besluit.inschrijving, door=door, nieuw={"standstill_einde": besluit.standstill_einde})
    na_commit(tasks.besluitbrief_maken_en_aankondigen, besluit.pk)
    return besluit


@transaction.atomic
def rechtsmiddel_registreren(*, besluit: Besluit, soort: str, ingediend_op, door, toelichting: str = "") -> Rechtsmiddel:
    """Staff record a kort geding or bezwaar: the standstill is suspended until it is resolved."""
    besluit = Besluit.objects.select_for_update().get(pk=besluit.pk)
    _eist_inkoper(door, besluit)
    if besluit.status not in (Besluit.Status.VERZONDEN, Besluit.Status.OPGESCHORT):
        raise ValidationError("Alleen tegen een verzonden besluit in de standstilltermijn.")
    if soort not in Rechtsmiddel.Soort.values:
        raise ValidationError("Kies kort geding of bezwaar.")
    rechtsmiddel = Rechtsmiddel.objects.create(
        besluit=besluit, soort=soort, ingediend_op=ingediend_op, toelichting=toelichting, geregistreerd_door=door
    )
    oud = besluit.status
    if oud != Besluit.Status.OPGESCHORT:  # a second remedy keeps it suspended
        Besluit.OVERGANGEN.zet(besluit, Besluit.Status.OPGESCHORT)
        besluit.save(update_fields=["status"])
    audit("toetsing.rechtsmiddel", besluit, door=door, oud={"status": oud},
          nieuw={"status": besluit.status, "soort": soort, "ingediend_op": ingediend_op}, toelichting=toelichting)
    audit("toetsing.rechtsmiddel", besluit.inschrijving, door=door, nieuw={"soort": soort}, toelichting=toelichting)
    return rechtsmiddel


@transaction.atomic
def rechtsmiddel_afhandelen(*, rechtsmiddel: Rechtsmiddel, afloop: str, door, toelichting: str = "") -> Rechtsmiddel:
    """Resolve a kort geding/bezwaar. If the decision stands and the standstill has passed it becomes
    definitief at once (the scheduled task catches up); if withdrawn, staff decide again."""
    rechtsmiddel = Rechtsmiddel.objects.select_for_update().get(pk=rechtsmiddel.pk)
    _eist_inkoper(door, rechtsmiddel)
    if not rechtsmiddel.is_open:
        raise ValidationError("Dit rechtsmiddel is al afgehandeld.")
    if afloop not in Rechtsmiddel.Afloop.values:
        raise ValidationError("Kies de afloop.")
    besluit = Besluit.objects.select_for_update(of=("self",)).select_related("inschrijving").get(pk=rechtsmiddel.besluit_id)
    rechtsmiddel.afloop = afloop
    rechtsmiddel.afgehandeld_op = kalender.nu()
    rechtsmiddel.save(update_fields=["afloop", "afgehandeld_op"])
    oud = besluit.status
    if afloop == Rechtsmiddel.Afloop.BESLUIT_INGETROKKEN:
        Besluit.OVERGANGEN.zet(besluit, Besluit.Status.INGETROKKEN)
        besluit.save(update_fields=["status"])
        Toetsing.OVERGANGEN.bijwerken(Toetsing.objects.filter(inschrijving_id=besluit.inschrijving_id), Toetsing.Status.VASTGESTELD)
        inschrijving_services.besluit_intrekking_verwerken(inschrijving=besluit.inschrijving, door=door)
    elif not besluit.rechtsmiddelen.filter(afgehandeld_op__isnull=True).exists():
        Besluit.OVERGANGEN.zet(besluit, Besluit.Status.VERZONDEN)
        besluit.save(update_fields=["status"])
        na_commit(tasks.standstill_verwerken)
    audit("toetsing.rechtsmiddel_afgehandeld", besluit, door=door, oud={"status": oud},
          nieuw={"status": besluit.status, "afloop": afloop}, toelichting=toelichting)
    audit("toetsing.rechtsmiddel_afgehandeld", besluit.inschrijving, door=door, nieuw={"afloop": afloop})
    return rechtsmiddel


@transaction.atomic
def besluit_definitief_maken(*, besluit_id: int, vandaag=None) -> bool:
    """After the standstill, without an open kort geding or bezwaar: voorlopig → definitief (system action).

    Idempotent: a besluit already definitief, suspended or still in its standstill is left alone.
    Hands over to the agreement app through the ``definitief_toegelaten`` signal, sent after commit.
    """
    vandaag = vandaag or _vandaag()
    besluit = (
        Besluit.objects.select_for_update(of=("self",)).select_related("inschrijving__organisatie", "aanbesteding")
        .filter(pk=besluit_id).first()
    )
    if besluit is None or besluit.status != Besluit.Status.VERZONDEN or besluit.standstill_einde is None:
        return False
    if besluit.standstill_einde >= vandaag or besluit.rechtsmiddelen.filter(afgehandeld_op__isnull=True).exists():
        return False
    Besluit.OVERGANGEN.zet(besluit, Besluit.Status.DEFINITIEF)
    besluit.definitief_op = kalender.nu()
    besluit.save(update_fields=["status", "definitief_op"])
    toegelaten = list(besluit.percelen.filter(uitkomst=BesluitPerceel.Uitkomst.VOORLOPIG).select_related("perceel"))
    BesluitPerceel.objects.filter(pk__in=[bp.pk for bp in toegelaten]).update(uitkomst=BesluitPerceel.Uitkomst.DEFINITIEF)
    audit("toetsing.definitief", besluit, oud={"status": Besluit.Status.VERZONDEN},
          nieuw={"status": besluit.status, "definitief": [bp.perceel.code for bp in toegelaten]})
    audit("toetsing.definitief", besluit.inschrijving, nieuw={"definitief": [bp.perceel.code for bp in toegelaten]})
    if toegelaten:
        startdatum = max(plus_kalenderdagen(besluit.standstill_einde, 1), besluit.aanbesteding.looptijd_start)
        percelen = [bp.perceel for bp in toegelaten]
        producten = selectors.toegelaten_producten(besluit)

        def _overdragen():
            definitief_toegelaten.send(
                sender=Besluit, besluit=besluit, organisatie=besluit.inschrijving.organisatie,
                aanbesteding=besluit.aanbesteding, percelen=percelen, startdatum=startdatum, producten=producten,
            )

        transaction.on_commit(_overdragen)
    return True


def te_verwerken_besluiten(vandaag=None):
    """Ids of decisions whose standstill has passed without an open remedy (the task's work list)."""
    vandaag = vandaag or _vandaag()
    # A registered kort geding/bezwaar sets OPGESCHORT, so VERZONDEN already means "no open remedy".
    return list(
        Besluit.objects.filter(status=Besluit.Status.VERZONDEN, standstill_einde__lt=vandaag).values_list("pk", flat=True)
    )


# --- proces-verbaal van beoordeling per round (issue 18) -------------------------------------------------------


def ronde_compleet(moment: Toetredingsmoment) -> bool:
    """Every submitted, not withdrawn inschrijving of the round has a decision (its assessment is complete)."""
    ingediend = Inschrijving.objects.filter(toetredingsmoment=moment, ingediend_op__isnull=False).exclude(
        status=Inschrijving.Status.INGETROKKEN
    )
    return ingediend.exists() and not ingediend.exclude(toetsing__status=Toetsing.Status.BESLOTEN).exists()


@transaction.atomic
def pv_beoordeling_opmaken(*, toetredingsmoment_id: int, door=None) -> ProcesVerbaalBeoordeling | None:
    """Make, seal and store the proces-verbaal van beoordeling of one round.

    Without ``door`` (the system, after the round's last decision): once, and only when the round is complete.
    With ``door`` (an inkoper of the region, on demand, e.g. after a herziening of a loting): always a new
    version; earlier versions are kept (ARCHITECTURE.md rule 4). Sealed with the bureau's key and registered
    (core.zegel), so /verifieren/ can confirm it.
    """
    moment = Toetredingsmoment.objects.select_for_update(of=("self",)).select_related("aanbesteding__regio").get(
        pk=toetredingsmoment_id
    )
    if door is not None:
        _eist_inkoper(door, moment)
    vorige = ProcesVerbaalBeoordeling.objects.filter(toetredingsmoment=moment).order_by("-volgnummer").first()
    if door is None and (vorige is not None or not ronde_compleet(moment)):
        return None
    versie = vorige.volgnummer + 1 if vorige else 1
    nu = kalender.nu()
    regio = moment.aanbesteding.regio
    inhoud = verzegeld_document(
        regio, pdf.proces_verbaal_ronde_pdf(moment, versie=versie, opgemaakt_op=nu), soort="pv_beoordeling",
        titel=f"Proces-verbaal van beoordeling {moment.naam} (versie {versie})"[:255],
        uitgegeven_aan=regio.weergavenaam_bureau,
    )
    pv = ProcesVerbaalBeoordeling(toetredingsmoment=moment, volgnummer=versie, sha256=hashlib.sha256(inhoud).hexdigest(),
                                  opgemaakt_op=nu, opgemaakt_door=door)
    pv.bestand.save(f"pv-beoordeling-{moment.pk}-v{versie}.pdf", ContentFile(inhoud), save=False)
    pv.save()
    audit("toetsing.pv_beoordeling_opgemaakt", pv, door=door,
          nieuw={"toetredingsmoment": moment.pk, "versie": versie, "sha256": pv.sha256},
          toelichting="Op verzoek" if door is not None else "Beoordeling van de ronde compleet")
    return pv
