"""Scheduled SROI work. Works from state, so a missed run is caught up by the next one."""

from celery import shared_task

from overeenkomst.models import Overeenkomst

from . import services


@shared_task
def rapportages_bijwerken() -> int:
    """Create the reports that have become due for every agreement under a procedure with an SROI regime, so
    late reports show as late on the dashboard even when the provider never opened its page."""
    aantal = 0
    for ovk in Overeenkomst.objects.filter(aanbesteding__sroi_regimes__isnull=False).select_related("aanbesteding").distinct():
        aantal += services.rapportages_bijwerken(ovk)
    return aantal
