"""The product choice form and selectors of the percelen step (issue 19): which fields a product gets (location and
group size only for a residential product, 000 r.29-31), what the form hands to the service, and a fixed number
of queries for the products of every perceel with product choice."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inschrijving import selectors
from inschrijving.forms import ProductenForm
from inschrijving.models import InschrijvingProduct
from inschrijving.services import is_verblijfsproduct
from tests.aanbesteding.factories import ProductFactory

from ._productkeuze import vmb_plus


@pytest.fixture
def vmb(procedure):
    return vmb_plus(procedure.aanbesteding)


@pytest.fixture
def ambulant_met_keuze(procedure):
    from aanbesteding.models import Perceel

    Perceel.objects.filter(pk=procedure.p5_1.pk).update(productkeuze=True)
    procedure.p5_1.refresh_from_db()
    return ProductFactory(perceel=procedure.p5_1, categorie="45", code="45A04", naam="Reguliere begeleiding Jeugd")


def test_verblijfsproduct_is_per_etmaal(vmb, ambulant_met_keuze):
    assert all(is_verblijfsproduct(p) for p in vmb[1].values())
    assert not is_verblijfsproduct(ambulant_met_keuze)


def test_locatie_en_groepsomvang_alleen_bij_verblijf(procedure, vmb, ambulant_met_keuze):
    perceel, p = vmb
    form = ProductenForm(producten=[(procedure.p5_1, [ambulant_met_keuze]), (perceel, list(p.values()))], bestaand={})
    assert f"p{ambulant_met_keuze.pk}_locatie" not in form.fields
    assert f"p{ambulant_met_keuze.pk}_leeftijd_van" in form.fields
    assert f"p{p['43A52'].pk}_locatie" in form.fields and f"p{p['43A52'].pk}_groepsomvang" in form.fields
    assert [g["perceel"].code for g in form.groepen] == ["5.1", "6"]
    assert [r["product"].code for r in form.groepen[1]["rijen"]] == list(p)


def test_formulier_geeft_alleen_keuzes_van_gekozen_percelen(procedure, vmb, ambulant_met_keuze):
    perceel, p = vmb
    data = {f"p{p['43A52'].pk}": "on", f"p{p['43A52'].pk}_locatie": " Nijmegen ", f"p{p['43A52'].pk}_groepsomvang": "8",
            f"p{ambulant_met_keuze.pk}": "on", f"p{ambulant_met_keuze.pk}_leeftijd_tot": "17"}
    form = ProductenForm(data, producten=[(procedure.p5_1, [ambulant_met_keuze]), (perceel, list(p.values()))], bestaand={})
    assert form.is_valid(), form.errors
    assert [k["product"].code for k in form.keuzes([perceel])] == ["43A52"]
    keuze = form.keuzes([perceel, procedure.p5_1])
    assert [k["product"].code for k in keuze] == ["45A04", "43A52"]
    assert keuze[1]["groepsomvang"] == 8 and keuze[0]["leeftijd_tot"] == 17 and keuze[0]["locatie"] == ""


@pytest.mark.parametrize(("veld", "waarde"), [("leeftijd_van", "-1"), ("leeftijd_tot", "121"), ("groepsomvang", "0")])
def test_formulier_weigert_onmogelijke_getallen(vmb, veld, waarde):
    perceel, p = vmb
    form = ProductenForm({f"p{p['43A52'].pk}": "on", f"p{p['43A52'].pk}_{veld}": waarde},
                         producten=[(perceel, list(p.values()))], bestaand={})
    assert not form.is_valid() and f"p{p['43A52'].pk}_{veld}" in form.errors


def test_formulier_toont_de_bestaande_keuze(concept, vmb):
    perceel, p = vmb
    keuze = InschrijvingProduct.objects.create(inschrijving=concept, product=p["43A52"], locatie="Nijmegen", groepsomvang=8)
    form = ProductenForm(producten=[(perceel, list(p.values()))], bestaand={p["43A52"].pk: keuze})
    assert form.fields[f"p{p['43A52'].pk}"].initial is True
    assert form.fields[f"p{p['43A51'].pk}"].initial is False
    assert form.fields[f"p{p['43A52'].pk}_locatie"].initial == "Nijmegen"


def test_kiesbare_producten_in_een_query(procedure, vmb, ambulant_met_keuze):
    percelen = list(selectors.kiesbare_percelen(type("I", (), {"aanbesteding": procedure.aanbesteding,
                                                               "toetredingsmoment": None})()))
    with CaptureQueriesContext(connection) as ctx:
        per_perceel = selectors.kiesbare_producten(percelen)
    assert len(ctx.captured_queries) == 1
    assert set(per_perceel) == {procedure.p5_1.pk, vmb[0].pk}  # only percelen with product choice
    assert [p.code for p in per_perceel[vmb[0].pk]] == list(vmb[1])
    assert selectors.kiesbare_producten([procedure.p5_3]) == {}
