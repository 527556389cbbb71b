"""Edges of the pure date and fee rules in overeenkomst.regels, and the per-procedure settings that feed them.

Sources (/work/shared/domain/): 002 art. 8.1 (MLO notice from the first of the next month), 003a §3.4 (legal
form: ≥ 3 months, € 3.000 + € 75/h beyond 40 h), §3.5 (option 2: ≥ 3 months, € 150 per client counted one month
before), §3.6 (extension announced by 1 September, objection before 1 October), §3.7 (3/9 months; 1 October for
next year's capacity), §3.9 (indexation rounded to cents, unrounded carried forward).
"""

from datetime import date
from decimal import Decimal

import pytest

from aanbesteding.models import Aanbesteding
from overeenkomst import regels
from overeenkomst.models import Contractregels


class TestAddendumTermijnen:
    @pytest.mark.parametrize(("ingang", "maanden", "uiterlijk"), [
        (date(2027, 3, 31), 3, date(2026, 12, 31)),  # end of month stays end of month
        (date(2027, 5, 31), 3, date(2027, 2, 28)),  # 31 → 28 February
        (date(2028, 5, 31), 3, date(2028, 2, 29)),  # leap year
        (date(2027, 7, 1), 9, date(2026, 10, 1)),
    ])
    def test_uiterste_aankondiging(self, ingang, maanden, uiterlijk):
        assert regels.uiterste_aankondiging(ingang, maanden) == uiterlijk
        assert regels.aankondigingstermijn_gehaald(uiterlijk, ingang, maanden)


class TestUittreding:
    @pytest.mark.parametrize(("ontvangen", "maanden", "einde"), [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # notice runs through February
        (date(2026, 3, 15), 3, date(2026, 6, 30)),  # a region with 3 months' MLO-style notice
        (date(2026, 11, 1), 2, date(2027, 1, 31)),
    ])
    def test_mlo_vanaf_de_eerste_van_de_volgende_maand(self, ontvangen, maanden, einde):
        assert regels.vroegste_einde_mlo(ontvangen, maanden) == einde

    @pytest.mark.parametrize(("ontvangen", "einde"), [
        (date(2026, 12, 31), date(2027, 3, 30)),
        (date(2026, 1, 1), date(2026, 3, 31)),
    ])
    def test_gooi_optie_2_drie_maanden_vanaf_ontvangst(self, ontvangen, einde):
        assert regels.vroegste_einde_gooi_optie2(ontvangen) == einde

    def test_gooi_optie_2_einde_februari_niet_korter_dan_drie_maanden(self):
        # 30 Nov–29 Dec, 30 Dec–29 Jan, 30 Jan–"29 Feb": the third month ends on the last day of February.
        assert regels.vroegste_einde_gooi_optie2(date(2026, 11, 30)) == date(2027, 2, 28)

    @pytest.mark.parametrize(("aantal", "per_client", "vergoeding"), [
        (1, Decimal("150"), Decimal("150.00")),
        (12, Decimal("150"), Decimal("1800.00")),
        (3, Decimal("99.995"), Decimal("299.99")),  # 299.985 → cents, half up
    ])
    def test_vergoeding_in_centen(self, aantal, per_client, vergoeding):
        assert regels.uittreedvergoeding(aantal, per_client) == vergoeding

    def test_werkelijke_einddatum_is_de_laatste_voorwaarde(self):
        assert regels.werkelijke_einddatum(date(2026, 4, 30), date(2026, 4, 1), None) == date(2026, 4, 30)
        assert regels.werkelijke_einddatum(date(2026, 4, 30), None, date(2026, 5, 2)) == date(2026, 5, 2)


class TestWijzigingen:
    def test_contactpersoon_over_pasen(self):
        # Change Thursday 2 April 2026; Good Friday is a working day (Algemene termijnenwet), Easter Monday 6 April
        # is not: 3 (1), 7 (2), 8 (3), 9 (4), 10 (5).
        assert regels.contactpersoon_uiterlijk(date(2026, 4, 2)) == date(2026, 4, 10)

    def test_capaciteit_op_31_december_pas_over_twee_jaar(self):
        assert regels.capaciteit_ingangsdatum(date(2026, 12, 31)) == (date(2028, 1, 1), False)

    def test_capaciteit_op_1_januari_op_tijd_voor_volgend_jaar(self):
        assert regels.capaciteit_ingangsdatum(date(2027, 1, 1)) == (date(2028, 1, 1), True)

    def test_rechtsvorm_uiterlijk_bij_maandeinde(self):
        assert regels.rechtsvorm_uiterlijk(date(2027, 5, 31)) == date(2027, 2, 28)

    def test_rechtsvorm_vergoeding_met_eigen_tarieven(self):
        assert regels.rechtsvorm_vergoeding(45, Decimal("2500"), Decimal("80"), 30) == Decimal("3700.00")  # 2500 + 15 × 80


class TestVerlengingEnIndexatie:
    def test_zonder_data_geen_termijnen(self):
        assert regels.verlenging_data(date(2027, 1, 1), None, None) == (None, None)

    def test_alleen_bezwaartermijn(self):
        assert regels.verlenging_data(date(2030, 12, 31), None, (10, 1)) == (None, date(2030, 10, 1))

    @pytest.mark.parametrize(("basis", "pct", "onafgerond", "bedrag"), [
        (Decimal("2.50"), Decimal("1"), Decimal("2.525000"), Decimal("2.53")),  # half up, not half even (2.52)
        (Decimal("346.14"), Decimal("0"), Decimal("346.140000"), Decimal("346.14")),
        (Decimal("100"), Decimal("-1.5"), Decimal("98.500000"), Decimal("98.50")),  # a negative index lowers the tariff
    ])
    def test_indexeer(self, basis, pct, onafgerond, bedrag):
        assert regels.indexeer(basis, pct) == (onafgerond, bedrag)

    def test_gooi_gewichten_tellen_op_tot_100(self):
        # 003a §3.9: ambulant 90/8/2, residential 82/8/10.
        assert sum(g[1] for g in regels.GOOI_GEWICHTEN) == 100
        assert sum(g[2] for g in regels.GOOI_GEWICHTEN) == 100

    def test_gewogen_index_met_gelijke_componenten_is_dat_percentage(self):
        comps = [regels.Component(naam, Decimal("2.4"), amb, verb) for naam, amb, verb in regels.GOOI_GEWICHTEN]
        assert regels.gewogen_index(comps, verblijf=False) == Decimal("2.4")
        assert regels.gewogen_index(comps, verblijf=True) == Decimal("2.4")


class TestContractregels:
    def test_standaardwaarden_uit_de_bronnen(self, db):
        r = Contractregels()
        assert (r.termijn_niet_wezenlijk_maanden, r.termijn_wezenlijk_maanden) == (3, 9)  # 003a §3.7
        assert (r.vergoeding_per_client, r.peildatum_clienten_maanden) == (Decimal("150.00"), 1)  # 003a §3.5
        assert (r.rechtsvorm_vergoeding, r.rechtsvorm_uurtarief, r.rechtsvorm_uren_inbegrepen) == (
            Decimal("3000.00"), Decimal("75.00"), 40
        )  # 003a §3.4
        assert (r.peildatum_capaciteit_maand, r.peildatum_capaciteit_dag, r.contactpersoon_werkdagen) == (10, 1, 5)  # §3.7
        assert (r.addendum_herinneringen, r.bewijs_herinneringen) == ([30, 7], [6, 2])

    def test_herinneringen_lezen_ook_puntkomma_en_dubbele_waarden(self, db):
        r = Contractregels(herinnering_addendum_dagen="7; 30,7, x ,60", bewijs_herinnering_weken="")
        assert (r.addendum_herinneringen, r.bewijs_herinneringen) == ([60, 30, 7], [])

    def test_voor_geeft_standaard_zonder_opgeslagen_regels(self, gooi, mlo):
        mlo_ab, _ = mlo
        ab = Aanbesteding.objects.get(pk=mlo_ab.pk)
        assert Contractregels.voor(ab).uittredingsregime == Contractregels.Uittredingsregime.MLO
        Contractregels.objects.filter(aanbesteding=ab).delete()
        kaal = Contractregels.voor(Aanbesteding.objects.get(pk=ab.pk))
        assert kaal.pk is None and kaal.uittredingsregime == Contractregels.Uittredingsregime.GOOI
