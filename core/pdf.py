"""Helpers for the PDFs the portal generates with fpdf2 (ADR 0001, ADR 0015).

Every generated PDF embeds DejaVu Sans (shipped in ``core/fonts`` under its Bitstream Vera licence): the PDF
core fonts only know latin-1, so "€" printed as "EUR" and characters like "ĳ" or "ő" as "?", and a legal PDF
then no longer read the same as the record and its HTML page (issue 18).
"""

import threading
from collections import defaultdict
from copy import copy
from datetime import datetime
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

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


# One parsed DejaVu style per process. fpdf2 parses the TTF for every document (fontTools decompiles glyf, hmtx and
# post for ~6,000 glyphs: ~60 ms of an 80 ms letter), and the portal makes a PDF for every letter, PV, Woo page and
# seal preview. What a document changes of a font is its own: the widths that lookups add to, the subset, the glyphs
# it lacks, its number, and the fontTools object the subsetter cuts down on output (a fresh lazy one per document,
# which reads only what that document's glyphs need). The parsed tables that only get read are shared.
# (The fields are those fpdf 2.8's own TTFFont.__deepcopy__ copies per recorder; tests/core/test_pdf_lettertype.py
# compares the bytes with fpdf's own path.)
_GEPARSEERD: dict[str, TTFFont] = {}
_PARSEREN = threading.Lock()


def _lettertype(pdf: FPDF, sleutel: str) -> TTFFont:
    pad = str(_FONTS / _STIJLEN[sleutel])
    fontkey = f"{LETTERTYPE.lower()}{sleutel}"
    with _PARSEREN:
        if (voorbeeld := _GEPARSEERD.get(sleutel)) is None:
            voorbeeld = _GEPARSEERD[sleutel] = TTFFont(pdf, pad, fontkey, sleutel, None, None, None, 0)
    font = copy(voorbeeld)
    font.i = len(pdf.fonts) + 1
    font.ttfont = ttLib.TTFont(pad, recalcTimestamp=False, fontNumber=0, lazy=True)
    font.cw = defaultdict(voorbeeld.cw.default_factory, voorbeeld.cw)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.subset = SubsetMap(font)
    return font


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
                self.fonts[f"{LETTERTYPE.lower()}{sleutel}"] = _lettertype(self, sleutel)
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
