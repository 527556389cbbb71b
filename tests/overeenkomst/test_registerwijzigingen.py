"""Issue 11: the register's change history (registerwijzigingen_van): name and address changes of the providers
contracted in this procedure, newest first, public values only, in a constant number of queries."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import kalender
from core.kalender import TZ
from organisaties import services as org_services
from overeenkomst.selectors import Registerwijziging, registerwijzigingen_van
from tests.aanbesteding.factories import AanbestedingFactory
from tests.cms.conftest import contracteer
from tests.factories import OrganisatieFactory
from tests.overeenkomst.factories import PerceelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedure():
    return AanbestedingFactory(titel="Jeugdhulp", slug="jeugdhulp")


@pytest.fixture
def perceel(procedure):
    return PerceelFactory(aanbesteding=procedure, code="5.1")


def test_naam_en_plaats_oud_naar_nieuw_nieuwste_eerst(procedure, perceel, contractmanager):
    org = contracteer(procedure, perceel, naam="Zorgkracht B.V.", plaats="Hilversum").organisatie
    with time_machine.travel(datetime(2026, 3, 1, 10, tzinfo=TZ), tick=False):
        org_services.organisatiegegevens_wijzigen(organisatie=org, gegevens={"plaats": "Bussum"}, door=contractmanager)
    with time_machine.travel(datetime(2026, 4, 1, 10, tzinfo=TZ), tick=False):
        org_services.organisatiegegevens_wijzigen(organisatie=org, gegevens={"naam": "Zorgkracht Midden B.V."},
                                                  door=contractmanager)

    wijzigingen = registerwijzigingen_van(procedure)

    assert [(w.organisatie, w.veld, w.oud, w.nieuw) for w in wijzigingen] == [
        ("Zorgkracht Midden B.V.", "Naam", "Zorgkracht B.V.", "Zorgkracht Midden B.V."),
        ("Zorgkracht Midden B.V.", "Vestigingsplaats", "Hilversum", "Bussum"),
    ]
    assert wijzigingen[0].tijdstip > wijzigingen[1].tijdstip


def test_straat_en_postcode_zonder_waarden_contact_nooit(procedure, perceel, contractmanager):
    org = contracteer(procedure, perceel, naam="Zorgkracht B.V.").organisatie
    org_services.organisatiegegevens_wijzigen(
        organisatie=org, door=contractmanager,
        gegevens={"straat": "Thuisweg 1", "postcode": "1234AB", "contactpersoon": "J. Jansen",
                  "contact_email": "j.jansen@zorg.example", "contact_telefoon": "0351234567"},
    )

    wijzigingen = registerwijzigingen_van(procedure)

    assert wijzigingen == [Registerwijziging(wijzigingen[0].tijdstip, "Zorgkracht B.V.", "Adres (straat en postcode)",
                                             None, None)]
    tekst = repr(wijzigingen)
    assert "Thuisweg" not in tekst and "Jansen" not in tekst and "zorg.example" not in tekst


def test_alleen_contactgegevens_gewijzigd_geeft_niets(procedure, perceel, contractmanager):
    org = contracteer(procedure, perceel, naam="Zorgkracht B.V.").organisatie
    org_services.organisatiegegevens_wijzigen(organisatie=org, gegevens={"contactpersoon": "J. Jansen"},
                                              door=contractmanager)

    assert registerwijzigingen_van(procedure) == []


def test_alleen_aanbieders_gecontracteerd_in_deze_procedure(procedure, perceel, contractmanager):
    andere = AanbestedingFactory(titel="Wmo", slug="wmo")
    elders = contracteer(andere, PerceelFactory(aanbesteding=andere, code="1.1"), naam="Elders B.V.").organisatie
    los = OrganisatieFactory(naam="Niet gecontracteerd B.V.")
    for org in (elders, los):
        org_services.organisatiegegevens_wijzigen(organisatie=org, gegevens={"naam": f"{org.naam} nieuw"},
                                                  door=contractmanager)
    hier = contracteer(procedure, perceel, naam="Hier B.V.").organisatie
    org_services.organisatiegegevens_wijzigen(organisatie=hier, gegevens={"plaats": "Huizen"}, door=contractmanager)

    assert [w.organisatie for w in registerwijzigingen_van(procedure)] == ["Hier B.V."]
    assert [w.organisatie for w in registerwijzigingen_van(andere)] == ["Elders B.V. nieuw"]


def test_wijziging_door_de_aanbieder_zelf_telt_ook(procedure, perceel):
    from organisaties.models import Rol
    from tests.factories import LidmaatschapFactory

    org = contracteer(procedure, perceel, naam="Zorgkracht B.V.").organisatie
    beheerder = LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER).user
    org_services.organisatie_bijwerken(organisatie=org, door=beheerder, naam="Zorgkracht Noord B.V.")

    assert [(w.veld, w.oud, w.nieuw) for w in registerwijzigingen_van(procedure)] == [
        ("Naam", "Zorgkracht B.V.", "Zorgkracht Noord B.V."),
    ]


def test_geen_gecontracteerden_geen_wijzigingen(procedure):
    assert registerwijzigingen_van(procedure) == []


def test_begrensd_tot_het_maximum(procedure, perceel, contractmanager):
    org = contracteer(procedure, perceel, naam="Zorgkracht B.V.").organisatie
    for i in range(5):
        org_services.organisatiegegevens_wijzigen(organisatie=org, gegevens={"plaats": f"Plaats {i}"},
                                                  door=contractmanager)

    assert len(registerwijzigingen_van(procedure, limiet=3)) == 3


def test_constant_aantal_queries(procedure, perceel, contractmanager):
    def maak(van, tot):
        for i in range(van, tot):
            org = contracteer(procedure, perceel, naam=f"Aanbieder {i:03d}").organisatie
            org_services.organisatiegegevens_wijzigen(organisatie=org, gegevens={"plaats": f"Plaats {i}", "naam": f"Nieuw {i:03d}"},
                                                      door=contractmanager)

    maak(0, 2)
    registerwijzigingen_van(procedure)  # warms the ContentType cache
    with CaptureQueriesContext(connection) as weinig:
        registerwijzigingen_van(procedure)
    maak(2, 25)
    with CaptureQueriesContext(connection) as veel:
        assert len(registerwijzigingen_van(procedure)) == 50
    assert len(veel) == len(weinig) <= 2
    assert kalender.nu() - timedelta(days=1) < registerwijzigingen_van(procedure)[0].tijdstip
