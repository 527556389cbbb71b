"""Test helpers: walk an inschrijving through the assessment like the people would."""

from toetsing import services
from toetsing.models import Oordeel

STANDAARD = {"U1": Oordeel.VOLDOET, "G1": Oordeel.VOLDOET, "G2": (Oordeel.VOLDOET, "7"), "X1": Oordeel.VOLDOET,
             "S6G1": Oordeel.VOLDOET}


def beoordeel(inschrijving, user, afwijkend=None, *, afronden=True, eisen=None):
    """Declare no conflict (once) and give a verdict on every eis, in the three-step order."""
    from toetsing import selectors
    from toetsing.models import Belangenverklaring

    if not Belangenverklaring.objects.filter(inschrijving=inschrijving, gebruiker=user).exists():
        services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=user)
    oordelen = {**STANDAARD, **(afwijkend or {})}
    for eis in eisen or selectors.eisen_voor(inschrijving):
        waarde = oordelen[eis.code]
        oordeel, score = waarde if isinstance(waarde, tuple) else (waarde, None)
        services.oordeel_vastleggen(inschrijving=inschrijving, eis=eis, oordeel=oordeel, score=score,
                                    motivering=f"Motivering {user.pk} bij {eis.code}", door=user)
    if afronden:
        services.beoordeling_afronden(inschrijving=inschrijving, door=user)


def consensus(inschrijving, voorzitter, afwijkend=None, *, vaststellen=True):
    from toetsing import selectors
    from toetsing.models import Belangenverklaring

    if not Belangenverklaring.objects.filter(inschrijving=inschrijving, gebruiker=voorzitter).exists():
        services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=voorzitter)
    oordelen = {**STANDAARD, **(afwijkend or {})}
    for eis in selectors.eisen_voor(inschrijving):
        waarde = oordelen[eis.code]
        oordeel, score = waarde if isinstance(waarde, tuple) else (waarde, None)
        services.eindoordeel_vastleggen(inschrijving=inschrijving, eis=eis, oordeel=oordeel, score=score,
                                        motivering=f"Consensus: {eis.code} {oordeel}", door=voorzitter)
    if vaststellen:
        services.consensus_vaststellen(inschrijving=inschrijving, door=voorzitter)
