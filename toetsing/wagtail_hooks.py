"""The back office of the assessment in the Wagtail admin (custom admin views; see admin_views.py)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.startpagina import Werkpaneel, op_startpagina

from . import admin_views as v
from . import permissions, selectors


@hooks.register("register_admin_urls")
def toetsing_urls():
    return [
        path("toetsing/", v.overzicht, name="toetsing_overzicht"),
        path("toetsing/<int:aanbesteding_id>/", v.dashboard, name="toetsing_dashboard"),
        path("toetsing/<int:aanbesteding_id>/wachtrij/", v.wachtrij, name="toetsing_wachtrij"),
        path("toetsing/<int:aanbesteding_id>/toewijzen/", v.toewijzen, name="toetsing_toewijzen"),
        path("toetsing/<int:aanbesteding_id>/instellingen/", v.instelling, name="toetsing_instelling"),
        path("toetsing/<int:aanbesteding_id>/commissie/", v.commissie, name="toetsing_commissie_nieuw"),
        path("toetsing/<int:aanbesteding_id>/commissie/<int:commissie_id>/", v.commissie, name="toetsing_commissie"),
        path("toetsing/perceel/<int:perceel_id>/loting/", v.loting, name="toetsing_loting"),
        path("toetsing/loting/<int:loting_id>/", v.loting_detail, name="toetsing_loting_detail"),
        path("toetsing/loting/<int:loting_id>/herziening/", v.loting_herziening, name="toetsing_loting_herziening"),
        path("toetsing/loting-herziening/<int:herziening_id>/goedkeuren/", v.herziening_goedkeuren,
             name="toetsing_herziening_goedkeuren"),
        path("toetsing/loting-herziening/<int:herziening_id>/afwijzen/", v.herziening_afwijzen,
             name="toetsing_herziening_afwijzen"),
        path("toetsing/ronde/<int:toetredingsmoment_id>/proces-verbaal/", v.pv_ronde, name="toetsing_pv_ronde"),
        path("toetsing/proces-verbaal-ronde/<int:pv_beoordeling_id>/", v.pv_ronde_download,
             name="toetsing_pv_ronde_download"),
        path("toetsing/inschrijving/<int:pk>/", v.inschrijving, name="toetsing_inschrijving"),
        path("toetsing/inschrijving/<int:pk>/verklaren/", v.verklaren, name="toetsing_verklaren"),
        path("toetsing/inschrijving/<int:pk>/stap/<str:stap>/", v.stap, name="toetsing_stap"),
        path("toetsing/inschrijving/<int:pk>/eis/<int:eis_id>/", v.oordeel, name="toetsing_oordeel"),
        path("toetsing/inschrijving/<int:pk>/afronden/", v.afronden, name="toetsing_afronden"),
        path("toetsing/inschrijving/<int:pk>/herstel/", v.herstel, name="toetsing_herstel"),
        path("toetsing/inschrijving/<int:pk>/consensus/", v.consensus, name="toetsing_consensus"),
        path("toetsing/inschrijving/<int:pk>/consensus/vaststellen/", v.consensus_vaststellen, name="toetsing_consensus_vaststellen"),
        path("toetsing/inschrijving/<int:pk>/besluit/", v.besluit_nemen, name="toetsing_besluit_nemen"),
        path("toetsing/inschrijving/<int:pk>/bewijs/<int:bewijsstuk_id>/", v.bewijsstuk, name="toetsing_bewijsstuk"),
        path("toetsing/inschrijving/<int:pk>/tijdlijn/", v.tijdlijn, name="toetsing_tijdlijn"),
        path("toetsing/inschrijving/<int:pk>/proces-verbaal.pdf", v.proces_verbaal, name="toetsing_proces_verbaal"),
        path("toetsing/besluit/<int:besluit_id>/verzenden/", v.besluit_verzenden, name="toetsing_besluit_verzenden"),
        path("toetsing/besluit/<int:besluit_id>/voorbeeld.pdf", v.besluit_voorbeeld, name="toetsing_besluit_voorbeeld"),
        path("toetsing/besluit/<int:besluit_id>/rechtsmiddel/", v.rechtsmiddel, name="toetsing_rechtsmiddel"),
        path("toetsing/rechtsmiddel/<int:rechtsmiddel_id>/afhandelen/", v.rechtsmiddel_afhandelen, name="toetsing_rechtsmiddel_afhandelen"),
        path("toetsing/toewijzing/<int:toewijzing_id>/intrekken/", v.toewijzing_intrekken, name="toetsing_toewijzing_intrekken"),
    ]


class ToetsingMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_beoordelaar(request.user)


@hooks.register("register_admin_menu_item")
def toetsing_menu():
    return ToetsingMenuItem("Toetsing", reverse("toetsing_overzicht"), icon_name="tasks", order=300)



class WerkPaneel(Werkpaneel):
    """What waits in the assessment for an assessor or Inkoper, per procedure, each count a link to the queue on
    the filter that shows exactly those: before, the start page was empty and every working day began with a search."""

    name = "toetsing_werk"
    template_name = "toetsing/admin/home_werk.html"
    order = 50

    def gegevens(self):
        return {"regels": selectors.mijn_werk(self.user), "inkoper": permissions.is_inkoper(self.user)}


op_startpagina(WerkPaneel, permissions.is_beoordelaar)
