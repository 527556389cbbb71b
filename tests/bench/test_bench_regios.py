"""The scale benchmark of issue 17 (bench/bench_regios.py) at a tiny scale, so its code cannot rot.

Times are never asserted (DEVELOPERS.md); what is asserted is the benchmark's own claim: every page keeps the
same number of queries on a larger world as on the small one (no N+1 over regions, providers or procedures).
"""

import pytest
from wagtail.models import Page

from bench import bench_regios
from bench.bench_regios import KLEIN, Schaal
from cms.models import ProcedureIndexPage
from cms.selectors import openbare_procedurepaginas
from organisaties.models import Organisatie, Regiorol
from organisaties.regios import bereik

pytestmark = pytest.mark.django_db


def test_schaal_uit_tekst():
    assert Schaal.uit_tekst("42x500x20") == bench_regios.VOL
    assert Schaal.uit_tekst("3X12X3") == Schaal(3, 12, 3)
    with pytest.raises(ValueError):
        Schaal.uit_tekst("42x500")


def test_een_aanbieder_werkt_soms_in_meer_regios():
    schaal = Schaal(4, 40, 2)
    assert bench_regios._regios_van_aanbieder(1, 0, schaal) == [1, 2, 3]  # every 20th: three regions
    assert bench_regios._regios_van_aanbieder(3, 10, schaal) == [3, 0]  # every 10th: two, wrapping round
    assert bench_regios._regios_van_aanbieder(0, 7, schaal) == [0]
    # With two regions "the one after next" is the own region again: no double entry.
    assert bench_regios._regios_van_aanbieder(0, 0, KLEIN) == [0, 1]


def test_gegenereerde_wereld_regiogebonden_inkoper_en_gedeelde_aanbieder():
    bench_regios.inrichten()
    wereld = bench_regios.bouw(Schaal(3, 20, 2), "t", 20_000_000)
    assert wereld.aantallen["regio's"] == 3 and wereld.aantallen["procedures"] == 6 and wereld.aantallen["aanbieders"] == 60
    # The Inkoper holds the role in the first region only: the measured staff pages are region-scoped.
    assert bereik(wereld.inkoper).ids == {wereld.regio.pk} and not bereik(wereld.inkoper).alle
    assert Regiorol.objects.filter(regio__slug__startswith="t-").count() == 3
    # The provider user's organisation works in all three regions.
    org = Organisatie.objects.filter(lidmaatschappen__user=wereld.aanbieder).order_by("naam").first()
    regios = set(org.inschrijvingen.values_list("aanbesteding__regio__slug", flat=True))
    assert regios == {"t-00", "t-01", "t-02"}
    # The procedure pages went in without add_child: the tree must still be sound and the pages public.
    assert ProcedureIndexPage.objects.get().get_children().live().count() == 6
    assert not any(Page.find_problems())
    assert {p.aanbesteding.slug for p in openbare_procedurepaginas()} >= {"t-00-00", "t-02-01"}


def test_benchmark_draait_klein_en_query_aantallen_blijven_gelijk(capsys):
    uitkomst = bench_regios.main(schaal=Schaal(3, 12, 3), n=2)
    uitvoer = capsys.readouterr().out
    assert set(uitkomst["vol"]) == set(uitkomst["klein"])
    assert {"publiek: procedurelijst", "inkoper: wachtrij van een procedure", "inkoper: audittrail",
            "aanbieder: /mijn/"} <= set(uitkomst["vol"])
    for label, vol in uitkomst["vol"].items():
        assert vol["queries"] == uitkomst["klein"][label]["queries"], label
    assert "p95/vloer" in uitvoer and "NEE" not in uitvoer
