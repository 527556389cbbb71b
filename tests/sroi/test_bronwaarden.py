"""SROI values with the sources' own numbers, registered through the service as a provider would.

Every expected amount below is worked out by hand from the source text, not copied from the code:
- MLO `002` Bijlage 4 (English reading /work/shared/domain/002.md §4, table "Forms: categories A-E"):
  employment = gross wage + 30 %; snuffelstage € 300; oriëntatiestage € 400; PrO/VSO € 750 per month;
  BPV € 500 per month; BBL = gross wage + 30 % + € 500 per month; purchase (C) at invoice value after approval;
  guest lecture € 100 per hour, 2-3 hours, no travel time; company visit € 250 per dagdeel; other (D) value
  set by the contactpersoon; Scholingsfonds (E) net deposit.
- Gooi `003b` Bijlage VII B (/work/shared/domain/003b.md, "Bouwblokken values per full-time one-year
  contract"): WWB < 2 yrs € 30.000, > 2 yrs € 40.000, WW < 1 yr € 10.000, > 1 yr € 15.000, WIA/WAO € 30.000,
  Wajong € 35.000, 55+ € 5.000 extra, BBL € 10.000, BOL € 5.000, WSW at invoice value, MVO € 100 per hour;
  pro rata for part time and part year, full time = 36 hours a week (ADR 0004).
"""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from sroi import selectors, services
from sroi.models import SroiActiviteit
from tests.sroi.conftest import regel_van

# (code, input, expected value, counts without approval)
MLO_GEVALLEN = [
    ("a1", {"brutoloon": D("24500")}, D("31850.00"), True),  # 24.500 x 1,30
    ("a1", {"brutoloon": D("1234.56")}, D("1604.93"), True),  # 1.604,928 -> half up to cents
    ("b1", {"aantal": D("2")}, D("600.00"), True),  # 2 snuffelstages x 300
    ("b2", {"aantal": D("1")}, D("400.00"), True),  # 1 oriëntatiestage
    ("b3", {"maanden": D("3")}, D("2250.00"), True),  # PrO/VSO 3 months x 750
    ("b4", {"maanden": D("4")}, D("2000.00"), True),  # BPV 4 months x 500
    ("b5", {"brutoloon": D("18000"), "maanden": D("10")}, D("28400.00"), True),  # 18.000 x 1,30 + 10 x 500
    ("c1", {"bedrag": D("3450")}, D("3450.00"), False),  # Risse invoice, only after approval
    ("d1", {"aantal": D("2")}, D("200.00"), False),  # guest lecture, 2 hours (the minimum)
    ("d1", {"aantal": D("3")}, D("300.00"), False),  # 3 hours (the maximum)
    ("d2", {"aantal": D("2")}, D("500.00"), False),  # company visit, 2 dagdelen x 250
    ("d3", {"bedrag": D("800")}, D("800.00"), False),  # own idea: the provider's amount until approved
    ("e1", {"bedrag": D("5000")}, D("5000.00"), True),  # net deposit into the Scholingsfonds
]


@pytest.mark.parametrize(("code", "invoer", "verwacht", "telt_direct"), MLO_GEVALLEN)
def test_mlo_waardering_volgens_bijlage_4(registreer, mlo_overeenkomst, code, invoer, verwacht, telt_direct):
    act = registreer(code, omschrijving=f"Activiteit {code}", **invoer)
    assert act.waarde == verwacht
    assert act.telt_mee is telt_direct
    cijfers = selectors.jaarcijfers([mlo_overeenkomst], 2021)[mlo_overeenkomst.pk]
    assert cijfers.gerealiseerd == (verwacht if telt_direct else 0)
    assert cijfers.wacht_op_goedkeuring == (0 if telt_direct else verwacht)


@pytest.mark.parametrize("uren", [D("1"), D("1.5"), D("3.5"), D("4")])
def test_gastles_buiten_2_tot_3_uur_geweigerd(registreer, uren):
    """002 B4 D: "duur 2-3 uur, reistijd mag niet worden meegerekend"."""
    with pytest.raises(ValidationError, match="minimaal 2|maximaal 3"):
        registreer("d1", omschrijving="Gastles", aantal=uren)
    assert not SroiActiviteit.objects.exists()


def test_alle_vijf_categorieen_tellen_gelijk(registreer, mlo_overeenkomst, sroi_adviseur):
    """002 B4: "geen verschil in waardering" between A-E: once approved, each euro counts the same."""
    waarden = [
        registreer("a1", omschrijving="A", brutoloon=D("1000")).waarde,  # 1.300
        registreer("b1", omschrijving="B", aantal=D("1")).waarde,  # 300
        registreer("e1", omschrijving="E", bedrag=D("400")).waarde,  # 400
    ]
    for code, bedrag in (("c1", D("500")), ("d3", D("250"))):
        act = registreer(code, omschrijving=code.upper(), bedrag=bedrag)
        services.activiteit_beoordelen(activiteit=act, goedkeuren=True, door=sroi_adviseur)
        waarden.append(bedrag)
    cijfers = selectors.jaarcijfers([mlo_overeenkomst], 2021)[mlo_overeenkomst.pk]
    assert cijfers.gerealiseerd == D("2750.00") == sum(waarden)


def _gooi(ovk, door, code, **gegevens):
    gegevens = {"omschrijving": f"Bouwblok {code}", "startdatum": date(2023, 1, 1), **gegevens}
    return services.activiteit_registreren(overeenkomst=ovk, regel=regel_van(ovk.aanbesteding, code), door=door, **gegevens)


# (code, hours a week, months, 55+, expected)
GOOI_GEVALLEN = [
    ("wwb-lt2", "36", "12", False, D("30000.00")),
    ("wwb-lt2", "36", "6", False, D("15000.00")),  # the worked example: half a year of a WWB < 2 worker
    ("wwb-lt2", "24", "6", False, D("10000.00")),  # ADR 0004: 30.000 x 24/36 x 6/12
    ("wwb-gt2", "36", "12", False, D("40000.00")),
    ("ww-lt1", "18", "12", False, D("5000.00")),  # 10.000 x 18/36
    ("ww-gt1", "36", "12", False, D("15000.00")),  # the worked example's other half: one year of WW > 1
    ("wia-wao", "36", "3", False, D("7500.00")),  # 30.000 x 3/12
    ("wajong", "32", "9", False, D("23333.33")),  # 35.000 x 32/36 x 9/12 = 23.333,333...
    ("wwb-gt2", "36", "12", True, D("45000.00")),  # 40.000 + 5.000 for 55+
    ("wia-wao", "18", "12", True, D("17500.00")),  # (30.000 + 5.000) x 18/36: the supplement is pro rata too
    ("bbl", "36", "12", False, D("10000.00")),
    ("bol", "36", "6", False, D("2500.00")),
]


@pytest.mark.parametrize(("code", "uren", "maanden", "plus55", "verwacht"), GOOI_GEVALLEN)
def test_gooi_bouwblokken_naar_rato(gooi_overeenkomst, aanbieder_medewerker, code, uren, maanden, plus55, verwacht):
    act = _gooi(gooi_overeenkomst, aanbieder_medewerker, code, uren_per_week=D(uren), maanden=D(maanden),
                vijfenvijftig_plus=plus55)
    assert act.waarde == verwacht
    assert act.telt_mee


def test_gooi_meer_dan_voltijd_telt_niet_extra(gooi_overeenkomst, aanbieder_medewerker):
    with pytest.raises(ValidationError, match="Meer dan 36 uur per week"):
        _gooi(gooi_overeenkomst, aanbieder_medewerker, "wwb-lt2", uren_per_week=D("40"), maanden=D("12"))


def test_gooi_wsw_tegen_factuurwaarde_en_mvo_per_uur(gooi_overeenkomst, aanbieder_medewerker):
    wsw = _gooi(gooi_overeenkomst, aanbieder_medewerker, "wsw", bedrag=D("12345.67"))
    mvo = _gooi(gooi_overeenkomst, aanbieder_medewerker, "mvo", aantal=D("16"))
    assert (wsw.waarde, mvo.waarde) == (D("12345.67"), D("1600.00"))  # 16 hours x € 100


def test_gooi_voorbeeld_300000_omzet_gehaald_met_een_jaar_ww_langer_dan_een_jaar(gooi_overeenkomst, aanbieder_medewerker):
    """003b Bijlage VII worked example: € 300.000 x 5 % = € 15.000 = one year of a WW > 1 yr worker."""
    services.omzet_vastleggen(overeenkomst=gooi_overeenkomst, jaar=2023, omzet=D("300000"), door=aanbieder_medewerker)
    _gooi(gooi_overeenkomst, aanbieder_medewerker, "ww-gt1", uren_per_week=D("36"), maanden=D("12"))
    c = selectors.jaarcijfers([gooi_overeenkomst], 2023)[gooi_overeenkomst.pk]
    assert (c.verplicht_bedrag, c.gerealiseerd, c.tekort, c.voortgang) == (D("15000.00"), D("15000.00"), 0, 100)


def test_gooi_grondslag_is_de_werkelijke_omzet_van_het_jaar_zelf(gooi_overeenkomst, aanbieder_medewerker):
    """003b Eis 56: 5 % of the "daadwerkelijk gerealiseerde jaaromzet": 2023 looks at 2023, not at 2022."""
    services.omzet_vastleggen(overeenkomst=gooi_overeenkomst, jaar=2022, omzet=D("1000000"), door=aanbieder_medewerker)
    services.omzet_vastleggen(overeenkomst=gooi_overeenkomst, jaar=2023, omzet=D("200000"), door=aanbieder_medewerker)
    c = selectors.jaarcijfers([gooi_overeenkomst], 2023)[gooi_overeenkomst.pk]
    assert c.verplicht_bedrag == D("10000.00")
    assert "werkelijke omzet over 2023" in c.verplichting.reden


def test_gooi_geen_drempel_ook_kleine_omzet_verplicht(gooi_overeenkomst, aanbieder_medewerker):
    """Gooi has no threshold (003b Eis 56): € 100.000 gives € 5.000, where MLO would give nothing."""
    services.omzet_vastleggen(overeenkomst=gooi_overeenkomst, jaar=2023, omzet=D("100000"), door=aanbieder_medewerker)
    assert selectors.jaarcijfers([gooi_overeenkomst], 2023)[gooi_overeenkomst.pk].verplicht_bedrag == D("5000.00")


# ------------------------------------------------------------------------------------------- MLO obligation


def test_mlo_voorbeeld_400000_en_23000_gerealiseerd_geeft_3000_minder_volgend_jaar(mlo_overeenkomst, registreer,
                                                                                    aanbieder_medewerker):
    """002 §4 worked example: 400.000 -> 20.000; realised 23.000 -> surplus 3.000 off the next year."""
    for jaar in (2020, 2021):
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=jaar, omzet=D("400000"), door=aanbieder_medewerker)
    registreer("e1", omschrijving="Storting Scholingsfonds", bedrag=D("23000"), startdatum=date(2021, 6, 1))
    c2021 = selectors.jaarcijfers([mlo_overeenkomst], 2021)[mlo_overeenkomst.pk]
    assert (c2021.verplicht_bedrag, c2021.overschot) == (D("20000.00"), D("3000.00"))
    c2022 = selectors.jaarcijfers([mlo_overeenkomst], 2022)[mlo_overeenkomst.pk]
    assert c2022.verplichting.bruto == D("20000.00")
    assert c2022.verplichting.verrekend_overschot == D("3000.00")
    assert c2022.verplicht_bedrag == D("17000.00")


def test_mlo_overschot_groter_dan_volgend_jaar_gaat_niet_onder_nul(mlo_overeenkomst, registreer, aanbieder_medewerker):
    """002 art. 17.3 deducts a surplus; a surplus larger than next year's amount leaves zero, never a credit."""
    services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("300000"), door=aanbieder_medewerker)
    services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2021, omzet=D("260000"), door=aanbieder_medewerker)
    registreer("e1", omschrijving="Grote storting", bedrag=D("40000"), startdatum=date(2021, 6, 1))
    # 2021: 5 % of 300.000 = 15.000, realised 40.000 -> surplus 25.000; 2022: 5 % of 260.000 = 13.000 - 13.000 = 0.
    c2022 = selectors.jaarcijfers([mlo_overeenkomst], 2022)[mlo_overeenkomst.pk]
    assert c2022.verplichting.verrekend_overschot == D("13000.00")
    assert c2022.verplicht_bedrag == D("0.00")


def test_mlo_afgewezen_activiteit_telt_niet_voor_het_overschot(mlo_overeenkomst, registreer, aanbieder_medewerker,
                                                              sroi_adviseur):
    for jaar in (2020, 2021):
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=jaar, omzet=D("400000"), door=aanbieder_medewerker)
    registreer("e1", omschrijving="Storting", bedrag=D("20000"), startdatum=date(2021, 6, 1))
    inkoop = registreer("c1", omschrijving="Geen SW-bedrijf", bedrag=D("3000"), startdatum=date(2021, 6, 1))
    services.activiteit_beoordelen(activiteit=inkoop, goedkeuren=False, reden="Geen sociale onderneming", door=sroi_adviseur)
    assert selectors.jaarcijfers([mlo_overeenkomst], 2022)[mlo_overeenkomst.pk].verplicht_bedrag == D("20000.00")


def test_mlo_activiteit_telt_in_het_jaar_van_haar_startdatum(mlo_overeenkomst, registreer, aanbieder_medewerker):
    """ADR 0004: an activity counts in the year of its start date, even when it runs into the next year."""
    registreer("b4", omschrijving="BPV over de jaargrens", maanden=D("6"), startdatum=date(2021, 10, 1),
               einddatum=date(2022, 3, 31))
    assert selectors.jaarcijfers([mlo_overeenkomst], 2021)[mlo_overeenkomst.pk].gerealiseerd == D("3000.00")
    assert selectors.jaarcijfers([mlo_overeenkomst], 2022)[mlo_overeenkomst.pk].gerealiseerd == 0


def test_voortgang_bij_gedeeltelijke_realisatie(mlo_overeenkomst, registreer, aanbieder_medewerker):
    services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("400000"), door=aanbieder_medewerker)
    registreer("e1", omschrijving="Storting", bedrag=D("5000"))  # 5.000 of 20.000
    c = selectors.jaarcijfers([mlo_overeenkomst], 2021)[mlo_overeenkomst.pk]
    assert (c.voortgang, c.tekort) == (25, D("15000.00"))
