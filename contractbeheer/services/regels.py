"""The rules of contract management per procedure, as data (bronnen/contractbeheer.py)."""

from __future__ import annotations

from django.db import transaction

from aanbesteding.models import Aanbesteding
from core.audit import audit, momentopname

from ..models import (
    Beheerregels,
    Boetesoort,
    Budgetplafond,
    Kpi,
    Leegstandsregeling,
    Leegstandsverdeling,
    Meldingsoort,
    Verantwoordingseis,
    Wachttijdnorm,
)
from ._gemeen import vereis_beheer


def beheerregels_van(aanbesteding: Aanbesteding) -> Beheerregels:
    """The procedure's settings; a procedure nobody configured gets the defaults (002 UOK 5.1, B1 33), created
    here so every later read finds one row."""
    regels, _ = Beheerregels.objects.get_or_create(aanbesteding=aanbesteding)
    return regels


def regels_laden(*, aanbesteding: Aanbesteding, bron: dict, door=None) -> Beheerregels:
    """Create or update a procedure's settings, verantwoordingseisen and meldingsoorten from source data
    (bronnen.contractbeheer.MLO / GOOI). Idempotent by natural keys (soort, code).

    ``door`` None = a system load (demo data); otherwise a contractmanager or inkoper of the region.
    """
    if door is not None:
        vereis_beheer(door, aanbesteding)
    with transaction.atomic():
        regels, nieuw = Beheerregels.objects.update_or_create(aanbesteding=aanbesteding, defaults=bron["regels"])
        for i, eis in enumerate(bron.get("verantwoording", ())):
            dag, maand = eis["voor"]
            Verantwoordingseis.objects.update_or_create(
                aanbesteding=aanbesteding, soort=eis["soort"],
                defaults={
                    "naam": eis["naam"], "voor_dag": dag, "voor_maand": maand, "volgorde": i,
                    "per_gemeente": eis.get("per_gemeente", False), "per_product": eis.get("per_product", False),
                    "bestand_verplicht": eis.get("bestand_verplicht", True),
                    "toelichting": eis.get("toelichting", ""), "bron": eis.get("bron", ""),
                },
            )
        for i, soort in enumerate(bron.get("meldingen", ())):
            aantal, eenheid = soort["termijn"]
            Meldingsoort.objects.update_or_create(
                aanbesteding=aanbesteding, code=soort["code"],
                defaults={
                    "naam": soort["naam"], "termijn_aantal": aantal, "termijn_eenheid": eenheid, "volgorde": i,
                    "ook_melden_aan": soort.get("ook_melden_aan", ""), "toelichting": soort.get("toelichting", ""),
                    "bron": soort.get("bron", ""),
                },
            )
        _monitoring_en_handhaving_laden(aanbesteding, bron)
        audit("contractbeheer.regels_geladen" if nieuw else "contractbeheer.regels_bijgewerkt", regels, door=door,
              nieuw=momentopname(regels, ["drempel_controleverklaring", "informatieverzoek_werkdagen",
                                          "onderzoek_reactie_kalenderdagen"]),
              toelichting=bron["regels"].get("bron", ""))
    return regels


def _monitoring_en_handhaving_laden(aanbesteding: Aanbesteding, bron: dict) -> None:
    """Issue 14: KPIs, wachttijdnormen, the fines schedule, budget ceilings and the leegstand arrangement of
    the procedure (bronnen.contractbeheer). Idempotent by natural keys; a perceel or product the procedure does
    not have is skipped (a demo procedure may carry only some of the source's lots)."""
    percelen = {p.code: p for p in aanbesteding.percelen.all()}
    for i, kpi in enumerate(bron.get("kpis", ())):
        Kpi.objects.update_or_create(aanbesteding=aanbesteding, code=kpi["code"], defaults={
            **{k: kpi[k] for k in ("naam", "eenheid", "periode", "richting", "norm", "drempel_oranje",
                                   "per_perceel", "toelichting", "bron")},
            "volgorde": i,
        })
    for norm in bron.get("wachttijdnormen", ()):
        perceel = percelen.get(norm["perceel"]) if norm["perceel"] else None
        if norm["perceel"] and perceel is None:
            continue
        Wachttijdnorm.objects.update_or_create(aanbesteding=aanbesteding, perceel=perceel, defaults={
            "naam": norm["naam"], "max_dagen": norm["max_dagen"], "bron": norm["bron"]})
    for boete in bron.get("boetes", ()):
        Boetesoort.objects.update_or_create(aanbesteding=aanbesteding, code=boete["code"], defaults={
            k: boete[k] for k in ("omschrijving", "bedrag", "percentage", "eenheid", "per_periode", "bron")})
    for plafond in bron.get("budgetplafonds", ()):
        perceel = percelen.get(plafond["perceel"])
        if perceel is None:
            continue
        Budgetplafond.objects.update_or_create(
            aanbesteding=aanbesteding, perceel=perceel, product=None, overeenkomst=None, code=plafond["code"],
            defaults={"naam": plafond["naam"], "soort": plafond["soort"], "bedrag": plafond["bedrag"],
                      "bron": plafond["bron"]})
    leegstand = bron.get("leegstand")
    perceel = percelen.get(leegstand["perceel"]) if leegstand else None
    product = perceel.producten.filter(code=leegstand["product"]).first() if perceel else None
    if leegstand and product is not None:
        regeling, _ = Leegstandsregeling.objects.update_or_create(aanbesteding=aanbesteding, perceel=perceel, defaults={
            "product": product, "max_per_aanbieder_per_jaar": leegstand["max_per_aanbieder_per_jaar"],
            "max_totaal_per_jaar": leegstand["max_totaal_per_jaar"], "bron": leegstand["bron"]})
        gemeenten = {g.naam: g for g in aanbesteding.regio.gemeenten.all()}
        for naam, pct, maximum in leegstand["verdeling"]:
            if naam in gemeenten:
                Leegstandsverdeling.objects.update_or_create(regeling=regeling, gemeente=gemeenten[naam], defaults={
                    "percentage": pct, "max_bijdrage": maximum})
