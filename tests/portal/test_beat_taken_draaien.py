"""Every scheduled task runs on an empty database and again without harm (idempotent, works from state)."""

import importlib

import pytest
from celery.schedules import crontab
from django.conf import settings

import portal
from portal.celery import app

SCHEMA = settings.CELERY_BEAT_SCHEDULE


def _taak(pad):
    module, _, naam = pad.rpartition(".")
    return getattr(importlib.import_module(module), naam)


def test_portal_pakket_laadt_de_celery_app():
    assert portal.celery_app is app
    assert portal.__all__ == ("celery_app",)


@pytest.mark.django_db
@pytest.mark.parametrize("naam", sorted(SCHEMA))
def test_beat_taak_draait_twee_keer_op_lege_database(naam):
    taak = _taak(SCHEMA[naam]["task"])
    taak.apply().get()
    taak.apply().get()


@pytest.mark.parametrize("naam", sorted(SCHEMA))
def test_beat_taken_zonder_argumenten(naam):
    # a beat entry without args must point at a task that needs none
    assert not SCHEMA[naam].get("args")
    assert isinstance(SCHEMA[naam]["schedule"], crontab)


def test_uitnodigingen_opruimen_dagelijks_om_zeven_over_drie():
    schema = SCHEMA["uitnodigingen-opruimen"]["schedule"]
    assert schema.hour == {3} and schema.minute == {7}


def test_overeenkomst_twee_keer_per_dag():
    schema = SCHEMA["overeenkomst-dagelijks"]["schedule"]
    assert schema.hour == {6, 18} and schema.minute == {17}


def test_celery_rekent_in_nederlandse_tijd_met_json():
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    # a task is acknowledged after it ran, so a lost worker means a re-run, not a lost task (rule 14)
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


def test_geen_twee_beat_regels_voor_dezelfde_taak():
    taken = [regel["task"] for regel in SCHEMA.values()]
    assert len(taken) == len(set(taken))
