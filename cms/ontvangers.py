"""Signal receivers of cms: every publication and withdrawal of a page lands in the portal's audit trail (issue 18).

Wagtail's ``page_published`` / ``page_unpublished`` signals, not the admin's ``after_publish_page`` hook: a
procedure page goes live through the four-eyes workflow (core.publicatie.publiceer_na_goedkeuring, ADR 0006),
by scheduled publication, or by a superuser's direct publication, and only the signal is sent on every one of
those roads. Nothing else audits a page's publication, so this is its only entry (no double entries).

Action names: ``<model_name>.gepubliceerd`` (e.g. ``procedurepage.gepubliceerd``) with the page's content fields
(core.audit.inhoudsvelden: title, slug, the procedure, intro, ...) of the previously live revision as the old
values and of the revision now live as the new ones; ``<model_name>.gedepubliceerd`` with the last live values as
old. The region follows the page (``ProcedurePage.REGIO_PAD``): a bureau sees its own procedure pages' entries.
"""

from wagtail.log_actions import get_active_log_context
from wagtail.models import PageLogEntry, TaskState

from core.audit import audit, volledige_momentopname


def _door(revision):
    """Who published: the user of the admin request (Wagtail's log context: the approver of a workflow task, or
    a superuser publishing directly); outside a request the second person whose approval finished the workflow
    of ``revision``; else nobody (the system, e.g. scheduled publication without a workflow)."""
    user = get_active_log_context().user
    if user is not None:
        return user
    if revision is None:
        return None
    goedkeuring = (
        TaskState.objects.filter(revision=revision, status=TaskState.STATUS_APPROVED, finished_by__isnull=False)
        .select_related("finished_by").order_by("-finished_at", "-pk").first()
    )
    return goedkeuring.finished_by if goedkeuring is not None else None


def _vorige_live_revisie(pagina, revision):
    """The revision that was live before this publication: Wagtail logs 'wagtail.publish' after this signal,
    so the newest such entry is the previous publication."""
    vorige = (
        PageLogEntry.objects.filter(page=pagina, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision).select_related("revision").order_by("-timestamp", "-pk").first()
    )
    return vorige.revision if vorige is not None else None


def pagina_gepubliceerd(sender, instance, revision=None, **kwargs):
    pagina = instance
    vorige = _vorige_live_revisie(pagina, revision)
    oud = volledige_momentopname(vorige.as_object()) if vorige is not None else {}
    nieuw = volledige_momentopname(pagina)
    audit(f"{pagina._meta.model_name}.gepubliceerd", pagina, door=_door(revision), oud=oud, nieuw=nieuw,
          toelichting=f"Revisie {revision.pk}" if revision is not None else "")


def pagina_gedepubliceerd(sender, instance, **kwargs):
    pagina = instance
    audit(f"{pagina._meta.model_name}.gedepubliceerd", pagina, door=get_active_log_context().user,
          oud=volledige_momentopname(pagina))
