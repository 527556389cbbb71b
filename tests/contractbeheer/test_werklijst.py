"""The contract manager's work list (issue 13): the three sections with their counts, filters, pages, the
regions (ADR 0011: a contract manager of region B sees nothing of region A), who gets in, and constant queries."""

from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contractbeheer import selectors
from contractbeheer.models import Verantwoording
from contractbeheer.selectors.werklijst import PER_PAGINA, SECTIES
from contractbeheer.wagtail_hooks import contractbeheer_menu
from core.kalender import TZ

from . import _overzicht as o
from . import factories as f

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 4, 2)  # a Thursday; the financial verantwoording over 2025 was due 31 March
URL = "/admin/contractbeheer/"


@pytest.fixture
def klok():
    with time_machine.travel(datetime(2026, 4, 2, 12, 0, tzinfo=TZ), tick=False):
        yield


@pytest.fixture
def wereld(regio_a, regio_b):
    """Region A (MLO-shaped) with two providers and one of everything; region B (Gooi-shaped) with one late duty."""
    ab, perceel, (venlo, horst) = f.mlo(regio_a)
    een, _ = f.overeenkomst(ab, perceel, naam="Aanbieder Een")
    twee, _ = f.overeenkomst(ab, perceel, naam="Aanbieder Twee")
    r = {
        # te laat
        "fv_laat": o.verantwoording(een, "financieel", gemeente=venlo),  # 31-03: 2 days late
        "pv_laat": o.verantwoording(twee, "productverantwoording", gemeente=venlo),  # 28-02: 33 days late
        # deze week (02-04 up to and including 09-04)
        "verzoek_week": o.verzoek(een, onderwerp="Wachttijden", uiterlijk=date(2026, 4, 8)),
        "herstel_week": o.verantwoording(twee, "financieel", gemeente=horst, status=Verantwoording.Status.HERSTEL,
                                         herstel_uiterlijk=date(2026, 4, 9)),
        "onderzoek_week": o.onderzoek(een, gemeld=date(2026, 3, 25)),  # reaction due 08-04
        "vandaag": o.verzoek(twee, onderwerp="Vandaag uiterlijk", uiterlijk=VANDAAG),
        # wacht op beoordeling
        "ingediend": o.verantwoording(een, "klachten_innovatie", status=Verantwoording.Status.INGEDIEND,
                                      status_sinds=o.moment(date(2026, 3, 30))),
        "beantwoord": o.verzoek(twee, onderwerp="Beantwoord verzoek", status="beantwoord",
                                beantwoord_op=o.moment(date(2026, 3, 28))),
        "melding": o.melding(een, samenvatting="Brand op de groep", ontvangen=o.moment(date(2026, 3, 23))),
        "reactie": o.onderzoek(twee, gemeld=date(2026, 3, 20), reactie_op=o.moment(date(2026, 3, 29))),
    }
    # Nowhere: later than a week, approved, handled, closed.
    o.verzoek(een, onderwerp="Later", uiterlijk=date(2026, 4, 20))
    o.verantwoording(een, "productverantwoording", gemeente=horst, status=Verantwoording.Status.GOEDGEKEURD)
    o.melding(twee, samenvatting="Afgehandeld", status="afgehandeld")
    o.verzoek(een, onderwerp="Gesloten", uiterlijk=date(2026, 3, 1), verzoekstatus="gesloten")
    # Region B.
    gooi, bhl, _ = f.gooi(regio_b)
    ander, _ = f.overeenkomst(gooi, bhl, naam="Gooise Aanbieder")
    r["gooi_laat"] = o.verantwoording(ander, "prestatieverklaring")
    r["gooi_melding"] = o.melding(ander, code="calamiteit", samenvatting="Gooise melding")
    return ab, gooi, r


def _keys(lijst):
    return [(r.soort, r.pk) for r in lijst.regels]


def test_secties_met_tellingen(wereld, contractmanager_a):
    _, _, r = wereld
    te_doen = selectors.werklijst(contractmanager_a, VANDAAG, {})
    assert te_doen.sectie == "deze_week"
    assert te_doen.secties == [("deze_week", "Deze week te doen", 4), ("te_laat", "Te laat", 2),
                               ("beoordeling", "Wacht op beoordeling", 4)]
    assert _keys(te_doen) == [
        ("informatieverzoek", r["vandaag"].pk),  # 02-04
        ("informatieverzoek", r["verzoek_week"].pk),  # 08-04, Aanbieder Een
        ("onderzoek", r["onderzoek_week"].pk),  # 08-04, Aanbieder Een, "onderzoek" after "informatieverzoek"
        ("verantwoording", r["herstel_week"].pk),  # 09-04: the repair deadline counts
    ]
    laat = selectors.werklijst(contractmanager_a, VANDAAG, {"sectie": "te_laat"})
    assert _keys(laat) == [("verantwoording", r["pv_laat"].pk), ("verantwoording", r["fv_laat"].pk)]
    assert [(x.organisatie, x.dagen_te_laat, x.te_laat) for x in laat.regels] == [
        ("Aanbieder Twee", 33, True), ("Aanbieder Een", 2, True)]
    beoordeling = selectors.werklijst(contractmanager_a, VANDAAG, {"sectie": "beoordeling"})
    assert _keys(beoordeling) == [  # oldest arrival first
        ("melding", r["melding"].pk), ("informatieverzoek", r["beantwoord"].pk),
        ("onderzoek", r["reactie"].pk), ("verantwoording", r["ingediend"].pk),
    ]
    assert beoordeling.regels[0].ontvangen == o.moment(date(2026, 3, 23))


def test_grens_van_de_week(wereld, contractmanager_a):
    _, _, r = wereld
    # On 01-04 the week runs up to and including 08-04: the 09-04 deadline is not in it yet.
    lijst = selectors.werklijst(contractmanager_a, date(2026, 4, 1), {})
    assert ("verantwoording", r["herstel_week"].pk) not in _keys(lijst)
    assert ("informatieverzoek", r["verzoek_week"].pk) in _keys(lijst)
    # On 31-03 the financial verantwoording is due today: this week, not late.
    lijst = selectors.werklijst(contractmanager_a, date(2026, 3, 31), {})
    assert ("verantwoording", r["fv_laat"].pk) in _keys(lijst)
    laat = selectors.werklijst(contractmanager_a, date(2026, 3, 31), {"sectie": "te_laat"})
    assert _keys(laat) == [("verantwoording", r["pv_laat"].pk)]


def test_zonder_keuze_opent_de_eerste_sectie_met_werk(wereld, contractmanager_a):
    """In December nothing is due this week but things are late: the list opens on "Te laat", not on an empty
    tab (seen in the browser with the demo data)."""
    lijst = selectors.werklijst(contractmanager_a, date(2026, 12, 3), {})
    assert {s: n for s, _l, n in lijst.secties}["deze_week"] == 0
    assert lijst.sectie == "te_laat" and lijst.regels
    assert selectors.werklijst(contractmanager_a, date(2026, 12, 3), {"sectie": "deze_week"}).regels == []


def test_urls_naar_de_beheerschermen_van_de_stromen(wereld, contractmanager_a):
    _, _, r = wereld
    urls = {(x.soort, x.pk): x.url for s in ("deze_week", "te_laat", "beoordeling")
            for x in selectors.werklijst(contractmanager_a, VANDAAG, {"sectie": s}).regels}
    assert urls[("verantwoording", r["fv_laat"].pk)] == reverse("contractbeheer_admin_verantwoording",
                                                                args=[r["fv_laat"].pk])
    assert urls[("informatieverzoek", r["verzoek_week"].pk)] == reverse(
        "contractbeheer_admin_verzoek", args=[r["verzoek_week"].verzoek_id])
    assert urls[("informatieverzoek", r["beantwoord"].pk)] == reverse("contractbeheer_admin_antwoord",
                                                                      args=[r["beantwoord"].pk])
    assert urls[("melding", r["melding"].pk)] == reverse("contractbeheer_admin_melding", args=[r["melding"].pk])
    assert urls[("onderzoek", r["reactie"].pk)] == reverse("contractbeheer_admin_onderzoek", args=[r["reactie"].pk])


def test_contractmanager_van_regio_b_ziet_niets_van_regio_a(wereld, contractmanager_b):
    ab, gooi, r = wereld
    laat = selectors.werklijst(contractmanager_b, VANDAAG, {"sectie": "te_laat"})
    assert _keys(laat) == [("verantwoording", r["gooi_laat"].pk)]
    assert [t for _, _, t in laat.secties] == [0, 1, 1]
    beoordeling = selectors.werklijst(contractmanager_b, VANDAAG, {"sectie": "beoordeling"})
    assert _keys(beoordeling) == [("melding", r["gooi_melding"].pk)]
    # Asking for region A's procedure does not widen the reach: the list stays within B.
    assert selectors.werklijst(contractmanager_b, VANDAAG, {"sectie": "te_laat", "aanbesteding": ab.pk}).totaal == 0
    assert {x.regio_id for x in selectors.werklijst_regels(contractmanager_b, VANDAAG, {})} == {gooi.regio_id}


def test_pagina_van_regio_b_toont_niets_van_a(wereld, staff_client, contractmanager_b, klok):
    ab, _, _ = wereld
    client = staff_client(contractmanager_b)
    html = client.get(URL + "?sectie=te_laat").content.decode()
    assert "Gooise Aanbieder" in html and "Aanbieder Een" not in html and "Aanbieder Twee" not in html
    assert ab.titel not in html  # not even among the procedure choices
    html = client.get(URL + f"?sectie=te_laat&aanbesteding={ab.pk}").content.decode()
    assert "Aanbieder Een" not in html and "Aanbieder Twee" not in html


def test_filters_procedure_regio_en_soort(wereld, contractmanager):
    """A contract manager of every region (a one-bureau portal) narrows by procedure, region and kind."""
    ab, gooi, r = wereld
    alle = selectors.werklijst(contractmanager, VANDAAG, {"sectie": "te_laat"})
    assert alle.totaal == 3
    alleen_a = selectors.werklijst(contractmanager, VANDAAG, {"sectie": "te_laat", "aanbesteding": ab})
    assert {x.procedure for x in alleen_a.regels} == {ab.titel} and alleen_a.totaal == 2
    per_regio = selectors.werklijst(contractmanager, VANDAAG, {"sectie": "te_laat", "regio": gooi.regio})
    assert _keys(per_regio) == [("verantwoording", r["gooi_laat"].pk)]
    soort = selectors.werklijst(contractmanager, VANDAAG, {"sectie": "beoordeling", "soort": "melding"})
    assert {x.soort for x in soort.regels} == {"melding"} and soort.totaal == 2
    assert soort.secties == [("deze_week", "Deze week te doen", 0), ("te_laat", "Te laat", 0),
                             ("beoordeling", "Wacht op beoordeling", 2)]


def test_filters_via_de_pagina(wereld, staff_client, contractmanager, klok):
    ab, gooi, _ = wereld
    client = staff_client(contractmanager)
    html = client.get(URL + f"?sectie=te_laat&regio={gooi.regio_id}").content.decode()
    assert "Gooise Aanbieder" in html and "Aanbieder Twee" not in html
    html = client.get(URL + f"?sectie=te_laat&aanbesteding={ab.pk}").content.decode()
    assert "Gooise Aanbieder" not in html and "Aanbieder Twee" in html
    assert 'name="regio"' in html  # two regions: the region filter is offered
    html = client.get(URL + "?sectie=beoordeling&soort=melding").content.decode()
    assert "Brand op de groep" in html and "Beantwoord verzoek" not in html
    # Nonsense in the query string is ignored, never a 500.
    assert client.get(URL + "?sectie=xyz&pagina=abc&aanbesteding=999999&soort=niets").status_code == 200


def test_paginas(regio_a, contractmanager_a):
    ab, perceel, gemeenten = f.mlo(regio_a)
    for i in range(PER_PAGINA + 5):
        ov, _ = f.overeenkomst(ab, naam=f"Aanbieder {i:02d}")
        o.verantwoording(ov, "financieel", gemeente=gemeenten[0])
    eerste = selectors.werklijst(contractmanager_a, VANDAAG, {"sectie": "te_laat"})
    assert (eerste.totaal, eerste.aantal_paginas, len(eerste.regels), eerste.vorige, eerste.volgende) == (
        30, 2, 25, None, 2)
    tweede = selectors.werklijst(contractmanager_a, VANDAAG, {"sectie": "te_laat", "pagina": 2})
    assert len(tweede.regels) == 5 and tweede.vorige == 1 and tweede.volgende is None
    assert [x.organisatie for x in eerste.regels + tweede.regels] == [f"Aanbieder {i:02d}" for i in range(30)]
    assert selectors.werklijst(contractmanager_a, VANDAAG, {"sectie": "te_laat", "pagina": 99}).pagina == 2
    assert selectors.werklijst(contractmanager_a, VANDAAG, {"sectie": "te_laat", "pagina": 0}).pagina == 1


def test_pagina_met_secties_en_bladeren(regio_a, staff_client, contractmanager_a, klok):
    ab, perceel, gemeenten = f.mlo(regio_a)
    for i in range(PER_PAGINA + 1):
        ov, _ = f.overeenkomst(ab, naam=f"Aanbieder {i:02d}")
        o.verantwoording(ov, "financieel", gemeente=gemeenten[0])
    client = staff_client(contractmanager_a)
    antwoord = client.get(URL + "?sectie=te_laat")
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Te laat (26)" in html and "Deze week te doen (0)" in html and "Wacht op beoordeling (0)" in html
    assert "te laat: 2 dagen" in html and "Pagina 1 van 2" in html and "pagina=2" in html
    assert "Aanbieder 25" not in html
    assert "Aanbieder 25" in client.get(URL + "?sectie=te_laat&pagina=2").content.decode()
    assert "Niets in deze sectie." in client.get(URL + "?sectie=deze_week").content.decode()
    assert "Aanbieder 00" in client.get(URL).content.decode()  # opens on the first section with work


def test_lege_werklijst_zonder_bronnen(contractmanager_a):
    lijst = selectors.werklijst(contractmanager_a, VANDAAG, {"soort": "niets"})
    assert lijst.totaal == 0 and lijst.regels == [] and lijst.aantal_paginas == 1
    assert selectors.werklijst_regels(contractmanager_a, VANDAAG, {"soort": "niets"}) == []


# --- who gets in -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["beoordelaar_a", "redacteur_a", "sroi_adviseur_a"])
@pytest.mark.parametrize("pad", [URL, URL + "export/?formaat=csv", URL + "regels-laden/"])
def test_geen_toegang_voor_andere_rollen(wereld, staff_client, request, persona, pad):
    client = staff_client(request.getfixturevalue(persona))
    antwoord = client.get(pad)
    assert antwoord.status_code in (302, 403)
    assert "Aanbieder Een" not in antwoord.content.decode()


def test_aanbieder_komt_niet_in_het_beheer(client, wereld):
    _, _, r = wereld
    lid = r["fv_laat"].overeenkomst.organisatie.lidmaatschappen.first().user
    client.force_login(lid)
    antwoord = client.get(URL)
    assert antwoord.status_code in (302, 403)


@pytest.mark.parametrize("persona,zichtbaar", [
    ("contractmanager_a", True), ("inkoper_a", True),
    ("beoordelaar_a", False), ("redacteur_a", False), ("sroi_adviseur_a", False),
])
def test_menu_alleen_voor_contractbeheer(request, persona, zichtbaar):
    verzoek = RequestFactory().get("/admin/")
    verzoek.user = request.getfixturevalue(persona)
    assert contractbeheer_menu().is_shown(verzoek) is zichtbaar


@pytest.mark.parametrize("persona,zichtbaar", [("contractmanager_a", True), ("beoordelaar_a", False),
                                               ("redacteur_a", False), ("sroi_adviseur_a", False)])
def test_menu_in_het_dashboard(staff_client, request, persona, zichtbaar):
    html = staff_client(request.getfixturevalue(persona)).get("/admin/").content.decode()
    assert (URL in html) is zichtbaar
    assert ("Verplichtingen-instellingen" in html) is zichtbaar


# --- constant queries ---------------------------------------------------------------------------------------


def _vul(ab, gemeenten, aantal, vanaf=0):
    for i in range(vanaf, vanaf + aantal):
        ov, _ = f.overeenkomst(ab, naam=f"Aanbieder {i:03d}")
        o.verantwoording(ov, "financieel", gemeente=gemeenten[0])  # te laat
        o.verantwoording(ov, "financieel", gemeente=gemeenten[1], status=Verantwoording.Status.INGEDIEND,
                         status_sinds=o.moment(date(2026, 3, 30)))
        o.verzoek(ov, uiterlijk=date(2026, 4, 7))  # deze week
        o.verzoek(ov, status="beantwoord", beantwoord_op=o.moment(date(2026, 3, 28)))
        o.melding(ov)
        o.onderzoek(ov)
        o.onderzoek(ov, gemeld=date(2026, 3, 20), reactie_op=o.moment(date(2026, 3, 29)))


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_vast_aantal_queries_voor_5_en_50_aanbieders(regio_a, staff_client, contractmanager_a, klok,
                                                     django_assert_max_num_queries):
    ab, _, gemeenten = f.mlo(regio_a)
    _vul(ab, gemeenten, 5)
    client = staff_client(contractmanager_a)
    klein = {s: _queries(client, f"{URL}?sectie={s}") for s in SECTIES}
    klein_export = _queries(client, f"{URL}export/?formaat=csv")
    _vul(ab, gemeenten, 45, vanaf=5)
    lijst = selectors.werklijst(contractmanager_a, VANDAAG, {"sectie": "beoordeling"})
    assert [t for _, _, t in lijst.secties] == [100, 50, 200]
    for sectie, aantal in klein.items():
        with django_assert_max_num_queries(aantal):
            assert client.get(f"{URL}?sectie={sectie}").status_code == 200
    with django_assert_max_num_queries(klein_export):
        assert client.get(f"{URL}export/?formaat=csv").status_code == 200
    # The selector itself: the region (cached per user), 4 counts, 1 union, at most 4 detail queries.
    contractmanager_a.refresh_from_db()
    with django_assert_max_num_queries(10):
        selectors.werklijst(contractmanager_a, VANDAAG, {"sectie": "beoordeling"})
