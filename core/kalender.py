"""Dutch calendar arithmetic for statutory and contractual periods ("termijnen").

Pure Python (stdlib + zoneinfo) so every domain app can use it without Django, and so
it can be tested without a database.

Sources:
- Algemene termijnenwet (Atw, BWBR0002448): art. 1 (a period ending on a Saturday, Sunday
  or algemeen erkende feestdag runs on to the next day that is none of those) and art. 3
  (the list of algemeen erkende feestdagen).
- DOMAIN.md, section "Time": deadlines are counted in calendar days, working days or
  months, in Europe/Amsterdam time, with hard hours such as 10:00; working days follow the
  Atw list; Good Friday is not among them. Where a procedure's own document defines its
  days differently, the procedure's setting wins, so callers choose whether the Atw shift
  applies (``termijnenwet=True``) instead of this module applying it silently.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

# Every deadline in the tender documents is a Dutch wall-clock time (e.g. 30-06-2023 10:00),
# so all aware datetimes are built in this zone rather than in UTC or server-local time.
TZ = ZoneInfo("Europe/Amsterdam")

KALENDERDAGEN = "kalenderdagen"
WERKDAGEN = "werkdagen"
MAANDEN = "maanden"
EENHEDEN = frozenset({KALENDERDAGEN, WERKDAGEN, MAANDEN})

# Singular/plural forms for Termijn.__str__, so a UI can say "1 maand" and "3 maanden".
_EENHEID_NAMEN = {
    KALENDERDAGEN: ("kalenderdag", "kalenderdagen"),
    WERKDAGEN: ("werkdag", "werkdagen"),
    MAANDEN: ("maand", "maanden"),
}

# Koningsdag replaced Koninginnedag (30 April) from 2014 on.
_EERSTE_JAAR_KONINGSDAG = 2014


def pasen(jaar: int) -> date:
    """Easter Sunday in the Gregorian calendar (anonymous Gregorian computus).

    Computed rather than listed, because tweede Paasdag, Hemelvaartsdag and tweede
    Pinksterdag hang off it and a hard-coded table silently runs out.
    """
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


def _koningsdag(jaar: int) -> tuple[date, str]:
    # Atw art. 3 names "de dag waarop de verjaardag van de Koning wordt gevierd": 27 April,
    # moved to the Saturday 26 April when the 27th is a Sunday (DOMAIN.md "Time").
    # Before 2014 that day was Koninginnedag, 30 April, moved to 29 April on a Sunday.
    if jaar >= _EERSTE_JAAR_KONINGSDAG:
        dag, naam = date(jaar, 4, 27), "Koningsdag"
    else:
        dag, naam = date(jaar, 4, 30), "Koninginnedag"
    if dag.weekday() == 6:
        dag -= timedelta(days=1)
    return dag, naam


@lru_cache(maxsize=256)
def _feestdagen(jaar: int) -> MappingProxyType[date, str]:
    # Cached per year because is_werkdag is called once per day when counting werkdagen.
    # The cached value is read-only so no caller can corrupt it for everybody else.
    paasdag = pasen(jaar)
    koningsdag, koningsdag_naam = _koningsdag(jaar)
    dagen = [
        (date(jaar, 1, 1), "Nieuwjaarsdag"),
        (paasdag + timedelta(days=1), "Tweede Paasdag"),
        (koningsdag, koningsdag_naam),
        # Atw art. 3 lists "de vijfde mei" without condition: it counts every year, not
        # only in the lustrum years in which many cao's give the day off.
        (date(jaar, 5, 5), "Bevrijdingsdag"),
        (paasdag + timedelta(days=39), "Hemelvaartsdag"),
        (paasdag + timedelta(days=50), "Tweede Pinksterdag"),
        (date(jaar, 12, 25), "Eerste Kerstdag"),
        (date(jaar, 12, 26), "Tweede Kerstdag"),
    ]
    # NOTE: Goede Vrijdag (paasdag - 2 days) is deliberately absent, as DOMAIN.md "Time"
    # states. Some public copies of Atw art. 3 carry a second paragraph equating Goede
    # Vrijdag with these days; if the project confirms that against wetten.overheid.nl,
    # add it here. Days equated by Koninklijk Besluit (Atw art. 3, last paragraph, e.g.
    # the Friday after Hemelvaartsdag) are not modelled either.
    resultaat: dict[date, str] = {}
    for dag, naam in dagen:
        # Two feasts can share a date (Hemelvaartsdag fell on 5 May in 2016); keep both names.
        resultaat[dag] = f"{resultaat[dag]} / {naam}" if dag in resultaat else naam
    return MappingProxyType(dict(sorted(resultaat.items())))


def feestdagen(jaar: int) -> dict[date, str]:
    """The algemeen erkende feestdagen of Atw art. 3 in ``jaar``, date -> Dutch name.

    Returns a fresh dict (built from a per-year lru_cache) so callers may modify it freely.
    """
    return dict(_feestdagen(jaar))


def is_feestdag(d: date) -> bool:
    """True when ``d`` is an algemeen erkende feestdag under Atw art. 3."""
    return d in _feestdagen(d.year)


def is_werkdag(d: date) -> bool:
    """Monday to Friday and not an Atw feestdag (DOMAIN.md "Time")."""
    return d.weekday() < 5 and not is_feestdag(d)


def plus_kalenderdagen(d: date, n: int) -> date:
    """``n`` calendar days after ``d`` (before it when ``n`` is negative)."""
    return d + timedelta(days=n)


def plus_werkdagen(d: date, n: int) -> date:
    """The ``n``-th working day after ``d``; ``d`` itself is never counted.

    A negative ``n`` counts backwards (e.g. "questions up to 5 werkdagen before closing").
    ``n == 0`` returns ``d`` unchanged, even if ``d`` is not a working day; use
    verschuif_naar_werkdag for that.
    """
    stap = timedelta(days=1 if n >= 0 else -1)
    resterend = abs(n)
    while resterend:
        d += stap
        if is_werkdag(d):
            resterend -= 1
    return d


def plus_maanden(d: date, n: int) -> date:
    """``n`` months after ``d``, clamped to the last day of a shorter month.

    31 January + 1 month is 28 February (29 February in a leap year): a period expressed
    in months ends on the same day number, or on the month's last day when that number
    does not exist, instead of spilling over into the next month.
    """
    maand_index = d.year * 12 + (d.month - 1) + n
    jaar, maand0 = divmod(maand_index, 12)
    maand = maand0 + 1
    dag = min(d.day, calendar.monthrange(jaar, maand)[1])
    return date(jaar, maand, dag)


def eerste_dag_volgende_maand(d: date) -> date:
    """The first day of the month after ``d`` (e.g. "ingaande de eerste van de volgende maand")."""
    return laatste_dag_maand(d) + timedelta(days=1)


def laatste_dag_maand(d: date) -> date:
    """The last day of the month ``d`` is in."""
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def verschuif_naar_werkdag(d: date) -> date:
    """Atw art. 1: a period ending on a Saturday, Sunday or feestdag runs on to the next
    day that is none of those. A date that already is a working day is returned as is."""
    while not is_werkdag(d):
        d += timedelta(days=1)
    return d


def termijn(start: date, aantal: int, eenheid: str, *, termijnenwet: bool = False) -> date:
    """The end date of a period of ``aantal`` ``eenheid`` counted from ``start``.

    ``eenheid`` is one of "kalenderdagen", "werkdagen" or "maanden"; anything else raises
    ValueError so a typo in a procedure setting fails loudly instead of yielding a date.

    With ``termijnenwet=True`` the end is moved by verschuif_naar_werkdag (Atw art. 1).
    Atw art. 1 lid 2 excludes periods counted backwards from a moment, so a negative
    ``aantal`` is never shifted.
    """
    if eenheid == KALENDERDAGEN:
        einde = plus_kalenderdagen(start, aantal)
    elif eenheid == WERKDAGEN:
        einde = plus_werkdagen(start, aantal)
    elif eenheid == MAANDEN:
        einde = plus_maanden(start, aantal)
    else:
        raise ValueError(f"Onbekende eenheid {eenheid!r}; kies uit {', '.join(sorted(EENHEDEN))}")
    if termijnenwet and aantal >= 0:
        einde = verschuif_naar_werkdag(einde)
    return einde


def deadline_op(d: date, uur: int = 23, minuut: int = 59) -> datetime:
    """An aware Europe/Amsterdam datetime for a wall-clock deadline on day ``d``.

    Built with tzinfo=TZ (not by adding hours to midnight or UTC) so 10:00 stays 10:00
    on both sides of a DST change: +02:00 in summer, +01:00 in winter. Note that Python
    subtracts two datetimes sharing this tzinfo as wall-clock times; convert to UTC first
    when the real elapsed time across a DST change matters.
    """
    return datetime(d.year, d.month, d.day, uur, minuut, tzinfo=TZ)


def is_voor_deadline(moment: datetime, deadline: datetime) -> bool:
    """True when ``moment`` lies strictly before ``deadline``.

    A deadline of 10:00 means the minute 10:00 is already too late: 09:59:59 is on time,
    10:00:00 is not. Both values must be aware; a naive datetime has no defined instant,
    and guessing its zone is how a submission gets accepted an hour late.
    """
    if moment.utcoffset() is None or deadline.utcoffset() is None:
        raise ValueError("is_voor_deadline needs timezone-aware datetimes")
    return moment < deadline


def nu() -> datetime:
    """The current moment as an aware Europe/Amsterdam datetime.

    Goes through datetime.now so tests can freeze it (time_machine).
    """
    return datetime.now(TZ)


def vandaag() -> date:
    """Today's date in Europe/Amsterdam: the one clock for every date-based deadline (see nu())."""
    return nu().date()


@dataclass(frozen=True)
class Termijn:
    """A period as written in a procedure document, e.g. "5 werkdagen" or "3 maanden"."""

    aantal: int
    eenheid: str

    def __post_init__(self) -> None:
        # Validate on construction so a bad procedure setting fails where it is defined.
        if self.eenheid not in EENHEDEN:
            raise ValueError(f"Onbekende eenheid {self.eenheid!r}; kies uit {', '.join(sorted(EENHEDEN))}")

    def bereken(self, start: date, *, termijnenwet: bool = False) -> date:
        """The end date of this period counted from ``start`` (see termijn())."""
        return termijn(start, self.aantal, self.eenheid, termijnenwet=termijnenwet)

    def __str__(self) -> str:
        enkelvoud, meervoud = _EENHEID_NAMEN[self.eenheid]
        return f"{self.aantal} {enkelvoud if abs(self.aantal) == 1 else meervoud}"
