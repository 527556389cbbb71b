"""Burnt-in redaction (issue 16, 003 r. 90): the redacted PDF no longer contains the passage anywhere — not in the
text two different extractors read, not in any decompressed stream — while the surrounding text stays, a black bar
with the ground's code sits where the passage was, and nothing else of the source (metadata, annotations,
attachments, scripts, outlines, seals) comes along."""

import io
import time

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from PIL import ImageChops
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from core import lakken
from core.lakken import LakFout, Lakmarkering, persoonsgegevens_in, tekst_per_pagina, vind, weglakken
from core.pdf import eenvoudige_pdf

BRIEF = [
    "Geachte heer Jan de Vries,",
    "Naar aanleiding van uw verzoek van 12 december 2025 laten wij u weten dat Zorgkracht Gooi B.V. een "
    "leegstandvergoeding van € 48.250,00 heeft ontvangen voor de periode januari tot en met juni.",
    "Voor vragen kunt u contact opnemen met mevrouw Fatima el Amrani via f.elamrani@regiogv.nl of 035-6926400.",
    "Met vriendelijke groet, namens het college, Jan de Vries",
]


def _kernfont_pdf(paginas, *, formaat="A4", orientatie="P") -> bytes:
    """A PDF whose text is stored as plain latin-1 strings (core font), so a scan of the raw streams would find
    the passage in the source: the byte test below can fail."""
    pdf = FPDF(orientation=orientatie, format=formaat)
    pdf.set_compression(False)
    pdf.set_font("Helvetica", size=11)
    for regels in paginas:
        pdf.add_page()
        for regel in regels:
            pdf.multi_cell(0, 6, regel.replace("€", "EUR"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _pypdf_tekst(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def _pdfium_tekst(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(pagina.get_textpage().get_text_range() for pagina in document)
    finally:
        document.close()


def _beide(pdf: bytes) -> str:
    """Both extractors' text, whitespace collapsed (a passage over a line break is still one string)."""
    return " ".join((_pypdf_tekst(pdf) + "\n" + _pdfium_tekst(pdf)).split())


def _ruwe_inhoud(pdf: bytes) -> bytes:
    """The file's bytes plus every object's decompressed stream, read through pypdf."""
    lezer = PdfReader(io.BytesIO(pdf))
    delen = [pdf]
    nummers = {(i, gen) for gen, tabel in lezer.xref.items() for i in tabel}
    nummers |= {(i, 0) for i in lezer.xref_objStm}
    for idnum, generatie in sorted(nummers):
        obj = lezer.get_object(IndirectObject(idnum, generatie, lezer))
        if isinstance(obj, StreamObject):
            delen.append(obj.get_data())
        elif obj is not None:
            delen.append(repr(obj).encode("utf-8", "replace"))
    return b"\n".join(delen)


def _beeld(pdf: bytes, pagina: int = 1, *, ongedraaid: bool = False, schaal: float = 2.0):
    document = pdfium.PdfDocument(pdf)
    try:
        p = document[pagina - 1]
        if ongedraaid:
            p.set_rotation(0)
        return p.render(scale=schaal, draw_annots=False).to_pil().convert("L"), p.get_bbox()
    finally:
        document.close()


def _pixel(beeld_en_kader, x: float, y: float, schaal: float = 2.0) -> int:
    """The grey value at PDF point (x, y) of an unrotated rendering."""
    beeld, (links, _, _, boven) = beeld_en_kader
    return beeld.getpixel((int((x - links) * schaal), int((boven - y) * schaal)))


def _zwart_in(beeld_en_kader, kader) -> float:
    """Share of black pixels inside a box (PDF points)."""
    beeld, (links, _, _, boven) = beeld_en_kader
    kl, ko, kr, kb = kader
    stuk = beeld.crop((int((kl - links) * 2) + 1, int((boven - kb) * 2) + 1, int((kr - links) * 2) - 1,
                       int((boven - ko) * 2) - 1))
    histogram = stuk.histogram()
    return sum(histogram[:40]) / max(1, sum(histogram))


# --- the core promise: gone from the file, the rest stays -------------------------------------------------

def test_passage_is_ingebrand_en_nergens_meer_te_vinden():
    bron = _kernfont_pdf([BRIEF])
    geheim = ["Jan de Vries", "f.elamrani@regiogv.nl", "035-6926400", "48.250,00"]
    for woord in geheim:  # the tests below can fail: the source carries every secret in text and in bytes
        assert woord in _beide(bron)
        assert woord.encode() in _ruwe_inhoud(bron)
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries"), Lakmarkering("5.1.2.e", "f.elamrani@regiogv.nl"),
                           Lakmarkering("5.1.2.e", "035-6926400"), Lakmarkering("5.1.2.b", "48.250,00")])
    tekst, ruw = _beide(uit), _ruwe_inhoud(uit)
    for woord in geheim:
        assert woord not in tekst
        assert woord.lower() not in tekst.lower()
        assert woord.encode() not in ruw
        assert woord.encode("utf-16-be") not in ruw
    assert "Vries" not in tekst and "elamrani" not in tekst and "6926400" not in tekst
    for blijft in ["Geachte heer", "leegstandvergoeding van", "Zorgkracht Gooi B.V.", "Met vriendelijke groet",
                   "mevrouw Fatima el Amrani via", "namens het college"]:
        assert blijft in _pypdf_tekst(uit).replace("\n", " ") or blijft in " ".join(_pypdf_tekst(uit).split())
        assert blijft in " ".join(_pdfium_tekst(uit).split())
    # The code takes the place of the passage in the text layer too.
    assert "Geachte heer 5.1.2.e" in " ".join(_pdfium_tekst(uit).split())
    assert _pdfium_tekst(uit).count("5.1.2.b") == 1


def test_zwarte_balk_met_code_op_de_plek_van_de_passage():
    bron = eenvoudige_pdf("Besluit op uw Woo-verzoek", BRIEF)
    kaders = vind(bron, "Fatima el Amrani")
    assert len(kaders) == 1 and kaders[0][0] == 1
    kader = kaders[0][1][0]
    voor = _beeld(bron)
    assert _zwart_in(voor, kader) < 0.5  # mostly white paper with letters
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Fatima el Amrani")])
    na = _beeld(uit)
    kl, ko, kr, kb = kader
    # Black at the edges of the box (the code's white letters are in the middle) ...
    for x, y in [(kl + 1, ko + 1), (kr - 1, kb - 1), (kl + 1, kb - 1), (kr - 1, ko + 1), ((kl + kr) / 2, ko + 0.5)]:
        assert _pixel(na, x, y) < 40, (x, y)
    assert _zwart_in(na, kader) > 0.6
    # ... the code is legible in white inside the bar: enough white pixels there ...
    beeld, _ = na
    midden = beeld.crop((int(kl * 2) + 4, int((841.89 - kb) * 2) + 2, int(kr * 2) - 4, int((841.89 - ko) * 2) - 2))
    assert 0.03 < sum(midden.histogram()[200:]) / (midden.width * midden.height) < 0.6
    # ... and the rest of the page looks as before (same place, same size: the rebuild is aligned).
    verschil = ImageChops.difference(voor[0], na[0]).point(lambda v: 255 if v > 96 else 0)
    assert sum(verschil.histogram()[255:]) / (verschil.width * verschil.height) < 0.01
    assert "5.1.2.e" in _pdfium_tekst(uit)


def test_onzichtbare_tekstlaag_staat_op_de_oude_plek():
    bron = eenvoudige_pdf("Besluit", BRIEF)
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    for woord in ["leegstandvergoeding", "Zorgkracht", "vriendelijke"]:
        (_, [voor]), = vind(bron, woord)
        (_, [na]), = vind(uit, woord)
        assert all(abs(a - b) < 2.5 for a, b in zip(voor, na, strict=True)), (woord, voor, na)
    # Invisible (render mode 3): the page's pixels come from the image only.
    inhoud = b"".join(PdfReader(io.BytesIO(uit)).pages[0].get_contents().get_data().split())
    assert b"3Tr" in inhoud


def test_tekstmatrix_geschaalde_letters_houden_hun_maat_in_de_tekstlaag():
    """Many producers write "/F1 1 Tf" and scale with "12 0 0 12 … Tm"; the text layer must still match."""
    schrijver = PdfWriter()
    pagina = schrijver.add_blank_page(595, 842)
    lettertype = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                                   NameObject("/BaseFont"): NameObject("/Helvetica")})
    pagina[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): schrijver._add_object(lettertype)})})
    inhoud = StreamObject()
    inhoud.set_data(b"BT /F1 1 Tf 12 0 0 12 72 700 Tm (Geschaald: Jan de Vries en de leegstandvergoeding) Tj ET")
    pagina[NameObject("/Contents")] = schrijver._add_object(inhoud)
    uit = io.BytesIO()
    schrijver.write(uit)
    bron = uit.getvalue()
    resultaat = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    (_, [voor]), = vind(bron, "leegstandvergoeding")
    (_, [na]), = vind(resultaat, "leegstandvergoeding")
    assert all(abs(a - b) < 2.5 for a, b in zip(voor, na, strict=True)), (voor, na)
    assert "Geschaald: 5.1.2.e en de leegstandvergoeding" in " ".join(_pdfium_tekst(resultaat).split())


def test_elke_voorkomen_hoofdletterongevoelig_en_over_de_regelgrens():
    lang = ("Dit is een lange zin die precies zo lang is dat de naam van de medewerker Pieter Bakker over de grens "
            "van de regel heen loopt en dan komt de naam PIETER BAKKER nog eens voor en pieter bakker ook.")
    bron = eenvoudige_pdf("Notitie", [lang, "Pieter Bakker"])
    # The source really breaks the line inside a name (else this test proves nothing).
    regels = tekst_per_pagina(bron)[0].split("\n")
    assert any(r.rstrip().endswith("Pieter") or r.rstrip().endswith("Bakker") for r in regels) or \
        any("Pieter Bakker" not in r and ("Pieter" in r or "Bakker" in r) for r in regels)
    assert len(vind(bron, "pieter  BAKKER")) == 4
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "pieter bakker")])
    tekst = _beide(uit).lower()
    assert "pieter" not in tekst and "bakker" not in tekst
    assert "over de grens" in tekst and "nog eens voor en" in tekst
    assert _pdfium_tekst(uit).count("5.1.2.e") >= 4


def test_passage_die_een_regelafbreking_overspant_krijgt_een_balk_per_regel():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 30, "De aanvraag is behandeld door Jan")
    pdf.text(20, 37, "de Vries en goedgekeurd.")
    bron = bytes(pdf.output())
    (pagina, kaders), = vind(bron, "Jan de Vries")
    assert pagina == 1 and len(kaders) == 2
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    tekst = _beide(uit)
    assert "Jan" not in tekst and "Vries" not in tekst
    assert "behandeld door" in tekst and "en goedgekeurd" in tekst
    na = _beeld(uit)
    for kader in kaders:
        assert _zwart_in(na, kader) > 0.5


def test_koppelteken_aan_het_regeleinde():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 30, "Contactpersoon: mevrouw Jans-")
    pdf.text(20, 37, "sen, afdeling inkoop.")
    bron = bytes(pdf.output())
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Janssen")])
    tekst = _beide(uit)
    assert "Jans" not in tekst and "sen," not in tekst and "afdeling inkoop" in tekst


def test_pagina_beperkt_de_markering():
    bron = _kernfont_pdf([["Pagina een: Jan de Vries"], ["Pagina twee: Jan de Vries"]])
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries", pagina=2)])
    een, twee = tekst_per_pagina(uit)
    assert "Jan de Vries" in een and "Jan de Vries" not in twee and "Pagina twee" in twee
    # Page 1 had no mark: copied as it was (its text is still a core-font string, not an image).
    assert b"Pagina een: Jan de Vries" in _ruwe_inhoud(uit)
    assert "/XObject" not in str(PdfReader(io.BytesIO(uit)).pages[0]["/Resources"])
    assert "/XObject" in str(PdfReader(io.BytesIO(uit)).pages[1]["/Resources"])


# --- whole pages and documents ------------------------------------------------------------------------------

def test_hele_pagina_wordt_vervangen_door_een_mededeling():
    bron = _kernfont_pdf([["Openbaar deel"], ["Factuur 2024-17 Zorgkracht: EUR 12.400,00"], ["Slot"]])
    uit = weglakken(bron, [Lakmarkering("5.1.2.b", pagina=2)])
    lezer = PdfReader(io.BytesIO(uit))
    assert len(lezer.pages) == 3
    een, twee, drie = tekst_per_pagina(uit)
    assert "Openbaar deel" in een and "Slot" in drie
    assert "Factuur" not in twee and "12.400" not in twee
    assert " ".join(twee.split()) == "Pagina niet openbaar gemaakt op grond van art. 5.1.2.b Woo"
    assert b"12.400" not in _ruwe_inhoud(uit)
    # Same size as the page it replaces.
    assert [round(float(v)) for v in lezer.pages[1].mediabox] == [0, 0, 595, 842]


def test_hele_pagina_telt_als_vindplaats_van_een_passage_erop():
    bron = _kernfont_pdf([["Openbaar deel"], ["Jan de Vries"]])
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", pagina=2), Lakmarkering("5.1.2.e", "Jan de Vries")])
    assert "Jan de Vries" not in _beide(uit)
    with pytest.raises(LakFout, match="Jan de Vries"):
        weglakken(bron, [Lakmarkering("5.1.2.e", pagina=2), Lakmarkering("5.1.2.e", "Jan de Vries", pagina=1)])


def test_heel_document_geeft_een_mededeling_van_een_pagina():
    bron = _kernfont_pdf([["Factuur Jan de Vries"], ["Bijlage"]])
    uit = weglakken(bron, [Lakmarkering("5.1.2.b"), Lakmarkering("5.1.2.b", "Factuur")])
    assert len(PdfReader(io.BytesIO(uit)).pages) == 1
    tekst = " ".join(_pdfium_tekst(uit).split())
    assert tekst == "Document niet openbaar gemaakt op grond van art. 5.1.2.b Woo Het document telt 2 pagina’s."
    assert "Factuur" not in _beide(uit)
    assert lakken.mededeling_niet_openbaar("5.1.2.e") == lakken.mededeling_niet_openbaar("5.1.2.e")


def test_meerdere_gronden_op_een_pagina_en_in_de_mededeling():
    bron = _kernfont_pdf([["Vergoeding EUR 3.000,00 aan Jan de Vries"]])
    uit = weglakken(bron, [Lakmarkering("5.1.2.b", pagina=1), Lakmarkering("5.1.2.e", pagina=1)])
    assert "art. 5.1.2.b en 5.1.2.e Woo" in " ".join(_pdfium_tekst(uit).split())
    uit = weglakken(bron, [Lakmarkering("5.1.2.b", "3.000,00"), Lakmarkering("5.1.2.e", "Jan de Vries")])
    tekst = " ".join(_pdfium_tekst(uit).split())
    assert tekst == "Vergoeding EUR 5.1.2.b aan 5.1.2.e"


# --- refusals ---------------------------------------------------------------------------------------------

def test_niet_gevonden_passage_is_een_fout_met_de_passage_erin():
    bron = _kernfont_pdf([["Geachte heer De Boer"]])
    with pytest.raises(LakFout) as fout:
        weglakken(bron, [Lakmarkering("5.1.2.e", "De Boer"), Lakmarkering("5.1.2.e", "Jan de Vries"),
                         Lakmarkering("5.1.2.e", "De Boer", pagina=1)])
    assert "Jan de Vries" in str(fout.value) and "niet gelakt" in str(fout.value)
    assert "De Boer" not in str(fout.value)
    with pytest.raises(LakFout, match="pagina 1"):
        weglakken(_kernfont_pdf([["a"], ["Jan"]]), [Lakmarkering("5.1.2.e", "Jan", pagina=1)])


@pytest.mark.parametrize("wachtwoord", ["geheim", ""])
def test_versleutelde_pdf_wordt_geweigerd(wachtwoord):
    schrijver = PdfWriter(clone_from=io.BytesIO(_kernfont_pdf([["Jan de Vries"]])))
    schrijver.encrypt(user_password=wachtwoord, owner_password="eigenaar", algorithm="AES-128")
    uit = io.BytesIO()
    schrijver.write(uit)
    for functie in (lambda b: weglakken(b, [Lakmarkering("5.1.2.e", "Jan")]), tekst_per_pagina,
                    lambda b: vind(b, "Jan")):
        with pytest.raises(LakFout, match="versleuteld"):
            functie(uit.getvalue())


@pytest.mark.parametrize("inhoud", [b"", b"geen pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
                                    _kernfont_pdf([["Jan"]])[:400]])
def test_kapotte_pdf_wordt_geweigerd(inhoud):
    with pytest.raises(LakFout):
        weglakken(inhoud, [Lakmarkering("5.1.2.e", "Jan")])
    with pytest.raises(LakFout):
        tekst_per_pagina(inhoud)


def test_ongeldige_markeringen():
    with pytest.raises(LakFout, match="weigeringsgrond"):
        Lakmarkering(" ", "Jan")
    with pytest.raises(LakFout, match="vanaf 1"):
        Lakmarkering("5.1.2.e", pagina=0)
    with pytest.raises(LakFout, match="geen tekens"):
        Lakmarkering("5.1.2.e", " - \n")
    with pytest.raises(LakFout, match="telt 1 pagina"):
        weglakken(_kernfont_pdf([["Jan"]]), [Lakmarkering("5.1.2.e", pagina=2)])
    with pytest.raises(LakFout, match="lakmarkeringen"):
        weglakken(_kernfont_pdf([["Jan"]]), ["Jan"])
    assert vind(_kernfont_pdf([["Jan"]]), " ") == []


def test_zonder_markeringen_een_schone_kopie():
    bron = _kernfont_pdf([["Jan de Vries"]])
    uit = weglakken(bron, [])
    assert tekst_per_pagina(uit) == tekst_per_pagina(bron)


# --- what must not travel along ------------------------------------------------------------------------------

def _met_bijwerk(bron: bytes) -> bytes:
    """The source with everything a PDF can carry besides its pages, each naming the secret."""
    schrijver = PdfWriter(clone_from=io.BytesIO(bron))
    schrijver.add_metadata({"/Title": "Dossier Jan de Vries", "/Author": "Jan de Vries", "/Subject": "geheim"})
    xmp = StreamObject()
    xmp.set_data(b"<x:xmpmeta><dc:creator>Jan de Vries</dc:creator></x:xmpmeta>")
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    schrijver._root_object[NameObject("/Metadata")] = schrijver._add_object(xmp)
    schrijver.add_outline_item(title="Hoofdstuk over Jan de Vries", page_number=0)
    schrijver.add_attachment("notities-jan-de-vries.txt", b"Jan de Vries BSN 111222333")
    script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert('Jan de Vries');")})
    schrijver._root_object[NameObject("/OpenAction")] = schrijver._add_object(script)
    schrijver._root_object[NameObject("/Names")][NameObject("/JavaScript")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("jan"), script.indirect_reference])})
    from pypdf.annotations import FreeText, Link

    for nummer in range(len(schrijver.pages)):
        schrijver.add_annotation(nummer, FreeText(text="Opmerking over Jan de Vries", rect=(50, 50, 200, 80)))
        schrijver.add_annotation(nummer, Link(rect=(50, 100, 200, 120), url="https://example.nl/jan-de-vries"))
    pagina = schrijver.pages[0]
    duim = StreamObject()
    duim.set_data(b"Jan de Vries")
    pagina[NameObject("/Thumb")] = schrijver._add_object(duim)
    pagina[NameObject("/PieceInfo")] = DictionaryObject({NameObject("/X"): TextStringObject("Jan de Vries")})
    # An image with its author's XMP on the second page (copied unchanged in both cases below).
    beeld = StreamObject()
    beeld.set_data(b"\x80" * 4)
    beeld.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(2), NameObject("/Height"): NumberObject(2),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8),
                  NameObject("/Metadata"): schrijver._add_object(xmp.clone(schrijver))})
    tweede = schrijver.pages[1]
    tweede["/Resources"][NameObject("/XObject")] = DictionaryObject({NameObject("/Im9"): schrijver._add_object(beeld)})
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


@pytest.mark.parametrize("markering", [Lakmarkering("5.1.2.e", "geheime passage"), None],
                         ids=["pagina-herbouwd", "alleen-gekopieerd"])
def test_metadata_annotaties_bijlagen_scripts_en_bladwijzers_gaan_niet_mee(markering):
    bron = _met_bijwerk(_kernfont_pdf([["Een geheime passage", "Openbaar"], ["Tweede pagina"]]))
    ruw_bron = _ruwe_inhoud(bron)
    for spoor in [b"Jan de Vries", b"/JavaScript", b"/EmbeddedFiles", b"/Outlines", b"/Annots", b"/Thumb"]:
        assert spoor in ruw_bron
    uit = weglakken(bron, [markering] if markering else [])
    ruw = _ruwe_inhoud(uit)
    for spoor in [b"Jan de Vries", b"jan-de-vries", b"/JavaScript", b"/JS", b"/OpenAction", b"/EmbeddedFiles",
                  b"/Outlines", b"/Annots", b"/Thumb", b"/PieceInfo", b"/Metadata", b"/Producer", b"/Title",
                  b"/AcroForm", b"/StructTreeRoot"]:
        assert spoor not in ruw, spoor
    lezer = PdfReader(io.BytesIO(uit))
    assert lezer.metadata is None
    assert "Openbaar" in _beide(uit) and "Tweede pagina" in _beide(uit)


def test_uitvoer_is_reproduceerbaar():
    bron = eenvoudige_pdf("Besluit", BRIEF)
    markeringen = [Lakmarkering("5.1.2.e", "Jan de Vries"), Lakmarkering("5.1.2.b", pagina=1)]
    assert weglakken(bron, markeringen[:1]) == weglakken(bron, markeringen[:1])
    assert weglakken(bron, markeringen) == weglakken(bron, markeringen)
    assert b"CreationDate" not in weglakken(bron, markeringen[:1])


@pytest.mark.django_db
def test_verzegelde_portaalpdf_verliest_zijn_zegel_en_de_passage():
    from core import zegel

    verzegeld = zegel.verzegeld_document(
        eenvoudige_pdf("Besluit toelating", BRIEF), soort="besluit", titel="Besluit toelating Zorgkracht",
        uitgegeven_aan="Zorgkracht Gooi B.V.", regio_id=None, regio_slug="laktest", bureau="Regio Gooi en Vechtstreek",
    )
    assert zegel.controleren(verzegeld).status == "echt"
    assert b"/Sig" in _ruwe_inhoud(verzegeld)
    uit = weglakken(verzegeld, [Lakmarkering("5.1.2.e", "Fatima el Amrani")])
    assert zegel.controleren(uit).status == "geen_zegel"
    ruw = _ruwe_inhoud(uit)
    assert b"/Sig" not in ruw and b"/ByteRange" not in ruw and b"Regio Gooi en Vechtstreek" not in ruw
    assert "Fatima" not in _beide(uit) and "Zorgkracht Gooi B.V." in _beide(uit)
    # An unmarked sealed PDF is also a new, unsealed copy.
    assert zegel.controleren(weglakken(verzegeld, [])).status == "geen_zegel"


# --- page geometry ------------------------------------------------------------------------------------------

def _gelijk_behalve_balken(bron: bytes, uit: bytes, pagina: int = 1) -> float:
    """Share of pixels that differ between source and result, as displayed (rotation applied)."""
    voor, _ = _beeld(bron, pagina)
    na, _ = _beeld(uit, pagina)
    assert voor.size == na.size
    verschil = ImageChops.difference(voor, na).point(lambda v: 255 if v > 96 else 0)
    return sum(verschil.histogram()[255:]) / (verschil.width * verschil.height)


@pytest.mark.parametrize("draaiing", [90, 180, 270])
def test_gedraaide_pagina(draaiing):
    schrijver = PdfWriter(clone_from=io.BytesIO(_kernfont_pdf([["Gedraaid: Jan de Vries en meer tekst"]])))
    schrijver.pages[0].rotate(draaiing)
    uit = io.BytesIO()
    schrijver.write(uit)
    bron = uit.getvalue()
    (_, [kader]), = vind(bron, "Jan de Vries")
    resultaat = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    lezer = PdfReader(io.BytesIO(resultaat))
    assert lezer.pages[0].rotation == draaiing
    assert "Jan" not in _beide(resultaat) and "en meer tekst" in _beide(resultaat)
    assert _zwart_in(_beeld(resultaat, ongedraaid=True), kader) > 0.6
    assert 0 < _gelijk_behalve_balken(bron, resultaat) < 0.01


def test_liggende_pagina_en_afwijkend_formaat():
    bron = _kernfont_pdf([["Liggend A4: Jan de Vries, bedrag EUR 1.250,00"]], orientatie="L")
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    pagina = PdfReader(io.BytesIO(uit)).pages[0]
    assert [round(float(v)) for v in pagina.mediabox] == [0, 0, 842, 595]
    (_, [kader]), = vind(bron, "Jan de Vries")
    assert _zwart_in(_beeld(uit), kader) > 0.6
    assert 0 < _gelijk_behalve_balken(bron, uit) < 0.01
    klein = _kernfont_pdf([["Jan de Vries"]], formaat=(100, 60))
    assert "Jan" not in _beide(weglakken(klein, [Lakmarkering("5.1.2.e", "Jan de Vries")]))


def test_uitsnede_met_verschoven_oorsprong():
    schrijver = PdfWriter(clone_from=io.BytesIO(_kernfont_pdf([["Uitsnede: Jan de Vries staat hier"]])))
    schrijver.pages[0].cropbox.lower_left = (20, 300)
    schrijver.pages[0].cropbox.upper_right = (500, 842)
    uit = io.BytesIO()
    schrijver.write(uit)
    bron = uit.getvalue()
    resultaat = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    pagina = PdfReader(io.BytesIO(resultaat)).pages[0]
    assert [round(float(v)) for v in pagina.mediabox] == [0, 0, 480, 542]
    assert 0 < _gelijk_behalve_balken(bron, resultaat) < 0.01
    (_, [voor]), = vind(bron, "staat hier")
    (_, [na]), = vind(resultaat, "staat hier")
    assert abs((voor[0] - 20) - na[0]) < 2.5 and abs((voor[1] - 300) - na[1]) < 2.5


def test_kleurenpagina_blijft_in_kleur_grijs_blijft_grijs():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(200, 30, 30)
    pdf.rect(10, 60, 80, 30, style="F")
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 30, "Logo en Jan de Vries")
    bron = bytes(pdf.output())
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    document = pdfium.PdfDocument(uit)
    rgb = document[0].render(scale=1).to_pil().convert("RGB")
    document.close()
    assert rgb.getpixel((int(50 / 25.4 * 72), int(75 / 25.4 * 72)))[0] > 150 > rgb.getpixel(
        (int(50 / 25.4 * 72), int(75 / 25.4 * 72)))[1]
    assert b"/DCTDecode" in uit
    grijs = weglakken(_kernfont_pdf([["Jan de Vries"]]), [Lakmarkering("5.1.2.e", "Jan de Vries")])
    assert b"/DeviceGray" in grijs and b"/DCTDecode" not in grijs


def test_smalle_passage_krijgt_een_balk_met_kleinere_of_geen_code():
    bron = _kernfont_pdf([["Vak A: x is de waarde, en Jan de Vries van de afdeling."]])
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "x"), Lakmarkering("5.1.2.e", "Jan de Vries")])
    (_, [kader]), = vind(bron, "Vak A: x")
    assert "Vak A:" in _beide(uit) and "waarde" in _beide(uit)


# --- many pages ---------------------------------------------------------------------------------------------

def test_vijftig_paginas_blijven_snel():
    paginas = [[f"Pagina {n}: verslag van het overleg met Jan de Vries over de bezetting.",
                " ".join(["Tekst over de leegstandvergoeding en de indexatie van de tarieven."] * 12)]
               for n in range(1, 51)]
    bron = _kernfont_pdf(paginas)
    start = time.perf_counter()
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    duur = time.perf_counter() - start
    assert len(PdfReader(io.BytesIO(uit)).pages) == 50
    assert "Jan de Vries" not in _beide(uit)
    assert _pdfium_tekst(uit).count("5.1.2.e") == 50
    assert duur < 30, duur  # ~0.1 s a page on one CI core, see the report of issue 16
    print(f"50 pagina's: {duur:.2f} s, {len(uit) // 1024} kB")


# --- personal data ---------------------------------------------------------------------------------------

def test_persoonsgegevens_gevonden():
    tekst = ("Contact: f.elamrani@regiogv.nl of J.de.Vries+woo@gemeente-hilversum.nl. Bel 06-12345678, "
             "+31 6 1234 5678, 035-6926400, (035) 692 64 00, 0294 123456 of +31 (0)35 692 6400. "
             "BSN 111222333 en 1234.56.782, rekening NL91 ABNA 0417 1643 00 of NL91ABNA0417164300.")
    assert persoonsgegevens_in(tekst) == [
        "f.elamrani@regiogv.nl", "J.de.Vries+woo@gemeente-hilversum.nl", "06-12345678", "+31 6 1234 5678",
        "035-6926400", "(035) 692 64 00", "0294 123456", "+31 (0)35 692 6400", "111222333", "1234.56.782",
        "NL91 ABNA 0417 1643 00", "NL91ABNA0417164300",
    ]


@pytest.mark.parametrize("tekst", [
    "BSN 123456789 (faalt de elfproef)", "Rekening NL91ABNA0417164301 (faalt mod-97)",
    "Datum 01-04-2021, kenmerk 21.0002645 en DOC-26015854", "Bedrag € 1.234.567,89 en 20210401",
    "Kvk 12345678, AGB 98765432", "Perceel 5.1.2.e en art. 5.1 lid 2", "Tel 06-1234567 (te kort)",
    "Nummer 0012345678 begint met 00", "iemand@ of @regio.nl zijn geen adressen", "",
])
def test_geen_persoonsgegevens(tekst):
    assert persoonsgegevens_in(tekst) == []


def test_elfproef_en_mod97():
    assert lakken.bsn_geldig("111222333") and lakken.bsn_geldig("123456782")
    assert not lakken.bsn_geldig("123456789") and not lakken.bsn_geldig("000000000")
    assert not lakken.bsn_geldig("12345678")
    assert lakken.iban_geldig("NL91 ABNA 0417 1643 00") and lakken.iban_geldig("DE89370400440532013000")
    assert not lakken.iban_geldig("NL91 ABNA 0417 1643 01") and not lakken.iban_geldig("NL91")


def test_persoonsgegevens_uit_een_pdf_weglakken():
    bron = eenvoudige_pdf("Melding", ["Melder: a.jansen@zorgkracht.nl, tel. 06-12345678, IBAN NL91ABNA0417164300."])
    gevonden = persoonsgegevens_in(" ".join(tekst_per_pagina(bron)))
    assert gevonden == ["a.jansen@zorgkracht.nl", "06-12345678", "NL91ABNA0417164300"]
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", g) for g in gevonden])
    assert persoonsgegevens_in(_beide(uit)) == []
    assert "Melder:" in _beide(uit) and "IBAN" in _beide(uit)


def test_gedraaide_tekst_op_een_rechte_pagina():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 30, "Kantlijn hieronder")
    with pdf.rotation(90, 50, 200):
        pdf.text(50, 200, "Paraaf Jan de Vries in de kantlijn")
    with pdf.rotation(-90, 150, 100):
        pdf.text(150, 100, "Andersom Jan de Vries hier")
    with pdf.rotation(180, 150, 250):
        pdf.text(150, 250, "Ondersteboven Jan de Vries daar")
    bron = bytes(pdf.output())
    gevonden = vind(bron, "Jan de Vries")
    assert [len(kaders) for _, kaders in gevonden] == [1, 1, 1]  # one bar along each run, not one per letter
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    assert "Vries" not in _beide(uit) and "Kantlijn hieronder" in _beide(uit)
    na = _beeld(uit)
    assert all(_zwart_in(na, kaders[0]) > 0.5 for _, kaders in gevonden)
    tekst = " ".join(_pdfium_tekst(uit).split())
    for regel in ["Paraaf 5.1.2.e in de kantlijn", "Andersom 5.1.2.e hier", "Ondersteboven 5.1.2.e daar"]:
        assert regel in tekst
    for woord in ["Paraaf", "Andersom", "Ondersteboven", "daar"]:  # the invisible words lie where they were
        (_, [voor]), = vind(bron, woord)
        (_, [na_kader]), = vind(uit, woord)
        assert all(abs(a - b) < 2.5 for a, b in zip(voor, na_kader, strict=True)), (woord, voor, na_kader)
    # The code of the vertical bar is written along it (white pixels inside the tall bar).
    (_, [(kl, ko, kr, kb)]), = [g for g in gevonden if g[1][0][3] - g[1][0][1] > 20][:1]
    beeld, (_, _, _, boven) = na
    stuk = beeld.crop((int(kl * 2) + 3, int((boven - kb) * 2) + 3, int(kr * 2) - 3, int((boven - ko) * 2) - 3))
    assert sum(stuk.histogram()[200:]) > 50


def test_posterformaat_wordt_grover_gerenderd():
    pdf = FPDF(unit="pt", format=(6000, 4000))
    pdf.add_page()
    pdf.set_font("Helvetica", size=200)
    pdf.text(300, 1000, "Tekening van Jan de Vries")
    bron = bytes(pdf.output())
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    afbeelding = next(iter(PdfReader(io.BytesIO(uit)).pages[0].images))
    assert afbeelding.image.width * afbeelding.image.height <= lakken._MAX_PIXELS * 1.01  # whole pixels
    assert afbeelding.image.width > 5000  # still ~ 80 dpi, not a thumbnail
    assert "Vries" not in _beide(uit) and "Tekening van" in _beide(uit)


def test_veel_markeringen_op_veel_paginas():
    namen = [f"Medewerker{n:02d} Achternaam{n:02d}" for n in range(25)]
    paginas = [[f"Pagina {p}: " + ", ".join(namen[(p + k) % 25] for k in range(6))] for p in range(20)]
    bron = _kernfont_pdf(paginas)
    start = time.perf_counter()
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", naam) for naam in namen])
    duur = time.perf_counter() - start
    tekst = _beide(uit)
    assert "Medewerker" not in tekst and "Achternaam" not in tekst and "Pagina 19:" in tekst
    assert _pdfium_tekst(uit).count("5.1.2.e") == 20 * 6
    assert duur < 20, duur


def test_vind_alle_in_een_keer():
    bron = _kernfont_pdf([["Jan de Vries en Fatima el Amrani"], ["Fatima el Amrani"]])
    gevonden = lakken.vind_alle(bron, ["jan de vries", "Fatima el Amrani", "Piet Puk", "jan de vries", " "])
    assert list(gevonden) == ["jan de vries", "Fatima el Amrani", "Piet Puk", " "]
    assert [p for p, _ in gevonden["Fatima el Amrani"]] == [1, 2]
    assert [p for p, _ in gevonden["jan de vries"]] == [1] and gevonden["Piet Puk"] == gevonden[" "] == []
    assert gevonden["jan de vries"] == vind(bron, "Jan de Vries")
    (_, [(links, onder, rechts, boven)]), = gevonden["jan de vries"]
    assert 50 < rechts - links < 90 and 8 < boven - onder < 16 and links < rechts and 700 < onder < 842


def test_nota_van_inlichtingen_van_het_portaal_over_meerdere_paginas():
    """A real portal PDF: the NvI layout (DejaVu, footer with the verification line, title metadata), several pages,
    contact data in answers on different pages."""
    from datetime import datetime
    from types import SimpleNamespace

    from aanbesteding.pdf import nvi_pdf
    from core.kalender import TZ

    aanbesteding = SimpleNamespace(titel="Open House Jeugdhulp Gooi en Vechtstreek", dossiernummer="SD005")
    nvi = SimpleNamespace(nummer=2, aanbesteding=aanbesteding, gepubliceerd_op=datetime(2026, 1, 27, 9, tzinfo=TZ),
                          inleiding="Deze nota beantwoordt de vragen van 12 december 2025.")
    vragen = [SimpleNamespace(
        volgnummer=n, perceel_id=None, document_id=None,
        vraag_publiek=f"Vraag {n} over de leegstandvergoeding en de indexatie van het tarief voor 2026? " * 2,
        antwoord=("Zie artikel 5.2 van het Toelatingsdocument. " * 3) + (
            "Voor vragen: mevrouw F. el Amrani, f.elamrani@regiogv.nl, 035-6926400." if n % 7 == 0 else ""),
    ) for n in range(1, 31)]
    bron = nvi_pdf(nvi, vragen)
    paginas = tekst_per_pagina(bron)
    assert len(paginas) >= 3
    assert "namespace" in PdfReader(io.BytesIO(bron)).metadata.title
    gevonden = persoonsgegevens_in("\n".join(paginas))
    assert gevonden == ["f.elamrani@regiogv.nl", "035-6926400"]
    markeringen = [Lakmarkering("5.1.2.e", g) for g in [*gevonden, "F. el Amrani"]]
    start = time.perf_counter()
    uit = weglakken(bron, markeringen)
    duur = time.perf_counter() - start
    assert len(PdfReader(io.BytesIO(uit)).pages) == len(paginas)
    tekst = _beide(uit)
    assert "Amrani" not in tekst and "regiogv" not in tekst and "6926400" not in tekst
    assert "Nota van Inlichtingen 2" in tekst and "Controleer de echtheid op" in tekst
    assert tekst.count("5.1.2.e") >= 2 * 3 * 2  # three marks on each of four answers, in both extractors' text
    assert PdfReader(io.BytesIO(uit)).metadata is None
    assert b"namespace" not in _ruwe_inhoud(uit)  # the title (str of the stand-in) went with the metadata
    assert duur < 15, duur


@pytest.mark.parametrize(("tekst", "verwacht"), [
    ("035-6926400 06-12345678", ["035-6926400", "06-12345678"]),  # two numbers in one run of digits
    ("+31612345678 of 0031 6 12345678", ["+31612345678", "0031 6 12345678"]),
    ("Tel: 020 - 555 12 34.", ["020 - 555 12 34"]),
    ("(06) 12345678 en 088-1234567", ["(06) 12345678", "088-1234567"]),
    ("NL91ABNA0417164300 06-12345678", ["NL91ABNA0417164300", "06-12345678"]),
    ("Mail J.Jansen@Zorgkracht.NL.", ["J.Jansen@Zorgkracht.NL"]),
    ("bel 035-\n6926400, rekening NL91 ABNA\n0417 1643 00.", ["035-\n6926400", "NL91 ABNA\n0417 1643 00"]),
    ("06123456789 is te lang, 0612345678901 ook, 0900-1234 en 112 zijn geen nummers van personen", []),
    ("2026 - 01 - 27, art. 5 - 12 - 2025", []),
])
def test_telefoonnummers_en_randgevallen(tekst, verwacht):
    assert persoonsgegevens_in(tekst) == verwacht


def test_overlappende_markeringen_worden_een_balk_met_een_code():
    bron = _kernfont_pdf([["Behandelaar: Jan de Vries, afdeling inkoop."]])
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan"), Lakmarkering("5.1.2.e", "Jan de Vries"),
                           Lakmarkering("5.1.2.e", "de Vries")])
    tekst = " ".join(_pdfium_tekst(uit).split())
    assert tekst == "Behandelaar: 5.1.2.e , afdeling inkoop." or tekst == "Behandelaar: 5.1.2.e, afdeling inkoop."
    (_, [kader]), = vind(bron, "Jan de Vries")
    assert _zwart_in(_beeld(uit), kader) > 0.6


def test_hele_gedraaide_pagina_krijgt_een_rechtopstaande_mededeling():
    schrijver = PdfWriter(clone_from=io.BytesIO(_kernfont_pdf([["Een"], ["Twee"]])))
    schrijver.pages[1].rotate(90)
    uit = io.BytesIO()
    schrijver.write(uit)
    resultaat = PdfReader(io.BytesIO(weglakken(uit.getvalue(), [Lakmarkering("5.1.2.b", pagina=2)])))
    tweede = resultaat.pages[1]
    assert tweede.rotation == 0 and [round(float(v)) for v in tweede.mediabox] == [0, 0, 842, 595]
    assert "Pagina niet openbaar" in tweede.extract_text()


def test_kop_na_wat_voorloopbytes_is_nog_een_pdf():
    bron = b"\r\n\x00junk\n" + _kernfont_pdf([["Jan de Vries"]])
    assert tekst_per_pagina(bron) == ["Jan de Vries"]


def _formulier(waarde: str = "Jan de Vries") -> bytes:
    """A PDF with a filled-in text field (widget with its appearance) and a comment that does not print."""
    bron = FPDF()
    bron.add_page()
    bron.set_font("Helvetica", size=12)
    bron.text(20, 20, "Naam aanvrager:")
    schrijver = PdfWriter(clone_from=io.BytesIO(bytes(bron.output())))
    lettertype = schrijver._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    uiterlijk = StreamObject()
    uiterlijk.set_data(f"/Tx BMC BT /Helv 12 Tf 2 5 Td ({waarde}) Tj ET EMC".encode("latin-1"))
    uiterlijk.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(200), NumberObject(20)]),
        NameObject("/Resources"): DictionaryObject({NameObject("/Font"): DictionaryObject({
            NameObject("/Helv"): lettertype})})})
    veld = schrijver._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("naam"),
        NameObject("/V"): TextStringObject(waarde), NameObject("/F"): NumberObject(4),
        NameObject("/Rect"): ArrayObject([NumberObject(160), NumberObject(770), NumberObject(360), NumberObject(790)]),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): schrijver._add_object(uiterlijk)})}))
    notitie = schrijver._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Text"),
        NameObject("/Contents"): TextStringObject("Intern: bel Piet Puk"),
        NameObject("/Rect"): ArrayObject([NumberObject(400), NumberObject(770), NumberObject(420), NumberObject(790)])}))
    schrijver.pages[0][NameObject("/Annots")] = ArrayObject([veld, notitie])
    schrijver._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([veld])})
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def test_ingevuld_formulier_wordt_met_antwoorden_gepubliceerd_en_is_te_lakken():
    bron = _formulier()
    # What prints is what every function here reads: the field's value is text of the page ...
    assert " ".join(tekst_per_pagina(bron)[0].split()) == "Naam aanvrager: Jan de Vries"
    assert [p for p, _ in vind(bron, "Jan de Vries")] == [1]
    # ... an unmarked copy keeps the answer as page content, without the form or the comment ...
    kopie = weglakken(bron, [])
    assert "Jan de Vries" in _beide(kopie)
    ruw = _ruwe_inhoud(kopie)
    assert b"/AcroForm" not in ruw and b"/Widget" not in ruw and b"Piet Puk" not in ruw
    # ... and a marked answer is burnt in like any other passage.
    uit = weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")])
    assert "Vries" not in _beide(uit) and "Naam aanvrager: 5.1.2.e" in " ".join(_pdfium_tekst(uit).split())
    assert b"Jan de Vries" not in _ruwe_inhoud(uit) and b"Piet Puk" not in _ruwe_inhoud(uit)
    assert weglakken(bron, [Lakmarkering("5.1.2.e", "Jan de Vries")]) == uit  # flattening keeps it reproducible


def test_uitgeschakelde_laag_blijft_verborgen_op_een_gekopieerde_pagina():
    schrijver = PdfWriter()
    pagina = schrijver.add_blank_page(595, 842)
    lettertype = schrijver._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    laag = schrijver._add_object(DictionaryObject({NameObject("/Type"): NameObject("/OCG"),
                                                   NameObject("/Name"): TextStringObject("concept")}))
    pagina[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): lettertype}),
        NameObject("/Properties"): DictionaryObject({NameObject("/oc1"): laag})})
    inhoud = StreamObject()
    inhoud.set_data(b"BT /F1 12 Tf 72 700 Td (Zichtbaar deel) Tj ET "
                    b"/OC /oc1 BDC BT /F1 12 Tf 72 650 Td (Verborgen conceptregel) Tj ET EMC")
    pagina[NameObject("/Contents")] = schrijver._add_object(inhoud)
    schrijver.add_blank_page(595, 842)
    schrijver._root_object[NameObject("/OCProperties")] = DictionaryObject({
        NameObject("/OCGs"): ArrayObject([laag]),
        NameObject("/D"): DictionaryObject({NameObject("/OFF"): ArrayObject([laag])})})
    uit = io.BytesIO()
    schrijver.write(uit)
    bron = uit.getvalue()
    verborgen = (72, 645, 250, 660)
    assert _zwart_in(_beeld(bron), verborgen) == 0  # the source hides the line
    for markeringen in ([], [Lakmarkering("5.1.2.b", pagina=2)]):
        resultaat = weglakken(bron, markeringen)
        assert _zwart_in(_beeld(resultaat), verborgen) == 0, markeringen
        assert "Zichtbaar deel" in _beide(resultaat)


# --- met_vermelding: the line on every page of a redacted copy (woo.inventaris.KOPIEVERMELDING) ------------------

VERMELDING = "Gelakte kopie voor openbaarmaking (Woo). Niet verzegeld."


def test_vermelding_op_elke_pagina_als_tekst_en_inhoud_blijft():
    bron = _kernfont_pdf([["Eerste pagina met het besluit."], ["Tweede pagina: controleer de echtheid."]])
    uit = lakken.met_vermelding(bron, VERMELDING)
    for tekst in (_pypdf_tekst(uit), _pdfium_tekst(uit)):
        assert tekst.count(VERMELDING) == 2
        assert "Eerste pagina met het besluit." in tekst and "controleer de echtheid" in tekst
    assert len(PdfReader(io.BytesIO(uit)).pages) == 2
    assert PdfReader(io.BytesIO(uit)).metadata is None


def test_vermelding_bovenaan_en_rechtop_ook_op_een_gedraaide_pagina():
    gedraaid = PdfWriter(clone_from=io.BytesIO(_kernfont_pdf([["Liggende bijlage."]], orientatie="L")))
    gedraaid.pages[0].rotate(90)
    bron = io.BytesIO()
    gedraaid.write(bron)
    uit = lakken.met_vermelding(bron.getvalue(), VERMELDING)
    document = pdfium.PdfDocument(uit)
    try:
        pagina = document[0]
        breedte, hoogte = pagina.get_size()
        tekstpagina = pagina.get_textpage()
        plek = tekstpagina.get_text_range().find("Gelakte kopie")
        assert plek >= 0
        links, onder, rechts, boven = tekstpagina.get_charbox(plek)
        assert boven > hoogte - 30  # in the top margin of the page as it is shown
        assert breedte * 0.25 < (links + rechts) / 2 < breedte * 0.75  # centred
        assert pagina.get_rotation() == 0  # the rotation moved into the content
    finally:
        document.close()
