"""The bureau's meldingen in the Wagtail admin (issue 13): the list with filters, recording a notice that came by
e-mail, phone or post, and the detail with the full timeline (internal notes included) and the follow-up forms.
Contractmanager and Inkoper only, in their regions (ADR 0011): an object of another region is a 404 like a
missing id, and form choices of another region are invalid choices."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from aanbesteding.models import Aanbesteding
from core.berichten import fout_melden
from organisaties.regios import binnen, object_of_404
from overeenkomst.models import Overeenkomst

from .. import services
from ..models import Melding, Meldingsoort, Meldingsstap
from ..views.meldingen import SoortVanDeProcedure
from ._toegang import eis_staf

_MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_JA_NEE = [("", "Alle"), ("ja", "Te laat"), ("nee", "Op tijd")]



class _SoortKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        termijn = services.termijn_tekst(obj.termijn_aantal, obj.termijn_eenheid)
        return f"{obj.aanbesteding.titel}: {obj.naam} ({termijn})"


class _OvereenkomstKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.organisatie.naam} – {obj.aanbesteding.titel}"


class FilterForm(forms.Form):
    aanbesteding = forms.ModelChoiceField(queryset=Aanbesteding.objects.none(), required=False, label="Procedure",
                                          empty_label="Alle procedures")
    soort = _SoortKeuze(queryset=Meldingsoort.objects.none(), required=False, label="Soort",
                        empty_label="Alle soorten")
    status = forms.ChoiceField(choices=[("", "Alle")] + Melding.Status.choices, required=False, label="Status")
    te_laat = forms.ChoiceField(choices=_JA_NEE, required=False, label="Op tijd")

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = binnen(Aanbesteding.objects, bereik).order_by("titel")
        self.fields["soort"].queryset = (binnen(Meldingsoort.objects, bereik).select_related("aanbesteding")
                                         .order_by("aanbesteding__titel", "volgorde", "naam"))

    def filteren(self, qs):
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d["aanbesteding"]:
            qs = qs.filter(overeenkomst__aanbesteding=d["aanbesteding"])
        if d["soort"]:
            qs = qs.filter(soort=d["soort"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["te_laat"]:
            qs = qs.filter(te_laat=d["te_laat"] == "ja")
        return qs


class VastleggenForm(SoortVanDeProcedure, forms.Form):
    overeenkomst = _OvereenkomstKeuze(queryset=Overeenkomst.objects.none(), label="Overeenkomst")
    soort = _SoortKeuze(queryset=Meldingsoort.objects.none(), label="Soort melding")
    kanaal = forms.ChoiceField(label="Ontvangen per", choices=[(k.value, k.label) for k in services.meldingen.BUITEN_PORTAAL])
    gebeurd_op = forms.DateTimeField(label="Datum en tijd van de gebeurtenis", widget=_MOMENT)
    ontvangen_op = forms.DateTimeField(
        label="Datum en tijd van ontvangst", widget=_MOMENT,
        help_text="Het werkelijke moment waarop de melding het bureau bereikte (de e-mail, het telefoongesprek, de "
                  "poststempel van ontvangst), niet het moment van vastleggen: de termijn wordt daaraan getoetst.",
    )
    samenvatting = forms.CharField(label="Samenvatting", max_length=200)
    omschrijving = forms.CharField(label="Omschrijving", widget=forms.Textarea(attrs={"rows": 5}),
                                   help_text="Geen namen, initialen, geboortedata of BSN van cliënten.")
    ook_gemeld_aan = forms.CharField(label="Ook gemeld aan", max_length=200, required=False)
    maatregelen = forms.CharField(label="Genomen en voorgenomen maatregelen", required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overeenkomst"].queryset = (binnen(Overeenkomst.objects, bereik)
                                                .select_related("organisatie", "aanbesteding")
                                                .order_by("organisatie__naam", "aanbesteding__titel"))
        self.fields["soort"].queryset = (binnen(Meldingsoort.objects.filter(actief=True), bereik)
                                         .select_related("aanbesteding")
                                         .order_by("aanbesteding__titel", "volgorde", "naam"))



class ActieForm(forms.Form):
    actie = forms.ChoiceField(choices=[("stap", "stap"), ("status", "status")])


class StapForm(forms.Form):
    soort = forms.ChoiceField(label="Soort", choices=[
        (Meldingsstap.Soort.NOTITIE.value, "Interne notitie (niet zichtbaar voor de aanbieder)"),
        (Meldingsstap.Soort.VRAAG.value, "Vraag aan de aanbieder (per e-mail)"),
    ])
    tekst = forms.CharField(label="Tekst", widget=forms.Textarea(attrs={"rows": 4}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Nieuwe status")
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text="Verplicht bij heropenen.")

    def __init__(self, *args, melding, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Melding.Status.choices)
        heropenen = melding.status == Melding.Status.AFGEHANDELD
        self.fields["status"].choices = [
            (s, "Heropenen (weer in behandeling)" if heropenen else labels[s])
            for s in sorted(Melding.OVERGANGEN.volgende(melding.status))
        ]


def meldingen(request):
    b = eis_staf(request)
    filters = FilterForm(request.GET or None, bereik=b)
    qs = filters.filteren(
        binnen(Melding.objects, b).select_related("soort", "overeenkomst__organisatie", "overeenkomst__aanbesteding")
    ).order_by("-ontvangen_op", "-pk")
    pagina = Paginator(qs, 50).get_page(request.GET.get("p"))
    zoek = request.GET.copy()
    zoek.pop("p", None)
    return render(request, "contractbeheer/admin/meldingen_lijst.html", {
        "pagina": pagina, "filters": filters, "zoek": zoek.urlencode(),
    })


def melding_vastleggen(request):
    b = eis_staf(request)
    form = VastleggenForm(request.POST or None, bereik=b, initial={"overeenkomst": request.GET.get("overeenkomst")}
                          if request.method != "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            melding = services.melding_vastleggen(door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, "De melding is vastgelegd" + (", als te laat." if melding.te_laat else ", op tijd."))
            return redirect("contractbeheer_admin_melding", pk=melding.pk)
    return render(request, "contractbeheer/admin/meldingen_vastleggen.html", {"form": form})


def melding(request, pk: int):
    b = eis_staf(request)
    m = object_of_404(
        Melding.objects.select_related("soort", "overeenkomst__organisatie", "overeenkomst__aanbesteding",
                                       "gemeld_door", "vastgelegd_door"), b, pk=pk,
    )
    stap_form, status_form = StapForm(prefix="stap"), StatusForm(prefix="status", melding=m)
    if request.method == "POST":
        actie = ActieForm(request.POST)
        actie = actie.cleaned_data["actie"] if actie.is_valid() else None
        try:
            if actie == "stap":
                stap_form = StapForm(request.POST, prefix="stap")
                if stap_form.is_valid():
                    services.stap_toevoegen(melding=m, door=request.user, **stap_form.cleaned_data)
                    messages.success(request, "De vraag is verstuurd aan de aanbieder."
                                     if stap_form.cleaned_data["soort"] == Meldingsstap.Soort.VRAAG
                                     else "De notitie is toegevoegd.")
                    return redirect("contractbeheer_admin_melding", pk=m.pk)
            elif actie == "status":
                status_form = StatusForm(request.POST, prefix="status", melding=m)
                if status_form.is_valid():
                    services.melding_status(melding=m, door=request.user, **status_form.cleaned_data)
                    messages.success(request, "De status is gewijzigd.")
                    return redirect("contractbeheer_admin_melding", pk=m.pk)
        except ValidationError as fout:
            (stap_form if actie == "stap" else status_form).add_error(None, fout)
        except PermissionDenied as fout:
            fout_melden(request, fout)
    stappen = list(m.stappen.select_related("door"))
    return render(request, "contractbeheer/admin/meldingen_melding.html", {
        "m": m, "stappen": stappen, "stap_form": stap_form, "status_form": status_form,
        "vraag_open": services.vraag_open(stappen),
        "termijn": services.termijn_tekst(m.soort.termijn_aantal, m.soort.termijn_eenheid),
    })
