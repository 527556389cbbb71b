"""DeelnameProduct (issue 19): the agreement made from an admission per product carries exactly the admitted
products with their restrictions (000 Part A; 000 §5.1 "Award"); the register (register_van) and the provider's own
pages show exactly those; a deelname without them covers its whole perceel; status and end date come from the
dates."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.kalender import TZ
from core.models import AuditRegel
from overeenkomst import services
from overeenkomst.models import Deelname, DeelnameProduct
from overeenkomst.selectors import productregels, register_van, registerjaren, standaardjaar
from tests.inschrijving._productkeuze import CODES, vmb_plus

NIJMEGEN = {"locatie": "Nijmegen", "groepsomvang": 8, "leeftijd_van": 12, "leeftijd_tot": 17}


@pytest.fixture
def vmb(mlo):
    ab, _ = mlo
    return vmb_plus(ab)


@pytest.fixture
def drie(mlo, vmb, aanbieder):
    ab, _ = mlo
    perceel, p = vmb
    return services.overeenkomst_uit_toelating(
        organisatie=aanbieder, aanbesteding=ab, percelen=[perceel], startdatum=date(2025, 1, 1),
        producten=[{"product": p["43A52"], **NIJMEGEN}, {"product": p["43A56"]},
                   {"product": p["54010"], "beperking": "alleen JGGZ-indicatie"}],
    )


def test_toetreding_maakt_precies_de_toegelaten_producten(drie, vmb):
    deelname = drie.deelnames.get()
    rijen = {dp.product.code: dp for dp in deelname.producten.all()}
    assert set(rijen) == {"43A52", "43A56", "54010"}
    assert rijen["43A52"].beperking_tekst == "12 t/m 17 jaar; locatie Nijmegen (groep van 8)"
    assert rijen["54010"].beperking_tekst == "alleen JGGZ-indicatie"
    assert {dp.startdatum for dp in rijen.values()} == {date(2025, 1, 1)}
    assert AuditRegel.objects.filter(actie="overeenkomst.toetreding").get().nieuwe_waarden["producten"] == [
        "43A52", "43A56", "54010"]


def test_product_van_een_ander_perceel_wordt_geweigerd(mlo, vmb, derde_aanbieder):
    ab, ambulant = mlo
    with pytest.raises(ValidationError, match="Alle producten moeten bij een toegelaten perceel horen"):
        services.overeenkomst_uit_toelating(organisatie=derde_aanbieder, aanbesteding=ab, percelen=[ambulant],
                                            startdatum=date(2025, 1, 1), producten=[{"product": vmb[1]["43A52"]}])
    assert not DeelnameProduct.objects.exists()


def test_zonder_producten_het_hele_perceel(mlo, vmb, derde_aanbieder):
    ab, _ = mlo
    ovk = services.overeenkomst_uit_toelating(organisatie=derde_aanbieder, aanbesteding=ab, percelen=[vmb[0]],
                                              startdatum=date(2025, 1, 1))
    assert not DeelnameProduct.objects.exists()
    regels = productregels(ovk.deelnames.get())
    assert [r.product.code for r in regels] == list(CODES) and all(r.beperking == "" for r in regels)


def test_register_toont_3_van_7_en_het_hele_perceel_7(mlo, drie, vmb, derde_aanbieder, django_assert_max_num_queries):
    ab, _ = mlo
    services.overeenkomst_uit_toelating(organisatie=derde_aanbieder, aanbesteding=ab, percelen=[vmb[0]],
                                        startdatum=date(2025, 1, 1))
    with django_assert_max_num_queries(4):  # deelnames (with both flags), products, products per deelname, onderaannemers
        regels = {r.naam: r for r in register_van(ab)}
    assert regels[drie.organisatie.naam].productcodes == ["43A52", "43A56", "54010"]
    assert regels["Kompaan Jeugdzorg"].productcodes == sorted(CODES)
    midden = regels[drie.organisatie.naam].percelen[0].producten[0]
    assert (midden.code, midden.locatie, midden.groepsomvang, midden.verblijf) == ("43A52", "Nijmegen", 8, True)
    assert [r.naam for r in register_van(ab, productcode="54012")] == ["Kompaan Jeugdzorg"]
    assert [p.code for _, p in regels[drie.organisatie.naam].verblijfsproducten] == ["43A52", "43A56", "54010"]


def test_status_uit_de_datums_voor_de_taak_draait(mlo, drie):
    ab, _ = mlo
    Deelname.objects.filter(overeenkomst=drie).update(einddatum=date(2025, 3, 31))
    with time_machine.travel(date(2025, 3, 31), tick=False):
        regel = register_van(ab)[0]
        assert (regel.status_label, regel.percelen[0].status) == ("actief", "actief")
    with time_machine.travel(date(2025, 4, 1), tick=False):
        regel = register_van(ab)[0]
        assert (regel.status_label, regel.einddatum, regel.percelen[0].status) == ("beëindigd", date(2025, 3, 31), "beeindigd")
    assert Deelname.objects.get(overeenkomst=drie).status == Deelname.Status.ACTIEF  # the task has not run


def test_register_per_jaar(mlo, drie, vmb, derde_aanbieder):
    ab, _ = mlo
    ovk = services.overeenkomst_uit_toelating(organisatie=derde_aanbieder, aanbesteding=ab, percelen=[vmb[0]],
                                              startdatum=date(2022, 1, 1))
    Deelname.objects.filter(overeenkomst=ovk).update(status=Deelname.Status.BEEINDIGD, einddatum=date(2023, 12, 31))
    assert [r.naam for r in register_van(ab, jaar=2023)] == ["Kompaan Jeugdzorg"]
    assert [r.naam for r in register_van(ab, jaar=2025)] == [drie.organisatie.naam]
    assert len(register_van(ab)) == 2  # without a year: the whole history
    assert [r.naam for r in register_van(ab, jaar=2024)] == []


def test_standaardjaar_en_jaarlinks_binnen_de_looptijd(mlo):
    ab, _ = mlo  # term 2020 – 01-01-2027
    assert standaardjaar(ab, date(2026, 5, 1)) == 2026
    assert standaardjaar(ab, date(2030, 5, 1)) == 2027  # ended: its last year
    assert standaardjaar(ab, date(2019, 5, 1)) == 2020  # not started: its first
    assert registerjaren(ab, date(2022, 5, 1)) == [2020, 2021, 2022]
    assert registerjaren(ab, date(2030, 5, 1)) == list(range(2020, 2028))


def test_eigen_pagina_toont_precies_de_toegelaten_producten(client, drie, aanbieder_beheerder, vmb):
    client.force_login(aanbieder_beheerder)
    html = client.get(reverse("overeenkomst:detail", args=[drie.pk])).content.decode()
    assert "U bent in dit perceel toegelaten voor de producten hieronder (3)" in html
    for code in ("43A52", "43A56", "54010"):
        assert f"<td>{code} " in html
    for code in ("43A51", "43A54", "45A58", "54012"):
        assert code not in html
    assert "<td>12 t/m 17 jaar; locatie Nijmegen (groep van 8)</td>" in html
    assert "<td>alleen JGGZ-indicatie</td>" in html
    lijst = client.get(reverse("overeenkomst:lijst")).content.decode()
    assert "6 (actief): 43A52 43A56 54010" in lijst


def test_eigen_pagina_markeert_een_beeindigd_product(client, drie, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    DeelnameProduct.objects.filter(product__code="43A56").update(einddatum=date(2025, 6, 30))
    from datetime import datetime

    with time_machine.travel(datetime(2025, 7, 1, 12, 0, tzinfo=TZ), tick=False):
        html = client.get(reverse("overeenkomst:detail", args=[drie.pk])).content.decode()
    assert "beëindigd per 30-06-2025" in html
