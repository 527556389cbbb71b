"""Yearly tariff indexation (003a §3.9): a round with one percentage or weighted components becomes a
non-material addendum effective 1 January; publication of that addendum records the tariffs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from aanbesteding.models import Tarief
from core.audit import audit, momentopname

from .. import regels
from ..models import Addendum, AddendumOnderdeel, Indexatieronde
from ._gemeen import _eis_contractbeheer
from .addenda import addendum_opstellen, addendum_ter_goedkeuring


@transaction.atomic
def indexatie_opstellen(*, aanbesteding, jaar, methode=Indexatieronde.Methode.PERCENTAGE, percentage=None, componenten=None, toelichting="", door) -> Indexatieronde:
    """Draft (or redraft) the round of ``jaar``. A round already turned into an addendum is fixed: withdraw
    that addendum first."""
    _eis_contractbeheer(door, aanbesteding)
    if methode not in Indexatieronde.Methode.values:
        raise ValidationError("Kies de methode: één percentage of gewogen componenten.")
    if not jaar or jaar < 2000:
        raise ValidationError("Geef het tariefjaar.")
    if methode == Indexatieronde.Methode.PERCENTAGE and percentage is None:
        raise ValidationError("Geef het indexpercentage.")
    if methode == Indexatieronde.Methode.GEWOGEN:
        _componenten(componenten or [])  # validates
    bestaand = Indexatieronde.objects.select_for_update().filter(aanbesteding=aanbesteding, jaar=jaar).first()
    if bestaand is not None and (bestaand.status != Indexatieronde.Status.CONCEPT or bestaand.addendum_id):
        raise ValidationError(f"De indexatie {jaar} is al als addendum opgesteld en kan niet meer worden gewijzigd.")
    ronde, _ = Indexatieronde.objects.update_or_create(
        aanbesteding=aanbesteding, jaar=jaar,
        defaults={
            "methode": methode, "percentage": percentage, "componenten": componenten or [],
            "toelichting": toelichting, "aangemaakt_door": door,
        },
    )
    audit("indexatie.opgesteld", ronde, door=door, nieuw=momentopname(ronde, ["jaar", "methode", "percentage", "componenten"]))
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


def indexatie_voorbeeld(ronde) -> list[dict]:
    """The new tariffs per product: the base is the tariff in force on 31 December of the previous year, using
    the carried-forward unrounded value where there is one (003a §3.9)."""
    peildatum = date(ronde.jaar - 1, 12, 31)
    tarieven = (
        Tarief.objects.filter(product__perceel__aanbesteding=ronde.aanbesteding).geldig_op(peildatum)
        .select_related("product__perceel").order_by("product__perceel__volgorde", "product__code", "intensiteit")
    )
    comps = _componenten(ronde.componenten) if ronde.methode == Indexatieronde.Methode.GEWOGEN else None
    rijen = []
    for t in tarieven:
        verblijf = t.product.eenheid == "etmaal"  # residential products are billed per etmaal (003a §3.9 weights)
        pct = regels.gewogen_index(comps, verblijf) if comps else Decimal(ronde.percentage)
        basis = t.bedrag_onafgerond if t.bedrag_onafgerond is not None else t.bedrag
        onafgerond, bedrag = regels.indexeer(basis, pct)
        rijen.append({
            "tarief": t, "product": t.product, "intensiteit": t.intensiteit, "oud": t.bedrag, "basis": basis,
            "percentage": pct, "onafgerond": onafgerond, "nieuw": bedrag, "verblijf": verblijf,
        })
    return rijen


@transaction.atomic
def indexatie_als_addendum(*, ronde, door) -> Addendum:
    """Turn the round into an addendum effective 1 January (non-material: by 1 October, 003a §3.7/§3.9), ready
    for a second person's approval. Publication creates the Tarief rows and marks the round published."""
    _eis_contractbeheer(door, ronde)
    ronde = Indexatieronde.objects.select_for_update().get(pk=ronde.pk)
    if ronde.addendum_id:
        return ronde.addendum
    rijen = indexatie_voorbeeld(ronde)
    if not rijen:
        raise ValidationError(f"Er zijn geen tarieven op 31-12-{ronde.jaar - 1} om te indexeren.")
    uitleg = (
        f"{ronde.percentage}%" if ronde.methode == Indexatieronde.Methode.PERCENTAGE
        else ", ".join(f"{c['naam']} {c['percentage']}%" for c in ronde.componenten)
    )
    addendum = addendum_opstellen(
        aanbesteding=ronde.aanbesteding, titel=f"Tariefindexatie {ronde.jaar}",
        tekst=f"De tarieven worden per 1 januari {ronde.jaar} geïndexeerd ({uitleg}). Tarieven zijn afgerond op "
        f"2 decimalen; de onafgeronde waarde wordt doorgetrokken (003a §3.9). {ronde.toelichting}".strip(),
        ingangsdatum=date(ronde.jaar, 1, 1), soort=Addendum.Soort.NIET_WEZENLIJK, door=door,
        onderdelen=[{
            "soort": AddendumOnderdeel.Soort.TARIEVEN, "jaar": ronde.jaar,
            "gegevens": {"tarieven": [
                {"product": r["product"].pk, "code": r["product"].code, "intensiteit": r["intensiteit"],
                 "oud": str(r["oud"]), "bedrag": str(r["nieuw"]), "onafgerond": str(r["onafgerond"])}
                for r in rijen
            ]},
        }],
    )
    ronde.addendum = addendum
    ronde.save(update_fields=["addendum"])
    # Return the copy addendum_ter_goedkeuring saved: the draft from addendum_opstellen still says "concept".
    return addendum_ter_goedkeuring(addendum=addendum, door=door)
