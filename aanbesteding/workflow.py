"""The four-eyes publication workflow (issue 3): a new document version or a procedure page goes live only
after a second person approves it.

No staff group holds the plain "publish" permission on document versions or pages, so the only road to
publication is the workflow; its last step (``core.publicatie.publiceer_na_goedkeuring``) publishes on the
approver's behalf after the task checked that the approver is not the submitter.
"""

WORKFLOW_NAAM = "Publicatie na goedkeuring door een tweede persoon"
TAAK_NAAM = "Goedkeuring door een tweede inkoper"


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
