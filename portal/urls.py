from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.views import admin_login_doorsturen, gezondheid

urlpatterns = [
    # Wagtail's own login would bypass allauth's MFA stage and rate limits: all logins go through allauth.
    path("admin/login/", admin_login_doorsturen, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("gezondheid/", gezondheid, name="gezondheid"),
    path("mijn/", include("organisaties.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "portal/favicon.svg")),
]

# Domain apps add their own URL modules as they are filled (each optional until then).
for _app, _prefix in (
    ("aanbesteding", ""),
    ("inschrijving", "mijn/inschrijvingen/"),
    ("toetsing", "mijn/besluiten/"),
    ("overeenkomst", "mijn/overeenkomsten/"),
    ("sroi", "mijn/sroi/"),
    ("cms", ""),
):
    try:
        __import__(f"{_app}.urls")
    except ModuleNotFoundError as fout:
        if fout.name != f"{_app}.urls":
            raise
        continue
    urlpatterns.append(path(_prefix, include(f"{_app}.urls")))

urlpatterns.append(path("", include(wagtail_urls)))
