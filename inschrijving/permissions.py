"""Who may see and do what with an inschrijving. Used by views, services, selectors and by toetsing.

Providers: only members of the inschrijving's own organisation (anything else is a 404 in the views).
Staff: only after the closing time of a windowed round (the "digitale kluis", DOMAIN.md step 3), only for
submitted inschrijvingen, only of a procedure in one of their regions (issue 17), and only when allowed: by
permission in that region, or by a rule a higher app registers (e.g. toetsing: a beoordelaar assigned to the
commissie of this procedure) for a staff member who holds a role in that region.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from core import kalender
from organisaties.permissions import is_beheerder, is_lid
from organisaties.regios import Bereik, bereik, bereik_met_recht, in_bereik
from organisaties.rollen import is_staff_gebruiker

from .models import Bewijsstuk, Inschrijving

# Extra "this staff user is assigned to this inschrijving" rules, registered by higher apps in ready().
_STAFF_TOEGANGSREGELS: list[Callable] = []


def registreer_staff_toegangsregel(regel: Callable) -> None:
    """Register ``regel(user, inschrijving) -> bool``; toetsing uses it for assigned beoordelaars."""
    if regel not in _STAFF_TOEGANGSREGELS:
        _STAFF_TOEGANGSREGELS.append(regel)


def is_verzegeld(inschrijving: Inschrijving, moment=None) -> bool:
    """True while the windowed round of this inschrijving has not closed yet (sealed until opening)."""
    tm = inschrijving.toetredingsmoment
    if tm is None or tm.soort != tm.Soort.VENSTER or tm.sluit_op is None:
        return False
    return (moment or kalender.nu()) < tm.sluit_op


def staff_bereik(user) -> Bereik:
    """The regions where ``user`` may view inschrijvingen by permission (the staff screens of this app)."""
    return bereik_met_recht(user, "inschrijving.view_inschrijving") | bereik_met_recht(
        user, "inschrijving.bekijk_alle_inschrijvingen"
    )


def staff_mag_toegang(user, inschrijving: Inschrijving) -> bool:
    """A staff user who may work on this inschrijving at all (without the sealed rule).

    By permission only in the regions where a role carries it; by a registered rule (an assigned beoordelaar)
    only with some role in the inschrijving's region: an assignment never reaches across bureaus."""
    if not getattr(user, "is_authenticated", False) or not is_staff_gebruiker(user):
        return False
    if (user.has_perm("inschrijving.bekijk_alle_inschrijvingen") or user.has_perm("inschrijving.view_inschrijving")) \
            and in_bereik(inschrijving, staff_bereik(user)):
        return True
    if not in_bereik(inschrijving, bereik(user)):
        return False
    return any(regel(user, inschrijving) for regel in _STAFF_TOEGANGSREGELS)


def staff_mag_inhoud_zien(user, inschrijving: Inschrijving, moment=None) -> bool:
    """May this staff user see the answers and files of ``inschrijving``?

    Never for a draft (it has not been handed in), never while its windowed round is still sealed (003 r.
    4968-4970: the kluis is opened after the deadline), otherwise when staff_mag_toegang allows it.
    """
    if inschrijving.status == Inschrijving.Status.CONCEPT:
        return False
    if is_verzegeld(inschrijving, moment):
        return False
    return staff_mag_toegang(user, inschrijving)


def mag_indienen(user, inschrijving: Inschrijving) -> bool:
    return is_beheerder(user, inschrijving.organisatie)


def mag_aanvullen(user, inschrijving: Inschrijving) -> bool:
    """Completing the eisen of a rectificatie binds the organisation like submitting: a beheerder (ADR 0014)."""
    return is_beheerder(user, inschrijving.organisatie)


def mag_intrekken(user, inschrijving: Inschrijving) -> bool:
    return is_beheerder(user, inschrijving.organisatie)


def mag_bewijsstuk_zien(user, bewijsstuk: Bewijsstuk) -> bool:
    """The organisation's own users; staff only for a file in an inschrijving whose contents they may see."""
    if is_lid(user, bewijsstuk.organisatie):
        return True
    if not getattr(user, "is_authenticated", False) or not is_staff_gebruiker(user):
        return False
    inschrijvingen = (
        Inschrijving.objects.filter(organisatie_id=bewijsstuk.organisatie_id)
        .filter(Q(antwoorden__bewijsstukken=bewijsstuk) | Q(herstelverzoeken__bijlagen=bewijsstuk))
        .select_related("toetredingsmoment", "aanbesteding")
        .distinct()
    )
    return any(staff_mag_inhoud_zien(user, i) for i in inschrijvingen)
