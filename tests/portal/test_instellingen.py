"""Production settings: `check --deploy` is clean with the required variables, and no secret key = no start."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    basis = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS",
                                                          "CELERY_TASK_ALWAYS_EAGER", "TAKEN_IN_PROCES", "SITE_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**basis, "DJANGO_SETTINGS_MODULE": "portal.settings.production",
             "CELERY_BROKER_URL": "redis://redis.example:6379/0", "SITE_URL": "https://portaal.regio.example", **env},
    )


def test_check_deploy_zonder_waarschuwingen():
    resultaat = _manage("check", "--deploy", "--fail-level", "WARNING",
                        SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="portaal.regio.example")
    assert resultaat.returncode == 0, resultaat.stderr + resultaat.stdout
    assert "no issues" in resultaat.stdout


def test_productie_weigert_te_starten_zonder_secret_key():
    resultaat = _manage("check", ALLOWED_HOSTS="portaal.regio.example")
    assert resultaat.returncode != 0
    assert "SECRET_KEY moet gezet zijn" in resultaat.stderr


def test_productie_weigert_de_ontwikkelsleutel():
    resultaat = _manage("check", SECRET_KEY="dev-only-insecure-key-change-me" * 3, ALLOWED_HOSTS="x.example")
    assert resultaat.returncode != 0


def test_demodata_geweigerd_in_productie():
    resultaat = _manage("demo_data", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="x.example",
                        DATABASE_URL="sqlite:////tmp/portaal-productietest-niet-gebruikt.sqlite3")
    assert resultaat.returncode != 0
    assert "Demodata is uitgeschakeld" in resultaat.stderr


def test_productie_weigert_te_starten_zonder_site_url():
    """ADR 0028: a reminder from Celery beat has no request to take the host from, so production needs SITE_URL."""
    resultaat = _manage("check", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="x.example", SITE_URL="")
    assert resultaat.returncode != 0
    assert "SITE_URL moet gezet zijn in productie" in resultaat.stderr
