"""The four-eyes publication workflow (issue 3): a new document version or a procedure page goes live only
after a second person approves it.

No staff group holds the plain "publish" permission on document versions or pages, so the only road to
publication is the workflow; its last step publishes on the approver's behalf (the task already checked
that the approver is not the submitter). Module is imported by Wagtail at start-up through
WAGTAIL_FINISH_WORKFLOW_ACTION, so it imports no models at module level.
"""

WORKFLOW_NAAM = "Publicatie na goedkeuring door een tweede persoon"
TAAK_NAAM = "Goedkeuring door een tweede inkoper"


def publiceer_na_goedkeuring(workflow_state, user=None):
    """Finish action of every workflow: publish the approved revision without a second permission check."""
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)


def zorg_voor_workflow(**kwargs):
    """Create the workflow with its task and attach it to document versions. Idempotent (post_migrate)."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

    from organisaties.rollen import INKOPER

    from .models import DocumentVersie, TweedePersoonGoedkeuring

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAAM, defaults={"active": True})
    taak = TweedePersoonGoedkeuring.objects.filter(name=TAAK_NAAM).first()
    if taak is None:
        taak = TweedePersoonGoedkeuring.objects.create(name=TAAK_NAAM, active=True)
    taak.groups.add(Group.objects.get_or_create(name=INKOPER)[0])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=taak, defaults={"sort_order": 0})
    ct = ContentType.objects.get_for_model(DocumentVersie)
    WorkflowContentType.objects.get_or_create(content_type=ct, defaults={"workflow": workflow})
    return workflow
