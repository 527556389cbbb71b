"""Staff screens of the inschrijving app in the Wagtail admin: the eisen per procedure (unless aanbesteding
registers them itself) and the processen-verbaal van opening per toetredingsmoment."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from aanbesteding.models import Eis, Toetredingsmoment
from core import kalender
from core.views import stream_prive_bestand
from organisaties.rollen import is_staff_gebruiker

from .models import ProcesVerbaalOpening


def _eis_al_geregistreerd() -> bool:
    """aanbesteding (issue 3) owns Eis; register ours only while it has no Eis screen of its own."""
    try:
        import aanbesteding.wagtail_hooks as hooks_aanbesteding
    except ImportError:
        return False
    for waarde in vars(hooks_aanbesteding).values():
        if isinstance(waarde, type) and issubclass(waarde, SnippetViewSet) and getattr(waarde, "model", None) is Eis:
            return True
    return False


class EisViewSet(SnippetViewSet):
    model = Eis
    icon = "list-ul"
    menu_label = "Eisen"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["code", "aanbesteding", "perceel", "soort", "antwoordtype", "knock_out", "max_leeftijd_maanden"]
    list_filter = ["aanbesteding", "soort", "antwoordtype", "per_lid"]
    search_fields = ["code", "tekst"]
    panels = [
        MultiFieldPanel([FieldPanel("aanbesteding"), FieldPanel("perceel"), FieldPanel("code"), FieldPanel("volgorde")],
                        heading="Waar de eis geldt"),
        MultiFieldPanel([FieldPanel("tekst"), FieldPanel("toelichting"), FieldPanel("soort"), FieldPanel("knock_out")],
                        heading="Eis"),
        MultiFieldPanel([FieldPanel("antwoordtype"), FieldPanel("verwacht_antwoord_ja"), FieldPanel("max_woorden"),
                         FieldPanel("min_score"), FieldPanel("max_score")], heading="Antwoord"),
        MultiFieldPanel([FieldPanel("documentsoort"), FieldPanel("max_leeftijd_maanden"), FieldPanel("toegestane_bestanden"),
                         FieldPanel("per_lid")], heading="Bewijsstuk"),
    ]


if not _eis_al_geregistreerd():
    register_snippet(EisViewSet)


def _mag_pv_zien(user) -> bool:
    return is_staff_gebruiker(user) and (
        user.has_perm("inschrijving.view_inschrijving") or user.has_perm("inschrijving.bekijk_alle_inschrijvingen")
    )


@login_required
def processen_verbaal(request):
    if not _mag_pv_zien(request.user):
        raise PermissionDenied
    momenten = (
        Toetredingsmoment.objects.filter(soort=Toetredingsmoment.Soort.VENSTER)
        .select_related("aanbesteding", "proces_verbaal_opening")
        .order_by("-sluit_op")[:200]
    )
    return render(request, "inschrijving/admin/processen_verbaal.html", {"momenten": momenten, "nu": kalender.nu()})


@login_required
def proces_verbaal_download(request, pk: int):
    if not _mag_pv_zien(request.user):
        raise Http404
    pv = get_object_or_404(ProcesVerbaalOpening, pk=pk)
    return stream_prive_bestand(pv.bestand, f"proces-verbaal-opening-{pv.toetredingsmoment_id}.pdf", mime_type="application/pdf")


@hooks.register("register_admin_urls")
def inschrijving_urls():
    return [
        path("inschrijvingen/processen-verbaal/", processen_verbaal, name="inschrijving_processen_verbaal"),
        path("inschrijvingen/processen-verbaal/<int:pk>/", proces_verbaal_download, name="inschrijving_pv_download"),
    ]


class PvMenuItem(MenuItem):
    def is_shown(self, request):
        return _mag_pv_zien(request.user)


@hooks.register("register_admin_menu_item")
def inschrijving_menu():
    return PvMenuItem("Opening inschrijvingen", reverse("inschrijving_processen_verbaal"), icon_name="lock-open", order=290)
