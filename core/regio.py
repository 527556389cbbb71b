"""Which region a record belongs to, without core knowing any domain model (issue 17, ADR 0011).

A model that belongs to one region declares ``REGIO_PAD``: the lookup from the model to ``Regio``, e.g.
``"aanbesteding__regio"`` on a Perceel. Everything region-scoped is built on that one attribute: the staff
querysets (``organisaties.regios.binnen``), the 404 on another region's object, the region of an audit entry.
A model without it belongs to no single region (a provider's organisation, its wallet).

The region a user may see is decided in ``organisaties`` (staff roles per region); core only asks through the
registered ``bereik`` function, as the audit screens do, so core still imports no domain app.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db.models import Model

_BEREIK: list[Callable] = []


def regio_pad(model) -> str | None:
    """The lookup from ``model`` to its region, or None when the model belongs to no single region."""
    return getattr(model, "REGIO_PAD", None)


def regio_id_van(obj: Model | None) -> int | None:
    """The id of the region ``obj`` belongs to, following ``REGIO_PAD`` over the (usually cached) relations."""
    if obj is None:
        return None
    pad = regio_pad(type(obj))
    if not pad:
        return None
    *tussen, laatste = pad.split("__")
    doel = obj
    for stap in tussen:
        doel = getattr(doel, stap, None)
        if doel is None:
            return None
    return getattr(doel, f"{laatste}_id", None)


def registreer_bereik(functie: Callable) -> None:
    """``functie(user, perm) -> (alle: bool, ids: frozenset[int])``; registered once by ``organisaties``."""
    _BEREIK[:] = [functie]


def bereik(user, perm: str) -> tuple[bool, frozenset[int]]:
    """The regions where ``user`` holds ``perm`` (``"app.codename"``): all of them, or these ids."""
    if not _BEREIK:
        return False, frozenset()
    return _BEREIK[0](user, perm)


def begrensde_view(view: Callable, controle: Callable) -> Callable:
    """``view`` that first calls ``controle(request, **kwargs)`` (which raises a 404 for an object outside the
    user's regions). Lives in core, so a write the wrapped Wagtail view makes is the screen's own, on behalf of
    the app whose screen it is, not the region boundary's (tests/eigendom.py counts no core frame)."""

    @wraps(view)
    def begrensd(request, *args, **kwargs):
        controle(request, **kwargs)
        return view(request, *args, **kwargs)

    return begrensd
