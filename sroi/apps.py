from django.apps import AppConfig


class SroiConfig(AppConfig):
    name = "sroi"
    verbose_name = "SROI (social return)"

    def ready(self):
        from organisaties.portaal import registreer_link

        registreer_link("Social return (SROI)", "sroi:index", volgorde=60)
        # The restore check (core.bestandscontrole, command herstel_controleren).
        from core.bestandscontrole import registreer_bestand

        from .models import SroiBewijsstuk, SroiPlan

        registreer_bestand(SroiPlan, "bestand", sha256veld="sha256")
        registreer_bestand(SroiBewijsstuk, "bestand", sha256veld="sha256")
        registreer_bestand(SroiBewijsstuk, "origineel", sha256veld="origineel_sha256")
        # The reports due appear on the provider's overview, per region (issue 17).
        from organisaties.portaal import registreer_overzichtsbron

        from . import selectors

        registreer_overzichtsbron("sroi", selectors.overzicht_regels)
