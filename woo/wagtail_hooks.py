"""Woo in the Wagtail admin (issue 16): a "Woo" menu with the procedures (their dossier and active disclosure) and
the Woo requests. Shown to staff whose role carries the Woo permissions, in their regions."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from core import kalender
from core.startpagina import Werkpaneel, op_startpagina

from . import admin_views, permissions, selectors


@hooks.register("register_admin_urls")
def woo_urls():
    return [
        path("woo/", admin_views.procedures, name="woo_admin_procedures"),
        path("woo/procedures/<int:pk>/dossier/", admin_views.dossier, name="woo_admin_dossier"),
        path("woo/verzoeken/", admin_views.verzoeken, name="woo_admin_verzoeken"),
        path("woo/verzoeken/nieuw/", admin_views.verzoek_nieuw, name="woo_admin_verzoek_nieuw"),
        path("woo/verzoeken/<int:pk>/", admin_views.verzoek, name="woo_admin_verzoek"),
        path("woo/verzoeken/<int:pk>/export/", admin_views.export, name="woo_admin_export"),
        path("woo/verzoeken/<int:pk>/inventarislijst.<str:formaat>", admin_views.inventarislijst,
             name="woo_admin_inventarislijst"),
        path("woo/stukken/<int:pk>/", admin_views.stuk, name="woo_admin_stuk"),
        path("woo/stukken/<int:pk>/voorbeeld/", admin_views.stuk_voorbeeld, name="woo_admin_stuk_voorbeeld"),
    ]

class WooMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_woo(request.user)

class WooSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return permissions.is_woo(request.user)

@hooks.register("register_admin_menu_item")
def woo_menu():
    items = [
        WooMenuItem("Dossiers en actieve openbaarmaking", reverse("woo_admin_procedures"), icon_name="folder-open-inverse",
                    order=10),
        WooMenuItem("Woo-verzoeken", reverse("woo_admin_verzoeken"), icon_name="mail", order=20),
    ]
    return WooSubmenu("Woo", Menu(items=items), icon_name="doc-full-inverse", order=680)



class WerkPaneel(Werkpaneel):
    """The Woo requests still to decide, oldest first, with their age in days: a Woo request has a statutory
    decision term (Woo art. 4.4), so the oldest one matters most."""

    name = "woo_werk"
    template_name = "woo/admin/home_werk.html"
    order = 70

    def gegevens(self):
        aantal, oudste = selectors.open_verzoeken(self.user)
        vandaag = kalender.vandaag()
        return {"aantal": aantal, "verzoeken": [(v, (vandaag - v.ontvangen_op).days) for v in oudste]}


op_startpagina(WerkPaneel, permissions.is_woo)
