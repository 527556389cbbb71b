"""Issue 12 in a real browser: the task list, the check page with its error summary (focus moves to it, its link
focuses the checkbox) and the confirmation, at 1280 px and at 320 px without horizontal scrolling (WCAG 1.4.10).
Screenshots go to /tmp/schermafdrukken-overzicht/. Run with ``pytest -m browser``."""

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from inschrijving import services
from tests.browser.acties import klik_en_wacht
from tests.browser.conftest import browser  # noqa: F401 (the fixture)
from tests.browser.test_csp import _inloggen

# serialized_rollback like every transactional browser test: a plain flush re-runs post_migrate, which creates the
# groups anew with other ids, and the next serialized test then fails to restore them (UNIQUE auth_group.name).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAP = Path("/tmp/schermafdrukken-overzicht")


def _breedte(driver, breedte: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": breedte, "height": 900, "deviceScaleFactor": 1, "mobile": breedte < 500})


def _vastleggen(driver, naam: str) -> None:
    """A full-page screenshot at 1280 and 320 px; at 320 px the page must not scroll sideways."""
    MAP.mkdir(parents=True, exist_ok=True)
    for breedte in (1280, 320):
        _breedte(driver, breedte)
        hoogte = driver.execute_script("return document.documentElement.scrollHeight")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": breedte, "height": min(hoogte, 6000), "deviceScaleFactor": 1, "mobile": breedte < 500})
        driver.save_screenshot(str(MAP / f"{naam}-{breedte}.png"))
        breed = driver.execute_script("return document.documentElement.scrollWidth")
        assert breed <= breedte, f"{naam}: {breed} px breed bij {breedte} px"
    _breedte(driver, 1280)


def test_takenlijst_controleren_en_bevestiging_in_de_browser(browser, live_server, procedure, compleet,  # noqa: F811
                                                             aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=compleet, percelen=[procedure.p5_1, procedure.p5_7, procedure.p5_8],
                             door=aanbieder_beheerder)
    _inloggen(browser, live_server, aanbieder_beheerder)
    basis = f"{live_server.url}/mijn/inschrijvingen/{compleet.pk}/"

    browser.get(basis)
    assert browser.current_url == basis + "overzicht/"
    statussen = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".takenlijst__taak .label")]
    assert statussen.count("Niet gestart") == 1 and statussen[-1] == "Nog niet mogelijk"
    _vastleggen(browser, "takenlijst-bezig")

    browser.get(basis + "controleren/")
    assert "punt open: u kunt nog niet indienen" in browser.page_source
    _vastleggen(browser, "controleren-onvolledig")

    services.antwoord_opslaan(inschrijving=compleet, eis=procedure.pleegzorg_plan, tekst="Gezinsgericht, met pleegouders.",
                              door=aanbieder_beheerder)
    browser.get(basis + "overzicht/")
    _vastleggen(browser, "takenlijst-klaar")
    browser.get(basis + "controleren/")
    _vastleggen(browser, "controleren")

    # Submit without the tick: the error summary, with focus on it, and its link focuses the checkbox.
    klik_en_wacht(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Inschrijving definitief indienen']"))
    assert browser.find_element(By.CSS_SELECTOR, "[data-foutsamenvatting] h2").text == "Er is iets misgegaan"
    assert browser.execute_script("return document.activeElement.hasAttribute('data-foutsamenvatting')")
    _vastleggen(browser, "controleren-fout")
    browser.find_element(By.CSS_SELECTOR, "[data-foutsamenvatting] a").click()
    assert browser.execute_script("return document.activeElement.id") == "id_verklaring"

    browser.find_element(By.ID, "id_verklaring").click()
    klik_en_wacht(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Inschrijving definitief indienen']"))
    assert browser.current_url == basis + "bevestiging/"
    assert "Wat gebeurt er nu" in browser.page_source
    _vastleggen(browser, "bevestiging")
