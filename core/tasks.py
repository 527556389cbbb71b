"""The kernel's scheduled work: the outbox relay (ADR 0013)."""

from celery import shared_task

from . import taken


@shared_task
def uitgaand_doorsturen() -> dict:
    """Every minute (CELERY_BEAT_SCHEDULE): publish outbox rows that were never published or never finished,
    prune old finished ones. Idempotent and catches up: it works from the table, not from the clock."""
    return taken.doorsturen()
