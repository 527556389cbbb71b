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


# =============================================================================================================
# Issue 14 (ADR 0020): traffic lights, the 80 % rule for contract talks, the enforcement ladder, fines and the
# leegstandvergoeding. Pure: the services feed them rows from the database.
# =============================================================================================================

GROEN, ORANJE, ROOD, GEEN = "groen", "oranje", "rood", "geen"
MAANDNAMEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december")


def stoplicht(waarde: Decimal | None, norm: Decimal | None, drempel_oranje: Decimal | None, richting: str) -> str:
    """Traffic light of one figure against its norm. ``richting`` "hoger" (higher is better) or "lager".

    Groen when the norm is met (equal counts as met); oranje between the norm and ``drempel_oranje``
    (inclusive); rood beyond. No figure or no norm: "geen" (no light rather than a false green)."""
    if waarde is None or norm is None:
        return GEEN
    hoger = richting == "hoger"
    if (waarde >= norm) if hoger else (waarde <= norm):
        return GROEN
    if drempel_oranje is not None and ((waarde >= drempel_oranje) if hoger else (waarde <= drempel_oranje)):
        return ORANJE
    return ROOD


def wachttijd_stoplicht(dagen: int | None, max_dagen: int | None) -> str:
    """003 r.546: the wait may not exceed the norm; over it is rood. Oranje from 75 % of the norm: the provider
    must report an *imminent* overrun "per ommegaande" (r.548), so the bureau wants to see it coming. (ADR 0020)"""
    if dagen is None or max_dagen is None:
        return GEEN
    if dagen > max_dagen:
        return ROOD
    if dagen * 4 >= max_dagen * 3:
        return ORANJE
    return GROEN


def periode_start(d: date, periode: str) -> date:
    """The first day of the month, quarter or year that ``d`` lies in."""
    if periode == "maand":
        return d.replace(day=1)
    if periode == "kwartaal":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if periode == "jaar":
        return date(d.year, 1, 1)
    raise ValueError(f"onbekende periode {periode!r}")


def periode_einde(start: date, periode: str) -> date:
    """The last day of the period that begins on ``start``."""
    maanden = {"maand": 1, "kwartaal": 3, "jaar": 12}[periode]
    return kalender.plus_maanden(start, maanden) - timedelta(days=1)


def periode_label(start: date, periode: str) -> str:
    if periode == "maand":
        return f"{MAANDNAMEN[start.month - 1]} {start.year}"
    if periode == "kwartaal":
        return f"K{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def grootste_omzet(omzetten: dict, aandeel_pct: int) -> list:
    """The providers that together make ``aandeel_pct`` % of the turnover (002 UOK 13.1: contract talks focus on
    "de Aanbieders die tezamen 80% van de omzet realiseren"): largest first, up to and including the provider
    that reaches the share. Ties keep the input's order; providers without turnover never count."""
    totaal = sum(omzetten.values(), Decimal(0))
    if totaal <= 0:
        return []
    grens = totaal * Decimal(aandeel_pct) / Decimal(100)
    gekozen, som = [], Decimal(0)
    for sleutel, omzet in sorted(omzetten.items(), key=lambda kv: -kv[1]):
        if omzet <= 0 or som >= grens:
            break
        gekozen.append(sleutel)
        som += omzet
    return gekozen


# --- the enforcement ladder (003 §7.11 r.2872-2883) -----------------------------------------------------------


def volgende_trede(opgelegd: list[int]) -> int:
    """The step that comes next after the measures imposed so far (their ``trede`` values): one above the
    heaviest, the first step when nothing was imposed. Opzegging (8) is the top."""
    return min(max(opgelegd, default=0) + 1, 8)


def sprong_zonder_reden(opgelegd: list[int], nieuw: int, reden: str) -> bool:
    """True when ``nieuw`` skips a step of the ladder and no reason is recorded. 003 §7.11: "Afhankelijk van de
    ernst en zwaarte ... één of meer van de volgende maatregelen": the bureau may go straight to a heavier
    measure, but the portal asks for the reason (issue 14: a step cannot be skipped without a recorded reason).
    Repeating or going back to a lighter step is never a skip."""
    return nieuw > volgende_trede(opgelegd) and not reden.strip()


def zienswijze_uiterlijk(verzonden: date, werkdagen: int) -> date:
    """The last day for the provider's zienswijze on an intended measure: ``werkdagen`` Dutch working days after
    the day the letter was sent (core.kalender; ADR 0020)."""
    return kalender.plus_werkdagen(verzonden, werkdagen)


# --- fines (003 §7.11 r.2876-2880; 003 r.3236; 003 r.2702) ---------------------------------------------------


def boete_bedrag(*, bedrag: Decimal | None, percentage: Decimal | None, aantal: Decimal,
                 perioden: int | None = None, grondslag: Decimal | None = None) -> Decimal:
    """The amount of one fine from the schedule: ``bedrag`` × ``aantal`` × ``perioden`` (e.g. € 250 per
    medewerker per week: 3 medewerkers × 2 weken = € 1.500), or ``percentage`` % of ``grondslag`` (75 % of the
    budget, 003 r.2702). Rounded to cents, half up."""
    from core.geld import euro

    if aantal < 0 or (perioden is not None and perioden < 0):
        raise ValueError("aantal en perioden zijn niet negatief")
    if percentage is not None:
        if grondslag is None:
            raise ValueError("een percentage vraagt een grondslag")
        return euro(grondslag * percentage / Decimal(100))
    if bedrag is None:
        raise ValueError("een boete heeft een bedrag of een percentage")
    return euro(bedrag * aantal * (perioden if perioden is not None else 1))


def dagen_te_laat(uiterlijk: date, ingediend_op: date | None, peildatum: date) -> int:
    """Calendar days after the deadline of a verantwoording (003 §7.11 lid 5: "€ 250,- per dag ... per dag na het
    verstrijken van de deadline"): until the day of submission, or until ``peildatum`` while nothing came in.
    The day of the deadline itself is on time."""
    eind = ingediend_op or peildatum
    return max((eind - uiterlijk).days, 0)


# --- leegstandvergoeding Tussenvoorziening (003 r.4140-4207, r.4259-4319; ADR 0020) ------------------------


def etmalen_capaciteit(bedden: int, maand: date) -> int:
    """Beds × days of the month: 2 beds in a 30-day month are 60 etmalen (003 r.4292: two beds a year = 730)."""
    return bedden * kalender.laatste_dag_maand(maand).day


def leegstand_bedrag(*, etmalen_capaciteit: int, etmalen_bezet: int, tarief: Decimal) -> Decimal:
    """Etmalen leegstand × the tariff of an occupied bed at the location (003 r.4144 "het aantal etmalen te
    vermenigvuldigen met het tarief"; r.4282 "tegen hetzelfde tarief als bij aanwezigheid")."""
    from core.geld import euro

    if etmalen_bezet > etmalen_capaciteit:
        raise ValueError("meer etmalen bezet dan capaciteit")
    return euro(Decimal(etmalen_capaciteit - etmalen_bezet) * tarief)


def binnen_plafond(berekend: Decimal, al_uitbetaald: Decimal, plafond: Decimal) -> Decimal:
    """What may be paid for one month when ``al_uitbetaald`` of the year's ``plafond`` is used (months in order;
    003 r.4144, r.4190: € 175.000 per provider per year)."""
    return max(min(berekend, plafond - al_uitbetaald), Decimal("0.00"))


def verdeel_over_gemeenten(bedrag: Decimal, aandelen: list[tuple[object, Decimal]]) -> dict:
    """Split ``bedrag`` over the municipalities by their percentage (003 r.4198-4206, inwonertal procentueel),
    in cents, so that the parts add up to the whole: the rounding remainder goes to the largest shares first
    (largest-remainder method). ``aandelen`` is [(gemeente, percentage)]; the percentages add up to 100."""
    from decimal import ROUND_DOWN

    totaal_pct = sum((p for _, p in aandelen), Decimal(0))
    if totaal_pct != Decimal(100):
        raise ValueError(f"de aandelen tellen op tot {totaal_pct}%, niet 100%")
    centen = int((bedrag * 100).to_integral_value())
    ruw = [(g, Decimal(centen) * p / Decimal(100)) for g, p in aandelen]
    delen = {g: int(r.to_integral_value(rounding=ROUND_DOWN)) for g, r in ruw}
    rest = centen - sum(delen.values())
    for g, _ in sorted(ruw, key=lambda gr: -(gr[1] - int(gr[1].to_integral_value(rounding=ROUND_DOWN))))[:rest]:
        delen[g] += 1
    return {g: Decimal(c) / 100 for g, c in delen.items()}


def plafond_signalen(besteed: Decimal, plafond: Decimal, drempels: list[int]) -> list[int]:
    """The warning thresholds (in % of the ceiling) that ``besteed`` has reached (issue 14; 004 §3.1)."""
    if plafond <= 0:
        return list(drempels)
    return [d for d in drempels if besteed * 100 >= plafond * d]
