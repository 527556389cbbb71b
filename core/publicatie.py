"""Wagtail's finish action for every publication workflow (ADR 0006): publish the approved revision.

Generic plumbing, not a domain step: it publishes whatever page or snippet the workflow was about (procedure
pages of ``cms``, document versions of ``aanbesteding``), on behalf of the approving second person. The
approval task itself (``aanbesteding.models.TweedePersoonGoedkeuring``) already checked that the approver is
not the submitter. Imported by Wagtail at start-up through ``WAGTAIL_FINISH_WORKFLOW_ACTION``.
"""


def publiceer_na_goedkeuring(workflow_state, user=None):
    """Publish the approved revision without a second permission check (no group holds 'publish')."""
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
