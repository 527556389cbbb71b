"""The provider's bed overviews for the leegstandsvergoeding under /mijn/verplichtingen/leegstand/ (issue 14;
003 r.4288: the fee is paid only on the provider's overview). Every overview and regeling is looked up through
the user's active organisation (no IDOR): another organisation's id is a 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render

from core.berichten import fout_melden
from core.geld import formatteer_euro
from organisaties.portaal import actieve_organisatie_of_404

from ..models import Beddenoverzicht
from ..services import leegstand as diensten


class BeddenoverzichtForm(forms.Form):
    regeling = forms.ChoiceField(label="Regeling")
    maand = forms.DateField(label="Maand", input_formats=["%Y-%m"],
                            widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
                            help_text="Een afgelopen maand, bijvoorbeeld 2025-06.")
    bedden = forms.IntegerField(label="Beschikbare bedden", min_value=1, max_value=20)
    etmalen_capaciteit = forms.IntegerField(
        label="Etmalen capaciteit (alleen bij een wijziging in de maand)", min_value=1, required=False,
        help_text="Leeg: bedden × dagen van de maand. Vul in als het aantal bedden in de maand veranderde, "
                  "bijvoorbeeld vanaf 10 maart 1 in plaats van 2 bedden: 2 × 9 + 1 × 22 = 40 etmalen.")
    etmalen_bezet = forms.IntegerField(label="Etmalen bezet", min_value=0)
    intensiteit = forms.ChoiceField(label="Intensiteit van de locatie", choices=diensten.Intensiteit.choices,
                                    help_text="Het tarief van een bezet bed op de locatie van de bedden geldt ook "
                                              "bij leegstand.")
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="Geen namen, initialen, geboortedata of BSN van cliënten.")

    def __init__(self, *args, paren, **kwargs):
        super().__init__(*args, **kwargs)
        self.paren = {str(r.pk): (r, ovk) for r, ovk in paren}
        self.fields["regeling"].choices = [(str(r.pk), f"{r} – {r.aanbesteding.titel}") for r, _ in paren]

    def gegevens(self) -> dict:
        d = dict(self.cleaned_data)
        d["regeling"], d["overeenkomst"] = self.paren[d["regeling"]]
        return d


def _eigen(org):
    return (Beddenoverzicht.objects.filter(overeenkomst__organisatie=org)
            .select_related("regeling__perceel", "overeenkomst__aanbesteding")
            .annotate(leegstand=F("etmalen_capaciteit") - F("etmalen_bezet")))


@login_required
def lijst(request):
    org = actieve_organisatie_of_404(request)
    return render(request, "contractbeheer/leegstand_lijst.html", {
        "overzichten": _eigen(org).order_by("-maand", "-ingediend_op"),
        "kan_indienen": bool(diensten.regelingen_van_organisatie(org)),
    })


@login_required
def nieuw(request):
    org = actieve_organisatie_of_404(request)
    paren = diensten.regelingen_van_organisatie(org)
    form = BeddenoverzichtForm(request.POST or None, paren=paren)
    if request.method == "POST" and form.is_valid():
        try:
            o = diensten.overzicht_indienen(door=request.user, **form.gegevens())
        except ValidationError as fout:
            form.add_error(None, fout)
        except PermissionDenied as fout:
            fout_melden(request, fout)
        else:
            messages.success(request, f"Uw beddenoverzicht van {o.maand:%m-%Y} is ingediend: "
                                      f"{o.etmalen_capaciteit - o.etmalen_bezet} etmalen leegstand × "
                                      f"{formatteer_euro(o.tarief)} = {formatteer_euro(o.bedrag_berekend)}.")
            return redirect("contractbeheer:leegstand_overzicht", pk=o.pk)
    return render(request, "contractbeheer/leegstand_nieuw.html", {"form": form, "paren": paren})


@login_required
def overzicht(request, pk: int):
    org = actieve_organisatie_of_404(request)
    o = get_object_or_404(_eigen(org), pk=pk)
    return render(request, "contractbeheer/leegstand_overzicht.html", {
        "o": o, "intensiteit": diensten.intensiteit_label(o.intensiteit)})
