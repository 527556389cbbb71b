"""The staff start page shows the SROI-adviseur what waits in the three work lists (sroi.selectors.te_beoordelen,
the panel in sroi.wagtail_hooks), counted with the lists' own querysets, only in the adviser's regions."""

import pytest

from sroi import selectors
from tests.conftest import _staff
from tests.factories import RegioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def werk(ingediend_plan, c_activiteit, registreer, q1_2020, indienen):
    registreer("b1", omschrijving="Tweede snuffelstage")
    return indienen(q1_2020)


def _aantallen(user):
    return [(label, n) for label, n, _ in selectors.te_beoordelen(user)]


def test_telt_wat_de_werklijsten_tonen(werk, sroi_adviseur):
    assert _aantallen(sroi_adviseur) == [("Plannen te beoordelen", 1), ("Activiteiten te beoordelen", 2),
                                          ("Rapportages te verifiëren", 1)]
    assert [n for _, n, _ in selectors.te_beoordelen(sroi_adviseur)] == [
        selectors.te_beoordelen_plannen().count(), selectors.te_beoordelen_activiteiten().count(),
        selectors.te_verifieren_rapportages().count()]


def test_adviseur_van_een_andere_regio_telt_niets(werk, staffgroepen):
    from organisaties.rollen import SROI_ADVISEUR

    elders = _staff(SROI_ADVISEUR, RegioFactory(naam="Rijk van Nijmegen", slug="rob"))
    assert [n for _, n in _aantallen(elders)] == [0, 0, 0]


def test_startpagina_met_links_naar_de_werklijsten(werk, staff_client, sroi_adviseur):
    html = staff_client(sroi_adviseur).get("/admin/").content.decode()
    assert "SROI: wat op u wacht" in html
    assert '<a href="/admin/sroi/activiteiten/">Activiteiten te beoordelen: 2</a>' in html
    assert '<a href="/admin/sroi/rapportages/">Rapportages te verifiëren: 1</a>' in html


def test_geen_sroipaneel_voor_een_contractmanager(staff_client, contractmanager):
    assert "SROI: wat op u wacht" not in staff_client(contractmanager).get("/admin/").content.decode()
