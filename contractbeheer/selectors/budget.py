"""Spend against the budget ceilings (issue 14; 003a §6.3, bronnen.gooi.BUDGETPLAFONDS: the persoonsvolgende
plafonds 'niveau 0' € 1.250, 'niveau 2' € 5.000, 'IBP 1' € 2.500, 003 r.868-869, r.1841-1842; 004 §3.1 r.185:
"een budgetplafond per aanbieder").

Spend is the turnover of the APPROVED verantwoordingen of the year (``Omzetregel`` of inzendingen with status
goedgekeurd, every municipality's part added up), on the ceiling's product or, without a product, on all products
of its perceel. Readings (for ADR 0020):

- per_client: a persoonsvolgend plafond is a maximum per client (003 r.866-869: the provider chooses the plafond
  that fits the client). The verantwoording has no number of clients: ``Omzetregel.aantal`` is the number of
  units. Only for a product counted in ``stuks`` (one per traject, so one per client) is ``aantal`` read as the
  number of clients; the average spend per client is then omzet / aantal. For products in minutes, hours or days
  the average cannot be computed and the row says so (spend is shown, no percentage, no warning). The average is
  the spend on the ``stuks`` products divided by their number; spend in other units is shown but not averaged.
- per_aanbieder: each provider's spend on the perceel/product in the year against the ceiling; a ceiling for one
  agreement replaces the general one for that provider.
- totaal: all providers together.
A ceiling with a year applies to that year only; without one, to every year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum

from aanbesteding.models import Eenheid
from organisaties.regios import binnen
from overeenkomst.models import Overeenkomst

from .. import regels
from ..models import Budgetplafond, Omzetregel, Verantwoordingsinzending

NUL = Decimal("0.00")


def drempels(plafond: Budgetplafond) -> list[int]:
    """"80,100" → [80, 100]; anything unreadable is left out."""
    return sorted({int(d) for d in plafond.drempels.replace(";", ",").split(",") if d.strip().isdigit()})


@dataclass
class Plafondstand:
    plafond: Budgetplafond
    overeenkomst: Overeenkomst | None = None
    besteed: Decimal = NUL
    clienten: Decimal | None = None  # per_client: the number read as clients (see the module's reading)
    waarde: Decimal | None = None  # what is compared with the ceiling (spend, or spend per client)
    signalen: list = field(default_factory=list)
    toelichting: str = ""

    @property
    def percentage(self) -> Decimal | None:
        if self.waarde is None or not self.plafond.bedrag:
            return None
        return (self.waarde * 100 / self.plafond.bedrag).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def label(self) -> str:
        if not self.signalen:
            return ""
        hoogste = max(self.signalen)
        return "plafond bereikt" if hoogste >= 100 else f"{hoogste}% van het plafond"

    @property
    def over(self) -> bool:
        return bool(self.signalen) and max(self.signalen) >= 100


def _stand(plafond, overeenkomst, besteed, clienten=None, omzet_per_client=NUL, per_client=False) -> Plafondstand:
    stand = Plafondstand(plafond=plafond, overeenkomst=overeenkomst, besteed=besteed, clienten=clienten)
    if per_client:
        if not clienten:
            stand.toelichting = ("Geen cliëntaantal in de verantwoording: het aantal telt eenheden, geen cliënten; "
                                 "alleen de besteding is bekend.")
            return stand
        stand.waarde = (omzet_per_client / clienten).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    else:
        stand.waarde = besteed
    stand.signalen = regels.plafond_signalen(stand.waarde, plafond.bedrag, drempels(plafond))
    return stand


def plafondstanden(bereik, jaar: int, aanbesteding=None) -> list[Plafondstand]:
    """The ceilings in ``bereik`` (ADR 0011) that apply in ``jaar``, each with its spend. Three queries
    whatever the number of ceilings, providers or verantwoordingen."""
    plafonds = binnen(Budgetplafond.objects.all(), bereik).filter(Q(jaar__isnull=True) | Q(jaar=jaar))
    if aanbesteding is not None:
        plafonds = plafonds.filter(aanbesteding=aanbesteding)
    plafonds = list(plafonds.select_related("aanbesteding", "perceel", "product", "overeenkomst__organisatie")
                    .order_by("aanbesteding__titel", "perceel__code", "soort", "code", "pk"))
    if not plafonds:
        return []
    # spend[(aanbesteding, overeenkomst, perceel, product)] = (omzet, aantal in stuks)
    rijen = (Omzetregel.objects
             .filter(inzending__status=Verantwoordingsinzending.Status.GOEDGEKEURD,
                     inzending__verantwoording__jaar=jaar,
                     inzending__verantwoording__overeenkomst__aanbesteding_id__in={p.aanbesteding_id for p in plafonds})
             .values("inzending__verantwoording__overeenkomst", "product__perceel", "product", "product__eenheid")
             .annotate(omzet=Sum("omzet"), aantal=Sum("aantal")))
    per_ovk: dict = defaultdict(list)
    for r in rijen:
        per_ovk[r["inzending__verantwoording__overeenkomst"]].append(r)
    overeenkomsten = {o.pk: o for o in Overeenkomst.objects.filter(pk__in=per_ovk).select_related("organisatie")}

    def past(r, plafond) -> bool:
        if plafond.product_id:
            return r["product"] == plafond.product_id
        return r["product__perceel"] == plafond.perceel_id

    def som(ovk_ids, plafond):
        """(spend, clients, spend on the products counted per client) of ``ovk_ids`` under ``plafond``."""
        omzet, stuks, omzet_stuks = NUL, Decimal(0), NUL
        for ovk_id in ovk_ids:
            if ovk_id not in overeenkomsten or overeenkomsten[ovk_id].aanbesteding_id != plafond.aanbesteding_id:
                continue
            for r in per_ovk[ovk_id]:
                if past(r, plafond):
                    omzet += r["omzet"] or NUL
                    if r["product__eenheid"] == Eenheid.STUKS:
                        stuks += r["aantal"] or 0
                        omzet_stuks += r["omzet"] or NUL
        return omzet, stuks, omzet_stuks

    eigen = {(p.aanbesteding_id, p.perceel_id, p.product_id, p.overeenkomst_id) for p in plafonds
             if p.soort == Budgetplafond.Soort.PER_AANBIEDER and p.overeenkomst_id}
    uit: list[Plafondstand] = []
    for p in plafonds:
        if p.soort == Budgetplafond.Soort.PER_AANBIEDER:
            if p.overeenkomst_id:
                omzet, _, _ = som([p.overeenkomst_id], p)
                uit.append(_stand(p, p.overeenkomst, omzet))
                continue
            for ovk_id in sorted(per_ovk, key=lambda i: overeenkomsten[i].organisatie.naam if i in overeenkomsten
                                 else ""):
                if (p.aanbesteding_id, p.perceel_id, p.product_id, ovk_id) in eigen:
                    continue  # that provider has its own ceiling
                omzet, _, _ = som([ovk_id], p)
                if omzet:
                    uit.append(_stand(p, overeenkomsten[ovk_id], omzet))
        else:
            omzet, stuks, omzet_stuks = som(list(per_ovk), p)
            uit.append(_stand(p, None, omzet, clienten=stuks, omzet_per_client=omzet_stuks,
                              per_client=p.soort == Budgetplafond.Soort.PER_CLIENT))
    return uit


def openbare_plafonds(aanbesteding, jaar: int) -> dict[int, list[Budgetplafond]]:
    """The budget ceilings the product book publishes per perceel for ``jaar`` (issue 19; 003 r.868-869,
    r.1841-1842): the ceilings for everyone (not one agreed with one provider), of that year or of every year; a
    ceiling of the year replaces the yearless one with the same code. A ceiling on a product counts under the
    product's perceel. One query."""
    plafonds = (
        Budgetplafond.objects.filter(aanbesteding=aanbesteding, overeenkomst__isnull=True)
        .filter(Q(jaar__isnull=True) | Q(jaar=jaar))
        .select_related("perceel", "product__perceel").order_by("code", "jaar")
    )
    gekozen: dict[tuple, Budgetplafond] = {}
    for p in plafonds:  # a ceiling of the year wins over the yearless one, whatever the order
        sleutel = (p.perceel_id, p.product_id, p.code, p.soort)
        if sleutel not in gekozen or p.jaar is not None:
            gekozen[sleutel] = p
    per_perceel: dict[int, list[Budgetplafond]] = {}
    for p in sorted(gekozen.values(), key=lambda p: (p.code, p.naam)):
        perceel_id = p.perceel_id or p.product.perceel_id
        per_perceel.setdefault(perceel_id, []).append(p)
    return per_perceel
