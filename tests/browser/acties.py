"""Count what a user does in the browser (issue 12): clicks and submits count, typing does not.

The workload targets of issue 12 (provider ≤ 60 actions for the Gooi inschrijving, assessor ≤ 10 per step,
consensus 1, panel ≤ 30) are measured by driving the real pages through a ``Gebruiker``: every click on a link,
button, checkbox or radio and every file chosen is one action; typing into a field is free. Navigating by URL is
not allowed in a measured flow except ``begin`` (the page the user starts on, e.g. from a mail or a bookmark), so
a dead end in the UI shows up as a test that cannot go on.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

WACHTTIJD = 30  # seconds; CI runs the browser beside other work on 2 cores


@contextmanager
def naar_volgende_pagina(browser, seconden: int = WACHTTIJD):
    """Wait until the action in the ``with`` block has loaded a new page.

    A click returns before the browser has navigated; reading the page right after it reads the old page (a CI
    failure of tests/browser/test_berichten.py). The old document's root element goes stale once the new page
    replaces it, and ``readyState`` says when that page has loaded.
    """
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    oud = browser.find_element(By.TAG_NAME, "html")
    yield
    wacht = WebDriverWait(browser, seconden)
    wacht.until(expected_conditions.staleness_of(oud), f"geen nieuwe pagina na de actie op {browser.current_url}")
    wacht.until(lambda b: b.execute_script("return document.readyState") == "complete")


def wacht_op_tekst(browser, tekst: str, seconden: int = WACHTTIJD) -> None:
    """Wait until ``tekst`` is on the page (text a script adds after loading, such as Wagtail's messages)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, seconden, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: tekst in b.find_element(By.TAG_NAME, "body").text, f"“{tekst}” verscheen niet op de pagina")


def klik_en_wacht(browser, element: WebElement) -> None:
    """Click ``element`` (a link or submit button) and wait for the page it leads to."""
    with naar_volgende_pagina(browser):
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        browser.execute_script("arguments[0].click()", element)


_NAVIGEERT = """
const e = arguments[0];
if (e.tagName === "A") {
  const href = e.getAttribute("href") || "";
  return href !== "" && !href.startsWith("#") && !href.startsWith("javascript:") && !e.hasAttribute("download");
}
if (e.tagName === "BUTTON" || e.tagName === "INPUT") {
  return (e.type || "submit").toLowerCase() === "submit" && e.form !== null && !e.form.hasAttribute("target");
}
return false;
"""


def navigeert(browser, element: WebElement) -> bool:
    """Does clicking ``element`` load another page? Links do (not in-page anchors or downloads), and submit buttons."""
    return bool(browser.execute_script(_NAVIGEERT, element))


@dataclass
class Gebruiker:
    browser: object
    basis: str
    acties: int = 0
    log: list[str] = field(default_factory=list)

    # --- free ------------------------------------------------------------------------------------------------

    def begin(self, pad: str) -> None:
        """Open the starting page (not counted: where the user comes from, a mail link or a bookmark)."""
        self.browser.get(self.basis + pad)

    def typ(self, naam: str, tekst: str) -> None:
        """Type into the field named ``naam`` (not counted)."""
        veld = self.browser.find_element(By.NAME, naam)
        veld.clear()
        veld.send_keys(tekst)

    def kies_optie(self, naam: str, waarde: str) -> None:
        """Choose an option in a <select> (counted as one click: the user opens the list and picks)."""
        from selenium.webdriver.support.ui import Select

        Select(self.browser.find_element(By.NAME, naam)).select_by_value(str(waarde))
        self._tel(f"kies {naam}={waarde}")

    # --- counted ---------------------------------------------------------------------------------------------

    def _tel(self, wat: str) -> None:
        self.acties += 1
        self.log.append(wat)

    def klik(self, element: WebElement, wat: str = "") -> None:
        """One action; when it loads a page, return only once that page is there (never read the old one)."""
        if navigeert(self.browser, element):
            klik_en_wacht(self.browser, element)
        else:
            self.browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            self.browser.execute_script("arguments[0].click()", element)
        self._tel(wat or f"klik {element.tag_name} {element.text[:40]!r}")

    def klik_css(self, kiezer: str) -> None:
        self.klik(self.browser.find_element(By.CSS_SELECTOR, kiezer), f"klik {kiezer}")

    def klik_link(self, tekst: str) -> None:
        """Click the first link whose visible text contains ``tekst``."""
        link = next((a for a in self.browser.find_elements(By.TAG_NAME, "a") if tekst in a.text), None)
        assert link is not None, f"Geen link “{tekst}” op {self.browser.current_url}"
        self.klik(link, f"link {tekst!r}")

    def klik_knop(self, tekst: str) -> None:
        """Click the first button (or submit input) whose visible text or value contains ``tekst``."""
        knoppen = self.browser.find_elements(By.CSS_SELECTOR, "button, input[type=submit]")
        knop = next((k for k in knoppen if tekst in (k.text or k.get_attribute("value") or "")), None)
        assert knop is not None, f"Geen knop “{tekst}” op {self.browser.current_url}"
        self.klik(knop, f"knop {tekst!r}")

    def vink(self, naam: str, waarde: str | None = None) -> None:
        """Tick a checkbox or radio (one action; nothing when it is already ticked)."""
        kiezer = f'input[name="{naam}"]' + (f'[value="{waarde}"]' if waarde is not None else "")
        element = self.browser.find_element(By.CSS_SELECTOR, kiezer)
        if not element.is_selected():
            self.klik(element, f"vink {naam}={waarde}")

    def kies_bestand(self, naam: str, pad: str) -> None:
        """Choose a file for the file input ``naam`` (one action: the file dialog)."""
        self.browser.find_element(By.NAME, naam).send_keys(pad)
        self._tel(f"bestand {naam}")

    def tekst(self) -> str:
        return self.browser.find_element(By.TAG_NAME, "body").text

    def wacht_op(self, tekst: str, seconden: int = WACHTTIJD) -> None:
        wacht_op_tekst(self.browser, tekst, seconden)
