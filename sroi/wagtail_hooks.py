"""SROI in the Wagtail admin: the adviser's dashboard and work lists (custom views) and the regime data
(regimes, valuation tables and their rows, target groups) as snippets, editable by the SROI-adviseur."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.startpagina import Werkpaneel, op_startpagina
from organisaties.regios import RegioViewSetMixin

from . import admin_views, permissions, selectors
from .models import Doelgroep, SroiRegime, Waarderingsregel, Waarderingstabel


@hooks.register("register_admin_urls")
def sroi_urls():
    return [
        path("sroi/", admin_views.dashboard, name="sroi_admin_dashboard"),
        path("sroi/plannen/", admin_views.plannen, name="sroi_admin_plannen"),
        path("sroi/plannen/<int:pk>/beoordelen/", admin_views.plan_beoordelen, name="sroi_admin_plan_beoordelen"),
        path("sroi/activiteiten/", admin_views.activiteiten, name="sroi_admin_activiteiten"),
        path("sroi/activiteiten/<int:pk>/beoordelen/", admin_views.activiteit_beoordelen,
             name="sroi_admin_activiteit_beoordelen"),
        path("sroi/rapportages/", admin_views.rapportages, name="sroi_admin_rapportages"),
        path("sroi/rapportages/<int:pk>/", admin_views.rapportage, name="sroi_admin_rapportage"),
        path("sroi/omzet-import/", admin_views.omzet_import, name="sroi_admin_omzet_import"),
        path("sroi/regime-laden/", admin_views.regime_laden, name="sroi_admin_regime_laden"),
    ]


class SroiMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.mag_beoordelen(request.user)


class SroiSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return permissions.mag_beoordelen(request.user)


@hooks.register("register_admin_menu_item")
def sroi_menu():
    items = [
        SroiMenuItem("Dashboard", reverse("sroi_admin_dashboard"), icon_name="table", order=10),
        SroiMenuItem("Plannen", reverse("sroi_admin_plannen"), icon_name="doc-full", order=20),
        SroiMenuItem("Activiteiten", reverse("sroi_admin_activiteiten"), icon_name="tasks", order=30),
        SroiMenuItem("Rapportages", reverse("sroi_admin_rapportages"), icon_name="form", order=40),
        SroiMenuItem("Omzet importeren", reverse("sroi_admin_omzet_import"), icon_name="upload", order=50),
        SroiMenuItem("Regime uit bron laden", reverse("sroi_admin_regime_laden"), icon_name="download", order=60),
    ]
    return SroiSubmenu("SROI", Menu(items=items), icon_name="group", order=700)


class SroiRegimeViewSet(RegioViewSetMixin, SnippetViewSet):
    model = SroiRegime
    icon = "cog"
    menu_label = "Regimes"
    list_display = ["naam", "aanbesteding", "versie", "geldig_vanaf", "percentage", "drempel"]
    list_filter = ["aanbesteding"]


class WaarderingstabelViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Waarderingstabel
    icon = "table"
    menu_label = "Waarderingstabellen"
    list_display = ["naam", "aanbesteding", "versie", "geldig_vanaf"]
    list_filter = ["aanbesteding"]


class WaarderingsregelViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Waarderingsregel
    icon = "list-ul"
    menu_label = "Waarderingsregels"
    list_display = ["categorie", "naam", "methode", "bedrag", "vereist_goedkeuring", "tabel"]
    list_filter = ["tabel__aanbesteding", "tabel", "vereist_goedkeuring"]
    search_fields = ["naam", "code"]


class DoelgroepViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Doelgroep
    icon = "group"
    menu_label = "Doelgroepen"
    list_display = ["naam", "aanbesteding", "actief"]
    list_filter = ["aanbesteding", "actief"]


class SroiInstellingenGroep(SnippetViewSetGroup):
    menu_label = "SROI-instellingen"
    menu_icon = "cog"
    menu_order = 710
    items = (SroiRegimeViewSet, WaarderingstabelViewSet, WaarderingsregelViewSet, DoelgroepViewSet)


register_snippet(SroiInstellingenGroep)



class WerkPaneel(Werkpaneel):
    """What waits in the SROI-adviseur's three work lists, each a link to its list."""

    name = "sroi_werk"
    template_name = "core/startpagina_tellingen.html"
    order = 80

    def gegevens(self):
        return {"paneel_id": "sroi-werk", "kop": "SROI: wat op u wacht", "regels": selectors.te_beoordelen(self.user)}


op_startpagina(WerkPaneel, lambda user: permissions.mag_beoordelen(user) and not permissions.sroi_bereik(user).leeg)
