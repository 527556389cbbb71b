from django.apps import AppConfig


class InschrijvingConfig(AppConfig):
    name = "inschrijving"
    verbose_name = "Inschrijvingen"

    def ready(self):
        from organisaties.portaal import registreer_link

        registreer_link("Mijn inschrijvingen", "inschrijving:lijst", 20)
        registreer_link("Bewijsstukken", "inschrijving:bewijsstukken", 30)
