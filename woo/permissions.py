"""Who may do what with Woo (issue 16): the bureau answers Woo requests and publishes actively, so the staff whose
role carries the woo model permissions (organisaties/rollen.py: the Inkoper), only in their regions (ADR 0011).
Another region's request is a 404 in the screens and a PermissionDenied in the services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from organisaties.regios import Bereik, bereik_met_recht, in_bereik

ZIEN = "woo.view_wooverzoek"
BEHANDELEN = "woo.change_wooverzoek"
PUBLICEREN = "woo.change_woometadata"

WEIGERING = "Alleen een medewerker van het bureau met Woo-rechten in deze regio doet dit."


def bereik(user, perm: str = ZIEN) -> Bereik:
    return bereik_met_recht(user, perm)


def is_woo(user) -> bool:
    """Staff who handle Woo somewhere."""
    return not bereik(user).leeg


def mag(user, perm: str, obj) -> bool:
    """``user`` holds ``perm`` in the region of ``obj`` (anything with a REGIO_PAD)."""
    return in_bereik(obj, bereik(user, perm))


def eis(user, perm: str, obj) -> None:
    if not mag(user, perm, obj):
        raise PermissionDenied(WEIGERING)
