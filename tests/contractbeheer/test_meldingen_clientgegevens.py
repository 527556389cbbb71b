"""No client-identifying data in free text (contractbeheer.clientgegevens): the SROI BSN check reused, and the
names that free text gives away."""

import pytest
from django.core.exceptions import ValidationError

from contractbeheer import clientgegevens as cg

from ._meldingen import BSN


@pytest.mark.parametrize("tekst", [BSN, f"BSN: {BSN}", "1112.22.333", "111 222 333", "111-222-333",
                                   f"Het gaat om cliënt {BSN} op de groep."])
def test_bsn(tekst):
    assert cg.bevat_bsn(tekst) is True
    with pytest.raises(ValidationError) as fout:
        cg.valideer_vrije_tekst(tekst)
    assert fout.value.code == "bsn"


@pytest.mark.parametrize("tekst", ["123456789", "Dossier K-2024-017", "Op 24-04-2026 om 16:30 gebeurd.",
                                   "Telefoon 035-1234567", "Factuur 2026000123", "nummer 011222333", ""])
def test_geen_bsn(tekst):
    assert cg.bevat_bsn(tekst) is False


@pytest.mark.parametrize("tekst", [
    "mevrouw Jansen viel", "Mevr. Bakker", "mw. de Groot", "De heer van den Berg belde", "dhr. Pietersen",
    "Meneer Yilmaz", "cliënt De Vries", "Cliënte El-Amrani", "client Visser", "de jeugdige Smit",
    "Moeder Mulder belde", "vader Bos", "pleegouder Kok", "J. Jansen", "J.P. de Vries", "A.B.C. van der Meer",
    "naam: Piet", "Naam cliënt: x", "geboren op 3-4-2012", "geb. 03-04-2012", "Geboortedatum 2012-04-03",
])
def test_naam(tekst):
    assert cg.bevat_naam(tekst) is True
    with pytest.raises(ValidationError) as fout:
        cg.valideer_vrije_tekst(tekst)
    assert fout.value.code == "naam"


@pytest.mark.parametrize("tekst", [
    "Een kind viel van de trap in de groep.", "De jongere is opgenomen in het ziekenhuis.",
    "De moeder is ingelicht.", "N.B. Het kind is weer thuis.", "Zorgkracht B.V. Heeft de IGJ gebeld.",
    "Melding aan de IGJ. Daarna overleg.", "Regio Gooi en Vechtstreek", "Autoriteit Persoonsgegevens",
    "cliënt dossier K-2024-017", "De naam van de locatie wijzigt.",
])
def test_geen_naam(tekst):
    assert cg.bevat_naam(tekst) is False
    cg.valideer_vrije_tekst(tekst)


def test_valideer_velden_per_veld():
    with pytest.raises(ValidationError) as fout:
        cg.valideer_velden(samenvatting="Val", omschrijving=f"BSN {BSN}", maatregelen="mevrouw Jansen", leeg=None)
    assert set(fout.value.message_dict) == {"omschrijving", "maatregelen"}
    assert fout.value.message_dict["omschrijving"] == [cg.BSN]
    assert fout.value.message_dict["maatregelen"] == [cg.NAAM]
    cg.valideer_velden(samenvatting="Val", omschrijving="Een val.")
