"""Issue 18, the digital registered letter (ADR 0017): every notice of a provider and every answer of the bureau gets
a sealed ontvangstbevestiging with the moment of receipt, and that moment is what the rules count from. A letter that
arrived on paper is recorded by a contractmanager of the region with its real date of receipt.

Numbers: MLO (002 art. 8.1) counts one calendar month from the first day of the month after receipt; Gooi option 2
(003a §3.5) three months from receipt; the extension objection (003a §3.6) must be in before 1 October.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time
from io import BytesIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from core import zegel
from core.kalender import TZ
from core.models import Zegelregistratie
from overeenkomst import services, tasks
from overeenkomst.models import Brief, Deelname, Kanaal, Overeenkomst, Uittreding, Wijzigingsverzoek
from tests.core.slechte_bestanden import geldige_pdf
from tests.factories import OrganisatieFactory

from ._hulp import auditregels, contracteer, een_auditregel, medewerker_van
from .conftest import beheerder_van
from .factories import gooi_procedure

Optie = Uittreding.Optie
VANDAAG = date(2026, 6, 15)
DRIE_MAANDEN_GELEDEN = date(2026, 3, 15)
CONTINUITEIT = "Cliënten gaan over naar Kompaan; warme overdracht per cliënt."


def _scan(naam="brief.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, geldige_pdf(1), content_type="application/pdf")


def _pdf_tekst(inhoud: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(inhoud)).pages).split())


def _bevestiging(brief: Brief) -> bytes:
    brief.refresh_from_db()
    with brief.bevestiging.open("rb") as f:
        return f.read()


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(datetime(2026, 6, 15, 10, 30, tzinfo=TZ), tick=False):
        yield


@pytest.fixture
def mlo_ovk(mlo, aanbieder):
    ab, perceel = mlo
    return contracteer(ab, aanbieder, [perceel])


@pytest.fixture
def regio_ovk(regio_a, aanbieder):
    ab, bhl, dag = gooi_procedure(regio=regio_a, titel="Jeugdhulp Gooi")
    return contracteer(ab, aanbieder, [bhl, dag])


# --- portal notice ---------------------------------------------------------------------------------------------


class TestPortaal:
    def test_opzegging_krijgt_verzegelde_ontvangstbevestiging(self, mlo_ovk, aanbieder, aanbieder_beheerder,
                                                               django_capture_on_commit_callbacks):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, door=aanbieder_beheerder)
        brief = Brief.objects.get(uittreding=u)
        assert (brief.soort, brief.kanaal, brief.door, brief.vastgelegd_door) == (
            Brief.Soort.UITTREDING, Kanaal.PORTAAL, aanbieder_beheerder, None)
        # The server's moment of submission, not a date the provider chose.
        assert brief.ontvangen_op == datetime(2026, 6, 15, 10, 30, tzinfo=TZ)
        assert (u.ontvangen_op, u.kanaal, u.vroegste_einddatum) == (VANDAAG, Kanaal.PORTAAL, date(2026, 7, 31))

        inhoud = _bevestiging(brief)
        uitslag = zegel.controleren(inhoud)
        assert uitslag.status == "echt", uitslag.melding
        assert brief.bevestiging_sha256 == hashlib.sha256(inhoud).hexdigest()
        registratie = Zegelregistratie.objects.get(sha256=brief.bevestiging_sha256)
        assert registratie.soort == "ontvangstbevestiging"
        assert registratie.uitgegeven_aan == f"{aanbieder.naam} (KvK {aanbieder.kvk_nummer})"
        assert registratie.regio_id == mlo_ovk.aanbesteding.regio_id
        tekst = _pdf_tekst(inhoud)
        for stuk in ("Ontvangstbevestiging", "15-06-2026 om 10:30:00", "Portaal", aanbieder.kvk_nummer,
                     aanbieder_beheerder.email, "31-07-2026"):
            assert stuk in tekst, stuk

        assert len(mail.outbox) == 1
        assert mail.outbox[0].subject == "Ontvangstbevestiging: Opzegging (uittreding)"
        assert reverse("overeenkomst:ontvangstbevestiging", args=[brief.pk]) in mail.outbox[0].body

    def test_tweede_uitvoering_maakt_niets_opnieuw(self, mlo_ovk, aanbieder_beheerder, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, door=aanbieder_beheerder)
        brief = Brief.objects.get(uittreding=u)
        eerste = _bevestiging(brief)
        mail.outbox.clear()
        assert tasks.ontvangstbevestiging_maken(brief.pk) is True
        assert _bevestiging(brief) == eerste
        assert mail.outbox == []
        assert Zegelregistratie.objects.filter(soort="ontvangstbevestiging").count() == 1

    def test_aanbieder_kiest_de_datum_van_ontvangst_niet_zelf(self, mlo_ovk, aanbieder_beheerder):
        with pytest.raises(ValidationError, match="moment van indienen"):
            services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, ontvangen_op=DRIE_MAANDEN_GELEDEN,
                                       door=aanbieder_beheerder)
        assert not Uittreding.objects.exists() and not Brief.objects.exists()

    def test_wijzigingsverzoek_en_het_besluit_krijgen_elk_een_bevestiging(self, mlo_ovk, aanbieder_beheerder, contractmanager,
                                                                           django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            verzoek = services.wijzigingsverzoek_indienen(
                overeenkomst=mlo_ovk, soort=Wijzigingsverzoek.Soort.ADRES, wijzigingsdatum=date(2026, 7, 1),
                gegevens={"straat": "Nieuwe Weg 1", "plaats": "Roermond"}, door=aanbieder_beheerder)
        with django_capture_on_commit_callbacks(execute=True):
            services.wijzigingsverzoek_beoordelen(verzoek=verzoek, goedkeuren=False, reden="Adres onvolledig.", door=contractmanager)
        soorten = dict(Brief.objects.filter(wijzigingsverzoek=verzoek).values_list("soort", "door"))
        assert soorten == {Brief.Soort.WIJZIGINGSVERZOEK: aanbieder_beheerder.pk,
                           Brief.Soort.WIJZIGINGSVERZOEK_BESLUIT: contractmanager.pk}
        besluit = Brief.objects.get(soort=Brief.Soort.WIJZIGINGSVERZOEK_BESLUIT)
        assert zegel.controleren(_bevestiging(besluit)).echt
        assert "Adres onvolledig." in _pdf_tekst(_bevestiging(besluit))
        verzoek.refresh_from_db()
        assert (verzoek.ontvangen_op, verzoek.kanaal) == (VANDAAG, Kanaal.PORTAAL)

    def test_aanvaarding_door_het_bureau_is_ook_een_brief(self, mlo_ovk, aanbieder_beheerder, contractmanager,
                                                          django_capture_on_commit_callbacks):
        u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, door=aanbieder_beheerder)
        with django_capture_on_commit_callbacks(execute=True):
            services.uittreding_aanvaarden(uittreding=u, door=contractmanager)
        antwoord = Brief.objects.get(soort=Brief.Soort.UITTREDING_AANVAARD)
        assert (antwoord.uittreding, antwoord.door, antwoord.van_aanbieder) == (u, contractmanager, False)
        assert zegel.controleren(_bevestiging(antwoord)).echt


# --- paper letter recorded by staff ------------------------------------------------------------------------------


class TestPostbrief:
    def test_opzegging_van_drie_maanden_geleden_telt_vanaf_ontvangst(self, mlo_ovk, contractmanager,
                                                                     django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, kanaal=Kanaal.POST,
                                           ontvangen_op=DRIE_MAANDEN_GELEDEN, scan=_scan(), door=contractmanager)
        # 002 art. 8.1: received 15 March → notice runs 1–30 April → earliest end 30 April (today: 31 July).
        assert (u.ontvangen_op, u.kanaal, u.vroegste_einddatum) == (DRIE_MAANDEN_GELEDEN, Kanaal.POST, date(2026, 4, 30))
        services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 4, 1), door=contractmanager)
        u.refresh_from_db()
        ovk = Overeenkomst.objects.get(pk=mlo_ovk.pk)
        assert (u.status, u.einddatum) == (Uittreding.Status.AFGEROND, date(2026, 4, 30))
        assert (ovk.status, ovk.einddatum) == (Overeenkomst.Status.BEEINDIGD, date(2026, 4, 30))
        assert ovk.deelnames.get().status == Deelname.Status.BEEINDIGD

        brief = Brief.objects.get(soort=Brief.Soort.UITTREDING)
        assert (brief.kanaal, brief.door, brief.vastgelegd_door) == (Kanaal.POST, None, contractmanager)
        assert brief.ontvangen_op == datetime.combine(DRIE_MAANDEN_GELEDEN, time(0, 0), tzinfo=TZ)
        assert brief.scan_sha256 == hashlib.sha256(geldige_pdf(1)).hexdigest()
        tekst = _pdf_tekst(_bevestiging(brief))
        assert "15-03-2026" in tekst and "Post (aangetekende brief)" in tekst and brief.scan_sha256 in tekst
        assert zegel.controleren(_bevestiging(brief)).echt

    def test_gooi_optie_2_drie_maanden_vanaf_ontvangst(self, gooi, aanbieder, contractmanager):
        ab, bhl, _ = gooi
        ovk = contracteer(ab, aanbieder, [bhl])
        u = services.uittreding_melden(overeenkomst=ovk, optie=Optie.GOOI_2, kanaal=Kanaal.EMAIL, aantal_clienten=12,
                                       continuiteit_toelichting=CONTINUITEIT, ontvangen_op=DRIE_MAANDEN_GELEDEN,
                                       door=contractmanager)
        # 003a §3.5 option 2: three months from receipt on 15 March → 14 June; €150 × 12 = €1,800.
        assert (u.vroegste_einddatum, u.vergoeding, u.kanaal) == (date(2026, 6, 14), 1800, Kanaal.EMAIL)

    def test_datum_in_de_toekomst_geweigerd(self, mlo_ovk, contractmanager):
        with pytest.raises(ValidationError, match="toekomst"):
            services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, kanaal=Kanaal.POST,
                                       ontvangen_op=date(2026, 6, 16), door=contractmanager)
        # Later today is in the future too: the moment counts, not only the day.
        with pytest.raises(ValidationError, match="toekomst"):
            services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, kanaal=Kanaal.POST,
                                       ontvangen_op=datetime(2026, 6, 15, 11, 0, tzinfo=TZ), door=contractmanager)
        assert not Uittreding.objects.exists() and not Brief.objects.exists()

    def test_datum_voor_de_ingang_van_de_overeenkomst_geweigerd(self, mlo_ovk, contractmanager):
        with pytest.raises(ValidationError, match="ingangsdatum van de overeenkomst"):
            services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, kanaal=Kanaal.POST,
                                       ontvangen_op=date(2024, 12, 31), door=contractmanager)
        assert not Brief.objects.exists()

    def test_zonder_datum_geweigerd(self, mlo_ovk, contractmanager):
        with pytest.raises(ValidationError, match="datum waarop de brief"):
            services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, kanaal=Kanaal.POST, door=contractmanager)

    def test_aanbieder_legt_geen_postbrief_vast(self, mlo_ovk, aanbieder_beheerder):
        with pytest.raises(PermissionDenied):
            services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, kanaal=Kanaal.POST,
                                       ontvangen_op=DRIE_MAANDEN_GELEDEN, door=aanbieder_beheerder)

    def test_kapotte_scan_geweigerd(self, mlo_ovk, contractmanager):
        kapot = SimpleUploadedFile("brief.pdf", b"%PDF-1.4 kapot", content_type="application/pdf")
        with pytest.raises(ValidationError):
            services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, kanaal=Kanaal.POST,
                                       ontvangen_op=DRIE_MAANDEN_GELEDEN, scan=kapot, door=contractmanager)
        assert not Uittreding.objects.exists() and not Brief.objects.exists()

    def test_auditregel_met_oud_en_nieuw(self, mlo_ovk, contractmanager):
        u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, kanaal=Kanaal.POST,
                                       ontvangen_op=DRIE_MAANDEN_GELEDEN, scan=_scan(), door=contractmanager)
        brief = Brief.objects.get(uittreding=u)
        regel = een_auditregel("brief.ontvangen", brief)
        assert regel.actor == contractmanager
        assert regel.oude_waarden == {}
        assert regel.nieuwe_waarden == {
            "soort": "uittreding", "kanaal": "post", "ontvangen_op": "2026-03-15T00:00:00+01:00",
            "vastgelegd_door": contractmanager.email, "scan_sha256": brief.scan_sha256,
        }
        assert een_auditregel("uittreding.gemeld", mlo_ovk).nieuwe_waarden["ontvangen_op"] == "2026-03-15"

    def test_wijzigingsverzoek_per_post_telt_vanaf_ontvangst(self, mlo_ovk, contractmanager):
        # 003a §3.7: capacity for next year is reported before 1 October. The letter arrived on 20 September and
        # is typed in on 5 October: it was on time.
        with time_machine.travel(datetime(2026, 10, 5, 9, 0, tzinfo=TZ), tick=False):
            verzoek = services.wijzigingsverzoek_indienen(
                overeenkomst=mlo_ovk, soort=Wijzigingsverzoek.Soort.CAPACITEIT, wijzigingsdatum=date(2027, 1, 1),
                gegevens={"capaciteit": "12 plaatsen"}, kanaal=Kanaal.POST, ontvangen_op=date(2026, 9, 20),
                door=contractmanager)
        assert (verzoek.ontvangen_op, verzoek.te_laat, verzoek.ingangsdatum) == (date(2026, 9, 20), False, date(2027, 1, 1))
        assert Brief.objects.get(wijzigingsverzoek=verzoek).vastgelegd_door == contractmanager

    def test_inhaaltaak_maakt_ontbrekende_bevestiging(self, mlo_ovk, contractmanager):
        services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, kanaal=Kanaal.POST,
                                   ontvangen_op=DRIE_MAANDEN_GELEDEN, door=contractmanager)  # on_commit never ran
        brief = Brief.objects.get()
        assert not brief.bevestiging
        assert tasks.ontvangstbevestigingen_inhalen() == 1
        assert zegel.controleren(_bevestiging(brief)).echt
        assert tasks.ontvangstbevestigingen_inhalen() == 0


class TestVerlengingsbezwaar:
    def test_bezwaar_per_post_met_scan_en_bevestiging(self, gooi, aanbieder, contractmanager,
                                                      django_capture_on_commit_callbacks):
        ab, bhl, _ = gooi
        ovk = contracteer(ab, aanbieder, [bhl])
        with time_machine.travel(date(2028, 8, 20)):
            ronde = services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
        with time_machine.travel(datetime(2028, 10, 3, 9, 0, tzinfo=TZ), tick=False), \
                django_capture_on_commit_callbacks(execute=True):
            # Typed in on 3 October; the letter arrived on 29 September, so the objection is in time.
            bezwaar = services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=ovk, ontvangen_op=date(2028, 9, 29),
                                                            scan=_scan(), door=contractmanager)
        assert (bezwaar.ontvangen_op, bezwaar.kanaal) == (date(2028, 9, 29), Kanaal.POST)
        brief = Brief.objects.get(verlengingsbezwaar=bezwaar)
        assert zegel.controleren(_bevestiging(brief)).echt
        assert "31-12-2028" in _pdf_tekst(_bevestiging(brief))

    def test_bezwaar_via_het_portaal_op_het_moment_van_indienen(self, gooi, aanbieder, aanbieder_beheerder, contractmanager):
        ab, bhl, _ = gooi
        ovk = contracteer(ab, aanbieder, [bhl])
        with time_machine.travel(date(2028, 8, 20)):
            ronde = services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
        with time_machine.travel(datetime(2028, 9, 30, 23, 59, tzinfo=TZ), tick=False):
            bezwaar = services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=ovk, ontvangen_op=None,
                                                            kanaal=Kanaal.PORTAAL, door=aanbieder_beheerder)
        assert (bezwaar.ontvangen_op, bezwaar.kanaal) == (date(2028, 9, 30), Kanaal.PORTAAL)
        assert Brief.objects.get(verlengingsbezwaar=bezwaar).door == aanbieder_beheerder


# --- the staff screen ----------------------------------------------------------------------------------------------


class TestScherm:
    def _post(self, client, ovk, **velden):
        data = {"soort": "uittreding", "kanaal": "post", "ontvangen_datum": "2026-03-15", "ontvangen_tijd": "",
                "optie": "mlo", "toelichting": ""}
        data.update(velden)
        return client.post(reverse("overeenkomst_admin_brief", args=[ovk.pk]), data)

    def test_staf_legt_de_echte_datum_vast_niet_vandaag(self, client, mlo_ovk, contractmanager):
        client.force_login(contractmanager)
        assert client.get(reverse("overeenkomst_admin_brief", args=[mlo_ovk.pk])).status_code == 200
        antwoord = self._post(client, mlo_ovk, ontvangen_tijd="14:05", scan=_scan())
        assert antwoord.status_code == 302
        u = Uittreding.objects.get()
        assert (u.ontvangen_op, u.vroegste_einddatum) == (DRIE_MAANDEN_GELEDEN, date(2026, 4, 30))
        brief = Brief.objects.get()
        assert brief.ontvangen_op == datetime(2026, 3, 15, 14, 5, tzinfo=TZ)
        assert brief.scan_naam == "brief.pdf"
        assert client.get(reverse("overeenkomst_admin_scan", args=[brief.pk])).status_code == 200
        detail = client.get(reverse("overeenkomst_admin_detail", args=[mlo_ovk.pk])).content.decode()
        assert "Post (aangetekende brief)" in detail

    def test_toekomstige_datum_met_nederlandse_melding(self, client, mlo_ovk, contractmanager):
        client.force_login(contractmanager)
        antwoord = self._post(client, mlo_ovk, ontvangen_datum="2026-06-16")
        assert antwoord.status_code == 200
        assert "De datum van ontvangst kan niet in de toekomst liggen." in antwoord.content.decode()
        assert not Uittreding.objects.exists()

    def test_bezwaar_zonder_ronde_geweigerd(self, client, mlo_ovk, contractmanager):
        client.force_login(contractmanager)
        antwoord = self._post(client, mlo_ovk, soort="verlengingsbezwaar")
        assert "Kies de verlenging waartegen bezwaar is gemaakt." in antwoord.content.decode()


    def test_brief_pagina_biedt_elke_papieren_wijziging_behalve_kvk(self, client, mlo_ovk, contractmanager):
        client.force_login(contractmanager)
        html = client.get(reverse("overeenkomst_admin_brief", args=[mlo_ovk.pk])).content.decode()
        assert reverse("overeenkomst_admin_brief_wijziging", args=[mlo_ovk.pk, "capaciteit"]) in html
        assert reverse("overeenkomst_admin_brief_wijziging", args=[mlo_ovk.pk, "kvk"]) not in html
        assert client.get(reverse("overeenkomst_admin_brief_wijziging", args=[mlo_ovk.pk, "kvk"])).status_code == 404


class TestPapierenWijziging:
    """A wijzigingsverzoek that arrived on paper: the provider's change form plus the real moment of receipt."""

    def _post(self, client, ovk, soort="capaciteit", **velden):
        data = {"kanaal": "post", "ontvangen_datum": "2026-06-01", "ontvangen_tijd": "09:15",
                "wijzigingsdatum": "2027-01-01", "capaciteit": "12 plaatsen perceel 5.2", "toelichting": "per brief"}
        data.update(velden)
        return client.post(reverse("overeenkomst_admin_brief_wijziging", args=[ovk.pk, soort]), data)

    def test_legt_het_verzoek_vast_met_de_echte_ontvangst_en_een_verzegelde_bevestiging(
            self, client, mlo_ovk, contractmanager, django_capture_on_commit_callbacks):
        client.force_login(contractmanager)
        assert client.get(reverse("overeenkomst_admin_brief_wijziging", args=[mlo_ovk.pk, "capaciteit"])).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            antwoord = self._post(client, mlo_ovk, scan=_scan())
        assert antwoord.status_code == 302
        verzoek = Wijzigingsverzoek.objects.get()
        assert (verzoek.kanaal, verzoek.ontvangen_op, verzoek.gegevens) == (
            Kanaal.POST, date(2026, 6, 1), {"capaciteit": "12 plaatsen perceel 5.2"})
        brief = Brief.objects.get(wijzigingsverzoek=verzoek)
        assert brief.ontvangen_op == datetime(2026, 6, 1, 9, 15, tzinfo=TZ)
        assert brief.vastgelegd_door == contractmanager and brief.scan_naam == "brief.pdf"
        assert zegel.controleren(_bevestiging(brief)).echt

    def test_fouten_in_beide_delen_tegelijk_en_niets_opgeslagen(self, client, mlo_ovk, contractmanager):
        client.force_login(contractmanager)
        antwoord = self._post(client, mlo_ovk, ontvangen_datum="2026-07-01", capaciteit="")
        html = antwoord.content.decode()
        assert antwoord.status_code == 200
        assert "De datum van ontvangst kan niet in de toekomst liggen." in html
        assert "Dit veld is verplicht." in html or "verplicht" in html
        assert not Wijzigingsverzoek.objects.exists() and not Brief.objects.exists()

    def test_te_late_rechtsvorm_per_post_geweigerd_vanaf_ontvangst(self, client, mlo_ovk, contractmanager):
        # 003a §3.4: a change of legal form is reported months ahead; counted from the letter's receipt.
        client.force_login(contractmanager)
        antwoord = self._post(client, mlo_ovk, soort="rechtsvorm", wijzigingsdatum="2026-06-20",
                              rechtsvorm="bv", ontvangen_datum="2026-06-10", capaciteit="")
        assert antwoord.status_code == 200
        assert "Een wijziging van rechtsvorm meldt u ten minste" in antwoord.content.decode()
        assert not Wijzigingsverzoek.objects.exists()

    def test_andere_regio_krijgt_404(self, client, regio_ovk, contractmanager_b):
        client.force_login(contractmanager_b)
        url = reverse("overeenkomst_admin_brief_wijziging", args=[regio_ovk.pk, "capaciteit"])
        assert client.get(url).status_code == 404
        assert self._post(client, regio_ovk).status_code == 404
        assert not Wijzigingsverzoek.objects.exists()


# --- who may record and download ------------------------------------------------------------------------------------


class TestToegang:
    @pytest.fixture
    def brief(self, regio_ovk, contractmanager_a, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            u = services.uittreding_melden(overeenkomst=regio_ovk, optie=Optie.GOOI_1, kanaal=Kanaal.POST,
                                           ontvangen_op=DRIE_MAANDEN_GELEDEN, scan=_scan(), door=contractmanager_a)
        return Brief.objects.get(uittreding=u)

    def test_leden_van_de_aanbieder_downloaden(self, client, brief, aanbieder):
        for lid in (beheerder_van(aanbieder), medewerker_van(aanbieder)):
            client.force_login(lid)
            antwoord = client.get(reverse("overeenkomst:ontvangstbevestiging", args=[brief.pk]))
            assert antwoord.status_code == 200
            assert antwoord["Content-Type"] == "application/pdf"
            assert b"".join(antwoord.streaming_content) == _bevestiging(brief)

    def test_andere_aanbieder_krijgt_404(self, client, brief):
        andere = OrganisatieFactory(naam="Andere Zorg B.V.")
        client.force_login(beheerder_van(andere))
        assert client.get(reverse("overeenkomst:ontvangstbevestiging", args=[brief.pk])).status_code == 404

    def test_staf_van_de_regio_downloadt(self, client, brief, contractmanager_a):
        client.force_login(contractmanager_a)
        assert client.get(reverse("overeenkomst_admin_ontvangstbevestiging", args=[brief.pk])).status_code == 200
        assert client.get(reverse("overeenkomst_admin_scan", args=[brief.pk])).status_code == 200

    def test_contractmanager_van_andere_regio_niet(self, client, brief, regio_ovk, contractmanager_b):
        client.force_login(contractmanager_b)
        for naam in ("overeenkomst_admin_ontvangstbevestiging", "overeenkomst_admin_scan"):
            assert client.get(reverse(naam, args=[brief.pk])).status_code == 404
        assert client.get(reverse("overeenkomst_admin_brief", args=[regio_ovk.pk])).status_code == 404
        aantal = Brief.objects.count()
        assert client.post(reverse("overeenkomst_admin_brief", args=[regio_ovk.pk]), {
            "soort": "uittreding", "kanaal": "post", "ontvangen_datum": "2026-03-15", "optie": "gooi_1",
        }).status_code == 404
        assert Brief.objects.count() == aantal

    def test_service_weigert_andere_regio(self, regio_ovk, contractmanager_b):
        with pytest.raises(PermissionDenied):
            services.uittreding_melden(overeenkomst=regio_ovk, optie=Optie.GOOI_1, kanaal=Kanaal.POST,
                                       ontvangen_op=DRIE_MAANDEN_GELEDEN, door=contractmanager_b)
        assert auditregels("brief.ontvangen") == []


def test_registreren_is_eenmalig_per_melding(mlo_ovk, aanbieder_beheerder):
    u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=Optie.MLO, door=aanbieder_beheerder)
    eerste = Brief.objects.get(uittreding=u)
    tweede = services.brief_registreren(overeenkomst=mlo_ovk, soort=Brief.Soort.UITTREDING, kanaal=Kanaal.PORTAAL,
                                        ontvangen_op=eerste.ontvangen_op, door=aanbieder_beheerder, uittreding=u)
    assert tweede.pk == eerste.pk and Brief.objects.count() == 1


def test_ontvangst_bepalen_en_scan_controleren(mlo_ovk, contractmanager):
    assert services.ontvangst_bepalen(overeenkomst=mlo_ovk, kanaal=Kanaal.POST, ontvangen_op=DRIE_MAANDEN_GELEDEN,
                                      door=contractmanager) == datetime(2026, 3, 15, tzinfo=TZ)
    with pytest.raises(ValidationError, match="Onbekend kanaal"):
        services.ontvangst_bepalen(overeenkomst=mlo_ovk, kanaal="duif", ontvangen_op=None, door=contractmanager)
    assert services.scan_controleren(None) is None
    assert services.scan_controleren(_scan()).sha256 == hashlib.sha256(geldige_pdf(1)).hexdigest()
