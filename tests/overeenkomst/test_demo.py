"""The demo data: contracted providers on the Gooi and MLO procedures, idempotent."""

import io

import pytest

from overeenkomst import demo
from overeenkomst.models import Addendum, Deelname, Overeenkomst
from overeenkomst.selectors import register_van


@pytest.fixture
def procedures(db, staffgroepen):
    from aanbesteding import demo as aanbesteding_demo
    from organisaties import demo as organisaties_demo

    organisaties_demo.laad(io.StringIO())
    aanbesteding_demo.laad(io.StringIO())


def test_demo_vult_register_en_is_idempotent(procedures):
    from aanbesteding.models import Aanbesteding

    demo.laad(io.StringIO())
    aantallen = (Overeenkomst.objects.count(), Deelname.objects.count(), Addendum.objects.count())
    demo.laad(io.StringIO())
    assert (Overeenkomst.objects.count(), Deelname.objects.count(), Addendum.objects.count()) == aantallen
    gooi = Aanbesteding.objects.get(slug=demo.GOOI_SLUG)
    mlo = Aanbesteding.objects.get(slug=demo.MLO_SLUG)
    gooi_register = register_van(gooi)
    assert {r.naam for r in gooi_register if r.rol == "hoofdaannemer"} == {
        "Zorgkracht Gooi B.V.", "De Brug Jeugdhulp", "Stichting Gezinshuis Eemland"
    }
    assert any(r.rol == "onderaannemer" for r in gooi_register)
    assert {r.totaalstatus for r in gooi_register if r.rol == "hoofdaannemer"} == {"actief", "clientenstop"}
    assert "beeindigd" in {r.totaalstatus for r in register_van(mlo)}


def test_demo_zonder_procedures_slaat_over(db):
    uit = io.StringIO()
    demo.laad(uit)
    assert "overgeslagen" in uit.getvalue() and not Overeenkomst.objects.exists()
