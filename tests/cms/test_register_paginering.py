"""The register pages in SQL (issue 15): 50 lines a page, a Dutch pager that keeps filters and tab, a 404 with a
Dutch message past the last page, a constant number of queries, and a CSV that streams every line."""

import re
from datetime import date

import pytest
from django.http import StreamingHttpResponse

from cms import register as registermodule
from overeenkomst.models import Deelname, Onderaannemer, Overeenkomst
from overeenkomst.selectors import Registerlijst, standaardjaar
from tests.factories import OrganisatieFactory

from ._hulp import csv_rijen
from .conftest import contracteer

pytestmark = pytest.mark.django_db

URL = "/procedures/jeugdhulp-voorzieningen/register/"


def _maak(procedure, perceel, van, tot, *, plaats="Hilversum", onder_elke=None):
    """Providers 'Aanbieder 000'... (names sort as numbers), optionally every n-th with a subcontractor."""
    for i in range(van, tot):
        org = OrganisatieFactory(naam=f"Aanbieder {i:03d}", plaats=plaats)
        ovk = Overeenkomst.objects.create(aanbesteding=procedure, organisatie=org, startdatum=date(2023, 1, 1))
        d = Deelname.objects.create(overeenkomst=ovk, perceel=perceel, startdatum=date(2023, 1, 1))
        if onder_elke and i % onder_elke == 0:
            Onderaannemer.objects.create(deelname=d, naam=f"Onder {i:03d}", kvk_nummer=f"{60000000 + i:08d}",
                                         plaats="Laren", vanaf=date(2024, 1, 1))


def _namen(html: str) -> list[str]:
    return re.findall(r"<tr><td>((?:Aanbieder|Onder) \d{3})</td>", html)


def _links(html: str) -> dict[str, str]:
    """The pager's links by their text, &amp; undone."""
    return {tekst: href.replace("&amp;", "&") for href, tekst in re.findall(r'<a href="([^"]*)" rel="(?:prev|next)">([^<]+)</a>', html)}


@pytest.fixture
def perceel(tussenvoorziening):
    return tussenvoorziening.perceel


def test_vijftig_regels_per_pagina_en_de_teller(client, procedure, pagina, perceel):
    _maak(procedure, perceel, 0, 120)
    html = client.get(URL).content.decode()
    assert _namen(html) == [f"Aanbieder {i:03d}" for i in range(50)]
    assert "Pagina 1 van 3" in html and "120 hoofdaannemers" in html and "Hoofdaannemers (120)" in html
    assert '<nav aria-label="Paginering hoofdaannemers"' in html
    assert set(_links(html)) == {"Volgende pagina"}


def test_laatste_pagina_heeft_alleen_vorige(client, procedure, pagina, perceel):
    _maak(procedure, perceel, 0, 120)
    html = client.get(URL, {"pagina": 3}).content.decode()
    assert _namen(html) == [f"Aanbieder {i:03d}" for i in range(100, 120)]
    assert "Pagina 3 van 3" in html and "101–120 getoond" in html
    assert set(_links(html)) == {"Vorige pagina"}
    assert "pagina=2" in _links(html)["Vorige pagina"]


def test_pager_houdt_filters_en_tab_vast(client, procedure, pagina, perceel):
    _maak(procedure, perceel, 0, 130, onder_elke=1)  # 130 subcontractors: three pages on their tab
    html = client.get(URL, {"tab": "onderaannemers", "q": "Aanbieder", "productcode": "43b03", "pagina": 2}).content.decode()
    assert _namen(html) == [f"Onder {i:03d}" for i in range(50, 100)]
    for link in _links(html).values():
        assert "tab=onderaannemers" in link and "q=Aanbieder" in link and "productcode=43B03" in link
    assert "pagina=1" in _links(html)["Vorige pagina"] and "pagina=3" in _links(html)["Volgende pagina"]
    # the tabs and the CSV keep the filters too (and start at page 1)
    # (and the year, issue 19: the default is the current year within the term)
    jaar = standaardjaar(procedure)
    assert f'href="?tab=hoofdaannemers&amp;q=Aanbieder&amp;gemeente=&amp;productcode=43B03&amp;jaar={jaar}"' in html
    assert f"register/csv/?q=Aanbieder&amp;gemeente=&amp;productcode=43B03&amp;jaar={jaar}" in html


def test_filter_telt_in_sql(client, procedure, pagina, perceel):
    _maak(procedure, perceel, 0, 60)
    _maak(procedure, perceel, 60, 70, plaats="Blaricum")
    html = client.get(URL, {"q": "blaricum"}).content.decode()
    assert _namen(html) == [f"Aanbieder {i:03d}" for i in range(60, 70)]
    assert "Pagina 1 van 1" in html and "Hoofdaannemers (10)" in html and not _links(html)


@pytest.mark.parametrize("nummer", ["4", "99", "0", "-1"])
def test_pagina_voorbij_het_einde_is_404_met_nederlandse_melding(client, procedure, pagina, perceel, nummer):
    _maak(procedure, perceel, 0, 120)
    antwoord = client.get(URL, {"pagina": nummer, "q": "Aanbieder"})
    assert antwoord.status_code == 404
    html = antwoord.content.decode()
    assert "bestaat niet: dit overzicht heeft 3 pagina&#x27;s." in html
    assert "Naar de eerste pagina" in html and not _namen(html)


def test_paginanummer_dat_geen_getal_is(client, procedure, pagina, perceel):
    _maak(procedure, perceel, 0, 3)
    antwoord = client.get(URL, {"pagina": "twee"})
    assert antwoord.status_code == 404
    assert "Het paginanummer is geen getal." in antwoord.content.decode()


def test_leeg_register_heeft_een_eerste_pagina(client, pagina):
    antwoord = client.get(URL)
    assert antwoord.status_code == 200 and "Geen aanbieders gevonden." in antwoord.content.decode()


@pytest.mark.parametrize("aantal", [5, 120])
def test_registerpagina_kost_een_vast_aantal_queries(client, procedure, pagina, perceel, aantal,
                                                    django_assert_max_num_queries):
    _maak(procedure, perceel, 0, aantal, onder_elke=3)
    for params in ({}, {"tab": "onderaannemers"}, {"q": "Aanbieder", "pagina": 1}):
        client.get(URL, params)  # warms site and page lookups
        with django_assert_max_num_queries(18):
            assert client.get(URL, params).status_code == 200


def test_registerpagina_zelfde_queries_bij_weinig_en_veel(client, procedure, pagina, perceel):
    from ._hulp import tel_queries

    _maak(procedure, perceel, 0, 5, onder_elke=2)
    klein = [tel_queries(client, URL), tel_queries(client, URL, tab="onderaannemers")]
    _maak(procedure, perceel, 5, 160, onder_elke=2)
    assert [tel_queries(client, URL), tel_queries(client, URL, tab="onderaannemers", pagina=2)] == klein


def test_csv_streamt_elke_regel_in_brokken(client, procedure, pagina, perceel, monkeypatch, django_assert_max_num_queries):
    """120 providers and 40 subcontractors, read 50 lines at a time: every line arrives, main contractors first."""
    monkeypatch.setattr(Registerlijst, "CHUNK", 50)
    _maak(procedure, perceel, 0, 120, onder_elke=3)
    antwoord = client.get(URL + "csv/")
    assert isinstance(antwoord, StreamingHttpResponse)
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    rijen = csv_rijen(antwoord)  # checks the BOM
    assert [r["naam"] for r in rijen] == [f"Aanbieder {i:03d}" for i in range(120)] + [f"Onder {i:03d}" for i in range(0, 120, 3)]
    assert {r["soort"] for r in rijen[:120]} == {"hoofdaannemer"} and {r["soort"] for r in rijen[120:]} == {"onderaannemer"}
    assert rijen[120]["hoofdaannemer"] == "Aanbieder 000" and all(r["productcodes"] == "43B03" for r in rijen)


def test_csv_volgt_filters_en_neutraliseert_formules(client, procedure, pagina, perceel, monkeypatch):
    monkeypatch.setattr(Registerlijst, "CHUNK", 50)
    _maak(procedure, perceel, 0, 70, plaats="=cmd|' /C calc'!A0")
    contracteer(procedure, perceel, naam="Elders", plaats="Bussum")
    rijen = csv_rijen(client.get(URL + "csv/", {"q": "calc"}))
    assert len(rijen) == 70
    assert {r["vestigingsplaats"] for r in rijen} == {"'=cmd|' /C calc'!A0"}


def test_csv_leest_de_database_pas_tijdens_het_streamen(client, procedure, pagina, perceel, django_assert_max_num_queries):
    _maak(procedure, perceel, 0, 3)
    antwoord = client.get(URL + "csv/")
    with django_assert_max_num_queries(12) as ctx:
        inhoud = antwoord.getvalue().decode("utf-8")
    assert any("overeenkomst_deelname" in q["sql"] for q in ctx.captured_queries)
    assert inhoud.count("Aanbieder ") == 3


def test_registerpagina_module_geeft_pagina_en_aantallen(procedure, perceel):
    _maak(procedure, perceel, 0, 55, onder_elke=5)
    uitkomst = registermodule.registerpagina(procedure, tab="hoofdaannemers", pagina=2)
    # 43B03 is a residential (etmaal) product: all 55 are on the specialist tab too (000 r.29-31, issue 19).
    assert uitkomst.aantallen == {"hoofdaannemers": 55, "onderaannemers": 11, "specialistisch": 55}
    assert [r.naam for r in uitkomst.rijen] == [f"Aanbieder {i:03d}" for i in range(50, 55)]
    assert uitkomst.rijen[0].productcodes_tekst == "43B03" and uitkomst.rijen[0].percelen_tekst == "5.10.1"
    with pytest.raises(registermodule.PaginaBestaatNiet) as fout:
        registermodule.registerpagina(procedure, tab="onderaannemers", pagina=2)
    assert str(fout.value) == "Pagina 2 bestaat niet: dit overzicht heeft 1 pagina."
