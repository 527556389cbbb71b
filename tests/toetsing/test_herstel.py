"""Herstelverzoek from the assessment; the assessment resumes on the answer or when the deadline passes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditRegel
from inschrijving import services as inschrijving_services
from inschrijving.models import Herstelverzoek
from tests.factories import LidmaatschapFactory
from toetsing import selectors, services, tasks
from toetsing.models import Oordeel, Toetsing

from .helpers import beoordeel


@pytest.fixture
def in_herstel(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2, django_capture_on_commit_callbacks):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    beoordeel(i, beoordelaar, {"G1": Oordeel.HERSTEL})
    g1 = next(e for e in selectors.eisen_voor(i) if e.code == "G1")
    verzoek = services.herstel_vragen(inschrijving=i, vraag="Lever een KvK-uittreksel van ten hoogste 3 maanden oud.",
                                      eisen=[g1], door=beoordelaar)
    return i, verzoek


def test_herstel_zet_de_toetsing_in_de_wacht(in_herstel):
    i, verzoek = in_herstel
    assert Toetsing.objects.get(inschrijving=i).status == Toetsing.Status.HERSTEL
    assert verzoek.status == Herstelverzoek.Status.OPEN
    assert [e.code for e in verzoek.eisen.all()] == ["G1"]
    assert verzoek.deadline > timezone.now()


def test_antwoord_hervat_de_beoordeling(in_herstel, django_capture_on_commit_callbacks):
    """The provider answers through inschrijving's service; its herstel_afgerond signal resumes the assessment."""
    i, verzoek = in_herstel
    aanbieder = LidmaatschapFactory(organisatie=i.organisatie).user
    with django_capture_on_commit_callbacks(execute=True):
        inschrijving_services.herstelverzoek_beantwoorden(
            herstelverzoek=verzoek, antwoord="Uittreksel van 3 maart bijgevoegd.", door=aanbieder
        )
    assert Toetsing.objects.get(inschrijving=i).status == Toetsing.Status.IN_BEOORDELING
    assert AuditRegel.objects.filter(actie="toetsing.hervat").exists()


def test_inhaaltaak_hervat_als_het_signaal_verloren_ging(in_herstel, django_capture_on_commit_callbacks):
    """Answered, but the after-commit signal never ran (callbacks dropped): the catch-up task resumes it."""
    i, verzoek = in_herstel
    aanbieder = LidmaatschapFactory(organisatie=i.organisatie).user
    with django_capture_on_commit_callbacks(execute=False):
        inschrijving_services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Bijgevoegd.", door=aanbieder)
    assert Toetsing.objects.get(inschrijving=i).status == Toetsing.Status.HERSTEL
    assert tasks.herstel_hervatten_inhalen() == 1
    assert Toetsing.objects.get(inschrijving=i).status == Toetsing.Status.IN_BEOORDELING
    assert tasks.herstel_hervatten_inhalen() == 0, "idempotent: a second run changes nothing"


def test_verstreken_termijn_hervat_via_de_taak(in_herstel):
    i, verzoek = in_herstel
    assert tasks.herstel_hervatten_inhalen() == 0
    Herstelverzoek.objects.filter(pk=verzoek.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert tasks.herstel_hervatten_inhalen() == 1
    assert Toetsing.objects.get(inschrijving=i).status == Toetsing.Status.IN_BEOORDELING
