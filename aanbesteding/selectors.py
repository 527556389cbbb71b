"""Reads of aanbesteding for the public site, the API and the admin. Each owns its joins and prefetches,
so list pages use a constant number of queries whatever the number of products or documents."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db.models import Count, Prefetch, Q

from core.dossier import Dossierstuk, dag, uit_opslag

from . import pdf as _pdf
from .models import (
    Aanbesteding,
    DocumentVersie,
    Eis,
    NotaVanInlichtingen,
    Omrekentabel,
    Perceel,
    ProcedureDocument,
    ProcedureWijziging,
    Product,
    Productafhankelijkheid,
    Productintensiteit,
    Rectificatie,
    Samenloopregel,
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
#
# A yearly publication (issue 19): the book of year J holds the products valid at some moment of J
# (Product.geldig_vanaf / geldig_tot), each with a status against the book of J - 1, the general tariffs of J
# with the change against J - 1, the tariffs agreed with one provider apart (Tarief.organisatie: never shown as
# the general tariff), the intensities as data (Productintensiteit) and the product rules of the procedure.

# Status of a product in the book of a year.
NIEUW, VERVANGT, HERNOEMD, VERVALLEN, ONGEWIJZIGD = "nieuw", "vervangt", "hernoemd", "vervallen", "ongewijzigd"
STATUSSEN = {
    NIEUW: "Nieuw", VERVANGT: "Vervangt een product", HERNOEMD: "Hernoemd", VERVALLEN: "Vervallen",
    ONGEWIJZIGD: "Ongewijzigd",
}


def _pct(nu: Decimal | None, vorig: Decimal | None) -> Decimal | None:
    if nu is None or not vorig:
        return None
    return ((nu - vorig) / vorig * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class Intensiteit(NamedTuple):
    """A Productintensiteit as plain data (a book of 300 products builds no model instances for them)."""

    code: str
    naam: str
    omschrijving: str
    omvang_min: Decimal | None
    omvang_max: Decimal | None
    omvang_eenheid: str

    @property
    def omvang(self) -> str:
        """'2 tot en met 4 uur per week', 'vanaf 8 uur per week', '1 begeleider op 5' ... ('' without volume)."""
        def getal(d):
            return format(d.normalize(), "f").replace(".", ",") if d is not None else ""

        eenheid = f" {self.omvang_eenheid}" if self.omvang_eenheid else ""
        if self.omvang_min is not None and self.omvang_max is not None:
            if self.omvang_min == self.omvang_max:
                return f"{getal(self.omvang_min)}{eenheid}"
            return f"{getal(self.omvang_min)} tot en met {getal(self.omvang_max)}{eenheid}"
        if self.omvang_min is not None:
            return f"vanaf {getal(self.omvang_min)}{eenheid}"
        if self.omvang_max is not None:
            return f"tot en met {getal(self.omvang_max)}{eenheid}"
        return ""

    def als_dict(self) -> dict:
        return {
            "code": self.code, "naam": self.naam, "omschrijving": self.omschrijving,
            "omvang_min": str(self.omvang_min) if self.omvang_min is not None else None,
            "omvang_max": str(self.omvang_max) if self.omvang_max is not None else None,
            "omvang_eenheid": self.omvang_eenheid,
        }


@dataclass
class AanbiederTarief:
    """A tariff agreed with one provider (002 r.481: tariffs "vanuit de gunning", possibly per provider)."""

    organisatie_id: int
    aanbieder: str
    bedrag: Decimal | None
    vorig: Decimal | None
    geldig_van: object = None
    geldig_tot: object = None

    @property
    def verandering_pct(self) -> Decimal | None:
        return _pct(self.bedrag, self.vorig)


@dataclass
class TariefRegel:
    """The general tariff of one intensity in the year (``bedrag`` None: only per-provider tariffs, or the
    intensity was dropped this year and ``vorig`` is last year's), with the provider tariffs of that intensity."""

    intensiteit: str
    bedrag: Decimal | None
    vorig: Decimal | None
    geldig_van: object = None
    geldig_tot: object = None
    gegevens: Intensiteit | None = None
    aanbieders: list[AanbiederTarief] = field(default_factory=list)

    @property
    def verandering_pct(self) -> Decimal | None:
        """Year-on-year change in percent, one decimal (None when there is no tariff of the previous year)."""
        return _pct(self.bedrag, self.vorig)

    @property
    def intensiteit_naam(self) -> str:
        return self.gegevens.naam if self.gegevens else self.intensiteit


@dataclass
class Voorganger:
    """The product this one replaces: a product of the book (``product_id``, in the book of ``jaar``) or only a
    code from outside it (``voorganger_code``)."""

    code: str
    naam: str = ""
    product_id: int | None = None
    jaar: int | None = None


@dataclass
class ProductRegel:
    product: Product
    tarieven: list[TariefRegel]
    status: str = ONGEWIJZIGD
    voorganger: Voorganger | None = None
    # Intensities whose general tariff of last year has no successor this year (for the year-on-year diff).
    vervallen_tarieven: list[TariefRegel] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUSSEN[self.status]


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


def geldig_in_jaar(jaar: int) -> Q:
    """Products valid at some moment of ``jaar`` (empty dates: from the start / as long as the procedure runs)."""
    return (Q(geldig_vanaf__isnull=True) | Q(geldig_vanaf__lte=date(jaar, 12, 31))) & (
        Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=date(jaar, 1, 1))
    )


def _status(product: Product, jaar: int, aanbesteding: Aanbesteding) -> tuple[str, Voorganger | None]:
    """New, replacing (a predecessor), renamed (a predecessor with the same code) or unchanged in ``jaar``."""
    voorganger = None
    v = product.voorganger if product.voorganger_id else None
    if v is not None:
        # The predecessor's row in the book of its last year (the year before this one when it has no end date).
        v_jaar = v.geldig_tot.year if v.geldig_tot else jaar - 1
        # Only a book that exists gets a link: a predecessor that ended before the term's first year (ROB 45A65
        # replaces 35502, dropped on 31-12-2024, in a term from 2025, 000 r.238-247) is named, not linked.
        eigen = v.perceel.aanbesteding_id == aanbesteding.pk and in_looptijd(aanbesteding, v_jaar)
        voorganger = Voorganger(v.code, v.naam, v.pk if eigen else None, v_jaar if eigen else None)
    elif product.voorganger_code:
        voorganger = Voorganger(product.voorganger_code)
    start = product.geldig_vanaf.year if product.geldig_vanaf else None
    if start is None and v is not None and v.geldig_tot is not None:
        start = v.geldig_tot.year + 1
    if start != jaar:
        return ONGEWIJZIGD, voorganger
    if voorganger is not None:
        return (HERNOEMD if voorganger.code == product.code else VERVANGT), voorganger
    if product.geldig_vanaf and product.geldig_vanaf > aanbesteding.looptijd_start:
        return NIEUW, None
    return ONGEWIJZIGD, None


def _producten(aanbesteding, percelen, zoek):
    producten = Product.objects.filter(perceel__in=[p.pk for p in percelen])
    zoek = (zoek or "").strip()
    if zoek:
        producten = producten.filter(Q(code__icontains=zoek) | Q(naam__icontains=zoek) | Q(omschrijving__icontains=zoek))
    return producten.select_related("perceel", "voorganger__perceel").order_by("volgorde", "code")


def _percelen(aanbesteding, perceel_code):
    percelen = list(aanbesteding.percelen.select_related("hoofdperceel").order_by("volgorde", "code"))
    if perceel_code:
        percelen = [p for p in percelen if p.code == perceel_code or (p.hoofdperceel and p.hoofdperceel.code == perceel_code)]
    return percelen


def productenboek(aanbesteding: Aanbesteding, jaar: int, *, perceel_code: str = "", zoek: str = "") -> list[PerceelGroep]:
    """The products valid in ``jaar`` with their tariffs of ``jaar`` and the change against ``jaar - 1``, grouped
    by perceel.

    Four queries whatever the number of products (percelen, products with their predecessor, tariffs with the
    provider's name, intensities). Filters: a perceel code (a main perceel includes its sub-percelen) and free
    text on code, name and description. The years of the procedure's term are the caller's to check
    (``productenboek_jaren``, ``in_looptijd``).
    """
    percelen = _percelen(aanbesteding, perceel_code)
    producten = list(_producten(aanbesteding, percelen, zoek).filter(geldig_in_jaar(jaar)))
    ids = [p.pk for p in producten]
    # The tariffs as plain tuples, not model instances through a prefetch: a book of 300 products has 600+
    # tariffs a year and building their instances was a third of the page (bench/bench_publiek.py).
    algemeen = defaultdict(list)
    per_aanbieder = defaultdict(lambda: defaultdict(list))
    aanbieders = {}
    for pk, org, org_naam, *rij in (Tarief.objects.voor_jaar(jaar - 1) | Tarief.objects.voor_jaar(jaar)).filter(
        product__in=ids
    ).order_by().values_list(
        "product_id", "organisatie_id", "organisatie__naam", "intensiteit", "geldig_van", "geldig_tot", "bedrag"
    ):
        if org is None:
            algemeen[pk].append(_Tarief(*rij))
        else:
            per_aanbieder[pk][org].append(_Tarief(*rij))
            aanbieders[org] = org_naam
    intensiteiten = defaultdict(dict)
    for pk, *velden in Productintensiteit.objects.filter(product__in=ids).order_by("volgorde", "code").values_list(
        "product_id", "code", "naam", "omschrijving", "omvang_min", "omvang_max", "omvang_eenheid"
    ):
        intensiteiten[pk][velden[0]] = Intensiteit(*velden)
    per_perceel = defaultdict(list)
    for product in producten:
        per_perceel[product.perceel_id].append(
            _productregel(product, jaar, aanbesteding, algemeen[product.pk], per_aanbieder.get(product.pk, {}),
                          aanbieders, intensiteiten.get(product.pk, {}))
        )
    return [PerceelGroep(p, per_perceel[p.pk]) for p in percelen if per_perceel.get(p.pk)]


def _productregel(product, jaar, aanbesteding, algemeen, per_aanbieder, aanbieders, intensiteiten) -> ProductRegel:
    nu, vorig = _tarief_in_jaar(algemeen, jaar), _tarief_in_jaar(algemeen, jaar - 1)
    eigen = defaultdict(list)  # intensity -> provider tariffs of this year
    for org, tarieven in per_aanbieder.items():
        org_nu, org_vorig = _tarief_in_jaar(tarieven, jaar), _tarief_in_jaar(tarieven, jaar - 1)
        for intensiteit, t in org_nu.items():
            oud = org_vorig.get(intensiteit)
            eigen[intensiteit].append(AanbiederTarief(
                org, aanbieders[org], t.bedrag, oud.bedrag if oud else None, t.geldig_van, t.geldig_tot,
            ))
    regels = []
    # One line per intensity with a general tariff, or with only provider tariffs (then bedrag is None).
    for intensiteit in sorted(set(nu) | set(eigen)):
        t = nu.get(intensiteit)
        regels.append(TariefRegel(
            intensiteit=intensiteit, bedrag=t.bedrag if t else None,
            vorig=vorig[intensiteit].bedrag if t and intensiteit in vorig else None,
            geldig_van=t.geldig_van if t else None, geldig_tot=t.geldig_tot if t else None,
            gegevens=intensiteiten.get(intensiteit),
            aanbieders=sorted(eigen.get(intensiteit, []), key=lambda a: a.aanbieder),
        ))
    vervallen = [
        TariefRegel(intensiteit=i, bedrag=None, vorig=t.bedrag, gegevens=intensiteiten.get(i))
        for i, t in sorted(vorig.items()) if i not in nu
    ]
    status, voorganger = _status(product, jaar, aanbesteding)
    return ProductRegel(product, regels, status, voorganger, vervallen)


def vervallen_producten(aanbesteding: Aanbesteding, jaar: int, *, perceel_code: str = "", zoek: str = "") -> list[Product]:
    """Products dropped during ``jaar - 1`` (their last day lies in it): the "Vervallen per <jaar>" list of the
    book of ``jaar`` (000 "Vervallen producten"), with their successors (2 queries)."""
    percelen = _percelen(aanbesteding, perceel_code)
    return list(
        _producten(aanbesteding, percelen, zoek)
        .filter(geldig_tot__gte=date(jaar - 1, 1, 1), geldig_tot__lte=date(jaar - 1, 12, 31))
        .prefetch_related("opvolgers")
    )


def in_looptijd(aanbesteding: Aanbesteding, jaar: int) -> bool:
    """Whether ``jaar`` lies in the procedure's term. The term's end moves with every extension that is used
    (overeenkomst.services.verlenging_verwerken -> aanbesteding.services.looptijd_verlengen)."""
    return aanbesteding.looptijd_start.year <= jaar <= aanbesteding.looptijd_einde.year


def productenboek_jaren(aanbesteding: Aanbesteding) -> list[int]:
    """The years with a product book: those with tariffs (general or per provider), within the procedure's term.

    An open-ended tariff runs to the end of the term, never beyond it: a 2020 procedure has no book of 2026. A
    procedure without any tariff (the MLO tariffs come "vanuit de gunning", 002 r.481) has a book for every year
    of its term in which it has products.
    """
    eerste, laatste = aanbesteding.looptijd_start.year, aanbesteding.looptijd_einde.year
    jaren = set()
    perioden = (
        Tarief.objects.filter(product__perceel__aanbesteding=aanbesteding)
        .order_by().values_list("geldig_van", "geldig_tot").distinct()
    )
    for van, tot in perioden:
        jaren.update(range(max(van.year, eerste), min(tot.year if tot else laatste, laatste) + 1))
    if not jaren:
        producten = (
            Product.objects.filter(perceel__aanbesteding=aanbesteding)
            .order_by().values_list("geldig_vanaf", "geldig_tot").distinct()
        )
        for van, tot in producten:
            jaren.update(range(max(van.year if van else eerste, eerste), min(tot.year if tot else laatste, laatste) + 1))
    return sorted(jaren)


def productenboek_standaardjaar(aanbesteding: Aanbesteding, dit_jaar: int) -> int:
    """The year a visitor without a year gets: this year when it has a book, else the last earlier one, else the
    first; without any book yet, this year moved into the term (never a year the procedure does not run in)."""
    jaren = productenboek_jaren(aanbesteding)
    if not jaren:  # nothing published yet: this year, within the term
        return min(max(dit_jaar, aanbesteding.looptijd_start.year), aanbesteding.looptijd_einde.year)
    if dit_jaar in jaren:
        return dit_jaar
    eerder = [j for j in jaren if j <= dit_jaar]
    return max(eerder) if eerder else jaren[0]


# --- Year-on-year difference -------------------------------------------------------------------------------

@dataclass
class Tariefwijziging:
    product: Product
    intensiteit: str
    intensiteit_naam: str
    oud: Decimal | None
    nieuw: Decimal | None
    aanbieder: str = ""

    @property
    def verandering_pct(self) -> Decimal | None:
        return _pct(self.nieuw, self.oud)


@dataclass
class Verschil:
    jaar: int
    nieuw: list[ProductRegel]
    vervangen: list[ProductRegel]
    vervallen: list[Product]
    tarieven: list[Tariefwijziging]

    @property
    def leeg(self) -> bool:
        return not (self.nieuw or self.vervangen or self.vervallen or self.tarieven)


def productenboek_verschil(aanbesteding: Aanbesteding, jaar: int) -> Verschil:
    """What changed from the book of ``jaar - 1`` to that of ``jaar``: new, replacing/renamed and dropped products,
    and every tariff that changed, appeared or ended (general and per provider), with old, new and percent."""
    nieuw, vervangen, tarieven = [], [], []
    for groep in productenboek(aanbesteding, jaar):
        for regel in groep.producten:
            p = regel.product
            if regel.status == NIEUW:
                nieuw.append(regel)
            elif regel.status in (VERVANGT, HERNOEMD):
                vervangen.append(regel)
            for t in regel.tarieven:
                if t.bedrag is not None and t.bedrag != t.vorig:
                    tarieven.append(Tariefwijziging(p, t.intensiteit, t.intensiteit_naam, t.vorig, t.bedrag))
                for a in t.aanbieders:
                    if a.bedrag != a.vorig:
                        tarieven.append(Tariefwijziging(p, t.intensiteit, t.intensiteit_naam, a.vorig, a.bedrag, a.aanbieder))
            for t in regel.vervallen_tarieven:
                tarieven.append(Tariefwijziging(p, t.intensiteit, t.intensiteit_naam, t.vorig, None))
    return Verschil(jaar, nieuw, vervangen, vervallen_producten(aanbesteding, jaar), tarieven)


# --- Product rules: samenloop, dependencies, conversion tables (issue 19) ----------------------------------

@dataclass
class ProductNotitie:
    """What the book says with one product: the rules it is in."""

    samenloop: list = field(default_factory=list)
    vereist: list = field(default_factory=list)  # products this one needs (Productafhankelijkheid)
    vereist_door: list = field(default_factory=list)  # products that need this one
    omrekentabellen: list = field(default_factory=list)


@dataclass
class Productregels:
    samenloop: list[Samenloopregel]
    afhankelijkheden: list[Productafhankelijkheid]
    omrekentabellen: list[Omrekentabel]
    per_product: dict[int, ProductNotitie]

    @property
    def leeg(self) -> bool:
        return not (self.samenloop or self.afhankelijkheden or self.omrekentabellen)

    def notitie(self, product_id: int) -> ProductNotitie | None:
        return self.per_product.get(product_id)


def _op_code():
    return Product.objects.order_by("code")


def productregels(aanbesteding: Aanbesteding) -> Productregels:
    """The product rules the procedure publishes, with per product the rules it is in (8 queries whatever the
    number of rules or products): stacking rules (000 r.356-377), dependencies (002 r.1033) and conversion
    tables (002 r.1143-1155)."""
    samenloop = list(aanbesteding.samenloopregels.prefetch_related(
        Prefetch("producten", queryset=_op_code()), Prefetch("met_producten", queryset=_op_code()),
    ).order_by("volgorde", "pk"))
    afhankelijkheden = list(aanbesteding.productafhankelijkheden.prefetch_related(
        Prefetch("producten", queryset=_op_code()), Prefetch("vereist", queryset=_op_code()),
    ).order_by("pk"))
    tabellen = list(aanbesteding.omrekentabellen.prefetch_related(Prefetch("producten", queryset=_op_code())).order_by("naam"))
    per_product: dict[int, ProductNotitie] = defaultdict(ProductNotitie)
    for regel in samenloop:
        for p in {*regel.producten.all(), *regel.met_producten.all()}:
            per_product[p.pk].samenloop.append(regel)
    for afh in afhankelijkheden:
        vereist = list(afh.vereist.all())
        for p in afh.producten.all():
            per_product[p.pk].vereist.extend(v for v in vereist if v not in per_product[p.pk].vereist)
            for v in vereist:
                if p not in per_product[v.pk].vereist_door:
                    per_product[v.pk].vereist_door.append(p)
    for tabel in tabellen:
        for p in tabel.producten.all():
            per_product[p.pk].omrekentabellen.append(tabel)
    return Productregels(samenloop, afhankelijkheden, tabellen, dict(per_product))


def omrekenen(rijen: list[dict], uren) -> tuple[int, int] | None:
    """A stay of ``uren`` hours in etmalen and dagdelen by a conversion table (Omrekentabel.rijen, ascending):
    the first row whose 'tot_en_met_uur' covers it; None beyond the table (002 r.1143-1155: logeren t/m 26 uur
    is 1 etmaal, t/m 30 uur 1 etmaal + 1 dagdeel, ... t/m 50 uur 2 etmalen)."""
    for rij in rijen:
        if uren <= rij["tot_en_met_uur"]:
            return int(rij["etmalen"]), int(rij["dagdelen"])
    return None


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


# --- the procedure dossier (issue 16, Woo) ------------------------------------------------------------------

AANGEKONDIGDE_STUKKEN = (
    ProcedureWijziging.Soort.DOCUMENT, ProcedureWijziging.Soort.NVI, ProcedureWijziging.Soort.RECTIFICATIE,
)


def _kort(tekst: str, lengte: int = 80) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1].rstrip() + "…"


def dossierstukken(aanbesteding: Aanbesteding) -> list[Dossierstuk]:
    """The documents of the procedure's dossier that aanbesteding owns, by date (the woo app lists the whole
    dossier from each owning app; core.dossier): the notice, every published version of a procedure document,
    every published rectificatie, every notice of the change log, every Nota van Inlichtingen and the product book
    of each year. Six or seven queries, whatever their number; the PDFs are made or read only when ``pdf()`` is called.

    All of these are public on the procedure page (``openbaar``). None names a person: an NvI publishes the
    questions anonymised (DOMAIN.md 'Questions'), the change log and the rectificaties do not show who recorded
    them, and an uploaded document is the bureau's own text (its staff names, if any, are for the reviewer)."""
    regio_id = aanbesteding.regio_id

    def stuk(soort, pk, titel, datum, pdf, openbaar=True):
        return Dossierstuk(
            sleutel=f"{soort}:{pk}", soort=soort, titel=titel, datum=dag(datum), aanbesteding_id=aanbesteding.pk,
            regio_id=regio_id, pdf=pdf, openbaar=openbaar,
        )

    def aankondiging():
        percelen = list(aanbesteding.percelen.order_by("volgorde", "code"))
        momenten = list(aanbesteding.toetredingsmomenten.order_by("opent_op"))
        return _pdf.aankondiging_pdf(aanbesteding, percelen, momenten)

    # The procedure keeps no moment of publication: the notice is dated by its first toetredingsmoment (the day
    # providers could first join), else the day it was entered.
    eerste = aanbesteding.toetredingsmomenten.order_by("opent_op").values_list("opent_op", flat=True).first()
    stukken = [stuk(
        "aankondiging", aanbesteding.pk, f"Aankondiging: {aanbesteding.titel}", eerste or aanbesteding.aangemaakt_op,
        aankondiging, openbaar=aanbesteding.is_openbaar,
    )]
    # Only published versions (Wagtail DraftStateMixin: ``live``); a draft or a withdrawn version is no document
    # of the dossier yet. The row of a live version holds the published file (a draft is kept as a revision).
    versies = DocumentVersie.objects.filter(document__aanbesteding=aanbesteding, live=True).select_related("document")
    for versie in versies.order_by("document__volgorde", "document__titel", "nummer"):
        stukken.append(stuk(
            "documentversie", versie.pk, f"{versie.document.titel} (versie {versie.nummer})",
            versie.first_published_at or versie.aangemaakt_op, uit_opslag(versie.bestand),
        ))
    for r in aanbesteding.rectificaties.filter(gepubliceerd_op__isnull=False).order_by("nummer"):
        r.aanbesteding = aanbesteding
        stukken.append(stuk(
            "rectificatie", r.pk, f"Rectificatie {r.nummer} van de eisen", r.gepubliceerd_op,
            lambda r=r: _pdf.rectificatie_pdf(r, rectificatie_wijzigingen(r)),
        ))
    # The change log's own notices; an entry that announces a new version, an NvI or a rectificatie points at a
    # document listed here already (the same document twice would count twice in the inventarislijst).
    eigen = aanbesteding.wijzigingen.exclude(soort__in=AANGEKONDIGDE_STUKKEN)
    for w in eigen.order_by("datum", "id"):
        w.aanbesteding = aanbesteding
        stukken.append(stuk(
            "procedurewijziging", w.pk, f"Wijziging van de procedure: {_kort(w.omschrijving)}", w.datum,
            lambda w=w: _pdf.procedurewijziging_pdf(w),
        ))
    for nvi in aanbesteding.nota_van_inlichtingen.order_by("nummer"):
        nvi.aanbesteding = aanbesteding
        # The sealed PDF as issued (aanbesteding.tasks.nvi_pdf_maken); until the task has run, the same text
        # rendered unsealed.
        pdf = uit_opslag(nvi.pdf) if nvi.pdf else (lambda nvi=nvi: _pdf.nvi_pdf(nvi, nvi_vragen(nvi)))
        stukken.append(stuk("nota_van_inlichtingen", nvi.pk, f"Nota van Inlichtingen {nvi.nummer}", nvi.gepubliceerd_op, pdf))
    # The product book of each year with tariffs (issue 19), public on the site; dated 1 January, the day its
    # tariffs take effect.
    for jaar in productenboek_jaren(aanbesteding):
        stukken.append(Dossierstuk(
            sleutel=f"productenboek:{aanbesteding.pk}-{jaar}", soort="productenboek", titel=f"Productenboek {jaar}",
            datum=date(jaar, 1, 1), aanbesteding_id=aanbesteding.pk, regio_id=regio_id, openbaar=True,
            pdf=lambda jaar=jaar: _pdf.productenboek_pdf(aanbesteding, jaar, productenboek(aanbesteding, jaar)),
        ))
    return sorted(stukken, key=lambda s: s.datum)
