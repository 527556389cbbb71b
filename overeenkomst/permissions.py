"""Who may do what with agreements (used by views, services and selectors alike), and where (issue 17: the
staff member's regions, organisaties.regios)."""

from django.core.exceptions import PermissionDenied

from organisaties.permissions import is_beheerder
from organisaties.regios import Bereik, bereik, in_bereik
from organisaties.rollen import CONTRACTMANAGER, INKOPER, heeft_staffgroep

BUITEN_REGIO = "Dit hoort bij een regio waarin u geen contractbeheerder bent."


def is_contractbeheer(user) -> bool:
    """Staff who manage agreements: Contractmanager and Inkoper."""
    return heeft_staffgroep(user, CONTRACTMANAGER, INKOPER)


def is_inkoper(user) -> bool:
    return heeft_staffgroep(user, INKOPER)


def contractbeheer_bereik(user) -> Bereik:
    """The regions whose agreements ``user`` manages (as Contractmanager or Inkoper)."""
    return bereik(user, CONTRACTMANAGER, INKOPER)


def inkoper_bereik(user) -> Bereik:
    return bereik(user, INKOPER)


def eis_contractbeheer_regio(user, obj, b: Bereik | None = None) -> None:
    """For services: ``obj`` (anything with a REGIO_PAD) must lie in the regions ``user`` manages. A service is
    not a URL, so the refusal is a PermissionDenied, not a 404 (the views answer 404 before this is reached)."""
    if not in_bereik(obj, b if b is not None else contractbeheer_bereik(user)):
        raise PermissionDenied(BUITEN_REGIO)


def mag_namens_aanbieder_handelen(user, organisatie) -> bool:
    """Legal acts for the provider (accepting an addendum, giving notice, asking a change): a beheerder."""
    return is_beheerder(user, organisatie)
