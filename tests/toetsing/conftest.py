"""A Gooi-like procedure (003a §4): perceel 5.1 Ambulant (open), 5.6 Multi Systeem Therapie (at most 1
provider, lottery), the three steps of eisen, and a commissie of two assessors chaired by the inkoper."""

from decimal import Decimal

import pytest

from aanbesteding.models import Eis
from toetsing import services

from .factories import AanbestedingFactory, AntwoordFactory, EisFactory, InschrijvingFactory, PerceelFactory
from .helpers import beoordeel, consensus


@pytest.fixture
def procedure(db):
    aanbesteding = AanbestedingFactory()
    ambulant = PerceelFactory(aanbesteding=aanbesteding, code="5.1", naam="Ambulante jeugdhulp", volgorde=1)
    mst = PerceelFactory(aanbesteding=aanbesteding, code="5.6", naam="Multi Systeem Therapie", volgorde=6, quotum=1)
    eisen = {
        "U1": EisFactory(aanbesteding=aanbesteding, code="U1", soort=Eis.Soort.UITSLUITINGSGROND, volgorde=1,
                         tekst="Er is geen sprake van uitsluitingsgronden (art. 2.86 en 2.87 Aw 2012, Eigen Verklaring)."),
        "G1": EisFactory(aanbesteding=aanbesteding, code="G1", soort=Eis.Soort.GESCHIKTHEIDSEIS, volgorde=2,
                         antwoordtype=Eis.Antwoordtype.DOCUMENT, documentsoort="kvk_uittreksel",
                         tekst="Uittreksel KvK niet ouder dan 3 maanden."),
        "G2": EisFactory(aanbesteding=aanbesteding, code="G2", soort=Eis.Soort.GESCHIKTHEIDSEIS, volgorde=3,
                         antwoordtype=Eis.Antwoordtype.PLAN, min_score=Decimal("6"), max_score=Decimal("10"),
                         tekst="Plan van aanpak: hoe realiseert u de ontwikkeldoelen (004 §3.2 d)."),
        "X1": EisFactory(aanbesteding=aanbesteding, code="X1", soort=Eis.Soort.UITVOERINGSEIS, volgorde=4,
                         tekst="U accepteert het Programma van Eisen inclusief de tarieven."),
        "S6G1": EisFactory(aanbesteding=aanbesteding, perceel=mst, code="S6G1", soort=Eis.Soort.GESCHIKTHEIDSEIS,
                           volgorde=5, tekst="De inschrijver beschikt over een MST-licentie van MST Services."),
    }
    return {"aanbesteding": aanbesteding, "ambulant": ambulant, "mst": mst, "eisen": eisen}


@pytest.fixture
def commissie(procedure, inkoper, beoordelaar, beoordelaar2):
    return services.commissie_opslaan(
        aanbesteding=procedure["aanbesteding"], naam="Beoordelingscommissie Jeugdhulp 2026", voorzitter=inkoper,
        leden=[beoordelaar, beoordelaar2], door=inkoper,
    )


@pytest.fixture
def maak_inschrijving(procedure):
    def _maak(organisatie=None, percelen=("ambulant",), **kwargs):
        extra = {"organisatie": organisatie} if organisatie is not None else {}
        inschrijving = InschrijvingFactory(
            aanbesteding=procedure["aanbesteding"], percelen=[procedure[p] for p in percelen], **extra, **kwargs
        )
        for eis in procedure["eisen"].values():
            if eis.perceel_id is None or eis.perceel in [procedure[p] for p in percelen]:
                AntwoordFactory(inschrijving=inschrijving, eis=eis, tekst=f"Antwoord op {eis.code}")
        return inschrijving

    return _maak


@pytest.fixture
def volledig_beoordeeld(commissie, inkoper, beoordelaar, beoordelaar2):
    """Assign, assess by both, consensus by the chair: ready for a decision."""

    def _klaar(inschrijving, afwijkend=None):
        services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
        beoordeel(inschrijving, beoordelaar, afwijkend)
        beoordeel(inschrijving, beoordelaar2, afwijkend)
        consensus(inschrijving, inkoper, afwijkend)
        inschrijving.refresh_from_db()
        return inschrijving

    return _klaar
