"""The meldingen pages: the provider's list, form and detail under /mijn/verplichtingen/meldingen/ and the
bureau's list, recording form and detail in the admin. Rendered for real; permissions per persona; the lists in
a constant number of queries."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contractbeheer import services
from contractbeheer.models import Melding, Meldingsstap
from core.kalender import TZ
from core.models import AuditRegel
from overeenkomst.models import Overeenkomst

from ._meldingen import BSN, VRIJDAG, doen, wereld

pytestmark = pytest.mark.django_db

DONDERDAG = datetime(2026, 4, 30, 9, 0, tzinfo=TZ)
LIJST, NIEUW = reverse("contractbeheer:meldingen"), reverse("contractbeheer:melding_nieuw")
STAF_LIJST = reverse("contractbeheer_admin_meldingen")
STAF_NIEUW = reverse("contractbeheer_admin_melding_vastleggen")


def _detail(m):
    return reverse("contractbeheer:melding", args=[m.pk])


def _staf_detail(m):
    return reverse("contractbeheer_admin_melding", args=[m.pk])


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


@pytest.fixture
def m(w):
    return doen(w.ovk, w.lid, w.soort("calamiteit"))


def _tekst(antwoord) -> str:
    return antwoord.content.decode()


def _formulier(w, **extra):
    return {"overeenkomst": w.ovk.pk, "soort": w.soort("calamiteit").pk, "gebeurd_op": "2026-04-24T16:30",
            "samenvatting": "Incident op de groep", "omschrijving": "Een jongere raakte gewond.",
            "ook_gemeld_aan": "IGJ", "maatregelen": "", **extra}


# --- provider ---------------------------------------------------------------------------------------------------


class TestAanbiederNieuw:
    def test_formulier_toont_soorten_met_termijn_in_woorden(self, client, w):
        client.force_login(w.lid)
        antwoord = client.get(NIEUW)
        assert antwoord.status_code == 200
        tekst = _tekst(antwoord)
        for stuk in ("Calamiteit of geweld in de zorgrelatie</strong>: binnen 2 werkdagen na de gebeurtenis",
                     "Informatiebeveiligings- of privacyincident</strong>: binnen 24 uur na de gebeurtenis",
                     "binnen 1 werkdag na de gebeurtenis", "Meld dit ook aan: Inspectie Gezondheidszorg en Jeugd (IGJ).",
                     "Onmiddellijk melden; wij lezen dat als binnen 24 uur.", "002 B1 30.2 r. 438",
                     'type="datetime-local"', "geen namen"):
            assert stuk in tekst, stuk
        # Only the provider's own running agreements and the kinds of their procedures.
        keuzes = antwoord.context["form"].fields["overeenkomst"].queryset
        assert list(keuzes) == [w.ovk]
        soorten = antwoord.context["form"].fields["soort"].queryset
        assert {s.aanbesteding_id for s in soorten} == {w.mlo.pk}

    def test_voorkeuze_uit_de_link(self, client, w):
        client.force_login(w.lid)
        soort = w.soort("informatiebeveiliging")
        antwoord = client.get(NIEUW, {"overeenkomst": w.ovk.pk, "soort": soort.pk})
        assert antwoord.context["form"].initial == {"overeenkomst": str(w.ovk.pk), "soort": str(soort.pk)}
        assert f'<option value="{soort.pk}" selected>' in _tekst(antwoord)
        # Rubbish is ignored; the single running agreement is chosen by default.
        antwoord = client.get(NIEUW, {"soort": "abc"})
        assert antwoord.context["form"].initial == {"overeenkomst": w.ovk.pk}

    def test_beeindigde_overeenkomst_niet_te_kiezen(self, client, w):
        Overeenkomst.objects.filter(pk=w.ovk.pk).update(status=Overeenkomst.Status.BEEINDIGD)
        client.force_login(w.lid)
        antwoord = client.get(NIEUW)
        assert "geen lopende overeenkomst" in _tekst(antwoord)
        assert client.post(NIEUW, _formulier(w)).status_code == 200
        assert not Melding.objects.exists()

    def test_indienen_toont_termijn_en_op_tijd(self, client, w):
        client.force_login(w.lid)
        with time_machine.travel(datetime(2026, 4, 29, 23, 59, tzinfo=TZ), tick=False):
            antwoord = client.post(NIEUW, _formulier(w), follow=True)
        m = Melding.objects.get()
        assert antwoord.redirect_chain[-1][0] == _detail(m)
        tekst = _tekst(antwoord)
        assert "Uw melding is ontvangen op 29-04-2026 om 23:59. De termijn liep tot 29-04-2026 23:59. Dat is op tijd." in tekst
        assert "Op tijd gemeld" in tekst
        assert (m.gebeurd_op, m.gemeld_door, m.te_laat) == (VRIJDAG, w.lid, False)

    def test_indienen_te_laat(self, client, w):
        client.force_login(w.lid)
        with time_machine.travel(DONDERDAG, tick=False):
            antwoord = client.post(NIEUW, _formulier(w), follow=True)
        tekst = _tekst(antwoord)
        assert "De termijn liep tot 29-04-2026 23:59. Dat is na de termijn: de melding is als te laat vastgelegd." in tekst
        assert "Te laat gemeld" in tekst
        assert Melding.objects.get().te_laat is True

    def test_bsn_geweigerd_in_het_formulier(self, client, w):
        client.force_login(w.lid)
        with time_machine.travel(DONDERDAG, tick=False):
            antwoord = client.post(NIEUW, _formulier(w, omschrijving=f"Cliënt met BSN {BSN} viel."))
        assert antwoord.status_code == 200
        assert "burgerservicenummer" in antwoord.context["form"].errors["omschrijving"][0]
        assert not Melding.objects.exists()

    def test_naam_geweigerd_in_het_formulier(self, client, w):
        client.force_login(w.lid)
        with time_machine.travel(DONDERDAG, tick=False):
            antwoord = client.post(NIEUW, _formulier(w, samenvatting="Val van mevrouw Jansen"))
        assert "naam" in antwoord.context["form"].errors["samenvatting"][0]
        assert not Melding.objects.exists()

    def test_soort_van_een_andere_procedure(self, client, w):
        client.force_login(w.lid)
        antwoord = client.post(NIEUW, _formulier(w, soort=w.soort("calamiteit", w.gooi).pk))
        assert "soort" in antwoord.context["form"].errors
        assert not Melding.objects.exists()

    def test_overeenkomst_van_een_ander_is_geen_keuze(self, client, w):
        client.force_login(w.lid)
        antwoord = client.post(NIEUW, _formulier(w, overeenkomst=w.andere_ovk.pk))
        assert "overeenkomst" in antwoord.context["form"].errors
        assert not Melding.objects.exists()

    def test_gebeurtenis_in_de_toekomst(self, client, w):
        client.force_login(w.lid)
        with time_machine.travel(datetime(2026, 4, 24, 12, 0, tzinfo=TZ), tick=False):
            antwoord = client.post(NIEUW, _formulier(w))
        assert antwoord.context["form"].errors["gebeurd_op"] == ["Het moment van de gebeurtenis ligt in de toekomst."]


class TestAanbiederLijstEnDetail:
    def test_lijst_toont_eigen_meldingen_met_te_laat(self, client, w, contractmanager_a):
        op_tijd = doen(w.ovk, w.lid, w.soort("calamiteit"))
        te_laat = doen(w.ovk, w.lid, w.soort("inspectie"), op=DONDERDAG, samenvatting="Aanwijzing van de IGJ")
        vreemd = doen(w.andere_ovk, w.andere_lid, w.soort("calamiteit"), samenvatting="Van een ander")
        services.stap_toevoegen(melding=te_laat, soort="vraag", tekst="Stuur de aanwijzing mee.", door=contractmanager_a)
        client.force_login(w.lid)
        antwoord = client.get(LIJST)
        assert antwoord.status_code == 200
        tekst = _tekst(antwoord)
        assert _detail(op_tijd) in tekst and _detail(te_laat) in tekst
        assert _detail(vreemd) not in tekst and "Van een ander" not in tekst
        assert "Te laat" in tekst and "Op tijd" in tekst and "Vraag van het bureau" in tekst
        assert [m.pk for m in antwoord.context["pagina"]] == [te_laat.pk, op_tijd.pk]

    def test_lijst_leeg(self, client, w):
        client.force_login(w.lid)
        tekst = _tekst(client.get(LIJST))
        assert "nog geen meldingen" in tekst
        assert NIEUW in tekst

    def test_lijst_in_vaste_aantal_queries(self, client, w, django_assert_max_num_queries):
        client.force_login(w.lid)
        doen(w.ovk, w.lid, w.soort("calamiteit"))
        client.get(LIJST)
        with CaptureQueriesContext(connection) as een:
            client.get(LIJST)
        for i in range(8):
            doen(w.ovk, w.lid, w.soort("inspectie" if i % 2 else "informatiebeveiliging"))
        with django_assert_max_num_queries(len(een.captured_queries)):
            assert len(client.get(LIJST).context["pagina"]) == 9

    def test_detail_verbergt_interne_notities(self, client, w, m, contractmanager_a):
        services.stap_toevoegen(melding=m, soort="notitie", tekst="GEHEIM: directeur is lastig.",
                                door=contractmanager_a)
        services.melding_status(melding=m, status="in_behandeling", door=contractmanager_a)
        client.force_login(w.lid)
        antwoord = client.get(_detail(m))
        tekst = _tekst(antwoord)
        assert antwoord.status_code == 200
        assert "GEHEIM" not in tekst and "Interne notitie" not in tekst
        assert "In behandeling." in tekst
        assert all(not s.intern for s in antwoord.context["stappen"])
        assert "uiterlijk 29-04-2026 23:59" in tekst and "binnen 2 werkdagen" in tekst
        assert antwoord.context["form"] is None and "Uw antwoord" not in tekst

    def test_vraag_beantwoorden(self, client, w, m, contractmanager_a, django_capture_on_commit_callbacks):
        services.stap_toevoegen(melding=m, soort="vraag", tekst="Is de IGJ ingelicht?", door=contractmanager_a)
        client.force_login(w.lid)
        tekst = _tekst(client.get(_detail(m)))
        assert "Is de IGJ ingelicht?" in tekst and "Uw antwoord" in tekst
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            antwoord = client.post(_detail(m), {"tekst": "Ja, op vrijdag."}, follow=True)
        assert "Uw antwoord is verstuurd aan het bureau." in _tekst(antwoord)
        assert m.stappen.filter(soort=Meldingsstap.Soort.ANTWOORD, door=w.lid).exists()
        assert len(mail.outbox) == 1
        assert antwoord.context["form"] is None

    def test_antwoord_met_naam_geweigerd(self, client, w, m, contractmanager_a):
        services.stap_toevoegen(melding=m, soort="vraag", tekst="Wie?", door=contractmanager_a)
        client.force_login(w.lid)
        antwoord = client.post(_detail(m), {"tekst": "De heer Pietersen."})
        assert "naam" in antwoord.context["form"].errors["tekst"][0]
        assert not m.stappen.filter(soort="antwoord").exists()

    def test_post_zonder_open_vraag_doet_niets(self, client, w, m):
        client.force_login(w.lid)
        assert client.post(_detail(m), {"tekst": "Ongevraagd"}).status_code == 200
        assert not m.stappen.exists()


class TestAanbiederRechten:
    def test_melding_van_een_andere_aanbieder_is_404(self, client, w, m):
        client.force_login(w.andere_lid)
        assert client.get(_detail(m)).status_code == 404
        assert client.post(_detail(m), {"tekst": "x"}).status_code == 404

    def test_onbekend_id_is_404(self, client, w):
        client.force_login(w.lid)
        assert client.get(reverse("contractbeheer:melding", args=[999999])).status_code == 404

    @pytest.mark.parametrize("persona", ["beoordelaar_a", "contractmanager_a"])
    def test_staf_zonder_organisatie_ziet_de_portaalpaginas_niet(self, client, w, m, persona, request):
        client.force_login(request.getfixturevalue(persona))
        for url in (LIJST, NIEUW, _detail(m)):
            assert client.get(url).status_code == 404, url

    def test_anoniem_naar_inloggen(self, client, m):
        for url in (LIJST, NIEUW, _detail(m)):
            assert client.get(url).status_code == 302


# --- staff ------------------------------------------------------------------------------------------------------


class TestStafLijst:
    def _meldingen(self, w):
        a = doen(w.ovk, w.lid, w.soort("calamiteit"), samenvatting="Eerste")
        b = doen(w.ovk, w.lid, w.soort("informatiebeveiliging"), op=DONDERDAG, samenvatting="Tweede")
        c = doen(w.gooi_ovk, w.gooi_lid, w.soort("calamiteit", w.gooi), samenvatting="Derde")
        return a, b, c

    def test_lijst_en_filters(self, staff_client, w, contractmanager_a):
        a, b, c = self._meldingen(w)
        services.melding_status(melding=c, status="afgehandeld", door=contractmanager_a)
        client = staff_client(contractmanager_a)
        antwoord = client.get(STAF_LIJST)
        assert antwoord.status_code == 200
        assert [m.pk for m in antwoord.context["pagina"]] == [b.pk, c.pk, a.pk]
        tekst = _tekst(antwoord)
        assert "Zorgkracht Jeugd" in tekst and "te laat" in tekst and STAF_NIEUW in tekst

        def pks(**params):
            return {m.pk for m in client.get(STAF_LIJST, params).context["pagina"]}

        assert pks(te_laat="ja") == {b.pk}
        assert pks(te_laat="nee") == {a.pk, c.pk}
        assert pks(aanbesteding=w.gooi.pk) == {c.pk}
        assert pks(soort=w.soort("calamiteit").pk) == {a.pk}
        assert pks(status="afgehandeld") == {c.pk}
        assert pks(status="ontvangen", aanbesteding=w.mlo.pk) == {a.pk, b.pk}
        # An invalid filter filters nothing instead of failing.
        assert pks(aanbesteding="abc") == {a.pk, b.pk, c.pk}

    def test_paginering(self, staff_client, w, contractmanager_a):
        for _ in range(3):
            doen(w.ovk, w.lid, w.soort("calamiteit"))
        from contractbeheer.admin_views import meldingen as schermen
        Melding.objects.bulk_create([Melding(
            overeenkomst=w.ovk, soort=w.soort("calamiteit"), gebeurd_op=VRIJDAG, ontvangen_op=DONDERDAG,
            uiterlijk=DONDERDAG, samenvatting=f"Oud {i}", omschrijving="x") for i in range(50)])
        client = staff_client(contractmanager_a)
        eerste = client.get(STAF_LIJST, {"te_laat": "nee"})
        assert eerste.context["pagina"].paginator.count == 53
        assert "te_laat=nee&amp;p=2" in _tekst(eerste)
        tweede = client.get(STAF_LIJST, {"te_laat": "nee", "p": 2})
        assert len(tweede.context["pagina"]) == 3
        assert schermen.FilterForm.base_fields["te_laat"].required is False

    def test_andere_regio_ziet_niets(self, staff_client, w, regio_b, contractmanager_b):
        self._meldingen(w)
        antwoord = staff_client(contractmanager_b).get(STAF_LIJST)
        assert antwoord.status_code == 200
        assert list(antwoord.context["pagina"]) == []
        # Procedures of another region are no valid filter either.
        assert list(antwoord.context["filters"].fields["aanbesteding"].queryset) == []

    @pytest.mark.parametrize("persona", ["beoordelaar_a", "redacteur_a", "sroi_adviseur_a"])
    def test_zonder_rol_geweigerd(self, staff_client, w, persona, request):
        m = doen(w.ovk, w.lid, w.soort("calamiteit"))
        client = staff_client(request.getfixturevalue(persona))
        for url in (STAF_LIJST, STAF_NIEUW, _staf_detail(m)):
            assert client.get(url).status_code in (302, 403), url

    def test_lijst_in_vaste_aantal_queries(self, staff_client, w, contractmanager_a, django_assert_max_num_queries):
        self._meldingen(w)
        client = staff_client(contractmanager_a)
        client.get(STAF_LIJST)
        with CaptureQueriesContext(connection) as drie:
            client.get(STAF_LIJST)
        for i in range(10):
            ovk = w.gooi_ovk if i % 2 else w.andere_ovk
            lid = w.gooi_lid if i % 2 else w.andere_lid
            doen(ovk, lid, w.soort("calamiteit", ovk.aanbesteding))
        with django_assert_max_num_queries(len(drie.captured_queries)):
            assert len(client.get(STAF_LIJST).context["pagina"]) == 13


class TestStafVastleggen:
    def test_formulier_en_vastleggen(self, staff_client, w, contractmanager_a, django_capture_on_commit_callbacks):
        client = staff_client(contractmanager_a)
        antwoord = client.get(STAF_NIEUW, {"overeenkomst": w.ovk.pk})
        assert antwoord.status_code == 200
        assert "werkelijke moment van" in _tekst(antwoord)
        keuzes = [k for k, _ in antwoord.context["form"].fields["kanaal"].choices]
        assert keuzes == ["email", "telefoon", "post"]
        mail.outbox.clear()
        with time_machine.travel(datetime(2026, 5, 6, 10, 0, tzinfo=TZ), tick=False), \
                django_capture_on_commit_callbacks(execute=True):
            antwoord = client.post(STAF_NIEUW, {
                "overeenkomst": w.ovk.pk, "soort": w.soort("calamiteit").pk, "kanaal": "post",
                "gebeurd_op": "2026-04-24T16:30", "ontvangen_op": "2026-04-29T10:00",
                "samenvatting": "Brief", "omschrijving": "Per post ontvangen.",
            }, follow=True)
        m = Melding.objects.get()
        assert antwoord.redirect_chain[-1][0] == _staf_detail(m)
        assert "De melding is vastgelegd, op tijd." in _tekst(antwoord)
        assert (m.kanaal, m.vastgelegd_door, m.te_laat) == ("post", contractmanager_a, False)
        assert m.ontvangen_op == datetime(2026, 4, 29, 10, 0, tzinfo=TZ)
        assert len(mail.outbox) == 1

    def test_fouten_uit_de_service_bij_het_veld(self, staff_client, w, contractmanager_a):
        client = staff_client(contractmanager_a)
        with time_machine.travel(datetime(2026, 5, 6, 10, 0, tzinfo=TZ), tick=False):
            antwoord = client.post(STAF_NIEUW, {
                "overeenkomst": w.ovk.pk, "soort": w.soort("calamiteit").pk, "kanaal": "email",
                "gebeurd_op": "2026-04-24T16:30", "ontvangen_op": "2026-05-07T10:00",
                "samenvatting": "Mail", "omschrijving": f"BSN {BSN}",
            })
        assert antwoord.status_code == 200
        assert antwoord.context["form"].errors["ontvangen_op"] == ["Het moment van ontvangst ligt in de toekomst."]
        assert not Melding.objects.exists()

    def test_soort_moet_bij_de_overeenkomst_horen(self, staff_client, w, contractmanager_a):
        antwoord = staff_client(contractmanager_a).post(STAF_NIEUW, {
            "overeenkomst": w.ovk.pk, "soort": w.soort("calamiteit", w.gooi).pk, "kanaal": "email",
            "gebeurd_op": "2026-04-24T16:30", "ontvangen_op": "2026-04-25T10:00",
            "samenvatting": "Mail", "omschrijving": "x",
        })
        assert "soort" in antwoord.context["form"].errors

    def test_overeenkomst_van_een_andere_regio_is_geen_keuze(self, staff_client, w, contractmanager_b):
        antwoord = staff_client(contractmanager_b).post(STAF_NIEUW, {
            "overeenkomst": w.ovk.pk, "soort": w.soort("calamiteit").pk, "kanaal": "email",
            "gebeurd_op": "2026-04-24T16:30", "ontvangen_op": "2026-04-25T10:00",
            "samenvatting": "Mail", "omschrijving": "x",
        })
        assert antwoord.status_code == 200
        assert {"overeenkomst", "soort"} <= set(antwoord.context["form"].errors)
        assert not Melding.objects.exists()


class TestStafDetail:
    def test_volledige_tijdlijn_met_interne_notitie(self, staff_client, w, m, contractmanager_a):
        services.stap_toevoegen(melding=m, soort="notitie", tekst="GEHEIM: intern overleg.", door=contractmanager_a)
        antwoord = staff_client(contractmanager_a).get(_staf_detail(m))
        assert antwoord.status_code == 200
        tekst = _tekst(antwoord)
        assert "GEHEIM: intern overleg." in tekst and "(intern)" in tekst
        assert "uiterlijk 29-04-2026 23:59" in tekst and "002 B1 30.2 r. 438" in tekst
        assert "Op tijd gemeld" in tekst and w.lid.email in tekst
        assert [k for k, _ in antwoord.context["status_form"].fields["status"].choices] == [
            "afgehandeld", "in_behandeling"]

    def test_notitie_vraag_en_status_via_het_scherm(self, staff_client, w, m, inkoper_a,
                                                   django_capture_on_commit_callbacks):
        client = staff_client(inkoper_a)
        mail.outbox.clear()
        antwoord = client.post(_staf_detail(m), {"actie": "stap", "stap-soort": "notitie", "stap-tekst": "Intern."},
                               follow=True)
        assert "De notitie is toegevoegd." in _tekst(antwoord)
        with django_capture_on_commit_callbacks(execute=True):
            antwoord = client.post(_staf_detail(m), {"actie": "stap", "stap-soort": "vraag",
                                                     "stap-tekst": "Welke maatregelen?"}, follow=True)
        assert "De vraag is verstuurd aan de aanbieder." in _tekst(antwoord)
        assert len(mail.outbox) == 1
        assert "Er staat een vraag open bij de aanbieder." in _tekst(antwoord)
        antwoord = client.post(_staf_detail(m), {"actie": "status", "status-status": "afgehandeld",
                                                 "status-toelichting": ""}, follow=True)
        assert "De status is gewijzigd." in _tekst(antwoord)
        m.refresh_from_db()
        assert m.status == "afgehandeld"
        assert [k for k, label in antwoord.context["status_form"].fields["status"].choices] == ["in_behandeling"]
        assert "Heropenen" in _tekst(antwoord)
        assert [s.soort for s in m.stappen.all()] == ["notitie", "vraag", "status"]
        assert AuditRegel.objects.filter(actie="contractbeheer.melding_stap").count() == 2

    def test_fouten_blijven_op_het_scherm(self, staff_client, w, m, contractmanager_a):
        client = staff_client(contractmanager_a)
        services.melding_status(melding=m, status="afgehandeld", door=contractmanager_a)
        antwoord = client.post(_staf_detail(m), {"actie": "status", "status-status": "in_behandeling",
                                                 "status-toelichting": ""})
        assert antwoord.status_code == 200
        assert "toelichting" in antwoord.context["status_form"].errors
        antwoord = client.post(_staf_detail(m), {"actie": "stap", "stap-soort": "notitie",
                                                 "stap-tekst": f"BSN {BSN}"})
        assert "burgerservicenummer" in antwoord.context["stap_form"].errors["tekst"][0]
        antwoord = client.post(_staf_detail(m), {"actie": "stap", "stap-soort": "vraag", "stap-tekst": "Nog iets?"})
        assert "heropen" in _tekst(antwoord)
        assert client.post(_staf_detail(m), {"actie": "onzin"}).status_code == 200
        assert m.stappen.count() == 1

    def test_andere_regio_is_404(self, staff_client, w, m, contractmanager_b):
        client = staff_client(contractmanager_b)
        assert client.get(_staf_detail(m)).status_code == 404
        assert client.post(_staf_detail(m), {"actie": "stap", "stap-soort": "notitie", "stap-tekst": "x"}
                           ).status_code == 404
        assert not m.stappen.exists()
        assert client.get(reverse("contractbeheer_admin_melding", args=[999999])).status_code == 404
