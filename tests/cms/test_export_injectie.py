"""Public CSV downloads (register, productenboek) never hand a spreadsheet a formula (OWASP CSV injection)."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from tests.aanbesteding.factories import ProductFactory, TariefFactory

from .conftest import contracteer

pytestmark = pytest.mark.django_db

KWAAD = '=HYPERLINK("http://evil.example","klik") Zorgkracht'
PROCEDURE = "/procedures/jeugdhulp-voorzieningen/"


def _csv(antwoord) -> list[dict]:
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(antwoord.getvalue().decode("utf-8-sig")), delimiter=";"))


def test_register_csv_neutraliseert_een_formule_in_de_naam(client, procedure, pagina, tussenvoorziening):
    contracteer(procedure, tussenvoorziening.perceel, naam=KWAAD, plaats="@Hilversum")
    rijen = _csv(client.get(PROCEDURE + "register/csv/"))
    regel = next(r for r in rijen if "HYPERLINK" in r["naam"])
    assert regel["naam"] == "'" + KWAAD
    assert regel["vestigingsplaats"] == "'@Hilversum"


def test_productenboek_csv_neutraliseert_tekst_maar_laat_negatieve_getallen_staan(client, procedure, pagina, tussenvoorziening):
    product = ProductFactory(perceel=tussenvoorziening.perceel, categorie="43", code="43B99", naam=KWAAD, eenheid="-etmaal")
    TariefFactory(product=product, intensiteit="zwaar", geldig_van=date(2024, 1, 1), geldig_tot=date(2024, 12, 31),
                  bedrag=Decimal("100.00"))
    TariefFactory(product=product, intensiteit="zwaar", geldig_van=date(2025, 1, 1), geldig_tot=date(2025, 12, 31),
                  bedrag=Decimal("90.00"))
    rijen = _csv(client.get(PROCEDURE + "productenboek/2025/csv/"))
    regel = next(r for r in rijen if r["productcode"] == "43B99")
    assert regel["naam"] == "'" + KWAAD
    assert regel["eenheid"] == "'-etmaal"
    assert regel["verandering_pct"] == "-10.0"  # a number stays a number
