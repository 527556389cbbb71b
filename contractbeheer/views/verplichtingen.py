"""The provider's obligations page /mijn/verplichtingen/ (issue 13): everything the active organisation owes
across its agreements in every region, late first, with one click to do it. Only the active organisation's
duties are read (organisaties.portaal.actieve_organisatie_of_404); another organisation's never show."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core import kalender
from organisaties.portaal import actieve_organisatie_of_404

from .. import selectors


@login_required
def overzicht(request, pk=None):
    organisatie = actieve_organisatie_of_404(request)
    vandaag = kalender.vandaag()
    verplichtingen = selectors.verplichtingen_van(organisatie, vandaag)
    return render(request, "contractbeheer/verplichtingen_overzicht.html", {
        "organisatie": organisatie,
        "vandaag": vandaag,
        "verplichtingen": verplichtingen,
        "aantal_te_laat": sum(1 for v in verplichtingen if v.te_laat),
    })
