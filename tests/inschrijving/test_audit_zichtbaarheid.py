"""The audit trail follows the kluis: an inschrijving's entries stay hidden from staff until its window has
closed, and are all there afterwards (DOMAIN.md step 3; core.audit.registreer_zichtbaarheid)."""

from datetime import datetime

from django.urls import reverse

from core.kalender import TZ
from inschrijving import services

from .conftest import BINNEN_VENSTER

NA_SLUITING = datetime(2023, 6, 30, 10, 0, tzinfo=TZ)


def _auditpagina(client, insch):
    return client.get(reverse("core_audit_object", args=["inschrijving", "inschrijving", insch.pk])).content.decode()


def test_ingediende_inschrijving_pas_in_audit_na_sluiting(client, procedure, compleet, aanbieder_beheerder, inkoper, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    client.force_login(inkoper)
    tijd(BINNEN_VENSTER)
    verzegeld = _auditpagina(client, compleet)
    assert "inschrijving.ingediend" not in verzegeld
    assert "inschrijving.percelen" not in client.get(reverse("core_audit")).content.decode()

    tijd(NA_SLUITING)
    geopend = _auditpagina(client, compleet)
    # after opening the whole history is there, including what happened while it was a draft
    for actie in ("inschrijving.gestart", "inschrijving.percelen", "inschrijving.ingediend"):
        assert actie in geopend
