"""The provider's pages under mijn/overeenkomsten/: who may see them, CSRF, bad input and query counts.

Another organisation's agreement is a 404, never a 403 (views.py docstring); anonymous visitors are sent to
the login page; a refused service call becomes a Dutch message on the page and nothing is stored.
"""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from overeenkomst import services
from overeenkomst.models import AddendumReactie, Uittreding, Wijzigingsverzoek
from tests.factories import UserFactory
from tests.overeenkomst.factories import (
    AanbestedingFactory,
    PerceelFactory,
    ProductFactory,
    TariefFactory,
    gooi_procedure,
)

from ._hulp import auditregels, contracteer, medewerker_van
from .helpers import gepubliceerd_addendum


@pytest.fixture
def ovk(gooi, aanbieder, aanbieder_beheerder):
    ab, bhl, dag = gooi
    return contracteer(ab, aanbieder, [bhl, dag])


@pytest.fixture
def reactie(gooi, ovk, inkoper, contractmanager):
    ab, _, _ = gooi
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
    return addendum.reacties.get(overeenkomst=ovk)


def _urls(ovk, reactie=None):
    urls = [
        reverse("overeenkomst:lijst"),
        reverse("overeenkomst:detail", args=[ovk.pk]),
        reverse("overeenkomst:wijziging", args=[ovk.pk, "adres"]),
        reverse("overeenkomst:opzeggen", args=[ovk.pk]),
    ]
    if reactie is not None:
        urls.append(reverse("overeenkomst:addendum", args=[reactie.pk]))
    return urls


class TestToegang:
    def test_anoniem_naar_inloggen(self, client, ovk, reactie):
        for url in _urls(ovk, reactie):
            antwoord = client.get(url)
            assert antwoord.status_code == 302, url
            assert antwoord["Location"].startswith(reverse("account_login")) and "next=" in antwoord["Location"]

    def test_anoniem_post_slaat_niets_op(self, client, ovk, reactie):
        client.post(reverse("overeenkomst:addendum", args=[reactie.pk]), {"besluit": "aanvaard"})
        client.post(reverse("overeenkomst:opzeggen", args=[ovk.pk]), {"optie": "gooi_1", "aantal_clienten": "0"})
        assert AddendumReactie.objects.get(pk=reactie.pk).status == AddendumReactie.Status.OPEN
        assert not Uittreding.objects.exists()

    def test_gebruiker_zonder_organisatie_krijgt_404(self, client, ovk, reactie):
        client.force_login(UserFactory())
        for url in _urls(ovk, reactie):
            assert client.get(url).status_code == 404, url

    def test_andere_organisatie_krijgt_404_ook_bij_post(self, client, ovk, reactie, andere_beheerder):
        client.force_login(andere_beheerder)
        for url in _urls(ovk, reactie)[1:]:
            assert client.get(url).status_code == 404, url
        with time_machine.travel(date(2026, 2, 1)):
            assert client.post(reverse("overeenkomst:addendum", args=[reactie.pk]), {"besluit": "aanvaard"}).status_code == 404
            assert client.post(reverse("overeenkomst:opzeggen", args=[ovk.pk]), {"optie": "gooi_1"}).status_code == 404
        assert AddendumReactie.objects.get(pk=reactie.pk).status == AddendumReactie.Status.OPEN
        assert not Uittreding.objects.exists()

    def test_onbekende_soort_wijziging_is_404(self, client, ovk, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        assert client.get(reverse("overeenkomst:wijziging", args=[ovk.pk, "bankrekening"])).status_code == 404

    def test_medewerker_mag_kijken(self, client, ovk, aanbieder):
        client.force_login(medewerker_van(aanbieder))
        for url in _urls(ovk):
            assert client.get(url).status_code == 200, url


class TestCsrf:
    def test_post_zonder_token_geweigerd(self, ovk, reactie, aanbieder_beheerder):
        client = Client(enforce_csrf_checks=True)
        client.force_login(aanbieder_beheerder)
        with time_machine.travel(date(2026, 2, 1)):
            assert client.post(reverse("overeenkomst:addendum", args=[reactie.pk]), {"besluit": "aanvaard"}).status_code == 403
            assert client.post(reverse("overeenkomst:opzeggen", args=[ovk.pk]),
                               {"optie": "gooi_1", "aantal_clienten": "0"}).status_code == 403
            assert client.post(reverse("overeenkomst:wijziging", args=[ovk.pk, "adres"]), {
                "wijzigingsdatum": "2026-02-01", "straat": "Larenseweg 30", "postcode": "1221 CN", "plaats": "Hilversum",
            }).status_code == 403
        assert AddendumReactie.objects.get(pk=reactie.pk).status == AddendumReactie.Status.OPEN
        assert not Uittreding.objects.exists() and not Wijzigingsverzoek.objects.exists()

    def test_post_met_token_uit_het_formulier_werkt(self, ovk, reactie, aanbieder_beheerder):
        client = Client(enforce_csrf_checks=True)
        client.force_login(aanbieder_beheerder)
        url = reverse("overeenkomst:addendum", args=[reactie.pk])
        with time_machine.travel(date(2026, 2, 1)):
            client.get(url)
            token = client.cookies["csrftoken"].value
            antwoord = client.post(url, {"besluit": "aanvaard", "csrfmiddlewaretoken": token})
        assert antwoord.status_code == 302
        assert AddendumReactie.objects.get(pk=reactie.pk).status == AddendumReactie.Status.AANVAARD


class TestFouteInvoer:
    def test_wijziging_zonder_verplicht_veld(self, client, ovk, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        antwoord = client.post(reverse("overeenkomst:wijziging", args=[ovk.pk, "adres"]),
                               {"wijzigingsdatum": "2026-02-01", "straat": "Larenseweg 30", "plaats": "Hilversum"})
        assert antwoord.status_code == 200
        assert "Dit is een verplicht veld." in antwoord.content.decode()
        assert not Wijzigingsverzoek.objects.exists()

    def test_wijziging_met_onzinnige_datum(self, client, ovk, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        antwoord = client.post(reverse("overeenkomst:wijziging", args=[ovk.pk, "contactpersoon"]),
                               {"wijzigingsdatum": "31-02-2026", "contactpersoon": "M. de Vries", "contact_email": "geen-adres"})
        html = antwoord.content.decode()
        assert antwoord.status_code == 200
        assert "Voer een geldige datum in." in html and "Voer een geldig e-mailadres in." in html
        assert not Wijzigingsverzoek.objects.exists()

    @time_machine.travel(date(2026, 10, 2))
    def test_rechtsvorm_te_laat_toont_de_regel(self, client, ovk, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        antwoord = client.post(reverse("overeenkomst:wijziging", args=[ovk.pk, "rechtsvorm"]),
                               {"wijzigingsdatum": "2027-01-01", "rechtsvorm": "stichting"})
        assert antwoord.status_code == 200
        assert "01-10-2026" in antwoord.content.decode()  # the last day it could have been reported
        assert not Wijzigingsverzoek.objects.exists()

    def test_medewerker_kan_niet_indienen(self, client, ovk, aanbieder):
        client.force_login(medewerker_van(aanbieder))
        antwoord = client.post(reverse("overeenkomst:wijziging", args=[ovk.pk, "adres"]), {
            "wijzigingsdatum": "2026-02-01", "straat": "Larenseweg 30", "postcode": "1221 CN", "plaats": "Hilversum",
        })
        assert antwoord.status_code == 200
        assert "beheerder" in antwoord.content.decode()
        assert not Wijzigingsverzoek.objects.exists()

    def test_opzeggen_zonder_optie(self, client, ovk, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        antwoord = client.post(reverse("overeenkomst:opzeggen", args=[ovk.pk]), {"aantal_clienten": "3"})
        assert antwoord.status_code == 200 and "Dit is een verplicht veld." in antwoord.content.decode()
        assert not Uittreding.objects.exists()

    def test_opzeggen_optie_2_zonder_continuiteit(self, client, ovk, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        antwoord = client.post(reverse("overeenkomst:opzeggen", args=[ovk.pk]), {"optie": "gooi_2", "aantal_clienten": "12"})
        assert antwoord.status_code == 200 and "continuïteit" in antwoord.content.decode()
        assert not Uittreding.objects.exists() and auditregels("uittreding.gemeld") == []

    def test_opzeggen_negatief_aantal_door_formulier_geweigerd(self, client, ovk, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        antwoord = client.post(reverse("overeenkomst:opzeggen", args=[ovk.pk]),
                               {"optie": "gooi_2", "aantal_clienten": "-1", "continuiteit_toelichting": "Overdracht"})
        assert antwoord.status_code == 200 and "Zorg ervoor dat deze waarde minstens 0 is." in antwoord.content.decode()
        assert not Uittreding.objects.exists()

    def test_medewerker_kan_niet_opzeggen(self, client, ovk, aanbieder):
        client.force_login(medewerker_van(aanbieder))
        antwoord = client.post(reverse("overeenkomst:opzeggen", args=[ovk.pk]), {"optie": "gooi_1", "aantal_clienten": "0"})
        assert antwoord.status_code == 200 and "beheerder" in antwoord.content.decode()
        assert not Uittreding.objects.exists()

    def test_reageren_na_ingangsdatum_toont_melding(self, client, reactie, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        with time_machine.travel(date(2026, 7, 1)):
            antwoord = client.post(reverse("overeenkomst:addendum", args=[reactie.pk]), {"besluit": "aanvaard"})
        assert antwoord.status_code == 200 and "ingangsdatum" in antwoord.content.decode()
        assert AddendumReactie.objects.get(pk=reactie.pk).status == AddendumReactie.Status.OPEN
        assert auditregels("addendum.beantwoord") == []

    def test_onbekend_besluit(self, client, reactie, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        with time_machine.travel(date(2026, 2, 1)):
            antwoord = client.post(reverse("overeenkomst:addendum", args=[reactie.pk]), {"besluit": "misschien"})
        assert antwoord.status_code == 200 and "Selecteer een geldige keuze." in antwoord.content.decode()
        assert AddendumReactie.objects.get(pk=reactie.pk).status == AddendumReactie.Status.OPEN


class TestInhoud:
    @time_machine.travel(date(2026, 3, 15))
    def test_opzeggen_toont_optie_1_en_2_van_gooi(self, client, ovk, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        html = client.get(reverse("overeenkomst:opzeggen", args=[ovk.pk])).content.decode()
        assert "15-03-2026" in html  # option 1: on request, today
        assert "14-06-2026" in html  # option 2: 3 months

    @time_machine.travel(date(2026, 3, 15))
    def test_opzeggen_mlo_toont_30_april(self, client, mlo, aanbieder, aanbieder_beheerder):
        ab, perceel = mlo
        ovk = contracteer(ab, aanbieder, [perceel])
        client.force_login(aanbieder_beheerder)
        html = client.get(reverse("overeenkomst:opzeggen", args=[ovk.pk])).content.decode()
        assert "30-04-2026" in html and "aantal_clienten" not in html

    @time_machine.travel(date(2026, 9, 15))
    def test_capaciteit_toont_ingang_volgend_jaar(self, client, ovk, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        html = client.get(reverse("overeenkomst:wijziging", args=[ovk.pk, "capaciteit"])).content.decode()
        assert "01-01-2027" in html

    def test_lijst_toont_open_addendum(self, client, reactie, aanbieder_beheerder):
        client.force_login(aanbieder_beheerder)
        html = client.get(reverse("overeenkomst:lijst")).content.decode()
        assert reverse("overeenkomst:addendum", args=[reactie.pk]) in html and "01-07-2026" in html


def _aantal_queries(client, url) -> int:
    client.get(url)  # warm session and per-process caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


class TestAantalQueries:
    """ARCHITECTURE rule 9: every list page has a query-count test; the count does not grow with the data."""

    def test_lijst_gelijk_bij_2_en_20_overeenkomsten(self, client, aanbieder, aanbieder_beheerder, inkoper, contractmanager):
        client.force_login(aanbieder_beheerder)
        url = reverse("overeenkomst:lijst")
        tellingen = []
        for totaal in (2, 20):
            while aanbieder.overeenkomsten.count() < totaal:
                ab, bhl, dag = gooi_procedure()
                contracteer(ab, aanbieder, [bhl, dag])
                with time_machine.travel(date(2026, 1, 5)):
                    gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
            tellingen.append(_aantal_queries(client, url))
        assert AddendumReactie.objects.filter(overeenkomst__organisatie=aanbieder).count() == 20
        assert tellingen[0] == tellingen[1], tellingen

    def test_detail_gelijk_bij_2_en_20_percelen(self, client, aanbieder, aanbieder_beheerder, contractmanager):
        ab = AanbestedingFactory()
        client.force_login(aanbieder_beheerder)
        tellingen = []
        for totaal in (2, 20):
            percelen = list(ab.percelen.all())
            while len(percelen) < totaal:
                perceel = PerceelFactory(aanbesteding=ab)
                TariefFactory(product=ProductFactory(perceel=perceel), geldig_van=date(2025, 1, 1), geldig_tot=None)
                percelen.append(perceel)
            ovk = contracteer(ab, aanbieder, percelen)
            with time_machine.travel(date(2025, 6, 1)):
                services.clientenstop_opleggen(deelnames=[ovk.deelnames.order_by("-pk").first()], van=date(2025, 6, 1),
                                               reden="Inspectie", door=contractmanager)
                tellingen.append(_aantal_queries(client, reverse("overeenkomst:detail", args=[ovk.pk])))
        assert ovk.deelnames.count() == 20
        assert tellingen[0] == tellingen[1], tellingen
