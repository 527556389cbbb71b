"""The decision letter and the proces-verbaal: the right reasons, and no assessors in the letter."""

import io
from datetime import datetime

import pytest
import time_machine
from pypdf import PdfReader

from toetsing import services
from toetsing.models import Oordeel, Toetsing
from toetsing.pdf import besluitbrief_pdf, proces_verbaal_pdf

from .factories import TZ


def _tekst(pdf: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def afwijzing(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(percelen=("ambulant", "mst")), {"S6G1": Oordeel.VOLDOET_NIET})
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False):
        besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
        besluit = services.besluit_verzenden(besluit=besluit, door=inkoper)
    return besluit


def test_brief_noemt_uitkomst_per_perceel_en_de_redenen(afwijzing):
    tekst = _tekst(besluitbrief_pdf(afwijzing))
    assert "Perceel 5.1 Ambulante jeugdhulp: Voorlopige toelating" in tekst
    assert "Perceel 5.6 Multi Systeem Therapie: Afwijzing" in tekst
    assert "Eis S6G1 (Geschiktheidseis)" in tekst
    assert "MST-licentie" in tekst
    assert "Consensus: S6G1 voldoet_niet" in tekst
    # The passed eisen are not listed as reasons.
    assert "Eis G1" not in tekst


def test_brief_noemt_standstill_en_rechtsmiddel(afwijzing):
    tekst = _tekst(besluitbrief_pdf(afwijzing))
    assert "uiterlijk op 22-03-2026" in tekst
    assert "20 kalenderdagen" in tekst
    assert "kort geding" in tekst
    assert "rechtbank Midden-Nederland" in tekst
    assert afwijzing.aanbesteding.opdrachtgever.naam in tekst


def test_brief_noemt_geen_beoordelaars_of_individuele_oordelen(afwijzing, beoordelaar, beoordelaar2, inkoper):
    tekst = _tekst(besluitbrief_pdf(afwijzing))
    for persoon in (beoordelaar, beoordelaar2):
        assert persoon.last_name not in tekst
        assert persoon.email not in tekst
        assert f"Motivering {persoon.pk} bij" not in tekst


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False)
def test_brief_bij_volledige_afwijzing_noemt_uitsluitingsdatum(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(), {"G2": (Oordeel.VOLDOET_NIET, "4,5")})
    besluit = services.besluit_verzenden(besluit=services.besluit_nemen(inschrijving=i, door=inkoper), door=inkoper)
    tekst = _tekst(besluitbrief_pdf(besluit))
    assert "Eis G2 (Geschiktheidseis) (score 4.50)" in tekst
    assert "tot 02-09-2026 geen nieuwe inschrijving" in tekst


def test_proces_verbaal_noemt_beoordelaars_oordelen_en_consensus(afwijzing, beoordelaar, beoordelaar2):
    tekst = _tekst(proces_verbaal_pdf(Toetsing.objects.get(inschrijving=afwijzing.inschrijving)))
    assert "Proces-verbaal van beoordeling" in tekst
    assert str(beoordelaar) in tekst and str(beoordelaar2) in tekst
    assert "geen belangenconflict verklaard" in tekst
    assert f"Motivering {beoordelaar.pk} bij S6G1" in tekst
    assert "Consensus: Voldoet niet - Consensus: S6G1 voldoet_niet" in tekst
    assert "Perceel 5.6: Afwijzing" in tekst
