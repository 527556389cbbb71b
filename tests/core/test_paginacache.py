"""The public page cache (core/paginacache.py, issue 15, ADR 0021): what is served from it, what never is, and the
HTTP validators and compression it adds. The invalidation by real domain events is in tests/cms/test_paginacache.py."""

import gzip

import pytest
import time_machine
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from core import paginacache
from core.paginacache import GENERATIE_SLEUTEL, PubliekePaginaCacheMiddleware, publiek_gewijzigd
from tests.aanbesteding.factories import AanbestedingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedurelijst(db):
    AanbestedingFactory(titel="Jeugdhulp Voorzieningen", slug="jeugdhulp-voorzieningen")
    return "/api/v1/procedures"


def test_tweede_anoniem_verzoek_komt_uit_de_cache_zonder_query(client, procedurelijst, django_assert_num_queries):
    eerste = client.get(procedurelijst)
    assert eerste.status_code == 200
    with django_assert_num_queries(0):
        tweede = client.get(procedurelijst)
    assert tweede.status_code == 200
    assert tweede.content == eerste.content
    assert tweede.json()["resultaten"][0]["slug"] == "jeugdhulp-voorzieningen"


def test_validatoren_en_cache_control(client, procedurelijst):
    antwoord = client.get(procedurelijst)
    assert antwoord["Cache-Control"] == "public, no-cache"
    assert antwoord["ETag"].startswith('W/"')
    assert antwoord["Last-Modified"]
    assert {"Accept-Encoding", "Cookie"} <= {v.strip() for v in antwoord["Vary"].split(",")}
    # Headers of the view itself survive the cache (the API's CORS header).
    assert client.get(procedurelijst)["Access-Control-Allow-Origin"] == "*"


def test_if_none_match_geeft_304_zonder_inhoud(client, procedurelijst, django_assert_num_queries):
    etag = client.get(procedurelijst)["ETag"]
    with django_assert_num_queries(0):
        antwoord = client.get(procedurelijst, HTTP_IF_NONE_MATCH=etag)
    assert antwoord.status_code == 304
    assert antwoord.content == b""
    assert antwoord["ETag"] == etag
    # A strong form of the same tag (a proxy may strip W/) and a list with it also match; another tag does not.
    assert client.get(procedurelijst, HTTP_IF_NONE_MATCH=etag.removeprefix("W/")).status_code == 304
    assert client.get(procedurelijst, HTTP_IF_NONE_MATCH=f'"x", {etag}').status_code == 304
    assert client.get(procedurelijst, HTTP_IF_NONE_MATCH='"iets-anders"').status_code == 200


def test_if_modified_since(client, procedurelijst):
    laatst = client.get(procedurelijst)["Last-Modified"]
    assert client.get(procedurelijst, HTTP_IF_MODIFIED_SINCE=laatst).status_code == 304
    assert client.get(procedurelijst, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200


def test_na_een_wijziging_een_nieuwe_etag(client, procedurelijst):
    etag = client.get(procedurelijst)["ETag"]
    AanbestedingFactory(titel="Wmo Begeleiding", slug="wmo-begeleiding")
    antwoord = client.get(procedurelijst, HTTP_IF_NONE_MATCH=etag)
    assert antwoord.status_code == 200
    assert antwoord["ETag"] != etag
    assert {p["slug"] for p in antwoord.json()["resultaten"]} == {"jeugdhulp-voorzieningen", "wmo-begeleiding"}


def test_gzip_voor_wie_het_accepteert(client, procedurelijst):
    gewoon = client.get(procedurelijst)
    gezipt = client.get(procedurelijst, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert gezipt["Content-Encoding"] == "gzip"
    assert gzip.decompress(gezipt.content) == gewoon.content
    assert int(gezipt["Content-Length"]) == len(gezipt.content) < len(gewoon.content)
    assert "Content-Encoding" not in gewoon
    # Also on the very first request, when the page is rendered and stored.
    cache.clear()
    eerste = client.get(procedurelijst, HTTP_ACCEPT_ENCODING="gzip")
    assert gzip.decompress(eerste.content) == gewoon.content


def test_head_geeft_lengte_zonder_inhoud(client, procedurelijst):
    get = client.get(procedurelijst)
    head = client.head(procedurelijst)
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(get.content))


def test_querystring_en_host_horen_bij_de_sleutel(client, procedurelijst):
    AanbestedingFactory(titel="Wmo Begeleiding", slug="wmo-begeleiding")
    assert len(client.get(procedurelijst, {"per_pagina": 1}).json()["resultaten"]) == 1
    assert len(client.get(procedurelijst, {"per_pagina": 2}).json()["resultaten"]) == 2
    # The API writes absolute links: another host gets its own copy, not the first host's links.
    met_localhost = client.get(procedurelijst, HTTP_HOST="localhost").json()
    assert met_localhost["resultaten"][0]["url"].startswith("http://localhost/")
    assert client.get(procedurelijst).json()["resultaten"][0]["url"].startswith("http://testserver/")


def test_ingelogde_gebruiker_krijgt_nooit_de_cache(client, procedurelijst, aanbieder_beheerder, django_assert_max_num_queries):
    client.get(procedurelijst)  # stored by an anonymous visitor
    client.force_login(aanbieder_beheerder)
    antwoord = client.get("/")
    assert "Cache-Control" not in antwoord or "public" not in antwoord["Cache-Control"]
    assert antwoord.status_code == 200
    # Rendered for this user (the session is read: queries), not the anonymous copy.
    with django_assert_max_num_queries(50) as ctx:
        client.get(procedurelijst)
    assert len(ctx.captured_queries) > 0


def test_paginas_met_een_csrf_token_worden_niet_bewaard(client, db):
    # The login page carries a CSRF token for this visitor; the seal check page has an upload form.
    for url in ("/accounts/login/", "/verifieren/"):
        client.cookies.clear()
        eerste = client.get(url)
        assert eerste.status_code == 200
        assert "ETag" not in eerste
        client.cookies.clear()
        tweede = client.get(url)
        assert "ETag" not in tweede
    assert not [k for k in cache._cache if "paginacache:pagina:" in k]  # noqa: SLF001


def test_bericht_cookie_slaat_de_cache_over(client, procedurelijst, django_assert_max_num_queries):
    client.get(procedurelijst)
    client.cookies["messages"] = "iets"
    with django_assert_max_num_queries(50) as ctx:
        client.get(procedurelijst)
    assert len(ctx.captured_queries) > 0


def test_uitgezet_met_de_instelling(client, procedurelijst, settings, django_assert_max_num_queries):
    settings.PAGINACACHE = False
    client.get(procedurelijst)
    with django_assert_max_num_queries(50) as ctx:
        antwoord = client.get(procedurelijst)
    assert len(ctx.captured_queries) > 0 and "ETag" not in antwoord


def test_verloopt_na_de_ingestelde_tijd(client, procedurelijst, settings, django_assert_max_num_queries):
    settings.PAGINACACHE_SECONDEN = 60
    with time_machine.travel("2026-03-02 10:00:00+01:00", tick=False) as klok:
        client.get(procedurelijst)
        klok.shift(59)
        with django_assert_max_num_queries(0):
            client.get(procedurelijst)
        klok.shift(2)
        with django_assert_max_num_queries(50) as ctx:
            client.get(procedurelijst)
        assert len(ctx.captured_queries) > 0


def test_generatie_na_verdwijnen_uit_de_cache_nieuw(client, procedurelijst, django_assert_max_num_queries):
    client.get(procedurelijst)
    cache.delete(GENERATIE_SLEUTEL)  # evicted, or a restarted Redis
    with django_assert_max_num_queries(50) as ctx:
        client.get(procedurelijst)
    assert len(ctx.captured_queries) > 0


def test_publiek_gewijzigd_in_een_transactie_ook_na_commit(django_capture_on_commit_callbacks):
    voor = paginacache.huidige_generatie()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publiek_gewijzigd()
        tussen = cache.get(GENERATIE_SLEUTEL)
        publiek_gewijzigd()  # many rows in one transaction: still one step after the commit
    assert voor != tussen != cache.get(GENERATIE_SLEUTEL)
    assert callbacks == [paginacache.na_commit]


def _middleware(response):
    return PubliekePaginaCacheMiddleware(lambda request: response)


def _verzoek(pad="/procedures/", methode="get"):
    return getattr(RequestFactory(), methode)(pad)


@pytest.mark.parametrize("maak", [
    lambda: HttpResponse("niet gevonden", status=404),
    lambda: HttpResponse("x", content_type="application/pdf"),
    lambda: _met_header(HttpResponse("x"), "Cache-Control", "private"),
    lambda: _met_header(HttpResponse("x"), "Cache-Control", "no-store"),
    lambda: _met_cookie(HttpResponse("x")),
], ids=["404", "pdf", "private", "no-store", "cookie"])
def test_niet_bewaarbare_antwoorden(db, maak):
    response = maak()
    uit = _middleware(response)(_verzoek())
    assert uit is response and "ETag" not in uit
    assert not [k for k in cache._cache if "paginacache:pagina:" in k]  # noqa: SLF001


def test_gestreamd_antwoord_wordt_niet_bewaard(db):
    from django.http import StreamingHttpResponse

    response = StreamingHttpResponse(iter([b"a", b"b"]), content_type="text/csv")
    assert _middleware(response)(_verzoek()) is response


@pytest.mark.parametrize("pad", ["/admin/", "/mijn/", "/accounts/login/", "/gezondheid/", "/verifieren/"])
def test_private_paden_nooit(db, pad):
    response = HttpResponse("x")
    assert _middleware(response)(_verzoek(pad)) is response


def test_post_nooit(db):
    response = HttpResponse("x")
    assert _middleware(response)(_verzoek(methode="post")) is response


def test_bij_wijziging_van_koppelt_opslaan_en_verwijderen(db):
    from organisaties.models import Organisatie

    publiek_gewijzigd()
    eerst = cache.get(GENERATIE_SLEUTEL)
    org = Organisatie.objects.create(naam="Zorg B.V.", kvk_nummer="12345678")
    tweede = cache.get(GENERATIE_SLEUTEL)
    assert tweede != eerst
    org.delete()
    assert cache.get(GENERATIE_SLEUTEL) != tweede


def test_accounts_raken_de_cache_niet(db, aanbieder_beheerder):
    # Logging in writes last_login on every login: that must not empty the public cache.
    publiek_gewijzigd()
    eerst = cache.get(GENERATIE_SLEUTEL)
    aanbieder_beheerder.save()
    assert cache.get(GENERATIE_SLEUTEL) == eerst


def _met_header(response, naam, waarde):
    response[naam] = waarde
    return response


def _met_cookie(response):
    response.set_cookie("iets", "x")
    return response


def test_module_documenteert_de_uitgesloten_paden():
    assert "/mijn/" in paginacache.UITGESLOTEN_PADEN and "/admin/" in paginacache.UITGESLOTEN_PADEN


@override_settings(PAGINACACHE_SECONDEN=5)
def test_instelling_bepaalt_de_levensduur():
    assert paginacache._seconden() == 5  # noqa: SLF001


def test_andere_processen_zien_een_wijziging_binnen_een_seconde(client, procedurelijst, settings, monkeypatch,
                                                                  django_assert_max_num_queries):
    """With the per-process copy of the generation (production: 1 s), a bump made by another process (here: the
    shared cache changed behind this process's back) is seen once the copy is older than that second."""
    settings.PAGINACACHE_GENERATIE_SECONDEN = 1
    klok = [1000.0]
    monkeypatch.setattr(paginacache.time, "monotonic", lambda: klok[0])
    paginacache._lokaal.update(generatie=None, gelezen=0.0)  # noqa: SLF001
    client.get(procedurelijst)
    cache.set(GENERATIE_SLEUTEL, 12345, None)  # another worker published something
    klok[0] += 0.5
    with django_assert_max_num_queries(0):
        client.get(procedurelijst)  # still this process's copy of the generation: the stored page
    klok[0] += 0.6
    with django_assert_max_num_queries(50) as ctx:
        client.get(procedurelijst)
    assert len(ctx.captured_queries) > 0
    assert paginacache.huidige_generatie() == 12345


def test_eigen_wijziging_is_in_dit_proces_meteen_zichtbaar(client, procedurelijst, settings,
                                                           django_assert_max_num_queries):
    settings.PAGINACACHE_GENERATIE_SECONDEN = 60
    client.get(procedurelijst)
    AanbestedingFactory(titel="Wmo Begeleiding", slug="wmo-begeleiding")
    assert client.get(procedurelijst).json()["aantal"] == 2


def test_lokale_kopie_blijft_binnen_haar_grootte(settings):
    settings.PAGINACACHE_LOKAAL_MAX_BYTES = 250
    kopie = paginacache._LokaleKopie()  # noqa: SLF001
    for i in range(5):
        kopie.zet(f"p{i}", {"inhoud": b"x" * 100, "gzip": None, "verloopt": 9e12, "generatie": 1})
    # 5 × 100 bytes in a 250-byte budget: the two most recent stay, the oldest went first.
    assert kopie.get("p0") is None and kopie.get("p2") is None
    assert kopie.get("p3") is not None and kopie.get("p4") is not None
    kopie.get("p3")  # used: p4 is now the least recent
    kopie.zet("p5", {"inhoud": b"x" * 100, "gzip": None, "verloopt": 9e12, "generatie": 1})
    assert kopie.get("p4") is None and kopie.get("p3") is not None


def test_lokale_kopie_vergeet_verlopen_paginas():
    kopie = paginacache._LokaleKopie()  # noqa: SLF001
    kopie.zet("oud", {"inhoud": b"x", "gzip": None, "verloopt": 1.0, "generatie": 1})
    assert kopie.get("oud") is None


def test_eigen_publieke_levensduur_van_de_view_blijft(db):
    response = HttpResponse("body { color: #123456; }", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    uit = _middleware(response)(_verzoek("/regio/gooi/huisstijl.css"))
    assert uit["Cache-Control"] == "public, max-age=86400" and uit["ETag"]
    tweede = _middleware(HttpResponse("anders"))(_verzoek("/regio/gooi/huisstijl.css"))
    assert tweede.content == b"body { color: #123456; }" and tweede["Cache-Control"] == "public, max-age=86400"
