"""After-commit work of the Woo app (issue 16, ARCHITECTURE rule 6): the redacted public copy of an actively
published document and the export of a decided request. Each takes an id, is idempotent (what exists stays) and
calls a service, so a lost task can be re-run without harm."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def publicatie_maken(metadata_id: int) -> None:
    services.publicatie_opslaan(metadata_id=metadata_id)


@shared_task
def export_maken(verzoek_id: int) -> None:
    services.export_maken(verzoek_id=verzoek_id)
