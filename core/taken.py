"""Enqueue Celery tasks through a transactional outbox (rule 6 of ARCHITECTURE.md, ADR 0013).

``na_commit`` writes a ``core.models.Uitgaand`` row in the caller's transaction and publishes the task once that
transaction commits. Publishing fails fast: with the broker down the request still answers success, the row
stays pending and the relay ``uitgaand_doorsturen`` (Celery beat, every minute) publishes it later. The row is
marked done only when the task itself succeeded (``PortaalTaak.on_success``); a task that was published but
never finished (a killed worker, a lost Redis without persistence) is published again after ``HERZEND_NA``.
Every task is idempotent and works from state, so a second delivery does no harm.

Models are imported inside the functions: ``portal.celery`` names ``PortaalTaak`` before Django is set up.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from celery import Task
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

from core import adressen, kalender, logboek

logger = logging.getLogger(__name__)

#: The message header that carries the outbox row id to the worker.
KOPTEKST = "uitgaand_id"
#: A row published this long ago and still not done is published again: longer than the hard time limit of a
#: task plus a margin, so a task that is merely slow is not doubled on purpose (a double is harmless anyway).
HERZEND_NA = timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 600) + 60)
#: Committed but never published (the broker was down at commit): picked up after this grace, which leaves the
#: on_commit publish of a fresh row alone.
WACHTTIJD_NIEUW = timedelta(seconds=30)
#: After this many publications a failing task is left for an operator (``laatste_fout`` says why); with the
#: relay every minute and HERZEND_NA ≈ 11 minutes that is more than half a day of retries.
MAX_POGINGEN = 72
#: Finished rows are kept this long for inspection, then pruned.
BEWAARTERMIJN = timedelta(days=30)


class OpnieuwProberen(Exception):  # noqa: N818 - a signal to the outbox, not an error of the caller
    """Raised by a task that cannot finish yet for a passing reason (a seal that failed, a service that is down):
    its outbox row stays open and the relay publishes it again; in-process it does not reach the user, whose
    action was stored."""


def na_commit(taak, *args, **kwargs) -> None:
    """Record ``taak(*args, **kwargs)`` in the outbox now and publish it once the current transaction commits;
    immediately when there is none. Arguments must be JSON (ids, not objects)."""
    from core.models import Uitgaand

    # The request id is kept with the row: a task the relay publishes minutes later still carries it (issue 15).
    rij = Uitgaand.objects.create(taak=taak.name, args=list(args), kwargs=kwargs, aangemaakt_op=kalender.nu(),
                                  request_id=logboek.huidig()[:logboek.MAX_LENGTE],
                                  basis_url=adressen.huidig()[:adressen.MAX_LENGTE])
    transaction.on_commit(partial(publiceren, rij.pk))


def publiceren(uitgaand_id: int) -> bool:
    """Publish one outbox row. Never raises for an unreachable broker: it logs, leaves the row pending for the
    relay and returns False. The row is marked sent before publishing (an eager task finishes inside
    ``apply_async``), and unmarked again when publishing failed."""
    from celery import current_app

    from core.models import Uitgaand

    rij = Uitgaand.objects.filter(pk=uitgaand_id, afgerond_op__isnull=True).first()
    if rij is None:
        return False
    taak = current_app.tasks[rij.taak]
    Uitgaand.objects.filter(pk=rij.pk).update(verzonden_op=kalender.nu(), pogingen=rij.pogingen + 1)
    try:
        # retry=False: the outbox is the retry. The transport options (settings) bound the connect attempt, so an
        # unreachable broker costs the request well under a second instead of hanging it.
        koppen = {KOPTEKST: rij.pk}
        if rij.request_id:
            koppen[logboek.TAAK_KOPTEKST] = rij.request_id
        if rij.basis_url:
            koppen[adressen.TAAK_KOPTEKST] = rij.basis_url
        taak.apply_async(args=rij.args, kwargs=rij.kwargs, headers=koppen, retry=False)
    except Exception as fout:
        if taak.app.conf.task_always_eager:
            # In-process (dev, tests: propagation on): the error came from the task itself, before on_failure
            # could note it. Note it on the row, which stays open for the relay; a passing failure stays there
            # (the user's action was stored), any other error surfaces.
            Uitgaand.objects.filter(pk=rij.pk).update(laatste_fout=repr(fout)[:2000])
            if isinstance(fout, OpnieuwProberen):
                logger.warning("Taak %s (uitgaand %s) nog niet klaar, de doorstuurtaak probeert het opnieuw: %s",
                               rij.taak, rij.pk, fout)
                return True
            raise
        if not isinstance(fout, OperationalError):  # Celery re-raises every transport error as this one
            raise
        logger.warning("Taak %s (uitgaand %s) niet verzonden, de doorstuurtaak probeert het opnieuw: %s",
                       rij.taak, rij.pk, fout)
        Uitgaand.objects.filter(pk=rij.pk, afgerond_op__isnull=True).update(
            verzonden_op=None, laatste_fout=f"Niet verzonden: {fout}"[:2000])
        return False
    return True


def doorsturen() -> dict:
    """The relay: publish every open row that was never published (after a short grace) or that was published
    but not finished within HERZEND_NA; prune finished rows after BEWAARTERMIJN. Idempotent, catches up."""
    from django.db.models import Q

    from core.models import Uitgaand

    nu = kalender.nu()
    open_ = Uitgaand.objects.filter(afgerond_op__isnull=True, pogingen__lt=MAX_POGINGEN).filter(
        Q(verzonden_op__isnull=True, aangemaakt_op__lt=nu - WACHTTIJD_NIEUW) | Q(verzonden_op__lt=nu - HERZEND_NA)
    )
    verzonden = mislukt = 0
    for pk in list(open_.order_by("aangemaakt_op", "pk").values_list("pk", flat=True)[:500]):
        try:
            gelukt = publiceren(pk)
        except Exception:  # in-process: one failing task must not stop the relay for the others
            logger.exception("Uitgaande taak %s mislukt", pk)
            mislukt += 1
            continue
        if gelukt:
            verzonden += 1
        else:
            mislukt += 1
            break  # the broker is down: the next run tries the rest
    opgeruimd, _ = Uitgaand.objects.filter(afgerond_op__lt=nu - BEWAARTERMIJN).delete()
    return {"verzonden": verzonden, "mislukt": mislukt, "opgeruimd": opgeruimd}


class PortaalTaak(Task):
    """The base class of every task of the app (``Celery(task_cls=...)``): when a delivery that came from the
    outbox succeeds, its row is marked done; a failure is noted on the row and the relay tries again."""

    def _uitgaand_id(self) -> int | None:
        verzoek = self.request
        waarde = getattr(verzoek, KOPTEKST, None)
        if waarde is None:
            waarde = (getattr(verzoek, "headers", None) or {}).get(KOPTEKST)
        return int(waarde) if waarde is not None else None

    def on_success(self, retval, task_id, args, kwargs):
        uitgaand_id = self._uitgaand_id()
        if uitgaand_id is not None:
            from core.models import Uitgaand

            Uitgaand.objects.filter(pk=uitgaand_id, afgerond_op__isnull=True).update(
                afgerond_op=kalender.nu(), laatste_fout="")

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        uitgaand_id = self._uitgaand_id()
        if uitgaand_id is not None:
            from core.models import Uitgaand

            Uitgaand.objects.filter(pk=uitgaand_id, afgerond_op__isnull=True).update(laatste_fout=repr(exc)[:2000])
