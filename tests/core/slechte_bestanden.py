"""Good and bad uploads, built in code at test time so no binary files live in the repository.

Every function returns ``bytes``. ``SLECHTE_BESTANDEN`` lists the refusals one by one: file name, content
factory, allowed kinds and the expected ``ValidationError`` code.
"""

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)


def geldige_pdf(paginas: int = 3, *, tekst_per_pagina: int = 40) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for nummer in range(1, paginas + 1):
        pdf.add_page()
        pdf.multi_cell(w=0, text=f"Verklaring, pagina {nummer}. " + "Zorg en welzijn. " * tekst_per_pagina)
    return bytes(pdf.output())


def grote_pdf(minimaal_bytes: int) -> bytes:
    """A valid one-page PDF made large by an (incompressible) metadata stream, to make the reader take chunks.

    Not an attachment: embedded files are refused as active content (issue 11).
    """
    schrijver = PdfWriter(clone_from=io.BytesIO(geldige_pdf(1)))
    stream = StreamObject()
    stream.set_data(_ruis(minimaal_bytes))
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    schrijver._root_object[NameObject("/Metadata")] = schrijver._add_object(stream)
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def afgekapte_pdf() -> bytes:
    """A valid PDF cut in half, as a failed upload or a full disk leaves it."""
    data = geldige_pdf()
    return data[: len(data) // 2]


def pdf_zonder_eindmarkering() -> bytes:
    """Cut just before "%%EOF": everything else is there, but the file did not finish."""
    data = geldige_pdf()
    return data[: data.rindex(b"%%EOF")]


def pdf_met_ontbrekende_pagina_inhoud() -> bytes:
    """Intact structure, but the page's content stream object is gone: blanked out with spaces."""
    data = geldige_pdf(1)
    inhoud = PdfReader(io.BytesIO(data)).pages[0].raw_get("/Contents")
    begin = data.index(f"\n{inhoud.idnum} 0 obj".encode()) + 1
    einde = data.index(b"endobj", begin) + len(b"endobj")
    return data[:begin] + b" " * (einde - begin) + data[einde:]


def versleutelde_pdf(wachtwoord: str = "geheim") -> bytes:
    schrijver = PdfWriter(clone_from=io.BytesIO(geldige_pdf()))
    schrijver.encrypt(wachtwoord)
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def pdf_met_alleen_eigenaarswachtwoord() -> bytes:
    """Opens without a password (empty user password) but is still encrypted: copy/print restrictions."""
    schrijver = PdfWriter(clone_from=io.BytesIO(geldige_pdf()))
    schrijver.encrypt(user_password="", owner_password="eigenaar", algorithm="RC4-128")
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def pdf_zonder_paginas() -> bytes:
    uit = io.BytesIO()
    PdfWriter().write(uit)
    return uit.getvalue()


def pdf_rommel() -> bytes:
    """Starts like a PDF, then noise."""
    return b"%PDF-1.7\n" + _ruis(4000) + b"\n%%EOF\n"


def png(breedte: int = 2, hoogte: int = 2, tekst: bytes = b"") -> bytes:
    """A minimal valid RGB PNG (PNG spec: signature, IHDR, optional tEXt, IDAT, IEND)."""

    def chunk(soort: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", zlib.crc32(soort + data))

    ihdr = struct.pack(">IIBBBBB", breedte, hoogte, 8, 2, 0, 0, 0)
    rijen = b"".join(b"\x00" + b"\xe0\x30\x10" * breedte for _ in range(hoogte))
    delen = [chunk(b"IHDR", ihdr)]
    if tekst:
        delen.append(chunk(b"tEXt", b"Comment\x00" + tekst))
    delen += [chunk(b"IDAT", zlib.compress(rijen)), chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(delen)


def png_met_pdf_tekst() -> bytes:
    """A PNG whose text chunk holds "%PDF-" within the first 1024 bytes: still a PNG."""
    return png(tekst=b"%PDF-1.7 dit is geen pdf\n%%EOF")


def jpeg() -> bytes:
    from PIL import Image  # Pillow comes with Wagtail; a JPEG encoder by hand is not worth it

    uit = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 40, 20)).save(uit, format="JPEG")
    return uit.getvalue()


def docx() -> bytes:
    """The smallest Word document Word opens: content types, package relationships, the main part."""
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
            ),
            "word/document.xml": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                "<w:body><w:p><w:r><w:t>Plan van aanpak</w:t></w:r></w:p></w:body></w:document>"
            ),
        }
    )


def xlsx() -> bytes:
    from openpyxl import Workbook

    werkboek = Workbook()
    werkboek.active.append(["Product", "Tarief"])
    uit = io.BytesIO()
    werkboek.save(uit)
    return uit.getvalue()


def odt() -> bytes:
    return _odf("application/vnd.oasis.opendocument.text")


def ods() -> bytes:
    return _odf("application/vnd.oasis.opendocument.spreadsheet")


def afgekapte_docx() -> bytes:
    data = docx()
    return data[: len(data) // 2]


def docx_met_onbekende_zipversie() -> bytes:
    """The central directory asks for zip version 9.9: Python's zipfile raises NotImplementedError, not BadZipFile."""
    data = bytearray(docx())
    centraal = data.index(b"PK\x01\x02")
    data[centraal + 6 : centraal + 8] = (99).to_bytes(2, "little")
    return bytes(data)


def gewone_zip() -> bytes:
    return _zip({"stukken/verklaring.txt": "geen office-document"})


def platte_tekst() -> bytes:
    return "Dit is een notitie, geen PDF.\nMet vriendelijke groet,\nZorgaanbieder ë\n".encode()


def _odf(mime: str) -> bytes:
    # ODF 1.2 part 3, 3.3: "mimetype" first and stored, so its bytes sit at a fixed offset.
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as archief:
        archief.writestr(zipfile.ZipInfo("mimetype"), mime, compress_type=zipfile.ZIP_STORED)
        archief.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
            compress_type=zipfile.ZIP_DEFLATED,
        )
        archief.writestr(
            "content.xml",
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return uit.getvalue()


def _zip(bestanden: dict[str, str]) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        for naam, inhoud in bestanden.items():
            archief.writestr(naam, inhoud)
    return uit.getvalue()


def _ruis(aantal: int) -> bytes:
    """Incompressible bytes from a fixed seed, so every run builds the same files."""
    return random.Random(20250101).randbytes(aantal)


# --- active content and polyglots (issue 11) ---------------------------------------------------------------


def _pdf_met(aanpassen: Callable[[PdfWriter], None]) -> bytes:
    """A real small PDF (fpdf2, then rewritten by pypdf) changed by ``aanpassen`` before writing."""
    schrijver = PdfWriter(clone_from=io.BytesIO(geldige_pdf(1)))
    aanpassen(schrijver)
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def _d(**items) -> DictionaryObject:
    return DictionaryObject({NameObject(f"/{k}"): v for k, v in items.items()})


def _js_actie() -> DictionaryObject:
    return _d(S=NameObject("/JavaScript"), JS=TextStringObject("app.alert(1)"))


def pdf_met_openaction_javascript() -> bytes:
    return _pdf_met(lambda w: w._root_object.__setitem__(NameObject("/OpenAction"), _js_actie()))


def pdf_met_openaction_launch() -> bytes:
    actie = _d(S=NameObject("/Launch"), F=TextStringObject("cmd.exe"))
    return _pdf_met(lambda w: w._root_object.__setitem__(NameObject("/OpenAction"), actie))


def pdf_met_javascript_in_names() -> bytes:
    """Document-level script: catalog /Names → /JavaScript name tree (ISO 32000-1, 7.7.4)."""
    def aanpassen(w: PdfWriter) -> None:
        boom = _d(Names=ArrayObject([TextStringObject("hallo"), w._add_object(_js_actie())]))
        w._root_object[NameObject("/Names")] = _d(JavaScript=w._add_object(boom))
    return _pdf_met(aanpassen)


def pdf_met_catalogus_aa() -> bytes:
    return _pdf_met(lambda w: w._root_object.__setitem__(NameObject("/AA"), _d(WC=_js_actie())))


def pdf_met_pagina_aa() -> bytes:
    return _pdf_met(lambda w: w.pages[0].__setitem__(NameObject("/AA"), _d(O=_js_actie())))


def pdf_met_bijlage() -> bytes:
    return _pdf_met(lambda w: w.add_attachment("factuur.exe", b"MZ nep programma"))


def pdf_met_bijlage_annotatie() -> bytes:
    annotatie = _d(Type=NameObject("/Annot"), Subtype=NameObject("/FileAttachment"),
                   Rect=ArrayObject([NumberObject(0), NumberObject(0), NumberObject(10), NumberObject(10)]))
    return _pdf_met(lambda w: w.pages[0].__setitem__(NameObject("/Annots"), ArrayObject([w._add_object(annotatie)])))


def pdf_met_link_die_programma_start() -> bytes:
    annotatie = _d(Type=NameObject("/Annot"), Subtype=NameObject("/Link"),
                   Rect=ArrayObject([NumberObject(0), NumberObject(0), NumberObject(10), NumberObject(10)]),
                   A=_d(S=NameObject("/Launch"), F=TextStringObject("calc.exe")))
    return _pdf_met(lambda w: w.pages[0].__setitem__(NameObject("/Annots"), ArrayObject([w._add_object(annotatie)])))


def pdf_met_xfa() -> bytes:
    return _pdf_met(lambda w: w._root_object.__setitem__(
        NameObject("/AcroForm"), _d(Fields=ArrayObject(), XFA=TextStringObject("<xdp:xdp/>"))))


def pdf_met_richmedia() -> bytes:
    annotatie = _d(Type=NameObject("/Annot"), Subtype=NameObject("/RichMedia"),
                   Rect=ArrayObject([NumberObject(0), NumberObject(0), NumberObject(10), NumberObject(10)]))
    return _pdf_met(lambda w: w.pages[0].__setitem__(NameObject("/Annots"), ArrayObject([w._add_object(annotatie)])))


def pdf_met_indirecte_javascript() -> bytes:
    """The action is an object of its own behind an indirect reference, as most writers store it."""
    return _pdf_met(lambda w: w._root_object.__setitem__(NameObject("/OpenAction"), w._add_object(_js_actie())))


def pdf_met_hex_escaped_javascript() -> bytes:
    """"/J#61vaScript" is "/JavaScript" to every reader (ISO 32000-1, 7.3.5). pypdf escapes "#" when it
    writes, so placeholders of the same length are swapped in afterwards and every offset stays right."""
    actie = _d(S=NameObject("/Jz61vaScript"), Jz53=TextStringObject("app.alert(1)"))
    data = _pdf_met(lambda w: w._root_object.__setitem__(NameObject("/OpenAction"), actie))
    return data.replace(b"/Jz61vaScript", b"/J#61vaScript").replace(b"/Jz53", b"/J#53")


def pdf_met_javascript_in_los_object() -> bytes:
    """An unreferenced object with script: pypdf's walk never reaches it, a repairing reader may."""
    data = geldige_pdf(1)
    los = b"999 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n"
    xref = data.rindex(b"\nxref\n") + 1
    kop, _, staart = data.rpartition(b"startxref\n")
    oud = int(staart.split(b"\n", 1)[0])
    staart = f"{oud + len(los)}".encode() + b"\n" + staart.split(b"\n", 1)[1]
    return data[:xref] + los + kop[xref:] + b"startxref\n" + staart


def pdf_met_zip_erachter() -> bytes:
    """A valid PDF with a zip holding an HTML page appended: a viewer sees the PDF, an unzipper the page."""
    return geldige_pdf(1) + _zip({"index.html": "<html><script>alert(document.cookie)</script></html>"})


def pdf_met_zip_voor_de_laatste_eof() -> bytes:
    """The same zip, now followed by another %%EOF so the end of the file looks like a PDF's."""
    return pdf_met_zip_erachter() + b"\n%%EOF\n"


def pdf_met_html_erachter() -> bytes:
    return geldige_pdf(1) + b"\n<html><body><script>alert(1)</script></body></html>"


def pdf_met_programma_erachter() -> bytes:
    return geldige_pdf(1) + b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."


def pdf_met_rommel_erachter() -> bytes:
    """More than 1 KiB of data after %%EOF that is no known format: still not a PDF's business."""
    return geldige_pdf(1) + b"\n" + b"A" * 2048


def pdf_met_rar_erachter() -> bytes:
    return geldige_pdf(1) + b"Rar!\x1a\x07\x00" + b"\x00" * 20


def pdf_met_7z_erachter() -> bytes:
    return geldige_pdf(1) + b"7z\xbc\xaf\x27\x1c" + b"\x00" * 20


def pdf_met_elf_erachter() -> bytes:
    return geldige_pdf(1) + b"\x7fELF\x02\x01\x01" + b"\x00" * 20


def pdf_met_goto_openaction() -> bytes:
    """Good: an /OpenAction that only opens page 1 (what many writers add) is no active content."""
    def aanpassen(w: PdfWriter) -> None:
        pagina = w.pages[0].indirect_reference
        w._root_object[NameObject("/OpenAction")] = ArrayObject([pagina, NameObject("/Fit")])
    return _pdf_met(aanpassen)


def pdf_met_witruimte_erachter() -> bytes:
    """Good: some writers leave line endings or padding after %%EOF."""
    return geldige_pdf(1) + b"\r\n" + b" " * 500 + b"\n"


@dataclass(frozen=True)
class SlechtBestand:
    naam: str
    maak: Callable[[], bytes]
    toegestaan: tuple[str, ...]
    code: str


SLECHTE_BESTANDEN = [
    SlechtBestand("leeg.pdf", lambda: b"", ("pdf",), "leeg"),
    SlechtBestand("Jaarverslag half.pdf", afgekapte_pdf, ("pdf",), "pdf_kapot"),
    SlechtBestand("zonder-eof.pdf", pdf_zonder_eindmarkering, ("pdf",), "pdf_kapot"),
    SlechtBestand("inhoud-weg.pdf", pdf_met_ontbrekende_pagina_inhoud, ("pdf",), "pdf_kapot"),
    SlechtBestand("rommel.pdf", pdf_rommel, ("pdf",), "pdf_kapot"),
    SlechtBestand("geheim.pdf", versleutelde_pdf, ("pdf",), "pdf_versleuteld"),
    SlechtBestand("alleen-eigenaar.pdf", pdf_met_alleen_eigenaarswachtwoord, ("pdf",), "pdf_versleuteld"),
    SlechtBestand("geen-paginas.pdf", pdf_zonder_paginas, ("pdf",), "pdf_leeg"),
    SlechtBestand("foto.pdf", png, ("pdf",), "type_niet_toegestaan"),
    SlechtBestand("foto-met-pdf-tekst.pdf", png_met_pdf_tekst, ("pdf",), "type_niet_toegestaan"),
    SlechtBestand("scan.jpg", jpeg, ("pdf", "office"), "type_niet_toegestaan"),
    SlechtBestand("plan.docx", docx, ("pdf",), "type_niet_toegestaan"),
    SlechtBestand("begroting.xlsx", xlsx, ("pdf", "afbeelding"), "type_niet_toegestaan"),
    SlechtBestand("notitie.txt", platte_tekst, ("pdf", "afbeelding", "office"), "type_niet_toegestaan"),
    SlechtBestand("notitie.pdf", platte_tekst, ("pdf",), "type_niet_toegestaan"),
    SlechtBestand("stukken.zip", gewone_zip, ("pdf", "office"), "type_niet_toegestaan"),
    SlechtBestand("plan-half.docx", afgekapte_docx, ("office",), "bestand_kapot"),
    SlechtBestand("plan-half.docx", afgekapte_docx, ("pdf",), "type_niet_toegestaan"),
    SlechtBestand("plan-zip99.docx", docx_met_onbekende_zipversie, ("office",), "bestand_kapot"),
    # Active content (issue 11).
    SlechtBestand("openaction-js.pdf", pdf_met_openaction_javascript, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("openaction-launch.pdf", pdf_met_openaction_launch, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("names-js.pdf", pdf_met_javascript_in_names, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("catalogus-aa.pdf", pdf_met_catalogus_aa, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("pagina-aa.pdf", pdf_met_pagina_aa, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("bijlage.pdf", pdf_met_bijlage, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("bijlage-annotatie.pdf", pdf_met_bijlage_annotatie, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("link-launch.pdf", pdf_met_link_die_programma_start, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("xfa.pdf", pdf_met_xfa, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("richmedia.pdf", pdf_met_richmedia, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("hex-js.pdf", pdf_met_hex_escaped_javascript, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("los-js.pdf", pdf_met_javascript_in_los_object, ("pdf",), "pdf_actieve_inhoud"),
    SlechtBestand("indirect-js.pdf", pdf_met_indirecte_javascript, ("pdf",), "pdf_actieve_inhoud"),
    # Polyglots: another file in or after the PDF (issue 11).
    SlechtBestand("zip-erachter.pdf", pdf_met_zip_erachter, ("pdf",), "pdf_aanhangsel"),
    SlechtBestand("zip-ertussen.pdf", pdf_met_zip_voor_de_laatste_eof, ("pdf",), "pdf_aanhangsel"),
    SlechtBestand("html-erachter.pdf", pdf_met_html_erachter, ("pdf",), "pdf_aanhangsel"),
    SlechtBestand("exe-erachter.pdf", pdf_met_programma_erachter, ("pdf",), "pdf_aanhangsel"),
    # More than 1 KiB after %%EOF: the end marker is no longer where Acrobat looks, so "damaged".
    SlechtBestand("rommel-erachter.pdf", pdf_met_rommel_erachter, ("pdf",), "pdf_kapot"),
    SlechtBestand("rar-erachter.pdf", pdf_met_rar_erachter, ("pdf",), "pdf_aanhangsel"),
    SlechtBestand("7z-erachter.pdf", pdf_met_7z_erachter, ("pdf",), "pdf_aanhangsel"),
    SlechtBestand("elf-erachter.pdf", pdf_met_elf_erachter, ("pdf",), "pdf_aanhangsel"),
]


def pdf_met_objectketen(lengte: int, *, als_verwijzing: bool = False) -> bytes:
    """A parser bomb: a valid one-page PDF whose catalog starts a chain of ``lengte`` objects, each pointing
    at the next (``<< /Next n 0 R >>``, or bare ``n 0 R`` with ``als_verwijzing``). Raw bytes, offsets exact."""
    objecten = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Keten 4 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    }
    laatste = 3 + lengte
    for nummer in range(4, laatste + 1):
        if nummer == laatste:
            objecten[nummer] = b"null"
        elif als_verwijzing:
            objecten[nummer] = b"%d 0 R" % (nummer + 1)
        else:
            objecten[nummer] = b"<< /Next %d 0 R >>" % (nummer + 1)
    uit = bytearray(b"%PDF-1.7\n")
    posities = {}
    for nummer, inhoud in objecten.items():
        posities[nummer] = len(uit)
        uit += b"%d 0 obj\n%s\nendobj\n" % (nummer, inhoud)
    xref = len(uit)
    uit += b"xref\n0 %d\n0000000000 65535 f \n" % (laatste + 1)
    for nummer in range(1, laatste + 1):
        uit += b"%010d 00000 n \n" % posities[nummer]
    uit += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (laatste + 1, xref)
    return bytes(uit)
