"""The product book as a yearly publication (issue 19): which products a year's book holds (validity within the
procedure's term), their status against the year before with the predecessor, the intensities as data, the
tariffs agreed with one provider kept apart from the general tariff, the year-on-year difference and the product
rules (samenloop, dependencies, conversion tables).

Source cases: 43B03 Tussenvoorziening from 1-1-2024 (003b r.207) replaces "Behandel- en leefgroepen", declared
until 31-12-2023, at the same tariffs (zwaar 306.98 in 2023, 322.46 in 2024, 346.14 in 2025; 003 r.5326-5340);
"zwaar" (43A56, 45A58) needs "midden" (43A52, 002 r.1033); the logeren conversion table (002 r.1143-1155); the
MLO procedure runs 1-1-2020 until 1-1-2021 (002 art. 3) and its tariffs come "vanuit de gunning", possibly per
provider (002 r.481).
"""

from datetime import date
from decimal import Decimal

import pytest

from aanbesteding import selectors as s
from aanbesteding.models import Omrekentabel, Productafhankelijkheid, Productintensiteit, Samenloopregel
from bronnen import mlo
from tests.factories import OrganisatieFactory

from ._hulp import aantal_queries
from .factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory

pytestmark = pytest.mark.django_db


def jaartarief(product, jaar, bedrag, intensiteit="", **kwargs):
    velden = {"geldig_van": date(jaar, 1, 1), "geldig_tot": date(jaar, 12, 31)} | kwargs
    return TariefFactory(product=product, intensiteit=intensiteit, bedrag=Decimal(bedrag), **velden)


@pytest.fixture
def gooi(db):
    """Gooi Jeugdhulp Voorzieningen as in the demo: from 1-1-2021 to 31-12-2028 (003a §1.8)."""
    return AanbestedingFactory(looptijd_start=date(2021, 1, 1), looptijd_einde=date(2028, 12, 31))


@pytest.fixture
def perceel(gooi):
    return PerceelFactory(aanbesteding=gooi, code="5.10.1", naam="Tussenvoorziening")


@pytest.fixture
def opvolging(gooi, perceel):
    """'Behandel- en leefgroepen' (43B01 here: the source gives it no code) until 31-12-2023, then 43B03."""
    oud = ProductFactory(perceel=perceel, categorie="43", code="43B01", naam="Behandel- en leefgroepen",
                         eenheid="etmaal", geldig_tot=date(2023, 12, 31))
    jaartarief(oud, 2023, "306.98", "zwaar")
    nieuw = ProductFactory(perceel=perceel, categorie="43", code="43B03", naam="Tussenvoorziening", eenheid="etmaal",
                           geldig_vanaf=date(2024, 1, 1), voorganger=oud)
    jaartarief(nieuw, 2024, "322.46", "zwaar")
    jaartarief(nieuw, 2025, "346.14", "zwaar")
    return oud, nieuw


def codes(boek):
    return [rp.product.code for groep in boek for rp in groep.producten]


def regel(boek, code):
    return next(rp for groep in boek for rp in groep.producten if rp.product.code == code)


# --- validity per year -----------------------------------------------------------------------------------------

def test_vervallen_product_staat_niet_in_het_boek_van_het_volgende_jaar(gooi, opvolging):
    assert codes(s.productenboek(gooi, 2023)) == ["43B01"]
    assert codes(s.productenboek(gooi, 2024)) == ["43B03"]
    assert [p.code for p in s.vervallen_producten(gooi, 2024)] == ["43B01"]
    # only in the year right after: in 2025 it is no longer news
    assert s.vervallen_producten(gooi, 2025) == []


def test_vervallen_product_noemt_zijn_opvolger(gooi, opvolging):
    [oud] = s.vervallen_producten(gooi, 2024)
    assert [o.code for o in oud.opvolgers.all()] == ["43B03"]


def test_product_dat_nog_niet_geldt_staat_er_niet_in(gooi, perceel):
    ProductFactory(perceel=perceel, categorie="45", code="45A65", geldig_vanaf=date(2026, 1, 1))
    assert codes(s.productenboek(gooi, 2025)) == []
    assert codes(s.productenboek(gooi, 2026)) == ["45A65"]


def test_product_dat_halverwege_het_jaar_vervalt_staat_nog_in_dat_jaar(gooi, perceel):
    ProductFactory(perceel=perceel, categorie="45", code="45A04", geldig_tot=date(2025, 6, 30))
    assert codes(s.productenboek(gooi, 2025)) == ["45A04"]
    assert [p.code for p in s.vervallen_producten(gooi, 2026)] == ["45A04"]


# --- status and predecessor ------------------------------------------------------------------------------------

def test_opvolger_vervangt_met_link_naar_de_voorganger(gooi, opvolging):
    oud, nieuw = opvolging
    r = regel(s.productenboek(gooi, 2024), "43B03")
    assert r.status == s.VERVANGT and r.status_label == "Vervangt een product"
    # the predecessor's row in the book of its last year (2023)
    assert (r.voorganger.code, r.voorganger.product_id, r.voorganger.jaar) == ("43B01", oud.pk, 2023)
    assert regel(s.productenboek(gooi, 2025), "43B03").status == s.ONGEWIJZIGD


def test_voorganger_buiten_het_boek_als_code(gooi, perceel):
    """Product.voorganger_code: '45A65 verving JW 35502' (000), a code from before this book."""
    ProductFactory(perceel=perceel, categorie="45", code="45A65", geldig_vanaf=date(2025, 1, 1),
                   voorganger_code="JW 35502")
    r = regel(s.productenboek(gooi, 2025), "45A65")
    assert r.status == s.VERVANGT
    assert (r.voorganger.code, r.voorganger.product_id, r.voorganger.jaar) == ("JW 35502", None, None)


def test_hernoemd_bij_dezelfde_code(gooi, perceel):
    oud = ProductFactory(perceel=PerceelFactory(aanbesteding=gooi, code="5.10"), categorie="43", code="43B03",
                         naam="Behandelgroep", geldig_tot=date(2023, 12, 31))
    ProductFactory(perceel=perceel, categorie="43", code="43B03", naam="Tussenvoorziening",
                   geldig_vanaf=date(2024, 1, 1), voorganger=oud)
    assert regel(s.productenboek(gooi, 2024), "43B03").status == s.HERNOEMD


def test_nieuw_product_zonder_voorganger(gooi, perceel):
    ProductFactory(perceel=perceel, categorie="45", code="45C47", geldig_vanaf=date(2025, 1, 1))
    ProductFactory(perceel=perceel, categorie="43", code="43B19", geldig_vanaf=date(2021, 1, 1))  # the term's start
    ProductFactory(perceel=perceel, categorie="43", code="43A10")  # no date at all
    boek = s.productenboek(gooi, 2025)
    assert regel(boek, "45C47").status == s.NIEUW
    assert regel(boek, "43B19").status == s.ONGEWIJZIGD
    assert regel(boek, "43A10").status == s.ONGEWIJZIGD
    # in its first year, a product valid from the start of the procedure is not "new"
    assert regel(s.productenboek(gooi, 2021), "43B19").status == s.ONGEWIJZIGD


def test_voorganger_in_een_andere_procedure_is_geen_link(gooi, perceel):
    elders = ProductFactory(perceel=PerceelFactory(aanbesteding=AanbestedingFactory()), categorie="45", code="45A04")
    ProductFactory(perceel=perceel, categorie="45", code="45A05", geldig_vanaf=date(2025, 1, 1), voorganger=elders)
    r = regel(s.productenboek(gooi, 2025), "45A05")
    assert r.voorganger.code == "45A04" and r.voorganger.product_id is None


def test_voorganger_van_voor_de_looptijd_is_geen_link():
    """ROB (000 r.238-247): 45A65 replaces Netwerkonderzoek 35502, dropped on 31-12-2024, in contracts from 1-1-2025.
    The predecessor's last book (2024) is outside the term and does not exist: it is named, not linked (a link
    would lead to a 404)."""
    rob = AanbestedingFactory(looptijd_start=date(2025, 1, 1), looptijd_einde=date(2028, 12, 31))
    sj4 = PerceelFactory(aanbesteding=rob, code="SJ4", naam="Behandeling")
    oud = ProductFactory(perceel=sj4, categorie="35", code="35502", naam="Netwerkonderzoek", eenheid="etmaal",
                         geldig_tot=date(2024, 12, 31))
    ProductFactory(perceel=sj4, categorie="45", code="45A65", naam="Orthopedagogische Behandeling Basis",
                   geldig_vanaf=date(2025, 1, 1), voorganger=oud, voorganger_code="4565")
    r = regel(s.productenboek(rob, 2025), "45A65")
    assert r.status == s.VERVANGT
    assert (r.voorganger.code, r.voorganger.product_id, r.voorganger.jaar) == ("35502", None, None)
    assert 2024 not in s.productenboek_jaren(rob)


# --- years bound to the term ------------------------------------------------------------------------------------

def test_open_tarief_maakt_geen_boek_na_de_looptijd():
    """MLO: 1-1-2020 until 1-1-2021 (002 art. 3). An open-ended tariff does not make a book of 2026."""
    procedure = AanbestedingFactory(looptijd_start=date(2020, 1, 1), looptijd_einde=date(2020, 12, 31))
    product = ProductFactory(perceel=PerceelFactory(aanbesteding=procedure), categorie="45", code="45A04")
    jaartarief(product, 2020, "71.38", geldig_tot=None)
    assert s.productenboek_jaren(procedure) == [2020]
    assert s.productenboek_standaardjaar(procedure, 2026) == 2020
    assert not s.in_looptijd(procedure, 2026) and s.in_looptijd(procedure, 2020)


@pytest.mark.parametrize("dit_jaar,verwacht", [(2026, 2020), (2019, 2020), (2020, 2020)])
def test_standaardjaar_zonder_boek_valt_in_de_looptijd(dit_jaar, verwacht):
    """A 2020 procedure without products yet: a visitor in 2026 lands on 2020, never on a year it does not run."""
    procedure = AanbestedingFactory(looptijd_start=date(2020, 1, 1), looptijd_einde=date(2020, 12, 31))
    assert s.productenboek_jaren(procedure) == []
    assert s.productenboek_standaardjaar(procedure, dit_jaar) == verwacht


def test_gebruikte_verlenging_verlengt_de_jaren():
    """An extension that is used moves looptijd_einde (002 art. 3: telkens met één jaar)."""
    procedure = AanbestedingFactory(looptijd_start=date(2020, 1, 1), looptijd_einde=date(2020, 12, 31))
    product = ProductFactory(perceel=PerceelFactory(aanbesteding=procedure), categorie="45", code="45A04")
    jaartarief(product, 2020, "71.38", geldig_tot=None)
    procedure.looptijd_einde = date(2021, 12, 31)
    procedure.save()
    assert s.productenboek_jaren(procedure) == [2020, 2021]


def test_tarief_van_voor_de_looptijd_telt_niet(gooi, perceel):
    product = ProductFactory(perceel=perceel, categorie="43", code="43B19")
    jaartarief(product, 2020, "350.00", "basis")
    jaartarief(product, 2021, "363.43", "basis")  # 003 r.1800: € 363,43 per 1-7-2021
    assert s.productenboek_jaren(gooi) == [2021]


def test_zonder_tarieven_bepalen_de_producten_de_jaren():
    procedure = AanbestedingFactory(looptijd_start=date(2020, 1, 1), looptijd_einde=date(2020, 12, 31))
    ProductFactory(perceel=PerceelFactory(aanbesteding=procedure), categorie="43", code="43A16")
    assert s.productenboek_jaren(procedure) == [2020]


# --- intensities as data ----------------------------------------------------------------------------------------

def test_intensiteit_met_naam_en_omvang(gooi, opvolging):
    _, nieuw = opvolging
    Productintensiteit.objects.create(product=nieuw, code="zwaar", naam="Zwaar", omvang_min=Decimal("1"),
                                      omvang_max=Decimal("2"), omvang_eenheid="begeleiders per groep")
    [t] = regel(s.productenboek(gooi, 2025), "43B03").tarieven
    assert t.intensiteit == "zwaar" and t.intensiteit_naam == "Zwaar"
    assert t.gegevens.omvang == "1 tot en met 2 begeleiders per groep"
    assert t.gegevens.als_dict()["omvang_max"] == "2.00"


@pytest.mark.parametrize("van,tot,tekst", [
    ("8", None, "vanaf 8 uur per week"), (None, "4", "tot en met 4 uur per week"), ("2.5", "2.5", "2,5 uur per week"),
    (None, None, ""),
])
def test_omvang_in_woorden(van, tot, tekst):
    i = s.Intensiteit("licht", "Licht", "", Decimal(van) if van else None, Decimal(tot) if tot else None, "uur per week")
    assert i.omvang == tekst


def test_intensiteit_zonder_gegevens_houdt_de_sleutel(gooi, opvolging):
    [t] = regel(s.productenboek(gooi, 2025), "43B03").tarieven
    assert t.gegevens is None and t.intensiteit_naam == "zwaar"


# --- tariffs per provider never as the general tariff ----------------------------------------------------------

def test_aanbiedertarief_is_nooit_het_algemene_tarief(gooi, opvolging):
    _, nieuw = opvolging
    aanbieder = OrganisatieFactory(naam="Zorgaanbieder Gooi B.V.")
    # starts on the same day as the general tariff, and a second one later in the year: neither replaces it
    jaartarief(nieuw, 2025, "360.00", "zwaar", organisatie=aanbieder)
    jaartarief(nieuw, 2024, "330.00", "zwaar", organisatie=aanbieder)
    [t] = regel(s.productenboek(gooi, 2025), "43B03").tarieven
    assert (t.bedrag, t.vorig, t.verandering_pct) == (Decimal("346.14"), Decimal("322.46"), Decimal("7.3"))
    [eigen] = t.aanbieders
    assert (eigen.aanbieder, eigen.bedrag, eigen.vorig, eigen.verandering_pct) == (
        "Zorgaanbieder Gooi B.V.", Decimal("360.00"), Decimal("330.00"), Decimal("9.1"))


def test_alleen_aanbiedertarieven_geeft_geen_algemeen_tarief(gooi, perceel):
    """MLO: no Bijlage 2 tariffs (002 r.481-482), only tariffs agreed per provider."""
    product = ProductFactory(perceel=perceel, categorie="43", code="43A16", eenheid="etmaal")
    jaartarief(product, 2025, "180.00", organisatie=OrganisatieFactory(naam="Aanbieder A"))
    jaartarief(product, 2025, "175.00", organisatie=OrganisatieFactory(naam="Aanbieder B"))
    [t] = regel(s.productenboek(gooi, 2025), "43A16").tarieven
    assert t.bedrag is None and t.verandering_pct is None
    assert [(a.aanbieder, a.bedrag) for a in t.aanbieders] == [("Aanbieder A", Decimal("180.00")),
                                                                ("Aanbieder B", Decimal("175.00"))]


# --- year-on-year difference -------------------------------------------------------------------------------------

def test_verschil_2024_nieuw_vervangen_vervallen_en_tarieven(gooi, opvolging):
    verschil = s.productenboek_verschil(gooi, 2024)
    assert [r.product.code for r in verschil.vervangen] == ["43B03"]
    assert [p.code for p in verschil.vervallen] == ["43B01"]
    assert verschil.nieuw == []
    # 43B03 has no tariff of 2023 of its own: its 2024 tariff is new (old None)
    assert [(w.product.code, w.oud, w.nieuw) for w in verschil.tarieven] == [("43B03", None, Decimal("322.46"))]


def test_verschil_2025_tariefwijziging_met_procent(gooi, opvolging, perceel):
    ProductFactory(perceel=perceel, categorie="45", code="45C47", geldig_vanaf=date(2025, 1, 1))
    aanbieder = OrganisatieFactory(naam="Zorgaanbieder Gooi B.V.")
    jaartarief(opvolging[1], 2024, "330.00", "zwaar", organisatie=aanbieder)
    jaartarief(opvolging[1], 2025, "360.00", "zwaar", organisatie=aanbieder)
    verschil = s.productenboek_verschil(gooi, 2025)
    assert [r.product.code for r in verschil.nieuw] == ["45C47"]
    algemeen, eigen = verschil.tarieven
    assert (algemeen.oud, algemeen.nieuw, algemeen.verandering_pct, algemeen.aanbieder) == (
        Decimal("322.46"), Decimal("346.14"), Decimal("7.3"), "")
    assert (eigen.aanbieder, eigen.oud, eigen.nieuw) == ("Zorgaanbieder Gooi B.V.", Decimal("330.00"), Decimal("360.00"))
    assert not verschil.leeg


def test_verschil_noemt_een_vervallen_intensiteit(gooi, opvolging):
    jaartarief(opvolging[1], 2024, "410.61", "extra zwaar")
    [w] = [w for w in s.productenboek_verschil(gooi, 2025).tarieven if w.intensiteit == "extra zwaar"]
    assert (w.oud, w.nieuw, w.verandering_pct) == (Decimal("410.61"), None, None)


def test_ongewijzigd_tarief_is_geen_verschil(gooi, perceel):
    product = ProductFactory(perceel=perceel, categorie="45", code="45A04")
    jaartarief(product, 2024, "71.38")
    jaartarief(product, 2025, "71.38")
    assert s.productenboek_verschil(gooi, 2025).leeg


# --- product rules ----------------------------------------------------------------------------------------------

@pytest.fixture
def vmb_plus(db):
    """The MLO VmB+ products of 002 §6.2 (r.1037-1041) and the logeren products of §7.1 (r.1151-1154)."""
    procedure = AanbestedingFactory(looptijd_start=date(2020, 1, 1), looptijd_einde=date(2020, 12, 31))
    vmb = PerceelFactory(aanbesteding=procedure, code="vmb_plus", naam="Verblijf met behandeling plus")
    wonen = PerceelFactory(aanbesteding=procedure, code="wonen", naam="Wonen")
    producten = {c: ProductFactory(perceel=vmb, categorie=c[:2], code=c, eenheid="etmaal")
                 for c in ("43A51", "43A52", "43A56", "45A58")}
    producten |= {c: ProductFactory(perceel=wonen, categorie=c[:2], code=c) for c in ("43A41", "44A33", "43A42", "44A34")}
    return procedure, producten


def test_zwaar_vereist_midden(vmb_plus):
    """002 r.1033: 43A56 and 45A58 ("zwaar") need 43A52 ("midden"), as bronnen.mlo.PRODUCT_AFHANKELIJKHEDEN says."""
    procedure, p = vmb_plus
    [bron] = mlo.PRODUCT_AFHANKELIJKHEDEN
    afh = Productafhankelijkheid.objects.create(aanbesteding=procedure, bron=bron["bron"])
    afh.producten.set([p[c] for c in bron["als_een_van"]])
    afh.vereist.set([p[c] for c in bron["vereist"]])
    regels = s.productregels(procedure)
    assert [v.code for v in regels.notitie(p["43A56"].pk).vereist] == ["43A52"]
    assert [v.code for v in regels.notitie(p["45A58"].pk).vereist] == ["43A52"]
    assert [v.code for v in regels.notitie(p["43A52"].pk).vereist_door] == ["43A56", "45A58"]
    assert regels.notitie(p["43A51"].pk) is None


@pytest.mark.parametrize("uren,uitkomst", [
    (24, (1, 0)), (26, (1, 0)), (27, (1, 1)), (30, (1, 1)), (34, (1, 2)), (38, (1, 3)), (50, (2, 0)), (51, None),
])
def test_logeren_omrekentabel(uren, uitkomst):
    """002 r.1143-1155: t/m 26 uur 1 etmaal; t/m 30 uur etmaal + dagdeel; ... t/m 50 uur 2 etmalen."""
    assert s.omrekenen(mlo.LOGEREN_OMREKENING, uren) == uitkomst


def test_omrekentabel_bij_de_logeerproducten(vmb_plus):
    procedure, p = vmb_plus
    tabel = Omrekentabel.objects.create(aanbesteding=procedure, naam="Logeren", rijen=mlo.LOGEREN_OMREKENING,
                                        bron="002 r.1143-1155")
    tabel.producten.set([p[c] for c in ("43A41", "44A33", "43A42", "44A34")])
    regels = s.productregels(procedure)
    assert all(regels.notitie(p[c].pk).omrekentabellen == [tabel] for c in ("43A41", "44A33", "43A42", "44A34"))
    assert regels.notitie(p["43A52"].pk) is None and not regels.leeg


def test_samenloopregel_bij_elk_betrokken_product(vmb_plus):
    """000 r.356-377: residential products do not run together for one client (one rule, the products among
    themselves), with an exception under a condition."""
    procedure, p = vmb_plus
    niet = Samenloopregel.objects.create(aanbesteding=procedure, soort=Samenloopregel.Soort.NIET, volgorde=1,
                                         toelichting="Geen twee verblijfsproducten tegelijk.", bron="000 r.356")
    niet.producten.set([p["43A51"], p["43A52"]])
    wel = Samenloopregel.objects.create(aanbesteding=procedure, soort=Samenloopregel.Soort.VOORWAARDE, volgorde=2,
                                        voorwaarde="na een goedgekeurd meerzorgverzoek", bron="000 r.370")
    wel.producten.set([p["43A52"]])
    wel.met_producten.set([p["43A41"]])
    regels = s.productregels(procedure)
    assert regels.samenloop == [niet, wel]
    assert regels.notitie(p["43A52"].pk).samenloop == [niet, wel]
    assert regels.notitie(p["43A41"].pk).samenloop == [wel]


def test_productregels_vast_aantal_queries(vmb_plus):
    procedure, p = vmb_plus

    def regels_erbij(i):
        r = Samenloopregel.objects.create(aanbesteding=procedure, soort="niet", volgorde=i)
        r.producten.set(list(p.values())[:4])
        afh = Productafhankelijkheid.objects.create(aanbesteding=procedure)
        afh.producten.set([p["43A56"]])
        afh.vereist.set([p["43A52"]])
        Omrekentabel.objects.create(aanbesteding=procedure, naam=f"Tabel {i}").producten.set([p["43A41"]])

    assert aantal_queries(lambda: s.productregels(procedure)) == 3  # no rules: the prefetches do not run
    regels_erbij(0)
    klein = aantal_queries(lambda: s.productregels(procedure))
    for i in range(1, 6):
        regels_erbij(i)
    assert aantal_queries(lambda: s.productregels(procedure)) == klein == 8


def test_productenboek_vier_queries_ook_met_intensiteiten_en_aanbiedertarieven(gooi, opvolging, perceel):
    klein = aantal_queries(lambda: s.productenboek(gooi, 2025))
    for i in range(10):
        product = ProductFactory(perceel=perceel, categorie="45", code=f"45B{i:02d}", geldig_vanaf=date(2025, 1, 1))
        Productintensiteit.objects.create(product=product, code="licht", naam="Licht")
        jaartarief(product, 2025, "71.38", "licht")
        jaartarief(product, 2025, "75.00", "licht", organisatie=OrganisatieFactory())
    assert aantal_queries(lambda: s.productenboek(gooi, 2025)) == klein == 4
