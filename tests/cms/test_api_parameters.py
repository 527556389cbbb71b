"""Open data API: pagination, bad parameters → 400/404 with a Dutch message, filters, headers (issue 3)."""

from datetime import date
from decimal import Decimal

import pytest

from aanbesteding.models import Aanbesteding
from cms.api import MAX_PER_PAGINA, OPENAPI, PER_PAGINA
from tests.aanbesteding.factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory

from ._hulp import GEEN_CACHE, tel_queries
from .conftest import contracteer

pytestmark = pytest.mark.django_db

LIJST = "/api/v1/procedures"
PRODUCTEN = "/api/v1/producten"
AANBIEDERS = "/api/v1/aanbieders"


@pytest.fixture
def vijf_procedures(procedure):
    for i in range(4):
        AanbestedingFactory(slug=f"wmo-{i}", titel=f"Wmo begeleiding {i}")
    return 5


@pytest.mark.parametrize("params", [{"pagina": "twee"}, {"per_pagina": "veel"}, {"pagina": "1.5"},
                                    {"per_pagina": ""}])
def test_geen_geheel_getal_geeft_400_met_nederlandse_melding(client, procedure, params):
    antwoord = client.get(LIJST, params)
    assert antwoord.status_code == 400
    assert antwoord.json() == {"fout": "pagina en per_pagina zijn gehele getallen."}


def test_pagina_voorbij_het_einde_404_met_melding(client, procedure):
    antwoord = client.get(LIJST, {"pagina": 2})
    assert antwoord.status_code == 404
    assert antwoord.json() == {"fout": "Deze pagina bestaat niet."}


@pytest.mark.parametrize(("gevraagd", "verwacht"), [("0", 1), ("-5", 1), ("3", 3), ("100000", MAX_PER_PAGINA)])
def test_per_pagina_wordt_begrensd(client, vijf_procedures, gevraagd, verwacht):
    data = client.get(LIJST, {"per_pagina": gevraagd}).json()
    assert data["per_pagina"] == verwacht
    assert len(data["resultaten"]) == min(verwacht, vijf_procedures)


def test_standaard_vijftig_per_pagina_en_pagina_een(client, procedure):
    data = client.get(LIJST).json()
    assert data["per_pagina"] == PER_PAGINA == 50
    assert data["pagina"] == 1
    assert data["vorige"] is None and data["volgende"] is None


def test_negatieve_pagina_is_de_eerste(client, vijf_procedures):
    assert client.get(LIJST, {"pagina": "-3", "per_pagina": 2}).json()["pagina"] == 1


def test_volgende_en_vorige_behouden_de_andere_parameters(client, vijf_procedures):
    data = client.get(LIJST, {"per_pagina": 2, "pagina": 2}).json()
    assert data["vorige"] == "http://testserver/api/v1/procedures?per_pagina=2&pagina=1"
    assert data["volgende"] == "http://testserver/api/v1/procedures?per_pagina=2&pagina=3"
    laatste = client.get(LIJST, {"per_pagina": 2, "pagina": 3}).json()
    assert laatste["volgende"] is None
    assert len(laatste["resultaten"]) == 1


def test_paginas_samen_geven_alles_precies_een_keer_op_titel(client, vijf_procedures):
    slugs = []
    for nummer in (1, 2, 3):
        slugs += [p["slug"] for p in client.get(LIJST, {"per_pagina": 2, "pagina": nummer}).json()["resultaten"]]
    assert len(slugs) == len(set(slugs)) == vijf_procedures
    titels = [p["titel"] for p in client.get(LIJST).json()["resultaten"]]
    assert titels == sorted(titels)


def test_cors_open_en_utf8_zonder_escapes(client, procedure):
    procedure.titel = "Jeugdhulp Coöperatie"
    procedure.save()
    antwoord = client.get(LIJST)
    assert antwoord["Access-Control-Allow-Origin"] == "*"
    assert antwoord["Content-Type"] == "application/json"
    assert "Coöperatie".encode() in antwoord.content


def test_procedure_kort_velden(client, procedure):
    p = client.get(LIJST).json()["resultaten"][0]
    assert p["status"] == "gepubliceerd" and p["status_omschrijving"] == "Gepubliceerd"
    assert p["looptijd_start"] == "2021-01-01"  # the Gooi demo start (tests/cms/conftest.py)
    assert p["regio"] == "Gooi en Vechtstreek"
    assert p["api_url"] == "http://testserver/api/v1/procedures/jeugdhulp-voorzieningen"
    assert p["vragen_tot"] is None


def test_procedure_in_voorbereiding_detail_404_nederlands(client):
    AanbestedingFactory(slug="geheim", status=Aanbesteding.Status.IN_VOORBEREIDING)
    antwoord = client.get("/api/v1/procedures/geheim")
    assert antwoord.status_code == 404
    assert antwoord.json() == {"fout": "Onbekende procedure."}


def test_procedure_detail_verlenging(client, procedure):
    data = client.get("/api/v1/procedures/jeugdhulp-voorzieningen").json()
    assert data["verlenging"]["jaren_per_keer"] == 2
    assert data["documenten"] == [] and data["nota_van_inlichtingen"] == []


# --- producten -------------------------------------------------------------------------------------------

def test_producten_zonder_procedure_400_met_uitleg(client):
    antwoord = client.get(PRODUCTEN)
    assert antwoord.status_code == 400
    assert antwoord.json() == {"fout": "Geef een bestaande procedure op: ?procedure=<slug>."}


def test_producten_onbekende_of_verborgen_procedure_404(client):
    AanbestedingFactory(slug="geheim", status=Aanbesteding.Status.IN_VOORBEREIDING)
    for slug in ("bestaat-niet", "geheim"):
        antwoord = client.get(PRODUCTEN, {"procedure": slug})
        assert antwoord.status_code == 404
        assert "bestaande procedure" in antwoord.json()["fout"]


@pytest.mark.parametrize("jaar", ["abc", "1999", "2101", "20.25"])
def test_producten_ongeldig_jaar_400(client, procedure, jaar):
    antwoord = client.get(PRODUCTEN, {"procedure": procedure.slug, "jaar": jaar})
    assert antwoord.status_code == 400
    assert antwoord.json() == {"fout": "jaar is een jaartal, bijv. 2025."}


@pytest.mark.parametrize("jaar", ["2000", "2100"])
def test_producten_grensjaren_toegestaan(client, procedure, jaar):
    antwoord = client.get(PRODUCTEN, {"procedure": procedure.slug, "jaar": jaar})
    assert antwoord.status_code == 200
    assert antwoord.json()["jaar"] == int(jaar)
    assert antwoord.json()["resultaten"] == []


def test_producten_zonder_jaar_gebruikt_dit_jaar(client, procedure, tussenvoorziening):
    import time_machine

    with time_machine.travel(date(2023, 6, 1)):
        data = client.get(PRODUCTEN, {"procedure": procedure.slug}).json()
    assert data["jaar"] == 2023
    assert {r["tarief"] for r in data["resultaten"]} == {"306.98", "390.90"}


def test_producten_eerste_jaar_zonder_vorig_tarief(client, procedure, tussenvoorziening):
    data = client.get(PRODUCTEN, {"procedure": procedure.slug, "jaar": 2022}).json()
    zwaar = next(r for r in data["resultaten"] if r["intensiteit"] == "zwaar")
    assert zwaar["tarief_vorig_jaar"] is None and zwaar["verandering_pct"] is None
    assert zwaar["geldig_van"] == "2022-01-01" and zwaar["geldig_tot"] == "2022-12-31"


def test_product_zonder_tarief_heeft_een_regel_met_null(client, procedure):
    perceel = PerceelFactory(aanbesteding=procedure, code="5.1")
    ProductFactory(perceel=perceel, code="45A04", naam="Begeleiding individueel licht")
    data = client.get(PRODUCTEN, {"procedure": procedure.slug, "jaar": 2025}).json()
    rijen = [r for r in data["resultaten"] if r["productcode"] == "45A04"]
    assert len(rijen) == 1
    assert rijen[0]["tarief"] is None and rijen[0]["intensiteit"] == ""
    assert rijen[0]["naam"] == "Begeleiding individueel licht"


def test_producten_gepagineerd(client, procedure, tussenvoorziening):
    data = client.get(PRODUCTEN, {"procedure": procedure.slug, "jaar": 2025, "per_pagina": 1}).json()
    assert data["aantal"] == 2 and len(data["resultaten"]) == 1
    assert "procedure=jeugdhulp-voorzieningen" in data["volgende"] and "jaar=2025" in data["volgende"]


# --- aanbieders ------------------------------------------------------------------------------------------

def test_aanbieders_zonder_procedure_400(client):
    antwoord = client.get(AANBIEDERS)
    assert antwoord.status_code == 400
    assert antwoord.json()["fout"] == "Geef een bestaande procedure op: ?procedure=<slug>."
    assert client.get(AANBIEDERS, {"procedure": "onbekend"}).status_code == 404


def test_aanbieders_per_perceel_met_status_en_data(client, procedure, tussenvoorziening):
    contracteer(procedure, tussenvoorziening.perceel, naam="Zorgkracht Gooi B.V.")
    data = client.get(AANBIEDERS, {"procedure": procedure.slug}).json()
    assert data["aantal"] == 1
    rij = data["resultaten"][0]
    assert rij["soort"] == "hoofdaannemer"
    assert rij["percelen"][0]["code"] == "5.10.1"
    assert rij["percelen"][0]["startdatum"] == "2023-01-01"
    assert rij["percelen"][0]["einddatum"] is None


def test_aanbieders_van_andere_procedure_niet_zichtbaar(client, procedure, tussenvoorziening):
    ander = AanbestedingFactory(slug="wmo-elders")
    contracteer(ander, PerceelFactory(aanbesteding=ander, code="W.1"), naam="Elders Zorg")
    contracteer(procedure, tussenvoorziening.perceel, naam="Hier Zorg")
    namen = [r["naam"] for r in client.get(AANBIEDERS, {"procedure": procedure.slug}).json()["resultaten"]]
    assert namen == ["Hier Zorg"]


def test_openapi_noemt_grenzen_en_foutcodes():
    pad = OPENAPI["paths"]["/api/v1/producten"]["get"]
    assert {"400", "404", "200"} <= set(pad["responses"])
    per_pagina = next(p for p in pad["parameters"] if p["name"] == "per_pagina")
    assert per_pagina["schema"]["maximum"] == MAX_PER_PAGINA
    assert OPENAPI["info"]["license"]["identifier"] == "CC0-1.0"


def test_openapi_via_http_met_cors(client, db):
    antwoord = client.get("/api/v1/openapi.json")
    assert antwoord["Access-Control-Allow-Origin"] == "*"
    assert antwoord.json()["components"]["schemas"]["Aanbieder"]["properties"]["soort"]["enum"] == [
        "hoofdaannemer", "onderaannemer"]


@pytest.mark.parametrize("url", [LIJST, PRODUCTEN, AANBIEDERS, "/api/v1/openapi.json"])
def test_api_weigert_schrijven(client, db, url):
    assert client.put(url).status_code == 405
    assert client.delete(url).status_code == 405


def test_procedurelijst_constant_aantal_queries(client, settings, procedure):
    settings.CACHES = GEEN_CACHE
    klein = tel_queries(client, LIJST, per_pagina=500)
    for i in range(60):
        AanbestedingFactory(slug=f"extra-{i}")
    assert tel_queries(client, LIJST, per_pagina=500) == klein


def test_procedure_detail_constant_aantal_queries(client, settings, procedure):
    settings.CACHES = GEEN_CACHE
    url = f"/api/v1/procedures/{procedure.slug}"
    PerceelFactory(aanbesteding=procedure, code="1")
    klein = tel_queries(client, url)
    for i in range(30):
        hoofd = PerceelFactory(aanbesteding=procedure, code=f"H{i}")
        PerceelFactory(aanbesteding=procedure, code=f"H{i}.1", hoofdperceel=hoofd)
    assert tel_queries(client, url) == klein
    assert len(client.get(url).json()["percelen"]) == 31


def test_tarief_van_ander_jaar_niet_in_producten(client, procedure):
    perceel = PerceelFactory(aanbesteding=procedure, code="5.2")
    product = ProductFactory(perceel=perceel, code="45A48")
    TariefFactory(product=product, geldig_van=date(2024, 1, 1), geldig_tot=date(2024, 12, 31), bedrag=Decimal("10.00"))
    data = client.get(PRODUCTEN, {"procedure": procedure.slug, "jaar": 2024}).json()
    assert [r["tarief"] for r in data["resultaten"] if r["productcode"] == "45A48"] == ["10.00"]
    data = client.get(PRODUCTEN, {"procedure": procedure.slug, "jaar": 2026}).json()
    assert all(r["tarief"] != "10.00" for r in data["resultaten"])
