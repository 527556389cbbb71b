"""Edge cases of admission per product on the agreement side (issue 19): the hand-over is idempotent with products,
a re-admission adds only the new perceel's products, the provider's pages and the register keep a constant number
of queries with product rows, the specialist tab pages in SQL and the year bounds subcontractors too."""

from datetime import date

import pytest

from overeenkomst import services
from overeenkomst.models import Deelname, DeelnameProduct, Onderaannemer
from overeenkomst.selectors import (
    HOOFDAANNEMER,
    ONDERAANNEMER,
    SPECIALISTISCH,
    overeenkomsten_van_organisatie,
    productregels,
    registerlijst,
)
from tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.inschrijving._productkeuze import vmb_plus
from toetsing.models import Besluit


@pytest.fixture
def vmb(mlo):
    ab, _ = mlo
    return vmb_plus(ab)


def _toelating(ab, org, percelen, producten, bron=None, start=date(2025, 1, 1)):
    return services.overeenkomst_uit_toelating(organisatie=org, aanbesteding=ab, percelen=percelen, startdatum=start,
                                               producten=producten, bron=bron)


def test_overdracht_twee_keer_geeft_geen_dubbele_producten(mlo, vmb, aanbieder):
    """The signal receiver and the catch-up may both hand over the same decision (the Toetreding keys it)."""
    ab, _ = mlo
    perceel, p = vmb
    from tests.toetsing.factories import InschrijvingFactory

    besluit = Besluit.objects.create(inschrijving=InschrijvingFactory(aanbesteding=ab, organisatie=aanbieder),
                                     aanbesteding=ab, genomen_op="2025-01-01T10:00:00+01:00")
    eerst = _toelating(ab, aanbieder, [perceel], [{"product": p["43A52"]}], bron=besluit)
    weer = _toelating(ab, aanbieder, [perceel], [{"product": p["43A52"]}], bron=besluit)
    assert eerst.pk == weer.pk
    assert DeelnameProduct.objects.count() == 1


def test_lopende_deelname_krijgt_geen_tweede_set_producten(mlo, vmb, aanbieder):
    ab, ambulant = mlo
    perceel, p = vmb
    _toelating(ab, aanbieder, [perceel], [{"product": p["43A52"]}])
    # A later admission for another perceel (no source key): the running deelname in 6 is skipped, with its products.
    ovk = _toelating(ab, aanbieder, [perceel, ambulant], [{"product": p["43A56"]}])
    assert sorted(d.perceel.code for d in ovk.deelnames.all()) == ["6", "ambulant"]
    assert list(DeelnameProduct.objects.values_list("product__code", flat=True)) == ["43A52"]


def test_productregels_in_de_volgorde_van_het_productenboek(mlo, vmb, aanbieder):
    ab, _ = mlo
    perceel, p = vmb
    ovk = _toelating(ab, aanbieder, [perceel], [{"product": p["54012"]}, {"product": p["43A51"]}, {"product": p["43A52"]}])
    deelname = ovk.deelnames.get()
    assert [r.product.code for r in productregels(deelname, date(2025, 6, 1))] == ["43A51", "43A52", "54012"]
    DeelnameProduct.objects.filter(product=p["43A51"]).update(einddatum=date(2025, 5, 31))
    regels = productregels(Deelname.objects.get(pk=deelname.pk), date(2025, 6, 1))
    assert [(r.product.code, r.beeindigd) for r in regels] == [("43A51", True), ("43A52", False), ("54012", False)]


@pytest.mark.parametrize("aantal", [2, 12])
def test_eigen_lijst_constant_aantal_queries_met_producten(client, mlo, vmb, aanbieder, django_assert_max_num_queries, aantal):
    from django.urls import reverse

    ab, _ = mlo
    perceel, p = vmb
    beheerder = LidmaatschapFactory(organisatie=aanbieder).user
    for i in range(aantal):  # ended agreements of earlier admissions, each with its products
        ovk = _toelating(ab, aanbieder, [perceel], [{"product": p["43A52"]}, {"product": p["43A56"]}], start=date(2021, 1, 1))
        Deelname.objects.filter(overeenkomst=ovk).update(status=Deelname.Status.BEEINDIGD, einddatum=date(2021, 1, 1 + i))
        type(ovk).objects.filter(pk=ovk.pk).update(status="beeindigd", einddatum=date(2021, 1, 1 + i))
    client.force_login(beheerder)
    client.get(reverse("overeenkomst:lijst"))
    with django_assert_max_num_queries(12):
        html = client.get(reverse("overeenkomst:lijst")).content.decode()
    assert html.count("43A52 43A56") == aantal
    assert len(overeenkomsten_van_organisatie(aanbieder)) == aantal


def test_specialistische_tab_telt_en_pagineert_in_sql(mlo, vmb, django_assert_max_num_queries):
    ab, ambulant = mlo
    perceel, p = vmb
    for i in range(6):
        org = OrganisatieFactory(naam=f"Verblijf {i}")
        _toelating(ab, org, [perceel], [{"product": p["43A52"], "locatie": f"Plaats {i}", "groepsomvang": 6 + i}])
    for i in range(3):  # admitted only for a non-residential perceel
        _toelating(ab, OrganisatieFactory(naam=f"Ambulant {i}"), [ambulant], None)
    lijst = registerlijst(ab, jaar=2025)
    assert lijst.aantallen() == {HOOFDAANNEMER: 9, ONDERAANNEMER: 0}
    with django_assert_max_num_queries(1):
        assert lijst.aantal(SPECIALISTISCH) == 6
    with django_assert_max_num_queries(4):  # agreements of the page, their deelnames, perceel products, own products
        pagina = lijst.van_soort(SPECIALISTISCH)[2:4]
    assert [r.naam for r in pagina] == ["Verblijf 2", "Verblijf 3"]
    assert [(pr.locatie, pr.groepsomvang) for _, pr in pagina[0].verblijfsproducten] == [("Plaats 2", 8)]
    # The main tab and the API/CSV (no kind) are unchanged: the specialist lines are not counted twice.
    assert lijst.count() == 9


def test_jaar_begrenst_ook_onderaannemers(mlo, aanbieder):
    ab, ambulant = mlo
    ovk = _toelating(ab, aanbieder, [ambulant], None, start=date(2022, 1, 1))
    deelname = ovk.deelnames.get()
    Onderaannemer.objects.create(deelname=deelname, naam="Oud Onder", kvk_nummer="11112222", vanaf=date(2022, 1, 1),
                                 tot=date(2023, 12, 31))
    Onderaannemer.objects.create(deelname=deelname, naam="Nieuw Onder", kvk_nummer="33334444", vanaf=date(2025, 1, 1))
    assert [r.naam for r in registerlijst(ab, jaar=2023).van_soort(ONDERAANNEMER)[0:10]] == ["Oud Onder"]
    assert [r.naam for r in registerlijst(ab, jaar=2025).van_soort(ONDERAANNEMER)[0:10]] == ["Nieuw Onder"]
    assert registerlijst(ab, jaar=2024).aantal(ONDERAANNEMER) == 0
    assert registerlijst(ab).aantal(ONDERAANNEMER) == 2


def test_productenboek_van_het_jaar_voor_een_hele_perceel(mlo, vmb, aanbieder):
    """A deelname for a whole perceel shows the products of the year's product book (Product.geldig_vanaf/tot)."""
    ab, _ = mlo
    perceel, p = vmb
    _toelating(ab, aanbieder, [perceel], None, start=date(2022, 1, 1))
    type(p["54012"]).objects.filter(pk=p["54012"].pk).update(geldig_vanaf=date(2025, 1, 1))
    type(p["43A54"]).objects.filter(pk=p["43A54"].pk).update(geldig_tot=date(2023, 12, 31))
    regel_2023 = registerlijst(ab, jaar=2023).van_soort(HOOFDAANNEMER)[0:1][0]
    regel_2025 = registerlijst(ab, jaar=2025).van_soort(HOOFDAANNEMER)[0:1][0]
    assert "54012" not in regel_2023.productcodes and "43A54" in regel_2023.productcodes
    assert "54012" in regel_2025.productcodes and "43A54" not in regel_2025.productcodes
