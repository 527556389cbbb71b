"""Custom Wagtail admin views: publishing the answered questions as the next Nota van Inlichtingen.

Scoped to the regions where the user may publish an NvI (issue 17): another region's procedure is not listed and
its publication screen is a 404, like an id that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render

from organisaties.regios import Bereik, bereik_met_recht, binnen, object_of_404

from . import lekcontrole
from .forms import NviPublicerenForm
from .models import Aanbesteding, Vraag
from .selectors import beantwoorde_vragen
from .services import nvi_publiceren as publiceer

NVI_RECHT = "aanbesteding.add_notavaninlichtingen"


def _bereik(request) -> Bereik:
    return bereik_met_recht(request.user, NVI_RECHT)


@permission_required(NVI_RECHT, raise_exception=True)
def nvi_overzicht(request):
    # distinct=True on every Count: the joins over vragen and nota_van_inlichtingen multiply each other's rows.
    aanbestedingen = binnen(Aanbesteding.objects.all(), _bereik(request)).annotate(
        klaar=Count("vragen", filter=Q(vragen__status=Vraag.Status.BEANTWOORD), distinct=True),
        open=Count("vragen", filter=Q(vragen__status=Vraag.Status.NIEUW), distinct=True),
        aantal_nvi=Count("nota_van_inlichtingen", distinct=True),
    ).order_by("titel")
    return render(request, "aanbesteding/admin/nvi_overzicht.html", {"aanbestedingen": aanbestedingen})


@permission_required(NVI_RECHT, raise_exception=True)
def nvi_publiceren(request, pk):
    aanbesteding = object_of_404(Aanbesteding.objects.all(), _bereik(request), pk=pk)
    vragen = beantwoorde_vragen(aanbesteding)
    form = NviPublicerenForm(request.POST or None, vragen=vragen)
    fout = None
    vondsten = []
    if request.method == "POST":
        if form.is_valid():
            try:
                nvi = publiceer(
                    aanbesteding=aanbesteding, vragen=list(form.cleaned_data["vragen"]),
                    inleiding=form.cleaned_data["inleiding"], door=request.user,
                    lek_bevestigd=form.cleaned_data["lek_bevestigd"],
                )
            except ValidationError as e:
                if getattr(e, "code", None) == "mogelijk_lek":
                    # Shown one per line with the confirmation box (issue 18).
                    gekozen = sorted(form.cleaned_data["vragen"], key=lambda v: (v.gesteld_op, v.pk))
                    vondsten = lekcontrole.lekken_zoeken(gekozen, inleiding=form.cleaned_data["inleiding"])
                    fout = ("De tekst kan verraden wie de vraag stelde. Pas de tekst aan, of bevestig hieronder dat "
                            "u de vondsten heeft gezien en toch wilt publiceren.")
                else:
                    fout = "; ".join(e.messages)
            else:
                messages.success(request, f"Nota van Inlichtingen {nvi.nummer} is gepubliceerd; aanbieders krijgen een e-mail.")
                return redirect("aanbesteding_nvi_overzicht")
        else:
            fout = "; ".join(m for fouten in form.errors.values() for m in fouten)
    return render(request, "aanbesteding/admin/nvi_publiceren.html", {
        "aanbesteding": aanbesteding, "vragen": list(vragen), "fout": fout, "form": form, "vondsten": vondsten,
    })
