from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.views import admin_login_doorsturen, gezondheid, gezondheid_live, verifieren, wagtail_rapporten

urlpatterns = [
    # Wagtail's own login would bypass allauth's MFA stage and rate limits: all logins go through allauth.
    path("admin/login/", admin_login_doorsturen, name="wagtailadmin_login"),
    # Wagtail's reports (site history, workflows, locked and aging pages) list every region's records; the
    # bureaus use the region-scoped audit trail instead (issue 17). Matched before Wagtail's own admin URLs.
    path("admin/reports/<path:pad>", wagtail_rapporten, name="wagtail_rapporten"),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    # Readiness (database, cache, broker, beat) and the cheap liveness check (issue 15).
    path("gezondheid/", gezondheid, name="gezondheid"),
    path("gezondheid/live/", gezondheid_live, name="gezondheid_live"),
    # Public: anyone checks whether a PDF of the portal is sealed and unchanged (issue 18, ADR 0015).
    path("verifieren/", verifieren, name="verifieren"),
    path("mijn/", include("organisaties.urls")),
    # eHerkenning for providers (issue 16): the broker's SAML flow, or the demo's mock (EHERKENNING_MOCK).
    path("eherkenning/", include("organisaties.eherkenning_urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "portal/favicon.svg")),
]

urlpatterns += [
    path("mijn/inschrijvingen/", include("inschrijving.urls")),
    path("mijn/besluiten/", include("toetsing.urls")),
    path("mijn/overeenkomsten/", include("overeenkomst.urls")),
    path("mijn/sroi/", include("sroi.urls")),
    path("mijn/verplichtingen/", include("contractbeheer.urls")),
    # Issue 16: the documents each procedure actively publishes under the Woo (public, cached).
    path("woo/", include("woo.urls")),
    path("", include("cms.urls")),
]
urlpatterns.append(path("", include(wagtail_urls)))
