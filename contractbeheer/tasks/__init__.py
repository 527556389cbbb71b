"""Scheduled and after-commit work of contract management, one module per stream (issue 13).

Every task is idempotent and catches up: it looks at the state of the records, not at when it last ran, and every
mail goes out once through core.mail.eenmalig_versturen (ADR 0013). Celery finds the tasks through this package
(importing the modules registers them)."""

from . import gesprekken, handhaving, herinneringen, meldingen, signalen, verantwoording, verzoeken  # noqa: F401
