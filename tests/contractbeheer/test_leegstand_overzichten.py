"""The reads of the leegstandsvergoeding: the months × providers grid (a rejected month followed by a new one),
the yearly overview as in the source's "Financieel overzicht" (003 r.4300-4316: maximum 730 etmalen / € 175.000,
etmalen bezet, leegstand and its amount), the split of every month over the municipalities adding up to the cent
for any amount, and the export rows. Also the staff's settings: the snippets (scoped to the region) and the menu."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from contractbeheer import regels
from contractbeheer.models import Beddenoverzicht, Budgetplafond
from contractbeheer.selectors import leegstand as selectie
from contractbeheer.services import leegstand as diensten
from core.models import AuditRegel

from ._leegstand import indienen, wereld

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


class TestJaaroverzicht:
    def test_twee_aanbieders_een_jaar(self, w, contractmanager_a):
        """Youké (extra zwaar 2022, € 375,57) and Leger des Heils (zwaar 2022, € 294,94), two beds each, 2022 as a
        whole year would be 730 etmalen (003 r.4292). Here: Youké January (62 − 40 = 22 leegstand → € 8.262,54)
        and February (56 − 50 = 6 → € 2.253,42) approved, March submitted; Leger des Heils January (62 − 12 = 50 →
        € 14.747,00) approved."""
        for maand, bezet in ((1, 40), (2, 50)):
            o = indienen(w, w.youke, w.youke_lid, date(2022, maand, 1), bezet=bezet)
            diensten.overzicht_goedkeuren(overzicht=o, door=contractmanager_a)
        indienen(w, w.youke, w.youke_lid, date(2022, 3, 1), bezet=20)
        ldh = indienen(w, w.ldh, w.ldh_lid, date(2022, 1, 1), bezet=12, intensiteit="zwaar")
        diensten.overzicht_goedkeuren(overzicht=ldh, door=contractmanager_a)
        regels_, totaal = selectie.jaaroverzicht(w.regeling, 2022)
        ldh_r, youke_r = regels_  # by name: Leger des Heils before Youké
        assert (youke_r.etmalen_capaciteit, youke_r.etmalen_bezet, youke_r.etmalen_leegstand) == (118, 90, 28)
        assert (youke_r.bedrag_berekend, youke_r.maanden_goedgekeurd, youke_r.maanden_open) == (D("10515.96"), 2, 1)
        assert youke_r.resterend == D("175000") - D("10515.96") and youke_r.boven_plafond == 0
        assert (ldh_r.etmalen_leegstand, ldh_r.bedrag_uit_te_betalen) == (50, D("14747.00"))
        assert (totaal.max_vergoeding, totaal.bedrag_uit_te_betalen) == (D("350000"), D("25262.96"))
        assert totaal.etmalen_bezet == 102 and totaal.maanden_open == 1
        assert selectie.jaaroverzicht(w.regeling, 2023) == ([], None)

    def test_maandstaat_per_aanbieder(self, w, contractmanager_a):
        a = indienen(w, w.youke, w.youke_lid, date(2022, 1, 1))
        diensten.overzicht_afwijzen(overzicht=a, reden="Verkeerde bedden", door=contractmanager_a)
        b = indienen(w, w.ldh, w.ldh_lid, date(2022, 2, 1), intensiteit="zwaar")
        aanbieders, maanden = selectie.maandstaat(w.regeling, 2022)
        assert [x.organisatie.naam for x in aanbieders] == ["Leger des Heils Midden-Nederland", "Youké Sterke Jeugd"]
        assert len(maanden) == 12 and maanden[0].maand == date(2022, 1, 1)
        assert maanden[0].cellen == [None, a] and maanden[1].cellen == [b, None]
        nieuw = indienen(w, w.youke, w.youke_lid, date(2022, 1, 1), bezet=3)
        assert selectie.maandstaat(w.regeling, 2022)[1][0].cellen == [None, nieuw]


class TestVerdeling:
    def test_elke_maand_telt_precies_op(self, w):
        """For a range of awkward amounts the six parts add up to the cent (largest remainder)."""
        aandelen = [(v.gemeente_id, v.percentage) for v in w.regeling.verdeling.all()]
        for centen in list(range(1, 400, 7)) + [1464723, 2328534, 1575832, 17500000]:
            bedrag = D(centen) / 100
            delen = regels.verdeel_over_gemeenten(bedrag, aandelen)
            assert sum(delen.values()) == bedrag, bedrag

    def test_volgorde_van_maanden_en_export(self, w, contractmanager_a):
        juni = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), bezet=21)
        mei = indienen(w, w.ldh, w.ldh_lid, date(2022, 5, 1), bezet=62, intensiteit="zwaar")  # no leegstand
        for o in (juni, mei):
            diensten.overzicht_goedkeuren(overzicht=o, door=contractmanager_a)
        v = selectie.verdeling(w.regeling, 2022)
        assert [o.maand.month for o, _ in v.regels] == [5, 6]
        assert sum(v.regels[0][1].values()) == 0 and v.totaal == D("14647.23")
        rijen = list(selectie.exportregels(w.regeling, 2022))
        assert len(rijen) == 12 and len(selectie.EXPORTKOP) == len(rijen[0])
        assert [r[4] for r in rijen[6:]] == ["Hilversum", "Gooise Meren", "Huizen", "Wijdemeren", "Blaricum", "Laren"]
        assert rijen[6][:3] == [2022, "06-2022", "Youké Sterke Jeugd"] and rijen[6][12] == D("5565.95")


class TestInstellingen:
    def test_snippets_binnen_de_regio(self, staff_client, w, contractmanager_a, contractmanager_b):
        regeling_url = reverse("wagtailsnippets_contractbeheer_leegstandsregeling:list")
        verdeling_url = reverse("wagtailsnippets_contractbeheer_leegstandsverdeling:list")
        client = staff_client(contractmanager_a)
        assert "5.10.1" in client.get(regeling_url).content.decode()
        assert "Gooise Meren" in client.get(verdeling_url).content.decode()
        client = staff_client(contractmanager_b)
        assert "5.10.1" not in client.get(regeling_url).content.decode()
        bewerk = reverse("wagtailsnippets_contractbeheer_leegstandsregeling:edit", args=[w.regeling.pk])
        assert client.get(bewerk).status_code == 404

    def test_plafond_per_aanbieder_toevoegen(self, staff_client, w, contractmanager_a):
        """Staff add a ceiling for one provider (004 §3.1) through the snippet; the write is audited."""
        client = staff_client(contractmanager_a)
        url = reverse("wagtailsnippets_contractbeheer_budgetplafond:add")
        antwoord = client.post(url, {
            "aanbesteding": w.aanbesteding.pk, "perceel": w.perceel.pk, "product": "", "overeenkomst": w.youke.pk,
            "code": "TV-Youke", "naam": "Tussenvoorziening Youké", "soort": "per_aanbieder", "bedrag": "175000",
            "jaar": "2025", "drempels": "80,100", "bron": "004 §3.1 r.185"})
        assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
        plafond = Budgetplafond.objects.get(code="TV-Youke")
        assert (plafond.overeenkomst, plafond.bedrag, plafond.jaar) == (w.youke, D("175000"), 2025)
        assert AuditRegel.objects.filter(object_id=str(plafond.pk)).exists()

    def test_menu(self, w):
        from contractbeheer.wagtail_hooks import _handhaving_items

        labels = [i.label for i in _handhaving_items()]
        assert "Leegstandsvergoeding" in labels and "Budgetplafonds" in labels

    def test_regelingen_lijst_telt_wachtende(self, staff_client, w, contractmanager_a):
        indienen(w, w.youke, w.youke_lid, date(2022, 6, 1))
        indienen(w, w.ldh, w.ldh_lid, date(2022, 6, 1), intensiteit="zwaar")
        html = staff_client(contractmanager_a).get(reverse("contractbeheer_admin_leegstand")).content.decode()
        assert "Leegstandsvergoeding 5.10.1" in html and "<td>2</td>" in html
        assert Beddenoverzicht.objects.filter(status="ingediend").count() == 2

    def test_jaar_uit_de_url(self, staff_client, w, contractmanager_a):
        client = staff_client(contractmanager_a)
        url = reverse("contractbeheer_admin_leegstand_regeling", args=[w.regeling.pk])
        assert "› 2022" in client.get(url, {"jaar": "2022"}).content.decode()
        html = client.get(url, {"jaar": "<script>"}).content.decode()
        assert "<script>" not in html and "Geen beddenoverzichten" in html
