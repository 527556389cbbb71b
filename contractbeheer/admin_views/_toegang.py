"""The one door of the contract-management staff screens: a Contractmanager or Inkoper somewhere (ADR 0011); every
other staff role gets a 403 before any object is looked up. Objects are then found within ``eis_staf``'s reach
(organisaties.regios.object_of_404), so another region's pk is a 404."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied

from organisaties.regios import Bereik

from .. import permissions

WEIGERING = "Alleen een contractmanager of inkoper van het bureau heeft toegang tot deze pagina."


def eis_staf(request) -> Bereik:
    """The regions the user manages; a PermissionDenied for anyone who manages none."""
    if not permissions.is_beheer(request.user):
        raise PermissionDenied(WEIGERING)
    return permissions.beheer_bereik(request.user)


def beheer_staf(view):
    """Decorator form of ``eis_staf`` for views that find their reach themselves."""
    @wraps(view)
    def inner(request, *args, **kwargs):
        eis_staf(request)
        return view(request, *args, **kwargs)

    return inner
