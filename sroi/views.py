"""The provider's SROI pages under mijn/sroi/. Thin: parse, call one service, render. Every agreement is looked
up within the user's active organisation, so another organisation's id is a 404 (no IDOR)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core import kalender
from core.berichten import fout_melden
from core.views import stream_prive_bestand

from . import permissions, selectors, services
from .forms import ActiviteitForm, BewijsForm, IndienenForm, OmzetForm, PlanForm
from .models import SroiActiviteit, SroiBewijsstuk, SroiPlan, SroiRapportage


def _jaar(request, overeenkomst) -> int:
    vandaag = kalender.vandaag()
    eerste, laatste = overeenkomst.startdatum.year, selectors.contract_einde(overeenkomst).year
    try:
        jaar = int(request.GET.get("jaar", ""))
    except ValueError:
        jaar = min(max(vandaag.year, eerste), laatste)
    return min(max(jaar, eerste), laatste)


def _eigen_overeenkomst(request, pk):
    return selectors.overeenkomst_van(request.organisatie, pk)


def _zichtbare_overeenkomst(request, overeenkomst):
    """For downloads: the provider's own members (active organisation) or SROI staff; anyone else 404."""
    if permissions.is_sroi_staf(request.user):
        return
    if not request.organisatie or overeenkomst.organisatie_id != request.organisatie.pk:
        raise Http404


@login_required
def index(request):
    overeenkomsten = list(selectors.overeenkomsten_van(request.organisatie))
    jaar = kalender.vandaag().year
    cijfers = selectors.jaarcijfers(overeenkomsten, jaar)
    rijen = [cijfers[o.pk] for o in overeenkomsten]
    return render(request, "sroi/index.html", {"rijen": rijen, "jaar": jaar})


@login_required
def overeenkomst(request, pk: int):
    ovk = _eigen_overeenkomst(request, pk)
    services.rapportages_bijwerken(ovk)
    jaar = _jaar(request, ovk)
    cijfers = selectors.jaarcijfers([ovk], jaar)[ovk.pk]
    vandaag = kalender.vandaag()
    jaren = list(range(ovk.startdatum.year, selectors.contract_einde(ovk).year + 1))
    context = {
        "ovk": ovk,
        "jaar": jaar,
        "jaren": jaren,
        "cijfers": cijfers,
        "regime": cijfers.regime,
        "omzetten": {o.jaar: o for o in ovk.sroi_omzetten.all()},
        "omzet_form": OmzetForm(initial={
            "jaar": jaar - 1 if cijfers.regime and cijfers.regime.grondslag == "vorig_jaar" else jaar, "terug_jaar": jaar,
        }),
        "plannen": selectors.plannen_van(ovk),
        "plan_form": PlanForm(),
        "activiteiten": selectors.activiteiten_van(ovk, jaar),
        "rapportages": [(r, r.is_te_laat(vandaag)) for r in ovk.sroi_rapportages.filter(jaar=jaar).order_by("periode_einde")]
        + [(r, r.is_te_laat(vandaag)) for r in ovk.sroi_rapportages.filter(soort="eind").exclude(jaar=jaar)],
        "vandaag": vandaag,
        "termijnen": selectors.plantermijnen(ovk, cijfers.regime, vandaag),
    }
    return render(request, "sroi/overeenkomst.html", context)


@login_required
@require_POST
def omzet(request, pk: int):
    ovk = _eigen_overeenkomst(request, pk)
    form = OmzetForm(request.POST)
    if form.is_valid():
        try:
            services.omzet_vastleggen(overeenkomst=ovk, door=request.user, jaar=form.cleaned_data["jaar"],
                                      omzet=form.cleaned_data["omzet"])
        except ValidationError as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, f"De omzet over {form.cleaned_data['jaar']} is opgeslagen.")
    else:
        messages.error(request, "Vul een geldig jaar en een bedrag van ten minste € 0 in.")
    # cleaned_data holds the valid fields even when another field failed, so the page returns to its year.
    terug = form.cleaned_data.get("terug_jaar") or ""
    return redirect(f"{reverse('sroi:overeenkomst', args=[ovk.pk])}?jaar={terug}")


@login_required
@require_POST
def plan(request, pk: int):
    ovk = _eigen_overeenkomst(request, pk)
    form = PlanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.plan_indienen(overeenkomst=ovk, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Het plan van aanpak is ingediend. De SROI-adviseur beoordeelt het.")
    else:
        messages.error(request, "Kies een PDF-bestand met het plan van aanpak.")
    return redirect("sroi:overeenkomst", pk=ovk.pk)


@login_required
def plan_downloaden(request, pk: int):
    p = get_object_or_404(SroiPlan.objects.select_related("overeenkomst"), pk=pk)
    _zichtbare_overeenkomst(request, p.overeenkomst)
    return stream_prive_bestand(p.bestand, p.originele_naam, mime_type="application/pdf")


@login_required
def activiteit_nieuw(request, pk: int):
    ovk = _eigen_overeenkomst(request, pk)
    form = ActiviteitForm(request.POST or None, aanbesteding=ovk.aanbesteding)
    if request.method == "POST" and form.is_valid():
        gegevens = dict(form.cleaned_data)
        regel = gegevens.pop("regel")
        try:
            act = services.activiteit_registreren(overeenkomst=ovk, regel=regel, door=request.user, **gegevens)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"De activiteit is geregistreerd met een SROI-waarde van {act.waarde} euro.")
            return redirect("sroi:activiteit", pk=act.pk)
    return render(request, "sroi/activiteit_form.html", {"form": form, "ovk": ovk})


def _eigen_activiteit(request, pk) -> SroiActiviteit:
    if not request.organisatie:
        raise Http404
    return get_object_or_404(
        SroiActiviteit.objects.select_related("overeenkomst__aanbesteding", "regel__tabel", "doelgroep", "rapportage"),
        pk=pk, overeenkomst__organisatie=request.organisatie,
    )


@login_required
def activiteit(request, pk: int):
    act = _eigen_activiteit(request, pk)
    form = BewijsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            stuk = services.bewijs_toevoegen(activiteit=act, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error("bestand", fout)
        else:
            messages.success(request, f"Het bewijsstuk is toegevoegd. {stuk.opschoning_melding}".strip())
            return redirect("sroi:activiteit", pk=act.pk)
    return render(request, "sroi/activiteit.html", {"act": act, "form": form, "bewijsstukken": act.bewijsstukken.all()})


@login_required
@require_POST
def activiteit_verwijderen(request, pk: int):
    act = _eigen_activiteit(request, pk)
    ovk_pk, jaar = act.overeenkomst_id, act.jaar
    try:
        services.activiteit_verwijderen(activiteit=act, door=request.user)
    except (ValidationError, PermissionDenied) as fout:
        fout_melden(request, fout)
        return redirect("sroi:activiteit", pk=act.pk)
    messages.success(request, "De activiteit is verwijderd.")
    return redirect(f"{reverse('sroi:overeenkomst', args=[ovk_pk])}?jaar={jaar}")


@login_required
def bewijs_downloaden(request, pk: int):
    stuk = get_object_or_404(SroiBewijsstuk.objects.select_related("activiteit__overeenkomst"), pk=pk)
    _zichtbare_overeenkomst(request, stuk.activiteit.overeenkomst)
    if stuk.virus:
        raise Http404("Dit bestand bevat volgens de virusscan schadelijke inhoud en wordt niet aangeboden.")
    return stream_prive_bestand(stuk.bestand, stuk.originele_naam, mime_type=stuk.mime_type)


@login_required
def rapportage(request, pk: int):
    if not request.organisatie:
        raise Http404
    rap = get_object_or_404(
        SroiRapportage.objects.select_related("overeenkomst__aanbesteding", "overeenkomst__organisatie"),
        pk=pk, overeenkomst__organisatie=request.organisatie,
    )
    form = IndienenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rapportage_indienen(rapportage=rap, door=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, f"{rap.naam} is ingediend.")
        return redirect("sroi:rapportage", pk=rap.pk)
    vandaag = kalender.vandaag()
    if rap.is_bevroren:
        regels = rap.bevroren_inhoud.get("activiteiten", [])
    else:
        qs = selectors.activiteiten_van(rap.overeenkomst)
        if rap.soort != SroiRapportage.Soort.EIND:
            qs = qs.filter(startdatum__gte=rap.periode_start, startdatum__lte=rap.periode_einde)
        regels = [
            {"categorie": a.regel.categorie, "regel": a.regel.naam, "doelgroep": a.doelgroep.naam if a.doelgroep else "",
             "persoon_referentie": a.persoon_referentie, "omschrijving": a.omschrijving,
             "startdatum": a.startdatum.isoformat(), "waarde": str(a.waarde), "telt_mee": a.telt_mee}
            for a in qs.order_by("startdatum")
        ]
    for r in regels:
        r["start"] = date.fromisoformat(r["startdatum"])
    return render(request, "sroi/rapportage.html", {
        "rap": rap, "regels": regels, "form": form, "te_laat": rap.is_te_laat(vandaag),
        "kan_indienen": rap.status in ("open", "bewijs_gevraagd") and (rap.soort == "eind" or rap.periode_einde <= vandaag),
    })
