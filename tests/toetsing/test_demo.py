"""The demo data loads on top of the other apps' demo data, twice without change (idempotent)."""

import io

import pytest

from toetsing.models import Beoordelingscommissie, Toewijzing


@pytest.mark.django_db
def test_demo_is_idempotent(settings):
    import importlib

    uitvoer = io.StringIO()
    for _ in range(2):
        for app in ("organisaties", "aanbesteding", "inschrijving", "toetsing"):
            importlib.import_module(f"{app}.demo").laad(uitvoer)
    commissie = Beoordelingscommissie.objects.get()
    assert sorted(u.email for u in commissie.leden.all()) == ["beoordelaar1@regio.example", "beoordelaar2@regio.example"]
    assert Toewijzing.objects.count() == 4
