"""The data model of the yearly product book and of admission per product (issue 19, ADR 0023): what the database
and the models themselves refuse, whatever screen or import writes them.

Source cases: the logeren conversion table of MLO (002 PB 7.1 r.1143-1155, ``bronnen.mlo.LOGEREN_OMREKENING``);
tariffs "vanuit de gunning", possibly per provider (002 r.481); 43B03 with the intensities zwaar and extra zwaar
(003 r.5330-5340); the iStandaard code lists WJ756 (eenheid) and WJ757 (frequentie).
"""

from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from aanbesteding.models import (
    EENHEID_CODES,
    FREQUENTIE_CODES,
    Bekostiging,
    Eenheid,
    Frequentie,
    Omrekentabel,
    Perceel,
    Perceelregel,
    Productintensiteit,
    Samenloopregel,
    Tarief,
)
from bronnen import mlo
from tests.factories import OrganisatieFactory

from .factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory

pytestmark = pytest.mark.django_db


def _weigert(**velden):
    with pytest.raises(IntegrityError), transaction.atomic():
        velden.pop("model").objects.create(**velden)


# --- conversion tables ------------------------------------------------------------------------------------------

def _tabel(rijen):
    return Omrekentabel(aanbesteding=AanbestedingFactory(), naam="Logeren", rijen=rijen)


def test_de_logeertabel_van_mlo_is_geldig():
    _tabel(mlo.LOGEREN_OMREKENING).full_clean()


@pytest.mark.parametrize("rijen", [
    [{"tot_en_met_uur": 26, "etmalen": 1, "dagdelen": 0}, {"tot_en_met_uur": 26, "etmalen": 1, "dagdelen": 1}],
    [{"tot_en_met_uur": 30, "etmalen": 1, "dagdelen": 1}, {"tot_en_met_uur": 26, "etmalen": 1, "dagdelen": 0}],
    [{"tot_en_met_uur": 26, "etmalen": -1, "dagdelen": 0}],
    [{"tot_en_met_uur": 26, "etmalen": 1}],
    [{"tot_en_met_uur": "zesentwintig", "etmalen": 1, "dagdelen": 0}],
    ["26;1;0"],
])
def test_omrekentabel_weigert_dalende_uren_negatieve_aantallen_en_ontbrekende_kolommen(rijen):
    with pytest.raises(ValidationError) as fout:
        _tabel(rijen).full_clean()
    assert "oplopende uren" in str(fout.value.message_dict["rijen"])


# --- products and intensities -----------------------------------------------------------------------------------

def test_product_eindigt_niet_voor_het_begint():
    perceel = PerceelFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(perceel=perceel, categorie="45", code="45A65", geldig_vanaf=date(2025, 1, 1),
                       geldig_tot=date(2024, 12, 31))
    ProductFactory(perceel=perceel, categorie="45", code="45A66", geldig_vanaf=date(2025, 1, 1),
                   geldig_tot=date(2025, 1, 1))  # one day is a valid period


def test_standaardwaarden_laten_bestaande_procedures_ongemoeid():
    """A procedure without product choice keeps admission per perceel, p×q and the procedure's cap."""
    perceel = PerceelFactory()
    product = ProductFactory(perceel=perceel)
    perceel.refresh_from_db()
    assert (perceel.productkeuze, perceel.onderaanneming, perceel.innovatieroute) == (
        False, Perceel.Onderaanneming.BEPERKT, False)
    assert (product.bekostiging, product.geldig_vanaf, product.geldig_tot, product.naam_bron) == (
        Bekostiging.PXQ, None, None, "")
    ab = perceel.aanbesteding
    assert (ab.max_derden, ab.max_onderaannemers, ab.max_zzp_pct, ab.max_onderaanneming_pct) == (None,) * 4


def test_intensiteit_eenmaal_per_product_en_omvang_oplopend():
    product = ProductFactory(categorie="43", code="43B03", eenheid="etmaal")
    Productintensiteit.objects.create(product=product, code="zwaar", naam="Zwaar", omvang_min=Decimal("1"),
                                      omvang_max=Decimal("1"))
    _weigert(model=Productintensiteit, product=product, code="zwaar", naam="Nogmaals zwaar")
    _weigert(model=Productintensiteit, product=product, code="extra_zwaar", naam="Extra zwaar",
             omvang_min=Decimal("2"), omvang_max=Decimal("1.5"))
    Productintensiteit.objects.create(product=ProductFactory(categorie="43", code="43B19"), code="zwaar", naam="Zwaar")
    assert Productintensiteit.objects.filter(code="zwaar").count() == 2


def test_intensiteiten_uit_de_bestaande_tarieven():
    """The data migration made one intensity per key the tariffs already used, and nothing for tariffs without."""
    product = ProductFactory(categorie="43", code="43B03", eenheid="etmaal")
    TariefFactory(product=product, intensiteit="zwaar", geldig_van=date(2024, 1, 1), bedrag=Decimal("322.46"))
    TariefFactory(product=product, intensiteit="zwaar", geldig_van=date(2025, 1, 1), bedrag=Decimal("346.14"))
    TariefFactory(product=product, intensiteit="extra_zwaar", geldig_van=date(2025, 1, 1), bedrag=Decimal("440.76"))
    TariefFactory(product=ProductFactory(categorie="45", code="45A04"), intensiteit="", geldig_van=date(2025, 1, 1))
    Productintensiteit.objects.create(product=product, code="zwaar", naam="Zwaar (al vastgelegd)")
    migratie = import_module("aanbesteding.migrations.0004_productenboek_per_jaar_en_productregels")
    migratie.intensiteiten_uit_tarieven(apps, None)
    rijen = sorted(Productintensiteit.objects.values_list("product__code", "code", "naam"))
    assert rijen == [("43B03", "extra_zwaar", "extra zwaar"), ("43B03", "zwaar", "Zwaar (al vastgelegd)")]


# --- tariffs for everyone and per provider ----------------------------------------------------------------------

def test_een_algemeen_tarief_en_een_per_aanbieder_op_dezelfde_dag():
    """002 r.481: tariffs may be agreed per provider; the general tariff and each provider's own tariff of the same
    product, intensity and start coexist, but never twice the same one."""
    product = ProductFactory(categorie="45", code="45A04")
    a, b = OrganisatieFactory(), OrganisatieFactory()
    start = date(2025, 1, 1)
    Tarief.objects.create(product=product, geldig_van=start, bedrag=Decimal("70.00"))
    Tarief.objects.create(product=product, geldig_van=start, bedrag=Decimal("68.50"), organisatie=a)
    Tarief.objects.create(product=product, geldig_van=start, bedrag=Decimal("71.20"), organisatie=b)
    _weigert(model=Tarief, product=product, geldig_van=start, bedrag=Decimal("72.00"))
    _weigert(model=Tarief, product=product, geldig_van=start, bedrag=Decimal("69.00"), organisatie=a)
    assert Tarief.objects.filter(product=product).count() == 3
    assert list(Tarief.objects.filter(product=product, organisatie__isnull=True).values_list("bedrag", flat=True)) == [
        Decimal("70.00")]


def test_grondslag_bewaart_zes_decimalen():
    """003 §6.22: the unrounded base is carried forward (440.76 × 1.02922 = 453.639007…)."""
    tarief = TariefFactory(product=ProductFactory(categorie="43", code="43B03"), intensiteit="extra_zwaar",
                           geldig_van=date(2027, 1, 1), geldig_tot=None, bedrag=Decimal("460.44"),
                           grondslag=Decimal("453.639007"))
    tarief.refresh_from_db()
    assert tarief.grondslag == Decimal("453.639007")


# --- iStandaard code values -------------------------------------------------------------------------------------

def test_elke_eenheid_en_frequentie_heeft_een_istandaard_code():
    assert set(EENHEID_CODES) == set(Eenheid.values)
    assert set(FREQUENTIE_CODES) == set(Frequentie.values)
    # WJ756: 01 minuut, 04 uur, 14 etmaal, 16 dagdeel (4 uur); WJ757: 2 per week, 4 per maand, 6 totaal.
    assert (EENHEID_CODES[Eenheid.MINUUT], EENHEID_CODES[Eenheid.UUR], EENHEID_CODES[Eenheid.ETMAAL],
            EENHEID_CODES[Eenheid.DAGDEEL]) == ("01", "04", "14", "16")
    assert (FREQUENTIE_CODES[Frequentie.WEEK], FREQUENTIE_CODES[Frequentie.MAAND], FREQUENTIE_CODES[Frequentie.TOTAAL]) == (
        "2", "4", "6")
    assert len(set(EENHEID_CODES.values())) == len(EENHEID_CODES)


# --- rules as rows ----------------------------------------------------------------------------------------------

def test_perceelregel_en_samenloopregel_lezen_als_zin():
    ab = AanbestedingFactory()
    p53 = PerceelFactory(aanbesteding=ab, code="5.3", naam="Snel inzetbare hulp")
    regel = Perceelregel.objects.create(perceel=p53, soort=Perceelregel.Soort.MINIMAAL, aantal=2, bron="003 r.514-520")
    regel.percelen.set([PerceelFactory(aanbesteding=ab, code=c) for c in ("5.7", "5.8", "5.9")])
    assert str(regel) == "5.3: vereist een minimum aantal van deze percelen"
    assert regel.percelen.count() == 3
    samenloop = Samenloopregel.objects.create(aanbesteding=ab, soort=Samenloopregel.Soort.NIET,
                                              toelichting="45A01 nooit naast pleegzorg (000 r.366).")
    assert str(samenloop) == "Mag niet samen: 45A01 nooit naast pleegzorg (000 r.366)."
    assert list(ab.samenloopregels.all()) == [samenloop]


def test_perceelregel_telt_minstens_een():
    regel = Perceelregel(perceel=PerceelFactory(), soort=Perceelregel.Soort.EEN_VAN, aantal=0)
    with pytest.raises(ValidationError) as fout:
        regel.full_clean()
    assert "aantal" in fout.value.message_dict


@pytest.mark.parametrize(("eenheid", "verblijf"), [
    (Eenheid.ETMAAL, True), (Eenheid.UUR, False), (Eenheid.MINUUT, False), (Eenheid.DAGDEEL, False),
    (Eenheid.STUKS, False), (Eenheid.EURO, False),
])
def test_verblijfsproduct_is_een_product_per_etmaal(eenheid, verblijf):
    """43B03 Tussenvoorziening is per etmaal (003 r.4558): residential, so it gets the 82/8/10 weights of 003a §3.9
    and an admission names its location and group size (000 r.29-31); a product per uur does not."""
    product = ProductFactory(categorie="43", code="43B03", eenheid=eenheid)
    assert product.is_verblijf is verblijf
