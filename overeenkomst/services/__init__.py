"""Every write of the overeenkomst app, one module per sub-domain: permission check → select_for_update →
change (status only through the model's ``OVERGANGEN``) → audit → after-commit task.

``door=None`` means the system (a scheduled task or the hand-over from toetsing); the permission check is then
skipped because the caller is trusted code, not a request. Rows of other apps (the productenboek, the term of a
procedure, the organisation's data) change only through their owner's services (ADR 0009).

Callers keep using ``from overeenkomst import services`` / ``from overeenkomst.services import x``.
"""

from ._gemeen import LOPEND
from .addenda import (
    addendum_beantwoorden,
    addendum_in_werking,
    addendum_intrekken,
    addendum_onderdeel_toevoegen,
    addendum_opstellen,
    addendum_publiceren,
    addendum_ter_goedkeuring,
    addendum_termijn_afwijken,
    termijn_gehaald,
    termijn_maanden,
)
from .brieven import brief_registreren, ontvangst_bepalen, scan_controleren
from .clientenstop import clientenstop_opheffen, clientenstop_opleggen, clientenstops_bijwerken
from .indexatie import (
    indexatie_als_addendum,
    indexatie_definitief_vastleggen,
    indexatie_opstellen,
    indexatie_verwijderen,
    indexatie_voorbeeld,
    indexatie_wijzigen,
)
from .toetreding import overeenkomst_uit_toelating
from .uittreding import (
    overeenkomst_beeindigen,
    toegestane_opties,
    uittreding_aanvaarden,
    uittreding_afronden_indien_klaar,
    uittreding_berekenen,
    uittreding_intrekken,
    uittreding_melden,
    uittreding_overdracht_bevestigen,
    uittreding_vergoeding_betaald,
)
from .verlenging import (
    looptijd_beeindigen,
    verlenging_aankondigen,
    verlenging_verwerken,
    verlengingsbezwaar_vastleggen,
    verlengingsdata,
)
from .wijzigingsverzoeken import (
    KVK_UITLEG,
    rechtsvorm_vergoeding_tekst,
    wijzigingsverzoek_beoordelen,
    wijzigingsverzoek_indienen,
)

__all__ = [
    "KVK_UITLEG",
    "LOPEND",
    "addendum_beantwoorden",
    "addendum_in_werking",
    "addendum_intrekken",
    "addendum_onderdeel_toevoegen",
    "addendum_opstellen",
    "addendum_publiceren",
    "addendum_ter_goedkeuring",
    "addendum_termijn_afwijken",
    "brief_registreren",
    "clientenstop_opheffen",
    "clientenstop_opleggen",
    "clientenstops_bijwerken",
    "indexatie_als_addendum",
    "indexatie_definitief_vastleggen",
    "indexatie_opstellen",
    "indexatie_verwijderen",
    "indexatie_voorbeeld",
    "indexatie_wijzigen",
    "looptijd_beeindigen",
    "ontvangst_bepalen",
    "overeenkomst_beeindigen",
    "overeenkomst_uit_toelating",
    "rechtsvorm_vergoeding_tekst",
    "scan_controleren",
    "termijn_gehaald",
    "termijn_maanden",
    "toegestane_opties",
    "uittreding_aanvaarden",
    "uittreding_afronden_indien_klaar",
    "uittreding_berekenen",
    "uittreding_intrekken",
    "uittreding_melden",
    "uittreding_overdracht_bevestigen",
    "uittreding_vergoeding_betaald",
    "verlenging_aankondigen",
    "verlenging_verwerken",
    "verlengingsbezwaar_vastleggen",
    "verlengingsdata",
    "wijzigingsverzoek_beoordelen",
    "wijzigingsverzoek_indienen",
]
