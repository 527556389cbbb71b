"""Factories for the toetsing tests: a procedure with percelen and eisen, and submitted inschrijvingen.

Kept here (not in tests/aanbesteding) so this suite does not depend on another issue's test helpers.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import factory

from aanbesteding.models import Aanbesteding, Eis, Perceel
from inschrijving.models import Antwoord, Inschrijving, InschrijvingPerceel
from organisaties.models import Organisatie
from tests.factories import OrganisatieFactory, RegioFactory

TZ = ZoneInfo("Europe/Amsterdam")


class OpdrachtgeverFactory(OrganisatieFactory):
    soort = Organisatie.Soort.OPDRACHTGEVER
    naam = factory.Sequence(lambda n: f"Regio Gooi en Vechtstreek {n}")
    regio = factory.SubFactory(RegioFactory)


class AanbestedingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbesteding

    titel = "Jeugdhulp Voorzieningen Gooi en Vechtstreek"
    slug = factory.Sequence(lambda n: f"jeugdhulp-gooi-{n}")
    dossiernummer = "SD005"
    regio = factory.SubFactory(RegioFactory)
    opdrachtgever = factory.SubFactory(OpdrachtgeverFactory, regio=factory.SelfAttribute("..regio"))
    status = Aanbesteding.Status.OPEN
    looptijd_start = date(2022, 1, 1)
    looptijd_einde = date(2028, 12, 31)


class PerceelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Perceel

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    code = factory.Sequence(lambda n: f"5.{n + 1}")
    naam = "Ambulante jeugdhulp"
    volgorde = factory.Sequence(lambda n: n)


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
