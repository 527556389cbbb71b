"""The kernel's scheduled work: the outbox relay (ADR 0013) and the beat heartbeat (issue 15)."""

from celery import shared_task

from . import gezondheid, taken


@shared_task
def uitgaand_doorsturen() -> dict:
    """Every minute (CELERY_BEAT_SCHEDULE): publish outbox rows that were never published or never finished,
    prune old finished ones. Idempotent and catches up: it works from the table, not from the clock."""
    return taken.doorsturen()


@shared_task
def hartslag() -> str:
    """Every minute (CELERY_BEAT_SCHEDULE): record that beat scheduled and a worker ran this; /gezondheid/
    reports the age of the last one. Idempotent: one row, overwritten."""
    return gezondheid.hartslag_vastleggen().moment.isoformat()
