"""Strip mode (settings.UPLOAD_ACTIEVE_INHOUD = "opschonen", issue 11, ADR 0012): every active-content sample
of the bad-file corpus becomes a clean copy that passes validation and holds none of the markers; the
original's sha256 is kept; polyglots and every other refusal stand in both modes."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pypdf import PdfReader

from core import uploads
from core.uploads import (
    OPSCHONEN,
    WEIGEREN,
    OpgeschoondePdf,
    pdf_opschonen,
    valideer_of_opschonen,
    valideer_upload,
)
from tests.core import slechte_bestanden as sb

ACTIEF = [b for b in sb.SLECHTE_BESTANDEN if b.code == "pdf_actieve_inhoud"]
ANDERE_WEIGERINGEN = [b for b in sb.SLECHTE_BESTANDEN if b.code != "pdf_actieve_inhoud"]
# What a reader acts on; none of these may survive in the clean copy (outside stream data, where the check
# looks, and as keys or action types anywhere in the structure).
MARKERS = (b"/JS", b"/JavaScript", b"/AA", b"/Launch", b"/EmbeddedFile", b"/FileAttachment", b"/XFA", b"/RichMedia")


def upload(naam: str, inhoud: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


@pytest.mark.parametrize("slecht", ACTIEF, ids=lambda b: b.naam)
def test_elk_actief_voorbeeld_wordt_een_schone_kopie(slecht):
    data = slecht.maak()

    uitkomst = valideer_of_opschonen(upload(slecht.naam, data), modus=OPSCHONEN)

    schoon = uitkomst.opgeschoond
    assert isinstance(schoon, OpgeschoondePdf)
    assert schoon.origineel_sha256 == hashlib.sha256(data).hexdigest()
    assert schoon.origineel_grootte == len(data)
    assert schoon.verwijderd, "de melding moet noemen wat er is verwijderd"
    # The copy passes every check on its own and is what the info describes.
    info = valideer_upload(ContentFile(schoon.inhoud, name=slecht.naam))
    assert info == uitkomst.info
    assert info.sha256 == hashlib.sha256(schoon.inhoud).hexdigest() != schoon.origineel_sha256
    buiten = uploads._scan_pdf(ContentFile(schoon.inhoud)).buiten_streams
    for marker in MARKERS:
        assert marker not in buiten, marker
    assert uploads._loop_structuur(PdfReader(ContentFile(schoon.inhoud)), slecht.naam) == set()
    assert len(PdfReader(ContentFile(schoon.inhoud)).pages) == len(PdfReader(ContentFile(data)).pages)


@pytest.mark.parametrize("slecht", ACTIEF, ids=lambda b: b.naam)
def test_weigeren_blijft_de_standaard(slecht, settings):
    assert settings.UPLOAD_ACTIEVE_INHOUD == WEIGEREN
    with pytest.raises(ValidationError) as fout:
        valideer_of_opschonen(upload(slecht.naam, slecht.maak()))
    assert fout.value.code == "pdf_actieve_inhoud"


@pytest.mark.parametrize("slecht", ANDERE_WEIGERINGEN, ids=lambda b: f"{b.naam}-{b.code}")
def test_andere_weigeringen_blijven_ook_bij_opschonen(slecht):
    with pytest.raises(ValidationError) as fout:
        valideer_of_opschonen(SimpleUploadedFile(slecht.naam, slecht.maak()), toegestaan=slecht.toegestaan,
                              modus=OPSCHONEN)
    assert fout.value.code == slecht.code


def test_polyglot_met_javascript_blijft_geweigerd_als_aanhangsel():
    data = sb.pdf_met_openaction_javascript() + sb._zip({"index.html": "<html></html>"})

    with pytest.raises(ValidationError) as fout:
        valideer_of_opschonen(upload("beide.pdf", data), modus=OPSCHONEN)

    assert fout.value.code == "pdf_aanhangsel"


def test_gewone_pdf_wordt_niet_aangeraakt():
    data = sb.geldige_pdf(2)

    uitkomst = valideer_of_opschonen(upload("gewoon.pdf", data), modus=OPSCHONEN)

    assert uitkomst.opgeschoond is None
    assert uitkomst.info.sha256 == hashlib.sha256(data).hexdigest()


def test_modus_komt_uit_settings():
    with override_settings(UPLOAD_ACTIEVE_INHOUD=OPSCHONEN):
        uitkomst = valideer_of_opschonen(upload("js.pdf", sb.pdf_met_openaction_javascript()))
    assert uitkomst.opgeschoond is not None


def test_onbekende_modus_is_een_programmeerfout():
    with pytest.raises(ValueError, match="UPLOAD_ACTIEVE_INHOUD"):
        valideer_of_opschonen(upload("js.pdf", sb.geldige_pdf(1)), modus="negeren")


def test_melding_noemt_wat_er_is_verwijderd():
    schoon = pdf_opschonen(upload("factuur.pdf", sb.pdf_met_openaction_launch()))

    assert schoon.melding == (
        "Het bestand “factuur.pdf” bevatte actieve inhoud (een opdracht om een programma te starten). Die is "
        "verwijderd; de beoordelaars krijgen de opgeschoonde kopie. Het origineel is bewaard voor het dossier."
    )


def test_link_blijft_bestaan_zonder_de_opdracht():
    """Only the action goes: the annotation itself (a harmless link rectangle) stays."""
    schoon = pdf_opschonen(upload("link.pdf", sb.pdf_met_link_die_programma_start()))

    annotaties = PdfReader(ContentFile(schoon.inhoud)).pages[0]["/Annots"]
    assert [a.get_object()["/Subtype"] for a in annotaties] == ["/Link"]
    assert "/A" not in annotaties[0].get_object()


def test_bijlage_annotatie_gaat_weg():
    schoon = pdf_opschonen(upload("bijlage.pdf", sb.pdf_met_bijlage_annotatie()))

    assert list(PdfReader(ContentFile(schoon.inhoud)).pages[0].get("/Annots", [])) == []


def test_goto_openaction_blijft_staan():
    """A /OpenAction that only opens page 1 is no active content and stays in a cleaned copy."""
    data = sb.pdf_met_openaction_javascript()
    schoon = pdf_opschonen(upload("js.pdf", data))
    assert "/OpenAction" not in PdfReader(ContentFile(schoon.inhoud)).trailer["/Root"]

    goto = pdf_opschonen(upload("goto.pdf", sb.pdf_met_goto_openaction()))
    assert "/OpenAction" in PdfReader(ContentFile(goto.inhoud)).trailer["/Root"]


def test_kopie_die_nog_steeds_faalt_wordt_geweigerd(monkeypatch):
    """Whatever the stripping misses, the second check catches: nothing half-cleaned is stored."""
    monkeypatch.setattr(uploads, "_verwijder_actieve_inhoud", lambda reader: set())
    weigering = ValidationError("oorspronkelijke weigering", code="pdf_actieve_inhoud")

    with pytest.raises(ValidationError) as fout:
        pdf_opschonen(upload("js.pdf", sb.pdf_met_indirecte_javascript()), weigering=weigering)

    assert fout.value is weigering


def test_onleesbaar_origineel_blijft_geweigerd():
    with pytest.raises(ValidationError) as fout:
        pdf_opschonen(upload("rommel.pdf", b"%PDF-1.7\n rommel"))
    assert fout.value.code == "pdf_actieve_inhoud"


def test_bestand_staat_na_opschonen_weer_op_het_begin():
    bestand = upload("js.pdf", sb.pdf_met_openaction_javascript())

    valideer_of_opschonen(bestand, modus=OPSCHONEN)

    assert bestand.tell() == 0
