"""Every write of contract management, one module per stream: permission check → select_for_update → change
(status only through the model's ``OVERGANGEN``) → audit → after-commit task (ARCHITECTURE.md).

``door=None`` means the system (a scheduled task, the demo data)."""

from .regels import beheerregels_van, regels_laden
from .verplichtingen import verantwoordingen_aanmaken

__all__ = [
    "beheerregels_van",
    "regels_laden",
    "verantwoordingen_aanmaken",
]
