"""The S3 tests (tests/s3, marker ``s3``) are an explicit selection: only .ci/run's S3 pass runs them, against
moto_server; every other pass leaves them out; and run without the S3 settings they fail instead of skipping,
so a CI that lost its S3 server cannot turn green on local files."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _pytest_selecties(tekst: str) -> list[str]:
    return re.findall(r'pytest\S*\s+(?:-q\s+)?(?:-n\s+\S+\s+)?-m\s+("[^"]+"|\S+)', tekst)


def test_make_test_laat_de_s3_tests_weg():
    makefile = (ROOT / "Makefile").read_text()
    assert '-m "not services and not browser and not s3 and not saml"' in makefile


def test_ci_draait_s3_apart_en_sluit_het_elders_uit():
    ci = (ROOT / ".ci" / "run").read_text()
    selecties = _pytest_selecties(ci)
    assert "s3" in selecties
    for selectie in selecties:
        # a pass that selects by negation must exclude s3; the positive passes (services, browser) pick their own
        if selectie.startswith('"not'):
            assert "not s3" in selectie, selectie
    # the S3 pass has the settings it needs, and installs the extra with moto_server
    s3_deel = ci[ci.index("moto_server"):ci.index("run_pytest -q -m s3")]
    for naam in ("AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_S3_REGION_NAME", "AWS_ACCESS_KEY_ID",
                 "AWS_SECRET_ACCESS_KEY", "create_bucket"):
        assert naam in s3_deel, naam
    assert ".[dev,apifuzz,s3,samlidp]" in ci


def test_s3_selectie_zonder_instellingen_faalt_luid_en_slaat_niets_over(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PYTEST_"))}
    uit = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:randomly", "-m", "s3", "-x", "-rs",
         "tests/s3"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert uit.returncode == 1, uit.stdout[-2000:]
    assert "De S3-tests (-m s3) draaien alleen tegen een echte S3-API" in uit.stdout
    assert "passed" not in uit.stdout.splitlines()[-1]
    assert "skipped" not in uit.stdout.splitlines()[-1]


def test_geen_code_of_template_geeft_een_url_van_een_privebestand():
    """On S3, ``<privébestand>.url`` would be a presigned bucket URL: no view or template may hand one out (the
    downloads go through core.views.stream_prive_bestand after the permission check)."""
    from core.bestandscontrole import registraties

    velden = sorted({r.bestandsveld for r in registraties()})
    patroon = re.compile(r"\.(?:" + "|".join(map(re.escape, velden)) + r")\.url\b")
    mappen = ["core", "organisaties", "aanbesteding", "inschrijving", "toetsing", "overeenkomst", "sroi",
              "contractbeheer", "cms", "portal"]
    treffers = [f"{pad.relative_to(ROOT)}:{nr}" for map_ in mappen for pad in (ROOT / map_).rglob("*")
                if pad.suffix in {".py", ".html", ".txt"} and pad.is_file()
                for nr, regel in enumerate(pad.read_text(errors="ignore").splitlines(), 1) if patroon.search(regel)]
    assert treffers == []
    assert patroon.search("{{ stuk.bestand.url }}")  # control: the pattern finds what it looks for
