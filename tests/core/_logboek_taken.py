"""A task for the request-id tests: it logs and writes an audit entry, as a real task of the portal does."""

import logging

from celery import shared_task

from core import logboek
from core.audit import audit

logger = logging.getLogger("tests.logboek.taak")


@shared_task(name="tests.core.logboek_taak")
def logboek_taak(toelichting: str = "") -> str:
    logger.warning("in de taak")
    audit("test.taak", toelichting=toelichting)
    return logboek.huidig()
