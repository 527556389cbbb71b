"""Production: refuses to start without a secret key, passes `manage.py check --deploy` without warnings."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY moet gezet zijn (minstens 50 tekens) in productie.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DEMO_DATA_TOEGESTAAN = False
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
