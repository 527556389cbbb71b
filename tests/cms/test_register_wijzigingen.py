"""Issue 11: the public register page shows "Wijzigingen in het register": name and address changes of the
providers contracted in this procedure, public values only, in a constant number of queries."""

import re

import pytest

from organisaties import services as org_services

from ._hulp import GEEN_CACHE, tel_queries
from .conftest import contracteer

pytestmark = pytest.mark.django_db

BASIS = "/procedures/jeugdhulp-voorzieningen/"


def test_register_toont_naam_en_adreswijzigingen(client, procedure, pagina, tussenvoorziening, contractmanager):
    org = contracteer(procedure, tussenvoorziening.perceel, naam="Zorgkracht B.V.", plaats="Hilversum").organisatie
    org_services.organisatiegegevens_wijzigen(
        organisatie=org, door=contractmanager,
        gegevens={"naam": "Zorgkracht Midden B.V.", "plaats": "Bussum", "straat": "Thuisweg 1",
                  "contactpersoon": "J. Jansen", "contact_email": "j.jansen@zorg.example"},
    )

    html = re.sub(r">\s+<", "><", client.get(BASIS + "register/").content.decode())

    assert "Wijzigingen in het register" in html
    sectie = html.split("Wijzigingen in het register", 1)[1]
    assert "<td>Naam</td><td>Zorgkracht B.V.</td><td>Zorgkracht Midden B.V.</td>" in sectie
    assert "<td>Vestigingsplaats</td><td>Hilversum</td><td>Bussum</td>" in sectie
    assert "Adres (straat en postcode)" in sectie
    for geheim in ("Thuisweg", "Jansen", "zorg.example"):
        assert geheim not in html


def test_register_zonder_wijzigingen_zegt_dat(client, procedure, pagina, tussenvoorziening):
    contracteer(procedure, tussenvoorziening.perceel, naam="Zorgkracht B.V.")

    html = client.get(BASIS + "register/").content.decode()

    assert "Er zijn nog geen namen of adressen van gecontracteerde aanbieders gewijzigd." in html


def test_wijziging_van_een_niet_gecontracteerde_staat_er_niet(client, procedure, pagina, tussenvoorziening,
                                                              contractmanager, aanbieder):
    contracteer(procedure, tussenvoorziening.perceel, naam="Zorgkracht B.V.")
    org_services.organisatiegegevens_wijzigen(organisatie=aanbieder, gegevens={"naam": "Geheim Nieuw B.V."},
                                              door=contractmanager)

    assert "Geheim Nieuw B.V." not in client.get(BASIS + "register/").content.decode()


def test_register_met_wijzigingen_constant_aantal_queries(client, settings, procedure, pagina, tussenvoorziening,
                                                          contractmanager):
    settings.CACHES = GEEN_CACHE

    def maak(van, tot):
        for i in range(van, tot):
            org = contracteer(procedure, tussenvoorziening.perceel, naam=f"Aanbieder {i:03d}").organisatie
            org_services.organisatiegegevens_wijzigen(organisatie=org, gegevens={"naam": f"Nieuw {i:03d}"},
                                                      door=contractmanager)

    maak(0, 3)
    weinig = tel_queries(client, BASIS + "register/")
    maak(3, 30)
    assert tel_queries(client, BASIS + "register/") == weinig
