from django.apps import AppConfig


class AanbestedingConfig(AppConfig):
    verbose_name = "Aanbestedingen"
    name = "aanbesteding"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.signals import published

        from core.paginacache import bij_wijziging_van

        from . import ontvangers
        from .models import DocumentVersie
        from .workflow import zorg_voor_workflow

        post_migrate.connect(zorg_voor_workflow, sender=self, dispatch_uid="aanbesteding.workflow")
        published.connect(ontvangers.documentversie_gepubliceerd, sender=DocumentVersie, dispatch_uid="aanbesteding.versie")
        # Everything of a procedure is public or shapes a public page (percelen, products and tariffs, documents
        # and their versions, NvI's, windows): any change retires the stored public pages (ADR 0021).
        bij_wijziging_van(*self.get_models())
