"""The pure rules of contract management II (issue 14, ADR 0020) with the sources' own numbers: traffic lights,
the 80 % rule of 002 UOK 13.1, the enforcement ladder of 003 §7.11, the fines schedule (bronnen.gooi.BOETES), the
leegstandvergoeding of the Tussenvoorziening (003 r.4140-4207, r.4259-4319) and budget-ceiling warnings."""

from datetime import date
from decimal import Decimal as D

import pytest

from bronnen import contractbeheer as bron
from bronnen import gooi, mlo
from contractbeheer import regels
from contractbeheer.models import Trede

# --- traffic lights -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("waarde", "verwacht"), [
    (D("-26"), regels.GROEN), (D("-25"), regels.GROEN),  # the norm itself is met
    (D("-20"), regels.ORANJE), (D("-15"), regels.ORANJE),  # up to the orange limit (inclusive)
    (D("-14.99"), regels.ROOD), (D("-10"), regels.ROOD), (D("5"), regels.ROOD),
])
def test_stoplicht_kostendoelstelling_vmb_plus(waarde, verwacht):
    # 002 B1 13.7 r.366: kosten per jeugdige -25 % t.o.v. 2019 (bronnen.mlo.VMB_PLUS_KOSTENDOELSTELLING_PCT);
    # lower is better; the orange limit -15 is the bureau's reading (bronnen.contractbeheer).
    kpi = next(k for k in bron.MLO["kpis"] if k["code"] == "kosten-per-jeugdige-t-o-v-2019")
    assert kpi["norm"] == mlo.VMB_PLUS_KOSTENDOELSTELLING_PCT == D("-25")
    assert regels.stoplicht(waarde, kpi["norm"], kpi["drempel_oranje"], kpi["richting"]) == verwacht


@pytest.mark.parametrize(("waarde", "verwacht"), [
    (D("8.1"), regels.GROEN), (D("7.0"), regels.GROEN), (D("6.9"), regels.ORANJE), (D("6.0"), regels.ORANJE),
    (D("5.9"), regels.ROOD),
])
def test_stoplicht_hoger_is_beter(waarde, verwacht):
    assert regels.stoplicht(waarde, D("7.0"), D("6.0"), "hoger") == verwacht


def test_stoplicht_zonder_waarde_of_norm_is_geen_licht():
    assert regels.stoplicht(None, D("7"), None, "hoger") == regels.GEEN
    assert regels.stoplicht(D("3"), None, None, "hoger") == regels.GEEN
    # Without an orange limit a miss is red at once.
    assert regels.stoplicht(D("1"), D("0"), None, "lager") == regels.ROOD


@pytest.mark.parametrize(("dagen", "verwacht"), [
    (0, regels.GROEN), (20, regels.GROEN), (21, regels.ORANJE), (28, regels.ORANJE), (29, regels.ROOD),
    (None, regels.GEEN),
])
def test_wachttijd_tegen_vier_weken(dagen, verwacht):
    # 003 §1.15.5 r.546: "de periode van vier (4) weken ... niet overschrijden" -> 28 days; orange from 75 %.
    norm = bron.GOOI["wachttijdnormen"][0]["max_dagen"]
    assert norm == 28 == 7 * gooi.REGELS["wachttijd_max_weken"]
    assert regels.wachttijd_stoplicht(dagen, norm) == verwacht


def test_wachttijdnorm_mlo_tien_werkdagen_is_twee_weken():
    # 002 B1 17.2 r.387: tien werkdagen; a week has five, so two calendar weeks.
    assert bron.MLO["wachttijdnormen"][0]["max_dagen"] == 14


@pytest.mark.parametrize(("dag", "periode", "start", "einde", "label"), [
    (date(2026, 5, 17), "maand", date(2026, 5, 1), date(2026, 5, 31), "mei 2026"),
    (date(2024, 2, 10), "maand", date(2024, 2, 1), date(2024, 2, 29), "februari 2024"),
    (date(2026, 5, 17), "kwartaal", date(2026, 4, 1), date(2026, 6, 30), "K2 2026"),
    (date(2026, 12, 31), "kwartaal", date(2026, 10, 1), date(2026, 12, 31), "K4 2026"),
    (date(2026, 1, 1), "jaar", date(2026, 1, 1), date(2026, 12, 31), "2026"),
])
def test_perioden(dag, periode, start, einde, label):
    assert regels.periode_start(dag, periode) == start
    assert regels.periode_einde(start, periode) == einde
    assert regels.periode_label(start, periode) == label


def test_onbekende_periode_geweigerd():
    with pytest.raises(ValueError):
        regels.periode_start(date(2026, 1, 1), "week")


# --- 002 UOK 13.1: the providers that together make 80 % of the turnover -----------------------------------


def test_tachtig_procent_van_de_omzet():
    omzet = {"A": D("500000"), "B": D("250000"), "C": D("150000"), "D": D("60000"), "E": D("40000")}
    # Total 1.000.000; 80 % = 800.000: A (500k) + B (750k) is below, C reaches 900k -> A, B, C.
    assert regels.grootste_omzet(omzet, 80) == ["A", "B", "C"]
    # Exactly reaching the share stops there: 75 % = 750.000 = A + B.
    assert regels.grootste_omzet(omzet, 75) == ["A", "B"]
    assert regels.grootste_omzet(omzet, 100) == ["A", "B", "C", "D", "E"]


def test_tachtig_procent_zonder_omzet():
    assert regels.grootste_omzet({}, 80) == []
    assert regels.grootste_omzet({"A": D("0")}, 80) == []
    assert regels.grootste_omzet({"A": D("10"), "B": D("0")}, 100) == ["A"]


# --- the enforcement ladder (003 §7.11 r.2872-2883) ----------------------------------------------------------


def test_ladder_volgt_de_volgorde_van_de_bron():
    assert [label for _, label in Trede.choices][0] == "Waarschuwing"
    assert len(Trede.choices) == len(gooi.MAATREGELEN) == 8
    # Same order as the source's list (bronnen.gooi.MAATREGELEN, 003 r.2872-2883).
    for (waarde, _), bronlabel in zip(Trede.choices, gooi.MAATREGELEN, strict=True):
        assert waarde == gooi.MAATREGELEN.index(bronlabel) + 1


@pytest.mark.parametrize(("opgelegd", "volgende"), [
    ([], 1), ([1], 2), ([1, 2], 3), ([2, 1], 3), ([4], 5), ([8], 8),
])
def test_volgende_trede(opgelegd, volgende):
    assert regels.volgende_trede(opgelegd) == volgende


def test_trede_overslaan_vraagt_een_reden():
    assert regels.sprong_zonder_reden([], 1, "") is False  # a warning first: no skip
    assert regels.sprong_zonder_reden([1], 2, "") is False
    assert regels.sprong_zonder_reden([1], 4, "") is True  # straight to a fine after a warning
    assert regels.sprong_zonder_reden([1], 4, "   ") is True  # blanks are no reason
    assert regels.sprong_zonder_reden([1], 4, "Ernstige verwijtbare fout (003 §7.11)") is False
    assert regels.sprong_zonder_reden([], 8, "") is True
    # Repeating a step or going back to a lighter one is never a skip.
    assert regels.sprong_zonder_reden([1, 2], 2, "") is False
    assert regels.sprong_zonder_reden([1, 2, 3], 1, "") is False


def test_zienswijze_termijn_telt_werkdagen_over_de_feestdagen():
    # Sent Monday 21 December 2026; ten working days skip Christmas (25, 26 Dec: Friday/Saturday) and New Year
    # (Friday 1 January 2027): 22, 23, 24, 28, 29, 30, 31 Dec, 4, 5, 6 Jan -> Wednesday 6 January 2027.
    assert regels.zienswijze_uiterlijk(date(2026, 12, 21), 10) == date(2027, 1, 6)
    # An ordinary fortnight: Monday 2 March 2026 + 10 working days = Monday 16 March.
    assert regels.zienswijze_uiterlijk(date(2026, 3, 2), 10) == date(2026, 3, 16)


# --- fines (003 §7.11 r.2876-2880; r.3236; r.2702) -----------------------------------------------------------

SCHEMA = {b["code"]: b for b in bron.GOOI["boetes"]}


@pytest.mark.parametrize(("code", "aantal", "perioden", "grondslag", "verwacht", "eenheid", "per_periode"), [
    ("klacht-gegrond", D("2"), None, None, D("50.00"), "klacht", ""),  # € 25 per gegronde klacht
    ("personeelseisen", D("3"), 2, None, D("1500.00"), "medewerker", "week"),  # € 250 p. medewerker p. week
    ("klacht-termijn", D("1"), None, None, D("50.00"), "klacht", ""),  # € 50 per klacht > 10 werkdagen
    ("administratief-herstel", D("6.5"), None, None, D("487.50"), "uur", ""),  # € 75 per uur
    ("verantwoording-te-laat", D("12"), None, None, D("3000.00"), "dag", ""),  # € 250 per dag
    ("faillissement-niet-gemeld", D("1"), None, None, D("2500.00"), "geval", ""),  # € 2.500 (art. 9.6)
    ("capaciteit-niet-geleverd", D("1"), None, D("8000.00"), D("6000.00"), "periode", ""),  # 75 % of budget
])
def test_elke_boete_uit_het_schema(code, aantal, perioden, grondslag, verwacht, eenheid, per_periode):
    soort = SCHEMA[code]
    assert (soort["eenheid"], soort["per_periode"]) == (eenheid, per_periode)
    bedrag = regels.boete_bedrag(bedrag=soort["bedrag"], percentage=soort["percentage"], aantal=aantal,
                                 perioden=perioden, grondslag=grondslag)
    assert bedrag == verwacht


def test_schema_heeft_alle_boetes_van_de_bron():
    assert len(SCHEMA) == len(gooi.BOETES) == 7
    assert {b["bedrag"] for b in SCHEMA.values()} == {D("25.00"), D("250.00"), D("50.00"), D("75.00"),
                                                      D("2500.00"), None}
    assert SCHEMA["capaciteit-niet-geleverd"]["percentage"] == D("75")


def test_boete_weigert_onzin():
    with pytest.raises(ValueError):
        regels.boete_bedrag(bedrag=D("25"), percentage=None, aantal=D("-1"))
    with pytest.raises(ValueError):
        regels.boete_bedrag(bedrag=None, percentage=D("75"), aantal=D("1"))  # no grondslag
    with pytest.raises(ValueError):
        regels.boete_bedrag(bedrag=None, percentage=None, aantal=D("1"))


def test_boete_rondt_af_op_centen():
    assert regels.boete_bedrag(bedrag=None, percentage=D("75"), aantal=D("1"), grondslag=D("0.05")) == D("0.04")


@pytest.mark.parametrize(("ingediend", "peildatum", "dagen"), [
    (date(2027, 3, 31), date(2027, 5, 1), 0),  # on the last day (vóór 1 april)
    (date(2027, 4, 1), date(2027, 5, 1), 1),
    (date(2027, 4, 12), date(2027, 5, 1), 12),
    (None, date(2027, 4, 20), 20),  # still missing: counted up to today
])
def test_dagen_te_laat_verantwoording(ingediend, peildatum, dagen):
    # 003 §13 r.3276: "vóór 1 april" -> 31 March is the last day (ADR 0019); § 7.11 lid 5 € 250 per day after.
    assert regels.dagen_te_laat(date(2027, 3, 31), ingediend, peildatum) == dagen


# --- leegstandvergoeding Tussenvoorziening (003 r.4140-4207, r.4259-4319) -----------------------------------

LEEGSTAND = bron.GOOI["leegstand"]


def test_leegstandsregeling_uit_de_bron():
    assert LEEGSTAND["max_per_aanbieder_per_jaar"] == D("175000.00")  # r.4144, r.4190
    assert LEEGSTAND["max_totaal_per_jaar"] == D("350000.00")  # r.4140, r.4196
    assert sum(p for _, p, _ in LEEGSTAND["verdeling"]) == D("100")
    # The maximum contribution of each municipality is its share of € 350.000 (r.4200-4206).
    for _, pct, maximum in LEEGSTAND["verdeling"]:
        assert maximum == LEEGSTAND["max_totaal_per_jaar"] * pct / 100


def test_capaciteit_twee_bedden():
    assert regels.etmalen_capaciteit(2, date(2022, 6, 1)) == 60
    assert regels.etmalen_capaciteit(2, date(2024, 2, 1)) == 58  # leap year
    # r.4292: two beds a year -> 730 etmalen.
    assert sum(regels.etmalen_capaciteit(2, date(2022, m, 1)) for m in range(1, 13)) == 730


def test_leegstand_voorbeeldmaand_youke_juni_2022():
    # Youké, extra zwaar (r.5405 reading in bronnen.gooi), tariff 2022 € 375,57 (r.4313). June 2022: 2 beds × 30
    # days = 60 etmalen, 21 occupied -> 39 leegstand × € 375,57 = € 14.647,23.
    tarief = gooi.TARIEVEN["43B03"]["extra_zwaar"][2022]
    assert tarief == D("375.57")
    bedrag = regels.leegstand_bedrag(etmalen_capaciteit=60, etmalen_bezet=21, tarief=tarief)
    assert bedrag == D("14647.23")
    delen = regels.verdeel_over_gemeenten(bedrag, [(naam, pct) for naam, pct, _ in LEEGSTAND["verdeling"]])
    # 38 % / 24 % / 18 % / 10 % / 5 % / 5 % of 1.464.723 cents: 556.594,74 / 351.533,52 / 263.650,14 /
    # 146.472,3 / 73.236,15 / 73.236,15 -> the whole cents add up to 1.464.721; the two cents left go to the
    # largest remainders (Hilversum ,74 and Gooise Meren ,52).
    assert delen == {
        "Hilversum": D("5565.95"), "Gooise Meren": D("3515.34"), "Huizen": D("2636.50"),
        "Wijdemeren": D("1464.72"), "Blaricum": D("732.36"), "Laren": D("732.36"),
    }
    assert sum(delen.values()) == bedrag


def test_leegstand_meer_bezet_dan_capaciteit_geweigerd():
    with pytest.raises(ValueError):
        regels.leegstand_bedrag(etmalen_capaciteit=60, etmalen_bezet=61, tarief=D("1"))


def test_plafond_per_jaar_in_volgorde_van_de_maanden():
    plafond = LEEGSTAND["max_per_aanbieder_per_jaar"]
    # Leger des Heils, zwaar 2022 € 294,94: an empty month of 62 etmalen (31 days) = € 18.286,28.
    maand = regels.leegstand_bedrag(etmalen_capaciteit=62, etmalen_bezet=0, tarief=gooi.TARIEVEN["43B03"]["zwaar"][2022])
    assert maand == D("18286.28")
    uitbetaald, betalingen = D("0"), []
    for _ in range(10):
        deel = regels.binnen_plafond(maand, uitbetaald, plafond)
        betalingen.append(deel)
        uitbetaald += deel
    # Nine full months = € 164.576,52; the tenth is capped at the remaining € 10.423,48; the year ends at the cap.
    assert betalingen[:9] == [maand] * 9
    assert betalingen[9] == D("10423.48")
    assert uitbetaald == plafond
    assert regels.binnen_plafond(maand, uitbetaald, plafond) == D("0.00")


def test_verdeling_moet_honderd_procent_zijn():
    with pytest.raises(ValueError):
        regels.verdeel_over_gemeenten(D("100"), [("A", D("60")), ("B", D("30"))])


def test_verdeling_van_een_cent():
    assert regels.verdeel_over_gemeenten(D("0.01"), [("A", D("50")), ("B", D("50"))]) in (
        {"A": D("0.01"), "B": D("0")}, {"A": D("0"), "B": D("0.01")})


# --- budget ceilings ----------------------------------------------------------------------------------------


def test_budgetplafond_waarschuwingen():
    # 003 r.868: BGGZ (niveau 0) € 1.250 per client (bronnen.gooi.BUDGETPLAFONDS).
    plafond = next(p for p in bron.GOOI["budgetplafonds"] if p["code"] == "niveau 0")
    assert (plafond["bedrag"], plafond["soort"]) == (D("1250.00"), "per_client")
    assert regels.plafond_signalen(D("999.99"), plafond["bedrag"], [80, 100]) == []
    assert regels.plafond_signalen(D("1000.00"), plafond["bedrag"], [80, 100]) == [80]
    assert regels.plafond_signalen(D("1250.00"), plafond["bedrag"], [80, 100]) == [80, 100]
    assert regels.plafond_signalen(D("0"), D("0"), [80, 100]) == [80, 100]
