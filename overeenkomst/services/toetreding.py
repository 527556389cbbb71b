"""Toetreding: the agreement after definitieve toelating (issue 5 → 6; 002 UOK 7)."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator

from aanbesteding.models import Aanbesteding
from core import kalender
from core.audit import audit
from organisaties.models import Organisatie

from ..models import (
    Addendum,
    AddendumReactie,
    Deelname,
    DeelnameProduct,
    Mededeling,
    Onderaannemer,
    Overeenkomst,
    Toetreding,
)
from ._gemeen import LOPEND, _eis_contractbeheer


@transaction.atomic
def overeenkomst_uit_toelating(*, organisatie, aanbesteding, percelen, startdatum, bron=None, door=None,
                               producten=None) -> Overeenkomst:
    """Create (or extend) the provider's agreement after definitieve toelating (issue 5 → 6).

    Idempotent: a perceel with a running deelname is skipped, so the signal receiver and the catch-up task
    may both call it. The joiner inherits every addendum published before (002 UOK 7.1) and a public
    announcement is published (002 UOK 7.2). Onderaannemers named in the inschrijving (``bron`` an
    Inschrijving or anything with an ``inschrijving``) are carried over for the admitted percelen.

    ``producten`` (issue 19, from ``definitief_toegelaten``): the products admitted in percelen with product
    choice, each a dict with ``product`` and its restrictions; each new deelname of such a perceel gets exactly
    these (DeelnameProduct). A deelname without them covers its whole perceel.
    """
    _eis_contractbeheer(door, aanbesteding)
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
    # Re-admitted after leaving (e.g. a new inschrijving after an uittreding): a new agreement; the ended one
    # is a legal record and stays as it was. The lock on the procedure above serialises this lookup.
    ovk = Overeenkomst.objects.filter(aanbesteding=aanbesteding, organisatie=organisatie, status=Overeenkomst.Status.ACTIEF).first()
    nieuw = ovk is None
    if nieuw:
        opnieuw = Overeenkomst.objects.filter(aanbesteding=aanbesteding, organisatie=organisatie).exists()
        ovk = Overeenkomst.objects.create(
            aanbesteding=aanbesteding, organisatie=organisatie, startdatum=startdatum, bron=str(bron or "")[:255],
        )
        audit("overeenkomst.aangegaan", ovk, door=door, nieuw={"startdatum": startdatum, "opnieuw": opnieuw}, toelichting=str(bron or ""))
    lopend = set(ovk.deelnames.filter(status__in=LOPEND).values_list("perceel_id", flat=True))
    toegevoegd = []
    for perceel in percelen:
        if perceel.pk in lopend:
            continue
        toegevoegd.append(Deelname.objects.create(
            overeenkomst=ovk, perceel=perceel, startdatum=startdatum, status=Deelname.Status.ACTIEF, status_sinds=startdatum,
        ))
    producten = list(producten or [])
    if any(p["product"].perceel_id not in {pc.pk for pc in percelen} for p in producten):
        raise ValidationError("Alle producten moeten bij een toegelaten perceel horen.")
    DeelnameProduct.objects.bulk_create([
        DeelnameProduct(deelname=d, product=p["product"], startdatum=d.startdatum,
                        beperking=p.get("beperking") or "", locatie=p.get("locatie") or "",
                        leeftijd_van=p.get("leeftijd_van"), leeftijd_tot=p.get("leeftijd_tot"),
                        groepsomvang=p.get("groepsomvang"))
        for d in toegevoegd for p in producten if p["product"].perceel_id == d.perceel_id
    ])
    if bron_sleutel:
        toetreding = Toetreding.objects.create(
            bron_soort=bron_sleutel[0], bron_id=bron_sleutel[1], overeenkomst=ovk, startdatum=startdatum
        )
        toetreding.percelen.set(percelen)
    if toegevoegd:
        _onderaannemers_uit_bron(bron, toegevoegd, startdatum)
        audit(
            "overeenkomst.toetreding", ovk, door=door,
            nieuw={"percelen": [d.perceel.code for d in toegevoegd], "startdatum": startdatum,
                   "producten": sorted(p["product"].code for p in producten
                                       if p["product"].perceel_id in {d.perceel_id for d in toegevoegd})},
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
            sleutel=_mededelingsleutel(ovk, toegevoegd),
            defaults={
                "aanbesteding": aanbesteding, "soort": Mededeling.Soort.TOETREDING, "overeenkomst": ovk,
                "titel": Truncator(titel).chars(Mededeling._meta.get_field("titel").max_length),
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


def _mededelingsleutel(ovk: Overeenkomst, toegevoegd) -> str:
    """The idempotency key of an admission announcement: readable while it fits the column, else a digest of
    the perceel ids (an admission to twenty percelen made a key longer than 100 characters, which PostgreSQL
    refuses)."""
    ids = "-".join(str(d.perceel_id) for d in toegevoegd)
    sleutel = f"toetreding:{ovk.pk}:{ids}"
    if len(sleutel) <= Mededeling._meta.get_field("sleutel").max_length:
        return sleutel
    return f"toetreding:{ovk.pk}:h{hashlib.sha256(ids.encode()).hexdigest()[:40]}"
