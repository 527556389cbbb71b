"""The public product book as a yearly publication (issue 19): status and predecessor links, the "Vervallen per"
section, intensities, provider tariffs as labelled lines, budget ceilings per perceel, the product rules with each
product and in their own sections, the year-on-year difference page and CSV, the iStandaarden codes in CSV/JSON and
the API, and no book outside the procedure's term.

Source cases: 43B03 Tussenvoorziening from 1-1-2024 (003b r.207) after "Behandel- en leefgroepen" (tariffs zwaar
322.46 / 346.14, 003 r.5326-5340); the persoonsvolgende budget ceiling 'niveau 0' of perceel 5.1, € 1.250 per
client (003 r.868); "zwaar" needs "midden" (002 r.1033); the logeren table (002 r.1143-1155); the MLO source name
of 43A16 (002 r.1191).
"""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from aanbesteding.models import Omrekentabel, Productafhankelijkheid, Productintensiteit, Samenloopregel
from bronnen import mlo
from contractbeheer.models import Budgetplafond
from tests.aanbesteding.factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory
from tests.factories import OrganisatieFactory

from .conftest import procedurepagina_voor

pytestmark = pytest.mark.django_db

BOEK = "/procedures/jeugdhulp-voorzieningen/productenboek/"


def jaartarief(product, jaar, bedrag, intensiteit="", **kwargs):
    velden = {"geldig_van": date(jaar, 1, 1), "geldig_tot": date(jaar, 12, 31)} | kwargs
    return TariefFactory(product=product, intensiteit=intensiteit, bedrag=Decimal(bedrag), **velden)


def csv_rijen(antwoord):
    return list(csv.DictReader(io.StringIO(antwoord.getvalue().decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def boek(procedure, pagina):
    """5.10.1 with 43B01 'Behandel- en leefgroepen' until 31-12-2023 and 43B03 from 2024; 5.1 with 54001 and its
    budget ceiling."""
    perceel = PerceelFactory(aanbesteding=procedure, code="5.10.1", naam="Tussenvoorziening", volgorde=10)
    oud = ProductFactory(perceel=perceel, categorie="43", code="43B01", naam="Behandel- en leefgroepen",
                         eenheid="etmaal", geldig_tot=date(2023, 12, 31))
    jaartarief(oud, 2023, "306.98", "zwaar")
    nieuw = ProductFactory(perceel=perceel, categorie="43", code="43B03", naam="Tussenvoorziening", eenheid="etmaal",
                           frequentie="totaal", geldig_vanaf=date(2024, 1, 1), voorganger=oud)
    jaartarief(nieuw, 2024, "322.46", "zwaar")
    jaartarief(nieuw, 2025, "346.14", "zwaar")
    Productintensiteit.objects.create(product=nieuw, code="zwaar", naam="Zwaar", omvang_min=Decimal("1"),
                                      omvang_max=Decimal("2"), omvang_eenheid="begeleiders per groep")
    ggz = PerceelFactory(aanbesteding=procedure, code="5.1", naam="Ambulante jeugd GGZ", volgorde=1)
    ambulant = ProductFactory(perceel=ggz, categorie="54", code="54001", naam="Behandeling individueel licht JGGZ",
                              naam_bron="Behandeling individueel- licht JGGZ", bekostiging="taakgericht")
    jaartarief(ambulant, 2024, "118.02")
    jaartarief(ambulant, 2025, "121.57")
    Budgetplafond.objects.create(aanbesteding=procedure, perceel=ggz, code="niveau 0", soort="per_client",
                                 naam="Ambulante jeugd GGZ niveau 0 (BGGZ)", bedrag=Decimal("1250.00"), bron="003 r.868")
    return {"oud": oud, "nieuw": nieuw, "ambulant": ambulant, "ggz": ggz, "perceel": perceel}


def html(client, pad):
    antwoord = client.get(BOEK + pad)
    assert antwoord.status_code == 200, antwoord.status_code
    return antwoord.content.decode()


# --- the page ---------------------------------------------------------------------------------------------------

def test_opvolger_met_status_en_link_naar_de_voorganger(client, boek):
    pagina = html(client, "2024/")
    assert '<span class="status status-vervangt">Vervangt een product</span>' in pagina
    # the predecessor's row in the book of 2023, by its anchor
    assert f'Vervangt <a href="{BOEK}2023/#product-{boek["oud"].pk}">43B01 Behandel- en leefgroepen</a>' in pagina
    assert f'id="product-{boek["oud"].pk}"' in html(client, "2023/")


def test_vervallen_product_in_een_eigen_sectie(client, boek):
    pagina = html(client, "2024/")
    assert '<h2 id="vervallen">Vervallen per 2024</h2>' in pagina
    sectie = pagina.split('<h2 id="vervallen">')[1]
    assert "43B01" in sectie and "31-12-2023" in sectie and f'<a href="#product-{boek["nieuw"].pk}">43B03</a>' in sectie
    # not among the products of 2024
    assert f'<tr id="product-{boek["oud"].pk}">' not in pagina
    assert "Vervallen per" not in html(client, "2025/")


def test_intensiteit_met_naam_en_omvang_in_de_tabel(client, boek):
    assert '<td>Zwaar<br><span class="helptekst">1 tot en met 2 begeleiders per groep</span></td>' in html(client, "2025/")


def test_bronnaam_en_bekostiging_bij_het_product(client, boek):
    pagina = html(client, "2025/")
    assert "In de bron: Behandeling individueel- licht JGGZ" in pagina
    assert "Bekostiging: Taakgericht" in pagina
    # the default (p x q) is said once above the tables, not with every product
    assert pagina.count("Bekostiging: Inspanningsgericht") == 0 and "Bekostiging: inspanningsgericht (p × q), tenzij" in pagina


def test_budgetplafond_per_perceel(client, boek):
    pagina = html(client, "2025/")
    sectie = pagina.split(f'id="perceel-{boek["ggz"].pk}"')[1].split("</section>")[0]
    assert "Budgetplafond niveau 0: Ambulante jeugd GGZ niveau 0 (BGGZ), € 1.250,00 per cliënt" in sectie


def test_budgetplafond_van_een_aanbieder_of_ander_jaar_niet_in_het_boek(client, procedure, boek):
    Budgetplafond.objects.create(aanbesteding=procedure, perceel=boek["ggz"], code="niveau 2", soort="per_client",
                                 naam="Ambulante jeugd GGZ niveau 2 (SGGZ)", bedrag=Decimal("5000.00"), jaar=2024)
    assert "niveau 2" not in html(client, "2025/")
    assert "Budgetplafond niveau 2" in html(client, "2024/")


def test_aanbiedertarief_als_eigen_regel_nooit_als_algemeen_tarief(client, boek):
    jaartarief(boek["nieuw"], 2025, "360.00", "zwaar", organisatie=OrganisatieFactory(naam="Zorgaanbieder Gooi B.V."))
    pagina = html(client, "2025/")
    assert ('<td class="getal">€ 346,14<br><span class="helptekst">tarief per aanbieder: Zorgaanbieder Gooi B.V. '
            '€ 360,00</span></td>') in pagina
    rij = next(r for r in csv_rijen(client.get(BOEK + "2025/csv/")) if r["productcode"] == "43B03")
    assert rij["tarief"] == "346.14" and rij["tarief_per_aanbieder"] == "Zorgaanbieder Gooi B.V.: 360.00"


def test_alleen_aanbiedertarief_toont_geen_algemeen_tarief(client, boek):
    """MLO: tariffs "vanuit de gunning", possibly per provider (002 r.481)."""
    product = ProductFactory(perceel=boek["perceel"], categorie="43", code="43A16", eenheid="etmaal")
    jaartarief(product, 2025, "180.00", organisatie=OrganisatieFactory(naam="Aanbieder A"))
    pagina = html(client, "2025/")
    assert '<span class="helptekst">geen algemeen tarief</span><br><span class="helptekst">tarief per aanbieder: ' \
           'Aanbieder A € 180,00</span>' in pagina
    rij = next(r for r in csv_rijen(client.get(BOEK + "2025/csv/")) if r["productcode"] == "43A16")
    assert rij["tarief"] == ""


def test_geen_boek_buiten_de_looptijd(client, boek):
    """The term runs 2021-2028 (tests/cms/conftest.py): no book of 2029 or of 2020, in HTML, CSV or JSON."""
    for pad in ("2029/", "2029/csv/", "2029/json/", "2020/", "2029/verschil/"):
        assert client.get(BOEK + pad).status_code == 404


def test_jaarkeuze_binnen_de_looptijd_ook_met_een_open_tarief(client, procedure, boek):
    jaartarief(boek["ambulant"], 2026, "125.00", geldig_tot=None)
    antwoord = client.get(BOEK + "2026/")
    assert antwoord.context["jaren"] == [2023, 2024, 2025, 2026, 2027, 2028]


def test_mlo_procedure_van_2020_toont_geen_productenboek_2026(client):
    mlo_procedure = AanbestedingFactory(slug="mlo-gespecialiseerde-jeugdhulp-2020", looptijd_start=date(2020, 1, 1),
                                        looptijd_einde=date(2020, 12, 31))
    procedurepagina_voor(mlo_procedure)
    product = ProductFactory(perceel=PerceelFactory(aanbesteding=mlo_procedure, code="wonen"), categorie="43",
                             code="43A16")
    TariefFactory(product=product, geldig_van=date(2020, 1, 1), geldig_tot=None, bedrag=Decimal("180.00"))
    url = "/procedures/mlo-gespecialiseerde-jeugdhulp-2020/productenboek/"
    assert client.get(url + "2026/").status_code == 404
    assert client.get(url).url.endswith("/productenboek/2020/")
    assert "Productenboek 2026" not in client.get(url + "2020/").content.decode()


# --- the product rules -------------------------------------------------------------------------------------------

@pytest.fixture
def mlo_regels(procedure, boek):
    """The MLO rules on products of this book's perceel (codes of 002 §6.2 and §7.1)."""
    vmb = PerceelFactory(aanbesteding=procedure, code="6.2", naam="Verblijf met behandeling", volgorde=20)
    wonen = PerceelFactory(aanbesteding=procedure, code="7.1", naam="Logeren", volgorde=21)
    p = {c: ProductFactory(perceel=vmb, categorie=c[:2], code=c, eenheid="etmaal") for c in ("43A52", "43A56", "45A58")}
    p |= {c: ProductFactory(perceel=wonen, categorie=c[:2], code=c) for c in ("43A41", "44A33", "43A42", "44A34")}
    afh = Productafhankelijkheid.objects.create(aanbesteding=procedure, bron="002 r.1033",
                                                toelichting="Zwaar vereist midden.")
    afh.producten.set([p["43A56"], p["45A58"]])
    afh.vereist.set([p["43A52"]])
    tabel = Omrekentabel.objects.create(aanbesteding=procedure, naam="Logeren", rijen=mlo.LOGEREN_OMREKENING,
                                        bron="002 r.1143-1155")
    tabel.producten.set([p[c] for c in ("43A41", "44A33", "43A42", "44A34")])
    samenloop = Samenloopregel.objects.create(aanbesteding=procedure, soort="niet", volgorde=1, bron="000 r.356",
                                              toelichting="Geen twee verblijfsproducten tegelijk.")
    samenloop.producten.set([p["43A52"], p["43A56"]])
    return {"p": p, "afh": afh, "tabel": tabel, "samenloop": samenloop}


def test_regels_bij_de_producten_en_in_eigen_secties(client, mlo_regels):
    p, tabel, samenloop = mlo_regels["p"], mlo_regels["tabel"], mlo_regels["samenloop"]
    pagina = html(client, "2025/")
    # with the product: a short note that links to the rule or the required product
    # a required product links to the unfiltered book: it may lie outside the current filter
    assert f'Vereist ook: <a href="{BOEK}2025/#product-{p["43A52"].pk}">43A52</a>' in pagina
    assert f'Samenloop: <a href="#samenloop-{samenloop.pk}">regel 1</a>' in pagina
    assert f'Omrekentabel: <a href="#omrekentabel-{tabel.pk}">Logeren</a>' in pagina
    # the sections
    assert '<h2 id="productregels">Productregels</h2>' in pagina
    assert f'<li id="samenloop-{samenloop.pk}" value="1"><strong>Mag niet samen</strong>' in pagina
    assert (f'<li id="afhankelijkheid-{mlo_regels["afh"].pk}">Wie <a href="{BOEK}2025/#product-{p["43A56"].pk}">'
            '43A56</a> of ') in pagina
    assert f'<h3 id="omrekentabel-{tabel.pk}">Omrekentabel: Logeren</h3>' in pagina
    # 002 r.1143-1155: t/m 26 uur 1 etmaal; t/m 30 uur etmaal + dagdeel; t/m 50 uur 2 etmalen
    assert '<td class="getal">26 uur</td><td>1 etmaal</td>' in pagina
    assert '<td class="getal">30 uur</td><td>1 etmaal + 1 dagdeel</td>' in pagina
    assert '<td class="getal">50 uur</td><td>2 etmalen</td>' in pagina


def test_zonder_regels_geen_regelsectie(client, boek):
    assert 'id="productregels"' not in html(client, "2025/")


def test_api_productregels(client, procedure, mlo_regels):
    data = client.get(f"/api/v1/procedures/{procedure.slug}/productregels").json()
    assert data["productafhankelijkheden"][0]["als_een_van"] == ["43A56", "45A58"]
    assert data["productafhankelijkheden"][0]["vereist"] == ["43A52"]
    assert data["omrekentabellen"][0]["producten"] == ["43A41", "43A42", "44A33", "44A34"]
    assert data["omrekentabellen"][0]["rijen"][1] == {"tot_en_met_uur": 30, "etmalen": 1, "dagdelen": 1}
    assert data["samenloop"][0]["soort"] == "niet" and data["samenloop"][0]["producten"] == ["43A52", "43A56"]
    assert client.get("/api/v1/procedures/bestaat-niet/productregels").status_code == 404


def test_api_producten_met_regels_codes_en_intensiteit(client, procedure, mlo_regels):
    rijen = client.get("/api/v1/producten", {"procedure": procedure.slug, "jaar": 2025, "per_pagina": 500}).json()
    per_code = {r["productcode"]: r for r in rijen["resultaten"]}
    assert per_code["43A56"]["vereist_ook"] == ["43A52"]
    assert per_code["43A52"]["samenloopregels"] == [mlo_regels["samenloop"].pk]
    assert per_code["43A41"]["omrekentabellen"] == [mlo_regels["tabel"].pk]
    b = per_code["43B03"]
    assert (b["eenheid"], b["eenheid_code"], b["frequentie"], b["frequentie_code"]) == ("etmaal", "14", "totaal", "6")
    assert b["intensiteit"] == "zwaar" and b["intensiteit_gegevens"]["naam"] == "Zwaar"
    assert b["aanbiedertarieven"] == [] and b["status"] == "ongewijzigd"
    assert rijen["jaren"] == [2023, 2024, 2025]


def test_api_jaar_buiten_de_looptijd_is_leeg(client, procedure, boek):
    data = client.get("/api/v1/producten", {"procedure": procedure.slug, "jaar": 2030}).json()
    assert data["resultaten"] == [] and data["jaren"] == [2023, 2024, 2025]


def test_api_aanbiedertarief_apart(client, procedure, boek):
    jaartarief(boek["nieuw"], 2025, "360.00", "zwaar", organisatie=OrganisatieFactory(naam="Zorgaanbieder Gooi B.V."))
    [rij] = [r for r in client.get("/api/v1/producten", {"procedure": procedure.slug, "jaar": 2025}).json()["resultaten"]
             if r["productcode"] == "43B03"]
    assert rij["tarief"] == "346.14"
    assert rij["aanbiedertarieven"] == [{"aanbieder": "Zorgaanbieder Gooi B.V.", "tarief": "360.00",
                                         "tarief_vorig_jaar": None, "verandering_pct": None}]


# --- CSV and JSON ------------------------------------------------------------------------------------------------

def test_csv_met_istandaarden_codes_status_en_intensiteit(client, boek):
    rijen = {r["productcode"]: r for r in csv_rijen(client.get(BOEK + "2024/csv/"))}
    b = rijen["43B03"]
    assert (b["eenheid"], b["eenheid_code"], b["frequentie"], b["frequentie_code"]) == ("etmaal", "14", "totaal", "6")
    assert (b["status"], b["vervangt"], b["product_geldig_vanaf"]) == ("vervangt", "43B01", "2024-01-01")
    assert (b["intensiteit"], b["intensiteit_naam"], b["intensiteit_omvang_min"], b["intensiteit_omvang_eenheid"]) == (
        "zwaar", "Zwaar", "1.00", "begeleiders per groep")
    a = rijen["54001"]
    assert (a["eenheid_code"], a["frequentie_code"], a["bekostiging"]) == ("04", "2", "taakgericht")
    assert a["naam_bron"] == "Behandeling individueel- licht JGGZ"


def test_json_met_vervallen_regels_en_plafonds(client, boek, mlo_regels):
    data = json.loads(client.get(BOEK + "2024/json/").content)
    assert data["vervallen"] == [{"perceel": "5.10.1", "productcode": "43B01", "naam": "Behandel- en leefgroepen",
                                  "geldig_tot": "2023-12-31", "opvolgers": ["43B03"]}]
    assert data["budgetplafonds"] == [{"perceel": "5.1", "code": "niveau 0", "naam": "Ambulante jeugd GGZ niveau 0 (BGGZ)",
                                       "soort": "per_client", "bedrag": "1250.00", "product": None}]
    assert data["productregels"]["omrekentabellen"][0]["naam"] == "Logeren"
    b = next(r for r in data["producten"] if r["productcode"] == "43B03")
    assert b["intensiteit_gegevens"] == {"code": "zwaar", "naam": "Zwaar", "omschrijving": "", "omvang_min": "1.00",
                                         "omvang_max": "2.00", "omvang_eenheid": "begeleiders per groep"}


# --- the year-on-year difference --------------------------------------------------------------------------------

def test_boek_linkt_naar_het_verschil(client, boek):
    assert f'<a href="{BOEK}2024/verschil/">Wat is er veranderd ten opzichte van 2023?</a>' in html(client, "2024/")
    # the first year of the term has no year before it
    assert "verschil/" not in html(client, "2021/")


def test_verschilpagina(client, boek):
    pagina = html(client, "2025/verschil/")
    assert "Tariefwijzigingen" in pagina
    assert ('<td class="getal">€ 322,46</td><td class="getal">€ 346,14</td><td class="getal">+7,3 %</td>') in pagina
    assert ('<td class="getal">€ 118,02</td><td class="getal">€ 121,57</td><td class="getal">+3,0 %</td>') in pagina
    pagina_2024 = html(client, "2024/verschil/")
    assert "Vervangen en hernoemde producten" in pagina_2024 and "Vervallen per 2024" in pagina_2024
    assert f'<a href="{BOEK}2023/#product-{boek["oud"].pk}">43B01 Behandel- en leefgroepen</a>' in pagina_2024


def test_verschil_csv(client, boek):
    rijen = csv_rijen(client.get(BOEK + "2024/verschil/csv/"))
    soorten = [(r["soort"], r["productcode"]) for r in rijen]
    assert ("vervangt", "43B03") in soorten and ("vervallen", "43B01") in soorten
    tarief = next(r for r in rijen if r["soort"] == "tarief" and r["productcode"] == "54001")
    assert (tarief["tarief_oud"], tarief["tarief_nieuw"]) == ("", "118.02")
    rijen_2025 = csv_rijen(client.get(BOEK + "2025/verschil/csv/"))
    zwaar = next(r for r in rijen_2025 if r["productcode"] == "43B03")
    assert (zwaar["tarief_oud"], zwaar["tarief_nieuw"], zwaar["verandering_pct"]) == ("322.46", "346.14", "7.3")


def test_verschil_aanbiedertarief_benoemd(client, boek):
    org = OrganisatieFactory(naam="Zorgaanbieder Gooi B.V.")
    jaartarief(boek["nieuw"], 2024, "330.00", "zwaar", organisatie=org)
    jaartarief(boek["nieuw"], 2025, "360.00", "zwaar", organisatie=org)
    pagina = html(client, "2025/verschil/")
    assert "<td>tarief per aanbieder: Zorgaanbieder Gooi B.V.</td>" in pagina
    assert "<td>alle aanbieders</td>" in pagina


# --- constant queries as the book grows --------------------------------------------------------------------------

def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(ctx.captured_queries)


def _groei(procedure, perceel, van, tot, regel):
    org = OrganisatieFactory(naam=f"Aanbieder {van}")
    for i in range(van, tot):
        product = ProductFactory(perceel=perceel, categorie="45", code=f"45{i:03d}")
        Productintensiteit.objects.create(product=product, code="licht", naam="Licht", omvang_max=Decimal("2"))
        jaartarief(product, 2024, "70.00", "licht")
        jaartarief(product, 2025, "71.38", "licht")
        jaartarief(product, 2025, "72.00", "licht", organisatie=org)
        regel.producten.add(product)


@pytest.mark.parametrize("pad", ["2025/", "2025/verschil/", "2025/csv/", "2025/json/"])
def test_vast_aantal_queries_bij_meer_producten_en_regels(client, procedure, boek, mlo_regels, pad):
    from django.test import override_settings

    perceel = PerceelFactory(aanbesteding=procedure, code="5.2", naam="Ambulant")
    with override_settings(PAGINACACHE=False):
        _groei(procedure, perceel, 0, 5, mlo_regels["samenloop"])
        weinig = _queries(client, BOEK + pad)
        _groei(procedure, perceel, 5, 60, mlo_regels["samenloop"])
        veel = _queries(client, BOEK + pad)
    assert veel == weinig


def test_api_vast_aantal_queries(client, procedure, boek, mlo_regels):
    from django.test import override_settings

    perceel = PerceelFactory(aanbesteding=procedure, code="5.2", naam="Ambulant")
    url = f"/api/v1/producten?procedure={procedure.slug}&jaar=2025&per_pagina=500"
    with override_settings(PAGINACACHE=False, CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        _groei(procedure, perceel, 0, 5, mlo_regels["samenloop"])
        weinig = _queries(client, url)
        _groei(procedure, perceel, 5, 60, mlo_regels["samenloop"])
        assert _queries(client, url) == weinig
