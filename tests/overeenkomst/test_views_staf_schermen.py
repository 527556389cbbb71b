"""Staff screens in the Wagtail admin, read-only: who gets in, what they show, and that list pages keep a
constant number of queries (ARCHITECTURE rule 9). The POST side of these screens is being moved to Form classes;
actions are tested through the services instead.
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from overeenkomst import services
from overeenkomst.models import Addendum, Uittreding, Wijzigingsverzoek
from tests.factories import OrganisatieFactory
from tests.overeenkomst.factories import AanbestedingFactory, PerceelFactory, gooi_procedure

from ._hulp import contracteer
from .conftest import beheerder_van
from .helpers import gepubliceerd_addendum

LIJSTEN = ["overeenkomst_admin_dashboard", "overeenkomst_admin_lijst", "overeenkomst_admin_addenda", "overeenkomst_admin_indexatie",
           "overeenkomst_admin_verzoeken", "overeenkomst_admin_uittredingen", "overeenkomst_admin_bewijsstukken"]


@pytest.fixture
def ovk(gooi, aanbieder):
    ab, bhl, dag = gooi
    return contracteer(ab, aanbieder, [bhl, dag])


def _aantal_queries(client, url) -> int:
    client.get(url)  # warm the session and Wagtail's per-process caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


class TestToegang:
    @pytest.mark.parametrize("naam", LIJSTEN)
    def test_anoniem_naar_inloggen(self, client, db, naam):
        antwoord = client.get(reverse(naam))
        assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("account_login"))

    @pytest.mark.parametrize("persona", ["aanbieder_beheerder", "beoordelaar", "redacteur"])
    def test_geen_contractbeheer_komt_er_niet_in(self, client, ovk, request, persona):
        client.force_login(request.getfixturevalue(persona))
        for url in [reverse(n) for n in LIJSTEN] + [reverse("overeenkomst_admin_detail", args=[ovk.pk])]:
            antwoord = client.get(url)
            assert antwoord.status_code in (302, 403), url
            assert ovk.organisatie.naam not in antwoord.content.decode()

    @pytest.mark.parametrize("persona", ["contractmanager", "inkoper"])
    def test_contractbeheer_ziet_alles(self, client, ovk, request, persona):
        client.force_login(request.getfixturevalue(persona))
        for url in [reverse(n) for n in LIJSTEN] + [reverse("overeenkomst_admin_detail", args=[ovk.pk])]:
            assert client.get(url).status_code == 200, url

    def test_verlenging_via_get_doet_niets(self, client, gooi, contractmanager):
        ab, _, _ = gooi
        client.force_login(contractmanager)
        assert client.get(reverse("overeenkomst_admin_verlenging", args=[ab.pk])).status_code == 302
        assert not ab.verlengingsrondes.exists()

    def test_onbekende_overeenkomst_is_404(self, client, db, contractmanager):
        client.force_login(contractmanager)
        assert client.get(reverse("overeenkomst_admin_detail", args=[987654])).status_code == 404
        assert client.get(reverse("overeenkomst_admin_addendum", args=[987654])).status_code == 404


class TestInhoud:
    def test_addendumscherm_toont_termijn_en_uiterste_publicatiedatum(self, client, gooi, inkoper, contractmanager):
        # 003a §3.7: effective 1 January 2027, non-material → publish by 01-10-2026.
        ab, _, _ = gooi
        addendum = services.addendum_opstellen(aanbesteding=ab, titel="Tekstwijziging art. 12", tekst="...",
                                               ingangsdatum=date(2027, 1, 1), door=inkoper)
        client.force_login(contractmanager)
        with time_machine.travel(date(2026, 9, 1)):
            html = client.get(reverse("overeenkomst_admin_addendum", args=[addendum.pk])).content.decode()
        assert "Tekstwijziging art. 12" in html and "01-10-2026" in html

    def test_addendumscherm_toont_reacties(self, client, gooi, ovk, inkoper, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2026, 1, 5)):
            addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
        client.force_login(inkoper)
        html = client.get(reverse("overeenkomst_admin_addendum", args=[addendum.pk])).content.decode()
        assert ovk.organisatie.naam in html and "Wacht op reactie" in html

    def test_detail_toont_deelnames_en_aangekondigde_ronde(self, client, gooi, ovk, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2028, 8, 20)):
            services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
        client.force_login(contractmanager)
        html = client.get(reverse("overeenkomst_admin_detail", args=[ovk.pk])).content.decode()
        assert "5.10" in html and "5.4" in html and "31-12-2030" in html

    def test_verzoeken_toont_vergoeding_en_te_laat(self, client, ovk, aanbieder_beheerder, contractmanager):
        with time_machine.travel(date(2026, 9, 1)):
            services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=Wijzigingsverzoek.Soort.RECHTSVORM,
                                                wijzigingsdatum=date(2026, 12, 1), gegevens={"rechtsvorm": "stichting", "uren": 52},
                                                door=aanbieder_beheerder)
        with time_machine.travel(date(2026, 10, 5)):
            services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=Wijzigingsverzoek.Soort.CAPACITEIT,
                                                wijzigingsdatum=date(2026, 10, 5), gegevens={"capaciteit": "8"}, door=aanbieder_beheerder)
        client.force_login(contractmanager)
        html = client.get(reverse("overeenkomst_admin_verzoeken")).content.decode()
        assert "€ 3.900,00" in html  # 3000 + 12 h × 75 (003a §3.4)
        assert "te laat gemeld" in html  # capacity after 1 October

    def test_uittredingen_toont_vergoeding_optie_2(self, client, ovk, aanbieder_beheerder, contractmanager):
        with time_machine.travel(date(2026, 3, 15)):
            services.uittreding_melden(overeenkomst=ovk, optie=Uittreding.Optie.GOOI_2, aantal_clienten=12,
                                       continuiteit_toelichting="Overdracht", door=aanbieder_beheerder)
        client.force_login(contractmanager)
        html = client.get(reverse("overeenkomst_admin_uittredingen")).content.decode()
        assert "€ 1.800,00" in html and "12 cliënten" in html and "14-06-2026" in html
        # The wide table scrolls in its own focusable region, not the page (WCAG 1.4.10; axe scrollable-region-focusable).
        assert '<div class="w-overflow-x-auto" role="region" aria-label="Uittredingen" tabindex="0">' in html

    @time_machine.travel(date(2025, 9, 15))
    def test_indexatie_voorbeeld_toont_gewogen_tarief(self, client, gooi, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("1"), door=inkoper)
        client.force_login(inkoper)
        html = client.get(reverse("overeenkomst_admin_indexatie") + f"?ronde={ronde.pk}").content.decode()
        assert "€ 349,60" in html  # 346.14 × 1.01 = 349.6014 → € 349,60

    def test_bewijsstukken_venster_is_instelbaar(self, client, ovk, aanbieder, contractmanager):
        from inschrijving.models import Bewijsstuk

        Bewijsstuk.objects.create(
            organisatie=aanbieder, documentsoort="keurmerk", titel="HKZ-certificaat", originele_naam="hkz.pdf", sha256="0" * 64,
            mime_type="application/pdf", grootte=1234, afgiftedatum=date(2023, 6, 1), geldig_tot=date(2026, 8, 1), bestand="x/hkz.pdf",
        )
        client.force_login(contractmanager)
        with time_machine.travel(date(2026, 6, 1)):
            assert "HKZ-certificaat" not in client.get(reverse("overeenkomst_admin_bewijsstukken")).content.decode()  # 61 days > 42
            assert "HKZ-certificaat" in client.get(reverse("overeenkomst_admin_bewijsstukken") + "?dagen=61").content.decode()


class TestAantalQueries:
    def test_overeenkomsten_gelijk_bij_2_en_20(self, client, gooi, contractmanager):
        ab, bhl, dag = gooi
        client.force_login(contractmanager)
        tellingen = []
        for totaal in (2, 20):
            while ab.overeenkomsten.count() < totaal:
                contracteer(ab, OrganisatieFactory(), [bhl, dag])
            tellingen.append(_aantal_queries(client, reverse("overeenkomst_admin_lijst")))
        assert tellingen[0] == tellingen[1], tellingen

    def test_addenda_gelijk_bij_2_en_20(self, client, inkoper, contractmanager):
        client.force_login(contractmanager)
        tellingen = []
        for totaal in (2, 20):
            while Addendum.objects.count() < totaal:
                ab, _, _ = gooi_procedure()
                services.addendum_opstellen(aanbesteding=ab, titel="Wijziging", tekst="...", ingangsdatum=date(2027, 1, 1), door=inkoper)
            tellingen.append(_aantal_queries(client, reverse("overeenkomst_admin_addenda")))
        assert tellingen[0] == tellingen[1], tellingen

    def test_verzoeken_gelijk_bij_2_en_20(self, client, gooi, contractmanager):
        ab, bhl, _ = gooi
        client.force_login(contractmanager)
        tellingen = []
        for totaal in (2, 20):
            while Wijzigingsverzoek.objects.count() < totaal:
                org = OrganisatieFactory()
                ovk = contracteer(ab, org, [bhl])
                services.wijzigingsverzoek_indienen(overeenkomst=ovk, soort=Wijzigingsverzoek.Soort.ADRES, wijzigingsdatum=date(2026, 6, 1),
                                                    gegevens={"straat": "Larenseweg 30", "postcode": "1221 CN", "plaats": "Hilversum"},
                                                    door=beheerder_van(org))
            tellingen.append(_aantal_queries(client, reverse("overeenkomst_admin_verzoeken")))
        assert tellingen[0] == tellingen[1], tellingen

    def test_uittredingen_gelijk_bij_2_en_20(self, client, gooi, contractmanager):
        ab, bhl, dag = gooi
        client.force_login(contractmanager)
        tellingen = []
        for totaal in (2, 20):
            while Uittreding.objects.count() < totaal:
                org = OrganisatieFactory()
                ovk = contracteer(ab, org, [bhl, dag])
                services.uittreding_melden(overeenkomst=ovk, optie=Uittreding.Optie.GOOI_1, aantal_clienten=0, door=beheerder_van(org))
            tellingen.append(_aantal_queries(client, reverse("overeenkomst_admin_uittredingen")))
        assert tellingen[0] == tellingen[1], tellingen

    def test_detail_gelijk_bij_2_en_20_deelnames(self, client, contractmanager, aanbieder):
        ab = AanbestedingFactory()
        client.force_login(contractmanager)
        tellingen = []
        for totaal in (2, 20):
            percelen = list(ab.percelen.all())
            while len(percelen) < totaal:
                percelen.append(PerceelFactory(aanbesteding=ab))
            ovk = contracteer(ab, aanbieder, percelen)
            tellingen.append(_aantal_queries(client, reverse("overeenkomst_admin_detail", args=[ovk.pk])))
        assert tellingen[0] == tellingen[1], tellingen
