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


def geldige_pdf(paginas: int = 3, *, tekst_per_pagina: int = 40) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for nummer in range(1, paginas + 1):
        pdf.add_page()
        pdf.multi_cell(w=0, text=f"Verklaring, pagina {nummer}. " + "Zorg en welzijn. " * tekst_per_pagina)
    return bytes(pdf.output())


def grote_pdf(minimaal_bytes: int) -> bytes:
    """A valid one-page PDF made large by an (incompressible) attachment, to make the reader take chunks."""
    schrijver = PdfWriter(clone_from=io.BytesIO(geldige_pdf(1)))
    schrijver.add_attachment("bijlage.bin", _ruis(minimaal_bytes))
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
]
