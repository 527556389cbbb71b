"""Absolute links in mails and documents: the one helper every task uses (ADR 0028).

The base of a link is ``settings.SITE_URL`` when the operator configured it (production requires it). Without
it, the base is the address the portal is served on: ``PortaaladresMiddleware`` keeps the scheme and host of the
request being handled in a context variable, the outbox row and the Celery message carry it to the worker (like
the request id of ``core.logboek``), so a mail a request triggered links to the host that request came in on
(``make run`` on 127.0.0.1:8104 mails links to 127.0.0.1:8104, not to a guessed port). A scheduled task without
either falls back to ``STANDAARD_BASIS``, the address of ``make run``.
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from django.conf import settings
from django.urls import reverse

#: The Celery message header that carries the base to the worker.
TAAK_KOPTEKST = "portaal_basis"
#: Last resort outside any request without SITE_URL (development only: production requires SITE_URL).
STANDAARD_BASIS = "http://127.0.0.1:8000"
MAX_LENGTE = 200

# Only a plain scheme://host[:port] is trusted from a message header: it ends up in every link of a mail.
_SANE = re.compile(r"https?://[A-Za-z0-9.\-\[\]:]{1,180}")

_basis: ContextVar[str] = ContextVar("portaal_basis", default="")


def opschonen(waarde: str | None) -> str:
    waarde = (waarde or "").rstrip("/")
    return waarde if _SANE.fullmatch(waarde) else ""


def huidig() -> str:
    """The base of the request (or task) being handled; empty outside one."""
    return _basis.get()


def zetten(waarde: str):
    return _basis.set(opschonen(waarde))


def terugzetten(token) -> None:
    try:
        _basis.reset(token)
    except ValueError:  # a token of another context (a signal pair split over threads): just clear
        _basis.set("")


def basis() -> str:
    """scheme://host[:port] without a trailing slash: SITE_URL, else the served host, else STANDAARD_BASIS."""
    return (getattr(settings, "SITE_URL", "") or "").rstrip("/") or huidig() or STANDAARD_BASIS


def absoluut(pad: str) -> str:
    """The absolute form of a path of the portal (``/mijn/berichten/``)."""
    return basis() + pad


def absolute_url(naam: str, *args, **kwargs) -> str:
    """``reverse(naam, args=args, kwargs=kwargs)`` as an absolute link for a mail or a document."""
    return absoluut(reverse(naam, args=args or None, kwargs=kwargs or None))


class PortaaladresMiddleware:
    """Keeps the scheme and host of the request current while it is handled. After CommonMiddleware: the host
    has been validated against ALLOWED_HOSTS by then (``request.get_host`` raises for any other)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = zetten(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            terugzetten(token)


# --- Celery: the base travels with the task (see core.logboek for the request id) ---------------------------

_tokens: dict[str, object] = {}


def bij_publiceren(sender=None, headers=None, **kwargs) -> None:
    if headers is not None and huidig():
        headers.setdefault(TAAK_KOPTEKST, huidig())


def voor_taak(sender=None, task_id=None, task=None, **kwargs) -> None:
    verzoek = getattr(task, "request", None)
    waarde = getattr(verzoek, TAAK_KOPTEKST, None) or (getattr(verzoek, "headers", None) or {}).get(TAAK_KOPTEKST)
    _tokens[task_id] = zetten(opschonen(waarde) or huidig())


def na_taak(sender=None, task_id=None, **kwargs) -> None:
    token = _tokens.pop(task_id, None)
    if token is not None:
        terugzetten(token)


def signalen_verbinden() -> None:
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(bij_publiceren, dispatch_uid="core.adressen.bij_publiceren", weak=False)
    task_prerun.connect(voor_taak, dispatch_uid="core.adressen.voor_taak", weak=False)
    task_postrun.connect(na_taak, dispatch_uid="core.adressen.na_taak", weak=False)
