"""Issue 17: open data filtered by region (?regio=<slug>); every item names its region; OpenAPI says so."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings

from cms.api import OPENAPI, REGIO_PARAM
from tests.aanbesteding.factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory
from tests.factories import RegioFactory

from ._hulp import GEEN_CACHE, tel_queries
from .conftest import contracteer

pytestmark = pytest.mark.django_db

LIJST = "/api/v1/procedures"
PRODUCTEN = "/api/v1/producten"
AANBIEDERS = "/api/v1/aanbieders"
_kvk = iter(range(40000000, 40099999))


def procedure_in(regio, slug, titel=None):
    return AanbestedingFactory(regio=regio, slug=slug, titel=titel or slug, opdrachtgever__kvk_nummer=str(next(_kvk)))


@pytest.fixture
def twee_regios(regio_a, regio_b):
    a = procedure_in(regio_a, "jeugd-gooi", "Jeugd Gooi")
    b = procedure_in(regio_b, "wmo-mlo", "Wmo MLO")
    for proc in (a, b):
        perceel = PerceelFactory(aanbesteding=proc, code="1", naam="Begeleiding")
        product = ProductFactory(perceel=perceel, categorie="45", code="45A01", naam="Begeleiding individueel", eenheid="uur")
        TariefFactory(product=product, geldig_van=date(2025, 1, 1), geldig_tot=date(2025, 12, 31), bedrag=Decimal("71.38"))
        contracteer(proc, perceel, naam=f"Zorg {proc.slug}")
    return a, b


def test_lijst_van_alle_regios_noemt_elke_regio(client, twee_regios):
    data = client.get(LIJST).json()
    assert {(p["slug"], p["regio"], p["regio_slug"]) for p in data["resultaten"]} == {
        ("jeugd-gooi", "Gooi en Vechtstreek", "gooi"), ("wmo-mlo", "Midden-Limburg Oost", "mlo"),
    }


def test_lijst_gefilterd_op_regio(client, twee_regios):
    data = client.get(LIJST, {"regio": "mlo"}).json()
    assert data["aantal"] == 1
    assert [p["slug"] for p in data["resultaten"]] == ["wmo-mlo"]
    assert [p["slug"] for p in client.get(LIJST, {"regio": "gooi"}).json()["resultaten"]] == ["jeugd-gooi"]


def test_regio_zonder_procedures_geeft_lege_lijst(client, twee_regios):
    RegioFactory(naam="Rijk van Nijmegen", slug="nijmegen")
    data = client.get(LIJST, {"regio": "nijmegen"}).json()
    assert data["aantal"] == 0 and data["resultaten"] == []


@pytest.mark.parametrize("url", [LIJST, PRODUCTEN, AANBIEDERS])
def test_onbekende_regio_geeft_400_met_melding(client, twee_regios, url):
    antwoord = client.get(url, {"regio": "nergens", "procedure": "jeugd-gooi"})
    assert antwoord.status_code == 400
    assert antwoord.json()["fout"].startswith("Onbekende regio 'nergens'.")
    assert antwoord["Access-Control-Allow-Origin"] == "*"


def test_onbekende_regio_wordt_ingekort_in_de_melding(client, twee_regios):
    fout = client.get(LIJST, {"regio": "x" * 300}).json()["fout"]
    assert "x" * 50 in fout and "x" * 51 not in fout


def test_detail_noemt_de_regio(client, twee_regios):
    data = client.get(f"{LIJST}/wmo-mlo").json()
    assert data["regio"] == "Midden-Limburg Oost" and data["regio_slug"] == "mlo"


@pytest.mark.parametrize("url", [PRODUCTEN, AANBIEDERS])
def test_producten_en_aanbieders_noemen_procedure_en_regio(client, twee_regios, url):
    data = client.get(url, {"procedure": "wmo-mlo", "jaar": 2025}).json()
    assert data["regio_slug"] == "mlo" and data["regio"] == "Midden-Limburg Oost"
    assert data["resultaten"]
    for item in data["resultaten"]:
        assert (item["procedure"], item["regio"], item["regio_slug"]) == ("wmo-mlo", "Midden-Limburg Oost", "mlo")


@pytest.mark.parametrize("url", [PRODUCTEN, AANBIEDERS])
def test_procedure_binnen_de_gevraagde_regio(client, twee_regios, url):
    eigen = client.get(url, {"procedure": "wmo-mlo", "regio": "mlo", "jaar": 2025})
    assert eigen.status_code == 200 and eigen.json()["resultaten"]
    # A procedure of another region than ?regio= is not found, as an unknown procedure.
    vreemd = client.get(url, {"procedure": "wmo-mlo", "regio": "gooi", "jaar": 2025})
    assert vreemd.status_code == 404
    assert vreemd.json() == {"fout": "Geef een bestaande procedure van regio 'gooi' op: ?procedure=<slug>."}


@pytest.mark.parametrize("url", [PRODUCTEN, AANBIEDERS])
def test_zonder_procedure_blijft_400(client, twee_regios, url):
    antwoord = client.get(url, {"regio": "gooi"})
    assert antwoord.status_code == 400
    assert "?procedure=<slug>" in antwoord.json()["fout"]


def test_openapi_beschrijft_regio(client):
    doc = client.get("/api/v1/openapi.json").json()
    for pad in ("/api/v1/procedures", "/api/v1/producten", "/api/v1/aanbieders"):
        params = doc["paths"][pad]["get"]["parameters"]
        assert any(p["name"] == "regio" and p["in"] == "query" for p in params), pad
        assert "400" in doc["paths"][pad]["get"]["responses"]
    schemas = doc["components"]["schemas"]
    assert "regio_slug" in schemas["ProcedureKort"]["properties"]
    for schema in ("Product", "Aanbieder"):
        assert {"procedure", "regio", "regio_slug"} <= set(schemas[schema]["properties"])
    assert REGIO_PARAM in OPENAPI["paths"]["/api/v1/procedures"]["get"]["parameters"]
    # 1.2.0 issue 19: product book fields, product rules, ?jaar= and products on /aanbieders; 1.3.0 issue 16: OCDS.
    assert doc["info"]["version"] == "1.3.0"


@override_settings(CACHES=GEEN_CACHE)
def test_vast_aantal_queries_lijst_per_regio(client, regio_a, regio_b):
    procedure_in(regio_a, "a-0")
    procedure_in(regio_b, "b-0")
    klein = (tel_queries(client, LIJST), tel_queries(client, LIJST, regio="gooi"))
    for i in range(1, 10):
        procedure_in(regio_a, f"a-{i}")
        procedure_in(RegioFactory(), f"x-{i}")
    groot = (tel_queries(client, LIJST), tel_queries(client, LIJST, regio="gooi"))
    assert groot == klein


@pytest.mark.parametrize("pad", ["/api/v1/procedures?regio=%00", "/api/v1/producten?procedure=%00",
                                 "/api/v1/aanbieders?procedure=x%00y", "/api/v1/procedures?regio=gooi%00"])
def test_nul_teken_in_een_slug_is_een_nette_fout(client, db, pad):
    """A NUL byte never reaches the database (PostgreSQL refuses it with an error: a 500, found by schemathesis)."""
    antwoord = client.get(pad)
    assert antwoord.status_code in (400, 404)
    assert "fout" in antwoord.json()
