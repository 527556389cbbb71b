"""Fixtures of the Woo tests: a procedure of region A with a decision letter that names the provider's contact
person (name and e-mail) and a sum the bureau withholds (5.1.2.b), as in the Woo decision of seed 003."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.kalender import TZ
from tests.factories import AanbestedingFactory, LidmaatschapFactory, OrganisatieFactory, PerceelFactory

CONTACT = "Marieke Verhoeven"
CONTACT_EMAIL = "m.verhoeven@zonnehuis-zorg.example"
BEDRAG = "tariefafspraak 98,40 per uur"


def besluit_maken(aanbesteding, organisatie, *, toelichting: str, dag: int = 2):
    from inschrijving.models import Inschrijving
    from toetsing.models import Besluit, BesluitPerceel

    perceel = PerceelFactory(aanbesteding=aanbesteding)
    inschrijving = Inschrijving.objects.create(aanbesteding=aanbesteding, organisatie=organisatie,
                                              status=Inschrijving.Status.BESLOTEN,
                                              ingediend_op=datetime(2026, 1, 15, 9, 30, tzinfo=TZ))
    besluit = Besluit.objects.create(
        inschrijving=inschrijving, aanbesteding=aanbesteding, status=Besluit.Status.DEFINITIEF,
        genomen_op=datetime(2026, 2, dag, 10, 0, tzinfo=TZ), verzonden_op=datetime(2026, 2, dag, 11, 0, tzinfo=TZ),
    )
    BesluitPerceel.objects.create(besluit=besluit, perceel=perceel, uitkomst=BesluitPerceel.Uitkomst.DEFINITIEF,
                                  toelichting=toelichting)
    return besluit


@pytest.fixture
def aanbesteding_a(regio_a):
    return AanbestedingFactory(regio=regio_a, titel="Jeugdhulp Tussenvoorziening", slug="tussenvoorziening")


@pytest.fixture
def aanbesteding_b(regio_b):
    return AanbestedingFactory(regio=regio_b, titel="Jeugdhulp Midden-Limburg", slug="jeugdhulp-mlo")


@pytest.fixture
def zorgaanbieder(db):
    org = OrganisatieFactory(naam="Zonnehuis Zorg B.V.", contactpersoon=CONTACT, contact_email=CONTACT_EMAIL)
    LidmaatschapFactory(organisatie=org, user__first_name="Pieter", user__last_name="Brandsma",
                        user__email="p.brandsma@zonnehuis-zorg.example")
    return org


@pytest.fixture
def besluit_a(aanbesteding_a, zorgaanbieder):
    """A decision whose letter names the contact person and her e-mail, and a tariff agreement (5.1.2.b)."""
    return besluit_maken(aanbesteding_a, zorgaanbieder, toelichting=(
        f"Afgestemd met {CONTACT} ({CONTACT_EMAIL}) en Pieter Brandsma. Onderhandelingsruimte: {BEDRAG}."
    ))


@pytest.fixture
def besluit_b(aanbesteding_b):
    return besluit_maken(aanbesteding_b, OrganisatieFactory(naam="Maasdal Jeugd B.V."), toelichting="Toegelaten.")
