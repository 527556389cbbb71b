from django.apps import AppConfig


class WooConfig(AppConfig):
    """Woo (Wet open overheid, issue 16): Woo metadata per document of a procedure dossier, active disclosure,
    and Woo requests answered from the dossier with an inventarislijst and burnt-in redactions. A layer above the
    domain apps (it reads their dossier documents through their selectors) and below cms."""

    name = "woo"
    verbose_name = "Woo (openbaarmaking)"
