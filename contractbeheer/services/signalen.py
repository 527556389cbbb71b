"""Signalen about providers (issue 14; 000 r.737-749, 001 r.352-361): received from municipal staff or recorded by
the bureau, triaged, followed up, and reported back to the sender."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core import kalender
from core.audit import audit

from ..models import Signaal, Signaalstap
from ._gemeen import vereis_beheer


def signaal_koppelen_aan_maatregel(*, signaal: Signaal, maatregel, door) -> Signaal:
    """Record that ``signaal`` led to ``maatregel`` (the enforcement ladder, services.handhaving): the signal moves
    to "Leidt tot een maatregel" and its timeline says so. Only a signal in behandeling (triaged) can lead to a
    measure; the measure must be about the signal's provider. Called by the handhaving service inside its own
    transaction."""
    vereis_beheer(door, signaal)
    with transaction.atomic():
        signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
        if maatregel.overeenkomst.organisatie_id != signaal.organisatie_id:
            raise ValidationError("De maatregel gaat over een andere aanbieder dan het signaal.")
        if signaal.status == Signaal.Status.MAATREGEL:
            return signaal  # a second measure on the same signal: the signal is already there
        Signaal.OVERGANGEN.zet(signaal, Signaal.Status.MAATREGEL)
        signaal.save(update_fields=["status"])
        Signaalstap.objects.create(signaal=signaal, soort=Signaalstap.Soort.MAATREGEL, door=door,
                                   op=kalender.nu(), tekst=f"{maatregel.get_trede_display()} (voornemen).")
        audit("contractbeheer.signaal_maatregel", signaal, door=door, toelichting=str(maatregel))
    return signaal
