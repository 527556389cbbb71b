"""Providers never see who assessed them or what an individual assessor thought: only the outcome and the
reasons from the consensus (issue 5; Consul PR #1325: valuators are internal)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.toetsing.factories import (
    AanbestedingFactory,
    AntwoordFactory,
    EisFactory,
    InschrijvingFactory,
    PerceelFactory,
)
from tests.toetsing.helpers import beoordeel, consensus
from toetsing import services
from toetsing.models import Besluit, Oordeel


@pytest.fixture
def besloten(aanbieder, inkoper, beoordelaar, beoordelaar2, django_capture_on_commit_callbacks):
    for user, naam in ((beoordelaar, "Oordeelaar-Een"), (beoordelaar2, "Oordeelaar-Twee")):
        user.first_name, user.last_name = "Bea", naam
        user.save(update_fields=["first_name", "last_name"])
    ab = AanbestedingFactory()
    perceel = PerceelFactory(aanbesteding=ab, code="5.1", naam="Ambulante jeugdhulp")
    eisen = [EisFactory(aanbesteding=ab, code="U1", soort="uitsluitingsgrond"), EisFactory(aanbesteding=ab, code="X1")]
    insch = InschrijvingFactory(aanbesteding=ab, organisatie=aanbieder, percelen=[perceel])
    for eis in eisen:
        AntwoordFactory(inschrijving=insch, eis=eis, tekst=f"Antwoord op {eis.code}")
    services.commissie_opslaan(aanbesteding=ab, naam="Commissie", voorzitter=inkoper, leden=[beoordelaar, beoordelaar2],
                               door=inkoper)
    services.toewijzen(inschrijvingen=[insch], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    afwijzen = {"X1": Oordeel.VOLDOET_NIET}
    beoordeel(insch, beoordelaar, afwijzen)
    beoordeel(insch, beoordelaar2, afwijzen)
    consensus(insch, inkoper, afwijzen)
    with django_capture_on_commit_callbacks(execute=True):
        besluit = services.besluit_nemen(inschrijving=insch, door=inkoper)
    with django_capture_on_commit_callbacks(execute=True):
        services.besluit_verzenden(besluit=besluit, door=inkoper)
    besluit = Besluit.objects.get(pk=besluit.pk)
    return besluit, [beoordelaar, beoordelaar2]


def _verboden(beoordelaars):
    uit = []
    for b in beoordelaars:
        uit += [b.email, b.last_name, f"Motivering {b.pk} bij"]  # tests.toetsing.helpers: individual motivering
    return uit


def test_besluitpagina_zonder_beoordelaars(client, besloten, aanbieder_beheerder):
    besluit, beoordelaars = besloten
    client.force_login(aanbieder_beheerder)
    inhoud = client.get(reverse("toetsing:mijn_besluit", args=[besluit.pk])).content.decode()
    assert "Consensus: X1" in inhoud, "control: the consensus reason is shown"
    for woord in _verboden(beoordelaars):
        assert woord not in inhoud


@pytest.mark.parametrize("naam", ["toetsing:mijn_besluiten", "inschrijving:lijst"])
def test_overzichten_zonder_beoordelaars(client, besloten, aanbieder_beheerder, naam):
    _, beoordelaars = besloten
    client.force_login(aanbieder_beheerder)
    antwoord = client.get(reverse(naam))
    assert antwoord.status_code == 200
    for woord in _verboden(beoordelaars):
        assert woord not in antwoord.content.decode()


def test_besluitbrief_zonder_beoordelaars(client, besloten, aanbieder_beheerder):
    besluit, beoordelaars = besloten
    assert besluit.brief, "the letter is generated when the decision is sent"
    client.force_login(aanbieder_beheerder)
    antwoord = client.get(reverse("toetsing:mijn_besluitbrief", args=[besluit.pk]))
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(antwoord.streaming_content))).pages)
    assert "X1" in tekst, "control: the letter names the failed eis"
    for woord in _verboden(beoordelaars):
        assert woord not in tekst
