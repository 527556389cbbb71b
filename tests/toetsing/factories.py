"""Factories for the toetsing tests: a procedure with percelen and eisen, and submitted inschrijvingen.

Kept here (not in tests/aanbesteding) so this suite does not depend on another issue's test helpers.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import factory

from aanbesteding.models import Aanbesteding, Eis
from inschrijving.models import Antwoord, Inschrijving, InschrijvingPerceel
from tests import factories as basis
from tests.factories import OrganisatieFactory

TZ = ZoneInfo("Europe/Amsterdam")


class AanbestedingFactory(basis.AanbestedingFactory):
    titel = "Jeugdhulp Voorzieningen Gooi en Vechtstreek"
    status = Aanbesteding.Status.OPEN
    looptijd_start = date(2022, 1, 1)


class PerceelFactory(basis.PerceelFactory):
    aanbesteding = factory.SubFactory(AanbestedingFactory)
    naam = "Ambulante jeugdhulp"


class EisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Eis

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    code = factory.Sequence(lambda n: f"E{n}")
    tekst = "De inschrijver voldoet aan de eis."
    soort = Eis.Soort.GESCHIKTHEIDSEIS
    antwoordtype = Eis.Antwoordtype.JA_NEE
    volgorde = factory.Sequence(lambda n: n)


class InschrijvingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inschrijving
        skip_postgeneration_save = True

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    status = Inschrijving.Status.INGEDIEND
    ingediend_op = factory.LazyFunction(lambda: datetime(2026, 1, 15, 9, 30, tzinfo=TZ))

    @factory.post_generation
    def percelen(self, create, extracted, **kwargs):
        if create and extracted:
            for perceel in extracted:
                InschrijvingPerceel.objects.create(inschrijving=self, perceel=perceel)


class AntwoordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Antwoord

    inschrijving = factory.SubFactory(InschrijvingFactory)
    eis = factory.SubFactory(EisFactory)
    ja_nee = True
