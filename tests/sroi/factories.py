"""Factories for SROI tests: a procedure with the MLO or Gooi regime loaded from the sources, and agreements."""

from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from overeenkomst.models import Overeenkomst
from sroi import bron, services
from tests import factories as basis
from tests.core.slechte_bestanden import geldige_pdf
from tests.factories import OrganisatieFactory


class OpdrachtgeverFactory(basis.OpdrachtgeverFactory):
    naam = factory.Sequence(lambda n: f"Regionaal inkoopbureau {n}")


class AanbestedingFactory(basis.AanbestedingFactory):
    titel = factory.Sequence(lambda n: f"Jeugdhulp {n}")
    opdrachtgever = factory.SubFactory(OpdrachtgeverFactory)
    regio = factory.SelfAttribute("opdrachtgever.regio")
    dossiernummer = ""
    looptijd_start = date(2020, 1, 1)
    looptijd_einde = date(2025, 12, 31)


class OvereenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Overeenkomst

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    startdatum = factory.SelfAttribute("aanbesteding.looptijd_start")


def met_regime(aanbesteding, code: str, geldig_vanaf: date | None = None):
    """Load a source regime ("mlo" or "gooi") onto the procedure, as the demo data and the admin do."""
    geldig_vanaf = geldig_vanaf or aanbesteding.looptijd_start
    return services.regime_laden(aanbesteding=aanbesteding, bron=bron.laaddata(code, geldig_vanaf=geldig_vanaf))


def pdf_upload(paginas: int = 1, naam: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, geldige_pdf(paginas), content_type="application/pdf")
