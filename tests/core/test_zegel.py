"""Seals on legal PDFs (issue 18): a sealed PDF validates, one changed byte or an appended update does not, the
register says for whom it was issued, and the embedded font prints what the record says."""

import io

import pytest
from pypdf import PdfReader

from core import zegel
from core.models import Zegelregistratie
from core.pdf import eenvoudige_pdf, pdf_tekst

pytestmark = pytest.mark.django_db


def _pdf(tekst="Ontvangstbewijs"):
    return eenvoudige_pdf(tekst, ["Omzet € 50.000,00 – drempel controleverklaring", "Zorgaanbieder Ĳsselmonde"])


def test_verzegelde_pdf_is_echt_en_geregistreerd_voor_de_ontvanger():
    verzegeld = zegel.verzegeld_document(
        _pdf(), soort="ontvangstbewijs", titel="Ontvangstbewijs inschrijving 7", uitgegeven_aan="Zorg BV",
        regio_id=None, regio_slug="zegeltest-gooi", bureau="Regio Gooi en Vechtstreek",
    )
    uitslag = zegel.controleren(verzegeld)
    assert uitslag.status == "echt", uitslag.melding
    assert uitslag.ondertekenaar == "Regio Gooi en Vechtstreek"
    assert uitslag.registratie.uitgegeven_aan == "Zorg BV"
    assert uitslag.registratie.soort == "ontvangstbewijs"
    assert uitslag.ondertekend_op is not None


def test_een_gewijzigde_byte_breekt_het_zegel():
    verzegeld = bytearray(zegel.verzegelen(_pdf(), regio_slug="gooi", bureau="Regio Gooi", reden="test"))
    plek = bytes(verzegeld).find(b"50.000")
    if plek < 0:  # text is compressed: change a byte inside the first content stream instead
        plek = bytes(verzegeld).find(b"stream") + 20
    verzegeld[plek] ^= 0x01
    uitslag = zegel.controleren(bytes(verzegeld))
    assert uitslag.status != "echt"
    assert uitslag.registratie is None


def test_een_toegevoegde_wijziging_na_het_zegel_wordt_gezien():
    from pypdf import PdfWriter

    verzegeld = zegel.verzegelen(_pdf(), reden="test")
    schrijver = PdfWriter(io.BytesIO(verzegeld), incremental=True)
    schrijver.add_metadata({"/Title": "vervalst"})
    uit = io.BytesIO()
    schrijver.write(uit)
    assert zegel.controleren(uit.getvalue()).status == "gewijzigd"


def test_ongezegelde_en_onleesbare_bestanden():
    assert zegel.controleren(_pdf()).status == "geen_zegel"
    assert zegel.controleren(b"geen pdf").status == "onleesbaar"


def test_zegel_van_een_andere_ca_is_niet_vertrouwd(settings, tmp_path):
    eerst = zegel.verzegelen(_pdf(), reden="test")
    settings.ZEGEL_MAP = str(tmp_path / "andere")
    zegel._CACHE.clear()
    try:
        assert zegel.controleren(eerst).status == "onbekende_ondertekenaar"
    finally:
        zegel._CACHE.clear()


def test_zonder_sleutel_en_zonder_demo_weigert_verzegelen(settings, tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    settings.ZEGEL_MAP = str(tmp_path / "leeg")
    settings.ZEGEL_DEMO = False
    zegel._CACHE.clear()
    try:
        with pytest.raises(ImproperlyConfigured):
            zegel.verzegelen(_pdf(), regio_slug="gooi", reden="test")
    finally:
        zegel._CACHE.clear()


def test_registratie_blijft_bestaan():
    zegel.verzegeld_document(_pdf("x"), soort="nvi", titel="NvI 1", uitgegeven_aan="", regio_id=None)
    with pytest.raises(PermissionError):
        Zegelregistratie.objects.get().delete()


def test_pdf_drukt_euro_en_nederlandse_tekens_af():
    tekst = PdfReader(io.BytesIO(_pdf())).pages[0].extract_text()
    assert "€ 50.000,00 – drempel" in tekst
    assert "Ĳsselmonde" in tekst or "IJsselmonde" in tekst


def test_pdf_tekst_laat_stuurtekens_weg_en_niets_anders():
    assert pdf_tekst("a\x00b\x07c\n€") == "abc\n€"
    assert pdf_tekst(None) == ""
