"""The inbox in a real browser (issue 12, ADR 0028): desktop and 320 px without horizontal scrolling, opening a
message marks it read and the unread count in the navigation follows. Screenshots go to
/tmp/schermafdrukken-berichten/ for a human look."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from core.kalender import TZ
from organisaties import services
from organisaties.models import Bericht
from tests.factories import RegioFactory

from .acties import klik_en_wacht
from .test_csp import _inloggen

# serialized_rollback like every transactional browser test: a plain flush re-runs post_migrate, which creates the
# groups anew with other ids, and the next serialized test then fails to restore them (UNIQUE auth_group.name).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAP = Path("/tmp/schermafdrukken-berichten")

SOORTEN = [
    ("Besluit", "Besluit op uw inschrijving voor Jeugdhulp Gooi en Vechtstreek 2026–2029",
     "/mijn/besluiten/1/"),
    ("Herstelverzoek", "Herstelverzoek bij uw inschrijving Jeugdhulp Midden-Limburg Oost", "/mijn/inschrijvingen/1/"),
    ("Nota van Inlichtingen", "Nota van Inlichtingen 2 gepubliceerd: Jeugdhulp Gooi en Vechtstreek 2026–2029",
     "/procedures/x/nvi/2/"),
    ("Addendum", "Addendum 3: Indexatie 2027 – reactie gevraagd", "/mijn/overeenkomsten/addendum/1/"),
    ("Herinnering", "Herinnering: verantwoording uiterlijk 31-03-2027 (Jeugdhulp Gooi en Vechtstreek)",
     "/mijn/verplichtingen/"),
]


def _vullen(org, regio_a, regio_b):
    for n in range(30):
        soort, onderwerp, pad = SOORTEN[n % len(SOORTEN)]
        with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=TZ) + timedelta(hours=n), tick=False):
            services.bericht_versturen(
                org, sleutel=f"demo:{n}", soort=soort, onderwerp=onderwerp if n else onderwerp + " (met een heel lange "
                "titel die op een smal scherm moet afbreken: https://portaal.regio.example/mijn/berichten/12345/)",
                tekst=f"Beste Zorgkracht Gooi B.V.,\n\nDit is bericht {n}. Lees het in het portaal:\n"
                      "https://portaal.regio.example/mijn/inschrijvingen/12345/herstel/67890/\n\nMet vriendelijke groet,\n"
                      "Inkoopbureau Gooi en Vechtstreek",
                ontvangers=[], regio_id=(regio_a if n % 2 else regio_b).pk, pad=pad)


def _geen_horizontale_scroll(browser):
    return browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_inbox_op_breed_en_smal_scherm(browser, live_server, aanbieder, aanbieder_beheerder):
    regio_a = RegioFactory(naam="Gooi en Vechtstreek", slug="gooi", bureau_naam="Regionaal Inkoopbureau Gooi en Vechtstreek")
    regio_b = RegioFactory(naam="Midden-Limburg Oost", slug="mlo", bureau_naam="Inkoopbureau Midden-Limburg Oost")
    _vullen(aanbieder, regio_a, regio_b)
    MAP.mkdir(parents=True, exist_ok=True)
    _inloggen(browser, live_server, aanbieder_beheerder)
    browser.set_window_size(1280, 1100)
    browser.get(live_server.url + "/mijn/berichten/")
    teller = browser.find_element("css selector", ".kop__nav .teller")
    assert teller.text.startswith("30")
    browser.save_screenshot(str(MAP / "inbox-desktop.png"))
    assert _geen_horizontale_scroll(browser)

    browser.set_window_size(320, 900)
    browser.get(live_server.url + "/mijn/berichten/")
    browser.save_screenshot(str(MAP / "inbox-320.png"))
    assert _geen_horizontale_scroll(browser)

    nieuwste = Bericht.objects.order_by("-verstuurd_op").first()
    klik_en_wacht(browser, browser.find_element("css selector", f'a[href="/mijn/berichten/{nieuwste.pk}/"]'))
    browser.save_screenshot(str(MAP / "bericht-320.png"))
    assert _geen_horizontale_scroll(browser)
    assert browser.find_element("css selector", ".kop__nav .teller").text.startswith("29")
    browser.set_window_size(1280, 1100)
    browser.refresh()
    browser.save_screenshot(str(MAP / "bericht-desktop.png"))
    browser.get(live_server.url + "/mijn/berichten/")
    klik_en_wacht(browser, browser.find_element("xpath", "//button[normalize-space()='Markeer alles als gelezen']"))
    assert "Alle berichten zijn als gelezen gemarkeerd." in browser.page_source
    assert not browser.find_elements("css selector", ".kop__nav .teller")
    browser.save_screenshot(str(MAP / "inbox-gelezen-desktop.png"))
