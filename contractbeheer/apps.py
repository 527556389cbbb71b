from django.apps import AppConfig


class ContractbeheerConfig(AppConfig):
    name = "contractbeheer"
    verbose_name = "Contractbeheer"

    def ready(self):
        # The provider's obligations page, and its duties on the overview
        # across regions (issue 17); organisaties never imports this app (ARCHITECTURE.md layers).
        from organisaties.portaal import registreer_link, registreer_overzichtsbron

        from . import selectors

        registreer_link("Verplichtingen", "contractbeheer:verplichtingen", 45)
        registreer_overzichtsbron("contractbeheer", selectors.overzicht_regels)
        # The restore check (core.bestandscontrole, command herstel_controleren): uploads and sealed letters.
        from core.bestandscontrole import registreer_bestand

        from .models import Informatieverzoek, Maatregel, Verantwoordingsinzending, Verzoekontvanger

        for model in (Verantwoordingsinzending, Informatieverzoek, Verzoekontvanger):
            registreer_bestand(model, "bestand", sha256veld="sha256")
        registreer_bestand(Maatregel, "brief_voornemen", sha256veld="brief_voornemen_sha256")
        registreer_bestand(Maatregel, "brief_besluit", sha256veld="brief_besluit_sha256")
        # ADR 0022: an admitted innovatievoorstel gets its evaluation within 12 months (002 r. 573). Connected after
        # overeenkomst's receiver (INSTALLED_APPS order), which makes the agreement this one reads.
        from toetsing.signals import definitief_toegelaten

        from .services.innovatie import bij_definitieve_toelating

        definitief_toegelaten.connect(bij_definitieve_toelating, dispatch_uid="contractbeheer.innovatie_evaluatie")
