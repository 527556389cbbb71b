"""Monitoring services (issue 14): KPI figures per period and perceel with the period rules, corrections audited
with old and new, staff figures, the upload with row-level errors (all or nothing), the template, and the monthly
wachttijden per perceel (003 r.554). With the sources' numbers: the MLO KPI "kosten per jeugdige t.o.v. 2019"
has norm -25 % (002 B1 13.7) and an orange border at -15 %."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from contractbeheer import regels
from contractbeheer.models import Kpiwaarde, Wachttijd
from contractbeheer.selectors import monitoring as sel
from contractbeheer.services import monitoring as svc
from core.kalender import TZ
from core.models import AuditRegel
from overeenkomst.models import Deelname, Overeenkomst

from ._monitoring import HEDEN, kosten_2019, vastleggen, wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def _csv(tekst: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("cijfers.csv", tekst.encode("utf-8"), content_type="text/csv")


# --- periods --------------------------------------------------------------------------------------------------


class TestPerioden:
    @pytest.mark.parametrize(("code", "soort", "start"), [
        ("2026-K1", "kwartaal", date(2026, 1, 1)), ("2025-k4", "kwartaal", date(2025, 10, 1)),
        ("2026-03", "maand", date(2026, 3, 1)), ("2025", "jaar", date(2025, 1, 1)),
    ])
    def test_code_heen_en_terug(self, code, soort, start):
        assert svc.periode_uit_code(code) == (soort, start)
        assert svc.periode_code(start, soort) == code.upper()

    @pytest.mark.parametrize("code", ["2026-K5", "2026-13", "26", "K1-2026", ""])
    def test_onzin_is_geen_periode(self, code):
        with pytest.raises(ValueError):
            svc.periode_uit_code(code)

    def test_uiterlijk_dertig_dagen_na_het_kwartaal(self):
        # Beheerregels.kpi_aanleveren_kalenderdagen = 30: Q1 ends 31-03, due 30-04.
        assert svc.uiterlijk(date(2026, 1, 1), "kwartaal", 30) == date(2026, 4, 30)
        assert svc.uiterlijk(date(2025, 1, 1), "jaar", 30) == date(2026, 1, 30)

    def test_lopend_kwartaal_en_voor_de_ingangsdatum_geweigerd(self, w):
        with pytest.raises(ValidationError, match="K2 2026 is nog niet voorbij"):
            svc.periode_controleren(w.ovk, "kwartaal", date(2026, 4, 1), date(2026, 4, 15))
        with pytest.raises(ValidationError, match="vóór de ingangsdatum van de overeenkomst \\(01-01-2024\\)"):
            svc.periode_controleren(w.ovk, "kwartaal", date(2023, 10, 1), date(2026, 4, 15))
        svc.periode_controleren(w.ovk, "kwartaal", date(2026, 1, 1), date(2026, 4, 15))  # just ended: fine


# --- KPI figures -----------------------------------------------------------------------------------------------


class TestKpiwaarden:
    def test_stoplicht_met_de_norm_van_de_bron(self, w):
        # 002 B1 13.7: -25 % against 2019. -26 meets it, -20 lies between the norm and -15, -10 is beyond.
        kpi = w.kpi("kosten-per-jeugdige-t-o-v-2019")
        assert (kpi.norm, kpi.drempel_oranje, kpi.richting) == (Decimal("-25"), Decimal("-15"), "lager")
        assert [sel.kleur_kpi(kpi, Decimal(x)) for x in ("-26", "-25", "-20", "-15", "-10")] == [
            "groen", "groen", "oranje", "oranje", "rood"]

    def test_vastleggen_en_corrigeren_met_audit(self, w):
        assert kosten_2019(w, w.ovk, w.lid, "-20") == {"nieuw": 1, "gecorrigeerd": 0, "ongewijzigd": 0}
        waarde = Kpiwaarde.objects.get()
        assert (waarde.waarde, waarde.perceel, waarde.herkomst, waarde.vastgelegd_door) == (
            Decimal("-20.00"), w.perceel, "portaal", w.lid)
        regel = AuditRegel.objects.get(actie="contractbeheer.kpiwaarde_vastgelegd")
        assert regel.nieuwe_waarden["waarde"] == "-20.00" and regel.nieuwe_waarden["periode"] == "2025"
        # Same value again: nothing changes, no audit entry.
        assert kosten_2019(w, w.ovk, w.lid, "-20")["ongewijzigd"] == 1
        # A correction replaces the value; the audit keeps old and new.
        assert kosten_2019(w, w.ovk, w.lid, "-26")["gecorrigeerd"] == 1
        assert Kpiwaarde.objects.get().waarde == Decimal("-26.00")
        correctie = AuditRegel.objects.get(actie="contractbeheer.kpiwaarde_gecorrigeerd")
        assert (correctie.oude_waarden["waarde"], correctie.nieuwe_waarden["waarde"]) == ("-20.00", "-26.00")
        assert Kpiwaarde.objects.count() == 1

    def test_andere_aanbieder_mag_niet(self, w):
        with pytest.raises(PermissionDenied):
            kosten_2019(w, w.ovk, w.andere_lid, "-26")
        assert not Kpiwaarde.objects.exists()

    def test_per_perceel_vraagt_een_perceel_en_een_eigen_perceel(self, w):
        kpi = w.kpi("kosten-per-jeugdige-t-o-v-2019")
        with pytest.raises(ValidationError, match="Geef bij .* het perceel"):
            vastleggen(w.ovk, w.lid, [svc.Cijfer(kpi, None, date(2025, 1, 1), Decimal("-26"))])
        with pytest.raises(ValidationError, match="niet .*deel aan perceel 5.10"):
            vastleggen(w.ovk, w.lid, [svc.Cijfer(kpi, w.bhl, date(2025, 1, 1), Decimal("-26"))])
        uitval = w.kpi("uitval")
        with pytest.raises(ValidationError, match="niet per perceel aangeleverd"):
            vastleggen(w.ovk, w.lid, [svc.Cijfer(uitval, w.perceel, date(2026, 1, 1), Decimal("8"))])

    def test_beeindigde_deelname_levert_niet_meer(self, w):
        Deelname.objects.filter(overeenkomst=w.ovk).update(status=Deelname.Status.BEEINDIGD)
        assert svc.lopende_percelen(w.ovk) == []
        with pytest.raises(ValidationError, match="niet .*deel aan perceel ambulant"):
            kosten_2019(w, w.ovk, w.lid, "-26")

    def test_kpi_van_een_andere_procedure(self, w):
        klachten = w.kpi("gegronde-klachten", w.gooi)
        with pytest.raises(ValidationError, match="hoort niet bij de procedure"):
            vastleggen(w.ovk, w.lid, [svc.Cijfer(klachten, None, date(2026, 1, 1), Decimal("1"))])

    def test_toekomst_en_voor_de_start_alles_of_niets(self, w):
        uitval = w.kpi("uitval")
        with pytest.raises(ValidationError) as fout:
            vastleggen(w.ovk, w.lid, [svc.Cijfer(uitval, None, date(2026, 1, 1), Decimal("8")),
                                      svc.Cijfer(uitval, None, date(2026, 4, 1), Decimal("8")),
                                      svc.Cijfer(uitval, None, date(2023, 10, 1), Decimal("8"))])
        assert len(fout.value.messages) == 2
        assert not Kpiwaarde.objects.exists()

    def test_beeindigde_overeenkomst(self, w):
        Overeenkomst.objects.filter(pk=w.ovk.pk).update(status=Overeenkomst.Status.BEEINDIGD)
        w.ovk.refresh_from_db()
        with pytest.raises(ValidationError, match="loopt niet meer"):
            kosten_2019(w, w.ovk, w.lid, "-26")

    def test_clientnaam_in_toelichting_geweigerd(self, w):
        uitval = w.kpi("uitval")
        with pytest.raises(ValidationError):
            vastleggen(w.ovk, w.lid, [svc.Cijfer(uitval, None, date(2026, 1, 1), Decimal("8"),
                                                 "Uitval door BSN 111222333")])

    def test_bureau_legt_vast_met_herkomst_staf(self, w, contractmanager_a, contractmanager_b):
        cijfer = svc.Cijfer(w.kpi("uitval"), None, date(2026, 1, 1), Decimal("12.5"), "Per e-mail ontvangen")
        with pytest.raises(PermissionDenied):
            svc.kpiwaarde_vastleggen_door_bureau(overeenkomst=w.ovk, cijfer=cijfer, door=contractmanager_b)
        with pytest.raises(PermissionDenied):
            svc.kpiwaarde_vastleggen_door_bureau(overeenkomst=w.ovk, cijfer=cijfer, door=w.lid)
        with time_machine.travel(HEDEN, tick=False):
            svc.kpiwaarde_vastleggen_door_bureau(overeenkomst=w.ovk, cijfer=cijfer, door=contractmanager_a)
        waarde = Kpiwaarde.objects.get()
        assert (waarde.herkomst, waarde.vastgelegd_door, waarde.waarde) == ("staf", contractmanager_a,
                                                                            Decimal("12.50"))
        assert sel.kleur_kpi(waarde.kpi, waarde.waarde) == "oranje"  # norm 10, orange up to 15
        with time_machine.travel(HEDEN, tick=False), pytest.raises(ValidationError, match="nog niet voorbij"):
            svc.kpiwaarde_vastleggen_door_bureau(overeenkomst=w.ovk, door=contractmanager_a, cijfer=svc.Cijfer(
                w.kpi("uitval"), None, date(2026, 4, 1), Decimal("1")))


# --- upload ---------------------------------------------------------------------------------------------------


class TestUpload:
    def test_goed_bestand_met_negatieve_procenten_en_komma(self, w):
        bestand = _csv("kpi_code;kpi_naam;perceel_code;periode;waarde;toelichting\n"
                       "kosten-per-jeugdige-t-o-v-2019;Kosten;ambulant;2025;-26,5;\n"
                       "uitval;Uitval;;2026-K1;8,25%;Minder uitval na de nieuwe intake\n"
                       "kosten-per-jeugdige;Kosten;ambulant;2025-K4;€ 2.450,00;\n")
        with time_machine.travel(HEDEN, tick=False):
            telling = svc.kpi_upload_verwerken(overeenkomst=w.ovk, bestand=bestand, door=w.lid)
        assert telling["nieuw"] == 3
        waarden = {w_.kpi.code: w_.waarde for w_ in Kpiwaarde.objects.select_related("kpi")}
        assert waarden == {"kosten-per-jeugdige-t-o-v-2019": Decimal("-26.50"), "uitval": Decimal("8.25"),
                           "kosten-per-jeugdige": Decimal("2450.00")}
        assert set(Kpiwaarde.objects.values_list("herkomst", flat=True)) == {"upload"}

    def test_een_foute_rij_en_er_wordt_niets_opgeslagen(self, w):
        bestand = _csv("kpi_code;perceel_code;periode;waarde\n"
                       "uitval;;2026-K1;8\n"                      # row 2: fine
                       "bestaat-niet;;2026-K1;8\n"                # row 3: unknown KPI
                       "uitval;;2026-K2;8\n"                      # row 4: quarter not over
                       "uitval;;2026-03;8\n"                      # row 5: monthly period for a quarterly KPI
                       "uitval;;2026-K1;=1+1\n"                   # row 6: formula
                       "uitval;;2025-K4;veel\n"                   # row 7: not a number
                       "kosten-per-jeugdige;5.10;2025-K4;1\n"     # row 8: perceel not joined
                       "uitval;;2023-K1;8\n"                      # row 9: before the agreement
                       "uitval;;2026-K1;9\n"                      # row 10: same figure as row 2
                       "tevredenheid;;vorig jaar;7\n")            # row 11: no period
        with time_machine.travel(HEDEN, tick=False), pytest.raises(ValidationError) as fout:
            svc.kpi_upload_verwerken(overeenkomst=w.ovk, bestand=bestand, door=w.lid)
        berichten = fout.value.messages
        assert [b.split(":")[0] for b in berichten] == [f"Rij {i}" for i in range(3, 12)]
        for stuk in ("“bestaat-niet” is geen KPI van deze procedure", "K2 2026 is nog niet voorbij",
                     "per kwartaal aangeleverd, niet voor “2026-03”", "de waarde is een formule",
                     "“veel” is geen getal", "“5.10” is geen perceel waaraan u deelneemt",
                     "vóór de ingangsdatum", "dit cijfer staat ook al in rij 2", "“vorig jaar” is geen periode"):
            assert any(stuk in b for b in berichten), stuk
        assert not Kpiwaarde.objects.exists()

    def test_geen_sjabloon(self, w):
        with pytest.raises(ValidationError, match="kpi_code"):
            svc.kpi_upload_lezen(overeenkomst=w.ovk, bestand=_csv("a;b\n1;2\n"), vandaag=date(2026, 4, 15))
        with pytest.raises(ValidationError, match="geen cijfers"):
            svc.kpi_upload_lezen(overeenkomst=w.ovk, bestand=_csv("kpi_code;perceel_code;periode;waarde\n"),
                                 vandaag=date(2026, 4, 15))

    def test_andere_aanbieder_mag_niet_uploaden(self, w):
        with pytest.raises(PermissionDenied):
            svc.kpi_upload_verwerken(overeenkomst=w.ovk, bestand=_csv("kpi_code\n"), door=w.andere_lid)

    def test_sjabloon_xlsx_ingevuld_terug(self, w):
        from openpyxl import load_workbook

        with time_machine.travel(HEDEN, tick=False):
            inhoud = svc.kpi_sjabloon(w.ovk)
        wb = load_workbook(io.BytesIO(inhoud))
        blad = wb[svc.BLADNAAM]
        rijen = [[c.value for c in r] for r in blad.iter_rows()]
        assert rijen[0] == list(svc.KOLOMMEN)
        # Quarterly KPIs for Q1 2026 (per perceel where asked), yearly ones for 2025.
        assert ["kosten-per-jeugdige", "Kosten per jeugdige", "ambulant", "2026-K1", None, None] in rijen
        assert ["kosten-per-jeugdige-t-o-v-2019", "Kosten per jeugdige t.o.v. 2019", "ambulant", "2025", None,
                None] in rijen
        assert ["uitval", "Uitval", None, "2026-K1", None, None] in rijen
        assert len(rijen) == 1 + 6
        for r in blad.iter_rows(min_row=2):
            r[4].value = 70
        uit = io.BytesIO()
        wb.save(uit)
        bestand = SimpleUploadedFile("kpi.xlsx", uit.getvalue(), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        with time_machine.travel(HEDEN, tick=False):
            assert svc.kpi_upload_verwerken(overeenkomst=w.ovk, bestand=bestand, door=w.lid)["nieuw"] == 6

    def test_sjabloon_csv_veilig(self, w):
        with time_machine.travel(HEDEN, tick=False):
            tekst = svc.kpi_sjabloon(w.ovk, formaat="csv").decode("utf-8-sig")
        assert tekst.splitlines()[0] == ";".join(svc.KOLOMMEN)
        assert "uitval;Uitval;;2026-K1;;" in tekst

    def test_sjabloon_zonder_afgelopen_periode(self, w):
        Overeenkomst.objects.filter(pk=w.ovk.pk).update(startdatum=date(2026, 4, 1))
        w.ovk.refresh_from_db()
        assert svc.sjabloon_rijen(w.ovk, date(2026, 4, 15)) == []


# --- wachttijden ----------------------------------------------------------------------------------------------


def _wacht(dagen, **extra):
    return {"wachttijd_dagen": dagen, "wachtenden": 4, "capaciteit_vrij": 1, "capaciteit_aangehouden": 2,
            "toelichting": "", **extra}


class TestWachttijden:
    def test_vastleggen_corrigeren_en_stoplicht_tegen_de_norm(self, w):
        # 002 B1 17.2: ten working days = 14 calendar days (bronnen). 10 green, 11 orange (>= 75 %), 15 red.
        assert [regels.wachttijd_stoplicht(d, 14) for d in (10, 11, 14, 15)] == ["groen", "oranje", "oranje", "rood"]
        with time_machine.travel(HEDEN, tick=False):
            assert svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 4, 1),
                                              per_perceel={w.perceel: _wacht(10)}, door=w.lid)["nieuw"] == 1
            svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 4, 1),
                                       per_perceel={w.perceel: _wacht(15)}, door=w.lid)
        wt = Wachttijd.objects.get()
        assert (wt.wachttijd_dagen, wt.capaciteit_aangehouden, wt.vastgelegd_door) == (15, 2, w.lid)
        regel = AuditRegel.objects.get(actie="contractbeheer.wachttijd_gecorrigeerd")
        assert (regel.oude_waarden["wachttijd_dagen"], regel.nieuwe_waarden["wachttijd_dagen"]) == (10, 15)
        assert AuditRegel.objects.filter(actie="contractbeheer.wachttijd_vastgelegd").count() == 1

    def test_toekomstige_maand_en_voor_de_start(self, w):
        with time_machine.travel(HEDEN, tick=False):
            with pytest.raises(ValidationError, match="mei 2026 ligt in de toekomst"):
                svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 5, 1),
                                           per_perceel={w.perceel: _wacht(3)}, door=w.lid)
            with pytest.raises(ValidationError, match="december 2023 ligt vóór de ingangsdatum"):
                svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2023, 12, 1),
                                           per_perceel={w.perceel: _wacht(3)}, door=w.lid)
            with pytest.raises(ValidationError, match="eerste dag"):
                svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 5),
                                           per_perceel={w.perceel: _wacht(3)}, door=w.lid)
        assert not Wachttijd.objects.exists()

    def test_perceel_en_rechten(self, w):
        with time_machine.travel(HEDEN, tick=False):
            with pytest.raises(ValidationError, match="perceel 5.10"):
                svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1),
                                           per_perceel={w.bhl: _wacht(3)}, door=w.lid)
            with pytest.raises(ValidationError, match="ten minste één perceel"):
                svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1), per_perceel={}, door=w.lid)
            with pytest.raises(ValidationError, match="0 of meer"):
                svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1),
                                           per_perceel={w.perceel: _wacht(-1)}, door=w.lid)
            with pytest.raises(PermissionDenied):
                svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1),
                                           per_perceel={w.perceel: _wacht(3)}, door=w.gooi_lid)
            with pytest.raises(ValidationError):
                svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1),
                                           per_perceel={w.perceel: _wacht(3, toelichting="BSN 111222333")},
                                           door=w.lid)


# --- the provider's overview ----------------------------------------------------------------------------------


class TestOverzicht:
    def test_te_laat_en_open(self, w):
        with time_machine.travel(HEDEN, tick=False):
            svc.kpiwaarden_vastleggen(overeenkomst=w.ovk, door=w.lid, cijfers=[
                svc.Cijfer(k, w.perceel if k.per_perceel else None, date(2025, 7, 1), Decimal("70"))
                for k in w.mlo.kpis.filter(periode="kwartaal")])
        o = sel.aanbieder_overzicht(w.ovk, date(2026, 4, 15))
        per = {p.label: p for p in o.perioden}
        # Since 01-01-2024, quarterly and yearly, up to the last ended period.
        assert {"K2 2024", "K3 2025", "K4 2025", "K1 2026", "2024", "2025"} <= set(per)
        assert "K2 2026" not in per and "2026" not in per
        assert per["K3 2025"].compleet and not per["K3 2025"].te_laat
        assert per["K4 2025"].te_laat and per["K4 2025"].uiterlijk == date(2026, 1, 30)
        assert not per["K1 2026"].te_laat and per["K1 2026"].uiterlijk == date(2026, 4, 30)
        assert per["2025"].te_laat  # due 30-01-2026
        assert per["K3 2025"].verwacht == 4  # kosten, instroom (per perceel), uitval, doelrealisatie
        assert [p.label for p, _ in o.geschiedenis] == ["K3 2025"]
        assert o.maanden[0][1] == "april 2026" and len(o.maanden) == 25

    def test_venster_van_twee_jaar(self, w):
        Overeenkomst.objects.filter(pk=w.ovk.pk).update(startdatum=date(2020, 1, 1))
        w.ovk.refresh_from_db()
        o = sel.aanbieder_overzicht(w.ovk, date(2026, 4, 15))
        kwartalen = [p for p in o.perioden if p.soort == "kwartaal"]
        assert kwartalen[-1].label == "K2 2024" and len(kwartalen) == 8


# --- steering information ------------------------------------------------------------------------------------


@pytest.fixture
def omzet(w):
    from ._monitoring import goedgekeurde_omzet

    gemeenten = list(w.mlo.deelnemende_gemeenten.select_related("gemeente").order_by("gemeente__naam"))
    horst, venlo = gemeenten[0].gemeente, gemeenten[1].gemeente
    product = w.perceel.producten.get()
    goedgekeurde_omzet(w.ovk, 2024, {venlo: "300000", horst: "100000"}, product, Decimal("1000"))
    goedgekeurde_omzet(w.ovk, 2025, {venlo: "500000", horst: "200000"}, product, Decimal("1500"))
    goedgekeurde_omzet(w.andere_ovk, 2025, {venlo: "250000"}, product, Decimal("400"))
    return venlo, horst


class TestStuurinformatie:
    def test_omzet_per_gemeente_en_product(self, w, omzet):
        venlo, horst = omzet
        rijen = {(r["jaar"], r["gemeente"]): r["omzet"] for r in sel.omzet_per_gemeente(w.mlo)}
        assert rijen == {(2024, venlo.naam): Decimal("300000"), (2024, horst.naam): Decimal("100000"),
                         (2025, venlo.naam): Decimal("750000"), (2025, horst.naam): Decimal("200000")}
        product = {(r["jaar"], r["code"]): (r["aantal"], r["omzet"]) for r in sel.eenheden_per_product(w.mlo)}
        assert product == {(2024, "45A04"): (Decimal("2000"), Decimal("400000")),
                           (2025, "45A04"): (Decimal("3400"), Decimal("950000"))}

    def test_alleen_goedgekeurd_telt(self, w, omzet):
        from contractbeheer.models import Verantwoordingsinzending

        Verantwoordingsinzending.objects.filter(verantwoording__overeenkomst=w.andere_ovk).update(
            status=Verantwoordingsinzending.Status.INGEDIEND)
        assert sel.omzet_per_aanbieder(w.mlo, 2025) == {w.ovk.pk: Decimal("700000")}

    def test_top_en_jaarvergelijking(self, w, omzet):
        top = sel.top_aanbieders(w.mlo, 2025)
        assert [(o.organisatie.naam, o.omzet, o.aandeel_pct) for o in top] == [
            ("Zorgkracht Jeugd", Decimal("700000"), Decimal("73.7")),
            ("Andere Aanbieder", Decimal("250000"), Decimal("26.3"))]
        assert [o.pk for o in sel.top_aanbieders(w.mlo, 2025, n=1)] == [w.ovk.pk]
        vergelijking = sel.jaarvergelijking(w.mlo)
        assert vergelijking[0] == {"jaar": 2024, "omzet": Decimal("400000"), "aanbieders": 1, "verschil": None,
                                   "verschil_pct": None}
        assert vergelijking[1] == {"jaar": 2025, "omzet": Decimal("950000"), "aanbieders": 2,
                                   "verschil": Decimal("550000"), "verschil_pct": Decimal("137.5")}

    def test_grootste_aanbieders_tachtig_procent(self, w, omzet):
        # 002 UOK 13.1: the providers with together 80 % of the turnover. 700k of 950k is 73.7 %: not enough,
        # so the second provider counts too.
        assert [o.pk for o in sel.grootste_aanbieders(w.mlo, 2025)] == [w.ovk.pk, w.andere_ovk.pk]
        # At 70 % the largest alone suffices.
        w.mlo.beheerregels.gesprekken_omzetaandeel_pct = 70
        w.mlo.beheerregels.save()
        grootste = sel.grootste_aanbieders(w.mlo, 2025)
        assert [(o.pk, o.omzet) for o in grootste] == [(w.ovk.pk, Decimal("700000"))]
        assert sel.grootste_aanbieders(w.mlo, 2019) == []


def test_dashboard_regels_laatste_cijfer_en_wachttijd(w):
    kosten_2019(w, w.ovk, w.lid, "-20", jaar=2024)
    kosten_2019(w, w.ovk, w.lid, "-26", jaar=2025)
    kosten_2019(w, w.andere_ovk, w.andere_lid, "-10", jaar=2025)
    with time_machine.travel(HEDEN, tick=False):
        svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1), per_perceel={w.perceel: _wacht(30)},
                                   door=w.lid)
    kpis = list(w.mlo.kpis.all())
    normen = list(w.mlo.wachttijdnormen.all())
    i = [k.code for k in kpis].index("kosten-per-jeugdige-t-o-v-2019")
    regels_ = sel.dashboard_regels([w.ovk, w.andere_ovk], kpis, normen, van=date(2024, 1, 1), tot=date(2026, 4, 15))
    assert regels_[0].cellen[i] == [("ambulant", Decimal("-26.00"), "2025", "groen")]
    assert regels_[1].cellen[i] == [("ambulant", Decimal("-10.00"), "2025", "rood")]
    assert regels_[0].wachttijden == [("ambulant", 30, "maart 2026", "rood", 14)]
    assert (regels_[0].rood, regels_[1].rood) == (1, 1)
    # The range decides which figure is the latest.
    regels_ = sel.dashboard_regels([w.ovk], kpis, normen, van=date(2024, 1, 1), tot=date(2024, 12, 31))
    assert regels_[0].cellen[i] == [("ambulant", Decimal("-20.00"), "2024", "oranje")]
    assert regels_[0].wachttijden == []


def test_wachttijdnorm_per_perceel_gaat_voor(w):
    from contractbeheer.models import Wachttijdnorm

    normen = list(Wachttijdnorm.objects.filter(aanbesteding=w.gooi))
    assert sel.norm_voor(normen, w.bhl.pk).max_dagen == 28  # 003 r.546: vier weken
    eigen = Wachttijdnorm.objects.create(aanbesteding=w.gooi, perceel=w.bhl, naam="Treeknorm", max_dagen=42)
    assert sel.norm_voor([*normen, eigen], w.bhl.pk) == eigen
    assert sel.norm_voor([], w.bhl.pk) is None


def test_klok(w):
    # The provider's moment of recording is the server's clock.
    with time_machine.travel(datetime(2026, 4, 15, 10, 0, tzinfo=TZ), tick=False):
        kosten_2019(w, w.ovk, w.lid, "-26")
    assert Kpiwaarde.objects.get().vastgelegd_op == datetime(2026, 4, 15, 10, 0, tzinfo=TZ)


def test_maand_controleren(w):
    svc.maand_controleren(w.ovk, date(2026, 4, 1), date(2026, 4, 15))  # the current month may be filled
    svc.maand_controleren(w.ovk, date(2024, 1, 1), date(2026, 4, 15))  # the month the agreement started
    with pytest.raises(ValidationError, match="mei 2026 ligt in de toekomst"):
        svc.maand_controleren(w.ovk, date(2026, 5, 1), date(2026, 4, 15))
    with pytest.raises(ValidationError, match="december 2023"):
        svc.maand_controleren(w.ovk, date(2023, 12, 1), date(2026, 4, 15))
