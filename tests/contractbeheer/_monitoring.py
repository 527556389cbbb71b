"""Shared setup of the monitoring tests (issue 14): MLO (002) and Gooi (003) in region A with the KPIs and
wachttijdnormen of the sources loaded, running agreements from 01-01-2024, and helpers that record figures at a
frozen date and build approved verantwoordingen with turnover."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import time_machine

from contractbeheer import services
from contractbeheer.models import Kpi, Omzetregel, Verantwoording, Verantwoordingsinzending
from contractbeheer.services import monitoring as svc
from core.kalender import TZ

from . import factories as f

#: 15 April 2026: Q1 2026 has ended (due 30-04-2026 with 30 days), Q4 2025 was due 30-01-2026.
HEDEN = datetime(2026, 4, 15, 10, 0, tzinfo=TZ)


@dataclass
class Wereld:
    mlo: object
    perceel: object
    gooi: object
    bhl: object
    ovk: object
    lid: object
    andere_ovk: object
    andere_lid: object
    gooi_ovk: object
    gooi_lid: object

    def kpi(self, code: str, aanbesteding=None) -> Kpi:
        return Kpi.objects.get(aanbesteding=aanbesteding or self.mlo, code=code)


def wereld(regio) -> Wereld:
    mlo, perceel, _ = f.mlo(regio=regio)
    gooi, bhl, _ = f.gooi(regio)
    ovk, lid = f.overeenkomst(mlo, perceel, naam="Zorgkracht Jeugd")
    andere_ovk, andere_lid = f.overeenkomst(mlo, perceel, naam="Andere Aanbieder")
    gooi_ovk, gooi_lid = f.overeenkomst(gooi, bhl, naam="Gooise Zorg")
    return Wereld(mlo, perceel, gooi, bhl, ovk, lid, andere_ovk, andere_lid, gooi_ovk, gooi_lid)


def vastleggen(ovk, lid, cijfers, op=HEDEN):
    with time_machine.travel(op, tick=False):
        return svc.kpiwaarden_vastleggen(overeenkomst=ovk, cijfers=cijfers, door=lid)


def kosten_2019(w, ovk, lid, waarde, jaar=2025):
    """The MLO KPI "kosten per jeugdige t.o.v. 2019" (002 B1 13.7: -25 %) for ``jaar`` on the perceel."""
    return vastleggen(ovk, lid, [svc.Cijfer(w.kpi("kosten-per-jeugdige-t-o-v-2019"), w.perceel, date(jaar, 1, 1),
                                            Decimal(waarde))])


def goedgekeurde_omzet(ovk, jaar, per_gemeente: dict, product=None, aantal=Decimal("100")):
    """Approved productverantwoordingen of ``ovk`` over ``jaar``: {gemeente or None: omzet}. Built as rows (the
    verantwoording flow has its own tests); one Omzetregel per submission when ``product`` is given."""
    services.verantwoordingen_aanmaken(jaar, aanbesteding=ovk.aanbesteding)
    for gemeente, omzet in per_gemeente.items():
        v = Verantwoording.objects.get(overeenkomst=ovk, jaar=jaar, eis__per_product=True, gemeente=gemeente)
        Verantwoording.objects.filter(pk=v.pk).update(status=Verantwoording.Status.GOEDGEKEURD)
        inz = Verantwoordingsinzending.objects.create(
            verantwoording=v, omzet=Decimal(omzet), status=Verantwoordingsinzending.Status.GOEDGEKEURD,
            ingediend_op=datetime(jaar + 1, 3, 1, 9, 0, tzinfo=TZ),
        )
        if product is not None:
            Omzetregel.objects.create(inzending=inz, product=product, aantal=aantal, omzet=Decimal(omzet))
