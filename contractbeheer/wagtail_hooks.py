"""Contract management in the Wagtail admin: the work list and the three streams (custom views), and the rules
per procedure as snippets. Shown to the Contractmanager and the Inkoper only, in their regions."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from organisaties.regios import RegioViewSetMixin

from . import permissions
from .admin_views import leegstand as leegstand_admin  # issue 14, stream leegstand
from .admin_views import meldingen, verantwoording, verzoeken, werklijst
from .models import Beheerregels, Meldingsoort, Verantwoordingseis


@hooks.register("register_admin_urls")
def contractbeheer_urls():
    return [
        path("contractbeheer/", werklijst.werklijst, name="contractbeheer_admin_werklijst"),
        path("contractbeheer/export/", werklijst.werklijst_export, name="contractbeheer_admin_werklijst_export"),
        path("contractbeheer/regels-laden/", werklijst.regels_laden, name="contractbeheer_admin_regels_laden"),
        path("contractbeheer/verantwoordingen/", verantwoording.verantwoordingen,
             name="contractbeheer_admin_verantwoordingen"),
        path("contractbeheer/verantwoordingen/<int:pk>/", verantwoording.verantwoording,
             name="contractbeheer_admin_verantwoording"),
        path("contractbeheer/inzendingen/<int:pk>/bestand/", verantwoording.inzending_bestand,
             name="contractbeheer_admin_inzending_bestand"),
        path("contractbeheer/meldingen/", meldingen.meldingen, name="contractbeheer_admin_meldingen"),
        path("contractbeheer/meldingen/nieuw/", meldingen.melding_vastleggen,
             name="contractbeheer_admin_melding_vastleggen"),
        path("contractbeheer/meldingen/<int:pk>/", meldingen.melding, name="contractbeheer_admin_melding"),
        path("contractbeheer/informatieverzoeken/", verzoeken.verzoeken, name="contractbeheer_admin_verzoeken"),
        path("contractbeheer/informatieverzoeken/nieuw/", verzoeken.verzoek_nieuw,
             name="contractbeheer_admin_verzoek_nieuw"),
        path("contractbeheer/informatieverzoeken/<int:pk>/", verzoeken.verzoek, name="contractbeheer_admin_verzoek"),
        path("contractbeheer/informatieverzoeken/<int:pk>/bijlage/", verzoeken.verzoek_bijlage,
             name="contractbeheer_admin_verzoek_bijlage"),
        path("contractbeheer/antwoorden/<int:pk>/", verzoeken.antwoord, name="contractbeheer_admin_antwoord"),
        path("contractbeheer/antwoorden/<int:pk>/bestand/", verzoeken.antwoord_bestand,
             name="contractbeheer_admin_antwoord_bestand"),
        path("contractbeheer/onderzoeken/", verzoeken.onderzoeken, name="contractbeheer_admin_onderzoeken"),
        path("contractbeheer/onderzoeken/nieuw/", verzoeken.onderzoek_nieuw,
             name="contractbeheer_admin_onderzoek_nieuw"),
        path("contractbeheer/onderzoeken/<int:pk>/", verzoeken.onderzoek, name="contractbeheer_admin_onderzoek"),
        # --- issue 14: Monitoring: KPI's, wachttijden, dashboard, stuurinformatie, budgetplafonds (begin monitoring) ---
        # --- (einde monitoring) ---
        # --- issue 14: Contractgesprekken (begin gesprekken) ---
        # --- (einde gesprekken) ---
        # --- issue 14: Signalen (begin signalen) ---
        # --- (einde signalen) ---
        # --- issue 14: Handhaving: maatregelen en boetes (begin handhaving) ---
        # --- (einde handhaving) ---
        # --- issue 14: Leegstandsvergoeding (begin leegstand) ---
        path("contractbeheer/leegstand/", leegstand_admin.leegstand, name="contractbeheer_admin_leegstand"),
        path("contractbeheer/leegstand/<int:pk>/", leegstand_admin.regeling,
             name="contractbeheer_admin_leegstand_regeling"),
        path("contractbeheer/leegstand/<int:pk>/export/", leegstand_admin.export,
             name="contractbeheer_admin_leegstand_export"),
        path("contractbeheer/leegstand/overzicht/<int:pk>/", leegstand_admin.overzicht,
             name="contractbeheer_admin_leegstand_overzicht"),
        path("contractbeheer/budgetplafonds/", leegstand_admin.budgetplafonds,
             name="contractbeheer_admin_budgetplafonds"),
        # --- (einde leegstand) ---
    ]


class BeheerMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_beheer(request.user)


class BeheerSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return permissions.is_beheer(request.user)


@hooks.register("register_admin_menu_item")
def contractbeheer_menu():
    items = [
        BeheerMenuItem("Werklijst", reverse("contractbeheer_admin_werklijst"), icon_name="tasks", order=10),
        BeheerMenuItem("Verantwoordingen", reverse("contractbeheer_admin_verantwoordingen"), icon_name="doc-full",
                       order=20),
        BeheerMenuItem("Meldingen", reverse("contractbeheer_admin_meldingen"), icon_name="warning", order=30),
        BeheerMenuItem("Informatieverzoeken", reverse("contractbeheer_admin_verzoeken"), icon_name="mail", order=40),
        BeheerMenuItem("Onderzoeken", reverse("contractbeheer_admin_onderzoeken"), icon_name="search", order=50),
        BeheerMenuItem("Regels uit bron laden", reverse("contractbeheer_admin_regels_laden"), icon_name="download",
                       order=60),
    ]
    return BeheerSubmenu("Verplichtingen", Menu(items=items), icon_name="clipboard-list", order=650)


# Issue 14: the second half of the contract period in its own submenu (monitoring, gesprekken, signalen,
# handhaving, leegstand); each stream adds its items between its markers. Items check their own permission.
def _handhaving_items() -> list:
    items: list = []
    # --- (begin monitoring) ---
    # --- (einde monitoring) ---
    # --- (begin gesprekken) ---
    # --- (einde gesprekken) ---
    # --- (begin signalen) ---
    # --- (einde signalen) ---
    # --- (begin handhaving) ---
    # --- (einde handhaving) ---
    # --- (begin leegstand) ---
    items += [
        BeheerMenuItem("Leegstandsvergoeding", reverse("contractbeheer_admin_leegstand"), icon_name="home",
                       order=510),
        BeheerMenuItem("Budgetplafonds", reverse("contractbeheer_admin_budgetplafonds"), icon_name="pick",
                       order=520),
    ]
    # --- (einde leegstand) ---
    return items


@hooks.register("register_admin_menu_item")
def contractbeheer_handhaving_menu():
    items = _handhaving_items()
    return BeheerSubmenu("Monitoring en handhaving", Menu(items=items), icon_name="view", order=655)


# --- the rules per procedure as snippets (loaded from the sources by "Regels uit bron laden", then editable) ---
# RegioViewSetMixin: only the procedures of the user's regions, every edit audited with old and new values.


class BeheerregelsViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Beheerregels
    icon = "cog"
    menu_label = "Regels per procedure"
    list_display = ["aanbesteding", "drempel_controleverklaring", "informatieverzoek_werkdagen",
                    "onderzoek_reactie_kalenderdagen", "herstel_werkdagen"]
    list_filter = ["aanbesteding"]


class VerantwoordingseisViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Verantwoordingseis
    icon = "doc-full"
    menu_label = "Verantwoordingseisen"
    list_display = ["naam", "aanbesteding", "soort", "voor_dag", "voor_maand", "per_gemeente", "actief"]
    list_filter = ["aanbesteding", "soort", "actief"]


class MeldingsoortViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Meldingsoort
    icon = "warning"
    menu_label = "Meldingsoorten"
    list_display = ["naam", "aanbesteding", "termijn_aantal", "termijn_eenheid", "actief"]
    list_filter = ["aanbesteding", "actief"]


class ContractbeheerInstellingenGroep(SnippetViewSetGroup):
    menu_label = "Verplichtingen-instellingen"
    menu_icon = "cog"
    menu_order = 660
    items = (
        BeheerregelsViewSet, VerantwoordingseisViewSet, MeldingsoortViewSet,
        # --- (begin monitoring) ---
        # --- (einde monitoring) ---
        # --- (begin gesprekken) ---
        # --- (einde gesprekken) ---
        # --- (begin signalen) ---
        # --- (einde signalen) ---
        # --- (begin handhaving) ---
        # --- (einde handhaving) ---
        # --- (begin leegstand) ---
        leegstand_admin.LeegstandsregelingViewSet, leegstand_admin.LeegstandsverdelingViewSet,
        leegstand_admin.BudgetplafondViewSet,
        # --- (einde leegstand) ---
    )


register_snippet(ContractbeheerInstellingenGroep)
