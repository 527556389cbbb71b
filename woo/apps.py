from django.apps import AppConfig


class WooConfig(AppConfig):
    """Woo (Wet open overheid, issue 16): Woo metadata per document of a procedure dossier, active disclosure,
    and Woo requests answered from the dossier with an inventarislijst and burnt-in redactions. A layer above the
    domain apps (it reads their dossier documents through their selectors) and below cms."""

    name = "woo"
    verbose_name = "Woo (openbaarmaking)"

    def ready(self):
        from core.paginacache import bij_wijziging_van

        from .models import Woogrond, Woometadata

        # The public Woo pages list the actively published documents (ADR 0021): a change retires stored pages.
        # Requests, their documents and marks are never public.
        bij_wijziging_van(Woometadata, Woogrond)
        # The restore check (core.bestandscontrole, command herstel_controleren): the published redacted copies,
        # the export ZIP and the sealed inventarislijst.
        from core.bestandscontrole import registreer_bestand

        from .models import Wooverzoek

        registreer_bestand(Woometadata, "publicatie", sha256veld="publicatie_sha256")
        registreer_bestand(Wooverzoek, "export", sha256veld="export_sha256")
        registreer_bestand(Wooverzoek, "inventarislijst_pdf", verzegeld=True)
