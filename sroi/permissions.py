"""Who may see and change SROI data: the provider's own members and the bureau's SROI staff only, the latter
only in the regions where they hold the role (issue 17, organisaties.regios)."""

from organisaties.permissions import is_lid
from organisaties.regios import Bereik, bereik, in_bereik
from organisaties.rollen import SROI_ADVISEUR, heeft_staffgroep

BUITEN_REGIO = "Dit hoort bij een regio waarin u geen SROI-adviseur bent."


def is_sroi_staf(user) -> bool:
    return heeft_staffgroep(user, SROI_ADVISEUR)


def mag_registreren(user, overeenkomst) -> bool:
    """Turnover, plan, activities, evidence and reports are entered by the provider's members."""
    return is_lid(user, overeenkomst.organisatie)


def mag_beoordelen(user) -> bool:
    """Approving plans and activities, verifying reports, importing turnover: the SROI-adviseur."""
    return is_sroi_staf(user)


def sroi_bereik(user) -> Bereik:
    """The regions whose SROI ``user`` assesses."""
    return bereik(user, SROI_ADVISEUR)


def mag_beoordelen_in(user, obj) -> bool:
    """The SROI-adviseur of the region ``obj`` (anything with a REGIO_PAD) belongs to."""
    return mag_beoordelen(user) and in_bereik(obj, sroi_bereik(user))
