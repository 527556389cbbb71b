"""Walk the portal as each demo persona: every internal link reachable from the start page answers without a
server error or a dead end (DEVELOPERS.md: no dead ends in the UI). GET only, so nothing changes."""

import io
import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from organisaties.demo import DEMO_WACHTWOORD
from tests.gedeeld import fixtures

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="([^"#]+)')
# Wagtail's bulk-action links only work with selected ids (a 404 without them is Wagtail's own answer).
OVERSLAAN = ("/accounts/logout", "/admin/logout", "/static/", "/media/", "/documents/", "/favicon", "/admin/bulk/")
MAX_PAGINAS = 120


def _rondgang(client, *starts):
    gezien, te_doen, fouten = set(), list(starts), []
    while te_doen and len(gezien) < MAX_PAGINAS:
        url = te_doen.pop(0)
        if url in gezien:
            continue
        gezien.add(url)
        antwoord = client.get(url)
        if antwoord.status_code >= 500 or antwoord.status_code == 404:
            fouten.append((url, antwoord.status_code))
            continue
        if antwoord.status_code != 200 or "text/html" not in antwoord.get("Content-Type", ""):
            continue
        for href in LINK.findall(antwoord.content.decode()):
            doel = urljoin(url, unescape(href))
            delen = urlsplit(doel)
            if delen.netloc and delen.netloc != "testserver":
                continue
            pad = delen.path + (f"?{delen.query}" if delen.query else "")
            if pad.startswith("/") and not pad.startswith(OVERSLAAN) and pad not in gezien:
                te_doen.append(pad)
    return gezien, fouten


# The demo world, loaded once for all walks of this module (GET only: nothing changes; tests/gedeeld.py).
_gedeeld, geladen = fixtures(lambda: call_command("demo_data", stdout=io.StringIO()))


@pytest.mark.parametrize(
    ("email", "start"),
    [
        (None, "/"),
        ("beheerder@zorgkracht.example", "/mijn/"),
        ("medewerker@zorgkracht.example", "/mijn/"),
        ("beheerder@jeugdpunt.example", "/mijn/"),
    ],
)
def test_rondgang_zonder_fouten(client, geladen, email, start):
    if email:
        assert client.login(username=email, password=DEMO_WACHTWOORD)
    gezien, fouten = _rondgang(client, start)
    assert len(gezien) > 5
    assert fouten == []


# Wagtail renders its side menu from JSON, so the crawl starts at each role's own menu entries.
@pytest.mark.parametrize(
    ("email", "starts"),
    [
        ("inkoper@regio.example", ["/admin/", "/admin/toetsing/", "/admin/audit/", "/admin/snippets/"]),
        ("contractmanager@regio.example", ["/admin/", "/admin/overeenkomsten/", "/admin/audit/"]),
        ("beoordelaar1@regio.example", ["/admin/", "/admin/toetsing/"]),
        ("sroi@regio.example", ["/admin/", "/admin/sroi/", "/admin/sroi/plannen/", "/admin/sroi/activiteiten/",
                                 "/admin/sroi/rapportages/", "/admin/sroi/omzet-import/"]),
        ("redacteur@regio.example", ["/admin/", "/admin/pages/"]),
    ],
)
def test_rondgang_backoffice_zonder_fouten(client, geladen, email, starts):
    from organisaties.models import User

    client.force_login(User.objects.get(email=email))  # demo staff have TOTP set up
    gezien, fouten = _rondgang(client, *starts)
    assert len(gezien) > 5
    assert fouten == []
