"""Who may see and do what in contract management (issue 13).

- The bureau: the Contractmanager and the Inkoper, only in the regions where they hold that role (ADR 0011; the
  same reach as the agreements themselves, overeenkomst.permissions). A Beoordelaar, Redacteur or SROI-adviseur
  sees none of it.
- The provider: the members of the organisation that holds the agreement, and nobody else (no IDOR: every
  provider view looks objects up through the organisation, never by bare pk).
"""

from organisaties.permissions import is_lid
from organisaties.regios import Bereik, in_bereik
from overeenkomst.permissions import (
    BUITEN_REGIO,
    contractbeheer_bereik,
    eis_contractbeheer_regio,
    is_contractbeheer,
)

__all__ = [
    "BUITEN_REGIO",
    "beheer_bereik",
    "eis_beheer_regio",
    "is_beheer",
    "mag_beheren",
    "mag_indienen",
]


def is_beheer(user) -> bool:
    """Staff who run contract management somewhere: Contractmanager or Inkoper."""
    return is_contractbeheer(user)


def beheer_bereik(user) -> Bereik:
    return contractbeheer_bereik(user)


def mag_beheren(user, obj) -> bool:
    """``obj`` (anything with a REGIO_PAD) lies in a region ``user`` manages."""
    return is_beheer(user) and in_bereik(obj, beheer_bereik(user))


def eis_beheer_regio(user, obj) -> None:
    """For services: PermissionDenied outside the user's regions (views answer 404 before this)."""
    eis_contractbeheer_regio(user, obj)


def mag_indienen(user, overeenkomst) -> bool:
    """Verantwoording, meldingen and answers are made by a member of the provider holding the agreement."""
    return is_lid(user, overeenkomst.organisatie)
