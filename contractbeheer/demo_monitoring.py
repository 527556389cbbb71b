"""Demo data of monitoring (issue 14): for every running agreement of the demo procedure with a member, the KPI
figures of the last two years (8 quarters and 2 years, as the provider through the service) with some figures
orange and red, and 24 months of wachttijden per perceel. Idempotent: the service leaves a figure that is already
there with the same value alone (no new row, no audit entry)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from core import kalender
from organisaties.models import Lidmaatschap
from overeenkomst.models import Overeenkomst

from . import regels
from .models import Kpi, Wachttijdnorm
from .selectors.monitoring import norm_voor
from .services import monitoring as svc

#: Values of the KPIs without a norm, by code (a plausible level; the pattern below varies them).
BASIS = {"kosten-per-jeugdige": D("2450"), "instroom": D("18")}


def _kleurkeuze(i: int, j: int) -> str:
    """Mostly green; now and then orange or red, differently per provider and period."""
    if (i + 2 * j) % 7 == 3:
        return regels.ROOD
    if (i + j) % 5 == 1:
        return regels.ORANJE
    return regels.GROEN


def _waarde(kpi: Kpi, i: int, j: int) -> D:
    """A figure of the colour ``_kleurkeuze`` picks; counts and percentages stay within their range."""
    w = _ruwe_waarde(kpi, i, j)
    if kpi.eenheid == Kpi.Eenheid.AANTAL:
        w = max(w, D(0)).quantize(D("1"))
    if kpi.eenheid == Kpi.Eenheid.PERCENTAGE and kpi.norm is not None and kpi.norm >= 0:
        w = min(max(w, D(0)), D(100))
    return w


def _ruwe_waarde(kpi: Kpi, i: int, j: int) -> D:
    if kpi.norm is None:
        basis = BASIS.get(kpi.code, D("10"))
        return (basis * (D(100) + D((i * 7 + j * 3) % 21 - 10)) / D(100)).quantize(D("1"))
    kleur = _kleurkeuze(i, j)
    norm = kpi.norm
    drempel = kpi.drempel_oranje if kpi.drempel_oranje is not None else norm
    richting = D(1) if kpi.richting == Kpi.Richting.HOGER else D(-1)
    stap = abs(norm - drempel) or abs(norm) / 10 or D(1)
    if kleur == regels.GROEN:
        # 002 B1 13.7: the -25 % target met, e.g. -26 %.
        return norm + richting * (stap / 5 + D(j % 3))
    if kleur == regels.ORANJE:
        return norm - richting * stap / 2
    return drempel - richting * (stap / 2 + 1)


def _kpis(ovk, lid, kpis, percelen, i: int, vandaag: date) -> int:
    aantal = 0
    for soort, terug in ((Kpi.Periode.KWARTAAL, 8), (Kpi.Periode.JAAR, 2), (Kpi.Periode.MAAND, 24)):
        van_soort = [k for k in kpis if k.periode == soort]
        if not van_soort:
            continue
        start = regels.periode_start(vandaag, soort)
        perioden = []
        for _ in range(terug):
            start = regels.periode_start(kalender.plus_kalenderdagen(start, -1), soort)
            if regels.periode_einde(start, soort) >= ovk.startdatum:
                perioden.append(start)
        for j, p in enumerate(reversed(perioden)):
            cijfers = [svc.Cijfer(k, perceel, p, _waarde(k, i, j).quantize(D("0.01")))
                       for k in van_soort for perceel in (percelen if k.per_perceel else [None])]
            if cijfers:
                aantal += svc.kpiwaarden_vastleggen(overeenkomst=ovk, cijfers=cijfers, door=lid)["nieuw"]
    return aantal


def _wachttijden(ovk, lid, percelen, normen, i: int, vandaag: date) -> int:
    aantal = 0
    maand = vandaag.replace(day=1)
    maanden = []
    for _ in range(24):
        if regels.periode_einde(maand, "maand") >= ovk.startdatum:
            maanden.append(maand)
        maand = kalender.plus_maanden(maand, -1)
    for j, m in enumerate(reversed(maanden)):
        per_perceel = {}
        for k, p in enumerate(percelen):
            norm = norm_voor(normen, p.pk)
            max_dagen = norm.max_dagen if norm else 28
            kleur = _kleurkeuze(i + k, j)
            dagen = {regels.GROEN: max_dagen // 2 + j % 3, regels.ORANJE: max_dagen * 4 // 5,
                     regels.ROOD: max_dagen + 5 + j % 4}[kleur]
            per_perceel[p] = {"wachttijd_dagen": dagen, "wachtenden": 2 + (i + j) % 9,
                              "capaciteit_vrij": (i + j + k) % 4, "capaciteit_aangehouden": (j + k) % 3,
                              "toelichting": ""}
        if per_perceel:
            aantal += svc.wachttijden_vastleggen(overeenkomst=ovk, maand=m, per_perceel=per_perceel,
                                                 door=lid)["nieuw"]
    return aantal


def laad(aanbesteding, code, staf, stdout) -> None:
    vandaag = kalender.vandaag()
    kpis = list(Kpi.objects.filter(aanbesteding=aanbesteding))
    normen = list(Wachttijdnorm.objects.filter(aanbesteding=aanbesteding))
    ovks = Overeenkomst.objects.filter(aanbesteding=aanbesteding, status=Overeenkomst.Status.ACTIEF).order_by("pk")
    cijfers = wachttijden = 0
    for i, ovk in enumerate(ovks.select_related("organisatie")):
        lid = (Lidmaatschap.objects.filter(organisatie=ovk.organisatie).select_related("user")
               .order_by("rol", "pk").first())
        if lid is None:
            continue
        percelen = svc.lopende_percelen(ovk)
        cijfers += _kpis(ovk, lid.user, kpis, percelen, i, vandaag)
        wachttijden += _wachttijden(ovk, lid.user, percelen, normen, i, vandaag)
    stdout.write(f"  monitoring {code}: {cijfers} KPI-cijfers en {wachttijden} wachttijden op {aanbesteding}")
