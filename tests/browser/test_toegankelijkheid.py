"""WCAG 2.1 AA: axe-core in headless Chromium over the home, procedure, productenboek, register and login
pages; no serious or critical violations (issue 3). Run with ``pytest -m browser`` (.ci/run)."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = (Path(__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _overtredingen(browser, url):
    browser.get(url)
    assert browser.find_element("tag name", "html").get_attribute("lang") == "nl"
    browser.execute_script(AXE)
    overtredingen = browser.execute_async_script(
        "const klaar = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => klaar(r.violations)).catch(e => klaar([{id: 'axe-fout', impact: 'critical', help: String(e), nodes: []}]));",
        WCAG_AA,
    )
    return [
        f"{o['id']} ({o['impact']}): {o['help']} – {[n['target'] for n in o['nodes']][:3]}"
        for o in overtredingen if o["impact"] in ("serious", "critical")
    ]


PAGINAS = [
    "/",
    "/procedures/",
    "/procedures/jeugdhulp-voorzieningen/",
    "/procedures/jeugdhulp-voorzieningen/productenboek/2025/",
    "/procedures/jeugdhulp-voorzieningen/register/",
    "/procedures/jeugdhulp-voorzieningen/register/?tab=onderaannemers",
    "/zoeken/?q=Tussenvoorziening",
    "/accounts/login/",
    "/toegankelijkheid/",
    "/verifieren/",
]


def test_geen_ernstige_toegankelijkheidsfouten(browser, live_server, publieke_site):
    fouten = {pad: _overtredingen(browser, live_server.url + pad) for pad in PAGINAS}
    assert {pad: f for pad, f in fouten.items() if f} == {}


def test_skiplink_krijgt_als_eerste_focus(browser, live_server, publieke_site):
    from selenium.webdriver.common.keys import Keys

    browser.get(live_server.url + "/procedures/jeugdhulp-voorzieningen/")
    browser.find_element("tag name", "body").send_keys(Keys.TAB)
    actief = browser.switch_to.active_element
    assert actief.get_attribute("class") == "skiplink"
    assert actief.get_attribute("href").endswith("#inhoud")
