"""The provider's decisions (mijn/besluiten/). Only the own organisation's sent decisions; anything else 404.

Providers never see assessors' names or individual verdicts: only the outcome per perceel and the reasons
from the consensus (issue 5).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from core.views import stream_prive_bestand
from organisaties.permissions import is_lid
from organisaties.portaal import actieve_organisatie_of_404, kruimelpad

from . import selectors


def _organisatie(request):
    org = actieve_organisatie_of_404(request)
    if not is_lid(request.user, org):
        raise Http404("U bent geen lid van een organisatie.")
    return org


def _besluit(request, pk):
    besluit = selectors.mijn_besluiten(_organisatie(request)).filter(pk=pk).first()
    if besluit is None:
        raise Http404("Besluit niet gevonden.")
    return besluit


@login_required
def mijn_besluiten(request):
    org = _organisatie(request)
    return render(request, "toetsing/mijn_besluiten.html", {"besluiten": selectors.mijn_besluiten(org), "organisatie": org,
                                                             "kruimelpad": kruimelpad(("Besluiten", None))})


@login_required
def mijn_besluit(request, pk: int):
    besluit = _besluit(request, pk)
    return render(request, "toetsing/mijn_besluit.html", {"besluit": besluit, "kruimelpad": kruimelpad(
        ("Besluiten", reverse("toetsing:mijn_besluiten")), (f"Besluit op {besluit.aanbesteding.titel}", None))})


@login_required
def mijn_besluitbrief(request, pk: int):
    besluit = _besluit(request, pk)
    if not besluit.brief:
        raise Http404("De brief wordt nog opgemaakt.")
    return stream_prive_bestand(besluit.brief, f"besluit-{besluit.pk}.pdf", mime_type="application/pdf")
