"""What a provider reads of an eis (issue 12): a readable title instead of the internal code, a declaration instead
of an ambiguous Ja/Nee, and the source reference kept for staff only (``bron``), moved out of the toelichting by
migration 0005 for data written before."""

import importlib

import pytest
from django.apps import apps

from aanbesteding.models import Eis

from .factories import AanbestedingFactory

pytestmark = pytest.mark.django_db

MIGRATIE = importlib.import_module("aanbesteding.migrations.0005_eis_titel_bron_verklaring")


def _eis(**velden) -> Eis:
    standaard = {"code": "Eis 21", "tekst": "Tekst.", "soort": Eis.Soort.GESCHIKTHEIDSEIS,
                 "antwoordtype": Eis.Antwoordtype.TEKST}
    return Eis.objects.create(aanbesteding=AanbestedingFactory(), **(standaard | velden))


def test_titel_gaat_voor():
    eis = _eis(titel="Verklaring Omtrent het Gedrag", tekst="De aanbieder beschikt over een VOG. Bron: 003 r. 2990.")
    assert eis.weergavetitel == "Verklaring Omtrent het Gedrag"


def test_zonder_titel_de_eerste_zin_zonder_code_of_bron():
    eis = Eis(code="Eis 21", tekst="De aanbieder heeft een klachtenregeling. Die is openbaar op de website.")
    assert eis.weergavetitel == "De aanbieder heeft een klachtenregeling"
    # A label before a colon ("Eigen Verklaring: ...") is the title the source itself gives.
    eis = Eis(code="Formulier E", tekst="Eigen Verklaring: geen uitsluitingsgronden (art. 2.86 en 2.87).")
    assert eis.weergavetitel == "Eigen Verklaring"


def test_lange_eerste_zin_wordt_op_een_woordgrens_ingekort():
    tekst = "De aanbieder " + " ".join(["zorgt"] * 30) + " voor passende zorg."
    titel = Eis(code="Eis 3", tekst=tekst).weergavetitel
    assert titel.endswith(" …") and len(titel) <= 90
    assert titel.removesuffix(" …").split(" ")[-1] == "zorgt"  # never half a word
    assert "Eis 3" not in titel


def test_verklaringstekst_eigen_of_algemeen():
    assert Eis(verklaring="Ik verklaar dat geen van deze uitsluitingsgronden op ons van toepassing is.").verklaringstekst == (
        "Ik verklaar dat geen van deze uitsluitingsgronden op ons van toepassing is.")
    assert Eis(verwacht_antwoord_ja=True).verklaringstekst == "Ik verklaar dat onze organisatie aan deze eis voldoet."
    # An eis met by answering "nee" (e.g. "geen faillissement") is declared as not applying.
    assert Eis(verwacht_antwoord_ja=False).verklaringstekst == "Ik verklaar dat dit niet op onze organisatie van toepassing is."


def test_migratie_haalt_de_bron_uit_de_toelichting():
    met_bron = _eis(code="TD 2.7", toelichting="De leeftijd geldt bij indiening. Bron: 003 r. 609.")
    alleen_bron = _eis(code="TD 3.1", toelichting="Bron: 003 r. 701-703.")
    zonder = _eis(code="TD 4", toelichting="Geen verwijzing hier.")
    MIGRATIE.bron_uit_toelichting(apps, None)
    for eis in (met_bron, alleen_bron, zonder):
        eis.refresh_from_db()
    assert (met_bron.toelichting, met_bron.bron) == ("De leeftijd geldt bij indiening.", "003 r. 609")
    assert (alleen_bron.toelichting, alleen_bron.bron) == ("", "003 r. 701-703")
    assert (zonder.toelichting, zonder.bron) == ("Geen verwijzing hier.", "")
    # Running it again finds nothing more to move.
    MIGRATIE.bron_uit_toelichting(apps, None)
    met_bron.refresh_from_db()
    assert (met_bron.toelichting, met_bron.bron) == ("De leeftijd geldt bij indiening.", "003 r. 609")


def test_aanbieder_ziet_titel_niet_code_of_bron():
    """The public procedure's eisen and the provider's pages use weergavetitel; the admin keeps code and bron."""
    eis = _eis(code="Eis 60", titel="Klachtenregeling", bron="003 r. 3050", tekst="De aanbieder heeft een klachtenregeling.")
    assert str(eis).startswith("Eis 60")  # staff lists and choosers keep the code
    assert eis.weergavetitel == "Klachtenregeling" and "Eis 60" not in eis.weergavetitel
    assert "003" not in eis.weergavetitel and "003" not in eis.verklaringstekst
