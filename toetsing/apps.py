from django.apps import AppConfig


class ToetsingConfig(AppConfig):
    name = "toetsing"
    verbose_name = "Toetsing en besluiten"

    def ready(self):
        from inschrijving.permissions import registreer_staff_toegangsregel
        from inschrijving.signals import herstel_afgerond
        from inschrijving.vervolg import registreer_vervolgbron
        from organisaties.portaal import registreer_link

        from . import permissions, selectors

        registreer_link("Besluiten op mijn inschrijvingen", "toetsing:mijn_besluiten", 40)
        # "Wat gebeurt er nu" on the provider's confirmation, with this procedure's assessment dates (issue 12).
        registreer_vervolgbron(selectors.vervolg_na_indiening)
        # Assigned assessors (after their declaration) may open the inschrijving's files in the inschrijving app.
        registreer_staff_toegangsregel(permissions.staff_toegangsregel)
        # The restore check (core.bestandscontrole, command herstel_controleren).
        from core.bestandscontrole import registreer_bestand

        from .models import Besluit, ProcesVerbaalBeoordeling

        registreer_bestand(Besluit, "brief", sha256veld="brief_sha256")
        registreer_bestand(ProcesVerbaalBeoordeling, "bestand", sha256veld="sha256")
        # Domain signal (ADR 0009), sent after commit: the assessment resumes once herstel is answered or
        # expired. A lost signal is caught up by tasks.herstel_hervatten_inhalen (beat schedule).
        herstel_afgerond.connect(_herstel_afgerond, dispatch_uid="toetsing.herstel_afgerond")


def _herstel_afgerond(sender, *, inschrijving_id: int, **kwargs) -> None:
    from . import services

    services.herstel_hervatten(inschrijving_id=inschrijving_id)
