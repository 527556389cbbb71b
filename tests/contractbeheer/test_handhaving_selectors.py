"""The reads of the ladder and the ledger (contractbeheer/selectors/handhaving.py): totals per status in one query,
zero for an empty ledger; the measures with their fines counted and summed; scoped to region and organisation."""

import pytest
import time_machine

from contractbeheer.models import Boete
from contractbeheer.permissions import beheer_bereik
from contractbeheer.selectors import handhaving as lezen
from contractbeheer.services import handhaving as services

from ._handhaving import NA_TERMIJN, opleggen, voornemen, wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def test_totalen_van_een_lege_lijst(django_assert_num_queries):
    with django_assert_num_queries(1):
        totalen = lezen.totalen(Boete.objects.all())
    assert list(totalen) == ["opgelegd", "betaald", "kwijtgescholden", "alle"]
    assert all(t["aantal"] == 0 and t["bedrag"] == 0 for t in totalen.values())
    assert totalen["alle"]["label"] == "Totaal"


def test_maatregelen_met_hun_boetes(w, contractmanager_a, contractmanager_b):
    opleggen(w.ovk, contractmanager_a, 1)
    m = opleggen(w.ovk, contractmanager_a, 4, sprong_reden="Ernst.")
    with time_machine.travel(NA_TERMIJN, tick=False):
        for code, aantal in (("klacht-gegrond", 2), ("klacht-termijn", 3)):
            services.boete_opleggen(maatregel=m, soort=w.soort(code), aantal=aantal, door=contractmanager_a)
    los = voornemen(w.andere_ovk, contractmanager_a, 1)
    rijen = {x.pk: x for x in lezen.maatregelen(beheer_bereik(contractmanager_a))}
    assert (rijen[m.pk].aantal_boetes, rijen[m.pk].boetes_totaal) == (2, 200)  # € 50 + € 150
    assert (rijen[los.pk].aantal_boetes, rijen[los.pk].boetes_totaal) == (0, None)
    assert list(lezen.maatregelen(beheer_bereik(contractmanager_b))) == []
    assert list(lezen.boetes(beheer_bereik(contractmanager_b))) == []
    assert [b.bedrag for b in lezen.boetes_van_organisatie(w.ovk.organisatie)] == [150, 50]
    assert list(lezen.boetes_van_organisatie(w.andere_ovk.organisatie)) == []
    assert [x.pk for x in lezen.maatregelen_van_organisatie(w.andere_ovk.organisatie)] == [los.pk]
