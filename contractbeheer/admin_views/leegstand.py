"""The bureau's leegstandsvergoeding and budget ceilings in the Wagtail admin (issue 14; 003 r.4140-4207,
r.4259-4319; 003a §6.3; 004 §3.1). Contractmanager and Inkoper only, in their regions (ADR 0011): a regeling,
overview or ceiling of another region is a 404 like a missing id. The export passes core.export (formula
injection safe)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from wagtail.snippets.views.snippets import SnippetViewSet

from aanbesteding.models import Aanbesteding
from core import kalender
from core.berichten import fout_melden
from core.export import export_antwoord
from core.geld import formatteer_euro
from organisaties.regios import RegioViewSetMixin, binnen, object_of_404

from ..models import Beddenoverzicht, Budgetplafond, Leegstandsregeling, Leegstandsverdeling
from ..selectors import budget as budgetselectie
from ..selectors import leegstand as selectie
from ..services import leegstand as diensten
from ._toegang import eis_staf


def _jaar(request, standaard: int | None = None) -> int:
    """?jaar= (a plausible year), else ``standaard``, else the current year."""
    waarde = request.GET.get("jaar", "")
    if waarde.isdigit() and 2000 <= int(waarde) <= 2100:
        return int(waarde)
    return standaard or kalender.vandaag().year


def _laatste_jaar(r) -> int | None:
    """The year of the regeling's latest overview: the page opens where the work is (in January the overviews
    of last year are the ones to settle), not on an empty current year."""
    laatste = r.overzichten.order_by("-maand").values_list("maand", flat=True).first()
    return laatste.year if laatste else None


def leegstand(request):
    """The regelingen of the user's regions, with their number of overviews waiting for a decision."""
    b = eis_staf(request)
    regelingen = (binnen(Leegstandsregeling.objects, b).select_related("aanbesteding", "perceel", "product")
                  .order_by("aanbesteding__titel", "perceel__code"))
    wachtend = dict(binnen(Beddenoverzicht.objects, b).filter(status=Beddenoverzicht.Status.INGEDIEND)
                    .values("regeling").annotate(n=Count("pk")).values_list("regeling", "n"))
    return render(request, "contractbeheer/admin/leegstand_lijst.html", {
        "regelingen": [(r, wachtend.get(r.pk, 0)) for r in regelingen],
    })


def regeling(request, pk: int):
    """One regeling in one year: months × providers with the status and amounts, the yearly overview per
    provider (003 r.4300-4316) and the split over the municipalities (003 r.4198-4206)."""
    b = eis_staf(request)
    r = object_of_404(Leegstandsregeling.objects.select_related("aanbesteding", "perceel", "product"), b, pk=pk)
    jaar = _jaar(request, _laatste_jaar(r))
    aanbieders, maanden = selectie.maandstaat(r, jaar)
    jaarregels, totaal = selectie.jaaroverzicht(r, jaar)
    verdeling = selectie.verdeling(r, jaar)
    per_maand: dict = {}
    for o, delen in verdeling.regels:
        rij = per_maand.setdefault(o.maand, dict.fromkeys(verdeling.totaal_per_gemeente, 0))
        for g, bedrag in delen.items():
            rij[g] += bedrag
    return render(request, "contractbeheer/admin/leegstand_regeling.html", {
        "r": r, "jaar": jaar, "jaren": [jaar - 1, jaar + 1], "aanbieders": aanbieders, "maanden": maanden,
        "jaarregels": jaarregels, "totaal": totaal, "verdeling": verdeling,
        "verdeling_per_maand": [(m, [rij[v.gemeente_id] for v in verdeling.gemeenten])
                                for m, rij in sorted(per_maand.items())],
        "verdeling_totaal": [verdeling.totaal_per_gemeente[v.gemeente_id] for v in verdeling.gemeenten],
        "niet_gedekt": [verdeling.niet_gedekt[v.gemeente_id] for v in verdeling.gemeenten],
    })


class AfwijsForm(forms.Form):
    reden = forms.CharField(label="Reden van afwijzing", widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="De aanbieder ziet deze reden en dient een nieuw overzicht in.")


def overzicht(request, pk: int):
    """One bed overview with approve / reject."""
    b = eis_staf(request)
    o = object_of_404(Beddenoverzicht.objects.select_related(
        "regeling__aanbesteding", "regeling__perceel", "overeenkomst__organisatie", "ingediend_door",
        "beoordeeld_door"), b, pk=pk)
    afwijs = AfwijsForm(prefix="afwijs")
    if request.method == "POST":
        try:
            if request.POST.get("actie") == "goedkeuren":
                o = diensten.overzicht_goedkeuren(overzicht=o, door=request.user)
                messages.success(request, f"Goedgekeurd; uit te betalen {formatteer_euro(o.bedrag_uit_te_betalen)}"
                                 + (f" (berekend {formatteer_euro(o.bedrag_berekend)}; het maximum per jaar is "
                                    "bereikt)."
                                    if o.bedrag_uit_te_betalen < o.bedrag_berekend else "."))
                return redirect("contractbeheer_admin_leegstand_overzicht", pk=o.pk)
            if request.POST.get("actie") == "afwijzen":
                afwijs = AfwijsForm(request.POST, prefix="afwijs")
                if afwijs.is_valid():
                    diensten.overzicht_afwijzen(overzicht=o, reden=afwijs.cleaned_data["reden"], door=request.user)
                    messages.success(request, "Afgewezen; de aanbieder kan een nieuw overzicht indienen.")
                    return redirect("contractbeheer_admin_leegstand_overzicht", pk=o.pk)
        except ValidationError as fout:
            afwijs.add_error(None, fout.messages)
        except PermissionDenied as fout:
            fout_melden(request, fout)
    return render(request, "contractbeheer/admin/leegstand_overzicht.html", {
        "o": o, "leegstand": o.etmalen_capaciteit - o.etmalen_bezet, "afwijs": afwijs,
        "intensiteit": diensten.intensiteit_label(o.intensiteit),
        "kan_beoordelen": o.status == Beddenoverzicht.Status.INGEDIEND,
    })


def export(request, pk: int):
    """Month × provider × municipality of one regeling-year, as CSV (default) or XLSX (?formaat=xlsx)."""
    b = eis_staf(request)
    r = object_of_404(Leegstandsregeling.objects.select_related("perceel"), b, pk=pk)
    jaar = _jaar(request)
    rijen = list(selectie.exportregels(r, jaar))
    naam = f"leegstandsvergoeding-{r.perceel.code}-{jaar}"
    return export_antwoord(naam, selectie.EXPORTKOP, rijen, formaat=request.GET.get("formaat", ""), blad="Leegstand")


def budgetplafonds(request):
    """The ceilings of the user's regions with the spend of a year, the percentage and the warning labels."""
    b = eis_staf(request)
    jaar = _jaar(request) if request.GET.get("jaar") else kalender.vandaag().year - 1
    procedures = binnen(Aanbesteding.objects, b).order_by("titel")
    gekozen = None
    if request.GET.get("aanbesteding", "").isdigit():
        gekozen = procedures.filter(pk=int(request.GET["aanbesteding"])).first()
    return render(request, "contractbeheer/admin/leegstand_budgetplafonds.html", {
        "standen": budgetselectie.plafondstanden(b, jaar, aanbesteding=gekozen), "jaar": jaar,
        "jaren": [jaar - 1, jaar + 1], "procedures": procedures, "gekozen": gekozen,
    })


# --- snippets: the regeling, its key and the ceilings (loaded from the sources, editable by staff) ----------


class LeegstandsregelingViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Leegstandsregeling
    icon = "home"
    menu_label = "Leegstandsregelingen"
    list_display = ["perceel", "aanbesteding", "product", "max_per_aanbieder_per_jaar", "max_totaal_per_jaar"]
    list_filter = ["aanbesteding"]


class LeegstandsverdelingViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Leegstandsverdeling
    icon = "list-ul"
    menu_label = "Verdeelsleutel leegstand"
    list_display = ["gemeente", "regeling", "percentage", "max_bijdrage"]
    list_filter = ["regeling"]


class BudgetplafondViewSet(RegioViewSetMixin, SnippetViewSet):
    model = Budgetplafond
    icon = "pick"
    menu_label = "Budgetplafonds"
    list_display = ["naam", "aanbesteding", "soort", "bedrag", "perceel", "product", "overeenkomst", "jaar"]
    list_filter = ["aanbesteding", "soort"]
