"""The rules of contract management per procedure, as data (bronnen/contractbeheer.py)."""

from __future__ import annotations

from django.db import transaction

from aanbesteding.models import Aanbesteding
from core.audit import audit, momentopname

from ..models import Beheerregels, Meldingsoort, Verantwoordingseis
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
        audit("contractbeheer.regels_geladen" if nieuw else "contractbeheer.regels_bijgewerkt", regels, door=door,
              nieuw=momentopname(regels, ["drempel_controleverklaring", "informatieverzoek_werkdagen",
                                          "onderzoek_reactie_kalenderdagen"]),
              toelichting=bron["regels"].get("bron", ""))
    return regels
