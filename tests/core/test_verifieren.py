"""The public page /verifieren/ (issue 18, ADR 0015): anyone uploads a PDF and reads in plain Dutch whether it is
authentic and unchanged, by whom, when and for whom it was issued; nothing uploaded is stored."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from core import zegel
from core.models import Zegelregistratie
from core.pdf import eenvoudige_pdf
from core.views import VERIFIEER_LIMIET

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _schone_cache():
    cache.clear()
    yield
    cache.clear()


def _pdf():
    return eenvoudige_pdf("Ontvangstbewijs", ["Omzet € 50.000,00", "Zorgkracht Gooi B.V."])


def _verzegeld():
    return zegel.verzegeld_document(
        _pdf(), soort="ontvangstbewijs", titel="Ontvangstbewijs inschrijving 7 - Jeugdhulp",
        uitgegeven_aan="Zorgkracht Gooi B.V. (KvK 12345678)", regio_id=None, regio_slug="verificatie",
        bureau="Regionaal Inkoopbureau Gooi",
    )


def _controleer(client, inhoud, naam="document.pdf"):
    antwoord = client.post("/verifieren/", {"bestand": SimpleUploadedFile(naam, inhoud, content_type="application/pdf")})
    # Whitespace-normalised: the template wraps long sentences.
    antwoord.content = " ".join(antwoord.content.decode().split()).encode()
    return antwoord


def test_pagina_is_openbaar_en_heeft_een_formulier(client):
    antwoord = client.get("/verifieren/")
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    assert 'href="/verifieren/"' in html  # the footer links it


def test_echt_document_noemt_bureau_datum_ontvanger_en_soort(client):
    html = _controleer(client, _verzegeld()).content.decode()
    assert "Echt en ongewijzigd" in html
    assert "uitgegeven door Regionaal Inkoopbureau Gooi" in html
    assert "aan Zorgkracht Gooi B.V. (KvK 12345678)" in html
    assert "soort ontvangstbewijs van een inschrijving" in html


def test_gewijzigd_document(client):
    inhoud = bytearray(_verzegeld())
    plek = bytes(inhoud).find(b"stream") + 40
    inhoud[plek] ^= 0x01
    html = _controleer(client, bytes(inhoud)).content.decode()
    assert "Gewijzigd" in html and "Echt en ongewijzigd" not in html
    assert "niet het document zoals het portaal het heeft uitgegeven" in html


def test_pdf_zonder_zegel(client):
    html = _controleer(client, _pdf()).content.decode()
    assert "Geen zegel" in html and "Echt en ongewijzigd" not in html


def test_zegel_van_een_onbekende_sleutel(client, settings, tmp_path):
    inhoud = zegel.verzegelen(_pdf(), regio_slug="verificatie", bureau="Regionaal Inkoopbureau Gooi", reden="test")
    settings.ZEGEL_MAP = str(tmp_path / "andere")  # another portal: it does not trust this bureau's key
    zegel._CACHE.clear()
    try:
        html = _controleer(client, inhoud).content.decode()
    finally:
        zegel._CACHE.clear()
    assert "Niet door dit portaal verzegeld" in html


def test_geen_pdf_wordt_geweigerd_en_niets_wordt_bewaard(client):
    voor = Zegelregistratie.objects.count()
    antwoord = _controleer(client, b"dit is geen pdf", naam="brief.txt")
    assert antwoord.status_code == 200
    assert "Uitslag" not in antwoord.content.decode()
    _controleer(client, _pdf())
    assert Zegelregistratie.objects.count() == voor


def test_te_groot_bestand_wordt_geweigerd(client, monkeypatch):
    from core import forms

    monkeypatch.setattr(forms, "VERIFIEER_MAX_BYTES", 100)
    html = _controleer(client, _verzegeld()).content.decode()
    assert "Uitslag" not in html and "te groot" in html


def test_te_veel_controles_achter_elkaar(client):
    inhoud = _pdf()
    for _ in range(VERIFIEER_LIMIET):
        assert _controleer(client, inhoud).status_code == 200
    antwoord = _controleer(client, inhoud)
    assert antwoord.status_code == 429
    assert "Probeer het over tien minuten opnieuw" in antwoord.content.decode()


def test_csrf_is_verplicht():
    from django.test import Client

    antwoord = Client(enforce_csrf_checks=True).post(
        "/verifieren/", {"bestand": SimpleUploadedFile("a.pdf", _pdf(), content_type="application/pdf")})
    assert antwoord.status_code == 403
