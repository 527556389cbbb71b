"""Every write of contract management, one module per stream: permission check → select_for_update → change
(status only through the model's ``OVERGANGEN``) → audit → after-commit task (ARCHITECTURE.md).

``door=None`` means the system (a scheduled task, the demo data)."""

from .regels import beheerregels_van, regels_laden
from .verantwoording import (
    producten_voor,
    sjabloon,
    verantwoording_beoordelen,
    verantwoording_importeren,
    verantwoording_indienen,
    verklaring_bij,
)
from .verplichtingen import verantwoordingen_aanmaken

__all__ = [
    "beheerregels_van",
    "producten_voor",
    "regels_laden",
    "sjabloon",
    "verantwoording_beoordelen",
    "verantwoording_importeren",
    "verantwoording_indienen",
    "verantwoordingen_aanmaken",
    "verklaring_bij",
]
