"""Issue 18: every publication and withdrawal of a page is in the portal's audit trail with who, when, and the old
(previously live) and new content values, whichever road it took (cms/ontvangers.py): the four-eyes workflow,
a direct publication, an unpublish. One entry per publication: nothing else audits a page."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from wagtail.log_actions import LogContext

from cms.models import ProcedurePage
from core.models import AuditRegel
from organisaties.rollen import INKOPER
from tests.conftest import TOTP_GEHEIM
from tests.factories import UserFactory

from .conftest import procedurepagina_voor

pytestmark = pytest.mark.django_db


def _regels(pagina, actie):
    return list(AuditRegel.objects.voor_object(pagina).filter(actie=actie).order_by("id"))


def test_publicatie_via_vier_ogen_staat_met_oud_en_nieuw_in_audittrail(procedure, inkoper, staffgroepen):
    tweede = UserFactory(groepen=[INKOPER])
    pagina = procedurepagina_voor(procedure, live=False)
    pagina.intro = "<p>Oude introductie</p>"
    with LogContext(user=inkoper):
        pagina.save_revision(user=inkoper).publish(user=inkoper, skip_permission_checks=True)
    (eerste,) = _regels(pagina, "procedurepage.gepubliceerd")
    assert eerste.actor == inkoper
    assert eerste.oude_waarden == {}
    assert eerste.nieuwe_waarden["intro"] == "<p>Oude introductie</p>"
    assert eerste.nieuwe_waarden["aanbesteding"] == str(procedure)
    assert eerste.regio_id == procedure.regio_id

    pagina = ProcedurePage.objects.get(pk=pagina.pk)
    pagina.intro = "<p>Nieuwe introductie met rectificatie</p>"
    pagina.save_revision(user=inkoper)
    staat = pagina.get_workflow().start(pagina, inkoper)
    staat.current_task_state.task.specific.on_action(staat.current_task_state, tweede, "approve")
    assert ProcedurePage.objects.get(pk=pagina.pk).intro == "<p>Nieuwe introductie met rectificatie</p>"

    eerste_nog, tweede_regel = _regels(pagina, "procedurepage.gepubliceerd")
    assert eerste_nog == eerste
    assert tweede_regel.actor == tweede  # the approving second person, not the submitter
    assert tweede_regel.oude_waarden == {"intro": "<p>Oude introductie</p>"}
    assert tweede_regel.nieuwe_waarden == {"intro": "<p>Nieuwe introductie met rectificatie</p>"}
    # One entry per publication: no other receiver audits a page.
    assert AuditRegel.objects.voor_object(pagina).count() == 2


def test_depubliceren_staat_in_audittrail(pagina):
    beheerder = UserFactory(is_superuser=True)  # no staff role may unpublish (ADR 0006)
    with LogContext(user=beheerder):
        pagina.unpublish(user=beheerder)
    (regel,) = _regels(pagina, "procedurepage.gedepubliceerd")
    assert regel.actor == beheerder
    assert regel.oude_waarden["title"] == pagina.title
    assert regel.regio_id == pagina.aanbesteding.regio_id


def test_directe_publicatie_in_beheer_staat_op_naam_van_de_beheerder(client, pagina):
    pagina.intro = "<p>Oud</p>"
    pagina.save_revision().publish(skip_permission_checks=True)  # no request, no workflow: the system
    (eerste,) = _regels(pagina, "procedurepage.gepubliceerd")
    assert eerste.actor is None and eerste.actor_weergave == "systeem"
    beheerder = UserFactory(is_superuser=True, email="beheer@portaal.example")
    TOTP.activate(beheerder, TOTP_GEHEIM)
    client.force_login(beheerder)
    antwoord = client.post(reverse("wagtailadmin_pages:edit", args=[pagina.pk]), {
        "title": pagina.title, "slug": pagina.slug, "aanbesteding": pagina.aanbesteding_id,
        "intro": '{"blocks": [{"key": "a", "text": "Gewijzigd", "type": "unstyled", "depth": 0, '
                 '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "action-publish": "action-publish",
        "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0", "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    })
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    _, regel = _regels(pagina, "procedurepage.gepubliceerd")
    assert regel.actor == beheerder
    assert "Gewijzigd" in regel.nieuwe_waarden["intro"]
    assert regel.oude_waarden == {"intro": "<p>Oud</p>"}
