"""Background work after an NvI is published (aanbesteding/tasks.py). Tasks take ids and are idempotent: a lost
or repeated task can be re-run without harm, and nothing a user was told succeeded is lost when the mail server
fails (ARCHITECTURE.md rules 6 and 14)."""

import io
import smtplib
from datetime import datetime

import pytest
import time_machine
from django.core import mail
from pypdf import PdfReader

from aanbesteding.models import NotaVanInlichtingen
from aanbesteding.services import nvi_publiceren
from aanbesteding.tasks import nvi_aanbieders_mailen, nvi_pdf_maken, ontvangers_nvi
from core.kalender import TZ
from organisaties.models import Organisatie
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

from ._hulp import beantwoorde_vraag

pytestmark = pytest.mark.django_db

GEMAILD = datetime(2020, 9, 4, 10, 0, tzinfo=TZ)


@pytest.fixture
def nvi(procedure, inkoper, django_capture_on_commit_callbacks):
    """NvI 1, published without running its tasks (they are run by hand in these tests)."""
    with django_capture_on_commit_callbacks(execute=False):
        return nvi_publiceren(aanbesteding=procedure, vragen=[beantwoorde_vraag(procedure)], door=inkoper)


def lid_van_aanbieder(**user_kwargs):
    return LidmaatschapFactory(user=UserFactory(**user_kwargs)).user


# --- the PDF --------------------------------------------------------------------------------------------------

def test_pdf_wordt_eenmaal_gemaakt_en_daarna_niet_overschreven(nvi, procedure):
    assert nvi_pdf_maken(nvi.pk) is True
    nvi.refresh_from_db()
    naam = nvi.pdf.name
    assert naam.endswith(".pdf") and f"nvi-{procedure.slug}-1" in naam
    tekst = PdfReader(io.BytesIO(nvi.pdf.read())).pages[0].extract_text()
    assert "Nota van Inlichtingen 1" in tekst
    assert nvi_pdf_maken(nvi.pk) is False
    nvi.refresh_from_db()
    assert nvi.pdf.name == naam


def test_pdf_taak_voor_een_verdwenen_nvi_doet_niets(db):
    assert nvi_pdf_maken(987654) is False


def test_pdf_taak_laat_een_al_opgeslagen_pdf_staan(nvi):
    from django.core.files.base import ContentFile

    nvi.pdf.save("bestaand.pdf", ContentFile(b"%PDF-1.4 bestaand"), save=True)
    assert nvi_pdf_maken(nvi.pk) is False
    nvi.refresh_from_db()
    assert nvi.pdf.name.startswith("procedures/nvi/bestaand")


# --- who gets the mail ------------------------------------------------------------------------------------

def test_alleen_actieve_geverifieerde_leden_van_aanbieders_krijgen_de_mail(procedure, aanbieder_beheerder, aanbieder_medewerker):
    ongeverifieerd = lid_van_aanbieder(geverifieerd=False)
    inactief = lid_van_aanbieder(is_active=False)
    bureau = OrganisatieFactory(soort=Organisatie.Soort.OPDRACHTGEVER, regio=procedure.regio)
    bureaumedewerker = LidmaatschapFactory(organisatie=bureau).user
    zonder_organisatie = UserFactory()
    ontvangers = ontvangers_nvi()
    assert ontvangers == sorted([aanbieder_beheerder.email, aanbieder_medewerker.email])
    for buiten in (ongeverifieerd, inactief, bureaumedewerker, zonder_organisatie):
        assert buiten.email not in ontvangers


def test_lid_van_twee_aanbieders_krijgt_een_mail(aanbieder, andere_aanbieder):
    user = LidmaatschapFactory(organisatie=aanbieder).user
    LidmaatschapFactory(organisatie=andere_aanbieder, user=user)
    assert ontvangers_nvi() == [user.email]


def test_ieder_krijgt_een_eigen_bericht_zonder_andermans_adres(nvi, aanbieder_beheerder, andere_beheerder):
    """Providers are competitors: one message per address, never a shared To list."""
    assert nvi_aanbieders_mailen(nvi.pk) == 2
    assert sorted(tuple(m.to) for m in mail.outbox) == sorted([(aanbieder_beheerder.email,), (andere_beheerder.email,)])
    assert all(not m.cc and not m.bcc for m in mail.outbox)


def test_mail_noemt_nummer_procedure_adres_en_opdrachtgever(nvi, procedure, aanbieder_beheerder, settings):
    settings.SITE_URL = "https://openhouse.example/"
    nvi_aanbieders_mailen(nvi.pk)
    [bericht] = mail.outbox
    assert bericht.subject == f"Nota van Inlichtingen 1 gepubliceerd: {procedure.titel}"
    assert f"https://openhouse.example/procedures/{procedure.slug}/nvi/1/" in bericht.body
    assert f"(dossier {procedure.dossiernummer})" in bericht.body
    assert procedure.opdrachtgever.naam in bericht.body
    assert "bindend" in bericht.body
    # ADR 0028: also in the provider's inbox, and the mail says so.
    assert bericht.body.rstrip().endswith(
        "U vindt dit bericht ook in het portaal onder Berichten: https://openhouse.example/mijn/berichten/")
    [inbox] = aanbieder_beheerder.lidmaatschappen.get().organisatie.berichten.all()
    assert (inbox.soort, inbox.onderwerp, inbox.regio_id, inbox.pad) == (
        "Nota van Inlichtingen", bericht.subject, procedure.regio_id, f"/procedures/{procedure.slug}/nvi/1/")


# --- once, and not lost -------------------------------------------------------------------------------------

def test_mail_gaat_eenmaal_en_het_moment_wordt_vastgelegd(nvi, aanbieder_beheerder):
    with time_machine.travel(GEMAILD, tick=False):
        assert nvi_aanbieders_mailen(nvi.pk) == 1
    nvi.refresh_from_db()
    assert nvi.gemaild_op == GEMAILD
    assert nvi_aanbieders_mailen(nvi.pk) == 0
    assert len(mail.outbox) == 1
    nvi.refresh_from_db()
    assert nvi.gemaild_op == GEMAILD  # a second run does not move the moment


def test_zonder_ontvangers_wordt_de_nvi_toch_als_verstuurd_gemarkeerd(nvi):
    assert nvi_aanbieders_mailen(nvi.pk) == 0
    assert mail.outbox == []
    nvi.refresh_from_db()
    assert nvi.gemaild_op is not None


def test_mailtaak_voor_een_verdwenen_nvi_doet_niets(db):
    assert nvi_aanbieders_mailen(987654) == 0
    assert mail.outbox == []


def test_mailserver_valt_uit_dan_kan_de_taak_opnieuw(nvi, aanbieder_beheerder, monkeypatch):
    class KapotteVerbinding:
        def send_messages(self, berichten):
            raise smtplib.SMTPServerDisconnected("verbinding verbroken")

    import organisaties.services as taken  # the NvI goes out through the inbox's helper (ADR 0028)

    echte = taken.get_connection
    monkeypatch.setattr(taken, "get_connection", lambda: KapotteVerbinding())
    with pytest.raises(smtplib.SMTPException):
        nvi_aanbieders_mailen(nvi.pk)
    assert NotaVanInlichtingen.objects.get(pk=nvi.pk).gemaild_op is None
    monkeypatch.setattr(taken, "get_connection", echte)
    assert nvi_aanbieders_mailen(nvi.pk) == 1
    assert [m.to for m in mail.outbox] == [[aanbieder_beheerder.email]]


def test_na_publicatie_lopen_beide_taken_via_de_service(procedure, inkoper, aanbieder_beheerder,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        nvi = nvi_publiceren(aanbesteding=procedure, vragen=[beantwoorde_vraag(procedure)], door=inkoper)
    nvi.refresh_from_db()
    assert nvi.pdf and nvi.gemaild_op is not None
    assert [m.to for m in mail.outbox] == [[aanbieder_beheerder.email]]
