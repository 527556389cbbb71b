"""Reads of the inschrijving app, scoped by user or organisation, owning their select/prefetch."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Min, Prefetch, Q
from django.http import Http404
from django.urls import reverse

from aanbesteding.models import Aanbesteding, Eis, Perceel, Product, Productafhankelijkheid, Toetredingsmoment
from bronnen.mlo import INNOVATIEROUTE
from core import kalender
from core.dossier import Dossierstuk, dag, uit_opslag
from core.kalender import TZ, is_voor_deadline, nu, plus_maanden
from organisaties.models import Gemeente
from organisaties.portaal import PROCEDURES, TAKEN, Overzichtsregel

from .models import (
    Antwoord,
    Bewijsstuk,
    Herstelverzoek,
    Inschrijving,
    InschrijvingPerceel,
    InschrijvingProduct,
    Lid,
    ProcesVerbaalOpening,
)

OPEN_STATUSSEN = (Aanbesteding.Status.GEPUBLICEERD, Aanbesteding.Status.OPEN)


# --- toetredingsmomenten and deadlines ---------------------------------------------------------------


def open_toetredingsmoment(aanbesteding: Aanbesteding, moment=None) -> Toetredingsmoment | None:
    """The moment open now; of two open at once, the window that closes first (it is the stricter)."""
    moment = moment or kalender.nu()
    if aanbesteding.status not in OPEN_STATUSSEN or aanbesteding.toetreding == Aanbesteding.Toetreding.GESLOTEN:
        return None
    kandidaten = [tm for tm in aanbesteding.toetredingsmomenten.all() if tm.is_open(moment)]
    kandidaten.sort(key=lambda tm: (tm.sluit_op is None, tm.sluit_op or tm.opent_op))
    return kandidaten[0] if kandidaten else None


def deadline(inschrijving: Inschrijving):
    """The closing time that binds this inschrijving (None for continuous joining)."""
    tm = inschrijving.toetredingsmoment
    return tm.sluit_op if tm is not None else None


def peildatum(inschrijving: Inschrijving) -> date:
    """The day on which document ages are judged: the closing day of the window (003b §5: "op het moment
    van indiening" read as the deadline, so a document valid when the round closes is accepted), or today
    for continuous joining."""
    sluit = deadline(inschrijving)
    if sluit is not None:
        return sluit.astimezone(TZ).date()
    if inschrijving.ingediend_op:
        return inschrijving.ingediend_op.astimezone(TZ).date()
    return nu().date()


# --- scoped lists ------------------------------------------------------------------------------------


def inschrijvingen_van(organisatie):
    return (
        Inschrijving.objects.filter(organisatie=organisatie)
        .select_related("aanbesteding", "toetredingsmoment")
        .prefetch_related(
            Prefetch("inschrijving_percelen", queryset=InschrijvingPerceel.objects.select_related("perceel")),
            Prefetch("herstelverzoeken", queryset=Herstelverzoek.objects.filter(status=Herstelverzoek.Status.OPEN)),
        )
        .order_by("-aangemaakt_op")
    )


def aanbestedingen_open_voor_inschrijving(moment=None):
    """Procedures with a toetredingsmoment open now (the provider may start an inschrijving)."""
    moment = moment or kalender.nu()
    return (
        Aanbesteding.objects.filter(status__in=OPEN_STATUSSEN)
        .exclude(toetreding=Aanbesteding.Toetreding.GESLOTEN)
        .filter(toetredingsmomenten__opent_op__lte=moment)
        .filter(Q(toetredingsmomenten__sluit_op__isnull=True) | Q(toetredingsmomenten__sluit_op__gt=moment))
        .annotate(sluit_eerst=Min("toetredingsmomenten__sluit_op", filter=Q(
            toetredingsmomenten__opent_op__lte=moment, toetredingsmomenten__sluit_op__gt=moment)))
        .distinct()
        .order_by("titel")
    )


def actieve_inschrijving(organisatie, aanbesteding) -> Inschrijving | None:
    """The organisation's draft or handed-in inschrijving on a procedure (the newest), or None: what the public
    procedure page offers a logged-in provider, "Ga verder met uw inschrijving" (issue 12). One query."""
    return (Inschrijving.objects.filter(organisatie=organisatie, aanbesteding=aanbesteding,
                                        status__in=Inschrijving.ACTIEVE_STATUSSEN)
            .order_by("-aangemaakt_op").first())


def inschrijving_van_organisatie(organisatie, pk: int) -> Inschrijving:
    """The inschrijving ``pk`` of ``organisatie``; any other id (another provider's) is a 404."""
    if organisatie is None:
        raise Http404("Geen organisatie")
    try:
        return (
            Inschrijving.objects.select_related("aanbesteding__regio", "toetredingsmoment", "organisatie")
            .get(pk=pk, organisatie=organisatie)
        )
    except Inschrijving.DoesNotExist as fout:
        raise Http404("Inschrijving niet gevonden") from fout


def gekozen_percelen(inschrijving: Inschrijving) -> list[Perceel]:
    return [ip.perceel for ip in inschrijving.inschrijving_percelen.select_related("perceel").order_by("perceel__volgorde", "perceel__code")]


def kiesbare_percelen(inschrijving: Inschrijving):
    """Percelen of the procedure, limited to those of the open moment when it names any."""
    qs = inschrijving.aanbesteding.percelen.select_related("hoofdperceel").prefetch_related(
        "afhankelijkheden__vereist", "regels__percelen")
    tm = inschrijving.toetredingsmoment
    if tm is not None and tm.percelen.exists():
        qs = qs.filter(pk__in=tm.percelen.values("pk"))
    return qs.order_by("volgorde", "code")


def regiogemeenten(inschrijving: Inschrijving):
    """The municipalities of the procedure's region: what a provider may give as its vestiging (issue 19)."""
    return Gemeente.objects.filter(regio_id=inschrijving.aanbesteding.regio_id).order_by("naam")


# --- products within a perceel (issue 19: admission per product) -------------------------------------------


def gekozen_producten(inschrijving: Inschrijving, percelen: list[Perceel] | None = None) -> list[InschrijvingProduct]:
    """The product choices that count: those in a chosen perceel with ``productkeuze`` (a choice in a dropped
    perceel stays in the draft but counts nowhere). One query (plus one for the percelen when not given)."""
    if percelen is None:
        percelen = gekozen_percelen(inschrijving)
    telt = {p.pk for p in percelen if p.productkeuze}
    if not telt:
        return []
    return list(
        inschrijving.inschrijving_producten.filter(product__perceel_id__in=telt)
        .select_related("product__perceel").order_by("product__perceel__volgorde", "product__volgorde", "product__code")
    )


def kiesbare_producten(percelen) -> dict[int, list[Product]]:
    """Per perceel with ``productkeuze`` its products (one query), for the provider's choice."""
    ids = [p.pk for p in percelen if p.productkeuze]
    per_perceel: dict[int, list[Product]] = {pk: [] for pk in ids}
    if ids:
        for product in Product.objects.filter(perceel_id__in=ids).order_by("volgorde", "code"):
            per_perceel[product.perceel_id].append(product)
    return per_perceel


def _beschikbare_producten(inschrijving: Inschrijving, gekozen: set[int], percelen: list[Perceel]) -> set[int]:
    """Products this provider delivers with this choice: the chosen ones, every product of a chosen perceel
    without product choice, and what an earlier decision admitted it for in this procedure (a product, or a
    whole perceel without product choice)."""
    heel = {p.pk for p in percelen if not p.productkeuze}
    heel |= set(
        InschrijvingPerceel.objects.filter(
            inschrijving__organisatie=inschrijving.organisatie_id, inschrijving__aanbesteding=inschrijving.aanbesteding_id,
            toegelaten=True, perceel__productkeuze=False,
        ).values_list("perceel_id", flat=True)
    )
    toegelaten = set(
        InschrijvingProduct.objects.filter(
            inschrijving__organisatie=inschrijving.organisatie_id, inschrijving__aanbesteding=inschrijving.aanbesteding_id,
            toegelaten=True,
        ).values_list("product_id", flat=True)
    )
    uit_percelen = set(Product.objects.filter(perceel_id__in=heel).values_list("pk", flat=True)) if heel else set()
    return gekozen | toegelaten | uit_percelen


def productfouten(inschrijving: Inschrijving, producten: list[Product], percelen: list[Perceel], *,
                  volledig: bool = False) -> list[str]:
    """What is wrong with a choice of products, in Dutch, each naming what is missing.

    A product must belong to a chosen perceel with product choice; a product dependency (002 r.1033: "Een
    Aanbieder die het product behandelgroep zwaar wil leveren moet tevens het product behandelgroep midden
    leveren": 43A56/45A58 need 43A52) needs every required product in this inschrijving or admitted before.
    ``volledig`` (submitting): every chosen perceel with product choice needs at least one product."""
    fouten: list[str] = []
    per_pk = {p.pk: p for p in percelen}
    gekozen = {p.pk for p in producten}
    for product in producten:
        perceel = per_pk.get(product.perceel_id)
        if perceel is None:
            fouten.append(f"Product {product} hoort niet bij een perceel dat u hebt gekozen; kies eerst het perceel.")
        elif not perceel.productkeuze:
            fouten.append(f"In perceel {perceel} kiest u geen losse producten: u schrijft in voor het hele perceel.")
    if volledig:
        met_keuze = {p.perceel_id for p in producten}
        for perceel in percelen:
            if perceel.productkeuze and perceel.pk not in met_keuze:
                fouten.append(f"Kies ten minste één product van perceel {perceel}.")
    regels = list(
        Productafhankelijkheid.objects.filter(aanbesteding=inschrijving.aanbesteding_id)
        .prefetch_related("producten", "vereist").order_by("pk")
    ) if gekozen else []
    beschikbaar = None
    for regel in regels:
        als = [p for p in regel.producten.all() if p.pk in gekozen]
        if not als:
            continue
        if beschikbaar is None:
            beschikbaar = _beschikbare_producten(inschrijving, gekozen, percelen)
        ontbrekend = sorted((p for p in regel.vereist.all() if p.pk not in beschikbaar), key=lambda p: p.code)
        if not ontbrekend:
            continue
        codes = " en ".join(p.code for p in ontbrekend)
        namen = ", ".join(str(p) for p in ontbrekend)
        reden = f" ({regel.toelichting}{'; ' + regel.bron if regel.bron else ''})" if regel.toelichting else ""
        for product in sorted(als, key=lambda p: p.code):
            fouten.append(
                f"Product {product} vereist ook {namen}{reden}. Kies {codes} ook, of kies {product.code} niet; "
                f"een eerdere toelating voor {codes} telt ook."
            )
    return fouten


def eisenversie_van(inschrijving: Inschrijving) -> int:
    """The version of the eisen an inschrijving answers (ADR 0014): a submitted one keeps the version it was
    submitted under (raised only by completing a rectificatie); a draft follows the procedure's current one."""
    if inschrijving.status == Inschrijving.Status.CONCEPT:
        return inschrijving.aanbesteding.eisenversie
    return inschrijving.eisenversie


def toepasselijke_eisen(inschrijving: Inschrijving, percelen=None, versie: int | None = None):
    """General eisen plus those of the chosen percelen, of the inschrijving's version of the eisen."""
    if percelen is None:
        percelen = gekozen_percelen(inschrijving)
    if versie is None:
        versie = eisenversie_van(inschrijving)
    return (
        Eis.objects.filter(aanbesteding_id=inschrijving.aanbesteding_id).in_versie(versie)
        .filter(Q(perceel__isnull=True) | Q(perceel__in=[p.pk for p in percelen]))
        .select_related("perceel")
        .order_by("perceel__volgorde", "volgorde", "code")
    )


# --- document validity -------------------------------------------------------------------------------


def oudste_afgiftedatum(eis: Eis, peil: date) -> date | None:
    """The earliest issue date a document may carry for ``eis`` on ``peil`` (None = no maximum age)."""
    if not eis.max_leeftijd_maanden:
        return None
    return plus_maanden(peil, -eis.max_leeftijd_maanden)


def document_probleem(bewijsstuk: Bewijsstuk, eis: Eis, peil: date, lid: Lid | None = None) -> str | None:
    """Why ``bewijsstuk`` cannot serve as evidence for ``eis`` on ``peil``; None when it can.

    The maximum age is the eis's (KvK ≤ 3 months in 003 r. 609; Gedragsverklaring ≤ 24 months, VNG), judged
    at ``peil``: a document issued on or after ``peil`` minus that many months is young enough.
    """
    naam = bewijsstuk.originele_naam
    if eis.documentsoort and bewijsstuk.documentsoort != eis.documentsoort:
        return (
            f"“{naam}” is opgeslagen als “{bewijsstuk.get_documentsoort_display()}”; "
            f"voor “{eis.weergavetitel}” is nodig: {eis.get_documentsoort_display()}."
        )
    verwacht_kvk = lid.kvk_nummer if lid is not None else ""
    if bewijsstuk.van_kvk_nummer != verwacht_kvk:
        wie = f"{lid.naam} (KvK {lid.kvk_nummer})" if lid is not None else "uw eigen organisatie"
        return f"“{naam}” hoort niet bij {wie}."
    if bewijsstuk.controle == Bewijsstuk.Controle.GEWEIGERD:
        return f"“{naam}” is bij de controle geweigerd: {bewijsstuk.controle_melding or 'onbekende reden'}."
    grens = oudste_afgiftedatum(eis, peil)
    if grens is not None and bewijsstuk.afgiftedatum < grens:
        return (
            f"“{naam}” is afgegeven op {bewijsstuk.afgiftedatum:%d-%m-%Y} en is op {peil:%d-%m-%Y} ouder dan "
            f"de toegestane {eis.max_leeftijd_maanden} maanden; gebruik een document dat op of na "
            f"{grens:%d-%m-%Y} is afgegeven."
        )
    if bewijsstuk.geldig_tot is not None and bewijsstuk.geldig_tot < peil:
        return f"“{naam}” was geldig tot en met {bewijsstuk.geldig_tot:%d-%m-%Y} en is op {peil:%d-%m-%Y} verlopen."
    return None


def bruikbare_bewijsstukken(inschrijving: Inschrijving, eis: Eis, lid: Lid | None = None):
    """Wallet documents that could be linked to ``eis`` now (same kind, owner, young enough for this procedure)."""
    return aanbod_voor_eis(inschrijving, eis, lid).bruikbaar


# --- completeness ------------------------------------------------------------------------------------


@dataclass
class Regel:
    eis: Eis
    lid: Lid | None
    antwoord: Antwoord | None
    ok: bool
    melding: str = ""
    waarschuwing: str = ""

    @property
    def titel(self) -> str:
        wie = f" – {self.lid.naam}" if self.lid else ""
        return f"{self.eis.weergavetitel}{wie}"


@dataclass
class Groep:
    titel: str
    perceel: Perceel | None
    regels: list[Regel] = field(default_factory=list)

    @property
    def ontbrekend(self) -> list[Regel]:
        return [r for r in self.regels if not r.ok]

    @property
    def compleet(self) -> bool:
        return not self.ontbrekend


@dataclass
class Checklist:
    groepen: list[Groep]
    algemeen: list[str]
    # ``algemeen`` by the task of the task list that fixes it ("percelen", "leden", "innovatie"), the members read
    # for the list, and whether an innovatievoorstel was begun (issue 12): the task list needs no query of its own.
    onderdelen: dict[str, list[str]] = field(default_factory=dict)
    leden: list[Lid] = field(default_factory=list)
    innovatie_gestart: bool = False

    @property
    def compleet(self) -> bool:
        return not self.algemeen and all(g.compleet for g in self.groepen)

    @property
    def aantal_ontbrekend(self) -> int:
        return len(self.algemeen) + sum(len(g.ontbrekend) for g in self.groepen)


def _beoordeel(eis: Eis, antwoord: Antwoord | None, lid: Lid | None, peil: date) -> tuple[bool, str, str]:
    wie = f" voor {lid.naam}" if lid else ""
    # Providers read the title, never the internal code (issue 12); staff screens show the code themselves.
    naam = f"“{eis.weergavetitel}”"
    if antwoord is None:
        if eis.antwoordtype == Eis.Antwoordtype.DOCUMENT:
            return False, f"{naam}{wie}: upload of kies een document ({eis.get_documentsoort_display()}).", ""
        return False, f"{naam}{wie}: nog niet beantwoord.", ""
    t = Eis.Antwoordtype
    if eis.antwoordtype == t.JA_NEE:
        if antwoord.ja_nee is None:
            return False, f"{naam}{wie}: vink de verklaring aan, of licht toe waarom u haar niet kunt afleggen.", ""
        if antwoord.ja_nee != eis.verwacht_antwoord_ja and eis.knock_out:
            return True, "", f"{naam}{wie}: met dit antwoord voldoet u niet aan deze knock-outeis."
        return True, "", ""
    if eis.antwoordtype in (t.TEKST, t.PLAN):
        if not antwoord.tekst.strip():
            return False, f"{naam}{wie}: de tekst ontbreekt.", ""
        if eis.max_woorden and len(antwoord.tekst.split()) > eis.max_woorden:
            return False, f"{naam}{wie}: de tekst is langer dan {eis.max_woorden} woorden.", ""
        return True, "", ""
    if eis.antwoordtype == t.GETAL:
        if antwoord.getal is None:
            return False, f"{naam}{wie}: vul een getal in.", ""
        return True, "", ""
    # Document: at least one linked file that is valid on the peildatum and not refused by the check.
    stukken = list(antwoord.bewijsstukken.all())
    if not stukken:
        return False, f"{naam}{wie}: upload of kies een document ({eis.get_documentsoort_display()}).", ""
    problemen = [document_probleem(b, eis, peil, lid) for b in stukken]
    if all(problemen):
        return False, f"{naam}{wie}: {problemen[0]}", ""
    if any(b.controle == Bewijsstuk.Controle.BEZIG for b in stukken):
        return True, "", f"{naam}{wie}: het bestand wordt nog gecontroleerd."
    return True, "", ""


# What the checklist reads of a linked document: everything ``document_probleem`` judges, not the extracted text
# (``Bewijsstuk.tekst`` holds a whole PDF's text; a checklist of a hundred eisen would load every linked file's).
_ZONDER_TEKST = ("tekst",)


def _bewijs_zonder_tekst() -> Prefetch:
    """An answer's linked documents, without their extracted text."""
    return Prefetch("bewijsstukken", queryset=Bewijsstuk.objects.defer(*_ZONDER_TEKST))


def _antwoorden(inschrijving: Inschrijving, eisen: list[Eis] | None) -> dict[tuple[int, int | None], Antwoord]:
    """The answers to ``eisen`` (all answers when None) by (eis, lid), their documents prefetched. Two queries."""
    qs = inschrijving.antwoorden.prefetch_related(
        _bewijs_zonder_tekst(),
    )
    if eisen is not None:
        qs = qs.filter(eis__in=[e.pk for e in eisen])
    return {(a.eis_id, a.lid_id): a for a in qs}


def antwoord_met_bewijs(inschrijving: Inschrijving, eis: Eis, lid: Lid | None = None) -> Antwoord | None:
    """The answer to ``eis`` (for ``lid``, or the penvoerder) with its linked documents, or None. Two queries."""
    return (
        inschrijving.antwoorden.filter(eis=eis, lid=lid)
        .prefetch_related(_bewijs_zonder_tekst())
        .first()
    )


def _regels(eisen, leden: list[Lid], antwoorden: dict, peil: date):
    """One Regel per eis and, where the eis asks per member, per member it concerns (a member named for some
    percelen only answers the eisen of those percelen and the general ones). The one place that decides who
    answers what; the whole checklist, a page's part of it and the aanvulling all go through here."""
    for eis in eisen:
        wie: list[Lid | None] = [None]
        if eis.per_lid:
            for lid in leden:
                lid_percelen = {p.pk for p in lid.percelen.all()}
                if eis.perceel_id is None or not lid_percelen or eis.perceel_id in lid_percelen:
                    wie.append(lid)
        for lid in wie:
            antwoord = antwoorden.get((eis.pk, lid.pk if lid else None))
            ok, melding, waarschuwing = _beoordeel(eis, antwoord, lid, peil)
            yield Regel(eis, lid, antwoord, ok, melding, waarschuwing)


def checklist(inschrijving: Inschrijving, *, eisen=None, percelen: list[Perceel] | None = None) -> Checklist:
    """What is complete and what is missing, per perceel (issue 4).

    Without ``eisen``: the whole list with the general points, for the overview and for submitting. With
    ``eisen`` (``toepasselijke_eisen`` narrowed to what a page shows): only those eisen are judged, in the groups
    they belong to, and only their answers are read, so a page that shows one perceel pays for that perceel
    (issue 15). ``percelen`` saves the query when the caller has the chosen percelen already. A fixed number of
    queries either way: percelen, eisen, members and their percelen, answers and their documents.
    """
    if percelen is None:
        percelen = gekozen_percelen(inschrijving)
    deel = eisen is not None
    eisen = list(eisen if deel else toepasselijke_eisen(inschrijving, percelen))
    leden = list(inschrijving.leden.prefetch_related("percelen"))
    antwoorden = _antwoorden(inschrijving, eisen if deel else None)
    onderdelen: dict[str, list[str]] = {"percelen": [], "leden": [], "innovatie": []}
    innovatie_gestart = False
    if not deel:
        if not percelen:
            onderdelen["percelen"].append("Kies ten minste één perceel.")
        if inschrijving.vorm == Inschrijving.Vorm.COMBINATIE and not any(lid.rol == Lid.Rol.COMBINANT for lid in leden):
            onderdelen["leden"].append("Een combinatie heeft ten minste één ander lid naast de penvoerder.")
        if any(p.innovatieroute for p in percelen):
            voorstel = innovatievoorstel_van(inschrijving)
            innovatie_gestart = voorstel is not None
            onderdelen["innovatie"] = innovatie_ontbrekend(inschrijving, percelen, voorstel, gelezen=True)
        if any(p.productkeuze for p in percelen):
            keuzes = gekozen_producten(inschrijving, percelen)
            onderdelen["percelen"].extend(productfouten(inschrijving, [k.product for k in keuzes], percelen, volledig=True))
    algemeen = [*onderdelen["percelen"], *onderdelen["leden"], *onderdelen["innovatie"]]
    getoond = {e.perceel_id for e in eisen}
    groepen = [Groep("Algemeen (hele inschrijving)", None)] + [Groep(f"Perceel {p}", p) for p in percelen]
    if deel:
        groepen = [g for g in groepen if (g.perceel.pk if g.perceel else None) in getoond]
    per_perceel = {g.perceel.pk if g.perceel else None: g for g in groepen}
    for regel in _regels(eisen, leden, antwoorden, peildatum(inschrijving)):
        per_perceel[regel.eis.perceel_id].regels.append(regel)
    return Checklist(groepen, algemeen, onderdelen, leden, innovatie_gestart)


# --- the task list and the check page (issue 12) ------------------------------------------------------
# The gov.uk / NL Design System "task list": every part of the inschrijving with its status, each a link. The
# statuses are read from the checklist and the lot rules above, so the list says exactly what submitting checks.

NIET_GESTART = "niet_gestart"
BEZIG = "bezig"
KLAAR = "klaar"
NOG_NIET = "nog_niet"  # "Controleren en indienen" while another task is not done (gov.uk: "Cannot start yet")
STATUS_TEKST = {NIET_GESTART: "Niet gestart", BEZIG: "Bezig", KLAAR: "Klaar", NOG_NIET: "Nog niet mogelijk"}


@dataclass
class Taak:
    code: str
    titel: str
    url: str
    status: str
    toelichting: str = ""
    open_punten: list[tuple[str, str]] = field(default_factory=list)  # (message, url where it is fixed)
    regels: list[Regel] = field(default_factory=list)

    @property
    def status_tekst(self) -> str:
        return STATUS_TEKST[self.status]

    @property
    def klaar(self) -> bool:
        return self.status == KLAAR


@dataclass
class Takenlijst:
    taken: list[Taak]
    checklist: Checklist
    percelen: list[Perceel]

    @property
    def invultaken(self) -> list[Taak]:
        """Every task but the last ("Controleren en indienen")."""
        return self.taken[:-1]

    @property
    def aantal_klaar(self) -> int:
        return sum(1 for t in self.invultaken if t.klaar)

    @property
    def compleet(self) -> bool:
        return all(t.klaar for t in self.invultaken)

    @property
    def open_punten(self) -> list[tuple[str, str]]:
        return [punt for t in self.invultaken for punt in t.open_punten]


def _eis_url(inschrijving: Inschrijving, regel: Regel) -> str:
    url = reverse("inschrijving:eis", args=[inschrijving.pk, regel.eis.pk])
    return f"{url}?lid={regel.lid.pk}" if regel.lid else url


def _eisentaak(inschrijving: Inschrijving, code: str, titel: str, url: str, regels: list[Regel]) -> Taak:
    """Not started while no eis has an answer; done when every eis (per member where asked) is complete."""
    klaar = sum(1 for r in regels if r.ok)
    if not regels:
        status, toelichting = KLAAR, "Geen eisen"
    else:
        if klaar == len(regels):
            status = KLAAR
        elif any(r.antwoord is not None for r in regels):
            status = BEZIG
        else:
            status = NIET_GESTART
        toelichting = f"{klaar} van {len(regels)} beantwoord"
    open_punten = [(r.melding, _eis_url(inschrijving, r)) for r in regels if not r.ok]
    return Taak(code, titel, url, status, toelichting, open_punten, regels)


def _status(fouten: list[str], begonnen: bool) -> str:
    if not fouten:
        return KLAAR
    return BEZIG if begonnen else NIET_GESTART


def takenlijst(inschrijving: Inschrijving, percelen: list[Perceel] | None = None) -> Takenlijst:
    """The task list of an inschrijving: percelen, eigen verklaring, eisen of the whole inschrijving, one row per
    chosen perceel, members and declared figures, the innovatievoorstel when a perceel has that route, and
    "Controleren en indienen". A fixed number of queries whatever the number of percelen, eisen and members: the
    checklist's, the lot rules' and one for the proposal when a perceel has an innovation route
    (tests/inschrijving/test_taken.py)."""
    if percelen is None:
        from .regels import percelen_met_regels

        percelen = percelen_met_regels(inschrijving)
    from .regels import regelfouten_per_onderdeel

    lijst = checklist(inschrijving, percelen=percelen)
    concept = inschrijving.status == Inschrijving.Status.CONCEPT
    regelfouten = regelfouten_per_onderdeel(inschrijving, percelen) if concept else {"percelen": [], "leden": []}
    pk = inschrijving.pk

    def url(naam, *args):
        return reverse(f"inschrijving:{naam}", args=[pk, *args])

    taken = []
    perceelfouten = [*lijst.onderdelen.get("percelen", []), *regelfouten["percelen"]]
    taken.append(Taak(
        "percelen", "Percelen en producten", url("percelen"), _status(perceelfouten, bool(percelen)),
        f"{len(percelen)} perceel gekozen" if len(percelen) == 1 else f"{len(percelen)} percelen gekozen",
        [(m, url("percelen")) for m in perceelfouten],
    ))
    algemeen = lijst.groepen[0].regels if lijst.groepen else []
    verklaring = [r for r in algemeen if r.eis.soort == Eis.Soort.UITSLUITINGSGROND]
    if verklaring:
        taken.append(_eisentaak(inschrijving, "verklaring", "Eigen verklaring", url("verklaring"), verklaring))
    overig = [r for r in algemeen if r.eis.soort != Eis.Soort.UITSLUITINGSGROND]
    if overig:
        taken.append(_eisentaak(inschrijving, "eisen", "Eisen voor de hele inschrijving", url("eisen"), overig))
    for groep in lijst.groepen[1:]:
        taken.append(_eisentaak(inschrijving, f"perceel-{groep.perceel.pk}", f"Eisen perceel {groep.perceel}",
                                url("eisen_perceel", groep.perceel.pk), groep.regels))
    ledenfouten = [*lijst.onderdelen.get("leden", []), *regelfouten["leden"]]
    opgave_begonnen = any(getattr(inschrijving, v) is not None for v in ("fte_uitvoerend", "fte_zzp", "onderaanneming_pct"))
    aantal_leden = len(lijst.leden)
    vorm = "Combinatie" if inschrijving.vorm == Inschrijving.Vorm.COMBINATIE else "Zelfstandig"
    taken.append(Taak(
        "leden", "Combinanten, onderaannemers en opgave", url("leden"),
        _status(ledenfouten, bool(aantal_leden) or opgave_begonnen),
        f"{vorm}, {aantal_leden} {'lid' if aantal_leden == 1 else 'leden'}",
        [(m, url("leden")) for m in ledenfouten],
    ))
    if any(p.innovatieroute for p in percelen):
        fouten = lijst.onderdelen.get("innovatie", [])
        taken.append(Taak("innovatie", "Innovatievoorstel", url("innovatievoorstel"),
                          _status(fouten, lijst.innovatie_gestart), "", [(m, url("innovatievoorstel")) for m in fouten]))
    # Submitted: done. A draft: the check page can be started once every other task is done.
    laatste = (NIET_GESTART if all(t.klaar for t in taken) else NOG_NIET) if concept else KLAAR
    taken.append(Taak("indienen", "Controleren en indienen", url("controleren"), laatste,
                      "Ingediend" if not concept else ""))
    return Takenlijst(taken, lijst, percelen)


# --- the eisen in steps (issue 12) -------------------------------------------------------------------


@dataclass
class Eisstap:
    """One step of answering eisen: the eigen verklaring (uitsluitingsgronden), the eisen for the whole inschrijving,
    or the eisen of one chosen perceel. ``sleutel`` is ("verklaring", None), ("eisen", None) or ("perceel", pk)."""

    inschrijving_pk: int
    sleutel: tuple[str, int | None]
    titel: str
    perceel: Perceel | None
    eisen: list[Eis] = field(default_factory=list)

    @property
    def url(self) -> str:
        soort, pk = self.sleutel
        if soort == "perceel":
            return reverse("inschrijving:eisen_perceel", args=[self.inschrijving_pk, pk])
        return reverse(f"inschrijving:{soort}", args=[self.inschrijving_pk])


def stap_sleutel(eis: Eis) -> tuple[str, int | None]:
    """The step an eis is answered in: perceel eisen per perceel; general exclusion grounds in the eigen verklaring
    (003a §3.2: the self-declaration comes first); the other general eisen together."""
    if eis.perceel_id is not None:
        return ("perceel", eis.perceel_id)
    if eis.soort == Eis.Soort.UITSLUITINGSGROND:
        return ("verklaring", None)
    return ("eisen", None)


def eisstappen(inschrijving: Inschrijving, percelen: list[Perceel] | None = None, *, ook_leeg: bool = False) -> list[Eisstap]:
    """The steps in the order a provider goes through them, each with its eisen; one query for the eisen. Steps
    without eisen are left out unless ``ook_leeg`` (a step page always exists, it just says there is nothing)."""
    if percelen is None:
        percelen = gekozen_percelen(inschrijving)
    i = inschrijving.pk
    stappen = [Eisstap(i, ("verklaring", None), "Eigen verklaring (uitsluitingsgronden)", None),
               Eisstap(i, ("eisen", None), "Eisen voor de hele inschrijving", None)]
    stappen += [Eisstap(i, ("perceel", p.pk), f"Eisen voor perceel {p}", p) for p in percelen]
    per_sleutel = {s.sleutel: s for s in stappen}
    for eis in toepasselijke_eisen(inschrijving, percelen):
        stap = per_sleutel.get(stap_sleutel(eis))
        if stap is not None:
            stap.eisen.append(eis)
    return [s for s in stappen if s.eisen or ook_leeg]


# --- wallet ------------------------------------------------------------------------------------------


@dataclass
class Gebruik:
    """Whether a wallet document still serves one open procedure, under that procedure's own maximum age."""

    regio_naam: str
    aanbesteding: str
    max_maanden: int | None
    bruikbaar_tot: date | None

    @property
    def verlopen(self) -> bool:
        return self.bruikbaar_tot is not None and self.bruikbaar_tot < nu().date()

    @property
    def uitleg(self) -> str:
        """Dutch, for the wallet page: until when and under which rule of this procedure."""
        regel = f" (maximaal {self.max_maanden} maanden oud)" if self.max_maanden else ""
        if self.bruikbaar_tot is None:
            return "bruikbaar, zonder maximale leeftijd"
        if self.verlopen:
            return f"niet meer bruikbaar: bruikbaar tot en met {self.bruikbaar_tot:%d-%m-%Y}{regel}"
        return f"bruikbaar tot en met {self.bruikbaar_tot:%d-%m-%Y}{regel}"


@dataclass
class WalletRegel:
    bewijsstuk: Bewijsstuk
    bruikbaar_tot: date | None
    grond: str
    gebruik: list[Gebruik] = field(default_factory=list)

    @property
    def verlopen(self) -> bool:
        return self.bruikbaar_tot is not None and self.bruikbaar_tot < nu().date()

    @property
    def verloopt_binnenkort(self) -> bool:
        return self.bruikbaar_tot is not None and not self.verlopen and (self.bruikbaar_tot - nu().date()).days <= 30


def _leeftijdsgrenzen() -> dict[str, list[tuple[str, str, int | None]]]:
    """Per documentsoort, every open procedure that asks for it with its strictest maximum age (None = no age
    limit), as (regio, procedure, months). Each procedure keeps its own rule (ARCHITECTURE.md rule 8), so a
    region that accepts an older document than another is not held to the other's limit. One query."""
    per_procedure: dict[tuple[str, int], tuple[str, str, int | None]] = {}
    rijen = (
        Eis.objects.filter(aanbesteding__status__in=OPEN_STATUSSEN).exclude(documentsoort="")
        .values_list("documentsoort", "aanbesteding_id", "aanbesteding__regio__naam", "aanbesteding__titel",
                     "max_leeftijd_maanden")
    )
    for soort, ab_id, regio, titel, maanden in rijen:
        huidig = per_procedure.get((soort, ab_id))
        if huidig is None or (maanden is not None and (huidig[2] is None or maanden < huidig[2])):
            per_procedure[(soort, ab_id)] = (regio, titel, maanden)
    grenzen: dict[str, list[tuple[str, str, int | None]]] = {}
    for (soort, _), waarde in sorted(per_procedure.items(), key=lambda kv: (kv[1][0], kv[1][1])):
        grenzen.setdefault(soort, []).append(waarde)
    return grenzen


def _laatste_dag(b: Bewijsstuk, gebruik: list[Gebruik]) -> tuple[date | None, str]:
    """The last day ``b`` serves any open procedure, and why (None: some procedure sets no limit)."""
    if not gebruik:
        return (b.geldig_tot, "geldigheid van het document") if b.geldig_tot else (None, "")
    if any(g.bruikbaar_tot is None for g in gebruik):
        return None, ""
    ruimst = max(gebruik, key=lambda g: g.bruikbaar_tot)
    if b.geldig_tot is not None and ruimst.bruikbaar_tot >= b.geldig_tot:
        return b.geldig_tot, "geldigheid van het document"
    waar = f" (regio {ruimst.regio_naam})" if len({g.regio_naam for g in gebruik}) > 1 else ""
    return ruimst.bruikbaar_tot, f"maximaal {ruimst.max_maanden} maanden oud{waar}"


def wallet_documenten(organisatie, *, documentsoort: str = ""):
    """The organisation's wallet in the order of the wallet page (kind, newest first), of one kind when given;
    a queryset, so the page can count and slice it in SQL. The extracted text stays in the database."""
    qs = Bewijsstuk.objects.filter(organisatie=organisatie).defer(*_ZONDER_TEKST)
    if documentsoort:
        qs = qs.filter(documentsoort=documentsoort)
    return qs.order_by("documentsoort", "-afgiftedatum", "pk")


def wallet_regels(bewijsstukken) -> list[WalletRegel]:
    """Per document, per open procedure of any region that asks for its kind, the last day it is still usable
    there; and overall the last day it serves any of them. One query for the age limits, whatever the number of
    documents and regions; the caller decides which documents (a page of the wallet)."""
    grenzen = _leeftijdsgrenzen()
    regels = []
    for b in bewijsstukken:
        gebruik = []
        for regio, titel, m in grenzen.get(b.documentsoort, []):
            kandidaten = [d for d in (plus_maanden(b.afgiftedatum, m) if m else None, b.geldig_tot) if d is not None]
            gebruik.append(Gebruik(regio, titel, m, min(kandidaten) if kandidaten else None))
        tot, grond = _laatste_dag(b, gebruik)
        regels.append(WalletRegel(b, tot, grond, gebruik))
    return regels


def wallet(organisatie) -> list[WalletRegel]:
    """The organisation's whole wallet with, per open procedure of any region that asks for its kind, the last
    day each document is still usable there; and overall the last day it serves any of them.

    A document has no age limit of its own; the eisen of each procedure do (e.g. KvK extract: 3 months in Gooi,
    003 r. 609; 6 months under the VNG contract standard). One wallet serves every region: a document too old for
    one procedure stays usable for another with a longer limit. Two queries, whatever the number of regions.
    """
    return wallet_regels(wallet_documenten(organisatie))


# --- offering wallet documents for an eis (issue 17) ---------------------------------------------------


@dataclass
class Aanbod:
    """Wallet documents of the eis's kind and owner: those offered, and those not offered with the reason."""

    bruikbaar: list[Bewijsstuk]
    niet_aangeboden: list[tuple[Bewijsstuk, str]]


def aanbod_voor_eis(inschrijving: Inschrijving, eis: Eis, lid: Lid | None = None) -> Aanbod:
    """Every wallet document of the kind ``eis`` asks for, whichever region's procedure it was first uploaded
    for, judged by THIS procedure's maximum age on its peildatum. One query.

    A document that is too old here is not offered, with a Dutch explanation that names this procedure's rule;
    it stays in the wallet for procedures whose maximum age it still meets.
    """
    peil = peildatum(inschrijving)
    qs = Bewijsstuk.objects.filter(organisatie_id=inschrijving.organisatie_id, van_kvk_nummer=lid.kvk_nummer if lid else "")
    if eis.documentsoort:
        qs = qs.filter(documentsoort=eis.documentsoort)
    grens = oudste_afgiftedatum(eis, peil)
    regio = inschrijving.aanbesteding.regio
    bruikbaar, niet = [], []
    for b in qs.defer(*_ZONDER_TEKST).order_by("-afgiftedatum"):
        probleem = document_probleem(b, eis, peil, lid)
        if probleem is None:
            bruikbaar.append(b)
            continue
        if grens is not None and b.afgiftedatum < grens:
            probleem += (
                f" Dit is de regel van {inschrijving.aanbesteding.titel} (regio {regio.naam}). Het document blijft in"
                " uw bewijsstukken en wordt aangeboden bij procedures waarvoor het nog jong genoeg is."
            )
        niet.append((b, probleem))
    return Aanbod(bruikbaar, niet)


# --- the provider's overview and inbox across regions (issue 17) -------------------------------------


def overzicht_regels(organisatie) -> list[Overzichtsregel]:
    """The organisation's inschrijvingen of every region, plus its duties here: open herstelverzoeken and
    drafts still to hand in before their window closes. Two queries, whatever the number of regions."""
    moment = kalender.nu()
    regels = []
    for i in Inschrijving.objects.filter(organisatie=organisatie).select_related("aanbesteding", "toetredingsmoment"):
        url = reverse("inschrijving:detail", args=[i.pk])
        regels.append(Overzichtsregel(i.aanbesteding.regio_id, PROCEDURES, i.aanbesteding.titel, url, i.get_status_display()))
        sluit = deadline(i)
        if i.status == Inschrijving.Status.CONCEPT and sluit is not None and sluit > moment:
            regels.append(Overzichtsregel(
                i.aanbesteding.regio_id, TAKEN, f"Inschrijving op {i.aanbesteding.titel} afronden en indienen", url,
                "concept", sluit, "Na de sluitingstijd kunt u deze inschrijving niet meer indienen.",
            ))
        if i.status in Inschrijving.INGEDIENDE_STATUSSEN and i.eisenversie < i.aanbesteding.eisenversie:
            # Only after a rectificatie (rare): its aanvulling costs a few queries of its own (ADR 0014).
            open_aanvulling = aanvulling(i)
            if open_aanvulling is not None and open_aanvulling.open:
                regels.append(Overzichtsregel(
                    i.aanbesteding.regio_id, TAKEN, f"Inschrijving op {i.aanbesteding.titel} aanvullen na rectificatie",
                    reverse("inschrijving:aanvullen", args=[i.pk]), "aanvullen", open_aanvulling.deadline,
                    "Na deze termijn wordt uw inschrijving beoordeeld op de eisen waaronder u haar indiende.",
                ))
    for h in (Herstelverzoek.objects.filter(inschrijving__organisatie=organisatie, status=Herstelverzoek.Status.OPEN)
              .select_related("inschrijving__aanbesteding")):
        regels.append(Overzichtsregel(
            h.inschrijving.aanbesteding.regio_id, TAKEN, f"Herstelverzoek bij uw inschrijving op {h.inschrijving.aanbesteding.titel}",
            reverse("inschrijving:herstel", args=[h.inschrijving_id, h.pk]), h.get_status_display(), h.deadline,
        ))
    return regels


# --- aanvullen after a rectificatie (issue 18, ADR 0014) -----------------------------------------------------


@dataclass
class Aanvulling:
    """What a submitted inschrijving may complete after a rectificatie: the eisen new in the current version that
    apply to it, until ``deadline`` (the latest rectificatie's aanvultermijn, never before its round closes)."""

    inschrijving: Inschrijving
    naar_versie: int
    eisen: list
    deadline: object

    @property
    def open(self) -> bool:
        return is_voor_deadline(nu(), self.deadline)


def aanvulling(inschrijving: Inschrijving) -> Aanvulling | None:
    """The aanvulling of a submitted inschrijving whose version is behind the procedure's, when the later
    rectificaties ask something new of it (only withdrawn eisen ask nothing); None otherwise. Open or expired:
    see ``Aanvulling.open``."""
    if inschrijving.status not in Inschrijving.INGEDIENDE_STATUSSEN:
        return None
    huidig = inschrijving.aanbesteding.eisenversie
    if inschrijving.eisenversie >= huidig:
        return None
    percelen = gekozen_percelen(inschrijving)
    oud = set(toepasselijke_eisen(inschrijving, percelen, inschrijving.eisenversie).values_list("pk", flat=True))
    nieuw = [e for e in toepasselijke_eisen(inschrijving, percelen, huidig).select_related("in_rectificatie")
             if e.pk not in oud]
    if not nieuw:
        return None
    laatste = max((e.in_rectificatie for e in nieuw), key=lambda r: r.nummer)
    tot = laatste.aanvullen_tot(deadline(inschrijving))
    return Aanvulling(inschrijving, huidig, nieuw, tot)


def aanvulling_checklist(inschrijving: Inschrijving, nieuw: list) -> list[Regel]:
    """The completeness of the answers to the new eisen only (the rest of the inschrijving stays frozen)."""
    leden = list(inschrijving.leden.prefetch_related("percelen"))
    return list(_regels(nieuw, leden, _antwoorden(inschrijving, nieuw), peildatum(inschrijving)))


# --- innovatievoorstel (002 PB 1.2, ADR 0022) -------------------------------------------------------------------


# "Product heeft een vaste prijs en duur (in de duur kan maatwerk geleverd worden maar kan nooit meer dan 25% afwijken
# van de vastgestelde duur)" (002 r. 602): the one procedure with an innovation route in the sources.
MAX_AFWIJKING_DUUR_PCT = INNOVATIEROUTE["max_afwijking_duur_pct"]


def innovatievoorstel_van(inschrijving: Inschrijving):
    """The proposal of an inschrijving on an innovation-route perceel, or None."""
    from .models import Innovatievoorstel

    return Innovatievoorstel.objects.filter(inschrijving=inschrijving).select_related("perceel").first()


def innovatie_ontbrekend(inschrijving: Inschrijving, percelen: list[Perceel], voorstel=None, *,
                         gelezen: bool = False) -> list[str]:
    """What the proposal still lacks, in Dutch, for a checklist (empty when no innovation-route perceel is chosen;
    then no query). ``gelezen``: the caller read the proposal already and ``voorstel`` None means there is none.
    The rules themselves are in ``innovatie_fouten``."""
    route = [p for p in percelen if p.innovatieroute]
    if not route:
        return []
    if voorstel is None and not gelezen:
        voorstel = innovatievoorstel_van(inschrijving)
    if voorstel is None:
        return [f"Perceel {route[0]}: vul het innovatievoorstel in (naam, duur, tarief en groepsgrootte van het product)."]
    return innovatie_fouten(voorstel)


def innovatie_fouten(voorstel, *, volledig: bool = True) -> list[str]:
    """The checks of the source on the figures of a proposal (002 r. 602, r. 613-614). ``volledig=False`` (saving a
    draft): only what is wrong, not what is still empty."""
    fouten = []
    if volledig and not voorstel.productnaam.strip():
        fouten.append("Innovatievoorstel: geef het voorgestelde product een naam.")
    if volledig and (voorstel.tarief is None or not voorstel.tarief_per):
        fouten.append("Innovatievoorstel: vul het tarief in, per uur of per traject per jeugdige (002 r. 614).")
    if (voorstel.min_deelnemers is not None and voorstel.max_deelnemers is not None
            and voorstel.max_deelnemers < voorstel.min_deelnemers):
        fouten.append("Innovatievoorstel: het maximum aantal deelnemers per groep is kleiner dan het minimum (002 r. 613).")
    if voorstel.ambulant_alternatief:
        grens = MAX_AFWIJKING_DUUR_PCT
        if volledig and not voorstel.duur_weken:
            fouten.append("Innovatievoorstel: een ambulant alternatief heeft een vaste duur; vul de duur in weken in "
                          "(002 r. 602).")
        if voorstel.max_afwijking_duur_pct is None:
            if volledig:
                fouten.append(f"Innovatievoorstel: vul de maximale afwijking van de duur in (ten hoogste {grens} %, 002 r. 602).")
        elif voorstel.max_afwijking_duur_pct > grens:
            fouten.append(f"Innovatievoorstel: de duur mag nooit meer dan {grens} % afwijken van de vastgestelde duur; "
                          f"u vulde {voorstel.max_afwijking_duur_pct:g} % in (002 r. 602).")
    return fouten


# --- the procedure dossier (issue 16, Woo) ------------------------------------------------------------------


def dossierstukken(aanbesteding: Aanbesteding) -> list[Dossierstuk]:
    """The documents of the procedure's dossier that inschrijving owns, by date: the proces-verbaal van opening of
    each closed toetredingsmoment (003 r. 4968-4978), the sealed PDF as stored in the private storage. One query.

    Not in the dossier: a provider's evidence (Bewijsstuk) and its answers are the provider's own business and
    trade secrets that the bureau received for the assessment only, not documents the bureau drew up about the
    procedure (003 inventarislijst: the bids are listed per provider and withheld whole, 5.1.2.b); the
    ontvangstbewijs is personal to one provider and issued to it alone. The PV names organisations and their KvK
    numbers, no natural persons (a sole trader's trade name is the documented leftover of organisaties.selectors
    .persoonsgegevens)."""
    pvs = (
        ProcesVerbaalOpening.objects.filter(toetredingsmoment__aanbesteding=aanbesteding)
        .select_related("toetredingsmoment").order_by("gegenereerd_op", "pk")
    )
    return sorted((
        Dossierstuk(
            sleutel=f"pv_opening:{pv.pk}", soort="pv_opening",
            titel=f"Proces-verbaal van opening: {pv.toetredingsmoment.naam}", datum=dag(pv.gegenereerd_op),
            aanbesteding_id=aanbesteding.pk, regio_id=aanbesteding.regio_id, pdf=uit_opslag(pv.bestand),
        )
        for pv in pvs
    ), key=lambda s: s.datum)
