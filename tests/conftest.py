"""Persona fixtures: the people of the domain, ready to log in."""

import fnmatch
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

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
from tests import eigendom, gedeeld, testdatabank
from tests.factories import LidmaatschapFactory, OrganisatieFactory, RegioFactory, UserFactory

TOTP_GEHEIM = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def pytest_configure(config):
    # Migrate once per set of migrations and clone for every other test process (tests/testdatabank.py).
    testdatabank.installeer()


@pytest.fixture(autouse=True, scope="session")
def _geen_referentie_index():
    """Wagtail updates its reference index ("where is this object used") on every save of a tracked model, and
    the portal's domain models are tracked snippets: a sixth of the suite's time went there, while no test reads
    the index (issue 15: CI under 20 minutes). Production keeps it on; this only affects the test processes."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    with disable_reference_index_auto_update():
        yield


@pytest.fixture(autouse=True)
def _gedeelde_gegevens_alleen_op_verzoek(request):
    """A module's shared data (tests/gedeeld.py) stays in the database until the module ends: a test there that uses
    the database without asking for it would silently run on that data instead of an empty database."""
    if not {"db", "transactional_db", "django_db_setup"} & set(request.fixturenames) and \
            request.node.get_closest_marker("django_db") is None:
        return
    if vreemd := gedeeld.ACTIEF - set(request.fixturenames):
        pytest.fail(f"Deze test draait in de gedeelde gegevens van {', '.join(sorted(vreemd))} zonder erom te vragen: "
                    "vraag die fixture of zet de test in een andere module (tests/gedeeld.py).")


@pytest.fixture(autouse=True)
def _schone_omgeving(settings, tmp_path):
    """Each test starts with empty media folders and an empty cache (allauth keeps rate limits there; the public
    page cache keeps a copy per process too)."""
    from django.core.cache import cache

    from core.paginacache import lokale_kopie

    settings.MEDIA_ROOT = str(tmp_path / "publiek")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "prive")
    cache.clear()
    lokale_kopie.leeg()
    yield
    cache.clear()
    lokale_kopie.leeg()


@pytest.fixture(autouse=True)
def _een_eigenaar_per_tabel():
    """Fail any test during which app code wrote another app's rows (tests/eigendom.py, ADR 0009)."""
    with eigendom.bewaakt() as gevonden:
        yield
    if gevonden:
        regels = "\n  ".join(sorted({str(g) for g in gevonden}))
        pytest.fail(f"Schrijfactie op de tabel van een andere app (roep de service van de eigenaar aan):\n  {regels}")


@pytest.fixture
def staffgroepen(db):
    # The groups exist with their permissions after migrate and again after every flush (both run
    # synchroniseer_staffgroepen on post_migrate); syncing them again in every test that has a staff member cost
    # some 20 ms a time (issue 15: CI under 20 minutes). Only a database without them needs it.
    from django.contrib.auth.models import Group

    from organisaties.rollen import GROEPSRECHTEN

    if Group.objects.filter(name__in=list(GROEPSRECHTEN), permissions__isnull=False).distinct().count() != len(GROEPSRECHTEN):
        synchroniseer_staffgroepen()


def _staff(groep, regio=None):
    """A staff member with ``groep``'s role in every region, or only in ``regio`` (issue 17)."""
    user = UserFactory(groepen=[groep], groepen__regios=[regio] if regio else None)
    TOTP.activate(user, TOTP_GEHEIM)
    return user


# --- Two bureaus in one portal (issue 17): staff of region A and of region B, each with one role there. --------


@pytest.fixture
def regio_a(db):
    return RegioFactory(naam="Gooi en Vechtstreek", slug="gooi")


@pytest.fixture
def regio_b(db):
    return RegioFactory(naam="Midden-Limburg Oost", slug="mlo")


@pytest.fixture
def inkoper_a(staffgroepen, regio_a):
    return _staff(INKOPER, regio_a)


@pytest.fixture
def inkoper_b(staffgroepen, regio_b):
    return _staff(INKOPER, regio_b)


@pytest.fixture
def contractmanager_a(staffgroepen, regio_a):
    return _staff(CONTRACTMANAGER, regio_a)


@pytest.fixture
def contractmanager_b(staffgroepen, regio_b):
    return _staff(CONTRACTMANAGER, regio_b)


@pytest.fixture
def beoordelaar_a(staffgroepen, regio_a):
    return _staff(BEOORDELAAR, regio_a)


@pytest.fixture
def redacteur_a(staffgroepen, regio_a):
    return _staff(REDACTEUR, regio_a)


@pytest.fixture
def sroi_adviseur_a(staffgroepen, regio_a):
    return _staff(SROI_ADVISEUR, regio_a)


@pytest.fixture
def sroi_adviseur_b(staffgroepen, regio_b):
    return _staff(SROI_ADVISEUR, regio_b)


@pytest.fixture
def platformbeheerder(staffgroepen):
    """Manages regions and bureau accounts; holds no role in any region, so sees no content."""
    return _staff(PLATFORMBEHEERDER)


@pytest.fixture
def inkoper(staffgroepen):
    return _staff(INKOPER)


@pytest.fixture
def contractmanager(staffgroepen):
    return _staff(CONTRACTMANAGER)


@pytest.fixture
def beoordelaar(staffgroepen):
    return _staff(BEOORDELAAR)


@pytest.fixture
def beoordelaar2(staffgroepen):
    return _staff(BEOORDELAAR)


@pytest.fixture
def redacteur(staffgroepen):
    return _staff(REDACTEUR)


@pytest.fixture
def sroi_adviseur(staffgroepen):
    return _staff(SROI_ADVISEUR)


@pytest.fixture
def aanbieder(db):
    """An organisation of a care provider with a beheerder."""
    return OrganisatieFactory(naam="Zorgkracht Gooi B.V.")


@pytest.fixture
def aanbieder_beheerder(aanbieder):
    return LidmaatschapFactory(organisatie=aanbieder, rol=Rol.BEHEERDER).user


@pytest.fixture
def aanbieder_medewerker(aanbieder):
    return LidmaatschapFactory(organisatie=aanbieder, rol=Rol.MEDEWERKER).user


@pytest.fixture
def andere_aanbieder(db):
    return OrganisatieFactory(naam="Jeugdpunt Midden-Limburg")


@pytest.fixture
def andere_beheerder(andere_aanbieder):
    return LidmaatschapFactory(organisatie=andere_aanbieder, rol=Rol.BEHEERDER).user


def log_in_met_mfa(client, user):
    """Log a staff user in as after a completed MFA stage (allauth marks the session)."""
    client.force_login(user)
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    return client


@pytest.fixture
def staff_client(client):
    def _login(user):
        return log_in_met_mfa(client, user)

    return _login


# Tests whose outcome cannot depend on the database engine run once, in `make test` (SQLite), and are left out of
# .ci/run's PostgreSQL pass (marker ``eenmaal``; issue 15: CI under 20 minutes):
EENMAAL = (
    # source scans (ast, regular expressions): no database at all
    "tests/architectuur/test_bronregels.py",
    "tests/architectuur/test_dekking.py",
    # the demo world: `make run` loads it on SQLite; production settings refuse demo data
    "tests/*/test_demo*.py",
    "tests/contractbeheer/test_*_demo.py",
    "tests/portal/test_rondgang.py",
    # benchmark code at a tiny scale: `make bench` runs on the embedded database
    "tests/bench/*.py",
    # region isolation through every admin screen as each role: the filters are the ORM's (organisaties.regios
    # .binnen), the same SQL semantics on both engines; the screens themselves also run on PostgreSQL in each
    # app's own admin tests
    "tests/beveiliging/test_regios.py",
)
_ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        pad = Path(str(item.fspath)).resolve().relative_to(_ROOT).as_posix()
        if any(fnmatch.fnmatch(pad, patroon) for patroon in EENMAAL):
            item.add_marker(pytest.mark.eenmaal)
