"""Who may do what in the assessment. Used by views, services and selectors alike.

- The Inkoper sets up the commissie, assigns, decides; sees the queue of the whole procedure.
- A beoordelaar sees only inschrijvingen assigned to them (Consul PR #1325: valuators only see their
  assignments), and their content only after declaring no conflict of interest for that provider and only
  after the sealed round has opened (DOMAIN.md step 3, the "digitale kluis").
- The chair (voorzitter) records the consensus.

Region (issue 17): all of this holds only within the regions where the user holds the role
(``organisaties.regios``). Given an object, ``is_inkoper(user, obj)`` asks "Inkoper in *this* object's region";
without one it asks "Inkoper anywhere" (menus, the entry screens). An assessor whose role in the region ends
loses the inschrijvingen of that region, assigned or not.
"""

from __future__ import annotations

from inschrijving.models import Inschrijving
from inschrijving.permissions import is_verzegeld
from organisaties.regios import Bereik, bereik, in_bereik
from organisaties.rollen import BEOORDELAAR, INKOPER, heeft_staffgroep

from .models import Belangenverklaring, Toetsing, Toewijzing


def inkopersbereik(user) -> Bereik:
    """The regions where ``user`` manages and decides the assessment."""
    return bereik(user, INKOPER)


def toetsingsbereik(user) -> Bereik:
    """The regions where ``user`` may open the assessment screens at all (as Inkoper or as assessor)."""
    return bereik(user, INKOPER, BEOORDELAAR)


def is_inkoper(user, obj=None) -> bool:
    """Inkoper (in ``obj``'s region when given: a procedure, inschrijving, besluit, ...)."""
    if not heeft_staffgroep(user, INKOPER):
        return False
    return in_bereik(obj, inkopersbereik(user)) if obj is not None else not inkopersbereik(user).leeg


def is_beoordelaar(user, obj=None) -> bool:
    """Assessor or Inkoper (in ``obj``'s region when given)."""
    if not heeft_staffgroep(user, BEOORDELAAR, INKOPER):
        return False
    return in_bereik(obj, toetsingsbereik(user)) if obj is not None else not toetsingsbereik(user).leeg


def mag_toetsing_beheren(user, obj=None) -> bool:
    """Set up commissies, assign, run lotteries, decide, record kort geding/bezwaar (in ``obj``'s region)."""
    return is_inkoper(user, obj)


def in_regio(user, regio_id) -> bool:
    """May ``user`` sit on a commissie (assess or chair) in region ``regio_id``?"""
    return heeft_staffgroep(user, BEOORDELAAR, INKOPER) and regio_id in toetsingsbereik(user)


def actieve_toewijzing(user, inschrijving) -> Toewijzing | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Toewijzing.objects.filter(
            toetsing__inschrijving=inschrijving, beoordelaar=user, status__in=Toewijzing.ACTIEF
        ).select_related("toetsing").first()
    )


def is_voorzitter(user, toetsing) -> bool:
    if not getattr(user, "is_authenticated", False) or toetsing is None or toetsing.commissie_id is None:
        return False
    return toetsing.commissie.voorzitter_id == user.pk and is_beoordelaar(user, toetsing)


def geen_conflict_verklaard(user, inschrijving) -> bool:
    return Belangenverklaring.objects.filter(inschrijving=inschrijving, gebruiker=user, geen_conflict=True).exists()


def is_betrokken(user, inschrijving) -> bool:
    """Assigned (active) or chair of the commissie that handles this inschrijving, while holding a role in its
    region."""
    if not is_beoordelaar(user, inschrijving):
        return False
    if actieve_toewijzing(user, inschrijving) is not None:
        return True
    # Asked of the database, not of a cached inschrijving.toetsing that may predate the commissie.
    return Toetsing.objects.filter(inschrijving=inschrijving, commissie__voorzitter=user).exists()


def mag_inhoud_zien(user, inschrijving: Inschrijving) -> bool:
    """Answers and evidence: only for the involved, after the declaration and after the opening."""
    if inschrijving.status in (Inschrijving.Status.CONCEPT, Inschrijving.Status.INGETROKKEN):
        return False
    if is_verzegeld(inschrijving):
        return False
    return is_betrokken(user, inschrijving) and geen_conflict_verklaard(user, inschrijving)


def staff_toegangsregel(user, inschrijving) -> bool:
    """Registered with inschrijving.permissions so its file downloads accept an involved assessor."""
    return is_betrokken(user, inschrijving) and geen_conflict_verklaard(user, inschrijving)
