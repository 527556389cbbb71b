"""Placeholder until the helper owning this module lands it (replaced before issue 13 merges)."""

from django.http import Http404


def verzoek(request, pk=None):
    raise Http404


def verzoek_bijlage(request, pk=None):
    raise Http404


def onderzoek(request, pk=None):
    raise Http404

