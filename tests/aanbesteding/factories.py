"""Factories for procedures and their publication (issue 3)."""


import factory
from django.core.files.base import ContentFile

from aanbesteding.models import (
    DocumentVersie,
    ProcedureDocument,
    Vraag,
)
from organisaties.models import Organisatie
from tests import factories as basis
from tests.factories import OrganisatieFactory, RegioFactory, UserFactory


class AanbestedingFactory(basis.AanbestedingFactory):
    slug = factory.Sequence(lambda n: f"jeugdhulp-voorzieningen-{n}")
    regio = factory.SubFactory(RegioFactory, naam="Gooi en Vechtstreek", slug="gooi")
    opdrachtgever = factory.SubFactory(
        OrganisatieFactory, soort=Organisatie.Soort.OPDRACHTGEVER, naam="Regio Gooi en Vechtstreek",
        regio=factory.SelfAttribute("..regio"),
    )
    verlenging_jaren = 2


class PerceelFactory(basis.PerceelFactory):
    aanbesteding = factory.SubFactory(AanbestedingFactory)


class ProductFactory(basis.ProductFactory):
    perceel = factory.SubFactory(PerceelFactory)


class TariefFactory(basis.TariefFactory):
    product = factory.SubFactory(ProductFactory)


class ProcedureDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureDocument

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    soort = ProcedureDocument.Soort.INKOOPDOCUMENT
    titel = "Toelatingsdocument"
    slug = factory.Sequence(lambda n: f"toelatingsdocument-{n}")


def pdf_inhoud(tekst="versie"):
    """A real one-page PDF whose uncompressed content stream contains ``tekst`` (so downloads can be told apart)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text=tekst)
    return bytes(pdf.output())


def gepubliceerde_versie(document, *, inhoud=None, reden="", user=None) -> DocumentVersie:
    """A version published as the approved workflow would (used where the workflow itself is not tested)."""
    versie = DocumentVersie(document=document, reden=reden, live=False)
    versie.bestand.save(f"{document.slug}.pdf", ContentFile(inhoud or pdf_inhoud()), save=False)
    versie.save()
    versie.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    versie.refresh_from_db()
    return versie


class VraagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vraag

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    gesteld_door = factory.SubFactory(UserFactory)
    tekst = "Mogen wij voor perceel 5.10 een onderaannemer inzetten?"
