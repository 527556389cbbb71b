"""Shared setup of the meldingen tests: MLO (002) and Gooi (003) in region A with the kinds of the sources, a
running agreement of one provider each, and a helper that makes a melding at a frozen moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import time_machine

from contractbeheer import services
from contractbeheer.models import Meldingsoort
from core.kalender import TZ

from . import factories as f

#: Friday before Koningsdag 2026 (Monday 27-04-2026), 16:30: the example of issue 13.
VRIJDAG = datetime(2026, 4, 24, 16, 30, tzinfo=TZ)
BSN = "111222333"  # passes the eleven test: 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66


@dataclass
class Wereld:
    mlo: object
    gooi: object
    ovk: object  # MLO agreement of the provider
    lid: object
    gooi_ovk: object
    gooi_lid: object
    andere_ovk: object  # MLO agreement of another provider
    andere_lid: object

    def soort(self, code: str, aanbesteding=None) -> Meldingsoort:
        return Meldingsoort.objects.get(aanbesteding=aanbesteding or self.mlo, code=code)


def wereld(regio) -> Wereld:
    regio.contact_email = "contractbeheer@bureau.example"
    regio.bureau_naam = "Inkoopbureau"
    regio.save()
    mlo, perceel, _ = f.mlo(regio=regio)
    gooi, bhl, _ = f.gooi(regio)
    ovk, lid = f.overeenkomst(mlo, perceel, naam="Zorgkracht Jeugd")
    gooi_ovk, gooi_lid = f.overeenkomst(gooi, bhl, naam="Gooise Zorg")
    andere_ovk, andere_lid = f.overeenkomst(mlo, perceel, naam="Andere Aanbieder")
    return Wereld(mlo, gooi, ovk, lid, gooi_ovk, gooi_lid, andere_ovk, andere_lid)


def doen(ovk, lid, soort, *, gebeurd_op=VRIJDAG, op=None, **velden):
    """``melding_doen`` with the clock frozen at ``op`` (default: an hour after the event)."""
    gegevens = {"samenvatting": "Incident op de groep", "omschrijving": "Een jongere raakte gewond bij een "
                "conflict op de groep; de IGJ is ingelicht.", **velden}
    with time_machine.travel(op or gebeurd_op + timedelta(hours=1), tick=False):
        return services.melding_doen(overeenkomst=ovk, soort=soort, gebeurd_op=gebeurd_op, door=lid, **gegevens)
