"""Leegstandsvergoeding of the Tussenvoorziening (issue 14; 003 r.4140-4207, r.4259-4319, r.4878-4884,
r.5320-5401; bronnen.gooi.VERGOEDINGEN "leegstand_tussenvoorziening_v2"; ADR 0020).

The provider submits a monthly bed overview (003 r.4288: "Opdrachtnemer levert dit overzicht aan. De 'Leegstand'
wordt enkel vergoed indien Opdrachtnemer dit overzicht heeft aangeleverd"); the bureau approves or rejects it.
Readings of the source (for ADR 0020):

1. Capacity is beds × days of the month (003 r.4292: two beds a year are 730 etmalen). When the number of beds
   changed within a month (003 r.5385-5389: Leger des Heils from 10-03-2024 one bed, "426 (365+70)", r.5385) the provider
   enters the month's etmalen capaciteit itself; otherwise it is ``regels.etmalen_capaciteit``.
2. The tariff is the 43B03 tariff of the intensity of the bed's location (003 r.4282 "tegen hetzelfde tarief als
   bij aanwezigheid"; r.4880; r.5322-5326: zwaar or extra zwaar), in force on the first day of the month.
3. An overview is for a month that is over (the occupied etmalen of a running month are not known yet), not
   before the month in which the agreement and the deelname in the perceel started.
4. The source pays once a year, in January, on an invoice (003 r.4190 "factuur in januari"; r.4884 "Jaarlijks
   achteraf per factuur"). The issue asks for the payment per month: we compute the payment per approved month
   and settle it yearly; the yearly overview is what the January invoice is checked against.
5. The caps: € 175.000 per provider per year (003 r.4144, r.4190, r.4880) and € 350.000 for all providers
   together (003 r.4138 voorstel 3, r.4196). Both are applied when a month is approved, in the ORDER OF APPROVAL
   (not the order of the months): a month approved later gets what is left of the year's caps. The year is the
   calendar year of the month. Indexation of the caps ("exclusief indexatie", r.4138) is not modelled: staff
   edit the amounts of the regeling when an indexation is agreed.
6. Occupation itself is paid through the normal declarations on 43B03 (003 r.4188), not here; the yearly
   overview shows the occupied etmalen for the check of r.4300-4316 but no amount for them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, Sum

from aanbesteding.models import Tarief
from core import kalender
from core.audit import audit, momentopname
from core.geld import euro
from overeenkomst.models import Deelname, Overeenkomst

from .. import regels
from ..models import Beddenoverzicht, Leegstandsregeling
from ._gemeen import vereis_aanbieder, vereis_beheer


class Intensiteit(models.TextChoices):
    """The group intensity of the bed's location (003 r.5322-5326, r.4278-4280)."""

    ZWAAR = "zwaar", "Zwaar"
    EXTRA_ZWAAR = "extra_zwaar", "Extra zwaar"


LOPEND = (Deelname.Status.ACTIEF, Deelname.Status.CLIENTENSTOP)
_AUDITVELDEN = ["maand", "bedden", "etmalen_capaciteit", "etmalen_bezet", "intensiteit", "tarief",
                "bedrag_berekend", "bedrag_uit_te_betalen", "status"]


def intensiteit_label(code: str) -> str:
    """"extra_zwaar" → "Extra zwaar" (an unknown code is shown as stored)."""
    return dict(Intensiteit.choices).get(code, code)


def eerste_van_maand(d: date) -> date:
    return d.replace(day=1)


def lopende_deelname(overeenkomst: Overeenkomst, regeling: Leegstandsregeling) -> Deelname | None:
    """The agreement's running deelname in the regeling's perceel (none: no overview possible)."""
    if overeenkomst.aanbesteding_id != regeling.aanbesteding_id or overeenkomst.status != Overeenkomst.Status.ACTIEF:
        return None
    return (overeenkomst.deelnames.filter(perceel_id=regeling.perceel_id, status__in=LOPEND)
            .order_by("-startdatum").first())


def tarief_voor(regeling: Leegstandsregeling, intensiteit: str, maand: date) -> Decimal | None:
    """The tariff of an occupied bed of ``intensiteit`` on the first day of ``maand`` (reading 2). Tariffs are
    stored as "extra zwaar" (the demo's sources) or "extra_zwaar"; both are read."""
    varianten = {intensiteit, intensiteit.replace("_", " ")}
    tarief = (Tarief.objects.geldig_op(eerste_van_maand(maand))
              .filter(product_id=regeling.product_id, intensiteit__in=varianten).order_by("-geldig_van").first())
    return tarief.bedrag if tarief else None


def _gebruikt(qs, jaar: int) -> Decimal:
    totaal = qs.filter(status=Beddenoverzicht.Status.GOEDGEKEURD, maand__year=jaar).aggregate(
        s=Sum("bedrag_uit_te_betalen"))["s"]
    return totaal or Decimal("0.00")


@transaction.atomic
def overzicht_indienen(*, regeling: Leegstandsregeling, overeenkomst: Overeenkomst, maand: date, bedden: int,
                       etmalen_bezet: int, intensiteit: str, etmalen_capaciteit: int | None = None,
                       toelichting: str = "", door) -> Beddenoverzicht:
    """A member of the provider submits the bed overview of one month (003 r.4288). The computed amount is
    leegstand × tariff (``regels.leegstand_bedrag``); the payment is fixed at approval (reading 5)."""
    vereis_aanbieder(door, overeenkomst)
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    deelname = lopende_deelname(overeenkomst, regeling)
    if deelname is None:
        raise ValidationError("Uw organisatie neemt niet (meer) deel aan het perceel van deze leegstandsregeling.")
    maand = eerste_van_maand(maand)
    if maand >= eerste_van_maand(kalender.vandaag()):
        raise ValidationError({"maand": "Een beddenoverzicht dient u in na afloop van de maand."})
    begin = eerste_van_maand(max(overeenkomst.startdatum, deelname.startdatum))
    if maand < begin:
        raise ValidationError({"maand": f"De maand ligt vóór de start van uw deelname ({begin:%m-%Y})."})
    if intensiteit not in Intensiteit.values:
        raise ValidationError({"intensiteit": "Kies de intensiteit van de locatie van de bedden."})
    if bedden < 1:
        raise ValidationError({"bedden": "Geef het aantal beschikbare bedden (ten minste 1)."})
    maximum = regels.etmalen_capaciteit(bedden, maand)
    if etmalen_capaciteit is None:
        etmalen_capaciteit = maximum
    elif not 0 < etmalen_capaciteit <= maximum:
        raise ValidationError({"etmalen_capaciteit": f"De capaciteit ligt tussen 1 en {maximum} etmalen "
                                                     f"({bedden} bed(den) × de dagen van de maand)."})
    if etmalen_bezet > etmalen_capaciteit:
        raise ValidationError({"etmalen_bezet": f"Er zijn meer etmalen bezet ({etmalen_bezet}) dan de capaciteit "
                                                f"({etmalen_capaciteit})."})
    tarief = tarief_voor(regeling, intensiteit, maand)
    if tarief is None:
        raise ValidationError({"intensiteit": f"Voor deze intensiteit is geen tarief bekend in {maand:%m-%Y}; "
                                              "neem contact op met het bureau."})
    if Beddenoverzicht.objects.filter(overeenkomst=overeenkomst, regeling=regeling, maand=maand).exclude(
            status=Beddenoverzicht.Status.AFGEWEZEN).exists():
        raise ValidationError({"maand": "Voor deze maand is al een beddenoverzicht ingediend of goedgekeurd."})
    overzicht = Beddenoverzicht.objects.create(
        regeling=regeling, overeenkomst=overeenkomst, maand=maand, bedden=bedden,
        etmalen_capaciteit=etmalen_capaciteit, etmalen_bezet=etmalen_bezet, intensiteit=intensiteit, tarief=tarief,
        bedrag_berekend=regels.leegstand_bedrag(etmalen_capaciteit=etmalen_capaciteit, etmalen_bezet=etmalen_bezet,
                                                tarief=tarief),
        toelichting=toelichting.strip(), ingediend_op=kalender.nu(), ingediend_door=door,
    )
    audit("contractbeheer.leegstand_ingediend", overzicht, door=door, nieuw=momentopname(overzicht, _AUDITVELDEN))
    return overzicht


@transaction.atomic
def overzicht_goedkeuren(*, overzicht: Beddenoverzicht, door) -> Beddenoverzicht:
    """Staff approve a month: the payment is the computed amount within what is left of the provider's yearly
    cap and of the cap for all providers together (reading 5, order of approval). The regeling row is locked so
    two approvals at once cannot both use the same room under the cap."""
    vereis_beheer(door, overzicht)
    regeling = Leegstandsregeling.objects.select_for_update().get(pk=overzicht.regeling_id)
    overzicht = Beddenoverzicht.objects.select_for_update().get(pk=overzicht.pk)
    Beddenoverzicht.OVERGANGEN.zet(overzicht, Beddenoverzicht.Status.GOEDGEKEURD)
    jaar = overzicht.maand.year
    alle = Beddenoverzicht.objects.filter(regeling=regeling)
    bedrag = regels.binnen_plafond(overzicht.bedrag_berekend,
                                   _gebruikt(alle.filter(overeenkomst_id=overzicht.overeenkomst_id), jaar),
                                   regeling.max_per_aanbieder_per_jaar)
    bedrag = regels.binnen_plafond(bedrag, _gebruikt(alle, jaar), regeling.max_totaal_per_jaar)
    overzicht.bedrag_uit_te_betalen = euro(bedrag)
    overzicht.beoordeeld_op, overzicht.beoordeeld_door = kalender.nu(), door
    overzicht.save(update_fields=["status", "bedrag_uit_te_betalen", "beoordeeld_op", "beoordeeld_door"])
    audit("contractbeheer.leegstand_goedgekeurd", overzicht, door=door,
          nieuw={"bedrag_berekend": overzicht.bedrag_berekend, "bedrag_uit_te_betalen": overzicht.bedrag_uit_te_betalen})
    return overzicht


@transaction.atomic
def overzicht_afwijzen(*, overzicht: Beddenoverzicht, reden: str, door) -> Beddenoverzicht:
    """Staff reject a month with a reason; the provider then submits a new overview for that month."""
    vereis_beheer(door, overzicht)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": "Geef de reden van de afwijzing; de aanbieder ziet die."})
    overzicht = Beddenoverzicht.objects.select_for_update().get(pk=overzicht.pk)
    Beddenoverzicht.OVERGANGEN.zet(overzicht, Beddenoverzicht.Status.AFGEWEZEN)
    overzicht.afwijsreden = reden
    overzicht.beoordeeld_op, overzicht.beoordeeld_door = kalender.nu(), door
    overzicht.save(update_fields=["status", "afwijsreden", "beoordeeld_op", "beoordeeld_door"])
    audit("contractbeheer.leegstand_afgewezen", overzicht, door=door, toelichting=reden)
    return overzicht


def regelingen_van_organisatie(organisatie) -> list[tuple[Leegstandsregeling, Overeenkomst]]:
    """(regeling, agreement) for every regeling whose perceel the organisation takes part in (running)."""
    deelnames = (Deelname.objects.filter(overeenkomst__organisatie=organisatie, status__in=LOPEND,
                                         overeenkomst__status=Overeenkomst.Status.ACTIEF)
                 .select_related("overeenkomst__aanbesteding"))
    paren = {(d.overeenkomst.aanbesteding_id, d.perceel_id): d.overeenkomst for d in deelnames}
    if not paren:
        return []
    filt = Q()
    for ab, perceel in paren:
        filt |= Q(aanbesteding_id=ab, perceel_id=perceel)
    regelingen = Leegstandsregeling.objects.filter(filt).select_related("aanbesteding", "perceel", "product")
    return [(r, paren[(r.aanbesteding_id, r.perceel_id)]) for r in regelingen.order_by("aanbesteding__titel", "pk")]
