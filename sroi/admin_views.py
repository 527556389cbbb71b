"""The SROI-adviseur's screens in the Wagtail admin: dashboard per procedure and year with export, and the
work lists for plans, activities and reports (issue 7, bureau side). Every view checks the SROI role.

Issue 17: everything is narrowed to the regions where the user is SROI-adviseur (``_bereik``): lists, the
dashboard and its exports, the procedure choices; an object of another region is a 404 like a missing id."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from aanbesteding.models import Aanbesteding
from core import kalender
from core.berichten import fout_melden, geheel_getal
from core.export import csv_writer, xlsx_rij
from organisaties.regios import binnen, object_of_404

from . import bron, permissions, selectors, services
from .forms import ActiviteitBeoordelingForm, PlanBeoordelingForm, RapportageBeoordelingForm
from .models import SroiActiviteit, SroiPlan, SroiRapportage


def sroi_staf(view):
    @wraps(view)
    def inner(request, *args, **kwargs):
        if not permissions.mag_beoordelen(request.user):
            raise PermissionDenied("Alleen een SROI-adviseur heeft toegang tot deze pagina.")
        return view(request, *args, **kwargs)

    return inner


def _bereik(request):
    return permissions.sroi_bereik(request.user)


def _procedures(b):
    """The procedures with an SROI regime in the regions ``b``."""
    return binnen(Aanbesteding.objects.filter(sroi_regimes__isnull=False), b).distinct().order_by("-looptijd_start", "titel")


# --------------------------------------------------------------------------------------------------- dashboard


def _rapportstatus(c: selectors.Jaarcijfers, vandaag: date) -> dict:
    raps = c.rapportages
    eind = next((r for r in raps if r.soort == SroiRapportage.Soort.EIND), None)
    periodiek = [r for r in raps if r.soort != SroiRapportage.Soort.EIND]
    return {
        "ingediend": sum(1 for r in periodiek if r.status != SroiRapportage.Status.OPEN),
        "totaal": len(periodiek),
        "te_laat": sum(1 for r in raps if r.is_te_laat(vandaag)),
        "bewijs_gevraagd": sum(1 for r in raps if r.status == SroiRapportage.Status.BEWIJS_GEVRAAGD),
        "eind": eind,
        "eind_tekort": bool(eind and eind.tekort_gesignaleerd),
    }


def _grafiek(rijen) -> dict:
    """Bar widths for the inline SVG: obligation and realised per provider, scaled to the largest value."""
    hoogste = max([max(c.verplicht_bedrag, c.gerealiseerd) for c in rijen] + [Decimal("1")])
    balken = []
    for i, c in enumerate(rijen):
        balken.append({
            "naam": c.overeenkomst.organisatie.naam,
            "y": 30 + i * 34,
            "verplichting": c.verplicht_bedrag,
            "gerealiseerd": c.gerealiseerd,
            # Strings with a dot: the SVG attribute must not be localised ("12,5" is not a length).
            "b_verplichting": f"{float(c.verplicht_bedrag / hoogste * 400):.1f}",
            "b_gerealiseerd": f"{float(c.gerealiseerd / hoogste * 400):.1f}",
        })
    return {"balken": balken, "hoogte": 40 + len(rijen) * 34}


def _exportregels(data, vandaag):
    kop = ["Aanbieder", "KvK-nummer", "Omzet jaar", "Grondslag", "Verplichting", "Gerealiseerd", "Tekort", "Wacht op goedkeuring",
           "Rapportages ingediend", "Rapportages te laat", "Tekort bij eindrapportage"]
    regels = []
    for c in data["rijen"]:
        s = _rapportstatus(c, vandaag)
        regels.append([
            c.overeenkomst.organisatie.naam, c.overeenkomst.organisatie.kvk_nummer, c.omzet,
            c.verplichting.grondslag_bedrag if c.verplichting and c.verplichting.verplicht else None, c.verplicht_bedrag,
            c.gerealiseerd, c.tekort, c.wacht_op_goedkeuring, f"{s['ingediend']}/{s['totaal']}", s["te_laat"],
            "ja" if s["eind_tekort"] else "nee",
        ])
    return kop, regels


def _csv_bedrag(v: Decimal) -> str:
    # Always two decimals with a comma: a computed zero is Decimal("0"), which would read "0" next to "0,00".
    return f"{v:.2f}".replace(".", ",")


def _csv(data, aanbesteding, jaar, vandaag) -> HttpResponse:
    buffer = io.StringIO()
    w = csv_writer(buffer)  # neutralises formula cells (core.export, OWASP CSV injection)
    kop, regels = _exportregels(data, vandaag)
    w.writerow(kop)
    for r in regels:
        w.writerow(["" if v is None else (_csv_bedrag(v) if isinstance(v, Decimal) else v) for v in r])
    w.writerow([])
    w.writerow(["Categorie", "Aantal", "Waarde"])
    for r in data["per_categorie"]:
        w.writerow([r["regel__categorie"], r["aantal"], _csv_bedrag(r["totaal"])])
    w.writerow([])
    w.writerow(["Doelgroep", "Aantal", "Waarde"])
    for r in data["per_doelgroep"]:
        w.writerow([r["doelgroep__naam"] or "(geen)", r["aantal"], _csv_bedrag(r["totaal"])])
    antwoord = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="sroi-{aanbesteding.slug}-{jaar}.csv"'
    return antwoord


def _xlsx(data, aanbesteding, jaar, vandaag) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    blad = wb.active
    blad.title = f"Aanbieders {jaar}"
    kop, regels = _exportregels(data, vandaag)
    xlsx_rij(blad, kop)
    for r in regels:
        xlsx_rij(blad, [float(v) if isinstance(v, Decimal) else v for v in r])
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for kolom in "CDEFGH":
        for cel in blad[kolom][1:]:
            cel.number_format = '"€" #,##0.00'
    for titel, sleutel, rijen in (("Per categorie", "regel__categorie", data["per_categorie"]),
                                  ("Per doelgroep", "doelgroep__naam", data["per_doelgroep"])):
        ws = wb.create_sheet(titel)
        xlsx_rij(ws, [titel.split()[-1].capitalize(), "Aantal", "Waarde"])
        for r in rijen:
            xlsx_rij(ws, [r[sleutel] or "(geen)", r["aantal"], float(r["totaal"])])
    uit = io.BytesIO()
    wb.save(uit)
    antwoord = HttpResponse(uit.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    antwoord["Content-Disposition"] = f'attachment; filename="sroi-{aanbesteding.slug}-{jaar}.xlsx"'
    return antwoord


@sroi_staf
def dashboard(request):
    procedures = list(_procedures(_bereik(request)))
    vandaag = kalender.vandaag()
    gekozen = procedures[0] if procedures else None
    if (aanbesteding_id := geheel_getal(request.GET.get("aanbesteding"))) is not None:
        # A procedure of another region (or without SROI) is a 404, like an id that does not exist.
        gekozen = next((p for p in procedures if p.pk == aanbesteding_id), None)
        if gekozen is None:
            raise Http404("Niet gevonden.")
    try:
        jaar = int(request.GET.get("jaar", vandaag.year))
    except ValueError:
        jaar = vandaag.year
    context = {"procedures": procedures, "gekozen": gekozen, "jaar": jaar}
    if gekozen is not None:
        data = selectors.dashboard(gekozen, jaar)
        formaat = request.GET.get("formaat")
        if formaat == "csv":
            return _csv(data, gekozen, jaar, vandaag)
        if formaat == "xlsx":
            return _xlsx(data, gekozen, jaar, vandaag)
        context.update(data)
        context["rijen"] = [(c, _rapportstatus(c, vandaag)) for c in data["rijen"]]
        context["grafiek"] = _grafiek(data["rijen"])
        context["jaren"] = list(range(gekozen.looptijd_start.year, gekozen.looptijd_einde.year + 1))
    return render(request, "sroi/admin/dashboard.html", context)


# ------------------------------------------------------------------------------------------------- work lists


@sroi_staf
def plannen(request):
    return render(request, "sroi/admin/plannen.html", {
        "plannen": selectors.beoordelen_uiterlijk(binnen(selectors.te_beoordelen_plannen(), _bereik(request))),
        "vandaag": kalender.vandaag(),
        "recent": binnen(SroiPlan.objects, _bereik(request)).exclude(status=SroiPlan.Status.INGEDIEND)
        .select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding").order_by("-beoordeeld_op")[:20],
    })


@sroi_staf
@require_POST
def plan_beoordelen(request, pk: int):
    plan = object_of_404(SroiPlan.objects, _bereik(request), pk=pk)
    form = PlanBeoordelingForm(request.POST)
    if not form.is_valid():
        fout_melden(request, ValidationError(form.errors.as_data()))
        return redirect("sroi_admin_plannen")
    try:
        services.plan_beoordelen(plan=plan, goedkeuren=form.goedkeuren, reden=form.cleaned_data["reden"], door=request.user)
    except ValidationError as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, "Het plan is beoordeeld.")
    return redirect("sroi_admin_plannen")


@sroi_staf
def activiteiten(request):
    b = _bereik(request)
    qs = binnen(selectors.te_beoordelen_activiteiten(), b)
    # An id that is not a number filters nothing instead of crashing the page.
    if (aanbesteding_id := geheel_getal(request.GET.get("aanbesteding"))) is not None:
        qs = qs.filter(overeenkomst__aanbesteding_id=aanbesteding_id)
    return render(request, "sroi/admin/activiteiten.html", {"activiteiten": qs[:100], "procedures": _procedures(b)})


@sroi_staf
@require_POST
def activiteit_beoordelen(request, pk: int):
    act = object_of_404(SroiActiviteit.objects, _bereik(request), pk=pk)
    form = ActiviteitBeoordelingForm(request.POST)
    if not form.is_valid():
        fout_melden(request, ValidationError(form.errors.as_data()))
        return redirect("sroi_admin_activiteiten")
    try:
        services.activiteit_beoordelen(activiteit=act, goedkeuren=form.goedkeuren, reden=form.cleaned_data["reden"],
                                       waarde=form.cleaned_data["waarde"], door=request.user)
    except ValidationError as fout:
        fout_melden(request, fout)
    else:
        messages.success(request, f"“{act.omschrijving}” is beoordeeld.")
    return redirect("sroi_admin_activiteiten")


@sroi_staf
def rapportages(request):
    return render(request, "sroi/admin/rapportages.html", {
        "rapportages": binnen(selectors.te_verifieren_rapportages(), _bereik(request)),
    })


@sroi_staf
def rapportage(request, pk: int):
    rap = object_of_404(
        SroiRapportage.objects.select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding"), _bereik(request), pk=pk
    )
    if request.method == "POST":
        form = RapportageBeoordelingForm(request.POST)
        if not form.is_valid():
            fout_melden(request, ValidationError(form.errors.as_data()))
            return redirect("sroi_admin_rapportage", pk=rap.pk)
        try:
            if form.cleaned_data["actie"] == form.VERIFIEREN:
                services.rapportage_verifieren(rapportage=rap, door=request.user, opmerking=form.cleaned_data["opmerking"])
                messages.success(request, "De rapportage is geverifieerd.")
            else:
                services.rapportage_bewijs_vragen(rapportage=rap, door=request.user, verzoek=form.cleaned_data["verzoek"])
                messages.success(request, "Het verzoek om bewijs is vastgelegd.")
        except ValidationError as fout:
            fout_melden(request, fout)
        return redirect("sroi_admin_rapportage", pk=rap.pk)
    ids = [r["id"] for r in rap.bevroren_inhoud.get("activiteiten", [])]
    bewijs = {}
    for act in SroiActiviteit.objects.filter(pk__in=ids).prefetch_related("bewijsstukken"):
        bewijs[act.pk] = list(act.bewijsstukken.all())
    regels = [{**r, "bewijs": bewijs.get(r["id"], [])} for r in rap.bevroren_inhoud.get("activiteiten", [])]
    return render(request, "sroi/admin/rapportage.html", {"rap": rap, "regels": regels,
                                                          "te_laat": rap.is_te_laat(kalender.vandaag())})


class ImportForm(forms.Form):
    aanbesteding = forms.ModelChoiceField(queryset=Aanbesteding.objects.none(), label="Procedure")
    bestand = forms.FileField(label="CSV-bestand", help_text="Kolommen kvk_nummer;jaar;omzet (excl. btw).")

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = _procedures(bereik)


@sroi_staf
def omzet_import(request):
    form = ImportForm(request.POST or None, request.FILES or None, bereik=_bereik(request))
    fouten = []
    if request.method == "POST" and form.is_valid():
        try:
            uitkomst = services.omzet_importeren(aanbesteding=form.cleaned_data["aanbesteding"],
                                                 bestand=form.cleaned_data["bestand"], door=request.user)
        except ValidationError as fout:
            fouten = fout.messages
        else:
            if uitkomst.fouten:
                fouten = uitkomst.fouten
            else:
                messages.success(request, f"{uitkomst.verwerkt} omzetregels geïmporteerd.")
                return redirect("sroi_admin_omzet_import")
    return render(request, "sroi/admin/omzet_import.html", {"form": form, "fouten": fouten})


class RegimeForm(forms.Form):
    aanbesteding = forms.ModelChoiceField(queryset=Aanbesteding.objects.order_by("titel"), label="Procedure")
    bron = forms.ChoiceField(choices=[("mlo", "MLO (002 art. 17, Bijlage 4)"), ("gooi", "Gooi en Vechtstreek (003b Bijlage VII)")])
    geldig_vanaf = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = binnen(Aanbesteding.objects.order_by("titel"), bereik)


@sroi_staf
def regime_laden(request):
    form = RegimeForm(request.POST or None, bereik=_bereik(request))
    if request.method == "POST" and form.is_valid():
        data = bron.laaddata(form.cleaned_data["bron"], geldig_vanaf=form.cleaned_data["geldig_vanaf"])
        services.regime_laden(aanbesteding=form.cleaned_data["aanbesteding"], bron=data, door=request.user)
        messages.success(request, "Het SROI-regime met doelgroepen en waarderingstabel is ingesteld.")
        return redirect("sroi_admin_dashboard")
    return render(request, "sroi/admin/regime_laden.html", {"form": form})
