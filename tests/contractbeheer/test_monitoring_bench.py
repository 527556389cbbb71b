"""The benchmark of the monitoring dashboard (bench/bench_monitoring.py) at a small scale, so its code cannot rot.

Times are never asserted (DEVELOPERS.md); what is asserted is the benchmark's claim: every page keeps the same
number of queries with 12 providers as with 3 (no query per provider, KPI, period or month)."""

import pytest

from bench import bench_monitoring as bench
from contractbeheer.models import Kpiwaarde, Wachttijd

pytestmark = pytest.mark.django_db(transaction=False)


def test_wereld_twee_jaar_cijfers_per_aanbieder(staffgroepen):
    wereld = bench.bouw(2, "t", 80_000_000)
    # Per provider: 8 quarters × 4 quarterly figures + 2 years × 2 yearly ones, and 24 months of wachttijden.
    assert wereld.aantallen == {"aanbieders": 2, "KPI-cijfers": 2 * 36, "wachttijden": 2 * 24}
    assert Kpiwaarde.objects.filter(overeenkomst__aanbesteding=wereld.aanbesteding).count() == 72
    assert Wachttijd.objects.filter(overeenkomst__aanbesteding=wereld.aanbesteding).count() == 48


def test_vaste_queries_3_en_12_aanbieders(capsys):
    uitkomst = bench.main(aanbieders=12, klein=3, n=2)
    for label, r in uitkomst["vol"].items():
        assert r["queries"] == uitkomst["klein"][label]["queries"], label
    uit = capsys.readouterr().out
    assert "NEE" not in uit and "contractmanager: dashboard" in uit and "vloer" in uit
