from django.apps import AppConfig


class OvereenkomstConfig(AppConfig):
    name = "overeenkomst"
    verbose_name = "Overeenkomsten"

    def ready(self):
        from organisaties.portaal import registreer_link

        registreer_link("Mijn overeenkomsten", "overeenkomst:lijst", 40)
        try:
            from toetsing.signals import definitief_toegelaten
        except ImportError:  # toetsing not built yet: the daily catch-up task still picks admissions up
            return
        from .koppeling import bij_definitieve_toelating

        definitief_toegelaten.connect(bij_definitieve_toelating, dispatch_uid="overeenkomst.definitief_toegelaten")
