"""Load realistic demo data from the sources. Idempotent: running it twice changes nothing the second time.

Each app that has demo data exposes ``<app>.demo.laad(stdout)``; they run in dependency order. The command
lives in ``cms`` because cms is the leaf that may import every app, so it names them: no module lookup by name
that would silently skip an app whose demo module is missing (ADR 0009 §3).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from aanbesteding import demo as aanbesteding_demo
from aanbesteding import demo_actueel as aanbesteding_demo_actueel
from aanbesteding import demo_innovatie as aanbesteding_demo_innovatie
from aanbesteding import demo_regels as aanbesteding_demo_regels
from aanbesteding import demo_rob as aanbesteding_demo_rob
from cms import demo as cms_demo
from cms import demo_actueel as cms_demo_actueel
from contractbeheer import demo as contractbeheer_demo
from contractbeheer import demo_innovatie as contractbeheer_demo_innovatie
from inschrijving import demo as inschrijving_demo
from inschrijving import demo_innovatie as inschrijving_demo_innovatie
from organisaties import demo as organisaties_demo
from overeenkomst import demo as overeenkomst_demo
from overeenkomst import demo_rob as overeenkomst_demo_rob
from sroi import demo as sroi_demo
from toetsing import demo as toetsing_demo
from woo import demo as woo_demo

VOLGORDE = (organisaties_demo, aanbesteding_demo, aanbesteding_demo_regels, aanbesteding_demo_rob, aanbesteding_demo_innovatie,
            aanbesteding_demo_actueel,
            inschrijving_demo, inschrijving_demo_innovatie, toetsing_demo, overeenkomst_demo, overeenkomst_demo_rob,
            # contractbeheer's innovation hand-over before its monitoring, which gives every running perceel its figures: the
            # other order adds rows on a second run once the provider has a member (issue 12 added one).
            sroi_demo, contractbeheer_demo_innovatie, contractbeheer_demo, woo_demo, cms_demo,
            # Last: the current rounds, dated from today and walked through every app's services (issue 12).
            cms_demo_actueel)


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
        for module in VOLGORDE:
            with transaction.atomic():
                module.laad(self.stdout)
