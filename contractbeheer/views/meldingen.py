"""The provider's meldingen under /mijn/verplichtingen/meldingen/ (issue 13; 002 B1 27, 29, 30.2; 003 Eis 82-84,
88). Thin: parse with a form, call one service, render. Every melding and agreement is looked up through the
user's active organisation, so another organisation's id is a 404 (no IDOR). Internal notes of the bureau are
never queried here."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Q
from django.shortcuts import get_object_or_404, redirect, render

from core import kalender
from core.berichten import fout_melden
from organisaties.portaal import actieve_organisatie_of_404
from overeenkomst.models import Overeenkomst

from .. import services
from ..models import Melding, Meldingsoort, Meldingsstap

AANWIJZING = ("Vermeld geen gegevens waarmee een cliënt te herkennen is: geen namen, initialen, geboortedata of "
              "BSN. Gebruik zo nodig uw eigen dossiercode, zoals “K-2024-017”.")
_MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _lopende_overeenkomsten(organisatie):
    return (Overeenkomst.objects.filter(organisatie=organisatie, status=Overeenkomst.Status.ACTIEF)
            .select_related("aanbesteding").order_by("aanbesteding__titel", "pk"))


def _soorten(overeenkomsten):
    return (Meldingsoort.objects.filter(actief=True, aanbesteding__in={o.aanbesteding_id for o in overeenkomsten})
            .select_related("aanbesteding").order_by("aanbesteding__titel", "volgorde", "naam"))


class _SoortKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} ({services.termijn_tekst(obj.termijn_aantal, obj.termijn_eenheid)})"


class _OvereenkomstKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.aanbesteding.titel} (sinds {obj.startdatum:%d-%m-%Y})"


class SoortVanDeProcedure:
    """Form mixin (provider and staff): the kind of melding must belong to the chosen agreement's procedure."""

    def clean(self):
        data = super().clean()
        ovk, soort = data.get("overeenkomst"), data.get("soort")
        if ovk and soort and soort.aanbesteding_id != ovk.aanbesteding_id:
            self.add_error("soort", "Deze soort melding hoort bij een andere procedure dan de gekozen overeenkomst.")
        return data


class MeldingForm(SoortVanDeProcedure, forms.Form):
    overeenkomst = _OvereenkomstKeuze(queryset=Overeenkomst.objects.none(), label="Overeenkomst")
    soort = _SoortKeuze(queryset=Meldingsoort.objects.none(), label="Soort melding")
    gebeurd_op = forms.DateTimeField(label="Datum en tijd van de gebeurtenis", widget=_MOMENT,
                                     help_text="De termijn telt vanaf dit moment.")
    samenvatting = forms.CharField(label="Samenvatting", max_length=200)
    omschrijving = forms.CharField(label="Wat is er gebeurd?", widget=forms.Textarea(attrs={"rows": 6}),
                                   help_text=AANWIJZING)
    ook_gemeld_aan = forms.CharField(label="Ook gemeld aan", max_length=200, required=False,
                                     help_text="Bijvoorbeeld de Inspectie Gezondheidszorg en Jeugd (IGJ).")
    maatregelen = forms.CharField(label="Genomen en voorgenomen maatregelen", required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, overeenkomsten, soorten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overeenkomst"].queryset = overeenkomsten
        self.fields["soort"].queryset = soorten
        if len(overeenkomsten) == 1 and not self.initial.get("overeenkomst"):
            self.initial["overeenkomst"] = overeenkomsten[0].pk



class AntwoordForm(forms.Form):
    tekst = forms.CharField(label="Uw antwoord", widget=forms.Textarea(attrs={"rows": 5}), help_text=AANWIJZING)


def _met_vraagstand(qs):
    """Annotate the moments of the latest question and answer (one query for the whole list)."""
    return qs.annotate(
        laatste_vraag=Max("stappen__op", filter=Q(stappen__soort=Meldingsstap.Soort.VRAAG)),
        laatste_antwoord=Max("stappen__op", filter=Q(stappen__soort=Meldingsstap.Soort.ANTWOORD)),
    )


@login_required
def lijst(request):
    org = actieve_organisatie_of_404(request)
    qs = _met_vraagstand(
        Melding.objects.filter(overeenkomst__organisatie=org)
        .select_related("soort", "overeenkomst__aanbesteding").order_by("-ontvangen_op", "-pk")
    )
    pagina = Paginator(qs, 50).get_page(request.GET.get("p"))
    for m in pagina:
        m.vraag_open = bool(m.laatste_vraag and (not m.laatste_antwoord or m.laatste_antwoord < m.laatste_vraag))
    return render(request, "contractbeheer/meldingen_lijst.html", {
        "pagina": pagina, "kan_melden": _lopende_overeenkomsten(org).exists(),
    })


@login_required
def nieuw(request):
    org = actieve_organisatie_of_404(request)
    overeenkomsten = list(_lopende_overeenkomsten(org))
    soorten = list(_soorten(overeenkomsten))
    # ?overeenkomst=<pk>&soort=<pk> preselects (a link from the obligations page); the choices stay the own ones.
    voorkeur = {k: request.GET[k] for k in ("overeenkomst", "soort") if request.GET.get(k, "").isdigit()}
    form = MeldingForm(request.POST or None, overeenkomsten=_lopende_overeenkomsten(org),
                       soorten=_soorten(overeenkomsten), initial=voorkeur)
    if request.method == "POST" and form.is_valid():
        try:
            melding = services.melding_doen(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            tijd = ("Dat is na de termijn: de melding is als te laat vastgelegd." if melding.te_laat
                    else "Dat is op tijd.")
            messages.success(request, (
                f"Uw melding is ontvangen op {melding.ontvangen_op.astimezone(kalender.TZ):%d-%m-%Y om %H:%M}. "
                f"De termijn liep tot {melding.uiterlijk.astimezone(kalender.TZ):%d-%m-%Y %H:%M}. {tijd}"
            ))
            return redirect("contractbeheer:melding", pk=melding.pk)
    per_procedure: dict = {}
    for s in soorten:
        per_procedure.setdefault(s.aanbesteding, []).append(
            (s, services.termijn_tekst(s.termijn_aantal, s.termijn_eenheid)))
    return render(request, "contractbeheer/meldingen_nieuw.html", {
        "form": form, "overeenkomsten": overeenkomsten, "per_procedure": per_procedure,
    })


@login_required
def melding(request, pk: int):
    org = actieve_organisatie_of_404(request)
    m = get_object_or_404(
        Melding.objects.select_related("soort", "overeenkomst__aanbesteding", "overeenkomst__organisatie"),
        pk=pk, overeenkomst__organisatie=org,
    )
    # Only what the provider may see: never the bureau's internal notes.
    stappen = list(m.stappen.filter(intern=False).select_related("door"))
    open_ = services.vraag_open(stappen)
    form = AntwoordForm(request.POST or None) if open_ else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.melding_beantwoorden(melding=m, tekst=form.cleaned_data["tekst"], door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "Uw antwoord is verstuurd aan het bureau.")
            return redirect("contractbeheer:melding", pk=m.pk)
    return render(request, "contractbeheer/meldingen_melding.html", {
        "m": m, "stappen": stappen, "form": form, "vraag_open": open_,
        "termijn": services.termijn_tekst(m.soort.termijn_aantal, m.soort.termijn_eenheid),
    })
