"""Scheduled SROI work. Works from state, so a missed run is caught up by the next one."""

import logging

from celery import shared_task
from django.conf import settings

from core import kalender
from inschrijving.clamd import ClamdFout, scan_stream
from overeenkomst.models import Overeenkomst

from . import services
from .models import SroiBewijsstuk

logger = logging.getLogger(__name__)


@shared_task
def rapportages_bijwerken() -> int:
    """Create the reports that have become due for every agreement under a procedure with an SROI regime, so
    late reports show as late on the dashboard even when the provider never opened its page."""
    aantal = 0
    for ovk in Overeenkomst.objects.filter(aanbesteding__sroi_regimes__isnull=False).select_related("aanbesteding").distinct():
        aantal += services.rapportages_bijwerken(ovk)
    return aantal


@shared_task
def bewijs_scannen(bewijsstuk_id: int) -> str:
    """The malware scan of SROI evidence where settings.CLAMD_SOCKET is set (issue 11): ``gescand_op`` on
    "OK", ``virus`` when clamd finds something (the download then refuses the file). Without a socket nothing
    is claimed: the status stays "niet op virussen gescand". Idempotent: a scanned file is not scanned again."""
    socket_pad = getattr(settings, "CLAMD_SOCKET", "")
    stuk = SroiBewijsstuk.objects.filter(pk=bewijsstuk_id, gescand_op__isnull=True, virus="").first()
    if stuk is None:
        return "overgeslagen"
    if not socket_pad:
        return "niet gescand"
    try:
        with stuk.bestand.open("rb") as f:
            uitslag = scan_stream(socket_pad, f)
    except ClamdFout as fout:
        logger.warning("Virusscan SROI-bewijsstuk %s niet gelukt: %s", bewijsstuk_id, fout)
        return "opnieuw"
    if uitslag.schoon:
        SroiBewijsstuk.objects.filter(pk=stuk.pk).update(gescand_op=kalender.nu())
        return "gescand"
    SroiBewijsstuk.objects.filter(pk=stuk.pk).update(virus=(uitslag.virus or "onbekend")[:200])
    return "virus"
