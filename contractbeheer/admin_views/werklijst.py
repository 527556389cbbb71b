"""Placeholder until the helper owning this module lands it (replaced before issue 13 merges)."""

from django.http import Http404


def werklijst(request, pk=None):
    raise Http404


def werklijst_export(request, pk=None):
    raise Http404


def regels_laden(request, pk=None):
    raise Http404

