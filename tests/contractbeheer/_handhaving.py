"""Shared setup of the handhaving tests: Gooi (003, the ladder of §7.11 and its fines schedule) and MLO (002) in
region A, a running agreement of one provider each and of a second Gooi provider, and helpers that walk a measure
through voornemen and besluit at frozen moments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import time_machine

from contractbeheer.models import Boetesoort
from contractbeheer.services import handhaving as services
from core.kalender import TZ

from . import factories as f

#: Thursday 23-04-2026, 10:00: ten working days later is Monday 11-05-2026 (Koningsdag 27-04 and Bevrijdingsdag
#: 05-05-2026 are no working days in core.kalender).
DONDERDAG = datetime(2026, 4, 23, 10, 0, tzinfo=TZ)
ZIENSWIJZE_UITERLIJK = date(2026, 5, 11)
NA_TERMIJN = datetime(2026, 5, 12, 9, 0, tzinfo=TZ)


@dataclass
class Wereld:
    gooi: object
    bhl: object
    dag: object
    ovk: object  # Gooi agreement of the provider, on 5.10 BHL
    lid: object
    andere_ovk: object  # Gooi agreement of another provider
    andere_lid: object
    mlo: object
    mlo_ovk: object

    def soort(self, code: str) -> Boetesoort:
        return Boetesoort.objects.get(aanbesteding=self.gooi, code=code)


def wereld(regio) -> Wereld:
    regio.contact_email = "contractbeheer@bureau.example"
    regio.save()
    gooi, bhl, dag = f.gooi(regio)
    ovk, lid = f.overeenkomst(gooi, bhl, naam="Gooise Zorg")
    andere_ovk, andere_lid = f.overeenkomst(gooi, bhl, naam="Andere Aanbieder")
    mlo, perceel, _ = f.mlo(regio=regio)
    mlo_ovk, _ = f.overeenkomst(mlo, perceel, naam="Limburgse Zorg")
    return Wereld(gooi, bhl, dag, ovk, lid, andere_ovk, andere_lid, mlo, mlo_ovk)


def voornemen(ovk, door, trede, *, op=DONDERDAG, **velden):
    gegevens = {"gronden": "Drie gegronde klachten over de bejegening in het eerste kwartaal.",
                "grondslag": services.grondslag_voorstel(ovk.aanbesteding, trede), **velden}
    with time_machine.travel(op, tick=False):
        return services.voornemen(overeenkomst=ovk, trede=trede, door=door, **gegevens)


def opleggen(ovk, door, trede, *, op=DONDERDAG, besluit_op=NA_TERMIJN, **besluit):
    """Voornemen at ``op``, then imposed after the zienswijze period (a cliëntenstop on every running deelname)."""
    m = voornemen(ovk, door, trede, op=op, sprong_reden=besluit.pop("sprong_reden", ""))
    if trede in services.STOPTREDEN:
        besluit.setdefault("deelnames", list(services.lopende_deelnames(ovk)))
    if trede in (*services.STOPTREDEN, 8):
        besluit.setdefault("ingangsdatum", besluit_op.date())
    with time_machine.travel(besluit_op, tick=False):
        return services.besluiten(maatregel=m, opleggen=True, motivering="De zienswijze weerlegt de feiten niet.",
                                  door=door, **besluit)
