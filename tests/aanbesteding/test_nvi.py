"""Publishing answered questions, anonymised, as Nota van Inlichtingen 1, 2, ... (issue 3)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from aanbesteding.models import NotaVanInlichtingen, ProcedureWijziging, Vraag
from aanbesteding.services import nvi_publiceren
from aanbesteding.tasks import nvi_aanbieders_mailen, nvi_pdf_maken
from organisaties.models import Organisatie
from tests.factories import LidmaatschapFactory, OrganisatieFactory

from .factories import VraagFactory

pytestmark = pytest.mark.django_db


def beantwoord(procedure, publiek, antwoord, **kwargs):
    return VraagFactory(
        aanbesteding=procedure, status=Vraag.Status.BEANTWOORD, vraag_publiek=publiek, antwoord=antwoord, **kwargs
    )


def test_nvi_krijgt_volgnummers_per_procedure(procedure, inkoper, django_capture_on_commit_callbacks):
    a = beantwoord(procedure, "Mag een onderaannemer perceel 5.3 uitvoeren?", "Nee, 003a §2.11 sluit dat uit.")
    b = beantwoord(procedure, "Hoeveel onderaannemers zijn toegestaan?", "Hoogstens twee.")
    with django_capture_on_commit_callbacks(execute=True):
        eerste = nvi_publiceren(aanbesteding=procedure, vragen=[a], door=inkoper)
        tweede = nvi_publiceren(aanbesteding=procedure, vragen=[b.pk], door=inkoper)
    assert (eerste.nummer, tweede.nummer) == (1, 2)
    a.refresh_from_db()
    assert a.status == Vraag.Status.GEPUBLICEERD and a.nota == eerste and a.volgnummer == 1


def test_nvi_komt_in_het_wijzigingslog(procedure, inkoper, django_capture_on_commit_callbacks):
    vraag = beantwoord(procedure, "Vraag?", "Antwoord.")
    with django_capture_on_commit_callbacks(execute=True):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    log = ProcedureWijziging.objects.get(aanbesteding=procedure)
    assert log.soort == ProcedureWijziging.Soort.NVI
    assert "Nota van Inlichtingen 1" in log.omschrijving


def test_onbeantwoorde_vraag_kan_niet_in_nvi(procedure, inkoper):
    vraag = VraagFactory(aanbesteding=procedure)
    with pytest.raises(ValidationError):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    assert not NotaVanInlichtingen.objects.exists()


def test_gepubliceerde_vraag_niet_opnieuw(procedure, inkoper, django_capture_on_commit_callbacks):
    vraag = beantwoord(procedure, "Vraag?", "Antwoord.")
    with django_capture_on_commit_callbacks(execute=True):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    with pytest.raises(ValidationError):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)


def test_redacteur_mag_geen_nvi_publiceren(procedure, redacteur):
    vraag = beantwoord(procedure, "Vraag?", "Antwoord.")
    with pytest.raises(PermissionDenied):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=redacteur)


def test_pdf_bevat_geanonimiseerde_vraag_en_niet_de_organisatie(procedure, inkoper, django_capture_on_commit_callbacks):
    org = OrganisatieFactory(naam="Zorgkracht Gooi B.V.")
    vraag = beantwoord(procedure, "Geldt het quotum voor 5.10.1?", "Ja, hoogstens twee aanbieders.", organisatie=org,
                       tekst="Zorgkracht Gooi B.V. vraagt of het quotum geldt.")
    with django_capture_on_commit_callbacks(execute=True):
        nvi = nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    nvi.refresh_from_db()
    assert nvi.pdf
    tekst = "".join(p.extract_text() for p in PdfReader(nvi.pdf.open("rb")).pages)
    assert "Nota van Inlichtingen 1" in tekst
    assert "Geldt het quotum voor 5.10.1?" in tekst
    assert "Zorgkracht" not in tekst


def test_pdf_taak_is_idempotent(procedure, inkoper, django_capture_on_commit_callbacks):
    vraag = beantwoord(procedure, "Vraag?", "Antwoord.")
    with django_capture_on_commit_callbacks(execute=True):
        nvi = nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    nvi.refresh_from_db()
    naam = nvi.pdf.name
    assert nvi_pdf_maken(nvi.pk) is False
    nvi.refresh_from_db()
    assert nvi.pdf.name == naam


def test_aanbieders_met_account_krijgen_eenmaal_een_mail(procedure, inkoper, aanbieder_beheerder, django_capture_on_commit_callbacks):
    opdrachtgever_medewerker = LidmaatschapFactory(
        organisatie=OrganisatieFactory(soort=Organisatie.Soort.OPDRACHTGEVER, regio=procedure.regio)
    ).user
    vraag = beantwoord(procedure, "Vraag?", "Antwoord.")
    with django_capture_on_commit_callbacks(execute=True):
        nvi = nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    ontvangers = {adres for m in mail.outbox for adres in m.to}
    assert aanbieder_beheerder.email in ontvangers
    assert opdrachtgever_medewerker.email not in ontvangers
    assert f"/procedures/{procedure.slug}/nvi/1/" in mail.outbox[0].body
    aantal = len(mail.outbox)
    assert nvi_aanbieders_mailen(nvi.pk) == 0
    assert len(mail.outbox) == aantal
