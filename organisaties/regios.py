"""Region scoping of everything staff see and do (issue 17, ADR 0011).

A staff member holds roles per region (``Regiorol``); the role's Wagtail group says *what* they may do, these
rows say *where*. Every staff queryset goes through ``binnen(qs, bereik)``, every staff object lookup through
``object_of_404``: an object of another region is a 404, exactly like an id that does not exist, so a guessed
id tells nothing. The lookup from a model to its region is its ``REGIO_PAD`` (core/regio.py).

- ``bereik(user, *rollen)``: the regions where ``user`` holds one of ``rollen``;
- ``bereik_met_recht(user, "app.codename")``: the regions where one of ``user``'s roles carries that permission,
  for the generic Wagtail screens (the model permission already says *whether*; this says *where*).

A superuser (a developer or operator account, never a bureau's) reaches every region. The platform
administrator holds no regional role, so reaches none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from core.audit_schermen import AuditViewSetMixin
from core.regio import begrensde_view, regio_id_van, regio_pad, registreer_bereik

from .rollen import rollen_met_recht


@dataclass(frozen=True)
class Bereik:
    """The regions a user may act in for some purpose: all of them, or exactly ``ids``."""

    alle: bool
    ids: frozenset[int]

    def __contains__(self, regio_id) -> bool:
        return self.alle or regio_id in self.ids

    def __or__(self, ander: Bereik) -> Bereik:
        return Bereik(self.alle or ander.alle, self.ids | ander.ids)

    @property
    def leeg(self) -> bool:
        return not self.alle and not self.ids


GEEN = Bereik(False, frozenset())
ALLE = Bereik(True, frozenset())


def _rollen_van(user) -> list[tuple[int | None, str]]:
    """(regio_id, rol) of every regional role of ``user``; one query per request (cached on the user object)."""
    rollen = getattr(user, "_regiorollen_cache", None)
    if rollen is None:
        rollen = list(user.regiorollen.values_list("regio_id", "rol")) if user.pk else []
        user._regiorollen_cache = rollen
    return rollen


def vergeet_rollen(user) -> None:
    """Drop the cached roles (after a grant or revocation within the same request)."""
    for attr in ("_regiorollen_cache", "_staffgroepen_cache"):
        if hasattr(user, attr):
            delattr(user, attr)


def bereik(user, *rollen: str) -> Bereik:
    """The regions where ``user`` holds one of ``rollen`` (any role when none are given)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return GEEN
    if user.is_superuser:
        return ALLE
    ids = set()
    for regio_id, rol in _rollen_van(user):
        if not rollen or rol in rollen:
            if regio_id is None:
                return ALLE
            ids.add(regio_id)
    return Bereik(False, frozenset(ids))


def bereik_met_recht(user, perm: str) -> Bereik:
    """The regions where one of ``user``'s roles carries the model permission ``perm`` ("app.codename")."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return ALLE
    rollen = rollen_met_recht(perm)
    return bereik(user, *rollen) if rollen else GEEN


def binnen(qs: QuerySet, b: Bereik) -> QuerySet:
    """``qs`` narrowed to the regions of ``b``, through the model's ``REGIO_PAD``."""
    if b.alle:
        return qs
    if not b.ids:
        return qs.none()
    pad = regio_pad(qs.model)
    if pad is None:
        raise TypeError(f"{qs.model.__name__} heeft geen REGIO_PAD: het hoort bij geen enkele regio.")
    return qs.filter(**{f"{pad}__in": b.ids})


def in_bereik(obj: Model, b: Bereik) -> bool:
    return b.alle or regio_id_van(obj) in b.ids


def object_of_404(qs: QuerySet, b: Bereik, **lookup) -> Model:
    """The object, or a 404 when it does not exist *or* belongs to a region outside ``b`` (no difference)."""
    obj = binnen(qs, b).filter(**lookup).first()
    if obj is None:
        raise Http404("Niet gevonden.")
    return obj


def eis_in_bereik(obj: Model, b: Bereik) -> Model:
    """``obj`` when it lies in ``b``; else a 404 (for objects already fetched by another route)."""
    if not in_bereik(obj, b):
        raise Http404("Niet gevonden.")
    return obj


def regio_keuzes(user, perm: str, qs: QuerySet) -> QuerySet:
    """The regions ``user`` may pick for ``perm`` (a Regio queryset), for forms and filters."""
    b = bereik_met_recht(user, perm)
    return qs if b.alle else qs.filter(pk__in=b.ids)


def _bereik_voor_core(user, perm: str) -> tuple[bool, frozenset[int]]:
    b = bereik_met_recht(user, perm)
    return b.alle, b.ids


registreer_bereik(_bereik_voor_core)


# --- Wagtail screens ------------------------------------------------------------------------------------------


def _perm(model, actie: str) -> str:
    return f"{model._meta.app_label}.{actie}_{model._meta.model_name}"


def _schermbereik(user, model) -> Bereik:
    """Where ``user`` may open ``model``'s screens: the regions of any role that may view, add or change it."""
    b = GEEN
    for actie in ("view", "add", "change"):
        b = b | bereik_met_recht(user, _perm(model, actie))
    return b


class RegioFormulierMixin:
    """Choice fields of a Wagtail form offer only the user's own regions, and objects within them: a Gooi
    inkoper cannot pick an MLO procedure as the parent of a new perceel."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Regio

        user = getattr(self, "for_user", None)
        if user is None:
            return
        b = _schermbereik(user, self._meta.model)
        for veld in self.fields.values():
            qs = getattr(veld, "queryset", None)
            if qs is not None:
                veld.queryset = _keuzes_binnen(qs, b, Regio)


def _keuzes_binnen(qs: QuerySet, b: Bereik, regio_model) -> QuerySet:
    """A choice list narrowed to ``b``: regions themselves, objects that belong to a region, and the bureaus
    (opdrachtgevers) among organisations; providers stay, they work in many regions; others unchanged."""
    from .models import Organisatie

    if qs.model is regio_model:
        return qs if b.alle else qs.filter(pk__in=b.ids)
    if qs.model is Organisatie and not b.alle:
        return qs.filter(~Q(soort=Organisatie.Soort.OPDRACHTGEVER) | Q(regio__in=b.ids))
    if regio_pad(qs.model):
        return binnen(qs, b)
    return qs


def _regio_filterset(model, velden):
    """The filterset of a listing's ``list_filter`` whose choice lists hold only the user's own regions and their
    objects: the 'procedure' filter of a Gooi inkoper does not name MLO's procedures, nor the 'regio' filter MLO."""
    from wagtail.admin.filters import WagtailFilterSet

    from .models import Regio

    def __init__(self, *args, **kwargs):
        WagtailFilterSet.__init__(self, *args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is None:
            return
        b = _schermbereik(user, model)
        for filter_ in self.filters.values():
            qs = getattr(filter_, "queryset", None)
            if isinstance(qs, QuerySet):
                filter_.queryset = _keuzes_binnen(qs, b, Regio)

    meta = type("Meta", (), {"model": model, "fields": velden})
    return type(f"{model.__name__}RegioFilterSet", (WagtailFilterSet,), {"Meta": meta, "__init__": __init__})


class RegioViewSetMixin(AuditViewSetMixin):
    """A Wagtail (snippet) viewset whose listing, forms and object URLs are scoped to the user's regions, and
    whose writes are audited (``AuditViewSetMixin``).

    The listing is filtered; every URL with a ``pk`` first checks that the object lies in the user's regions and
    answers 404 otherwise (edit, inspect, history, usage, delete, revisions, preview: whatever Wagtail adds).
    """

    # Search through the ORM over the viewset's search_fields: a Wagtail search backend cannot filter on a path
    # like "perceel__aanbesteding__regio" (it only filters on declared FilterFields: a 500 on ?q=), and the
    # listing must stay scoped while searching.
    search_backend_name = None

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if qs is None:
            qs = self.model._default_manager.all()
        return binnen(qs, _schermbereik(request.user, self.model))

    def get_form_class(self, for_update=False):
        basis = super().get_form_class(for_update=for_update)
        return type(basis.__name__, (RegioFormulierMixin, basis), {"__module__": basis.__module__})

    def get_urlpatterns(self):
        return [_begrensd(p, self.model) for p in super().get_urlpatterns()]

    def on_register(self):
        # Before Wagtail registers the chooser (the modal behind every foreign key to this snippet in a form).
        self.chooser_viewset_class = _regio_chooser_viewset(self.chooser_viewset_class, self.model)
        super().on_register()

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(**kwargs)
        if kwargs.get("filterset_class") in (None, self.UNDEFINED) and self.list_filter not in (None, self.UNDEFINED):
            kwargs["filterset_class"] = _regio_filterset(self.model, self.list_filter)
        return kwargs


def _regio_chooser_viewset(basis, model):
    """The snippet chooser lists and returns only objects of the user's regions: the modal that picks the procedure
    of a new perceel does not show another bureau's procedures, nor does its 'chosen' URL answer for a guessed id."""

    def _bereik(view):
        return _schermbereik(view.request.user, model)

    def _binnen_doorzoekbaar(qs, b):
        # The chooser's search goes through a Wagtail search backend, which filters only on declared
        # FilterFields: not on a path such as "perceel__aanbesteding__regio". Searchable region-bound models
        # declare FilterField("id"), and the region is applied as "pk in (subquery)".
        if b.alle:
            return qs
        return qs.filter(pk__in=binnen(model._default_manager.all(), b).values("pk"))

    class Kiezen(basis.choose_view_class):
        def get_object_list(self):
            return _binnen_doorzoekbaar(super().get_object_list(), _bereik(self))

    class KiezenResultaten(basis.choose_results_view_class):
        def get_object_list(self):
            return _binnen_doorzoekbaar(super().get_object_list(), _bereik(self))

    class Gekozen(basis.chosen_view_class):
        def get_object(self, pk):
            return object_of_404(self.model_class._default_manager.all(), _bereik(self), pk=pk)

    class MeerdereGekozen(basis.chosen_multiple_view_class):
        def get_objects(self, pks):
            return binnen(super().get_objects(pks), _bereik(self))

    return type(f"{model.__name__}RegioChooserViewSet", (basis,), {
        "choose_view_class": Kiezen, "choose_results_view_class": KiezenResultaten,
        "chosen_view_class": Gekozen, "chosen_multiple_view_class": MeerdereGekozen,
    })


def _begrensd(patroon, model):
    from django.contrib.admin.utils import unquote
    from django.urls import URLPattern

    if not isinstance(patroon, URLPattern) or "pk" not in str(patroon.pattern):
        return patroon

    def controle(request, **kwargs):
        object_of_404(model._default_manager.all(), _schermbereik(request.user, model), pk=unquote(str(kwargs["pk"])))

    begrensd = begrensde_view(patroon.callback, controle)

    # The same pattern object (a route or a regex, e.g. Wagtail's revisions_compare), only the view is wrapped.
    return URLPattern(patroon.pattern, begrensd, patroon.default_args, patroon.name)


def regio_ids(objs: Iterable[Model]) -> set[int]:
    return {r for r in (regio_id_van(o) for o in objs) if r is not None}


def verzegeld_document(regio, inhoud: bytes, *, soort: str, titel: str, uitgegeven_aan: str) -> bytes:
    """Seal a legal PDF with the key of ``regio``'s bureau and register it (core.zegel, ADR 0015): the one place
    that maps a region onto the seal's key, signer name and register row."""
    from core import zegel

    return zegel.verzegeld_document(
        inhoud, soort=soort, titel=titel, uitgegeven_aan=uitgegeven_aan, regio_id=regio.pk, regio_slug=regio.slug,
        bureau=regio.weergavenaam_bureau,
    )
