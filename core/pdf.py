"""Helpers for the PDFs the portal generates with fpdf2 (ADR 0001, ADR 0015).

Every generated PDF embeds DejaVu Sans (shipped in ``core/fonts`` under its Bitstream Vera licence): the PDF
core fonts only know latin-1, so "€" printed as "EUR" and characters like "ĳ" or "ő" as "?", and a legal PDF
then no longer read the same as the record and its HTML page (issue 18).
"""

from datetime import datetime
from pathlib import Path

from fpdf import FPDF

from .adressen import absoluut
from .kalender import TZ

LETTERTYPE = "DejaVu"
_FONTS = Path(__file__).resolve().parent / "fonts"
_STIJLEN = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
            "BI": "DejaVuSans-BoldOblique.ttf"}
# Control characters other than tab and newline have no glyph and no meaning in a letter.
_STUURTEKENS = dict.fromkeys(c for c in range(32) if c not in (9, 10))


def pdf_tekst(tekst) -> str:
    """Text as it goes into a PDF: None becomes "", control characters are dropped; everything else,
    "€" and all of Unicode's Latin included, prints as it is."""
    return str(tekst if tekst is not None else "").translate(_STUURTEKENS)


def echtheidsregel() -> str:
    """The footer line of every sealed PDF (issue 18, ADR 0015): where anyone can check that it is authentic."""
    return f"Controleer de echtheid op {absoluut('/verifieren/')}"


class PortaalPdf(FPDF):
    """FPDF with the embedded DejaVu family. ``set_font("Helvetica", …)`` (the core-font name used throughout
    the apps' layout code) selects DejaVu, so no path can fall back to a latin-1 core font."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("format", "A4")
        super().__init__(*args, **kwargs)
        self.set_font(LETTERTYPE, "", 11)

    def set_font(self, family=None, style="", size=0):
        if family is None or str(family).lower() in ("helvetica", "arial", "times", "courier", ""):
            family = LETTERTYPE
        if family == LETTERTYPE:
            # Each style is parsed from its TTF on first use only (~30 ms a file): most letters never use italics.
            sleutel = "".join(sorted(str(style).upper().replace("U", ""), key="BI".index))
            if f"{LETTERTYPE.lower()}{sleutel}" not in self.fonts:
                self.add_font(LETTERTYPE, sleutel, str(_FONTS / _STIJLEN[sleutel]))
        super().set_font(family, style, size)


def eenvoudige_pdf(titel: str, regels: list[str]) -> bytes:
    """A one-column PDF with a title and paragraphs (demo documents). The creation date is fixed, so the same
    text gives the same bytes and sha256 (demo loaders find their earlier upload by it)."""
    pdf = PortaalPdf()
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=TZ))
    pdf.add_page()
    pdf.set_font(LETTERTYPE, "B", 14)
    pdf.multi_cell(0, 8, pdf_tekst(titel), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(LETTERTYPE, "", 11)
    for regel in regels:
        pdf.multi_cell(0, 6, pdf_tekst(regel), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
