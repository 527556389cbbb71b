"""The bureau's signal screens: the list with its filters (and the overdue triage as a filter), the detail with
the timeline, the follow-up forms and the linked measures; region scoping, roles and query counts."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contractbeheer.models import Maatregel, Signaal, Trede
from contractbeheer.services import signalen as services

from ._gesprekken import MAANDAG, gemeente_medewerker, wereld

pytestmark = pytest.mark.django_db

LIJST = reverse("contractbeheer_admin_signalen")


@pytest.fixture
def w(regio_a, regio_b):
    return wereld(regio_a, regio_b)


@pytest.fixture
def consulent(regio_a):
    return gemeente_medewerker(regio_a)


def _signaal(w, door, ovk=None, **velden):
    ovk = ovk or w.ovk
    gemeente = w.b_gemeenten[0] if ovk == w.b_ovk else w.gemeenten[0]
    gegevens = {"organisatie": ovk.organisatie, "gemeente": gemeente, "bron": "gemeente", "trap": 3,
                "onderwerp": "Plan ontbreekt", "omschrijving": "Geen plan na drie verzoeken.", **velden}
    return services.signaal_doorgeven(door=door, **gegevens)


def _detail(s):
    return reverse("contractbeheer_admin_signaal", args=[s.pk])


class TestLijst:
    def test_filters_en_regio(self, staff_client, w, consulent, contractmanager_a, contractmanager_b):
        with time_machine.travel(MAANDAG - timedelta(days=14), tick=False):
            oud = _signaal(w, consulent, onderwerp="OUD-signaal")
        with time_machine.travel(MAANDAG, tick=False):
            nieuw = _signaal(w, consulent, onderwerp="NIEUW-signaal", trap=2, ovk=w.andere_ovk)
            services.signaal_triage(signaal=nieuw, ernst="hoog", behandelaar=contractmanager_a, door=contractmanager_a)
            _signaal(w, contractmanager_b, ovk=w.b_ovk, onderwerp="ANDERE-REGIO")
            client = staff_client(contractmanager_a)
            tekst = client.get(LIJST).content.decode()
            assert "OUD-signaal" in tekst and "NIEUW-signaal" in tekst and "ANDERE-REGIO" not in tekst
            assert "triage te laat" in tekst

            def namen(query):
                return [s.onderwerp for s in client.get(LIJST + query).context["pagina"]]

            assert namen("?te_laat=on") == ["OUD-signaal"]
            assert namen("?status=in_behandeling") == ["NIEUW-signaal"]
            assert namen("?trap=3") == ["OUD-signaal"]
            assert namen("?ernst=hoog") == ["NIEUW-signaal"]
            assert namen("?ernst=-") == ["OUD-signaal"]
            assert namen(f"?organisatie={w.ovk.organisatie.pk}") == ["OUD-signaal"]
            assert oud.status == Signaal.Status.ONTVANGEN

    def test_vaste_aantal_queries(self, staff_client, w, consulent, contractmanager_a, django_assert_max_num_queries):
        _signaal(w, consulent)
        client = staff_client(contractmanager_a)
        client.get(LIJST)
        with CaptureQueriesContext(connection) as een:
            client.get(LIJST)
        for i in range(8):
            s = _signaal(w, consulent, ovk=w.andere_ovk if i % 2 else w.ovk)
            if i % 3 == 0:
                services.signaal_triage(signaal=s, ernst="laag", behandelaar=contractmanager_a, door=contractmanager_a)
        with django_assert_max_num_queries(len(een.captured_queries)):
            assert len(client.get(LIJST).context["pagina"]) == 9

    @pytest.mark.parametrize("persona", ["beoordelaar_a", "redacteur_a", "sroi_adviseur_a"])
    def test_zonder_rol_niets(self, staff_client, w, consulent, persona, request):
        s = _signaal(w, consulent)
        client = staff_client(request.getfixturevalue(persona))
        for url in (LIJST, _detail(s), reverse("contractbeheer_admin_signaal_doorgeven"),
                    reverse("contractbeheer_admin_mijn_signalen"), reverse("contractbeheer_admin_mijn_signaal",
                                                                           args=[s.pk])):
            antwoord = client.get(url)
            assert antwoord.status_code in (302, 403), url
            assert "Plan ontbreekt" not in antwoord.content.decode()


class TestDetail:
    def test_tijdlijn_en_opvolging(self, staff_client, w, consulent, contractmanager_a):
        s = _signaal(w, consulent)
        client = staff_client(contractmanager_a)
        tekst = client.get(_detail(s)).content.decode()
        assert "Plan ontbreekt" in tekst and consulent.email in tekst and "triage-ernst" in tekst
        antwoord = client.post(_detail(s), {"actie_soort": "triage", "triage-ernst": "midden",
                                            "triage-behandelaar": contractmanager_a.pk, "triage-toelichting": ""})
        assert antwoord.status_code == 302
        s.refresh_from_db()
        assert s.status == Signaal.Status.IN_BEHANDELING and s.behandelaar == contractmanager_a
        client.post(_detail(s), {"actie_soort": "notitie", "notitie-tekst": "Intern spoor."})
        client.post(_detail(s), {"actie_soort": "besproken", "besproken-tekst": "Gebeld met de teamleider."})
        # refused text: the form comes back with the message and the typed text
        antwoord = client.post(_detail(s), {"actie_soort": "terugkoppeling",
                                            "terugkoppeling-terugkoppeling": "Mevrouw Jansen is gebeld.",
                                            "terugkoppeling-afhandelen": "on"})
        assert antwoord.status_code == 200
        assert "naam of geboortedatum" in antwoord.content.decode()
        assert "Mevrouw Jansen is gebeld." in antwoord.content.decode()
        antwoord = client.post(_detail(s), {"actie_soort": "terugkoppeling",
                                            "terugkoppeling-terugkoppeling": "Besproken met de aanbieder.",
                                            "terugkoppeling-afhandelen": "on"})
        s.refresh_from_db()
        assert s.status == Signaal.Status.AFGEHANDELD
        tekst = client.get(_detail(s)).content.decode()
        assert "Intern spoor." in tekst and "(intern)" in tekst and "Gebeld met de teamleider." in tekst
        # a closed signal offers only a note
        assert "triage-ernst" not in tekst and "terugkoppeling-terugkoppeling" not in tekst

    def test_triage_kiest_alleen_staf_van_de_regio(self, staff_client, w, consulent, contractmanager_a,
                                                   contractmanager_b, inkoper_a):
        s = _signaal(w, consulent)
        veld = staff_client(contractmanager_a).get(_detail(s)).context["formulieren"]["triage"].fields["behandelaar"]
        assert set(veld.queryset) == {contractmanager_a, inkoper_a}

    def test_niet_ontvankelijk(self, staff_client, w, consulent, contractmanager_a):
        s = _signaal(w, consulent, trap=1)
        staff_client(contractmanager_a).post(_detail(s), {"actie_soort": "niet_ontvankelijk",
                                                          "niet_ontvankelijk-reden": "Eerst zelf aanspreken."})
        s.refresh_from_db()
        assert s.status == Signaal.Status.NIET_ONTVANKELIJK and s.terugkoppeling == "Eerst zelf aanspreken."

    def test_maatregelen_alleen_lezen(self, staff_client, w, consulent, contractmanager_a):
        s = _signaal(w, consulent)
        services.signaal_triage(signaal=s, ernst="hoog", behandelaar=contractmanager_a, door=contractmanager_a)
        m = Maatregel.objects.create(overeenkomst=w.ovk, trede=Trede.STOP_NIEUWE_CLIENTEN, gronden="Herhaald.",
                                     grondslag="003 §7.11", voornemen_op=MAANDAG, zienswijze_uiterlijk=date(2026, 3, 23),
                                     signaal=s)
        services.signaal_koppelen_aan_maatregel(signaal=s, maatregel=m, door=contractmanager_a)
        tekst = staff_client(contractmanager_a).get(_detail(s)).content.decode()
        assert "Stop op verwijzing van nieuwe cliënten" in tekst and "leidt tot een maatregel" in tekst

    def test_andere_regio_404(self, staff_client, w, contractmanager_a, contractmanager_b):
        s = _signaal(w, contractmanager_b, ovk=w.b_ovk)
        client = staff_client(contractmanager_a)
        assert client.get(_detail(s)).status_code == 404
        assert client.post(_detail(s), {"actie_soort": "notitie", "notitie-tekst": "x"}).status_code == 404
        assert client.get(reverse("contractbeheer_admin_mijn_signaal", args=[s.pk])).status_code == 404

    def test_bureau_legt_een_signaal_vast(self, staff_client, w, contractmanager_a):
        client = staff_client(contractmanager_a)
        url = reverse("contractbeheer_admin_signaal_doorgeven")
        form = client.get(url).context["form"]
        assert "bureau" in [k for k, _ in form.fields["bron"].choices]
        antwoord = client.post(url, {"organisatie": w.ovk.organisatie.pk, "overeenkomst": w.ovk.pk, "bron": "bureau",
                                     "trap": "3", "onderwerp": "Eigen waarneming", "omschrijving": "Gezien bij bezoek."})
        s = Signaal.objects.get()
        assert antwoord["Location"] == _detail(s) and s.gemeente is None and s.regio == w.mlo.regio
        # and sees the sender's view of it under Mijn signalen
        assert "Eigen waarneming" in client.get(reverse("contractbeheer_admin_mijn_signalen")).content.decode()
