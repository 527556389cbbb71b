"""Production settings: refuse to start without a proper secret key or hosts; secure cookies and headers."""

import subprocess

import pytest

from ._hulp import GEHEIM, instellingen

PROD = "portal.settings.production"


def test_productie_zet_veilige_cookies_en_headers():
    waarden = instellingen(PROD, [
        "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "X_FRAME_OPTIONS",
        "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "DEMO_DATA_TOEGESTAAN",
        "ALLOWED_HOSTS", "SECURE_REFERRER_POLICY",
    ], SECRET_KEY=GEHEIM, ALLOWED_HOSTS="portaal.regio.example,www.portaal.regio.example")
    assert waarden == {
        "DEBUG": False, "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SESSION_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY", "SECURE_HSTS_SECONDS": 31536000, "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"], "DEMO_DATA_TOEGESTAAN": False,
        "ALLOWED_HOSTS": ["portaal.regio.example", "www.portaal.regio.example"], "SECURE_REFERRER_POLICY": "same-origin",
    }


def test_productie_debug_blijft_uit_ook_met_debug_variabele():
    assert instellingen(PROD, ["DEBUG"], SECRET_KEY=GEHEIM, ALLOWED_HOSTS="x.example", DEBUG="true") == {
        "DEBUG": False}


@pytest.mark.parametrize("sleutel", ["", "kort", "a" * 49, "dev-only" + "x" * 60])
def test_productie_weigert_zwakke_sleutels(sleutel):
    resultaat = instellingen(PROD, ["DEBUG"], SECRET_KEY=sleutel, ALLOWED_HOSTS="x.example")
    assert isinstance(resultaat, subprocess.CompletedProcess)
    assert "ImproperlyConfigured" in resultaat.stderr
    assert "SECRET_KEY moet gezet zijn (minstens 50 tekens) in productie." in resultaat.stderr


def test_productie_accepteert_precies_vijftig_tekens():
    assert instellingen(PROD, ["DEBUG"], SECRET_KEY="k" * 50, ALLOWED_HOSTS="x.example") == {"DEBUG": False}


def test_productie_eist_allowed_hosts():
    resultaat = instellingen(PROD, ["ALLOWED_HOSTS"], SECRET_KEY=GEHEIM)
    assert isinstance(resultaat, subprocess.CompletedProcess)
    assert "ALLOWED_HOSTS" in resultaat.stderr


def test_productie_mail_uit_email_url():
    waarden = instellingen(PROD, ["EMAIL_HOST", "EMAIL_PORT"], SECRET_KEY=GEHEIM, ALLOWED_HOSTS="x.example",
                           EMAIL_URL="smtp://mail.regio.example:2525")
    assert waarden == {"EMAIL_HOST": "mail.regio.example", "EMAIL_PORT": 2525}


def test_productie_statische_bestanden_met_manifest():
    waarden = instellingen(PROD, ["STORAGES"], SECRET_KEY=GEHEIM, ALLOWED_HOSTS="x.example")
    assert waarden["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_ontwikkeling_staat_debug_en_demodata_toe():
    waarden = instellingen("portal.settings.dev", ["DEBUG", "DEMO_DATA_TOEGESTAAN"])
    assert waarden["DEBUG"] is True
    assert waarden["DEMO_DATA_TOEGESTAAN"] is True


def test_basis_is_zonder_omgeving_veilig_standaard():
    waarden = instellingen("portal.settings.base", ["DEBUG", "DEMO_DATA_TOEGESTAAN", "LANGUAGE_CODE", "TIME_ZONE"])
    assert waarden == {"DEBUG": False, "DEMO_DATA_TOEGESTAAN": False, "LANGUAGE_CODE": "nl",
                       "TIME_ZONE": "Europe/Amsterdam"}


def test_wsgi_kiest_standaard_productie():
    from pathlib import Path

    tekst = (Path(__file__).resolve().parents[2] / "portal" / "wsgi.py").read_text()
    assert 'setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")' in tekst


# --- issue 18: no tasks inside the web process by accident ---------------------------------------------------

def test_productie_weigert_memory_broker():
    resultaat = instellingen(PROD, ["DEBUG"], SECRET_KEY=GEHEIM, ALLOWED_HOSTS="x.example",
                             CELERY_BROKER_URL="memory://")
    assert isinstance(resultaat, subprocess.CompletedProcess)
    assert "ImproperlyConfigured" in resultaat.stderr
    assert "CELERY_BROKER_URL moet naar een echte broker wijzen" in resultaat.stderr


def test_productie_weigert_eager_taken_ook_met_broker():
    resultaat = instellingen(PROD, ["DEBUG"], SECRET_KEY=GEHEIM, ALLOWED_HOSTS="x.example",
                             CELERY_BROKER_URL="redis://redis.example:6379/0", CELERY_TASK_ALWAYS_EAGER="true")
    assert isinstance(resultaat, subprocess.CompletedProcess)
    assert "TAKEN_IN_PROCES=true" in resultaat.stderr


def test_productie_taken_in_proces_alleen_als_expliciet_gezegd():
    waarden = instellingen(PROD, ["CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER", "CELERY_TASK_EAGER_PROPAGATES"],
                           SECRET_KEY=GEHEIM, ALLOWED_HOSTS="x.example", CELERY_BROKER_URL="memory://",
                           TAKEN_IN_PROCES="true")
    # a failing in-process task leaves its outbox row open instead of turning the stored action into a 500
    assert waarden == {"CELERY_BROKER_URL": "memory://", "CELERY_TASK_ALWAYS_EAGER": True,
                       "CELERY_TASK_EAGER_PROPAGATES": False}


def test_productie_met_redis_en_celery_opties():
    waarden = instellingen(PROD, ["CELERY_TASK_ALWAYS_EAGER", "CELERY_TASK_REJECT_ON_WORKER_LOST",
                                  "CELERY_TASK_ACKS_LATE", "CELERY_TASK_TIME_LIMIT", "CELERY_BROKER_TRANSPORT_OPTIONS"],
                           SECRET_KEY=GEHEIM, ALLOWED_HOSTS="x.example", CELERY_BROKER_URL="redis://redis.example:6379/0")
    assert waarden["CELERY_TASK_ALWAYS_EAGER"] is False
    assert waarden["CELERY_TASK_REJECT_ON_WORKER_LOST"] is True and waarden["CELERY_TASK_ACKS_LATE"] is True
    # a message is never handed out again while its task may still legally run
    assert waarden["CELERY_BROKER_TRANSPORT_OPTIONS"]["visibility_timeout"] > waarden["CELERY_TASK_TIME_LIMIT"]
