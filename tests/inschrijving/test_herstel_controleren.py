"""The restore check (`manage.py herstel_controleren`, core.bestandscontrole) on real evidence: after a restore
every stored private file must be there with the sha256 the database recorded (docs/backup-en-herstel.md)."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from core import kalender
from core.bestandscontrole import AFWIJKEND, NIET_VERZEGELD, ONTBREEKT, controleer
from inschrijving import services, tasks
from inschrijving.models import Bewijsstuk, Inschrijving
from tests.core import slechte_bestanden as sb

from .conftest import pdf_upload

ROOT = Path(settings.BASE_DIR)


def _uploaden(organisatie, door, naam):
    return services.bewijsstuk_uploaden(organisatie=organisatie, bestand=pdf_upload(naam), documentsoort="kvk_uittreksel",
                                        afgiftedatum=kalender.vandaag() - timedelta(days=3), door=door)


def _controleren(*args) -> tuple[int, str]:
    """Run the command in-process: (exit code, output)."""
    uit = StringIO()
    try:
        call_command("herstel_controleren", *args, stdout=uit)
    except SystemExit as einde:
        return einde.code, uit.getvalue()
    return 0, uit.getvalue()


def _beschadig(veld) -> None:
    with veld.storage.open(veld.name, "wb") as f:
        f.write(b"%PDF-1.4 iets anders dan wat de aanbieder uploadde")


@pytest.fixture
def stukken(aanbieder, aanbieder_beheerder):
    return [_uploaden(aanbieder, aanbieder_beheerder, f"stuk-{i}.pdf") for i in range(3)]


def test_alles_aanwezig_en_ongewijzigd_geeft_code_0(stukken):
    code, uit = _controleren()
    assert code == 0
    assert "bewijsstukken (inschrijving.Bewijsstuk.bestand): 3 gecontroleerd, 3 in orde" in uit
    assert "Alle bestanden zijn aanwezig en ongewijzigd." in uit


def test_beschadigd_en_verdwenen_bestand_worden_allebei_genoemd(stukken):
    beschadigd, verdwenen, heel = stukken
    _beschadig(beschadigd.bestand)
    verdwenen.bestand.storage.delete(verdwenen.bestand.name)

    code, uit = _controleren()

    assert code == 1
    assert f"inschrijving.Bewijsstuk {verdwenen.pk}: {verdwenen.bestand.name}: bestand ontbreekt in de opslag" in uit
    assert (f"inschrijving.Bewijsstuk {beschadigd.pk}: {beschadigd.bestand.name}: sha256 wijkt af van de database "
            f"(verwacht {beschadigd.sha256}, gevonden ") in uit
    assert heel.bestand.name not in uit
    assert "3 gecontroleerd, 1 in orde, 2 fout" in uit
    assert "2 bestand(en) ontbreken of wijken af" in uit


def test_json_rapport_per_model(stukken):
    stukken[0].bestand.storage.delete(stukken[0].bestand.name)
    code, uit = _controleren("--json")
    assert code == 1
    rapport = json.loads(uit)
    assert rapport["in_orde"] is False and rapport["aantal_bevindingen"] == 1
    [bewijs] = [m for m in rapport["modellen"] if (m["model"], m["veld"]) == ("inschrijving.Bewijsstuk", "bestand")]
    assert (bewijs["gecontroleerd"], bewijs["in_orde"]) == (3, 2)
    assert bewijs["bevindingen"] == [{
        "pk": str(stukken[0].pk), "bestand": stukken[0].bestand.name, "soort": ONTBREEKT,
        "omschrijving": "bestand ontbreekt in de opslag", "verwacht": stukken[0].sha256, "gevonden": "",
    }]
    # the empty "origineel" of a document without active content is not a file to check
    [origineel] = [m for m in rapport["modellen"] if (m["model"], m["veld"]) == ("inschrijving.Bewijsstuk", "origineel")]
    assert origineel["gecontroleerd"] == 0


def test_json_zonder_fouten_is_in_orde(stukken):
    code, uit = _controleren("--json")
    assert code == 0 and json.loads(uit)["in_orde"] is True


def test_steekproef_controleert_hoogstens_n_per_veld(stukken):
    code, uit = _controleren("--steekproef", "2", "--json")
    rapport = json.loads(uit)
    assert code == 0 and rapport["steekproef"] == 2
    [bewijs] = [m for m in rapport["modellen"] if (m["model"], m["veld"]) == ("inschrijving.Bewijsstuk", "bestand")]
    assert bewijs["gecontroleerd"] == 2


def test_steekproef_vindt_een_fout_als_hij_hem_trekt(stukken):
    for stuk in stukken:
        stuk.bestand.storage.delete(stuk.bestand.name)
    code, uit = _controleren("--steekproef", "1")
    assert code == 1 and "steekproef van hoogstens 1 per veld" in uit and "1 gecontroleerd, 0 in orde, 1 fout" in uit


def test_steekproef_moet_positief_zijn(db):
    with pytest.raises(CommandError, match="--steekproef moet een positief aantal zijn"):
        call_command("herstel_controleren", "--steekproef", "0")


def test_verzegeld_ontvangstbewijs_wordt_tegen_het_zegelregister_gecontroleerd(compleet, aanbieder_beheerder):
    """The receipt keeps no sha256 of its own; the seal registered the sealed bytes, so a changed receipt is found."""
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    tasks.ontvangstbewijs_versturen(compleet.pk)
    compleet.refresh_from_db()
    assert compleet.ontvangstbewijs

    def ontvangstbewijzen():
        [u] = [u for u in controleer().uitslagen if (u.model, u.veld) == ("inschrijving.Inschrijving", "ontvangstbewijs")]
        return u

    assert (ontvangstbewijzen().gecontroleerd, ontvangstbewijzen().bevindingen) == (1, [])
    _beschadig(compleet.ontvangstbewijs)
    [bevinding] = ontvangstbewijzen().bevindingen
    assert (bevinding.pk, bevinding.soort, bevinding.naam) == (str(compleet.pk), NIET_VERZEGELD, compleet.ontvangstbewijs.name)
    assert bevinding.omschrijving == "sha256 staat niet in het zegelregister"


def test_opgeschoond_origineel_wordt_apart_gecontroleerd(aanbieder, aanbieder_beheerder, settings):
    """Strip mode (ADR 0012) keeps the upload as received next to the clean copy, each with its own sha256."""
    settings.UPLOAD_ACTIEVE_INHOUD = "opschonen"
    stuk = services.bewijsstuk_uploaden(
        organisatie=aanbieder, bestand=SimpleUploadedFile("actief.pdf", sb.pdf_met_openaction_javascript()),
        documentsoort="kvk_uittreksel", afgiftedatum=kalender.vandaag(), door=aanbieder_beheerder)
    assert stuk.origineel and stuk.origineel_sha256
    _beschadig(stuk.origineel)
    [bevinding] = controleer().bevindingen
    assert (bevinding.model, bevinding.veld, bevinding.soort) == ("inschrijving.Bewijsstuk", "origineel", AFWIJKEND)


# --- a real restore: the database file and the media folder copied elsewhere, checked by a fresh process -----------


def _herstel_controleren_in(map_: Path, database_url: str, *args) -> subprocess.CompletedProcess:
    """Run the command as an operator would after a restore: another process, the restored database and folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PYTEST_", "TEST_MEDIAMAP"))}
    env |= {"DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": database_url,
            "TEST_MEDIAMAP": str(map_)}
    return subprocess.run([sys.executable, "manage.py", "herstel_controleren", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="kopie van een SQLite-bestand; PostgreSQL: tests/integration/test_herstel_pg.py")
@pytest.mark.django_db(transaction=True)
def test_herstel_van_een_kopie_van_database_en_mediamap(aanbieder, aanbieder_beheerder, tmp_path):
    """Back up as docs/backup-en-herstel.md says (database + private folder), restore elsewhere, check there."""
    stukken = [_uploaden(aanbieder, aanbieder_beheerder, f"herstel-{i}.pdf") for i in range(2)]
    herstel = tmp_path / "herstel"
    doel = sqlite3.connect(herstel.with_suffix(".sqlite3"))
    connection.ensure_connection()
    connection.connection.backup(doel)  # the SQLite online backup: a consistent copy, like pg_dump
    doel.close()
    bron = Path(Bewijsstuk._meta.get_field("bestand").storage.location)
    shutil.copytree(bron, herstel / "prive")
    url = f"sqlite:///{herstel.with_suffix('.sqlite3')}"

    goed = _herstel_controleren_in(herstel, url, "--json")
    assert goed.returncode == 0, goed.stderr
    [bewijs] = [m for m in json.loads(goed.stdout)["modellen"] if m["model"] == "inschrijving.Bewijsstuk" and m["veld"] == "bestand"]
    assert bewijs["gecontroleerd"] == 2 and bewijs["in_orde"] == 2

    # the copy of the folder is older than the database, and one file got damaged on the way
    (herstel / "prive" / stukken[0].bestand.name).unlink()
    (herstel / "prive" / stukken[1].bestand.name).write_bytes(b"kapot")
    fout = _herstel_controleren_in(herstel, url)
    assert fout.returncode == 1
    assert f"{stukken[0].bestand.name}: bestand ontbreekt in de opslag" in fout.stdout
    assert f"{stukken[1].bestand.name}: sha256 wijkt af van de database" in fout.stdout
    # the original is untouched: the check read only the restored copy
    assert Inschrijving.objects.count() == 0 and all(s.bestand.storage.exists(s.bestand.name) for s in stukken)
