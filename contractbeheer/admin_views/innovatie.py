"""The bureau's list of innovation evaluations (002 PB 1.2 r. 573; ADR 0022) in the Wagtail admin: each admitted
innovatievoorstel with its deadline (admission + 12 months), the twelve answers of the proposal and its figures,
and the form to record the outcome once (voortzetten / aanpassen / beëindigen). Contractmanager and Inkoper only,
in their regions: another region's evaluation is a 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path

from core import kalender
from core.berichten import fout_melden
from organisaties.regios import binnen, object_of_404

from ..models import InnovatieEvaluatie
from ..services import innovatie as services
from ._toegang import eis_staf


class UitkomstForm(forms.Form):
    uitkomst = forms.ChoiceField(label="Uitkomst", choices=InnovatieEvaluatie.Uitkomst.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label="Toelichting", widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Is het aanbod van toegevoegde waarde op wat de regio al heeft (002 r. 573)? Geen cliëntgegevens.",
    )


def lijst(request):
    b = eis_staf(request)
    qs = (binnen(InnovatieEvaluatie.objects, b)
          .select_related("voorstel", "overeenkomst__organisatie", "overeenkomst__aanbesteding")
          .order_by("status", "uiterlijk", "pk"))
    pagina = Paginator(qs, 50).get_page(request.GET.get("p"))
    return render(request, "contractbeheer/admin/innovatie_lijst.html", {"pagina": pagina, "vandaag": kalender.vandaag()})


def evaluatie(request, pk: int):
    b = eis_staf(request)
    e = object_of_404(InnovatieEvaluatie.objects.select_related(
        "voorstel__perceel", "voorstel__inschrijving", "overeenkomst__organisatie", "overeenkomst__aanbesteding",
        "vastgesteld_door"), b, pk=pk)
    form = UitkomstForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.uitkomst_vastleggen(evaluatie=e, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "De uitkomst van de evaluatie is vastgelegd.")
            return redirect("contractbeheer_admin_innovatie_evaluatie", pk=e.pk)
    # The proposal as handed in (the frozen record: the twelve answers and the figures the committee assessed).
    inhoud = e.voorstel.inschrijving.bevroren_inhoud or {}
    onderdelen = [a for a in inhoud.get("antwoorden", []) if a.get("perceel") == e.voorstel.perceel.code]
    return render(request, "contractbeheer/admin/innovatie_evaluatie.html", {
        "e": e, "form": form, "onderdelen": onderdelen, "vandaag": kalender.vandaag(),
        "gepland": e.status == InnovatieEvaluatie.Status.GEPLAND,
    })


urlpatterns = [
    path("", lijst, name="contractbeheer_admin_innovatie"),
    path("<int:pk>/", evaluatie, name="contractbeheer_admin_innovatie_evaluatie"),
]
