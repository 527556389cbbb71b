"""Consensus rules: only after every assessor finished, only the chair, differences highlighted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from toetsing import selectors, services
from toetsing.models import Oordeel, Toetsing

from .helpers import beoordeel, consensus


@pytest.fixture
def inschrijving(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    return i


def test_consensus_pas_als_alle_beoordelaars_klaar_zijn(inschrijving, inkoper, beoordelaar):
    beoordeel(inschrijving, beoordelaar)
    inschrijving.toetsing.refresh_from_db()
    assert inschrijving.toetsing.status == Toetsing.Status.IN_BEOORDELING
    services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=inkoper)
    eis = selectors.eisen_voor(inschrijving)[0]
    with pytest.raises(ValidationError, match="alle beoordelaars"):
        services.eindoordeel_vastleggen(inschrijving=inschrijving, eis=eis, oordeel=Oordeel.VOLDOET, motivering="x", door=inkoper)


def test_twee_beoordelaars_minimum_ook_als_een_zich_terugtrekt(inschrijving, inkoper, beoordelaar, beoordelaar2):
    beoordeel(inschrijving, beoordelaar)
    services.belang_verklaren(inschrijving=inschrijving, geen_conflict=False, toelichting="Familie", door=beoordelaar2)
    inschrijving.toetsing.refresh_from_db()
    # One finished assessor is not enough when the procedure asks for two.
    assert inschrijving.toetsing.status == Toetsing.Status.IN_BEOORDELING


def test_een_beoordelaar_volstaat_als_de_procedure_dat_zegt(maak_inschrijving, commissie, procedure, inkoper, beoordelaar):
    services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], min_beoordelaars=1, door=inkoper)
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    beoordeel(i, beoordelaar)
    i.toetsing.refresh_from_db()
    assert i.toetsing.status == Toetsing.Status.CONSENSUS


def test_alleen_de_voorzitter_stelt_consensus_vast(inschrijving, beoordelaar, beoordelaar2):
    beoordeel(inschrijving, beoordelaar)
    beoordeel(inschrijving, beoordelaar2)
    eis = selectors.eisen_voor(inschrijving)[0]
    with pytest.raises(PermissionDenied):
        services.eindoordeel_vastleggen(inschrijving=inschrijving, eis=eis, oordeel=Oordeel.VOLDOET, motivering="x",
                                        door=beoordelaar)


def test_verschillen_worden_gemarkeerd(inschrijving, beoordelaar, beoordelaar2):
    beoordeel(inschrijving, beoordelaar, {"G2": (Oordeel.VOLDOET, "7")})
    beoordeel(inschrijving, beoordelaar2, {"G2": (Oordeel.VOLDOET_NIET, "5")})
    scherm = selectors.consensusscherm(inschrijving)
    verschillen = [r["eis"].code for r in scherm["regels"] if r["verschil"]]
    assert verschillen == ["G2"]
    assert scherm["aantal_verschillen"] == 1


def test_consensus_vraagt_eindoordeel_over_elk_verschil(inschrijving, inkoper, beoordelaar, beoordelaar2):
    # Issue 12: agreeing verdicts are adopted; only the differences need the chair's eindoordeel.
    beoordeel(inschrijving, beoordelaar, {"U1": Oordeel.VOLDOET_NIET, "G2": (Oordeel.VOLDOET, "8")})
    beoordeel(inschrijving, beoordelaar2, {"G2": (Oordeel.VOLDOET, "7")})
    services.belang_verklaren(inschrijving=inschrijving, geen_conflict=True, door=inkoper)
    with pytest.raises(ValidationError, match="verschillen van oordeel over U1, G2: leg daarover eerst"):
        services.consensus_vaststellen(inschrijving=inschrijving, door=inkoper)


def test_herstel_in_consensus_blokkeert_vaststellen(inschrijving, inkoper, beoordelaar, beoordelaar2):
    beoordeel(inschrijving, beoordelaar)
    beoordeel(inschrijving, beoordelaar2)
    consensus(inschrijving, inkoper, {"G1": Oordeel.HERSTEL}, vaststellen=False)
    with pytest.raises(ValidationError, match="herstel"):
        services.consensus_vaststellen(inschrijving=inschrijving, door=inkoper)


def test_consensus_vastgesteld(inschrijving, inkoper, beoordelaar, beoordelaar2):
    beoordeel(inschrijving, beoordelaar)
    beoordeel(inschrijving, beoordelaar2)
    consensus(inschrijving, inkoper)
    inschrijving.toetsing.refresh_from_db()
    assert inschrijving.toetsing.status == Toetsing.Status.VASTGESTELD
    assert inschrijving.toetsing.vastgesteld_door == inkoper
