"""Helpers to post a Wagtail snippet form as the admin would (issue 18: edits through the generic screens are
audited). ``formulierdata`` turns the unbound edit form of an object into the POST data its screen sends back
unchanged; a test then changes one field and posts it to the edit URL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.urls import reverse


def viewset_van(model):
    return model.snippet_viewset


def edit_url(obj) -> str:
    return reverse(viewset_van(type(obj)).get_url_name("edit"), args=[obj.pk])


def formulier(obj, user):
    """The unbound edit form of ``obj`` for ``user`` (latest revision of a model with drafts, as the screen)."""
    viewset = viewset_van(type(obj))
    form_class = viewset.get_form_class(for_update=True)
    if hasattr(obj, "get_latest_revision_as_object"):
        obj = obj.get_latest_revision_as_object()
    return form_class(instance=obj, for_user=user)


def formulierdata(form) -> dict:
    """The POST data that submits ``form`` with its current values unchanged."""
    data: dict = {}
    for naam, veld in form.fields.items():
        if getattr(veld, "disabled", False):
            continue
        widget = veld.widget
        waarde = form[naam].value()
        if isinstance(widget, forms.CheckboxInput):
            if waarde:
                data[naam] = "on"
        elif isinstance(widget, forms.FileInput):
            continue  # an unchanged file is not posted; the field keeps what it has
        elif type(widget).__name__.startswith("Draftail"):
            data[naam] = widget.format_value(waarde)
        elif isinstance(waarde, (list, tuple)):
            data[naam] = [str(x) for x in waarde]
        elif waarde is None:
            data[naam] = ""
        else:
            data[naam] = str(waarde)
    for formset in getattr(form, "formsets", {}).values():
        beheer = formset.management_form
        for naam in beheer.fields:
            data[f"{beheer.prefix}-{naam}"] = str(beheer[naam].value() or 0)
        for kind in formset.forms:
            for naam, waarde in formulierdata(kind).items():
                data[f"{kind.prefix}-{naam}"] = waarde
    return data


def wijzig_een_veld(form, data: dict) -> str:
    """Change one editable field in ``data`` to another valid value: a free text first, else a number, else a
    date a day later, else another choice. Returns the field's name."""
    for naam, veld in form.fields.items():
        if naam not in data or getattr(veld, "disabled", False) or isinstance(veld, forms.ModelChoiceField):
            continue
        if isinstance(veld, (forms.ChoiceField, forms.SlugField)):
            continue
        kort = (veld.max_length or 200) < 20 if isinstance(veld, forms.CharField) else True  # codes: keep them
        if not kort and not type(veld.widget).__name__.startswith("Draftail"):
            oud = data[naam]
            nieuw = (oud[: (veld.max_length or 200) - 12] + " gewijzigd").strip()
            data[naam] = nieuw if nieuw != oud else "gewijzigd"
            return naam
    for naam, veld in form.fields.items():
        if naam not in data or getattr(veld, "disabled", False):
            continue
        if isinstance(veld, forms.DecimalField) and data[naam]:
            data[naam] = str(Decimal(data[naam]) + 1)
            return naam
        if isinstance(veld, forms.IntegerField) and not isinstance(veld, forms.TypedChoiceField) and data[naam]:
            data[naam] = str(int(data[naam]) + 1)
            return naam
    for naam, veld in form.fields.items():
        if naam in data and isinstance(veld, forms.DateField) and data[naam]:
            data[naam] = (date.fromisoformat(data[naam]) + timedelta(days=1)).isoformat()
            return naam
    for naam, veld in form.fields.items():
        if naam in data and isinstance(veld, forms.ChoiceField) and not isinstance(veld, forms.ModelChoiceField):
            anders = [str(k) for k, _ in veld.choices if str(k) and str(k) != data[naam]]
            if anders:
                data[naam] = anders[0]
                return naam
    raise AssertionError(f"Geen veld om te wijzigen in het formulier van {form._meta.model.__name__}.")
