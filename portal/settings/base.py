"""Settings shared by every environment. Everything that differs per machine comes from the environment
(django-environ) with a safe embedded default: SQLite, local files, in-process tasks."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # our apps first so their templates override allauth's and Wagtail's
    "core",
    "organisaties",
    "aanbesteding",
    "inschrijving",
    "toetsing",
    "overeenkomst",
    "sroi",
    "contractbeheer",
    "woo",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # the widget templates for FORM_RENDERER below
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # eHerkenning for providers (issue 16): the SAML client and its configuration (a solo model with the
    # certificates of simple_certmanager, the broker's metadata as a private file of django-privates).
    "digid_eherkenning",
    "simple_certmanager",
    "solo",
    "privates",
]

MIDDLEWARE = [
    # First: the request id is current for everything the request does, the other middleware included (issue 15).
    "portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages from the shared cache, before sessions and the database (issue 15, ADR 0021).
    "core.paginacache.PubliekePaginaCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The served host, for the links of mails the request triggers when SITE_URL is not set (ADR 0028).
    "core.adressen.PortaaladresMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "organisaties.middleware.StaffMfaVerplichtMiddleware",
    "organisaties.middleware.ActieveOrganisatieMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content-Security-Policy (issue 11), in every environment so the tests see what production sends. Scripts only
# from the portal itself or with the per-response nonce (``request.csp_nonce``); no inline script, eval or
# plugin anywhere, the Wagtail admin included (its inline starters are replaced: portal/templates/wagtailadmin/).
# Styles allow inline: the Wagtail admin sets style attributes throughout, and CSS cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Widgets render through the project's template engine, so portal/templates/wagtailadmin/widgets/ can replace
# Wagtail's inline-script date choosers (Content-Security-Policy, issue 11).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# No avatars from gravatar.com: no staff e-mail hash leaves the portal, and the CSP allows no foreign images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisaties.context_processors.organisatie",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite as embedded default: wait on locks instead of failing under the in-process task runner.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisaties.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media" / "publiek")))
# Private evidence never lives under MEDIA_ROOT: it has no URL and is served only by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "media" / "prive")))
# django-privates (the eHerkenning certificates and the broker's metadata): same private folder, no public route.
PRIVATE_MEDIA_URL = "/prive/"

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _s3 = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("AWS_S3_REGION_NAME", default=None),
        "default_acl": None,
        "file_overwrite": False,
    }
    PRIVE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "prive", "querystring_auth": True, "querystring_expire": 60},
    }
    PUBLIEKE_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "publiek"}}
else:
    PRIVE_STORAGE = {
        "BACKEND": "core.opslag.PriveBestandsopslag",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    }
    PUBLIEKE_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": PUBLIEKE_STORAGE,
    "prive": PRIVE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: a file bigger than this is refused with a clear message (issue 4: default 25 MB).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=25 * 1024 * 1024)
# Spool larger uploads to disk instead of memory: a 20 MB PDF must not double the web process's memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
CLAMD_SOCKET = env("CLAMD_SOCKET", default="")
# A PDF with active content (JavaScript, actions, embedded files, XFA, RichMedia): "weigeren" refuses it,
# "opschonen" stores a clean copy for the assessors and keeps the original for the record (ADR 0012).
UPLOAD_ACTIEVE_INHOUD = env("UPLOAD_ACTIEVE_INHOUD", default="weigeren")

# E-mail: console in dev, SMTP in production through EMAIL_URL (smtp+tls://user:pass@host:587).
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Open House portaal <noreply@openhouse.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: without a broker the tasks run in-process (embedded default); with Redis they go to a worker.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
# With acks_late a message is acknowledged after the task; when the process running it dies (SIGKILL, OOM) the
# message is handed back to the broker instead of being acknowledged as done (issue 18: a killed worker lost its
# task). Every task is idempotent, so running it again is safe (ARCHITECTURE rule 6).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The longest task is the text extraction of a large PDF (a 300-page scan: a few minutes at worst); the soft limit
# lets it stop cleanly, the hard limit kills a runaway. The outbox relay re-sends an unfinished task only after
# the hard limit (core.taken.HERZEND_NA), so it never doubles a task that is still allowed to run.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
# Redis: an unacknowledged message returns to the queue after visibility_timeout (also when the whole worker
# was killed and restarted). It must exceed the hard time limit, or a long task would be delivered a second
# time while it still runs; the default of an hour made a killed worker's task wait that long. Connecting is
# bounded (socket_connect_timeout, one quick retry) so a request that publishes with the broker down answers
# within a second; the outbox publishes later (ADR 0013). The worker's own reconnect loop is not affected.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 300),
    # Look for such overdue messages every 10 s instead of every 100 s (kombu: interval 10 s × throttle 10).
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Publishing outside the outbox (beat, the relay itself): a few quick retries, then the error; the relay's next
# run catches up.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Scheduled work; each task is idempotent and catches up on missed runs (it works from state, not from "now").
CELERY_BEAT_SCHEDULE: dict = {
    # Issue 18: the outbox relay (core.taken): publishes tasks the broker did not take at commit and re-sends
    # tasks a lost worker never finished; prunes finished rows after 30 days.
    "uitgaand-doorsturen": {"task": "core.tasks.uitgaand_doorsturen", "schedule": crontab(minute="*")},
    # Issue 15: beat's heartbeat; /gezondheid/ reports its age (GEZONDHEID_BEAT_MAX_SECONDEN).
    "hartslag": {"task": "core.tasks.hartslag", "schedule": crontab(minute="*")},
    # Issue 18: receipts of submissions whose confirmation did not go out (state-driven catch-up).
    "ontvangstbewijzen-inhalen": {"task": "inschrijving.tasks.ontvangstbewijzen_inhalen", "schedule": crontab(minute="*/5")},
    "uitnodigingen-opruimen": {"task": "organisaties.tasks.verlopen_uitnodigingen_opruimen", "schedule": crontab(minute=7, hour=3)},
    # Issue 4: proces-verbaal van opening after each closing (catches up), herstel deadlines, stuck file checks.
    "processen-verbaal-opening": {"task": "inschrijving.tasks.processen_verbaal_opening_maken", "schedule": crontab(minute="*/5")},
    "herstelverzoeken-verlopen": {"task": "inschrijving.tasks.herstelverzoeken_verlopen", "schedule": crontab(minute="*/15")},
    "bewijsstukken-nacontroleren": {"task": "inschrijving.tasks.bewijsstukken_nacontroleren", "schedule": crontab(minute="*/10")},
    # Issue 5: standstill over → definitieve toelating (20 kalenderdagen, 003a §3.2); assessments whose herstel
    # deadline passed resume. Both work from state, so a missed run catches up.
    "toetsing-standstill": {"task": "toetsing.tasks.standstill_verwerken", "schedule": crontab(minute=3, hour="*")},
    # Catch-up for the herstel_afgerond signal (ADR 0009): resumes assessments whose herstel is over.
    "toetsing-herstel": {"task": "toetsing.tasks.herstel_hervatten_inhalen", "schedule": crontab(minute="*/15")},
    # Issue 6: admissions without an agreement (catch-up), cliëntenstops, addenda taking effect, uittredingen,
    # extension reminders/processing, addendum and evidence-expiry reminders; all work from state, so a missed
    # run catches up. Twice a day so a failed morning run is retried the same day.
    "overeenkomst-dagelijks": {"task": "overeenkomst.tasks.dagelijks", "schedule": crontab(minute=17, hour="6,18")},
    # Issue 7: SROI reports that became due (quarters/half years, final report); idempotent, catches up.
    "sroi-rapportages": {"task": "sroi.tasks.rapportages_bijwerken", "schedule": crontab(minute=23, hour=5)},
    # Issue 13: last year's verantwoordingen, reminders before their deadlines (30 and 7 days, per procedure),
    # weekly late notices and the regional digest, informatieverzoek reminders and onderzoek windows; works from
    # state and mails once per key, so a missed run catches up.
    "contractbeheer-dagelijks": {"task": "contractbeheer.tasks.herinneringen.dagelijks",
                                 "schedule": crontab(minute=41, hour="6")},
}

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
}
# The public page cache (core/paginacache.py): on, and a stored page lives at most this long (what changes with
# the clock alone, such as a window that opens, has no event that retires the page).
PAGINACACHE = env.bool("PAGINACACHE", default=True)
PAGINACACHE_SECONDEN = env.int("PAGINACACHE_SECONDEN", default=60)
# Each process re-reads the generation this often; a change made elsewhere shows there within this time.
PAGINACACHE_GENERATIE_SECONDEN = env.float("PAGINACACHE_GENERATIE_SECONDEN", default=1.0)
PAGINACACHE_LOKAAL_MAX_BYTES = env.int("PAGINACACHE_LOKAAL_MAX_BYTES", default=32 * 1024 * 1024)

# /gezondheid/ warns when beat's last heartbeat (core.tasks.hartslag, every minute) is older than this.
GEZONDHEID_BEAT_MAX_SECONDEN = env.int("GEZONDHEID_BEAT_MAX_SECONDEN", default=180)

# allauth: e-mail as login, verification required, rate limits on login (issue 2).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# The site's name in every mail: allauth's account mails and the signature of the task mails (ADR 0028).
PORTAAL_NAAM = env("PORTAAL_NAAM", default="Open House portaal")
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PORTAAL_NAAM}] "
ACCOUNT_ADAPTER = "organisaties.adapter.AccountAdapter"
# Login throttling (issue 11 item 7): per account (key = the e-mail) 5 failures per 5 minutes; per IP
# address only a flood (100 failures per 15 minutes), so one mistyping colleague behind an office NAT
# does not lock out the others. A successful login rolls its attempt back (allauth). "login" counts
# every login POST per IP; 60 a minute leaves room for an office that starts at nine.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "100/15m/ip,5/5m/key",
    "login": "60/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "organisaties:mijn"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Open House portaal"
MFA_RECOVERY_CODE_COUNT = 10

# Wagtail: the staff back office. Its own login is replaced by allauth's so MFA applies.
WAGTAIL_SITE_NAME = PORTAAL_NAAM
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Four-eyes publication (issue 3): the workflow's last step publishes; nobody publishes directly.
WAGTAIL_FINISH_WORKFLOW_ACTION = "core.publicatie.publiceer_na_goedkeuring"

# Demo data is refused outside development and tests.
DEMO_DATA_TOEGESTAAN = False
# The base of links in mails and documents (core.adressen, ADR 0028). Empty in development: links then use the
# host the portal is served on; production requires it (a mail from a scheduled task has no request to ask).
SITE_URL = env("SITE_URL", default="")


# Issue 15: every line carries the request id (core.logboek). LOG_FORMAT=json writes one JSON object per line
# (production's default, for a log collector); "tekst" is readable in a terminal (development's default).
LOG_FORMAT = env("LOG_FORMAT", default="tekst")
if LOG_FORMAT not in ("tekst", "json"):
    raise ImproperlyConfigured("LOG_FORMAT moet 'json' of 'tekst' zijn.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logboek.RequestIdFilter"}},
    "formatters": {
        "tekst": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.logboek.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
# The worker keeps this configuration (JSON lines with the task's request id) instead of replacing the root
# logger's handlers with Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Seals on legal PDFs (core.zegel, issue 18): per bureau <regio-slug>.key.pem/.crt.pem (or portaal.*) and the
# trusted CA certificates in vertrouwd.pem, in this private folder. ZEGEL_DEMO generates a demo CA and keys
# there on first use (development, tests, demo_data); production turns it off and supplies real ones.
ZEGEL_MAP = Path(env("ZEGEL_MAP", default=str(PRIVATE_MEDIA_ROOT / "zegels")))
ZEGEL_DEMO = env.bool("ZEGEL_DEMO", default=True)
# Extra PEM files with certificates /verifieren/ trusts (e.g. the previous CA after a key rollover).
ZEGEL_VERTROUWD = env.list("ZEGEL_VERTROUWD", default=[])

# OCDS publication (issue 16, docs/ocds-profiel.md). An ocid prefix is registered with the Open Contracting
# Partnership: "ocds-" + 6 characters. "ocds-xxxxxx" is not a registered prefix: it marks demo data; set yours.
OCDS_OCID_PREFIX = env("OCDS_OCID_PREFIX", default="ocds-xxxxxx-oh")
OCDS_UITGEVER_NAAM = env("OCDS_UITGEVER_NAAM", default="Open House portaal (demo)")
# org-id.guide scheme and identifier of the publisher, e.g. NL-KVK + KvK number or NL-OIN + OIN.
OCDS_UITGEVER_SCHEMA = env("OCDS_UITGEVER_SCHEMA", default="")
OCDS_UITGEVER_UID = env("OCDS_UITGEVER_UID", default="")
OCDS_UITGEVER_URI = env("OCDS_UITGEVER_URI", default=SITE_URL or "http://127.0.0.1:8000")
# Open data in the Netherlands: CC0 (public domain dedication) is the government's default for open data.
OCDS_LICENTIE = env("OCDS_LICENTIE", default="https://creativecommons.org/publicdomain/zero/1.0/")
# Empty: the publication policy in docs/ocds-profiel.md as the portal serves it.
OCDS_PUBLICATIEBELEID = env("OCDS_PUBLICATIEBELEID", default="")

# eHerkenning (issue 16, organisaties/eherkenning.py). The mock replaces the broker with a page of the portal
# itself (/eherkenning/mock/, marked "Testomgeving") so `make run` works without a network or a contract; the
# real flow reads its configuration (certificates, broker metadata, LoA) from the admin's solo model.
# Off unless an environment turns it on: dev.py and test.py do (the demo), production.py refuses it, and the
# system check organisaties.E001 refuses it wherever demo data is not allowed.
EHERKENNING_MOCK = env.bool("EHERKENNING_MOCK", default=False)
