"""The forms of the contract-talk and signal screens on their own: choices limited to the user's regions and the
running agreements, the checks a form makes before the service, and filters that ignore invalid input."""

from datetime import timedelta

import pytest
import time_machine

from contractbeheer.admin_views import gesprekken as gesprek_schermen
from contractbeheer.admin_views import signalen as signaal_schermen
from contractbeheer.models import Contractgesprek, Signaal
from contractbeheer.services import gesprekken as gesprekken_services
from contractbeheer.services import signalen as services
from organisaties.regios import bereik
from overeenkomst.models import Overeenkomst

from ._gesprekken import MAANDAG, gemeente_medewerker, wereld

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(MAANDAG, tick=False):
        yield


@pytest.fixture
def w(regio_a, regio_b):
    return wereld(regio_a, regio_b)


class TestPlanForm:
    def test_alleen_lopende_overeenkomsten_van_de_regio(self, w, contractmanager_a):
        Overeenkomst.objects.filter(pk=w.andere_ovk.pk).update(status=Overeenkomst.Status.BEEINDIGD)
        form = gesprek_schermen.PlanForm(bereik=bereik(contractmanager_a))
        assert list(form.fields["overeenkomst"].queryset) == [w.ovk]

    def test_geldige_invoer(self, w, contractmanager_a):
        form = gesprek_schermen.PlanForm({"overeenkomst": w.ovk.pk, "gepland_op": "2026-03-20T14:30",
                                          "onderwerpen": "[ ] Vervoer"}, bereik=bereik(contractmanager_a))
        assert form.is_valid(), form.errors
        assert form.cleaned_data["gepland_op"].strftime("%d-%m-%Y %H:%M") == "20-03-2026 14:30"


class TestGesprekFilter:
    def test_ongeldige_invoer_filtert_niet(self, w, contractmanager_a):
        gesprekken_services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + timedelta(days=1),
                                            door=contractmanager_a)
        qs = gesprek_schermen.met_actiestand(Contractgesprek.objects.all())
        form = gesprek_schermen.FilterForm({"status": "bestaat-niet"}, bereik=bereik(contractmanager_a))
        assert form.filteren(qs).count() == 1
        form = gesprek_schermen.FilterForm({"aanbesteding": w.b_mlo.pk}, bereik=bereik(contractmanager_a))
        assert not form.is_valid()  # another region's procedure is no valid choice

    def test_actiestand_telt_open_en_te_laat(self, w, contractmanager_a):
        g = gesprekken_services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + timedelta(days=1),
                                                door=contractmanager_a)
        gesprekken_services.verslag_vastleggen(gesprek=g, verslag="V", deelnemers="D", gehouden_op=MAANDAG,
                                               door=contractmanager_a)
        for dagen in (0, 3, 10):
            gesprekken_services.actie_toevoegen(gesprek=g, omschrijving=f"Actie {dagen}", eigenaar="aanbieder",
                                                uiterlijk=MAANDAG.date() + timedelta(days=dagen),
                                                door=contractmanager_a)
        a = g.acties.get(omschrijving="Actie 0")
        gesprekken_services.actie_afronden(actie=a, door=contractmanager_a)
        rij = gesprek_schermen.met_actiestand(Contractgesprek.objects.filter(pk=g.pk),
                                              vandaag=MAANDAG.date() + timedelta(days=5)).get()
        assert (rij.acties_open, rij.acties_te_laat) == (2, 1)


class TestDoorgevenForm:
    def _data(self, w, **extra):
        return {"organisatie": w.ovk.organisatie.pk, "gemeente": w.gemeenten[0].pk, "bron": "gemeente", "trap": "2",
                "onderwerp": "Onderwerp", "omschrijving": "Omschrijving", **extra}

    def test_overeenkomst_van_een_andere_aanbieder(self, w, regio_a):
        consulent = gemeente_medewerker(regio_a)
        form = signaal_schermen.DoorgevenForm(self._data(w, overeenkomst=w.andere_ovk.pk), user=consulent,
                                              bereik=services.doorgeef_bereik(consulent))
        assert not form.is_valid() and "overeenkomst" in form.errors

    def test_trap_als_getal_en_gemeente_verplicht_voor_de_gemeente(self, w, regio_a):
        consulent = gemeente_medewerker(regio_a)
        form = signaal_schermen.DoorgevenForm(self._data(w), user=consulent, bereik=services.doorgeef_bereik(consulent))
        assert form.is_valid(), form.errors
        assert form.cleaned_data["trap"] == Signaal.Trap.OPGESCHAALD
        form = signaal_schermen.DoorgevenForm(self._data(w, gemeente=""), user=consulent,
                                              bereik=services.doorgeef_bereik(consulent))
        assert "gemeente" in form.errors

    def test_bureau_mag_zonder_gemeente_en_met_bron_bureau(self, w, contractmanager_a):
        form = signaal_schermen.DoorgevenForm(self._data(w, gemeente="", bron="bureau"), user=contractmanager_a,
                                              bereik=services.doorgeef_bereik(contractmanager_a))
        assert form.is_valid(), form.errors

    def test_gemeente_kan_bureau_niet_als_bron_kiezen(self, w, regio_a):
        consulent = gemeente_medewerker(regio_a)
        form = signaal_schermen.DoorgevenForm(self._data(w, bron="bureau"), user=consulent,
                                              bereik=services.doorgeef_bereik(consulent))
        assert "bron" in form.errors


class TestSignaalFilter:
    def test_ongeldige_invoer_filtert_niet_en_aanbieders_alleen_met_signalen(self, w, contractmanager_a, regio_a):
        consulent = gemeente_medewerker(regio_a)
        services.signaal_doorgeven(organisatie=w.ovk.organisatie, gemeente=w.gemeenten[0], bron="gemeente", trap=3,
                                   onderwerp="O", omschrijving="Omschrijving.", door=consulent)
        b = bereik(contractmanager_a)
        form = signaal_schermen.FilterForm({"trap": "9"}, bereik=b)
        assert form.filteren(Signaal.objects.all()).count() == 1
        assert list(signaal_schermen.FilterForm(bereik=b).fields["organisatie"].queryset) == [w.ovk.organisatie]

    def test_triagegrens_is_een_query(self, w, contractmanager_a, regio_a, django_assert_num_queries):
        consulent = gemeente_medewerker(regio_a)
        with time_machine.travel(MAANDAG - timedelta(days=10), tick=False):
            services.signaal_doorgeven(organisatie=w.ovk.organisatie, gemeente=w.gemeenten[0], bron="gemeente",
                                       trap=3, onderwerp="Oud", omschrijving="Omschrijving.", door=consulent)
        services.signaal_doorgeven(organisatie=w.ovk.organisatie, gemeente=w.gemeenten[0], bron="gemeente", trap=3,
                                   onderwerp="Nieuw", omschrijving="Omschrijving.", door=consulent)
        with django_assert_num_queries(1):
            assert [s.onderwerp for s in signaal_schermen.met_triagegrens(Signaal.objects.all())] == ["Oud"]
