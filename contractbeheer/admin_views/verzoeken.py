"""Placeholder until the helper owning this module lands it (replaced before issue 13 merges)."""

from django.http import Http404


def verzoeken(request, pk=None):
    raise Http404


def verzoek_nieuw(request, pk=None):
    raise Http404


def verzoek(request, pk=None):
    raise Http404


def antwoord(request, pk=None):
    raise Http404


def antwoord_bestand(request, pk=None):
    raise Http404


def onderzoeken(request, pk=None):
    raise Http404


def onderzoek_nieuw(request, pk=None):
    raise Http404


def onderzoek(request, pk=None):
    raise Http404

