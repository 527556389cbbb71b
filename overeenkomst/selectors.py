"""Reads of the overeenkomst app. ``register_van`` feeds the public register (page and API, issue 3)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import CharField, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Cast
from django.urls import reverse

from aanbesteding.models import DeelnemendeGemeente, Eenheid, Product, beperking_tekst
from core import kalender, paginacache
from core.dossier import Dossierstuk, dag
from organisaties.portaal import OVEREENKOMSTEN, TAKEN, Overzichtsregel
from organisaties.regios import binnen
from organisaties.selectors import persoonsgegevens_van

from . import pdf as _pdf
from .models import (
    Addendum,
    AddendumOnderdeel,
    AddendumReactie,
    Clientenstop,
    Contractregels,
    Deelname,
    DeelnameProduct,
    Indexatieronde,
    Onderaannemer,
    Overeenkomst,
    Uittreding,
)

STATUS_LABELS = {
    Deelname.Status.ACTIEF: "actief",
    Deelname.Status.CLIENTENSTOP: "cliëntenstop",
    Deelname.Status.BEEINDIGD: "beëindigd",
}


@dataclass
class RegisterProduct:
    code: str
    naam: str
    # Issue 19: the restrictions of an admission per product (000 Part A; 000 §5.1) and, for a residential
    # (etmaal) product, its location and group size (000 r.29-31). Empty for a perceel admitted as a whole.
    beperking: str = ""
    leeftijd_van: int | None = None
    leeftijd_tot: int | None = None
    locatie: str = ""
    groepsomvang: int | None = None
    verblijf: bool = False

    @property
    def beperking_tekst(self) -> str:
        return beperking_tekst(self)

    @property
    def doelgroep_tekst(self) -> str:
        """Age group and note without the location (the specialist tab shows location and group size apart)."""
        return beperking_tekst(RegisterProduct(self.code, self.naam, self.beperking, self.leeftijd_van, self.leeftijd_tot))


def jaargrenzen(jaar: int | None) -> tuple[date, date] | None:
    """The first and last day of ``jaar`` (None: no year, the whole history)."""
    return None if jaar is None else (date(jaar, 1, 1), date(jaar, 12, 31))


def standaardjaar(aanbesteding, vandaag: date | None = None) -> int:
    """The year the register shows without ?jaar=: the current year, within the procedure's term (an ended
    procedure shows its last year, one that has not started its first)."""
    jaar = (vandaag or kalender.vandaag()).year
    return min(max(jaar, aanbesteding.looptijd_start.year), max(aanbesteding.looptijd_einde.year, aanbesteding.looptijd_start.year))


def registerjaren(aanbesteding, vandaag: date | None = None) -> list[int]:
    """The years the register can be read in: from the start of the term up to the current year (or the end of
    the term when that is earlier), for the year links."""
    tot = min((vandaag or kalender.vandaag()).year, aanbesteding.looptijd_einde.year)
    return list(range(aanbesteding.looptijd_start.year, max(tot, aanbesteding.looptijd_start.year) + 1))


def contactgegevens_gepubliceerd(aanbesteding) -> bool:
    """Whether the register publishes the providers' contact details (002 r.419, art. 23: the provider gives
    "naam, vestigingsplaats, AGB-code en contactgegevens" and the Gemeente may publish them); set per procedure
    in its Contractregels. One query."""
    return Contractregels.objects.filter(aanbesteding=aanbesteding, contactgegevens_publiceren=True).exists()


@dataclass
class RegisterPerceel:
    code: str
    naam: str
    status: str  # "actief" | "clientenstop" | "beeindigd" (Deelname.Status values)
    status_label: str  # "actief" | "cliëntenstop" | "beëindigd"
    startdatum: date
    einddatum: date | None
    clientenstop_van: date | None
    clientenstop_tot: date | None
    producten: list[RegisterProduct] = field(default_factory=list)


@dataclass
class RegisterRegel:
    """One line of the public register: a contracted provider (hoofdaannemer) or one of its subcontractors."""

    naam: str
    vestigingsplaats: str
    agb_code: str
    kvk_nummer: str
    rol: str  # "hoofdaannemer" | "onderaannemer"
    hoofdaannemer: str | None  # the contracting provider's name, for an onderaannemer
    organisatie_id: int | None
    overeenkomst_id: int
    startdatum: date
    einddatum: date | None
    totaalstatus: str  # overall: "actief" | "clientenstop" | "beeindigd" (not a model status: no machine)
    status_label: str
    percelen: list[RegisterPerceel] = field(default_factory=list)
    # Published only where the procedure says so (002 r.419; contactgegevens_gepubliceerd), else empty.
    contact_email: str = ""
    contact_telefoon: str = ""

    @property
    def productcodes(self) -> list[str]:
        return sorted({p.code for perceel in self.percelen for p in perceel.producten})

    @property
    def verblijfsproducten(self) -> list[tuple[RegisterPerceel, RegisterProduct]]:
        """The residential (etmaal) products of the line with their perceel: the specialist tab (000 r.29-31)."""
        return [(perceel, p) for perceel in self.percelen for p in perceel.producten if p.verblijf]


def _totaalstatus(percelen: list[RegisterPerceel]) -> str:
    """actief if any perceel is active; cliëntenstop if none active but one is stopped; else beëindigd."""
    statussen = {p.status for p in percelen}
    for status in (Deelname.Status.ACTIEF, Deelname.Status.CLIENTENSTOP):
        if status in statussen:
            return status
    return Deelname.Status.BEEINDIGD


# --- change history of the register (issue 11) ------------------------------------------------------------
# What the register publishes about a provider and may therefore show old → new: its name and its
# vestigingsplaats. Street and postcode are part of the address too, but for an eenmanszaak they are a
# person's home address (which the KvK itself no longer publishes), so the history says that the address
# changed without the values. Contact persons, e-mail and telephone never appear.
REGISTER_ACTIES = ("organisatie.bijgewerkt", "organisatie.gewijzigd")
_OPENBARE_WIJZIGINGEN = {"naam": "Naam", "plaats": "Vestigingsplaats"}
_ADRES_VELDEN = ("straat", "postcode")
MAX_REGISTERWIJZIGINGEN = 100


@dataclass(frozen=True)
class Registerwijziging:
    """One change of a contracted provider's public name or address, as the register shows it."""

    tijdstip: datetime
    organisatie: str  # the provider's current name, so every line can be found in the register above it
    veld: str
    oud: str | None  # None for a street/postcode change: only that it changed is public
    nieuw: str | None


def registerwijzigingen_van(aanbesteding, *, limiet: int = MAX_REGISTERWIJZIGINGEN) -> list[Registerwijziging]:
    """Name and address changes of the providers contracted in ``aanbesteding`` (any agreement with a
    deelname, as the register lists them), newest first, from the audit trail that organisaties' services
    write (organisatie.bijgewerkt by the provider, organisatie.gewijzigd by staff). Two queries (the audit lines,
    then the names of just their providers), whatever the number of providers."""
    from core.models import AuditRegel
    from organisaties.models import Organisatie

    # The providers as a subquery, not as a list of ids: a register of thousands of providers would otherwise
    # be read whole and sent back as a list of thousands of parameters on every view of the register page.
    aanbieders = (
        Deelname.objects.filter(overeenkomst__aanbesteding=aanbesteding).order_by()
        .annotate(object_id=Cast("overeenkomst__organisatie_id", CharField())).values("object_id")
    )
    raakt_register = Q()
    for veld in (*_OPENBARE_WIJZIGINGEN, *_ADRES_VELDEN):
        raakt_register |= Q(nieuwe_waarden__has_key=veld)
    regels = list(
        AuditRegel.objects.filter(
            content_type=ContentType.objects.get_for_model(Organisatie),
            object_id__in=aanbieders,
            actie__in=REGISTER_ACTIES,
        )
        .filter(raakt_register)
        .order_by("-tijdstip", "-id")
        .only("tijdstip", "object_id", "oude_waarden", "nieuwe_waarden")[:limiet]
    )
    if not regels:
        return []
    namen = dict(Organisatie.objects.filter(pk__in={int(r.object_id) for r in regels}).values_list("id", "naam"))
    wijzigingen = []
    for regel in regels:
        oud, nieuw = regel.oude_waarden or {}, regel.nieuwe_waarden or {}
        naam = namen[int(regel.object_id)]
        for veld, label in _OPENBARE_WIJZIGINGEN.items():
            if veld in nieuw and oud.get(veld) != nieuw[veld]:
                wijzigingen.append(Registerwijziging(regel.tijdstip, naam, label, oud.get(veld) or "", nieuw[veld] or ""))
        if any(veld in nieuw and oud.get(veld) != nieuw[veld] for veld in _ADRES_VELDEN):
            wijzigingen.append(Registerwijziging(regel.tijdstip, naam, "Adres (straat en postcode)", None, None))
    return wijzigingen


def _loopt_in(jaar: int | None, van: str = "startdatum", tot: str = "einddatum", pad: str = "") -> Q:
    """Rows that ran at any moment of ``jaar`` (an empty Q without a year)."""
    grenzen = jaargrenzen(jaar)
    if grenzen is None:
        return Q()
    begin, einde = grenzen
    return Q(**{f"{pad}{van}__lte": einde}) & (Q(**{f"{pad}{tot}__isnull": True}) | Q(**{f"{pad}{tot}__gte": begin}))


def _register_deelnames(aanbesteding, *, zoek: str | None = None, gemeente=None, productcode: str | None = None,
                        jaar: int | None = None, verblijf: bool = False):
    """The deelnames the register shows under its filters (a queryset, not evaluated): every line of the
    register and every perceel on it comes from these. Filters: ``zoek`` (name, vestigingsplaats, AGB or KvK of
    the provider or of one of its subcontractors, case-insensitive), ``gemeente`` (a Gemeente, its pk or its
    name: percelen in a domain the gemeente buys in this procedure), ``productcode`` (deelnames admitted for the
    product: its perceel carries it and, where the admission is per product (DeelnameProduct, issue 19), the
    product is one of them), ``jaar`` (the register as it stood in that year: deelnames running at any moment of
    it), ``verblijf`` (deelnames with a residential product: the specialist tab, 000 r.29-31)."""
    deelnames = Deelname.objects.filter(overeenkomst__aanbesteding=aanbesteding).filter(_loopt_in(jaar))
    if zoek:
        zoek = zoek.strip()
        deelnames = deelnames.filter(
            Q(overeenkomst__organisatie__naam__icontains=zoek)
            | Q(overeenkomst__organisatie__plaats__icontains=zoek)
            | Q(overeenkomst__organisatie__agb_code__icontains=zoek)
            | Q(overeenkomst__organisatie__kvk_nummer__icontains=zoek)
            # EXISTS rather than a join: a join would repeat a deelname per subcontractor (and need DISTINCT).
            | Exists(Onderaannemer.objects.filter(deelname_id=OuterRef("pk"), naam__icontains=zoek))
        )
    if gemeente:
        gemeente_filter = {"gemeente": gemeente} if hasattr(gemeente, "pk") else (
            {"gemeente_id": gemeente} if str(gemeente).isdigit() else {"gemeente__naam__iexact": gemeente}
        )
        domeinen = DeelnemendeGemeente.objects.filter(aanbesteding=aanbesteding, **gemeente_filter).values("domein")
        deelnames = deelnames.filter(perceel__domein__in=domeinen)
    per_product = DeelnameProduct.objects.filter(deelname_id=OuterRef("pk"))
    if productcode:
        code = productcode.strip()
        percelen = Product.objects.filter(perceel__aanbesteding=aanbesteding, code__iexact=code)
        deelnames = deelnames.filter(perceel_id__in=percelen.values("perceel_id")).filter(
            ~Exists(per_product) | Exists(per_product.filter(_loopt_in(jaar), product__code__iexact=code))
        )
    if verblijf:
        met_verblijf = Product.objects.filter(perceel__aanbesteding=aanbesteding, eenheid=Eenheid.ETMAAL)
        deelnames = deelnames.filter(
            (~Exists(per_product) & Q(perceel_id__in=met_verblijf.values("perceel_id")))
            | Exists(per_product.filter(_loopt_in(jaar), product__eenheid=Eenheid.ETMAAL))
        )
    return deelnames


_DEELNAME_VELDEN = (
    "id", "status", "startdatum", "einddatum", "perceel_id", "perceel__code", "perceel__naam",
    "overeenkomst_id", "overeenkomst__startdatum", "overeenkomst__einddatum", "overeenkomst__organisatie_id",
    "overeenkomst__organisatie__naam", "overeenkomst__organisatie__plaats",
    "overeenkomst__organisatie__agb_code", "overeenkomst__organisatie__kvk_nummer",
)
# Shown only when the procedure publishes them (002 r.419): the flag comes with the row, no extra query.
_CONTACT_VELDEN = ("overeenkomst__organisatie__contact_email", "overeenkomst__organisatie__contact_telefoon")
# The register's order: providers by name, each provider's percelen in the procedure's order.
_DEELNAME_VOLGORDE = ("overeenkomst__organisatie__naam", "overeenkomst_id", "perceel__volgorde", "perceel__code")


def _register_rijen(deelnames) -> list[dict]:
    # values() rather than model instances and prefetches: the register of a large procedure has thousands of
    # deelnames, and building model instances dominated the time (bench/bench_overeenkomst.py). Two EXISTS
    # flags ride along, so a register without admissions per product or published contact details pays no query
    # for them: whether the deelname has products of its own (issue 19) and whether the procedure publishes
    # contact details (002 r.419).
    return list(
        deelnames.annotate(
            heeft_producten=Exists(DeelnameProduct.objects.filter(deelname_id=OuterRef("pk"))),
            contact_publiek=Exists(Contractregels.objects.filter(
                aanbesteding_id=OuterRef("overeenkomst__aanbesteding_id"), contactgegevens_publiceren=True)),
        ).distinct().order_by(*_DEELNAME_VOLGORDE).values(*_DEELNAME_VELDEN, *_CONTACT_VELDEN, "heeft_producten",
                                                          "contact_publiek")
    )


def _actuele_status(status: str, einddatum: date | None, vandaag: date) -> str:
    """The status as of today, from the dates (issue 19): a deelname whose end date has passed is beëindigd even
    before the nightly task has moved it (overeenkomst.tasks), so the register and the API never show an ended
    contract as actief."""
    if einddatum is not None and einddatum < vandaag:
        return Deelname.Status.BEEINDIGD
    return status


def _register_regels(aanbesteding, rijen: list[dict], *, hele_procedure: bool, onderaannemers: bool = True,
                     jaar: int | None = None) -> list[RegisterRegel]:
    """The register lines of the deelname rows ``rijen`` (in register order): per agreement its provider line,
    followed by its onderaannemers (one line per name and KvK number, with the percelen they work in) when
    ``onderaannemers``. Products, products per deelname, cliëntenstops and onderaannemers take one query each: of
    the whole procedure (``hele_procedure``, the full register) or of just these rows (a page).

    A deelname with DeelnameProduct rows shows exactly those products (issue 19: admission per product, with its
    restrictions); one without covers every product of its perceel. With ``jaar``, only products and
    onderaannemers that ran in that year. Status and end date are as of today, from the dates."""
    if not rijen:
        return []
    vandaag = kalender.vandaag()
    if hele_procedure:
        product_filter = {"perceel__aanbesteding": aanbesteding}
        deelname_filter = {"deelname__overeenkomst__aanbesteding": aanbesteding}
    else:
        product_filter = {"perceel_id__in": {d["perceel_id"] for d in rijen}}
        deelname_filter = {"deelname_id__in": [d["id"] for d in rijen]}

    # Products once per perceel (one query), shared by every provider in that perceel; in a year, those of the
    # year's productenboek (Product.geldig_vanaf / geldig_tot).
    producten: dict[int, list[RegisterProduct]] = {}
    geldig = Q()
    if jaar is not None:
        begin, einde = jaargrenzen(jaar)
        geldig = (Q(geldig_vanaf__isnull=True) | Q(geldig_vanaf__lte=einde)) & (Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=begin))
    for perceel_id, code, naam, eenheid in Product.objects.filter(**product_filter).filter(geldig).order_by(
        "volgorde", "code"
    ).values_list("perceel_id", "code", "naam", "eenheid"):
        producten.setdefault(perceel_id, []).append(RegisterProduct(code, naam, verblijf=eenheid == Eenheid.ETMAAL))
    # Admission per product (issue 19): one query for the rows' products; a deelname with rows shows only them.
    per_deelname_product: dict[int, list[RegisterProduct]] = {}
    met_producten = [d["id"] for d in rijen if d["heeft_producten"]]
    for dp in (DeelnameProduct.objects.filter(deelname_id__in=met_producten) if met_producten else DeelnameProduct.objects.none()).order_by(
        "product__volgorde", "product__code", "startdatum"
    ).values("deelname_id", "product__code", "product__naam", "product__eenheid", "beperking", "leeftijd_van",
             "leeftijd_tot", "locatie", "groepsomvang", "startdatum", "einddatum"):
        lijst = per_deelname_product.setdefault(dp["deelname_id"], [])
        grenzen = jaargrenzen(jaar)
        if grenzen is not None and (dp["startdatum"] > grenzen[1] or (dp["einddatum"] and dp["einddatum"] < grenzen[0])):
            continue
        if grenzen is None and dp["einddatum"] is not None and dp["einddatum"] < vandaag:
            continue
        lijst.append(RegisterProduct(
            dp["product__code"], dp["product__naam"], beperking=dp["beperking"], leeftijd_van=dp["leeftijd_van"],
            leeftijd_tot=dp["leeftijd_tot"], locatie=dp["locatie"], groepsomvang=dp["groepsomvang"],
            verblijf=dp["product__eenheid"] == Eenheid.ETMAAL,
        ))
    stops: dict[int, tuple[date, date | None]] = {}
    if any(r["status"] == Deelname.Status.CLIENTENSTOP for r in rijen):
        for deelname_id, van, tot in Clientenstop.objects.filter(**deelname_filter, opgeheven_op__isnull=True).order_by(
            "-van"
        ).values_list("deelname_id", "van", "tot"):
            stops.setdefault(deelname_id, (van, tot))
    per_deelname: dict[int, list[tuple]] = {}
    if onderaannemers:
        for oa in Onderaannemer.objects.filter(**deelname_filter).filter(_loopt_in(jaar, "vanaf", "tot")).order_by(
            "naam", "kvk_nummer", "vanaf"
        ).values_list("deelname_id", "naam", "plaats", "agb_code", "kvk_nummer", "vanaf", "tot"):
            per_deelname.setdefault(oa[0], []).append(oa)

    regels: dict[int, RegisterRegel] = {}
    onder: dict[int, dict[tuple[str, str], RegisterRegel]] = {}
    for d in rijen:
        ovk_id = d["overeenkomst_id"]
        einddatum = d["einddatum"] or d["overeenkomst__einddatum"]
        status = _actuele_status(d["status"], einddatum, vandaag)
        stop = stops.get(d["id"]) if status == Deelname.Status.CLIENTENSTOP else None
        perceel = RegisterPerceel(
            code=d["perceel__code"], naam=d["perceel__naam"], status=status, status_label=STATUS_LABELS[status],
            startdatum=d["startdatum"], einddatum=einddatum,
            clientenstop_van=stop[0] if stop else None, clientenstop_tot=stop[1] if stop else None,
            producten=per_deelname_product[d["id"]] if d["id"] in per_deelname_product else producten.get(d["perceel_id"], []),
        )
        regel = regels.get(ovk_id)
        if regel is None:
            regel = regels[ovk_id] = RegisterRegel(
                naam=d["overeenkomst__organisatie__naam"], vestigingsplaats=d["overeenkomst__organisatie__plaats"],
                agb_code=d["overeenkomst__organisatie__agb_code"], kvk_nummer=d["overeenkomst__organisatie__kvk_nummer"],
                rol="hoofdaannemer", hoofdaannemer=None, organisatie_id=d["overeenkomst__organisatie_id"],
                overeenkomst_id=ovk_id, startdatum=d["overeenkomst__startdatum"], einddatum=d["overeenkomst__einddatum"],
                totaalstatus="", status_label="",
                contact_email=d["overeenkomst__organisatie__contact_email"] if d["contact_publiek"] else "",
                contact_telefoon=d["overeenkomst__organisatie__contact_telefoon"] if d["contact_publiek"] else "",
            )
            onder[ovk_id] = {}
        regel.percelen.append(perceel)
        for _, naam, plaats, agb_code, kvk_nummer, vanaf, tot in per_deelname.get(d["id"], []):
            sleutel = (kvk_nummer, naam)
            oa_regel = onder[ovk_id].get(sleutel)
            if oa_regel is None:
                oa_regel = onder[ovk_id][sleutel] = RegisterRegel(
                    naam=naam, vestigingsplaats=plaats, agb_code=agb_code, kvk_nummer=kvk_nummer,
                    rol="onderaannemer", hoofdaannemer=regel.naam, organisatie_id=None, overeenkomst_id=ovk_id,
                    startdatum=vanaf, einddatum=tot, totaalstatus="", status_label="",
                )
            oa_regel.percelen.append(perceel)

    resultaat: list[RegisterRegel] = []
    for ovk_pk, regel in regels.items():
        regel.totaalstatus = _totaalstatus(regel.percelen)
        regel.status_label = STATUS_LABELS[regel.totaalstatus]
        if regel.totaalstatus == Deelname.Status.BEEINDIGD:
            regel.einddatum = regel.einddatum or max((p.einddatum for p in regel.percelen if p.einddatum), default=None)
        resultaat.append(regel)
        for oa_regel in sorted(onder[ovk_pk].values(), key=lambda r: (r.naam, r.kvk_nummer)):
            oa_regel.totaalstatus = _totaalstatus(oa_regel.percelen)
            oa_regel.status_label = STATUS_LABELS[oa_regel.totaalstatus]
            resultaat.append(oa_regel)
    return resultaat


def register_van(aanbesteding, *, zoek: str | None = None, gemeente=None, productcode: str | None = None,
                 jaar: int | None = None) -> list[RegisterRegel]:
    """The whole public register of ``aanbesteding``: every provider with an agreement (active, under
    cliëntenstop or ended, with dates), its percelen and products, followed by its onderaannemers as their own
    lines. Filters as ``_register_deelnames`` (without ``jaar``: every year). A constant number of queries
    whatever the number of providers. The public pages page it instead: ``registerlijst``."""
    rijen = _register_rijen(_register_deelnames(aanbesteding, zoek=zoek, gemeente=gemeente, productcode=productcode,
                                                jaar=jaar))
    return _register_regels(aanbesteding, rijen, hele_procedure=True, jaar=jaar)


HOOFDAANNEMER, ONDERAANNEMER, SPECIALISTISCH = "hoofdaannemer", "onderaannemer", "specialistisch"


class Registerlijst:
    """The public register under its filters as a lazy sequence that pages in SQL (issue 15): ``count()`` and
    ``aantallen()`` are COUNT queries, a slice ``[a:b]`` reads and builds only the lines in it (a constant
    number of queries whatever the number of providers), iterating reads it in chunks. ``soort`` restricts it
    to the main contractors or the subcontractors; without it the main contractors come first, then the
    subcontractors (the API's order). Django's Paginator takes it as it is."""

    CHUNK = 500

    def __init__(self, aanbesteding, deelnames, *, gefilterd: bool, soort: str | None = None, aantallen: dict | None = None,
                 filtersleutel: str = "", jaar: int | None = None, verblijf_deelnames=None):
        if soort not in (None, HOOFDAANNEMER, ONDERAANNEMER, SPECIALISTISCH):
            raise ValueError(soort)
        self.aanbesteding, self.soort, self.jaar = aanbesteding, soort, jaar
        self._deelnames, self._gefilterd = deelnames, gefilterd
        self._verblijf_deelnames = verblijf_deelnames
        self._aantallen = aantallen if aantallen is not None else {}
        self._filtersleutel = filtersleutel

    def van_soort(self, soort: str) -> Registerlijst:
        """The same register restricted to one kind of line; the counts already made are shared."""
        return Registerlijst(self.aanbesteding, self._deelnames, gefilterd=self._gefilterd, soort=soort,
                             aantallen=self._aantallen, filtersleutel=self._filtersleutel, jaar=self.jaar,
                             verblijf_deelnames=self._verblijf_deelnames)

    def _hoofdaannemers_qs(self, *, verblijf: bool = False):
        # EXISTS walks the procedure's agreements by index; cheaper than IN over (or DISTINCT of) its deelnames.
        # Unfiltered, every deelname of these agreements counts, and the subquery needs no join back.
        deelnames = self._deelnames if self._gefilterd else Deelname.objects.all()
        if verblijf:
            deelnames = self._verblijf_deelnames
        return Overeenkomst.objects.filter(aanbesteding=self.aanbesteding).filter(
            Exists(deelnames.filter(overeenkomst_id=OuterRef("pk")))
        )

    def _onder_sleutels(self):
        # One subcontractor line per agreement, name and KvK number (the same line as _register_regels builds).
        # Unfiltered, a plain join is cheaper than the IN over every deelname of the procedure.
        onderaannemers = Onderaannemer.objects.filter(deelname__overeenkomst__aanbesteding=self.aanbesteding)
        if self._gefilterd:
            onderaannemers = onderaannemers.filter(deelname__in=self._deelnames.values("id"))
        onderaannemers = onderaannemers.filter(_loopt_in(self.jaar, "vanaf", "tot"))
        return onderaannemers.values_list("deelname__overeenkomst_id", "naam", "kvk_nummer").distinct()

    def aantal(self, soort: str) -> int:
        """The number of lines of one kind: one COUNT query, kept in the cache for the current publication
        generation (core/paginacache.py). Every change of an agreement, deelname, subcontractor or organisation
        starts a new generation, so a kept count is never stale; between changes a page of 5,000 providers
        does not count them again on every request (issue 15)."""
        if soort not in self._aantallen:
            sleutel = (f"register:aantal:{self.aanbesteding.pk}:{soort}:{self._filtersleutel}:"
                       f"{paginacache.huidige_generatie()}")
            aantal = cache.get(sleutel)
            if aantal is None:
                if soort == HOOFDAANNEMER:
                    aantal = self._hoofdaannemers_qs().count()
                elif soort == SPECIALISTISCH:
                    aantal = self._hoofdaannemers_qs(verblijf=True).count()
                else:
                    aantal = self._onder_sleutels().order_by().count()
                cache.set(sleutel, aantal, 3600)
            self._aantallen[soort] = aantal
        return self._aantallen[soort]

    def aantallen(self) -> dict[str, int]:
        return {HOOFDAANNEMER: self.aantal(HOOFDAANNEMER), ONDERAANNEMER: self.aantal(ONDERAANNEMER)}

    def count(self) -> int:
        if self.soort is None:
            return sum(self.aantallen().values())  # the main and the subcontractors (the specialist tab repeats)
        return self.aantal(self.soort)

    def __len__(self) -> int:
        return self.count()

    def _hoofdaannemers(self, van: int, tot: int, *, verblijf: bool = False) -> list[RegisterRegel]:
        ids = list(self._hoofdaannemers_qs(verblijf=verblijf).order_by("organisatie__naam", "id").values_list("id", flat=True)[van:tot])
        if not ids:
            return []
        deelnames = self._verblijf_deelnames if verblijf else self._deelnames
        rijen = _register_rijen(deelnames.filter(overeenkomst_id__in=ids))
        return _register_regels(self.aanbesteding, rijen, hele_procedure=False, onderaannemers=False, jaar=self.jaar)

    def _onderaannemers(self, van: int, tot: int) -> list[RegisterRegel]:
        sleutels = list(self._onder_sleutels().order_by(
            "deelname__overeenkomst__organisatie__naam", "deelname__overeenkomst_id", "naam", "kvk_nummer"
        )[van:tot])
        if not sleutels:
            return []
        rijen = _register_rijen(self._deelnames.filter(overeenkomst_id__in={s[0] for s in sleutels}))
        gebouwd = {
            (r.overeenkomst_id, r.naam, r.kvk_nummer): r
            for r in _register_regels(self.aanbesteding, rijen, hele_procedure=False, jaar=self.jaar) if r.rol == ONDERAANNEMER
        }
        # In the database's order (its collation), which the page boundaries follow.
        return [gebouwd[s] for s in sleutels]

    def __getitem__(self, deel):
        if not isinstance(deel, slice) or deel.step not in (None, 1):
            raise TypeError("Registerlijst takes a slice [van:tot].")
        van, tot = deel.start or 0, deel.stop if deel.stop is not None else self.count()
        if van < 0 or tot < 0:
            raise ValueError("Registerlijst takes no negative indexes.")
        if tot <= van:
            return []
        if self.soort == HOOFDAANNEMER:
            return self._hoofdaannemers(van, tot)
        if self.soort == ONDERAANNEMER:
            return self._onderaannemers(van, tot)
        if self.soort == SPECIALISTISCH:
            return self._hoofdaannemers(van, tot, verblijf=True)
        hoofd = self.aantal(HOOFDAANNEMER)
        regels = self._hoofdaannemers(van, min(tot, hoofd)) if van < hoofd else []
        if tot > hoofd:
            regels += self._onderaannemers(max(van - hoofd, 0), tot - hoofd)
        return regels

    def __iter__(self):
        for van in range(0, self.count(), self.CHUNK):
            yield from self[van:van + self.CHUNK]


def registerlijst(aanbesteding, *, zoek: str | None = None, gemeente=None, productcode: str | None = None,
                  jaar: int | None = None) -> Registerlijst:
    """The public register of ``aanbesteding`` under the filters of ``_register_deelnames``, to be paged in SQL
    (the register page, its CSV and /api/v1/aanbieders). Lines and order as ``register_van``, but the main
    contractors first and then all subcontractors; ``van_soort(SPECIALISTISCH)`` gives the main contractors with
    a residential product (the specialist tab, 000 r.29-31). ``jaar``: the register as it stood in that year."""
    deelnames = _register_deelnames(aanbesteding, zoek=zoek, gemeente=gemeente, productcode=productcode, jaar=jaar)
    verblijf = _register_deelnames(aanbesteding, zoek=zoek, gemeente=gemeente, productcode=productcode, jaar=jaar,
                                   verblijf=True)
    filters = repr((zoek or "", getattr(gemeente, "pk", gemeente) or "", (productcode or "").strip().upper(), jaar))
    return Registerlijst(aanbesteding, deelnames, gefilterd=bool(zoek or gemeente or productcode or jaar),
                         filtersleutel=hashlib.sha256(filters.encode()).hexdigest()[:24], jaar=jaar,
                         verblijf_deelnames=verblijf)


def overeenkomsten_van_organisatie(organisatie):
    """The agreements of one provider, for its own pages."""
    return (
        Overeenkomst.objects.filter(organisatie=organisatie)
        .select_related("aanbesteding")
        .prefetch_related(Prefetch("deelnames", queryset=Deelname.objects.select_related("perceel").prefetch_related(
            Prefetch("producten", queryset=DeelnameProduct.objects.select_related("product")))))
        .order_by("-startdatum")
    )


@dataclass
class Productregel:
    """A product on the provider's own agreement page: the product (with its tariffs of today when prefetched)
    and, for an admission per product, its restrictions and dates."""

    product: Product
    beperking: str = ""
    startdatum: date | None = None
    einddatum: date | None = None
    beeindigd: bool = False


def productregels(deelname, vandaag: date | None = None) -> list[Productregel]:
    """Exactly the products a deelname is admitted for (issue 19): its DeelnameProduct rows when it has them,
    else every product of its perceel. Reads the prefetched ``perceel__producten`` and ``producten`` (no query
    when both are prefetched)."""
    vandaag = vandaag or kalender.vandaag()
    per_product = list(deelname.producten.all())
    alle = list(deelname.perceel.producten.all())
    if not per_product:
        return [Productregel(p) for p in alle]
    op_pk = {p.pk: p for p in alle}
    return [
        Productregel(op_pk.get(dp.product_id, dp.product), dp.beperking_tekst, dp.startdatum, dp.einddatum,
                     beeindigd=dp.einddatum is not None and dp.einddatum < vandaag)
        for dp in sorted(per_product, key=lambda dp: (op_pk[dp.product_id].volgorde if dp.product_id in op_pk else 0,
                                                      dp.product_id))
    ]


def open_addenda_van_organisatie(organisatie):
    return (
        AddendumReactie.objects.filter(overeenkomst__organisatie=organisatie, status=AddendumReactie.Status.OPEN)
        .select_related("addendum", "overeenkomst__aanbesteding")
        .order_by("addendum__ingangsdatum")
    )


def geschiedenis_van(overeenkomst) -> list[AddendumReactie]:
    """The version history of an agreement: every addendum that applies to it, with who accepted when."""
    return list(
        AddendumReactie.objects.filter(overeenkomst=overeenkomst)
        .exclude(addendum__status__in=[Addendum.Status.CONCEPT, Addendum.Status.TER_GOEDKEURING])
        .select_related("addendum", "beantwoord_door")
        .order_by("addendum__ingangsdatum", "addendum__nummer")
    )


def verlopende_bewijsstukken(*, binnen_dagen: int = 42, op: date | None = None, bereik=None):
    """Evidence of providers with a running agreement expiring within ``binnen_dagen`` (or already expired),
    for the contractmanager's list and the reminders (6 and 2 weeks before, issue 6).

    ``bereik`` (the staff member's regions): only providers with a running agreement in one of them. The wallet
    itself belongs to no region (issue 17: one wallet serves every region), so the agreement decides."""
    from inschrijving.models import Bewijsstuk

    op = op or kalender.vandaag()
    actief = Overeenkomst.objects.filter(status=Overeenkomst.Status.ACTIEF)
    if bereik is not None:
        actief = binnen(actief, bereik)
    actief = actief.values("organisatie_id")
    return (
        Bewijsstuk.objects.filter(
            organisatie_id__in=actief, geldig_tot__isnull=False, geldig_tot__lte=kalender.plus_kalenderdagen(op, binnen_dagen)
        )
        .select_related("organisatie")
        .order_by("geldig_tot", "organisatie__naam")
    )


def lopende_overeenkomst(organisatie, aanbesteding):
    """The provider's running agreement in one procedure, or None (the procedure page's "U bent toegelaten",
    issue 12). One query."""
    return (Overeenkomst.objects.filter(organisatie=organisatie, aanbesteding=aanbesteding, status=Overeenkomst.Status.ACTIEF)
            .order_by("-startdatum").first())


def mededelingen_van(aanbesteding, *, aantal: int = 20):
    """Public announcements for the procedure page (002 UOK 7.2 new provider; 003a §3.7 changes), newest first."""
    from .models import Mededeling

    return Mededeling.objects.filter(aanbesteding=aanbesteding).order_by("-gepubliceerd_op")[:aantal]


# --- the provider's overview and inbox across regions (issue 17) -------------------------------------


def overzicht_regels(organisatie) -> list[Overzichtsregel]:
    """The organisation's agreements of every region and the addenda waiting for its answer (two queries)."""
    regels = [
        Overzichtsregel(
            o.aanbesteding.regio_id, OVEREENKOMSTEN, o.aanbesteding.titel, reverse("overeenkomst:detail", args=[o.pk]),
            o.get_status_display(), toelichting=f"Ingegaan op {o.startdatum:%d-%m-%Y}",
        )
        for o in Overeenkomst.objects.filter(organisatie=organisatie).select_related("aanbesteding").order_by("-startdatum")
    ]
    regels += [
        Overzichtsregel(
            r.overeenkomst.aanbesteding.regio_id, TAKEN, f"Reageren op {r.addendum}",
            reverse("overeenkomst:addendum", args=[r.pk]), r.get_status_display(), r.addendum.ingangsdatum,
            f"Bij {r.overeenkomst.aanbesteding.titel}; zonder reactie geldt wat het addendum daarover zegt.",
        )
        for r in open_addenda_van_organisatie(organisatie)
    ]
    return regels


# --- the procedure dossier (issue 16, Woo) ------------------------------------------------------------------

# An addendum is a document of the dossier once published (four eyes, 002 UOK 15.1); a concept, one waiting for
# approval or one withdrawn before anyone received it was never issued.
UITGEGEVEN_ADDENDA = (Addendum.Status.GEPUBLICEERD, Addendum.Status.VERWERKT)


def dossierstukken(aanbesteding) -> list[Dossierstuk]:
    """The documents of the procedure's dossier that overeenkomst owns, by date: every agreement (rendered from its
    data as the provider's agreement page shows it), every published addendum with its changes, every published
    indexation round and every exit. A fixed number of queries, whatever their number; the PDFs are rendered from
    the prefetched rows when ``pdf()`` is called.

    ``openbaar``: an agreement is in the public register (002 UOK 7.2), a published addendum and indexation are
    announced on the public site (Mededeling); an exit is the record between bureau and one provider.
    ``persoonsgegevens`` (Woo art. 5.1.2.e): the provider's contact person, e-mail and phone on the agreement and
    the exit, and the user who submitted the exit. An addendum or indexation names nobody.

    Not in the dossier: the Brief rows and their ontvangstbevestigingen (a provider's registered letter and the
    receipt of it are that provider's correspondence, personal to it, not a document about the procedure; the
    decision they lead to, e.g. the exit, is listed) and the wijzigingsverzoeken (a provider's own data)."""
    regio_id = aanbesteding.regio_id

    def stuk(soort, pk, titel, datum, pdf, *, openbaar=False, personen=()):
        return Dossierstuk(
            sleutel=f"{soort}:{pk}", soort=soort, titel=titel, datum=dag(datum), aanbesteding_id=aanbesteding.pk,
            regio_id=regio_id, pdf=pdf, openbaar=openbaar, persoonsgegevens=personen,
        )

    stukken = []
    overeenkomsten = (
        Overeenkomst.objects.filter(aanbesteding=aanbesteding).select_related("organisatie", "aanbesteding__opdrachtgever")
        .prefetch_related(Prefetch("deelnames", queryset=Deelname.objects.select_related("perceel").prefetch_related(
            "perceel__producten", Prefetch("producten", queryset=DeelnameProduct.objects.select_related("product")),
        ).order_by("perceel__volgorde", "perceel__code")))
        .order_by("startdatum", "pk")
    )
    for ovk in overeenkomsten:
        stukken.append(stuk(
            "overeenkomst", ovk.pk, f"Overeenkomst {ovk.pk} met {ovk.organisatie.naam}", ovk.startdatum,
            lambda ovk=ovk: _pdf.overeenkomst_pdf(ovk, [(d, productregels(d)) for d in ovk.deelnames.all()]),
            openbaar=True, personen=persoonsgegevens_van(organisaties=[ovk.organisatie]),
        ))
    addenda = (
        Addendum.objects.filter(aanbesteding=aanbesteding, status__in=UITGEGEVEN_ADDENDA)
        .prefetch_related("percelen", Prefetch(
            "onderdelen", queryset=AddendumOnderdeel.objects.select_related("product").order_by("volgorde", "pk")))
        .order_by("gepubliceerd_op", "nummer")
    )
    for a in addenda:
        a.aanbesteding = aanbesteding
        stukken.append(stuk(
            "addendum", a.pk, str(a), a.gepubliceerd_op or a.ingangsdatum,
            lambda a=a: _pdf.addendum_pdf(a, list(a.percelen.all()), list(a.onderdelen.all())), openbaar=True,
        ))
    rondes = (
        Indexatieronde.objects.filter(aanbesteding=aanbesteding, status=Indexatieronde.Status.GEPUBLICEERD)
        .select_related("addendum").order_by("jaar")
    )
    for r in rondes:
        r.aanbesteding = aanbesteding
        # Dated by its addendum's publication, the moment the new tariffs were announced (003a §3.9).
        datum = (r.addendum.gepubliceerd_op if r.addendum_id and r.addendum.gepubliceerd_op else r.aangemaakt_op)
        stukken.append(stuk(
            "indexatie", r.pk, f"Indexatie van de tarieven {r.jaar}", datum, lambda r=r: _pdf.indexatie_pdf(r),
            openbaar=True,
        ))
    uittredingen = (
        Uittreding.objects.filter(overeenkomst__aanbesteding=aanbesteding)
        .select_related("overeenkomst__organisatie", "ingediend_door").prefetch_related("deelnames__perceel")
        .order_by("ontvangen_op", "pk")
    )
    for u in uittredingen:
        u.overeenkomst.aanbesteding = aanbesteding
        stukken.append(stuk(
            "uittreding", u.pk, f"Uittreding {u.pk}: {u.get_aanleiding_display()}", u.ontvangen_op,
            lambda u=u: _pdf.uittreding_pdf(u, [d.perceel for d in u.deelnames.all()]),
            personen=persoonsgegevens_van(organisaties=[u.overeenkomst.organisatie], gebruikers=[u.ingediend_door]),
        ))
    return sorted(stukken, key=lambda s: s.datum)
