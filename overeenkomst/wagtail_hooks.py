"""Staff screens for agreements in the Wagtail admin (issue 6)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from organisaties.regios import RegioViewSetMixin

from . import admin_views
from .models import Contractregels, Mededeling
from .permissions import is_contractbeheer


@hooks.register("register_admin_urls")
def overeenkomst_urls():
    v = admin_views
    return [
        path("overeenkomsten/", v.dashboard, name="overeenkomst_admin_dashboard"),
        path("overeenkomsten/lijst/", v.overeenkomsten, name="overeenkomst_admin_lijst"),
        path("overeenkomsten/<int:pk>/", v.overeenkomst, name="overeenkomst_admin_detail"),
        path("overeenkomsten/addenda/", v.addenda, name="overeenkomst_admin_addenda"),
        path("overeenkomsten/addenda/<int:pk>/", v.addendum, name="overeenkomst_admin_addendum"),
        path("overeenkomsten/indexatie/", v.indexatie, name="overeenkomst_admin_indexatie"),
        path("overeenkomsten/verzoeken/", v.verzoeken, name="overeenkomst_admin_verzoeken"),
        path("overeenkomsten/uittredingen/", v.uittredingen, name="overeenkomst_admin_uittredingen"),
        path("overeenkomsten/bewijsstukken/", v.bewijsstukken, name="overeenkomst_admin_bewijsstukken"),
        path("overeenkomsten/verlenging/<int:pk>/", v.verlenging, name="overeenkomst_admin_verlenging"),
        path("overeenkomsten/<int:pk>/brief/", v.brief, name="overeenkomst_admin_brief"),
        path("overeenkomsten/<int:pk>/brief/wijziging/<str:soort>/", v.brief_wijziging,
             name="overeenkomst_admin_brief_wijziging"),
        path("overeenkomsten/brieven/<int:pk>/ontvangstbevestiging/", v.ontvangstbevestiging,
             name="overeenkomst_admin_ontvangstbevestiging"),
        path("overeenkomsten/brieven/<int:pk>/scan/", v.scan, name="overeenkomst_admin_scan"),
    ]


class ContractbeheerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_contractbeheer(request.user)


@hooks.register("register_admin_menu_item")
def overeenkomst_menu():
    return ContractbeheerMenuItem("Contractbeheer", reverse("overeenkomst_admin_dashboard"), icon_name="doc-full", order=300)


class ContractregelsViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Contractregels
    icon = "cog"
    menu_label = "Contractregels"
    add_to_admin_menu = False
    list_display = ["aanbesteding", "uittredingsregime", "termijn_niet_wezenlijk_maanden", "termijn_wezenlijk_maanden"]


class MededelingViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Mededeling
    icon = "info-circle"
    menu_label = "Mededelingen"
    add_to_admin_menu = False
    list_display = ["titel", "aanbesteding", "soort", "gepubliceerd_op"]
    list_filter = ["aanbesteding", "soort"]


register_snippet(ContractregelsViewSet)
register_snippet(MededelingViewSet)
