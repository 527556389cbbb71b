"""Builders for the tests of informatieverzoeken and onderzoeken (issue 13): a Gooi procedure in region A with
running agreements on the BHL perceel, and small uploads."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from contractbeheer import services
from organisaties.models import Rol
from tests.factories import LidmaatschapFactory

from . import factories as f


def pdf(naam: str = "vragenlijst.pdf") -> SimpleUploadedFile:
    schrijver = PdfWriter()
    schrijver.add_blank_page(width=595, height=842)
    uit = io.BytesIO()
    schrijver.write(uit)
    return SimpleUploadedFile(naam, uit.getvalue(), content_type="application/pdf")


def wereld(regio, *, aantal: int = 2):
    """(aanbesteding, bhl, dag, [(overeenkomst, lid), ...]): ``aantal`` running agreements with a deelname in BHL,
    each provider with a beheerder and one medewerker (so a mail has two addressees)."""
    ab, bhl, dag = f.gooi(regio)
    rijen = []
    for i in range(aantal):
        ov, lid = f.overeenkomst(ab, bhl, naam=f"Aanbieder {i + 1}", start=date(2024, 1, 1))
        LidmaatschapFactory(organisatie=ov.organisatie, rol=Rol.MEDEWERKER)
        rijen.append((ov, lid))
    return ab, bhl, dag, rijen


def verzonden(ab, door, *, perceel=None, overeenkomst=None, **velden):
    verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp=velden.pop("onderwerp", "Wachttijden 2026"),
                                         vraag=velden.pop("vraag", "Wat zijn uw wachttijden per product?"),
                                         door=door, perceel=perceel, overeenkomst=overeenkomst, **velden)
    return services.verzoek_verzenden(verzoek=verzoek, door=door)
