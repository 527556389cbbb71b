"""Monitoring (issue 14, ADR 0020): KPI figures per provider, period and (where the KPI asks it) perceel, and the
monthly wachttijden per perceel.

- KPIs are data per procedure (002 B1 35.1 r.464-468; the VmB+ figures of 002 B1 13.7 r.360-367). The provider
  fills one form per period with all KPIs of that period length (quarter, year), per perceel of its running
  deelnames when ``Kpi.per_perceel``, or uploads the same figures as CSV/XLSX (every row validated, nothing
  saved when one row is wrong). The bureau may record a figure too (herkomst "staf").
- A figure is not a judged submission: a correction replaces the value and is audited with old and new.
- Reading (ADR 0020): a KPI figure is given after its period has ended (a quarter's cost per client is not
  known before the quarter is over); a period that ended before the agreement started is not asked.
- Wachttijden: "minimaal maandelijks per sub-perceel" (003 §1.15.5 r.554), with the capacity held free and on
  hold (003 §1.15.4 r.542). The current month may be filled (the wait is an expectation, r.546); a later one not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from aanbesteding.models import Perceel
from core import kalender
from core.audit import audit
from core.export import csv_bytes, xlsx_bytes
from overeenkomst.models import Deelname, Overeenkomst
from sroi.berekening import WaarderingsFout, lees_bedrag

from .. import regels
from ..clientgegevens import valideer_vrije_tekst
from ..models import Kpi, Kpiwaarde, Wachttijd
from ._gemeen import vereis_aanbieder, vereis_beheer
from .verantwoording import _Cel, _csv_rijen, _is_formule, _xlsx_rijen

CENT = Decimal("0.01")
MAX_WAARDE = Decimal("999999999999.99")
MAX_RIJEN = 5000
KOLOMMEN = ("kpi_code", "kpi_naam", "perceel_code", "periode", "waarde", "toelichting")
BLADNAAM = "KPI-cijfers"

_KWARTAAL = re.compile(r"^(\d{4})-K([1-4])$", re.IGNORECASE)
_MAAND = re.compile(r"^(\d{4})-(\d{2})$")
_JAAR = re.compile(r"^(\d{4})$")


# --- periods --------------------------------------------------------------------------------------------------


def periode_code(start: date, soort: str) -> str:
    """The period as the URL and the template name it: "2026-K1", "2026-03", "2026"."""
    if soort == Kpi.Periode.KWARTAAL:
        return f"{start.year}-K{(start.month - 1) // 3 + 1}"
    if soort == Kpi.Periode.MAAND:
        return f"{start.year}-{start.month:02d}"
    return str(start.year)


def periode_uit_code(code: str) -> tuple[str, date]:
    """(soort, first day) of a period code; ValueError for anything else."""
    code = (code or "").strip()
    if m := _KWARTAAL.match(code):
        return Kpi.Periode.KWARTAAL, date(int(m[1]), 3 * (int(m[2]) - 1) + 1, 1)
    if (m := _MAAND.match(code)) and 1 <= int(m[2]) <= 12:
        return Kpi.Periode.MAAND, date(int(m[1]), int(m[2]), 1)
    if m := _JAAR.match(code):
        return Kpi.Periode.JAAR, date(int(m[1]), 1, 1)
    raise ValueError(f"onbekende periode {code!r}")


def uiterlijk(start: date, soort: str, aanleveren_dagen: int) -> date:
    """The last day the figures of a period are due: ``Beheerregels.kpi_aanleveren_kalenderdagen`` after its end."""
    return kalender.plus_kalenderdagen(regels.periode_einde(start, soort), aanleveren_dagen)


def periode_controleren(overeenkomst, soort: str, start: date, vandaag: date) -> None:
    """A period may be filled once it has ended and when it does not lie wholly before the agreement began."""
    einde = regels.periode_einde(start, soort)
    label = regels.periode_label(start, soort)
    if einde >= vandaag:
        raise ValidationError(f"De periode {label} is nog niet voorbij. U vult de cijfers in na afloop van de "
                              f"periode (vanaf {kalender.plus_kalenderdagen(einde, 1):%d-%m-%Y}).")
    if einde < overeenkomst.startdatum:
        raise ValidationError(f"De periode {label} ligt vóór de ingangsdatum van de overeenkomst "
                              f"({overeenkomst.startdatum:%d-%m-%Y}).")


def lopende_percelen(overeenkomst) -> list[Perceel]:
    """The percelen of the agreement's running deelnames (actief or with a cliëntenstop): the ones that report."""
    return list(Perceel.objects.filter(
        deelnames__overeenkomst=overeenkomst, deelnames__status__in=[Deelname.Status.ACTIEF,
                                                                     Deelname.Status.CLIENTENSTOP],
    ).distinct().order_by("code"))


# --- KPI figures ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cijfer:
    """One figure to record: KPI, perceel (None when the KPI is not per perceel), period start, value, note."""

    kpi: Kpi
    perceel: Perceel | None
    periode_start: date
    waarde: Decimal
    toelichting: str = ""


def _regel_controleren(overeenkomst, c: Cijfer, percelen: dict) -> str | None:
    """The Dutch reason ``c`` cannot be recorded for ``overeenkomst``, or None."""
    if c.kpi.aanbesteding_id != overeenkomst.aanbesteding_id:
        return f"De KPI “{c.kpi.naam}” hoort niet bij de procedure van deze overeenkomst."
    if c.kpi.per_perceel and c.perceel is None:
        return f"Geef bij “{c.kpi.naam}” het perceel: deze KPI wordt per perceel aangeleverd."
    if not c.kpi.per_perceel and c.perceel is not None:
        return f"“{c.kpi.naam}” wordt niet per perceel aangeleverd; laat het perceel leeg."
    if c.perceel is not None and c.perceel.pk not in percelen:
        return f"U neemt niet (meer) deel aan perceel {c.perceel.code}."
    if regels.periode_start(c.periode_start, c.kpi.periode) != c.periode_start:
        return f"{c.periode_start:%d-%m-%Y} is niet het begin van een periode van “{c.kpi.naam}”."
    if abs(c.waarde) > MAX_WAARDE:
        return f"De waarde bij “{c.kpi.naam}” is te groot."
    return None


def _auditbeeld(w: Kpiwaarde) -> dict:
    return {"kpi": w.kpi.code, "perceel": w.perceel.code if w.perceel_id else "", "periode":
            regels.periode_label(w.periode_start, w.kpi.periode), "waarde": str(w.waarde),
            "toelichting": w.toelichting, "herkomst": w.herkomst}


def _opslaan(overeenkomst, cijfers: list[Cijfer], *, door, herkomst: str) -> dict:
    """Record ``cijfers`` (already checked) in one go: new figures are created, changed ones replaced (a
    correction, audited with old and new), identical ones left alone. Returns the counts."""
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    bestaand = {
        (w.kpi_id, w.perceel_id, w.periode_start): w
        # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the outer join to perceel.
        for w in Kpiwaarde.objects.select_for_update(of=("self",)).filter(
            overeenkomst=overeenkomst, kpi__in={c.kpi.pk for c in cijfers},
            periode_start__in={c.periode_start for c in cijfers},
        ).select_related("kpi", "perceel")
    }
    nu = kalender.nu()
    telling = {"nieuw": 0, "gecorrigeerd": 0, "ongewijzigd": 0}
    for c in cijfers:
        waarde = c.waarde.quantize(CENT, rounding=ROUND_HALF_UP)
        toelichting = c.toelichting.strip()
        oud = bestaand.get((c.kpi.pk, c.perceel.pk if c.perceel else None, c.periode_start))
        if oud is not None and oud.waarde == waarde and oud.toelichting == toelichting:
            telling["ongewijzigd"] += 1
            continue
        if oud is not None:
            vooraf = _auditbeeld(oud)
            oud.waarde, oud.toelichting, oud.herkomst = waarde, toelichting, herkomst
            oud.vastgelegd_op, oud.vastgelegd_door = nu, door
            oud.save(update_fields=["waarde", "toelichting", "herkomst", "vastgelegd_op", "vastgelegd_door"])
            audit("contractbeheer.kpiwaarde_gecorrigeerd", oud, door=door, oud=vooraf, nieuw=_auditbeeld(oud))
            telling["gecorrigeerd"] += 1
            continue
        w = Kpiwaarde.objects.create(
            overeenkomst=overeenkomst, kpi=c.kpi, perceel=c.perceel, periode_start=c.periode_start, waarde=waarde,
            toelichting=toelichting, herkomst=herkomst, vastgelegd_op=nu, vastgelegd_door=door,
        )
        audit("contractbeheer.kpiwaarde_vastgelegd", w, door=door, nieuw=_auditbeeld(w))
        telling["nieuw"] += 1
    return telling


def _controleren_alles(overeenkomst, cijfers: list[Cijfer], vandaag: date) -> list[str]:
    percelen = {p.pk: p for p in lopende_percelen(overeenkomst)}
    fouten = []
    for c in cijfers:
        fout = _regel_controleren(overeenkomst, c, percelen)
        if fout is None:
            try:
                periode_controleren(overeenkomst, c.kpi.periode, c.periode_start, vandaag)
            except ValidationError as e:
                fout = e.messages[0]
        if fout is None and c.toelichting:
            try:
                valideer_vrije_tekst(c.toelichting)
            except ValidationError as e:
                fout = e.messages[0]
        if fout:
            fouten.append(fout)
    return fouten


@transaction.atomic
def kpiwaarden_vastleggen(*, overeenkomst, cijfers: list[Cijfer], door) -> dict:
    """The provider records the figures of one period (the KPI form): all or nothing."""
    vereis_aanbieder(door, overeenkomst)
    if overeenkomst.status != Overeenkomst.Status.ACTIEF:
        raise ValidationError("Deze overeenkomst loopt niet meer; neem contact op met het bureau.")
    if not cijfers:
        raise ValidationError("Vul ten minste één cijfer in.")
    fouten = _controleren_alles(overeenkomst, cijfers, kalender.vandaag())
    if fouten:
        raise ValidationError(fouten)
    return _opslaan(overeenkomst, cijfers, door=door, herkomst=Kpiwaarde.Herkomst.PORTAAL)


@transaction.atomic
def kpiwaarde_vastleggen_door_bureau(*, overeenkomst, cijfer: Cijfer, door) -> dict:
    """Staff record (or correct) one figure of a provider, e.g. given by e-mail (herkomst "staf"). The period
    rules are the provider's: not before the agreement, not before the period has ended."""
    vereis_beheer(door, overeenkomst)
    fouten = _controleren_alles(overeenkomst, [cijfer], kalender.vandaag())
    if fouten:
        raise ValidationError(fouten)
    return _opslaan(overeenkomst, [cijfer], door=door, herkomst=Kpiwaarde.Herkomst.STAF)


def _sjabloonperioden(overeenkomst, kpis, vandaag: date) -> dict[str, date]:
    """Per period length the latest ended period that is not before the agreement: what the template offers."""
    uit = {}
    for soort in {k.periode for k in kpis}:
        start = regels.periode_start(vandaag, soort)
        vorige = regels.periode_start(kalender.plus_kalenderdagen(start, -1), soort)
        if regels.periode_einde(vorige, soort) >= overeenkomst.startdatum:
            uit[soort] = vorige
    return uit


def sjabloon_rijen(overeenkomst, vandaag: date) -> list[list]:
    """The template's rows: one per KPI (and perceel) for the latest ended period, value empty."""
    kpis = list(Kpi.objects.filter(aanbesteding=overeenkomst.aanbesteding_id))
    percelen = lopende_percelen(overeenkomst)
    perioden = _sjabloonperioden(overeenkomst, kpis, vandaag)
    rijen = []
    for k in kpis:
        if k.periode not in perioden:
            continue
        for p in (percelen if k.per_perceel else [None]):
            rijen.append([k.code, k.naam, p.code if p else "", periode_code(perioden[k.periode], k.periode), "", ""])
    return rijen


def kpi_sjabloon(overeenkomst, *, formaat: str = "xlsx") -> bytes:
    """The upload template (XLSX or CSV with ";"), every cell through core.export."""
    rijen = sjabloon_rijen(overeenkomst, kalender.vandaag())
    if formaat == "csv":
        return csv_bytes(KOLOMMEN, rijen)
    return xlsx_bytes([(BLADNAAM, KOLOMMEN, rijen)])


def _tekst(cel: _Cel | None) -> str:
    if cel is None or cel.waarde is None:
        return ""
    return str(cel.waarde).strip()


def _getal(cel: _Cel | None, rijnummer: int, fouten: list[str]) -> Decimal | None:
    w = cel.waarde if cel is not None else None
    if w is None or (isinstance(w, str) and not w.strip()):
        fouten.append(f"Rij {rijnummer}: vul een waarde in.")
        return None
    if _is_formule(cel):
        fouten.append(f"Rij {rijnummer}: de waarde is een formule. Vul een getal in; formules worden niet "
                      "overgenomen.")
        return None
    if isinstance(w, bool):
        fouten.append(f"Rij {rijnummer}: de waarde is geen getal.")
        return None
    try:
        if isinstance(w, (int, float, Decimal)):
            getal = Decimal(str(w))
        else:
            tekst = str(w).strip().replace("%", "").strip()
            negatief = tekst.startswith(("-", "−"))
            getal = lees_bedrag(tekst.lstrip("-−").strip())
            getal = -getal if negatief else getal
    except (WaarderingsFout, ArithmeticError):
        fouten.append(f"Rij {rijnummer}: “{str(w)[:40]}” is geen getal.")
        return None
    if not getal.is_finite() or abs(getal) > MAX_WAARDE:
        fouten.append(f"Rij {rijnummer}: de waarde is geen bruikbaar getal.")
        return None
    return getal


def kpi_upload_lezen(*, overeenkomst, bestand, vandaag: date | None = None) -> list[Cijfer]:
    """Read an uploaded template into figures. Writes nothing. Raises ValidationError naming every wrong row
    (unknown KPI or perceel, a period that is not one of the KPI, in the future or before the agreement, a
    formula, a value that is not a number, the same figure twice)."""
    vandaag = vandaag or kalender.vandaag()
    kop = bestand.read(4)
    bestand.seek(0)
    rijen = _xlsx_rijen(bestand) if kop.startswith(b"PK\x03\x04") else _csv_rijen(bestand)
    kopregel = next((i for i, rij in enumerate(rijen[:10])
                     if any(_tekst(c).lower() == "kpi_code" for c in rij)), None)
    if kopregel is None:
        raise ValidationError("Dit is niet het sjabloon: de kolom “kpi_code” ontbreekt. Download het sjabloon en "
                              "vul dat in.", code="geen_sjabloon")
    kolom = {_tekst(c).lower(): i for i, c in enumerate(rijen[kopregel]) if _tekst(c)}
    ontbreekt = [k for k in ("kpi_code", "perceel_code", "periode", "waarde") if k not in kolom]
    if ontbreekt:
        raise ValidationError(f"Dit is niet het sjabloon: de kolom “{ontbreekt[0]}” ontbreekt.", code="geen_sjabloon")
    kpis = {k.code: k for k in Kpi.objects.filter(aanbesteding=overeenkomst.aanbesteding_id)}
    percelen = {p.code: p for p in lopende_percelen(overeenkomst)}
    alle_percelen = {p.pk: p for p in percelen.values()}

    def cel(rij, naam):
        i = kolom.get(naam)
        return rij[i] if i is not None and i < len(rij) else None

    fouten: list[str] = []
    cijfers: list[Cijfer] = []
    gezien: dict = {}
    data = rijen[kopregel + 1:]
    if len(data) > MAX_RIJEN:
        raise ValidationError(f"Het bestand heeft te veel rijen (ten hoogste {MAX_RIJEN}).")
    for i, rij in enumerate(data, start=kopregel + 2):
        if not any(_tekst(c) for c in rij):
            continue
        code, perceelcode, periodetekst = _tekst(cel(rij, "kpi_code")), _tekst(cel(rij, "perceel_code")), \
            _tekst(cel(rij, "periode"))
        aantal_voor = len(fouten)
        kpi = kpis.get(code)
        if kpi is None:
            fouten.append(f"Rij {i}: “{code[:40]}” is geen KPI van deze procedure.")
        perceel = None
        if perceelcode:
            perceel = percelen.get(perceelcode)
            if perceel is None:
                fouten.append(f"Rij {i}: “{perceelcode[:20]}” is geen perceel waaraan u deelneemt.")
        try:
            soort, start = periode_uit_code(periodetekst)
        except ValueError:
            fouten.append(f"Rij {i}: “{periodetekst[:20]}” is geen periode; schrijf bijvoorbeeld 2026-K1 (kwartaal), "
                          "2026-03 (maand) of 2026 (jaar).")
            soort = start = None
        waarde = _getal(cel(rij, "waarde"), i, fouten)
        if len(fouten) > aantal_voor:
            continue
        if soort != kpi.periode:
            fouten.append(f"Rij {i}: “{kpi.naam}” wordt {kpi.get_periode_display()} aangeleverd, niet voor "
                          f"“{periodetekst}”.")
            continue
        c = Cijfer(kpi, perceel, start, waarde, _tekst(cel(rij, "toelichting")))
        fout = _regel_controleren(overeenkomst, c, alle_percelen)
        if fout is None:
            try:
                periode_controleren(overeenkomst, soort, start, vandaag)
                if c.toelichting:
                    valideer_vrije_tekst(c.toelichting)
            except ValidationError as e:
                fout = e.messages[0]
        sleutel = (kpi.pk, perceel.pk if perceel else None, start)
        if fout is None and sleutel in gezien:
            fout = f"dit cijfer staat ook al in rij {gezien[sleutel]}."
        if fout:
            fouten.append(f"Rij {i}: {fout}")
            continue
        gezien[sleutel] = i
        cijfers.append(c)
    if fouten:
        raise ValidationError(fouten)
    if not cijfers:
        raise ValidationError("Het bestand bevat geen cijfers.")
    return cijfers


@transaction.atomic
def kpi_upload_verwerken(*, overeenkomst, bestand, door) -> dict:
    """The provider uploads the filled template: every row is checked first; one wrong row and nothing is
    saved (the errors name the rows)."""
    vereis_aanbieder(door, overeenkomst)
    if overeenkomst.status != Overeenkomst.Status.ACTIEF:
        raise ValidationError("Deze overeenkomst loopt niet meer; neem contact op met het bureau.")
    cijfers = kpi_upload_lezen(overeenkomst=overeenkomst, bestand=bestand)
    return _opslaan(overeenkomst, cijfers, door=door, herkomst=Kpiwaarde.Herkomst.UPLOAD)


# --- wachttijden ----------------------------------------------------------------------------------------------

WACHTTIJDVELDEN = ("wachttijd_dagen", "wachtenden", "capaciteit_vrij", "capaciteit_aangehouden")


def maand_controleren(overeenkomst, maand: date, vandaag: date) -> None:
    if maand != maand.replace(day=1):
        raise ValidationError("Een maand begint op de eerste dag.")
    label = regels.periode_label(maand, "maand")
    if maand > vandaag.replace(day=1):
        raise ValidationError(f"{label} ligt in de toekomst; u geeft de wachttijd van deze of een eerdere maand.")
    if regels.periode_einde(maand, "maand") < overeenkomst.startdatum:
        raise ValidationError(f"{label} ligt vóór de ingangsdatum van de overeenkomst "
                              f"({overeenkomst.startdatum:%d-%m-%Y}).")


def _wachtbeeld(w: Wachttijd) -> dict:
    return {"perceel": w.perceel.code, "maand": f"{w.maand:%m-%Y}", **{v: getattr(w, v) for v in WACHTTIJDVELDEN},
            "toelichting": w.toelichting}


@transaction.atomic
def wachttijden_vastleggen(*, overeenkomst, maand: date, per_perceel: dict, door) -> dict:
    """The provider gives the month's wachttijd for every perceel of the agreement on one page (003 r.554).
    ``per_perceel``: {perceel: {"wachttijd_dagen", "wachtenden", "capaciteit_vrij", "capaciteit_aangehouden",
    "toelichting"}}. A second entry for the same month replaces the first (audited with old and new)."""
    vereis_aanbieder(door, overeenkomst)
    if overeenkomst.status != Overeenkomst.Status.ACTIEF:
        raise ValidationError("Deze overeenkomst loopt niet meer; neem contact op met het bureau.")
    maand_controleren(overeenkomst, maand, kalender.vandaag())
    percelen = {p.pk for p in lopende_percelen(overeenkomst)}
    fouten = []
    for perceel, velden in per_perceel.items():
        if perceel.pk not in percelen:
            fouten.append(f"U neemt niet (meer) deel aan perceel {perceel.code}.")
        for v in WACHTTIJDVELDEN:
            if velden.get(v) is None or int(velden[v]) < 0:
                fouten.append(f"Perceel {perceel.code}: vul bij {Wachttijd._meta.get_field(v).verbose_name} een "
                              "getal van 0 of meer in.")
        if velden.get("toelichting"):
            try:
                valideer_vrije_tekst(velden["toelichting"])
            except ValidationError as e:
                fouten.append(f"Perceel {perceel.code}: {e.messages[0]}")
    if not per_perceel:
        fouten.append("Vul de wachttijd van ten minste één perceel in.")
    if fouten:
        raise ValidationError(fouten)
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    bestaand = {w.perceel_id: w for w in Wachttijd.objects.select_for_update(of=("self",)).select_related("perceel")
                .filter(overeenkomst=overeenkomst, maand=maand)}
    nu = kalender.nu()
    telling = {"nieuw": 0, "gecorrigeerd": 0, "ongewijzigd": 0}
    for perceel, velden in per_perceel.items():
        waarden = {v: int(velden[v]) for v in WACHTTIJDVELDEN}
        toelichting = (velden.get("toelichting") or "").strip()
        oud = bestaand.get(perceel.pk)
        if oud is not None:
            if all(getattr(oud, v) == waarden[v] for v in WACHTTIJDVELDEN) and oud.toelichting == toelichting:
                telling["ongewijzigd"] += 1
                continue
            vooraf = _wachtbeeld(oud)
            for v, x in waarden.items():
                setattr(oud, v, x)
            oud.toelichting, oud.vastgelegd_op, oud.vastgelegd_door = toelichting, nu, door
            oud.save()
            audit("contractbeheer.wachttijd_gecorrigeerd", oud, door=door, oud=vooraf, nieuw=_wachtbeeld(oud))
            telling["gecorrigeerd"] += 1
            continue
        w = Wachttijd.objects.create(overeenkomst=overeenkomst, perceel=perceel, maand=maand, toelichting=toelichting,
                                     vastgelegd_op=nu, vastgelegd_door=door, **waarden)
        audit("contractbeheer.wachttijd_vastgelegd", w, door=door, nieuw=_wachtbeeld(w))
        telling["nieuw"] += 1
    return telling
