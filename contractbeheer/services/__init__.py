"""Every write of contract management, one module per stream: permission check → select_for_update → change
(status only through the model's ``OVERGANGEN``) → audit → after-commit task (ARCHITECTURE.md).

``door=None`` means the system (a scheduled task, the demo data)."""

from .meldingen import (
    melding_beantwoorden,
    melding_doen,
    melding_status,
    melding_vastleggen,
    stap_toevoegen,
    termijn_tekst,
    vraag_open,
)
from .regels import beheerregels_van, regels_laden
from .verplichtingen import verantwoordingen_aanmaken

__all__ = [
    "beheerregels_van",
    "melding_beantwoorden",
    "melding_doen",
    "melding_status",
    "melding_vastleggen",
    "regels_laden",
    "stap_toevoegen",
    "termijn_tekst",
    "verantwoordingen_aanmaken",
    "vraag_open",
]
