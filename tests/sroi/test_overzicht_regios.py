"""Issue 17: SROI reports a provider owes appear as duties on its overview, with the region of the agreement."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from core.kalender import TZ
from organisaties.portaal import TAKEN
from sroi import selectors
from sroi.models import SroiRapportage

from .factories import AanbestedingFactory, OvereenkomstFactory

NU = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)


def _rapportage(ovk, jaar, nummer, einde, **extra):
    return SroiRapportage.objects.create(
        overeenkomst=ovk, soort=SroiRapportage.Soort.KWARTAAL, jaar=jaar, volgnummer=nummer,
        periode_start=date(einde.year, einde.month - 2, 1), periode_einde=einde, deadline=date(2026, 3, 31), **extra,
    )


@pytest.fixture
def klok():
    with time_machine.travel(NU, tick=False):
        yield


def test_verlopen_periode_en_bewijsverzoek_zijn_taken_per_regio(klok, regio_a, regio_b, aanbieder, andere_aanbieder,
                                                                django_assert_num_queries):
    gooi = OvereenkomstFactory(aanbesteding=AanbestedingFactory(regio=regio_a, titel="Gooi"), organisatie=aanbieder)
    mlo = OvereenkomstFactory(aanbesteding=AanbestedingFactory(regio=regio_b, titel="MLO"), organisatie=aanbieder)
    te_doen = _rapportage(gooi, 2025, 4, date(2025, 12, 31))
    _rapportage(gooi, 2026, 1, date(2026, 3, 31))  # the running quarter: not due yet
    _rapportage(gooi, 2025, 3, date(2025, 9, 30), status=SroiRapportage.Status.INGEDIEND, ingediend_op=NU)  # handed in
    bewijs = _rapportage(mlo, 2025, 4, date(2025, 12, 31), status=SroiRapportage.Status.BEWIJS_GEVRAAGD, ingediend_op=NU,
                         bewijsverzoek="Stuur de loonstroken.")
    _rapportage(OvereenkomstFactory(aanbesteding=mlo.aanbesteding, organisatie=andere_aanbieder), 2025, 4, date(2025, 12, 31))
    with django_assert_num_queries(1):
        regels = selectors.overzicht_regels(aanbieder)
    assert sorted((r.regio_id, r.rubriek, r.titel, r.url, r.toelichting) for r in regels) == sorted([
        (regio_a.pk, TAKEN, "SROI: Kwartaal 4 2025 bij Gooi", reverse("sroi:rapportage", args=[te_doen.pk]), ""),
        (regio_b.pk, TAKEN, "SROI: Kwartaal 4 2025 bij MLO", reverse("sroi:rapportage", args=[bewijs.pk]), "Stuur de loonstroken."),
    ])
    assert {r.uiterlijk for r in regels} == {date(2026, 3, 31)}
