"""The hand-over from toetsing (issue 5): definitieve toelating creates the agreement.

toetsing sends ``toetsing.signals.definitief_toegelaten`` after commit; the receiver below calls
``overeenkomst_uit_toelating``. A receiver that failed, or a signal sent while this app was not connected, is
caught up daily by ``openstaande_toelatingen_verwerken`` (Celery beat), which reads toetsing's decisions
directly. toetsing never imports this app (ARCHITECTURE.md: dependencies point one way).
"""

from __future__ import annotations

import logging

from django.db import transaction

from core import kalender
from toetsing.models import Besluit, BesluitPerceel
from toetsing.selectors import toegelaten_producten

from .models import Toetreding
from .services import overeenkomst_uit_toelating

log = logging.getLogger(__name__)


def bij_definitieve_toelating(sender, *, besluit=None, organisatie, aanbesteding, percelen, startdatum, producten=None,
                              **kwargs):
    """Receiver of ``definitief_toegelaten``. Errors are logged, not raised: the sender's transaction has
    committed already and the daily catch-up retries."""
    try:
        with transaction.atomic():
            overeenkomst_uit_toelating(
                organisatie=organisatie, aanbesteding=aanbesteding, percelen=percelen, startdatum=startdatum,
                bron=besluit, door=None, producten=producten,
            )
    except Exception:  # the catch-up task retries; the decision itself stands
        log.exception("Overeenkomst uit besluit %s kon niet worden aangemaakt", getattr(besluit, "pk", None))


def _definitieve_besluiten():
    """Definitive decisions that no Toetreding records as handed over yet."""
    verwerkt = Toetreding.objects.filter(bron_soort=Besluit._meta.label_lower).values_list("bron_id", flat=True)
    besluiten = (
        Besluit.objects.filter(status=Besluit.Status.DEFINITIEF)
        .exclude(pk__in=[int(x) for x in verwerkt if x.isdigit()])
        .select_related("inschrijving__organisatie", "aanbesteding")
    )
    return besluiten


def openstaande_toelatingen_verwerken() -> int:
    """Create the agreement for every definitive admission that has none yet. Idempotent (Toetreding)."""
    besluiten = _definitieve_besluiten()
    aantal = 0
    for besluit in besluiten:
        percelen = [
            bp.perceel for bp in besluit.percelen.filter(uitkomst=BesluitPerceel.Uitkomst.DEFINITIEF).select_related("perceel")
        ]
        if not percelen:
            continue
        # The same start as toetsing's signal: the day after the standstill, not before the term starts.
        basis = kalender.plus_kalenderdagen(besluit.standstill_einde, 1) if besluit.standstill_einde else besluit.definitief_op.date()
        startdatum = max(basis, besluit.aanbesteding.looptijd_start)
        try:
            with transaction.atomic():
                overeenkomst_uit_toelating(
                    organisatie=besluit.inschrijving.organisatie, aanbesteding=besluit.aanbesteding,
                    percelen=percelen, startdatum=startdatum, bron=besluit, door=None,
                    producten=toegelaten_producten(besluit),
                )
            aantal += 1
        except Exception:
            log.exception("Inhalen: overeenkomst uit besluit %s mislukt", besluit.pk)
    return aantal
