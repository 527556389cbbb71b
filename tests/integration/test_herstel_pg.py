"""Back-up and restore as docs/backup-en-herstel.md describes it, for real: `pg_dump -Fc` of the database, a copy
of the private folder, `pg_restore` into a fresh database, then `manage.py herstel_controleren` against the
restored pair (issue 15).

Runs in .ci/run's service pass (marker ``services``, DATABASE_URL on PostgreSQL)."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from core import kalender
from inschrijving import services
from inschrijving.models import Bewijsstuk
from tests.core.slechte_bestanden import geldige_pdf

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def postgres():
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump/pg_restore niet geïnstalleerd")
    if connection.vendor != "postgresql":
        pytest.fail("Deze test hoort bij .ci/run: zet DATABASE_URL op PostgreSQL.")
    db = connection.settings_dict
    env = {**os.environ, **({"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {})}
    verbinding = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    return db, env, verbinding


@pytest.fixture
def lege_database(postgres):
    """A fresh database to restore into, dropped afterwards."""
    db, env, verbinding = postgres
    naam = f"herstel_{uuid.uuid4().hex[:10]}"
    subprocess.run(["createdb", *verbinding, naam], env=env, check=True, capture_output=True)
    try:
        yield naam
    finally:
        subprocess.run(["dropdb", *verbinding, "--if-exists", naam], env=env, capture_output=True)


def test_pg_dump_en_pg_restore_en_dan_de_controle(postgres, lege_database, aanbieder, aanbieder_beheerder, tmp_path):
    db, env, verbinding = postgres
    stukken = [
        services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=SimpleUploadedFile(f"pg-{i}.pdf", geldige_pdf(i + 1)),
                                     documentsoort="kvk_uittreksel", afgiftedatum=kalender.vandaag() - timedelta(days=2),
                                     door=aanbieder_beheerder)
        for i in range(3)
    ]

    # back-up: the database in PostgreSQL's custom format, then the private folder (the procedure's order)
    dump = tmp_path / "portaal.dump"
    subprocess.run(["pg_dump", "-Fc", *verbinding, "-d", db["NAME"], "-f", str(dump)], env=env, check=True,
                   capture_output=True)
    herstel = tmp_path / "herstel"
    shutil.copytree(Bewijsstuk._meta.get_field("bestand").storage.location, herstel / "prive")

    # restore into a fresh database
    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", *verbinding, "-d", lege_database, str(dump)],
                   env=env, check=True, capture_output=True)

    def controleren(*args):
        omgeving = {k: v for k, v in env.items() if not k.startswith(("AWS_", "PYTEST_"))}
        omgeving |= {"DJANGO_SETTINGS_MODULE": "portal.settings.test", "TEST_MEDIAMAP": str(herstel),
                     "DATABASE_URL": f"postgres://{db['USER']}@{verbinding[1]}:{verbinding[3]}/{lege_database}"}
        return subprocess.run([sys.executable, "manage.py", "herstel_controleren", *args], cwd=ROOT, env=omgeving,
                              capture_output=True, text=True, timeout=120)

    goed = controleren("--json")
    assert goed.returncode == 0, goed.stdout + goed.stderr
    rapport = json.loads(goed.stdout)
    [bewijs] = [m for m in rapport["modellen"] if (m["model"], m["veld"]) == ("inschrijving.Bewijsstuk", "bestand")]
    assert (bewijs["gecontroleerd"], bewijs["in_orde"]) == (3, 3)

    (herstel / "prive" / stukken[0].bestand.name).unlink()
    (herstel / "prive" / stukken[2].bestand.name).write_bytes(b"%PDF-1.4 beschadigd")
    fout = controleren()
    assert fout.returncode == 1, fout.stdout + fout.stderr
    assert f"inschrijving.Bewijsstuk {stukken[0].pk}: {stukken[0].bestand.name}: bestand ontbreekt" in fout.stdout
    assert f"inschrijving.Bewijsstuk {stukken[2].pk}: {stukken[2].bestand.name}: sha256 wijkt af" in fout.stdout
    assert stukken[1].bestand.name not in fout.stdout
