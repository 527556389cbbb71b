"""Every write of the overeenkomst app: permission check → select_for_update → change → audit → after-commit task.

``door=None`` means the system (a scheduled task or the hand-over from toetsing); the permission check is then
skipped because the caller is trusted code, not a request.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q

from aanbesteding.models import Aanbesteding, Product, Tarief
from core import kalender
from core.audit import audit, momentopname
from core.geld import formatteer_euro
from core.kalender import nu
from core.taken import na_commit
from organisaties.models import Organisatie

from . import regels
from .models import (
    Addendum,
    AddendumOnderdeel,
    AddendumReactie,
    Clientenstop,
    Contractregels,
    Deelname,
    Indexatieronde,
    Mededeling,
    Onderaannemer,
    Overeenkomst,
    Toetreding,
    Uittreding,
    Verlengingsbezwaar,
    Verlengingsronde,
    Wijzigingsverzoek,
)
from .permissions import is_contractbeheer, is_inkoper, mag_namens_aanbieder_handelen

LOPEND = (Deelname.Status.ACTIEF, Deelname.Status.CLIENTENSTOP)


def vandaag() -> date:
    return nu().date()


def _eis_contractbeheer(door):
    if door is not None and not is_contractbeheer(door):
        raise PermissionDenied("Alleen een contractmanager of inkoper mag dit doen.")


def _eis_aanbieder(door, organisatie):
    if not mag_namens_aanbieder_handelen(door, organisatie):
        raise PermissionDenied("Alleen een beheerder van de organisatie mag dit namens de aanbieder doen.")


def _taken():
    from . import tasks  # late: tasks imports services

    return tasks


# --- Toetreding -----------------------------------------------------------------------------------------

@transaction.atomic
def overeenkomst_uit_toelating(*, organisatie, aanbesteding, percelen, startdatum, bron=None, door=None) -> Overeenkomst:
    """Create (or extend) the provider's agreement after definitieve toelating (issue 5 → 6).

    Idempotent: a perceel with a running deelname is skipped, so the signal receiver and the catch-up task
    may both call it. The joiner inherits every addendum published before (002 UOK 7.1) and a public
    announcement is published (002 UOK 7.2). Onderaannemers named in the inschrijving (``bron`` an
    Inschrijving or anything with an ``inschrijving``) are carried over for the admitted percelen.
    """
    _eis_contractbeheer(door)
    if organisatie.soort != Organisatie.Soort.AANBIEDER:
        raise ValidationError("Alleen een zorgaanbieder kan een overeenkomst krijgen.")
    percelen = list(percelen)
    if any(p.aanbesteding_id != aanbesteding.pk for p in percelen):
        raise ValidationError("Alle percelen moeten bij deze aanbesteding horen.")
    Aanbesteding.objects.select_for_update().get(pk=aanbesteding.pk)  # serialise concurrent hand-overs
    bron_sleutel = _bron_sleutel(bron)
    if bron_sleutel:
        eerder = Toetreding.objects.filter(bron_soort=bron_sleutel[0], bron_id=bron_sleutel[1]).select_related("overeenkomst").first()
        if eerder is not None:
            return eerder.overeenkomst  # already handed over (perhaps left since): never re-create
    ovk, nieuw = Overeenkomst.objects.get_or_create(
        aanbesteding=aanbesteding, organisatie=organisatie,
        defaults={"startdatum": startdatum, "bron": str(bron or "")[:255]},
    )
    if not nieuw and ovk.status == Overeenkomst.Status.BEEINDIGD:
        # Re-admitted after leaving (e.g. a new inschrijving after an uittreding): the agreement lives again.
        oud = momentopname(ovk, ["status", "einddatum"])
        ovk.status, ovk.einddatum = Overeenkomst.Status.ACTIEF, None
        ovk.save(update_fields=["status", "einddatum"])
        audit("overeenkomst.heropend", ovk, door=door, oud=oud, nieuw=momentopname(ovk, ["status", "einddatum"]))
    lopend = set(ovk.deelnames.filter(status__in=LOPEND).values_list("perceel_id", flat=True))
    toegevoegd = []
    for perceel in percelen:
        if perceel.pk in lopend:
            continue
        toegevoegd.append(Deelname.objects.create(
            overeenkomst=ovk, perceel=perceel, startdatum=startdatum, status=Deelname.Status.ACTIEF, status_sinds=startdatum,
        ))
    if bron_sleutel:
        toetreding = Toetreding.objects.create(
            bron_soort=bron_sleutel[0], bron_id=bron_sleutel[1], overeenkomst=ovk, startdatum=startdatum
        )
        toetreding.percelen.set(percelen)
    if toegevoegd:
        _onderaannemers_uit_bron(bron, toegevoegd, startdatum)
        audit(
            "overeenkomst.toetreding", ovk, door=door,
            nieuw={"percelen": [d.perceel.code for d in toegevoegd], "startdatum": startdatum},
            toelichting=str(bron or ""),
        )
        # 002 UOK 7.1: the joiner is bound by everything published before.
        _addenda_overnemen(ovk)
        codes = ", ".join(d.perceel.code for d in toegevoegd)
        titel = (
            f"Nieuwe aanbieder toegetreden: {organisatie.naam}" if nieuw
            else f"{organisatie.naam} toegetreden tot perceel {codes}"
        )
        Mededeling.objects.get_or_create(
            sleutel=f"toetreding:{ovk.pk}:" + "-".join(str(d.perceel_id) for d in toegevoegd),
            defaults={
                "aanbesteding": aanbesteding, "soort": Mededeling.Soort.TOETREDING, "overeenkomst": ovk,
                "titel": titel,
                "tekst": f"{organisatie.naam} ({organisatie.plaats}) levert vanaf {startdatum:%d-%m-%Y} in perceel {codes}.",
                "gepubliceerd_op": kalender.nu(),
            },
        )
    return ovk


def _bron_sleutel(bron) -> tuple[str, str] | None:
    meta = getattr(bron, "_meta", None)
    if meta is None or getattr(bron, "pk", None) is None:
        return None
    return meta.label_lower, str(bron.pk)


def _onderaannemers_uit_bron(bron, deelnames, startdatum):
    inschrijving = bron if hasattr(bron, "leden") else getattr(bron, "inschrijving", None)
    if inschrijving is None or not hasattr(inschrijving, "leden"):
        return
    per_perceel = {d.perceel_id: d for d in deelnames}
    for lid in inschrijving.leden.filter(rol="onderaannemer").prefetch_related("percelen"):
        perceel_ids = {p.pk for p in lid.percelen.all()} or set(per_perceel)
        for pid in perceel_ids & set(per_perceel):
            Onderaannemer.objects.get_or_create(
                deelname=per_perceel[pid], kvk_nummer=lid.kvk_nummer, vanaf=startdatum,
                defaults={"naam": lid.naam, "plaats": lid.plaats},
            )


def _addenda_overnemen(ovk):
    gepubliceerd = Addendum.objects.filter(
        aanbesteding=ovk.aanbesteding, status__in=[Addendum.Status.GEPUBLICEERD, Addendum.Status.VERWERKT]
    ).exclude(reacties__overeenkomst=ovk)
    for addendum in gepubliceerd:
        AddendumReactie.objects.create(
            addendum=addendum, overeenkomst=ovk, status=AddendumReactie.Status.OVERGENOMEN,
            beantwoord_op=kalender.nu(), verwerkt=True,
            toelichting="Overgenomen bij toetreding (002 UOK 7.1).",
        )


# --- Addenda (003a §3.7) ----------------------------------------------------------------------------------

def termijn_maanden(addendum) -> int:
    r = Contractregels.voor(addendum.aanbesteding)
    return r.termijn_wezenlijk_maanden if addendum.soort == Addendum.Soort.WEZENLIJK else r.termijn_niet_wezenlijk_maanden


def termijn_gehaald(addendum, op: date | None = None) -> bool:
    return regels.aankondigingstermijn_gehaald(op or vandaag(), addendum.ingangsdatum, termijn_maanden(addendum))


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
    _eis_contractbeheer(door)
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
    _eis_contractbeheer(door)
    if addendum.status != Addendum.Status.CONCEPT:
        raise ValidationError("Alleen een concept-addendum kan worden gewijzigd.")
    onderdeel = AddendumOnderdeel(addendum=addendum, soort=soort, volgorde=volgorde, **velden)
    S = AddendumOnderdeel.Soort
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
    if not reden.strip():
        raise ValidationError("Geef de reden voor de kortere termijn.")
    addendum = Addendum.objects.select_for_update().get(pk=addendum.pk)
    addendum.termijn_afwijking_reden, addendum.termijn_afwijking_door = reden.strip(), door
    addendum.save(update_fields=["termijn_afwijking_reden", "termijn_afwijking_door"])
    audit("addendum.termijn_afwijking", addendum, door=door, toelichting=reden)
    return addendum


@transaction.atomic
def addendum_ter_goedkeuring(*, addendum, door) -> Addendum:
    _eis_contractbeheer(door)
    addendum = Addendum.objects.select_for_update().get(pk=addendum.pk)
    if addendum.status != Addendum.Status.CONCEPT:
        raise ValidationError("Dit addendum is geen concept meer.")
    _controleer_termijn(addendum, vandaag())
    addendum.status = Addendum.Status.TER_GOEDKEURING
    addendum.save(update_fields=["status"])
    audit("addendum.ter_goedkeuring", addendum, door=door)
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
    _eis_contractbeheer(door)
    addendum = Addendum.objects.select_for_update().get(pk=addendum.pk)
    if addendum.status != Addendum.Status.TER_GOEDKEURING:
        raise ValidationError("Alleen een addendum dat ter goedkeuring ligt kan worden gepubliceerd.")
    if door is None or door.pk == addendum.opgesteld_door_id:
        raise PermissionDenied("Een tweede persoon keurt het addendum goed: niet degene die het opstelde.")
    _controleer_termijn(addendum, vandaag())
    volgend = (Addendum.objects.filter(aanbesteding=addendum.aanbesteding).aggregate(m=Max("nummer"))["m"] or 0) + 1
    addendum.nummer = volgend
    addendum.status = Addendum.Status.GEPUBLICEERD
    addendum.goedgekeurd_door = door
    addendum.gepubliceerd_op = kalender.nu()
    addendum.save(update_fields=["nummer", "status", "goedgekeurd_door", "gepubliceerd_op"])
    reacties = [
        AddendumReactie(addendum=addendum, overeenkomst=ovk, status=AddendumReactie.Status.OPEN)
        for ovk in _betrokken_overeenkomsten(addendum)
    ]
    AddendumReactie.objects.bulk_create(reacties)
    _tarieven_vastleggen(addendum)
    Indexatieronde.objects.filter(addendum=addendum).update(status=Indexatieronde.Status.GEPUBLICEERD)
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


def _tarieven_vastleggen(addendum):
    """A tariff table in an addendum becomes Tarief rows for its year; the previous open-ended row closes the
    day before (TariefQuerySet.geldig_op stays unambiguous)."""
    bron = f"Addendum {addendum.nummer}"
    for onderdeel in addendum.onderdelen.filter(soort=AddendumOnderdeel.Soort.TARIEVEN):
        van = date(onderdeel.jaar, 1, 1)
        for regel in onderdeel.gegevens.get("tarieven", []):
            product_id, intensiteit = int(regel["product"]), regel.get("intensiteit", "")
            Tarief.objects.filter(
                product_id=product_id, intensiteit=intensiteit, geldig_van__lt=van
            ).filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=van)).update(geldig_tot=van - timedelta(days=1))
            Tarief.objects.update_or_create(
                product_id=product_id, intensiteit=intensiteit, geldig_van=van,
                defaults={
                    "bedrag": Decimal(str(regel["bedrag"])),
                    "bedrag_onafgerond": Decimal(str(regel["onafgerond"])) if regel.get("onafgerond") else None,
                    "bron": bron, "geldig_tot": None,
                },
            )


@transaction.atomic
def addendum_beantwoorden(*, reactie, aanvaard: bool, door, toelichting="") -> AddendumReactie:
    """The provider accepts or refuses before the effective date. A refusal ends its deelnames in the affected
    percelen on the effective date (VNG, peers-and-standards §2.18: a refused amendment counts as notice)."""
    reactie = AddendumReactie.objects.select_for_update(of=("self",)).select_related("addendum", "overeenkomst__organisatie").get(pk=reactie.pk)
    _eis_aanbieder(door, reactie.overeenkomst.organisatie)
    if reactie.status != AddendumReactie.Status.OPEN:
        raise ValidationError("Op dit addendum is al gereageerd.")
    if vandaag() >= reactie.addendum.ingangsdatum:
        raise ValidationError("Het addendum is al ingegaan; reageren kan alleen vóór de ingangsdatum.")
    if not aanvaard and not toelichting.strip():
        raise ValidationError("Geef een toelichting bij een weigering.")
    reactie.status = AddendumReactie.Status.AANVAARD if aanvaard else AddendumReactie.Status.GEWEIGERD
    reactie.beantwoord_op, reactie.beantwoord_door, reactie.toelichting = kalender.nu(), door, toelichting
    reactie.save(update_fields=["status", "beantwoord_op", "beantwoord_door", "toelichting"])
    audit("addendum.beantwoord", reactie.overeenkomst, door=door, nieuw={"addendum": str(reactie.addendum), "status": reactie.status}, toelichting=toelichting)
    return reactie


@transaction.atomic
def addendum_in_werking(*, addendum_id: int, op: date | None = None) -> Addendum | None:
    """On (or after, when a run was missed) the effective date: silence becomes acceptance or refusal as the
    procedure says; each refusal ends the deelnames in the affected percelen on the effective date, recorded
    as uittreding; product changes take effect. Idempotent."""
    op = op or vandaag()
    addendum = Addendum.objects.select_for_update().filter(pk=addendum_id).first()
    if addendum is None or addendum.status != Addendum.Status.GEPUBLICEERD or op < addendum.ingangsdatum:
        return None
    regels_ = Contractregels.voor(addendum.aanbesteding)
    stil = AddendumReactie.Status.STILZWIJGEND_GEWEIGERD if regels_.stilzwijgen_is_weigering else AddendumReactie.Status.STILZWIJGEND_AANVAARD
    addendum.reacties.filter(status=AddendumReactie.Status.OPEN).update(status=stil)
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
    addendum.status, addendum.verwerkt_op = Addendum.Status.VERWERKT, kalender.nu()
    addendum.save(update_fields=["status", "verwerkt_op"])
    audit("addendum.in_werking", addendum)
    return addendum


def _productwijzigingen_doorvoeren(addendum):
    S = AddendumOnderdeel.Soort
    bron = f"Addendum {addendum.nummer}"
    for onderdeel in addendum.onderdelen.select_related("product").exclude(soort__in=[S.TARIEVEN, S.CLAUSULE]):
        g = onderdeel.gegevens
        if onderdeel.soort == S.PRODUCT_TOEGEVOEGD:
            product, _ = Product.objects.get_or_create(
                perceel=onderdeel.perceel, code=g["code"],
                defaults={
                    "categorie": g.get("categorie", g["code"][:2]), "naam": g.get("naam", g["code"]),
                    "eenheid": g.get("eenheid", "uur"), "frequentie": g.get("frequentie", "totaal"),
                    "omschrijving": g.get("omschrijving", ""),
                },
            )
            if g.get("bedrag"):
                Tarief.objects.get_or_create(
                    product=product, intensiteit=g.get("intensiteit", ""), geldig_van=addendum.ingangsdatum,
                    defaults={"bedrag": Decimal(str(g["bedrag"])), "bron": bron},
                )
        elif onderdeel.soort == S.PRODUCT_GEWIJZIGD:
            velden = {k: v for k, v in g.items() if k in {"naam", "omschrijving", "eenheid", "frequentie", "minimale_kwalificatie"}}
            if velden:
                Product.objects.filter(pk=onderdeel.product_id).update(**velden)
        elif onderdeel.soort == S.PRODUCT_VERWIJDERD:
            # Product has no 'vervallen' flag (aanbesteding's model); ending its tariffs removes it from the
            # productenboek of later years.
            einde = addendum.ingangsdatum - timedelta(days=1)
            Tarief.objects.filter(product_id=onderdeel.product_id, geldig_van__gt=einde).delete()
            Tarief.objects.filter(product_id=onderdeel.product_id).filter(
                Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=einde)
            ).update(geldig_tot=einde)


def _deelnames_beeindigen(deelnames, einddatum: date, reden: str):
    for d in deelnames:
        d.status, d.einddatum, d.einde_reden, d.status_sinds = Deelname.Status.BEEINDIGD, max(einddatum, d.startdatum), reden[:255], einddatum
        d.save(update_fields=["status", "einddatum", "einde_reden", "status_sinds"])
        Clientenstop.objects.filter(deelname=d, opgeheven_op__isnull=True).update(opgeheven_op=einddatum, opheffing_toelichting="Deelname beëindigd.")
    for ovk_id in {d.overeenkomst_id for d in deelnames}:
        ovk = Overeenkomst.objects.get(pk=ovk_id)
        if not ovk.deelnames.filter(status__in=LOPEND).exists() and ovk.status != Overeenkomst.Status.BEEINDIGD:
            ovk.status, ovk.einddatum = Overeenkomst.Status.BEEINDIGD, max(einddatum, ovk.startdatum)
            ovk.save(update_fields=["status", "einddatum"])
            audit("overeenkomst.beeindigd", ovk, nieuw={"einddatum": ovk.einddatum}, toelichting=reden)


# --- Indexation (003a §3.9) -------------------------------------------------------------------------------

@transaction.atomic
def indexatie_opstellen(*, aanbesteding, jaar, methode=Indexatieronde.Methode.PERCENTAGE, percentage=None, componenten=None, toelichting="", door) -> Indexatieronde:
    _eis_contractbeheer(door)
    if methode == Indexatieronde.Methode.PERCENTAGE and percentage is None:
        raise ValidationError("Geef het indexpercentage.")
    if methode == Indexatieronde.Methode.GEWOGEN:
        _componenten(componenten or [])  # validates
    ronde, _ = Indexatieronde.objects.update_or_create(
        aanbesteding=aanbesteding, jaar=jaar, status=Indexatieronde.Status.CONCEPT,
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
    for a second person's approval. Publication creates the Tarief rows."""
    _eis_contractbeheer(door)
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
    addendum_ter_goedkeuring(addendum=addendum, door=door)
    return addendum


# --- Wijzigingsverzoeken (003a §3.4, §3.7) ----------------------------------------------------------------

KVK_UITLEG = (
    "Een ander KvK-nummer betekent een andere rechtspersoon. De overeenkomst gaat niet over op een nieuwe "
    "rechtspersoon: die schrijft zich zelf opnieuw in (003a §3.4, één inschrijving per rechtspersoon). Gaat het "
    "om een zuiver administratieve omzetting (bijv. eenmanszaak naar B.V.)? Meld dan een wijziging van rechtsvorm."
)


@transaction.atomic
def wijzigingsverzoek_indienen(*, overeenkomst, soort, wijzigingsdatum, gegevens=None, toelichting="", door) -> Wijzigingsverzoek:
    """The provider's change form, with the deadlines and fee of 003a §3.4/§3.7 applied on submission."""
    _eis_aanbieder(door, overeenkomst.organisatie)
    if overeenkomst.status != Overeenkomst.Status.ACTIEF:
        raise ValidationError("Deze overeenkomst is beëindigd.")
    S = Wijzigingsverzoek.Soort
    if soort == S.KVK:
        raise ValidationError(KVK_UITLEG)
    r = Contractregels.voor(overeenkomst.aanbesteding)
    gegevens = dict(gegevens or {})
    vandaag_ = vandaag()
    verzoek = Wijzigingsverzoek(
        overeenkomst=overeenkomst, soort=soort, gegevens=gegevens, toelichting=toelichting,
        wijzigingsdatum=wijzigingsdatum, ingediend_door=door,
    )
    if soort == S.CONTACTPERSOON:
        verzoek.ingangsdatum = wijzigingsdatum
        verzoek.te_laat = vandaag_ > regels.contactpersoon_uiterlijk(wijzigingsdatum, r.contactpersoon_werkdagen)
    elif soort == S.ADRES:
        verzoek.ingangsdatum = wijzigingsdatum
    elif soort in (S.CAPACITEIT, S.ONDERAANNEMERS):
        verzoek.ingangsdatum, op_tijd = regels.capaciteit_ingangsdatum(vandaag_, r.peildatum_capaciteit_maand, r.peildatum_capaciteit_dag)
        verzoek.te_laat = not op_tijd
    elif soort == S.RECHTSVORM:
        uiterlijk = regels.rechtsvorm_uiterlijk(wijzigingsdatum, r.rechtsvorm_termijn_maanden)
        if vandaag_ > uiterlijk:
            raise ValidationError(
                f"Een wijziging van rechtsvorm meldt u ten minste {r.rechtsvorm_termijn_maanden} maanden vooraf: voor een "
                f"omzetting op {wijzigingsdatum:%d-%m-%Y} uiterlijk {uiterlijk:%d-%m-%Y}. Een te late melding valt onder "
                "de uittredingsregels (optie 2, 003a §3.4)."
            )
        verzoek.ingangsdatum = wijzigingsdatum
        verzoek.vergoeding = regels.rechtsvorm_vergoeding(
            gegevens.get("uren", r.rechtsvorm_uren_inbegrepen), r.rechtsvorm_vergoeding, r.rechtsvorm_uurtarief, r.rechtsvorm_uren_inbegrepen
        )
    else:
        raise ValidationError("Onbekende soort wijziging.")
    verzoek.save()
    audit("wijzigingsverzoek.ingediend", verzoek, door=door, nieuw=momentopname(verzoek, ["soort", "gegevens", "ingangsdatum", "vergoeding", "te_laat"]))
    return verzoek


def rechtsvorm_vergoeding_tekst(regels_: Contractregels) -> str:
    return (
        f"{formatteer_euro(regels_.rechtsvorm_vergoeding)} excl. btw, plus {formatteer_euro(regels_.rechtsvorm_uurtarief)} "
        f"per uur boven {regels_.rechtsvorm_uren_inbegrepen} uur behandeltijd (003a §3.4)."
    )


@transaction.atomic
def wijzigingsverzoek_beoordelen(*, verzoek, goedkeuren: bool, reden="", door) -> Wijzigingsverzoek:
    """Staff approve (the change is applied) or reject (a reason is required)."""
    if door is None or not is_contractbeheer(door):
        raise PermissionDenied("Alleen een contractmanager of inkoper beoordeelt wijzigingsverzoeken.")
    verzoek = Wijzigingsverzoek.objects.select_for_update(of=("self",)).select_related("overeenkomst__organisatie").get(pk=verzoek.pk)
    if verzoek.status != Wijzigingsverzoek.Status.INGEDIEND:
        raise ValidationError("Dit verzoek is al beoordeeld.")
    if not goedkeuren and not reden.strip():
        raise ValidationError("Geef de reden van de afwijzing.")
    verzoek.status = Wijzigingsverzoek.Status.GOEDGEKEURD if goedkeuren else Wijzigingsverzoek.Status.AFGEWEZEN
    verzoek.reden, verzoek.beoordeeld_door, verzoek.beoordeeld_op = reden, door, kalender.nu()
    verzoek.save(update_fields=["status", "reden", "beoordeeld_door", "beoordeeld_op"])
    if goedkeuren:
        _wijziging_doorvoeren(verzoek, door)
    audit("wijzigingsverzoek.beoordeeld", verzoek, door=door, nieuw={"status": verzoek.status}, toelichting=reden)
    na_commit(_taken().wijzigingsverzoek_besluit_versturen, verzoek.pk)
    return verzoek


def _wijziging_doorvoeren(verzoek, door):
    S = Wijzigingsverzoek.Soort
    org = Organisatie.objects.select_for_update().get(pk=verzoek.overeenkomst.organisatie_id)
    g = verzoek.gegevens
    velden = {
        S.CONTACTPERSOON: {"contactpersoon": "contactpersoon", "contact_email": "contact_email", "contact_telefoon": "contact_telefoon"},
        S.ADRES: {"straat": "straat", "postcode": "postcode", "plaats": "plaats", "vestigingsnummer": "vestigingsnummer"},
        S.RECHTSVORM: {"rechtsvorm": "rechtsvorm", "naam": "naam"},
    }.get(verzoek.soort, {})
    gewijzigd = {veld: g[sleutel] for sleutel, veld in velden.items() if g.get(sleutel)}
    if gewijzigd:
        oud = momentopname(org, gewijzigd)
        for veld, waarde in gewijzigd.items():
            setattr(org, veld, waarde)
        org.full_clean(exclude=["kvk_nummer"])
        org.save(update_fields=list(gewijzigd))
        audit("organisatie.gewijzigd", org, door=door, oud=oud, nieuw=momentopname(org, gewijzigd), toelichting=f"Wijzigingsverzoek {verzoek.pk}")
    if verzoek.soort == S.ONDERAANNEMERS:
        # 003a §3.7 (687): effective from 1 January after consent.
        deelnames = {d.perceel.code: d for d in verzoek.overeenkomst.deelnames.filter(status__in=LOPEND).select_related("perceel")}
        for oa in g.get("onderaannemers", []):
            for code in oa.get("percelen") or list(deelnames):
                if code in deelnames:
                    Onderaannemer.objects.get_or_create(
                        deelname=deelnames[code], kvk_nummer=oa["kvk_nummer"], vanaf=verzoek.ingangsdatum,
                        defaults={"naam": oa["naam"], "plaats": oa.get("plaats", ""), "agb_code": oa.get("agb_code", "")},
                    )


# --- Uittreding (002 art. 8; 003a §3.5) -------------------------------------------------------------------

def uittreding_berekenen(regels_: Contractregels, optie: str, ontvangen_op: date, aantal_clienten: int | None) -> tuple[date, Decimal | None]:
    """(earliest end date, fee) for a notice received on ``ontvangen_op``."""
    Opt = Uittreding.Optie
    if optie == Opt.MLO:
        return regels.vroegste_einde_mlo(ontvangen_op, regels_.opzegtermijn_maanden), None
    if optie == Opt.GOOI_1:
        return ontvangen_op, None  # 003a §3.5 option 1: on request, when there are no clients
    if optie == Opt.GOOI_2:
        maanden = max(regels_.opzegtermijn_maanden, 3)
        return regels.vroegste_einde_gooi_optie2(ontvangen_op, maanden), regels.uittreedvergoeding(aantal_clienten or 0, regels_.vergoeding_per_client)
    raise ValidationError("Onbekende uittredingsoptie.")


def toegestane_opties(regels_: Contractregels) -> list[str]:
    if regels_.uittredingsregime == Contractregels.Uittredingsregime.MLO:
        return [Uittreding.Optie.MLO]
    return [Uittreding.Optie.GOOI_1, Uittreding.Optie.GOOI_2]


@transaction.atomic
def uittreding_melden(*, overeenkomst, optie, door, ontvangen_op=None, percelen=None, aantal_clienten=None, continuiteit_toelichting="", toelichting="") -> Uittreding:
    """The provider gives notice. The earliest end and the fee are computed; the deelnames stay active until
    staff confirm the clients were transferred (002 art. 8.4) and, for option 2, the fee is paid (003a §3.5)."""
    _eis_aanbieder(door, overeenkomst.organisatie)
    ovk = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    r = Contractregels.voor(ovk.aanbesteding)
    if optie not in toegestane_opties(r):
        raise ValidationError("Deze uittredingsoptie geldt niet voor deze aanbesteding.")
    deelnames = ovk.deelnames.filter(status__in=LOPEND)
    if percelen:
        deelnames = deelnames.filter(perceel__in=percelen)
    deelnames = list(deelnames)
    if not deelnames:
        raise ValidationError("Er is geen lopende deelname om op te zeggen.")
    if Uittreding.objects.filter(deelnames__in=deelnames, status__in=[Uittreding.Status.INGEDIEND, Uittreding.Status.LOPEND]).exists():
        raise ValidationError("Voor (een van) deze percelen loopt al een uittreding.")
    Opt = Uittreding.Optie
    if optie == Opt.GOOI_1 and aantal_clienten:
        raise ValidationError("Optie 1 geldt alleen zonder cliënten; kies optie 2 (003a §3.5).")
    if optie == Opt.GOOI_2:
        if aantal_clienten is None:
            raise ValidationError("Geef het aantal cliënten één maand vóór de opzegging (003a §3.5).")
        if not continuiteit_toelichting.strip():
            raise ValidationError("Laat schriftelijk zien hoe de continuïteit van zorg is geborgd (003a §3.5).")
    ontvangen_op = ontvangen_op or vandaag()
    vroegste, vergoeding = uittreding_berekenen(r, optie, ontvangen_op, aantal_clienten)
    uittreding = Uittreding.objects.create(
        overeenkomst=ovk, aanleiding=Uittreding.Aanleiding.OPZEGGING_AANBIEDER, optie=optie, ontvangen_op=ontvangen_op,
        vroegste_einddatum=vroegste, aantal_clienten=aantal_clienten, vergoeding=vergoeding,
        continuiteit_toelichting=continuiteit_toelichting, toelichting=toelichting, ingediend_door=door,
    )
    uittreding.deelnames.set(deelnames)
    audit("uittreding.gemeld", ovk, door=door, nieuw=momentopname(uittreding, ["optie", "ontvangen_op", "vroegste_einddatum", "vergoeding"]))
    return uittreding


@transaction.atomic
def overeenkomst_beeindigen(*, overeenkomst, grond, einddatum, toelichting, door, percelen=None) -> Uittreding:
    """The opdrachtgever ends the agreement on a recorded ground (002 art. 8.3/8.5, 003a §3.5). The transfer of
    clients still has to be confirmed before the deelnames end (002 art. 8.4)."""
    if door is None or not is_contractbeheer(door):
        raise PermissionDenied("Alleen een contractmanager of inkoper kan een overeenkomst beëindigen.")
    if grond not in Uittreding.Grond.values:
        raise ValidationError("Kies een van de vastgelegde gronden.")
    if not toelichting.strip():
        raise ValidationError("Leg de onderbouwing van de beëindiging vast.")
    ovk = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    deelnames = ovk.deelnames.filter(status__in=LOPEND)
    if percelen:
        deelnames = deelnames.filter(perceel__in=percelen)
    deelnames = list(deelnames)
    if not deelnames:
        raise ValidationError("Er is geen lopende deelname.")
    uittreding = Uittreding.objects.create(
        overeenkomst=ovk, aanleiding=Uittreding.Aanleiding.BEEINDIGING_OPDRACHTGEVER, grond=grond,
        ontvangen_op=vandaag(), vroegste_einddatum=einddatum, toelichting=toelichting,
        status=Uittreding.Status.LOPEND, ingediend_door=door,
    )
    uittreding.deelnames.set(deelnames)
    audit("overeenkomst.beeindiging", ovk, door=door, nieuw={"grond": grond, "einddatum": einddatum}, toelichting=toelichting)
    return uittreding


def _eis_lopende_uittreding(uittreding_pk):
    u = Uittreding.objects.select_for_update().get(pk=uittreding_pk)
    if u.status not in (Uittreding.Status.INGEDIEND, Uittreding.Status.LOPEND):
        raise ValidationError("Deze uittreding is al afgerond of ingetrokken.")
    return u


@transaction.atomic
def uittreding_aanvaarden(*, uittreding, door) -> Uittreding:
    _eis_contractbeheer(door)
    u = _eis_lopende_uittreding(uittreding.pk)
    u.status = Uittreding.Status.LOPEND
    u.save(update_fields=["status"])
    audit("uittreding.aanvaard", u, door=door)
    return uittreding_afronden_indien_klaar(uittreding_id=u.pk)


@transaction.atomic
def uittreding_overdracht_bevestigen(*, uittreding, overgedragen_op, door) -> Uittreding:
    """Staff confirm the clients were transferred (002 art. 8.4); the deelnames can end from then on."""
    if door is None or not is_contractbeheer(door):
        raise PermissionDenied("Alleen een contractmanager bevestigt de overdracht van cliënten.")
    u = _eis_lopende_uittreding(uittreding.pk)
    u.clienten_overgedragen_op = overgedragen_op
    if u.status == Uittreding.Status.INGEDIEND:
        u.status = Uittreding.Status.LOPEND
    u.save(update_fields=["clienten_overgedragen_op", "status"])
    audit("uittreding.overdracht_bevestigd", u, door=door, nieuw={"clienten_overgedragen_op": overgedragen_op})
    return uittreding_afronden_indien_klaar(uittreding_id=u.pk)


@transaction.atomic
def uittreding_vergoeding_betaald(*, uittreding, betaald_op, door) -> Uittreding:
    """003a §3.5 option 2: termination takes effect once the fee is paid."""
    if door is None or not is_contractbeheer(door):
        raise PermissionDenied("Alleen een contractmanager registreert de betaling.")
    u = _eis_lopende_uittreding(uittreding.pk)
    u.vergoeding_betaald_op = betaald_op
    u.save(update_fields=["vergoeding_betaald_op"])
    audit("uittreding.vergoeding_betaald", u, door=door, nieuw={"vergoeding_betaald_op": betaald_op})
    return uittreding_afronden_indien_klaar(uittreding_id=u.pk)


@transaction.atomic
def uittreding_afronden_indien_klaar(*, uittreding_id: int, op: date | None = None) -> Uittreding:
    """End the deelnames once every condition is met: accepted by staff, clients transferred, fee paid (option 2)
    and the earliest end date reached. The end date is the latest of these. Idempotent (also run daily)."""
    op = op or vandaag()
    u = Uittreding.objects.select_for_update().get(pk=uittreding_id)
    if u.status != Uittreding.Status.LOPEND or u.clienten_overgedragen_op is None:
        return u
    if u.optie == Uittreding.Optie.GOOI_2 and u.vergoeding and u.vergoeding_betaald_op is None:
        return u
    einde = regels.werkelijke_einddatum(u.vroegste_einddatum, u.clienten_overgedragen_op, u.vergoeding_betaald_op)
    if op < einde:
        return u
    u.einddatum, u.status = einde, Uittreding.Status.AFGEROND
    u.save(update_fields=["einddatum", "status"])
    _deelnames_beeindigen(list(u.deelnames.filter(status__in=LOPEND)), einde, f"{u.get_aanleiding_display()}" + (f" ({u.get_grond_display()})" if u.grond else ""))
    audit("uittreding.afgerond", u, nieuw={"einddatum": einde})
    return u


# --- Cliëntenstop ------------------------------------------------------------------------------------------

@transaction.atomic
def clientenstop_opleggen(*, deelnames, van, reden, door, tot=None) -> list[Clientenstop]:
    """No new clients for a term (or until lifted). The register shows it from ``van``."""
    if door is None or not is_contractbeheer(door):
        raise PermissionDenied("Alleen een contractmanager legt een cliëntenstop op.")
    if not reden.strip():
        raise ValidationError("Geef de reden van de cliëntenstop.")
    if tot is not None and tot < van:
        raise ValidationError("De cliëntenstop eindigt na de ingangsdatum.")
    stops = []
    for d in Deelname.objects.select_for_update().filter(pk__in=[d.pk for d in deelnames]):
        if d.status == Deelname.Status.BEEINDIGD:
            raise ValidationError(f"Deelname {d.perceel.code} is beëindigd.")
        stop = Clientenstop.objects.create(deelname=d, van=van, tot=tot, reden=reden, opgelegd_door=door)
        stops.append(stop)
        na_commit(_taken().clientenstop_melden, stop.pk)
        audit("clientenstop.opgelegd", d.overeenkomst, door=door, nieuw={"perceel": d.perceel.code, "van": van, "tot": tot}, toelichting=reden)
    clientenstops_bijwerken()
    return stops


@transaction.atomic
def clientenstop_opheffen(*, clientenstop, toelichting, door, op=None) -> Clientenstop:
    if door is None or not is_contractbeheer(door):
        raise PermissionDenied("Alleen een contractmanager heft een cliëntenstop op.")
    stop = Clientenstop.objects.select_for_update(of=("self",)).select_related("deelname__overeenkomst").get(pk=clientenstop.pk)
    if stop.opgeheven_op:
        raise ValidationError("Deze cliëntenstop is al opgeheven.")
    stop.opgeheven_op, stop.opgeheven_door, stop.opheffing_toelichting = op or vandaag(), door, toelichting
    stop.save(update_fields=["opgeheven_op", "opgeheven_door", "opheffing_toelichting"])
    audit("clientenstop.opgeheven", stop.deelname.overeenkomst, door=door, nieuw={"opgeheven_op": stop.opgeheven_op}, toelichting=toelichting)
    clientenstops_bijwerken()
    return stop


def clientenstops_bijwerken(op: date | None = None) -> int:
    """Bring Deelname.status in line with the stops in force on ``op``: a stop whose term ended is lifted,
    a stop that started sets cliëntenstop, none sets actief. Idempotent; run daily and after every change."""
    op = op or vandaag()
    verlopen = Clientenstop.objects.filter(opgeheven_op__isnull=True, tot__lt=op)
    for stop in verlopen.select_related("deelname__overeenkomst"):
        stop.opgeheven_op, stop.opheffing_toelichting = stop.tot + timedelta(days=1), "Termijn verstreken."
        stop.save(update_fields=["opgeheven_op", "opheffing_toelichting"])
        audit("clientenstop.verlopen", stop.deelname.overeenkomst, nieuw={"opgeheven_op": stop.opgeheven_op})
    in_kracht = Clientenstop.objects.filter(opgeheven_op__isnull=True, van__lte=op)
    gewijzigd = 0
    gestopt = Deelname.objects.filter(status=Deelname.Status.ACTIEF, pk__in=in_kracht.values("deelname_id"))
    gewijzigd += gestopt.update(status=Deelname.Status.CLIENTENSTOP, status_sinds=op)
    vrij = Deelname.objects.filter(status=Deelname.Status.CLIENTENSTOP).exclude(pk__in=in_kracht.values("deelname_id"))
    gewijzigd += vrij.update(status=Deelname.Status.ACTIEF, status_sinds=op)
    return gewijzigd


# --- Term and extension (003a §3.6) -------------------------------------------------------------------------

@transaction.atomic
def verlenging_aankondigen(*, aanbesteding, door, aangekondigd_op=None) -> Verlengingsronde:
    """Announce the extension of the term by ``verlenging_jaren`` (Gooi: 2 years, by 1 September)."""
    _eis_contractbeheer(door)
    ab = Aanbesteding.objects.select_for_update().get(pk=aanbesteding.pk)
    if not ab.verlenging_jaren:
        raise ValidationError("Deze aanbesteding kent geen verlenging.")
    if ab.verlengingsrondes.filter(status=Verlengingsronde.Status.VERWERKT).count() >= (ab.verlenging_max_keren or 99):
        raise ValidationError("Het maximale aantal verlengingen is bereikt.")
    aangekondigd_op = aangekondigd_op or vandaag()
    uiterlijk, bezwaar_voor = _verlengingsdata(ab)
    if uiterlijk and aangekondigd_op > uiterlijk:
        raise ValidationError(f"Een verlenging wordt uiterlijk {uiterlijk:%d-%m-%Y} aangekondigd (003a §3.6).")
    nieuwe = date(ab.looptijd_einde.year + ab.verlenging_jaren, ab.looptijd_einde.month, ab.looptijd_einde.day)
    ronde, _ = Verlengingsronde.objects.get_or_create(
        aanbesteding=ab, nieuwe_einddatum=nieuwe,
        defaults={
            "oude_einddatum": ab.looptijd_einde, "aangekondigd_op": aangekondigd_op, "aangekondigd_door": door,
            "bezwaar_tot": bezwaar_voor or ab.looptijd_einde,
        },
    )
    Mededeling.objects.get_or_create(
        sleutel=f"verlenging:{ronde.pk}",
        defaults={
            "aanbesteding": ab, "soort": Mededeling.Soort.VERLENGING, "gepubliceerd_op": kalender.nu(),
            "titel": f"Verlenging tot {nieuwe:%d-%m-%Y} aangekondigd",
            "tekst": f"Wie niet wil verlengen, maakt vóór {ronde.bezwaar_tot:%d-%m-%Y} bezwaar; zwijgen geldt als instemming (003a §3.6).",
        },
    )
    na_commit(_taken().verlenging_versturen, ronde.pk)
    audit("verlenging.aangekondigd", ronde, door=door, nieuw={"nieuwe_einddatum": nieuwe, "bezwaar_tot": ronde.bezwaar_tot})
    return ronde


def _verlengingsdata(ab):
    aank = (ab.verlenging_aankondigen_maand, ab.verlenging_aankondigen_dag) if ab.verlenging_aankondigen_maand else None
    bezw = (ab.verlenging_bezwaar_maand, ab.verlenging_bezwaar_dag or 1) if ab.verlenging_bezwaar_maand else None
    if aank and not aank[1]:
        aank = (aank[0], 1)
    return regels.verlenging_data(ab.looptijd_einde, aank, bezw)


@transaction.atomic
def verlengingsbezwaar_vastleggen(*, ronde, overeenkomst, ontvangen_op, door, toelichting="") -> Verlengingsbezwaar:
    """Record a provider's objection (registered letter) received before the objection date; later counts as
    consent (003a §3.6)."""
    _eis_contractbeheer(door)
    if ontvangen_op >= ronde.bezwaar_tot:
        raise ValidationError(f"Bezwaar moest vóór {ronde.bezwaar_tot:%d-%m-%Y} binnen zijn; te laat geldt als instemming (003a §3.6).")
    bezwaar, _ = Verlengingsbezwaar.objects.get_or_create(
        ronde=ronde, overeenkomst=overeenkomst,
        defaults={"ontvangen_op": ontvangen_op, "toelichting": toelichting, "vastgelegd_door": door},
    )
    audit("verlenging.bezwaar", overeenkomst, door=door, nieuw={"ronde": str(ronde), "ontvangen_op": ontvangen_op})
    return bezwaar


@transaction.atomic
def verlenging_verwerken(*, ronde_id: int, op: date | None = None) -> Verlengingsronde | None:
    """After the objection date: objectors end on the old end date (recorded as uittreding); the others
    continue and the procedure's term moves to the new end date. Idempotent."""
    op = op or vandaag()
    ronde = Verlengingsronde.objects.select_for_update().filter(pk=ronde_id).first()
    if ronde is None or ronde.status != Verlengingsronde.Status.AANGEKONDIGD or op < ronde.bezwaar_tot:
        return None
    for bezwaar in ronde.bezwaren.select_related("overeenkomst"):
        deelnames = list(bezwaar.overeenkomst.deelnames.filter(status__in=LOPEND))
        u = Uittreding.objects.create(
            overeenkomst=bezwaar.overeenkomst, aanleiding=Uittreding.Aanleiding.VERLENGING_BEZWAAR,
            ontvangen_op=bezwaar.ontvangen_op, vroegste_einddatum=ronde.oude_einddatum,
            clienten_overgedragen_op=None, status=Uittreding.Status.LOPEND,
            toelichting=f"Bezwaar tegen {ronde}",
        )
        u.deelnames.set(deelnames)
    Aanbesteding.objects.filter(pk=ronde.aanbesteding_id).update(looptijd_einde=ronde.nieuwe_einddatum)
    ronde.status = Verlengingsronde.Status.VERWERKT
    ronde.save(update_fields=["status"])
    audit("verlenging.verwerkt", ronde, nieuw={"bezwaren": ronde.bezwaren.count()})
    return ronde


@transaction.atomic
def looptijd_beeindigen(*, aanbesteding_id: int, op: date | None = None) -> int:
    """After the procedure's last day without a pending extension, every running deelname ends on that day
    (003a §3.6 end of term; 002 art. 6.2 "eindigt van rechtswege"). Idempotent; returns the number ended."""
    op = op or vandaag()
    ab = Aanbesteding.objects.select_for_update().get(pk=aanbesteding_id)
    if op <= ab.looptijd_einde or ab.verlengingsrondes.filter(status=Verlengingsronde.Status.AANGEKONDIGD).exists():
        return 0
    aantal = 0
    for ovk in Overeenkomst.objects.filter(aanbesteding=ab, deelnames__status__in=LOPEND).distinct():
        deelnames = list(ovk.deelnames.filter(status__in=LOPEND))
        u = Uittreding.objects.create(
            overeenkomst=ovk, aanleiding=Uittreding.Aanleiding.EINDE_LOOPTIJD, ontvangen_op=ab.looptijd_einde,
            vroegste_einddatum=ab.looptijd_einde, einddatum=ab.looptijd_einde, status=Uittreding.Status.AFGEROND,
            toelichting=f"Looptijd van {ab} verstreken op {ab.looptijd_einde:%d-%m-%Y}.",
        )
        u.deelnames.set(deelnames)
        _deelnames_beeindigen(deelnames, ab.looptijd_einde, "Einde looptijd")
        aantal += len(deelnames)
    return aantal

