from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Kern"

    def ready(self):
        from wagtail.signals import unpublished

        from . import adressen, logboek
        from .audit_schermen import snippet_gedepubliceerd
        from .csp import choosers_zonder_inline_script

        choosers_zonder_inline_script()
        # Issue 18: withdrawing a published snippet (a document version) is in the audit trail (ADR 0018).
        unpublished.connect(snippet_gedepubliceerd, dispatch_uid="core.audit.snippet_gedepubliceerd")
        # Issue 15: every log record carries the request id; Celery tasks take it along from the request.
        logboek.fabriek_installeren()
        logboek.signalen_verbinden()
        # ADR 0028: a task's mail links to the host the request that promised it was served on.
        adressen.signalen_verbinden()
