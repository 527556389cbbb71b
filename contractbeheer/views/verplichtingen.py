"""Placeholder until the helper owning this module lands it (replaced before issue 13 merges)."""

from django.http import Http404


def overzicht(request, pk=None):
    raise Http404

