"""A real Celery worker process takes a task from Redis and changes PostgreSQL (issue 2, CI).

Runs only in .ci/run's service pass (marker ``services``), where DATABASE_URL points at PostgreSQL and
CELERY_BROKER_URL at Redis.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from organisaties.models import Uitnodiging
from organisaties.tasks import verstuur_uitnodiging
from portal.celery import app as celery_app
from tests.factories import OrganisatieFactory, UserFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def echte_diensten():
    if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.fail("Deze test hoort bij .ci/run: zet DATABASE_URL op PostgreSQL en CELERY_BROKER_URL op Redis.")


@pytest.fixture
def worker(echte_diensten):
    """Start a worker on a queue of its own, against the test database of this run."""
    wachtrij = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    proces = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "-Q", wachtrij, "--pool=solo",
         "-n", f"{wachtrij}@%h", "-l", "info"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    oud = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield wachtrij
    finally:
        celery_app.conf.task_always_eager = oud
        proces.terminate()
        try:
            uitvoer, _ = proces.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proces.kill()
            uitvoer, _ = proces.communicate()
        print(uitvoer[-4000:])


def test_worker_verstuurt_uitnodiging_en_schrijft_in_postgresql(worker):
    org = OrganisatieFactory()
    uitnodiging = Uitnodiging.objects.create(
        organisatie=org, email="collega@zorg.example", rol="medewerker", uitgenodigd_door=UserFactory(),
        verloopt_op=timezone.now() + timezone.timedelta(days=14),
    )
    verstuur_uitnodiging.apply_async(args=[uitnodiging.pk], queue=worker)

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        uitnodiging.refresh_from_db()
        if uitnodiging.verzonden_op is not None:
            break
        time.sleep(0.5)
    assert uitnodiging.verzonden_op is not None, "de worker heeft de taak niet binnen 90 s uitgevoerd"
    # the mail went out in the worker process, not here: proof that the task did not run eagerly
    assert mail.outbox == []


def test_taak_is_idempotent_bij_herhaling(worker):
    org = OrganisatieFactory()
    uitnodiging = Uitnodiging.objects.create(
        organisatie=org, email="twee@zorg.example", rol="medewerker",
        verloopt_op=timezone.now() + timezone.timedelta(days=14),
    )
    eerste = verstuur_uitnodiging.apply_async(args=[uitnodiging.pk], queue=worker)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and Uitnodiging.objects.get(pk=uitnodiging.pk).verzonden_op is None:
        time.sleep(0.5)
    moment = Uitnodiging.objects.get(pk=uitnodiging.pk).verzonden_op
    assert moment is not None
    verstuur_uitnodiging.apply_async(args=[uitnodiging.pk], queue=worker)
    time.sleep(3)
    assert Uitnodiging.objects.get(pk=uitnodiging.pk).verzonden_op == moment
    assert eerste.id
