"""The page cache keys on the query string; the procedure page's slug follows its procedure."""

import pytest

from tests.aanbesteding.factories import AanbestedingFactory

from .conftest import procedurepagina_voor

pytestmark = pytest.mark.django_db


def test_cache_scheidt_verschillende_parameters(client, procedure):
    AanbestedingFactory(slug="tweede", titel="Tweede")
    een = client.get("/api/v1/procedures", {"per_pagina": 1}).json()
    twee = client.get("/api/v1/procedures", {"per_pagina": 2}).json()
    assert len(een["resultaten"]) == 1 and len(twee["resultaten"]) == 2


def test_api_revalideert_met_etag(client, procedure):
    # Issue 15: no fixed five minutes any more (a changed register showed stale for that long): browsers and a CDN
    # revalidate every time against the ETag of the page cache.
    antwoord = client.get("/api/v1/procedures")
    assert antwoord["Cache-Control"] == "public, no-cache"
    assert client.get("/api/v1/procedures", HTTP_IF_NONE_MATCH=antwoord["ETag"]).status_code == 304


def test_fout_antwoorden_ook_met_cors(client, db):
    antwoord = client.get("/api/v1/producten")
    assert antwoord.status_code == 400
    assert antwoord["Access-Control-Allow-Origin"] == "*"


def test_slug_van_pagina_volgt_procedure_bij_full_clean(procedure):
    pagina = procedurepagina_voor(procedure)
    pagina.slug = "iets-anders"
    pagina.full_clean()
    assert pagina.slug == "jeugdhulp-voorzieningen"


def test_procedure_url_en_api_url_wijzen_naar_elkaar(client, procedure, pagina):
    data = client.get("/api/v1/procedures/jeugdhulp-voorzieningen").json()
    assert data["url"] == "http://testserver/procedures/jeugdhulp-voorzieningen/"
    assert client.get(data["url"]).status_code == 200
    assert client.get(data["api_url"]).json()["slug"] == "jeugdhulp-voorzieningen"


def test_procedurepagina_noemt_looptijd_en_regio(client, procedure, pagina):
    html = client.get("/procedures/jeugdhulp-voorzieningen/").content.decode()
    assert "Jeugdhulp Voorzieningen" in html
    assert "Gooi en Vechtstreek" in html


def test_productenboek_pagina_kiest_jaar_uit_lijst(client, pagina, tussenvoorziening):
    antwoord = client.get("/procedures/jeugdhulp-voorzieningen/productenboek/2024/")
    assert antwoord.context["jaren"] == [2022, 2023, 2024, 2025]
    assert antwoord.context["aantal"] == 1
    assert "€ 322,46" in antwoord.content.decode()


def test_aanbieders_gepagineerd_met_onderaannemers_na_hoofdaannemers(client, procedure, tussenvoorziening):
    from .conftest import contracteer

    for naam in ("Alfa Zorg", "Beta Zorg", "Gamma Zorg"):
        contracteer(procedure, tussenvoorziening.perceel, naam=naam, onderaannemer=f"Onder {naam}")
    eerste = client.get("/api/v1/aanbieders", {"procedure": procedure.slug, "per_pagina": 3}).json()
    assert eerste["aantal"] == 6
    assert [r["soort"] for r in eerste["resultaten"]] == ["hoofdaannemer"] * 3
    tweede = client.get(eerste["volgende"]).json()
    assert [r["soort"] for r in tweede["resultaten"]] == ["onderaannemer"] * 3
    assert {r["hoofdaannemer"] for r in tweede["resultaten"]} == {"Alfa Zorg", "Beta Zorg", "Gamma Zorg"}
    assert all(r["productcodes"] == ["43B03"] for r in tweede["resultaten"])
