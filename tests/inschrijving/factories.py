"""Factories for the inschrijving tests (procedures are built here too until tests/aanbesteding has its own)."""

from datetime import date, datetime

import factory

from aanbesteding.models import Aanbesteding, Eis, PerceelAfhankelijkheid, Toetredingsmoment
from core.kalender import TZ
from inschrijving.models import Bewijsstuk, Inschrijving
from tests import factories as basis
from tests.factories import OrganisatieFactory


class AanbestedingFactory(basis.AanbestedingFactory):
    status = Aanbesteding.Status.OPEN
    toetreding = Aanbesteding.Toetreding.VENSTERS


class PerceelFactory(basis.PerceelFactory):
    aanbesteding = factory.SubFactory(AanbestedingFactory)
    code = factory.Sequence(lambda n: f"9.{n}")
    naam = factory.Sequence(lambda n: f"Perceel {n}")
    volgorde = 0


class ToetredingsmomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toetredingsmoment

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    # The Tussenvoorziening round of 003 (rectification, r. 4806-4820): closes 30-06-2023 10:00.
    naam = "Tussenvoorziening (rectificatie 13-06-2023)"
    soort = Toetredingsmoment.Soort.VENSTER
    opent_op = datetime(2023, 6, 13, 9, 0, tzinfo=TZ)
    sluit_op = datetime(2023, 6, 30, 10, 0, tzinfo=TZ)


class EisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Eis

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    code = factory.Sequence(lambda n: f"Eis {n}")
    tekst = "De aanbieder verklaart te voldoen."
    soort = Eis.Soort.UITVOERINGSEIS
    antwoordtype = Eis.Antwoordtype.JA_NEE


def afhankelijkheid(perceel, vereist, toelichting=""):
    return PerceelAfhankelijkheid.objects.create(perceel=perceel, vereist=vereist, toelichting=toelichting)


class InschrijvingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inschrijving

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)


class BewijsstukFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bewijsstuk

    organisatie = factory.SubFactory(OrganisatieFactory)
    documentsoort = "kvk_uittreksel"
    bestand = factory.django.FileField(filename="kvk.pdf", data=b"%PDF-1.4 test\n%%EOF")
    originele_naam = "kvk.pdf"
    grootte = 20
    sha256 = "0" * 64
    mime_type = "application/pdf"
    afgiftedatum = date(2023, 5, 1)
    controle = Bewijsstuk.Controle.IN_ORDE
