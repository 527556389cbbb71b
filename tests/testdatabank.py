"""Migrate the test database once per set of migrations and engine, and clone it for every later test process.

Applying the 255 migrations (Wagtail, allauth and the portal's own) to an empty database takes 35-50 s on this
machine, nearly all of it in Django's model-state rendering, and CI creates a test database in seven processes
(two xdist workers for SQLite and for PostgreSQL, then the SAML, services, S3 and browser passes): several minutes
of a 20-minute budget. The first process migrates for real and keeps the result as a template; every other
process copies it (SQLite: the backup API into its in-memory database; PostgreSQL: CREATE DATABASE ... TEMPLATE)
and then runs ``migrate`` as usual, which finds nothing to apply but still runs the post_migrate handlers. What a
test sees is the same database a fresh migration gives, because it is one.

The template is keyed by the content of every migration file, the installed apps, the engine and the Django
version, so a changed migration can never be served from an old template. The SQLite template lives in the
checkout (``.testsjablonen/``, git-ignored: a fresh clone migrates once); .ci/run drops the PostgreSQL templates
before its PostgreSQL passes, so CI migrates both engines from scratch once per run.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

MAP = Path(__file__).resolve().parent.parent / ".testsjablonen"
PG_VOORVOEGSEL = "portaal_sjabloon_"


def sleutel(connection) -> str:
    """Hash of what decides the migrated schema and data: migration files, apps, engine, Django."""
    import django
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    h = hashlib.sha256()
    h.update(f"{connection.vendor} {django.get_version()}\n".encode())
    h.update(" ".join(sorted(a.label for a in apps.get_app_configs())).encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, naam), migratie in sorted(loader.disk_migrations.items()):
        h.update(f"\n{app}.{naam}\n".encode())
        h.update(Path(sys.modules[migratie.__module__].__file__).read_bytes())
    return h.hexdigest()[:20]


@contextmanager
def _alleen(pad: Path):
    """One process at a time (xdist workers and parallel CI passes share the template)."""
    pad.parent.mkdir(parents=True, exist_ok=True)
    with open(pad, "w") as slot:
        fcntl.flock(slot, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(slot, fcntl.LOCK_UN)


def _sqlite(connection, migreren) -> bool:
    s = sleutel(connection)
    sjabloon = MAP / f"sqlite-{s}.sqlite3"
    with _alleen(MAP / f"sqlite-{s}.lock"):
        if sjabloon.exists():
            connection.ensure_connection()
            bron = sqlite3.connect(sjabloon)
            try:
                bron.backup(connection.connection)
            finally:
                bron.close()
            return False
        migreren()
        connection.ensure_connection()
        tijdelijk = sjabloon.with_suffix(f".{os.getpid()}.tmp")
        doel = sqlite3.connect(tijdelijk)
        try:
            connection.connection.backup(doel)
        finally:
            doel.close()
        tijdelijk.replace(sjabloon)
        for oud in MAP.glob("sqlite-*"):  # templates of other migrations are never used again
            if s not in oud.name:
                oud.unlink(missing_ok=True)
        return True


def _postgresql(connection, migreren) -> bool:
    s = sleutel(connection)
    sjabloon = PG_VOORVOEGSEL + s
    testdb = connection.settings_dict["NAME"]
    q = connection.ops.quote_name
    with _alleen(MAP / f"postgresql-{s}.lock"):
        with connection._nodb_cursor() as c:
            c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sjabloon])
            bestaat = c.fetchone() is not None
        if bestaat:
            connection.close()
            with connection._nodb_cursor() as c:
                c.execute(f"DROP DATABASE IF EXISTS {q(testdb)}")
                c.execute(f"CREATE DATABASE {q(testdb)} TEMPLATE {q(sjabloon)}")
            return False
        migreren()
        connection.close()  # a template must have no other sessions while it is copied
        with connection._nodb_cursor() as c:
            c.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [PG_VOORVOEGSEL + "%"])
            for (oud,) in c.fetchall():
                if oud != sjabloon:
                    c.execute(f"DROP DATABASE IF EXISTS {q(oud)}")
            c.execute(f"CREATE DATABASE {q(sjabloon)} TEMPLATE {q(testdb)}")
        return True


_ENGINES = {"sqlite": _sqlite, "postgresql": _postgresql}


def installeer() -> None:
    """Route the ``migrate`` of Django's test database creation through the template (tests/conftest.py)."""
    from django.core import management
    from django.db.backends.base.creation import BaseDatabaseCreation

    origineel = BaseDatabaseCreation.create_test_db
    if getattr(origineel, "via_sjabloon", False):
        return

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        engine = _ENGINES.get(self.connection.vendor)
        if keepdb or engine is None:  # --reuse-db keeps its own database; other engines migrate as usual
            return origineel(self, verbosity, autoclobber, serialize, keepdb)
        echt = management.call_command

        def call_command(naam, *args, **opties):
            if naam != "migrate":
                return echt(naam, *args, **opties)
            if engine(self.connection, lambda: echt(naam, *args, **opties)):
                return None  # this process migrated and made the template
            # After a copy there is nothing to apply; migrate still checks that and runs post_migrate.
            return echt(naam, *args, **opties)

        management.call_command = call_command
        try:
            return origineel(self, verbosity, autoclobber, serialize, keepdb)
        finally:
            management.call_command = echt

    create_test_db.via_sjabloon = True
    BaseDatabaseCreation.create_test_db = create_test_db
