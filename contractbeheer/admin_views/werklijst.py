"""The contract manager's work list in the Wagtail admin (issue 13): what providers must do this week, what is
late and what waits for the bureau, across providers, with filters and an export; and the screen that loads the
rules of a procedure from the sources. Contractmanager and Inkoper only, and only in their regions (ADR 0011):
a procedure or region of another bureau is not among the choices."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from aanbesteding.models import Aanbesteding
from bronnen.contractbeheer import BRONNEN
from core import kalender
from core.export import export_antwoord
from organisaties.models import Regio
from organisaties.regios import binnen

from .. import permissions, selectors, services
from ..selectors.verplichtingen import SOORTEN
from ._toegang import beheer_staf

_BRONLABELS = {
    "mlo": "Midden-Limburg Oost (002 B1 27-34, UOK 5.1)",
    "gooi": "Gooi en Vechtstreek (003 §13, §2.5.7, Eis 53, 82-84, 88)",
}
BRONKEUZES = [(sleutel, _BRONLABELS.get(sleutel, sleutel)) for sleutel in BRONNEN]



def _procedures(bereik):
    return binnen(Aanbesteding.objects.all(), bereik).order_by("-looptijd_start", "titel")


def _regios(bereik):
    qs = Regio.objects.order_by("naam")
    return qs if bereik.alle else qs.filter(pk__in=bereik.ids)


class WerklijstFilterForm(forms.Form):
    sectie = forms.ChoiceField(choices=list(selectors.SECTIES.items()), required=False, label="Sectie")
    aanbesteding = forms.ModelChoiceField(queryset=Aanbesteding.objects.none(), required=False, label="Procedure",
                                          empty_label="Alle procedures")
    regio = forms.ModelChoiceField(queryset=Regio.objects.none(), required=False, label="Regio",
                                   empty_label="Alle regio's")
    soort = forms.ChoiceField(choices=[("", "Alle soorten"), *SOORTEN.items()], required=False, label="Soort")
    pagina = forms.IntegerField(min_value=1, required=False, label="Pagina")

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = _procedures(bereik)
        self.fields["regio"].queryset = _regios(bereik)

    def filters(self) -> dict:
        """The valid choices only: a procedure of another region (or a tampered value) is simply not applied;
        the list itself stays limited to the user's regions whatever is asked."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


def _form(request):
    return WerklijstFilterForm(request.GET or None, bereik=permissions.beheer_bereik(request.user))


@beheer_staf
def werklijst(request, pk=None):
    form = _form(request)
    filters = form.filters() if form.is_bound else {}
    lijst = selectors.werklijst(request.user, kalender.vandaag(), filters)
    # The query string without sectie and pagina, for the tabs, the pages and the export links.
    basis = request.GET.copy()
    for sleutel in ("sectie", "pagina", "formaat"):
        basis.pop(sleutel, None)
    return render(request, "contractbeheer/admin/werklijst.html", {
        "form": form,
        "lijst": lijst,
        "basis": basis.urlencode(),
        "meer_regios": form.fields["regio"].queryset.count() > 1,
        "vandaag": kalender.vandaag(),
        "handhaving": selectors.handhaving_tellingen(request.user, kalender.vandaag()),
    })


KOP = ["Sectie", "Soort", "Aanbieder", "Procedure", "Regio", "Wat", "Uiterlijk", "Dagen te laat", "Ontvangen",
       "Status"]


def _exportregels(regels):
    regios = dict(Regio.objects.filter(pk__in={r.regio_id for r in regels}).values_list("pk", "naam"))
    for r in regels:
        ontvangen = r.ontvangen.astimezone(kalender.TZ).strftime("%d-%m-%Y %H:%M") if r.ontvangen else ""
        yield [r.sectie_label, r.soort_label, r.organisatie, r.procedure, regios.get(r.regio_id, ""), r.titel,
               r.termijn.strftime("%d-%m-%Y") if r.termijn else "", r.dagen_te_laat, ontvangen, r.status]


@beheer_staf
def werklijst_export(request, pk=None):
    """The rows of all sections (or of the chosen one) with the page's filters, as CSV or XLSX; every text cell
    passes core.export (formula injection)."""
    form = _form(request)
    filters = form.filters() if form.is_bound else {}
    vandaag = kalender.vandaag()
    regels = selectors.werklijst_regels(request.user, vandaag, filters)
    naam = f"werklijst-contractbeheer-{vandaag:%Y-%m-%d}"
    return export_antwoord(naam, KOP, _exportregels(regels), formaat=request.GET.get("formaat", ""), blad="Werklijst")


class RegelsLadenForm(forms.Form):
    aanbesteding = forms.ModelChoiceField(queryset=Aanbesteding.objects.none(), label="Procedure")
    bron = forms.ChoiceField(choices=BRONKEUZES, label="Bron",
                             help_text="De verantwoordingseisen, meldingsoorten en termijnen uit de brondocumenten.")

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = _procedures(bereik)


@beheer_staf
def regels_laden(request, pk=None):
    form = RegelsLadenForm(request.POST or None, bereik=permissions.beheer_bereik(request.user))
    if request.method == "POST" and form.is_valid():
        aanbesteding = form.cleaned_data["aanbesteding"]
        services.regels_laden(aanbesteding=aanbesteding, bron=BRONNEN[form.cleaned_data["bron"]], door=request.user)
        messages.success(request, f"De regels voor contractbeheer van {aanbesteding.titel} zijn geladen. U kunt ze "
                                  "aanpassen onder Contractbeheer-instellingen.")
        return redirect("contractbeheer_admin_regels_laden")
    return render(request, "contractbeheer/admin/regels_laden.html", {"form": form})
