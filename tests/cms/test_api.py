"""The read-only open data API /api/v1/ (issue 3)."""

import pytest

from aanbesteding.models import Aanbesteding
from tests.aanbesteding.factories import (
    AanbestedingFactory,
    ProcedureDocumentFactory,
    gepubliceerde_versie,
)

from .conftest import contracteer

pytestmark = pytest.mark.django_db


def test_procedures_lijst_alleen_openbare(client, procedure):
    AanbestedingFactory(slug="concept", status=Aanbesteding.Status.IN_VOORBEREIDING)
    data = client.get("/api/v1/procedures").json()
    assert [p["slug"] for p in data["resultaten"]] == ["jeugdhulp-voorzieningen"]
    assert data["aantal"] == 1
    assert data["resultaten"][0]["url"].endswith("/procedures/jeugdhulp-voorzieningen/")


def test_procedures_gepagineerd(client, procedure):
    for i in range(3):
        AanbestedingFactory(slug=f"extra-{i}", titel=f"Extra {i}")
    data = client.get("/api/v1/procedures", {"per_pagina": 2}).json()
    assert data["aantal"] == 4 and len(data["resultaten"]) == 2
    assert "pagina=2" in data["volgende"]
    assert client.get("/api/v1/procedures", {"pagina": 9}).status_code == 404


def test_procedure_detail_met_percelen_en_documenten(client, procedure, tussenvoorziening):
    document = ProcedureDocumentFactory(aanbesteding=procedure, slug="toelatingsdocument")
    gepubliceerde_versie(document)
    data = client.get("/api/v1/procedures/jeugdhulp-voorzieningen").json()
    assert data["looptijd_einde"] == "2028-12-31"
    hoofd = next(p for p in data["percelen"] if p["code"] == "5.10")
    assert hoofd["subpercelen"][0]["code"] == "5.10.1"
    assert data["documenten"][0]["url"].endswith("/documenten/toelatingsdocument/")
    assert client.get("/api/v1/procedures/bestaat-niet").status_code == 404


def test_producten_met_tarieven_als_decimale_strings(client, procedure, tussenvoorziening):
    data = client.get("/api/v1/producten", {"procedure": "jeugdhulp-voorzieningen", "jaar": 2024}).json()
    zwaar = next(p for p in data["resultaten"] if p["intensiteit"] == "zwaar")
    assert zwaar["productcode"] == "43B03" and zwaar["eenheid"] == "etmaal"
    assert zwaar["tarief"] == "322.46" and zwaar["tarief_vorig_jaar"] == "306.98"


def test_producten_zonder_procedure_is_fout(client):
    assert client.get("/api/v1/producten").status_code == 400
    assert client.get("/api/v1/producten", {"procedure": "x", "jaar": "abc"}).status_code == 404


def test_aanbieders_met_kvk_en_agb(client, procedure, tussenvoorziening):
    ovk = contracteer(procedure, tussenvoorziening.perceel, naam="Zorgkracht Gooi B.V.", onderaannemer="Jeugdhuis Huizen")
    data = client.get("/api/v1/aanbieders", {"procedure": "jeugdhulp-voorzieningen"}).json()
    hoofd = next(r for r in data["resultaten"] if r["soort"] == "hoofdaannemer")
    assert hoofd["kvk_nummer"] == ovk.organisatie.kvk_nummer and hoofd["agb_code"] == ovk.organisatie.agb_code
    assert hoofd["productcodes"] == ["43B03"]
    assert any(r["naam"] == "Jeugdhuis Huizen" and r["soort"] == "onderaannemer" for r in data["resultaten"])


def test_api_wordt_gecachet(client, procedure, django_assert_num_queries):
    client.get("/api/v1/procedures")
    with django_assert_num_queries(0):
        assert client.get("/api/v1/procedures").status_code == 200


def test_api_is_alleen_lezen(client, procedure):
    assert client.post("/api/v1/procedures").status_code == 405


def test_openapi_beschrijft_alle_paden(client):
    data = client.get("/api/v1/openapi.json").json()
    assert data["openapi"].startswith("3.")
    assert set(data["paths"]) == {
        "/api/v1/procedures", "/api/v1/procedures/{slug}", "/api/v1/producten", "/api/v1/aanbieders",
        "/api/v1/procedures/{slug}/productregels",
        # OCDS (issue 16).
        "/api/v1/ocds/releases", "/api/v1/ocds/records/{ocid}", "/api/v1/ocds/procedures/{slug}.json",
        "/api/v1/ocds/extension/{naam}", "/api/v1/ocds/profiel",
    }


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_lijsten_met_constant_aantal_queries(client, settings, procedure, tussenvoorziening):
    from datetime import date
    from decimal import Decimal

    from tests.aanbesteding.factories import ProductFactory, TariefFactory

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    urls = ["/api/v1/producten?procedure=jeugdhulp-voorzieningen&jaar=2025&per_pagina=500",
            "/api/v1/aanbieders?procedure=jeugdhulp-voorzieningen&per_pagina=500"]

    def maak(van, tot):
        for i in range(van, tot):
            product = ProductFactory(perceel=tussenvoorziening.perceel, categorie="45", code=f"45{i:03d}")
            TariefFactory(product=product, geldig_van=date(2025, 1, 1), bedrag=Decimal("71.38"))
            contracteer(procedure, tussenvoorziening.perceel, naam=f"Aanbieder {i:03d}")

    maak(0, 10)
    klein = [_queries(client, u) for u in urls]
    maak(10, 200)
    assert [_queries(client, u) for u in urls] == klein
