"""Production: refuses to start without a secret key or without a task broker (unless tasks are explicitly meant
to run in-process), passes `manage.py check --deploy` without warnings."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, CELERY_TASK_ALWAYS_EAGER, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY moet gezet zijn (minstens 50 tekens) in productie.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# ADR 0028: scheduled tasks (reminders, deadlines) mail without a request to take the host from.
SITE_URL = env("SITE_URL", default="").rstrip("/")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("SITE_URL moet gezet zijn in productie (bijv. https://portaal.regio.nl): de links in de "
                               "mails van geplande taken wijzen erheen.")

# Issue 18: without a broker (memory://) tasks run eagerly inside the web process: a large PDF's text extraction
# then runs in a gunicorn worker and keeps its memory. Production needs a real broker (Redis), unless the operator
# says so explicitly (TAKEN_IN_PROCES=true, a small single-process installation). In that mode a failing task
# must not turn a stored action into an error page: its outbox row stays open for the relay (ADR 0013).
TAKEN_IN_PROCES = env.bool("TAKEN_IN_PROCES", default=False)
if not TAKEN_IN_PROCES and (CELERY_BROKER_URL.startswith("memory://") or CELERY_TASK_ALWAYS_EAGER):
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL moet naar een echte broker wijzen (bijv. redis://redis:6379/0) en taken mogen niet "
        "'eager' draaien in productie. Zet TAKEN_IN_PROCES=true als taken bewust in het webproces draaien."
    )
if TAKEN_IN_PROCES:
    CELERY_TASK_EAGER_PROPAGATES = False
DEMO_DATA_TOEGESTAAN = False
# eHerkenning's mock logs anyone in for any KvK number: never in production (issue 16). The system check
# organisaties.E001 repeats this for settings that set it later.
EHERKENNING_MOCK = env.bool("EHERKENNING_MOCK", default=False)
if EHERKENNING_MOCK:
    raise ImproperlyConfigured("EHERKENNING_MOCK mag niet aan staan in productie: de test-inlog laat iedereen binnen.")
# Legal PDFs are sealed with the bureau's real key (ZEGEL_MAP); a generated demo key would seal nothing.
ZEGEL_DEMO = env.bool("ZEGEL_DEMO", default=False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind a reverse proxy every request has the proxy's REMOTE_ADDR; allauth's per-IP login limit then needs
# the client address from X-Forwarded-For (number of trusted proxies in front of Django; 0 = REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
EMAIL_CONFIG = env.email("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)
LOGGING["root"]["level"] = env("LOG_LEVEL", default="INFO")  # noqa: F405
# JSON lines for the log collector (core.logboek), unless the operator asks for text.
LOG_FORMAT = env("LOG_FORMAT", default="json")
if LOG_FORMAT not in LOGGING["formatters"]:  # noqa: F405
    raise ImproperlyConfigured("LOG_FORMAT moet 'json' of 'tekst' zijn.")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405
