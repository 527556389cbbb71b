"""Contract management in the Wagtail admin: the work list and the three streams (custom views), and the rules
per procedure as snippets. Shown to the Contractmanager and the Inkoper only, in their regions."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core import kalender
from core.startpagina import Werkpaneel, op_startpagina
from organisaties.regios import RegioViewSetMixin

from . import permissions, selectors
from .admin_views import handhaving, meldingen, monitoring, verantwoording, verzoeken, werklijst
from .admin_views import leegstand as leegstand_admin
from .admin_views import signalen as signalen_admin
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
        # Issue 14: Monitoring: KPI's, wachttijden, dashboard, stuurinformatie, budgetplafonds
        path("contractbeheer/monitoring/", monitoring.dashboard, name="contractbeheer_admin_monitoring"),
        path("contractbeheer/monitoring/export/", monitoring.export, name="contractbeheer_admin_monitoring_export"),
        path("contractbeheer/monitoring/<int:pk>/", monitoring.aanbieder,
             name="contractbeheer_admin_monitoring_aanbieder"),
        path("contractbeheer/stuurinformatie/", monitoring.stuurinformatie,
             name="contractbeheer_admin_stuurinformatie"),
        # Issue 14: Contractgesprekken
        # (the stream's patterns live in its module, included lazily by dotted path: no import line to merge)
        path("contractbeheer/gesprekken/", include("contractbeheer.admin_views.gesprekken")),
        # ADR 0022: evaluations of admitted innovatievoorstellen (002 PB 1.2)
        path("contractbeheer/innovatie/", include("contractbeheer.admin_views.innovatie")),
        # Issue 14: Signalen
        # (includes the municipal staff's screens and registers their menu: admin_views/signalen.py)
        path("contractbeheer/signalen/", include("contractbeheer.admin_views.signalen")),
        # Issue 14: Handhaving: maatregelen en boetes
        path("contractbeheer/maatregelen/", handhaving.maatregelen, name="contractbeheer_admin_maatregelen"),
        path("contractbeheer/maatregelen/nieuw/", handhaving.maatregel_nieuw,
             name="contractbeheer_admin_maatregel_nieuw"),
        path("contractbeheer/maatregelen/<int:pk>/", handhaving.maatregel, name="contractbeheer_admin_maatregel"),
        path("contractbeheer/maatregelen/<int:pk>/brief-voornemen/", handhaving.brief_voornemen,
             name="contractbeheer_admin_maatregel_brief_voornemen"),
        path("contractbeheer/maatregelen/<int:pk>/besluitbrief/", handhaving.brief_besluit,
             name="contractbeheer_admin_maatregel_brief_besluit"),
        path("contractbeheer/boetes/", handhaving.boetes, name="contractbeheer_admin_boetes"),
        path("contractbeheer/boetes/export/", handhaving.boetes_export, name="contractbeheer_admin_boetes_export"),
        # Issue 14: Leegstandsvergoeding
        path("contractbeheer/leegstand/", leegstand_admin.leegstand, name="contractbeheer_admin_leegstand"),
        path("contractbeheer/leegstand/<int:pk>/", leegstand_admin.regeling,
             name="contractbeheer_admin_leegstand_regeling"),
        path("contractbeheer/leegstand/<int:pk>/export/", leegstand_admin.export,
             name="contractbeheer_admin_leegstand_export"),
        path("contractbeheer/leegstand/overzicht/<int:pk>/", leegstand_admin.overzicht,
             name="contractbeheer_admin_leegstand_overzicht"),
        path("contractbeheer/budgetplafonds/", leegstand_admin.budgetplafonds,
             name="contractbeheer_admin_budgetplafonds"),
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
# handhaving, leegstand). Items check their own permission.
def _handhaving_items() -> list:
    items: list = []
    # Issue 14: monitoring
    items += [
        BeheerMenuItem("Monitoring", reverse("contractbeheer_admin_monitoring"), icon_name="view", order=10),
        BeheerMenuItem("Stuurinformatie", reverse("contractbeheer_admin_stuurinformatie"), icon_name="table",
                       order=15),
    ]
    # Issue 14: gesprekken
    items.append(BeheerMenuItem("Contractgesprekken", reverse("contractbeheer_admin_gesprekken"), icon_name="group",
                                order=20))
    # ADR 0022: innovation evaluations
    items.append(BeheerMenuItem("Evaluaties innovatie", reverse("contractbeheer_admin_innovatie"), icon_name="tick",
                                order=25))
    # Issue 14: signalen
    items.append(BeheerMenuItem("Signalen", reverse("contractbeheer_admin_signalen"), icon_name="warning", order=30))
    # Issue 14: handhaving
    items += [
        BeheerMenuItem("Maatregelen", reverse("contractbeheer_admin_maatregelen"), icon_name="warning", order=400),
        BeheerMenuItem("Boetes", reverse("contractbeheer_admin_boetes"), icon_name="doc-full", order=410),
    ]
    # Issue 14: leegstand
    items += [
        BeheerMenuItem("Leegstandsvergoeding", reverse("contractbeheer_admin_leegstand"), icon_name="home",
                       order=510),
        BeheerMenuItem("Budgetplafonds", reverse("contractbeheer_admin_budgetplafonds"), icon_name="pick",
                       order=520),
    ]
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
        # Issue 14: monitoring
        monitoring.KpiViewSet, monitoring.WachttijdnormViewSet,
        # Issue 14: gesprekken
        # Issue 14: signalen
        # Issue 14: handhaving
        handhaving.BoetesoortViewSet,
        # Issue 14: leegstand
        leegstand_admin.LeegstandsregelingViewSet, leegstand_admin.LeegstandsverdelingViewSet,
        leegstand_admin.BudgetplafondViewSet,
    )


register_snippet(ContractbeheerInstellingenGroep)


# Issue 14: the municipal staff's own menu (role Gemeente): signal form, own signals, the register.
hooks.register("register_admin_menu_item", signalen_admin.gemeente_menu)



class WerkPaneel(Werkpaneel):
    """The counts of the work list (this week, late, waiting for the bureau), each a link to that tab."""

    name = "contractbeheer_werk"
    template_name = "core/startpagina_tellingen.html"
    order = 60

    def gegevens(self):
        url = reverse("contractbeheer_admin_werklijst")
        return {"paneel_id": "contractbeheer-werk", "kop": "Contractbeheer: wat op u wacht",
                "regels": [(label, aantal, f"{url}?sectie={sleutel}")
                           for sleutel, label, aantal in selectors.werklijst_tellingen(self.user, kalender.vandaag())]}


op_startpagina(WerkPaneel, permissions.is_beheer)
