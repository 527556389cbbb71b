"""Click through admission per product in headless Chromium (issue 19): the provider chooses products on the
percelen step (refused without 43A52, 002 r.1033), the inkoper refuses one product in the decision screen, and the
agreement and the public register (with its specialist tab) show exactly the admitted products. Screenshots go to
$SCHERMAFDRUKKEN (default /tmp/schermafdrukken-productkeuze). Run with ``pytest -m browser``."""

import os
import time
from datetime import date
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from inschrijving.models import Inschrijving, InschrijvingProduct
from organisaties.models import Rol
from tests.browser.acties import klik_en_wacht
from tests.browser.conftest import browser  # noqa: F401 (the fixture)
from tests.browser.test_csp import _inloggen
from tests.factories import LidmaatschapFactory
from tests.inschrijving._productkeuze import vmb_plus
from toetsing.models import Besluit

from .factories import InschrijvingFactory

# Transactional with the data of the migrations restored first (content types, the Wagtail root): the transactional
# tests of tests/browser that run before this one in the browser pass flush the database (on PostgreSQL the stale
# content type ids then break every audit line).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
MAP = Path(os.environ.get("SCHERMAFDRUKKEN", "/tmp/schermafdrukken-productkeuze"))


def _foto(b, naam, anker=None):
    MAP.mkdir(parents=True, exist_ok=True)
    if anker:  # the Wagtail admin scrolls inside its own container: show the part that matters
        b.set_window_size(1280, 1400)
        b.execute_script("document.documentElement.style.scrollBehavior = 'auto';"
                         "document.getElementById(arguments[0]).scrollIntoView({behavior: 'instant', block: 'start'})", anker)
        time.sleep(0.5)
        b.save_screenshot(str(MAP / f"{naam}.png"))
        b.set_window_size(1280, 900)
        return
    hoogte = b.execute_script("return document.body.scrollHeight")
    b.set_window_size(1280, min(max(hoogte, 900), 4000))
    b.save_screenshot(str(MAP / f"{naam}.png"))
    b.set_window_size(1280, 900)


def _vink(b, naam, waarde=None):
    kiezer = f'input[name="{naam}"]' + (f'[value="{waarde}"]' if waarde is not None else "")
    element = b.find_element(By.CSS_SELECTOR, kiezer)
    if not element.is_selected():
        b.execute_script("arguments[0].click()", element)


def _vul(b, naam, tekst):
    element = b.find_element(By.NAME, naam)
    element.clear()
    element.send_keys(tekst)


def _verstuur(b, knoptekst):
    knop = next(b for b in b.find_elements(By.TAG_NAME, "button") if knoptekst in b.text)
    klik_en_wacht(b, knop)


def test_aanbieder_en_inkoper_klikken_toelating_per_product(browser, live_server, procedure, maak_inschrijving,  # noqa: F811
                                                             volledig_beoordeeld, aanbieder, inkoper):
    perceel, p = vmb_plus(procedure["aanbesteding"])
    procedure["vmb"] = perceel
    beheerder = LidmaatschapFactory(organisatie=aanbieder, rol=Rol.BEHEERDER).user

    # The provider: a draft for 5.1, then perceel 6 with products.
    concept = InschrijvingFactory(aanbesteding=procedure["aanbesteding"], organisatie=aanbieder,
                                  status=Inschrijving.Status.CONCEPT, ingediend_op=None, percelen=[procedure["ambulant"]])
    _inloggen(browser, live_server, beheerder)
    browser.get(f"{live_server.url}/mijn/inschrijvingen/{concept.pk}/percelen/")
    assert "Producten van perceel 6 Verblijf met behandeling +" in browser.page_source
    _vink(browser, "percelen", perceel.pk)
    _vink(browser, f"p{p['43A56'].pk}")
    _verstuur(browser, "Opslaan en verder")
    assert "vereist ook 43A52 Verblijf behandeling midden" in browser.page_source
    _foto(browser, "1-aanbieder-43A56-zonder-43A52")
    _vink(browser, f"p{p['43A52'].pk}")
    _vul(browser, f"p{p['43A52'].pk}_leeftijd_van", "12")
    _vul(browser, f"p{p['43A52'].pk}_leeftijd_tot", "17")
    _vul(browser, f"p{p['43A52'].pk}_locatie", "Nijmegen")
    _vul(browser, f"p{p['43A52'].pk}_groepsomvang", "8")
    _vink(browser, f"p{p['43A51'].pk}")
    _verstuur(browser, "Opslaan en verder")
    assert "De percelen en producten zijn opgeslagen." in browser.page_source
    assert sorted(concept.inschrijving_producten.values_list("product__code", flat=True)) == ["43A51", "43A52", "43A56"]
    browser.get(f"{live_server.url}/mijn/inschrijvingen/{concept.pk}/percelen/")
    _foto(browser, "2-aanbieder-producten-gekozen")

    # The inkoper decides an assessed inschrijving with the same choice: refuses 43A51 with a reason.
    Inschrijving.objects.filter(pk=concept.pk).update(status=Inschrijving.Status.INGETROKKEN)
    i = maak_inschrijving(organisatie=aanbieder, percelen=("ambulant", "vmb"), status=Inschrijving.Status.INGEDIEND)
    for keuze in concept.inschrijving_producten.all():
        InschrijvingProduct.objects.create(inschrijving=i, product=keuze.product, locatie=keuze.locatie,
                                           groepsomvang=keuze.groepsomvang, leeftijd_van=keuze.leeftijd_van,
                                           leeftijd_tot=keuze.leeftijd_tot)
    volledig_beoordeeld(i)
    browser.delete_all_cookies()
    _inloggen(browser, live_server, inkoper)
    browser.get(f"{live_server.url}/admin/toetsing/inschrijving/{i.pk}/")
    assert "Toelating per product" in browser.page_source
    vinkje = browser.find_element(By.NAME, f"product_{p['43A51'].pk}")
    browser.execute_script("arguments[0].click()", vinkje)
    _vul(browser, f"reden_{p['43A51'].pk}", "Geen VG-expertise aangetoond.")
    _foto(browser, "3-inkoper-besluit-per-product", anker="besluit")
    _verstuur(browser, "Besluit nemen op basis van de consensus")
    assert "Besluit per product" in browser.page_source
    _foto(browser, "4-inkoper-besluit-genomen", anker="besluit")
    besluit = Besluit.objects.get(inschrijving=i)
    assert {bp.product.code: bp.toegelaten for bp in besluit.producten.all()} == {"43A51": False, "43A52": True, "43A56": True}

    # The agreement (as the hand-over makes it) and the public register.
    from cms.inrichting import zorg_voor_publieke_site
    from overeenkomst.services import overeenkomst_uit_toelating
    from tests.cms.conftest import procedurepagina_voor
    from toetsing.selectors import toegelaten_producten

    besluit.percelen.update(uitkomst="definitief")
    ovk = overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=procedure["aanbesteding"],
                                     percelen=[procedure["ambulant"], perceel], startdatum=date(2026, 1, 1),
                                     producten=toegelaten_producten(besluit), bron=besluit)
    browser.delete_all_cookies()
    _inloggen(browser, live_server, beheerder)
    browser.get(f"{live_server.url}/mijn/overeenkomsten/{ovk.pk}/")
    assert "U bent in dit perceel toegelaten voor de producten hieronder (2)" in browser.page_source
    assert "43A51" not in browser.page_source
    _foto(browser, "5-aanbieder-overeenkomst")
    browser.delete_all_cookies()
    zorg_voor_publieke_site()
    pagina = procedurepagina_voor(procedure["aanbesteding"])
    browser.get(f"{live_server.url}{pagina.url}register/")
    assert "43A52, 43A56" in browser.page_source
    _foto(browser, "6-register")
    browser.get(f"{live_server.url}{pagina.url}register/?tab=specialistisch")
    assert "Nijmegen" in browser.page_source
    _foto(browser, "7-register-specialistisch")
