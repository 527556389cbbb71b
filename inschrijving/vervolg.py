""""Wat gebeurt er nu" on the confirmation of an inschrijving (issue 12): the steps after submitting, with dates.

The assessment, the decision, the standstill and the start of the agreement are toetsing's business and settings
(Toetsingsinstelling), a layer above this app; toetsing registers its source here in AppConfig.ready(), as it does
its staff access rule (permissions.registreer_staff_toegangsregel), so this app never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Vervolgstap:
    """One step after submitting: its title, the day it starts or ends (``tot`` for a period) and a sentence of
    explanation. ``verwacht``: the date is an expectation from the procedure's settings, not a fact yet."""

    titel: str
    datum: date | None
    tekst: str
    tot: date | None = None
    verwacht: bool = True


_BRONNEN: list[Callable] = []


def registreer_vervolgbron(bron: Callable) -> None:
    """``bron(inschrijving) -> list[Vervolgstap]``, in a fixed number of queries."""
    if bron not in _BRONNEN:
        _BRONNEN.append(bron)


def vervolgstappen(inschrijving) -> list[Vervolgstap]:
    return [stap for bron in _BRONNEN for stap in bron(inschrijving)]
