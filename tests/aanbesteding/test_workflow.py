"""The four-eyes publication workflow (ADR 0006): the submitter cannot approve; a second purchaser can; no staff
group can publish a document version or a page directly, so the workflow is the only road to publication."""

from datetime import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowContentType, WorkflowTask

from aanbesteding.models import DocumentVersie, ProcedureWijziging, TweedePersoonGoedkeuring
from aanbesteding.workflow import TAAK_NAAM, WORKFLOW_NAAM, zorg_voor_workflow
from core.kalender import TZ
from organisaties.rollen import BEOORDELAAR, CONTRACTMANAGER, INKOPER, REDACTEUR, SROI_ADVISEUR, STAFFGROEPEN

from ._hulp import auditregels, concept_versie, staflid
from .factories import ProcedureDocumentFactory

pytestmark = pytest.mark.django_db

GOEDKEURING = datetime(2023, 6, 13, 14, 30, tzinfo=TZ)


@pytest.fixture
def tweede_inkoper(staffgroepen):
    """The 'tweede persoon' of the four-eyes rule (ADR 0006): another member of the Inkoper group."""
    return staflid(INKOPER)


@pytest.fixture
def ingediend(procedure, inkoper):
    """A new version submitted for approval by the first purchaser."""
    versie = concept_versie(ProcedureDocumentFactory(aanbesteding=procedure, titel="Programma van eisen"))
    versie.save_revision(user=inkoper)
    staat = versie.get_workflow().start(versie, inkoper)
    return versie, staat


def acties(taak, versie, user):
    return [naam for naam, *_ in taak.get_actions(versie, user)]


# --- the workflow itself ----------------------------------------------------------------------------------

def test_workflow_inrichten_is_idempotent():
    """zorg_voor_workflow runs after every migrate: running it again adds nothing."""
    eerste = zorg_voor_workflow()
    tweede = zorg_voor_workflow()
    assert eerste == tweede
    assert Workflow.objects.filter(name=WORKFLOW_NAAM).count() == 1
    assert TweedePersoonGoedkeuring.objects.filter(name=TAAK_NAAM).count() == 1
    assert WorkflowTask.objects.filter(workflow=eerste).count() == 1
    ct = ContentType.objects.get_for_model(DocumentVersie)
    assert WorkflowContentType.objects.get(content_type=ct).workflow == eerste


def test_alleen_de_inkopersgroep_keurt_goed():
    taak = TweedePersoonGoedkeuring.objects.get(name=TAAK_NAAM)
    assert list(taak.groups.values_list("name", flat=True)) == [INKOPER]


# --- four eyes ------------------------------------------------------------------------------------------------

def test_indiener_ziet_geen_acties_tweede_inkoper_wel(ingediend, inkoper, tweede_inkoper):
    versie, staat = ingediend
    taak = staat.current_task_state.task.specific
    assert acties(taak, versie, inkoper) == []
    assert {"approve", "reject"} <= set(acties(taak, versie, tweede_inkoper))


@pytest.mark.parametrize("groep", [BEOORDELAAR, REDACTEUR, CONTRACTMANAGER, SROI_ADVISEUR])
def test_staf_buiten_de_inkopersgroep_keurt_niet_goed(ingediend, staffgroepen, groep):
    versie, staat = ingediend
    taak = staat.current_task_state.task.specific
    assert acties(taak, versie, staflid(groep)) == []


def test_indiener_ziet_de_taak_niet_in_zijn_werkvoorraad(ingediend, inkoper, tweede_inkoper):
    _, staat = ingediend
    taak = staat.current_task_state.task.specific
    assert not taak.get_task_states_user_can_moderate(inkoper).exists()
    assert list(taak.get_task_states_user_can_moderate(tweede_inkoper)) == [staat.current_task_state]


def test_indiener_die_toch_goedkeurt_wordt_geweigerd_en_versie_blijft_concept(ingediend, inkoper):
    versie, staat = ingediend
    with pytest.raises(PermissionDenied):
        staat.current_task_state.task.specific.on_action(staat.current_task_state, inkoper, "approve")
    versie.refresh_from_db()
    assert not versie.live and versie.first_published_at is None
    assert not ProcedureWijziging.objects.filter(versie=versie).exists()
    assert not auditregels("documentversie.gepubliceerd", versie).exists()


def test_goedkeuring_door_tweede_inkoper_publiceert_logt_en_auditeert(ingediend, tweede_inkoper):
    versie, staat = ingediend
    with time_machine.travel(GOEDKEURING, tick=False):
        staat.current_task_state.task.specific.on_action(staat.current_task_state, tweede_inkoper, "approve")
    versie.refresh_from_db()
    assert versie.live and versie.first_published_at == GOEDKEURING
    log = ProcedureWijziging.objects.get(versie=versie)
    assert log.datum == GOEDKEURING and log.omschrijving == "Programma van eisen: versie 1 gepubliceerd."
    assert auditregels("documentversie.gepubliceerd", versie).get().nieuwe_waarden == {"nummer": 1, "reden": ""}


def test_auditregel_noemt_wie_goedkeurde_en_publiceerde(ingediend, tweede_inkoper):
    versie, staat = ingediend
    staat.current_task_state.task.specific.on_action(staat.current_task_state, tweede_inkoper, "approve")
    assert auditregels("documentversie.gepubliceerd", versie).get().actor == tweede_inkoper
    assert ProcedureWijziging.objects.get(versie=versie).door == tweede_inkoper


def test_afwijzing_door_tweede_inkoper_publiceert_niets(ingediend, tweede_inkoper):
    versie, staat = ingediend
    staat.current_task_state.task.specific.on_action(staat.current_task_state, tweede_inkoper, "reject")
    versie.refresh_from_db()
    assert not versie.live
    assert not ProcedureWijziging.objects.filter(versie=versie).exists()
    assert not auditregels("documentversie.gepubliceerd", versie).exists()


# --- nobody publishes directly ----------------------------------------------------------------------------

def test_geen_staffgroep_heeft_publicatierecht_op_documentversies(staffgroepen):
    """ADR 0006: no staff group holds 'publish' on document versions."""
    for groep in STAFFGROEPEN:
        user = staflid(groep)
        assert not user.has_perm("aanbesteding.publish_documentversie"), groep
        assert not DocumentVersie.snippet_viewset.permission_policy.user_has_permission(user, "publish"), groep


def test_geen_staffgroep_publiceert_een_pagina_rechtstreeks(staffgroepen):
    """ADR 0006 / cms/inrichting.py: page permissions are add and change only; the workflow publishes."""
    assert not GroupPagePermission.objects.filter(
        group__name__in=STAFFGROEPEN, permission__codename="publish_page"
    ).exists()
    procedures = Page.objects.get(slug="procedures")
    for groep in STAFFGROEPEN:
        assert not procedures.permissions_for_user(staflid(groep)).can_publish(), groep


def test_geen_staffgroep_heeft_een_publicatierecht_op_modelniveau(staffgroepen):
    houders = Permission.objects.filter(codename__startswith="publish_", group__name__in=STAFFGROEPEN)
    assert list(houders.values_list("group__name", "codename")) == []


def test_inkoper_die_via_de_admin_publiceert_maakt_geen_live_versie(client, inkoper, procedure):
    """A forged 'action-publish' from a purchaser leaves nothing live; the same form from a superuser does publish,
    which shows the payload itself was valid."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.conftest import TOTP_GEHEIM, log_in_met_mfa
    from tests.factories import UserFactory

    from .factories import pdf_inhoud

    document = ProcedureDocumentFactory(aanbesteding=procedure)

    def post_als(user):
        client.logout()
        log_in_met_mfa(client, user)
        return client.post(reverse("wagtailsnippets_aanbesteding_documentversie:add"), {
            "document": document.pk, "bestand": SimpleUploadedFile("pve.pdf", pdf_inhoud(), "application/pdf"),
            "reden": "Rectificatie van de sluitingsdatum", "action-publish": "1",
        })

    post_als(inkoper)
    assert not DocumentVersie.objects.filter(document=document, live=True).exists()
    assert not ProcedureWijziging.objects.filter(aanbesteding=procedure).exists()
    beheerder = UserFactory(is_superuser=True)
    TOTP.activate(beheerder, TOTP_GEHEIM)
    antwoord = post_als(beheerder)
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert DocumentVersie.objects.filter(document=document, live=True).exists()


def test_superuser_blijft_de_noodroute_en_laat_een_spoor_na(procedure):
    """ADR 0006 'Gevolgen': bypassing the workflow is for a superuser only, and it is logged."""
    from tests.factories import UserFactory

    beheerder = UserFactory(is_superuser=True)
    assert Group.objects.filter(user=beheerder).count() == 0
    versie = concept_versie(ProcedureDocumentFactory(aanbesteding=procedure))
    assert DocumentVersie.snippet_viewset.permission_policy.user_has_permission(beheerder, "publish")
    versie.save_revision(user=beheerder).publish(user=beheerder)
    assert auditregels("documentversie.gepubliceerd", versie).get().actor == beheerder
