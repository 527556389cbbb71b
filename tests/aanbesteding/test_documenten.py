"""Versioned documents published through the four-eyes workflow (issue 3)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from wagtail.models import Workflow

from aanbesteding.models import DocumentVersie, ProcedureWijziging, TweedePersoonGoedkeuring
from aanbesteding.workflow import WORKFLOW_NAAM
from tests.conftest import TOTP_GEHEIM
from tests.factories import UserFactory

from .factories import ProcedureDocumentFactory, gepubliceerde_versie, pdf_inhoud

pytestmark = pytest.mark.django_db


@pytest.fixture
def inkoper2(staffgroepen):
    from allauth.mfa.totp.internal.auth import TOTP

    from organisaties.rollen import INKOPER

    user = UserFactory(groepen=[INKOPER])
    TOTP.activate(user, TOTP_GEHEIM)
    return user


def nieuwe_versie(document, reden=""):
    versie = DocumentVersie(document=document, reden=reden, live=False)
    versie.bestand.save("pve.pdf", ContentFile(pdf_inhoud("nieuw")), save=False)
    versie.full_clean()
    versie.save()
    return versie


def test_documentversie_heeft_de_workflow():
    workflow = Workflow.objects.get(name=WORKFLOW_NAAM)
    assert DocumentVersie().get_workflow() == workflow
    assert isinstance(workflow.tasks.first().specific, TweedePersoonGoedkeuring)


def test_indiener_kan_eigen_versie_niet_goedkeuren(inkoper):
    versie = nieuwe_versie(ProcedureDocumentFactory())
    versie.save_revision(user=inkoper)
    workflow_state = versie.get_workflow().start(versie, inkoper)
    taak = workflow_state.current_task_state.task.specific
    assert taak.get_actions(versie, inkoper) == []
    with pytest.raises(PermissionDenied):
        taak.on_action(workflow_state.current_task_state, inkoper, "approve")
    versie.refresh_from_db()
    assert not versie.live


def test_tweede_inkoper_keurt_goed_en_versie_wordt_openbaar(inkoper, inkoper2):
    versie = nieuwe_versie(ProcedureDocumentFactory())
    versie.save_revision(user=inkoper)
    workflow_state = versie.get_workflow().start(versie, inkoper)
    taak = workflow_state.current_task_state.task.specific
    assert "approve" in [a[0] for a in taak.get_actions(versie, inkoper2)]
    taak.on_action(workflow_state.current_task_state, inkoper2, "approve")
    versie.refresh_from_db()
    assert versie.live and versie.first_published_at is not None
    log = ProcedureWijziging.objects.get(versie=versie)
    assert log.omschrijving.endswith("versie 1 gepubliceerd.")


def test_niemand_publiceert_een_versie_rechtstreeks(inkoper):
    assert not inkoper.has_perm("aanbesteding.publish_documentversie")


def test_tweede_versie_vraagt_een_reden():
    document = ProcedureDocumentFactory()
    gepubliceerde_versie(document)
    with pytest.raises(ValidationError, match="reden"):
        nieuwe_versie(document)


def test_rectificatie_krijgt_volgnummer_en_log_met_reden(inkoper):
    document = ProcedureDocumentFactory(titel="Programma van eisen")
    eerste = gepubliceerde_versie(document, user=inkoper)
    tweede = gepubliceerde_versie(document, reden="Rectificatie: sluitingsdatum 30-06-2023 10:00", user=inkoper)
    assert (eerste.nummer, tweede.nummer) == (1, 2)
    log = ProcedureWijziging.objects.get(versie=tweede)
    assert "versie 2 vervangt versie 1" in log.omschrijving
    assert "30-06-2023 10:00" in log.omschrijving


def test_gepubliceerde_versie_krijgt_geen_ander_bestand():
    versie = gepubliceerde_versie(ProcedureDocumentFactory())
    versie.bestand.save("ander.pdf", ContentFile(pdf_inhoud("ander")), save=False)
    with pytest.raises(ValidationError, match="ongewijzigd"):
        versie.full_clean()


def test_kapotte_pdf_wordt_geweigerd():
    from django.core.files.uploadedfile import SimpleUploadedFile

    versie = DocumentVersie(document=ProcedureDocumentFactory(), live=False)
    versie.bestand = SimpleUploadedFile("kapot.pdf", b"%PDF-1.4 dit is geen pdf", "application/pdf")
    with pytest.raises(ValidationError) as fout:
        versie.full_clean()
    assert "bestand" in fout.value.message_dict


def test_geldige_pdf_upload_wordt_aanvaard():
    from django.core.files.uploadedfile import SimpleUploadedFile

    versie = DocumentVersie(document=ProcedureDocumentFactory(), live=False)
    versie.bestand = SimpleUploadedFile("td.pdf", pdf_inhoud("toelatingsdocument"), "application/pdf")
    versie.full_clean()
