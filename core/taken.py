"""Enqueue Celery tasks after the surrounding transaction commits (rule 6 of ARCHITECTURE.md)."""

from functools import partial

from django.db import transaction


def na_commit(taak, *args, **kwargs) -> None:
    """Send ``taak`` once the current transaction commits; immediately when there is none."""
    transaction.on_commit(partial(taak.delay, *args, **kwargs))
