"""One owner per table, checked while the suite runs (ADR 0009, ARCHITECTURE.md rule 12).

Every write to one of the project's models (save, create, delete, queryset update/delete, bulk_create,
bulk_update) is attributed to the innermost project module on the call stack. When that module belongs to
another app than the model, it is a foreign write: the writer should have called the owner's service.

Frames from tests, Django, Wagtail and other libraries do not count: a factory in a test or a Wagtail edit
view writes on nobody's behalf. ``core`` imports no domain app (import-linter), so a ``core`` helper that writes
a domain model (``core.toestand.bijwerken``, ``core.publicatie``) acts for its caller, and the caller counts.

The check is a guard around the whole suite (``tests/conftest.py``), so any code path a test walks is checked,
including ``.save()`` on an instance of a foreign model that no static scan could type.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass

from django.db.models.query import QuerySet
from django.db.models.signals import pre_delete, pre_save

APPS = ("core", "organisaties", "aanbesteding", "inschrijving", "toetsing", "overeenkomst", "sroi", "contractbeheer", "woo", "cms")


@dataclass(frozen=True)
class VreemdeSchrijfactie:
    schrijver: str  # module that wrote
    regel: int
    model: str  # app_label.Model
    actie: str

    def __str__(self) -> str:
        return f"{self.schrijver}:{self.regel} schrijft {self.model} ({self.actie})"


_meldingen: list[VreemdeSchrijfactie] | None = None


def _schrijvende_module(eigenaar: str):
    """The innermost frame whose module is one of the project's apps (not a test, not a migration).

    ``core`` imports no domain app, so when a core helper (``core.toestand.bijwerken``) writes a domain
    model it does so on behalf of its caller: the caller is the writer. A middleware (``<app>.middleware``) is
    on the stack of every request and writes nothing itself: a Wagtail edit view below it writes on nobody's
    behalf (issue 18: the first tests that save a plain snippet through its admin screen).
    """
    frame = sys._getframe(3)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        top = module.partition(".")[0]
        if (top in APPS and ".migrations." not in module and not module.endswith(".middleware")
                and not (top == "core" and eigenaar != "core")):
            return module, frame.f_lineno
        frame = frame.f_back
    return None, 0


def _controleer(model, actie: str) -> None:
    if _meldingen is None:
        return
    eigenaar = model._meta.app_label
    if eigenaar not in APPS:
        return
    module, regel = _schrijvende_module(eigenaar)
    if module is None:
        return
    if module.partition(".")[0] != eigenaar:
        _meldingen.append(VreemdeSchrijfactie(module, regel, model._meta.label, actie))


def _bij_save(sender, **kwargs):
    _controleer(sender, "save")


def _bij_delete(sender, **kwargs):
    _controleer(sender, "delete")


_origineel: dict[str, object] = {}


def _omwikkel(naam: str):
    oorspronkelijk = getattr(QuerySet, naam)
    _origineel[naam] = oorspronkelijk

    def omwikkeld(self, *args, **kwargs):
        _controleer(self.model, naam)
        return oorspronkelijk(self, *args, **kwargs)

    omwikkeld.__name__ = naam
    omwikkeld.__wrapped__ = oorspronkelijk
    setattr(QuerySet, naam, omwikkeld)


def installeren() -> None:
    """Start watching (idempotent). Called once per test session."""
    global _meldingen
    if _meldingen is not None:
        return
    _meldingen = []
    for naam in ("update", "delete", "bulk_create", "bulk_update"):
        _omwikkel(naam)
    pre_save.connect(_bij_save, dispatch_uid="tests.eigendom.save", weak=False)
    pre_delete.connect(_bij_delete, dispatch_uid="tests.eigendom.delete", weak=False)


def verwijderen() -> None:
    global _meldingen
    for naam, functie in _origineel.items():
        setattr(QuerySet, naam, functie)
    _origineel.clear()
    pre_save.disconnect(dispatch_uid="tests.eigendom.save")
    pre_delete.disconnect(dispatch_uid="tests.eigendom.delete")
    _meldingen = None


@contextmanager
def bewaakt():
    """Collect the foreign writes made inside the block; yields the list (read it after the block)."""
    if _meldingen is None:
        installeren()
    begin = len(_meldingen)
    gevonden: list[VreemdeSchrijfactie] = []
    try:
        yield gevonden
    finally:
        gevonden.extend(_meldingen[begin:])
        del _meldingen[begin:]


