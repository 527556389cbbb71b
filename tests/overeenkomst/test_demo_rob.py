"""The ROB demo agreements (issue 19): the fictional providers of ``bronnen.rob`` are contracted through the real
hand-over, and where the source module names products the agreement covers exactly those products of the perceel,
with their restrictions (000 Part A; 000 §5.1 "Award": restriction, location and group size), so the public register
of Specialistische jeugdhulp shows 3 of the 6 products of Residentieel verblijf for Stichting Waalzicht Jeugd."""

import io

import pytest

from aanbesteding import demo_rob as aanbesteding_demo_rob
from aanbesteding.models import Aanbesteding, Product
from organisaties import demo as organisaties_demo
from overeenkomst import demo_rob
from overeenkomst.models import DeelnameProduct, Overeenkomst
from overeenkomst.selectors import register_van
from tests.gedeeld import fixtures

pytestmark = pytest.mark.django_db

SJ = "rob-specialistische-jeugdhulp-2025"


def _laden():
    organisaties_demo.laad(io.StringIO())
    aanbesteding_demo_rob.laad(io.StringIO())
    demo_rob.laad(io.StringIO())


# Loaded once for the module; each test runs in its own savepoint (tests/gedeeld.py).
_gedeeld, geladen = fixtures(_laden)


def _regel(naam):
    return next(r for r in register_van(Aanbesteding.objects.get(slug=SJ)) if r.naam == naam)


def test_waalzicht_toegelaten_voor_drie_van_de_zes_verblijfsproducten(geladen):
    sj1 = Product.objects.filter(perceel__aanbesteding__slug=SJ, perceel__code="SJ1")
    assert sj1.count() == 6
    percelen = {p.code: p for p in _regel("Stichting Waalzicht Jeugd").percelen}
    assert sorted(p.code for p in percelen["SJ1"].producten) == ["02A03", "44X10", "44X11"]
    assert [p.code for p in percelen["SJ4"].producten] == ["45A65"]
    residentieel = next(p for p in percelen["SJ1"].producten if p.code == "44X10")
    assert (residentieel.locatie, residentieel.groepsomvang, residentieel.leeftijd_van, residentieel.leeftijd_tot) == (
        "Nijmegen", 8, 12, 17)
    wmo = next(p for p in percelen["SJ1"].producten if p.code == "02A03")
    assert "uitstromende jongeren" in wmo.beperking


def test_gezinshuis_alleen_gemiddelde_intensiteit_in_wijchen(geladen):
    percelen = {p.code: p for p in _regel("Gezinshuis De Maasoever").percelen}
    assert [(p.code, p.locatie, p.groepsomvang) for p in percelen["SJ3"].producten] == [("44A30", "Wijchen", 4)]


def test_aanbieder_zonder_productlijst_houdt_het_hele_perceel(geladen):
    ovk = Overeenkomst.objects.get(organisatie__naam="Begeleidingspunt Ooijpolder B.V.", aanbesteding__slug="rob-jeugd-ambulant-2025")
    assert not DeelnameProduct.objects.filter(deelname__overeenkomst=ovk).exists()


def test_tweemaal_laden_verandert_niets(geladen):
    voor = sorted(DeelnameProduct.objects.values_list("deelname__overeenkomst__organisatie__naam", "product__code", "locatie"))
    assert len(voor) == 5
    demo_rob.laad(io.StringIO())
    assert sorted(DeelnameProduct.objects.values_list("deelname__overeenkomst__organisatie__naam", "product__code", "locatie")) == voor
    assert Overeenkomst.objects.filter(aanbesteding__slug__startswith="rob-").count() == 4
