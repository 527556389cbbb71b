"""Every date and fee rule with the sources' numbers (pure functions, no database)."""

from datetime import date
from decimal import Decimal

import pytest

from overeenkomst import regels


class TestOpzeggingMlo:
    def test_ontvangen_15_maart_eindigt_vroegst_30_april(self):
        # 002 art. 8.1: the month's notice runs from the first of the next month: 1–30 April.
        assert regels.vroegste_einde_mlo(date(2026, 3, 15)) == date(2026, 4, 30)

    def test_ontvangen_op_de_laatste_dag_van_de_maand(self):
        assert regels.vroegste_einde_mlo(date(2026, 3, 31)) == date(2026, 4, 30)

    def test_ontvangen_op_de_eerste_dag_telt_die_maand_niet_mee(self):
        assert regels.vroegste_einde_mlo(date(2026, 4, 1)) == date(2026, 5, 31)

    def test_over_de_jaargrens(self):
        assert regels.vroegste_einde_mlo(date(2026, 12, 10)) == date(2027, 1, 31)

    def test_februari_in_een_schrikkeljaar(self):
        assert regels.vroegste_einde_mlo(date(2028, 1, 20)) == date(2028, 2, 29)


class TestUittredingGooi:
    def test_vergoeding_12_clienten_is_1800_euro(self):
        # 003a §3.5 option 2: €150 per client active one month before the notice.
        assert regels.uittreedvergoeding(12) == Decimal("1800.00")

    def test_geen_clienten_geen_vergoeding(self):
        assert regels.uittreedvergoeding(0) == Decimal("0.00")

    def test_negatief_aantal_wordt_geweigerd(self):
        with pytest.raises(ValueError):
            regels.uittreedvergoeding(-1)

    def test_optie_2_minstens_drie_maanden(self):
        assert regels.vroegste_einde_gooi_optie2(date(2026, 3, 15)) == date(2026, 6, 14)

    def test_einde_pas_na_overdracht_en_betaling(self):
        assert regels.werkelijke_einddatum(date(2026, 6, 14), date(2026, 7, 1), date(2026, 6, 20)) == date(2026, 7, 1)
        assert regels.werkelijke_einddatum(date(2026, 6, 14), None, None) == date(2026, 6, 14)


class TestAankondigingstermijnAddenda:
    def test_niet_wezenlijk_per_1_januari_uiterlijk_1_oktober(self):
        # 003a §3.7: non-material ≥ 3 months; across the year end.
        assert regels.uiterste_aankondiging(date(2027, 1, 1), 3) == date(2026, 10, 1)
        assert regels.aankondigingstermijn_gehaald(date(2026, 10, 1), date(2027, 1, 1), 3)
        assert not regels.aankondigingstermijn_gehaald(date(2026, 10, 2), date(2027, 1, 1), 3)

    def test_wezenlijk_per_1_januari_uiterlijk_1_april(self):
        # 003a §3.7: material ≥ 9 months.
        assert regels.uiterste_aankondiging(date(2027, 1, 1), 9) == date(2026, 4, 1)
        assert not regels.aankondigingstermijn_gehaald(date(2026, 4, 2), date(2027, 1, 1), 9)

    def test_vroegste_ingangsdatum_over_de_jaargrens(self):
        assert regels.vroegste_ingangsdatum(date(2026, 11, 30), 3) == date(2027, 2, 28)
        assert regels.vroegste_ingangsdatum(date(2026, 11, 30), 9) == date(2027, 8, 30)


class TestWijzigingsverzoeken:
    def test_contactpersoon_binnen_5_werkdagen_koningsdag_telt_niet(self):
        # Change on Friday 24-04-2026; Monday 27-04 is Koningsdag → the fifth working day is Monday 4 May.
        assert regels.contactpersoon_uiterlijk(date(2026, 4, 24)) == date(2026, 5, 4)

    def test_capaciteit_gemeld_30_september_gaat_in_op_1_januari(self):
        assert regels.capaciteit_ingangsdatum(date(2026, 9, 30)) == (date(2027, 1, 1), True)

    def test_capaciteit_gemeld_op_1_oktober_is_te_laat_voor_volgend_jaar(self):
        # 003a §3.7 (538, 687): "before 1 October"; on 1 October it is too late for next year.
        assert regels.capaciteit_ingangsdatum(date(2026, 10, 1)) == (date(2028, 1, 1), False)

    def test_rechtsvorm_drie_maanden_vooraf(self):
        assert regels.rechtsvorm_uiterlijk(date(2027, 1, 1)) == date(2026, 10, 1)

    def test_rechtsvorm_vergoeding_tot_40_uur_3000(self):
        assert regels.rechtsvorm_vergoeding(40) == Decimal("3000.00")

    def test_rechtsvorm_vergoeding_52_uur(self):
        # €3,000 + 12 h × €75 = €3,900 (003a §3.4).
        assert regels.rechtsvorm_vergoeding(52) == Decimal("3900.00")


class TestVerlenging:
    def test_gooi_aankondigen_1_september_bezwaar_voor_1_oktober_2028(self):
        assert regels.verlenging_data(date(2028, 12, 31), (9, 1), (10, 1)) == (date(2028, 9, 1), date(2028, 10, 1))


class TestIndexatie:
    def test_honderd_euro_bij_1_procent_is_101(self):
        # 003a §3.9 worked example: €100 at an index of 1% (50% of an OVA of 2%) → €101.
        assert regels.indexeer(Decimal("100"), Decimal("1")) == (Decimal("101.000000"), Decimal("101.00"))

    def test_onafgerond_bedrag_wordt_doorgetrokken(self):
        # 10.00 → 10.005 (published 10.01); the next year starts from 10.005, not from 10.01:
        # 10.005 × 1.0005 = 10.0100025 → 10.01, whereas 10.01 × 1.0005 = 10.015005 would give 10.02.
        onafgerond, gepubliceerd = regels.indexeer(Decimal("10.00"), Decimal("0.05"))
        assert (onafgerond, gepubliceerd) == (Decimal("10.005000"), Decimal("10.01"))
        assert regels.indexeer(onafgerond, Decimal("0.05"))[1] == Decimal("10.01")

    def test_gewogen_index_ambulant_90_8_2_en_verblijf_82_8_10(self):
        comps = [
            regels.Component("Lonen", Decimal("4"), Decimal(90), Decimal(82)),
            regels.Component("CPI", Decimal("2"), Decimal(8), Decimal(8)),
            regels.Component("Kapitaal", Decimal("1"), Decimal(2), Decimal(10)),
        ]
        assert regels.gewogen_index(comps, verblijf=False) == Decimal("3.78")  # (360 + 16 + 2) / 100
        assert regels.gewogen_index(comps, verblijf=True) == Decimal("3.54")  # (328 + 16 + 10) / 100

    def test_gewichten_moeten_100_zijn(self):
        with pytest.raises(ValueError):
            regels.gewogen_index([regels.Component("Lonen", Decimal(1), Decimal(90), Decimal(90))], verblijf=False)
