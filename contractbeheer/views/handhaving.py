"""The provider's side of the enforcement ladder under /mijn/verplichtingen/ (issue 14; 003 §7.11): its measures,
the sealed letters, the zienswijze form while the period runs, and its fines. Every object is looked up through
the user's active organisation, so another organisation's id is a 404 (no IDOR)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from core import kalender
from core.berichten import fout_melden
from core.views import stream_prive_bestand
from organisaties.portaal import actieve_organisatie_of_404

from ..models import Maatregel
from ..selectors import handhaving as lezen
from ..services import handhaving as services


class ZienswijzeForm(forms.Form):
    tekst = forms.CharField(label="Uw zienswijze", widget=forms.Textarea(attrs={"rows": 8}),
                            help_text="Vermeld geen gegevens waarmee een cliënt te herkennen is: geen namen, "
                                      "initialen, geboortedata of BSN.")


def _eigen(request, pk: int) -> Maatregel:
    org = actieve_organisatie_of_404(request)
    return get_object_or_404(Maatregel.objects.select_related("overeenkomst__aanbesteding", "overeenkomst__organisatie"),
                             pk=pk, overeenkomst__organisatie=org)


@login_required
def maatregelen(request):
    org = actieve_organisatie_of_404(request)
    return render(request, "contractbeheer/handhaving_maatregelen.html", {
        "maatregelen": list(lezen.maatregelen_van_organisatie(org)),
    })


@login_required
def maatregel(request, pk: int):
    m = _eigen(request, pk)
    vandaag = kalender.vandaag()
    open_ = m.status == Maatregel.Status.VOORNEMEN and vandaag <= m.zienswijze_uiterlijk
    form = ZienswijzeForm(request.POST or None) if open_ else None
    if request.method == "POST":
        if form is None:
            messages.error(request, f"De termijn voor een zienswijze liep tot en met "
                                    f"{m.zienswijze_uiterlijk:%d-%m-%Y}; een zienswijze kan niet meer worden "
                                    f"ingediend." if m.status == Maatregel.Status.VOORNEMEN
                           else "Bij deze maatregel staat geen zienswijze open.")
        elif form.is_valid():
            try:
                services.zienswijze_indienen(maatregel=m, tekst=form.cleaned_data["tekst"], door=request.user)
            except ValidationError as fout:
                form.add_error(None, fout)
            except PermissionDenied as fout:
                fout_melden(request, fout)
            else:
                messages.success(request, "Uw zienswijze is ontvangen. Het bureau betrekt haar bij het besluit.")
                return redirect("contractbeheer:maatregel", pk=m.pk)
    return render(request, "contractbeheer/handhaving_maatregel.html", {
        "m": m, "form": form, "boetes": list(m.boetes.select_related("soort")),
        "verlopen": m.status == Maatregel.Status.VOORNEMEN and not open_,
    })


def brief_antwoord(m: Maatregel, veld: str):
    """Stream one sealed letter of a measure (``brief_voornemen`` or ``brief_besluit``) once the caller has found
    the measure within its reach (the provider's own, or the staff member's regions)."""
    bestand = getattr(m, veld)
    if not bestand:
        raise Http404("Deze brief is er (nog) niet.")
    naam = f"{'voornemen' if veld == 'brief_voornemen' else 'besluit'}-maatregel-{m.pk}.pdf"
    return stream_prive_bestand(bestand, naam, mime_type="application/pdf")


@login_required
def brief_voornemen(request, pk: int):
    return brief_antwoord(_eigen(request, pk), "brief_voornemen")


@login_required
def brief_besluit(request, pk: int):
    return brief_antwoord(_eigen(request, pk), "brief_besluit")


@login_required
def boetes(request):
    org = actieve_organisatie_of_404(request)
    qs = lezen.boetes_van_organisatie(org)
    return render(request, "contractbeheer/handhaving_boetes.html", {
        "boetes": list(qs), "totalen": lezen.totalen(qs),
    })
