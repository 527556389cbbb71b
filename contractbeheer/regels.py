"""The clocks of contract management, pure (no database): deadlines of the yearly verantwoording, of meldingen,
informatieverzoeken and onderzoeken, and which verklaring a turnover asks for. All counting goes through
``core.kalender`` (Dutch working days, Europe/Amsterdam wall-clock time)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from core import kalender

CONTROLEVERKLARING = "controleverklaring"
BESTUURSVERKLARING = "bestuursverklaring"


def verklaring_voor(omzet: Decimal, drempel: Decimal | None) -> str:
    """Which statement goes with the financial verantwoording for one municipality and year.

    002 B1 32.2 (r.447): turnover "groter dan € 50.000,- per jaar per gemeente" → Controleverklaring; "kleiner
    dan € 50.000,-" → Bestuursverklaring. Exactly € 50.000 is not covered by the text; we read "groter dan"
    strictly, so € 50.000,00 asks for a bestuursverklaring and € 50.000,01 for a controleverklaring (ADR 0019).
    Without a threshold (a procedure that always asks for an accountant) it is always the controleverklaring.
    """
    if drempel is None or omzet > drempel:
        return CONTROLEVERKLARING
    return BESTUURSVERKLARING


def verantwoording_uiterlijk(dienstjaar: int, voor_dag: int, voor_maand: int) -> date:
    """The last day on time for a part due "vóór <dag> <maand> van het volgend jaar".

    "Vóór 1 maart" means 28 or 29 February is the last day (002 B1 32.1 r.446); no Atw shift, because the
    source fixes a calendar date, not a period.
    """
    return date(dienstjaar + 1, voor_maand, voor_dag) - timedelta(days=1)


def melding_uiterlijk(gebeurd_op: datetime, aantal: int, eenheid: str) -> datetime:
    """The moment a melding must be in, counted from the event.

    - werkdagen / kalenderdagen: the end (23:59) of the n-th day after the day of the event (002 B1 30.2
      "binnen twee (2) werkdagen"; 003 Eis 82-84 "uiterlijk op de volgende werkdag" = 1 werkdag);
    - uren: n hours after the event, for "onmiddellijk" (002 B1 27.1), which we read as within 24 hours.
    """
    if eenheid == "uren":
        return gebeurd_op + timedelta(hours=aantal)
    dag = kalender.termijn(gebeurd_op.astimezone(kalender.TZ).date(), aantal, eenheid)
    return kalender.deadline_op(dag)


def op_tijd(moment: datetime, uiterlijk: datetime) -> bool:
    """A melding received at ``moment`` is on time when it is not after the deadline minute (23:59 counts)."""
    return moment <= uiterlijk + timedelta(seconds=59)


def dag_op_tijd(moment: datetime, uiterlijk: date) -> bool:
    """A submission on ``moment`` is on time when it falls on or before the last day, Amsterdam time."""
    return moment.astimezone(kalender.TZ).date() <= uiterlijk


def informatieverzoek_uiterlijk(verzonden: date, werkdagen: int) -> date:
    """002 UOK 5.1: "binnen tien (10) werkdagen", counted from the day after sending."""
    return kalender.plus_werkdagen(verzonden, werkdagen)


def onderzoek_reactie_uiterlijk(gemeld: date, kalenderdagen: int) -> date:
    """002 B1 33.2 and 33.4: "binnen veertien (14) kalenderdagen na Schriftelijke melding"."""
    return kalender.plus_kalenderdagen(gemeld, kalenderdagen)


def herinneringsdagen(tekst: str) -> list[int]:
    """"30,7" → [30, 7]: the days before a deadline a reminder goes out (largest first)."""
    dagen = {int(d) for d in (t.strip() for t in tekst.split(",")) if d.isdigit()}
    return sorted(dagen, reverse=True)
