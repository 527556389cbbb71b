"""The bureau's contract talks in the Wagtail admin (issue 14; 002 UOK 13.1 r.126-137): the list with filters
(procedure, status, overdue actions), planning a talk with an agreement of the user's regions (the agenda
prefilled with the topics of the source), and the detail with the minutes, the cancellation and the agreed
actions. Contractmanager and Inkoper only, in their regions (ADR 0011): another region's talk is a 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from aanbesteding.models import Aanbesteding
from core import kalender
from core.berichten import fout_melden
from organisaties.regios import binnen, object_of_404
from overeenkomst.models import Overeenkomst

from ..models import Contractgesprek, Gespreksactie
from ..selectors.monitoring import grootste_aanbieders
from ..services import gesprekken as services
from ..services.regels import beheerregels_van
from ._toegang import eis_staf
from .meldingen import _OvereenkomstKeuze

_MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FilterForm(forms.Form):
    aanbesteding = forms.ModelChoiceField(queryset=Aanbesteding.objects.none(), required=False, label="Procedure",
                                          empty_label="Alle procedures")
    status = forms.ChoiceField(choices=[("", "Alle")] + Contractgesprek.Status.choices, required=False,
                               label="Status")
    te_laat = forms.BooleanField(required=False, label="Alleen met acties over de uiterste datum")

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = binnen(Aanbesteding.objects, bereik).order_by("titel")

    def filteren(self, qs):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d["aanbesteding"]:
            qs = qs.filter(overeenkomst__aanbesteding=d["aanbesteding"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["te_laat"]:
            qs = qs.filter(acties_te_laat__gt=0)
        return qs


class PlanForm(forms.Form):
    overeenkomst = _OvereenkomstKeuze(queryset=Overeenkomst.objects.none(), label="Overeenkomst")
    gepland_op = forms.DateTimeField(label="Datum en tijd", widget=_MOMENT)
    locatie = forms.CharField(label="Locatie of verbinding", max_length=255, required=False)
    onderwerpen = forms.CharField(
        label="Agenda", widget=forms.Textarea(attrs={"rows": 15}),
        help_text="De onderwerpen van 002 UOK 13.1 als afvinklijst; pas ze aan voor dit gesprek.",
    )

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overeenkomst"].queryset = (
            binnen(Overeenkomst.objects.filter(status=Overeenkomst.Status.ACTIEF), bereik)
            .select_related("organisatie", "aanbesteding").order_by("organisatie__naam", "aanbesteding__titel"))


class VerslagForm(forms.Form):
    gehouden_op = forms.DateTimeField(label="Gehouden op", widget=_MOMENT)
    deelnemers = forms.CharField(label="Deelnemers", widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text="Functies en organisaties, bijvoorbeeld “contractmanager bureau, "
                                           "directeur aanbieder”.")
    verslag = forms.CharField(label="Verslag", widget=forms.Textarea(attrs={"rows": 10}),
                              help_text="Geen namen, initialen, geboortedata of BSN van cliënten.")


class AnnuleerForm(forms.Form):
    reden = forms.CharField(label="Reden van de annulering", widget=forms.Textarea(attrs={"rows": 2}))


class ActieForm(forms.Form):
    omschrijving = forms.CharField(label="Afgesproken actie", widget=forms.Textarea(attrs={"rows": 2}))
    eigenaar = forms.ChoiceField(label="Wie", choices=Gespreksactie.Eigenaar.choices)
    uiterlijk = forms.DateField(label="Uiterlijk", widget=_DATUM)


class AfrondForm(forms.Form):
    toelichting = forms.CharField(label="Toelichting", required=False, max_length=2000)


def met_actiestand(qs, vandaag=None):
    """Annotate the open and overdue actions of each talk (one query for the whole list)."""
    vandaag = vandaag or kalender.vandaag()
    open_ = Q(acties__status=Gespreksactie.Status.OPEN)
    return qs.annotate(acties_open=Count("acties", filter=open_),
                       acties_te_laat=Count("acties", filter=open_ & Q(acties__uiterlijk__lt=vandaag)))


def gesprekken(request):
    b = eis_staf(request)
    filters = FilterForm(request.GET or None, bereik=b)
    qs = filters.filteren(met_actiestand(
        binnen(Contractgesprek.objects, b).select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding")
    )).order_by("-gepland_op", "-pk")
    pagina = Paginator(qs, 50).get_page(request.GET.get("p"))
    zoek = request.GET.copy()
    zoek.pop("p", None)
    return render(request, "contractbeheer/admin/gesprekken_lijst.html", {
        "pagina": pagina, "filters": filters, "zoek": zoek.urlencode(), **_grootste(filters),
    })


def _grootste(filters) -> dict:
    """002 UOK 13.1: for the chosen procedure, the providers that together made 80 % of last year's approved
    turnover (selectors.monitoring.grootste_aanbieders), each with the date of its latest talk this year, so the
    contract manager sees whom to plan."""
    procedure = filters.cleaned_data.get("aanbesteding") if filters.is_valid() else None
    if procedure is None:
        return {"grootste_procedure": None}
    jaar = kalender.vandaag().year - 1
    grootste = grootste_aanbieders(procedure, jaar)
    laatste = dict(Contractgesprek.objects.filter(
        overeenkomst__in=grootste, gepland_op__year=kalender.vandaag().year,
    ).exclude(status=Contractgesprek.Status.GEANNULEERD).values("overeenkomst_id")
        .annotate(laatst=Max("gepland_op")).values_list("overeenkomst_id", "laatst"))
    for ovk in grootste:
        ovk.laatste_gesprek = laatste.get(ovk.pk)
    return {"grootste_procedure": procedure, "grootste_jaar": jaar, "grootste": grootste,
            "grootste_pct": beheerregels_van(procedure).gesprekken_omzetaandeel_pct}


def gesprek_nieuw(request):
    b = eis_staf(request)
    if request.method == "POST":
        form = PlanForm(request.POST, bereik=b)
    else:
        form = PlanForm(bereik=b, initial={"onderwerpen": services.standaardagenda(),
                                           "overeenkomst": request.GET.get("overeenkomst")})
    if request.method == "POST" and form.is_valid():
        try:
            gesprek = services.gesprek_plannen(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Het gesprek is gepland; de aanbieder krijgt een e-mail met de agenda.")
            return redirect("contractbeheer_admin_gesprek", pk=gesprek.pk)
    return render(request, "contractbeheer/admin/gesprekken_nieuw.html", {"form": form})


def gesprek(request, pk: int):
    b = eis_staf(request)
    g = object_of_404(Contractgesprek.objects.select_related(
        "overeenkomst__organisatie", "overeenkomst__aanbesteding", "gepland_door", "verslag_door"), b, pk=pk)
    formulieren = {
        "verslag": VerslagForm(prefix="verslag", initial={"gehouden_op": g.gepland_op.astimezone(kalender.TZ)}),
        "annuleren": AnnuleerForm(prefix="annuleren"),
        "actie": ActieForm(prefix="actie"),
    }
    if request.method == "POST":
        actie = request.POST.get("actie_soort")
        klassen = {"verslag": VerslagForm, "annuleren": AnnuleerForm, "actie": ActieForm}
        if actie in klassen:
            form = formulieren[actie] = klassen[actie](request.POST, prefix=actie)
            if form.is_valid():
                try:
                    if actie == "verslag":
                        services.verslag_vastleggen(gesprek=g, door=request.user, **form.cleaned_data)
                        melding = "Het verslag is vastgelegd; de aanbieder krijgt er bericht van."
                    elif actie == "annuleren":
                        services.gesprek_annuleren(gesprek=g, door=request.user, **form.cleaned_data)
                        melding = "Het gesprek is geannuleerd."
                    else:
                        services.actie_toevoegen(gesprek=g, door=request.user, **form.cleaned_data)
                        melding = "De actie is toegevoegd."
                except ValidationError as fout:
                    form.add_error(None, fout)
                except PermissionDenied as fout:
                    fout_melden(request, fout)
                else:
                    messages.success(request, melding)
                    return redirect("contractbeheer_admin_gesprek", pk=g.pk)
    vandaag = kalender.vandaag()
    acties = list(g.acties.select_related("afgerond_door"))
    for a in acties:
        a.te_laat = services.actie_te_laat(a, vandaag)
    return render(request, "contractbeheer/admin/gesprekken_gesprek.html", {
        "g": g, "acties": acties, "gepland": g.status == Contractgesprek.Status.GEPLAND,
        "gehouden": g.status == Contractgesprek.Status.GEHOUDEN, **formulieren,
    })


@require_POST
def actie_afronden(request, pk: int):
    b = eis_staf(request)
    a = object_of_404(Gespreksactie.objects.select_related("gesprek__overeenkomst"), b, pk=pk)
    form = AfrondForm(request.POST)
    try:
        if form.is_valid():
            services.actie_afronden(actie=a, door=request.user, **form.cleaned_data)
            messages.success(request, "De actie is afgerond.")
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    except PermissionDenied as fout:
        fout_melden(request, fout)
    return redirect("contractbeheer_admin_gesprek", pk=a.gesprek_id)


# Included under admin/contractbeheer/gesprekken/ by wagtail_hooks.py (Wagtail decorates them with its admin
# access check like every other admin URL).
urlpatterns = [
    path("", gesprekken, name="contractbeheer_admin_gesprekken"),
    path("nieuw/", gesprek_nieuw, name="contractbeheer_admin_gesprek_nieuw"),
    path("<int:pk>/", gesprek, name="contractbeheer_admin_gesprek"),
    path("acties/<int:pk>/afronden/", actie_afronden, name="contractbeheer_admin_afronden_gespreksactie"),
]
