"""The audit helper: every service that changes a record calls ``audit(...)`` inside its transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from .models import AuditRegel
from .regio import regio_id_van


def _waarde(v: Any) -> Any:
    if isinstance(v, Model):
        return str(v)
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, (list, tuple, set)):
        return [_waarde(x) for x in v]
    if hasattr(v, "name") and hasattr(v, "storage"):  # FieldFile
        return v.name or ""
    return v


def momentopname(obj: Model, velden: Iterable[str]) -> dict[str, Any]:
    """The values of ``velden`` on ``obj`` as JSON-safe data, for the old/new sides of an audit entry."""
    return {veld: _waarde(getattr(obj, veld)) for veld in velden}


def audit(
    actie: str,
    obj: Model | None = None,
    *,
    door=None,
    oud: dict | None = None,
    nieuw: dict | None = None,
    toelichting: str = "",
) -> AuditRegel:
    """Append one entry to the audit trail. ``door`` may be None for system actions (scheduled tasks)."""
    oud = {k: _waarde(v) for k, v in (oud or {}).items()}
    nieuw = {k: _waarde(v) for k, v in (nieuw or {}).items()}
    if oud and nieuw:
        # Keep only what changed, so the trail reads as a list of changes.
        gewijzigd = {k for k in set(oud) | set(nieuw) if oud.get(k) != nieuw.get(k)}
        oud = {k: v for k, v in oud.items() if k in gewijzigd}
        nieuw = {k: v for k, v in nieuw.items() if k in gewijzigd}
    actor = door if (door is not None and getattr(door, "is_authenticated", False)) else None
    return AuditRegel.objects.create(
        actor=actor,
        actor_weergave=str(getattr(actor, "email", "") or ("systeem" if door is None else str(door))),
        actie=actie,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_weergave=str(obj)[:255] if obj is not None else "",
        oude_waarden=oud,
        nieuwe_waarden=nieuw,
        toelichting=toelichting,
        regio_id=regio_id_van(obj),
    )


# Visibility of audit entries per model. An app whose records are confidential for a time (an inschrijving is
# sealed until its window closes, DOMAIN.md step 3) registers a rule; entries about objects the rule does not
# allow are left out of every audit screen. core stays free of domain imports: the apps register themselves.
_ZICHTBAARHEID: dict[str, Callable] = {}


def registreer_zichtbaarheid(model, regel: Callable) -> None:
    """``regel(user, object_ids: set[str]) -> set[str]``: the ids of ``model`` whose entries ``user`` may see."""
    _ZICHTBAARHEID[model._meta.label_lower] = regel


def zichtbare_regels(user, regels: Iterable[AuditRegel]) -> list[AuditRegel]:
    """Filter audit entries by the registered rules, one rule call per model (not per entry)."""
    regels = list(regels)
    per_model: dict[str, set[str]] = {}
    for regel in regels:
        if regel.content_type_id:
            label = f"{regel.content_type.app_label}.{regel.content_type.model}"
            if label in _ZICHTBAARHEID:
                per_model.setdefault(label, set()).add(regel.object_id)
    toegestaan = {label: _ZICHTBAARHEID[label](user, ids) for label, ids in per_model.items()}
    return [
        r for r in regels
        if not r.content_type_id
        or (label := f"{r.content_type.app_label}.{r.content_type.model}") not in toegestaan
        or r.object_id in toegestaan[label]
    ]
