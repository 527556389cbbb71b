from django.apps import AppConfig


class ToetsingConfig(AppConfig):
    name = "toetsing"
    verbose_name = "Toetsing en besluiten"

    def ready(self):
        from django.db.models.signals import post_save

        from inschrijving.models import Herstelverzoek
        from inschrijving.permissions import registreer_staff_toegangsregel
        from organisaties.portaal import registreer_link

        from . import handlers, permissions

        registreer_link("Besluiten op mijn inschrijvingen", "toetsing:mijn_besluiten", 40)
        # Assigned assessors (after their declaration) may open the inschrijving's files in the inschrijving app.
        registreer_staff_toegangsregel(permissions.staff_toegangsregel)
        post_save.connect(handlers.herstelverzoek_opgeslagen, sender=Herstelverzoek, dispatch_uid="toetsing.herstel")
