"""The provider's contract talks under /mijn/verplichtingen/gesprekken/ (issue 14; 002 UOK 13.1): the planned and
held talks of the organisation's agreements, the minutes, and the agreed actions, of which the provider marks its
own as done. Every talk and action is looked up through the user's active organisation (no IDOR)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from core import kalender
from core.berichten import fout_melden
from organisaties.portaal import actieve_organisatie_of_404

from ..admin_views.gesprekken import AfrondForm, met_actiestand
from ..models import Contractgesprek, Gespreksactie
from ..services import gesprekken as services

# A cancelled talk is not shown: it never took place and has no minutes or actions.
_ZICHTBAAR = (Contractgesprek.Status.GEPLAND, Contractgesprek.Status.GEHOUDEN)


@login_required
def lijst(request):
    org = actieve_organisatie_of_404(request)
    gesprekken = list(met_actiestand(
        Contractgesprek.objects.filter(overeenkomst__organisatie=org, status__in=_ZICHTBAAR)
        .select_related("overeenkomst__aanbesteding")
    ).order_by("-gepland_op", "-pk")[:200])
    return render(request, "contractbeheer/gesprekken_lijst.html", {
        "gepland": [g for g in gesprekken if g.status == Contractgesprek.Status.GEPLAND],
        "gehouden": [g for g in gesprekken if g.status == Contractgesprek.Status.GEHOUDEN],
    })


@login_required
def gesprek(request, pk: int):
    org = actieve_organisatie_of_404(request)
    g = get_object_or_404(Contractgesprek.objects.select_related("overeenkomst__aanbesteding"),
                          pk=pk, overeenkomst__organisatie=org, status__in=_ZICHTBAAR)
    vandaag = kalender.vandaag()
    acties = list(g.acties.all())
    for a in acties:
        a.te_laat = services.actie_te_laat(a, vandaag)
        a.eigen = a.eigenaar == Gespreksactie.Eigenaar.AANBIEDER
    return render(request, "contractbeheer/gesprekken_gesprek.html", {"g": g, "acties": acties})


@login_required
@require_POST
def actie_afronden(request, pk: int):
    org = actieve_organisatie_of_404(request)
    a = get_object_or_404(Gespreksactie.objects.select_related("gesprek__overeenkomst"), pk=pk,
                          gesprek__overeenkomst__organisatie=org, gesprek__status=Contractgesprek.Status.GEHOUDEN)
    form = AfrondForm(request.POST)
    try:
        if form.is_valid():
            services.actie_afronden(actie=a, door=request.user, **form.cleaned_data)
            messages.success(request, "De actie is afgerond; het bureau ziet dat in het portaal.")
        else:
            messages.error(request, "De toelichting is te lang.")
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
    return redirect("contractbeheer:gesprek", pk=a.gesprek_id)


# Included under /mijn/verplichtingen/gesprekken/ by contractbeheer/urls.py (the names join its namespace).
urlpatterns = [
    path("", lijst, name="gesprekken"),
    path("<int:pk>/", gesprek, name="gesprek"),
    path("acties/<int:pk>/afronden/", actie_afronden, name="gesprek_actie_afronden"),
]
