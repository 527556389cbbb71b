"""The date and fee rules of the agreement, as pure functions (tested with the sources' numbers).

Each takes the numbers from Contractregels (per procedure) so a region's own rules are data, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from core.geld import euro
from core.kalender import eerste_dag_volgende_maand, plus_kalenderdagen, plus_maanden, plus_werkdagen

ZES = Decimal("0.000001")


# --- Addenda (003a §3.7) -------------------------------------------------------------------------------

def uiterste_aankondiging(ingangsdatum: date, maanden: int) -> date:
    """The last day an addendum taking effect on ``ingangsdatum`` may be published: ``maanden`` months before.

    003a §3.7: non-material ≥ 3 months, material ≥ 9 months. Effective 1 January 2027: non-material by
    1 October 2026, material by 1 April 2026 (across the year end).
    """
    return plus_maanden(ingangsdatum, -maanden)


def aankondigingstermijn_gehaald(publicatiedatum: date, ingangsdatum: date, maanden: int) -> bool:
    return publicatiedatum <= uiterste_aankondiging(ingangsdatum, maanden)


def vroegste_ingangsdatum(publicatiedatum: date, maanden: int) -> date:
    return plus_maanden(publicatiedatum, maanden)


# --- Uittreding (002 art. 8.1; 003a §3.5) ----------------------------------------------------------------

def vroegste_einde_mlo(ontvangen_op: date, maanden: int = 1) -> date:
    """002 art. 8.1: notice of at least ``maanden`` calendar month(s), starting on the first day of the month
    after the month in which the letter was received. Received 15 March → runs 1–30 April → ends 30 April."""
    start = eerste_dag_volgende_maand(ontvangen_op)
    return plus_kalenderdagen(plus_maanden(start, maanden), -1)


def vroegste_einde_gooi_optie2(ontvangen_op: date, maanden: int = 3) -> date:
    """003a §3.5 option 2: notice of at least 3 months from receipt (the day before the same day number
    ``maanden`` later). Effective only once the fee is paid, which the service checks separately.

    Where that day number does not exist in the final month, the last month runs to that month's end: received
    30 November → 30 Nov–29 Dec, 30 Dec–29 Jan, 30 Jan–28 Feb, so the earliest end is 28 February, not the
    27th (which would be one day short of the 3 months). Received 31 December → 30 March, as usual."""
    zelfde_dag = plus_maanden(ontvangen_op, maanden)
    if zelfde_dag.day != ontvangen_op.day:
        # plus_maanden clamped to the month's last day: the day number does not exist, so the period ends there.
        return zelfde_dag
    return plus_kalenderdagen(zelfde_dag, -1)


def uittreedvergoeding(aantal_clienten: int, per_client: Decimal = Decimal("150")) -> Decimal:
    """003a §3.5 option 2: €150 excl. VAT per client. 12 clients → €1,800."""
    if aantal_clienten < 0:
        raise ValueError("Het aantal cliënten kan niet negatief zijn.")
    return euro(Decimal(per_client) * aantal_clienten)


def werkelijke_einddatum(vroegste: date, *andere: date | None) -> date:
    """The agreement ends on the latest of the earliest end and the conditions that were met later (transfer
    completed: 002 art. 8.4; fee paid: 003a §3.5)."""
    return max([vroegste, *[d for d in andere if d is not None]])


# --- Wijzigingsverzoeken (003a §3.4, §3.7) --------------------------------------------------------------

def contactpersoon_uiterlijk(wijzigingsdatum: date, werkdagen: int = 5) -> date:
    """003a §3.7: a new contact person is reported within 5 working days of the change."""
    return plus_werkdagen(wijzigingsdatum, werkdagen)


def capaciteit_ingangsdatum(ingediend_op: date, maand: int = 10, dag: int = 1) -> tuple[date, bool]:
    """003a §3.7 (538, 687): capacity and subcontractors for next year are reported before 1 October and take
    effect on 1 January after consent. Returns (effective date, in time for next year). Reported on or after
    1 October: too late for next year, so the earliest effect is 1 January of the year after."""
    peildatum = date(ingediend_op.year, maand, dag)
    if ingediend_op < peildatum:
        return date(ingediend_op.year + 1, 1, 1), True
    return date(ingediend_op.year + 2, 1, 1), False


def rechtsvorm_uiterlijk(wijzigingsdatum: date, maanden: int = 3) -> date:
    """003a §3.4: a change of legal form is reported at least 3 months before it happens."""
    return plus_maanden(wijzigingsdatum, -maanden)


def rechtsvorm_vergoeding(
    uren: int | Decimal = 40, basis: Decimal = Decimal("3000"), uurtarief: Decimal = Decimal("75"), inbegrepen: int = 40
) -> Decimal:
    """003a §3.4: €3,000 excl. VAT plus €75/hour beyond 40 hours of processing."""
    return euro(Decimal(basis) + Decimal(uurtarief) * max(Decimal(0), Decimal(uren) - inbegrepen))


# --- Term and extension (003a §3.6) ----------------------------------------------------------------------

def verlenging_data(einde: date, aankondigen: tuple[int, int] | None, bezwaar: tuple[int, int] | None) -> tuple[date | None, date | None]:
    """(announce by, objection before) for a term ending on ``einde``: Gooi ends 31-12-2028, announced by
    1 September 2028, objection before 1 October 2028 (003a §3.6)."""
    aankondiging = date(einde.year, *aankondigen) if aankondigen else None
    bezwaartermijn = date(einde.year, *bezwaar) if bezwaar else None
    return aankondiging, bezwaartermijn


# --- Indexation (003a §3.9, lines 2438–2470) --------------------------------------------------------------

@dataclass(frozen=True)
class Component:
    naam: str
    percentage: Decimal
    gewicht_ambulant: Decimal
    gewicht_verblijf: Decimal


GOOI_GEWICHTEN = (  # 003a §3.9: salaries CBS / materials CPI / capital NZa; ambulant 90/8/2, residential 82/8/10.
    ("Lonen (CBS gezondheidszorg)", Decimal(90), Decimal(82)),
    ("Materiële kosten (CPI)", Decimal(8), Decimal(8)),
    ("Kapitaallasten (NZa)", Decimal(2), Decimal(10)),
)


def gewogen_index(componenten: list[Component], verblijf: bool) -> Decimal:
    """The weighted index in percent: Σ weight × component / 100 (weights in percent, summing to 100)."""
    gewichten = [c.gewicht_verblijf if verblijf else c.gewicht_ambulant for c in componenten]
    if sum(gewichten) != 100:
        raise ValueError("De gewichten moeten samen 100 zijn.")
    return sum((g * c.percentage for g, c in zip(gewichten, componenten, strict=True)), Decimal(0)) / 100


def indexeer(onafgerond: Decimal, percentage: Decimal) -> tuple[Decimal, Decimal]:
    """(new unrounded, new published tariff). The unrounded value is carried forward; only the published
    tariff is rounded to 2 decimals (003a §3.9). €100 at 1% → €101."""
    nieuw = (Decimal(onafgerond) * (1 + Decimal(percentage) / 100)).quantize(ZES, rounding=ROUND_HALF_UP)
    return nieuw, euro(nieuw)
