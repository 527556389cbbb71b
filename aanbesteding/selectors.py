"""Reads of aanbesteding for the public site, the API and the admin. Each owns its joins and prefetches,
so list pages use a constant number of queries whatever the number of products or documents."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db.models import Count, Prefetch, Q

from .models import (
    Aanbesteding,
    DocumentVersie,
    Eis,
    NotaVanInlichtingen,
    Perceel,
    ProcedureDocument,
    ProcedureWijziging,
    Product,
    Rectificatie,
    Tarief,
    Toetredingsmoment,
    Vraag,
)


def openbare_aanbestedingen():
    """Procedures the public may see: everything past 'in voorbereiding'."""
    return Aanbesteding.objects.exclude(status=Aanbesteding.Status.IN_VOORBEREIDING).select_related("regio", "opdrachtgever")


def openbare_aanbesteding(slug: str) -> Aanbesteding | None:
    return openbare_aanbestedingen().filter(slug=slug).first()


def procedure_details(aanbesteding: Aanbesteding) -> dict:
    """Everything the public procedure page shows, in a fixed number of queries."""
    percelen = list(
        aanbesteding.percelen.select_related("hoofdperceel").prefetch_related("afhankelijkheden__vereist")
        .order_by("volgorde", "code")
    )
    kinderen = defaultdict(list)
    for p in percelen:
        kinderen[p.hoofdperceel_id].append(p)
    boom = [(p, kinderen.get(p.pk, [])) for p in kinderen.get(None, [])]
    gemeenten = defaultdict(list)
    for dg in aanbesteding.deelnemende_gemeenten.select_related("gemeente").order_by("domein", "gemeente__naam"):
        gemeenten[dg.get_domein_display()].append(dg.gemeente.naam)
    momenten = list(
        Toetredingsmoment.objects.filter(aanbesteding=aanbesteding).prefetch_related("percelen").order_by("opent_op")
    )
    return {
        "percelen": boom,
        "gemeenten": dict(gemeenten),
        "toetredingsmomenten": momenten,
        "documenten": openbare_documenten(aanbesteding),
        "nota_van_inlichtingen": list(aanbesteding.nota_van_inlichtingen.order_by("nummer")),
        "wijzigingen": list(aanbesteding.wijzigingen.order_by("-datum", "-id")),
        "rectificaties": gepubliceerde_rectificaties(aanbesteding),
    }


@dataclass
class DocumentMetVersies:
    document: ProcedureDocument
    huidig: DocumentVersie | None
    eerdere: list = field(default_factory=list)


def openbare_documenten(aanbesteding: Aanbesteding) -> list[DocumentMetVersies]:
    """Documents with at least one published version; current first, earlier versions after (2 queries)."""
    documenten = aanbesteding.documenten.prefetch_related(
        Prefetch("versies", queryset=DocumentVersie.objects.filter(live=True).order_by("-nummer"), to_attr="live_versies")
    ).order_by("volgorde", "titel")
    uitkomst = []
    for doc in documenten:
        if doc.live_versies:
            uitkomst.append(DocumentMetVersies(doc, doc.live_versies[0], doc.live_versies[1:]))
    return uitkomst


def openbare_versie(aanbesteding: Aanbesteding, document_slug: str, nummer: int | None = None) -> DocumentVersie | None:
    """The current published version of a document (nummer None) or a given earlier published one."""
    versies = DocumentVersie.objects.filter(
        document__aanbesteding=aanbesteding, document__slug=document_slug, live=True
    ).select_related("document")
    if nummer is not None:
        return versies.filter(nummer=nummer).first()
    return versies.order_by("-nummer").first()


def nvi_vragen(nvi: NotaVanInlichtingen):
    return list(nvi.vragen.select_related("perceel", "document").order_by("volgnummer"))


def openbare_nvi(aanbesteding: Aanbesteding, nummer: int) -> NotaVanInlichtingen | None:
    return aanbesteding.nota_van_inlichtingen.filter(nummer=nummer).select_related("aanbesteding").first()


def vragen_van_organisatie(aanbesteding: Aanbesteding, organisatie):
    """A provider's own questions about a procedure (never another organisation's)."""
    if organisatie is None:
        return Vraag.objects.none()
    return aanbesteding.vragen.filter(organisatie=organisatie).select_related("nota").order_by("-gesteld_op")


def beantwoorde_vragen(aanbesteding: Aanbesteding):
    """Answered questions waiting for the next NvI (staff)."""
    return aanbesteding.vragen.filter(status=Vraag.Status.BEANTWOORD).select_related("perceel", "document").order_by("gesteld_op")


# --- Productenboek ---------------------------------------------------------------------------------------

@dataclass
class TariefRegel:
    intensiteit: str
    bedrag: Decimal | None
    vorig: Decimal | None
    geldig_van: object = None
    geldig_tot: object = None

    @property
    def verandering_pct(self) -> Decimal | None:
        """Year-on-year change in percent, one decimal (None when there is no tariff of the previous year)."""
        if self.bedrag is None or not self.vorig:
            return None
        return ((self.bedrag - self.vorig) / self.vorig * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class ProductRegel:
    product: Product
    tarieven: list[TariefRegel]


@dataclass
class PerceelGroep:
    perceel: Perceel
    producten: list[ProductRegel]


class _Tarief(NamedTuple):
    intensiteit: str
    geldig_van: date
    geldig_tot: date | None
    bedrag: Decimal | None


def _tarief_in_jaar(tarieven, jaar: int):
    """Per intensity the tariff in force at the start of ``jaar``, else the first one that starts in it."""
    begin, einde = date(jaar, 1, 1), date(jaar, 12, 31)
    per_intensiteit: dict[str, Tarief] = {}
    for t in sorted(tarieven, key=lambda t: t.geldig_van):
        if t.geldig_van <= einde and (t.geldig_tot is None or t.geldig_tot >= begin):
            huidig = per_intensiteit.get(t.intensiteit)
            # Prefer the tariff valid on 1 January; otherwise the earliest that starts in the year.
            if huidig is None or (t.geldig_van <= begin and huidig.geldig_van < t.geldig_van):
                per_intensiteit[t.intensiteit] = t
    return per_intensiteit


def productenboek(aanbesteding: Aanbesteding, jaar: int, *, perceel_code: str = "", zoek: str = "") -> list[PerceelGroep]:
    """Products with their tariffs of ``jaar`` and the change against ``jaar - 1``, grouped by perceel.

    Three queries whatever the number of products (percelen, products, tariffs). Filters: a perceel code
    (a main perceel includes its sub-percelen) and free text on code, name and description.
    """
    percelen = list(aanbesteding.percelen.select_related("hoofdperceel").order_by("volgorde", "code"))
    if perceel_code:
        percelen = [p for p in percelen if p.code == perceel_code or (p.hoofdperceel and p.hoofdperceel.code == perceel_code)]
    producten = Product.objects.filter(perceel__in=[p.pk for p in percelen]).order_by("volgorde", "code")
    zoek = (zoek or "").strip()
    if zoek:
        producten = producten.filter(Q(code__icontains=zoek) | Q(naam__icontains=zoek) | Q(omschrijving__icontains=zoek))
    producten = list(producten)
    # The tariffs as plain tuples, not model instances through a prefetch: a book of 300 products has 600+
    # tariffs a year and building their instances was a third of the page (bench/bench_publiek.py).
    tarieven = defaultdict(list)
    for rij in (Tarief.objects.voor_jaar(jaar - 1) | Tarief.objects.voor_jaar(jaar)).filter(
        product__in=[p.pk for p in producten]
    ).order_by().values_list("product_id", "intensiteit", "geldig_van", "geldig_tot", "bedrag"):
        tarieven[rij[0]].append(_Tarief(*rij[1:]))
    per_perceel = defaultdict(list)
    for product in producten:
        nu = _tarief_in_jaar(tarieven[product.pk], jaar)
        vorig = _tarief_in_jaar(tarieven[product.pk], jaar - 1)
        regels = [
            TariefRegel(
                intensiteit=intensiteit, bedrag=t.bedrag,
                vorig=vorig[intensiteit].bedrag if intensiteit in vorig else None,
                geldig_van=t.geldig_van, geldig_tot=t.geldig_tot,
            )
            for intensiteit, t in sorted(nu.items())
        ]
        per_perceel[product.perceel_id].append(ProductRegel(product, regels))
    return [PerceelGroep(p, per_perceel[p.pk]) for p in percelen if per_perceel.get(p.pk)]


def productenboek_jaren(aanbesteding: Aanbesteding) -> list[int]:
    """Years for which the procedure has tariffs (for the year switcher and the API)."""
    jaren = set()
    perioden = (
        Tarief.objects.filter(product__perceel__aanbesteding=aanbesteding)
        .order_by().values_list("geldig_van", "geldig_tot").distinct()
    )
    for van, tot in perioden:
        for jaar in range(van.year, (tot.year if tot else max(van.year, aanbesteding.looptijd_einde.year)) + 1):
            jaren.add(jaar)
    return sorted(jaren)


def wijzigingslog(aanbesteding: Aanbesteding):
    return ProcedureWijziging.objects.filter(aanbesteding=aanbesteding).order_by("-datum", "-id")



def rectificatie_wijzigingen(rectificatie: Rectificatie) -> dict[str, list[str]]:
    """The codes a rectificatie adds, changes and withdraws (a change = withdrawn + a new eis that replaces it)."""
    nieuw = list(rectificatie.nieuwe_eisen.order_by("volgorde", "code").values_list("code", "vervangt_id"))
    vervangen = {v for _, v in nieuw if v is not None}
    ingetrokken = rectificatie.ingetrokken_eisen.exclude(pk__in=vervangen).order_by("volgorde", "code")
    return {
        "toegevoegd": [c for c, v in nieuw if v is None],
        "gewijzigd": [c for c, v in nieuw if v is not None],
        "ingetrokken": list(ingetrokken.values_list("code", flat=True)),
    }


# --- Versioned eisen and rectificaties (issue 18, ADR 0014) ------------------------------------------------


def eisen_in_versie(aanbesteding_id: int, nummer: int):
    """The eisen of version ``nummer`` of a procedure (0 = as first published)."""
    return Eis.objects.filter(aanbesteding_id=aanbesteding_id).in_versie(nummer)


@dataclass
class RectificatieRegel:
    rectificatie: Rectificatie
    toegevoegd: list[Eis]
    gewijzigd: list[Eis]
    ingetrokken: list[Eis]


def _regel(r: Rectificatie) -> RectificatieRegel:
    nieuw = sorted(r.nieuwe_eisen.all(), key=lambda e: (e.volgorde, e.code))
    vervangen = {e.vervangt_id for e in nieuw if e.vervangt_id}
    ingetrokken = sorted((e for e in r.ingetrokken_eisen.all() if e.pk not in vervangen), key=lambda e: (e.volgorde, e.code))
    return RectificatieRegel(r, [e for e in nieuw if e.vervangt_id is None], [e for e in nieuw if e.vervangt_id], ingetrokken)


def gepubliceerde_rectificaties(aanbesteding: Aanbesteding) -> list[RectificatieRegel]:
    """The published rectificaties of the eisen, newest first, with what each changed (3 queries), for the notice
    on the public procedure page and the admin."""
    rectificaties = (
        aanbesteding.rectificaties.filter(gepubliceerd_op__isnull=False)
        .prefetch_related("nieuwe_eisen__perceel", "ingetrokken_eisen__perceel").order_by("-nummer")
    )
    return [_regel(r) for r in rectificaties]


def concept_rectificatie(aanbesteding: Aanbesteding) -> RectificatieRegel | None:
    r = (
        aanbesteding.rectificaties.filter(gepubliceerd_op__isnull=True)
        .prefetch_related("nieuwe_eisen__perceel", "nieuwe_eisen__vervangt", "ingetrokken_eisen__perceel").first()
    )
    return _regel(r) if r is not None else None


def rectificatie_overzicht(aanbestedingen):
    """The procedures of the rectificatie screen with their version and open concept (one query)."""
    return aanbestedingen.select_related("regio").annotate(
        concepten=Count("rectificaties", filter=Q(rectificaties__gepubliceerd_op__isnull=True), distinct=True),
        gepubliceerd=Count("rectificaties", filter=Q(rectificaties__gepubliceerd_op__isnull=False), distinct=True),
    ).order_by("titel")
