"""Celery configuration: every scheduled task exists and is registered; tasks run eagerly in tests."""

import importlib

import pytest
from django.conf import settings

from portal.celery import app


def _schema():
    return getattr(settings, "CELERY_BEAT_SCHEDULE", {}) or {}


def _importeer(pad):
    module, _, naam = pad.rpartition(".")
    return getattr(importlib.import_module(module), naam)


def test_er_is_een_beat_schema():
    assert _schema(), "CELERY_BEAT_SCHEDULE is leeg"


@pytest.mark.parametrize("naam", sorted(_schema()))
def test_elke_beat_taak_bestaat_als_celery_taak(naam):
    regel = _schema()[naam]
    taak = _importeer(regel["task"])
    assert hasattr(taak, "delay"), f"{regel['task']} is geen Celery-taak"
    assert taak.name == regel["task"]


@pytest.mark.parametrize("naam", sorted(_schema()))
def test_elke_beat_taak_is_bij_de_app_geregistreerd(naam):
    app.loader.import_default_modules()
    assert _schema()[naam]["task"] in app.tasks


@pytest.mark.parametrize("naam", sorted(_schema()))
def test_elke_beat_regel_heeft_een_schema(naam):
    regel = _schema()[naam]
    assert "schedule" in regel
    assert set(regel) <= {"task", "schedule", "args", "kwargs", "options", "relative"}


def test_opruimen_van_uitnodigingen_staat_in_het_schema():
    taken = {regel["task"] for regel in _schema().values()}
    assert "organisaties.tasks.verlopen_uitnodigingen_opruimen" in taken


def test_app_leest_de_django_instellingen():
    assert app.main == "portal"
    assert app.conf.task_always_eager is True
    assert app.conf.timezone == "Europe/Amsterdam"


def test_autodiscover_vindt_de_taken_van_de_apps():
    app.loader.import_default_modules()
    for taak in ("organisaties.tasks.verstuur_uitnodiging", "organisaties.tasks.verlopen_uitnodigingen_opruimen"):
        assert taak in app.tasks


@pytest.mark.django_db
def test_eager_taak_geeft_resultaat_terug():
    from organisaties.tasks import verstuur_uitnodiging

    resultaat = verstuur_uitnodiging.delay(987654)
    assert resultaat.get() is False
