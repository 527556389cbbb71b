"""Providers ask questions until the end of the questions period, enforced on the server (issue 3)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Aanbesteding, Vraag
from aanbesteding.services import vraag_beantwoorden, vraag_stellen
from core.models import AuditRegel

from .conftest import VRAGEN_TOT
from .factories import AanbestedingFactory, PerceelFactory, VraagFactory

pytestmark = pytest.mark.django_db


def test_aanbieder_stelt_vraag_voor_einde_vragenperiode(procedure, perceel_510, aanbieder, aanbieder_medewerker):
    with time_machine.travel(VRAGEN_TOT - timedelta(minutes=1)):
        vraag = vraag_stellen(aanbesteding=procedure, organisatie=aanbieder, door=aanbieder_medewerker,
                              tekst="Geldt het quotum ook voor subperceel 5.10.1?", perceel=perceel_510)
    assert vraag.status == Vraag.Status.NIEUW
    assert vraag.organisatie == aanbieder
    assert AuditRegel.objects.filter(actie="vraag.gesteld", object_id=str(vraag.pk)).exists()


def test_vraag_op_het_sluitingsmoment_wordt_geweigerd(procedure, aanbieder, aanbieder_medewerker):
    with time_machine.travel(VRAGEN_TOT), pytest.raises(ValidationError, match="vragenperiode"):
        vraag_stellen(aanbesteding=procedure, organisatie=aanbieder, door=aanbieder_medewerker, tekst="Te laat?")
    assert not Vraag.objects.exists()


def test_geen_vragen_bij_procedure_in_voorbereiding(aanbieder, aanbieder_medewerker):
    concept = AanbestedingFactory(status=Aanbesteding.Status.IN_VOORBEREIDING, vragen_tot=VRAGEN_TOT)
    with time_machine.travel(VRAGEN_TOT - timedelta(days=3)), pytest.raises(ValidationError):
        vraag_stellen(aanbesteding=concept, organisatie=aanbieder, door=aanbieder_medewerker, tekst="Vraag")


def test_alleen_leden_van_de_organisatie_stellen_vragen(procedure, aanbieder, andere_beheerder):
    with time_machine.travel(VRAGEN_TOT - timedelta(days=1)), pytest.raises(PermissionDenied):
        vraag_stellen(aanbesteding=procedure, organisatie=aanbieder, door=andere_beheerder, tekst="Vraag")


def test_perceel_van_andere_procedure_wordt_geweigerd(procedure, aanbieder, aanbieder_medewerker):
    ander = PerceelFactory()
    with time_machine.travel(VRAGEN_TOT - timedelta(days=1)), pytest.raises(ValidationError):
        vraag_stellen(aanbesteding=procedure, organisatie=aanbieder, door=aanbieder_medewerker, tekst="Vraag", perceel=ander)


def test_inkoper_beantwoordt_met_geanonimiseerde_vraag(procedure, inkoper):
    vraag = VraagFactory(aanbesteding=procedure, tekst="Zorgkracht Gooi wil weten of 5.10 een quotum heeft.")
    vraag_beantwoorden(vraag=vraag, vraag_publiek="Heeft perceel 5.10 een quotum?", antwoord="Nee.", door=inkoper)
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.BEANTWOORD
    assert vraag.beantwoord_door == inkoper
    assert "Zorgkracht" not in vraag.vraag_publiek


def test_beoordelaar_mag_niet_beantwoorden(procedure, beoordelaar):
    vraag = VraagFactory(aanbesteding=procedure)
    with pytest.raises(PermissionDenied):
        vraag_beantwoorden(vraag=vraag, vraag_publiek="V", antwoord="A", door=beoordelaar)
