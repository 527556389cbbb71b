"""Money helpers: euros as Decimal, rounded half-up to cents as Dutch tariff tables do."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def euro(waarde) -> Decimal:
    """Round to whole cents, half up (0.005 -> 0.01)."""
    return Decimal(str(waarde)).quantize(CENT, rounding=ROUND_HALF_UP)


def formatteer_euro(waarde) -> str:
    """Dutch notation: € 1.234,56."""
    bedrag = euro(waarde)
    teken = "-" if bedrag < 0 else ""
    geheel, _, decimalen = f"{abs(bedrag):.2f}".partition(".")
    groepen = []
    while geheel:
        groepen.insert(0, geheel[-3:])
        geheel = geheel[:-3]
    return f"{teken}€ {'.'.join(groepen)},{decimalen}"
