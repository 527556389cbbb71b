"""After-commit work of the verantwoording stream: the provider hears the judgement of a submission once."""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse

from core.adressen import absolute_url
from organisaties.services import bericht_versturen

from ..models import Verantwoordingsinzending
from ._adressen import leden_per_organisatie, met_contactadres


@shared_task
def verantwoording_beoordeeld_melden(inzending_id: int) -> bool:
    """Mail the provider's members the judgement of one submission (approved, rejected, herstel with its
    deadline). Goes once per submission (organisaties.services.bericht_versturen: also in its inbox); a submission not yet judged sends
    nothing."""
    inz = (Verantwoordingsinzending.objects.filter(pk=inzending_id)
           .select_related("verantwoording__eis", "verantwoording__gemeente",
                           "verantwoording__overeenkomst__organisatie", "verantwoording__overeenkomst__aanbesteding")
           .first())
    if inz is None or inz.status == Verantwoordingsinzending.Status.INGEDIEND:
        return False
    v = inz.verantwoording
    wat = f"{v.eis.naam} {v.jaar}" + (f" ({v.gemeente.naam})" if v.gemeente_id else "")
    if inz.status == Verantwoordingsinzending.Status.HERSTEL:
        uitkomst = (f"moet worden hersteld. Dien de herstelde verantwoording uiterlijk "
                    f"{inz.herstel_uiterlijk:%d-%m-%Y} in.")
    elif inz.status == Verantwoordingsinzending.Status.AFGEWEZEN:
        uitkomst = "is afgewezen. Dien een nieuwe verantwoording in."
    else:
        uitkomst = "is goedgekeurd."
    regels = [f"Uw verantwoording {wat} voor {v.overeenkomst.aanbesteding.titel} {uitkomst}"]
    if inz.reden:
        regels.append(f"Toelichting van het inkoopbureau:\n{inz.reden}")
    regels.append(absolute_url("contractbeheer:verantwoording", v.pk))
    onderwerp = f"Verantwoording {wat}: {inz.get_status_display().lower()}"
    org = v.overeenkomst.organisatie
    return bericht_versturen(org, sleutel=f"verantwoording-beoordeeld:{inz.pk}", soort="Verantwoording",
                             onderwerp=onderwerp, tekst="\n\n".join(regels),
                             ontvangers=met_contactadres(org, leden_per_organisatie([org.pk])),
                             regio_id=v.overeenkomst.aanbesteding.regio_id,
                             pad=reverse("contractbeheer:verantwoording", args=[v.pk]))
