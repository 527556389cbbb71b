"""Celery application.

In the embedded default (no CELERY_BROKER_URL) tasks run in-process and eagerly; with Redis they go to a
worker. Enqueue from services with ``core.taken.na_commit`` so a task never sees uncommitted data.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
