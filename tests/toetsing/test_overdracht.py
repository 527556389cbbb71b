"""End to end: a definitieve toelating reaches the agreement app through the signal (ADR 0002).

toetsing never imports overeenkomst; this test (outside the layered packages) checks the seam."""

from datetime import datetime

import time_machine

from toetsing import services, tasks
from toetsing.models import Oordeel

from .factories import TZ


def test_definitieve_toelating_wordt_overeenkomst(maak_inschrijving, volledig_beoordeeld, inkoper, aanbieder,
                                                  django_capture_on_commit_callbacks):
    from overeenkomst.models import Overeenkomst

    i = volledig_beoordeeld(maak_inschrijving(organisatie=aanbieder, percelen=("ambulant", "mst")), {"S6G1": Oordeel.VOLDOET_NIET})
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False), django_capture_on_commit_callbacks(execute=True):
        services.besluit_verzenden(besluit=services.besluit_nemen(inschrijving=i, door=inkoper), door=inkoper)
    assert not Overeenkomst.objects.filter(organisatie=aanbieder).exists()
    with time_machine.travel(datetime(2026, 3, 23, 3, 0, tzinfo=TZ), tick=False), django_capture_on_commit_callbacks(execute=True):
        tasks.standstill_verwerken()
    ovk = Overeenkomst.objects.get(organisatie=aanbieder, aanbesteding=i.aanbesteding)
    assert [d.perceel.code for d in ovk.deelnames.all()] == ["5.1"]
