"""The demo loads the product book of issue 19 from the sources, idempotently: the MLO rules (002 r.1033 and the
logeren table, 002 r.1143-1155), the sources' spelling next to the tidy names (002 r.1191, 003 r.2149) and the
validity of 43B03 from 1-1-2024 (003b r.207)."""

import io
from datetime import date

import pytest

from aanbesteding import demo
from aanbesteding import selectors as s
from aanbesteding.models import Omrekentabel, Product, Productafhankelijkheid, Productintensiteit
from bronnen import mlo
from organisaties import demo as organisaties_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def geladen(db):
    organisaties_demo.laad(io.StringIO())
    gooi, mlo_procedure = demo._gooi(io.StringIO()), demo._mlo(io.StringIO())
    return gooi, mlo_procedure


def _stand():
    return (Product.objects.count(), Productafhankelijkheid.objects.count(), Omrekentabel.objects.count(),
            Productintensiteit.objects.count(),
            sorted(Product.objects.exclude(naam_bron="").values_list("code", "naam_bron")))


def test_mlo_productregels_uit_de_bron(geladen):
    _, procedure = geladen
    [afh] = Productafhankelijkheid.objects.filter(aanbesteding=procedure)
    assert sorted(afh.producten.values_list("code", flat=True)) == ["43A56", "45A58"]
    assert list(afh.vereist.values_list("code", flat=True)) == ["43A52"]
    [tabel] = Omrekentabel.objects.filter(aanbesteding=procedure)
    assert tabel.rijen == mlo.LOGEREN_OMREKENING and tabel.bron == "002 r.1143-1155"
    assert sorted(tabel.producten.values_list("code", flat=True)) == ["43A41", "43A42", "44A33", "44A34"]
    tabel.full_clean()  # the rows pass the model's own check
    assert s.omrekenen(tabel.rijen, 30) == (1, 1)


def test_bronnamen_naast_de_nette_namen(geladen):
    kamer = Product.objects.get(code="43A16")
    assert kamer.naam == "Verblijf begeleiding midden Kamertrainingscentrum J&O"
    assert kamer.naam_bron == "Verblijf begeleiding- Midden Kamer training centrum J&O"  # 002 r.1191
    assert Product.objects.get(code="42A06").naam_bron == "Vervoer: outputgericht (middel)"  # 003 r.2149
    # a name equal to the source gets no source name
    assert Product.objects.get(code="53A02").naam_bron == ""


def test_tussenvoorziening_vanaf_2024_met_intensiteiten(geladen):
    gooi, _ = geladen
    product = Product.objects.get(code="43B03")
    assert product.geldig_vanaf == date(2024, 1, 1)
    assert "43B03" not in {rp.product.code for g in s.productenboek(gooi, 2023) for rp in g.producten}
    [regel] = [rp for g in s.productenboek(gooi, 2025) for rp in g.producten if rp.product.code == "43B03"]
    assert [(t.intensiteit_naam, str(t.bedrag)) for t in regel.tarieven] == [("Extra zwaar", "440.76"), ("Zwaar", "346.14")]


def test_jaren_binnen_de_looptijd(geladen):
    gooi, procedure = geladen
    assert s.productenboek_jaren(procedure) == [2020]  # MLO 2020: no tariffs, one year of term
    jaren = s.productenboek_jaren(gooi)
    assert jaren[0] >= gooi.looptijd_start.year and jaren[-1] <= gooi.looptijd_einde.year


def test_tweemaal_laden_verandert_niets(geladen):
    voor = _stand()
    demo._gooi(io.StringIO())
    demo._mlo(io.StringIO())
    assert _stand() == voor
