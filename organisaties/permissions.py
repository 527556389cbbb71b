"""Predicates about organisations, used by views, services and selectors alike."""

from .models import Lidmaatschap, Rol


def lidmaatschap(user, organisatie) -> Lidmaatschap | None:
    if not getattr(user, "is_authenticated", False) or organisatie is None:
        return None
    return Lidmaatschap.objects.filter(user=user, organisatie=organisatie).first()


def is_lid(user, organisatie) -> bool:
    return lidmaatschap(user, organisatie) is not None


def is_beheerder(user, organisatie) -> bool:
    lid = lidmaatschap(user, organisatie)
    return lid is not None and lid.rol == Rol.BEHEERDER


def kan_leden_beheren(user, organisatie) -> bool:
    """Only a beheerder manages members (issue 2)."""
    return is_beheerder(user, organisatie)
