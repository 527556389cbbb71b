"""Burnt-in redaction of PDFs for Woo answers and active disclosure (issue 16, ADR 0024).

A Woo decision publishes its documents with the withheld passages covered by a **black bar containing the code** of
the ground, e.g. "5.1.2.e" (003 r. 90); whole pages or documents may be withheld (003 r. 62-83). A black rectangle
drawn over text (an overlay) leaves the text in the file: anyone can copy it out. So every page with a mark is
rendered to an image (pdfium), the bars are painted into the pixels, and the page is rebuilt from that image plus an
invisible text layer with the page's *remaining* text, so the published PDF stays searchable and readable by a
screen reader while the redacted characters exist nowhere in the file. Pages without a mark are copied as they are;
everything a page or document can carry besides its content (metadata, annotations, attachments, JavaScript,
outlines, forms, signatures, thumbnails, structure tree) is left out of the whole output: a redacted copy is a new
document, and a sealed PDF loses its seal by definition.

Passages are found case-insensitively in pdfium's character stream with whitespace and hyphens ignored, so a
passage broken over two lines (or hyphenated there) is found, and as a substring (a name inside a longer word is
redacted too: a missed redaction is a data leak, an extra bar is not). A passage that is not found raises
``LakFout`` naming it. pdfium is not thread-safe: every use holds ``_SLOT``.
"""

from __future__ import annotations

import ctypes
import io
import math
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from fpdf.enums import TextMode
from PIL import Image, ImageChops, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject

from .pdf import LETTERTYPE, PortaalPdf, pdf_tekst

DPI = 150
_SCHAAL = DPI / 72
_MAX_PIXELS = 20_000_000  # a poster-sized page renders coarser instead of taking ~100 MB of memory per page
# Points around a bar: anti-aliased glyph edges stay under the black, the neighbouring punctuation stays readable.
_MARGE_X, _MARGE_Y = 0.5, 0.8
_FONT = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
# What a copied page keeps: its content and geometry; annotations (forms, links, comments, signatures, attached
# files), page actions, thumbnails (a picture of the unredacted page!), structure links and private data are dropped.
_PAGINA_SLEUTELS = {"/Type", "/Parent", "/Resources", "/Contents", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox",
                    "/ArtBox", "/Rotate", "/Group", "/UserUnit"}
_KOPPELTEKENS = set("-\u00ad\u2010\u2011\u2012\u2013\u2014\u2212\x02")
_SLOT = threading.Lock()


class LakFout(ValueError):
    """The PDF cannot be redacted as asked (unreadable, encrypted, a passage not found, a page that does not
    exist); the message is Dutch and meant for the staff member."""


@dataclass(frozen=True)
class Lakmarkering:
    """One redaction: a passage (every occurrence, or only on ``pagina``), a whole page (``pagina`` without
    ``tekst``) or the whole document (neither), withheld on ``grond`` (the Woo code printed in the bar)."""

    grond: str
    tekst: str = ""
    pagina: int | None = None

    def __post_init__(self):
        if not str(self.grond or "").strip():
            raise LakFout("Een lakmarkering heeft een weigeringsgrond nodig (bijvoorbeeld 5.1.2.e).")
        if self.pagina is not None and (not isinstance(self.pagina, int) or self.pagina < 1):
            raise LakFout(f"Paginanummer {self.pagina!r} bestaat niet: pagina's tellen vanaf 1.")
        if self.tekst and not _sleutel(self.tekst):
            raise LakFout(f"De passage {self.tekst!r} bevat geen tekens om weg te lakken.")

    @property
    def hele_document(self) -> bool:
        return not self.tekst and self.pagina is None

    @property
    def hele_pagina(self) -> bool:
        return not self.tekst and self.pagina is not None


# --- reading ---------------------------------------------------------------------------------------------------

def _openen(pdf: bytes, *, plat: bool = False) -> tuple[PdfReader, pdfium.PdfDocument]:
    """Both readers, or LakFout: an encrypted PDF is refused even without a user password (its restrictions
    would be carried into the Woo set, and uploads refuse it too, ARCHITECTURE rule 5). A PDF with annotations is
    read flattened (``_plat_geslagen``), by every function here alike."""
    if not pdf or b"%PDF-" not in bytes(pdf[:1024]):  # readers accept a header anywhere in the first 1024 bytes
        raise LakFout("Het bestand is geen PDF en kan niet worden gelakt.")
    try:
        lezer = PdfReader(io.BytesIO(pdf), strict=False)
        versleuteld = lezer.is_encrypted
        aantal = None if versleuteld else len(lezer.pages)
    except Exception as fout:  # pypdf raises many types on damaged files
        raise LakFout(f"De PDF is beschadigd en kan niet worden gelakt ({fout.__class__.__name__}).") from fout
    if versleuteld:
        raise LakFout("De PDF is versleuteld of met een wachtwoord beveiligd; lever een onbeveiligde versie aan.")
    try:
        document = pdfium.PdfDocument(bytes(pdf))
    except pdfium.PdfiumError as fout:
        raise LakFout(f"De PDF is beschadigd en kan niet worden gelakt ({fout}).") from fout
    if len(document) != aantal or not aantal:
        document.close()
        raise LakFout("De PDF is beschadigd: de pagina's zijn niet eenduidig te lezen.")
    if not plat and any("/Annots" in pagina for pagina in lezer.pages):
        document.close()
        return _openen(_plat_geslagen(pdf, [i for i, p in enumerate(lezer.pages) if "/Annots" in p]), plat=True)
    return lezer, document


def _plat_geslagen(pdf: bytes, indexen: list[int]) -> bytes:
    """The PDF with what its annotations print (filled-in form fields, stamps, visible markup) merged into the
    page content. A filled-in form is published with its answers, which the staff then see in
    ``tekst_per_pagina`` and can mark; what does not print (comments, hidden fields, links) is dropped later
    with the annotations themselves."""
    document = pdfium.PdfDocument(bytes(pdf))
    try:
        document.init_forms()  # pdfium flattens only with its form environment loaded before the pages
        for index in indexen:
            pagina = document[index]
            # The raw call: pypdfium2's wrapper insists on a form environment, which a PDF without AcroForm
            # (a stamp, a text box) does not get. A page that fails keeps its annotations, dropped later anyway.
            pdfium_c.FPDFPage_Flatten(pagina, pdfium_c.FLAT_PRINT)
            pagina.close()
        uit = io.BytesIO()
        document.save(uit, flags=pdfium_c.FPDF_NO_INCREMENTAL)
        return uit.getvalue()
    except pdfium.PdfiumError as fout:
        raise LakFout(f"De formuliervelden en aantekeningen van de PDF zijn niet te verwerken ({fout}).") from fout
    finally:
        document.close()


def _tekens(tekstpagina: pdfium.PdfTextPage) -> list[str]:
    """pdfium's characters of a page, one per index (generated spaces and line breaks included)."""
    tekens = []
    for i in range(tekstpagina.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(tekstpagina, i)
        tekens.append(chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd")
    return tekens


@lru_cache(maxsize=8192)
def _normaal(teken: str) -> str:
    """What one character counts as when matching: case-folded, compatibility-normalised (ligatures, non-breaking
    spaces), whitespace, hyphens and control characters dropped (line breaks and hyphenation in between)."""
    if teken in _KOPPELTEKENS or teken.isspace() or ord(teken) < 32:
        return ""
    return "".join(c for c in unicodedata.normalize("NFKC", teken).casefold()
                   if not c.isspace() and c not in _KOPPELTEKENS)


def _sleutel(tekst: str) -> str:
    return "".join(_normaal(c) for c in str(tekst))


def _hooiberg(tekens: list[str]) -> tuple[str, list[int]]:
    """A page's characters normalised for matching, and for each normalised character its source index."""
    hooi, bron = [], []
    for index, teken in enumerate(tekens):
        for c in _normaal(teken):
            hooi.append(c)
            bron.append(index)
    return "".join(hooi), bron


def _treffers(hooiberg: tuple[str, list[int]], tekst: str) -> list[tuple[int, int]]:
    """(first, last) character index of every occurrence of ``tekst``; overlapping occurrences are all found."""
    hooi, bron = hooiberg
    naald = _sleutel(tekst)
    treffers, positie = [], hooi.find(naald) if naald else -1
    while positie >= 0:
        treffers.append((bron[positie], bron[positie + len(naald) - 1]))
        positie = hooi.find(naald, positie + 1)
    return treffers


def _hoek(tekstpagina, index: int) -> int:
    """A character's direction in whole degrees counter-clockwise (pdfium measures clockwise, in radians); 0 for
    ordinary text."""
    hoek = pdfium_c.FPDFText_GetCharAngle(tekstpagina, index)
    return 0 if hoek < 0 else round(-math.degrees(hoek)) % 360


def _raakt(a, b) -> bool:
    """Whether box ``b`` touches box ``a`` (left, bottom, right, top), with half a character's thickness of slack:
    the next character of the same run of rotated text."""
    speling = 0.5 * min(a[2] - a[0], a[3] - a[1])
    return b[0] <= a[2] + speling and b[2] >= a[0] - speling and b[1] <= a[3] + speling and b[3] >= a[1] - speling


def _kaders(tekstpagina, tekens: list[str], eerste: int, laatste: int) -> list[tuple[float, float, float, float]]:
    """One box (left, bottom, right, top; PDF points) per line of an occurrence: the loose boxes (the font's whole
    height) of its visible characters, joined while they stay on one line (for rotated text: while they touch)."""
    kaders: list[list[float]] = []
    vorige = None  # (box, angle) of the previous visible character
    for index in range(eerste, laatste + 1):
        if not _normaal(tekens[index]):
            continue
        kader = tekstpagina.get_charbox(index, loose=True)
        links, onder, rechts, boven = kader
        if rechts - links <= 0 and boven - onder <= 0:
            continue
        hoek = _hoek(tekstpagina, index)
        if kaders and vorige and vorige[1] == hoek:
            k = kaders[-1]
            if (k[1] <= (onder + boven) / 2 <= k[3] and links >= k[0] - 1) if hoek == 0 else _raakt(vorige[0], kader):
                k[0], k[1], k[2], k[3] = min(k[0], links), min(k[1], onder), max(k[2], rechts), max(k[3], boven)
                vorige = (kader, hoek)
                continue
        kaders.append([links, onder, rechts, boven])
        vorige = (kader, hoek)
    return [tuple(k) for k in kaders]


def tekst_per_pagina(pdf: bytes) -> list[str]:
    """The text of every page (index 0 = page 1), as pdfium reads it; line breaks as "\\n"."""
    with _SLOT:
        _, document = _openen(pdf)
        try:
            uit = []
            for pagina in document:
                tekstpagina = pagina.get_textpage()
                uit.append(tekstpagina.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            return uit
        finally:
            document.close()


def vind(pdf: bytes, tekst: str) -> list[tuple[int, list[tuple[float, float, float, float]]]]:
    """Every occurrence of ``tekst`` (matched as in ``weglakken``): its 1-based page and its boxes, one per line,
    as (left, bottom, right, top) in PDF points, in the user space of the unrotated page (as pdfium and pypdf
    give coordinates; y grows upwards)."""
    return vind_alle(pdf, [tekst])[tekst]


def vind_alle(pdf: bytes, teksten: Iterable[str]) -> dict[str, list[tuple[int, list[tuple[float, float, float, float]]]]]:
    """``vind`` for many passages in one pass over the PDF (pre-marking checks dozens of known names)."""
    teksten = list(dict.fromkeys(str(t) for t in teksten))
    uit: dict[str, list] = {tekst: [] for tekst in teksten}
    if not any(_sleutel(t) for t in teksten):
        return uit
    with _SLOT:
        _, document = _openen(pdf)
        try:
            for nummer, pagina in enumerate(document, start=1):
                tekstpagina = pagina.get_textpage()
                tekens = _tekens(tekstpagina)
                hooiberg = _hooiberg(tekens)
                for tekst in teksten:
                    for eerste, laatste in _treffers(hooiberg, tekst):
                        uit[tekst].append((nummer, _kaders(tekstpagina, tekens, eerste, laatste)))
            return uit
        finally:
            document.close()


# --- personal data -------------------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# A Dutch number: +31 / 0031 / 0, then digits with single spaces, hyphens, dots or brackets ("(0)", "(035)"), or
# a line break (``tekst_per_pagina`` keeps the PDF's lines; ``weglakken`` finds a passage over a line break).
_TELEFOON = re.compile(r"(?<![\w.,+/-])(?:(?:\+|00)31[ \t\u00a0]?(?:\(0\)[ \t\u00a0]?)?|\(?0)"
                       r"\d(?:[ \t\u00a0\r\n\-.)(]{0,3}\d){7,11}(?![\w])")
_BSN = re.compile(r"(?<![\w.,/-])(?:\d{9}|\d{4}[ .]\d{2}[ .]\d{3})(?![\w]|[.,/-]\d)")
_IBAN = re.compile(r"(?<![\w])[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]{4}){2,7}(?:\s?[A-Za-z0-9]{1,3})?(?![\w])")


def _telefoon_geldig(kandidaat: str) -> bool:
    """A Dutch number has 9 digits after the trunk 0 or +31, and the first of those is not 0 (ACM numbering plan)."""
    cijfers = re.sub(r"\D", "", kandidaat)
    if kandidaat.startswith("+31") or kandidaat.startswith("0031"):
        cijfers = cijfers[4:] if kandidaat.startswith("0031") else cijfers[2:]
        cijfers = cijfers[1:] if cijfers.startswith("0") and len(cijfers) == 10 else cijfers
    elif cijfers.startswith("0"):
        cijfers = cijfers[1:]
    else:
        return False
    return len(cijfers) == 9 and cijfers[0] != "0"


def _telefoons(tekst: str):
    """(start, number) of each Dutch phone number. A run of digits may hold two numbers ("035 692 64 00 06
    12345678"): the longest valid prefix that ends at a digit group counts, and the search goes on after it."""
    positie = 0
    while (m := _TELEFOON.search(tekst, positie)) is not None:
        kandidaat, geldig = m.group(), None
        for einde in range(len(kandidaat), 0, -1):
            if kandidaat[einde - 1].isdigit() and (einde == len(kandidaat) or not kandidaat[einde].isdigit()) \
                    and _telefoon_geldig(kandidaat[:einde].lstrip("(")):
                geldig = kandidaat[:einde]
                break
        if geldig:
            yield m.start(), geldig
            positie = m.start() + len(geldig)
        else:
            positie = m.start() + 1


def bsn_geldig(cijfers: str) -> bool:
    """The 11-test of a BSN: 9 digits, weights 9..2 and -1, sum divisible by 11 (and not all zeros)."""
    cijfers = re.sub(r"\D", "", cijfers)
    if len(cijfers) != 9 or set(cijfers) == {"0"}:
        return False
    som = sum(int(c) * w for c, w in zip(cijfers, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return som % 11 == 0


def iban_geldig(iban: str) -> bool:
    """ISO 13616 check: 15-34 characters, country letters, and the mod-97 of the rearranged number is 1."""
    iban = re.sub(r"\s", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return False
    return int("".join(str(int(c, 36)) for c in iban[4:] + iban[:4])) % 97 == 1


def _iban_in(kandidaat: str) -> str | None:
    """The longest valid IBAN at the start of ``kandidaat`` (a greedy match may swallow a following group)."""
    einden = [m.end() for m in re.finditer(r"\S+", kandidaat)]
    for einde in reversed(einden):
        if iban_geldig(kandidaat[:einde]):
            return kandidaat[:einde]
    return None


def persoonsgegevens_in(tekst: str) -> list[str]:
    """Personal data in a text, as it occurs there (ready for ``Lakmarkering(tekst=…)``), in order, each once:
    e-mail addresses, Dutch phone numbers, BSNs that pass the 11-test and IBANs that pass mod-97 (5.1.2.e, 003
    r. 93-101). Names cannot be recognised reliably this way; the portal pre-marks the names it knows."""
    tekst = str(tekst or "")
    gevonden: list[tuple[int, str]] = []
    for m in _EMAIL.finditer(tekst):
        gevonden.append((m.start(), m.group().rstrip(".")))
    for m in _IBAN.finditer(tekst):
        iban = _iban_in(m.group())
        if iban:
            gevonden.append((m.start(), iban))
    for start, nummer in _telefoons(tekst):
        if not _binnen(gevonden, start):
            gevonden.append((start, nummer))
    for m in _BSN.finditer(tekst):
        if bsn_geldig(m.group()) and not _binnen(gevonden, m.start()):
            gevonden.append((m.start(), m.group()))
    uit: list[str] = []
    for _, waarde in sorted(gevonden):
        if waarde not in uit:
            uit.append(waarde)
    return uit


def _binnen(gevonden: list[tuple[int, str]], positie: int) -> bool:
    """Whether ``positie`` lies inside an earlier find (the digits of an IBAN are no phone number)."""
    return any(start <= positie < start + len(waarde) for start, waarde in gevonden)


# --- drawing ---------------------------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def _lettertype(pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_FONT), pixels)


def _passend(grond: str, lengte: float, dikte: float) -> ImageFont.FreeTypeFont | None:
    """The largest font for the code that fits a bar of this length and thickness (pixels); None below 6 px."""
    grootte = int(dikte * 0.7)
    if grootte >= 6 and _lettertype(grootte).getlength(grond) > lengte - 4:
        grootte = int(grootte * (lengte - 4) / _lettertype(grootte).getlength(grond))
    return _lettertype(grootte) if grootte >= 6 else None


def _balk(beeld: Image.Image, kader: tuple[float, float, float, float], grond: str) -> None:
    """A black bar over ``kader`` (pixels) with the ground's code in white, as large as fits (003 r. 90); along
    the bar when it covers vertical text."""
    links, boven, rechts, onder = (math.floor(kader[0]), math.floor(kader[1]), math.ceil(kader[2]),
                                   math.ceil(kader[3]))
    tekenaar = ImageDraw.Draw(beeld)
    tekenaar.rectangle((links, boven, rechts, onder), fill="black")
    breedte, hoogte = rechts - links, onder - boven
    staand = hoogte > 1.5 * breedte
    lettertype = _passend(grond, hoogte if staand else breedte, breedte if staand else hoogte)
    if lettertype is None:
        return
    if not staand:
        tekenaar.text(((links + rechts) / 2, (boven + onder) / 2), grond, fill="white", font=lettertype, anchor="mm")
        return
    vak = Image.new("L", (hoogte, breedte), 0)
    ImageDraw.Draw(vak).text((hoogte / 2, breedte / 2), grond, fill=255, font=lettertype, anchor="mm")
    vak = vak.rotate(90, expand=True)
    beeld.paste((255, 255, 255), (links + (breedte - vak.width) // 2, boven + (hoogte - vak.height) // 2), vak)


def _afbeelding(beeld: Image.Image) -> Image.Image | io.BytesIO:
    """Greyscale pages stay greyscale (lossless, small); colour pages become a JPEG (a photo as Flate is huge)."""
    rood, groen, blauw = beeld.split()
    if ImageChops.difference(rood, groen).getbbox() is None and ImageChops.difference(groen, blauw).getbbox() is None:
        return beeld.convert("L")
    uit = io.BytesIO()
    beeld.save(uit, format="JPEG", quality=88, optimize=True)
    uit.seek(0)
    return uit


class _Opbouw:
    """The rebuilt and placeholder pages, in one fpdf2 document so the text-layer font is embedded once."""

    def __init__(self):
        self.pdf = PortaalPdf(unit="pt")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        self.aantal = 0
        self._breedtes: dict[str, float] = {}

    def _pagina(self, breedte: float, hoogte: float) -> int:
        self.pdf.add_page(format=(breedte, hoogte))
        self.aantal += 1
        return self.aantal - 1

    def herbouwd(self, pagina, tekstpagina, tekens: list[str], balken: list[tuple[int, tuple, str]],
                 weg: set[int]) -> tuple[int, int]:
        """Render the page (rotation undone), paint the bars, add the remaining text invisibly. Returns the index
        of the new page and the rotation to put back on it."""
        draaiing = pagina.get_rotation()
        pagina.set_rotation(0)
        links, onder, rechts, boven = pagina.get_bbox()
        breedte, hoogte = rechts - links, boven - onder
        schaal = min(_SCHAAL, math.sqrt(_MAX_PIXELS / max(1.0, breedte * hoogte)))
        beeld = pagina.render(scale=schaal, draw_annots=False, may_draw_forms=False,
                              rev_byteorder=True).to_pil().convert("RGB")
        sx, sy = beeld.width / breedte, beeld.height / hoogte
        for _, (kl, ko, kr, kb), grond in balken:
            _balk(beeld, ((kl - links - _MARGE_X) * sx, (boven - kb - _MARGE_Y) * sy,
                          (kr - links + _MARGE_X) * sx, (boven - ko + _MARGE_Y) * sy), grond)
        index = self._pagina(breedte, hoogte)
        self.pdf.image(_afbeelding(beeld), x=0, y=0, w=breedte, h=hoogte)
        with self.pdf.local_context(text_mode=TextMode.INVISIBLE):
            for woord, x, y, grootte, lengte, code, hoek in _woorden(tekstpagina, tekens, weg, balken):
                self._onzichtbaar(woord, x - links, boven - y, grootte, lengte, code, hoek)
        return index, draaiing

    def _onzichtbaar(self, woord: str, x: float, y: float, grootte: float, lengte: float, code: bool,
                     hoek: int) -> None:
        """Invisible text stretched over the length the word had, along its direction (``hoek`` degrees
        counter-clockwise from (x, y), fpdf2 coordinates); a bar's code sits centred in its bar at its natural
        width (text extraction then keeps the spaces around it). Widths per word are cached: fpdf2's measuring
        was half the time of a dense page."""
        grootte = round(max(1.0, min(grootte, 400.0)), 2)
        if self.pdf.font_size_pt != grootte or self.pdf.font_style:
            self.pdf.set_font(LETTERTYPE, "", grootte)
        kaal = woord.rstrip()
        per_punt = self._breedtes.get(kaal)
        if per_punt is None:
            self.pdf.set_stretching(100)
            per_punt = self._breedtes[kaal] = self.pdf.get_string_width(kaal) / grootte
        natuurlijk, rek = per_punt * grootte, 100.0
        if code:
            opschuif = max(0.0, (lengte - natuurlijk) / 2)
            x, y = x + opschuif * math.cos(math.radians(hoek)), y - opschuif * math.sin(math.radians(hoek))
        elif natuurlijk > 0 and lengte > 0:
            rek = round(max(10.0, min(1000.0, 100 * lengte / natuurlijk)), 1)
        self.pdf.set_stretching(rek)
        if hoek:
            with self.pdf.rotation(hoek, x, y):
                self.pdf.text(x, y, woord)
        else:
            self.pdf.text(x, y, woord)

    def melding(self, breedte: float, hoogte: float, regels: list[str]) -> int:
        """A placeholder page of the given size with the notice centred on it."""
        index = self._pagina(breedte, hoogte)
        grootte = max(8.0, min(14.0, breedte / 40))
        self.pdf.set_font(LETTERTYPE, "B", grootte)
        self.pdf.set_xy(breedte * 0.1, hoogte * 0.4)
        for nummer, regel in enumerate(regels):
            if nummer == 1:
                self.pdf.set_font(LETTERTYPE, "", grootte * 0.85)
            self.pdf.multi_cell(breedte * 0.8, grootte * 1.4, pdf_tekst(regel), align="C",
                                new_x="LEFT", new_y="NEXT")
        return index

    def lezer(self) -> PdfReader | None:
        return PdfReader(io.BytesIO(bytes(self.pdf.output()))) if self.aantal else None


def _woorden(tekstpagina, tekens: list[str], weg: set[int], balken: list[tuple[int, tuple, str]]):
    """The page's remaining text as words: (text, baseline x, baseline y, font size, length, is a code, angle),
    PDF points, in reading order; each bar's code takes the place of what it covers, so a screen reader (and a
    text extract) says why something is missing."""
    codes: dict[int, list[tuple[tuple, str]]] = {}
    for begin, kader, grond in balken:
        codes.setdefault(begin, []).append((kader, grond))
    woord: list[int] = []

    def klaar():
        eerste, laatste = woord[0], woord[-1]
        hoek = _hoek(tekstpagina, eerste)
        x, y = _oorsprong(tekstpagina, eerste)
        links, onder, rechts, boven = tekstpagina.get_charbox(eerste, loose=True)
        cos, sin = abs(math.cos(math.radians(hoek))), abs(math.sin(math.radians(hoek)))
        dikte = (boven - onder) * cos + (rechts - links) * sin
        if hoek == 0:
            x, lengte = links, tekstpagina.get_charbox(laatste, loose=True)[2] - links
        else:
            xl, yl = _oorsprong(tekstpagina, laatste)
            ll, lo, lr, lb = tekstpagina.get_charbox(laatste, loose=True)
            lengte = math.hypot(xl - x, yl - y) + (lr - ll) * cos + (lb - lo) * sin
        # pdfium's font size leaves out the text matrix (a "1 Tf" scaled by "12 0 0 12 Tm", as many producers
        # write): then the loose box's height says it better (ascent to descent is ~1.17 em in common fonts).
        grootte = pdfium_c.FPDFText_GetFontSize(tekstpagina, eerste)
        if not 0.5 * dikte <= grootte <= 1.5 * dikte:
            grootte = dikte / 1.17
        tekst = "".join(tekens[i] for i in woord)
        # The space after a word goes into the layer as a character: extractors that guess spaces from gaps
        # (pypdf) would otherwise glue stretched words together.
        if laatste + 1 < len(tekens) and tekens[laatste + 1].isspace():
            tekst += " "
        return tekst, x, y, grootte, lengte, False, hoek

    vorige = None  # (origin y, angle, loose box) of the previous visible character
    for index, teken in enumerate(tekens):
        for (kl, ko, kr, kb), grond in codes.get(index, ()):
            if woord:
                yield klaar()
                woord = []
            if kb - ko > 1.5 * (kr - kl):  # a bar over vertical text: the code runs up along it
                yield grond, kr - (kr - kl) * 0.25, ko, (kr - kl) * 0.6, kb - ko, True, 90
            else:
                yield grond, kl, ko + (kb - ko) * 0.25, (kb - ko) * 0.6, kr - kl, True, 0
        if index not in weg and teken.strip() and ord(teken) >= 32 and teken != "\ufffd":
            _, y = _oorsprong(tekstpagina, index)
            hoek = _hoek(tekstpagina, index)
            kader = tekstpagina.get_charbox(index, loose=True) if hoek else None
            if woord and vorige is not None and (
                    vorige[1] != hoek or (abs(y - vorige[0]) > 1 if hoek == 0 else not _raakt(vorige[2], kader))):
                yield klaar()
                woord = []
            vorige = (y, hoek, kader)
            woord.append(index)
        elif woord:
            yield klaar()
            woord = []
    if woord:
        yield klaar()


def _oorsprong(tekstpagina, index: int) -> tuple[float, float]:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(tekstpagina, index, x, y)
    return x.value, y.value


# --- redacting -------------------------------------------------------------------------------------------------

def _gronden(markeringen: list[Lakmarkering]) -> str:
    gronden = []
    for markering in markeringen:
        if markering.grond.strip() not in gronden:
            gronden.append(markering.grond.strip())
    return " en ".join(gronden)


def mededeling_niet_openbaar(grond: str, pagina_aantal: int | None = None) -> bytes:
    """The one-page notice that stands in for a wholly withheld document."""
    opbouw = _Opbouw()
    regels = [f"Document niet openbaar gemaakt op grond van art. {grond} Woo"]
    if pagina_aantal:
        regels.append(f"Het document telt {pagina_aantal} pagina{'' if pagina_aantal == 1 else '’s'}.")
    opbouw.melding(595.28, 841.89, regels)
    return _schrijven([opbouw.lezer().pages[0]])


def _zonder_metadata(obj, gezien: set[int]) -> None:
    """Drop XMP and private application data from everything a copied page uses (an image or form XObject can
    carry its author's XMP); a walk over the objects, each visited once."""
    if isinstance(obj, IndirectObject):
        if obj.idnum in gezien:
            return
        gezien.add(obj.idnum)
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        for sleutel in ("/Metadata", "/PieceInfo", "/LastModified"):
            obj.pop(sleutel, None)
        for waarde in obj.values():
            _zonder_metadata(waarde, gezien)
    elif isinstance(obj, ArrayObject):
        for waarde in obj:
            _zonder_metadata(waarde, gezien)


def _schrijven(paginas, lagen=None) -> bytes:
    """A new PDF of exactly these pages and nothing else: no info dictionary, no XMP, no catalog extras, except
    the source's optional-content settings (``lagen``): without them a layer its author switched off would show
    on a copied page."""
    schrijver = PdfWriter()
    for pagina, draaiing in ((p if isinstance(p, tuple) else (p, None)) for p in paginas):
        for sleutel in list(pagina.keys()):
            if sleutel not in _PAGINA_SLEUTELS:
                del pagina[sleutel]
        _zonder_metadata(pagina.get("/Resources"), set())
        nieuw = schrijver.add_page(pagina)
        if draaiing:
            nieuw[NameObject("/Rotate")] = NumberObject(draaiing)
    if lagen is not None:
        # Cloned after the pages: pypdf maps each source object once, so the layers are the pages' own layers.
        schrijver._root_object[NameObject("/OCProperties")] = lagen.clone(schrijver)
    schrijver.metadata = None
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def weglakken(pdf: bytes, markeringen: Iterable[Lakmarkering]) -> bytes:
    """Return a new PDF with every marked passage burnt in: each page with a passage is rebuilt from an image with
    black bars carrying the ground's code plus an invisible layer of its remaining text; a withheld page becomes a
    notice page; other pages are copied. Document metadata, annotations, forms, attachments, scripts, outlines and
    signatures are not carried over.

    A mark for the whole document (neither ``tekst`` nor ``pagina``) returns the one-page notice
    ``mededeling_niet_openbaar`` instead (the Woo set leaves the document out, its inventory row says why).
    Raises ``LakFout`` when the PDF is unreadable or encrypted, a page does not exist, or a passage is not found.
    """
    markeringen = list(markeringen)
    if any(not isinstance(m, Lakmarkering) for m in markeringen):
        raise LakFout("Alleen lakmarkeringen kunnen worden toegepast.")
    geheel = [m for m in markeringen if m.hele_document]
    with _SLOT:
        lezer, document = _openen(pdf)
        try:
            aantal = len(document)
            if geheel:
                return mededeling_niet_openbaar(_gronden(geheel), aantal)
            return _weglakken(lezer, document, markeringen)
        finally:
            document.close()


def _samengevoegd(balken: list[tuple[int, tuple, str]]) -> list[tuple[int, tuple, str]]:
    """Overlapping bars on one line become one (a name marked on its own and inside a longer passage): one black
    bar with one legible code instead of codes printed over each other. The larger bar's ground wins."""
    uit: list[list] = []
    for begin, kader, grond in sorted(balken, key=lambda b: (b[1][2] - b[1][0]) * (b[1][3] - b[1][1]), reverse=True):
        for balk in uit:
            k = balk[1]
            hoogte = min(k[3], kader[3]) - max(k[1], kader[1])
            if hoogte > 0.5 * min(k[3] - k[1], kader[3] - kader[1]) and min(k[2], kader[2]) > max(k[0], kader[0]):
                balk[0] = min(balk[0], begin)
                balk[1] = (min(k[0], kader[0]), min(k[1], kader[1]), max(k[2], kader[2]), max(k[3], kader[3]))
                break
        else:
            uit.append([begin, kader, grond])
    return [tuple(b) for b in sorted(uit, key=lambda b: b[0])]


def _weglakken(lezer: PdfReader, document: pdfium.PdfDocument, markeringen: list[Lakmarkering]) -> bytes:
    aantal = len(document)
    for m in markeringen:
        if m.pagina is not None and m.pagina > aantal:
            raise LakFout(f"Pagina {m.pagina} bestaat niet: de PDF telt {aantal} pagina's.")
    hele_paginas: dict[int, list[Lakmarkering]] = {}
    for m in markeringen:
        if m.hele_pagina:
            hele_paginas.setdefault(m.pagina - 1, []).append(m)
    passages = [m for m in markeringen if m.tekst]
    gevonden: set[int] = set()
    opbouw = _Opbouw()
    nieuw: dict[int, tuple[int, int]] = {}  # page index -> (index in opbouw, rotation to restore)
    for index in range(aantal):
        pagina = document[index]
        if index in hele_paginas:
            breedte, hoogte = pagina.get_size()  # as displayed (rotation applied): the notice reads upright
            # A withheld page still counts as the place where its passages were found: they are gone with it.
            if passages:
                hooiberg = _hooiberg(_tekens(pagina.get_textpage()))
                for nummer, m in enumerate(passages):
                    if (m.pagina in (None, index + 1)) and _treffers(hooiberg, m.tekst):
                        gevonden.add(nummer)
            grond = _gronden(hele_paginas[index])
            nieuw[index] = (opbouw.melding(breedte, hoogte, [
                f"Pagina niet openbaar gemaakt op grond van art. {grond} Woo"]), 0)
            continue
        tekstpagina = pagina.get_textpage()
        tekens = _tekens(tekstpagina) if passages else []
        hooiberg = _hooiberg(tekens)
        balken, weg = [], set()
        for nummer, m in enumerate(passages):
            if m.pagina not in (None, index + 1):
                continue
            for eerste, laatste in _treffers(hooiberg, m.tekst):
                gevonden.add(nummer)
                weg.update(range(eerste, laatste + 1))
                balken.extend((eerste, kader, m.grond.strip())
                              for kader in _kaders(tekstpagina, tekens, eerste, laatste))
        if weg:
            nieuw[index] = opbouw.herbouwd(pagina, tekstpagina, tekens, _samengevoegd(balken), weg)
    ontbrekend = [m for nummer, m in enumerate(passages) if nummer not in gevonden]
    if ontbrekend:
        beschrijving = "; ".join(f"“{m.tekst}”" + (f" (pagina {m.pagina})" if m.pagina else "") for m in ontbrekend)
        raise LakFout(f"Niet gevonden in de PDF, dus niet gelakt: {beschrijving}. Controleer de schrijfwijze; "
                      "tekst in een afbeelding (een scan) kan niet als passage worden gelakt.")
    gebouwd = opbouw.lezer()
    paginas = []
    for index in range(aantal):
        if index in nieuw:
            positie, draaiing = nieuw[index]
            paginas.append((gebouwd.pages[positie], draaiing))
        else:
            paginas.append(lezer.pages[index])
    lagen = lezer.trailer["/Root"].get("/OCProperties")
    return _schrijven(paginas, lagen.get_object() if lagen is not None and len(nieuw) < aantal else None)


def met_vermelding(pdf: bytes, tekst: str) -> bytes:
    """``pdf`` with ``tekst`` as one small line in the top margin of every page, as real text (readable, found by a
    search and by a screen reader). For a redacted copy: it carries the sealed letter's own sentence about its
    seal, but the copy itself is a new, unsealed file, and a reader must not be led to think otherwise.
    A rotated page has its rotation moved into its content first, so the line reads upright on every page."""
    with _SLOT:
        lezer = PdfReader(io.BytesIO(pdf))
        schrijver = PdfWriter()
        stempels: dict[tuple[float, float], object] = {}
        for bron in lezer.pages:
            pagina = schrijver.add_page(bron)  # pypdf merges only into a page that belongs to a writer
            if pagina.get("/Rotate", 0) % 360:
                pagina.transfer_rotation_to_content()
            vak = pagina.mediabox
            breedte, hoogte = float(vak.width), float(vak.height)
            if (breedte, hoogte) not in stempels:
                stempels[(breedte, hoogte)] = PdfReader(io.BytesIO(_stempel(breedte, hoogte, tekst))).pages[0]
            stempel = stempels[(breedte, hoogte)]
            if float(vak.left) or float(vak.bottom):
                pagina.merge_translated_page(stempel, float(vak.left), float(vak.bottom))
            else:
                pagina.merge_page(stempel)
        schrijver.metadata = None
        uit = io.BytesIO()
        schrijver.write(uit)
        return uit.getvalue()


def _stempel(breedte: float, hoogte: float, tekst: str) -> bytes:
    """One page of ``breedte`` × ``hoogte`` points with ``tekst`` centred 3 mm below the top edge, 7 pt."""
    doc = PortaalPdf(unit="pt", format=(breedte, hoogte))
    doc.set_auto_page_break(False)
    doc.set_margins(0, 0, 0)
    doc.add_page()
    doc.set_font(LETTERTYPE, "", 7)
    doc.set_text_color(60, 60, 60)
    doc.set_xy(14, 8.5)
    doc.cell(breedte - 28, 9, pdf_tekst(tekst), align="C")
    return bytes(doc.output())
