"""The audit helper: every service that changes a record calls ``audit(...)`` inside its transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from . import logboek
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


# Wagtail's bookkeeping on a model with drafts, revisions or locks: not content, left out of a snapshot (which
# revision is the latest, who holds the lock, whether a draft exists say nothing about the record itself).
_BOEKHOUDING = frozenset({
    "latest_revision", "live_revision", "has_unpublished_changes", "live", "expired", "first_published_at",
    "last_published_at", "locked", "locked_at", "locked_by", "draft_title", "path", "depth", "numchild", "url_path",
    "content_type", "owner", "latest_revision_created_at", "translation_key", "locale", "alias_of",
})


def inhoudsvelden(model) -> list[str]:
    """The content fields of ``model``: its concrete editable fields, without the primary key, the link to a
    parent table (multi-table inheritance) and Wagtail's bookkeeping (``_BOEKHOUDING``)."""
    return [
        f.name for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and not getattr(f.remote_field, "parent_link", False)
        and f.name not in _BOEKHOUDING
    ]


def _kindrelaties(obj: Model) -> list:
    """The inline children of ``obj`` (modelcluster's ParentalKey relations, edited as InlinePanels), without
    Wagtail's admin comments."""
    from modelcluster.models import ClusterableModel, get_all_child_relations

    if not isinstance(obj, ClusterableModel):
        return []
    return [r for r in get_all_child_relations(obj) if r.get_accessor_name() != "wagtail_admin_comments"]


def volledige_momentopname(obj: Model) -> dict[str, Any]:
    """Every content field of ``obj`` (``inhoudsvelden``) as JSON-safe data, and each inline child relation as a
    list of its children's content fields (without the key to the parent), in their order: the old or new side of
    an audit entry for an edit through a generic screen, whatever the model."""
    data = momentopname(obj, inhoudsvelden(type(obj)))
    for relatie in _kindrelaties(obj):
        naam = relatie.get_accessor_name()
        velden = [v for v in inhoudsvelden(relatie.related_model) if v != relatie.field.name]
        data[naam] = [momentopname(kind, velden) for kind in getattr(obj, naam).all()]
    return data


def laatste_regel_id() -> int:
    """The id of the newest audit entry (0 when none): remembered before a save, to ask ``geaudit_sinds`` after."""
    return AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0


def geaudit_sinds(obj: Model, regel_id: int) -> bool:
    """Whether an entry about ``obj`` was written after entry ``regel_id``: a service that audits its own change
    (with its own action name) takes precedence over the generic entry of a screen, so nothing is recorded twice."""
    return obj.pk is not None and AuditRegel.objects.voor_object(obj).filter(id__gt=regel_id).exists()


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
        # The request (or task) that made the change: leads from the entry to its log lines (issue 15).
        request_id=logboek.huidig()[:logboek.MAX_LENGTE],
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
