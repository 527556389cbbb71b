"""The demo loader on a database without the demo world (apart from tests/organisaties/test_demo.py, whose tests
share one loaded world: tests/gedeeld.py)."""

import io

import pytest

from organisaties import demo
from organisaties.models import Regio

pytestmark = pytest.mark.django_db


def test_oude_demodatabase_krijgt_bureaugegevens_erbij(db):
    Regio.objects.create(slug="gooi", naam="Gooi en Vechtstreek")
    demo.laad(io.StringIO())
    gooi = Regio.objects.get(slug="gooi")
    assert gooi.contact_email == "contractbeheer@regiogv.nl" and gooi.kleur_primair == "#00587C"


def test_demo_maakt_geen_demosleutels_naast_echte_sleutels(db, settings, tmp_path):
    settings.ZEGEL_DEMO = False
    settings.ZEGEL_MAP = str(tmp_path / "echt")
    demo.laad(io.StringIO())
    assert not (tmp_path / "echt").exists()
