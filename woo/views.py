"""Public Woo pages (issue 16): the documents each procedure has actively published (Woo art. 3.1/3.3) with their
metadata, and the published copy of each, with the personal data burnt out (5.1.2.e). Anonymous and the same for
everyone, so the public page cache stores them (core/paginacache.py, ADR 0021; woo.apps connects the metadata)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from aanbesteding import selectors as aanbesteding_selectors

from . import selectors
from .models import Woometadata


def index(request):
    """Every public procedure with actively published documents."""
    return render(request, "woo/publiek/index.html", {"procedures": selectors.openbare_procedures_met_publicaties()})


def procedure(request, slug: str):
    """The actively published documents of one public procedure, by date."""
    aanbesteding = aanbesteding_selectors.openbare_aanbesteding(slug)
    if aanbesteding is None:
        raise Http404("Deze procedure is niet openbaar.")
    return render(request, "woo/publiek/procedure.html", {
        "aanbesteding": aanbesteding, "documenten": selectors.actief_openbaar(aanbesteding),
    })


def document(request, slug: str, pk: int):
    """The published copy of one document (never the original: personal data are burnt out)."""
    aanbesteding = aanbesteding_selectors.openbare_aanbesteding(slug)
    if aanbesteding is None:
        raise Http404("Deze procedure is niet openbaar.")
    metadata: Woometadata | None = selectors.actief_openbaar(aanbesteding).filter(pk=pk).first()
    if metadata is None:
        raise Http404("Dit document is niet (meer) openbaar.")
    with metadata.publicatie.open("rb") as bestand:
        inhoud = bestand.read()
    antwoord = HttpResponse(inhoud, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'inline; filename="{metadata.datum:%Y%m%d}-{metadata.sleutel.replace(":", "-")}.pdf"'
    antwoord["X-Content-Type-Options"] = "nosniff"
    return antwoord
