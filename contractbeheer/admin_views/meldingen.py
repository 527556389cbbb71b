"""Placeholder until the helper owning this module lands it (replaced before issue 13 merges)."""

from django.http import Http404


def meldingen(request, pk=None):
    raise Http404


def melding_vastleggen(request, pk=None):
    raise Http404


def melding(request, pk=None):
    raise Http404

