"""fout_melden turns refusals into messages; publiceer_na_goedkeuring publishes the approved revision."""

from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from core.berichten import GEEN_TOESTEMMING, fout_melden
from core.geld import euro, formatteer_euro
from core.pdf import eenvoudige_pdf, pdf_tekst
from core.publicatie import publiceer_na_goedkeuring


@pytest.fixture
def verzoek():
    verzoek = RequestFactory().post("/")
    SessionMiddleware(lambda r: None).process_request(verzoek)
    verzoek._messages = FallbackStorage(verzoek)
    return verzoek


def _berichten(verzoek):
    return [(m.level, m.message) for m in get_messages(verzoek)]


def test_validationerror_met_meerdere_meldingen_geeft_meerdere_berichten(verzoek):
    fout_melden(verzoek, ValidationError(["De termijn is verstreken.", "Het bewijsstuk ontbreekt."]))
    assert _berichten(verzoek) == [(constants.ERROR, "De termijn is verstreken."),
                                   (constants.ERROR, "Het bewijsstuk ontbreekt.")]


def test_validationerror_per_veld_geeft_alle_meldingen(verzoek):
    fout_melden(verzoek, ValidationError({"kvk_nummer": ["Fout KvK."], "agb_code": ["Fout AGB.", "Te kort."]}))
    assert sorted(m for _, m in _berichten(verzoek)) == ["Fout AGB.", "Fout KvK.", "Te kort."]


def test_validationerror_met_parameters_wordt_ingevuld(verzoek):
    fout_melden(verzoek, ValidationError("Uiterlijk %(dagen)s werkdagen.", params={"dagen": 5}))
    assert _berichten(verzoek) == [(constants.ERROR, "Uiterlijk 5 werkdagen.")]


def test_permissiondenied_zonder_tekst(verzoek):
    fout_melden(verzoek, PermissionDenied())
    assert _berichten(verzoek) == [(constants.ERROR, "Dit mag u niet doen.")]
    assert GEEN_TOESTEMMING == "Dit mag u niet doen."


def test_permissiondenied_met_tekst(verzoek):
    fout_melden(verzoek, PermissionDenied("Alleen een beheerder mag dit doen."))
    assert _berichten(verzoek) == [(constants.ERROR, "Alleen een beheerder mag dit doen.")]


def test_andere_fout_als_tekst(verzoek):
    fout_melden(verzoek, ValueError("Onbekende status."))
    assert _berichten(verzoek) == [(constants.ERROR, "Onbekende status.")]


def test_publiceer_na_goedkeuring_publiceert_laatste_revisie_zonder_rechtencheck():
    state = mock.Mock()
    gebruiker = object()
    publiceer_na_goedkeuring(state, user=gebruiker)
    revisie = state.content_object.get_latest_revision.return_value
    revisie.publish.assert_called_once_with(user=gebruiker, skip_permission_checks=True)


def test_publiceer_na_goedkeuring_zonder_gebruiker():
    state = mock.Mock()
    publiceer_na_goedkeuring(state)
    state.content_object.get_latest_revision.return_value.publish.assert_called_once_with(
        user=None, skip_permission_checks=True)


def test_publicatie_is_de_geconfigureerde_afronding(settings):
    assert settings.WAGTAIL_FINISH_WORKFLOW_ACTION == "core.publicatie.publiceer_na_goedkeuring"


# --- geld ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("invoer", "verwacht"), [
    (0, "0.00"), (10, "10.00"), ("0.005", "0.01"), ("-0.005", "-0.01"), ("0.0049", "0.00"),
    (Decimal("346.145"), "346.15"), (0.1 + 0.2, "0.30"),
])
def test_euro_randgevallen(invoer, verwacht):
    assert euro(invoer) == Decimal(verwacht)
    assert str(euro(invoer)) == verwacht


@pytest.mark.parametrize(("bedrag", "tekst"), [
    (0, "€ 0,00"), ("-0.004", "€ 0,00"), ("-0.005", "-€ 0,01"), (999.995, "€ 1.000,00"),
    (Decimal("100"), "€ 100,00"), (Decimal("1000"), "€ 1.000,00"), ("300000", "€ 300.000,00"),
    ("15000", "€ 15.000,00"),
])
def test_formatteer_euro_randgevallen(bedrag, tekst):
    assert formatteer_euro(bedrag) == tekst


def test_sroi_voorbeeld_vijf_procent():
    """DOMAIN.md, SROI: €300,000 × 5 % = €15,000."""
    assert formatteer_euro(euro(Decimal("300000") * Decimal("0.05"))) == "€ 15.000,00"


# --- pdf -------------------------------------------------------------------------------------------------

def test_pdf_tekst_van_getal_en_lege_string():
    assert pdf_tekst(71.38) == "71.38"
    assert pdf_tekst("") == ""
    assert pdf_tekst("— ’ ”") == "— ’ ”"


def test_pdf_tekst_houdt_unicode_zoals_het_dossier():
    # Issue 18: the PDF reads the same as the record; no latin-1 "?" substitutions any more.
    assert pdf_tekst("Zorg in Łódź ≥ 5 %") == "Zorg in Łódź ≥ 5 %"


def test_andere_tekst_andere_pdf_en_geldige_kop():
    a = eenvoudige_pdf("Titel", ["een"])
    b = eenvoudige_pdf("Titel", ["twee"])
    assert a != b
    assert a.startswith(b"%PDF-") and a.rstrip().endswith(b"%%EOF")


def test_pdf_met_euroteken_en_lange_regel_blijft_leesbaar(tmp_path):
    from pypdf import PdfReader

    inhoud = eenvoudige_pdf("Tarief – 2025", ["Begeleiding € 71,38 per uur " * 20, ""])
    pad = tmp_path / "t.pdf"
    pad.write_bytes(inhoud)
    tekst = PdfReader(pad).pages[0].extract_text()
    assert "Tarief – 2025" in tekst
    assert "Begeleiding € 71,38 per uur" in tekst


@pytest.mark.parametrize(("waarde", "verwacht"), [
    ("42", 42), ("0", 0), ("", None), (None, None), ("²", None), ("٤٢", None), ("-1", None), ("4 2", None),
    ("1" * 13, None),
])
def test_geheel_getal_alleen_ascii_cijfers(waarde, verwacht):
    from core.berichten import geheel_getal

    assert geheel_getal(waarde) == verwacht
    assert geheel_getal(waarde, standaard=7) == (7 if verwacht is None else verwacht)
