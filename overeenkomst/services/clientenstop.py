"""Cliëntenstop: no new clients for a deelname during a term, lifted by staff or when the term ends (issue 6)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from core import kalender
from core.audit import audit
from core.taken import na_commit

from ..models import Clientenstop, Deelname
from ..permissions import eis_contractbeheer_regio
from ._gemeen import _eis_contractbeheer_persoon, _taken


@transaction.atomic
def clientenstop_opleggen(*, deelnames, van, reden, door, tot=None) -> list[Clientenstop]:
    """No new clients for a term (or until lifted). The register shows it from ``van``."""
    _eis_contractbeheer_persoon(door, "Alleen een contractmanager legt een cliëntenstop op.", None)
    if not reden.strip():
        raise ValidationError("Geef de reden van de cliëntenstop.")
    if van is None:
        raise ValidationError("Geef de ingangsdatum van de cliëntenstop.")
    if tot is not None and tot < van:
        raise ValidationError("De cliëntenstop eindigt na de ingangsdatum.")
    deelnames = list(deelnames)
    if not deelnames:
        raise ValidationError("Kies ten minste één perceel.")
    stops = []
    for d in Deelname.objects.select_for_update(of=("self",)).select_related("perceel", "overeenkomst").filter(pk__in=[d.pk for d in deelnames]):
        eis_contractbeheer_regio(door, d)
        if d.status == Deelname.Status.BEEINDIGD:
            raise ValidationError(f"Deelname {d.perceel.code} is beëindigd.")
        stop = Clientenstop.objects.create(deelname=d, van=van, tot=tot, reden=reden, opgelegd_door=door)
        stops.append(stop)
        na_commit(_taken().clientenstop_melden, stop.pk)
        audit("clientenstop.opgelegd", d.overeenkomst, door=door, nieuw={"perceel": d.perceel.code, "van": van, "tot": tot}, toelichting=reden)
    clientenstops_bijwerken()
    return stops


@transaction.atomic
def clientenstop_opheffen(*, clientenstop, toelichting, door, op=None) -> Clientenstop:
    """Staff lift a cliëntenstop (on proof); the deelname is actief again from ``op``."""
    _eis_contractbeheer_persoon(door, "Alleen een contractmanager heft een cliëntenstop op.", clientenstop)
    stop = Clientenstop.objects.select_for_update(of=("self",)).select_related("deelname__overeenkomst").get(pk=clientenstop.pk)
    if stop.opgeheven_op:
        raise ValidationError("Deze cliëntenstop is al opgeheven.")
    stop.opgeheven_op, stop.opgeheven_door, stop.opheffing_toelichting = op or kalender.vandaag(), door, toelichting
    stop.save(update_fields=["opgeheven_op", "opgeheven_door", "opheffing_toelichting"])
    audit("clientenstop.opgeheven", stop.deelname.overeenkomst, door=door, nieuw={"opgeheven_op": stop.opgeheven_op}, toelichting=toelichting)
    clientenstops_bijwerken()
    return stop


def clientenstops_bijwerken(op: date | None = None) -> int:
    """Bring Deelname.status in line with the stops in force on ``op``: a stop whose term ended is lifted,
    a stop that started sets cliëntenstop, none sets actief. Idempotent; run daily and after every change."""
    op = op or kalender.vandaag()
    verlopen = Clientenstop.objects.filter(opgeheven_op__isnull=True, tot__lt=op)
    for stop in verlopen.select_related("deelname__overeenkomst"):
        # A stop "tot en met" a day is lifted the day after.
        stop.opgeheven_op, stop.opheffing_toelichting = kalender.plus_kalenderdagen(stop.tot, 1), "Termijn verstreken."
        stop.save(update_fields=["opgeheven_op", "opheffing_toelichting"])
        audit("clientenstop.verlopen", stop.deelname.overeenkomst, nieuw={"opgeheven_op": stop.opgeheven_op})
    in_kracht = Clientenstop.objects.filter(opgeheven_op__isnull=True, van__lte=op).values("deelname_id")
    # The machine moves only rows allowed to reach the target: an ended deelname is never revived.
    gewijzigd = Deelname.OVERGANGEN.bijwerken(
        Deelname.objects.filter(pk__in=in_kracht), Deelname.Status.CLIENTENSTOP, status_sinds=op
    )
    gewijzigd += Deelname.OVERGANGEN.bijwerken(
        Deelname.objects.filter(status=Deelname.Status.CLIENTENSTOP).exclude(pk__in=in_kracht), Deelname.Status.ACTIEF,
        status_sinds=op,
    )
    return gewijzigd
