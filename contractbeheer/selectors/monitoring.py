"""Reads of monitoring (issue 14, ADR 0020): the provider's periods and history, the bureau's dashboard
(providers × KPIs with traffic lights), the series of one provider for the charts, and the steering information
from the approved verantwoordingen (001 §4.6.1 r.341-345; 002 UOK 13.1).

Every function reads with a fixed number of queries, whatever the number of providers, months or figures: the
figures of the shown providers come in one query and are grouped in Python (no query per provider)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from aanbesteding.models import Perceel
from core import kalender
from overeenkomst.models import Overeenkomst

from .. import regels
from ..models import (
    Beheerregels,
    Kpi,
    Kpiwaarde,
    Omzetregel,
    Verantwoordingsinzending,
    Wachttijd,
    Wachttijdnorm,
)

#: How far back the provider's page and the dashboard look by default (two years: 8 quarters, 24 months).
MAANDEN_TERUG = 24

KLEURLABEL = {regels.GROEN: "groen", regels.ORANJE: "oranje", regels.ROOD: "rood", regels.GEEN: "geen norm"}


def kleur_kpi(kpi: Kpi, waarde: Decimal | None) -> str:
    return regels.stoplicht(waarde, kpi.norm, kpi.drempel_oranje, kpi.richting)


def norm_voor(normen: list[Wachttijdnorm], perceel_id: int | None) -> Wachttijdnorm | None:
    """The wachttijdnorm of the perceel, else the procedure's default (``perceel`` empty)."""
    eigen = next((n for n in normen if n.perceel_id == perceel_id), None)
    return eigen or next((n for n in normen if n.perceel_id is None), None)


def begin_venster(vandaag: date, maanden: int = MAANDEN_TERUG) -> date:
    return kalender.plus_maanden(vandaag.replace(day=1), -maanden)


# --- the provider's page --------------------------------------------------------------------------------------


@dataclass
class Periode:
    soort: str
    start: date
    code: str
    label: str
    uiterlijk: date
    verwacht: int
    ingevuld: int
    te_laat: bool

    @property
    def compleet(self) -> bool:
        return self.ingevuld >= self.verwacht


@dataclass
class Cel:
    kpi: Kpi
    perceel: Perceel | None
    waarde: Decimal | None
    kleur: str
    herkomst: str = ""


@dataclass
class Overzicht:
    overeenkomst: Overeenkomst
    kpis: list
    percelen: list
    perioden: list = field(default_factory=list)  # newest first
    geschiedenis: list = field(default_factory=list)  # (Periode, [Cel]) newest first, only periods with figures
    maanden: list = field(default_factory=list)  # (maand, label, {perceel_id: Wachttijd}) newest first
    normen: list = field(default_factory=list)

    @property
    def te_laat(self) -> list:
        return [p for p in self.perioden if p.te_laat]


def _perioden_van(soort: str, van: date, vandaag: date):
    """Starts of the periods of ``soort`` from the one containing ``van`` up to the last ended one."""
    start = regels.periode_start(van, soort)
    while regels.periode_einde(start, soort) < vandaag:
        yield start
        start = kalender.plus_kalenderdagen(regels.periode_einde(start, soort), 1)


def aanbieder_overzicht(overeenkomst: Overeenkomst, vandaag: date) -> Overzicht:
    """The provider's monitoring page of one agreement: the periods to fill (late ones marked; figures are due
    ``kpi_aanleveren_kalenderdagen`` after the period), the history with traffic lights and the wachttijd months.
    Six queries whatever the history."""
    from ..services import monitoring as svc

    kpis = list(Kpi.objects.filter(aanbesteding=overeenkomst.aanbesteding_id))
    percelen = svc.lopende_percelen(overeenkomst)
    beheer = Beheerregels.objects.filter(aanbesteding=overeenkomst.aanbesteding_id).first()
    dagen = beheer.kpi_aanleveren_kalenderdagen if beheer else 30
    van = max(overeenkomst.startdatum, begin_venster(vandaag))
    waarden = list(Kpiwaarde.objects.filter(overeenkomst=overeenkomst, periode_start__gte=regels.periode_start(
        van, Kpi.Periode.JAAR)))
    per_sleutel = {(w.kpi_id, w.perceel_id, w.periode_start): w for w in waarden}
    uit = Overzicht(overeenkomst, kpis, percelen)
    for soort in [s for s in Kpi.Periode.values if any(k.periode == s for k in kpis)]:
        van_soort = [k for k in kpis if k.periode == soort]
        sleutels = [(k, p) for k in van_soort for p in (percelen if k.per_perceel else [None])]
        for start in _perioden_van(soort, van, vandaag):
            cellen = []
            for k, p in sleutels:
                w = per_sleutel.get((k.pk, p.pk if p else None, start))
                cellen.append(Cel(k, p, w.waarde if w else None, kleur_kpi(k, w.waarde if w else None),
                                  w.get_herkomst_display() if w else ""))
            ingevuld = sum(1 for c in cellen if c.waarde is not None)
            einde_termijn = svc.uiterlijk(start, soort, dagen)
            periode = Periode(soort, start, svc.periode_code(start, soort), regels.periode_label(start, soort),
                              einde_termijn, len(sleutels), ingevuld,
                              te_laat=ingevuld < len(sleutels) and vandaag > einde_termijn)
            uit.perioden.append(periode)
            if ingevuld:
                uit.geschiedenis.append((periode, cellen))
    uit.perioden.sort(key=lambda p: (p.start, p.soort), reverse=True)
    uit.geschiedenis.sort(key=lambda pc: (pc[0].start, pc[0].soort), reverse=True)
    uit.normen = list(Wachttijdnorm.objects.filter(aanbesteding=overeenkomst.aanbesteding_id))
    wacht = defaultdict(dict)
    for w in Wachttijd.objects.filter(overeenkomst=overeenkomst, maand__gte=van.replace(day=1)):
        wacht[w.maand][w.perceel_id] = w
        norm = norm_voor(uit.normen, w.perceel_id)
        w.kleur = regels.wachttijd_stoplicht(w.wachttijd_dagen, norm.max_dagen if norm else None)
    maand = vandaag.replace(day=1)
    while maand >= van.replace(day=1):
        uit.maanden.append((maand, regels.periode_label(maand, "maand"), wacht.get(maand, {})))
        maand = kalender.plus_maanden(maand, -1)
    return uit


# --- the bureau's dashboard -----------------------------------------------------------------------------------


@dataclass
class Dashboardregel:
    overeenkomst: Overeenkomst
    cellen: list  # per KPI: list of (perceel code, waarde, periode label, kleur)
    wachttijden: list  # (perceel code, dagen, maand label, kleur, max_dagen)
    rood: int = 0


def dashboard_regels(overeenkomsten: list[Overeenkomst], kpis: list[Kpi], normen: list[Wachttijdnorm], *,
                     van: date, tot: date, perceel: Perceel | None = None) -> list[Dashboardregel]:
    """Per shown provider the latest figure per KPI (and perceel) in [van, tot] with its traffic light, and the
    latest wachttijd per perceel against its norm. Two queries for any number of providers."""
    ids = [o.pk for o in overeenkomsten]
    qs = Kpiwaarde.objects.filter(overeenkomst_id__in=ids, kpi__in=kpis, periode_start__gte=van,
                                  periode_start__lte=tot)
    wq = Wachttijd.objects.filter(overeenkomst_id__in=ids, maand__gte=van.replace(day=1), maand__lte=tot)
    if perceel is not None:
        qs = qs.filter(Q(perceel=perceel) | Q(perceel__isnull=True))
        wq = wq.filter(perceel=perceel)
    laatste: dict = {}
    for ovk_id, kpi_id, perceel_code, start, waarde in (
            qs.order_by("periode_start").values_list("overeenkomst_id", "kpi_id", "perceel__code", "periode_start",
                                                     "waarde")):
        laatste[(ovk_id, kpi_id, perceel_code)] = (start, waarde)
    wacht: dict = {}
    for ovk_id, perceel_id, perceel_code, maand, dagen in (
            wq.order_by("maand").values_list("overeenkomst_id", "perceel_id", "perceel__code", "maand",
                                             "wachttijd_dagen")):
        wacht[(ovk_id, perceel_code)] = (perceel_id, maand, dagen)
    per_ovk_kpi = defaultdict(list)
    for (ovk_id, kpi_id, perceel_code), (start, waarde) in sorted(laatste.items(), key=lambda kv: kv[0][2] or ""):
        per_ovk_kpi[(ovk_id, kpi_id)].append((perceel_code, waarde, start))
    per_ovk_wacht = defaultdict(list)
    for (ovk_id, perceel_code), (perceel_id, maand, dagen) in sorted(wacht.items(), key=lambda kv: kv[0][1]):
        norm = norm_voor(normen, perceel_id)
        max_dagen = norm.max_dagen if norm else None
        per_ovk_wacht[ovk_id].append((perceel_code, dagen, regels.periode_label(maand, "maand"),
                                      regels.wachttijd_stoplicht(dagen, max_dagen), max_dagen))
    uit = []
    for o in overeenkomsten:
        cellen = []
        for k in kpis:
            cellen.append([(pc, w, regels.periode_label(s, k.periode), kleur_kpi(k, w))
                           for pc, w, s in per_ovk_kpi.get((o.pk, k.pk), [])])
        regel = Dashboardregel(o, cellen, per_ovk_wacht.get(o.pk, []))
        regel.rood = sum(1 for cel in cellen for x in cel if x[3] == regels.ROOD) + sum(
            1 for x in regel.wachttijden if x[3] == regels.ROOD)
        uit.append(regel)
    return uit


def dashboard_overeenkomsten(qs, *, aanbesteding, perceel=None):
    """The running agreements of the procedure (in the perceel), for the dashboard's rows."""
    qs = qs.filter(aanbesteding=aanbesteding, status=Overeenkomst.Status.ACTIEF)
    if perceel is not None:
        qs = qs.filter(deelnames__perceel=perceel).distinct()
    return qs.select_related("organisatie").order_by("organisatie__naam", "pk")


@dataclass
class Reeks:
    naam: str
    punten: list  # (date, Decimal)


def aanbieder_reeksen(overeenkomst: Overeenkomst, *, van: date, tot: date) -> dict:
    """The figures of one provider over time for the charts: per KPI the series per perceel (one series "Totaal"
    when not per perceel), and the wachttijd per perceel, with the norms. Four queries."""
    kpis = list(Kpi.objects.filter(aanbesteding=overeenkomst.aanbesteding_id))
    normen = list(Wachttijdnorm.objects.filter(aanbesteding=overeenkomst.aanbesteding_id))
    per_kpi = defaultdict(lambda: defaultdict(list))
    for kpi_id, perceel_code, start, waarde in (
            # From the start of the year of ``van``: a yearly or quarterly figure starts before a mid-year ``van``.
            Kpiwaarde.objects.filter(overeenkomst=overeenkomst, periode_start__gte=regels.periode_start(van, "jaar"),
                                     periode_start__lte=tot)
            .order_by("periode_start").values_list("kpi_id", "perceel__code", "periode_start", "waarde")):
        per_kpi[kpi_id][perceel_code or "Totaal"].append((start, waarde))
    wacht = defaultdict(list)
    wachtrijen = defaultdict(list)
    for w in (Wachttijd.objects.filter(overeenkomst=overeenkomst, maand__gte=van.replace(day=1), maand__lte=tot)
              .select_related("perceel").order_by("maand")):
        wacht[w.perceel].append((w.maand, Decimal(w.wachttijd_dagen)))
        norm = norm_voor(normen, w.perceel_id)
        w.kleur = regels.wachttijd_stoplicht(w.wachttijd_dagen, norm.max_dagen if norm else None)
        wachtrijen[w.perceel].append(w)
    kpireeksen = []
    for k in kpis:
        reeksen = [Reeks(f"Perceel {naam}" if naam != "Totaal" else naam, punten)
                   for naam, punten in sorted(per_kpi[k.pk].items())]
        kpireeksen.append((k, reeksen))
    wachtreeksen = []
    for perceel, punten in sorted(wacht.items(), key=lambda kv: kv[0].code):
        norm = norm_voor(normen, perceel.pk)
        wachtreeksen.append((perceel, Reeks(f"Perceel {perceel.code}", punten), norm, wachtrijen[perceel]))
    return {"kpis": kpireeksen, "wachttijden": wachtreeksen}


def export_kpiwaarden(overeenkomsten_qs, *, kpis, van: date, tot: date, perceel=None):
    """All figures of the filtered providers in the range, for the export (one query)."""
    qs = (Kpiwaarde.objects.filter(overeenkomst__in=overeenkomsten_qs, kpi__in=kpis, periode_start__gte=van,
                                   periode_start__lte=tot)
          .select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding", "kpi", "perceel")
          .order_by("overeenkomst__organisatie__naam", "kpi__volgorde", "perceel__code", "periode_start"))
    if perceel is not None:
        qs = qs.filter(Q(perceel=perceel) | Q(perceel__isnull=True))
    return qs


def export_wachttijden(overeenkomsten_qs, *, van: date, tot: date, perceel=None):
    qs = (Wachttijd.objects.filter(overeenkomst__in=overeenkomsten_qs, maand__gte=van.replace(day=1), maand__lte=tot)
          .select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding", "perceel")
          .order_by("overeenkomst__organisatie__naam", "perceel__code", "maand"))
    if perceel is not None:
        qs = qs.filter(perceel=perceel)
    return qs


# --- steering information from the approved verantwoordingen (001 §4.6.1; 002 UOK 13.1) ------------------------
# Reading (ADR 0020): the turnover is the approved submission of the part "omzet per product" (MLO: the
# productverantwoording per municipality, 002 B1 32.1; Gooi: the financial verantwoording per product, 003 §13).
# MLO's financial part repeats the same turnover per municipality, so counting both would double it. An approved
# duty has exactly one approved submission (the status is final).


def _goedgekeurd(aanbesteding):
    return Verantwoordingsinzending.objects.filter(
        status=Verantwoordingsinzending.Status.GOEDGEKEURD, verantwoording__eis__per_product=True,
        verantwoording__overeenkomst__aanbesteding=aanbesteding, omzet__isnull=False,
    )


def omzet_per_gemeente(aanbesteding) -> list[dict]:
    """[{jaar, gemeente (name or "" when the part is not per municipality), omzet}] ordered by year and name."""
    rijen = (_goedgekeurd(aanbesteding).values("verantwoording__jaar", "verantwoording__gemeente__naam")
             .annotate(omzet=Sum("omzet")).order_by("verantwoording__jaar", "verantwoording__gemeente__naam"))
    return [{"jaar": r["verantwoording__jaar"], "gemeente": r["verantwoording__gemeente__naam"] or "",
             "omzet": r["omzet"]} for r in rijen]


def eenheden_per_product(aanbesteding) -> list[dict]:
    """[{jaar, code, naam, eenheid, aantal, omzet}] from the approved turnover lines per product."""
    rijen = (Omzetregel.objects.filter(inzending__in=_goedgekeurd(aanbesteding))
             .values("inzending__verantwoording__jaar", "product__code", "product__naam", "product__eenheid")
             .annotate(aantal=Sum("aantal"), omzet=Sum("omzet"))
             .order_by("inzending__verantwoording__jaar", "product__code"))
    return [{"jaar": r["inzending__verantwoording__jaar"], "code": r["product__code"], "naam": r["product__naam"],
             "eenheid": r["product__eenheid"], "aantal": r["aantal"], "omzet": r["omzet"]} for r in rijen]


def omzet_per_aanbieder(aanbesteding, jaar: int) -> dict[int, Decimal]:
    """{overeenkomst id: approved turnover in ``jaar``} (one query)."""
    return dict(_goedgekeurd(aanbesteding).filter(verantwoording__jaar=jaar)
                .values("verantwoording__overeenkomst_id").annotate(omzet=Sum("omzet"))
                .values_list("verantwoording__overeenkomst_id", "omzet"))


def _met_omzet(omzetten: dict[int, Decimal], ids: list[int]) -> list[Overeenkomst]:
    totaal = sum(omzetten.values(), Decimal(0))
    ovks = Overeenkomst.objects.select_related("organisatie").in_bulk(ids)
    uit = []
    for pk in ids:
        o = ovks[pk]
        o.omzet = omzetten[pk]
        o.aandeel_pct = (omzetten[pk] * 100 / totaal).quantize(Decimal("0.1")) if totaal else Decimal(0)
        uit.append(o)
    return uit


def top_aanbieders(aanbesteding, jaar: int, n: int = 10) -> list[Overeenkomst]:
    """The ``n`` providers with the highest approved turnover in ``jaar`` (001 §4.6.1: "de top tien
    aanbieders"), largest first, each with ``omzet`` and ``aandeel_pct``."""
    omzetten = omzet_per_aanbieder(aanbesteding, jaar)
    ids = [pk for pk, _ in sorted(omzetten.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
    return _met_omzet(omzetten, ids)


def grootste_aanbieders(aanbesteding, jaar: int) -> list[Overeenkomst]:
    """The agreements of the providers that together make ``Beheerregels.gesprekken_omzetaandeel_pct`` % (80 %)
    of the approved turnover in ``jaar``: the ones with regular contract talks (002 UOK 13.1 r.126-137;
    regels.grootste_omzet). Largest first; each carries ``omzet`` and ``aandeel_pct``."""
    beheer = Beheerregels.objects.filter(aanbesteding=aanbesteding).first()
    pct = beheer.gesprekken_omzetaandeel_pct if beheer else 80
    omzetten = omzet_per_aanbieder(aanbesteding, jaar)
    # Sorted by id first, so ties come out the same way every time (grootste_omzet keeps the input's order).
    gekozen = regels.grootste_omzet(dict(sorted(omzetten.items())), pct)
    return _met_omzet(omzetten, gekozen)


def jaarvergelijking(aanbesteding) -> list[dict]:
    """Per year: the approved turnover, the number of providers with turnover, and the change against the
    previous year in euros and % (001 §4.6.1: "vergelijkingen tussen meerdere jaren")."""
    rijen = (_goedgekeurd(aanbesteding).values("verantwoording__jaar")
             .annotate(omzet=Sum("omzet")).order_by("verantwoording__jaar"))
    aanbieders = defaultdict(set)
    for jaar, ovk in _goedgekeurd(aanbesteding).values_list("verantwoording__jaar",
                                                            "verantwoording__overeenkomst_id"):
        aanbieders[jaar].add(ovk)
    uit, vorige = [], None
    for r in rijen:
        jaar, omzet = r["verantwoording__jaar"], r["omzet"]
        verschil = omzet - vorige if vorige is not None else None
        pct = (verschil * 100 / vorige).quantize(Decimal("0.1")) if vorige else None
        uit.append({"jaar": jaar, "omzet": omzet, "aanbieders": len(aanbieders[jaar]), "verschil": verschil,
                    "verschil_pct": pct})
        vorige = omzet
    return uit
