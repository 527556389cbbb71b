"""Site-wide behaviour: health endpoint, redirects, middleware order, test settings and the error pages."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import resolve, reverse

pytestmark = pytest.mark.django_db


def test_gezondheid_json_zonder_inloggen_met_een_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/json"
    assert antwoord.json()["status"] == "ok"
    assert reverse("gezondheid") == "/gezondheid/"


def test_favicon_verwijst_naar_statisch_bestand(client):
    antwoord = client.get("/favicon.ico")
    assert antwoord.status_code == 302  # not permanent: the icon may move
    assert antwoord.url == settings.STATIC_URL + "portal/favicon.svg"


def test_wagtail_login_gaat_via_allauth(client):
    assert resolve("/admin/login/").url_name == "wagtailadmin_login"
    antwoord = client.get("/admin/login/")
    assert antwoord.url == "/accounts/login/?next=%2Fadmin%2F"


@pytest.mark.parametrize(("pad", "naam"), [
    ("/mijn/", "organisaties:mijn"), ("/zoeken/", "cms:zoeken"), ("/api/v1/procedures", "cms:api_procedures"),
    ("/verifieren/", "verifieren"),
])
def test_app_urls_zijn_ingehangen(pad, naam):
    assert reverse(naam) == pad


def test_wagtail_vangt_de_rest_als_laatste():
    from portal.urls import urlpatterns

    assert "wagtail" in urlpatterns[-1].urlconf_name.__name__


def test_middleware_volgorde():
    mw = settings.MIDDLEWARE
    auth = mw.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    berichten = mw.index("django.contrib.messages.middleware.MessageMiddleware")
    mfa = mw.index("organisaties.middleware.StaffMfaVerplichtMiddleware")
    actief = mw.index("organisaties.middleware.ActieveOrganisatieMiddleware")
    assert mw.index("django.contrib.sessions.middleware.SessionMiddleware") < auth < mfa
    assert berichten < mfa < actief  # the MFA warning is a message; staff without MFA never get an organisation
    assert mw.index("django.middleware.csrf.CsrfViewMiddleware") < mfa


def test_rate_limits_voor_inloggen_en_reset():
    limieten = settings.ACCOUNT_RATE_LIMITS
    assert limieten["login_failed"] == "100/15m/ip,5/5m/key"
    assert limieten["login"] == "60/m/ip"
    assert "reset_password" in limieten and "signup" in limieten


def test_mfa_en_e_mailverificatie_verplicht_ingesteld():
    assert settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory"
    assert settings.MFA_SUPPORTED_TYPES == ["totp", "recovery_codes"]
    assert settings.ACCOUNT_ADAPTER == "organisaties.adapter.AccountAdapter"


def test_testinstellingen_houden_mail_en_taken_lokaal():
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    assert settings.CELERY_TASK_EAGER_PROPAGATES is True
    assert settings.STORAGES["prive"]["BACKEND"] == "core.opslag.PriveBestandsopslag"
    assert settings.PRIVATE_MEDIA_ROOT != settings.MEDIA_ROOT


def test_beveiligingsheaders_op_een_gewone_pagina(client):
    antwoord = client.get("/gezondheid/")
    assert antwoord["X-Frame-Options"] == "DENY"
    assert antwoord["X-Content-Type-Options"] == "nosniff"


def test_pagina_is_nederlandstalig(client):
    assert '<html lang="nl">' in client.get("/zoeken/").content.decode()


def test_onbekende_pagina_geeft_404(client):
    assert client.get("/bestaat-echt-niet/").status_code == 404


def test_404_pagina_in_het_nederlands(client):
    inhoud = client.get("/bestaat-echt-niet/").content.decode()
    assert "niet gevonden" in inhoud.lower()
    assert "Not Found" not in inhoud


def test_500_pagina_in_het_nederlands():
    from django.views.defaults import server_error

    inhoud = server_error(RequestFactory().get("/")).content.decode()
    assert "Server Error" not in inhoud
    assert "fout" in inhoud.lower()


def test_500_pagina_geeft_in_elk_geval_status_500():
    from django.views.defaults import server_error

    assert server_error(RequestFactory().get("/")).status_code == 500


def test_404_pagina_wijst_de_weg_terug(client):
    antwoord = client.get("/bestaat-echt-niet/")
    assert antwoord.status_code == 404
    inhoud = antwoord.content.decode()
    assert '<html lang="nl">' in inhoud  # the site's base layout
    assert 'href="/"' in inhoud and 'href="/procedures/"' in inhoud


def test_500_pagina_zonder_database_en_zonder_templatetags(django_assert_num_queries):
    from pathlib import Path

    from django.views.defaults import server_error

    # The page must show when the database or a template tag is what failed.
    bron = (Path(settings.BASE_DIR) / "portal" / "templates" / "500.html").read_text()
    assert "{%" not in bron and "{{" not in bron
    with django_assert_num_queries(0):
        inhoud = server_error(RequestFactory().get("/")).content.decode()
    assert "Open House portaal" in inhoud and '<html lang="nl">' in inhoud


def test_403_pagina_in_het_nederlands():
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    antwoord = permission_denied(RequestFactory().get("/"), PermissionDenied())
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 403
    assert "Geen toegang" in inhoud and "403 Forbidden" not in inhoud


@pytest.mark.django_db
def test_csrf_fout_in_het_nederlands(aanbieder_beheerder):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(aanbieder_beheerder)
    antwoord = client.post("/accounts/logout/")
    assert antwoord.status_code == 403
    inhoud = antwoord.content.decode()
    assert "Het formulier is verlopen" in inhoud and "CSRF verification failed" not in inhoud
