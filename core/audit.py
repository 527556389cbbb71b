"""The audit helper: every service that changes a record calls ``audit(...)`` inside its transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from .models import AuditRegel


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
    )


def auditregels_voor(obj: Model):
    return AuditRegel.objects.voor_object(obj).select_related("actor")
