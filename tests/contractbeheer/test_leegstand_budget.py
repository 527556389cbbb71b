"""Budget ceilings against the spend of the approved verantwoordingen (003a §6.3, bronnen.gooi.BUDGETPLAFONDS:
niveau 0 € 1.250 and niveau 2 € 5.000 per client, 003 r.868-869; 004 §3.1 r.185 per provider): per client, per
provider (own ceiling replaces the general one), in total; warnings at 80 and 100 %; the admin page; queries
constant."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bronnen import contractbeheer as bron
from contractbeheer import services
from contractbeheer.models import (
    Budgetplafond,
    Omzetregel,
    Verantwoording,
    Verantwoordingseis,
    Verantwoordingsinzending,
)
from contractbeheer.selectors import budget
from core import kalender
from organisaties.regios import Bereik
from tests.factories import GemeenteFactory
from tests.overeenkomst.factories import PerceelFactory, ProductFactory

from . import factories as f

pytestmark = pytest.mark.django_db
D = Decimal
JAAR = 2025
ALLE = Bereik(alle=True, ids=frozenset())
S = Verantwoordingsinzending.Status


def _omzet(ovk, product, omzet, *, aantal=0, status=S.GOEDGEKEURD, jaar=JAAR):
    """One approved (or other) part of a verantwoording with one product line."""
    eis = Verantwoordingseis.objects.filter(aanbesteding=ovk.aanbesteding).order_by("pk").first()
    v = Verantwoording.objects.create(overeenkomst=ovk, eis=eis, jaar=jaar, uiterlijk=date(jaar + 1, 5, 1),
                                      gemeente=GemeenteFactory(regio=ovk.aanbesteding.regio))
    i = Verantwoordingsinzending.objects.create(verantwoording=v, status=status, ingediend_op=kalender.nu(),
                                                reden="" if status in (S.INGEDIEND, S.GOEDGEKEURD) else "Nee")
    Omzetregel.objects.create(inzending=i, product=product, aantal=D(aantal), omzet=D(omzet))


@pytest.fixture
def w(regio_a):
    ab, bhl, dag = f.gooi(regio_a)
    ggz = PerceelFactory(aanbesteding=ab, code="5.1", naam="Ambulante jeugd GGZ", volgorde=1)
    traject = ProductFactory(perceel=ggz, categorie="54", code="54B01", naam="BGGZ traject", eenheid="stuks")
    minuten = ProductFactory(perceel=ggz, categorie="45", code="45A52", naam="GGZ behandeling", eenheid="minuut")
    services.regels_laden(aanbesteding=ab, bron=bron.GOOI)  # now 5.1 exists: niveau 0 and niveau 2 load
    a, a_lid = f.overeenkomst(ab, bhl, naam="Alfa Jeugdzorg")
    b, _ = f.overeenkomst(ab, bhl, naam="Beta Jeugdzorg")
    p43 = bhl.producten.get(code="43B03")
    return {"ab": ab, "bhl": bhl, "ggz": ggz, "traject": traject, "minuten": minuten, "a": a, "a_lid": a_lid,
            "b": b, "p43": p43}


def _per(standen, code, ovk=None):
    return next(s for s in standen if s.plafond.code == code and (ovk is None or s.overeenkomst == ovk))


def test_per_client_uit_stuks(w):
    """10 BGGZ trajects for € 11.250 → € 1.125 per client: 90 % of niveau 0 (€ 1.250) → warning 80; 22,5 % of
    niveau 2 (€ 5.000). The € 4.000 in minutes is spend but not averaged per client."""
    _omzet(w["a"], w["traject"], "11250", aantal=10)
    _omzet(w["b"], w["minuten"], "4000", aantal=2400)
    standen = budget.plafondstanden(ALLE, JAAR)
    n0, n2 = _per(standen, "niveau 0"), _per(standen, "niveau 2")
    assert (n0.plafond.bedrag, n0.besteed, n0.clienten, n0.waarde, n0.percentage) == (D("1250"), D("15250"), 10,
                                                                                      D("1125.00"), D("90.0"))
    assert (n0.signalen, n0.label) == ([80], "80% van het plafond")
    assert (n2.percentage, n2.signalen, n2.label) == (D("22.5"), [], "")


def test_per_client_zonder_stuks_niet_te_middelen(w):
    _omzet(w["a"], w["minuten"], "4000", aantal=2400)
    n0 = _per(budget.plafondstanden(ALLE, JAAR), "niveau 0")
    assert n0.besteed == D("4000") and n0.waarde is None and n0.percentage is None and n0.signalen == []
    assert "Geen cliëntaantal" in n0.toelichting


def test_per_aanbieder_eigen_plafond_en_totaal(w):
    """General ceiling € 100.000 per provider on 5.10: Alfa € 85.000 (85 %, warning 80). Beta has its own
    ceiling € 50.000 and spent € 60.000 (120 %: 80 and 100, "plafond bereikt"); the general one does not apply to
    Beta. Total 5.10 € 200.000: € 145.000 = 72,5 %. Submitted, rejected or other-year spend does not count."""
    ab, bhl = w["ab"], w["bhl"]
    Budgetplafond.objects.create(aanbesteding=ab, perceel=bhl, code="BHL-aanbieder", naam="BHL per aanbieder",
                                 soort="per_aanbieder", bedrag=D("100000"))
    Budgetplafond.objects.create(aanbesteding=ab, perceel=bhl, code="BHL-aanbieder", naam="BHL Beta",
                                 soort="per_aanbieder", bedrag=D("50000"), overeenkomst=w["b"], jaar=JAAR)
    Budgetplafond.objects.create(aanbesteding=ab, perceel=bhl, code="BHL-totaal", naam="BHL totaal",
                                 soort="totaal", bedrag=D("200000"), drempels="75, 90,100")
    _omzet(w["a"], w["p43"], "85000", aantal=200)
    _omzet(w["b"], w["p43"], "60000", aantal=150)
    _omzet(w["a"], w["p43"], "99999", status=S.INGEDIEND)
    _omzet(w["a"], w["p43"], "99999", status=S.AFGEWEZEN)
    _omzet(w["a"], w["p43"], "99999", jaar=JAAR - 1)
    standen = budget.plafondstanden(ALLE, JAAR)
    alfa, beta = _per(standen, "BHL-aanbieder", w["a"]), _per(standen, "BHL-aanbieder", w["b"])
    assert (alfa.plafond.bedrag, alfa.besteed, alfa.percentage, alfa.signalen) == (D("100000"), D("85000"),
                                                                                  D("85.0"), [80])
    assert (beta.plafond.bedrag, beta.besteed, beta.percentage, beta.signalen, beta.label, beta.over) == (
        D("50000"), D("60000"), D("120.0"), [80, 100], "plafond bereikt", True)
    assert len([s for s in standen if s.plafond.code == "BHL-aanbieder"]) == 2
    totaal = _per(standen, "BHL-totaal")
    assert (totaal.besteed, totaal.percentage, totaal.signalen) == (D("145000"), D("72.5"), [])
    assert budget.drempels(totaal.plafond) == [75, 90, 100]
    # A ceiling of another year is not shown; the year-less ones are.
    assert not [s for s in budget.plafondstanden(ALLE, JAAR + 1) if s.plafond.overeenkomst_id]


def test_andere_regio_ziet_niets(w, regio_b):
    _omzet(w["a"], w["traject"], "11250", aantal=10)
    assert budget.plafondstanden(Bereik(alle=False, ids=frozenset({regio_b.pk})), JAAR) == []


def test_queries_constant(w, regio_a):
    ab, bhl = w["ab"], w["bhl"]
    Budgetplafond.objects.create(aanbesteding=ab, perceel=bhl, code="BHL-aanbieder", naam="BHL per aanbieder",
                                 soort="per_aanbieder", bedrag=D("100000"))

    def tel():
        with CaptureQueriesContext(connection) as q:
            standen = budget.plafondstanden(ALLE, JAAR)
        return len(q), len(standen)

    _omzet(w["a"], w["p43"], "1000", aantal=1)
    weinig, n1 = tel()
    for i in range(4):
        ovk, _ = f.overeenkomst(ab, bhl, naam=f"Aanbieder {i}")
        _omzet(ovk, w["p43"], "1000", aantal=1)
    veel, n2 = tel()
    assert n2 == n1 + 4 and veel == weinig <= 3


class TestBeheerpagina:
    URL = reverse("contractbeheer_admin_budgetplafonds")

    def test_toont_plafonds_en_signalen(self, staff_client, w, contractmanager_a):
        _omzet(w["a"], w["traject"], "11250", aantal=10)
        client = staff_client(contractmanager_a)
        html = client.get(self.URL, {"jaar": JAAR}).content.decode()
        assert "Ambulante jeugd GGZ niveau 0" in html and "€ 1.125,00" in html and "90,0%" in html
        assert "80% van het plafond" in html
        html = client.get(self.URL, {"jaar": JAAR, "aanbesteding": w["ab"].pk}).content.decode()
        assert "niveau 2" in html

    def test_rechten(self, staff_client, w, contractmanager_b, beoordelaar_a):
        _omzet(w["a"], w["traject"], "11250", aantal=10)
        client = staff_client(contractmanager_b)
        html = client.get(self.URL, {"jaar": JAAR, "aanbesteding": w["ab"].pk}).content.decode()
        assert "niveau 0" not in html
        client = staff_client(beoordelaar_a)
        assert client.get(self.URL).status_code in (302, 403)
