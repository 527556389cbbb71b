"""Yearly tariff indexation (003a §3.9): a round with one percentage, weighted components or the source's own
method (003 §6.22, provisional and definitive index) becomes a non-material addendum effective 1 January;
publication of that addendum records the tariffs and their base (``Tarief.grondslag``)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from aanbesteding.models import Tarief
from core import kalender
from core.audit import audit, momentopname

from .. import regels
from ..models import Addendum, AddendumOnderdeel, Contractregels, Indexatieronde
from ._gemeen import _eis_contractbeheer
from .addenda import addendum_opstellen, addendum_ter_goedkeuring, addendum_termijn_afwijken

M = Indexatieronde.Methode
VELDEN = ["jaar", "methode", "percentage", "ova_voorlopig", "aandeel_voorlopig", "componenten", "toelichting"]
DEFINITIEF = "definitief_componenten"


def _controleer(*, jaar, methode, percentage, componenten, ova_voorlopig, aandeel_voorlopig) -> Decimal | None:
    """Validate the inputs of a round; returns the percentage to store (for 003 §6.22: the applied provisional
    index, ``aandeel`` % of the provisional OVA, 003 r.2450)."""
    if methode not in M.values:
        raise ValidationError("Kies de methode: één percentage, gewogen componenten of voorlopig en definitief (003 §6.22).")
    if not jaar or jaar < 2000:
        raise ValidationError("Geef het tariefjaar.")
    if methode == M.PERCENTAGE and percentage is None:
        raise ValidationError("Geef het indexpercentage.")
    if methode == M.GEWOGEN:
        _componenten(componenten or [])  # validates
    if methode == M.VOORLOPIG_DEFINITIEF:
        if ova_voorlopig is None:
            raise ValidationError("Geef de voorlopige OVA van het tariefjaar (003 §6.22).")
        aandeel = Decimal(str(aandeel_voorlopig))
        if not 0 < aandeel <= 100:
            raise ValidationError("Het deel van de voorlopige OVA ligt tussen 0 en 100 %.")
        return voorlopig_percentage(Decimal(str(ova_voorlopig)), aandeel)
    return percentage


def voorlopig_percentage(ova: Decimal, aandeel: Decimal = Decimal(50)) -> Decimal:
    """003 r.2450: the provisional index is 50 % of the provisional OVA (OVA 2 % → 1 %, r.2460)."""
    return (Decimal(ova) * Decimal(aandeel) / 100).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _vorige_ronde(aanbesteding, jaar) -> Indexatieronde | None:
    """The published 003 §6.22 round of the previous year, whose definitive index corrects this year's base."""
    return Indexatieronde.objects.filter(
        aanbesteding=aanbesteding, jaar=jaar - 1, methode=M.VOORLOPIG_DEFINITIEF, status=Indexatieronde.Status.GEPUBLICEERD,
    ).first()


def _eis_definitief_vorig_jaar(aanbesteding, jaar) -> Indexatieronde | None:
    """003 r.2456: the next round starts from last year's base corrected with last year's definitive index, so it
    cannot start before that index is recorded. Tariffs that did not come from such a round start from the
    tariff itself (no previous round: nothing to correct)."""
    vorige = _vorige_ronde(aanbesteding, jaar)
    if vorige is not None and not vorige.definitief_componenten:
        raise ValidationError(
            f"De definitieve index over {jaar - 1} is nog niet vastgelegd. Leg die eerst vast bij de indexatieronde "
            f"{jaar - 1} (CBS Gezondheidszorg, CPI en NZa kapitaallasten, 003 §6.22); de ronde {jaar} rekent ermee."
        )
    return vorige


@transaction.atomic
def indexatie_opstellen(*, aanbesteding, jaar, methode=M.PERCENTAGE, percentage=None, componenten=None, toelichting="",
                        ova_voorlopig=None, aandeel_voorlopig=Decimal(50), door) -> Indexatieronde:
    """Draft the round of ``jaar``. A second round for the same year is refused: a concept is changed with
    ``indexatie_wijzigen`` (or removed with ``indexatie_verwijderen``); a round turned into an addendum is fixed."""
    _eis_contractbeheer(door, aanbesteding)
    percentage = _controleer(
        jaar=jaar, methode=methode, percentage=percentage, componenten=componenten, ova_voorlopig=ova_voorlopig,
        aandeel_voorlopig=aandeel_voorlopig,
    )
    bestaand = (
        # No select_related of the nullable maker: PostgreSQL refuses FOR UPDATE on the nullable side of an outer
        # join (the services pass of .ci/run); the maker is read only when refusing a second concept.
        Indexatieronde.objects.select_for_update().filter(aanbesteding=aanbesteding, jaar=jaar).first()
    )
    if bestaand is not None:
        if bestaand.status != Indexatieronde.Status.CONCEPT or bestaand.addendum_id:
            raise ValidationError(f"De indexatie {jaar} is al als addendum opgesteld en kan niet meer worden gewijzigd.")
        maker = bestaand.aangemaakt_door
        wie = (maker.get_full_name() or maker.email) if maker else "onbekend"
        raise ValidationError(
            f"Er is al een concept voor {jaar}, opgesteld door {wie} op "
            f"{timezone.localtime(bestaand.aangemaakt_op):%d-%m-%Y %H:%M}; pas dat aan of verwijder het eerst."
        )
    if methode == M.VOORLOPIG_DEFINITIEF:
        _eis_definitief_vorig_jaar(aanbesteding, jaar)
    ronde = Indexatieronde.objects.create(
        aanbesteding=aanbesteding, jaar=jaar, methode=methode, percentage=percentage, componenten=componenten or [],
        ova_voorlopig=ova_voorlopig if methode == M.VOORLOPIG_DEFINITIEF else None,
        aandeel_voorlopig=aandeel_voorlopig, toelichting=toelichting, aangemaakt_door=door,
    )
    audit("indexatie.opgesteld", ronde, door=door, nieuw=momentopname(ronde, VELDEN))
    return ronde


def _eis_concept(ronde):
    if ronde.status != Indexatieronde.Status.CONCEPT or ronde.addendum_id:
        raise ValidationError(
            f"De indexatie {ronde.jaar} is al als addendum opgesteld en kan niet meer worden gewijzigd; trek dat "
            "addendum eerst in."
        )


@transaction.atomic
def indexatie_wijzigen(*, ronde, methode, percentage=None, componenten=None, toelichting="", ova_voorlopig=None,
                       aandeel_voorlopig=Decimal(50), door) -> Indexatieronde:
    """Change a concept round explicitly; the audit line holds the old and the new values."""
    _eis_contractbeheer(door, ronde)
    ronde = Indexatieronde.objects.select_for_update().get(pk=ronde.pk)
    _eis_concept(ronde)
    percentage = _controleer(
        jaar=ronde.jaar, methode=methode, percentage=percentage, componenten=componenten, ova_voorlopig=ova_voorlopig,
        aandeel_voorlopig=aandeel_voorlopig,
    )
    if methode == M.VOORLOPIG_DEFINITIEF:
        _eis_definitief_vorig_jaar(ronde.aanbesteding, ronde.jaar)
    oud = momentopname(ronde, VELDEN)
    ronde.methode, ronde.percentage, ronde.componenten = methode, percentage, componenten or []
    ronde.ova_voorlopig = ova_voorlopig if methode == M.VOORLOPIG_DEFINITIEF else None
    ronde.aandeel_voorlopig, ronde.toelichting = aandeel_voorlopig, toelichting
    ronde.save(update_fields=["methode", "percentage", "componenten", "ova_voorlopig", "aandeel_voorlopig", "toelichting"])
    audit("indexatie.gewijzigd", ronde, door=door, oud=oud, nieuw=momentopname(ronde, VELDEN))
    return ronde


@transaction.atomic
def indexatie_verwijderen(*, ronde, door) -> None:
    """Remove a concept round (never one that became an addendum); the audit line keeps what it held."""
    _eis_contractbeheer(door, ronde)
    ronde = Indexatieronde.objects.select_for_update().get(pk=ronde.pk)
    _eis_concept(ronde)
    audit("indexatie.verwijderd", ronde, door=door, oud=momentopname(ronde, VELDEN))
    ronde.delete()


@transaction.atomic
def indexatie_definitief_vastleggen(*, ronde, componenten, door) -> Indexatieronde:
    """Record the definitive index of the round's year (003 r.2440-2446: CBS Gezondheidszorg, CPI, NZa
    kapitaallasten; weights ambulant 90/8/2, residential 82/8/10), with who and when. A correction is allowed
    until next year's round has become an addendum; the audit line holds old and new values."""
    _eis_contractbeheer(door, ronde)
    ronde = Indexatieronde.objects.select_for_update().get(pk=ronde.pk)
    if ronde.methode != M.VOORLOPIG_DEFINITIEF:
        raise ValidationError("Alleen een ronde volgens 003 §6.22 (voorlopig en definitief) krijgt een definitieve index.")
    if ronde.status != Indexatieronde.Status.GEPUBLICEERD:
        raise ValidationError(
            f"De definitieve index over {ronde.jaar} wordt vastgelegd nadat de voorlopige indexatie is gepubliceerd."
        )
    _componenten(componenten or [])  # validates names, numbers and weights
    volgende = Indexatieronde.objects.filter(aanbesteding=ronde.aanbesteding, jaar=ronde.jaar + 1, addendum__isnull=False).first()
    if volgende is not None:
        raise ValidationError(
            f"De indexatie {ronde.jaar + 1} rekent al met deze definitieve index en is als addendum opgesteld; "
            "trek dat addendum eerst in."
        )
    oud = momentopname(ronde, [DEFINITIEF, "definitief_vastgelegd_door", "definitief_vastgelegd_op"])
    ronde.definitief_componenten = [
        {k: str(c[k]) for k in ("naam", "percentage", "gewicht_ambulant", "gewicht_verblijf")} for c in componenten
    ]
    ronde.definitief_vastgelegd_op, ronde.definitief_vastgelegd_door = kalender.nu(), door
    ronde.save(update_fields=[DEFINITIEF, "definitief_vastgelegd_op", "definitief_vastgelegd_door"])
    audit(
        "indexatie.definitief_vastgelegd", ronde, door=door, oud=oud,
        nieuw=momentopname(ronde, [DEFINITIEF, "definitief_vastgelegd_door", "definitief_vastgelegd_op"]),
    )
    return ronde


def _componenten(rijen) -> list[regels.Component]:
    try:
        comps = [
            regels.Component(r["naam"], Decimal(str(r["percentage"])), Decimal(str(r["gewicht_ambulant"])), Decimal(str(r["gewicht_verblijf"])))
            for r in rijen
        ]
    except (KeyError, ArithmeticError, ValueError) as exc:
        raise ValidationError("Elke component heeft een naam, percentage en gewichten (ambulant en verblijf).") from exc
    for verblijf in (False, True):
        try:
            regels.gewogen_index(comps, verblijf)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc
    return comps


def definitieve_index(ronde, verblijf: bool) -> Decimal | None:
    """The recorded definitive index of ``ronde`` for an ambulant or residential product, or None."""
    if not ronde.definitief_componenten:
        return None
    return regels.gewogen_index(_componenten(ronde.definitief_componenten), verblijf)


def indexatie_voorbeeld(ronde) -> list[dict]:
    """The new tariffs per product, from the tariffs in force on 31 December of the previous year.

    Methods percentage and gewogen: the carried-forward unrounded tariff × the index (003a §3.9, issue 6).
    Method 003 §6.22: the base is last year's base (``Tarief.grondslag``) corrected with last year's definitive
    index (003 r.2456), times the new provisional index; a tariff that did not come from such a round starts
    from the tariff itself. Per-provider tariffs (``Tarief.organisatie``) are not indexed here: the addendum
    records tariffs for everyone."""
    peildatum = date(ronde.jaar - 1, 12, 31)
    tarieven = (
        Tarief.objects.filter(product__perceel__aanbesteding=ronde.aanbesteding, organisatie__isnull=True).geldig_op(peildatum)
        .select_related("product__perceel").order_by("product__perceel__volgorde", "product__code", "intensiteit")
    )
    comps = _componenten(ronde.componenten) if ronde.methode == M.GEWOGEN else None
    bron = ronde.methode == M.VOORLOPIG_DEFINITIEF
    vorige = _eis_definitief_vorig_jaar(ronde.aanbesteding, ronde.jaar) if bron else None
    rijen = []
    for t in tarieven:
        verblijf = t.product.is_verblijf  # the 003a §3.9 weights of residential products
        pct = regels.gewogen_index(comps, verblijf) if comps else Decimal(ronde.percentage)
        vorige_grondslag = definitief = None
        if bron and vorige is not None and t.grondslag is not None:
            # 003 r.2456 / r.2462: last year's base × (1 + definitive index); unrounded, carried forward.
            vorige_grondslag, definitief = t.grondslag, definitieve_index(vorige, verblijf)
            basis, _ = regels.indexeer(t.grondslag, definitief)
        else:
            basis = t.bedrag_onafgerond if t.bedrag_onafgerond is not None else t.bedrag
        onafgerond, bedrag = regels.indexeer(basis, pct)
        rijen.append({
            "tarief": t, "product": t.product, "intensiteit": t.intensiteit, "oud": t.bedrag, "basis": basis,
            "percentage": pct, "onafgerond": onafgerond, "nieuw": bedrag, "verblijf": verblijf,
            "vorige_grondslag": vorige_grondslag, "definitief": definitief,
        })
    return rijen


def termijn_verstreken(ronde, op: date | None = None) -> bool:
    """Whether the lead time for 1 January has passed (non-material: by 1 October, 003a §3.7/§3.9)."""
    maanden = Contractregels.voor(ronde.aanbesteding).termijn_niet_wezenlijk_maanden
    return not regels.aankondigingstermijn_gehaald(op or kalender.vandaag(), date(ronde.jaar, 1, 1), maanden)


def _getal(waarde) -> str:
    """2.0000 → "2", 50.00 → "50" (never "5E+1")."""
    return format(Decimal(waarde).normalize(), "f")


def _uitleg(ronde) -> str:
    if ronde.methode == M.PERCENTAGE:
        return f"{ronde.percentage}%"
    if ronde.methode == M.GEWOGEN:
        return ", ".join(f"{c['naam']} {c['percentage']}%" for c in ronde.componenten)
    uitleg = (
        f"voorlopige index {_getal(ronde.percentage)}% = {_getal(ronde.aandeel_voorlopig)}% van de voorlopige OVA "
        f"{_getal(ronde.ova_voorlopig)}%, op de grondslag"
    )
    vorige = _vorige_ronde(ronde.aanbesteding, ronde.jaar)
    if vorige is not None:
        delen = ", ".join(f"{c['naam']} {c['percentage']}%" for c in vorige.definitief_componenten)
        uitleg += f" van {vorige.jaar} gecorrigeerd met de definitieve index {vorige.jaar} ({delen})"
    return uitleg + "; 003 §6.22"


@transaction.atomic
def indexatie_als_addendum(*, ronde, door, afwijking_reden: str = "") -> Addendum:
    """Turn the round into an addendum effective 1 January (non-material: by 1 October, 003a §3.7/§3.9), ready
    for a second person's approval. After the lead time an Inkoper may record an exception with a reason
    (``afwijking_reden``; ``addendum_termijn_afwijken`` checks the role and audits it). Publication creates the
    Tarief rows (with their grondslag) and marks the round published."""
    _eis_contractbeheer(door, ronde)
    ronde = Indexatieronde.objects.select_for_update().get(pk=ronde.pk)
    if ronde.addendum_id:
        return ronde.addendum
    rijen = indexatie_voorbeeld(ronde)
    if not rijen:
        raise ValidationError(f"Er zijn geen tarieven op 31-12-{ronde.jaar - 1} om te indexeren.")
    addendum = addendum_opstellen(
        aanbesteding=ronde.aanbesteding, titel=f"Tariefindexatie {ronde.jaar}",
        tekst=f"De tarieven worden per 1 januari {ronde.jaar} geïndexeerd ({_uitleg(ronde)}). Tarieven zijn afgerond "
        f"op 2 decimalen; de onafgeronde waarde wordt doorgetrokken (003a §3.9). {ronde.toelichting}".strip(),
        ingangsdatum=date(ronde.jaar, 1, 1), soort=Addendum.Soort.NIET_WEZENLIJK, door=door,
        onderdelen=[{
            "soort": AddendumOnderdeel.Soort.TARIEVEN, "jaar": ronde.jaar,
            "gegevens": {"tarieven": [
                {"product": r["product"].pk, "code": r["product"].code, "intensiteit": r["intensiteit"],
                 "oud": str(r["oud"]), "bedrag": str(r["nieuw"]), "onafgerond": str(r["onafgerond"]),
                 # 003 §6.22: the base the index was applied to, kept for next year's correction.
                 "grondslag": str(r["basis"])}
                for r in rijen
            ]},
        }],
    )
    if (afwijking_reden or "").strip():
        addendum = addendum_termijn_afwijken(addendum=addendum, reden=afwijking_reden, door=door)
        audit("indexatie.termijn_afwijking", ronde, door=door, nieuw={"addendum": str(addendum)}, toelichting=afwijking_reden.strip())
    ronde.addendum = addendum
    ronde.save(update_fields=["addendum"])
    # Return the copy addendum_ter_goedkeuring saved: the draft from addendum_opstellen still says "concept".
    return addendum_ter_goedkeuring(addendum=addendum, door=door)
