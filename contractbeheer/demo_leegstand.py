"""Demo data of the leegstandsvergoeding and the budget ceilings (issue 14). On the Gooi procedure: two demo
providers admitted to 5.10.1 Tussenvoorziening (the real providers of 003, Youké and Leger des Heils, are not demo
organisations: the demo's providers are fictitious, bronnen.regio.AANBIEDERS), with the intensities of 003
r.4278-4280 (extra zwaar like Youké, zwaar like Leger des Heils) and two beds each. A provider with a demo
account (Zorgkracht) submits its months: three approved and one waiting; one without (De Brug) is admitted but
has nobody to submit. Per procedure a per-provider ceiling (004 §3.1) on the perceel with the largest approved
spend, set so that spend is just over 80 % (a warning shows). Idempotent: what exists is left alone."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_UP, Decimal

from django.db.models import Sum

from organisaties.models import Lidmaatschap, Organisatie
from overeenkomst.models import Overeenkomst
from overeenkomst.services import overeenkomst_uit_toelating

from .models import Beddenoverzicht, Budgetplafond, Leegstandsregeling, Omzetregel, Verantwoordingsinzending
from .services import leegstand as diensten

# (KvK of a demo provider, intensity of its location, occupied etmalen per month Jan..; the last one stays
# submitted). Two beds: capacity 62/56/62/60 etmalen.
TUSSENVOORZIENING = [
    ("99990011", diensten.Intensiteit.EXTRA_ZWAAR, (21, 30, 12, 40)),
    ("99990022", diensten.Intensiteit.ZWAAR, (35, 18, 44)),
]


def _lid(organisatie):
    lid = (Lidmaatschap.objects.filter(organisatie=organisatie).select_related("user").order_by("rol", "pk")
           .first())
    return lid.user if lid else None


def _leegstand(aanbesteding, staf, jaar: int, stdout) -> None:
    regeling = Leegstandsregeling.objects.filter(aanbesteding=aanbesteding).select_related("perceel").first()
    if regeling is None:
        stdout.write("  leegstand: geen leegstandsregeling (perceel 5.10.1 met 43B03) op de procedure; overgeslagen")
        return
    aantal = 0
    for kvk, intensiteit, bezet in TUSSENVOORZIENING:
        org = Organisatie.objects.filter(kvk_nummer=kvk).first()
        ovk = Overeenkomst.objects.filter(aanbesteding=aanbesteding, organisatie=org,
                                          status=Overeenkomst.Status.ACTIEF).first() if org else None
        if ovk is None:
            continue
        # Admitted to the Tussenvoorziening from 1-1-2024 (own product code 43B03 from then on, 003 r.5383).
        overeenkomst_uit_toelating(organisatie=org, aanbesteding=aanbesteding, percelen=[regeling.perceel],
                                   startdatum=max(date(2024, 1, 1), ovk.startdatum), door=staf,
                                   bron="Demo: toelating Tussenvoorziening (venster TV-2023-2)")
        lid = _lid(org)
        if lid is None:
            continue
        for i, etmalen_bezet in enumerate(bezet):
            maand = date(jaar, i + 1, 1)
            if Beddenoverzicht.objects.filter(regeling=regeling, overeenkomst=ovk, maand=maand).exists():
                continue
            o = diensten.overzicht_indienen(regeling=regeling, overeenkomst=ovk, maand=maand, bedden=2,
                                            etmalen_bezet=etmalen_bezet, intensiteit=intensiteit, door=lid,
                                            toelichting="Overzicht uit de eigen bedplanning.")
            if i < len(bezet) - 1:
                diensten.overzicht_goedkeuren(overzicht=o, door=staf)
            aantal += 1
    stdout.write(f"  leegstand: {aantal} beddenoverzichten {jaar} op {regeling}")


def _plafond(aanbesteding, jaar: int, stdout) -> None:
    """A ceiling for the provider with the largest approved spend on one perceel, at spend / 0,85 rounded up to
    € 1.000: the admin page shows the 80 % warning."""
    top = (Omzetregel.objects.filter(inzending__status=Verantwoordingsinzending.Status.GOEDGEKEURD,
                                     inzending__verantwoording__jaar=jaar,
                                     inzending__verantwoording__overeenkomst__aanbesteding=aanbesteding)
           .values("inzending__verantwoording__overeenkomst", "product__perceel")
           .annotate(omzet=Sum("omzet")).order_by("-omzet").first())
    if not top or not top["omzet"]:
        return
    if Budgetplafond.objects.filter(aanbesteding=aanbesteding, code="demo-aanbieder").exists():
        return
    bedrag = (top["omzet"] / Decimal("0.85") / 1000).quantize(Decimal(1), rounding=ROUND_UP) * 1000
    Budgetplafond.objects.create(
        aanbesteding=aanbesteding, perceel_id=top["product__perceel"], code="demo-aanbieder",
        overeenkomst_id=top["inzending__verantwoording__overeenkomst"], naam="Budgetplafond per aanbieder (demo)",
        soort=Budgetplafond.Soort.PER_AANBIEDER, bedrag=bedrag, jaar=jaar,
        bron="Demo; 004 §3.1 r.185: een budgetplafond per aanbieder")
    stdout.write(f"  budgetplafond: per aanbieder € {bedrag} op {aanbesteding}")


def laad(aanbesteding, code, staf, stdout, jaar: int | None = None) -> None:
    from core import kalender

    jaar = jaar or kalender.vandaag().year - 1
    if code == "gooi":
        _leegstand(aanbesteding, staf, jaar, stdout)
    _plafond(aanbesteding, jaar, stdout)
