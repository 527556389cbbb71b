from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "organisaties"
    verbose_name = "Organisaties en accounts"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import regios  # noqa: F401  (registers the region scope with core, core/regio.py)
        from .rollen import synchroniseer_staffgroepen

        # Groups get their permissions after every migrate, so permissions of apps added later are picked up.
        post_migrate.connect(synchroniseer_staffgroepen, dispatch_uid="organisaties.staffgroepen")
