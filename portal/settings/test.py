"""Test settings: fast hashing, in-memory mail, eager tasks unless CI points at Redis."""

import tempfile

from .base import *  # noqa: F403
from .base import AWS_STORAGE_BUCKET_NAME, env

DEBUG = False
DEMO_DATA_TOEGESTAAN = True
# The demo logs in with eHerkenning through the mock broker (/eherkenning/mock/, issue 16).
EHERKENNING_MOCK = env.bool("EHERKENNING_MOCK", default=True)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A real worker is another process: the services tests let it write its mails to files they can count.
if env("TEST_MAILMAP", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env("TEST_MAILMAP")
# A real worker (services tests) is given the test process's folder, so both see the same private files.
_tmp = env("TEST_MEDIAMAP", default="") or tempfile.mkdtemp(prefix="portaal-test-")
MEDIA_ROOT = f"{_tmp}/publiek"
PRIVATE_MEDIA_ROOT = f"{_tmp}/prive"
ZEGEL_MAP = f"{_tmp}/zegels"  # per test process (xdist): its own demo CA, generated on first use
# CI's S3 pass (.ci/run, `pytest -m s3`) sets AWS_STORAGE_BUCKET_NAME: then base.py's S3 storages stay, so the
# models' own FileFields (bound to storages["prive"] at import) talk to a real S3 API (tests/s3/).
if not AWS_STORAGE_BUCKET_NAME:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}},
        "prive": {
            "BACKEND": "core.opslag.PriveBestandsopslag",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The public page cache reads the generation from the cache on every request in tests (no one-second copy per
# process): each test empties the cache, and a page of the previous test must never be served.
PAGINACACHE_GENERATIE_SECONDEN = 0
# The suite runs tasks eagerly; .ci/run's service pass keeps that too, and starts a real worker for the
# tests marked `services`.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
WHITENOISE_AUTOREFRESH = True
