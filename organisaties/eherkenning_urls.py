"""/eherkenning/: the login for providers (issue 16). The namespace is the library's own ("eherkenning"): its
SAML client builds the AssertionConsumerService URL from ``reverse("eherkenning:acs")``, which is ours."""

from digid_eherkenning.views import eHerkenningLoginView
from django.conf import settings
from django.urls import include, path

from . import eherkenning_views as views

app_name = "eherkenning"

urlpatterns = [
    path("", views.start, name="start"),
    # The library's view: a signed AuthnRequest, posted to the broker (HTTP-POST binding).
    path("login/", eHerkenningLoginView.as_view(), name="login"),
    path("acs/", views.acs, name="acs"),
    path("koppelen/", views.koppelen, name="koppelen"),
    path("registreren/", views.registreren, name="registreren"),
    # The SP metadata and the service catalogue for the broker (the library's, from the admin's configuration).
    path("metadata/", include("digid_eherkenning.metadata_urls")),
]

if settings.EHERKENNING_MOCK:
    # The demo's broker; the views refuse as well when the setting is off (tests switch it per test).
    urlpatterns += [
        path("mock/", views.mock, name="mock"),
        path("mock/annuleren/", views.mock_annuleren, name="mock_annuleren"),
    ]
