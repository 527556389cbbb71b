"""Every non-trivial read of the assessment, scoped by user, owning select_related/prefetch_related.

The queue and the dashboard run a constant number of queries whatever the number of inschrijvingen
(ARCHITECTURE.md rule 9; tests/toetsing/test_queries.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from aanbesteding.models import Eis, Perceel
from core import kalender
from core.dossier import Dossierstuk, dag, uit_opslag
from core.models import AuditRegel
from inschrijving import selectors as inschrijving_selectors
from inschrijving.models import Antwoord, Bewijsstuk, Inschrijving, InschrijvingPerceel, Lid
from organisaties.models import Regiorol
from organisaties.regios import binnen
from organisaties.rollen import BEOORDELAAR, INKOPER
from organisaties.selectors import persoonsgegevens_van

from . import permissions
from .models import (
    STAPPEN,
    Beoordeling,
    Besluit,
    BesluitPerceel,
    BesluitProduct,
    Eindoordeel,
    Loting,
    Oordeel,
    ProcesVerbaalBeoordeling,
    Toetsing,
    Toetsingsinstelling,
    Toewijzing,
)
from .pdf import besluitbrief_pdf

# What the assessment shows: every handed-in inschrijving, decided ones included.
ZICHTBAAR = (*Inschrijving.INGEDIENDE_STATUSSEN, Inschrijving.Status.BESLOTEN)

FILTERS = {
    "": "Alle",
    "mijn": "Mijn werk",
    "nieuw": "Nog niet toegewezen",
    "herstel": "Wacht op herstel",
    "consensus": "Klaar voor consensus",
    "vastgesteld": "Klaar voor besluit",
    "besloten": "Besloten",
    "te_laat": "Over de termijn",
}


def _behandelgrens(instelling: Toetsingsinstelling) -> datetime:
    """Submitted before this moment = over the streeftermijn: the same wall-clock time, behandeltermijn_dagen
    calendar days ago (Europe/Amsterdam, core.kalender; 003a §3.3: 3-6 months)."""
    nu = kalender.nu()
    return datetime.combine(kalender.plus_kalenderdagen(nu.date(), -instelling.behandeltermijn_dagen), nu.timetz())


def nog_verzegeld(prefix: str = "") -> Q:
    """Inschrijvingen of a windowed round that has not closed yet: nobody sees them, not even that they exist
    (the 'digitale kluis', DOMAIN.md step 3; 003a §3.2: opening only after the vault closes)."""
    return Q(**{f"{prefix}toetredingsmoment__soort": "venster", f"{prefix}toetredingsmoment__sluit_op__gt": kalender.nu()})


def staf_in_regio(regio_id, qs=None):
    """Active staff who may sit on a commissie in region ``regio_id`` (issue 17): Beoordelaar or Inkoper there or
    in every region, and superusers. The choosers offer only these, so a Gooi panel lists no MLO-only assessor."""
    qs = qs if qs is not None else get_user_model().objects.all()
    rol = Regiorol.objects.filter(user=OuterRef("pk"), rol__in=[BEOORDELAAR, INKOPER]).filter(
        Q(regio_id=regio_id) | Q(regio__isnull=True)
    )
    return qs.filter(
        Q(Exists(rol), groups__name__in=[BEOORDELAAR, INKOPER]) | Q(is_superuser=True), is_active=True
    ).distinct()


def eisen_voor(inschrijving: Inschrijving) -> list[Eis]:
    """The eisen that apply: procedure-wide plus those of the chosen percelen, in the three-step order, of the
    version the inschrijving was submitted under (or completed to): an eis a rectificatie added later is never
    shown as unanswered (issue 18, ADR 0014)."""
    eisen = list(
        Eis.objects.filter(aanbesteding_id=inschrijving.aanbesteding_id).in_versie(inschrijving.eisenversie)
        .filter(Q(perceel__isnull=True) | Q(perceel__in=inschrijving.inschrijving_percelen.values("perceel_id")))
        .select_related("perceel")
    )
    eisen.sort(key=lambda e: (STAPPEN.index(e.soort), e.volgorde, e.code))
    return eisen


def _gefaald_op_perceel(perceel: Perceel):
    return Eindoordeel.objects.filter(
        toetsing=OuterRef("toetsing"), oordeel=Oordeel.VOLDOET_NIET
    ).filter(Q(eis__perceel__isnull=True) | Q(eis__perceel=perceel))


def gekwalificeerd_onbeslist(perceel: Perceel) -> list[Inschrijving]:
    """Inschrijvingen for this perceel with a closed consensus, no knock-out on it and no decision yet."""
    return list(
        Inschrijving.objects.filter(
            inschrijving_percelen__perceel=perceel, toetsing__status=Toetsing.Status.VASTGESTELD,
            inschrijving_percelen__op_wachtlijst=False,
        )
        .exclude(Exists(_gefaald_op_perceel(perceel)))
        .select_related("organisatie")
        .order_by("pk")
    )


def _mijn_open(user) -> Q:
    """An inschrijving assigned to ``user`` that they have not finished (the "mijn" filter, the start page)."""
    return Q(Exists(Toewijzing.objects.filter(toetsing__inschrijving=OuterRef("pk"), beoordelaar=user,
                                              status=Toewijzing.Status.TOEGEWEZEN)))


def _als_voorzitter(user) -> Q:
    """An inschrijving whose commissie ``user`` chairs and whose assessors are done."""
    return Q(toetsing__commissie__voorzitter=user, toetsing__status=Toetsing.Status.CONSENSUS)


def wachtrij(aanbesteding, user, filter_naam: str = ""):
    """The queue of one procedure. Inkopers see all submitted inschrijvingen; an assessor only theirs."""
    instelling = Toetsingsinstelling.voor(aanbesteding)
    actief = Toewijzing.objects.filter(toetsing__inschrijving=OuterRef("pk"), status__in=Toewijzing.ACTIEF)
    qs = (
        Inschrijving.objects.filter(aanbesteding=aanbesteding, status__in=ZICHTBAAR)
        .exclude(nog_verzegeld())
        .select_related("organisatie", "toetsing", "toetredingsmoment")
        .annotate(
            toetsstatus=Coalesce("toetsing__status", Value(Toetsing.Status.NIEUW)),
            aantal_beoordelaars=Coalesce(
                Subquery(actief.values("toetsing").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()), 0
            ),
            aantal_afgerond=Coalesce(
                Subquery(
                    actief.filter(status=Toewijzing.Status.AFGEROND).values("toetsing").annotate(n=Count("pk")).values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
            mijn_status=Subquery(actief.filter(beoordelaar=user).values("status")[:1]),
        )
        .prefetch_related(
            Prefetch("inschrijving_percelen", queryset=InschrijvingPerceel.objects.select_related("perceel").order_by("perceel__volgorde", "perceel__code"))
        )
        .order_by("ingediend_op", "pk")
    )
    if not permissions.is_inkoper(user, aanbesteding):
        qs = qs.filter(Q(Exists(actief.filter(beoordelaar=user))) | Q(toetsing__commissie__voorzitter=user))
    if filter_naam == "mijn":
        qs = qs.filter(_mijn_open(user) | _als_voorzitter(user))
    elif filter_naam in {"nieuw", "herstel", "consensus", "vastgesteld", "besloten"}:
        qs = qs.filter(toetsstatus=filter_naam)
    elif filter_naam == "te_laat":
        grens = _behandelgrens(instelling)
        qs = qs.filter(ingediend_op__lt=grens).exclude(toetsstatus=Toetsing.Status.BESLOTEN)
    return qs


@dataclass(frozen=True)
class Verbonden:
    """Another bid of the same procedure that may belong to the same group (art. 2:24b BW, 003 r.647-659)."""

    inschrijving_id: int
    naam: str
    reden: str

    @property
    def tekst(self) -> str:
        return f"Mogelijk verbonden inschrijver: {self.naam} ({self.reden})"


_GROEP = "zelfde groep, art. 2:24b BW, 003 r.647"


def verbonden_inschrijvers(inschrijvingen) -> dict[int, list[Verbonden]]:
    """For each of ``inschrijvingen`` the other handed-in bids of its procedure that the panel must weigh (003
    r.647-659: two bids of one group are presumed able to influence competition; both may be excluded):

    - the same group: the two organisations share the KvK number of the group's top holding
      (``Organisatie.groep_kvk``), or one of them is that top holding;
    - the organisation (or its group) is named as a member (combinant, onderaannemer, derde) in the other bid,
      or the other way round.

    Read-only; bids of a round that is still sealed are left out (the vault, 003a §3.2). Two queries whatever
    the number of bids, so the queue shows it without a query per row."""
    inschrijvingen = list(inschrijvingen)
    if not inschrijvingen:
        return {}
    eigen = {i.pk for i in inschrijvingen}
    bieders = list(
        Inschrijving.objects.filter(aanbesteding_id__in={i.aanbesteding_id for i in inschrijvingen})
        .filter(Q(status__in=ZICHTBAAR, ingediend_op__isnull=False) | Q(pk__in=eigen))
        .exclude(Q(nog_verzegeld()) & ~Q(pk__in=eigen))
        .values("pk", "aanbesteding_id", "organisatie_id", "organisatie__naam", "organisatie__kvk_nummer",
                "organisatie__groep_kvk")
    )
    leden: dict[int, dict[str, str]] = defaultdict(dict)
    for insch_id, kvk, rol in Lid.objects.filter(inschrijving_id__in=[b["pk"] for b in bieders]).values_list(
            "inschrijving_id", "kvk_nummer", "rol"):
        leden[insch_id][kvk] = Lid.Rol(rol).label.lower()
    per_procedure: dict[int, list[dict]] = defaultdict(list)
    for b in bieders:
        b["identiteit"] = {k for k in (b["organisatie__kvk_nummer"], b["organisatie__groep_kvk"]) if k}
        per_procedure[b["aanbesteding_id"]].append(b)
    uitkomst: dict[int, list[Verbonden]] = {pk: [] for pk in eigen}
    for b in (b for b in bieders if b["pk"] in eigen):
        for ander in per_procedure[b["aanbesteding_id"]]:
            if ander["pk"] == b["pk"] or ander["organisatie_id"] == b["organisatie_id"]:
                continue
            reden = ""
            if b["identiteit"] & ander["identiteit"]:
                reden = _GROEP
            elif gedeeld := sorted(b["identiteit"] & leden[ander["pk"]].keys()):
                reden = f"KvK {gedeeld[0]} staat als {leden[ander['pk']][gedeeld[0]]} in die inschrijving, 003 r.647"
            elif gedeeld := sorted(ander["identiteit"] & leden[b["pk"]].keys()):
                reden = f"KvK {gedeeld[0]} staat als {leden[b['pk']][gedeeld[0]]} in deze inschrijving, 003 r.647"
            if reden:
                uitkomst[b["pk"]].append(Verbonden(ander["pk"], ander["organisatie__naam"], reden))
    return uitkomst


def dagen_sinds(moment, nu=None) -> int | None:
    if moment is None:
        return None
    return ((nu or kalender.nu()) - moment).days


@dataclass
class Dashboard:
    tellingen: dict[str, int]
    te_laat: int
    totaal: int
    besluiten: dict[str, int]
    grafiek: list[dict] = field(default_factory=list)
    segmenten: list[tuple[str, str]] = field(default_factory=list)
    lotingen: list[Loting] = field(default_factory=list)


SEGMENTEN = [
    ("nieuw", "Nog niet toegewezen"),
    ("in_beoordeling", "In beoordeling"),
    ("herstel", "Wacht op herstel"),
    ("consensus", "Klaar voor consensus"),
    ("vastgesteld", "Klaar voor besluit"),
    ("toegelaten", "Toegelaten"),
    ("wachtlijst", "Wachtlijst"),
    ("afgewezen", "Afgewezen"),
]


def dashboard(aanbesteding) -> Dashboard:
    """Counts per status, decisions per state, and inschrijvingen per perceel and status (6 queries)."""
    instelling = Toetsingsinstelling.voor(aanbesteding)
    basis = Inschrijving.objects.filter(aanbesteding=aanbesteding, status__in=ZICHTBAAR).exclude(nog_verzegeld()).annotate(
        toetsstatus=Coalesce("toetsing__status", Value(Toetsing.Status.NIEUW))
    )
    tellingen = dict.fromkeys(Toetsing.Status.values, 0)
    for rij in basis.values("toetsstatus").annotate(n=Count("pk")):
        tellingen[rij["toetsstatus"]] = rij["n"]
    grens = _behandelgrens(instelling)
    te_laat = basis.filter(ingediend_op__lt=grens).exclude(toetsstatus=Toetsing.Status.BESLOTEN).count()
    besluiten = dict.fromkeys(Besluit.Status.values, 0)
    for rij in Besluit.objects.filter(aanbesteding=aanbesteding).values("status").annotate(n=Count("pk")):
        besluiten[rij["status"]] = rij["n"]

    uitkomst = BesluitPerceel.objects.filter(
        besluit__inschrijving=OuterRef("inschrijving"), perceel=OuterRef("perceel"),
    ).exclude(besluit__status=Besluit.Status.INGETROKKEN).values("uitkomst")[:1]
    rijen = (
        InschrijvingPerceel.objects.filter(inschrijving__aanbesteding=aanbesteding, inschrijving__status__in=ZICHTBAAR)
        .exclude(nog_verzegeld("inschrijving__"))
        .annotate(s=Coalesce("inschrijving__toetsing__status", Value(Toetsing.Status.NIEUW)), u=Subquery(uitkomst))
        .values("perceel_id", "s", "u")
        .annotate(n=Count("pk"))
    )
    per_perceel: dict[int, dict[str, int]] = defaultdict(lambda: {k: 0 for k, _ in SEGMENTEN})
    for rij in rijen:
        if rij["s"] == Toetsing.Status.BESLOTEN:
            segment = "toegelaten" if rij["u"] in BesluitPerceel.TOEGELATEN else (rij["u"] or "afgewezen")
        else:
            segment = rij["s"]
        per_perceel[rij["perceel_id"]][segment] += rij["n"]
    percelen = list(Perceel.objects.filter(aanbesteding=aanbesteding).order_by("volgorde", "code"))
    maximum = max([sum(v.values()) for v in per_perceel.values()] or [0]) or 1
    grafiek = []
    for perceel in percelen:
        waarden = per_perceel.get(perceel.pk, {k: 0 for k, _ in SEGMENTEN})
        totaal = sum(waarden.values())
        grafiek.append({
            "perceel": perceel, "totaal": totaal, "breedte": round(100 * totaal / maximum, 1),
            "segmenten": [
                {"sleutel": k, "label": label, "n": waarden[k], "procent": round(100 * waarden[k] / totaal, 1) if totaal else 0}
                for k, label in SEGMENTEN if waarden[k]
            ],
        })
    lotingen = list(Loting.objects.filter(aanbesteding=aanbesteding).select_related("perceel", "toetredingsmoment", "uitgevoerd_door")[:20])
    return Dashboard(
        tellingen=tellingen, te_laat=te_laat, totaal=sum(tellingen.values()), besluiten=besluiten,
        grafiek=grafiek, segmenten=SEGMENTEN, lotingen=lotingen,
    )


@dataclass
class EisRegel:
    eis: Eis
    antwoorden: list[Antwoord]
    eigen: Beoordeling | None = None
    anderen: list[Beoordeling] = field(default_factory=list)
    eindoordeel: Eindoordeel | None = None
    verschil: bool = False


def _eigen_en_anderen(inschrijving: Inschrijving, user):
    """The user's active assignment and own verdicts, the toetsing, and (only once the user may see them: after
    finishing their own, or as chair once every assessor finished) the others' verdicts per eis (independence)."""
    toewijzing = permissions.actieve_toewijzing(user, inschrijving)
    eigen = {b.eis_id: b for b in toewijzing.beoordelingen.all()} if toewijzing is not None else {}
    toetsing = Toetsing.objects.filter(inschrijving=inschrijving).select_related("commissie").first()
    voorzitter = permissions.is_voorzitter(user, toetsing)
    mag_anderen_zien = (toewijzing is not None and toewijzing.status == Toewijzing.Status.AFGEROND) or (
        voorzitter and toetsing is not None and toetsing.status != Toetsing.Status.IN_BEOORDELING
        and toetsing.status != Toetsing.Status.NIEUW
    )
    anderen = defaultdict(list)
    if mag_anderen_zien and toetsing is not None:
        for b in Beoordeling.objects.filter(
            toewijzing__toetsing=toetsing, toewijzing__status__in=Toewijzing.ACTIEF
        ).exclude(toewijzing__beoordelaar=user).select_related("toewijzing__beoordelaar"):
            anderen[b.eis_id].append(b)
    eind = {e.eis_id: e for e in toetsing.eindoordelen.all()} if toetsing is not None else {}
    return toewijzing, eigen, toetsing, voorzitter, mag_anderen_zien, anderen, eind


def _stappen(eisen: list[Eis], beoordeeld: set[int], url=None) -> list[dict]:
    """The steps that have eisen, in the VNG order, with the user's progress: a step is open once the earlier
    ones are complete (services._vorige_stappen_compleet)."""
    stappen = []
    for nummer, soort in enumerate((s for s in STAPPEN if any(e.soort == s for e in eisen)), start=1):
        van_stap = [e for e in eisen if e.soort == soort]
        klaar = sum(e.pk in beoordeeld for e in van_stap)
        vorige_open = any(e.pk not in beoordeeld for e in eisen if STAPPEN.index(e.soort) < STAPPEN.index(soort))
        stappen.append({"nummer": nummer, "soort": soort, "label": STAPLABELS[soort], "aantal": len(van_stap),
                        "beoordeeld": klaar, "compleet": klaar == len(van_stap), "geblokkeerd": vorige_open,
                        "url": url(soort) if url else ""})
    return stappen


# Plural step names, as the VNG order names them (peers-and-standards §2.18).
STAPLABELS = {
    Eis.Soort.UITSLUITINGSGROND: "Uitsluitingsgronden",
    Eis.Soort.GESCHIKTHEIDSEIS: "Geschiktheidseisen",
    Eis.Soort.UITVOERINGSEIS: "Uitvoeringseisen",
}


def beoordelingsscherm(inschrijving: Inschrijving, user) -> dict:
    """What the inschrijving page shows of the assessment: the steps with the user's own progress (each step is
    assessed on its own page, ``stapscherm``)."""
    eisen = eisen_voor(inschrijving)
    toewijzing, eigen, toetsing, voorzitter, mag_anderen_zien, _, _ = _eigen_en_anderen(inschrijving, user)
    return {
        "stappen": _stappen(eisen, set(eigen), lambda s: reverse("toetsing_stap", args=[inschrijving.pk, s])),
        "toewijzing": toewijzing, "toetsing": toetsing, "mag_anderen_zien": mag_anderen_zien,
        "is_voorzitter": voorzitter, "aantal_eisen": len(eisen), "aantal_beoordeeld": len(eigen),
        # A rectificatie asked something new of this inschrijving (ADR 0014): the assessors see it is open or expired.
        "aanvulling": inschrijving_selectors.aanvulling(inschrijving),
        # An innovatievoorstel (ADR 0022): the figures as frozen at submission, next to the twelve parts (eisen).
        "innovatievoorstel": (inschrijving.bevroren_inhoud or {}).get("innovatievoorstel"),
    }


def stapscherm(inschrijving: Inschrijving, user, stap: str) -> dict | None:
    """One step of the assessment on one page (issue 12): every eis of the step with the provider's answers and
    evidence inline (extracted text included), the user's own verdicts, and the others' and the consensus once the
    user may see them. None when the step has no eisen for this inschrijving. A fixed number of queries, whatever
    the number of eisen (tests/toetsing/test_stap.py)."""
    eisen = eisen_voor(inschrijving)
    van_stap = [e for e in eisen if e.soort == stap]
    if not van_stap:
        return None
    antwoorden = defaultdict(list)
    for a in (
        Antwoord.objects.filter(inschrijving=inschrijving, eis__in=van_stap).select_related("lid")
        .prefetch_related("bewijsstukken").order_by("lid_id", "pk")
    ):
        antwoorden[a.eis_id].append(a)
    toewijzing, eigen, toetsing, voorzitter, mag_anderen_zien, anderen, eind = _eigen_en_anderen(inschrijving, user)
    stappen = _stappen(eisen, set(eigen), lambda s: reverse("toetsing_stap", args=[inschrijving.pk, s]))
    huidige = next(s for s in stappen if s["soort"] == stap)
    volgende = next((s for s in stappen if s["nummer"] > huidige["nummer"]), None)
    open_toewijzing = toewijzing is not None and toewijzing.status == Toewijzing.Status.TOEGEWEZEN and (
        toetsing is not None and toetsing.status in (Toetsing.Status.NIEUW, Toetsing.Status.IN_BEOORDELING,
                                                     Toetsing.Status.HERSTEL))
    return {
        "stap": huidige, "stappen": stappen, "volgende": volgende,
        "regels": [EisRegel(eis=e, antwoorden=antwoorden.get(e.pk, []), eigen=eigen.get(e.pk), anderen=anderen.get(e.pk, []),
                            eindoordeel=eind.get(e.pk)) for e in van_stap],
        "toewijzing": toewijzing, "toetsing": toetsing, "is_voorzitter": voorzitter,
        "mag_anderen_zien": mag_anderen_zien,
        "mag_beoordelen": open_toewijzing and not huidige["geblokkeerd"],
        "instelling": Toetsingsinstelling.voor(inschrijving.aanbesteding),
        "heeft_plan": any(e.antwoordtype == Eis.Antwoordtype.PLAN for e in van_stap),
    }


def paneelvoortgang(toetsing: Toetsing | None, eisen: list[Eis]) -> list[dict]:
    """The panel's progress on one inschrijving (issue 12: the chair sees the panel, not a counter of their own):
    per active assessor the steps complete, the eisen judged and whether they finished. Counts only, never the
    verdicts (independence until each finished). Two queries."""
    if toetsing is None:
        return []
    toewijzingen = list(
        toetsing.toewijzingen.filter(status__in=Toewijzing.ACTIEF).select_related("beoordelaar").order_by("pk")
    )
    beoordeeld = defaultdict(set)
    for toewijzing_id, eis_id in Beoordeling.objects.filter(toewijzing__in=toewijzingen).values_list("toewijzing_id", "eis_id"):
        beoordeeld[toewijzing_id].add(eis_id)
    voortgang = []
    for t in toewijzingen:
        stappen = _stappen(eisen, beoordeeld[t.pk])
        voortgang.append({
            "beoordelaar": t.beoordelaar, "stappen_klaar": sum(s["compleet"] for s in stappen),
            "stappen": len(stappen), "beoordeeld": len(beoordeeld[t.pk] & {e.pk for e in eisen}), "eisen": len(eisen),
            "afgerond": t.status == Toewijzing.Status.AFGEROND, "afgerond_op": t.afgerond_op,
        })
    return voortgang


def consensusscherm(inschrijving: Inschrijving) -> dict:
    """The verdicts side by side per eis, differences highlighted, with the chair's final verdict."""
    toetsing = Toetsing.objects.select_related("commissie").get(inschrijving=inschrijving)
    toewijzingen = list(
        toetsing.toewijzingen.filter(status__in=Toewijzing.ACTIEF).select_related("beoordelaar").order_by("pk")
    )
    oordelen = defaultdict(dict)
    for b in Beoordeling.objects.filter(toewijzing__in=toewijzingen):
        oordelen[b.eis_id][b.toewijzing_id] = b
    eind = {e.eis_id: e for e in toetsing.eindoordelen.all()}
    regels = []
    for eis in eisen_voor(inschrijving):
        per = [oordelen[eis.pk].get(t.pk) for t in toewijzingen]
        gegeven = [b for b in per if b is not None]
        verschil = len({(b.oordeel, b.score) for b in gegeven}) > 1
        eensgezind = gegeven[0] if gegeven and not verschil and len(gegeven) == len(toewijzingen) else None
        regels.append({"eis": eis, "oordelen": per, "verschil": verschil, "eindoordeel": eind.get(eis.pk),
                       "voorstel": eensgezind})
    return {"toetsing": toetsing, "toewijzingen": toewijzingen, "regels": regels,
            "aantal_verschillen": sum(r["verschil"] for r in regels),
            # Issue 12: what the chair still has to decide; the agreeing verdicts are adopted on "vaststellen".
            "open_verschillen": [r for r in regels if r["eindoordeel"] is None and r["voorstel"] is None],
            "eensgezind": sum(r["voorstel"] is not None for r in regels)}


def zoek_in_bewijs(inschrijving: Inschrijving, zoekterm: str) -> list[dict]:
    """Text search over the extracted text of the inschrijving's evidence, with a short excerpt."""
    zoekterm = (zoekterm or "").strip()
    if len(zoekterm) < 2:
        return []
    stukken = (
        Bewijsstuk.objects.filter(
            Q(antwoorden__inschrijving=inschrijving) | Q(herstelverzoeken__inschrijving=inschrijving),
            tekst__icontains=zoekterm,
        ).distinct().order_by("documentsoort", "pk")
    )
    resultaten = []
    for stuk in stukken[:50]:
        plek = stuk.tekst.lower().find(zoekterm.lower())
        begin = max(0, plek - 80)
        resultaten.append({"bewijsstuk": stuk, "fragment": stuk.tekst[begin:plek + len(zoekterm) + 80]})
    return resultaten


def bewijsstuk_van_inschrijving(inschrijving: Inschrijving, bewijsstuk_id: int) -> Bewijsstuk | None:
    return (
        Bewijsstuk.objects.filter(pk=bewijsstuk_id)
        .filter(Q(antwoorden__inschrijving=inschrijving) | Q(herstelverzoeken__inschrijving=inschrijving))
        .distinct().first()
    )


def tijdlijn(inschrijving: Inschrijving):
    """The audit trail of one inschrijving (and its decisions) as a timeline, oldest first."""
    from django.contrib.contenttypes.models import ContentType

    ct_inschrijving = ContentType.objects.get_for_model(Inschrijving)
    ct_besluit = ContentType.objects.get_for_model(Besluit)
    besluit_ids = [str(pk) for pk in Besluit.objects.filter(inschrijving=inschrijving).values_list("pk", flat=True)]
    return (
        AuditRegel.objects.filter(
            Q(content_type=ct_inschrijving, object_id=str(inschrijving.pk))
            | Q(content_type=ct_besluit, object_id__in=besluit_ids)
        ).select_related("actor", "content_type").order_by("tijdstip", "id")
    )


def mijn_besluiten(organisatie):
    """A provider's sent decisions (never the assessors or individual verdicts)."""
    return (
        Besluit.objects.filter(inschrijving__organisatie=organisatie, verzonden_op__isnull=False)
        .select_related("aanbesteding", "inschrijving")
        .prefetch_related(Prefetch("percelen", queryset=BesluitPerceel.objects.select_related("perceel")))
        .order_by("-verzonden_op")
    )


def definitieve_toelatingen(aanbesteding=None, sinds=None):
    """Every definitive admission per perceel: the record the agreement app can pick up (catch-up)."""
    qs = BesluitPerceel.objects.filter(
        uitkomst=BesluitPerceel.Uitkomst.DEFINITIEF, besluit__status=Besluit.Status.DEFINITIEF
    ).select_related("besluit__inschrijving__organisatie", "besluit__aanbesteding", "perceel")
    if aanbesteding is not None:
        qs = qs.filter(besluit__aanbesteding=aanbesteding)
    if sinds is not None:
        qs = qs.filter(besluit__definitief_op__gte=sinds)
    return qs.order_by("besluit__definitief_op", "pk")


def toegelaten_producten(besluit) -> list[dict]:
    """The products a decision admitted, in a perceel it admitted definitively, with their restrictions (issue
    19): what ``definitief_toegelaten`` hands over as ``producten`` and the catch-up reads. One query. An empty
    list: no perceel with product choice, so every deelname covers its whole perceel."""
    definitief = BesluitPerceel.objects.filter(besluit=besluit, uitkomst=BesluitPerceel.Uitkomst.DEFINITIEF).values("perceel_id")
    return [
        {"product": bp.product, "beperking": bp.beperking, "leeftijd_van": bp.leeftijd_van,
         "leeftijd_tot": bp.leeftijd_tot, "locatie": bp.locatie, "groepsomvang": bp.groepsomvang}
        for bp in BesluitProduct.objects.filter(besluit=besluit, toegelaten=True, product__perceel_id__in=definitief)
        .select_related("product__perceel")
    ]


# --- the procedure dossier (issue 16, Woo) ------------------------------------------------------------------


def _personen_per_ronde(aanbesteding) -> dict[int | None, list]:
    """Per toetredingsmoment, the users a proces-verbaal van beoordeling of that round names (toetsing.pdf
    ``proces_verbaal_ronde_pdf``): the panel's chair and members, each assessor, who fixed the consensus, who drew
    the lots and who asked for and decided a herziening. A fixed number of queries for the whole procedure."""
    personen: dict[int | None, list] = defaultdict(list)
    toetsingen = (
        Toetsing.objects.filter(aanbesteding=aanbesteding)
        .select_related("inschrijving", "vastgesteld_door", "commissie__voorzitter")
        .prefetch_related("toewijzingen__beoordelaar", "commissie__leden")
    )
    for t in toetsingen:
        lijst = personen[t.inschrijving.toetredingsmoment_id]
        if t.commissie_id:
            lijst += [t.commissie.voorzitter, *t.commissie.leden.all()]
        lijst += [t.vastgesteld_door, *(w.beoordelaar for w in t.toewijzingen.all())]
    lotingen = (
        Loting.objects.filter(aanbesteding=aanbesteding).select_related("uitgevoerd_door")
        .prefetch_related("herzieningen__aangevraagd_door", "herzieningen__beoordeeld_door")
    )
    for loting in lotingen:
        lijst = personen[loting.toetredingsmoment_id]
        lijst.append(loting.uitgevoerd_door)
        for h in loting.herzieningen.all():
            lijst += [h.aangevraagd_door, h.beoordeeld_door]
    return personen


def dossierstukken(aanbesteding) -> list[Dossierstuk]:
    """The documents of the procedure's dossier that toetsing owns, by date: every decision letter (the sealed
    ``Besluit.brief``; rendered unsealed if the task has not made it yet) and every version of the proces-verbaal
    van beoordeling per round (sealed, private storage). A fixed number of queries, whatever their number.

    ``persoonsgegevens`` (Woo art. 5.1.2.e): for a letter the provider's contact person, e-mail and phone, the user
    who submitted the inschrijving and the staff member who took the decision; for a proces-verbaal the panel,
    the assessors, who fixed the consensus, drew the lots or decided a herziening, and who drew up the PV. Neither
    is public: a letter is addressed to one provider, a PV is the bureau's own record."""
    besluiten = (
        Besluit.objects.filter(aanbesteding=aanbesteding)
        .select_related("inschrijving__organisatie", "inschrijving__ingediend_door", "genomen_door")
        .order_by("genomen_op", "pk")
    )
    stukken = []
    for b in besluiten:
        inschrijving = b.inschrijving
        # The letter as sent; a decision not sent yet has none until toetsing.tasks.besluitbrief_maken_en_aankondigen
        # ran, then the same letter is rendered from the record (unsealed).
        pdf = uit_opslag(b.brief) if b.brief else (lambda b=b: besluitbrief_pdf(b))
        stukken.append(Dossierstuk(
            sleutel=f"besluit:{b.pk}", soort="besluit", titel=f"Besluit {b.pk} op inschrijving {inschrijving.pk}",
            datum=dag(b.verzonden_op or b.genomen_op), aanbesteding_id=aanbesteding.pk, regio_id=aanbesteding.regio_id,
            pdf=pdf, persoonsgegevens=persoonsgegevens_van(
                organisaties=[inschrijving.organisatie], gebruikers=[inschrijving.ingediend_door, b.genomen_door],
            ),
        ))
    pvs = list(
        ProcesVerbaalBeoordeling.objects.filter(toetredingsmoment__aanbesteding=aanbesteding)
        .select_related("toetredingsmoment", "opgemaakt_door").order_by("opgemaakt_op", "pk")
    )
    personen = _personen_per_ronde(aanbesteding) if pvs else {}
    for pv in pvs:
        stukken.append(Dossierstuk(
            sleutel=f"pv_beoordeling:{pv.pk}", soort="pv_beoordeling",
            titel=f"Proces-verbaal van beoordeling: {pv.toetredingsmoment.naam} (versie {pv.volgnummer})",
            datum=dag(pv.opgemaakt_op), aanbesteding_id=aanbesteding.pk, regio_id=aanbesteding.regio_id,
            pdf=uit_opslag(pv.bestand), persoonsgegevens=persoonsgegevens_van(
                gebruikers=[*personen.get(pv.toetredingsmoment_id, []), pv.opgemaakt_door],
            ),
        ))
    return sorted(stukken, key=lambda s: s.datum)


# --- sending a decision (issue 12: preview and confirmation) ------------------------------------------------


def standstill_einde(aanbesteding, verzonden_op_dag):
    """The last day of the standstill for a decision sent on ``verzonden_op_dag``: the kort geding must be filed
    "within 20 calendar days of the date of the notice" (003a §3.2), so verzenddatum + the procedure's days; the
    toelating becomes definitief on the day after. The one computation the service and the preview share."""
    return kalender.plus_kalenderdagen(verzonden_op_dag, Toetsingsinstelling.voor(aanbesteding).standstill_dagen)


def verzendgevolgen(besluit: Besluit) -> dict:
    """What sending this decision today will do, for the confirmation page: the outcome per perceel (and per
    product), the standstill's last day and whether the decision admits anything."""
    percelen = list(besluit.percelen.select_related("perceel"))
    vandaag = kalender.vandaag()
    return {
        "percelen": percelen,
        "producten": list(besluit.producten.select_related("product__perceel")),
        "vandaag": vandaag,
        "standstill_einde": standstill_einde(besluit.aanbesteding, vandaag),
        "standstill_dagen": Toetsingsinstelling.voor(besluit.aanbesteding).standstill_dagen,
        "toegelaten": any(bp.uitkomst in BesluitPerceel.TOEGELATEN for bp in percelen),
    }


def besluitbrief_voorbeeld(besluit: Besluit) -> bytes:
    """The letter the provider will get if the decision is sent today, unsealed and marked as a preview (issue 12):
    the same rendering as the sent letter (``pdf.besluitbrief_pdf``) with today's date and standstill."""
    vandaag = kalender.vandaag()
    return besluitbrief_pdf(besluit, voorbeeld={"datum": vandaag,
                                               "standstill_einde": standstill_einde(besluit.aanbesteding, vandaag)})


# --- "wat gebeurt er nu" on the provider's confirmation (issue 12) ------------------------------------------------


def vervolg_na_indiening(inschrijving: Inschrijving) -> list:
    """The steps after submitting with their dates, from this procedure's Toetsingsinstelling (registered with
    inschrijving.vervolg). Expected dates until a decision is sent; from then on the decision's own dates.

    - Opening and assessment: a windowed round is opened after it closes (the "digitale kluis", 003a §3.2,
      003 r. 617-623); continuous joining is assessed from the day of submission.
    - Decision: within the streeftermijn ``behandeltermijn_dagen`` (default 90 days; 003 §1.9 r. 392 "circa drie
      (3) tot zes (6) maanden"), counted from the submission or the opening, whichever is later; the same term
      after which the panel's dashboard lists the inschrijving as late (``_behandelgrens``).
    - Standstill: ``standstill_dagen`` calendar days from the date of the decision for a kort geding (003a §3.2,
      003 r. 693-697: "binnen 20 kalenderdagen"); the admission becomes definitief the day after.
    - Agreement: from the day after the standstill, never before the procedure's term starts (as
      ``services.besluit_definitief_maken`` sets the startdatum of the overeenkomst).
    Two queries (the settings, the current decision)."""
    from inschrijving.vervolg import Vervolgstap

    if inschrijving.ingediend_op is None or inschrijving.status == Inschrijving.Status.INGETROKKEN:
        return []
    instelling = Toetsingsinstelling.voor(inschrijving.aanbesteding)
    besluit = (Besluit.objects.filter(inschrijving=inschrijving, verzonden_op__isnull=False)
               .exclude(status=Besluit.Status.INGETROKKEN).order_by("-verzonden_op").first())
    ingediend = dag(inschrijving.ingediend_op)
    sluit = inschrijving_selectors.deadline(inschrijving)
    opening = max(dag(sluit), ingediend) if sluit is not None else ingediend
    stappen = [Vervolgstap(
        "Opening en beoordeling", opening,
        ("Na de sluitingstijd opent het inkoopbureau alle inschrijvingen van deze ronde; daarna beoordeelt de "
         "beoordelingscommissie uw inschrijving in drie stappen: uitsluitingsgronden, geschiktheidseisen en "
         "uitvoeringseisen. Ontbreekt er iets, dan ontvangt u een herstelverzoek.") if sluit is not None else
        ("De beoordelingscommissie beoordeelt uw inschrijving in drie stappen: uitsluitingsgronden, "
         "geschiktheidseisen en uitvoeringseisen. Ontbreekt er iets, dan ontvangt u een herstelverzoek."),
        verwacht=kalender.vandaag() < opening,
    )]
    if besluit is not None:
        besluitdag = dag(besluit.verzonden_op)
        standstill_einde = besluit.standstill_einde or kalender.plus_kalenderdagen(besluitdag, instelling.standstill_dagen)
        verwacht = False
    else:
        besluitdag = kalender.plus_kalenderdagen(opening, instelling.behandeltermijn_dagen)
        standstill_einde = kalender.plus_kalenderdagen(besluitdag, instelling.standstill_dagen)
        verwacht = True
    stappen.append(Vervolgstap(
        "Besluit", besluitdag,
        "U ontvangt het besluit (voorlopige toelating of afwijzing, met de redenen) als brief in het portaal en een "
        "e-mail dat het klaarstaat." if verwacht else "Het besluit is verzonden; u vindt de brief bij uw besluiten.",
        verwacht=verwacht,
    ))
    stappen.append(Vervolgstap(
        "Standstilltermijn", kalender.plus_kalenderdagen(besluitdag, 1),
        f"Gedurende {instelling.standstill_dagen} kalenderdagen na de datum van het besluit kan een inschrijver een "
        "kort geding aanhangig maken. Daarna wordt een voorlopige toelating definitief.",
        tot=standstill_einde, verwacht=verwacht,
    ))
    start = max(kalender.plus_kalenderdagen(standstill_einde, 1), inschrijving.aanbesteding.looptijd_start)
    stappen.append(Vervolgstap(
        "Start van de overeenkomst", start,
        "Bij een definitieve toelating gaat uw overeenkomst in voor de percelen waarvoor u bent toegelaten, tegen de "
        "vastgestelde tarieven. U vindt haar onder Overeenkomsten.",
        verwacht=verwacht,
    ))
    return stappen


@dataclass(frozen=True)
class Werkregel:
    """What waits for one person in one procedure (the staff start page, toetsing.wagtail_hooks)."""

    aanbesteding_id: int
    titel: str
    te_beoordelen: int  # assigned to this person and not yet finished
    consensus: int  # this person chairs the commissie and the assessors are done
    toe_te_wijzen: int  # Inkoper: submitted, no assessor yet
    te_besluiten: int  # Inkoper: consensus established, no decision yet

    def _wachtrij(self, filter_naam: str = "") -> str:
        url = reverse("toetsing_wachtrij", args=[self.aanbesteding_id])
        return f"{url}?filter={filter_naam}" if filter_naam else url

    @property
    def url(self) -> str:
        """The whole queue of the procedure."""
        return self._wachtrij()

    @property
    def tellingen(self) -> list[tuple[int, str]]:
        """(count, link) per column: each count opens the queue on the filter that shows exactly those (the "mijn"
        filter for one's own assessments, the status filters for the rest)."""
        return [(self.te_beoordelen, self._wachtrij("mijn")), (self.consensus, self._wachtrij("consensus")),
                (self.toe_te_wijzen, self._wachtrij("nieuw")), (self.te_besluiten, self._wachtrij("vastgesteld"))]


def mijn_werk(user) -> list[Werkregel]:
    """Per procedure in ``user``'s assessment regions what waits for them, in one query: the queue's "mijn" filter
    over all procedures, and for an Inkoper also what is still to assign and to decide. Procedures with nothing
    waiting are left out."""
    mijn_open, als_voorzitter = _mijn_open(user), _als_voorzitter(user)
    iemand = Toewijzing.objects.filter(toetsing__inschrijving=OuterRef("pk"), status__in=Toewijzing.ACTIEF)
    inkoper = permissions.inkopersbereik(user)
    in_inkopersregio = Q() if inkoper.alle else Q(aanbesteding__regio_id__in=inkoper.ids)
    nog_nieuw = (Q(toetsing__isnull=True) | Q(toetsing__status=Toetsing.Status.NIEUW)) & ~Q(Exists(iemand))
    toewijzen = (in_inkopersregio & nog_nieuw) if not inkoper.leeg else Q(pk__in=[])
    besluiten = (in_inkopersregio & Q(toetsing__status=Toetsing.Status.VASTGESTELD)) if not inkoper.leeg else Q(pk__in=[])
    qs = binnen(Inschrijving.objects.filter(status__in=ZICHTBAAR).exclude(nog_verzegeld()),
                permissions.toetsingsbereik(user))
    rijen = (
        qs.filter(mijn_open | als_voorzitter | toewijzen | besluiten)
        .values("aanbesteding_id", "aanbesteding__titel")
        .annotate(te_beoordelen=Count("pk", filter=mijn_open, distinct=True),
                  consensus=Count("pk", filter=als_voorzitter, distinct=True),
                  toe_te_wijzen=Count("pk", filter=toewijzen, distinct=True),
                  te_besluiten=Count("pk", filter=besluiten, distinct=True))
        .order_by("aanbesteding__titel", "aanbesteding_id")
    )
    return [Werkregel(r["aanbesteding_id"], r["aanbesteding__titel"], r["te_beoordelen"], r["consensus"],
                      r["toe_te_wijzen"], r["te_besluiten"]) for r in rijen]
