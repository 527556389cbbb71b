"""organisaties.selectors.persoonsgegevens_van (issue 16, Woo art. 5.1.2.e): the names, e-mail addresses and phone
numbers of natural persons a dossier document names, read from the objects the caller selected, without a query;
never an organisation's name or KvK number."""

import pytest

from organisaties.models import User
from organisaties.selectors import persoonsgegevens_van
from tests.factories import OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisatieFactory(naam="Zorgkracht Gooi B.V.", kvk_nummer="19000001", contactpersoon="Mw. A. de Vries",
                              contact_email="a.devries@zorgkracht.example", contact_telefoon="035-1234567")


def test_contactpersoon_e_mail_en_telefoon_van_de_organisatie(org):
    assert persoonsgegevens_van(organisaties=[org]) == ("Mw. A. de Vries", "a.devries@zorgkracht.example", "035-1234567")


def test_naam_en_e_mail_van_een_gebruiker():
    user = UserFactory(first_name="Piet", last_name="Jansen", email="piet@example.org")
    assert persoonsgegevens_van(gebruikers=[user]) == ("Piet Jansen", "piet@example.org")


def test_nooit_de_naam_of_het_kvk_nummer_van_de_organisatie(org):
    gegevens = persoonsgegevens_van(organisaties=[org])
    assert "Zorgkracht Gooi B.V." not in gegevens and "19000001" not in gegevens


def test_lege_velden_en_ontbrekende_personen_vallen_weg():
    zonder_telefoon = OrganisatieFactory(contactpersoon="J. Jansen", contact_email="j@example.org", contact_telefoon="")
    zonder_naam = User(email="anoniem@example.org")
    assert persoonsgegevens_van(organisaties=[zonder_telefoon, None], gebruikers=[None, zonder_naam]) == (
        "J. Jansen", "j@example.org", "anoniem@example.org",
    )


def test_dubbelen_eenmaal_in_volgorde(org):
    """The contact person who is also the submitting user, twice in a list of staff: each value once, organisations
    first, then the users in the order given."""
    zelfde = UserFactory(first_name="Mw. A. de", last_name="Vries", email="a.devries@zorgkracht.example")
    ander = UserFactory(first_name="Bert", last_name="Besluit", email="bert@bureau.example")
    assert persoonsgegevens_van(organisaties=[org, org], gebruikers=[ander, zelfde, ander]) == (
        "Mw. A. de Vries", "a.devries@zorgkracht.example", "035-1234567", "Bert Besluit", "bert@bureau.example",
    )


def test_spaties_rond_een_waarde_tellen_niet():
    org = OrganisatieFactory(contactpersoon="  J. Jansen ", contact_email="j@example.org")
    assert persoonsgegevens_van(organisaties=[org])[0] == "J. Jansen"


def test_zonder_query(org, django_assert_num_queries):
    user = UserFactory()
    with django_assert_num_queries(0):
        persoonsgegevens_van(organisaties=[org], gebruikers=[user])


def test_zonder_iets_niets():
    assert persoonsgegevens_van() == ()
