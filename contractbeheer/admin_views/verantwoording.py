"""Placeholder until the helper owning this module lands it (replaced before issue 13 merges)."""

from django.http import Http404


def verantwoordingen(request, pk=None):
    raise Http404


def verantwoording(request, pk=None):
    raise Http404


def inzending_bestand(request, pk=None):
    raise Http404

