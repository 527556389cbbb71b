"""Celery application.

In the embedded default (no CELERY_BROKER_URL) tasks run in-process and eagerly; with Redis they go to a
worker. Enqueue from services with ``core.taken.na_commit``: it writes the task to the outbox in the caller's
transaction and publishes it after commit (ADR 0013). Every task gets ``core.taken.PortaalTaak`` as its base,
which marks the outbox row done when the task succeeded.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal", task_cls="core.taken:PortaalTaak")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
