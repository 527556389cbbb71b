"""register_van and registerlijst (the register paged in SQL): filters and a constant number of queries."""

from datetime import date

import pytest

from overeenkomst import services
from overeenkomst.models import Onderaannemer
from overeenkomst.selectors import Registerlijst, register_van, registerlijst
from tests.factories import OrganisatieFactory


def _contracteer(ab, percelen, n):
    for i in range(n):
        org = OrganisatieFactory(naam=f"Aanbieder {i:03d}", plaats="Bussum" if i % 2 else "Hilversum")
        ovk = services.overeenkomst_uit_toelating(organisatie=org, aanbesteding=ab, percelen=percelen, startdatum=date(2026, 1, 1))
        d = ovk.deelnames.first()
        Onderaannemer.objects.create(deelname=d, naam=f"Onderaannemer {i:03d}", kvk_nummer=f"{50000000 + i:08d}", plaats="Laren", vanaf=date(2026, 1, 1))


@pytest.mark.parametrize("aantal", [2, 40])
def test_aantal_queries_constant(gooi, django_assert_max_num_queries, aantal):
    ab, bhl, dag = gooi
    _contracteer(ab, [bhl, dag], aantal)
    with django_assert_max_num_queries(5):  # deelnames, products, cliëntenstops, onderaannemers
        regels = register_van(ab)
    assert len(regels) == 2 * aantal  # each provider and its subcontractor


def test_onderaannemer_volgt_hoofdaannemer(gooi):
    ab, bhl, dag = gooi
    _contracteer(ab, [bhl], 1)
    hoofd, onder = register_van(ab)
    assert (hoofd.rol, onder.rol, onder.hoofdaannemer, onder.vestigingsplaats) == ("hoofdaannemer", "onderaannemer", hoofd.naam, "Laren")


def test_filters(gooi, mlo):
    ab, bhl, dag = gooi
    _contracteer(ab, [bhl], 2)
    org = OrganisatieFactory(naam="Dagcentrum De Linde", plaats="Huizen", agb_code="75751234")
    services.overeenkomst_uit_toelating(organisatie=org, aanbesteding=ab, percelen=[dag], startdatum=date(2026, 1, 1))
    namen = lambda **kw: [r.naam for r in register_van(ab, **kw) if r.rol == "hoofdaannemer"]  # noqa: E731
    assert namen(zoek="linde") == ["Dagcentrum De Linde"]
    assert namen(zoek="75751234") == ["Dagcentrum De Linde"]
    assert namen(productcode="41a11") == ["Dagcentrum De Linde"]
    assert namen(productcode="43B03") == ["Aanbieder 000", "Aanbieder 001"]
    gemeente = ab.deelnemende_gemeenten.first().gemeente
    assert len(namen(gemeente=gemeente)) == 3 and len(namen(gemeente=gemeente.naam)) == 3
    mlo_ab, _ = mlo
    assert register_van(mlo_ab) == []


# --- registerlijst: the register paged in SQL (issue 15) ---------------------------------------------------

def test_registerlijst_geeft_dezelfde_regels_als_register_van(gooi):
    ab, bhl, dag = gooi
    _contracteer(ab, [bhl, dag], 7)
    volledig = register_van(ab)
    lijst = registerlijst(ab)
    assert len(lijst) == 14 and lijst.aantallen() == {"hoofdaannemer": 7, "onderaannemer": 7}
    assert list(lijst) == [r for r in volledig if r.rol == "hoofdaannemer"] + [r for r in volledig if r.rol == "onderaannemer"]
    assert lijst.van_soort("onderaannemer")[2:4] == [r for r in volledig if r.rol == "onderaannemer"][2:4]


def test_registerlijst_sneden_over_de_grens_en_voorbij_het_einde(gooi):
    ab, bhl, dag = gooi
    _contracteer(ab, [bhl], 5)
    lijst = registerlijst(ab)
    assert [r.naam for r in lijst[3:7]] == ["Aanbieder 003", "Aanbieder 004", "Onderaannemer 000", "Onderaannemer 001"]
    assert lijst[10:20] == [] and lijst[4:4] == []
    with pytest.raises(TypeError):
        lijst[3]


def test_registerlijst_filters_als_register_van(gooi):
    ab, bhl, dag = gooi
    _contracteer(ab, [bhl], 4)
    org = OrganisatieFactory(naam="Dagcentrum De Linde", plaats="Huizen")
    services.overeenkomst_uit_toelating(organisatie=org, aanbesteding=ab, percelen=[dag], startdatum=date(2026, 1, 1))
    for filters in ({"zoek": "linde"}, {"zoek": "Onderaannemer 002"}, {"productcode": "43b03"}, {"zoek": "bussum"}):
        volledig = register_van(ab, **filters)
        lijst = registerlijst(ab, **filters)
        assert list(lijst) == [r for r in volledig if r.rol == "hoofdaannemer"] + [r for r in volledig if r.rol == "onderaannemer"], filters
        assert len(lijst) == len(volledig), filters
    # a search on a subcontractor's name finds its line and its main contractor's
    assert [r.naam for r in registerlijst(ab, zoek="Onderaannemer 002")] == ["Aanbieder 002", "Onderaannemer 002"]


@pytest.mark.parametrize("aantal", [3, 60])
def test_een_pagina_kost_een_vast_aantal_queries(gooi, django_assert_max_num_queries, aantal):
    ab, bhl, dag = gooi
    _contracteer(ab, [bhl, dag], aantal)
    lijst = registerlijst(ab, zoek="Aanbieder")
    with django_assert_max_num_queries(2):  # the two counts
        assert lijst.aantallen()["hoofdaannemer"] == aantal
    with django_assert_max_num_queries(3):  # agreements of the page, their deelnames, products
        assert len(lijst.van_soort("hoofdaannemer")[0:2]) == 2
    with django_assert_max_num_queries(4):  # keys of the page, their deelnames, products, onderaannemers
        assert len(lijst.van_soort("onderaannemer")[1:3]) == 2


def test_itereren_leest_in_brokken(gooi, monkeypatch, django_assert_max_num_queries):
    ab, bhl, dag = gooi
    _contracteer(ab, [bhl], 12)
    monkeypatch.setattr(Registerlijst, "CHUNK", 5)
    with django_assert_max_num_queries(2 + 6 * 4):  # counts, then at most 4 queries for each of 5 chunks (+1 mixed)
        regels = list(registerlijst(ab))
    assert len(regels) == 24 and regels[12].naam == "Onderaannemer 000"


def test_tellingen_van_het_register_uit_de_cache_tot_een_wijziging(db, django_assert_num_queries):
    """Issue 15: the register's counts are kept for the current publication generation; the next change of an
    agreement starts a new one, so the count after it is right (and counted again)."""
    from datetime import date

    from overeenkomst.models import Deelname, Overeenkomst
    from overeenkomst.selectors import HOOFDAANNEMER, registerlijst
    from tests.aanbesteding.factories import AanbestedingFactory, PerceelFactory
    from tests.factories import OrganisatieFactory

    a = AanbestedingFactory()
    perceel = PerceelFactory(aanbesteding=a)
    for i in range(3):
        ovk = Overeenkomst.objects.create(aanbesteding=a, organisatie=OrganisatieFactory(naam=f"Zorg {i}"),
                                          startdatum=date(2024, 1, 1))
        Deelname.objects.create(overeenkomst=ovk, perceel=perceel, startdatum=date(2024, 1, 1))
    assert registerlijst(a).aantal(HOOFDAANNEMER) == 3
    with django_assert_num_queries(0):
        assert registerlijst(a).aantal(HOOFDAANNEMER) == 3
    # A filter is its own count.
    assert registerlijst(a, zoek="Zorg 1").aantal(HOOFDAANNEMER) == 1
    ovk = Overeenkomst.objects.create(aanbesteding=a, organisatie=OrganisatieFactory(naam="Zorg 3"), startdatum=date(2024, 1, 1))
    Deelname.objects.create(overeenkomst=ovk, perceel=perceel, startdatum=date(2024, 1, 1))
    assert registerlijst(a).aantal(HOOFDAANNEMER) == 4
    assert registerlijst(a, zoek="Zorg").aantal(HOOFDAANNEMER) == 4
