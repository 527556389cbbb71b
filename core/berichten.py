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
