"""(a) Every provider URL sends an anonymous visitor to the login page; (e) every URL of the provider portal
refuses a POST without CSRF token, and no view of ours is exempt from the CSRF check."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from .urls import aanbieder_urls, alle_urls, eigen_urls

AANBIEDER_URLS = aanbieder_urls()


def test_inventaris_vindt_de_portaal_urls():
    """Guard against an inventory that silently finds nothing (then every parametrized test passes vacuously)."""
    namen = {u.naam for u in AANBIEDER_URLS}
    assert {"inschrijving:detail", "toetsing:mijn_besluitbrief", "overeenkomst:addendum", "sroi:bewijs_downloaden",
            "organisaties:leden"} <= namen
    assert len(AANBIEDER_URLS) >= 40


@pytest.mark.parametrize("url", AANBIEDER_URLS, ids=lambda u: u.naam)
@pytest.mark.parametrize("methode", ["get", "post"])
def test_anoniem_naar_inloggen(client, db, url, methode):
    antwoord = getattr(client, methode)(url.pad())
    assert antwoord.status_code == 302, f"{url.naam} {methode.upper()} gaf {antwoord.status_code}"
    assert antwoord["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.parametrize("url", AANBIEDER_URLS, ids=lambda u: u.naam)
def test_post_zonder_csrf_token_geweigerd(wereld, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(wereld.beheerder)
    waarden = {"pk": wereld.inschrijving.pk}
    antwoord = client.post(url.pad(waarden), {"toelichting": "x"})
    assert antwoord.status_code == 403, f"{url.naam} accepteerde een POST zonder CSRF-token ({antwoord.status_code})"


def test_post_met_csrf_token_wel_toegestaan(wereld):
    """Control for the test above: with the token the same kind of request passes the CSRF check."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(wereld.beheerder)
    client.get(reverse("organisaties:leden"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    antwoord = client.post(reverse("organisaties:wisselen", args=[wereld.org.pk]), {"csrfmiddlewaretoken": token})
    assert antwoord.status_code == 302


_EIGEN = set(eigen_urls())


@pytest.mark.parametrize("url_cb", [(u, cb) for u, cb in alle_urls() if u in _EIGEN], ids=lambda x: x[0].naam or x[0].route)
def test_geen_view_is_csrf_exempt(url_cb):
    url, callback = url_cb
    assert not getattr(callback, "csrf_exempt", False), f"{url.view} is @csrf_exempt"


# eHerkenning (issue 16): the login flow is reachable without an account, outside /mijn/. Each of its URLs is listed
# here with what an anonymous GET gets (in the demo settings, mock on), so a new one has to be thought about; none
# may come from the public page cache (a cached AuthnRequest would reuse its request ID).
EHERKENNING_ANONIEM = {
    "eherkenning:start": 302,  # to the broker, here the mock
    "eherkenning:login": 302,  # the AuthnRequest; in the demo the mock
    "eherkenning:acs": 302,  # without an artefact: back to the login page with a message
    "eherkenning:koppelen": 302,  # without an eHerkenning proof in the session: back to the login page
    "eherkenning:registreren": 302,  # login required
    "eherkenning:mock": 200,  # the demo's broker, marked "Testomgeving"
    "eherkenning:mock_annuleren": 405,  # POST only
    "eherkenning:metadata:digid": 400,  # the library's metadata: DigiD is not configured (and not used)
    "eherkenning:metadata:eherkenning": 400,  # not configured in the demo
    "eherkenning:metadata:eh-dienstcatalogus": 400,
}


def test_eherkenning_urls_zijn_geinventariseerd():
    gevonden = {u.naam for u, _ in alle_urls() if u.route.startswith("eherkenning/")}
    assert gevonden == set(EHERKENNING_ANONIEM)


@pytest.mark.parametrize(("naam", "status"), sorted(EHERKENNING_ANONIEM.items()))
def test_eherkenning_anoniem(client, db, naam, status):
    antwoord = client.get(reverse(naam))
    assert antwoord.status_code == status, f"{naam} gaf {antwoord.status_code}"
    if naam != "eherkenning:mock_annuleren" and not naam.startswith("eherkenning:metadata"):
        assert "no-store" in antwoord.get("Cache-Control", ""), f"{naam} mag niet in de paginacache"
