"""Helpers shared by the overeenkomst services: permission checks, the after-commit task module, and ending
deelnames (used by uittreding, addenda and the end of term alike)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied

from core.audit import audit

from ..models import Clientenstop, Deelname, Overeenkomst
from ..permissions import eis_contractbeheer_regio, is_contractbeheer, mag_namens_aanbieder_handelen

LOPEND = (Deelname.Status.ACTIEF, Deelname.Status.CLIENTENSTOP)


def _eis_contractbeheer(door, obj):
    """``door=None`` is the system (a task or the hand-over from toetsing): trusted code, not a request. A person
    acts only on ``obj`` of a region where they manage agreements (issue 17)."""
    if door is None:
        return
    if not is_contractbeheer(door):
        raise PermissionDenied("Alleen een contractmanager of inkoper mag dit doen.")
    eis_contractbeheer_regio(door, obj)


def _eis_contractbeheer_persoon(door, tekst: str, obj):
    """For acts a person must do (no system default), on ``obj`` of one of their regions (``None``: the caller
    checks each object itself)."""
    if door is None or not is_contractbeheer(door):
        raise PermissionDenied(tekst)
    if obj is not None:
        eis_contractbeheer_regio(door, obj)


def _eis_aanbieder(door, organisatie):
    if not mag_namens_aanbieder_handelen(door, organisatie):
        raise PermissionDenied("Alleen een beheerder van de organisatie mag dit namens de aanbieder doen.")


def _taken():
    from .. import tasks  # late: tasks imports services

    return tasks


def _deelnames_beeindigen(deelnames, einddatum: date, reden: str):
    """End ``deelnames`` on ``einddatum`` (their cliëntenstops end with them); an agreement without a running
    deelname ends too."""
    for d in deelnames:
        Deelname.OVERGANGEN.zet(d, Deelname.Status.BEEINDIGD)
        d.einddatum, d.einde_reden, d.status_sinds = max(einddatum, d.startdatum), reden[:255], einddatum
        d.save(update_fields=["status", "einddatum", "einde_reden", "status_sinds"])
        Clientenstop.objects.filter(deelname=d, opgeheven_op__isnull=True).update(
            opgeheven_op=einddatum, opheffing_toelichting="Deelname beëindigd."
        )
    for ovk_id in {d.overeenkomst_id for d in deelnames}:
        ovk = Overeenkomst.objects.select_for_update().get(pk=ovk_id)
        if not ovk.deelnames.filter(status__in=LOPEND).exists() and ovk.status != Overeenkomst.Status.BEEINDIGD:
            Overeenkomst.OVERGANGEN.zet(ovk, Overeenkomst.Status.BEEINDIGD)
            ovk.einddatum = max(einddatum, ovk.startdatum)
            ovk.save(update_fields=["status", "einddatum"])
            audit("overeenkomst.beeindigd", ovk, nieuw={"einddatum": ovk.einddatum}, toelichting=reden)
