"""Receivers connected in ToetsingConfig.ready()."""

from django.db import transaction

from inschrijving.models import Herstelverzoek


def herstelverzoek_opgeslagen(sender, instance: Herstelverzoek, **kwargs):
    """The assessment resumes as soon as the provider answered (the deadline case is the scheduled task)."""
    if instance.status == Herstelverzoek.Status.OPEN:
        return
    from . import services

    inschrijving_id = instance.inschrijving_id
    transaction.on_commit(lambda: services.herstel_hervatten(inschrijving_id=inschrijving_id))
