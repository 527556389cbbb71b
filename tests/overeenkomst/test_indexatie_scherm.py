"""The indexation screen for 003 §6.22 (issue 19): the method in the preview, an explicit edit instead of a
second concept, the definitive index per year, and the Inkoper's exception after 1 October."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from core.models import AuditRegel
from overeenkomst import services
from overeenkomst.models import Addendum, Indexatieronde
from tests.overeenkomst._hulp import invoer

from .test_indexatie_bronmethode import BRON, definitief

URL = reverse("overeenkomst_admin_indexatie")


def _meldingen(antwoord) -> list[str]:
    return [str(m) for m in get_messages(antwoord.wsgi_request)]


def _def_post(cbs, cpi, nza):
    data = {"actie": "definitief", "def-TOTAL_FORMS": "3", "def-INITIAL_FORMS": "0", "def-MIN_NUM_FORMS": "1", "def-MAX_NUM_FORMS": "1000"}
    for i, c in enumerate(definitief(cbs, cpi, nza)):
        data |= {f"def-{i}-{k}": v for k, v in c.items()}
    return data


@pytest.fixture
def gepubliceerd_2026(gooi, inkoper, contractmanager):
    ab, _, _ = gooi
    with time_machine.travel(date(2025, 9, 15)):
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=BRON, ova_voorlopig=Decimal("4"), door=inkoper)
        services.addendum_publiceren(addendum=services.indexatie_als_addendum(ronde=ronde, door=inkoper), door=contractmanager)
    ronde.refresh_from_db()
    return ronde


class TestOpstellenEnWijzigen:
    def test_bronmethode_via_het_scherm(self, client, gooi, inkoper):
        ab, _, _ = gooi
        client.force_login(inkoper)
        antwoord = client.post(URL, {"actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2026", "methode": BRON, "ova_voorlopig": "4,0"})
        ronde = Indexatieronde.objects.get()
        assert antwoord["Location"] == f"{URL}?ronde={ronde.pk}"
        assert (ronde.methode, ronde.ova_voorlopig, ronde.percentage) == (BRON, Decimal("4"), Decimal("2"))

    def test_ova_ontbreekt(self, client, gooi, inkoper):
        ab, _, _ = gooi
        client.force_login(inkoper)
        antwoord = client.post(URL, {"actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2026", "methode": BRON, "ova_voorlopig": ""})
        assert "Voorlopige OVA (%): Geef de voorlopige OVA van het tariefjaar (003 §6.22)." in _meldingen(antwoord)
        assert not Indexatieronde.objects.exists()

    def test_tweede_concept_geweigerd_met_melding(self, client, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        services.indexatie_opstellen(aanbesteding=ab, jaar=2027, methode=BRON, ova_voorlopig=Decimal("3"), door=inkoper)
        client.force_login(contractmanager)
        antwoord = client.post(URL, {"actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2027", "methode": "percentage", "percentage": "9"})
        assert any(m.startswith("Er is al een concept voor 2027, opgesteld door ") and m.endswith("; pas dat aan of verwijder het eerst.")
                   for m in _meldingen(antwoord)), _meldingen(antwoord)
        assert Indexatieronde.objects.get().methode == BRON

    def test_concept_wijzigen_en_verwijderen(self, client, gooi, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=BRON, ova_voorlopig=Decimal("3"), door=inkoper)
        client.force_login(inkoper)
        html = client.get(f"{URL}?ronde={ronde.pk}").content.decode()
        assert "Concept 2026 aanpassen" in html and invoer(html, "ova_voorlopig") == "3"
        client.post(f"{URL}?ronde={ronde.pk}", {"actie": "wijzigen", "aanbesteding": ab.pk, "jaar": "2026", "methode": BRON, "ova_voorlopig": "4"})
        ronde.refresh_from_db()
        assert ronde.percentage == Decimal("2")
        assert AuditRegel.objects.filter(actie="indexatie.gewijzigd").count() == 1
        antwoord = client.post(f"{URL}?ronde={ronde.pk}", {"actie": "verwijderen"})
        assert antwoord["Location"] == URL and not Indexatieronde.objects.exists()


def test_concept_gewogen_toont_eigen_componenten(client, gooi, inkoper):
    ab, _, _ = gooi
    eigen = [{"naam": "Lonen", "percentage": "3.5", "gewicht_ambulant": "90", "gewicht_verblijf": "82"},
             {"naam": "CPI", "percentage": "2.0", "gewicht_ambulant": "10", "gewicht_verblijf": "18"}]
    ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode="gewogen", componenten=eigen, door=inkoper)
    client.force_login(inkoper)
    html = client.get(f"{URL}?ronde={ronde.pk}").content.decode()
    assert 'name="comp-TOTAL_FORMS" value="2"' in html and invoer(html, "comp-0-percentage") == "3.5"
    assert invoer(html, "comp-1-gewicht_verblijf") == "18"


class TestVoorbeeld:
    def test_methode_per_rij_zichtbaar(self, client, gepubliceerd_2026, gooi, inkoper, django_assert_max_num_queries):
        ab, _, _ = gooi
        with time_machine.travel(date(2026, 9, 1)):
            services.indexatie_definitief_vastleggen(ronde=gepubliceerd_2026, componenten=definitief("3.1", "2.5", "1.8"), door=inkoper)
            ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2027, methode=BRON, ova_voorlopig=Decimal("3"), door=inkoper)
            client.force_login(inkoper)
            with django_assert_max_num_queries(30):
                html = client.get(f"{URL}?ronde={ronde.pk}").content.decode()
        assert "Voorlopige index 1,5 % = 50 % van de voorlopige OVA 3 %" in html
        assert "Grondslag = grondslag 2026 × (1 + definitieve index 2026)" in html
        # 43B03 extra zwaar: 440.76 → corrected 453.639007 → 460.443592 → € 460,44 (the admin renders nl decimals).
        assert "<td>440,760000</td><td>2,922 (verblijf)</td>" in html
        assert "<td>453,639007</td><td>1,5000</td><td>460,443592</td><td>€ 460,44</td>" in html

    def test_zonder_definitieve_index_een_melding_geen_fout(self, client, gepubliceerd_2026, gooi, inkoper):
        ab, _, _ = gooi
        client.force_login(inkoper)
        html = client.get(f"{URL}?ronde={gepubliceerd_2026.pk}").content.decode()
        assert "Definitieve index 2026" in html and "Nog niet vastgelegd; de ronde 2027" in html
        antwoord = client.post(URL, {"actie": "opstellen", "aanbesteding": ab.pk, "jaar": "2027", "methode": BRON, "ova_voorlopig": "3"})
        assert any("De definitieve index over 2026 is nog niet vastgelegd" in m for m in _meldingen(antwoord))
        assert not Indexatieronde.objects.filter(jaar=2027).exists()


class TestDefinitief:
    def test_vastleggen_via_het_scherm(self, client, gepubliceerd_2026, contractmanager):
        client.force_login(contractmanager)
        antwoord = client.post(f"{URL}?ronde={gepubliceerd_2026.pk}", _def_post("3,1", "2,5", "1,8"))
        assert "Definitieve index over 2026 vastgelegd." in _meldingen(antwoord)
        gepubliceerd_2026.refresh_from_db()
        assert [c["percentage"] for c in gepubliceerd_2026.definitief_componenten] == ["3.1", "2.5", "1.8"]
        assert gepubliceerd_2026.definitief_vastgelegd_door == contractmanager

    def test_leeg_percentage_geweigerd(self, client, gepubliceerd_2026, contractmanager):
        client.force_login(contractmanager)
        antwoord = client.post(f"{URL}?ronde={gepubliceerd_2026.pk}", _def_post("3,1", "", "1,8"))
        assert "Index %: Geef het percentage van elke reeks." in _meldingen(antwoord)
        gepubliceerd_2026.refresh_from_db()
        assert gepubliceerd_2026.definitief_componenten == []


class TestAfwijking:
    @pytest.fixture
    def te_laat(self, gooi, inkoper):
        ab, _, _ = gooi
        with time_machine.travel(date(2025, 10, 2)):
            yield services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=BRON, ova_voorlopig=Decimal("4"), door=inkoper)

    def test_inkoper_ziet_en_gebruikt_de_afwijking(self, client, te_laat, inkoper):
        client.force_login(inkoper)
        html = client.get(f"{URL}?ronde={te_laat.pk}").content.decode()
        assert "De aankondigingstermijn is verstreken" in html and 'value="afwijking"' in html
        antwoord = client.post(f"{URL}?ronde={te_laat.pk}", {"actie": "afwijking", "reden": ""})
        assert "Reden voor de kortere termijn: Geef de reden waarom de indexatie na de aankondigingstermijn wordt aangeboden." in _meldingen(antwoord)
        assert not Addendum.objects.exists()
        antwoord = client.post(f"{URL}?ronde={te_laat.pk}", {"actie": "afwijking", "reden": "OVA laat gepubliceerd"})
        addendum = Addendum.objects.get()
        assert antwoord["Location"] == reverse("overeenkomst_admin_addendum", args=[addendum.pk])
        assert (addendum.status, addendum.termijn_afwijking_reden) == (Addendum.Status.TER_GOEDKEURING, "OVA laat gepubliceerd")

    def test_contractmanager_ziet_geen_afwijkknop(self, client, te_laat, contractmanager):
        client.force_login(contractmanager)
        html = client.get(f"{URL}?ronde={te_laat.pk}").content.decode()
        assert "Alleen een inkoper van deze regio" in html and 'value="afwijking"' not in html
        antwoord = client.post(f"{URL}?ronde={te_laat.pk}", {"actie": "afwijking", "reden": "Toch"})
        assert any("Alleen een inkoper" in m for m in _meldingen(antwoord))
        assert not Addendum.objects.exists()

    def test_zonder_afwijking_weigert_de_termijn(self, client, te_laat, inkoper):
        client.force_login(inkoper)
        with time_machine.travel(date(2025, 10, 2)):
            antwoord = client.post(f"{URL}?ronde={te_laat.pk}", {"actie": "addendum"})
        assert any("laat een inkoper een afwijking met reden vastleggen" in m for m in _meldingen(antwoord))
        assert not Addendum.objects.exists()
