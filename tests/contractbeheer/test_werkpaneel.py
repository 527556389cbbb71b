"""The staff start page shows a Contractmanager or Inkoper the three counts of their work list, each a link to its
tab (contractbeheer.selectors.werklijst_tellingen, the panel in contractbeheer.wagtail_hooks): the same numbers as
the list's own tabs, only in the person's regions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contractbeheer import selectors

from .test_werklijst import VANDAAG, klok, wereld  # noqa: F401 (the fixtures)

pytestmark = pytest.mark.django_db


def test_tellingen_zijn_die_van_de_tabs_van_de_werklijst(wereld, contractmanager_a):  # noqa: F811
    tellingen = selectors.werklijst_tellingen(contractmanager_a, VANDAAG)
    assert tellingen == [("deze_week", "Deze week te doen", 4), ("te_laat", "Te laat", 2),
                         ("beoordeling", "Wacht op beoordeling", 4)]
    assert tellingen == selectors.werklijst(contractmanager_a, VANDAAG, {}).secties


def test_alleen_de_eigen_regio(wereld, contractmanager_b):  # noqa: F811
    assert [n for _, _, n in selectors.werklijst_tellingen(contractmanager_b, VANDAAG)] == [0, 1, 1]


def test_vast_aantal_queries(wereld, contractmanager_a, contractmanager_b):  # noqa: F811
    with CaptureQueriesContext(connection) as veel:
        selectors.werklijst_tellingen(contractmanager_a, VANDAAG)
    with CaptureQueriesContext(connection) as weinig:
        selectors.werklijst_tellingen(contractmanager_b, VANDAAG)
    assert len(veel) == len(weinig)


def test_startpagina_met_links_naar_de_tabs(wereld, staff_client, contractmanager_a, klok):  # noqa: F811
    html = staff_client(contractmanager_a).get("/admin/").content.decode()
    assert "Contractbeheer: wat op u wacht" in html
    assert '<a href="/admin/contractbeheer/?sectie=te_laat">Te laat: 2</a>' in html
    assert '<a href="/admin/contractbeheer/?sectie=beoordeling">Wacht op beoordeling: 4</a>' in html


def test_beoordelaar_krijgt_geen_contractbeheerpaneel(staff_client, beoordelaar):
    assert "Contractbeheer: wat op u wacht" not in staff_client(beoordelaar).get("/admin/").content.decode()
