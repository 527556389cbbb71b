"""The pure SROI arithmetic with the sources' numbers (002 art. 17, B4; 003b Bijlage VII)."""

from decimal import Decimal as D

import pytest

from sroi import berekening as b

MLO = b.RegimeParameters(percentage=D("5"), grondslag=b.GRONDSLAG_VORIG_JAAR, drempel=D("250000.00"),
                         overschot_verrekenen=True)
GOOI = b.RegimeParameters(percentage=D("5"), grondslag=b.GRONDSLAG_WERKELIJK)
VOLTIJD = D("36")


def test_mlo_omzet_precies_op_de_drempel_is_niet_verplicht():
    v = b.verplichting(MLO, jaar=2021, omzet_vorig_jaar=D("250000.00"), omzet_jaar=None)
    assert v.verplicht is False
    assert v.bedrag == 0
    assert "niet boven de drempel" in v.reden


def test_mlo_een_cent_boven_de_drempel_is_verplicht_tot_vijf_procent():
    v = b.verplichting(MLO, jaar=2021, omzet_vorig_jaar=D("250000.01"), omzet_jaar=None)
    assert v.verplicht is True
    assert v.bedrag == D("12500.00")  # 5 % of 250.000,01 = 12.500,0005 -> 12.500,00


def test_mlo_zonder_omzet_vorig_jaar_geen_toets_mogelijk():
    v = b.verplichting(MLO, jaar=2021, omzet_vorig_jaar=None, omzet_jaar=D("900000"))
    assert v.verplicht is False
    assert "2020" in v.reden


def test_overschot_van_2000_verlaagt_verplichting_volgend_jaar():
    # 002 §4 worked example: 400.000 -> 20.000; realised 22.000 -> surplus 2.000 off next year.
    reeks = b.verplichtingen_reeks(
        {2021: MLO, 2022: MLO},
        omzetten={2020: D("400000"), 2021: D("400000")},
        gerealiseerd={2021: D("22000")},
    )
    assert reeks[2021].bedrag == D("20000.00")
    assert reeks[2022].verrekend_overschot == D("2000.00")
    assert reeks[2022].bedrag == D("18000.00")
    assert "overschot" in reeks[2022].reden


def test_zonder_verrekening_telt_overschot_niet_door():
    reeks = b.verplichtingen_reeks(
        {2023: GOOI, 2024: GOOI}, omzetten={2023: D("300000"), 2024: D("300000")}, gerealiseerd={2023: D("17000")}
    )
    assert reeks[2024].bedrag == D("15000.00")


def test_overschot_verrekening_gaat_niet_onder_nul():
    reeks = b.verplichtingen_reeks(
        {2021: MLO, 2022: MLO}, omzetten={2020: D("300000"), 2021: D("300000")}, gerealiseerd={2021: D("50000")}
    )
    assert reeks[2022].bedrag == D("0.00")


def test_gooi_voorbeeld_300000_maal_5_procent_is_15000():
    v = b.verplichting(GOOI, jaar=2024, omzet_vorig_jaar=None, omzet_jaar=D("300000"))
    assert v.verplicht and v.bedrag == D("15000.00")


WWB_LT2 = b.Regel(b.JAARBEDRAG, bedrag=D("30000"), naam="WWB < 2 jaar")
WW_GT1 = b.Regel(b.JAARBEDRAG, bedrag=D("15000"), naam="WW > 1 jaar")


def test_gooi_voorbeeld_half_jaar_wwb_of_jaar_ww_is_15000():
    half_jaar_wwb = b.waarde(WWB_LT2, b.Invoer(uren_per_week=D("36"), maanden=D("6")), voltijd_uren=VOLTIJD)
    jaar_ww = b.waarde(WW_GT1, b.Invoer(uren_per_week=D("36"), maanden=D("12")), voltijd_uren=VOLTIJD)
    assert half_jaar_wwb == jaar_ww == D("15000.00")


def test_pro_rata_24_uur_per_week_gedurende_6_maanden():
    # 30.000 x 24/36 x 6/12 = 10.000
    assert b.waarde(WWB_LT2, b.Invoer(uren_per_week=D("24"), maanden=D("6")), voltijd_uren=VOLTIJD) == D("10000.00")


def test_pro_rata_hangt_af_van_voltijdnorm_van_het_regime():
    assert b.waarde(WWB_LT2, b.Invoer(uren_per_week=D("24"), maanden=D("6")), voltijd_uren=D("40")) == D("9000.00")


def test_55_plus_toeslag_komt_bovenop_het_bouwblok_naar_rato():
    v = b.waarde(WWB_LT2, b.Invoer(uren_per_week=D("36"), maanden=D("12"), toeslag=D("5000")), voltijd_uren=VOLTIJD)
    assert v == D("35000.00")


def test_meer_uren_dan_voltijd_geweigerd():
    with pytest.raises(b.WaarderingsFout, match="voltijd"):
        b.waarde(WWB_LT2, b.Invoer(uren_per_week=D("40"), maanden=D("12")), voltijd_uren=VOLTIJD)


@pytest.mark.parametrize(
    ("regel", "invoer", "verwacht"),
    [
        (b.Regel(b.PER_STUK, bedrag=D("300")), b.Invoer(aantal=D("2")), D("600.00")),  # 2 snuffelstages
        (b.Regel(b.PER_STUK, bedrag=D("400")), b.Invoer(aantal=D("1")), D("400.00")),  # oriëntatiestage
        (b.Regel(b.PER_MAAND, bedrag=D("750")), b.Invoer(maanden=D("4")), D("3000.00")),  # PrO/VSO
        (b.Regel(b.PER_MAAND, bedrag=D("500")), b.Invoer(maanden=D("10")), D("5000.00")),  # BPV
        (b.Regel(b.LOON_OPSLAG, opslag_percentage=D("30")), b.Invoer(brutoloon=D("10000")), D("13000.00")),  # A
        (b.Regel(b.LOON_OPSLAG, opslag_percentage=D("30"), maandbedrag=D("500")),
         b.Invoer(brutoloon=D("10000"), maanden=D("6")), D("16000.00")),  # BBL
        (b.Regel(b.FACTUURWAARDE), b.Invoer(bedrag=D("1234.56")), D("1234.56")),  # inkoop / Scholingsfonds
        (b.Regel(b.PER_UUR, bedrag=D("100"), min_aantal=D("2"), max_aantal=D("3")), b.Invoer(aantal=D("3")), D("300.00")),
        (b.Regel(b.PER_DAGDEEL, bedrag=D("250")), b.Invoer(aantal=D("2")), D("500.00")),  # bedrijfsbezoek
    ],
)
def test_mlo_waarderingstabel(regel, invoer, verwacht):
    assert b.waarde(regel, invoer, voltijd_uren=VOLTIJD) == verwacht


def test_gastles_langer_dan_3_uur_geweigerd_reistijd_telt_niet():
    gastles = b.Regel(b.PER_UUR, bedrag=D("100"), min_aantal=D("2"), max_aantal=D("3"), naam="Gastles")
    with pytest.raises(b.WaarderingsFout, match="reistijd"):
        b.waarde(gastles, b.Invoer(aantal=D("4")), voltijd_uren=VOLTIJD)


def test_ontbrekende_invoer_geeft_nederlandse_melding():
    with pytest.raises(b.WaarderingsFout, match="aantal maanden"):
        b.waarde(WWB_LT2, b.Invoer(uren_per_week=D("24")), voltijd_uren=VOLTIJD)


def test_voortgang():
    assert b.voortgang(D("15000"), D("7500")) == 50
    assert b.voortgang(D("15000"), D("20000")) == 100
    assert b.voortgang(D("0"), D("0")) == 0
