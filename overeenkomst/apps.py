from django.apps import AppConfig


class OvereenkomstConfig(AppConfig):
    name = "overeenkomst"
    verbose_name = "Overeenkomsten"

    def ready(self):
        from core.paginacache import bij_wijziging_van
        from organisaties.portaal import registreer_link

        # The register, announcements and addenda are public: any change of an agreement, a deelname, a
        # subcontractor or an uittreding retires the stored public pages (ADR 0021).
        bij_wijziging_van(*self.get_models())

        registreer_link("Mijn overeenkomsten", "overeenkomst:lijst", 40)
        # One overview across regions (issue 17); messages are recorded when mailed (ADR 0028).
        from organisaties.portaal import registreer_overzichtsbron

        from . import selectors

        registreer_overzichtsbron("overeenkomst", selectors.overzicht_regels)
        # The restore check (core.bestandscontrole, command herstel_controleren).
        from core.bestandscontrole import registreer_bestand

        from .models import Brief

        registreer_bestand(Brief, "scan", sha256veld="scan_sha256")
        registreer_bestand(Brief, "bevestiging", sha256veld="bevestiging_sha256")
        # ADR 0002: toetsing announces a definitive admission with a domain signal after commit; the daily
        # catch-up task (koppeling.openstaande_toelatingen_verwerken) covers a signal that got lost.
        from toetsing.signals import definitief_toegelaten

        from .koppeling import bij_definitieve_toelating

        definitief_toegelaten.connect(bij_definitieve_toelating, dispatch_uid="overeenkomst.definitief_toegelaten")
