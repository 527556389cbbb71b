from django.apps import AppConfig


class AanbestedingConfig(AppConfig):
    verbose_name = "Aanbestedingen"
    name = "aanbesteding"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.signals import published

        from . import ontvangers
        from .models import DocumentVersie
        from .workflow import zorg_voor_workflow

        post_migrate.connect(zorg_voor_workflow, sender=self, dispatch_uid="aanbesteding.workflow")
        published.connect(ontvangers.documentversie_gepubliceerd, sender=DocumentVersie, dispatch_uid="aanbesteding.versie")
