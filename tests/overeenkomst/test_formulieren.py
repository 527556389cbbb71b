"""The staff screens parse every POST with a form (overeenkomst/forms.py): bad input gives a Dutch message
and changes nothing; good input reaches the one service behind the button."""

from datetime import date

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from core import kalender
from overeenkomst import services
from overeenkomst.forms import IndexatieForm, Kommagetal, componenten_formset
from overeenkomst.models import Addendum, Clientenstop, Indexatieronde, Uittreding, Wijzigingsverzoek
from tests.overeenkomst._hulp import invoer


@pytest.fixture
def ovk(gooi, aanbieder, aanbieder_beheerder):
    ab, bhl, dag = gooi
    return services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2025, 1, 1))


def _meldingen(antwoord) -> list[str]:
    return [str(m) for m in get_messages(antwoord.wsgi_request)]


def _componenten(**per_rij):
    data = {"comp-TOTAL_FORMS": "3", "comp-INITIAL_FORMS": "0", "comp-MIN_NUM_FORMS": "1", "comp-MAX_NUM_FORMS": "1000"}
    for i, (naam, amb, verb) in enumerate([("Lonen", "90", "82"), ("Materieel", "8", "8"), ("Kapitaal", "2", "10")]):
        data |= {f"comp-{i}-naam": naam, f"comp-{i}-percentage": per_rij.get(f"pct_{i}", "3,0"),
                 f"comp-{i}-gewicht_ambulant": amb, f"comp-{i}-gewicht_verblijf": verb}
    return data


class TestIndexatiescherm:
    @pytest.mark.parametrize("percentage", ["twee", "2,5%", "1e999"])
    def test_fout_percentage_geeft_nederlandse_melding_en_verandert_niets(self, client, gooi, inkoper, percentage):
        ab, _, _ = gooi
        client.force_login(inkoper)
        antwoord = client.post(reverse("overeenkomst_admin_indexatie"), {
            "actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2026", "methode": "percentage", "percentage": percentage,
        })
        assert antwoord.status_code == 302
        assert any(m.startswith("Indexpercentage: ") for m in _meldingen(antwoord)), _meldingen(antwoord)
        assert not Indexatieronde.objects.exists()

    def test_percentage_ontbreekt(self, client, gooi, inkoper):
        ab, _, _ = gooi
        client.force_login(inkoper)
        antwoord = client.post(reverse("overeenkomst_admin_indexatie"), {
            "actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2026", "methode": "percentage", "percentage": "",
        })
        assert "Indexpercentage: Geef het indexpercentage." in _meldingen(antwoord)
        assert not Indexatieronde.objects.exists()

    def test_gewogen_componenten_via_formset(self, client, gooi, inkoper):
        ab, _, _ = gooi
        client.force_login(inkoper)
        with time_machine.travel(date(2025, 9, 15)):
            antwoord = client.post(reverse("overeenkomst_admin_indexatie"), {
                "actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2026", "methode": "gewogen", **_componenten(pct_0="3,5"),
            })
        assert antwoord.status_code == 302, _meldingen(antwoord)
        ronde = Indexatieronde.objects.get()
        assert [c["percentage"] for c in ronde.componenten] == ["3.5", "3.0", "3.0"]

    def test_fout_componentpercentage_verandert_niets(self, client, gooi, inkoper):
        ab, _, _ = gooi
        client.force_login(inkoper)
        antwoord = client.post(reverse("overeenkomst_admin_indexatie"), {
            "actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2026", "methode": "gewogen", **_componenten(pct_1="acht"),
        })
        assert "Index %: Vul een getal in, bijvoorbeeld 2,5." in _meldingen(antwoord)
        assert not Indexatieronde.objects.exists()

    def test_gewichten_niet_samen_100_geeft_melding_van_de_service(self, client, gooi, inkoper):
        ab, _, _ = gooi
        client.force_login(inkoper)
        data = _componenten() | {"comp-0-gewicht_ambulant": "80"}
        antwoord = client.post(reverse("overeenkomst_admin_indexatie"), {
            "actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2026", "methode": "gewogen", **data,
        })
        assert "De gewichten moeten samen 100 zijn." in _meldingen(antwoord)
        assert not Indexatieronde.objects.exists()

    def test_scherm_toont_gooi_gewichten(self, client, inkoper):
        client.force_login(inkoper)
        html = client.get(reverse("overeenkomst_admin_indexatie")).content.decode()
        assert 'name="comp-TOTAL_FORMS"' in html and invoer(html, "comp-2-gewicht_verblijf") == "10"

    def test_addendum_knop(self, client, gooi, inkoper):
        ab, _, _ = gooi
        client.force_login(inkoper)
        with time_machine.travel(date(2025, 9, 15)):
            ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage="2.5", door=inkoper)
            antwoord = client.post(f"{reverse('overeenkomst_admin_indexatie')}?ronde={ronde.pk}", {"actie": "addendum"})
        ronde.refresh_from_db()
        assert antwoord["Location"] == reverse("overeenkomst_admin_addendum", args=[ronde.addendum_id])
        assert ronde.addendum.status == Addendum.Status.TER_GOEDKEURING


def test_kommagetal_leest_komma_en_punt():
    assert str(Kommagetal().clean("2,5")) == "2.5" and str(Kommagetal().clean("2.5")) == "2.5"


def test_indexatieform_en_formset_zonder_scherm(gooi):
    ab, _, _ = gooi
    form = IndexatieForm({"aanbesteding": ab.pk, "jaar": "1999", "methode": "percentage", "percentage": "2"})
    assert not form.is_valid() and "jaar" in form.errors
    assert len(componenten_formset().forms) == 3


class TestOvereenkomstscherm:
    def test_onbekende_actie(self, client, ovk, contractmanager):
        client.force_login(contractmanager)
        antwoord = client.post(reverse("overeenkomst_admin_detail", args=[ovk.pk]), {"actie": "alles_wissen"})
        assert any("Onbekende actie" in m for m in _meldingen(antwoord))

    def test_clientenstop_zonder_perceel_of_met_foute_datum(self, client, ovk, contractmanager):
        client.force_login(contractmanager)
        url = reverse("overeenkomst_admin_detail", args=[ovk.pk])
        antwoord = client.post(url, {"actie": "clientenstop", "van": "2026-02-01", "reden": "Inspectie"})
        assert "Kies ten minste één perceel." in _meldingen(antwoord)
        d = ovk.deelnames.first()
        antwoord = client.post(url, {"actie": "clientenstop", "deelnames": [d.pk], "van": "31-31-2026", "reden": "Inspectie"})
        assert any(m.startswith("Vanaf: ") for m in _meldingen(antwoord))
        assert not Clientenstop.objects.exists()

    def test_clientenstop_leeg_van_is_vandaag_en_opheffen(self, client, ovk, contractmanager):
        client.force_login(contractmanager)
        url = reverse("overeenkomst_admin_detail", args=[ovk.pk])
        d = ovk.deelnames.first()
        client.post(url, {"actie": "clientenstop", "deelnames": [d.pk], "van": "", "reden": "Inspectie"})
        stop = Clientenstop.objects.get()
        assert stop.van == kalender.vandaag()
        client.post(url, {"actie": "opheffen", "stop": stop.pk, "toelichting": "Verbeterd"})
        stop.refresh_from_db()
        assert stop.opgeheven_op == kalender.vandaag()

    def test_beeindigen_zonder_onderbouwing(self, client, ovk, contractmanager):
        client.force_login(contractmanager)
        antwoord = client.post(reverse("overeenkomst_admin_detail", args=[ovk.pk]), {
            "actie": "beeindigen", "grond": "wanprestatie", "einddatum": "2026-06-30", "toelichting": "",
        })
        assert "Onderbouwing: Leg de onderbouwing van de beëindiging vast." in _meldingen(antwoord)
        assert not Uittreding.objects.exists()

    def test_bezwaar_via_scherm(self, client, gooi, ovk, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2028, 8, 20)):
            ronde = services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
        with time_machine.travel(date(2028, 9, 21)):  # a letter is recorded after it arrived, never before
            client.force_login(contractmanager)
            client.post(reverse("overeenkomst_admin_detail", args=[ovk.pk]), {"actie": "bezwaar", "ronde": ronde.pk, "ontvangen_op": "2028-09-20"})
        assert ronde.bezwaren.get().overeenkomst == ovk


class TestAddendumschermen:
    def test_nieuw_addendum_zonder_datum(self, client, gooi, inkoper):
        ab, _, _ = gooi
        client.force_login(inkoper)
        antwoord = client.post(reverse("overeenkomst_admin_addenda"), {"actie": "nieuw", "aanbesteding": ab.pk, "titel": "T", "tekst": "X"})
        assert any(m.startswith("Ingangsdatum: ") for m in _meldingen(antwoord))
        assert not Addendum.objects.exists()

    def test_perceel_van_een_andere_procedure_geweigerd(self, client, gooi, mlo, inkoper):
        ab, _, _ = gooi
        _, mlo_perceel = mlo
        client.force_login(inkoper)
        antwoord = client.post(reverse("overeenkomst_admin_addenda"), {
            "actie": "nieuw", "aanbesteding": ab.pk, "titel": "T", "tekst": "X", "ingangsdatum": "2026-07-01", "percelen": [mlo_perceel.pk],
        })
        assert "Betreft percelen: Kies alleen percelen van deze procedure." in _meldingen(antwoord)
        assert not Addendum.objects.exists()

    def test_nieuw_addendum_met_clausule(self, client, gooi, inkoper):
        ab, bhl, _ = gooi
        client.force_login(inkoper)
        antwoord = client.post(reverse("overeenkomst_admin_addenda"), {
            "actie": "nieuw", "aanbesteding": ab.pk, "titel": "Art. 10", "tekst": "X", "ingangsdatum": "2026-07-01",
            "percelen": [bhl.pk], "bepaling": "artikel 10.2", "clausule": "Declareren binnen 3 maanden.",
        })
        addendum = Addendum.objects.get()
        assert antwoord["Location"] == reverse("overeenkomst_admin_addendum", args=[addendum.pk])
        assert list(addendum.percelen.all()) == [bhl] and addendum.onderdelen.get().bepaling == "artikel 10.2"

    def test_intrekken_via_scherm(self, client, gooi, contractmanager):
        ab, _, _ = gooi
        addendum = services.addendum_opstellen(aanbesteding=ab, titel="T", tekst="X", ingangsdatum=date(2027, 1, 1), door=contractmanager)
        client.force_login(contractmanager)
        url = reverse("overeenkomst_admin_addendum", args=[addendum.pk])
        assert "Intrekken" in client.get(url).content.decode()
        antwoord = client.post(url, {"actie": "intrekken", "reden": ""})
        assert "Reden: Geef de reden." in _meldingen(antwoord)
        client.post(url, {"actie": "intrekken", "reden": "Dubbel"})
        assert Addendum.objects.get().status == Addendum.Status.INGETROKKEN

    def test_nieuw_product_met_fout_bedrag(self, client, gooi, inkoper):
        ab, bhl, _ = gooi
        addendum = services.addendum_opstellen(aanbesteding=ab, titel="T", tekst="X", ingangsdatum=date(2027, 1, 1), door=inkoper)
        client.force_login(inkoper)
        url = reverse("overeenkomst_admin_addendum", args=[addendum.pk])
        antwoord = client.post(url, {"actie": "onderdeel", "soort": "product_toegevoegd", "perceel": bhl.pk, "code": "43B09", "bedrag": "-5"})
        assert any(m.startswith("Tarief (€): ") for m in _meldingen(antwoord))
        assert not addendum.onderdelen.exists()
        client.post(url, {"actie": "onderdeel", "soort": "product_toegevoegd", "perceel": bhl.pk, "code": "43B09", "naam": "Nieuw", "bedrag": "12,50"})
        assert addendum.onderdelen.get().gegevens == {"code": "43B09", "naam": "Nieuw", "bedrag": "12.50"}


class TestLijstschermen:
    def test_verzoek_afwijzen_zonder_reden_en_daarna_met(self, client, ovk, aanbieder_beheerder, contractmanager):
        with time_machine.travel(date(2026, 5, 1)):
            verzoek = services.wijzigingsverzoek_indienen(
                overeenkomst=ovk, soort=Wijzigingsverzoek.Soort.ADRES, wijzigingsdatum=date(2026, 5, 1),
                gegevens={"straat": "Stationsweg 2"}, door=aanbieder_beheerder,
            )
        client.force_login(contractmanager)
        url = reverse("overeenkomst_admin_verzoeken")
        antwoord = client.post(url, {"verzoek": verzoek.pk, "actie": "afwijzen", "reden": ""})
        assert "Geef de reden van de afwijzing." in _meldingen(antwoord)
        client.post(url, {"verzoek": verzoek.pk, "actie": "afwijzen", "reden": "Onvolledig"})
        assert Wijzigingsverzoek.objects.get().status == Wijzigingsverzoek.Status.AFGEWEZEN

    def test_uittreding_aanvaarden_en_overdracht(self, client, ovk, aanbieder_beheerder, contractmanager):
        with time_machine.travel(date(2026, 3, 15)):
            u = services.uittreding_melden(overeenkomst=ovk, optie=Uittreding.Optie.GOOI_1, door=aanbieder_beheerder)
        client.force_login(contractmanager)
        url = reverse("overeenkomst_admin_uittredingen")
        client.post(url, {"uittreding": u.pk, "actie": "aanvaarden"})
        assert Uittreding.objects.get().status == Uittreding.Status.LOPEND
        antwoord = client.post(url, {"uittreding": u.pk, "actie": "overdracht", "datum": "morgen"})
        assert any(m.startswith("Datum: ") for m in _meldingen(antwoord))
        client.post(url, {"uittreding": u.pk, "actie": "overdracht", "datum": "2026-03-16"})
        assert Uittreding.objects.get().status == Uittreding.Status.AFGEROND
