"""Reads of the enforcement ladder and the fines ledger (issue 14): each list in a constant number of queries."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum

from organisaties.regios import binnen

from ..models import Boete, Maatregel

MAATREGEL_VELDEN = ("overeenkomst__organisatie", "overeenkomst__aanbesteding")
BOETE_VELDEN = ("soort", "maatregel", "overeenkomst__organisatie", "overeenkomst__aanbesteding", "verantwoording")


def maatregelen(bereik):
    """The measures of the regions in ``bereik``, newest first, with their fines counted (one query)."""
    return (binnen(Maatregel.objects, bereik).select_related(*MAATREGEL_VELDEN)
            .annotate(aantal_boetes=Count("boetes"), boetes_totaal=Sum("boetes__bedrag"))
            .order_by("-voornemen_op", "-pk"))


def boetes(bereik):
    return binnen(Boete.objects, bereik).select_related(*BOETE_VELDEN).order_by("-opgelegd_op", "-pk")


def totalen(qs) -> dict:
    """Count and sum of a fines queryset per status, plus the whole: {status: (aantal, bedrag)} (one query)."""
    velden = {}
    for status in Boete.Status.values:
        velden[f"{status}_n"] = Count("pk", filter=Q(status=status))
        velden[f"{status}_s"] = Sum("bedrag", filter=Q(status=status))
    velden["alle_n"], velden["alle_s"] = Count("pk"), Sum("bedrag")
    r = qs.order_by().aggregate(**velden)
    uit = {}
    for status, label in [*Boete.Status.choices, ("alle", "Totaal")]:
        uit[status] = {"label": label, "aantal": r[f"{status}_n"], "bedrag": r[f"{status}_s"] or Decimal("0.00")}
    return uit


def boetes_van_organisatie(organisatie):
    return (Boete.objects.filter(overeenkomst__organisatie=organisatie).select_related(*BOETE_VELDEN)
            .order_by("-opgelegd_op", "-pk"))


def maatregelen_van_organisatie(organisatie):
    return (Maatregel.objects.filter(overeenkomst__organisatie=organisatie)
            .select_related("overeenkomst__aanbesteding").order_by("-voornemen_op", "-pk"))
