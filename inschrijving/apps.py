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
        # The restore check (core.bestandscontrole, command herstel_controleren): every private file with the
        # sha256 it was stored with; the receipt keeps none of its own but is sealed, so the zegel register has it.
        from core.bestandscontrole import registreer_bestand

        from .models import Bewijsstuk, ProcesVerbaalOpening

        registreer_bestand(Bewijsstuk, "bestand", sha256veld="sha256")
        registreer_bestand(Bewijsstuk, "origineel", sha256veld="origineel_sha256")
        registreer_bestand(ProcesVerbaalOpening, "bestand", sha256veld="sha256")
        registreer_bestand(Inschrijving, "ontvangstbewijs", verzegeld=True)
        registreer_link("Mijn inschrijvingen", "inschrijving:lijst", 20)
        registreer_link("Bewijsstukken", "inschrijving:bewijsstukken", 30)
        # One overview across regions (issue 17); messages are recorded when mailed (ADR 0028).
        from organisaties.portaal import registreer_overzichtsbron

        from . import selectors

        registreer_overzichtsbron("inschrijving", selectors.overzicht_regels)

        # Domain signal (ADR 0009 §3, ADR 0014), sent after commit: a published rectificatie of the eisen is mailed
        # to the providers with a draft or a submission of the procedure.
        from aanbesteding.signals import rectificatie_gepubliceerd

        rectificatie_gepubliceerd.connect(_rectificatie_gepubliceerd, dispatch_uid="inschrijving.rectificatie")


def _rectificatie_gepubliceerd(sender, rectificatie_id, **kwargs):
    from core.taken import na_commit

    from .tasks import rectificatie_melden

    na_commit(rectificatie_melden, rectificatie_id)
