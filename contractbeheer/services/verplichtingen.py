"""The yearly duties: one Verantwoording per running agreement, part and (where the part is per municipality)
municipality. Created by the daily task for the past year (idempotent), and by the demo data."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q

from core.audit import audit
from overeenkomst.models import Overeenkomst

from .. import regels
from ..models import Verantwoording, Verantwoordingseis


def _gemeenten_per_aanbesteding(aanbesteding_ids) -> dict[int, list[int]]:
    from aanbesteding.models import DeelnemendeGemeente

    uit: dict[int, list[int]] = {}
    for a_id, g_id in (DeelnemendeGemeente.objects.filter(aanbesteding_id__in=aanbesteding_ids)
                       .order_by("aanbesteding_id", "gemeente__naam")
                       .values_list("aanbesteding_id", "gemeente_id").distinct()):
        if g_id not in uit.setdefault(a_id, []):
            uit[a_id].append(g_id)
    return uit


def verantwoordingen_aanmaken(jaar: int, *, aanbesteding=None, niet_verlopen_op: date | None = None) -> int:
    """Create the missing duties of ``jaar`` for every agreement that ran for at least one day in that year.

    A part per municipality is owed for every municipality taking part in the procedure (002 B1 32: "specifiek
    voor de Gemeente opgesteld"); a provider without turnover there submits € 0. Returns the number created.
    Runs in a fixed number of queries whatever the number of agreements (bulk insert, conflicts ignored), so the
    daily task can simply run it again.

    ``niet_verlopen_op``: skip parts whose deadline lies before that day. The daily task passes today, so the first
    run after going live (or after a procedure's rules are loaded late in the year) does not create duties that are
    late the moment they exist and were never announced; staff can still create them on purpose (demo, import).
    """
    eisen = list(Verantwoordingseis.objects.filter(actief=True)
                 .filter(Q(aanbesteding=aanbesteding) if aanbesteding else Q()))
    if not eisen:
        return 0
    per_aanbesteding: dict[int, list[Verantwoordingseis]] = {}
    for eis in eisen:
        per_aanbesteding.setdefault(eis.aanbesteding_id, []).append(eis)
    gemeenten = _gemeenten_per_aanbesteding(per_aanbesteding)
    overeenkomsten = (Overeenkomst.objects.filter(aanbesteding_id__in=per_aanbesteding)
                      .filter(startdatum__lte=date(jaar, 12, 31))
                      .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=date(jaar, 1, 1)))
                      .values_list("pk", "aanbesteding_id"))
    nieuw = []
    for ov_id, a_id in overeenkomsten:
        for eis in per_aanbesteding[a_id]:
            uiterlijk = regels.verantwoording_uiterlijk(jaar, eis.voor_dag, eis.voor_maand)
            if niet_verlopen_op is not None and uiterlijk < niet_verlopen_op:
                continue
            for g_id in (gemeenten.get(a_id, []) if eis.per_gemeente else [None]):
                nieuw.append(Verantwoording(overeenkomst_id=ov_id, eis=eis, jaar=jaar, gemeente_id=g_id,
                                            uiterlijk=uiterlijk))
    with transaction.atomic():
        voor = Verantwoording.objects.filter(jaar=jaar).count()
        Verantwoording.objects.bulk_create(nieuw, ignore_conflicts=True, batch_size=500)
        aantal = Verantwoording.objects.filter(jaar=jaar).count() - voor
        if aantal:
            audit("contractbeheer.verantwoordingen_aangemaakt", aanbesteding, door=None,
                  nieuw={"jaar": jaar, "aantal": aantal})
    return aantal
