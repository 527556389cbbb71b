"""Reads of the SROI app, scoped and batched: the obligation per agreement and year is computed from the turnover,
the regime versions and the counted activities of all years up to it (the surplus carries over, 002 art. 17.3).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from django.urls import reverse

from core import kalender
from organisaties.portaal import TAKEN, Overzichtsregel
from organisaties.regios import binnen
from overeenkomst.models import Overeenkomst

from . import berekening as b
from . import permissions
from .models import (
    Doelgroep,
    SroiActiviteit,
    SroiOmzet,
    SroiPlan,
    SroiRapportage,
    SroiRegime,
    Waarderingstabel,
)


def contract_einde(overeenkomst) -> date:
    """The end of the agreement: its own end date once it ended, else the procedure's term (002 B4 Fase II)."""
    return overeenkomst.einddatum or overeenkomst.aanbesteding.looptijd_einde


def regime_voor_jaar(regimes: list[SroiRegime], jaar: int) -> SroiRegime | None:
    """The regime version in force in ``jaar``: the latest that started on or before 31 December."""
    kandidaten = [r for r in regimes if r.geldig_vanaf <= date(jaar, 12, 31)]
    return max(kandidaten, key=lambda r: r.geldig_vanaf) if kandidaten else None


def regime_op(aanbesteding, datum: date) -> SroiRegime | None:
    return SroiRegime.objects.geldig_op(aanbesteding, datum) or (
        SroiRegime.objects.filter(aanbesteding=aanbesteding).order_by("geldig_vanaf").first()
    )


def tabel_op(aanbesteding, datum: date) -> Waarderingstabel | None:
    return Waarderingstabel.objects.geldig_op(aanbesteding, datum)


@dataclass
class Jaarcijfers:
    overeenkomst: Overeenkomst
    jaar: int
    regime: SroiRegime | None
    verplichting: b.Verplichting | None
    omzet: Decimal | None
    gerealiseerd: Decimal = Decimal("0")
    wacht_op_goedkeuring: Decimal = Decimal("0")
    rapportages: list = field(default_factory=list)

    @property
    def verplicht_bedrag(self) -> Decimal:
        return self.verplichting.bedrag if self.verplichting and self.verplichting.verplicht else Decimal("0")

    @property
    def tekort(self) -> Decimal:
        return max(Decimal("0"), self.verplicht_bedrag - self.gerealiseerd)

    @property
    def overschot(self) -> Decimal:
        return b.overschot(self.verplicht_bedrag, self.gerealiseerd)

    @property
    def voortgang(self) -> int:
        return b.voortgang(self.verplicht_bedrag, self.gerealiseerd)


def jaarcijfers(overeenkomsten: list[Overeenkomst], jaar: int) -> dict[int, Jaarcijfers]:
    """Obligation, realised value and reports for each agreement in ``jaar``, in a fixed number of queries.

    Agreements must have ``aanbesteding`` loaded (select_related).
    """
    ids = [o.pk for o in overeenkomsten]
    aanbesteding_ids = {o.aanbesteding_id for o in overeenkomsten}
    regimes: dict[int, list[SroiRegime]] = defaultdict(list)
    for r in SroiRegime.objects.filter(aanbesteding_id__in=aanbesteding_ids):
        regimes[r.aanbesteding_id].append(r)
    omzetten: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for ovk, j, omzet in SroiOmzet.objects.filter(overeenkomst_id__in=ids, jaar__lte=jaar).values_list(
        "overeenkomst_id", "jaar", "omzet"
    ):
        omzetten[ovk][j] = omzet
    gerealiseerd: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for rij in (
        SroiActiviteit.objects.tellend().filter(overeenkomst_id__in=ids, jaar__lte=jaar)
        .values("overeenkomst_id", "jaar").annotate(totaal=Sum("waarde"))
    ):
        # SQLite returns sums without the cents' scale; normalise so exports read 10000,00.
        gerealiseerd[rij["overeenkomst_id"]][rij["jaar"]] = b.euro(rij["totaal"])
    wachtend = dict(
        SroiActiviteit.objects.filter(
            overeenkomst_id__in=ids, jaar=jaar, status=SroiActiviteit.Status.GEREGISTREERD,
            regel__vereist_goedkeuring=True,
        ).values("overeenkomst_id").annotate(totaal=Sum("waarde")).values_list("overeenkomst_id", "totaal")
    )
    wachtend = {k: b.euro(v) for k, v in wachtend.items() if v is not None}
    rapportages: dict[int, list[SroiRapportage]] = defaultdict(list)
    for rap in SroiRapportage.objects.filter(overeenkomst_id__in=ids).filter(Q(jaar=jaar) | Q(soort="eind")):
        rapportages[rap.overeenkomst_id].append(rap)

    uitkomst = {}
    per_jaar_cache: dict[tuple[int, int], dict[int, SroiRegime]] = {}
    for o in overeenkomsten:
        eigen = regimes.get(o.aanbesteding_id, [])
        eerste = o.startdatum.year
        sleutel = (o.aanbesteding_id, eerste)
        if sleutel not in per_jaar_cache:  # agreements of one procedure mostly share their start year
            per_jaar_cache[sleutel] = {
                j: r for j in range(eerste, jaar + 1) if (r := regime_voor_jaar(eigen, j)) is not None
            }
        parameters = {j: r.parameters for j, r in per_jaar_cache[sleutel].items()}
        reeks = b.verplichtingen_reeks(parameters, omzetten[o.pk], gerealiseerd[o.pk]) if parameters else {}
        uitkomst[o.pk] = Jaarcijfers(
            overeenkomst=o,
            jaar=jaar,
            regime=per_jaar_cache[sleutel].get(jaar) if jaar >= eerste else regime_voor_jaar(eigen, jaar),
            verplichting=reeks.get(jaar),
            omzet=omzetten[o.pk].get(jaar),
            gerealiseerd=gerealiseerd[o.pk].get(jaar, Decimal("0")),
            wacht_op_goedkeuring=wachtend.get(o.pk) or Decimal("0"),
            rapportages=sorted(rapportages[o.pk], key=lambda r: (r.periode_einde, r.soort)),
        )
    return uitkomst


# ------------------------------------------------------------------------------------------------ provider side


def overeenkomsten_van(organisatie):
    """The organisation's agreements under a procedure with an SROI regime."""
    if not organisatie:
        return Overeenkomst.objects.none()
    return (
        Overeenkomst.objects.filter(organisatie=organisatie, aanbesteding__sroi_regimes__isnull=False)
        .select_related("aanbesteding", "organisatie").distinct().order_by("aanbesteding__titel")
    )


def overeenkomst_van(organisatie, pk: int) -> Overeenkomst:
    """One agreement of the organisation; another organisation's id is simply not found (404, no IDOR)."""
    return get_object_or_404(overeenkomsten_van(organisatie), pk=pk)


def activiteiten_van(overeenkomst, jaar: int | None = None):
    qs = (
        SroiActiviteit.objects.filter(overeenkomst=overeenkomst)
        .select_related("regel__tabel", "doelgroep", "rapportage")
        .annotate(aantal_bewijs=Count("bewijsstukken"))
    )
    return qs.filter(jaar=jaar) if jaar is not None else qs


def plannen_van(overeenkomst):
    return SroiPlan.objects.filter(overeenkomst=overeenkomst).select_related("beoordeeld_door")


def doelgroepen_van(aanbesteding):
    return Doelgroep.objects.filter(aanbesteding=aanbesteding, actief=True)


# ------------------------------------------------------------------------------------------------ bureau side


def dashboard(aanbesteding, jaar: int) -> dict:
    """Per provider: obligation, realised, gap, report status, sorted by gap (largest first); totals per
    category and target group (issue 7, bureau side)."""
    overeenkomsten = list(
        Overeenkomst.objects.filter(aanbesteding=aanbesteding).select_related("aanbesteding", "organisatie")
    )
    cijfers = jaarcijfers(overeenkomsten, jaar)
    rijen = sorted(cijfers.values(), key=lambda c: (-c.tekort, c.overeenkomst.organisatie.naam))
    tellend = SroiActiviteit.objects.tellend().filter(overeenkomst__aanbesteding=aanbesteding, jaar=jaar)
    per_categorie = list(
        tellend.values("regel__categorie").annotate(totaal=Sum("waarde"), aantal=Count("pk")).order_by("regel__categorie")
    )
    per_doelgroep = list(
        tellend.values("doelgroep__naam").annotate(totaal=Sum("waarde"), aantal=Count("pk")).order_by("doelgroep__naam")
    )
    for rij in per_categorie + per_doelgroep:
        rij["totaal"] = b.euro(rij["totaal"])
    totaal_verplichting = sum((c.verplicht_bedrag for c in rijen), Decimal("0"))
    totaal_gerealiseerd = sum((c.gerealiseerd for c in rijen), Decimal("0"))
    return {
        "rijen": rijen,
        "per_categorie": per_categorie,
        "per_doelgroep": per_doelgroep,
        "totaal_verplichting": totaal_verplichting,
        "totaal_gerealiseerd": totaal_gerealiseerd,
        "totaal_tekort": sum((c.tekort for c in rijen), Decimal("0")),
    }


def te_beoordelen_plannen():
    return SroiPlan.objects.filter(status=SroiPlan.Status.INGEDIEND).select_related(
        "overeenkomst__organisatie", "overeenkomst__aanbesteding"
    ).order_by("ingediend_op")


def te_beoordelen_activiteiten():
    return (
        SroiActiviteit.objects.filter(status=SroiActiviteit.Status.GEREGISTREERD)
        .select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding", "regel", "doelgroep")
        .annotate(aantal_bewijs=Count("bewijsstukken"))
        .order_by("-regel__vereist_goedkeuring", "geregistreerd_op")
    )


def te_verifieren_rapportages():
    return SroiRapportage.objects.filter(
        status__in=[SroiRapportage.Status.INGEDIEND, SroiRapportage.Status.BEWIJS_GEVRAAGD]
    ).select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding").order_by("ingediend_op")


def plantermijnen(overeenkomst, regime, vandaag: date) -> dict:
    """The first appointment or contact (MLO: 7 days after award, 002 B4 Fase I b; Gooi: within 2 weeks of
    signing, 003b Bijlage VII), counted from the agreement's start; overdue while no plan was submitted."""
    if regime is None or not regime.afspraak_termijn_dagen:
        return {}
    uiterlijk = kalender.plus_kalenderdagen(overeenkomst.startdatum, regime.afspraak_termijn_dagen)
    heeft_plan = overeenkomst.sroi_plannen.exists()
    return {"afspraak_uiterlijk": uiterlijk, "afspraak_verlopen": not heeft_plan and vandaag > uiterlijk}


def beoordelen_uiterlijk(plannen) -> None:
    """Annotate each plan with ``beoordelen_uiterlijk`` (Gooi: approval within 3 weeks of submission, 003b
    Bijlage VII), with one query for all regimes."""
    plannen = list(plannen)
    regimes: dict[int, list[SroiRegime]] = defaultdict(list)
    for r in SroiRegime.objects.filter(aanbesteding_id__in={p.overeenkomst.aanbesteding_id for p in plannen}):
        regimes[r.aanbesteding_id].append(r)
    for p in plannen:
        # The Dutch calendar day of submission: a plan sent at 00:30 in Amsterdam is still 23:30 the day before in UTC.
        ingediend = p.ingediend_op.astimezone(kalender.TZ).date()
        kandidaten = [r for r in regimes[p.overeenkomst.aanbesteding_id] if r.geldig_vanaf <= ingediend] or regimes[
            p.overeenkomst.aanbesteding_id]
        regime = max(kandidaten, key=lambda r: r.geldig_vanaf) if kandidaten else None
        dagen = regime.plan_goedkeuren_dagen if regime else None
        p.beoordelen_uiterlijk = kalender.plus_kalenderdagen(ingediend, dagen) if dagen else None
    return plannen


# --- the provider's overview across regions (issue 17) -----------------------------------------------


def overzicht_regels(organisatie) -> list[Overzichtsregel]:
    """SROI reports the organisation owes in every region: periods that are over and not yet handed in, and
    reports where the adviser asked for more evidence (002 B4 Fase II). One query."""
    vandaag = kalender.vandaag()
    qs = (
        SroiRapportage.objects.filter(overeenkomst__organisatie=organisatie)
        .filter(Q(status=SroiRapportage.Status.OPEN, periode_einde__lt=vandaag) | Q(status=SroiRapportage.Status.BEWIJS_GEVRAAGD))
        .select_related("overeenkomst__aanbesteding")
    )
    return [
        Overzichtsregel(
            r.overeenkomst.aanbesteding.regio_id, TAKEN, f"SROI: {r.naam} bij {r.overeenkomst.aanbesteding.titel}",
            reverse("sroi:rapportage", args=[r.pk]), r.get_status_display(), r.deadline,
            r.bewijsverzoek if r.status == SroiRapportage.Status.BEWIJS_GEVRAAGD else "",
        )
        for r in qs
    ]


def te_beoordelen(user) -> list[tuple[str, int, str]]:
    """What waits for the SROI-adviseur in their regions, as (label, count, url of the list): the same querysets
    as the three work lists (the staff start page, sroi.wagtail_hooks). Three counts."""
    b = permissions.sroi_bereik(user)
    return [
        ("Plannen te beoordelen", binnen(te_beoordelen_plannen(), b).count(), reverse("sroi_admin_plannen")),
        ("Activiteiten te beoordelen", binnen(te_beoordelen_activiteiten(), b).count(),
         reverse("sroi_admin_activiteiten")),
        ("Rapportages te verifiëren", binnen(te_verifieren_rapportages(), b).count(), reverse("sroi_admin_rapportages")),
    ]
