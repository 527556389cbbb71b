"""Reads of contract management (issue 13): what a provider owes (``verplichtingen``) and the contract manager's
work list across providers (``werklijst``), plus the sources of the provider's overview and inbox (issue 17).
Every read runs in a fixed number of queries, whatever the number of providers, agreements or years."""

from .dossier import dossierstukken
from .verplichtingen import Verplichting, overzicht_regels, verplichtingen_van
from .werklijst import (
    SECTIES,
    Handhavingstelling,
    Werklijst,
    WerklijstRegel,
    handhaving_tellingen,
    werklijst,
    werklijst_regels,
    werklijst_tellingen,
)

__all__ = [
    "SECTIES",
    "Handhavingstelling",
    "Verplichting",
    "Werklijst",
    "WerklijstRegel",
    "dossierstukken",
    "handhaving_tellingen",
    "overzicht_regels",
    "verplichtingen_van",
    "werklijst",
    "werklijst_regels",
    "werklijst_tellingen",
]
