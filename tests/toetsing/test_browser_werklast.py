"""Issue 12, the panel's workload measured in headless Chromium: two assessors each assess an inschrijving where
everything passes, of a Gooi-like procedure (36 eisen in the three VNG steps, 12 with a document), and the chair
establishes the consensus. Clicks and submits count, typing does not (tests/browser/acties.py). Targets: at most
10 actions per step per assessor, 1 action for the consensus when the assessors agree, at most 30 for the panel.
The inkoper then decides, previews the letter and confirms the sending (not part of the panel's count).
Screenshots go to $SCHERMAFDRUKKEN (default /tmp/schermafdrukken-panel). Run with ``pytest -m browser``."""

import os
import time
from pathlib import Path

import pytest

from aanbesteding.models import Eis
from tests.browser.acties import Gebruiker
from tests.browser.conftest import browser  # noqa: F401 (the fixture)
from tests.browser.test_csp import _inloggen
from tests.inschrijving.factories import BewijsstukFactory
from toetsing import services
from toetsing.models import Besluit, Eindoordeel, Toetsing, Toewijzing

from .factories import AanbestedingFactory, AntwoordFactory, EisFactory, InschrijvingFactory, PerceelFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
MAP = Path(os.environ.get("SCHERMAFDRUKKEN", "/tmp/schermafdrukken-panel"))

# The Gooi toelatingsdocument's shape (003 r.2981-3097, 003b §5): exclusion grounds declared, suitability with
# documents (KvK, Gedragsverklaring aanbesteden, VOG, certificates), execution requirements accepted.
STAPPEN = ((Eis.Soort.UITSLUITINGSGROND, "U", 6, 0), (Eis.Soort.GESCHIKTHEIDSEIS, "G", 18, 12),
           (Eis.Soort.UITVOERINGSEIS, "X", 12, 0))


def _foto(b, naam):
    MAP.mkdir(parents=True, exist_ok=True)
    hoogte = b.execute_script("return Math.max(document.body.scrollHeight,"
                              " (document.querySelector('main') || document.body).scrollHeight)")
    b.set_window_size(1280, min(max(hoogte, 900), 6000))
    time.sleep(0.3)
    b.save_screenshot(str(MAP / f"{naam}.png"))
    b.set_window_size(1280, 900)


@pytest.fixture
def gooi(inkoper, beoordelaar, beoordelaar2, aanbieder):
    aanbesteding = AanbestedingFactory()
    perceel = PerceelFactory(aanbesteding=aanbesteding, code="5.1", naam="Ambulante jeugdhulp", volgorde=1)
    inschrijving = InschrijvingFactory(aanbesteding=aanbesteding, organisatie=aanbieder, percelen=[perceel])
    volgorde = 0
    for soort, letter, aantal, documenten in STAPPEN:
        for n in range(1, aantal + 1):
            volgorde += 1
            document = n <= documenten
            eis = EisFactory(
                aanbesteding=aanbesteding, code=f"{letter}{n}", soort=soort, volgorde=volgorde,
                antwoordtype=Eis.Antwoordtype.DOCUMENT if document else Eis.Antwoordtype.JA_NEE,
                documentsoort="kvk_uittreksel" if document else "", bron=f"003 r.{2980 + volgorde}",
                titel=f"{'Bewijsstuk' if document else 'Verklaring'} {letter}{n}",
                tekst=f"De inschrijver voldoet aan eis {letter}{n} van het Programma van Eisen.",
            )
            antwoord = AntwoordFactory(inschrijving=inschrijving, eis=eis, ja_nee=None if document else True,
                                       tekst="Zie bijlage." if document else "")
            if document:
                stuk = BewijsstukFactory(organisatie=aanbieder, originele_naam=f"bewijs-{letter}{n}.pdf")
                stuk.tekst = f"Bewijsstuk bij {letter}{n}: uittreksel en verklaring van de aanbieder."
                stuk.save()
                antwoord.bewijsstukken.add(stuk)
    services.commissie_opslaan(aanbesteding=aanbesteding, naam="Beoordelingscommissie Jeugdhulp Gooi",
                               voorzitter=inkoper, leden=[beoordelaar, beoordelaar2], door=inkoper)
    services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    return inschrijving


def _beoordelaar(browser, live_server, user, inschrijving, nummer):  # noqa: F811
    """One assessor from the assignment mail's link to "Beoordeling afronden"; returns the actions per step."""
    browser.delete_all_cookies()
    _inloggen(browser, live_server, user)
    g = Gebruiker(browser, live_server.url)
    g.begin(f"/admin/toetsing/inschrijving/{inschrijving.pk}/")
    if nummer == 1:
        _foto(browser, "1-verklaring")
    per_stap = []
    g.klik_knop("Ik heb geen belangenconflict")  # lands on step 1
    for stap in (1, 2, 3):
        assert f"Stap {stap}:" in browser.title, browser.title
        if nummer == 1:
            _foto(browser, f"{stap + 1}-stap-{stap}")
        voor = g.acties
        g.klik_knop("Alles voldoet")
        if stap == 3:
            assert "#afronden" in browser.current_url or "Beoordeling afronden" in g.tekst()
            g.klik_knop("Beoordeling afronden")
            assert "Uw beoordeling is afgerond" in g.tekst()
        per_stap.append(g.acties - voor + (1 if stap == 1 else 0))  # the declaration belongs to step 1
    assert sum(per_stap) == g.acties, g.log
    return per_stap, g


def test_commissie_beoordeelt_een_inschrijving_waar_alles_voldoet(browser, live_server, gooi, inkoper,  # noqa: F811
                                                                   beoordelaar, beoordelaar2, aanbieder):
    eerste, g1 = _beoordelaar(browser, live_server, beoordelaar, gooi, 1)
    tweede, g2 = _beoordelaar(browser, live_server, beoordelaar2, gooi, 2)
    assert Toetsing.objects.get(inschrijving=gooi).status == Toetsing.Status.CONSENSUS
    assert set(Toewijzing.objects.values_list("status", flat=True)) == {Toewijzing.Status.AFGEROND}

    # The chair: the declaration, then one action for the consensus.
    browser.delete_all_cookies()
    _inloggen(browser, live_server, inkoper)
    v = Gebruiker(browser, live_server.url)
    v.begin(f"/admin/toetsing/inschrijving/{gooi.pk}/")
    v.klik_knop("Ik heb geen belangenconflict")
    assert "Alle beoordelaars zijn het over alle 36 eisen eens" in v.tekst()
    assert "Voortgang van de commissie" in v.tekst()
    _foto(browser, "5-voorzitter-consensus")
    verklaring_voorzitter = v.acties
    v.klik_knop("Consensus vaststellen")
    consensus = v.acties - verklaring_voorzitter
    assert "Consensus vastgesteld" in v.tekst()
    assert Eindoordeel.objects.filter(toetsing__inschrijving=gooi, oordeel="voldoet").count() == 36

    paneel = g1.acties + g2.acties + v.acties
    print(f"\nWerklast commissie (issue 12), 36 eisen in 3 stappen: beoordelaar 1 per stap {eerste} "
          f"(totaal {g1.acties}), beoordelaar 2 per stap {tweede} (totaal {g2.acties}), voorzitter: verklaring "
          f"{verklaring_voorzitter} + consensus {consensus}; commissie totaal {paneel}")
    assert max(eerste + tweede) <= 10
    assert consensus == 1
    assert paneel <= 30

    # The inkoper decides, previews the letter and confirms (not counted for the panel).
    v.klik_knop("Besluit nemen op basis van de consensus")
    v.klik_link("Besluit verzenden")
    assert "Wat er gebeurt als u verzendt" in v.tekst()
    time.sleep(1)
    _foto(browser, "6-besluit-verzenden-bevestigen")
    assert Besluit.objects.get(inschrijving=gooi).status == Besluit.Status.GENOMEN
    v.klik_knop("Ja, besluit verzenden")
    v.wacht_op("Besluit verzonden")
    _foto(browser, "7-besluit-verzonden")
    assert Besluit.objects.get(inschrijving=gooi).status == Besluit.Status.VERZONDEN
    print(f"Inkoper: besluit nemen, voorbeeld en bevestigen: {v.acties - verklaring_voorzitter - consensus} acties")
