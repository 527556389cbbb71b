"""Pure SROI arithmetic: the obligation of a year and the value of an activity.

No database access here: the services pass in the regime's parameters and a valuation rule, so the sources'
numbers can be checked in isolation (tests/sroi/test_berekening.py) and the same code serves the provider's
progress bar, the frozen reports and the bureau's dashboard.

Rounding: amounts are rounded half-up to whole cents once, at the end (core.geld.euro), as the sources'
tables are in whole euros and cents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from core.geld import euro
from core.geld import formatteer_euro as fe

NUL = Decimal("0")
HONDERD = Decimal("100")
MAANDEN_PER_JAAR = Decimal("12")

# Grondslag (base) of the obligation. MLO 002 art. 17.1-17.2: threshold on the realised turnover of the previous
# year; the text does not say clearly which year the 5 % is taken of (002 §4 "Ambiguity"), so it is a setting.
# Gooi 003b Bijlage VII A: "5 % van de daadwerkelijk gerealiseerde jaaromzet" (actual revenue of the year).
GRONDSLAG_VORIG_JAAR = "vorig_jaar"
GRONDSLAG_WERKELIJK = "werkelijk"

# Valuation methods of a table row (Waarderingsregel.methode).
PER_STUK = "per_stuk"  # fixed amount per intern/occasion: snuffelstage € 300, oriëntatiestage € 400 (002 B4 B)
PER_MAAND = "per_maand"  # amount per month: PrO/VSO € 750, BPV € 500 (002 B4 B)
PER_UUR = "per_uur"  # amount per hour: gastles € 100 (002 B4 D), MVO € 100 (003b Bijlage VII B)
PER_DAGDEEL = "per_dagdeel"  # bedrijfsbezoek € 250 per dagdeel (002 B4 D)
LOON_OPSLAG = "loon_opslag"  # gross wage + 30 % (+ € 500 per month for BBL) (002 B4 A, B)
FACTUURWAARDE = "factuurwaarde"  # invoice or deposit value: inkoop (C), Scholingsfonds (E), WSW (Gooi)
JAARBEDRAG = "jaarbedrag"  # bouwblok per full-time year, pro rata hours and months (003b Bijlage VII B)

METHODEN = (PER_STUK, PER_MAAND, PER_UUR, PER_DAGDEEL, LOON_OPSLAG, FACTUURWAARDE, JAARBEDRAG)


class WaarderingsFout(ValueError):
    """Input that a valuation rule cannot value (missing hours, too many lecture hours, ...). Dutch message."""


@dataclass(frozen=True)
class RegimeParameters:
    """What the obligation computation needs from a SroiRegime (see sroi.models.SroiRegime)."""

    percentage: Decimal
    grondslag: str = GRONDSLAG_VORIG_JAAR
    drempel: Decimal | None = None  # None: no threshold (Gooi)
    overschot_verrekenen: bool = False


@dataclass(frozen=True)
class Verplichting:
    jaar: int
    verplicht: bool
    grondslag_bedrag: Decimal  # the turnover the percentage is taken of
    bruto: Decimal  # percentage x grondslag
    verrekend_overschot: Decimal  # surplus of the previous year deducted (002 art. 17.3)
    bedrag: Decimal  # what the provider must realise this year
    reden: str  # Dutch, shown to the provider: why (not) obliged and how the amount came about


def verplichting(
    parameters: RegimeParameters,
    *,
    jaar: int,
    omzet_vorig_jaar: Decimal | None,
    omzet_jaar: Decimal | None,
    overschot_vorig_jaar: Decimal = NUL,
) -> Verplichting:
    """The SROI obligation of one year.

    Threshold (002 art. 17.1): the obligation applies only when the previous year's turnover is *above* the
    threshold ("boven € 250.000"), so exactly € 250.000,00 is not obliged and € 250.000,01 is.
    Carry-over (002 art. 17.3): a surplus of last year is deducted from this year's amount, never below zero.
    """
    if parameters.drempel is not None:
        if omzet_vorig_jaar is None:
            return Verplichting(
                jaar, False, NUL, NUL, NUL, NUL,
                f"Geen omzet over {jaar - 1} bekend: de drempel van {fe(parameters.drempel)} kan niet worden getoetst.",
            )
        if omzet_vorig_jaar <= parameters.drempel:
            return Verplichting(
                jaar, False, NUL, NUL, NUL, NUL,
                f"De omzet over {jaar - 1} ({fe(omzet_vorig_jaar)}) ligt niet boven de drempel van "
                f"{fe(parameters.drempel)}: geen SROI-verplichting in {jaar}.",
            )
    if parameters.grondslag == GRONDSLAG_VORIG_JAAR:
        grondslag, omschrijving = omzet_vorig_jaar, f"de omzet over {jaar - 1}"
    else:
        grondslag, omschrijving = omzet_jaar, f"de werkelijke omzet over {jaar}"
    if grondslag is None:
        return Verplichting(jaar, True, NUL, NUL, NUL, NUL, f"Nog geen omzet ingevuld voor {omschrijving}.")
    bruto = euro(grondslag * parameters.percentage / HONDERD)
    verrekend = NUL
    if parameters.overschot_verrekenen and overschot_vorig_jaar > NUL:
        verrekend = min(euro(overschot_vorig_jaar), bruto)
    bedrag = bruto - verrekend
    reden = f"{_pct(parameters.percentage)} van {omschrijving} ({fe(grondslag)}) = {fe(bruto)}"
    if verrekend:
        reden += f", min het overschot van {jaar - 1} ({fe(verrekend)}) = {fe(bedrag)}"
    return Verplichting(jaar, True, euro(grondslag), bruto, verrekend, bedrag, reden + ".")


def overschot(verplichting_bedrag: Decimal, gerealiseerd: Decimal) -> Decimal:
    """The surplus that carries over: realised above the obligation, else zero (002 art. 17.3)."""
    return max(NUL, euro(gerealiseerd) - euro(verplichting_bedrag))


def verplichtingen_reeks(
    parameters_per_jaar: dict[int, RegimeParameters],
    omzetten: dict[int, Decimal],
    gerealiseerd: dict[int, Decimal],
) -> dict[int, Verplichting]:
    """Obligations for consecutive years, carrying each year's surplus into the next.

    ``parameters_per_jaar`` names the years to compute (the regime version in force in each year).
    """
    uitkomst: dict[int, Verplichting] = {}
    vorig_overschot = NUL
    for jaar in sorted(parameters_per_jaar):
        v = verplichting(
            parameters_per_jaar[jaar],
            jaar=jaar,
            omzet_vorig_jaar=omzetten.get(jaar - 1),
            omzet_jaar=omzetten.get(jaar),
            overschot_vorig_jaar=vorig_overschot if (jaar - 1) in uitkomst else NUL,
        )
        uitkomst[jaar] = v
        vorig_overschot = overschot(v.bedrag, gerealiseerd.get(jaar, NUL)) if v.verplicht else NUL
    return uitkomst


@dataclass(frozen=True)
class Regel:
    """What the valuation needs from a Waarderingsregel (see sroi.models.Waarderingsregel)."""

    methode: str
    bedrag: Decimal = NUL  # fixed amount, per month/hour/dagdeel, or per full-time year (bouwblok)
    opslag_percentage: Decimal = NUL  # employer costs on gross wage: 30 % (002 B4 A)
    maandbedrag: Decimal = NUL  # extra per month: BBL supervision € 500 (002 B4 B)
    min_aantal: Decimal | None = None  # gastles: 2-3 hours (002 B4 D)
    max_aantal: Decimal | None = None
    naam: str = ""


@dataclass(frozen=True)
class Invoer:
    """The quantities of one activity. Which are needed depends on the rule's method."""

    aantal: Decimal | None = None  # interns, hours or dagdelen
    maanden: Decimal | None = None
    uren_per_week: Decimal | None = None
    brutoloon: Decimal | None = None  # gross wage paid over the period
    bedrag: Decimal | None = None  # invoice or deposit value
    toeslag: Decimal = NUL  # per full-time year on top of the bouwblok: 55+ € 5.000 (003b Bijlage VII B)


def _nodig(waarde, omschrijving: str, regel: Regel) -> Decimal:
    if waarde is None:
        raise WaarderingsFout(f"Vul {omschrijving} in voor “{regel.naam}”.")
    if waarde < 0:
        raise WaarderingsFout(f"{omschrijving[0].upper()}{omschrijving[1:]} kan niet negatief zijn.")
    return Decimal(waarde)


def waarde(regel: Regel, invoer: Invoer, *, voltijd_uren: Decimal) -> Decimal:
    """The SROI value of one activity under one table row, in euros (rounded to cents).

    Bouwblokken (003b Bijlage VII B) are valued "op basis van een jaarcontract fulltime", so part-time and
    part-year work counts pro rata: bedrag x (uren per week / voltijd) x (maanden / 12). The source does not
    say how many hours a full-time week has; the regime sets it (default 36, see SroiRegime.voltijd_uren).
    """
    m = regel.methode
    if m == PER_STUK:
        uitkomst = regel.bedrag * _nodig(invoer.aantal, "het aantal deelnemers", regel)
    elif m == PER_MAAND:
        uitkomst = regel.bedrag * _nodig(invoer.maanden, "het aantal maanden", regel)
    elif m in (PER_UUR, PER_DAGDEEL):
        eenheid = "het aantal uren" if m == PER_UUR else "het aantal dagdelen"
        aantal = _nodig(invoer.aantal, eenheid, regel)
        if regel.min_aantal is not None and aantal < regel.min_aantal:
            raise WaarderingsFout(f"“{regel.naam}” telt minimaal {_getal(regel.min_aantal)} ({eenheid[8:]}).")
        if regel.max_aantal is not None and aantal > regel.max_aantal:
            # 002 B4 D: a guest lecture lasts 2 to 3 hours and travel time may not be counted.
            raise WaarderingsFout(
                f"“{regel.naam}” telt maximaal {_getal(regel.max_aantal)} ({eenheid[8:]}); reistijd telt niet mee."
            )
        uitkomst = regel.bedrag * aantal
    elif m == LOON_OPSLAG:
        loon = _nodig(invoer.brutoloon, "het uitbetaalde brutoloon", regel)
        uitkomst = loon * (1 + regel.opslag_percentage / HONDERD)
        if regel.maandbedrag:
            uitkomst += regel.maandbedrag * _nodig(invoer.maanden, "het aantal maanden", regel)
    elif m == FACTUURWAARDE:
        uitkomst = _nodig(invoer.bedrag, "het bedrag (factuur of storting)", regel)
    elif m == JAARBEDRAG:
        uren = _nodig(invoer.uren_per_week, "het aantal uren per week", regel)
        maanden = _nodig(invoer.maanden, "het aantal maanden", regel)
        if uren > voltijd_uren:
            raise WaarderingsFout(
                f"Meer dan {_getal(voltijd_uren)} uur per week (voltijd) telt niet extra mee; vul ten hoogste "
                f"{_getal(voltijd_uren)} in."
            )
        uitkomst = (regel.bedrag + invoer.toeslag) * (uren / voltijd_uren) * (maanden / MAANDEN_PER_JAAR)
    else:
        raise WaarderingsFout(f"Onbekende waarderingsmethode “{m}”.")
    return euro(uitkomst)


_DUIZENDTALLEN = re.compile(r"-?\d{1,3}(\.\d{3})+")


def lees_bedrag(tekst: str) -> Decimal:
    """An amount as people type it: Dutch "250.000,01", plain "250000.01", with or without "€".

    A comma makes it Dutch notation, so the dots are thousands separators. Without a comma, dots in groups of
    exactly three digits ("€ 250.000", "1.250.000") are thousands separators too, as a Dutch reader means them;
    otherwise a dot is the decimal point ("250000.01"). Raises WaarderingsFout (a ValueError) with a Dutch
    message for anything else.
    """
    t = tekst.replace("€", "").replace(" ", "").strip()
    if "," in t or _DUIZENDTALLEN.fullmatch(t):
        t = t.replace(".", "").replace(",", ".")
    try:
        bedrag = Decimal(t)
    except ArithmeticError as fout:
        raise WaarderingsFout(f"“{tekst}” is geen bedrag") from fout
    if not bedrag.is_finite():
        raise WaarderingsFout(f"“{tekst}” is geen bedrag")
    return bedrag


def voortgang(verplichting_bedrag: Decimal, gerealiseerd: Decimal) -> int:
    """Percentage realised for the progress bar, 0-100 (a surplus shows as full)."""
    if verplichting_bedrag <= 0:
        return 100 if gerealiseerd > 0 else 0
    return int(min(HONDERD, gerealiseerd * HONDERD / verplichting_bedrag))


def _pct(p: Decimal) -> str:
    return f"{_getal(p)} %"


def _getal(d: Decimal) -> str:
    tekst = f"{d.normalize():f}" if d == d.to_integral() else f"{d:f}".rstrip("0")
    return tekst.replace(".", ",")
