"""The Woo staff screens (issue 16): who gets in, region isolation (another region's request is a 404), forms that
call one service each, the downloads, and the query count of the list pages at two sizes."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from core.models import AuditRegel
from tests.factories import AanbestedingFactory
from woo import services
from woo.models import Lakmarkering, Verzoekstuk, Woogrond, Woometadata, Wooverzoek

from .conftest import BEDRAG, CONTACT, besluit_maken

pytestmark = pytest.mark.django_db

B = Verzoekstuk.Beoordeling


def _verzoek(aanbesteding, door, kenmerk="DOC-1"):
    return services.verzoek_registreren(aanbesteding=aanbesteding, kenmerk=kenmerk, ontvangen_op=date(2026, 3, 2),
                                        onderwerp="Tussenvoorziening", verzoeker="A. Verzoeker", door=door)


@pytest.fixture
def verzoek_a(inkoper_a, aanbesteding_a, besluit_a):
    v = _verzoek(aanbesteding_a, inkoper_a)
    services.documenten_selecteren(verzoek=v, sleutels=[f"besluit:{besluit_a.pk}"], door=inkoper_a)
    return v


class TestToegang:
    @pytest.mark.parametrize("naam", ["woo_admin_procedures", "woo_admin_verzoeken", "woo_admin_verzoek_nieuw"])
    def test_inkoper_ziet_de_schermen(self, staff_client, inkoper_a, naam):
        assert staff_client(inkoper_a).get(reverse(naam)).status_code == 200

    @pytest.mark.parametrize("naam", ["woo_admin_procedures", "woo_admin_verzoeken", "woo_admin_verzoek_nieuw"])
    def test_beoordelaar_wordt_geweigerd(self, staff_client, beoordelaar_a, naam):
        # Wagtail turns the PermissionDenied of an admin view into a redirect to the dashboard with a message.
        antwoord = staff_client(beoordelaar_a).get(reverse(naam))
        assert (antwoord.status_code, antwoord.url) == (302, reverse("wagtailadmin_home"))

    def test_anoniem_naar_inloggen(self, client):
        antwoord = client.get(reverse("woo_admin_verzoeken"))
        assert antwoord.status_code == 302

    def test_menu_alleen_voor_woo_staf(self, staff_client, inkoper_a, contractmanager_a):
        assert "Woo-verzoeken" in staff_client(inkoper_a).get(reverse("wagtailadmin_home")).content.decode()
        assert "Woo-verzoeken" not in staff_client(contractmanager_a).get(reverse("wagtailadmin_home")).content.decode()


class TestRegioIsolatie:
    def test_verzoek_van_andere_regio_is_404(self, staff_client, inkoper_b, verzoek_a):
        c = staff_client(inkoper_b)
        stuk = verzoek_a.stukken.get()
        for url in (reverse("woo_admin_verzoek", args=[verzoek_a.pk]), reverse("woo_admin_stuk", args=[stuk.pk]),
                    reverse("woo_admin_stuk_voorbeeld", args=[stuk.pk]),
                    reverse("woo_admin_inventarislijst", args=[verzoek_a.pk, "csv"]),
                    reverse("woo_admin_export", args=[verzoek_a.pk]),
                    reverse("woo_admin_dossier", args=[verzoek_a.aanbesteding_id])):
            assert c.get(url).status_code == 404, url

    def test_post_naar_andere_regio_is_404_en_verandert_niets(self, staff_client, inkoper_b, verzoek_a):
        antwoord = staff_client(inkoper_b).post(reverse("woo_admin_verzoek", args=[verzoek_a.pk]),
                                                {"actie": "besluiten", "besluitdatum": "2026-04-16", "bevestig": "on"})
        assert antwoord.status_code == 404
        verzoek_a.refresh_from_db()
        assert verzoek_a.status == Wooverzoek.Status.IN_BEHANDELING

    def test_lijst_toont_alleen_eigen_regio(self, staff_client, inkoper_b, verzoek_a, aanbesteding_b):
        _verzoek(aanbesteding_b, inkoper_b, kenmerk="MLO-7")
        html = staff_client(inkoper_b).get(reverse("woo_admin_verzoeken")).content.decode()
        assert "MLO-7" in html and "DOC-1" not in html

    def test_procedure_van_andere_regio_niet_kiesbaar(self, staff_client, inkoper_b, aanbesteding_a):
        antwoord = staff_client(inkoper_b).post(reverse("woo_admin_verzoek_nieuw"), {
            "aanbesteding": aanbesteding_a.pk, "kenmerk": "X-1", "ontvangen_op": "2026-03-02", "onderwerp": "x",
            "verzoeker": "Iemand",
        })
        assert antwoord.status_code == 200
        assert not Wooverzoek.objects.exists()


class TestVerzoekScherm:
    def test_registreren(self, staff_client, inkoper_a, aanbesteding_a):
        antwoord = staff_client(inkoper_a).post(reverse("woo_admin_verzoek_nieuw"), {
            "aanbesteding": aanbesteding_a.pk, "kenmerk": "DOC-26015854", "ontvangen_op": "2026-03-02",
            "onderwerp": "Tussenvoorziening", "verzoeker": "A. Verzoeker",
        })
        v = Wooverzoek.objects.get()
        assert antwoord.status_code == 302 and antwoord.url == reverse("woo_admin_verzoek", args=[v.pk])
        assert v.kenmerk == "DOC-26015854"

    def test_selecteren_via_het_scherm(self, staff_client, inkoper_a, aanbesteding_a, besluit_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        c = staff_client(inkoper_a)
        html = c.get(reverse("woo_admin_verzoek", args=[v.pk])).content.decode()
        assert f"besluit:{besluit_a.pk}" in html
        c.post(reverse("woo_admin_verzoek", args=[v.pk]), {"actie": "selecteren",
                                                            "sleutels": [f"besluit:{besluit_a.pk}"]})
        assert list(v.stukken.values_list("sleutel", flat=True)) == [f"besluit:{besluit_a.pk}"]

    def test_verzoeker_op_het_scherm_voor_staf(self, staff_client, inkoper_a, verzoek_a):
        html = staff_client(inkoper_a).get(reverse("woo_admin_verzoek", args=[verzoek_a.pk])).content.decode()
        assert "A. Verzoeker" in html and "5.1.2.e" in html

    def test_besluiten_zonder_bevestiging_doet_niets(self, staff_client, inkoper_a, verzoek_a):
        staff_client(inkoper_a).post(reverse("woo_admin_verzoek", args=[verzoek_a.pk]),
                                     {"actie": "besluiten", "besluitdatum": "2026-04-16"})
        verzoek_a.refresh_from_db()
        assert verzoek_a.status == Wooverzoek.Status.IN_BEHANDELING

    def test_besluiten_en_downloaden(self, staff_client, inkoper_a, verzoek_a, django_capture_on_commit_callbacks):
        c = staff_client(inkoper_a)
        with django_capture_on_commit_callbacks(execute=True):
            c.post(reverse("woo_admin_verzoek", args=[verzoek_a.pk]),
                   {"actie": "besluiten", "besluitdatum": "2026-04-16", "bevestig": "on"})
        verzoek_a.refresh_from_db()
        assert verzoek_a.status == Wooverzoek.Status.BESLOTEN
        zipantwoord = c.get(reverse("woo_admin_export", args=[verzoek_a.pk]))
        assert zipantwoord.status_code == 200
        z = zipfile.ZipFile(io.BytesIO(b"".join(zipantwoord.streaming_content)))
        assert any(n.startswith("1-") for n in z.namelist())
        pdf = c.get(reverse("woo_admin_inventarislijst", args=[verzoek_a.pk, "pdf"]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        for formaat in ("xlsx", "csv"):
            antwoord = c.get(reverse("woo_admin_inventarislijst", args=[verzoek_a.pk, formaat]))
            assert antwoord.status_code == 200 and "no-store" in antwoord["Cache-Control"]
        assert c.get(reverse("woo_admin_inventarislijst", args=[verzoek_a.pk, "exe"])).status_code == 404

    def test_export_404_zolang_niet_besloten(self, staff_client, inkoper_a, verzoek_a):
        c = staff_client(inkoper_a)
        assert c.get(reverse("woo_admin_export", args=[verzoek_a.pk])).status_code == 404
        assert c.get(reverse("woo_admin_inventarislijst", args=[verzoek_a.pk, "pdf"])).status_code == 404

    def test_onbekende_actie_is_404(self, staff_client, inkoper_a, verzoek_a):
        antwoord = staff_client(inkoper_a).post(reverse("woo_admin_verzoek", args=[verzoek_a.pk]), {"actie": "weg"})
        assert antwoord.status_code == 404


class TestStukScherm:
    def test_tekst_en_vergrendelde_markeringen(self, staff_client, inkoper_a, verzoek_a):
        stuk = verzoek_a.stukken.get()
        html = staff_client(inkoper_a).get(reverse("woo_admin_stuk", args=[stuk.pk])).content.decode()
        assert "Pagina 1" in html and CONTACT in html  # the original text, for staff
        assert "vergrendeld" in html

    def test_markeren_beoordelen_en_verwijderen(self, staff_client, inkoper_a, verzoek_a):
        stuk = verzoek_a.stukken.get()
        c = staff_client(inkoper_a)
        url = reverse("woo_admin_stuk", args=[stuk.pk])
        grond = Woogrond.objects.get(code="5.1.2.b")
        c.post(url, {"actie": "markeren", "grond": grond.pk, "tekst": BEDRAG})
        m = Lakmarkering.objects.get(grond=grond)
        c.post(url, {"actie": "beoordelen", "beoordeling": B.DEELS_OPENBAAR})
        c.post(url, {"actie": "verwijderen", "markering": m.pk})
        assert not Lakmarkering.objects.filter(pk=m.pk).exists()
        automatisch = stuk.markeringen.filter(automatisch=True).first()
        antwoord = c.post(url, {"actie": "verwijderen", "markering": automatisch.pk}, follow=True)
        assert Lakmarkering.objects.filter(pk=automatisch.pk).exists()
        assert "kan niet worden verwijderd" in antwoord.content.decode()

    def test_passage_die_niet_voorkomt_als_melding(self, staff_client, inkoper_a, verzoek_a):
        stuk = verzoek_a.stukken.get()
        antwoord = staff_client(inkoper_a).post(reverse("woo_admin_stuk", args=[stuk.pk]), {
            "actie": "markeren", "grond": Woogrond.objects.get(code="5.1.2.b").pk, "tekst": "bestaat niet xyz",
        }, follow=True)
        assert "komt niet (letterlijk) in het document voor" in antwoord.content.decode()

    def test_voorbeeld_is_gelakt(self, staff_client, inkoper_a, verzoek_a):
        from tests.woo.test_export import tekst_van

        stuk = verzoek_a.stukken.get()
        antwoord = staff_client(inkoper_a).get(reverse("woo_admin_stuk_voorbeeld", args=[stuk.pk]))
        assert antwoord.status_code == 200
        tekst = tekst_van(antwoord.content)
        assert CONTACT not in tekst and "5.1.2.e" in tekst


class TestDossierScherm:
    def test_categorie_publiceren_en_intrekken(self, staff_client, inkoper_a, aanbesteding_a, besluit_a,
                                               django_capture_on_commit_callbacks):
        c = staff_client(inkoper_a)
        url = reverse("woo_admin_dossier", args=[aanbesteding_a.pk])
        sleutel = f"besluit:{besluit_a.pk}"
        assert sleutel in c.get(url).content.decode()
        c.post(url, {"actie": "metadata", "sleutel": sleutel, "informatiecategorie": "adviezen"})
        assert Woometadata.objects.get(sleutel=sleutel).informatiecategorie == "adviezen"
        with django_capture_on_commit_callbacks(execute=True):
            c.post(url, {"actie": "publiceren", "sleutel": sleutel})
        assert Woometadata.objects.get(sleutel=sleutel).status == Woometadata.Status.ACTIEF_OPENBAAR
        c.post(url, {"actie": "intrekken", "sleutel": sleutel, "reden": "Verkeerd document"})
        assert Woometadata.objects.get(sleutel=sleutel).status == Woometadata.Status.INGETROKKEN
        assert AuditRegel.objects.filter(actie="woo.openbaarmaking_intrekken").count() == 1

    def test_ongeldige_categorie_verandert_niets(self, staff_client, inkoper_a, aanbesteding_a, besluit_a):
        url = reverse("woo_admin_dossier", args=[aanbesteding_a.pk])
        staff_client(inkoper_a).post(url, {"actie": "metadata", "sleutel": f"besluit:{besluit_a.pk}",
                                           "informatiecategorie": "geheim"})
        assert not Woometadata.objects.exists()


class TestAantalQueries:
    def _verzoeken(self, aanbesteding, door, aantal, start=0):
        for i in range(start, start + aantal):
            _verzoek(aanbesteding, door, kenmerk=f"DOC-{i}")

    def test_verzoekenlijst_vast_aantal(self, staff_client, inkoper_a, aanbesteding_a, django_assert_max_num_queries):
        c = staff_client(inkoper_a)
        self._verzoeken(aanbesteding_a, inkoper_a, 2)
        c.get(reverse("woo_admin_verzoeken"))
        with django_assert_max_num_queries(20) as klein:
            c.get(reverse("woo_admin_verzoeken"))
        self._verzoeken(aanbesteding_a, inkoper_a, 20, start=10)
        with django_assert_max_num_queries(len(klein.captured_queries)):
            html = c.get(reverse("woo_admin_verzoeken")).content.decode()
        assert html.count("DOC-") >= 22

    def test_procedurelijst_vast_aantal(self, staff_client, inkoper_a, regio_a, django_assert_max_num_queries):
        c = staff_client(inkoper_a)
        AanbestedingFactory.create_batch(2, regio=regio_a)
        c.get(reverse("woo_admin_procedures"))
        with django_assert_max_num_queries(20) as klein:
            c.get(reverse("woo_admin_procedures"))
        AanbestedingFactory.create_batch(15, regio=regio_a)
        with django_assert_max_num_queries(len(klein.captured_queries)):
            c.get(reverse("woo_admin_procedures"))

    def test_verzoekscherm_vast_aantal(self, staff_client, inkoper_a, aanbesteding_a, zorgaanbieder, besluit_a,
                                       django_assert_max_num_queries):
        v = _verzoek(aanbesteding_a, inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[f"besluit:{besluit_a.pk}"], door=inkoper_a)
        c = staff_client(inkoper_a)
        c.get(reverse("woo_admin_verzoek", args=[v.pk]))
        with django_assert_max_num_queries(40) as klein:
            c.get(reverse("woo_admin_verzoek", args=[v.pk]))
        extra = [besluit_maken(aanbesteding_a, zorgaanbieder, toelichting="Toegelaten.", dag=3 + i) for i in range(4)]
        services.documenten_selecteren(verzoek=v, sleutels=[f"besluit:{b.pk}" for b in [besluit_a, *extra]],
                                       door=inkoper_a)
        with django_assert_max_num_queries(len(klein.captured_queries)):
            c.get(reverse("woo_admin_verzoek", args=[v.pk]))


class TestInhoudVanDeSchermen:
    def test_dossier_toont_categorie_en_knoppen(self, staff_client, inkoper_a, aanbesteding_a, besluit_a,
                                                django_capture_on_commit_callbacks):
        c = staff_client(inkoper_a)
        url = reverse("woo_admin_dossier", args=[aanbesteding_a.pk])
        html = c.get(url).content.decode()
        assert "Beschikkingen (art. 3.3, tweede lid, onder k)" in html
        # the help text, then one button per document: the decision and the procedure's notice
        assert "Aankondiging: Jeugdhulp Tussenvoorziening" in html
        assert html.count("Actief openbaar maken") == 3 and "Intrekken" not in html
        with django_capture_on_commit_callbacks(execute=True):
            c.post(url, {"actie": "publiceren", "sleutel": f"besluit:{besluit_a.pk}"})
        html = c.get(url).content.decode()
        assert "Intrekken" in html and "actief openbaar" in html and str(inkoper_a) in html

    def test_procedurelijst_telt(self, staff_client, inkoper_a, aanbesteding_a, aanbesteding_b, verzoek_a):
        html = staff_client(inkoper_a).get(reverse("woo_admin_procedures")).content.decode()
        assert aanbesteding_a.titel in html and aanbesteding_b.titel not in html
        assert reverse("woo_admin_dossier", args=[aanbesteding_a.pk]) in html

    def test_problemen_op_het_verzoekscherm(self, staff_client, inkoper_a, aanbesteding_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        html = staff_client(inkoper_a).get(reverse("woo_admin_verzoek", args=[v.pk])).content.decode()
        assert "Er is nog geen document geselecteerd." in html and "disabled" in html

    def test_na_besluit_geen_formulieren_meer(self, staff_client, inkoper_a, verzoek_a):
        services.verzoek_besluiten(verzoek=verzoek_a, besluitdatum=date(2026, 4, 16), door=inkoper_a)
        c = staff_client(inkoper_a)
        html = c.get(reverse("woo_admin_verzoek", args=[verzoek_a.pk])).content.decode()
        assert 'value="selecteren"' not in html and 'value="besluiten"' not in html
        assert "De export wordt gemaakt" in html
        stuk = verzoek_a.stukken.get()
        html = c.get(reverse("woo_admin_stuk", args=[stuk.pk])).content.decode()
        assert 'value="markeren"' not in html and 'value="beoordelen"' not in html

    def test_csv_voor_het_besluit(self, staff_client, inkoper_a, verzoek_a):
        antwoord = staff_client(inkoper_a).get(reverse("woo_admin_inventarislijst", args=[verzoek_a.pk, "csv"]))
        tekst = antwoord.content.decode("utf-8-sig")
        assert tekst.splitlines()[0] == "Nr.;Document;Datum;Beoordeling;Gronden"
        assert "deels openbaar;5.1.2.e" in tekst
        assert antwoord["Content-Disposition"] == 'attachment; filename="inventarislijst-DOC-1.csv"'

    def test_registreren_met_bestaand_kenmerk(self, staff_client, inkoper_a, aanbesteding_a, verzoek_a):
        antwoord = staff_client(inkoper_a).post(reverse("woo_admin_verzoek_nieuw"), {
            "aanbesteding": aanbesteding_a.pk, "kenmerk": "DOC-1", "ontvangen_op": "2026-03-02",
            "onderwerp": "Nog een", "verzoeker": "B",
        })
        assert antwoord.status_code == 200
        assert "Er is al een Woo-verzoek met dit kenmerk" in antwoord.content.decode()
        assert Wooverzoek.objects.count() == 1

    def test_niet_openbaar_via_het_scherm(self, staff_client, inkoper_a, verzoek_a):
        stuk = verzoek_a.stukken.get()
        grond = Woogrond.objects.get(code="5.1.2.b")
        staff_client(inkoper_a).post(reverse("woo_admin_stuk", args=[stuk.pk]), {
            "actie": "beoordelen", "beoordeling": B.NIET_OPENBAAR, "grond": grond.pk,
        })
        stuk.refresh_from_db()
        assert stuk.beoordeling == B.NIET_OPENBAAR
        assert stuk.markeringen.filter(grond=grond, tekst="", pagina=0).exists()

    def test_audittrail_van_het_verzoek(self, staff_client, inkoper_a, verzoek_a):
        url = reverse("core_audit_object", args=["woo", "wooverzoek", verzoek_a.pk])
        html = staff_client(inkoper_a).get(url).content.decode()
        assert "woo.documenten_selecteren" in html or "documenten_selecteren" in html
