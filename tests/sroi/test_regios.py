"""Issue 17, SROI per region: an SROI-adviseur of region A sees, exports and assesses the SROI of region A only.

Each test pairs the control (the adviser of the own region sees it / may do it) with the refusal (the adviser of
the other region gets a 404 on a screen or an export, an invalid choice in a form, a PermissionDenied from a
service, and no rows in lists).
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sroi import bron, services
from sroi.models import SroiActiviteit, SroiOmzet, SroiPlan, SroiRapportage, SroiRegime
from sroi.permissions import BUITEN_REGIO, mag_beoordelen_in, sroi_bereik
from tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.sroi.conftest import APRIL_2020, regel_van
from tests.sroi.factories import AanbestedingFactory, OvereenkomstFactory, met_regime, pdf_upload

LIJSTEN = ["sroi_admin_dashboard", "sroi_admin_plannen", "sroi_admin_activiteiten", "sroi_admin_rapportages",
           "sroi_admin_omzet_import", "sroi_admin_regime_laden"]


def _aanbieder(ab, naam: str, kvk: str):
    org = OrganisatieFactory(naam=naam, kvk_nummer=kvk)
    lid = LidmaatschapFactory(organisatie=org).user
    return OvereenkomstFactory(aanbesteding=ab, organisatie=org), lid


def _regio_opzet(regio, naam: str, kvk: str) -> SimpleNamespace:
    """One region's SROI: an MLO-regime procedure, a provider with turnover, a submitted report, a submitted plan
    and an activity awaiting approval. The markers carry ``naam`` (a town: the region names also occur in static texts of the screens)."""
    ab = AanbestedingFactory(titel=f"SROI-procedure {naam}", regio=regio, opdrachtgever__regio=regio,
                             looptijd_start=date(2020, 1, 1), looptijd_einde=date(2023, 12, 31))
    met_regime(ab, "mlo")
    ovk, lid = _aanbieder(ab, f"Sociale onderneming {naam}", kvk)
    services.omzet_vastleggen(overeenkomst=ovk, jaar=2020, omzet=D("1000000"), door=lid)
    with time_machine.travel(APRIL_2020, tick=False):
        services.rapportages_bijwerken(ovk)
        rapportage = ovk.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=1)
        services.rapportage_indienen(rapportage=rapportage, door=lid)
    plan = services.plan_indienen(overeenkomst=ovk, bestand=pdf_upload(1, f"plan-{naam.lower()}.pdf"), door=lid)
    activiteit = services.activiteit_registreren(
        overeenkomst=ovk, regel=regel_van(ab, "c1"), door=lid, omschrijving=f"Inkoop bij {naam}",
        startdatum=date(2021, 3, 1), bedrag=D("3450.00"),
    )
    return SimpleNamespace(regio=regio, naam=naam, ab=ab, ovk=ovk, lid=lid, rapportage=rapportage, plan=plan,
                           activiteit=activiteit, kvk=kvk)


@pytest.fixture
def a(regio_a):
    return _regio_opzet(regio_a, "Hilversum", "11111111")


@pytest.fixture
def b(regio_b):
    return _regio_opzet(regio_b, "Roermond", "22222222")


def _html(client, naam, **params) -> str:
    antwoord = client.get(reverse(naam), params)
    assert antwoord.status_code == 200, naam
    return antwoord.content.decode()


class TestSchermen:
    @pytest.mark.parametrize("naam", LIJSTEN)
    def test_adviseur_a_ziet_alleen_a(self, client, a, b, sroi_adviseur_a, naam):
        client.force_login(sroi_adviseur_a)
        html = _html(client, naam)
        assert "Roermond" not in html
        assert "Hilversum" in html  # procedure, provider or activity of the own region

    @pytest.mark.parametrize("naam", LIJSTEN)
    def test_adviseur_b_ziet_alleen_b(self, client, a, b, sroi_adviseur_b, naam):
        client.force_login(sroi_adviseur_b)
        html = _html(client, naam)
        assert "Hilversum" not in html and "Roermond" in html

    def test_adviseur_van_alle_regios_ziet_beide(self, client, a, b, sroi_adviseur):
        client.force_login(sroi_adviseur)
        html = _html(client, "sroi_admin_activiteiten")
        assert a.activiteit.omschrijving in html and b.activiteit.omschrijving in html

    def test_rapportage_van_andere_regio_404(self, client, a, b, sroi_adviseur_a):
        client.force_login(sroi_adviseur_a)
        assert client.get(reverse("sroi_admin_rapportage", args=[a.rapportage.pk])).status_code == 200
        vreemd = client.get(reverse("sroi_admin_rapportage", args=[b.rapportage.pk]))
        onbekend = client.get(reverse("sroi_admin_rapportage", args=[b.rapportage.pk + 1000]))
        assert vreemd.status_code == onbekend.status_code == 404
        assert vreemd.content == onbekend.content

    def test_rapportage_verifieren_andere_regio_404(self, client, a, b, sroi_adviseur_a):
        client.force_login(sroi_adviseur_a)
        assert client.post(reverse("sroi_admin_rapportage", args=[b.rapportage.pk]), {"actie": "verifieren"}).status_code == 404
        assert SroiRapportage.objects.get(pk=b.rapportage.pk).status == SroiRapportage.Status.INGEDIEND
        client.post(reverse("sroi_admin_rapportage", args=[a.rapportage.pk]), {"actie": "verifieren"})
        assert SroiRapportage.objects.get(pk=a.rapportage.pk).status == SroiRapportage.Status.GEVERIFIEERD

    def test_plan_beoordelen_andere_regio_404(self, client, a, b, sroi_adviseur_a):
        client.force_login(sroi_adviseur_a)
        url_b = reverse("sroi_admin_plan_beoordelen", args=[b.plan.pk])
        assert client.post(url_b, {"besluit": "goedkeuren"}).status_code == 404
        assert SroiPlan.objects.get(pk=b.plan.pk).status == SroiPlan.Status.INGEDIEND
        client.post(reverse("sroi_admin_plan_beoordelen", args=[a.plan.pk]), {"besluit": "goedkeuren"})
        assert SroiPlan.objects.get(pk=a.plan.pk).status == SroiPlan.Status.GOEDGEKEURD

    def test_activiteit_beoordelen_andere_regio_404(self, client, a, b, sroi_adviseur_a):
        client.force_login(sroi_adviseur_a)
        url_b = reverse("sroi_admin_activiteit_beoordelen", args=[b.activiteit.pk])
        assert client.post(url_b, {"besluit": "goedkeuren"}).status_code == 404
        assert SroiActiviteit.objects.get(pk=b.activiteit.pk).status == SroiActiviteit.Status.GEREGISTREERD
        client.post(reverse("sroi_admin_activiteit_beoordelen", args=[a.activiteit.pk]), {"besluit": "goedkeuren"})
        assert SroiActiviteit.objects.get(pk=a.activiteit.pk).status == SroiActiviteit.Status.GOEDGEKEURD

    def test_activiteitenfilter_op_procedure_van_andere_regio_geeft_niets(self, client, a, b, sroi_adviseur_a):
        client.force_login(sroi_adviseur_a)
        assert b.activiteit.omschrijving not in _html(client, "sroi_admin_activiteiten", aanbesteding=b.ab.pk)
        assert a.activiteit.omschrijving in _html(client, "sroi_admin_activiteiten", aanbesteding=a.ab.pk)


class TestDashboardEnExport:
    def test_dashboard_van_andere_regio_404(self, client, a, b, sroi_adviseur_a):
        client.force_login(sroi_adviseur_a)
        antwoord = client.get(reverse("sroi_admin_dashboard"), {"aanbesteding": a.ab.pk, "jaar": 2020})
        assert antwoord.status_code == 200
        assert [p.pk for p in antwoord.context["procedures"]] == [a.ab.pk]
        assert client.get(reverse("sroi_admin_dashboard"), {"aanbesteding": b.ab.pk, "jaar": 2020}).status_code == 404

    @pytest.mark.parametrize("formaat", ["csv", "xlsx"])
    def test_export_van_andere_regio_404(self, client, a, b, sroi_adviseur_a, formaat):
        client.force_login(sroi_adviseur_a)
        assert client.get(reverse("sroi_admin_dashboard"), {"aanbesteding": b.ab.pk, "jaar": 2020, "formaat": formaat}).status_code == 404
        antwoord = client.get(reverse("sroi_admin_dashboard"), {"aanbesteding": a.ab.pk, "jaar": 2020, "formaat": formaat})
        assert antwoord.status_code == 200
        if formaat == "csv":
            inhoud = antwoord.content.decode("utf-8-sig")
        else:
            blad = load_workbook(io.BytesIO(antwoord.content)).active
            inhoud = "\n".join(str(c.value) for rij in blad.iter_rows() for c in rij)
        assert "Sociale onderneming Hilversum" in inhoud and "Roermond" not in inhoud

    def test_export_zonder_keuze_neemt_eigen_procedure(self, client, a, b, sroi_adviseur_b):
        client.force_login(sroi_adviseur_b)
        antwoord = client.get(reverse("sroi_admin_dashboard"), {"jaar": 2020, "formaat": "csv"})
        inhoud = antwoord.content.decode("utf-8-sig")
        assert "Sociale onderneming Roermond" in inhoud and "Hilversum" not in inhoud


class TestFormulieren:
    def test_omzet_importeren_voor_andere_regio_ongeldige_keuze(self, client, a, b, sroi_adviseur_a):
        client.force_login(sroi_adviseur_a)
        bestand = SimpleUploadedFile("omzet.csv", f"kvk_nummer;jaar;omzet\n{b.kvk};2021;500000\n".encode())
        antwoord = client.post(reverse("sroi_admin_omzet_import"), {"aanbesteding": b.ab.pk, "bestand": bestand})
        assert "Selecteer een geldige keuze" in antwoord.content.decode()
        assert not SroiOmzet.objects.filter(overeenkomst=b.ovk, jaar=2021).exists()
        bestand = SimpleUploadedFile("omzet.csv", f"kvk_nummer;jaar;omzet\n{a.kvk};2021;500000\n".encode())
        client.post(reverse("sroi_admin_omzet_import"), {"aanbesteding": a.ab.pk, "bestand": bestand})
        assert SroiOmzet.objects.get(overeenkomst=a.ovk, jaar=2021).omzet == D("500000")

    def test_regime_laden_voor_andere_regio_ongeldige_keuze(self, client, a, b, sroi_adviseur_a):
        client.force_login(sroi_adviseur_a)
        gegevens = {"bron": "mlo", "geldig_vanaf": "2022-01-01"}
        antwoord = client.post(reverse("sroi_admin_regime_laden"), {"aanbesteding": b.ab.pk, **gegevens})
        assert "Selecteer een geldige keuze" in antwoord.content.decode()
        assert SroiRegime.objects.filter(aanbesteding=b.ab).count() == 1
        client.post(reverse("sroi_admin_regime_laden"), {"aanbesteding": a.ab.pk, **gegevens})
        assert SroiRegime.objects.filter(aanbesteding=a.ab).count() == 2


class TestSnippets:
    def test_regimes_tabellen_en_doelgroepen(self, client, a, b, sroi_adviseur_a):
        client.force_login(sroi_adviseur_a)
        regime_a, regime_b = SroiRegime.objects.get(aanbesteding=a.ab), SroiRegime.objects.get(aanbesteding=b.ab)
        assert client.get(reverse("wagtailsnippets_sroi_sroiregime:edit", args=[regime_b.pk])).status_code == 404
        assert client.get(reverse("wagtailsnippets_sroi_sroiregime:edit", args=[regime_a.pk])).status_code == 200
        for model in ("sroiregime", "waarderingstabel", "doelgroep"):
            html = client.get(reverse(f"wagtailsnippets_sroi_{model}:list")).content.decode()
            assert "Roermond" not in html, model
        tabellen = client.get(reverse("wagtailsnippets_sroi_waarderingstabel:list")).content.decode()
        assert a.ab.titel in tabellen


class TestAantalQueries:
    @pytest.mark.parametrize("naam", ["sroi_admin_dashboard", "sroi_admin_plannen", "sroi_admin_activiteiten", "sroi_admin_rapportages"])
    def test_werklijst_constant_in_eigen_regio(self, client, a, b, sroi_adviseur_a, django_assert_max_num_queries, naam):
        client.force_login(sroi_adviseur_a)
        params = {"aanbesteding": a.ab.pk, "jaar": 2020} if naam == "sroi_admin_dashboard" else {}
        client.get(reverse(naam), params)  # warm the session and Wagtail's caches
        with CaptureQueriesContext(connection) as een:
            client.get(reverse(naam), params)
        for i in range(3):
            ovk, lid = _aanbieder(a.ab, f"Extra {i}", f"3333333{i}")
            services.omzet_vastleggen(overeenkomst=ovk, jaar=2020, omzet=D("500000"), door=lid)
            services.plan_indienen(overeenkomst=ovk, bestand=pdf_upload(1), door=lid)
            services.activiteit_registreren(overeenkomst=ovk, regel=regel_van(a.ab, "c1"), door=lid, omschrijving="Inkoop",
                                            startdatum=date(2021, 3, 1), bedrag=D("100"))
            with time_machine.travel(APRIL_2020, tick=False):
                services.rapportages_bijwerken(ovk)
                services.rapportage_indienen(rapportage=ovk.sroi_rapportages.get(jaar=2020, volgnummer=1), door=lid)
        with django_assert_max_num_queries(len(een.captured_queries)):
            assert client.get(reverse(naam), params).status_code == 200


def _geweigerd(actie):
    with pytest.raises(PermissionDenied) as fout:
        actie()
    assert BUITEN_REGIO in str(fout.value)


class TestServices:
    def test_plan_beoordelen(self, a, b, sroi_adviseur_a):
        _geweigerd(lambda: services.plan_beoordelen(plan=b.plan, goedkeuren=True, door=sroi_adviseur_a))
        assert services.plan_beoordelen(plan=a.plan, goedkeuren=True, door=sroi_adviseur_a).status == SroiPlan.Status.GOEDGEKEURD

    def test_activiteit_beoordelen(self, a, b, sroi_adviseur_a):
        _geweigerd(lambda: services.activiteit_beoordelen(activiteit=b.activiteit, goedkeuren=True, door=sroi_adviseur_a))
        assert services.activiteit_beoordelen(activiteit=a.activiteit, goedkeuren=True,
                                              door=sroi_adviseur_a).status == SroiActiviteit.Status.GOEDGEKEURD

    def test_rapportage_verifieren_en_bewijs_vragen(self, a, b, sroi_adviseur_a):
        _geweigerd(lambda: services.rapportage_verifieren(rapportage=b.rapportage, door=sroi_adviseur_a))
        _geweigerd(lambda: services.rapportage_bewijs_vragen(rapportage=b.rapportage, verzoek="Loonstroken", door=sroi_adviseur_a))
        assert SroiRapportage.objects.get(pk=b.rapportage.pk).status == SroiRapportage.Status.INGEDIEND
        assert services.rapportage_bewijs_vragen(rapportage=a.rapportage, verzoek="Loonstroken",
                                                 door=sroi_adviseur_a).status == SroiRapportage.Status.BEWIJS_GEVRAAGD

    def test_rapportage_verifieren_eigen_regio(self, a, sroi_adviseur_a):
        assert services.rapportage_verifieren(rapportage=a.rapportage, door=sroi_adviseur_a).status == SroiRapportage.Status.GEVERIFIEERD

    def test_omzet(self, a, b, sroi_adviseur_a):
        _geweigerd(lambda: services.omzet_vastleggen(overeenkomst=b.ovk, jaar=2021, omzet=D("1"), door=sroi_adviseur_a,
                                                     bron=SroiOmzet.Bron.IMPORT))
        _geweigerd(lambda: services.omzet_importeren(
            aanbesteding=b.ab, bestand=SimpleUploadedFile("o.csv", f"kvk_nummer;jaar;omzet\n{b.kvk};2021;5\n".encode()),
            door=sroi_adviseur_a))
        assert services.omzet_vastleggen(overeenkomst=a.ovk, jaar=2021, omzet=D("1"), door=sroi_adviseur_a,
                                         bron=SroiOmzet.Bron.IMPORT).omzet == D("1.00")
        uitkomst = services.omzet_importeren(
            aanbesteding=a.ab, bestand=SimpleUploadedFile("o.csv", f"kvk_nummer;jaar;omzet\n{a.kvk};2022;5\n".encode()),
            door=sroi_adviseur_a)
        assert uitkomst.verwerkt == 1

    def test_regime_laden(self, a, b, sroi_adviseur_a):
        data = bron.laaddata("mlo", geldig_vanaf=date(2022, 1, 1))
        _geweigerd(lambda: services.regime_laden(aanbesteding=b.ab, bron=data, door=sroi_adviseur_a))
        assert services.regime_laden(aanbesteding=a.ab, bron=data, door=sroi_adviseur_a).aanbesteding == a.ab

    def test_bereik(self, a, regio_a, sroi_adviseur_a, sroi_adviseur_b, sroi_adviseur, contractmanager_a):
        assert sroi_bereik(sroi_adviseur_a).ids == {regio_a.pk}
        assert sroi_bereik(sroi_adviseur).alle
        assert mag_beoordelen_in(sroi_adviseur_a, a.plan) and not mag_beoordelen_in(sroi_adviseur_b, a.plan)
        assert not mag_beoordelen_in(contractmanager_a, a.plan)
