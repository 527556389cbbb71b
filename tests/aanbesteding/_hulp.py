"""Shared helpers for the aanbesteding tests (not a conftest: plain functions and fixtures to import).

The dates follow the Gooi en Vechtstreek procedure SD005 (`003a`): questions until a published moment, the
NvI of 4 September 2020 (003a r. 2990) and the round that closed on 30-06-2023 10:00 (003b r. 4644-4861).
"""

from datetime import datetime

from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbesteding.models import DocumentVersie, Vraag
from core.kalender import TZ
from core.models import AuditRegel
from tests.conftest import TOTP_GEHEIM
from tests.factories import UserFactory

from .factories import VraagFactory, pdf_inhoud

# 003b r. 4644-4861: the second notice of the Tussenvoorziening round, deadline 30/06/2023 10:00 (summer time).
SLUITING_ZOMER = datetime(2023, 6, 30, 10, 0, tzinfo=TZ)
# The same wall-clock hour in winter time (+01:00), to show the hour holds on both sides of a DST change.
SLUITING_WINTER = datetime(2023, 12, 15, 10, 0, tzinfo=TZ)


def staflid(groep: str):
    """A staff member of ``groep`` with MFA set up (as tests/conftest.py builds its personas)."""
    user = UserFactory(groepen=[groep])
    TOTP.activate(user, TOTP_GEHEIM)
    return user


def beantwoorde_vraag(procedure, publiek="Geldt het quotum ook voor 5.10.1?", antwoord="Ja.", **kwargs) -> Vraag:
    """A question answered by staff and waiting for the next NvI."""
    return VraagFactory(
        aanbesteding=procedure, status=Vraag.Status.BEANTWOORD, vraag_publiek=publiek, antwoord=antwoord, **kwargs
    )


def auditregels(actie: str, obj=None):
    """The audit entries with this exact action literal, optionally about one object."""
    regels = AuditRegel.objects.filter(actie=actie)
    if obj is not None:
        regels = regels.filter(object_id=str(obj.pk))
    return regels


def concept_versie(document, reden="", tekst="concept") -> DocumentVersie:
    """A draft version (not live), validated as the admin form would."""
    versie = DocumentVersie(document=document, reden=reden, live=False)
    versie.bestand.save(f"{document.slug}.pdf", ContentFile(pdf_inhoud(tekst)), save=False)
    versie.full_clean()
    versie.save()
    return versie


def aantal_queries(functie) -> int:
    """Run ``functie`` and return how many SQL queries it needed."""
    with CaptureQueriesContext(connection) as ctx:
        functie()
    return len(ctx.captured_queries)
