"""The provider's view of the evaluation of its admitted innovatievoorstel (002 PB 1.2 r. 573; ADR 0022), under
/mijn/verplichtingen/innovatie/<pk>/: the deadline and, once recorded, the bureau's outcome. Looked up through the
user's active organisation (no IDOR): another provider's evaluation is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path

from core import kalender
from organisaties.portaal import actieve_organisatie_of_404

from ..models import InnovatieEvaluatie


@login_required
def evaluatie(request, pk: int):
    org = actieve_organisatie_of_404(request)
    e = get_object_or_404(
        InnovatieEvaluatie.objects.select_related("voorstel__perceel", "overeenkomst__aanbesteding"),
        pk=pk, overeenkomst__organisatie=org,
    )
    return render(request, "contractbeheer/innovatie_evaluatie.html", {"e": e, "vandaag": kalender.vandaag()})


urlpatterns = [
    path("<int:pk>/", evaluatie, name="innovatie_evaluatie"),
]
