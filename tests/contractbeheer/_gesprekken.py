"""Shared setup of the contract-talk and signal tests: MLO (002) in region A with two municipalities, agreements of
two providers, the same in region B, and staff of both regions plus a municipal consulent (role Gemeente)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from allauth.mfa.totp.internal.auth import TOTP

from core.kalender import TZ
from organisaties.rollen import GEMEENTE
from tests.factories import UserFactory

from . import factories as f

#: A Monday in a week without holidays: the clock of these tests.
MAANDAG = datetime(2026, 3, 9, 10, 0, tzinfo=TZ)
TOTP_GEHEIM = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def gemeente_medewerker(regio, email=None):
    """A municipal consulent with the staff role Gemeente in ``regio`` (MFA set up, as staff must)."""
    velden = {"email": email} if email else {}
    user = UserFactory(groepen=[GEMEENTE], groepen__regios=[regio], **velden)
    TOTP.activate(user, TOTP_GEHEIM)
    return user


@dataclass
class Wereld:
    mlo: object
    gemeenten: list
    ovk: object
    lid: object
    andere_ovk: object
    andere_lid: object
    b_mlo: object
    b_gemeenten: list
    b_ovk: object
    b_lid: object


def wereld(regio_a, regio_b) -> Wereld:
    for r in (regio_a, regio_b):
        r.contact_email = f"contractbeheer@{r.slug}.example"
        r.bureau_naam = "Inkoopbureau"
        r.save()
    mlo, perceel, gemeenten = f.mlo(regio=regio_a)
    ovk, lid = f.overeenkomst(mlo, perceel, naam="Zorgkracht Jeugd")
    andere_ovk, andere_lid = f.overeenkomst(mlo, perceel, naam="Andere Aanbieder")
    b_mlo, b_perceel, b_gemeenten = f.mlo(regio=regio_b)
    b_ovk, b_lid = f.overeenkomst(b_mlo, b_perceel, naam="Zorg Elders")
    return Wereld(mlo, gemeenten, ovk, lid, andere_ovk, andere_lid, b_mlo, b_gemeenten, b_ovk, b_lid)
