"""After-commit work of the verantwoording stream: the provider hears the judgement of a submission once."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from core.mail import eenmalig_versturen

from ..models import Verantwoordingsinzending
from ._adressen import leden_per_organisatie, met_contactadres


@shared_task
def verantwoording_beoordeeld_melden(inzending_id: int) -> bool:
    """Mail the provider's members the judgement of one submission (approved, rejected, herstel with its
    deadline). Goes once per submission (core.mail.eenmalig_versturen); a submission not yet judged sends
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
    regels.append(getattr(settings, "SITE_URL", "") + reverse("contractbeheer:verantwoording", args=[v.pk]))
    onderwerp = f"Verantwoording {wat}: {inz.get_status_display().lower()}"
    return eenmalig_versturen(f"verantwoording-beoordeeld:{inz.pk}", onderwerp, "\n\n".join(regels),
                              met_contactadres(v.overeenkomst.organisatie, leden_per_organisatie([v.overeenkomst.organisatie_id])))
