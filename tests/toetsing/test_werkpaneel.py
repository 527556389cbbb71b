"""The staff start page shows what waits in the assessment (toetsing.selectors.mijn_werk, the panel in
toetsing.wagtail_hooks): for an assessor the inschrijvingen assigned and not yet finished (the queue's "mijn" filter),
for the chair those ready for consensus, for an Inkoper also what is still to assign and to decide; only in the
person's own regions, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbesteding.models import Aanbesteding
from tests.conftest import log_in_met_mfa
from toetsing import selectors

from .test_selectors_wachtrij import zes_statussen  # noqa: F401 (the fixture)


def _tellingen(user):
    return [(r.aanbesteding_id, r.te_beoordelen, r.consensus, r.toe_te_wijzen, r.te_besluiten)
            for r in selectors.mijn_werk(user)]


def test_beoordelaar_ziet_wat_hem_toegewezen_is(procedure, zes_statussen, beoordelaar):  # noqa: F811
    # in_beoordeling and herstel wait for this assessor; consensus, vastgesteld and besloten no longer.
    assert _tellingen(beoordelaar) == [(procedure["aanbesteding"].pk, 2, 0, 0, 0)]


def test_inkoper_en_voorzitter_ziet_consensus_toewijzen_en_besluiten(procedure, zes_statussen, inkoper):  # noqa: F811
    assert _tellingen(inkoper) == [(procedure["aanbesteding"].pk, 0, 1, 1, 1)]
    [regel] = selectors.mijn_werk(inkoper)
    wachtrij = f"/admin/toetsing/{procedure['aanbesteding'].pk}/wachtrij/"
    assert regel.url == wachtrij
    # Each count opens the queue on the filter that shows exactly those inschrijvingen.
    assert regel.tellingen == [(0, wachtrij + "?filter=mijn"), (1, wachtrij + "?filter=consensus"),
                               (1, wachtrij + "?filter=nieuw"), (1, wachtrij + "?filter=vastgesteld")]
    assert regel.titel == procedure["aanbesteding"].titel


def test_niets_wacht_dan_geen_regels(procedure, beoordelaar):
    assert selectors.mijn_werk(beoordelaar) == []


def test_alleen_in_eigen_regio(procedure, zes_statussen, regio_a, inkoper_a, inkoper_b):  # noqa: F811
    Aanbesteding.objects.filter(pk=procedure["aanbesteding"].pk).update(regio=regio_a)
    assert _tellingen(inkoper_a) == [(procedure["aanbesteding"].pk, 0, 0, 1, 1)]  # inkoper_a chairs nothing here
    assert _tellingen(inkoper_b) == []


def test_een_query_ongeacht_het_aantal_procedures(procedure, maak_inschrijving, inkoper):
    from tests.aanbesteding.factories import AanbestedingFactory
    from tests.toetsing.factories import InschrijvingFactory

    maak_inschrijving()
    selectors.mijn_werk(inkoper)  # the region scope of this person, read once and cached per request elsewhere
    with CaptureQueriesContext(connection) as een:
        assert len(selectors.mijn_werk(inkoper)) == 1
    for _ in range(3):
        InschrijvingFactory(aanbesteding=AanbestedingFactory())
    with CaptureQueriesContext(connection) as vier:
        assert len(selectors.mijn_werk(inkoper)) == 4
    assert len(vier) == len(een)


@pytest.mark.django_db
def test_startpagina_toont_het_werk_met_een_link_naar_de_wachtrij(client, procedure, zes_statussen,  # noqa: F811
                                                                  beoordelaar):
    log_in_met_mfa(client, beoordelaar)
    html = client.get("/admin/").content.decode()
    assert "Toetsing: wat op u wacht" in html
    assert f'<a href="/admin/toetsing/{procedure["aanbesteding"].pk}/wachtrij/?filter=mijn">2</a>' in html
    assert "Nog toe te wijzen" not in html  # an assessor assigns nothing


@pytest.mark.django_db
def test_startpagina_van_een_redacteur_heeft_geen_toetsingspaneel(client, redacteur):
    log_in_met_mfa(client, redacteur)
    assert "Toetsing: wat op u wacht" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_startpagina_zonder_werk_zegt_dat(client, inkoper):
    log_in_met_mfa(client, inkoper)
    assert "Er wacht in de toetsing niets op u." in client.get("/admin/").content.decode()
