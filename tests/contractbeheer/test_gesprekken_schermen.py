"""The contract-talk pages: the bureau's list (filters, overdue actions), planning form (agenda of 002 UOK 13.1),
detail with minutes, cancellation and actions; the provider's list and detail under /mijn/verplichtingen/
gesprekken/ with the "afgerond" button for its own actions only. Region scoping, IDOR and query counts."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contractbeheer.models import Contractgesprek, Gespreksactie
from contractbeheer.services import gesprekken as services

from ._gesprekken import MAANDAG, wereld

pytestmark = pytest.mark.django_db

LIJST, NIEUW = reverse("contractbeheer_admin_gesprekken"), reverse("contractbeheer_admin_gesprek_nieuw")
MIJN = reverse("contractbeheer:gesprekken")


@pytest.fixture
def w(regio_a, regio_b):
    return wereld(regio_a, regio_b)


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(MAANDAG, tick=False):
        yield


def _gehouden(ovk, door, acties=()):
    g = services.gesprek_plannen(overeenkomst=ovk, gepland_op=MAANDAG + timedelta(days=1), door=door)
    g = services.verslag_vastleggen(gesprek=g, verslag="VERSLAG-tekst", deelnemers="Bureau, aanbieder",
                                    gehouden_op=MAANDAG, door=door)
    for eigenaar, omschrijving in acties:
        services.actie_toevoegen(gesprek=g, omschrijving=omschrijving, eigenaar=eigenaar, uiterlijk=MAANDAG.date(),
                                 door=door)
    return g


def _detail(g):
    return reverse("contractbeheer_admin_gesprek", args=[g.pk])


class TestStaf:
    def test_plannen_met_standaardagenda(self, staff_client, w, contractmanager_a):
        client = staff_client(contractmanager_a)
        form = client.get(NIEUW).context["form"]
        assert form.initial["onderwerpen"] == services.standaardagenda()
        assert set(form.fields["overeenkomst"].queryset) == {w.ovk, w.andere_ovk}
        gegevens = {"overeenkomst": w.ovk.pk, "gepland_op": "2026-03-02T10:00", "locatie": "Venlo",
                    "onderwerpen": "[ ] Vervoer"}
        antwoord = client.post(NIEUW, gegevens)
        assert antwoord.status_code == 200 and "toekomst" in antwoord.content.decode()
        assert 'value="Venlo"' in antwoord.content.decode()
        antwoord = client.post(NIEUW, {**gegevens, "gepland_op": "2026-03-16T10:00"})
        g = Contractgesprek.objects.get()
        assert antwoord["Location"] == _detail(g) and g.onderwerpen == "[ ] Vervoer"
        # another region's agreement is no valid choice
        antwoord = client.post(NIEUW, {**gegevens, "overeenkomst": w.b_ovk.pk, "gepland_op": "2026-03-16T10:00"})
        assert "overeenkomst" in antwoord.context["form"].errors

    def test_verslag_acties_en_afronden(self, staff_client, w, contractmanager_a):
        g = services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + timedelta(days=1), door=contractmanager_a)
        client = staff_client(contractmanager_a)
        assert "verslag-verslag" in client.get(_detail(g)).content.decode()
        client.post(_detail(g), {"actie_soort": "verslag", "verslag-gehouden_op": "2026-03-09T09:00",
                                 "verslag-deelnemers": "Bureau, aanbieder", "verslag-verslag": "Goed gesprek."})
        g.refresh_from_db()
        assert g.status == Contractgesprek.Status.GEHOUDEN
        antwoord = client.post(_detail(g), {"actie_soort": "actie", "actie-omschrijving": "Cijfers sturen",
                                            "actie-eigenaar": "bureau", "actie-uiterlijk": "2026-03-08"})
        assert "vandaag of later" in antwoord.content.decode()
        client.post(_detail(g), {"actie_soort": "actie", "actie-omschrijving": "Cijfers sturen",
                                 "actie-eigenaar": "bureau", "actie-uiterlijk": "2026-03-20"})
        a = g.acties.get()
        client.post(reverse("contractbeheer_admin_afronden_gespreksactie", args=[a.pk]), {"toelichting": "Gedaan"})
        a.refresh_from_db()
        assert a.status == Gespreksactie.Status.AFGEROND and a.toelichting == "Gedaan"

    def test_annuleren(self, staff_client, w, contractmanager_a):
        g = services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + timedelta(days=1), door=contractmanager_a)
        staff_client(contractmanager_a).post(_detail(g), {"actie_soort": "annuleren", "annuleren-reden": "Ziekte"})
        g.refresh_from_db()
        assert g.status == Contractgesprek.Status.GEANNULEERD and g.geannuleerd_reden == "Ziekte"

    def test_lijst_filters_en_regio(self, staff_client, w, contractmanager_a, contractmanager_b):
        _gehouden(w.ovk, contractmanager_a, [("aanbieder", "Te laat straks")])
        gepland = services.gesprek_plannen(overeenkomst=w.andere_ovk, gepland_op=MAANDAG + timedelta(days=3),
                                           door=contractmanager_a)
        _gehouden(w.b_ovk, contractmanager_b)
        client = staff_client(contractmanager_a)
        with time_machine.travel(MAANDAG + timedelta(days=1), tick=False):
            pagina = client.get(LIJST).context["pagina"]
            assert {g.overeenkomst_id for g in pagina} == {w.ovk.pk, w.andere_ovk.pk}
            te_laat = client.get(LIJST + "?te_laat=on").context["pagina"]
            assert [g.overeenkomst_id for g in te_laat] == [w.ovk.pk] and te_laat[0].acties_te_laat == 1
            assert [g.pk for g in client.get(LIJST + "?status=gepland").context["pagina"]] == [gepland.pk]
        assert client.get(_detail(Contractgesprek.objects.get(overeenkomst=w.b_ovk))).status_code == 404

    def test_vaste_aantal_queries(self, staff_client, w, contractmanager_a, django_assert_max_num_queries):
        _gehouden(w.ovk, contractmanager_a, [("aanbieder", "A")])
        client = staff_client(contractmanager_a)
        client.get(LIJST)
        with CaptureQueriesContext(connection) as een:
            client.get(LIJST)
        for i in range(6):
            _gehouden(w.andere_ovk if i % 2 else w.ovk, contractmanager_a, [("bureau", "B"), ("aanbieder", "C")])
        with django_assert_max_num_queries(len(een.captured_queries)):
            assert len(client.get(LIJST).context["pagina"]) == 7

    @pytest.mark.parametrize("persona", ["beoordelaar_a", "redacteur_a", "sroi_adviseur_a"])
    def test_zonder_rol_geweigerd(self, staff_client, w, contractmanager_a, persona, request):
        g = _gehouden(w.ovk, contractmanager_a)
        client = staff_client(request.getfixturevalue(persona))
        for url in (LIJST, NIEUW, _detail(g)):
            assert client.get(url).status_code in (302, 403), url


class TestAanbieder:
    def test_lijst_en_detail(self, client, w, contractmanager_a):
        g = _gehouden(w.ovk, contractmanager_a, [("aanbieder", "EIGEN-actie"), ("bureau", "BUREAU-actie")])
        gepland = services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + timedelta(days=5),
                                           door=contractmanager_a)
        weg = services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + timedelta(days=6),
                                       door=contractmanager_a)
        services.gesprek_annuleren(gesprek=weg, reden="Ziekte", door=contractmanager_a)
        client.force_login(w.lid)
        antwoord = client.get(MIJN)
        assert [x.pk for x in antwoord.context["gepland"]] == [gepland.pk]
        assert [x.pk for x in antwoord.context["gehouden"]] == [g.pk]
        assert client.get(reverse("contractbeheer:gesprek", args=[weg.pk])).status_code == 404
        tekst = client.get(reverse("contractbeheer:gesprek", args=[g.pk])).content.decode()
        assert "VERSLAG-tekst" in tekst and "EIGEN-actie" in tekst and "BUREAU-actie" in tekst
        eigen, bureau = g.acties.get(omschrijving="EIGEN-actie"), g.acties.get(omschrijving="BUREAU-actie")
        assert reverse("contractbeheer:gesprek_actie_afronden", args=[eigen.pk]) in tekst
        assert reverse("contractbeheer:gesprek_actie_afronden", args=[bureau.pk]) not in tekst
        # the bureau's action cannot be completed by posting anyway
        client.post(reverse("contractbeheer:gesprek_actie_afronden", args=[bureau.pk]))
        client.post(reverse("contractbeheer:gesprek_actie_afronden", args=[eigen.pk]), {"toelichting": "Verstuurd"})
        eigen.refresh_from_db()
        bureau.refresh_from_db()
        assert eigen.status == "afgerond" and eigen.afgerond_door == w.lid and bureau.status == "open"

    def test_andere_aanbieder_404(self, client, w, contractmanager_a):
        g = _gehouden(w.ovk, contractmanager_a, [("aanbieder", "EIGEN-actie")])
        a = g.acties.get()
        client.force_login(w.andere_lid)
        assert client.get(reverse("contractbeheer:gesprek", args=[g.pk])).status_code == 404
        assert client.post(reverse("contractbeheer:gesprek_actie_afronden", args=[a.pk])).status_code == 404
        assert list(client.get(MIJN).context["gehouden"]) == []
        a.refresh_from_db()
        assert a.status == "open"

    def test_link_op_verplichtingenpagina(self, client, w):
        client.force_login(w.lid)
        assert MIJN in client.get(reverse("contractbeheer:verplichtingen")).content.decode()

    def test_lijst_in_vaste_aantal_queries(self, client, w, contractmanager_a, django_assert_max_num_queries):
        _gehouden(w.ovk, contractmanager_a, [("aanbieder", "A")])
        client.force_login(w.lid)
        client.get(MIJN)
        with CaptureQueriesContext(connection) as een:
            client.get(MIJN)
        for _ in range(5):
            _gehouden(w.ovk, contractmanager_a, [("aanbieder", "A"), ("bureau", "B")])
        with django_assert_max_num_queries(len(een.captured_queries)):
            assert len(client.get(MIJN).context["gehouden"]) == 6



class TestFoutpaden:
    def test_te_lange_toelichting_laat_de_actie_open(self, client, w, contractmanager_a):
        g = _gehouden(w.ovk, contractmanager_a, [("aanbieder", "EIGEN-actie")])
        a = g.acties.get()
        client.force_login(w.lid)
        antwoord = client.post(reverse("contractbeheer:gesprek_actie_afronden", args=[a.pk]),
                               {"toelichting": "x" * 2001}, follow=True)
        assert "De toelichting is te lang." in antwoord.content.decode()
        a.refresh_from_db()
        assert a.status == "open"

    def test_onbekende_actie_wijzigt_niets(self, staff_client, w, contractmanager_a):
        g = services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + timedelta(days=1), door=contractmanager_a)
        antwoord = staff_client(contractmanager_a).post(_detail(g), {"actie_soort": "verwijderen"})
        assert antwoord.status_code == 200
        g.refresh_from_db()
        assert g.status == Contractgesprek.Status.GEPLAND

    def test_afronden_alleen_per_post(self, staff_client, client, w, contractmanager_a):
        g = _gehouden(w.ovk, contractmanager_a, [("aanbieder", "EIGEN-actie")])
        a = g.acties.get()
        assert staff_client(contractmanager_a).get(
            reverse("contractbeheer_admin_afronden_gespreksactie", args=[a.pk])).status_code == 405
        client.force_login(w.lid)
        assert client.get(reverse("contractbeheer:gesprek_actie_afronden", args=[a.pk])).status_code == 405


class TestGrootsteAanbieders:
    """002 UOK 13.1: with a procedure chosen, the list shows the providers that together made 80 % of last
    year's approved turnover (selectors.monitoring.grootste_aanbieders) with a "Gesprek plannen" link."""

    def test_tachtig_procent_met_planknop(self, staff_client, w, contractmanager_a):
        from ._monitoring import goedgekeurde_omzet

        gemeente = w.gemeenten[0]
        goedgekeurde_omzet(w.ovk, 2025, {gemeente: "900000"})  # 90 %: alone above 80 %
        goedgekeurde_omzet(w.andere_ovk, 2025, {gemeente: "100000"})
        client = staff_client(contractmanager_a)
        html = client.get(LIJST, {"aanbesteding": w.mlo.pk}).content.decode()
        assert "Samen 80 % van de omzet in 2025" in html
        assert "Zorgkracht Jeugd" in html and "90,0 %" in html
        assert f"?overeenkomst={w.ovk.pk}" in html
        assert f"?overeenkomst={w.andere_ovk.pk}" not in html  # the other 10 % needs no regular talks
        # Once a talk is planned this year the date replaces the button.
        services.gesprek_plannen(overeenkomst=w.ovk, gepland_op=MAANDAG + timedelta(days=2), door=contractmanager_a)
        html = client.get(LIJST, {"aanbesteding": w.mlo.pk}).content.decode()
        assert f"?overeenkomst={w.ovk.pk}" not in html and (MAANDAG + timedelta(days=2)).strftime("%d-%m-%Y") in html

    def test_zonder_procedure_of_omzet(self, staff_client, w, contractmanager_a):
        client = staff_client(contractmanager_a)
        assert "Kies een procedure" in client.get(LIJST).content.decode()
        assert "nog geen goedgekeurde omzet" in client.get(LIJST, {"aanbesteding": w.mlo.pk}).content.decode()
