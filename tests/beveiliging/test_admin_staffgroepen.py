"""(c) Each staff group only reaches its own admin screens: every other group is refused on every screen that is not
theirs (GET and POST), and the group that may use a screen opens it (the control).

Some 600 cases ask the same world for a screen and change nothing that outlives the case, so the world and the
six personas are built once for the module and each case runs in its own savepoint (tests/gedeeld.py); before,
rebuilding the world for every case was a minute of each CI pass.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from organisaties.models import Rol
from organisaties.rollen import (
    BEOORDELAAR,
    CONTRACTMANAGER,
    INKOPER,
    PLATFORMBEHEERDER,
    REDACTEUR,
    SROI_ADVISEUR,
    synchroniseer_staffgroepen,
)
from tests.conftest import _staff
from tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.gedeeld import fixtures

from .test_admin import EIGEN_SCHERMEN, PERSONAS, _toegestaan, _waarden
from .wereld import bouw_wereld

GROEP = {"inkoper": INKOPER, "contractmanager": CONTRACTMANAGER, "beoordelaar": BEOORDELAAR, "redacteur": REDACTEUR,
         "sroi_adviseur": SROI_ADVISEUR, "platformbeheerder": PLATFORMBEHEERDER}


def _bouw():
    synchroniseer_staffgroepen()
    personas = {p: _staff(GROEP[p]) for p in PERSONAS}
    org = OrganisatieFactory(naam="Zorgkracht Gooi B.V.")
    andere = OrganisatieFactory(naam="Jeugdpunt Midden-Limburg")
    wereld = bouw_wereld(org=org, beheerder=LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER).user,
                         andere_org=andere,
                         andere_beheerder=LidmaatschapFactory(organisatie=andere, rol=Rol.BEHEERDER).user,
                         contractmanager=personas["contractmanager"])
    return SimpleNamespace(wereld=wereld, personas=personas)


_gedeeld, geladen = fixtures(_bouw)


def test_de_zes_personas_hebben_elk_alleen_hun_eigen_groep(geladen):
    for persona, user in geladen.personas.items():
        assert list(user.groups.values_list("name", flat=True)) == [GROEP[persona]]


VERBODEN = [(u, p) for u in EIGEN_SCHERMEN for p in PERSONAS if p not in _toegestaan(u)]


@pytest.mark.parametrize(("url", "persona"), VERBODEN, ids=lambda x: getattr(x, "naam", x))
def test_staffgroep_buiten_eigen_schermen_geweigerd(client, geladen, url, persona):
    client.force_login(geladen.personas[persona])
    pad = url.pad(_waarden(url, geladen.wereld))
    for methode, antwoord in (("GET", client.get(pad)), ("POST", client.post(pad, {"actie": "verifieren"}))):
        # Wagtail turns PermissionDenied into a redirect to the admin home with a message; a POST-only view
        # answers a GET with 405 before anything else.
        toegestaan = (302, 403, 404, 405) if methode == "GET" else (302, 403, 404)
        assert antwoord.status_code in toegestaan, f"{persona} {methode} {url.naam}: {antwoord.status_code}"
        if antwoord.status_code == 302:
            assert antwoord["Location"] in (reverse("wagtailadmin_home"), pad) or "login" in antwoord["Location"], antwoord["Location"]
            assert antwoord["Location"] != pad


@pytest.mark.parametrize("url", [u for u in EIGEN_SCHERMEN if not u.parameters], ids=lambda u: u.naam)
def test_toegestane_staffgroep_opent_het_overzicht(client, geladen, url):
    """Control: the same screens open for a group that may use them."""
    client.force_login(geladen.personas[sorted(_toegestaan(url))[0]])
    assert client.get(url.pad()).status_code == 200
