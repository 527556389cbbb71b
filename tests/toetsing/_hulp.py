"""Small helpers for the newer toetsing tests: audit rows, PDF text, a walk to a sent decision.

Plain functions (no fixtures), so the test modules import them explicitly; the fixtures stay in conftest.py.
"""

import io
from datetime import datetime

import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from pypdf import PdfReader

from core.models import AuditRegel
from organisaties.rollen import BEOORDELAAR
from tests.factories import UserFactory
from toetsing import selectors, services
from toetsing.models import Belangenverklaring

from .factories import TZ


def regels(obj, actie: str):
    """The audit rows with exactly this action literal for this object, oldest first."""
    return list(AuditRegel.objects.voor_object(obj).filter(actie=actie).order_by("tijdstip", "id"))


def een_regel(obj, actie: str) -> AuditRegel:
    gevonden = regels(obj, actie)
    assert len(gevonden) == 1, f"verwacht één auditregel {actie!r}, gevonden {len(gevonden)}"
    return gevonden[0]


def acties(obj) -> list[str]:
    return list(AuditRegel.objects.voor_object(obj).order_by("tijdstip", "id").values_list("actie", flat=True))


def pdf_tekst(pdf: bytes) -> str:
    """All text of a generated PDF, whitespace collapsed (pypdf)."""
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def nieuwe_beoordelaar():
    """A staff assessor who is in no commissie, with MFA like the persona fixtures (staff screens require it)."""
    user = UserFactory(groepen=[BEOORDELAAR])
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


def verklaar(inschrijving, user, geen_conflict=True, toelichting=""):
    if not Belangenverklaring.objects.filter(inschrijving=inschrijving, gebruiker=user).exists():
        services.belang_verklaren(inschrijving=inschrijving, geen_conflict=geen_conflict, toelichting=toelichting,
                                  door=user)


def eis(inschrijving, code):
    return next(e for e in selectors.eisen_voor(inschrijving) if e.code == code)


def verzend_op(besluit, door, moment: datetime, capture):
    """Send a decision at a frozen moment, running the after-commit work (letter, mail)."""
    with time_machine.travel(moment, tick=False), capture(execute=True):
        services.besluit_verzenden(besluit=besluit, door=door)
    besluit.refresh_from_db()
    return besluit


def om(jaar, maand, dag, uur=10, minuut=0):
    return datetime(jaar, maand, dag, uur, minuut, tzinfo=TZ)
