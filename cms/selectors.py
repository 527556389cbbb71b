"""Reads of the public site that span apps (procedure pages, the register). Each owns its joins."""

from .models import ProcedurePage


def openbare_procedurepaginas():
    """Live procedure pages of procedures that are public, newest term first (one query)."""
    return list(
        ProcedurePage.objects.live().public()
        .exclude(aanbesteding__status="in_voorbereiding")
        .select_related("aanbesteding", "aanbesteding__regio")
        .order_by("-aanbesteding__looptijd_start", "title")
    )
