"""The benchmark runner (issue 15): every benchmark in one go, each from an empty database, one summary table."""

import pytest
from django.test import Client

from bench import __main__ as runner
from bench import meten
from organisaties.models import Regio

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _schone_tabel():
    meten.RESULTATEN.clear()
    meten.VLOEREN.clear()
    yield
    meten.RESULTATEN.clear()
    meten.VLOEREN.clear()


def test_tabel_met_verhouding_tegen_de_vloer_van_dezelfde_benchmark():
    meten.begin("publiek")
    meten.VLOEREN["publiek"] = {"naam": "vloer: /gezondheid/live/", "p50_ms": 1.0, "p95_ms": 2.0, "queries": 1}
    meten.registreer({"url": "/procedures/x/register/", "p50_ms": 10.0, "p95_ms": 20.0, "queries": 7}, "register")
    meten.begin("ander")
    meten.registreer({"url": "/x/", "p50_ms": 1.0, "p95_ms": 1.0, "queries": 0})
    regels = meten.tabel().splitlines()
    assert regels[0].split()[:2] == ["benchmark", "pagina"]
    register = next(r for r in regels if "register" in r)
    assert register.split()[0] == "publiek" and register.rstrip().endswith("10.0x")
    assert " 7 " in register
    # Without a floor of its own, a benchmark's rows have no ratio; the URL names an unnamed row.
    zonder = next(r for r in regels if r.startswith("ander"))
    assert "/x/" in zonder and zonder.rstrip().endswith("-")
    assert any(r.startswith("publiek") and r.rstrip().endswith("1.0x") for r in regels)


def test_laatste_meting_van_een_pagina_telt_en_benoem_geeft_labels():
    meten.begin("regios")
    klein = meten.registreer({"url": "/procedures/k-00/", "p50_ms": 1.0, "p95_ms": 1.0, "queries": 5})
    meten.benoem({"publiek: procedurepagina": klein})
    vol = meten.registreer({"url": "/procedures/r-00/", "p50_ms": 3.0, "p95_ms": 4.0, "queries": 5})
    meten.benoem({"publiek: procedurepagina": vol})
    assert list(meten.RESULTATEN) == [("regios", "publiek: procedurepagina")]
    assert meten.RESULTATEN[("regios", "publiek: procedurepagina")]["p95_ms"] == 4.0


def test_meet_en_vloer_registreren_zich(client: Client):
    meten.begin("klein")
    vloer = meten.meet_basis(client, n=3)
    r = meten.meet(client, "/procedures/", n=3, opwarmen=1, naam="procedures")
    assert meten.VLOEREN["klein"] is vloer and vloer["queries"] >= 1
    assert meten.RESULTATEN[("klein", "procedures")] is r
    assert r["p95_ms"] >= r["p50_ms"] > 0


class _Benchmark:
    """Two benchmarks that each create the region 'gooi-bench' (what crashed `make bench` at toetsing)."""

    @staticmethod
    def main():
        Regio.objects.create(naam="Gooi en Vechtstreek (bench)", slug="gooi-bench")


def test_elke_benchmark_begint_met_een_lege_database():
    runner._draai(_Benchmark)  # noqa: SLF001
    runner._draai(_Benchmark)  # noqa: SLF001 — would raise IntegrityError if the first one's region stayed
    assert not Regio.objects.filter(slug="gooi-bench").exists()
