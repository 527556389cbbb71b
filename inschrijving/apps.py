from django.apps import AppConfig


class InschrijvingConfig(AppConfig):
    name = "inschrijving"
    verbose_name = "Inschrijvingen"

    def ready(self):
        from core.audit import registreer_zichtbaarheid
        from organisaties.portaal import registreer_link

        from .models import Inschrijving
        from .permissions import staff_mag_inhoud_zien

        def zichtbare_inschrijvingen(user, ids):
            # The audit trail must not open the kluis: same rule as the content itself.
            qs = Inschrijving.objects.filter(pk__in=ids).select_related("toetredingsmoment", "organisatie", "aanbesteding")
            return {str(i.pk) for i in qs if staff_mag_inhoud_zien(user, i)}

        registreer_zichtbaarheid(Inschrijving, zichtbare_inschrijvingen)
        registreer_link("Mijn inschrijvingen", "inschrijving:lijst", 20)
        registreer_link("Bewijsstukken", "inschrijving:bewijsstukken", 30)
        # One overview and one inbox across regions (issue 17).
        from organisaties.portaal import registreer_berichtenbron, registreer_overzichtsbron

        from . import selectors

        registreer_overzichtsbron("inschrijving", selectors.overzicht_regels)
        registreer_berichtenbron("inschrijving", selectors.berichten)
