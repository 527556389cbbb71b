"""The benchmark of the work list (bench/bench_contractbeheer.py) at a small scale, so its code cannot rot.

Times are never asserted (DEVELOPERS.md); what is asserted is the benchmark's claim: every page keeps the same
number of queries on the larger world as on the small one (no N+1 over providers, years or duties)."""

import pytest

from bench import bench_contractbeheer as bench
from contractbeheer.models import Verantwoording

pytestmark = pytest.mark.django_db(transaction=False)


def test_wereld_heeft_drie_jaar_plichten_per_aanbieder(staffgroepen):
    wereld = bench.bouw(4, "t", 70_000_000)
    # Per provider per year: product and financial per municipality (2 × 2) and complaints/innovation (1).
    assert wereld.aantallen["verantwoordingen"] == 4 * 3 * 5
    assert Verantwoording.objects.filter(overeenkomst__aanbesteding=wereld.aanbesteding).count() == 60
    jaren = set(Verantwoording.objects.filter(overeenkomst__aanbesteding=wereld.aanbesteding)
                .values_list("jaar", flat=True))
    assert jaren == set(bench.JAREN)
    assert wereld.aantallen["meldingen"] == 1 and wereld.aantallen["onderzoeken"] == 1


def test_vaste_queries_klein_en_groot(capsys):
    uitkomst = bench.main(aanbieders=100, klein=50, n=2)
    for label, r in uitkomst["vol"].items():
        assert r["queries"] == uitkomst["klein"][label]["queries"], label
    uit = capsys.readouterr().out
    assert "NEE" not in uit and "contractmanager: te laat" in uit and "vloer" in uit
