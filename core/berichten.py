"""One way to turn a refused service call into messages for the user (was seven local copies)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

GEEN_TOESTEMMING = "Dit mag u niet doen."


def fout_melden(request, fout: Exception) -> None:
    """Show every message of a ``ValidationError`` (or the text of a ``PermissionDenied``) as an error."""
    if isinstance(fout, ValidationError):
        berichten = fout.messages
    elif isinstance(fout, PermissionDenied):
        berichten = [str(fout) or GEEN_TOESTEMMING]
    else:
        berichten = [str(fout)]
    for bericht in berichten:
        messages.error(request, bericht)


def geheel_getal(waarde, *, standaard: int | None = None) -> int | None:
    """A query-string number, or ``standaard``: only ASCII digits count ('²'.isdigit() is True, int('²') fails,
    and a 500 on a hand-edited URL is no answer)."""
    tekst = str(waarde or "")
    if tekst.isascii() and tekst.isdigit() and len(tekst) <= 12:
        return int(tekst)
    return standaard
