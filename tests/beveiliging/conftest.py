"""One organisation (A = ``aanbieder``) with an object of every kind a provider URL can address, so the
security tests can request every object URL as A (control: reachable) and as B (``andere_aanbieder``: 404).

Built with plain ORM calls and the apps' own factories, without freezing time: the window of the
inschrijving closed in 2023, so nothing here is sealed.
"""

from types import SimpleNamespace

import pytest

from organisaties.models import Rol

from .wereld import bouw_wereld


@pytest.fixture
def wereld(aanbieder, aanbieder_beheerder, andere_aanbieder, andere_beheerder, contractmanager):
    return bouw_wereld(org=aanbieder, beheerder=aanbieder_beheerder, andere_org=andere_aanbieder,
                       andere_beheerder=andere_beheerder, contractmanager=contractmanager)


@pytest.fixture
def twee_werelden(regio_a, regio_b, inkoper_a, inkoper_b, contractmanager_a, contractmanager_b, beoordelaar_a):
    """Issue 17: a complete world in region A and one in region B, each with its own provider, procedure and
    staff side. Every name of B starts with ``MARKER-B-`` (of A: ``MARKER-A-``), so a leak shows by its marker."""
    from organisaties.rollen import BEOORDELAAR
    from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

    werelden = {}
    for sleutel, regio, inkoper, cm, beoordelaar in (
        ("a", regio_a, inkoper_a, contractmanager_a, beoordelaar_a),
        ("b", regio_b, inkoper_b, contractmanager_b, UserFactory(groepen=[BEOORDELAAR], groepen__regios=[regio_b])),
    ):
        merk = f"MARKER-{sleutel.upper()}-"
        org = OrganisatieFactory(naam=f"{merk}Zorgkracht B.V.")
        beheerder = LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER).user
        werelden[sleutel] = bouw_wereld(org=org, beheerder=beheerder, contractmanager=cm, regio=regio, merk=merk,
                                        inkoper=inkoper, beoordelaar=beoordelaar)
        werelden[sleutel].beoordelaar = beoordelaar
    return SimpleNamespace(**werelden)
