"""Issue 17: a provider's inschrijvingen, drafts to hand in and herstelverzoeken reach its overview and inbox,
each with the region of the procedure; another provider's never do."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from core.kalender import TZ
from inschrijving import selectors, tasks
from inschrijving.models import Herstelverzoek, Inschrijving
from organisaties.models import Bericht
from organisaties.portaal import PROCEDURES, TAKEN

from .factories import AanbestedingFactory, ToetredingsmomentFactory

NU = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _klok():
    with time_machine.travel(NU, tick=False):
        yield


def _inschrijving(regio, organisatie, titel, *, sluit=None, **extra):
    ab = AanbestedingFactory(regio=regio, titel=titel)
    tm = ToetredingsmomentFactory(aanbesteding=ab, opent_op=NU - timedelta(days=30), sluit_op=sluit) if sluit else None
    return Inschrijving.objects.create(aanbesteding=ab, organisatie=organisatie, toetredingsmoment=tm, **extra)


def test_inschrijvingen_concepten_en_herstel_per_regio(regio_a, regio_b, aanbieder, andere_aanbieder, django_assert_num_queries):
    concept = _inschrijving(regio_a, aanbieder, "Gooi open", sluit=NU + timedelta(days=3))
    _inschrijving(regio_a, aanbieder, "Gooi gesloten", sluit=NU - timedelta(days=1))  # window closed: no longer a duty
    ingediend = _inschrijving(regio_b, aanbieder, "MLO", status=Inschrijving.Status.HERSTEL, ingediend_op=NU - timedelta(days=9))
    herstel = Herstelverzoek.objects.create(inschrijving=ingediend, vraag="Stuur de polis.", deadline=NU + timedelta(days=5))
    Herstelverzoek.objects.create(inschrijving=ingediend, vraag="Al gedaan.", deadline=NU, status=Herstelverzoek.Status.BEANTWOORD)
    _inschrijving(regio_b, andere_aanbieder, "Van een ander", sluit=NU + timedelta(days=3))
    with django_assert_num_queries(2):
        regels = selectors.overzicht_regels(aanbieder)
    assert sorted((r.regio_id, r.rubriek, r.titel, r.status) for r in regels) == sorted([
        (regio_a.pk, PROCEDURES, "Gooi open", "Concept"),
        (regio_a.pk, PROCEDURES, "Gooi gesloten", "Concept"),
        (regio_b.pk, PROCEDURES, "MLO", "Herstel gevraagd"),
        (regio_a.pk, TAKEN, "Inschrijving op Gooi open afronden en indienen", "concept"),
        (regio_b.pk, TAKEN, "Herstelverzoek bij uw inschrijving op MLO", "Open"),
    ])
    taken = {r.titel: r for r in regels if r.rubriek == TAKEN}
    assert taken["Inschrijving op Gooi open afronden en indienen"].uiterlijk == NU + timedelta(days=3)
    assert taken["Inschrijving op Gooi open afronden en indienen"].url == reverse("inschrijving:detail", args=[concept.pk])
    assert taken["Herstelverzoek bij uw inschrijving op MLO"].url == reverse("inschrijving:herstel", args=[ingediend.pk, herstel.pk])


def test_elk_herstelverzoek_is_een_bericht_met_regio(regio_a, regio_b, aanbieder, andere_aanbieder):
    """The herstelverzoek mail (ADR 0028) is in the inbox of its own provider, under the procedure's region."""
    gooi = _inschrijving(regio_a, aanbieder, "Gooi", status=Inschrijving.Status.HERSTEL, ingediend_op=NU)
    mlo = _inschrijving(regio_b, andere_aanbieder, "MLO", status=Inschrijving.Status.HERSTEL, ingediend_op=NU)
    h_gooi = Herstelverzoek.objects.create(inschrijving=gooi, vraag="Stuur de polis.", deadline=NU + timedelta(days=5))
    h_mlo = Herstelverzoek.objects.create(inschrijving=mlo, vraag="Stuur de polis.", deadline=NU + timedelta(days=5))
    assert tasks.herstelverzoek_mailen(h_gooi.pk) == tasks.herstelverzoek_mailen(h_mlo.pk) == "verstuurd"
    (bericht,) = Bericht.objects.filter(organisatie=aanbieder)
    assert (bericht.regio_id, bericht.soort, bericht.onderwerp, bericht.pad, bericht.verstuurd_op) == (
        regio_a.pk, "Herstelverzoek", "Herstelverzoek bij uw inschrijving Gooi",
        reverse("inschrijving:herstel", args=[gooi.pk, h_gooi.pk]), NU)
    assert list(Bericht.objects.filter(organisatie=andere_aanbieder).values_list("regio_id", flat=True)) == [regio_b.pk]
