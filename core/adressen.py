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

from django.conf import settings
from django.urls import reverse

from .meegegeven import Meegegeven

#: The Celery message header that carries the base to the worker.
TAAK_KOPTEKST = "portaal_basis"
#: Last resort outside any request without SITE_URL (development only: production requires SITE_URL).
STANDAARD_BASIS = "http://127.0.0.1:8000"
MAX_LENGTE = 200

# Only a plain scheme://host[:port] is trusted from a message header: it ends up in every link of a mail.
_SANE = re.compile(r"https?://[A-Za-z0-9.\-\[\]:]{1,180}")


def opschonen(waarde: str | None) -> str:
    waarde = (waarde or "").rstrip("/")
    return waarde if _SANE.fullmatch(waarde) else ""


# The base in a contextvar, carried to Celery tasks like the request id (core.meegegeven); a scheduled task without
# one falls back to STANDAARD_BASIS through ``basis()``.
_basis = Meegegeven("core.adressen", TAAK_KOPTEKST, opschonen)
huidig, terugzetten = _basis.huidig, _basis.terugzetten


def zetten(waarde: str):
    """Make the sanitised ``waarde`` the current base; returns the token for ``terugzetten``."""
    return _basis.zetten(opschonen(waarde))


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


# --- Celery: the base travels with the task (core.meegegeven) ---------------------------------------------------

bij_publiceren, voor_taak, na_taak = _basis.bij_publiceren, _basis.voor_taak, _basis.na_taak
signalen_verbinden = _basis.signalen_verbinden
