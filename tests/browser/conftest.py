"""Headless Chromium and a small public site for the browser tests (.ci/run: ``pytest -m browser``)."""

import shutil
from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_pad = shutil.which("chromedriver")
    if not chromium or not driver_pad:
        pytest.fail("Chromium en chromium-driver zijn nodig voor de toegankelijkheidstests (apt-get install chromium chromium-driver).")
    opties = webdriver.ChromeOptions()
    opties.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        opties.add_argument(arg)
    # Console messages (CSP violations among them) for tests/browser/test_csp.py.
    opties.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_pad), options=opties)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def publieke_site(db):
    from cms.inrichting import zorg_voor_publieke_site
    from tests.aanbesteding.factories import (
        AanbestedingFactory,
        PerceelFactory,
        ProductFactory,
        TariefFactory,
    )
    from tests.cms.conftest import contracteer, procedurepagina_voor

    zorg_voor_publieke_site()
    procedure = AanbestedingFactory(titel="Jeugdhulp Voorzieningen", slug="jeugdhulp-voorzieningen")
    hoofd = PerceelFactory(aanbesteding=procedure, code="5.10", naam="Behandel- en leefgroepen")
    sub = PerceelFactory(aanbesteding=procedure, code="5.10.1", naam="Tussenvoorziening", hoofdperceel=hoofd)
    product = ProductFactory(perceel=sub, categorie="43", code="43B03", naam="Tussenvoorziening", eenheid="etmaal")
    for jaar, bedrag in ((2024, "322.46"), (2025, "346.14")):
        TariefFactory(product=product, intensiteit="zwaar", geldig_van=date(jaar, 1, 1), geldig_tot=date(jaar, 12, 31),
                      bedrag=Decimal(bedrag))
    contracteer(procedure, sub, naam="Zorgkracht Gooi B.V.", onderaannemer="Jeugdhuis Huizen")
    procedurepagina_voor(procedure)
    return procedure


@pytest.fixture
def wereld(publieke_site, aanbieder, aanbieder_beheerder, andere_aanbieder, andere_beheerder, contractmanager, inkoper,
           beoordelaar, sroi_adviseur, platformbeheerder):
    """The public site plus the security tests' world with its staff side and a draft in an open window
    (tests/browser/paginas.py): what the accessibility, reflow and HTML checks run over (issue 12)."""
    from tests.browser import paginas

    return paginas.bouw(aanbieder=aanbieder, aanbieder_beheerder=aanbieder_beheerder, andere_aanbieder=andere_aanbieder,
                        andere_beheerder=andere_beheerder, contractmanager=contractmanager, inkoper=inkoper,
                        beoordelaar=beoordelaar, sroi_adviseur=sroi_adviseur, platformbeheerder=platformbeheerder)
