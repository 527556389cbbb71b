"""Monitoring pages (issue 14): the provider's overview, KPI form, upload with template and wachttijden form
under /mijn/verplichtingen/monitoring/, and the bureau's dashboard, provider page (SVG charts), export and
steering information in the admin. Rendered for real; permissions per persona; region scoping; no IDOR; the
dashboard in a constant number of queries (3 vs 12 providers)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contractbeheer.models import Kpiwaarde, Wachttijd
from contractbeheer.services import monitoring as svc
from overeenkomst.models import Overeenkomst

from . import factories as f
from ._monitoring import HEDEN, kosten_2019, vastleggen, wereld

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("contractbeheer_admin_monitoring")
EXPORT = reverse("contractbeheer_admin_monitoring_export")
STUUR = reverse("contractbeheer_admin_stuurinformatie")


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


@pytest.fixture(autouse=True)
def _heden():
    with time_machine.travel(HEDEN, tick=False):
        yield


def _tekst(antwoord) -> str:
    return antwoord.content.decode()


def _url(naam, *args):
    return reverse(f"contractbeheer:{naam}", args=args)


# --- provider --------------------------------------------------------------------------------------------------


class TestAanbieder:
    def test_lijst_gaat_door_naar_de_enige_overeenkomst(self, client, w):
        client.force_login(w.lid)
        antwoord = client.get(_url("monitoring"))
        assert antwoord.status_code == 302 and antwoord.url == _url("monitoring_overzicht", w.ovk.pk)

    def test_lijst_met_meer_overeenkomsten(self, client, w):
        ovk2 = Overeenkomst.objects.create(aanbesteding=w.gooi, organisatie=w.ovk.organisatie,
                                           startdatum=date(2024, 1, 1))
        client.force_login(w.lid)
        tekst = _tekst(client.get(_url("monitoring")))
        assert _url("monitoring_overzicht", w.ovk.pk) in tekst and _url("monitoring_overzicht", ovk2.pk) in tekst

    def test_overzicht_toont_te_laat_en_geschiedenis(self, client, w):
        kosten_2019(w, w.ovk, w.lid, "-26", jaar=2024)
        client.force_login(w.lid)
        antwoord = client.get(_url("monitoring_overzicht", w.ovk.pk))
        assert antwoord.status_code == 200
        tekst = _tekst(antwoord)
        for stuk in ("te laat", "K4 2025", "30-01-2026", _url("monitoring_cijfers", w.ovk.pk, "2026-K1"),
                     _url("monitoring_wachttijden", w.ovk.pk, "2026-04"), "Geschiedenis", "-26", "groen",
                     _url("monitoring_sjabloon", w.ovk.pk)):
            assert stuk in tekst, stuk
        assert "style=" not in tekst.split("<main", 1)[-1]

    def test_verplichtingen_linkt_naar_monitoring(self, client, w):
        client.force_login(w.lid)
        assert _url("monitoring") in _tekst(client.get(_url("verplichtingen")))

    def test_kpi_formulier_opslaan_en_corrigeren(self, client, w):
        client.force_login(w.lid)
        url = _url("monitoring_cijfers", w.ovk.pk, "2025")
        antwoord = client.get(url)
        assert antwoord.status_code == 200
        kpi = w.kpi("kosten-per-jeugdige-t-o-v-2019")
        veld = f"k{kpi.pk}_p{w.perceel.pk}"
        assert veld in antwoord.context["form"].fields
        antwoord = client.post(url, {veld: "-20,5", f"{veld}_t": "Eerste opgave"}, follow=True)
        assert "De cijfers over 2025 zijn opgeslagen (1 nieuw, 0 gecorrigeerd)." in _tekst(antwoord)
        assert Kpiwaarde.objects.get().waarde == Decimal("-20.50")
        # The form shows the figure again; a new value corrects it.
        assert client.get(url).context["form"].initial == {} and \
            client.get(url).context["form"].fields[veld].initial == Decimal("-20.50")
        client.post(url, {veld: "-26"})
        assert Kpiwaarde.objects.get().waarde == Decimal("-26.00")

    def test_kpi_formulier_geweigerd_houdt_invoer(self, client, w):
        client.force_login(w.lid)
        kpi = w.kpi("uitval")
        url = _url("monitoring_cijfers", w.ovk.pk, "2026-K1")
        antwoord = client.post(url, {f"k{kpi.pk}_p0": "8", f"k{kpi.pk}_p0_t": "Cliënt BSN 111222333"})
        assert antwoord.status_code == 200
        assert antwoord.context["form"].non_field_errors()
        assert 'value="8"' in _tekst(antwoord)
        assert not Kpiwaarde.objects.exists()
        # Empty form: nothing to save.
        antwoord = client.post(url, {})
        assert "Vul ten minste één cijfer in." in _tekst(antwoord)

    def test_lopende_periode_niet_in_te_vullen(self, client, w):
        client.force_login(w.lid)
        kpi = w.kpi("uitval")
        antwoord = client.post(_url("monitoring_cijfers", w.ovk.pk, "2026-K2"), {f"k{kpi.pk}_p0": "8"})
        assert "K2 2026 is nog niet voorbij" in _tekst(antwoord)
        assert not Kpiwaarde.objects.exists()
        assert client.get(_url("monitoring_cijfers", w.ovk.pk, "2026-13")).status_code == 404
        assert client.get(_url("monitoring_cijfers", w.ovk.pk, "2026-03")).status_code == 404  # no monthly KPIs

    def test_upload_met_fouten_per_rij(self, client, w):
        client.force_login(w.lid)
        bestand = SimpleUploadedFile("k.csv", b"kpi_code;perceel_code;periode;waarde\nuitval;;2026-K1;8\n"
                                              b"uitval;;2026-K1;=SUM(A1)\n", content_type="text/csv")
        antwoord = client.post(_url("monitoring_upload", w.ovk.pk), {"bestand": bestand})
        tekst = _tekst(antwoord)
        assert "Er is niets opgeslagen." in tekst and "Rij 3: de waarde is een formule" in tekst
        assert not Kpiwaarde.objects.exists()
        bestand = SimpleUploadedFile("k.csv", b"kpi_code;perceel_code;periode;waarde\nuitval;;2026-K1;8\n",
                                     content_type="text/csv")
        antwoord = client.post(_url("monitoring_upload", w.ovk.pk), {"bestand": bestand}, follow=True)
        assert "Het bestand is verwerkt: 1 nieuwe cijfers" in _tekst(antwoord)

    def test_sjabloon_downloaden(self, client, w):
        client.force_login(w.lid)
        antwoord = client.get(_url("monitoring_sjabloon", w.ovk.pk))
        assert antwoord["Content-Type"].startswith("application/vnd.openxmlformats")
        assert antwoord["Cache-Control"] == "private, no-store"
        antwoord = client.get(_url("monitoring_sjabloon", w.ovk.pk) + "?formaat=csv")
        assert antwoord.content.decode("utf-8-sig").startswith("kpi_code;kpi_naam;perceel_code")

    def test_wachttijden_formulier(self, client, w):
        client.force_login(w.lid)
        url = _url("monitoring_wachttijden", w.ovk.pk, "2026-03")
        antwoord = client.get(url)
        assert "norm 14 dagen" in _tekst(antwoord)
        p = w.perceel.pk
        gegevens = {f"p{p}_wachttijd_dagen": "12", f"p{p}_wachtenden": "5", f"p{p}_capaciteit_vrij": "0",
                    f"p{p}_capaciteit_aangehouden": "2", f"p{p}_toelichting": ""}
        antwoord = client.post(url, gegevens, follow=True)
        assert "De wachttijden over maart 2026 zijn opgeslagen." in _tekst(antwoord)
        wt = Wachttijd.objects.get()
        assert (wt.maand, wt.wachttijd_dagen, wt.wachtenden, wt.capaciteit_aangehouden) == (date(2026, 3, 1), 12,
                                                                                            5, 2)
        # A missing figure keeps the rest of the form.
        antwoord = client.post(url, {**gegevens, f"p{p}_wachtenden": ""})
        assert antwoord.status_code == 200 and 'value="12"' in _tekst(antwoord)
        # A future month is refused on the page.
        antwoord = client.post(_url("monitoring_wachttijden", w.ovk.pk, "2026-05"), gegevens)
        assert "mei 2026 ligt in de toekomst" in _tekst(antwoord)
        assert client.get(_url("monitoring_wachttijden", w.ovk.pk, "2026-K1")).status_code == 404

    @pytest.mark.parametrize("naam,extra", [
        ("monitoring_overzicht", ()), ("monitoring_cijfers", ("2025",)), ("monitoring_upload", ()),
        ("monitoring_sjabloon", ()), ("monitoring_wachttijden", ("2026-03",)),
    ])
    def test_andere_organisatie_krijgt_404(self, client, w, naam, extra):
        client.force_login(w.andere_lid)
        assert client.get(_url(naam, w.ovk.pk, *extra)).status_code == 404
        client.force_login(w.lid)
        assert client.get(_url(naam, w.ovk.pk, *extra)).status_code == 200

    def test_andere_organisatie_kan_niet_posten(self, client, w):
        client.force_login(w.andere_lid)
        kpi = w.kpi("uitval")
        assert client.post(_url("monitoring_cijfers", w.ovk.pk, "2026-K1"), {f"k{kpi.pk}_p0": "8"}).status_code \
            == 404
        assert not Kpiwaarde.objects.exists()

    def test_niet_ingelogd(self, client, w):
        assert client.get(_url("monitoring_overzicht", w.ovk.pk)).status_code == 302


# --- the bureau -----------------------------------------------------------------------------------------------


class TestDashboard:
    def test_stoplichten_van_de_bron(self, client, w, contractmanager_a):
        # 002 B1 13.7: -26 groen, -20 oranje, -10 rood.
        kosten_2019(w, w.ovk, w.lid, "-26")
        kosten_2019(w, w.andere_ovk, w.andere_lid, "-10")
        derde, lid = f.overeenkomst(w.mlo, w.perceel, naam="Derde Zorg")
        kosten_2019(w, derde, lid, "-20")
        client.force_login(contractmanager_a)
        antwoord = client.get(DASHBOARD, {"aanbesteding": w.mlo.pk})
        assert antwoord.status_code == 200
        regels_ = {r.overeenkomst.organisatie.naam: r for r in antwoord.context["regels"]}
        i = [k.code for k in antwoord.context["kpis"]].index("kosten-per-jeugdige-t-o-v-2019")
        assert [regels_[n].cellen[i][0][3] for n in ("Zorgkracht Jeugd", "Derde Zorg", "Andere Aanbieder")] == [
            "groen", "oranje", "rood"]
        tekst = _tekst(antwoord)
        assert "Kosten per jeugdige t.o.v. 2019" in tekst and "norm -25 %" in tekst
        assert "style=" not in tekst.split('class="nice-padding"', 1)[1]

    def test_perceel_filter_en_andere_procedure(self, client, w, contractmanager_a):
        client.force_login(contractmanager_a)
        antwoord = client.get(DASHBOARD, {"aanbesteding": w.gooi.pk, "perceel": w.bhl.pk})
        assert [r.overeenkomst for r in antwoord.context["regels"]] == [w.gooi_ovk]
        # A perceel of another procedure is dropped, not applied.
        antwoord = client.get(DASHBOARD, {"aanbesteding": w.mlo.pk, "perceel": w.bhl.pk})
        assert antwoord.context["w"]["perceel"] is None
        assert len(antwoord.context["regels"]) == 2

    def test_andere_regio_ziet_niets(self, client, w, contractmanager_b, regio_b):
        client.force_login(contractmanager_b)
        antwoord = client.get(DASHBOARD, {"aanbesteding": w.mlo.pk})
        assert antwoord.status_code == 200
        assert antwoord.context["regels"] == [] and "Zorgkracht" not in _tekst(antwoord)
        pagina = client.get(reverse("contractbeheer_admin_monitoring_aanbieder", args=[w.ovk.pk]))
        assert pagina.status_code == 404

    def test_geen_toegang_voor_beoordelaar(self, client, w, beoordelaar_a):
        client.force_login(beoordelaar_a)
        for url in (DASHBOARD, EXPORT, STUUR, reverse("contractbeheer_admin_monitoring_aanbieder", args=[w.ovk.pk])):
            assert client.get(url).status_code in (302, 403), url

    def test_inkoper_heeft_toegang(self, client, w, inkoper_a):
        client.force_login(inkoper_a)
        assert client.get(DASHBOARD).status_code == 200

    def test_vast_aantal_queries_3_en_12_aanbieders(self, client, regio_a, contractmanager_a):
        w = wereld(regio_a)
        client.force_login(contractmanager_a)

        def meten():
            client.get(DASHBOARD, {"aanbesteding": w.mlo.pk})  # warm (session, menu)
            with CaptureQueriesContext(connection) as q:
                antwoord = client.get(DASHBOARD, {"aanbesteding": w.mlo.pk})
            assert antwoord.status_code == 200
            return len(q), len(antwoord.context["regels"])

        def aanbieders_erbij(n):
            for i in range(n):
                ovk, lid = f.overeenkomst(w.mlo, w.perceel, naam=f"Aanbieder {n}-{i}")
                for jaar in (2024, 2025):
                    kosten_2019(w, ovk, lid, "-20", jaar=jaar)
                vastleggen(ovk, lid, [svc.Cijfer(w.kpi("uitval"), None, date(2025, 10, 1), Decimal("9"))])
                svc.wachttijden_vastleggen(overeenkomst=ovk, maand=date(2026, 3, 1), door=lid, per_perceel={
                    w.perceel: {"wachttijd_dagen": 9, "wachtenden": 1, "capaciteit_vrij": 0,
                                "capaciteit_aangehouden": 0}})

        aanbieders_erbij(1)
        klein, n_klein = meten()
        aanbieders_erbij(9)
        groot, n_groot = meten()
        assert (n_klein, n_groot) == (3, 12)
        assert klein == groot

    def test_aanbieder_pagina_met_svg_en_tabel(self, client, w, contractmanager_a):
        kosten_2019(w, w.ovk, w.lid, "-20", jaar=2024)
        kosten_2019(w, w.ovk, w.lid, "-26", jaar=2025)
        svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1), door=w.lid, per_perceel={
            w.perceel: {"wachttijd_dagen": 20, "wachtenden": 3, "capaciteit_vrij": 0, "capaciteit_aangehouden": 1}})
        client.force_login(contractmanager_a)
        antwoord = client.get(reverse("contractbeheer_admin_monitoring_aanbieder", args=[w.ovk.pk]))
        assert antwoord.status_code == 200
        tekst = _tekst(antwoord)
        assert tekst.count('role="img"') == len(antwoord.context["kpis"]) + 1
        kpi = w.kpi("kosten-per-jeugdige-t-o-v-2019")
        assert f'aria-labelledby="kpi-{kpi.pk}-titel kpi-{kpi.pk}-desc"' in tekst
        assert "Perceel ambulant: 2 cijfers, laatste -26 % (01-2025). Norm: -25 %." in tekst
        assert "<polyline" in tekst and "Nog geen cijfers" in tekst
        assert "rood" in tekst  # 20 days against 14
        assert "style=" not in tekst.split('class="nice-padding"', 1)[1]

    def test_bureau_legt_cijfer_vast_op_de_aanbiederpagina(self, client, w, contractmanager_a):
        client.force_login(contractmanager_a)
        url = reverse("contractbeheer_admin_monitoring_aanbieder", args=[w.ovk.pk])
        kpi = w.kpi("uitval")
        antwoord = client.post(url, {"kpi": kpi.pk, "periode": "2026-03", "waarde": "8", "toelichting": ""})
        assert "Deze KPI wordt per kwartaal aangeleverd." in _tekst(antwoord)
        antwoord = client.post(url, {"kpi": kpi.pk, "periode": "2026-K2", "waarde": "8"})
        assert "nog niet voorbij" in _tekst(antwoord)
        antwoord = client.post(url, {"kpi": kpi.pk, "periode": "2026-K1", "waarde": "8",
                                     "toelichting": "Per e-mail van 10-04-2026"}, follow=True)
        assert "Het cijfer is vastgelegd." in _tekst(antwoord)
        assert Kpiwaarde.objects.get().herkomst == "staf"


class TestExport:
    def test_csv_veilig_tegen_formules(self, client, w, contractmanager_a):
        vastleggen(w.ovk, w.lid, [svc.Cijfer(w.kpi("uitval"), None, date(2026, 1, 1), Decimal("-3"),
                                             "=HYPERLINK(\"http://x.example\")")])
        Overeenkomst.objects.filter(pk=w.ovk.pk).update()
        w.ovk.organisatie.naam = "@Zorg"
        w.ovk.organisatie.save()
        client.force_login(contractmanager_a)
        antwoord = client.get(EXPORT, {"aanbesteding": w.mlo.pk, "formaat": "csv"})
        assert antwoord["Content-Type"].startswith("text/csv")
        rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
        assert rijen[0][:3] == ["Aanbieder", "Procedure", "KPI"]
        assert rijen[1][0] == "'@Zorg" and rijen[1][10] == "'=HYPERLINK(\"http://x.example\")"
        assert rijen[1][6] == "-3.00" and rijen[1][8] == "groen"

    def test_wachttijden_csv_en_xlsx(self, client, w, contractmanager_a):
        from openpyxl import load_workbook

        svc.wachttijden_vastleggen(overeenkomst=w.ovk, maand=date(2026, 3, 1), door=w.lid, per_perceel={
            w.perceel: {"wachttijd_dagen": 11, "wachtenden": 3, "capaciteit_vrij": 0, "capaciteit_aangehouden": 1,
                        "toelichting": "+31 wachtlijst"}})
        kosten_2019(w, w.ovk, w.lid, "-20")
        client.force_login(contractmanager_a)
        antwoord = client.get(EXPORT, {"aanbesteding": w.mlo.pk, "formaat": "csv", "gegevens": "wachttijden"})
        rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
        assert rijen[1][2:7] == ["ambulant", "maart 2026", "11", "14", "oranje"]
        assert rijen[1][10] == "'+31 wachtlijst"
        antwoord = client.get(EXPORT, {"aanbesteding": w.mlo.pk, "formaat": "xlsx"})
        wb = load_workbook(io.BytesIO(antwoord.content))
        assert wb.sheetnames == ["KPI-cijfers", "Wachttijden"]
        assert wb["KPI-cijfers"]["I2"].value == "oranje"
        assert wb["Wachttijden"]["K2"].value == "'+31 wachtlijst"
        assert wb["Wachttijden"]["K2"].data_type != "f"

    def test_export_buiten_regio(self, client, w, contractmanager_b, regio_b):
        kosten_2019(w, w.ovk, w.lid, "-20")
        client.force_login(contractmanager_b)
        antwoord = client.get(EXPORT, {"aanbesteding": w.mlo.pk, "formaat": "csv"})
        assert "Zorgkracht" not in antwoord.content.decode("utf-8-sig", errors="replace")


class TestStuurinformatie:
    def test_pagina(self, client, w, contractmanager_a):
        from ._monitoring import goedgekeurde_omzet

        gemeente = w.mlo.deelnemende_gemeenten.select_related("gemeente").first().gemeente
        goedgekeurde_omzet(w.ovk, 2025, {gemeente: "500000"}, w.perceel.producten.get(), Decimal("1200"))
        goedgekeurde_omzet(w.andere_ovk, 2025, {gemeente: "100000"}, w.perceel.producten.get(), Decimal("300"))
        client.force_login(contractmanager_a)
        antwoord = client.get(STUUR, {"aanbesteding": w.mlo.pk})
        assert antwoord.status_code == 200
        tekst = _tekst(antwoord)
        for stuk in ("Top tien aanbieders 2025", "Zorgkracht Jeugd", "€ 500000", "83,3 %", "1500",
                     "samen 80 % van de omzet", gemeente.naam):
            assert stuk in tekst, stuk
        assert [o.pk for o in antwoord.context["grootste"]] == [w.ovk.pk]

    def test_snippets_kpi_en_wachttijdnorm(self, client, w, contractmanager_a):
        client.force_login(contractmanager_a)
        assert "Kosten per jeugdige" in _tekst(client.get("/admin/snippets/contractbeheer/kpi/"))
        assert "Vier weken" in _tekst(client.get("/admin/snippets/contractbeheer/wachttijdnorm/"))

    def test_menu(self, client, w, contractmanager_a):
        from contractbeheer.wagtail_hooks import _handhaving_items

        namen = [i.label for i in _handhaving_items()]
        assert "Monitoring" in namen and "Stuurinformatie" in namen
