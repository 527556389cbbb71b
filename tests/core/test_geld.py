from decimal import Decimal

import pytest

from core.geld import euro, formatteer_euro


@pytest.mark.parametrize(("invoer", "verwacht"), [("1.005", "1.01"), ("1.004", "1.00"), (2.675, "2.68"), ("-1.005", "-1.01")])
def test_euro_rondt_half_naar_boven_af(invoer, verwacht):
    assert euro(invoer) == Decimal(verwacht)


@pytest.mark.parametrize(
    ("bedrag", "tekst"),
    [(Decimal("1234.5"), "€ 1.234,50"), (Decimal("15000"), "€ 15.000,00"), (Decimal("0.3"), "€ 0,30"),
     (Decimal("-1800"), "-€ 1.800,00"), (Decimal("1234567.891"), "€ 1.234.567,89")],
)
def test_formatteer_euro_nederlands(bedrag, tekst):
    assert formatteer_euro(bedrag) == tekst
