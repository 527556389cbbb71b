"""Addenda (003a §3.7; 002 UOK 15.1): lead times, four eyes, distribution, answers, taking effect.

Tariff tables and product changes in an addendum change aanbesteding's productenboek through aanbesteding's
own services (ADR 0009: one owner per table).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from aanbesteding import services as aanbesteding_services
from aanbesteding.models import Product
from core import kalender
from core.audit import audit, momentopname
from core.taken import na_commit

from .. import regels
from ..models import (
    Addendum,
    AddendumOnderdeel,
    AddendumReactie,
    Contractregels,
    Deelname,
    Indexatieronde,
    Mededeling,
    Overeenkomst,
    Uittreding,
)
from ..permissions import eis_contractbeheer_regio, inkoper_bereik, is_inkoper
from ._gemeen import (
    LOPEND,
    _deelnames_beeindigen,
    _eis_aanbieder,
    _eis_contractbeheer,
    _eis_contractbeheer_persoon,
    _taken,
)


def termijn_maanden(addendum) -> int:
    r = Contractregels.voor(addendum.aanbesteding)
    return r.termijn_wezenlijk_maanden if addendum.soort == Addendum.Soort.WEZENLIJK else r.termijn_niet_wezenlijk_maanden


def termijn_gehaald(addendum, op: date | None = None) -> bool:
    return regels.aankondigingstermijn_gehaald(op or kalender.vandaag(), addendum.ingangsdatum, termijn_maanden(addendum))


def _controleer_termijn(addendum, op: date):
    if termijn_gehaald(addendum, op) or addendum.termijn_afwijking_reden:
        return
    maanden = termijn_maanden(addendum)
    raise ValidationError(
        f"De aankondigingstermijn is te kort: een {addendum.get_soort_display().lower()} moet ten minste "
        f"{maanden} maanden vóór de ingangsdatum bekend zijn (003a §3.7). Publiceer uiterlijk "
        f"{regels.uiterste_aankondiging(addendum.ingangsdatum, maanden):%d-%m-%Y}, kies een ingangsdatum vanaf "
        f"{regels.vroegste_ingangsdatum(op, maanden):%d-%m-%Y}, of laat een inkoper een afwijking met reden vastleggen."
    )


@transaction.atomic
def addendum_opstellen(*, aanbesteding, titel, tekst, ingangsdatum, soort=Addendum.Soort.NIET_WEZENLIJK, percelen=(), onderdelen=(), door) -> Addendum:
    """Draft an addendum with structured changes. ``onderdelen``: dicts with the AddendumOnderdeel fields."""
    _eis_contractbeheer(door, aanbesteding)
    if not (titel or "").strip() or not (tekst or "").strip():
        raise ValidationError("Geef het addendum een titel en een tekst.")
    if ingangsdatum is None:
        raise ValidationError("Geef de ingangsdatum van het addendum.")
    addendum = Addendum.objects.create(
        aanbesteding=aanbesteding, titel=titel, tekst=tekst, soort=soort, ingangsdatum=ingangsdatum, opgesteld_door=door,
    )
    if percelen:
        addendum.percelen.set(percelen)
    for i, onderdeel in enumerate(onderdelen):
        addendum_onderdeel_toevoegen(addendum=addendum, volgorde=i, door=door, **onderdeel)
    audit("addendum.opgesteld", addendum, door=door, nieuw=momentopname(addendum, ["titel", "soort", "ingangsdatum"]))
    return addendum


def addendum_onderdeel_toevoegen(*, addendum, soort, door, volgorde=0, **velden) -> AddendumOnderdeel:
    """Add one structured change (product, tariff table or clause) to a draft addendum."""
    _eis_contractbeheer(door, addendum)
    if addendum.status != Addendum.Status.CONCEPT:
        raise ValidationError("Alleen een concept-addendum kan worden gewijzigd.")
    onderdeel = AddendumOnderdeel(addendum=addendum, soort=soort, volgorde=volgorde, **velden)
    S = AddendumOnderdeel.Soort
    if soort not in S.values:
        raise ValidationError("Kies de soort wijziging.")
    if soort in (S.PRODUCT_GEWIJZIGD, S.PRODUCT_VERWIJDERD) and onderdeel.product_id is None:
        raise ValidationError("Kies het product dat wijzigt of vervalt.")
    if soort == S.PRODUCT_TOEGEVOEGD and (onderdeel.perceel_id is None or not onderdeel.gegevens.get("code")):
        raise ValidationError("Een nieuw product heeft een perceel en een productcode nodig.")
    if soort == S.TARIEVEN and (not onderdeel.jaar or not onderdeel.gegevens.get("tarieven")):
        raise ValidationError("Een tarieftabel heeft een jaar en tarieven nodig.")
    if soort == S.CLAUSULE and not onderdeel.tekst:
        raise ValidationError("Geef de nieuwe tekst van de bepaling.")
    onderdeel.save()
    return onderdeel


@transaction.atomic
def addendum_termijn_afwijken(*, addendum, reden, door) -> Addendum:
    """An Inkoper accepts a shorter lead time than 003a §3.7, with a recorded reason."""
    if not is_inkoper(door):
        raise PermissionDenied("Alleen een inkoper mag een kortere aankondigingstermijn toestaan.")
    eis_contractbeheer_regio(door, addendum, inkoper_bereik(door))
    if not reden.strip():
        raise ValidationError("Geef de reden voor de kortere termijn.")
    addendum = Addendum.objects.select_for_update().get(pk=addendum.pk)
    addendum.termijn_afwijking_reden, addendum.termijn_afwijking_door = reden.strip(), door
    addendum.save(update_fields=["termijn_afwijking_reden", "termijn_afwijking_door"])
    audit("addendum.termijn_afwijking", addendum, door=door, toelichting=reden)
    return addendum


@transaction.atomic
def addendum_ter_goedkeuring(*, addendum, door) -> Addendum:
    """Offer a draft for approval by a second person; the lead time must be met (or an override recorded)."""
    _eis_contractbeheer(door, addendum)
    addendum = Addendum.objects.select_for_update().get(pk=addendum.pk)
    if addendum.status != Addendum.Status.CONCEPT:
        raise ValidationError("Dit addendum is geen concept meer.")
    _controleer_termijn(addendum, kalender.vandaag())
    Addendum.OVERGANGEN.zet(addendum, Addendum.Status.TER_GOEDKEURING)
    addendum.save(update_fields=["status"])
    audit("addendum.ter_goedkeuring", addendum, door=door)
    return addendum


@transaction.atomic
def addendum_intrekken(*, addendum, reden, door) -> Addendum:
    """Withdraw a draft or an addendum awaiting approval, with a recorded reason. A published addendum binds
    the providers who received it and cannot be withdrawn; a new addendum changes it."""
    _eis_contractbeheer_persoon(door, "Alleen een contractmanager of inkoper trekt een addendum in.", addendum)
    if not (reden or "").strip():
        raise ValidationError("Geef de reden van de intrekking.")
    addendum = Addendum.objects.select_for_update().get(pk=addendum.pk)
    oud = Addendum.OVERGANGEN.zet(addendum, Addendum.Status.INGETROKKEN)
    addendum.save(update_fields=["status"])
    # An indexation round whose addendum was withdrawn can be turned into a new addendum.
    Indexatieronde.objects.filter(addendum=addendum).update(addendum=None)
    audit("addendum.ingetrokken", addendum, door=door, oud={"status": oud}, nieuw={"status": addendum.status}, toelichting=reden)
    return addendum


def _betrokken_overeenkomsten(addendum):
    deelnames = Deelname.objects.filter(overeenkomst__aanbesteding=addendum.aanbesteding, status__in=LOPEND)
    perceel_ids = list(addendum.percelen.values_list("pk", flat=True))
    if perceel_ids:
        deelnames = deelnames.filter(perceel_id__in=perceel_ids)
    return Overeenkomst.objects.filter(pk__in=deelnames.values("overeenkomst_id"))


@transaction.atomic
def addendum_publiceren(*, addendum, door) -> Addendum:
    """Approve and publish: a second person (not the drafter) approves; the lead time is checked again on the
    day of publication; every provider with a running deelname in the affected percelen gets it to answer;
    tariff tables become Tarief rows (the productenboek reads them) and the procedure page announces it."""
    _eis_contractbeheer(door, addendum)
    addendum = Addendum.objects.select_for_update().get(pk=addendum.pk)
    if addendum.status != Addendum.Status.TER_GOEDKEURING:
        raise ValidationError("Alleen een addendum dat ter goedkeuring ligt kan worden gepubliceerd.")
    if door is None or door.pk == addendum.opgesteld_door_id:
        raise PermissionDenied("Een tweede persoon keurt het addendum goed: niet degene die het opstelde.")
    _controleer_termijn(addendum, kalender.vandaag())
    volgend = (Addendum.objects.filter(aanbesteding=addendum.aanbesteding).aggregate(m=Max("nummer"))["m"] or 0) + 1
    Addendum.OVERGANGEN.zet(addendum, Addendum.Status.GEPUBLICEERD)
    addendum.nummer = volgend
    addendum.goedgekeurd_door = door
    addendum.gepubliceerd_op = kalender.nu()
    addendum.save(update_fields=["nummer", "status", "goedgekeurd_door", "gepubliceerd_op"])
    reacties = [
        AddendumReactie(addendum=addendum, overeenkomst=ovk, status=AddendumReactie.Status.OPEN)
        for ovk in _betrokken_overeenkomsten(addendum)
    ]
    AddendumReactie.objects.bulk_create(reacties)
    _tarieven_vastleggen(addendum, door)
    Indexatieronde.OVERGANGEN.bijwerken(Indexatieronde.objects.filter(addendum=addendum), Indexatieronde.Status.GEPUBLICEERD)
    Mededeling.objects.get_or_create(
        sleutel=f"addendum:{addendum.pk}",
        defaults={
            "aanbesteding": addendum.aanbesteding,
            "soort": Mededeling.Soort.INDEXATIE if hasattr(addendum, "indexatieronde") else Mededeling.Soort.ADDENDUM,
            "addendum": addendum, "titel": str(addendum),
            "tekst": f"Gaat in op {addendum.ingangsdatum:%d-%m-%Y}. {addendum.tekst[:500]}",
            "gepubliceerd_op": addendum.gepubliceerd_op,
        },
    )
    audit(
        "addendum.gepubliceerd", addendum, door=door,
        nieuw={"nummer": addendum.nummer, "ontvangers": len(reacties), "goedgekeurd_door": str(door)},
        toelichting=addendum.termijn_afwijking_reden and f"Kortere termijn: {addendum.termijn_afwijking_reden}",
    )
    na_commit(_taken().addendum_versturen, addendum.pk)
    return addendum


def _tarieven_vastleggen(addendum, door):
    """A tariff table in an addendum becomes Tarief rows from 1 January of its year (aanbesteding closes the
    previous row the day before, so TariefQuerySet.geldig_op stays unambiguous)."""
    bron = f"Addendum {addendum.nummer}"
    for onderdeel in addendum.onderdelen.filter(soort=AddendumOnderdeel.Soort.TARIEVEN).select_related("addendum"):
        van = date(onderdeel.jaar, 1, 1)
        producten = {
            p.pk: p for p in Product.objects.filter(
                pk__in=[int(r["product"]) for r in onderdeel.gegevens.get("tarieven", [])]
            )
        }
        for regel in onderdeel.gegevens.get("tarieven", []):
            aanbesteding_services.tarief_vastleggen(
                product=producten[int(regel["product"])], intensiteit=regel.get("intensiteit", ""), geldig_van=van,
                bedrag=regel["bedrag"], bedrag_onafgerond=regel.get("onafgerond") or None,
                grondslag=regel.get("grondslag") or None, bron=bron, door=door,  # 003 §6.22 base
            )


@transaction.atomic
def addendum_beantwoorden(*, reactie, aanvaard: bool, door, toelichting="") -> AddendumReactie:
    """The provider accepts or refuses before the effective date. A refusal ends its deelnames in the affected
    percelen on the effective date (VNG, peers-and-standards §2.18: a refused amendment counts as notice)."""
    reactie = AddendumReactie.objects.select_for_update(of=("self",)).select_related("addendum", "overeenkomst__organisatie").get(pk=reactie.pk)
    _eis_aanbieder(door, reactie.overeenkomst.organisatie)
    if reactie.status != AddendumReactie.Status.OPEN:
        raise ValidationError("Op dit addendum is al gereageerd.")
    if kalender.vandaag() >= reactie.addendum.ingangsdatum:
        raise ValidationError("Het addendum is al ingegaan; reageren kan alleen vóór de ingangsdatum.")
    if not aanvaard and not toelichting.strip():
        raise ValidationError("Geef een toelichting bij een weigering.")
    AddendumReactie.OVERGANGEN.zet(reactie, AddendumReactie.Status.AANVAARD if aanvaard else AddendumReactie.Status.GEWEIGERD)
    reactie.beantwoord_op, reactie.beantwoord_door, reactie.toelichting = kalender.nu(), door, toelichting
    reactie.save(update_fields=["status", "beantwoord_op", "beantwoord_door", "toelichting"])
    audit("addendum.beantwoord", reactie.overeenkomst, door=door, nieuw={"addendum": str(reactie.addendum), "status": reactie.status}, toelichting=toelichting)
    return reactie


@transaction.atomic
def addendum_in_werking(*, addendum_id: int, op: date | None = None) -> Addendum | None:
    """On (or after, when a run was missed) the effective date: silence becomes acceptance or refusal as the
    procedure says; each refusal ends the deelnames in the affected percelen on the effective date, recorded
    as uittreding; product changes take effect. Idempotent."""
    op = op or kalender.vandaag()
    addendum = Addendum.objects.select_for_update().filter(pk=addendum_id).first()
    if addendum is None or addendum.status != Addendum.Status.GEPUBLICEERD or op < addendum.ingangsdatum:
        return None
    regels_ = Contractregels.voor(addendum.aanbesteding)
    stil = AddendumReactie.Status.STILZWIJGEND_GEWEIGERD if regels_.stilzwijgen_is_weigering else AddendumReactie.Status.STILZWIJGEND_AANVAARD
    AddendumReactie.OVERGANGEN.bijwerken(addendum.reacties.all(), stil)  # only the open ones can reach it
    perceel_ids = list(addendum.percelen.values_list("pk", flat=True))
    for reactie in addendum.reacties.filter(status__in=AddendumReactie.WEIGERINGEN, verwerkt=False).select_related("overeenkomst"):
        deelnames = reactie.overeenkomst.deelnames.filter(status__in=LOPEND)
        if perceel_ids:
            deelnames = deelnames.filter(perceel_id__in=perceel_ids)
        deelnames = list(deelnames)
        reden = f"{reactie.get_status_display()}: {addendum}"
        uittreding = Uittreding.objects.create(
            overeenkomst=reactie.overeenkomst, aanleiding=Uittreding.Aanleiding.ADDENDUM_GEWEIGERD, addendum=addendum,
            ontvangen_op=(reactie.beantwoord_op.date() if reactie.beantwoord_op else addendum.ingangsdatum),
            vroegste_einddatum=addendum.ingangsdatum, einddatum=addendum.ingangsdatum,
            status=Uittreding.Status.AFGEROND, toelichting=reden,
        )
        uittreding.deelnames.set(deelnames)
        _deelnames_beeindigen(deelnames, addendum.ingangsdatum, reden)
        reactie.verwerkt = True
        reactie.save(update_fields=["verwerkt"])
        audit("uittreding.addendum_geweigerd", reactie.overeenkomst, nieuw={"einddatum": addendum.ingangsdatum}, toelichting=reden)
    addendum.reacties.exclude(status__in=AddendumReactie.WEIGERINGEN).update(verwerkt=True)
    _productwijzigingen_doorvoeren(addendum)
    Addendum.OVERGANGEN.zet(addendum, Addendum.Status.VERWERKT)
    addendum.verwerkt_op = kalender.nu()
    addendum.save(update_fields=["status", "verwerkt_op"])
    audit("addendum.in_werking", addendum)
    return addendum


def _productwijzigingen_doorvoeren(addendum):
    """Product changes take effect through aanbesteding's services (the productenboek is aanbesteding's)."""
    S = AddendumOnderdeel.Soort
    bron = f"Addendum {addendum.nummer}"
    for onderdeel in addendum.onderdelen.select_related("product", "perceel").exclude(soort__in=[S.TARIEVEN, S.CLAUSULE]):
        g = onderdeel.gegevens
        if onderdeel.soort == S.PRODUCT_TOEGEVOEGD:
            product = aanbesteding_services.product_toevoegen(
                perceel=onderdeel.perceel, code=g["code"], categorie=g.get("categorie", ""), naam=g.get("naam", ""),
                eenheid=g.get("eenheid", "uur"), frequentie=g.get("frequentie", "totaal"),
                omschrijving=g.get("omschrijving", ""), bron=bron,
            )
            if g.get("bedrag"):
                aanbesteding_services.tarief_vastleggen(
                    product=product, intensiteit=g.get("intensiteit", ""), geldig_van=addendum.ingangsdatum,
                    bedrag=g["bedrag"], bron=bron,
                )
        elif onderdeel.soort == S.PRODUCT_GEWIJZIGD:
            velden = {k: v for k, v in g.items() if k in aanbesteding_services.PRODUCTVELDEN}
            if velden:
                aanbesteding_services.product_wijzigen(product=onderdeel.product, velden=velden, bron=bron)
        elif onderdeel.soort == S.PRODUCT_VERWIJDERD:
            aanbesteding_services.product_laten_vervallen(product=onderdeel.product, per=addendum.ingangsdatum, bron=bron)
