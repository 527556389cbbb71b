"""The staff start page in a real browser (the work panels of toetsing, contractbeheer, Woo and SROI): an Inkoper
with work in each of their panels sees them, and axe-core finds no violation of any impact inside the panels (the
rest of the page is Wagtail's own). Screenshots go to /tmp/schermafdrukken-startpagina/ for a human look."""

from datetime import date
from pathlib import Path

import pytest

from tests.browser.test_csp import _inloggen
from tests.browser.test_toegankelijkheid import AXE, REGELSETS, _beschrijf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAP = Path("/tmp/schermafdrukken-startpagina")
PANELEN = ["#toetsing-werk-section", "#contractbeheer-werk-section", "#woo-werk-section"]


def _axe_binnen(browser, kiezers):
    browser.execute_script(AXE)
    return browser.execute_async_script(
        "const klaar = arguments[arguments.length - 1];"
        "axe.run({include: arguments[1].map(s => [s])}, {runOnly: {type: 'tag', values: arguments[0]},"
        " resultTypes: ['violations']}).then(r => klaar(r.violations))"
        ".catch(e => klaar([{id: 'axe-fout', impact: 'critical', help: String(e), nodes: []}]));",
        REGELSETS, kiezers,
    )


def test_inkoper_ziet_zijn_werk_op_de_startpagina(browser, live_server, inkoper):
    from tests.toetsing.factories import InschrijvingFactory
    from woo import services as woo_services

    ingediend = InschrijvingFactory()  # submitted, no assessor yet: "nog toe te wijzen"
    woo_services.verzoek_registreren(aanbesteding=ingediend.aanbesteding, kenmerk="DOC-26015854",
                                     ontvangen_op=date(2026, 3, 2), onderwerp="Tussenvoorziening",
                                     verzoeker="A. Verzoeker", door=inkoper)
    MAP.mkdir(parents=True, exist_ok=True)
    _inloggen(browser, live_server, inkoper)
    browser.set_window_size(1280, 1400)
    browser.get(live_server.url + "/admin/")
    tekst = browser.find_element("tag name", "body").text
    assert "Toetsing: wat op u wacht" in tekst and ingediend.aanbesteding.titel in tekst
    assert "Contractbeheer: wat op u wacht" in tekst
    assert "DOC-26015854: Tussenvoorziening" in tekst
    browser.save_screenshot(str(MAP / "inkoper-1280.png"))
    assert _beschrijf(_axe_binnen(browser, PANELEN)) == []
