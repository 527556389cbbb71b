"""The product book benchmark of issue 19 (bench/bench_productenboek.py) at a tiny scale, so its code cannot rot.

Times are never asserted; what is asserted is the benchmark's claim: every page of the book keeps the same number
of queries with three times the products, rules, intensities and provider tariffs.
"""

import pytest
from django.test import Client, override_settings

from aanbesteding import selectors as s
from aanbesteding.models import Productintensiteit, Samenloopregel, Tarief
from bench import bench_productenboek as bench
from cms.inrichting import zorg_voor_publieke_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def werelden(db):
    zorg_voor_publieke_site()
    return bench._data(20, 1), bench._data(60, 2)


def test_de_wereld_heeft_wat_de_benchmark_belooft(werelden):
    klein, groot = werelden
    assert Productintensiteit.objects.filter(product__perceel__aanbesteding=groot).count() == 120
    assert Tarief.objects.filter(product__perceel__aanbesteding=groot, organisatie__isnull=False).count() == 12
    assert Samenloopregel.objects.filter(aanbesteding=groot).count() == 30
    boek = [rp for g in s.productenboek(groot, 2025) for rp in g.producten]
    # every 20th product dropped at the end of 2024 (3 of 60), each followed by a successor from 2025
    assert len(s.vervallen_producten(groot, 2025)) == 3
    assert sum(rp.status == s.VERVANGT for rp in boek) == 3
    assert len(boek) == 57


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("pad", ["productenboek/2025/", "productenboek/2025/verschil/", "productenboek/2025/json/"])
def test_vast_aantal_queries_bij_drie_keer_zo_veel(werelden, pad):
    client = Client()
    with override_settings(**bench.ZONDER_PAGINACACHE):
        assert _queries(client, f"/procedures/boek-20/{pad}") == _queries(client, f"/procedures/boek-60/{pad}")


def test_api_vast_aantal_queries(werelden):
    client = Client()
    with override_settings(**bench.ZONDER_PAGINACACHE):
        klein = _queries(client, "/api/v1/producten?procedure=boek-20&jaar=2025&per_pagina=500")
        assert _queries(client, "/api/v1/producten?procedure=boek-60&jaar=2025&per_pagina=500") == klein
