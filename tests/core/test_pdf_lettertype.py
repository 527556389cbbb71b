"""core.pdf parses each DejaVu style once per process and gives every document its own copy of what a document
changes (core/pdf.py ``_lettertype``): the bytes must be exactly what fpdf2's own ``add_font`` path gives, for
every style, for text with characters outside latin-1, and for several documents one after the other."""

import io
from datetime import datetime

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from core import pdf as portaalpdf
from core.kalender import TZ
from core.pdf import _FONTS, _STIJLEN, LETTERTYPE, PortaalPdf

TEKSTEN = {
    "": "Tarief € 1.234,56 per cliënt; Ĳsselmonde, Győr, “aanhalingstekens” – streepje",
    "B": "Besluit op uw inschrijving: toegelaten",
    "I": "cursief: ‘Zorgkracht Gooi B.V.’",
    "BI": "vet en cursief: ẞ, ø, ç, ñ",
}


def _vullen(doc):
    doc.set_creation_date(datetime(2026, 1, 1, tzinfo=TZ))
    doc.add_page()
    for stijl, tekst in TEKSTEN.items():
        doc.set_font(LETTERTYPE, stijl, 11)
        doc.multi_cell(0, 6, tekst, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def _met_fpdf_zelf():
    doc = FPDF(format="A4")
    for stijl, bestand in _STIJLEN.items():
        doc.add_font(LETTERTYPE, stijl, str(_FONTS / bestand))
    return _vullen(doc)


def test_zelfde_bytes_als_fpdf_zelf_ook_na_eerdere_documenten():
    verwacht = _met_fpdf_zelf()
    for _ in range(3):  # the shared parse must not carry one document's subset into the next
        assert _vullen(PortaalPdf()) == verwacht


def test_elk_document_heeft_zijn_eigen_subset_en_breedtes():
    eerste, tweede = PortaalPdf(), PortaalPdf()
    eerste.add_page()
    eerste.cell(text="ĳzer € ő")
    f1, f2 = eerste.fonts[LETTERTYPE.lower()], tweede.fonts[LETTERTYPE.lower()]
    assert f1.subset is not f2.subset and f1.cw is not f2.cw and f1.ttfont is not f2.ttfont
    assert f1.missing_glyphs is not f2.missing_glyphs
    assert f1.cmap is f2.cmap  # the parsed tables that are only read are shared
    tekst = PdfReader(io.BytesIO(bytes(eerste.output()))).pages[0].extract_text()
    assert "ĳzer € ő" in tekst
    assert bytes(tweede.output())  # the second document still outputs after the first was cut down


@pytest.mark.parametrize("stijl", list(_STIJLEN))
def test_elke_stijl_wordt_eenmaal_geparseerd(monkeypatch, stijl):
    geparseerd = []
    echt = portaalpdf.TTFFont

    def tellen(*args, **kwargs):
        geparseerd.append(args[3])
        return echt(*args, **kwargs)

    monkeypatch.setattr(portaalpdf, "_GEPARSEERD", {})
    monkeypatch.setattr(portaalpdf, "TTFFont", tellen)
    for _ in range(3):
        doc = PortaalPdf()
        doc.set_font(LETTERTYPE, stijl, 10)
    assert geparseerd.count(stijl) == 1
