"""register_van: filters and a constant number of queries."""

from datetime import date

import pytest

from overeenkomst import services
from overeenkomst.models import Onderaannemer
from overeenkomst.selectors import register_van
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
