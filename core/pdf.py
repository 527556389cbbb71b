"""Helpers for the PDFs the portal generates with fpdf2 and its core fonts (ADR 0001)."""

from datetime import datetime

from fpdf import FPDF

from .kalender import TZ

# Characters outside latin-1 that Dutch texts use often, mapped to readable latin-1 instead of "?".
_VERVANGINGEN = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"',
                               "\u201d": '"', "\u20ac": "EUR "})


def pdf_tekst(tekst) -> str:
    """Text fit for the core fonts (latin-1 only): common typography mapped, anything else replaced."""
    return str(tekst if tekst is not None else "").translate(_VERVANGINGEN).encode("latin-1", "replace").decode("latin-1")


def eenvoudige_pdf(titel: str, regels: list[str]) -> bytes:
    """A one-column PDF with a title and paragraphs (demo documents). The creation date is fixed, so the same
    text gives the same bytes and sha256 (demo loaders find their earlier upload by it)."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=TZ))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, pdf_tekst(titel), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    for regel in regels:
        pdf.multi_cell(0, 6, pdf_tekst(regel), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
