"""Edge cases of upload validation on top of the corpus in test_uploads.py (ARCHITECTURE rule 5)."""

import hashlib
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads
from core.uploads import (
    MAX_NAAM_LENGTE,
    PDF,
    PNG,
    leesbare_grootte,
    toegestaan_tekst,
    valideer_upload,
    veilige_bestandsnaam,
)
from tests.core import slechte_bestanden as sb


def _upload(naam, inhoud):
    return SimpleUploadedFile(naam, inhoud, content_type="text/plain")


def _geweigerd(bestand, **kwargs):
    with pytest.raises(ValidationError) as fout:
        valideer_upload(bestand, **kwargs)
    return fout.value


@pytest.mark.parametrize(("invoer", "verwacht"), [
    ("zero\u200bwidth.pdf", "zerowidth.pdf"),           # zero-width space (format character) goes
    ("tab\tnaam.pdf", "tab naam.pdf"),
    ("a  b   c.pdf", "a b c.pdf"),
    ("map\\sub/./bestand.pdf", "bestand.pdf"),
    ("...", "bestand"),
    ("bestand.pdf...", "bestand.pdf"),
    ("kolom:naam|x.pdf", "kolom_naam_x.pdf"),
])
def test_veilige_bestandsnaam_randgevallen(invoer, verwacht):
    assert veilige_bestandsnaam(invoer) == verwacht


def test_lange_naam_zonder_extensie_wordt_afgekapt():
    assert veilige_bestandsnaam("a" * 500) == "a" * MAX_NAAM_LENGTE


def test_lange_naam_met_te_lange_extensie_wordt_gewoon_afgekapt():
    naam = veilige_bestandsnaam("a" * 300 + "." + "b" * 20)
    assert len(naam) == MAX_NAAM_LENGTE
    assert naam == "a" * MAX_NAAM_LENGTE


def test_ingekorte_naam_eindigt_niet_op_punt_of_spatie():
    naam = veilige_bestandsnaam("a" * 194 + " ....." + "x" * 10 + ".pdf")
    assert naam.endswith(".pdf")
    assert len(naam) <= MAX_NAAM_LENGTE
    assert not naam.removesuffix(".pdf").endswith((" ", "."))


@pytest.mark.parametrize(("aantal", "omhoog", "tekst"), [
    (25 * 1024 * 1024 + 1, True, "25,1 MB"),
    (25 * 1024 * 1024 + 1, False, "25 MB"),
    (1024 * 1024, False, "1 MB"),
    (0, False, "1 kB"),
    (1025, True, "2 kB"),
    (1025, False, "1 kB"),
])
def test_leesbare_grootte_afronding(aantal, omhoog, tekst):
    assert leesbare_grootte(aantal, omhoog=omhoog) == tekst


def test_te_groot_bestand_noemt_grootte_naar_boven_afgerond_en_maximum():
    fout = _geweigerd(_upload("Jaarrekening.pdf", sb.geldige_pdf() + b"x" * 2048), max_bytes=1024)
    assert fout.code == "te_groot"
    assert fout.messages[0].startswith("Het bestand “Jaarrekening.pdf” is te groot (")
    assert fout.messages[0].endswith("; het maximum is 1 kB.")


def test_leeg_bestand_in_het_nederlands():
    fout = _geweigerd(_upload("leeg.pdf", b""))
    assert fout.code == "leeg"
    assert fout.messages == ["Het bestand “leeg.pdf” is leeg."]


def test_precies_het_maximum_mag():
    inhoud = sb.geldige_pdf(1)
    info = valideer_upload(_upload("x.pdf", inhoud), max_bytes=len(inhoud))
    assert info.grootte == len(inhoud)


def test_een_byte_over_het_maximum_niet():
    inhoud = sb.geldige_pdf(1)
    assert _geweigerd(_upload("x.pdf", inhoud), max_bytes=len(inhoud) - 1).code == "te_groot"


def test_sha256_en_paginas_kloppen_en_positie_nul():
    inhoud = sb.geldige_pdf(2)
    bestand = _upload("../VOG.pdf", inhoud)
    info = valideer_upload(bestand, toegestaan="pdf")  # a single kind as a plain string
    assert info.sha256 == hashlib.sha256(inhoud).hexdigest()
    assert info.paginas == 2 and info.mime_type == PDF and info.soort == "pdf"
    assert info.originele_naam == "VOG.pdf"
    assert bestand.tell() == 0


def test_afbeelding_heeft_geen_paginas():
    info = valideer_upload(_upload("foto.pdf", sb.png()), toegestaan=("pdf", "afbeelding"))
    assert info.mime_type == PNG and info.soort == "afbeelding" and info.paginas is None


def test_positie_nul_ook_na_weigering():
    bestand = _upload("kapot.pdf", sb.pdf_rommel())
    _geweigerd(bestand)
    assert bestand.tell() == 0


def test_geen_soorten_is_een_programmeerfout():
    with pytest.raises(ValueError, match="Onbekende of geen bestandssoorten"):
        valideer_upload(_upload("x.pdf", sb.geldige_pdf()), toegestaan=())
    with pytest.raises(ValueError):
        toegestaan_tekst(["pdf", "video"])


def test_weigering_noemt_de_veilige_naam_niet_het_pad():
    fout = _geweigerd(_upload("../../geheim/map/rapport.pdf", b"platte tekst, geen pdf"))
    assert "rapport.pdf" in fout.messages[0]
    assert "geheim" not in fout.messages[0]


# --- parser bombs (issue 11) ----------------------------------------------------------------------------


@pytest.mark.parametrize("als_verwijzing", [False, True], ids=["woordenboeken", "kale-verwijzingen"])
def test_keten_van_tienduizend_objecten_in_begrensde_tijd(als_verwijzing):
    """Measured about 0.4 s on one core; the bound leaves room for a shared CI machine."""
    inhoud = sb.pdf_met_objectketen(10_000, als_verwijzing=als_verwijzing)
    begin = time.perf_counter()

    info = valideer_upload(SimpleUploadedFile("keten.pdf", inhoud))

    assert time.perf_counter() - begin < 5
    assert info.paginas == 1


def test_keten_langer_dan_de_grens_geweigerd(monkeypatch):
    # A lower cap keeps the test fast; MAX_PDF_OBJECTEN itself is reached the same way (about 2 s).
    monkeypatch.setattr(uploads, "MAX_PDF_OBJECTEN", 5_000)
    inhoud = sb.pdf_met_objectketen(10_000)

    with pytest.raises(ValidationError) as fout:
        valideer_upload(SimpleUploadedFile("keten.pdf", inhoud))

    assert fout.value.code == "pdf_te_complex"
    assert "te ingewikkeld opgebouwd om veilig te controleren" in fout.value.messages[0]


def test_diep_geneste_arrays_geweigerd_zonder_recursiefout():
    """100,000 nested arrays: pypdf's recursive parser gives up; that must end as a refusal, not a crash."""
    inhoud = sb.pdf_met_objectketen(1).replace(b"/Keten 4 0 R", b"/Keten " + b"[" * 100_000 + b"]" * 100_000)
    begin = time.perf_counter()

    with pytest.raises(ValidationError):
        valideer_upload(SimpleUploadedFile("genest.pdf", inhoud))

    assert time.perf_counter() - begin < 5


# --- names follow the detected type (issue 11) ----------------------------------------------------------


@pytest.mark.parametrize(("invoer", "mime_type", "verwacht"), [
    ("factuur\u202egpj.exe", PDF, "factuurgpj.pdf"),  # RTL override: shows as "factuurexe.jpg"
    ("factuur\u202egpj.pdf", PDF, "factuurgpj.pdf"),
    ("\u2066rapport\u2069\u200e.exe\u200f", PDF, "rapport.pdf"),
    ("\u202arapport\u202c.pdf", PDF, "rapport.pdf"),
    ("scan.exe", PNG, "scan.png"),
    ("Verklaring.PDF", PDF, "Verklaring.PDF"),
    ("foto.jpeg", "image/jpeg", "foto.jpeg"),
    ("foto.png", "image/jpeg", "foto.jpg"),
    ("notulen", PDF, "notulen.pdf"),
    ("versie 2.1 definitief", PDF, "versie 2.1 definitief.pdf"),
    ("rapport.tar.gz", PDF, "rapport.tar.pdf"),
    ("", PDF, "bestand.pdf"),
    ("...", PDF, "bestand.pdf"),
    ("a" * 300 + ".exe", PDF, "a" * (MAX_NAAM_LENGTE - 4) + ".pdf"),
    ("onbekend.bin", "application/octet-stream", "onbekend.bin"),
    ("geen-type.exe", None, "geen-type.exe"),
])
def test_veilige_bestandsnaam_volgt_het_herkende_type(invoer, mime_type, verwacht):
    assert veilige_bestandsnaam(invoer, mime_type) == verwacht


def test_opgeslagen_naam_krijgt_de_extensie_van_de_inhoud():
    info = valideer_upload(SimpleUploadedFile("factuur\u202egpj.exe", sb.geldige_pdf(1)))

    assert info.originele_naam == "factuurgpj.pdf"


def test_weigering_noemt_de_naam_zonder_bidi_tekens():
    with pytest.raises(ValidationError) as fout:
        valideer_upload(SimpleUploadedFile("factuur\u202egpj.exe", sb.pdf_met_openaction_javascript()))

    assert "“factuurgpj.exe”" in fout.value.messages[0]
