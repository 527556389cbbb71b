"""Health of the running portal (issue 15): the checks behind ``/gezondheid/`` and the beat heartbeat.

Each check returns a small dict with ``status`` "ok" or "fout" and, on failure, a Dutch ``melding`` for the
operator. A melding never carries the exception's text: a driver's message can hold a host, a user name or a
whole URL with its password (``redis://:geheim@...``); only the exception's class name is shown, and the full
error goes to the log.
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from . import kalender
from .models import Hartslag

logger = logging.getLogger(__name__)

#: The source of the row ``core.tasks.hartslag`` writes.
BRON_BEAT = "beat"
#: The broker check gives up after this many seconds: a health check that hangs is worse than one that fails.
BROKER_TIMEOUT = 2.0


def _fout(melding: str, fout: Exception) -> dict:
    logger.warning("Gezondheidscontrole: %s", melding, exc_info=fout)
    return {"status": "fout", "melding": f"{melding} ({type(fout).__name__})"}


def database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as fout:
        return _fout("De database is niet bereikbaar.", fout)
    return {"status": "ok"}


def cache_controle() -> dict:
    """Writes a key and reads it back: a cache that accepts writes but returns nothing (a full or misconfigured
    Redis, a dummy backend) fails too, since rate limits and sessions would silently stop working."""
    sleutel, waarde = f"gezondheid:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(sleutel, waarde, 10)
        gelezen = cache.get(sleutel)
        cache.delete(sleutel)
    except Exception as fout:
        return _fout("De cache is niet bereikbaar.", fout)
    if gelezen != waarde:
        logger.warning("Gezondheidscontrole: de cache gaf een geschreven sleutel niet terug.")
        return {"status": "fout", "melding": "De cache gaf een zojuist geschreven sleutel niet terug."}
    return {"status": "ok"}


def _in_proces() -> bool:
    return bool(settings.CELERY_TASK_ALWAYS_EAGER) or settings.CELERY_BROKER_URL.startswith("memory://")


def broker() -> dict:
    """A real connection to CELERY_BROKER_URL, bounded by BROKER_TIMEOUT. In-process tasks (``memory://`` or
    eager) have no broker to reach: that is ok, not a failure."""
    if _in_proces():
        return {"status": "ok", "soort": "in proces"}
    from celery import current_app

    try:
        with current_app.connection_for_write() as verbinding:
            verbinding.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT)
    except Exception as fout:
        return _fout("De broker (CELERY_BROKER_URL) is niet bereikbaar.", fout)
    return {"status": "ok", "soort": "broker"}


def beat_max_leeftijd() -> int:
    return int(getattr(settings, "GEZONDHEID_BEAT_MAX_SECONDEN", 180))


def beat() -> dict:
    """Seconds since the last heartbeat of beat (``core.tasks.hartslag``). The heartbeat is written by a worker
    running what beat scheduled, so a fresh one proves both run. "niet van toepassing" with in-process tasks:
    there is no beat then."""
    if _in_proces():
        return {"status": "niet van toepassing"}
    maximum = beat_max_leeftijd()
    moment = Hartslag.objects.filter(bron=BRON_BEAT).values_list("moment", flat=True).first()
    if moment is None:
        return {"status": "onbekend", "max_seconden": maximum,
                "melding": "Beat heeft nog nooit een hartslag vastgelegd (draaien beat en een worker?)."}
    leeftijd = max(0, int((kalender.nu() - moment).total_seconds()))
    if leeftijd > maximum:
        return {"status": "verouderd", "leeftijd_seconden": leeftijd, "max_seconden": maximum,
                "melding": f"De laatste hartslag van beat is {leeftijd} seconden oud (meer dan {maximum})."}
    return {"status": "ok", "leeftijd_seconden": leeftijd, "max_seconden": maximum}


def rapport() -> tuple[dict, int]:
    """The whole report and its HTTP status: 503 when the database, the cache or the broker fails.

    A stale or missing beat heartbeat is a warning, not a 503: the status is what a load balancer uses to take
    this web instance out of rotation, and beat is a separate single process. Pulling every healthy web
    instance because beat stopped would take the whole site down for users while it can serve them perfectly
    well; scheduled work catches up once beat runs again (every scheduled task works from state). Monitoring
    alerts on ``waarschuwingen`` instead."""
    # The checks that decide the HTTP status, in the order they are reported.
    controles = {"database": database(), "cache": cache_controle(), "broker": broker()}
    # Without a database there is no heartbeat to read; the database failure already says why.
    hartslag = beat() if controles["database"]["status"] == "ok" else {"status": "onbekend"}
    fouten = [c["melding"] for c in controles.values() if c["status"] != "ok"]
    waarschuwingen = [hartslag["melding"]] if "melding" in hartslag else []
    gegevens = {
        "status": "fout" if fouten else "ok",
        "controles": controles,
        "beat": hartslag,
        "fouten": fouten,
        "waarschuwingen": waarschuwingen,
    }
    return gegevens, 503 if fouten else 200


def hartslag_vastleggen(bron: str = BRON_BEAT) -> Hartslag:
    """Record that ``bron`` is alive now (one row per source, overwritten)."""
    rij, _ = Hartslag.objects.update_or_create(bron=bron, defaults={"moment": kalender.nu()})
    return rij
