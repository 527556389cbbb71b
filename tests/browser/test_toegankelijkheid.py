"""WCAG 2.1 AA in a real browser (issues 3 and 12): axe-core in headless Chromium over the public site, the provider
portal and the project's own staff screens, with **no violation of any impact** (every WCAG 2.1 A/AA rule plus
axe's best practices); and reflow (WCAG 1.4.10): at 320 and 390 CSS pixels wide no public or provider page scrolls
sideways. The pages: tests/browser/paginas.py. Run with ``pytest -m browser`` (.ci/run)."""

import json
from pathlib import Path

import pytest

from tests.browser import paginas
from tests.browser.test_csp import _inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = (Path(__file__).parent / "axe.min.js").read_text(encoding="utf-8")
REGELSETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Inside the Wagtail admin only the content our templates render is checked: the chrome around it (sidebar,
# header, the admin's own skip link and landmarks) is Wagtail's, which we cannot change. Excluded by selector;
# every exclusion says why.
WAGTAIL_CHROME = [
    # Wagtail's sidebar (a React app): its own navigation and collapse button.
    "[data-side-panel]", "#wagtail-sidebar", "aside.sidebar", ".sidebar",
    # Wagtail's skip link, breadcrumbs and slim header above our content.
    ".skiplink", "header.w-header", ".w-breadcrumbs", "[data-w-breadcrumbs-target]",
    # Wagtail's message area and the userbar it injects.
    ".messages", "wagtail-userbar",
]


def _axe(browser, uitsluiten=()):
    browser.execute_script(AXE)
    return browser.execute_async_script(
        "const klaar = arguments[arguments.length - 1];"
        "const context = arguments[1].length ? {include: [document], exclude: arguments[1].map(s => [s])} : document;"
        "axe.run(context, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => klaar(r.violations)).catch(e => klaar([{id: 'axe-fout', impact: 'critical', help: String(e), nodes: []}]));",
        REGELSETS, list(uitsluiten),
    )


def _beschrijf(overtredingen):
    return [f"{o['id']} ({o['impact']}): {o['help']} – {[n['target'] for n in o['nodes']][:3]}" for o in overtredingen]


# What sticks out: elements whose right edge passes the viewport and that are not inside a box that scrolls or
# clips sideways (a wide table in its own scrolling container is allowed, WCAG 1.4.10 exception for data tables).
UITSTEKERS = """
const breedte = document.documentElement.clientWidth;
const scrolltZelf = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
  const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
const naam = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
const uit = [], verborgen = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width && r.right > breedte + 1) {
    (scrolltZelf(el) ? verborgen : uit).push(naam(el) + ' ' + Math.round(r.right) + 'px');
  }
}
if (!uit.length) uit.push(...verborgen.map(v => 'in scrollvak: ' + v));
return {scroll: document.documentElement.scrollWidth, breedte: breedte, binnen: window.innerWidth, uit: uit.slice(0, 4)};
"""


def _reflow(browser, breedte):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": breedte, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    try:
        browser.execute_script("return document.readyState")
        meting = browser.execute_script(UITSTEKERS)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    # The brief's measure (scrollWidth <= innerWidth), with clientWidth: a vertical scrollbar takes room too.
    if meting["scroll"] > meting["breedte"]:
        return f"{breedte}px: scrollWidth {meting['scroll']} > {meting['breedte']}: {meting['uit']}"
    return None


def _controleer(browser, live_server, client, wereld, lijst, *, reflow, uitsluiten=()):
    """axe (and reflow) over ``lijst``; returns {path: [problems]} and the number of pages checked."""
    goed, fouten = paginas.bereikbaar(client, wereld, lijst, streng=True)
    ingelogd = None
    for pagina, _ in goed:
        if pagina.wie != ingelogd:
            browser.delete_all_cookies()
            user = paginas.gebruiker(wereld, pagina.wie)
            if user is not None:
                _inloggen(browser, live_server, user)
            ingelogd = pagina.wie
        browser.get(live_server.url + pagina.pad)
        problemen = []
        if browser.find_element("tag name", "html").get_attribute("lang") != "nl":
            problemen.append("html zonder lang=nl")
        problemen += _beschrijf(_axe(browser, uitsluiten))
        if reflow:
            problemen += [p for p in (_reflow(browser, 320), _reflow(browser, 390)) if p]
        if problemen:
            fouten[pagina.pad] = problemen
    return fouten, len(goed)


def test_publieke_site_zonder_overtredingen_en_zonder_zijwaarts_scrollen(browser, live_server, client, wereld):
    fouten, aantal = _controleer(browser, live_server, client, wereld, paginas.publieke_paginas(wereld), reflow=True)
    assert fouten == {}, json.dumps(fouten, indent=1, ensure_ascii=False)
    assert aantal >= 17  # of the 19 paths, 17 answer 200 with HTML; the other two answer a redirect (not a failure)


def test_aanbiederportaal_zonder_overtredingen_en_zonder_zijwaarts_scrollen(browser, live_server, client, wereld):
    fouten, aantal = _controleer(browser, live_server, client, wereld, paginas.aanbieder_paginas(wereld), reflow=True)
    assert fouten == {}, json.dumps(fouten, indent=1, ensure_ascii=False)
    assert aantal >= 40


def test_eigen_beheerschermen_zonder_overtredingen(browser, live_server, client, wereld):
    goed, _ = paginas.bereikbaar(client, wereld, paginas.beheer_paginas(wereld), streng=False)
    lijst = [p for p, _ in goed]
    fouten, aantal = _controleer(browser, live_server, client, wereld, lijst, reflow=False,
                                 uitsluiten=WAGTAIL_CHROME)
    assert fouten == {}, json.dumps(fouten, indent=1, ensure_ascii=False)
    assert aantal >= 30


def test_skiplink_krijgt_als_eerste_focus(browser, live_server, publieke_site):
    from selenium.webdriver.common.keys import Keys

    browser.get(live_server.url + "/procedures/jeugdhulp-voorzieningen/")
    browser.find_element("tag name", "body").send_keys(Keys.TAB)
    actief = browser.switch_to.active_element
    assert "skiplink" in actief.get_attribute("class")
    assert actief.get_attribute("href").endswith("#inhoud")
