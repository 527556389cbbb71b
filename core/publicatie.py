"""Wagtail's finish action for every publication workflow (ADR 0006): publish the approved revision.

Generic plumbing, not a domain step: it publishes whatever page or snippet the workflow was about (procedure
pages of ``cms``, document versions of ``aanbesteding``), on behalf of the approving second person. The
approval task itself (``aanbesteding.models.TweedePersoonGoedkeuring``) already checked that the approver is
not the submitter. Imported by Wagtail at start-up through ``WAGTAIL_FINISH_WORKFLOW_ACTION``.
"""


def publiceer_na_goedkeuring(workflow_state, user=None):
    """Publish the approved revision without a second permission check (no group holds 'publish')."""
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)


EIGEN_INDIENING = "U kunt uw eigen indiening niet goedkeuren: een tweede persoon moet dat doen."


ANDERE_REGIO = "U kunt alleen goedkeuren of afwijzen wat hoort bij een regio waarin u deze rol heeft."


def vier_ogen_on_action(basis, mag_beslissen=None):
    """An ``on_action`` for an approval task (a subclass of ``basis``) that refuses approval by the submitter,
    and any decision where ``mag_beslissen(task, content_object, user)`` says no (another region, issue 17).

    Defined here rather than on the task model in ``aanbesteding``: approving runs Wagtail's publication of
    whatever the workflow is about (also ``cms`` pages), which is generic plumbing on behalf of the approver,
    not a write by ``aanbesteding`` (tests/eigendom.py attributes a write to the innermost app frame).
    """
    from django.core.exceptions import PermissionDenied

    def on_action(self, task_state, user, action_name, **kwargs):
        if mag_beslissen is not None and not mag_beslissen(self, task_state.workflow_state.content_object, user):
            raise PermissionDenied(ANDERE_REGIO)
        if action_name == "approve" and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied(EIGEN_INDIENING)
        return basis.on_action(self, task_state, user, action_name, **kwargs)

    return on_action
