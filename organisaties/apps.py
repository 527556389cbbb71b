from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "organisaties"
    verbose_name = "Organisaties en accounts"

    def ready(self):
        from django.db.models.signals import post_migrate

        from core.paginacache import bij_wijziging_van

        from . import checks, regios  # noqa: F401  (the region scope with core, core/regio.py; checks.py)
        from .models import Gemeente, Organisatie, Regio

        # The register shows an organisation's name and place, the region pages a region and its municipalities:
        # their changes retire the stored public pages (ADR 0021). Accounts and memberships are never public.
        bij_wijziging_van(Organisatie, Regio, Gemeente)
        from .rollen import synchroniseer_staffgroepen

        # Groups get their permissions after every migrate, so permissions of apps added later are picked up.
        post_migrate.connect(synchroniseer_staffgroepen, dispatch_uid="organisaties.staffgroepen")
