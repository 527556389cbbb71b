"""Point the Celery app of this test process at another broker (a closed port for "broker down", the real Redis
of .ci/run), with tasks published instead of run eagerly. The app caches its connection and producer pools,
which are dropped on the way in and out."""

from __future__ import annotations

import os
from contextlib import contextmanager

from portal.celery import app as celery_app

#: Nothing listens here: connecting is refused at once, like a stopped Redis.
DICHTE_POORT = "redis://127.0.0.1:1/0"


def _pools_legen() -> None:
    # Dropped, not closed: kombu keeps producer pools in a global registry by URL and would hand a closed one
    # back the next time.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def broker(url: str, *, eager: bool = False, wachtrij: str | None = None):
    """``wachtrij`` routes every task without an explicit queue (the outbox publishes that way) to a queue of
    the test's own, so a test worker never takes another run's messages."""
    conf = celery_app.conf
    oud = (conf.broker_url, conf.broker_write_url, conf.task_always_eager, conf.task_default_queue)
    # Celery reads the environment variable before its own setting (Settings.broker_url): set both.
    oud_env = os.environ.get("CELERY_BROKER_URL")
    os.environ["CELERY_BROKER_URL"] = url
    _pools_legen()
    conf.broker_url, conf.broker_write_url, conf.task_always_eager = url, None, eager
    if wachtrij:
        conf.task_default_queue = wachtrij
    try:
        yield celery_app
    finally:
        _pools_legen()
        if oud_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = oud_env
        conf.broker_url, conf.broker_write_url, conf.task_always_eager, conf.task_default_queue = oud
