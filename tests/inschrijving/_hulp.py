"""Small helpers shared by the newer inschrijving test files (the package conftest is owned elsewhere)."""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType

from core.kalender import TZ
from core.models import AuditRegel
from inschrijving import services
from inschrijving.models import Inschrijving

# The Tussenvoorziening window of the package conftest closes on Friday 30-06-2023 at 10:00 (003 r. 4806).
SLUITING = datetime(2023, 6, 30, 10, 0, tzinfo=TZ)
NA_SLUITING = datetime(2023, 7, 3, 9, 0, tzinfo=TZ)  # the Monday after


def audit_regels(actie: str, obj=None):
    """Audit rows with exactly this action literal (for ``obj`` when given)."""
    qs = AuditRegel.objects.filter(actie=actie)
    if obj is not None:
        qs = qs.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
    return qs


def een_auditregel(actie: str, obj=None, door=None) -> AuditRegel:
    """Exactly one audit row for ``actie`` (and ``obj``); when ``door`` is given it must be the actor."""
    regels = list(audit_regels(actie, obj))
    assert len(regels) == 1, f"verwacht één auditregel {actie!r}, gevonden {len(regels)}"
    regel = regels[0]
    if door is not None:
        assert regel.actor == door
        assert regel.actor_weergave == door.email
    return regel


def toestand(insch: Inschrijving) -> tuple:
    """Everything a refused action must leave as it was."""
    insch = Inschrijving.objects.get(pk=insch.pk)
    return (
        insch.status, insch.vorm, insch.toetredingsmoment_id, insch.ingediend_op,
        sorted(insch.inschrijving_percelen.values_list("perceel__code", "op_wachtlijst"), key=repr),
        sorted(insch.antwoorden.values_list("eis__code", "lid__kvk_nummer", "ja_nee", "tekst", "getal"), key=repr),
        sorted(insch.leden.values_list("kvk_nummer", "rol"), key=repr),
        sorted(insch.antwoorden.values_list("eis__code", "bewijsstukken__sha256"), key=repr),
    )


def indienen(insch: Inschrijving, door) -> Inschrijving:
    services.inschrijving_indienen(inschrijving=insch, door=door)
    insch.refresh_from_db()
    return insch


def prive_bestanden() -> set[str]:
    """Every file in the private storage now (its location is fixed per test session, so compare before/after)."""
    import os

    from core.opslag import prive_opslag

    locatie = prive_opslag().location
    return {os.path.join(d, f) for d, _, namen in os.walk(locatie) for f in namen}
