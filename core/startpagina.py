"""Panels on the staff start page (/admin/): each app shows what waits for the person in its own work lists.

An app subclasses ``Werkpaneel`` (its template, its order and ``gegevens()``) and registers it with
``op_startpagina(paneel, mag_zien)`` in its wagtail_hooks; no app reads another app's work."""

from __future__ import annotations

from collections.abc import Callable

from wagtail import hooks
from wagtail.admin.ui.components import Component


class Werkpaneel(Component):
    """One panel for one person: ``gegevens()`` gives the template's context."""

    def __init__(self, user):
        self.user = user

    def gegevens(self) -> dict:
        raise NotImplementedError

    def get_context_data(self, parent_context):
        return self.gegevens()


def op_startpagina(paneel: type[Werkpaneel], mag_zien: Callable[[object], bool]) -> None:
    """Show ``paneel`` on the start page of everyone for whom ``mag_zien(user)`` holds."""

    @hooks.register("construct_homepage_panels")
    def toevoegen(request, panels):
        if mag_zien(request.user):
            panels.append(paneel(request.user))
