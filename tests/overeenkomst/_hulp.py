"""Shared helpers for the overeenkomst tests: audit lookups, contracting a provider, extra personas.

Plain functions, not fixtures (tests/overeenkomst/conftest.py holds the fixtures), so a test module imports
exactly what it uses.
"""

from __future__ import annotations

import re
from datetime import date

from core.models import AuditRegel
from organisaties.models import Rol
from overeenkomst import services
from tests.factories import LidmaatschapFactory


def auditregels(actie: str, obj=None) -> list[AuditRegel]:
    """Audit entries with exactly this action literal (optionally about ``obj``), oldest first."""
    qs = AuditRegel.objects.filter(actie=actie)
    if obj is not None:
        qs = qs.voor_object(obj)
    return list(qs.order_by("id"))


def een_auditregel(actie: str, obj=None) -> AuditRegel:
    """The single audit entry for ``actie``; fails when there is none or more than one."""
    regels = auditregels(actie, obj)
    assert len(regels) == 1, f"verwacht één auditregel {actie!r}, gevonden {len(regels)}"
    return regels[0]


def contracteer(ab, organisatie, percelen, startdatum: date = date(2025, 1, 1)):
    """The system hand-over after definitieve toelating (door=None: trusted code)."""
    return services.overeenkomst_uit_toelating(
        organisatie=organisatie, aanbesteding=ab, percelen=list(percelen), startdatum=startdatum
    )


def medewerker_van(organisatie):
    """A member without the beheerder role: may look, may not act for the provider."""
    return LidmaatschapFactory(organisatie=organisatie, rol=Rol.MEDEWERKER).user


def invoer(html: str, naam: str) -> str | None:
    """The value of the input named ``naam`` in ``html``, whatever attributes stand between name and value (the admin
    screens label their inputs with aria-label since issue 12)."""
    tag = re.search(rf'<input[^>]*\bname="{re.escape(naam)}"[^>]*>', html)
    if tag is None:
        return None
    waarde = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return waarde.group(1) if waarde else None
