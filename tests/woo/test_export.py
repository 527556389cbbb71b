"""The output of a Woo decision (003a r. 62-107): the inventarislijst (columns, normalised codes, order, formula
safety), the sealed PDF, and the ZIP with the redacted documents whose withheld text is gone (extracted with pypdf)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from core import zegel
from woo import inventaris, services
from woo.gronden import GEEN_GROND
from woo.models import Verzoekstuk, Woogrond

from .conftest import BEDRAG, CONTACT, CONTACT_EMAIL, besluit_maken

pytestmark = pytest.mark.django_db

B = Verzoekstuk.Beoordeling


def tekst_van(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def besloten(inkoper_a, aanbesteding_a, besluit_a, zorgaanbieder, django_capture_on_commit_callbacks):
    """A decided request like 003: the notice openbaar, the decision deels openbaar (5.1.2.e automatic, 5.1.2.b by
    hand), a second decision niet openbaar (5.1.2.b)."""
    tweede = besluit_maken(aanbesteding_a, zorgaanbieder, toelichting="Vertrouwelijke factuur.", dag=5)
    v = services.verzoek_registreren(aanbesteding=aanbesteding_a, kenmerk="DOC-26015854", ontvangen_op=date(2026, 3, 2),
                                     onderwerp="Tussenvoorziening", verzoeker="A. Verzoeker", door=inkoper_a)
    services.documenten_selecteren(verzoek=v, sleutels=[
        f"aankondiging:{aanbesteding_a.pk}", f"besluit:{besluit_a.pk}", f"besluit:{tweede.pk}",
    ], door=inkoper_a)
    deels = v.stukken.get(volgnummer=2)
    services.markering_toevoegen(verzoekstuk=deels, grond=Woogrond.objects.get(code="5.1.2.b"), tekst=BEDRAG,
                                 door=inkoper_a)
    services.beoordeling_vastleggen(verzoekstuk=v.stukken.get(volgnummer=3), beoordeling=B.NIET_OPENBAAR,
                                    grond=Woogrond.objects.get(code="5.1.2.b"), door=inkoper_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.verzoek_besluiten(verzoek=v, besluitdatum=date(2026, 4, 16), door=inkoper_a)
    v.refresh_from_db()
    return v


def _zip(v) -> zipfile.ZipFile:
    with v.export.open("rb") as f:
        return zipfile.ZipFile(io.BytesIO(f.read()))


class TestInventarislijst:
    def test_regels_als_in_003(self, besloten):
        regels = inventaris.regels(besloten)
        assert [r.nr for r in regels] == [1, 2, 3]
        assert [r.beoordeling for r in regels] == ["openbaar", "deels openbaar", "niet openbaar"]
        assert [r.gronden for r in regels] == [GEEN_GROND, "5.1.2.b, 5.1.2.e", "5.1.2.b"]
        stuk = besloten.stukken.get(volgnummer=2)
        assert regels[1].document == f"{stuk.datum:%Y%m%d} {stuk.titel}"
        assert regels[1].document.startswith("20260202 ")
        assert regels[1].datum == "02-02-2026"

    def test_buiten_reikwijdte_niet_in_de_lijst(self, besloten):
        stuk = besloten.stukken.get(volgnummer=1)
        Verzoekstuk.objects.filter(pk=stuk.pk).update(beoordeling=B.BUITEN_REIKWIJDTE)
        assert [r.nr for r in inventaris.regels(besloten)] == [2, 3]

    def test_toelichting_per_gebruikte_grond(self, besloten):
        stukken = list(besloten.stukken.all())
        toelichting = dict(inventaris.toelichting(stukken))
        assert list(toelichting) == ["5.1.2.b", "5.1.2.e", "–"]
        assert "persoonlijke levenssfeer" in toelichting["5.1.2.e"]
        assert "art. 5.1, tweede lid, onder b, Woo" in toelichting["5.1.2.b"]

    def test_xlsx_kolommen_en_toelichting(self, besloten):
        wb = load_workbook(io.BytesIO(inventaris.xlsx(besloten)))
        rijen = list(wb["Inventarislijst"].iter_rows(values_only=True))
        assert rijen[0] == ("Nr.", "Document", "Datum", "Beoordeling", "Gronden")
        assert rijen[2][3:] == ("deels openbaar", "5.1.2.b, 5.1.2.e")
        assert wb["Toelichting"]["A2"].value == "5.1.2.b"

    def test_csv_formuleveilig(self, besloten):
        stuk = besloten.stukken.get(volgnummer=1)
        Verzoekstuk.objects.filter(pk=stuk.pk).update(titel='=HYPERLINK("http://kwaad.example")')
        rijen = list(csv.reader(io.StringIO(inventaris.csv(besloten).decode("utf-8-sig")), delimiter=";"))
        assert rijen[0] == ["Nr.", "Document", "Datum", "Beoordeling", "Gronden"]
        assert not any(cel.startswith("=") for rij in rijen for cel in rij)
        wb = load_workbook(io.BytesIO(inventaris.xlsx(besloten)))
        assert not str(wb["Inventarislijst"]["B2"].value).startswith("=")

    def test_pdf_verzegeld_en_leesbaar(self, besloten):
        with besloten.inventarislijst_pdf.open("rb") as f:
            inhoud = f.read()
        assert zegel.controleren(inhoud).echt
        tekst = tekst_van(inhoud)
        assert "Inventarislijst Woo-verzoek DOC-26015854" in tekst
        assert "Toelichting op de inventarislijst" in tekst
        assert "A. Verzoeker" not in tekst

    def test_bestandsnaam(self, besloten):
        stuk = besloten.stukken.get(volgnummer=2)
        assert inventaris.bestandsnaam(stuk) == f"2-20260202-{stuk.titel.replace(' ', '-')}.pdf"


class TestZip:
    def test_inhoud(self, besloten):
        z = _zip(besloten)
        namen = sorted(z.namelist())
        assert len([n for n in namen if n.startswith(("1-", "2-"))]) == 2
        assert not any(n.startswith("3-") for n in namen)  # niet openbaar: only in the list
        assert {"inventarislijst-DOC-26015854.pdf", "inventarislijst-DOC-26015854.xlsx",
                "inventarislijst-DOC-26015854.csv"} <= set(namen)

    def test_persoonsgegevens_en_bedrag_echt_weg(self, besloten):
        z = _zip(besloten)
        naam = next(n for n in z.namelist() if n.startswith("2-"))
        tekst = tekst_van(z.read(naam))
        for weg in (CONTACT, CONTACT_EMAIL, "Brandsma", "98,40"):
            assert weg not in tekst
        assert "5.1.2.e" in tekst and "5.1.2.b" in tekst
        assert "Afgestemd met" in tekst  # the rest stays readable

    def test_gelakte_kopie_zegt_op_elke_pagina_dat_zij_niet_verzegeld_is(self, besloten):
        """The letter's own text still tells how to check its seal; the redacted copy is a new, unsealed file."""
        z = _zip(besloten)
        gelakt = z.read(next(n for n in z.namelist() if n.startswith("2-")))
        paginas = PdfReader(io.BytesIO(gelakt)).pages
        assert all(inventaris.KOPIEVERMELDING in " ".join(p.extract_text().split()) for p in paginas)
        assert not zegel.controleren(gelakt).echt
        openbaar = z.read(next(n for n in z.namelist() if n.startswith("1-")))  # no marks: the original as it is
        assert inventaris.KOPIEVERMELDING not in " ".join(tekst_van(openbaar).split())

    def test_sha256_klopt(self, besloten):
        import hashlib

        with besloten.export.open("rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == besloten.export_sha256
