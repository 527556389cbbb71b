"""Upload validation for private evidence (ARCHITECTURE rule 5).

``valideer_upload`` checks an uploaded file and returns what the model keeps about it: a safe original name,
size, sha256 and the type detected from the content. The type is never taken from the file name, the
extension or the browser's Content-Type: those are chosen by the uploader. PDFs are opened with pypdf and
refused when broken, truncated, encrypted or without pages, so an assessor never gets a file that cannot be
read.

The file is read in chunks (Django spools large uploads to disk, see FILE_UPLOAD_MAX_MEMORY_SIZE) and left
at position 0, so the caller can save it straight away.
"""

import hashlib
import io
import logging
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

logger = logging.getLogger(__name__)

CHUNK_BYTES = 1024 * 1024
MAX_NAAM_LENGTE = 200
# filetype needs at most 8 KiB; Acrobat accepts the "%PDF-" header anywhere in the first 1024 bytes and
# the "%%EOF" marker anywhere in the last 1024 (PDF Reference 1.7, implementation notes 13 and 18).
KOP_BYTES = 8192
PDF_KOP_BEREIK = 1024
PDF_STAART_BEREIK = 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ZIP = "application/zip"
ONBEKEND = "application/octet-stream"

SOORTEN: dict[str, frozenset[str]] = {
    "pdf": frozenset({PDF}),
    "afbeelding": frozenset({PNG, JPEG}),
    "office": frozenset({DOCX, XLSX, ODT, ODS}),
}

_SOORT_LABELS = {
    "pdf": "PDF",
    "afbeelding": "afbeelding (PNG/JPEG)",
    "office": "Office-document (DOCX/XLSX/ODT/ODS)",
}

_EXTENSIES = {
    "pdf": (".pdf",),
    "afbeelding": (".png", ".jpg", ".jpeg"),
    "office": (".docx", ".xlsx", ".odt", ".ods"),
}

# Named in the refusal when the detected type is recognisable, so "foto.pdf" tells the user why.
_MIME_LABELS = {
    PDF: "een PDF",
    PNG: "een PNG-afbeelding",
    JPEG: "een JPEG-afbeelding",
    "image/gif": "een GIF-afbeelding",
    "image/webp": "een WebP-afbeelding",
    "image/heic": "een HEIC-foto",
    "image/tiff": "een TIFF-afbeelding",
    DOCX: "een Word-document",
    XLSX: "een Excel-bestand",
    PPTX: "een PowerPoint-presentatie",
    ODT: "een OpenDocument-tekst",
    ODS: "een OpenDocument-spreadsheet",
    ZIP: "een zip-archief",
    "application/msword": "een oud Word-document (.doc)",
    "application/x-ole-storage": "een oud Office-bestand (.doc/.xls)",
}

_VERBODEN_TEKENS = re.compile(r'[<>:"|?*]')


@dataclass(frozen=True)
class UploadInfo:
    originele_naam: str
    grootte: int
    sha256: str
    mime_type: str
    soort: str
    paginas: int | None = None


class _KapotArchief(Exception):
    """A zip-based file whose archive cannot be read (a truncated .docx, for example)."""


# The extension a stored or downloaded file gets for its detected type; the first is used when it differs.
_TYPE_EXTENSIES = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    PPTX: (".pptx",),
    ODT: (".odt",),
    ODS: (".ods",),
    ZIP: (".zip",),
}
# What looks like an extension to replace ("factuur.exe"), rather than part of the name ("versie 2.1 def").
_EXTENSIE = re.compile(r"[A-Za-z0-9]{1,5}")


def veilige_bestandsnaam(naam: str | None, mime_type: str | None = None) -> str:
    """The uploader's file name made safe to store and show.

    Only the last path part survives (``../``, ``..\\`` and absolute paths from any OS), control and
    format characters go (NUL, newlines, right-to-left overrides that disguise an extension), the text is
    NFC-normalised (macOS sends "e" + combining diaeresis) and cut to 200 characters keeping the extension.
    Letters outside ASCII stay: a Dutch user must recognise "Verklaring_Zorg_ë.pdf".

    With ``mime_type`` (the type detected from the content) the extension is made to match it: the name
    decides what program opens the file after download, so "factuur.exe" holding a PDF becomes
    "factuur.pdf" and can never be started as a program. An unknown type leaves the extension alone.
    """
    naam = unicodedata.normalize("NFC", naam or "")
    naam = " ".join(naam.split())  # tabs, newlines and runs of spaces become one space
    # Category C is Cc (controls), Cf (format: U+202A-U+202E and U+2066-U+2069 bidi overrides and
    # isolates, U+200E/U+200F marks, zero-width characters), Co, Cs and Cn.
    naam = "".join(teken for teken in naam if not unicodedata.category(teken).startswith("C"))
    naam = naam.replace("\\", "/").rsplit("/", 1)[-1]
    naam = _VERBODEN_TEKENS.sub("_", naam)
    # Leading dots would hide the file (and ".." is a path); trailing dots and spaces Windows drops.
    naam = naam.strip(" .") or "bestand"
    extensies = _TYPE_EXTENSIES.get(mime_type or "")
    if extensies:
        stam, punt, extensie = naam.rpartition(".")
        if not (punt and stam and f".{extensie.lower()}" in extensies):
            if punt and stam.strip(" .") and _EXTENSIE.fullmatch(extensie):
                naam = stam.rstrip(" .")
            naam = f"{naam}{extensies[0]}"
    if len(naam) > MAX_NAAM_LENGTE:
        stam, punt, extensie = naam.rpartition(".")
        if punt and stam and 0 < len(extensie) <= 10:
            naam = f"{stam[: MAX_NAAM_LENGTE - len(extensie) - 1].rstrip(' .')}.{extensie}"
        else:
            naam = naam[:MAX_NAAM_LENGTE].rstrip(" .")
    return naam or "bestand"


def toegestaan_tekst(toegestaan: Iterable[str]) -> str:
    """Dutch list of the allowed kinds, e.g. "PDF, afbeelding (PNG/JPEG)"."""
    gekozen = _controleer_soorten(toegestaan)
    return ", ".join(_SOORT_LABELS[soort] for soort in SOORTEN if soort in gekozen)


def accept_attribuut(toegestaan: Iterable[str]) -> str:
    """Value for ``<input type="file" accept=...>``: a hint for the browser's picker, never a check."""
    gekozen = _controleer_soorten(toegestaan)
    return ",".join(ext for soort in SOORTEN if soort in gekozen for ext in _EXTENSIES[soort])


def leesbare_grootte(aantal_bytes: int, *, omhoog: bool = False) -> str:
    """Dutch size text in binary units as browsers and file managers show them: "25 MB", "2,5 MB", "900 kB".

    ``omhoog`` rounds up, so a file just over the limit never reads as equal to it.
    """
    afronden = math.ceil if omhoog else round
    mb = aantal_bytes / (1024 * 1024)
    if mb >= 1:
        tekst = f"{afronden(mb * 10) / 10:.1f}".removesuffix(".0")
        return f"{tekst.replace('.', ',')} MB"
    return f"{max(1, afronden(aantal_bytes / 1024))} kB"


def valideer_upload(
    bestand, *, toegestaan: Iterable[str] = ("pdf",), max_bytes: int | None = None
) -> UploadInfo:
    """Check an uploaded file and describe it; raise ``ValidationError`` naming the file if it is refused.

    Checks in order: empty (``leeg``), too large (``te_groot``), type by content (``type_niet_toegestaan``,
    ``bestand_kapot`` for an unreadable office archive), and for PDFs: broken (``pdf_kapot``), encrypted
    (``pdf_versleuteld``), no pages (``pdf_leeg``), another file hidden in or after it (``pdf_aanhangsel``),
    active content such as JavaScript or embedded files (``pdf_actieve_inhoud``) and structures too large
    to inspect (``pdf_te_complex``). The file is left at position 0.
    """
    gekozen = _controleer_soorten(toegestaan)
    if max_bytes is None:
        max_bytes = settings.UPLOAD_MAX_BYTES
    naam = veilige_bestandsnaam(getattr(bestand, "name", None))
    try:
        # Cheap checks on the size Django counted while receiving, before reading anything.
        _controleer_grootte(naam, _opgegeven_grootte(bestand), max_bytes)
        grootte, sha256 = _tel_en_hash(bestand)
        _controleer_grootte(naam, grootte, max_bytes)

        try:
            mime_type = _detecteer_mime(bestand)
        except _KapotArchief:
            if "office" in gekozen:
                raise ValidationError(
                    _(
                        "Het bestand “%(naam)s” kan niet worden geopend; het is beschadigd of onvolledig. "
                        "Sla het opnieuw op en upload het nog eens."
                    ),
                    code="bestand_kapot",
                    params={"naam": naam},
                ) from None
            mime_type = ZIP
        soort = next((s for s in SOORTEN if s in gekozen and mime_type in SOORTEN[s]), None)
        if soort is None:
            raise _type_niet_toegestaan(naam, mime_type, gekozen)

        paginas = _controleer_pdf(bestand, naam, grootte) if soort == "pdf" else None
    finally:
        bestand.seek(0)
    return UploadInfo(
        originele_naam=veilige_bestandsnaam(getattr(bestand, "name", None), mime_type),
        grootte=grootte,
        sha256=sha256,
        mime_type=mime_type,
        soort=soort,
        paginas=paginas,
    )


def _controleer_soorten(toegestaan: Iterable[str]) -> frozenset[str]:
    if isinstance(toegestaan, str):
        toegestaan = (toegestaan,)
    gekozen = frozenset(toegestaan)
    onbekend = gekozen - SOORTEN.keys()
    if onbekend or not gekozen:
        raise ValueError(f"Onbekende of geen bestandssoorten: {sorted(onbekend)}; kies uit {sorted(SOORTEN)}")
    return gekozen


def _opgegeven_grootte(bestand) -> int | None:
    try:
        grootte = bestand.size
    except (AttributeError, OSError, TypeError):
        return None
    return grootte if isinstance(grootte, int) else None


def _controleer_grootte(naam: str, grootte: int | None, max_bytes: int) -> None:
    if grootte is None:
        return
    if grootte == 0:
        raise ValidationError(_("Het bestand “%(naam)s” is leeg."), code="leeg", params={"naam": naam})
    if grootte > max_bytes:
        raise ValidationError(
            _("Het bestand “%(naam)s” is te groot (%(grootte)s); het maximum is %(maximum)s."),
            code="te_groot",
            params={
                "naam": naam,
                "grootte": leesbare_grootte(grootte, omhoog=True),
                "maximum": leesbare_grootte(max_bytes),
            },
        )


def _tel_en_hash(bestand) -> tuple[int, str]:
    """Real size and sha256, read in 1 MiB chunks (``File.chunks`` starts at position 0)."""
    digest = hashlib.sha256()
    grootte = 0
    for chunk in bestand.chunks(chunk_size=CHUNK_BYTES):
        digest.update(chunk)
        grootte += len(chunk)
    return grootte, digest.hexdigest()


def _detecteer_mime(bestand) -> str:
    bestand.seek(0)
    kop = bestand.read(KOP_BYTES)
    if kop.startswith(b"%PDF-"):
        return PDF
    if kop.startswith(b"PK\x03\x04"):
        return _zip_mime(bestand)
    # A signature at offset 0 (PNG, JPEG, ...) wins over a "%PDF-" further on, so a PNG with "%PDF-" in a
    # text chunk is judged a PNG.
    soort = filetype.guess(kop)
    if soort is not None:
        return soort.mime
    if b"%PDF-" in kop[:PDF_KOP_BEREIK]:
        return PDF
    return ONBEKEND


def _zip_mime(bestand) -> str:
    """Tell DOCX/XLSX (OOXML) and ODT/ODS (OpenDocument) apart by their entries; only the directory is read."""
    bestand.seek(0)
    try:
        with zipfile.ZipFile(bestand) as archief:
            namen = set(archief.namelist())
            if "mimetype" in namen:
                # ODF 1.2 part 3, 3.3: the first entry, stored uncompressed, holds the media type.
                with archief.open("mimetype") as entry:
                    odf_type = entry.read(100).decode("ascii", errors="replace").strip()
                if odf_type.startswith("application/vnd.oasis.opendocument."):
                    return odf_type
            if "[Content_Types].xml" in namen:
                for prefix, mime in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
                    if any(n.startswith(prefix) for n in namen):
                        return mime
    except Exception as exc:
        # zipfile raises BadZipFile, but also NotImplementedError (unknown version or compression),
        # RuntimeError (encrypted entry), zlib.error, EOFError, ValueError... on damaged archives.
        raise _KapotArchief from exc
    return ZIP


def _type_niet_toegestaan(naam: str, mime_type: str, gekozen: frozenset[str]) -> ValidationError:
    params = {
        "naam": naam,
        "toegestaan": toegestaan_tekst(gekozen),
        "herkend": _MIME_LABELS.get(mime_type, ""),
    }
    if params["herkend"]:
        bericht = _(
            "Het bestand “%(naam)s” is %(herkend)s; dat type is hier niet toegestaan. Toegestaan: %(toegestaan)s."
        )
    else:
        bericht = _(
            "Het type van het bestand “%(naam)s” is hier niet toegestaan. Toegestaan: %(toegestaan)s."
        )
    return ValidationError(bericht, code="type_niet_toegestaan", params=params)


def _controleer_pdf(bestand, naam: str, grootte: int) -> int:
    """Open the PDF with pypdf and return its page count; page content is never parsed."""
    kapot = ValidationError(
        _("Het bestand “%(naam)s” kan niet worden geopend; het is beschadigd of onvolledig."),
        code="pdf_kapot",
        params={"naam": naam},
    )
    return _controleer_pdf_inhoud(bestand, naam, kapot)


@dataclass(frozen=True)
class _Scan:
    """What one streaming pass over the file found: the bytes outside stream data and where the last %%EOF is."""

    buiten_streams: bytes
    laatste_eof: int  # offset of the last "%%EOF", -1 when there is none
    grootte: int


# "stream" + end of line opens stream data (ISO 32000-1, 7.3.8.1); "endstream" itself must not open one.
_STREAM_BEGIN = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_EINDE = b"endstream"
_EOF = b"%%EOF"
# Bytes carried from one chunk to the next, so a token split over a chunk boundary is still seen.
_OVERLAP = 16


def _scan_pdf(bestand) -> _Scan:
    """One pass in CHUNK_BYTES pieces (never the whole file in memory, issue 4's bound): collect the bytes
    outside stream data and the offset of the last %%EOF. The same result as a regex over the whole file
    (``stream ... endstream`` skipped, non-greedy), but what the process holds is one chunk plus what lies
    outside streams, which in a real PDF is a small fraction."""
    bestand.seek(0)
    buiten = bytearray()
    rest = b""
    basis = 0  # file offset of rest[0]
    in_stream = False
    laatste_eof = -1
    for stuk in bestand.chunks(chunk_size=CHUNK_BYTES):
        buf = rest + stuk
        eof = buf.rfind(_EOF)
        if eof != -1:
            laatste_eof = basis + eof
        pos = 0
        while True:
            if in_stream:
                eind = buf.find(_EINDE, pos)
                if eind == -1:
                    pos = max(pos, len(buf) - _OVERLAP)
                    break
                pos, in_stream = eind + len(_EINDE), False
            else:
                begin = _STREAM_BEGIN.search(buf, pos)
                if begin is None:
                    bewaar = max(pos, len(buf) - _OVERLAP)
                    buiten += buf[pos:bewaar]
                    pos = bewaar
                    break
                buiten += buf[pos:begin.start()]
                buiten += b" "
                pos, in_stream = begin.end(), True
        rest = buf[pos:]
        basis += pos
    if not in_stream:
        buiten += rest
    bestand.seek(0)
    return _Scan(bytes(buiten), laatste_eof, basis + len(rest))


def _staart_verdacht(bestand, scan: _Scan) -> bool:
    """Whether what follows the last %%EOF holds another file's signature; read in chunks, with overlap."""
    if scan.laatste_eof == -1:
        return False
    bestand.seek(scan.laatste_eof + len(_EOF))
    vorige = b""
    while True:
        stuk = bestand.read(CHUNK_BYTES)
        if not stuk:
            break
        venster = (vorige + stuk).lower()
        if any(sig.lower() in venster for sig in _STAART_SIGNATUREN):
            bestand.seek(0)
            return True
        vorige = venster[-_OVERLAP:]
    bestand.seek(0)
    return False


def _controleer_pdf_inhoud(bestand, naam: str, kapot: ValidationError) -> int:
    # pypdf's lenient mode reconstructs what it can from a cut-off file; the end marker is what a cut
    # removes, so require it where Acrobat does. This also bounds what may follow the last %%EOF to less
    # than 1 KiB: more is either a cut-off update or another file appended (a polyglot).
    scan = _scan_pdf(bestand)
    if scan.laatste_eof == -1 or scan.grootte - scan.laatste_eof > PDF_STAART_BEREIK:
        if scan.laatste_eof != -1:
            _controleer_aanhangsel(bestand, scan, naam)
        raise kapot
    _controleer_aanhangsel(bestand, scan, naam)
    try:
        # pypdf seeks and reads object by object through the handle (the temporary file of a large upload).
        bestand.seek(0)
        reader = PdfReader(bestand, strict=False)
        versleuteld = reader.is_encrypted
    except Exception as exc:  # pypdf raises many types on malformed input (PdfReadError, ValueError, ...)
        logger.info("PDF %r niet te openen: %r", naam, exc)
        raise kapot from exc
    if versleuteld:
        # Also files with only an owner password: later steps (text, merging into the dossier) need the
        # plain file, and the user can always print or save an unprotected copy.
        raise ValidationError(
            _(
                "Het bestand “%(naam)s” is beveiligd met een wachtwoord of versleuteld; "
                "upload een onbeveiligde versie."
            ),
            code="pdf_versleuteld",
            params={"naam": naam},
        )
    try:
        paginas = len(reader.pages)
        for pagina in reader.pages:
            _controleer_pagina(pagina)
    except Exception as exc:
        logger.info("PDF %r beschadigd: %r", naam, exc)
        raise kapot from exc
    if paginas == 0:
        raise ValidationError(
            _("Het bestand “%(naam)s” bevat geen pagina’s."), code="pdf_leeg", params={"naam": naam}
        )
    _controleer_actieve_inhoud(reader, scan.buiten_streams, naam)
    return paginas


def _controleer_pagina(pagina) -> None:
    """The page's box is readable and its content streams exist (resolved, not decoded or parsed)."""
    vak = pagina.mediabox
    if not vak.width or not vak.height:
        raise ValueError("pagina zonder afmetingen")
    inhoud = pagina.get("/Contents")
    if inhoud is None:  # a blank page may have no content at all
        return
    inhoud = inhoud.get_object()
    delen = inhoud if isinstance(inhoud, ArrayObject) else [inhoud]
    for deel in delen:
        if not isinstance(deel.get_object(), StreamObject):
            raise ValueError("paginainhoud ontbreekt of is geen stream")


# --- active content and polyglots (issue 11) --------------------------------------------------------------
# A PDF is opened by assessors in a browser or reader that may run what it contains. Whatever can act on
# its own (script, launching a program, embedded files, XFA forms, multimedia) is refused by default: a
# changed file would no longer be the provider's evidence (its sha256 would not match). A bureau may choose
# settings.UPLOAD_ACTIEVE_INHOUD = "opschonen" instead: ``pdf_opschonen`` below (ADR 0012).

_SOORT_JS = "JavaScript"
_SOORT_ACTIES = "automatische acties"
_SOORT_LAUNCH = "een opdracht om een programma te starten"
_SOORT_BESTANDEN = "ingesloten bestanden"
_SOORT_XFA = "een XFA-formulier"
_SOORT_MEDIA = "multimedia (RichMedia)"
_VOLGORDE = (_SOORT_JS, _SOORT_LAUNCH, _SOORT_ACTIES, _SOORT_BESTANDEN, _SOORT_XFA, _SOORT_MEDIA)

# Name tokens that betray active content wherever they occur outside stream data. /OpenAction is not here:
# on its own it is common and harmless (open at page 1); it only matters with a /JS or /Launch, which are.
_NAAM_SOORTEN = {
    b"JS": _SOORT_JS,
    b"JavaScript": _SOORT_JS,
    b"AA": _SOORT_ACTIES,
    b"Launch": _SOORT_LAUNCH,
    b"EmbeddedFiles": _SOORT_BESTANDEN,
    b"EmbeddedFile": _SOORT_BESTANDEN,
    b"FileAttachment": _SOORT_BESTANDEN,
    b"XFA": _SOORT_XFA,
    b"RichMedia": _SOORT_MEDIA,
    b"RichMediaContent": _SOORT_MEDIA,
}
# A PDF name: "/" then regular characters, where "#xx" is a hex-escaped byte (ISO 32000-1, 7.3.5), so
# "/J#61vaScript" is "/JavaScript" to every reader and must be to us.
_NAAM_TOKEN = re.compile(rb"/((?:[^\x00\t\n\x0c\r /\[\]<>(){}%#]|#[0-9A-Fa-f]{2})+)")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Stream data is skipped by the byte scan (_scan_pdf): compressed bytes contain any short token by chance,
# and what is inside an object stream pypdf decodes for the structural walk.
# Signatures of archives, executables and HTML: a file that is both a PDF and one of these opens as the
# other in another program (a "polyglot"). "MZ" alone is too short to look for inside a PDF.
_ARCHIEF_SIGNATUREN = (b"PK\x03\x04", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x7fELF", b"<html", b"<script")
_STAART_SIGNATUREN = (*_ARCHIEF_SIGNATUREN, b"MZ", b"<!doctype")
# Upper bound on objects the structural walk visits. A 25 MB PDF of ordinary text pages holds far fewer
# (a page is a handful of objects); a file needing more is built to exhaust the server, not to be read.
# Measured: a 10,000-object chain is walked in about 0.4 s, the cap is reached after about 2 s on one core.
MAX_PDF_OBJECTEN = 50_000


def _controleer_actieve_inhoud(reader: PdfReader, buiten_streams: bytes, naam: str) -> None:
    """Refuse PDFs with active content or another file hidden in them; both a byte scan and a pypdf walk.

    The byte scan works on a broken structure too (what pypdf's repair skips, a reader's repair may find);
    the walk sees what is inside object streams, where the scan cannot look.
    """
    gevonden = _scan_namen(buiten_streams)
    gevonden |= _loop_structuur(reader, naam)
    if gevonden:
        raise ValidationError(
            _(
                "Het bestand “%(naam)s” bevat actieve inhoud (%(soorten)s) en wordt daarom geweigerd. "
                "Sla het op als gewone PDF (bijvoorbeeld via ‘Afdrukken naar PDF’) en probeer het opnieuw."
            ),
            code="pdf_actieve_inhoud",
            params={"naam": naam, "soorten": ", ".join(s for s in _VOLGORDE if s in gevonden)},
        )


def _controleer_aanhangsel(bestand, scan: _Scan, naam: str) -> None:
    verdacht = _staart_verdacht(bestand, scan)
    if not verdacht:
        binnen = scan.buiten_streams.lower()
        verdacht = any(sig.lower() in binnen for sig in _ARCHIEF_SIGNATUREN)
    if verdacht:
        raise ValidationError(
            _(
                "Het bestand “%(naam)s” bevat naast de PDF nog een ander bestand (bijvoorbeeld een archief "
                "of programma) en wordt daarom geweigerd. Sla het op als gewone PDF (bijvoorbeeld via "
                "‘Afdrukken naar PDF’) en probeer het opnieuw."
            ),
            code="pdf_aanhangsel",
            params={"naam": naam},
        )


def _scan_namen(data: bytes) -> set[str]:
    gevonden = set()
    for match in _NAAM_TOKEN.finditer(data):
        token = match.group(1)
        if b"#" in token:
            token = _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), token)
        soort = _NAAM_SOORTEN.get(token)
        if soort:
            gevonden.add(soort)
    return gevonden


def _woordenboeken(reader: PdfReader, *, te_veel: Exception, streams_loslaten: bool):
    """Every dictionary (streams included) reachable from the trailer, once each, without recursion, and at
    most MAX_PDF_OBJECTEN visits (then ``te_veel`` is raised). The values of a dictionary are queued after the
    caller has seen it, so what the caller removed is not walked. ``streams_loslaten`` drops each stream from
    pypdf's cache after its visit."""
    te_doen = [reader.trailer]
    gezien: set[tuple[int, int]] = set()
    bezocht = 0
    while te_doen:
        bezocht += 1
        if bezocht > MAX_PDF_OBJECTEN:
            raise te_veel
        obj = te_doen.pop()
        if isinstance(obj, IndirectObject):
            sleutel = (obj.idnum, obj.generation)
            if sleutel in gezien:
                continue
            gezien.add(sleutel)
            obj = obj.get_object()
            if streams_loslaten and isinstance(obj, StreamObject):
                reader.resolved_objects.pop((sleutel[1], sleutel[0]), None)
            if isinstance(obj, IndirectObject):  # "4 0 obj 5 0 R endobj": follow, counted like any visit
                te_doen.append(obj)
                continue
        if isinstance(obj, DictionaryObject):  # StreamObject is one too; its data is not decoded
            yield obj
            te_doen.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            te_doen.extend(obj)


def _loop_structuur(reader: PdfReader, naam: str) -> set[str]:
    """Walk every object reachable from the trailer, without recursion and at most MAX_PDF_OBJECTEN.

    Keys and action types are compared as pypdf decoded them, so hex escapes are already undone.
    """
    te_complex = ValidationError(
        _(
            "Het bestand “%(naam)s” is te ingewikkeld opgebouwd om veilig te controleren en wordt daarom "
            "geweigerd. Sla het op als gewone PDF (bijvoorbeeld via ‘Afdrukken naar PDF’) en probeer het "
            "opnieuw."
        ),
        code="pdf_te_complex",
        params={"naam": naam},
    )
    gevonden: set[str] = set()
    try:
        # Streams are let go after their visit: pypdf keeps every resolved object, and a stream's data (an
        # image, ~MBs) is not needed again, so the walk holds one stream at a time, not the whole file.
        for woordenboek in _woordenboeken(reader, te_veel=te_complex, streams_loslaten=True):
            _beoordeel_woordenboek(woordenboek, gevonden)
    except ValidationError:
        raise
    except Exception as exc:
        # The page check already opened this file; what breaks now is a damaged corner the byte scan covers.
        logger.info("PDF %r: structuur niet volledig te doorlopen: %r", naam, exc)
    return gevonden


_ACTIE_SOORTEN = {"/JavaScript": _SOORT_JS, "/Launch": _SOORT_LAUNCH}
_ANNOTATIE_SOORTEN = {"/FileAttachment": _SOORT_BESTANDEN, "/RichMedia": _SOORT_MEDIA}
_SLEUTEL_SOORTEN = {
    "/JS": _SOORT_JS,
    "/JavaScript": _SOORT_JS,  # in the /Names dictionary
    "/AA": _SOORT_ACTIES,
    "/EmbeddedFiles": _SOORT_BESTANDEN,
    "/XFA": _SOORT_XFA,
    "/RichMediaContent": _SOORT_MEDIA,
}


def _beoordeel_woordenboek(woordenboek: DictionaryObject, gevonden: set[str]) -> None:
    for sleutel in woordenboek:
        if sleutel in _SLEUTEL_SOORTEN:
            gevonden.add(_SLEUTEL_SOORTEN[sleutel])
    actie = woordenboek.get("/S")
    if isinstance(actie, NameObject) and actie in _ACTIE_SOORTEN:
        gevonden.add(_ACTIE_SOORTEN[actie])
    subtype = woordenboek.get("/Subtype")
    if isinstance(subtype, NameObject) and subtype in _ANNOTATIE_SOORTEN:
        gevonden.add(_ANNOTATIE_SOORTEN[subtype])


# --- strip mode (issue 11, ADR 0012) ------------------------------------------------------------------------
# What a bureau may choose in settings.UPLOAD_ACTIEVE_INHOUD. Polyglots (pdf_aanhangsel) and everything else
# stay refused in both modes: only active content has a clean copy that is still the same document.
WEIGEREN = "weigeren"
OPSCHONEN = "opschonen"
MODI = (WEIGEREN, OPSCHONEN)


@dataclass(frozen=True)
class OpgeschoondePdf:
    """A PDF rewritten without its active content: the clean copy (validated again) and the original's facts.

    ``inhoud`` is what assessors get; the caller keeps the original file itself for the record, under
    ``origineel_sha256``. ``verwijderd`` names in Dutch what was taken out, in a fixed order.
    """

    inhoud: bytes
    info: UploadInfo
    origineel_sha256: str
    origineel_grootte: int
    verwijderd: tuple[str, ...]

    @property
    def melding(self) -> str:
        return _(
            "Het bestand “%(naam)s” bevatte actieve inhoud (%(soorten)s). Die is verwijderd; de beoordelaars "
            "krijgen de opgeschoonde kopie. Het origineel is bewaard voor het dossier."
        ) % {"naam": self.info.originele_naam, "soorten": ", ".join(self.verwijderd)}


@dataclass(frozen=True)
class Uploaduitkomst:
    """``valideer_of_opschonen``'s answer: what to store, and the stripping when it happened."""

    info: UploadInfo
    opgeschoond: OpgeschoondePdf | None = None


def valideer_of_opschonen(
    bestand, *, toegestaan: Iterable[str] = ("pdf",), max_bytes: int | None = None, modus: str | None = None
) -> Uploaduitkomst:
    """``valideer_upload``, except that with ``modus`` "opschonen" (default: settings.UPLOAD_ACTIEVE_INHOUD) a
    PDF refused only for active content is stripped into a clean copy (``pdf_opschonen``) instead of refused.

    Every other refusal stands, in both modes. The caller stores ``opgeschoond.inhoud`` as the evidence and
    the uploaded file as the original.
    """
    modus = modus or getattr(settings, "UPLOAD_ACTIEVE_INHOUD", WEIGEREN)
    if modus not in MODI:
        raise ValueError(f"UPLOAD_ACTIEVE_INHOUD moet een van {MODI} zijn, niet {modus!r}")
    try:
        return Uploaduitkomst(info=valideer_upload(bestand, toegestaan=toegestaan, max_bytes=max_bytes))
    except ValidationError as fout:
        if modus != OPSCHONEN or getattr(fout, "code", None) != "pdf_actieve_inhoud":
            raise
        opgeschoond = pdf_opschonen(bestand, max_bytes=max_bytes, weigering=fout)
    return Uploaduitkomst(info=opgeschoond.info, opgeschoond=opgeschoond)


def pdf_opschonen(bestand, *, max_bytes: int | None = None, weigering: ValidationError | None = None) -> OpgeschoondePdf:
    """Rewrite a PDF without its active content and validate the copy again with ``valideer_upload``.

    Removed: /OpenAction when it is a JavaScript or Launch action, /AA (additional actions) everywhere, the
    /JavaScript and /EmbeddedFiles name trees, FileAttachment and RichMedia annotations, /XFA in the
    AcroForm, and JavaScript or Launch actions behind /A (links, outline items, form fields) and /Next.
    Only what is reachable from the catalog is written (pypdf clones from the trailer), so loose objects a
    repairing reader might find are gone too. The copy must pass every check, else ``weigering`` (the
    original refusal) or a ``pdf_actieve_inhoud`` refusal is raised: nothing half-cleaned is ever stored.
    """
    naam = veilige_bestandsnaam(getattr(bestand, "name", None), PDF)
    weigering = weigering or ValidationError(
        _("Het bestand “%(naam)s” bevat actieve inhoud en kan niet worden opgeschoond."),
        code="pdf_actieve_inhoud",
        params={"naam": naam},
    )
    origineel_grootte, origineel_sha256 = _tel_en_hash(bestand)
    try:
        bestand.seek(0)
        # What the byte scan finds counts as removed too: a loose object with script (which a repairing
        # reader may run) is not reachable from the catalog, so the clone below simply leaves it out.
        verwijderd = _scan_namen(_scan_pdf(bestand).buiten_streams)
        bestand.seek(0)
        reader = PdfReader(bestand, strict=False)
        verwijderd |= _verwijder_actieve_inhoud(reader)
        schrijver = PdfWriter(clone_from=reader)
        uit = io.BytesIO()
        schrijver.write(uit)
    except ValidationError:
        raise
    except Exception as exc:  # pypdf raises many types on odd input; a file we cannot rewrite stays refused
        logger.info("PDF %r niet op te schonen: %r", naam, exc)
        raise weigering from exc
    finally:
        bestand.seek(0)
    inhoud = uit.getvalue()
    try:
        info = valideer_upload(ContentFile(inhoud, name=naam), toegestaan=("pdf",), max_bytes=max_bytes)
    except ValidationError as exc:
        logger.info("Opgeschoonde PDF %r nog steeds geweigerd: %s", naam, getattr(exc, "code", exc))
        raise weigering from exc
    return OpgeschoondePdf(
        inhoud=inhoud,
        info=info,
        origineel_sha256=origineel_sha256,
        origineel_grootte=origineel_grootte,
        verwijderd=tuple(s for s in _VOLGORDE if s in verwijderd),
    )


# Keys removed wherever they occur; the value says what kind of active content that was.
_WEG_SLEUTELS = {
    "/AA": _SOORT_ACTIES,
    "/JavaScript": _SOORT_JS,  # in /Names
    "/EmbeddedFiles": _SOORT_BESTANDEN,  # in /Names
    "/EF": _SOORT_BESTANDEN,  # a file specification's embedded stream
    "/XFA": _SOORT_XFA,  # in /AcroForm; the AcroForm fields stay
    "/RichMediaContent": _SOORT_MEDIA,
}
# Keys whose value is an action (or, for /Next, one or a list of actions) that may run script or a program.
_ACTIE_SLEUTELS = ("/OpenAction", "/A", "/Next")


def _actie_soort(waarde) -> str | None:
    waarde = waarde.get_object() if isinstance(waarde, IndirectObject) else waarde
    if isinstance(waarde, DictionaryObject):
        actie = waarde.get("/S")
        if isinstance(actie, NameObject):
            return _ACTIE_SOORTEN.get(actie)
    return None


def _annotatie_soort(waarde) -> str | None:
    waarde = waarde.get_object() if isinstance(waarde, IndirectObject) else waarde
    if isinstance(waarde, DictionaryObject):
        subtype = waarde.get("/Subtype")
        if isinstance(subtype, NameObject):
            return _ANNOTATIE_SOORTEN.get(subtype)
    return None


def _verwijder_actieve_inhoud(reader: PdfReader) -> set[str]:
    """Strip active content from the reader's objects in place (pypdf caches what it resolved, so the clone
    that follows sees the changes); the same bounded, non-recursive walk as ``_loop_structuur``."""
    verwijderd: set[str] = set()
    # Streams stay in pypdf's cache here: the clone that follows must see the cleaned objects.
    for woordenboek in _woordenboeken(reader, te_veel=ValueError("te veel objecten om op te schonen"),
                                      streams_loslaten=False):
        _schoon_woordenboek(woordenboek, verwijderd)
    return verwijderd


def _schoon_woordenboek(woordenboek: DictionaryObject, verwijderd: set[str]) -> None:
    for sleutel in [s for s in woordenboek if s in _WEG_SLEUTELS]:
        verwijderd.add(_WEG_SLEUTELS[sleutel])
        del woordenboek[sleutel]
    for sleutel in _ACTIE_SLEUTELS:
        if sleutel not in woordenboek:
            continue
        waarde = woordenboek[sleutel]
        lijst = waarde.get_object() if isinstance(waarde, IndirectObject) else waarde
        if isinstance(lijst, ArrayObject) and sleutel == "/Next":
            blijft = ArrayObject(a for a in lijst if _actie_soort(a) is None)
            verwijderd.update(s for a in lijst if (s := _actie_soort(a)))
            woordenboek[NameObject(sleutel)] = blijft
        elif soort := _actie_soort(waarde):
            verwijderd.add(soort)
            del woordenboek[sleutel]
    annotaties = woordenboek.get("/Annots")
    lijst = annotaties.get_object() if isinstance(annotaties, IndirectObject) else annotaties
    if isinstance(lijst, ArrayObject):
        weg = [a for a in lijst if _annotatie_soort(a)]
        if weg:
            verwijderd.update(_annotatie_soort(a) for a in weg)
            woordenboek[NameObject("/Annots")] = ArrayObject(a for a in lijst if not _annotatie_soort(a))
    # An action dictionary reached some other way than the keys above (a name tree we do not know, a
    # custom key): take its script out, so the copy can pass the check; the check decides in the end.
    actie = woordenboek.get("/S")
    if isinstance(actie, NameObject) and actie in _ACTIE_SOORTEN:
        verwijderd.add(_ACTIE_SOORTEN[actie])
        for sleutel in ("/JS", "/F", "/Win", "/Mac", "/Unix"):
            woordenboek.pop(sleutel, None)
        woordenboek[NameObject("/S")] = NameObject("/Named")
        woordenboek[NameObject("/N")] = NameObject("/Geen")
