"""`make serve` and production logging (issue 15): production settings with the local defaults of `make serve`
load, logs are JSON in production, and the target runs collectstatic, migrate and gunicorn with its config."""

import subprocess

import pytest

from ._hulp import GEHEIM, ROOT, instellingen

PROD = "portal.settings.production"

# What `make serve` exports on a fresh machine (Makefile, SERVE_ENV).
SERVE = {
    "SECRET_KEY": "serve-lokaal-" + "x" * 64, "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "false",
    "TAKEN_IN_PROCES": "true", "CELERY_BROKER_URL": "memory://", "CACHE_URL": "filecache:///tmp/openhouse-portaal-cache",
    "EMAIL_URL": "consolemail://", "ZEGEL_DEMO": "true", "SITE_URL": "http://127.0.0.1:8000",
}


def test_productie_logt_standaard_json():
    waarden = instellingen(PROD, ["LOG_FORMAT", "LOGGING"], SECRET_KEY=GEHEIM, ALLOWED_HOSTS="x.example")
    assert waarden["LOG_FORMAT"] == "json"
    assert waarden["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    assert waarden["LOGGING"]["handlers"]["console"]["filters"] == ["request_id"]
    assert waarden["LOGGING"]["root"]["level"] == "INFO"


def test_productie_kan_tekst_loggen():
    waarden = instellingen(PROD, ["LOGGING"], SECRET_KEY=GEHEIM, ALLOWED_HOSTS="x.example", LOG_FORMAT="tekst")
    assert waarden["LOGGING"]["handlers"]["console"]["formatter"] == "tekst"


def test_productie_weigert_onbekend_logformaat():
    resultaat = instellingen(PROD, ["LOGGING"], SECRET_KEY=GEHEIM, ALLOWED_HOSTS="x.example", LOG_FORMAT="xml")
    assert isinstance(resultaat, subprocess.CompletedProcess)
    assert "LOG_FORMAT moet 'json' of 'tekst' zijn." in resultaat.stderr


def test_ontwikkeling_logt_leesbare_tekst():
    waarden = instellingen("portal.settings.dev", ["LOGGING"])
    assert waarden["LOGGING"]["handlers"]["console"]["formatter"] == "tekst"
    waarden = instellingen("portal.settings.dev", ["LOGGING"], LOG_FORMAT="json")
    assert waarden["LOGGING"]["handlers"]["console"]["formatter"] == "json"


def test_ontwikkeling_weigert_onbekend_logformaat_ook():
    resultaat = instellingen("portal.settings.dev", ["LOGGING"], LOG_FORMAT="xml")
    assert isinstance(resultaat, subprocess.CompletedProcess)
    assert "LOG_FORMAT moet 'json' of 'tekst' zijn." in resultaat.stderr


def test_productie_instellingen_met_de_standaarden_van_make_serve():
    waarden = instellingen(PROD, ["CACHES", "CELERY_TASK_ALWAYS_EAGER", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS",
                                  "EMAIL_BACKEND", "DEBUG", "GEZONDHEID_BEAT_MAX_SECONDEN"], **SERVE)
    assert isinstance(waarden, dict), waarden.stderr
    # Several gunicorn workers share one cache (rate limits, /verifieren/): locmem would be per process.
    assert waarden["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert waarden["CACHES"]["default"]["LOCATION"] == "/tmp/openhouse-portaal-cache"
    assert waarden["CELERY_TASK_ALWAYS_EAGER"] is True
    assert waarden["SECURE_SSL_REDIRECT"] is False
    assert waarden["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert waarden["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert waarden["DEBUG"] is False
    assert waarden["GEZONDHEID_BEAT_MAX_SECONDEN"] == 180


def _serve_recept() -> str:
    resultaat = subprocess.run(["make", "-n", "-o", ".venv/.installed", "serve"], cwd=ROOT, capture_output=True,
                               text=True, timeout=60)
    assert resultaat.returncode == 0, resultaat.stderr
    return resultaat.stdout


@pytest.mark.parametrize("stuk", [
    "DJANGO_SETTINGS_MODULE=portal.settings.production",
    'SECRET_KEY="${SECRET_KEY:-$(cat .serve-secret)}"',
    'ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"',
    'SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"',
    'SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT:-8000}}"',
    'if [ -z "${CELERY_BROKER_URL:-}" ]; then export TAKEN_IN_PROCES="${TAKEN_IN_PROCES:-true}"; fi',
    'CACHE_URL="${CACHE_URL:-filecache:///tmp/openhouse-portaal-cache}"',
    "manage.py collectstatic --noinput",
    "manage.py migrate --noinput",
    "gunicorn -c portal/gunicorn.conf.py portal.wsgi",
])
def test_make_serve_recept(stuk):
    assert stuk in _serve_recept()


def test_make_serve_volgorde_statisch_migreren_gunicorn():
    recept = _serve_recept()
    assert recept.index("collectstatic") < recept.index("migrate --noinput") < recept.index("gunicorn -c")


def test_lokale_sleutel_is_lang_genoeg_en_buiten_git():
    recept = _serve_recept()
    assert 'secrets.token_urlsafe(48)' in recept  # 13 + 64 characters: production wants at least 50
    assert ".serve-secret" in (ROOT / ".gitignore").read_text().splitlines()
