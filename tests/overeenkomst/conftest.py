import pytest

from organisaties.models import Rol
from tests.factories import LidmaatschapFactory, OrganisatieFactory

from .factories import gooi_procedure, mlo_procedure


@pytest.fixture
def gooi(db):
    """(aanbesteding, perceel 5.10 BHL, perceel 5.4 dagbehandeling)."""
    return gooi_procedure()


@pytest.fixture
def mlo(db):
    return mlo_procedure()


@pytest.fixture
def derde_aanbieder(db):
    org = OrganisatieFactory(naam="Kompaan Jeugdzorg", plaats="Huizen")
    LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER)
    return org


def beheerder_van(org):
    return LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER).user
