"""Explicit state transitions: each stateful aggregate declares its legal moves in one table (ADR 0009).

A model declares, next to its ``Status`` choices::

    OVERGANGEN = Toestandsmachine(Status, {
        Status.CONCEPT: {Status.INGEDIEND, Status.INGETROKKEN},
        Status.INGEDIEND: {Status.IN_BEOORDELING, Status.INGETROKKEN},
        ...
    })

and only the owning app's services move it, always through the machine::

    oud = Inschrijving.OVERGANGEN.zet(insch, Inschrijving.Status.INGEDIEND)   # checks, assigns, returns old
    insch.save(update_fields=["status", ...])

    Deelname.OVERGANGEN.bijwerken(qs, Deelname.Status.CLIENTENSTOP, status_sinds=op)  # bulk, legal rows only

An illegal move raises :class:`OngeldigeOvergang`, a ``ValidationError`` with a Dutch message, so a view shows
it like any other refusal. The machine is side-effect free (ARCHITECTURE.md: models hold side-effect-free
transitions); permission checks, locking and the audit entry stay in the service.

Why a small table and not django-fsm-2 or viewflow.fsm: the table is data a test can walk (every legal move,
every illegal one), it has no decorator magic around ``save()``, and bulk updates (``bijwerken``) are covered
too, which both libraries leave to hand-written ``.update(status=...)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from django.core.exceptions import ValidationError
from django.db import models


class OngeldigeOvergang(ValidationError):
    """A status move the aggregate's table does not allow."""

    def __init__(self, *, model: str, van: str, naar: str, van_label: str, naar_label: str, melding: str = ""):
        self.model, self.van, self.naar = model, van, naar
        super().__init__(
            melding or f"Dit kan niet: {model} staat op '{van_label}' en kan niet naar '{naar_label}'.",
            code="ongeldige_overgang",
        )


class Toestandsmachine:
    """The legal moves of one status field of one model. Immutable after construction."""

    def __init__(
        self,
        keuzes: type[models.TextChoices],
        overgangen: Mapping[str, Iterable[str]],
        *,
        veld: str = "status",
        begin: Iterable[str] | None = None,
    ):
        waarden = {c.value for c in keuzes}
        tabel: dict[str, frozenset[str]] = {}
        for van, naar in overgangen.items():
            doelen = frozenset(str(n) for n in naar)
            onbekend = ({str(van)} | doelen) - waarden
            if onbekend:
                raise ValueError(f"Onbekende status in de overgangstabel: {sorted(onbekend)}")
            if str(van) in doelen:
                raise ValueError(f"Een overgang naar dezelfde status ({van}) is geen overgang.")
            tabel[str(van)] = doelen
        self.keuzes = keuzes
        self.veld = veld
        self._tabel = {w: tabel.get(w, frozenset()) for w in waarden}
        self._labels = dict(keuzes.choices)
        # States a new row may start in (defaults to the states nothing leads to, plus the field default).
        self.begin = frozenset(str(b) for b in begin) if begin is not None else frozenset(
            w for w in waarden if not any(w in doelen for doelen in self._tabel.values())
        )

    # --- the table ----------------------------------------------------------------------------------------

    @property
    def toestanden(self) -> frozenset[str]:
        return frozenset(self._tabel)

    @property
    def eindtoestanden(self) -> frozenset[str]:
        return frozenset(w for w, doelen in self._tabel.items() if not doelen)

    def toegestaan(self, van: str, naar: str) -> bool:
        return str(naar) in self._tabel.get(str(van), frozenset())

    def volgende(self, van: str) -> frozenset[str]:
        return self._tabel.get(str(van), frozenset())

    def bronnen(self, naar: str) -> frozenset[str]:
        """Every state from which ``naar`` may be reached."""
        return frozenset(van for van, doelen in self._tabel.items() if str(naar) in doelen)

    def overgangen(self) -> Iterator[tuple[str, str]]:
        for van in sorted(self._tabel):
            for naar in sorted(self._tabel[van]):
                yield van, naar

    def verboden(self) -> Iterator[tuple[str, str]]:
        """Every (van, naar) pair of different states that the table does not allow."""
        for van in sorted(self._tabel):
            for naar in sorted(self._tabel):
                if van != naar and naar not in self._tabel[van]:
                    yield van, naar

    # --- applying it --------------------------------------------------------------------------------------

    def controleer(self, van: str, naar: str, *, model: str = "", melding: str = "") -> None:
        """Raise ``OngeldigeOvergang`` for a move the table does not allow; ``melding`` replaces the generic
        text where the service can say in its own words what the user can do."""
        if not self.toegestaan(van, naar):
            raise OngeldigeOvergang(
                model=model or self.keuzes.__qualname__.split(".")[0], van=str(van), naar=str(naar),
                van_label=str(self._labels.get(van, van)), naar_label=str(self._labels.get(naar, naar)),
                melding=melding,
            )

    def zet(self, obj: models.Model, naar: str, *, melding: str = "") -> str:
        """Check the move from ``obj``'s current state and assign it; returns the old state. The caller saves."""
        van = getattr(obj, self.veld)
        self.controleer(van, naar, model=str(obj._meta.verbose_name), melding=melding)
        setattr(obj, self.veld, naar)
        return van

    def bijwerken(self, queryset: models.QuerySet, naar: str, **velden) -> int:
        """Bulk move: only the rows whose current state may reach ``naar`` are updated; returns the count.

        Rows already in ``naar`` or in a state that cannot reach it are left alone, so a bulk move is
        idempotent and never forces an illegal move.
        """
        return queryset.filter(**{f"{self.veld}__in": self.bronnen(naar)}).update(**{self.veld: naar}, **velden)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<Toestandsmachine {self.keuzes.__qualname__} {dict(self._tabel)}>"


def machines(modellen: Iterable[type[models.Model]]) -> list[tuple[type[models.Model], Toestandsmachine]]:
    """Every (model, machine) pair declared as a ``Toestandsmachine`` class attribute (used by the tests)."""
    gevonden = []
    for model in modellen:
        for naam in dir(model):
            if naam.startswith("_"):
                continue
            waarde = getattr(model, naam, None)
            if isinstance(waarde, Toestandsmachine):
                gevonden.append((model, waarde))
    return gevonden
