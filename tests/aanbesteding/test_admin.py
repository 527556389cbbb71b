"""Staff screens in the Wagtail admin: procedures, questions answered through the service, the NvI view."""

import pytest
from django.urls import reverse

from aanbesteding.models import NotaVanInlichtingen, Vraag

from .factories import VraagFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["aanbesteding", "perceel", "product", "tarief", "proceduredocument", "documentversie", "vraag"])
def test_inkoper_ziet_de_lijsten(staff_client, inkoper, procedure, model):
    client = staff_client(inkoper)
    assert client.get(reverse(f"wagtailsnippets_aanbesteding_{model}:list")).status_code == 200


def test_inkoper_beantwoordt_vraag_in_de_admin(staff_client, inkoper, procedure):
    vraag = VraagFactory(aanbesteding=procedure, tekst="Zorgkracht vraagt: geldt het quotum ook voor 5.10.1?")
    client = staff_client(inkoper)
    url = reverse("wagtailsnippets_aanbesteding_vraag:edit", args=[vraag.pk])
    assert client.get(url).status_code == 200
    antwoord = client.post(url, {
        "vraag_publiek": "Geldt het quotum ook voor subperceel 5.10.1?", "antwoord": "Ja: hoogstens twee aanbieders.",
        "afhandeling": "beantwoorden",
    })
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.BEANTWOORD and vraag.beantwoord_door == inkoper


def test_beantwoord_zonder_antwoord_wordt_geweigerd(staff_client, inkoper, procedure):
    vraag = VraagFactory(aanbesteding=procedure)
    client = staff_client(inkoper)
    url = reverse("wagtailsnippets_aanbesteding_vraag:edit", args=[vraag.pk])
    antwoord = client.post(url, {"vraag_publiek": "", "antwoord": "", "afhandeling": "beantwoorden"})
    assert antwoord.status_code == 200
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.NIEUW


def test_nvi_publiceren_via_de_admin(staff_client, inkoper, procedure, django_capture_on_commit_callbacks):
    vraag = VraagFactory(aanbesteding=procedure, status=Vraag.Status.BEANTWOORD, vraag_publiek="V?", antwoord="A.")
    client = staff_client(inkoper)
    assert client.get(reverse("aanbesteding_nvi_overzicht")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("aanbesteding_nvi_publiceren", args=[procedure.pk]), {"vragen": [vraag.pk], "inleiding": ""})
    assert antwoord.status_code == 302
    assert NotaVanInlichtingen.objects.get(aanbesteding=procedure).nummer == 1


def test_beoordelaar_kan_geen_nvi_publiceren(staff_client, beoordelaar, procedure):
    client = staff_client(beoordelaar)
    antwoord = client.get(reverse("aanbesteding_nvi_overzicht"))
    # Wagtail turns a PermissionDenied inside the admin into a redirect to the dashboard with a message.
    assert antwoord.status_code == 302 and antwoord["Location"] == "/admin/"


def test_nieuwe_versie_via_de_admin_ter_goedkeuring(staff_client, inkoper, procedure):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from aanbesteding.models import DocumentVersie

    from .factories import ProcedureDocumentFactory, pdf_inhoud

    document = ProcedureDocumentFactory(aanbesteding=procedure)
    client = staff_client(inkoper)
    url = reverse("wagtailsnippets_aanbesteding_documentversie:add")
    assert client.get(url).status_code == 200
    antwoord = client.post(url, {
        "document": document.pk, "bestand": SimpleUploadedFile("td.pdf", pdf_inhoud(), "application/pdf"),
        "reden": "", "action-submit": "1",
    })
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    versie = DocumentVersie.objects.get(document=document)
    assert not versie.live
    assert versie.workflow_in_progress
    assert versie.current_workflow_state.requested_by == inkoper
