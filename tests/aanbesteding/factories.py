"""Factories for procedures and their publication (issue 3)."""

from datetime import date
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from aanbesteding.models import (
    Aanbesteding,
    DocumentVersie,
    Perceel,
    ProcedureDocument,
    Product,
    Tarief,
    Vraag,
)
from organisaties.models import Organisatie
from tests.factories import OrganisatieFactory, RegioFactory, UserFactory


class AanbestedingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbesteding

    titel = "Jeugdhulp Voorzieningen"
    slug = factory.Sequence(lambda n: f"jeugdhulp-voorzieningen-{n}")
    dossiernummer = "SD005"
    regio = factory.SubFactory(RegioFactory, naam="Gooi en Vechtstreek", slug="gooi")
    opdrachtgever = factory.SubFactory(
        OrganisatieFactory, soort=Organisatie.Soort.OPDRACHTGEVER, naam="Regio Gooi en Vechtstreek",
        regio=factory.SelfAttribute("..regio"),
    )
    status = Aanbesteding.Status.GEPUBLICEERD
    looptijd_start = date(2023, 1, 1)
    looptijd_einde = date(2028, 12, 31)  # 003a §1.8
    verlenging_jaren = 2


class PerceelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Perceel

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    code = factory.Sequence(lambda n: f"5.{n + 1}")
    naam = factory.Sequence(lambda n: f"Perceel {n + 1}")
    volgorde = factory.Sequence(lambda n: n)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    perceel = factory.SubFactory(PerceelFactory)
    categorie = "45"
    code = factory.Sequence(lambda n: f"45{n % 1000:03d}")
    naam = factory.Sequence(lambda n: f"Begeleiding {n}")
    eenheid = "uur"
    frequentie = "week"


class TariefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tarief

    product = factory.SubFactory(ProductFactory)
    geldig_van = date(2025, 1, 1)
    geldig_tot = date(2025, 12, 31)
    bedrag = Decimal("71.38")


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
