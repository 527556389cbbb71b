"""The provider's monitoring under /mijn/verplichtingen/monitoring/ (issue 14): per agreement the periods to fill
(late ones marked) and the history with traffic lights, the KPI form of one period, the upload of the figures
with its template, and the wachttijden of all percelen for one month (003 r.554). Every agreement is looked up
through the user's active organisation (another organisation's id is a 404, no IDOR). Thin: parse, one service,
render; a refused form keeps what was typed."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from core import kalender
from core.berichten import fout_melden
from core.export import XLSX_TYPE
from organisaties.portaal import actieve_organisatie_of_404
from overeenkomst.models import Overeenkomst

from .. import regels
from ..models import Kpi, Kpiwaarde, Wachttijd, Wachttijdnorm
from ..selectors import monitoring as sel
from ..services import monitoring as svc

AANWIJZING = "Geen gegevens waarmee een cliënt te herkennen is (geen namen, initialen, geboortedata of BSN)."


def _eigen(request, pk: int) -> Overeenkomst:
    org = actieve_organisatie_of_404(request)
    return get_object_or_404(Overeenkomst.objects.select_related("aanbesteding", "organisatie"), pk=pk,
                             organisatie=org)


def _tekst(fouten: ValidationError) -> list[str]:
    return list(fouten.messages)


@login_required
def lijst(request):
    """The running agreements of the organisation; with one, straight to its overview."""
    org = actieve_organisatie_of_404(request)
    ovks = list(Overeenkomst.objects.filter(organisatie=org, status=Overeenkomst.Status.ACTIEF)
                .select_related("aanbesteding").order_by("aanbesteding__titel", "pk"))
    if len(ovks) == 1:
        return redirect("contractbeheer:monitoring_overzicht", pk=ovks[0].pk)
    return render(request, "contractbeheer/monitoring_lijst.html", {"overeenkomsten": ovks})


@login_required
def overzicht(request, pk: int):
    ovk = _eigen(request, pk)
    vandaag = kalender.vandaag()
    return render(request, "contractbeheer/monitoring_overzicht.html", {
        "ovk": ovk, "o": sel.aanbieder_overzicht(ovk, vandaag), "vandaag": vandaag,
        "loopt": ovk.status == Overeenkomst.Status.ACTIEF,
    })


def _veldnaam(kpi, perceel) -> str:
    return f"k{kpi.pk}_p{perceel.pk if perceel else 0}"


class KpiForm(forms.Form):
    """One field per KPI (and perceel) of the period, with a note each; empty = not (yet) given."""

    def __init__(self, *args, sleutels, bestaand, **kwargs):
        super().__init__(*args, **kwargs)
        self.sleutels = sleutels
        for kpi, perceel in sleutels:
            naam = _veldnaam(kpi, perceel)
            label = kpi.naam + (f" – perceel {perceel.code}" if perceel else "") + f" ({kpi.get_eenheid_display()})"
            oud = bestaand.get((kpi.pk, perceel.pk if perceel else None))
            self.fields[naam] = forms.DecimalField(
                label=label, required=False, max_digits=14, decimal_places=2, localize=True,
                help_text=kpi.toelichting, initial=oud.waarde if oud else None,
            )
            self.fields[f"{naam}_t"] = forms.CharField(
                label=f"Toelichting bij {kpi.naam}" + (f" – perceel {perceel.code}" if perceel else ""),
                required=False, max_length=1000, initial=oud.toelichting if oud else "", help_text=AANWIJZING,
            )

    def cijfers(self, start) -> list[svc.Cijfer]:
        uit = []
        for kpi, perceel in self.sleutels:
            naam = _veldnaam(kpi, perceel)
            waarde = self.cleaned_data.get(naam)
            if waarde is not None:
                uit.append(svc.Cijfer(kpi, perceel, start, Decimal(waarde), self.cleaned_data.get(f"{naam}_t", "")))
        return uit


@login_required
def cijfers(request, pk: int, periode: str):
    ovk = _eigen(request, pk)
    try:
        soort, start = svc.periode_uit_code(periode)
    except ValueError as fout:
        raise Http404("Onbekende periode.") from fout
    kpis = [k for k in Kpi.objects.filter(aanbesteding=ovk.aanbesteding_id) if k.periode == soort]
    if not kpis:
        raise Http404("Voor deze periode zijn geen KPI's.")
    percelen = svc.lopende_percelen(ovk)
    sleutels = [(k, p) for k in kpis for p in (percelen if k.per_perceel else [None])]
    bestaand = {(w.kpi_id, w.perceel_id): w for w in
                Kpiwaarde.objects.filter(overeenkomst=ovk, kpi__in=kpis, periode_start=start)}
    label = regels.periode_label(start, soort)
    periodefout = ""
    try:
        svc.periode_controleren(ovk, soort, start, kalender.vandaag())
    except ValidationError as fout:
        periodefout = fout.messages[0]
    form = KpiForm(request.POST if request.method == "POST" else None, sleutels=sleutels, bestaand=bestaand)
    if request.method == "POST" and not periodefout and form.is_valid():
        try:
            telling = svc.kpiwaarden_vastleggen(overeenkomst=ovk, cijfers=form.cijfers(start), door=request.user)
        except ValidationError as fout:
            for tekst in _tekst(fout):
                form.add_error(None, tekst)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, f"De cijfers over {label} zijn opgeslagen ({telling['nieuw']} nieuw, "
                                      f"{telling['gecorrigeerd']} gecorrigeerd).")
            return redirect("contractbeheer:monitoring_overzicht", pk=ovk.pk)
    beheer = ovk.aanbesteding.beheerregels if hasattr(ovk.aanbesteding, "beheerregels") else None
    return render(request, "contractbeheer/monitoring_cijfers.html", {
        "ovk": ovk, "form": form, "label": label, "periodefout": periodefout,
        "uiterlijk": svc.uiterlijk(start, soort, beheer.kpi_aanleveren_kalenderdagen if beheer else 30),
    })


class UploadForm(forms.Form):
    bestand = forms.FileField(label="Ingevuld sjabloon (XLSX of CSV)",
                              widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))


@login_required
def upload(request, pk: int):
    ovk = _eigen(request, pk)
    form = UploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            telling = svc.kpi_upload_verwerken(overeenkomst=ovk, bestand=form.cleaned_data["bestand"],
                                               door=request.user)
        except ValidationError as fout:
            fouten = _tekst(fout)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, f"Het bestand is verwerkt: {telling['nieuw']} nieuwe cijfers, "
                                      f"{telling['gecorrigeerd']} gecorrigeerd, {telling['ongewijzigd']} ongewijzigd.")
            return redirect("contractbeheer:monitoring_overzicht", pk=ovk.pk)
    return render(request, "contractbeheer/monitoring_upload.html", {"ovk": ovk, "form": form, "fouten": fouten})


@login_required
def sjabloon(request, pk: int):
    ovk = _eigen(request, pk)
    formaat = "csv" if request.GET.get("formaat") == "csv" else "xlsx"
    inhoud = svc.kpi_sjabloon(ovk, formaat=formaat)
    antwoord = HttpResponse(inhoud, content_type="text/csv; charset=utf-8" if formaat == "csv" else XLSX_TYPE)
    naam = slugify(f"kpi-cijfers {ovk.aanbesteding.titel}")
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    antwoord["Cache-Control"] = "private, no-store"
    return antwoord


class WachttijdenForm(forms.Form):
    """Per perceel the four figures of the month and a note (003 §1.15.4-1.15.6)."""

    def __init__(self, *args, percelen, bestaand, **kwargs):
        super().__init__(*args, **kwargs)
        self.percelen = percelen
        for p in percelen:
            oud = bestaand.get(p.pk)
            for veld in svc.WACHTTIJDVELDEN:
                self.fields[f"p{p.pk}_{veld}"] = forms.IntegerField(
                    label=f"Perceel {p.code}: {Wachttijd._meta.get_field(veld).verbose_name}", min_value=0,
                    max_value=32000 if veld == "wachttijd_dagen" else 1_000_000, required=True,
                    initial=getattr(oud, veld) if oud else None,
                )
            self.fields[f"p{p.pk}_toelichting"] = forms.CharField(
                label=f"Perceel {p.code}: toelichting", required=False, max_length=1000,
                initial=oud.toelichting if oud else "", help_text=AANWIJZING)

    def per_perceel(self) -> dict:
        return {p: {v: self.cleaned_data[f"p{p.pk}_{v}"] for v in (*svc.WACHTTIJDVELDEN, "toelichting")}
                for p in self.percelen}

    def groepen(self):
        """The fields per perceel, for a fieldset each."""
        return [(p, [self[f"p{p.pk}_{v}"] for v in (*svc.WACHTTIJDVELDEN, "toelichting")]) for p in self.percelen]


@login_required
def wachttijden(request, pk: int, maand: str):
    ovk = _eigen(request, pk)
    try:
        soort, start = svc.periode_uit_code(maand)
    except ValueError as fout:
        raise Http404("Onbekende maand.") from fout
    if soort != Kpi.Periode.MAAND:
        raise Http404("Onbekende maand.")
    percelen = svc.lopende_percelen(ovk)
    bestaand = {w.perceel_id: w for w in Wachttijd.objects.filter(overeenkomst=ovk, maand=start)}
    maandfout = ""
    try:
        svc.maand_controleren(ovk, start, kalender.vandaag())
    except ValidationError as fout:
        maandfout = fout.messages[0]
    form = WachttijdenForm(request.POST if request.method == "POST" else None, percelen=percelen, bestaand=bestaand)
    label = regels.periode_label(start, "maand")
    if request.method == "POST" and not maandfout and form.is_valid():
        try:
            svc.wachttijden_vastleggen(overeenkomst=ovk, maand=start, per_perceel=form.per_perceel(),
                                       door=request.user)
        except ValidationError as fout:
            for tekst in _tekst(fout):
                form.add_error(None, tekst)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, f"De wachttijden over {label} zijn opgeslagen.")
            return redirect("contractbeheer:monitoring_overzicht", pk=ovk.pk)
    alle_normen = list(Wachttijdnorm.objects.filter(aanbesteding=ovk.aanbesteding_id))
    return render(request, "contractbeheer/monitoring_wachttijden.html", {
        "ovk": ovk, "form": form, "label": label, "maandfout": maandfout,
        "normen": [(p, sel.norm_voor(alle_normen, p.pk)) for p in percelen],
    })
