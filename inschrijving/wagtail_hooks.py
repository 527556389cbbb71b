"""Staff screens of the inschrijving app in the Wagtail admin: the processen-verbaal van opening per
toetredingsmoment. (The eisen are aanbesteding's screen: aanbesteding/wagtail_hooks.py.)

Scoped to the regions where the user may view inschrijvingen (issue 17): another region's rounds are not listed and
their proces-verbaal is a 404.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from aanbesteding.models import Toetredingsmoment
from core import kalender
from core.views import stream_prive_bestand
from organisaties.regios import binnen, object_of_404
from organisaties.rollen import is_staff_gebruiker

from .models import ProcesVerbaalOpening
from .permissions import staff_bereik


def _mag_pv_zien(user) -> bool:
    return is_staff_gebruiker(user) and (
        user.has_perm("inschrijving.view_inschrijving") or user.has_perm("inschrijving.bekijk_alle_inschrijvingen")
    )


@login_required
def processen_verbaal(request):
    if not _mag_pv_zien(request.user):
        raise PermissionDenied
    momenten = (
        binnen(Toetredingsmoment.objects.filter(soort=Toetredingsmoment.Soort.VENSTER), staff_bereik(request.user))
        .select_related("aanbesteding", "proces_verbaal_opening")
        .order_by("-sluit_op")[:200]
    )
    return render(request, "inschrijving/admin/processen_verbaal.html", {"momenten": momenten, "nu": kalender.nu()})


@login_required
def proces_verbaal_download(request, pk: int):
    if not _mag_pv_zien(request.user):
        raise Http404
    # Another region's proces-verbaal is a 404 like a missing one (issue 17).
    pv = object_of_404(ProcesVerbaalOpening.objects.all(), staff_bereik(request.user), pk=pk)
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
