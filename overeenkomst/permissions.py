"""Who may do what with agreements (used by views, services and selectors alike)."""

from organisaties.permissions import is_beheerder
from organisaties.rollen import CONTRACTMANAGER, INKOPER, heeft_staffgroep


def is_contractbeheer(user) -> bool:
    """Staff who manage agreements: Contractmanager and Inkoper."""
    return heeft_staffgroep(user, CONTRACTMANAGER, INKOPER)


def is_inkoper(user) -> bool:
    return heeft_staffgroep(user, INKOPER)


def mag_namens_aanbieder_handelen(user, organisatie) -> bool:
    """Legal acts for the provider (accepting an addendum, giving notice, asking a change): a beheerder."""
    return is_beheerder(user, organisatie)
