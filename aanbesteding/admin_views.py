"""Custom Wagtail admin views: publishing the answered questions as the next Nota van Inlichtingen, and the
rectificatie of the eisen once they are frozen (issue 18, ADR 0014).

Scoped to the regions where the user may publish an NvI (issue 17): another region's procedure is not listed and
its publication screen is a 404, like an id that does not exist.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from organisaties.regios import Bereik, bereik_met_recht, binnen, object_of_404

from . import lekcontrole
from .forms import BevestigForm, NviPublicerenForm, RectificatieEisForm, RectificatiePublicerenForm
from .models import Aanbesteding, Eis, Vraag
from .selectors import (
    beantwoorde_vragen,
    concept_rectificatie,
    eisen_in_versie,
    gepubliceerde_rectificaties,
)
from .selectors import rectificatie_overzicht as rectificatie_overzicht_selector
from .services import (
    EISVELDEN,
    rectificatie_eis_intrekken,
    rectificatie_eis_toevoegen,
    rectificatie_eis_wijzigen,
    rectificatie_publiceren,
    rectificatie_wijziging_terugdraaien,
)
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


# --- Rectificatie of the eisen (issue 18, ADR 0014) ---------------------------------------------------------

EIS_RECHT = "aanbesteding.change_eis"


def _eis_bereik(request) -> Bereik:
    return bereik_met_recht(request.user, EIS_RECHT)


@permission_required(EIS_RECHT, raise_exception=True)
def rectificatie_overzicht(request):
    """The procedures of the user's regions with their version of the eisen, freeze and open concept."""
    aanbestedingen = rectificatie_overzicht_selector(binnen(Aanbesteding.objects.all(), _eis_bereik(request)))
    return render(request, "aanbesteding/admin/rectificatie_overzicht.html", {"aanbestedingen": aanbestedingen})


def _fout(request, fout: ValidationError) -> None:
    messages.error(request, " ".join(fout.messages))


@permission_required(EIS_RECHT, raise_exception=True)
def rectificatie(request, pk):
    """One procedure: the eisen in force, the concept's changes, publishing with a reason."""
    aanbesteding = object_of_404(Aanbesteding.objects.all(), _eis_bereik(request), pk=pk)
    form = RectificatiePublicerenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            r = rectificatie_publiceren(aanbesteding=aanbesteding, reden=form.cleaned_data["reden"], door=request.user)
        except ValidationError as fout:
            _fout(request, fout)
        else:
            messages.success(request, f"Rectificatie {r.nummer} is gepubliceerd; de aanbieders krijgen een e-mail.")
            return redirect("aanbesteding_rectificatie", aanbesteding.pk)
    return render(request, "aanbesteding/admin/rectificatie.html", {
        "aanbesteding": aanbesteding, "bevroren": aanbesteding.eisen_zijn_bevroren(),
        "eisen": eisen_in_versie(aanbesteding.pk, aanbesteding.eisenversie).select_related("perceel", "ingetrokken_in")
        .order_by("perceel__volgorde", "volgorde", "code"),
        "concept": concept_rectificatie(aanbesteding), "gepubliceerd": gepubliceerde_rectificaties(aanbesteding),
        "form": form,
    })


@permission_required(EIS_RECHT, raise_exception=True)
def rectificatie_eis(request, pk, eis_pk=None):
    """Add a new eis (eis_pk None) or change an eis in force, in the concept rectificatie."""
    aanbesteding = object_of_404(Aanbesteding.objects.all(), _eis_bereik(request), pk=pk)
    oud = None
    if eis_pk is not None:
        oud = get_object_or_404(eisen_in_versie(aanbesteding.pk, aanbesteding.eisenversie), pk=eis_pk)
    initial = {v: getattr(oud, v) for v in EISVELDEN} if oud else {}
    if oud is not None:
        initial["perceel"] = oud.perceel_id
    form = RectificatieEisForm(request.POST or None, initial=initial, aanbesteding=aanbesteding)
    if request.method == "POST" and form.is_valid():
        velden = {v: form.cleaned_data[v] for v in EISVELDEN}
        try:
            if oud is None:
                rectificatie_eis_toevoegen(aanbesteding=aanbesteding, velden=velden, door=request.user)
            else:
                rectificatie_eis_wijzigen(eis=oud, velden=velden, door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout.messages)
        else:
            messages.success(request, "De wijziging staat in de concept-rectificatie; publiceer haar met een reden.")
            return redirect("aanbesteding_rectificatie", aanbesteding.pk)
    return render(request, "aanbesteding/admin/rectificatie_eis.html", {
        "aanbesteding": aanbesteding, "oud": oud, "form": form,
    })


@require_POST
@permission_required(EIS_RECHT, raise_exception=True)
def rectificatie_eis_actie(request, pk, eis_pk, actie):
    """Withdraw an eis in force, or undo a change of the concept."""
    aanbesteding = object_of_404(Aanbesteding.objects.all(), _eis_bereik(request), pk=pk)
    eis = get_object_or_404(Eis, pk=eis_pk, aanbesteding=aanbesteding)
    if BevestigForm(request.POST).is_valid():
        try:
            if actie == "intrekken":
                rectificatie_eis_intrekken(eis=eis, door=request.user)
            else:
                rectificatie_wijziging_terugdraaien(eis=eis, door=request.user)
        except ValidationError as fout:
            _fout(request, fout)
    return redirect("aanbesteding_rectificatie", aanbesteding.pk)
