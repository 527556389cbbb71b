"""The product book per year (DOMAIN.md 'Product book'): per perceel the products with the tariff of the year per
intensity and the change against the year before, in percent with one decimal.

Source figures: Tussenvoorziening 43B03 under 5.10, tariffs per etmaal 2022-2025 from the tariff e-mail (003b
r. 5324-5345): zwaar 294.94 / 306.98 / 322.46 / 346.14 and extra zwaar 375.57 / 390.90 / 410.61 / 440.76.
"""

from datetime import date
from decimal import Decimal

import pytest

from aanbesteding.selectors import TariefRegel, productenboek, productenboek_jaren

from ._hulp import aantal_queries
from .factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory

pytestmark = pytest.mark.django_db

TARIEVEN_43B03 = {
    "zwaar": ("294.94", "306.98", "322.46", "346.14"),
    "extra zwaar": ("375.57", "390.90", "410.61", "440.76"),
}


@pytest.fixture
def procedure(db):
    """The Gooi procedure from 1-1-2021 as in the demo, so the tariffs of 2022-2025 lie in its term."""
    return AanbestedingFactory(looptijd_start=date(2021, 1, 1))


def jaartarief(product, jaar, bedrag, intensiteit="", **kwargs):
    velden = {"geldig_van": date(jaar, 1, 1), "geldig_tot": date(jaar, 12, 31)} | kwargs
    return TariefFactory(product=product, intensiteit=intensiteit, bedrag=Decimal(bedrag), **velden)


@pytest.fixture
def perceel_510(procedure):
    return PerceelFactory(aanbesteding=procedure, code="5.10", naam="Behandel- en leefgroepen", volgorde=10)


@pytest.fixture
def tussenvoorziening(procedure, perceel_510):
    sub = PerceelFactory(aanbesteding=procedure, code="5.10.1", naam="Tussenvoorziening", hoofdperceel=perceel_510,
                         volgorde=11)
    product = ProductFactory(perceel=sub, categorie="43", code="43B03", naam="Tussenvoorziening", eenheid="etmaal")
    for intensiteit, reeks in TARIEVEN_43B03.items():
        for jaar, bedrag in zip(range(2022, 2026), reeks, strict=True):
            jaartarief(product, jaar, bedrag, intensiteit)
    return product


def regels(boek):
    return {(rp.product.code, t.intensiteit): t for groep in boek for rp in groep.producten for t in rp.tarieven}


# --- tariffs of the year and the change -------------------------------------------------------------------

def test_tarieven_2025_met_verandering_tegen_2024(procedure, tussenvoorziening):
    """2025 against 2024: zwaar (346.14 - 322.46) / 322.46 = 7.34 %, extra zwaar (440.76 - 410.61) / 410.61 = 7.34 %."""
    boek = regels(productenboek(procedure, 2025))
    zwaar, extra = boek[("43B03", "zwaar")], boek[("43B03", "extra zwaar")]
    assert (zwaar.bedrag, zwaar.vorig, zwaar.verandering_pct) == (Decimal("346.14"), Decimal("322.46"), Decimal("7.3"))
    assert (extra.bedrag, extra.vorig, extra.verandering_pct) == (Decimal("440.76"), Decimal("410.61"), Decimal("7.3"))
    assert (zwaar.geldig_van, zwaar.geldig_tot) == (date(2025, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize("jaar,zwaar_pct", [(2023, "4.1"), (2024, "5.0"), (2025, "7.3")])
def test_verandering_per_jaar_uit_de_bron(procedure, tussenvoorziening, jaar, zwaar_pct):
    """2023: 12.04 / 294.94 = 4.08 %; 2024: 15.48 / 306.98 = 5.04 %; 2025: 23.68 / 322.46 = 7.34 %."""
    assert regels(productenboek(procedure, jaar))[("43B03", "zwaar")].verandering_pct == Decimal(zwaar_pct)


def test_eerste_jaar_heeft_geen_vorig_tarief_en_geen_percentage(procedure, tussenvoorziening):
    zwaar = regels(productenboek(procedure, 2022))[("43B03", "zwaar")]
    assert zwaar.bedrag == Decimal("294.94") and zwaar.vorig is None and zwaar.verandering_pct is None


@pytest.mark.parametrize("jaar", [2021, 2026])
def test_jaar_zonder_tarief_toont_het_product_zonder_tariefregels(procedure, tussenvoorziening, jaar):
    """The product stays listed (the page says there is no tariff) but no amount of another year leaks in."""
    [groep] = productenboek(procedure, jaar)
    assert [(rp.product, rp.tarieven) for rp in groep.producten] == [(tussenvoorziening, [])]


def test_intensiteiten_op_alfabet(procedure, tussenvoorziening):
    [groep] = productenboek(procedure, 2024)
    assert [t.intensiteit for t in groep.producten[0].tarieven] == ["extra zwaar", "zwaar"]


@pytest.mark.parametrize("vorig,nu,pct", [
    ("100.00", "102.05", "2.1"),   # exactly 2.05 %: half up, not to even (2.0)
    ("100.00", "97.45", "-2.6"),   # -2.55 %: away from zero
    ("71.38", "71.38", "0.0"),
])
def test_percentage_rondt_half_naar_boven_af_op_een_decimaal(vorig, nu, pct):
    assert TariefRegel(intensiteit="", bedrag=Decimal(nu), vorig=Decimal(vorig)).verandering_pct == Decimal(pct)


def test_geen_percentage_tegen_een_vorig_tarief_van_nul():
    assert TariefRegel(intensiteit="", bedrag=Decimal("10.00"), vorig=Decimal("0")).verandering_pct is None
    assert TariefRegel(intensiteit="", bedrag=None, vorig=Decimal("10.00")).verandering_pct is None


def test_tarief_dat_doorloopt_geldt_ook_in_latere_jaren(procedure, perceel_510):
    product = ProductFactory(perceel=perceel_510, categorie="45", code="45A04")
    jaartarief(product, 2024, "71.38", geldig_tot=None)
    regel = regels(productenboek(procedure, 2026))[("45A04", "")]
    assert (regel.bedrag, regel.vorig, regel.verandering_pct) == (Decimal("71.38"), Decimal("71.38"), Decimal("0.0"))
    assert regel.geldig_tot is None


def test_bij_wijziging_in_het_jaar_telt_het_tarief_van_1_januari(procedure, perceel_510):
    product = ProductFactory(perceel=perceel_510, categorie="45", code="45A04")
    jaartarief(product, 2025, "70.00", geldig_tot=date(2025, 6, 30))
    TariefFactory(product=product, geldig_van=date(2025, 7, 1), geldig_tot=date(2025, 12, 31), bedrag=Decimal("72.00"))
    regel = regels(productenboek(procedure, 2025))[("45A04", "")]
    assert (regel.bedrag, regel.geldig_van, regel.geldig_tot) == (Decimal("70.00"), date(2025, 1, 1), date(2025, 6, 30))


def test_later_ingaand_tarief_vervangt_een_doorlopend_tarief(procedure, perceel_510):
    """Two open-ended tariffs: the one that started last before 1 January is the one in force."""
    product = ProductFactory(perceel=perceel_510, categorie="45", code="45A04")
    jaartarief(product, 2023, "68.00", geldig_tot=None)
    jaartarief(product, 2024, "71.38", geldig_tot=None)
    regel = regels(productenboek(procedure, 2025))[("45A04", "")]
    assert regel.bedrag == Decimal("71.38") and regel.vorig == Decimal("71.38")


def test_product_dat_midden_in_het_jaar_begint_staat_erin(procedure, perceel_510):
    """43B03 was in use for invoicing from 1-1-2024 (003b r. 207); a product may also start mid-year."""
    product = ProductFactory(perceel=perceel_510, categorie="43", code="43B03")
    TariefFactory(product=product, geldig_van=date(2024, 7, 1), geldig_tot=None, bedrag=Decimal("346.14"))
    regel = regels(productenboek(procedure, 2024))[("43B03", "")]
    assert regel.bedrag == Decimal("346.14") and regel.vorig is None


# --- grouping and filters ----------------------------------------------------------------------------------

def test_gegroepeerd_per_perceel_op_volgorde_zonder_lege_percelen(procedure, perceel_510, tussenvoorziening):
    ggz = PerceelFactory(aanbesteding=procedure, code="5.1", naam="Ambulante Jeugd GGZ", volgorde=1)
    PerceelFactory(aanbesteding=procedure, code="5.13", naam="Vervoer", volgorde=13)  # no products
    jaartarief(ProductFactory(perceel=ggz, categorie="54", code="54001"), 2025, "118.02")
    assert [g.perceel.code for g in productenboek(procedure, 2025)] == ["5.1", "5.10.1"]


def test_filter_op_hoofdperceel_neemt_subpercelen_mee(procedure, perceel_510, tussenvoorziening):
    ggz = PerceelFactory(aanbesteding=procedure, code="5.1", volgorde=1)
    jaartarief(ProductFactory(perceel=ggz, categorie="54", code="54001"), 2025, "118.02")
    assert [g.perceel.code for g in productenboek(procedure, 2025, perceel_code="5.10")] == ["5.10.1"]
    assert [g.perceel.code for g in productenboek(procedure, 2025, perceel_code="5.10.1")] == ["5.10.1"]
    assert [g.perceel.code for g in productenboek(procedure, 2025, perceel_code="5.1")] == ["5.1"]
    assert productenboek(procedure, 2025, perceel_code="9.9") == []


@pytest.mark.parametrize("zoek,gevonden", [
    ("43b03", True), ("tussenvoor", True), ("crisisbedden", True), ("  43B  ", True), ("45A04", False),
])
def test_zoeken_op_code_naam_en_omschrijving(procedure, tussenvoorziening, zoek, gevonden):
    tussenvoorziening.omschrijving = "Opvolger van de crisisbedden (003a r. 49)."
    tussenvoorziening.save()
    assert bool(productenboek(procedure, 2025, zoek=zoek)) is gevonden


def test_producten_van_een_andere_procedure_blijven_buiten(procedure, tussenvoorziening):
    elders = ProductFactory(perceel=PerceelFactory(aanbesteding=AanbestedingFactory(), code="5.10.1"),
                            categorie="43", code="43B03")
    jaartarief(elders, 2025, "999.99", "zwaar")
    bedragen = {t.bedrag for t in regels(productenboek(procedure, 2025)).values()}
    assert Decimal("999.99") not in bedragen


def test_productenboek_kost_vier_queries_ongeacht_de_omvang(procedure, perceel_510, tussenvoorziening):
    """ARCHITECTURE.md rule 9: percelen, products (with their predecessor), tariffs (with the provider's name) and
    intensities, each one query."""
    klein = aantal_queries(lambda: productenboek(procedure, 2025))
    for i in range(8):
        product = ProductFactory(perceel=perceel_510, categorie="45", code=f"45A{i:02d}")
        for jaar in (2024, 2025):
            jaartarief(product, jaar, "71.38", "licht")
            jaartarief(product, jaar, "80.00", "midden")
    groot = aantal_queries(lambda: productenboek(procedure, 2025))
    assert klein == groot == 4


# --- years with tariffs ----------------------------------------------------------------------------------

def test_jaren_volgen_uit_de_tarieven(procedure, tussenvoorziening):
    assert productenboek_jaren(procedure) == [2022, 2023, 2024, 2025]


def test_doorlopend_tarief_telt_tot_het_einde_van_de_looptijd():
    """The Gooi term runs to 31-12-2028 (003b r. 241): an open-ended tariff from 2026 fills 2026-2028."""
    procedure = AanbestedingFactory(looptijd_einde=date(2028, 12, 31))
    product = ProductFactory(perceel=PerceelFactory(aanbesteding=procedure))
    jaartarief(product, 2026, "71.38", geldig_tot=None)
    assert productenboek_jaren(procedure) == [2026, 2027, 2028]


def test_procedure_zonder_producten_heeft_geen_jaren(procedure):
    PerceelFactory(aanbesteding=procedure)
    assert productenboek_jaren(procedure) == []


def test_procedure_zonder_tarieven_heeft_een_boek_per_jaar_van_de_looptijd(procedure):
    """MLO: the tariffs come "vanuit de gunning" (002 r.481), the book still lists the products per year."""
    ProductFactory(perceel=PerceelFactory(aanbesteding=procedure))
    assert productenboek_jaren(procedure) == list(range(2021, 2029))
