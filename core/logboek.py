"""Structured logs and the request id (issue 15).

Every request gets an id (``portal.middleware.RequestIdMiddleware``): taken from a sane incoming ``X-Request-ID``
(a proxy or load balancer that already assigned one), otherwise a fresh uuid4 hex. It lives in a contextvar for
the duration of the request, so every log line, every audit entry (``core.audit.audit``) and every Celery task
published from the request (a message header, set by ``bij_publiceren``; the outbox row keeps it too, ADR 0013)
carries the same id. In the worker ``voor_taak``/``na_taak`` put the id of the message back in the contextvar for
the duration of the task.

This module imports nothing of Django's models or of gunicorn: ``portal/gunicorn.conf.py`` uses the formatter
before Django is set up.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from datetime import UTC, datetime

from .meegegeven import Meegegeven

#: The HTTP header (request and response) and the Celery message header that carry the id.
HTTP_KOPTEKST = "X-Request-ID"
TAAK_KOPTEKST = "request_id"
#: Stored on audit entries and outbox rows (CharField max_length).
MAX_LENGTE = 64

# An incoming id is only trusted when it is short and plain: it ends up in log lines (no newlines or quotes that
# could forge a line), in a response header and in a database column of MAX_LENGTE.
_SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,63}")


def nieuw() -> str:
    return uuid.uuid4().hex


def opschonen(waarde: str | None) -> str | None:
    """``waarde`` when it is a sane request id (8-64 characters of letters, digits and ``._:-``), else None."""
    if waarde and _SANE.fullmatch(waarde):
        return waarde
    return None


# The id in a contextvar, carried to Celery tasks (core.meegegeven): a task without one gets a fresh id, so the
# log lines of one run of a scheduled task still belong together.
_request_id = Meegegeven("core.logboek", TAAK_KOPTEKST, opschonen, zonder=nieuw)
huidig, zetten, terugzetten = _request_id.huidig, _request_id.zetten, _request_id.terugzetten


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record that passes the handler ("-" outside a request), so a format string
    or the JSON formatter can always use it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = huidig() or "-"
        return True


_vorige_fabriek = None


def fabriek_installeren() -> None:
    """Give every record ``request_id`` at creation, whatever handler sees it (pytest's caplog, a handler an
    operator adds, Celery's own): a handler filter alone only covers the handlers configured in LOGGING.
    Idempotent (``CoreConfig.ready`` may run more than once in tests)."""
    global _vorige_fabriek
    if _vorige_fabriek is not None:
        return
    _vorige_fabriek = vorige = logging.getLogRecordFactory()

    def fabriek(*args, **kwargs):
        record = vorige(*args, **kwargs)
        record.request_id = huidig() or "-"
        return record

    logging.setLogRecordFactory(fabriek)


# The attributes every LogRecord has; anything else on a record came in through ``extra=`` and is written as a
# field of its own.
_STANDAARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, ``request_id``,
    ``exception`` when there is one, and every ``extra=`` field. Log collectors (Loki, ELK, CloudWatch) read it
    without a parsing rule."""

    def format(self, record: logging.LogRecord) -> str:
        regel = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or huidig() or "-",
            "process": record.process,
        }
        for sleutel, waarde in vars(record).items():
            if sleutel not in _STANDAARD and not sleutel.startswith("_"):
                regel[sleutel] = waarde
        if record.exc_info:
            regel["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            regel["stack"] = self.formatStack(record.stack_info)
        return json.dumps(regel, ensure_ascii=False, default=str)


# --- Celery: the id travels with the task (core.meegegeven) ----------------------------------------------------

bij_publiceren, voor_taak, na_taak = _request_id.bij_publiceren, _request_id.voor_taak, _request_id.na_taak
signalen_verbinden = _request_id.signalen_verbinden
