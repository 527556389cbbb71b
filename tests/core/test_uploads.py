import hashlib
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import override_settings

from core.pdf import eenvoudige_pdf
from core.uploads import (
    CHUNK_BYTES,
    DOCX,
    JPEG,
    ODS,
    ODT,
    PDF,
    PNG,
    SOORTEN,
    XLSX,
    UploadInfo,
    accept_attribuut,
    leesbare_grootte,
    toegestaan_tekst,
    valideer_upload,
    veilige_bestandsnaam,
)
from tests.core import slechte_bestanden as sb


def upload(naam: str, inhoud: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    # The browser's content type is deliberately wrong in most tests: it must never be believed.
    return SimpleUploadedFile(naam, inhoud, content_type=content_type)


def geweigerd(bestand, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as fout:
        valideer_upload(bestand, **kwargs)
    return fout.value


# --- accepted files -----------------------------------------------------------------------------------


def test_geldige_pdf_geeft_paginas_grootte_en_sha256():
    inhoud = sb.geldige_pdf(paginas=3)

    info = valideer_upload(upload("Verklaring.pdf", inhoud))

    assert info == UploadInfo(
        originele_naam="Verklaring.pdf",
        grootte=len(inhoud),
        sha256=hashlib.sha256(inhoud).hexdigest(),
        mime_type=PDF,
        soort="pdf",
        paginas=3,
    )


def test_bestand_staat_na_validatie_weer_op_het_begin():
    bestand = upload("Verklaring.pdf", sb.geldige_pdf())
    bestand.read(10)

    valideer_upload(bestand)

    assert bestand.tell() == 0
    assert bestand.read(5) == b"%PDF-"


def test_bestand_staat_ook_na_weigering_weer_op_het_begin():
    bestand = upload("half.pdf", sb.afgekapte_pdf())

    geweigerd(bestand)

    assert bestand.tell() == 0


def test_pad_in_naam_wordt_weggelaten_en_geldige_pdf_geaccepteerd():
    # SimpleUploadedFile already strips "/" paths itself; a plain File keeps whatever name it is given.
    bestand = File(io.BytesIO(sb.geldige_pdf()), name="../../etc/passwd.pdf")

    info = valideer_upload(bestand)

    assert info.originele_naam == "passwd.pdf"
    assert info.paginas == 3


def test_niet_ascii_naam_blijft_leesbaar():
    info = valideer_upload(upload("Jaarverslag – Zorg ë.pdf", sb.geldige_pdf()))

    assert info.originele_naam == "Jaarverslag – Zorg ë.pdf"


def test_pdf_van_300_paginas_wordt_geteld_zonder_de_inhoud_te_lezen(monkeypatch):
    def niet_doen(*args, **kwargs):
        raise AssertionError("paginainhoud hoort niet geparsed te worden")

    monkeypatch.setattr(pypdf.PageObject, "extract_text", niet_doen)
    monkeypatch.setattr(pypdf.PageObject, "get_contents", niet_doen)

    info = valideer_upload(upload("boek.pdf", sb.geldige_pdf(paginas=300, tekst_per_pagina=1)))

    assert info.paginas == 300


@pytest.mark.parametrize(
    ("naam", "maak", "mime_type"),
    [
        ("foto.png", sb.png, PNG),
        ("foto.jpg", sb.jpeg, JPEG),
        ("foto-zonder-extensie", sb.jpeg, JPEG),
    ],
)
def test_afbeelding_toegestaan_als_afbeeldingen_mogen(naam, maak, mime_type):
    info = valideer_upload(upload(naam, maak()), toegestaan=("pdf", "afbeelding"))

    assert (info.soort, info.mime_type, info.paginas) == ("afbeelding", mime_type, None)


@pytest.mark.parametrize(
    ("naam", "maak", "mime_type"),
    [
        ("plan.docx", sb.docx, DOCX),
        ("begroting.xlsx", sb.xlsx, XLSX),
        ("plan.odt", sb.odt, ODT),
        ("begroting.ods", sb.ods, ODS),
        ("plan-met-verkeerde-extensie.pdf", sb.docx, DOCX),
    ],
)
def test_office_document_toegestaan_als_office_mag(naam, maak, mime_type):
    info = valideer_upload(upload(naam, maak()), toegestaan=("pdf", "office"))

    assert (info.soort, info.mime_type) == ("office", mime_type)


def test_pdf_met_pdf_kop_na_wat_rommel_wordt_herkend():
    # Acrobat accepts "%PDF-" anywhere in the first 1024 bytes; some mail gateways prepend a line.
    inhoud = b"X-Gateway: gescand\r\n" + sb.geldige_pdf()

    info = valideer_upload(upload("doorgestuurd.pdf", inhoud))

    assert (info.mime_type, info.paginas) == (PDF, 3)


# --- refused files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "geval", sb.SLECHTE_BESTANDEN, ids=lambda g: f"{g.naam}-{g.code}-{'+'.join(g.toegestaan)}"
)
def test_slecht_bestand_wordt_geweigerd_met_code_en_naam(geval):
    fout = geweigerd(upload(geval.naam, geval.maak()), toegestaan=geval.toegestaan)

    assert fout.code == geval.code
    assert f"“{geval.naam}”" in fout.messages[0]


def test_leeg_bestand_melding():
    fout = geweigerd(upload("x.pdf", b""))

    assert fout.messages == ["Het bestand “x.pdf” is leeg."]


def test_te_groot_bestand_met_max_bytes():
    fout = geweigerd(upload("groot.pdf", sb.geldige_pdf()), max_bytes=1000)

    assert fout.code == "te_groot"
    assert "“groot.pdf”" in fout.messages[0]
    assert "het maximum is 1 kB" in fout.messages[0]


def test_te_groot_gaat_voor_type():
    fout = geweigerd(upload("groot.txt", sb.platte_tekst() * 100), max_bytes=1000)

    assert fout.code == "te_groot"


@override_settings(UPLOAD_MAX_BYTES=2 * 1024 * 1024)
def test_standaardgrens_komt_uit_settings_en_staat_in_mb_in_de_melding():
    fout = geweigerd(upload("scan.pdf", b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024)))

    assert fout.code == "te_groot"
    assert fout.messages == ["Het bestand “scan.pdf” is te groot (2,1 MB); het maximum is 2 MB."]


@override_settings(UPLOAD_MAX_BYTES=2 * 1024 * 1024)
def test_bestand_precies_op_de_grens_mag():
    inhoud = sb.geldige_pdf()

    assert valideer_upload(upload("x.pdf", inhoud), max_bytes=len(inhoud)).grootte == len(inhoud)


def test_png_met_pdf_extensie_wordt_op_inhoud_beoordeeld():
    fout = geweigerd(upload("foto.pdf", sb.png(), content_type="application/pdf"))

    assert fout.code == "type_niet_toegestaan"
    assert fout.messages == [
        "Het bestand “foto.pdf” is een PNG-afbeelding; dat type is hier niet toegestaan. Toegestaan: PDF."
    ]


def test_onbekend_type_noemt_wat_wel_mag():
    fout = geweigerd(upload("notitie.txt", sb.platte_tekst()), toegestaan=("pdf", "afbeelding"))

    assert fout.messages == [
        "Het type van het bestand “notitie.txt” is hier niet toegestaan. Toegestaan: PDF, afbeelding (PNG/JPEG)."
    ]


def test_versleutelde_pdf_melding():
    fout = geweigerd(upload("geheim.pdf", sb.versleutelde_pdf()))

    assert fout.messages == [
        "Het bestand “geheim.pdf” is beveiligd met een wachtwoord of versleuteld; upload een onbeveiligde versie."
    ]


def test_kapotte_pdf_melding():
    fout = geweigerd(upload("half.pdf", sb.afgekapte_pdf()))

    assert fout.messages == [
        "Het bestand “half.pdf” kan niet worden geopend; het is beschadigd of onvolledig."
    ]


def test_weigering_noemt_de_opgeschoonde_naam():
    bestand = File(io.BytesIO(sb.afgekapte_pdf()), name="..\\..\\Windows\\half\x00.pdf")

    fout = geweigerd(bestand)

    assert "“half.pdf”" in fout.messages[0]


# --- reading in chunks --------------------------------------------------------------------------------


class LeesSpion:
    """Wraps a file object and records the size of every read."""

    def __init__(self, bestand):
        self._bestand = bestand
        self.groottes = []

    def read(self, grootte=-1):
        self.groottes.append(grootte)
        return self._bestand.read(grootte)

    def __getattr__(self, naam):
        return getattr(self._bestand, naam)


def test_tijdelijk_bestand_wordt_in_stukken_gelezen():
    inhoud = sb.grote_pdf(minimaal_bytes=int(2.5 * CHUNK_BYTES))
    bestand = TemporaryUploadedFile("bewijs.pdf", "application/pdf", len(inhoud), None)
    bestand.write(inhoud)
    bestand.seek(0)
    spion = LeesSpion(bestand.file)
    bestand.file = spion

    try:
        info = valideer_upload(bestand)
        positie = bestand.tell()
    finally:
        bestand.close()

    assert info.sha256 == hashlib.sha256(inhoud).hexdigest()
    assert info.grootte == len(inhoud)
    # Never an unbounded read(). The byte scans stream the file a chunk at a time; pypdf reads object by object,
    # so the only read above a chunk is the one 2.5 MB stream object itself (and the walk lets it go again).
    assert all(grootte is not None and grootte > 0 for grootte in spion.groottes)
    assert len([g for g in spion.groottes if g > CHUNK_BYTES]) <= 1
    assert spion.groottes.count(CHUNK_BYTES) >= 3
    assert positie == 0


# --- names and helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\system.ini.pdf", "system.ini.pdf"),
        ("/etc/shadow.pdf", "shadow.pdf"),
        ("C:\\Users\\jan\\Bureaublad\\VOG.pdf", "VOG.pdf"),
        ("Verklaring_Zorg_ë.pdf", "Verklaring_Zorg_ë.pdf"),
        ("Verklaring_Zorg_e\u0308.pdf", "Verklaring_Zorg_ë.pdf"),  # macOS sends decomposed letters
        ("Jaarverslag – Zorg ë.pdf", "Jaarverslag – Zorg ë.pdf"),
        ("rapport\x00.pdf", "rapport.pdf"),
        ("regel\r\nnieuw.pdf", "regel nieuw.pdf"),
        ("factuur\u202efdp.exe", "factuurfdp.exe"),  # right-to-left override hid the real extension
        ('wat"is<dit>?.pdf', "wat_is_dit__.pdf"),
        ("  .verborgen.pdf. ", "verborgen.pdf"),
        ("..", "bestand"),
        ("map/", "bestand"),
        ("", "bestand"),
        (None, "bestand"),
    ],
)
def test_veilige_bestandsnaam(invoer, verwacht):
    assert veilige_bestandsnaam(invoer) == verwacht


def test_lange_naam_wordt_ingekort_met_behoud_van_extensie():
    naam = veilige_bestandsnaam("ë" * 300 + ".pdf")

    assert len(naam) == 200
    assert naam.endswith("ë.pdf")


def test_toegestaan_tekst_volgt_vaste_volgorde():
    assert toegestaan_tekst(("pdf",)) == "PDF"
    assert toegestaan_tekst(("afbeelding", "pdf")) == "PDF, afbeelding (PNG/JPEG)"
    assert toegestaan_tekst(SOORTEN) == "PDF, afbeelding (PNG/JPEG), Office-document (DOCX/XLSX/ODT/ODS)"


def test_accept_attribuut():
    assert accept_attribuut(("pdf", "afbeelding")) == ".pdf,.png,.jpg,.jpeg"


@pytest.mark.parametrize(
    ("aantal", "tekst"),
    [(25 * 1024 * 1024, "25 MB"), (int(2.5 * 1024 * 1024), "2,5 MB"), (900 * 1024, "900 kB"), (10, "1 kB")],
)
def test_leesbare_grootte(aantal, tekst):
    assert leesbare_grootte(aantal) == tekst


def test_onbekende_soort_is_een_programmeerfout():
    with pytest.raises(ValueError):
        valideer_upload(upload("x.pdf", sb.geldige_pdf()), toegestaan=("video",))


# --- active content and polyglots (issue 11) -------------------------------------------------------------


@pytest.mark.parametrize("maak", [
    lambda: sb.geldige_pdf(3),
    lambda: eenvoudige_pdf("Verklaring", ["Zorg en welzijn.", "Coöperatie – “aanhalingstekens”."]),
    sb.pdf_met_goto_openaction,
    sb.pdf_met_witruimte_erachter,
    lambda: sb.grote_pdf(200_000),
], ids=["fpdf2", "eenvoudige_pdf", "openaction-goto", "witruimte-erachter", "grote-pdf"])
def test_gewone_pdfs_blijven_toegestaan(maak):
    info = valideer_upload(upload("verklaring.pdf", maak()))

    assert info.mime_type == "application/pdf"


def test_actieve_inhoud_melding_noemt_wat_er_gevonden_is():
    fout = geweigerd(upload("factuur.pdf", sb.pdf_met_openaction_javascript()))

    assert fout.messages == [
        "Het bestand “factuur.pdf” bevat actieve inhoud (JavaScript) en wordt daarom geweigerd. Sla het op als "
        "gewone PDF (bijvoorbeeld via ‘Afdrukken naar PDF’) en probeer het opnieuw."
    ]


def test_actieve_inhoud_noemt_alle_soorten():
    fout = geweigerd(upload("bijlage.pdf", sb.pdf_met_bijlage()))

    assert "(ingesloten bestanden)" in fout.messages[0]
    assert fout.code == "pdf_actieve_inhoud"


def test_aanhangsel_melding():
    fout = geweigerd(upload("factuur.pdf", sb.pdf_met_zip_erachter()))

    assert fout.code == "pdf_aanhangsel"
    assert "bevat naast de PDF nog een ander bestand" in fout.messages[0]
