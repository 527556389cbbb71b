"""Who may see and change SROI data: the provider's own members and the bureau's SROI staff only."""

from organisaties.permissions import is_lid
from organisaties.rollen import SROI_ADVISEUR, heeft_staffgroep


def is_sroi_staf(user) -> bool:
    return heeft_staffgroep(user, SROI_ADVISEUR)


def mag_registreren(user, overeenkomst) -> bool:
    """Turnover, plan, activities, evidence and reports are entered by the provider's members."""
    return is_lid(user, overeenkomst.organisatie)


def mag_beoordelen(user) -> bool:
    """Approving plans and activities, verifying reports, importing turnover: the SROI-adviseur."""
    return is_sroi_staf(user)
