"""The provider's workload at real volume (issue 12), measured in headless Chromium with tests/browser/acties.py.

A procedure like the Gooi Jeugdhulp round (003: 2 percelen, 36 eisen mixing declarations, texts, numbers and
documents, 15 of which need an upload) is registered for through the real pages, from "Mijn inschrijvingen" to the
confirmation. Every click, tick and chosen file counts; typing does not. Target: at most 60 actions (issue 12; about
170 before). The count and the per-page breakdown are printed; screenshots (1280 and 320 px wide) go to
$SCHERMAFDRUKKEN (default /tmp/schermafdrukken-eisen). Run with ``pytest -m browser``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from aanbesteding.models import Eis
from core.kalender import nu
from inschrijving.models import Inschrijving
from organisaties.models import Rol
from tests.browser.acties import Gebruiker
from tests.browser.conftest import browser  # noqa: F401 (the fixture)
from tests.browser.test_csp import _inloggen
from tests.core.slechte_bestanden import geldige_pdf, platte_tekst
from tests.factories import LidmaatschapFactory, OrganisatieFactory

from .factories import AanbestedingFactory, EisFactory, PerceelFactory, ToetredingsmomentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
MAP = Path(os.environ.get("SCHERMAFDRUKKEN", "/tmp/schermafdrukken-eisen"))
DOEL = 60  # issue 12: the provider registers the Gooi inschrijving in at most 60 actions

J, T, G, D = (Eis.Antwoordtype.JA_NEE, Eis.Antwoordtype.TEKST, Eis.Antwoordtype.GETAL, Eis.Antwoordtype.DOCUMENT)
U, GE, UV = Eis.Soort.UITSLUITINGSGROND, Eis.Soort.GESCHIKTHEIDSEIS, Eis.Soort.UITVOERINGSEIS

# (soort, antwoordtype, titel, tekst, documentsoort, max. leeftijd in maanden); after 003 §3 and 003b §5.
ALGEMEEN = [
    (U, J, "Geen faillissement of surseance", "U bent niet failliet verklaard en er is geen surseance van betaling.", "", None),
    (U, J, "Geen onherroepelijke veroordeling", "Geen veroordeling voor deelname aan een criminele organisatie, fraude, "
     "omkoping of witwassen (art. 2.86 Aanbestedingswet 2012).", "", None),
    (U, J, "Belastingen en premies betaald", "U hebt uw belastingen en sociale premies betaald.", "", None),
    (U, J, "Geen ernstige beroepsfout", "U hebt geen ernstige fout in de uitoefening van uw beroep begaan.", "", None),
    (U, J, "Geen vervalste mededingingsafspraken", "U hebt geen afspraken gemaakt die de mededinging vervalsen.", "", None),
    (U, J, "Geen belangenconflict", "Er is geen belangenconflict dat niet op een andere manier kan worden opgelost.", "", None),
    (U, J, "Geen valse verklaringen", "U hebt geen valse verklaringen afgelegd bij eerdere aanbestedingen.", "", None),
    (U, D, "Gedragsverklaring aanbesteden", "Een Gedragsverklaring aanbesteden van Justis.", "gedragsverklaring", 24),
    (GE, J, "Wkkgz-klachtenregeling", "U hebt een klachtenregeling volgens de Wkkgz.", "", None),
    (GE, J, "Meldcode huiselijk geweld", "U werkt met de meldcode huiselijk geweld en kindermishandeling.", "", None),
    (UV, J, "Gegevensuitwisseling via het berichtenverkeer", "U wisselt gegevens uit via iJw.", "", None),
    (UV, J, "Tarieven aanvaard", "U aanvaardt de door de gemeenten vastgestelde tarieven.", "", None),
    (GE, G, "Aantal cliënten in 2022", "Hoeveel jeugdigen hebt u in 2022 begeleid?", "", None),
    (GE, G, "Omzet jeugdhulp 2022", "Wat was uw omzet in de jeugdhulp in 2022 (euro)?", "", None),
    (UV, T, "Samenwerking met de toegang", "Beschrijf hoe u samenwerkt met de lokale teams.", "", None),
    (UV, T, "Werkwijze bij wachttijden", "Beschrijf wat u doet als u een jeugdige niet binnen vier weken helpt.", "", None),
    (GE, D, "Uittreksel Kamer van Koophandel", "Een uittreksel van ten hoogste drie maanden oud.", "kvk_uittreksel", 3),
    (GE, D, "Verklaring betalingsgedrag", "Een verklaring van de Belastingdienst.", "betalingsgedrag", 6),
    (GE, D, "VOG-beleid", "Uw beleid voor de Verklaring Omtrent het Gedrag van medewerkers.", "vog_beleid", None),
    (GE, D, "Meldcode", "De meldcode zoals uw organisatie die gebruikt.", "meldcode", None),
    (GE, D, "Klachtenregeling", "Uw klachtenregeling.", "klachtenregeling", None),
    (GE, D, "Aansprakelijkheidsverzekering", "De polis van uw beroeps- en bedrijfsaansprakelijkheidsverzekering.",
     "verzekering", None),
    (GE, D, "Keurmerk of kwaliteitscertificaat", "Een geldig HKZ- of ISO-certificaat.", "keurmerk", None),
    (GE, D, "Jaarrekening", "Uw laatst vastgestelde jaarrekening.", "jaarverslag", None),
]
PERCEEL_A = [
    (GE, J, "BIG- of SKJ-geregistreerde behandelaars", "Uw behandelaars zijn BIG- of SKJ-geregistreerd.", "", None),
    (UV, J, "Regiebehandelaar", "Elke behandeling heeft een regiebehandelaar.", "", None),
    (GE, G, "Aantal behandelaars", "Hoeveel behandelaars (fte) zet u in?", "", None),
    (UV, T, "Behandelvisie", "Beschrijf uw behandelvisie.", "", None),
    (GE, D, "Registratie SKJ/BIG", "Een overzicht van de registraties.", "registratie", None),
    (GE, D, "Inspectierapport", "Het laatste rapport van de Inspectie.", "inspectierapport", None),
    (UV, D, "Plan van aanpak", "Uw plan van aanpak voor dit perceel.", "plan", None),
]
PERCEEL_B = [
    (UV, J, "Binnen 24 uur beschikbaar", "U bent binnen 24 uur na aanmelding beschikbaar.", "", None),
    (UV, T, "Inzet bij crisis", "Beschrijf hoe u inzet bij een crisis.", "", None),
    (UV, D, "SROI-plan", "Uw plan voor social return (Formulier H).", "sroi_plan", None),
    (UV, D, "Verklaring Omtrent het Gedrag", "VOG's van de medewerkers die worden ingezet.", "vog", None),
    (UV, D, "Referentie", "Een referentie van een gemeente.", "overig", None),
]


def _procedure():
    a = AanbestedingFactory(titel="Jeugdhulp Gooi en Vechtstreek", slug="jeugdhulp-gooi")
    ToetredingsmomentFactory(aanbesteding=a, naam="Ronde 2027", opent_op=nu() - timedelta(days=2),
                             sluit_op=nu() + timedelta(days=14))
    a_perceel = PerceelFactory(aanbesteding=a, code="5.1", naam="Ambulante Jeugd GGZ", volgorde=1)
    b_perceel = PerceelFactory(aanbesteding=a, code="5.3", naam="Snelle Inzetbare Hulp", volgorde=2)
    nummer = 0
    for perceel, rijen in ((None, ALGEMEEN), (a_perceel, PERCEEL_A), (b_perceel, PERCEEL_B)):
        for soort, antwoordtype, titel, tekst, documentsoort, leeftijd in rijen:
            nummer += 1
            EisFactory(aanbesteding=a, perceel=perceel, code=f"Eis {nummer}", bron=f"003 r. {700 + nummer}", titel=titel,
                       tekst=tekst, soort=soort, antwoordtype=antwoordtype, documentsoort=documentsoort,
                       max_leeftijd_maanden=leeftijd, volgorde=nummer, max_woorden=200 if antwoordtype == T else None)
    assert Eis.objects.filter(aanbesteding=a).count() == 36
    assert Eis.objects.filter(aanbesteding=a).exclude(documentsoort="").count() == 15
    return a, a_perceel, b_perceel


def _pagina(b) -> str:
    """The kind of page the browser is on, for the breakdown (ids left out)."""
    pad = re.sub(r"^https?://[^/]+", "", b.current_url).split("?")[0]
    return re.sub(r"/\d+", "/…", pad)


def _foto(b, naam):
    MAP.mkdir(parents=True, exist_ok=True)
    hoogte = b.execute_script("return document.body.scrollHeight")
    b.set_window_size(1280, min(max(hoogte + 150, 900), 5000))
    b.save_screenshot(str(MAP / f"{naam}.png"))
    b.set_window_size(1280, 900)
    # 320 px (WCAG 1.4.10 reflow): no horizontal scrolling.
    b.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 900, "deviceScaleFactor": 1,
                                                              "mobile": True})
    breedte = b.execute_script("return document.documentElement.scrollWidth")
    hoogte = b.execute_script("return document.body.scrollHeight")
    b.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": min(max(hoogte, 900), 5000),
                                                              "deviceScaleFactor": 1, "mobile": True})
    b.save_screenshot(str(MAP / f"{naam}-320.png"))
    b.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert breedte <= 320, f"{naam}: {breedte} px breed bij 320 px (horizontaal scrollen)"


def _zet(b, naam, waarde):
    """Fill a date field (typing, not counted; a date input takes the ISO value regardless of the browser locale)."""
    b.execute_script("document.getElementsByName(arguments[0])[0].value = arguments[1]", naam, waarde)


def test_aanbieder_schrijft_in_op_gooi_in_hooguit_60_acties(browser, live_server, tmp_path):  # noqa: F811
    aanbesteding, a_perceel, b_perceel = _procedure()
    organisatie = OrganisatieFactory(naam="Zorgkracht Gooi B.V.")
    beheerder = LidmaatschapFactory(organisatie=organisatie, rol=Rol.BEHEERDER).user
    pdf = tmp_path / "bewijs.pdf"
    pdf.write_bytes(geldige_pdf(2))
    fout = tmp_path / "bewijs.txt"
    fout.write_bytes(platte_tekst())
    afgifte = (nu() - timedelta(days=10)).date().isoformat()

    _inloggen(browser, live_server, beheerder)
    g = Gebruiker(browser, live_server.url)
    per_pagina: Counter = Counter()
    omweg = 0  # actions spent on the refused-file detour, reported apart from the normal flow
    gezien: set[str] = set()

    def doe(actie, *args):
        pagina = _pagina(browser)
        voor = g.acties
        actie(*args)
        per_pagina[pagina] += g.acties - voor

    def foto_eenmaal(naam):
        if naam not in gezien:
            gezien.add(naam)
            _foto(browser, naam)

    g.begin("/mijn/inschrijvingen/")
    foto_eenmaal("01-mijn-inschrijvingen")
    doe(g.klik_knop, "Inschrijving starten")
    foto_eenmaal("02-percelen")
    doe(g.vink, "percelen", str(a_perceel.pk))
    doe(g.vink, "percelen", str(b_perceel.pk))
    doe(g.klik_knop, "Opslaan en verder")

    for _ in range(80):  # every page of the eisen, until the overview
        pagina = _pagina(browser)
        tekst = g.tekst()
        if pagina.endswith("/overzicht/"):
            break
        if "/eis/" in pagina:
            heeft_bestand = browser.find_elements(By.NAME, "bewijs-bestand")
            tekstvak = browser.find_elements(By.CSS_SELECTOR, "textarea[name='antwoord-tekst']")
            label = browser.find_element(By.CSS_SELECTOR, "label[for='id_antwoord-tekst']").text if tekstvak else ""
            if tekstvak and label.startswith("Uw antwoord"):
                foto_eenmaal("05-eis-tekst")
                g.typ("antwoord-tekst", "Wij werken met vaste contactpersonen per wijkteam en overleggen maandelijks.")
            if heeft_bestand:
                if "omweg" not in gezien:
                    # A refused file first: the explanation typed stays, the page says what went wrong.
                    gezien.add("omweg")
                    foto_eenmaal("04-eis-document")
                    voor = g.acties
                    g.typ("antwoord-tekst", "Toelichting die niet verloren mag gaan.")
                    g.kies_bestand("bewijs-bestand", str(fout))
                    _zet(browser, "bewijs-afgiftedatum", afgifte)
                    g.klik_knop("Opslaan en volgende")
                    assert "Uw antwoord is opgeslagen, het bewijs nog niet" in g.tekst()
                    assert browser.find_element(By.NAME, "antwoord-tekst").get_attribute("value") == \
                        "Toelichting die niet verloren mag gaan."
                    assert browser.switch_to.active_element.get_attribute("data-foutsamenvatting") is not None
                    foto_eenmaal("06-bestand-geweigerd")
                    omweg = g.acties - voor
                doe(g.kies_bestand, "bewijs-bestand", str(pdf))
                _zet(browser, "bewijs-afgiftedatum", afgifte)
            doe(g.klik_knop, "Opslaan en volgende")
            continue
        # A step page: tick every declaration, type every number, save once.
        foto_eenmaal("03-stap-verklaring" if pagina.endswith("/verklaring/") else
                     ("07-stap-perceel" if "/perceel/" in pagina else "08-stap-eisen"))
        for vinkje in browser.find_elements(By.CSS_SELECTOR, "form input[type=checkbox]"):
            doe(g.vink, vinkje.get_attribute("name"))
        for getal in browser.find_elements(By.CSS_SELECTOR, "input[inputmode=decimal]"):
            g.typ(getal.get_attribute("name"), "12,5")
        if "Opslaan en verder" in tekst:
            doe(g.klik_knop, "Opslaan en verder")
        elif "Beantwoord de eerste open vraag" in tekst:
            doe(g.klik_link, "Beantwoord de eerste open vraag")
        else:
            doe(g.klik_link, "Verder")
    else:
        pytest.fail(f"Niet bij het overzicht gekomen; laatste pagina {browser.current_url}")

    foto_eenmaal("09-overzicht")
    insch = Inschrijving.objects.get(organisatie=organisatie)
    assert insch.antwoorden.count() == 36
    # From the task list to "Controleer uw inschrijving": the binding declaration is ticked before submitting.
    doe(g.klik_link, "Controleren en indienen")
    assert "Controleer uw inschrijving" in g.tekst()
    doe(g.vink, "verklaring")
    doe(g.klik_knop, "Inschrijving definitief indienen")
    assert "Uw inschrijving is ontvangen" in g.tekst()
    foto_eenmaal("10-bevestiging")
    insch.refresh_from_db()
    assert insch.status == Inschrijving.Status.INGEDIEND

    totaal = g.acties - omweg
    print(f"\nAanbieder, Gooi-inschrijving (2 percelen, 36 eisen, 15 uploads): {totaal} acties "
          f"(doel ≤ {DOEL}; omweg met een geweigerd bestand apart: {omweg})")
    for pagina, aantal in per_pagina.items():
        print(f"  {aantal:3d}  {pagina}")
    assert sum(per_pagina.values()) == totaal
    assert totaal <= DOEL
