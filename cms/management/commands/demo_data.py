"""Load realistic demo data from the sources. Idempotent: running it twice changes nothing the second time.

Each app that has demo data exposes ``<app>.demo.laad(stdout)``; they run in dependency order. The command
lives in ``cms`` because cms is the leaf that may import every app.
"""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

VOLGORDE = ("organisaties", "aanbesteding", "inschrijving", "toetsing", "overeenkomst", "sroi", "cms")


class Command(BaseCommand):
    help = "Laadt demodata (regio's, gemeenten, aanbieders, demo-accounts, procedures). Alleen voor ontwikkeling."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_TOEGESTAAN:
            raise CommandError("Demodata is uitgeschakeld in deze omgeving (DEMO_DATA_TOEGESTAAN=False).")
        # Demo loaders walk real services, which send mail; keep those out of the console of `make run`.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self._laad_alles()
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))

    def _laad_alles(self):
        for app in VOLGORDE:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as fout:
                if fout.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.laad(self.stdout)
