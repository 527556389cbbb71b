"""The test plumbing that keeps CI under 20 minutes proves what it claims: the migrated template is a complete
migration of the current files and is only reused for the same files and engine (tests/testdatabank.py), and a
module's shared data is rolled back per test and after the module (tests/gedeeld.py)."""

import sqlite3
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from organisaties.models import Regio
from tests import gedeeld, testdatabank
from tests.factories import RegioFactory


def test_sleutel_verschilt_per_engine_en_is_stabiel():
    sqlite, pg = SimpleNamespace(vendor="sqlite"), SimpleNamespace(vendor="postgresql")
    assert testdatabank.sleutel(sqlite) == testdatabank.sleutel(sqlite)
    assert testdatabank.sleutel(sqlite) != testdatabank.sleutel(pg)


def test_sleutel_volgt_de_inhoud_van_de_migraties(monkeypatch):
    voor = testdatabank.sleutel(connection)
    echt = testdatabank.Path.read_bytes

    def gewijzigd(pad):
        inhoud = echt(pad)
        return inhoud + b"\n# gewijzigd\n" if pad.name == "0001_initial.py" and "organisaties" in str(pad) else inhoud

    monkeypatch.setattr(testdatabank.Path, "read_bytes", gewijzigd)
    assert testdatabank.sleutel(connection) != voor


@pytest.mark.django_db
def test_de_testdatabase_heeft_elke_migratie_op_schijf():
    """Whether this process migrated or copied the template: every migration file is applied."""
    op_schijf = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    toegepast = set(MigrationRecorder(connection).applied_migrations())
    assert op_schijf - toegepast == set()
    assert Regio._meta.db_table in connection.introspection.table_names()


def test_sqlite_sjabloon_eerst_gemigreerd_daarna_gekopieerd(tmp_path, monkeypatch):
    monkeypatch.setattr(testdatabank, "MAP", tmp_path)
    monkeypatch.setattr(testdatabank, "sleutel", lambda c: "k1")

    def verbinding():
        return SimpleNamespace(vendor="sqlite", connection=sqlite3.connect(":memory:"), ensure_connection=lambda: None)

    eerste, gemigreerd = verbinding(), []

    def migreren():
        gemigreerd.append(1)
        eerste.connection.execute("CREATE TABLE t (x)")
        eerste.connection.execute("INSERT INTO t VALUES (42)")
        eerste.connection.commit()

    assert testdatabank._sqlite(eerste, migreren) is True
    assert (tmp_path / "sqlite-k1.sqlite3").exists()
    tweede = verbinding()
    assert testdatabank._sqlite(tweede, migreren) is False  # copied, not migrated again
    assert gemigreerd == [1]
    assert tweede.connection.execute("SELECT x FROM t").fetchall() == [(42,)]

    # Other migrations: a new template, and the old one is removed.
    monkeypatch.setattr(testdatabank, "sleutel", lambda c: "k2")
    derde = verbinding()
    eerste = derde
    assert testdatabank._sqlite(derde, migreren) is True
    assert sorted(p.name for p in tmp_path.glob("*.sqlite3")) == ["sqlite-k2.sqlite3"]


# --- tests/gedeeld.py ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _regio_gedeeld(request, django_db_setup, django_db_blocker):
    yield from gedeeld.gedeelde_gegevens(request, django_db_blocker, lambda: RegioFactory(slug="gedeeld").pk)


@pytest.fixture
def gedeelde_regio(_regio_gedeeld, db):
    return _regio_gedeeld


def test_gedeelde_gegevens_zijn_er_en_een_schrijfactie_blijft_binnen_de_test(gedeelde_regio):
    assert "_regio_gedeeld" in gedeeld.ACTIEF
    assert Regio.objects.filter(pk=gedeelde_regio, slug="gedeeld").exists()
    Regio.objects.filter(pk=gedeelde_regio).update(slug="veranderd")
    RegioFactory(slug="extra")


def test_volgende_test_ziet_de_gegevens_zoals_gebouwd(gedeelde_regio):
    assert list(Regio.objects.filter(pk=gedeelde_regio).values_list("slug", flat=True)) == ["gedeeld"]
    assert not Regio.objects.filter(slug="extra").exists()
