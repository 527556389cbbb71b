"""Print the current TOTP code of the demo staff accounts (demo only), so a tester can log in."""

from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from organisaties.demo import DEMO_TOTP_GEHEIM


class Command(BaseCommand):
    help = "Toont de actuele zescijferige code voor de demo-medewerkers (alleen ontwikkeling)."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_TOEGESTAAN:
            raise CommandError("Alleen beschikbaar in een ontwikkelomgeving.")
        teller = next(iter(yield_hotp_counters_from_time()))
        self.stdout.write(f"{hotp_value(DEMO_TOTP_GEHEIM, teller):06d}")
