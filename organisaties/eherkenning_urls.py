"""/eherkenning/: the login for providers (issue 16). The namespace is the library's own ("eherkenning"): its
SAML client builds the AssertionConsumerService URL from ``reverse("eherkenning:acs")``, which is ours."""

from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import never_cache

from . import eherkenning_views as views

app_name = "eherkenning"

urlpatterns = [
    path("", never_cache(views.start), name="start"),
    # The library's view: a signed AuthnRequest, posted to the broker (HTTP-POST binding). Never from the public
    # page cache (core.paginacache): every login needs its own request ID, which the ACS checks (InResponseTo).
    path("login/", never_cache(views.login), name="login"),
    path("acs/", never_cache(views.acs), name="acs"),
    path("koppelen/", never_cache(views.koppelen), name="koppelen"),
    path("registreren/", never_cache(views.registreren), name="registreren"),
    # The SP metadata and the service catalogue for the broker (the library's, from the admin's configuration).
    path("metadata/", include("digid_eherkenning.metadata_urls")),
]

if settings.EHERKENNING_MOCK:
    # The demo's broker; the views refuse as well when the setting is off (tests switch it per test).
    urlpatterns += [
        path("mock/", never_cache(views.mock), name="mock"),
        path("mock/annuleren/", never_cache(views.mock_annuleren), name="mock_annuleren"),
    ]
