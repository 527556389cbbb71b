"""The audit of every write through a generic Wagtail screen (issue 18).

"Every change to a record that a procedure or an agreement depends on is in the audit trail with who, when, old
and new, whatever screen made it": a create, edit or delete through a Wagtail (snippet) viewset writes one
``core.audit.audit`` entry in the transaction of the save, with ``request.user`` as the actor. Generic plumbing in
``core`` (it names no domain model): every region-bound viewset gets it through ``organisaties.regios.
RegioViewSetMixin``; a viewset that is not region-bound mixes in ``AuditViewSetMixin`` itself. The write of the
record stays Wagtail's, on behalf of the app whose screen it is (tests/eigendom.py counts no core frame).

Action names: ``<model_name>.aangemaakt`` / ``.gewijzigd`` / ``.verwijderd`` (e.g. ``eis.gewijzigd``): the same
names the services use (``product.gewijzigd``), so the trail of a record reads the same whichever screen made the
change. A model with draft states (a document version) gets ``.concept_aangemaakt`` / ``.concept_gewijzigd``: a
draft binds nobody; its publication is audited by the app's ``published`` receiver (``documentversie.
gepubliceerd``). The toelichting names the screen and its URL.
"""

from __future__ import annotations

from django.db import transaction

from .audit import audit, geaudit_sinds, laatste_regel_id, volledige_momentopname


def _actienaam(model, werkwoord: str) -> str:
    """``<model_name>.<werkwoord>``, e.g. ``eis.gewijzigd``: the same names as the services' entries (``product.
    gewijzigd``), so the trail of a record reads the same whichever screen made the change."""
    return f"{model._meta.model_name}.{werkwoord}"


def _toelichting(view) -> str:
    return f"Beheerscherm {view.model._meta.verbose_name} ({view.request.path})"


class _AuditAanmaken:
    """Create (and copy) view: ``<model>.aangemaakt`` with every content field as the new values; on a model with
    drafts (a document version) ``<model>.concept_aangemaakt``: publication is audited on its own."""

    def save_instance(self):
        sinds = laatste_regel_id()
        instance = super().save_instance()  # inside Wagtail's transaction.atomic (form_valid)
        if not geaudit_sinds(instance, sinds):
            werkwoord = "concept_aangemaakt" if getattr(self, "saving_as_draft", False) else "aangemaakt"
            audit(_actienaam(self.model, werkwoord), instance, door=self.request.user,
                  nieuw=volledige_momentopname(instance), toelichting=_toelichting(self))
        return instance


class _AuditBewerken:
    """Edit view (and revert to a revision): ``<model>.gewijzigd`` with the old and new value of every field that
    changed, inline children included; nothing when nothing changed. The old side is read from the database
    inside the same transaction (the form has already written its values onto the instance it edits); on a model
    with drafts it is the latest revision, and the entry is ``<model>.concept_gewijzigd``."""

    def save_instance(self):
        opgeslagen = self.model._default_manager.get(pk=self.form.instance.pk)
        if getattr(self, "draftstate_enabled", False):
            opgeslagen = opgeslagen.get_latest_revision_as_object()
        oud = volledige_momentopname(opgeslagen)
        sinds = laatste_regel_id()
        instance = super().save_instance()  # inside Wagtail's transaction.atomic (form_valid)
        nieuw = volledige_momentopname(instance)
        if oud != nieuw and not geaudit_sinds(instance, sinds):
            werkwoord = "concept_gewijzigd" if getattr(self, "saving_as_draft", False) else "gewijzigd"
            audit(_actienaam(self.model, werkwoord), instance, door=self.request.user, oud=oud, nieuw=nieuw,
                  toelichting=_toelichting(self))
        return instance


class _AuditVerwijderen:
    """Delete view: ``<model>.verwijderd`` with every content field as the old values, written in the same
    transaction just before the delete (afterwards the object has no id and no region to file it under)."""

    def delete_action(self):
        with transaction.atomic():
            audit(_actienaam(self.model, "verwijderd"), self.object, door=self.request.user,
                  oud=volledige_momentopname(self.object), toelichting=_toelichting(self))
            super().delete_action()


def met_audit(view_class):
    """``view_class`` with the audit of its writes when it creates, edits or deletes one object; else unchanged."""
    from wagtail.admin.views.generic import CreateView, DeleteView, EditView

    for basis, mixin in ((EditView, _AuditBewerken), (CreateView, _AuditAanmaken), (DeleteView, _AuditVerwijderen)):
        if issubclass(view_class, basis) and not issubclass(view_class, mixin):
            return type(view_class.__name__, (mixin, view_class), {"__module__": view_class.__module__})
    return view_class


class AuditViewSetMixin:
    """Every create, edit and delete through a Wagtail (snippet) viewset lands in the portal's audit trail (issue 18:
    "every change to a record that a procedure or an agreement depends on is in the audit trail with who, when, old
    and new, whatever screen made it"), in the transaction of the save, with ``request.user`` as the actor.

    Action names: ``<model_name>.aangemaakt`` / ``.gewijzigd`` / ``.verwijderd`` (``.concept_aangemaakt`` /
    ``.concept_gewijzigd`` for a draft of a model with draft states; its publication is audited by the app's
    ``published`` receiver). A view whose save goes through a service that audits itself (``VraagEditView`` →
    ``vraag_beantwoorden``, ``RegioEditView`` → ``regio_opslaan``) gets no second entry (``core.audit.geaudit_sinds``).
    Wraps whatever view class the viewset names, so a custom edit view stays audited too.
    """

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(met_audit(view_class), **kwargs)


def bulk_verwijdering_auditen(request, action_type: str, objects) -> None:
    """Wagtail's bulk delete of snippets (the checkboxes in a listing) bypasses the delete view: one
    ``<model>.verwijderd`` entry per object of an audited viewset, run by the ``before_bulk_action`` hook inside
    the bulk action's transaction, before the rows go."""
    if action_type != "delete":
        return
    for obj in objects:
        if isinstance(getattr(type(obj), "snippet_viewset", None), AuditViewSetMixin):
            audit(_actienaam(type(obj), "verwijderd"), obj, door=request.user, oud=volledige_momentopname(obj),
                  toelichting=f"Bulkactie verwijderen ({request.path})")


def snippet_gedepubliceerd(sender, instance, **kwargs):
    """Wagtail's ``unpublished`` signal for a snippet with draft states (a document version withdrawn through its
    unpublish screen): ``<model>.gedepubliceerd`` with the last live values as old. Pages have their own receiver
    (cms/ontvangers.py) and no snippet viewset, so they are skipped here."""
    from wagtail.log_actions import get_active_log_context

    if isinstance(getattr(sender, "snippet_viewset", None), AuditViewSetMixin):
        audit(_actienaam(sender, "gedepubliceerd"), instance, door=get_active_log_context().user,
              oud=volledige_momentopname(instance))
