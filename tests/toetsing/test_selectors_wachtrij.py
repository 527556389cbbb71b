"""The queue and the dashboard: filters on the one status field (ADR 0005 §4), scoped per user, and a constant
number of queries whatever the number of inschrijvingen (ARCHITECTURE rule 9), here 3 against 30."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inschrijving.models import Inschrijving
from toetsing import selectors, services
from toetsing.models import Toetsing

from ._hulp import om, verklaar
from .helpers import beoordeel

NU = om(2026, 6, 1, 12, 0)


@pytest.fixture
def zes_statussen(maak_inschrijving, commissie, volledig_beoordeeld, inkoper, beoordelaar, beoordelaar2):
    """One inschrijving in each status of the queue, submitted a day apart (oldest first)."""
    i = {naam: maak_inschrijving() for naam in
         ("nieuw", "in_beoordeling", "herstel", "consensus", "vastgesteld", "besloten")}
    for dag, insch in enumerate(i.values()):
        Inschrijving.objects.filter(pk=insch.pk).update(ingediend_op=om(2026, 2, 1 + dag, 9, 0))
    services.toewijzen(inschrijvingen=[i["in_beoordeling"], i["herstel"], i["consensus"]],
                       beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    services.herstel_vragen(inschrijving=i["herstel"], vraag="Stuur de VOG.", eisen=[], door=inkoper)
    beoordeel(i["consensus"], beoordelaar)
    beoordeel(i["consensus"], beoordelaar2)
    volledig_beoordeeld(i["vastgesteld"])
    services.besluit_nemen(inschrijving=volledig_beoordeeld(i["besloten"]), door=inkoper)
    for naam, insch in i.items():
        assert Toetsing.objects.filter(inschrijving=insch).first() is None or (
            Toetsing.objects.get(inschrijving=insch).status == naam)
    return i


def _ids(qs):
    return [i.pk for i in qs]


def test_inkoper_ziet_alles_op_volgorde_van_indiening(procedure, zes_statussen, inkoper):
    assert _ids(selectors.wachtrij(procedure["aanbesteding"], inkoper)) == [i.pk for i in zes_statussen.values()]


@pytest.mark.parametrize("filter_naam", ["nieuw", "herstel", "consensus", "vastgesteld", "besloten"])
def test_filter_per_status(procedure, zes_statussen, inkoper, filter_naam):
    assert _ids(selectors.wachtrij(procedure["aanbesteding"], inkoper, filter_naam)) == [zes_statussen[filter_naam].pk]


def test_beoordelaar_ziet_alleen_zijn_toewijzingen(procedure, zes_statussen, beoordelaar):
    verwacht = [zes_statussen[n].pk for n in ("in_beoordeling", "herstel", "consensus", "vastgesteld", "besloten")]
    assert _ids(selectors.wachtrij(procedure["aanbesteding"], beoordelaar)) == verwacht
    # "Mijn werk": what still waits for this assessor's verdict.
    assert _ids(selectors.wachtrij(procedure["aanbesteding"], beoordelaar, "mijn")) == [
        zes_statussen["in_beoordeling"].pk, zes_statussen["herstel"].pk]


def test_mijn_werk_van_de_voorzitter_is_de_consensus(procedure, zes_statussen, inkoper):
    assert _ids(selectors.wachtrij(procedure["aanbesteding"], inkoper, "mijn")) == [zes_statussen["consensus"].pk]


def test_teruggetrokken_beoordelaar_verliest_de_inschrijving_uit_zijn_wachtrij(procedure, zes_statussen, beoordelaar):
    verklaar(zes_statussen["in_beoordeling"], beoordelaar, geen_conflict=False, toelichting="Familie")
    assert zes_statussen["in_beoordeling"].pk not in _ids(selectors.wachtrij(procedure["aanbesteding"], beoordelaar))


def test_over_de_behandeltermijn_van_90_dagen(procedure, maak_inschrijving, volledig_beoordeeld, commissie, inkoper):
    precies, te_laat, besloten = maak_inschrijving(), maak_inschrijving(), volledig_beoordeeld(maak_inschrijving())
    services.besluit_nemen(inschrijving=besloten, door=inkoper)
    Inschrijving.objects.filter(pk=precies.pk).update(ingediend_op=NU - timedelta(days=90))
    Inschrijving.objects.filter(pk__in=[te_laat.pk, besloten.pk]).update(ingediend_op=NU - timedelta(days=90, minutes=1))
    with time_machine.travel(NU, tick=False):
        # A decided inschrijving is never late; exactly 90 days is not yet over the term.
        assert _ids(selectors.wachtrij(procedure["aanbesteding"], inkoper, "te_laat")) == [te_laat.pk]
        assert selectors.dashboard(procedure["aanbesteding"]).te_laat == 1


def test_dashboard_telt_per_status_en_per_perceel(procedure, zes_statussen):
    d = selectors.dashboard(procedure["aanbesteding"])
    assert d.tellingen == dict.fromkeys(Toetsing.Status.values, 1)
    assert d.totaal == 6
    assert d.besluiten["genomen"] == 1 and sum(d.besluiten.values()) == 1
    [ambulant, mst] = d.grafiek
    assert ambulant["perceel"] == procedure["ambulant"] and ambulant["totaal"] == 6
    assert {s["sleutel"]: s["n"] for s in ambulant["segmenten"]} == {
        "nieuw": 1, "in_beoordeling": 1, "herstel": 1, "consensus": 1, "vastgesteld": 1, "toegelaten": 1}
    assert mst["totaal"] == 0 and mst["segmenten"] == []


# --- query counts: 3 against 30 inschrijvingen ----------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _bijmaken(maak_inschrijving, aantal, inkoper, beoordelaar, beoordelaar2):
    """`aantal` inschrijvingen over both percelen; two of every three assigned, the rest new."""
    nieuw = [maak_inschrijving(percelen=("ambulant", "mst") if n % 2 else ("ambulant",)) for n in range(aantal)]
    services.toewijzen(inschrijvingen=[i for n, i in enumerate(nieuw) if n % 3],
                       beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)


@pytest.mark.parametrize(("naam", "wie", "query"), [
    ("toetsing_wachtrij", "inkoper", ""),
    ("toetsing_wachtrij", "inkoper", "?filter=te_laat"),
    ("toetsing_wachtrij", "beoordelaar", ""),
    ("toetsing_wachtrij", "beoordelaar", "?filter=mijn"),
    ("toetsing_dashboard", "inkoper", ""),
    ("toetsing_overzicht", "beoordelaar", ""),
])
def test_queries_gelijk_bij_3_en_30_inschrijvingen(request, client, procedure, commissie, maak_inschrijving,
                                                   volledig_beoordeeld, inkoper, beoordelaar, beoordelaar2,
                                                   naam, wie, query):
    # One decided inschrijving, so the decision and per-perceel outcome paths are exercised too.
    services.besluit_nemen(inschrijving=volledig_beoordeeld(maak_inschrijving()), door=inkoper)
    _bijmaken(maak_inschrijving, 2, inkoper, beoordelaar, beoordelaar2)
    url = reverse(naam, args=[] if naam == "toetsing_overzicht" else [procedure["aanbesteding"].pk]) + query
    client.force_login(request.getfixturevalue(wie))
    client.get(url)  # warm the session and content-type caches
    bij_drie = _queries(client, url)
    _bijmaken(maak_inschrijving, 27, inkoper, beoordelaar, beoordelaar2)
    assert Inschrijving.objects.count() == 30
    assert _queries(client, url) == bij_drie
