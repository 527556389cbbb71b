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
from .verantwoording import (
    producten_voor,
    sjabloon,
    verantwoording_beoordelen,
    verantwoording_importeren,
    verantwoording_indienen,
    verklaring_bij,
)
from .verplichtingen import verantwoordingen_aanmaken
from .verzoeken import (
    antwoord_beoordelen,
    onderzoek_afsluiten,
    onderzoek_instellen,
    onderzoek_reageren,
    onderzoek_resultaat,
    onderzoek_resultaat_reageren,
    onderzoek_starten,
    ontvangende_overeenkomsten,
    reactie_te_laat,
    termijn_verlengen,
    verzoek_beantwoorden,
    verzoek_opstellen,
    verzoek_sluiten,
    verzoek_verzenden,
)

__all__ = [
    "antwoord_beoordelen",
    "beheerregels_van",
    "melding_beantwoorden",
    "melding_doen",
    "melding_status",
    "melding_vastleggen",
    "onderzoek_afsluiten",
    "onderzoek_instellen",
    "onderzoek_reageren",
    "onderzoek_resultaat",
    "onderzoek_resultaat_reageren",
    "onderzoek_starten",
    "ontvangende_overeenkomsten",
    "producten_voor",
    "reactie_te_laat",
    "regels_laden",
    "sjabloon",
    "stap_toevoegen",
    "termijn_tekst",
    "termijn_verlengen",
    "verantwoording_beoordelen",
    "verantwoording_importeren",
    "verantwoording_indienen",
    "verantwoordingen_aanmaken",
    "verklaring_bij",
    "verzoek_beantwoorden",
    "verzoek_opstellen",
    "verzoek_sluiten",
    "verzoek_verzenden",
    "vraag_open",
]
