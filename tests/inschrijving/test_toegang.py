"""The sealed rule (digitale kluis, DOMAIN.md step 3), access by another organisation (404), downloads."""

from datetime import datetime

import pytest

from core.kalender import TZ
from inschrijving import permissions, services
from inschrijving.models import Bewijsstuk


@pytest.fixture
def ingediend(compleet, aanbieder_beheerder, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    compleet.refresh_from_db()
    return compleet


def test_staff_ziet_de_inhoud_niet_voor_de_sluiting(ingediend, inkoper, tijd):
    tijd(datetime(2023, 6, 30, 9, 59, 59, tzinfo=TZ))
    assert not permissions.staff_mag_inhoud_zien(inkoper, ingediend)
    tijd(datetime(2023, 6, 30, 10, 0, tzinfo=TZ))
    assert permissions.staff_mag_inhoud_zien(inkoper, ingediend)


def test_staff_ziet_nooit_een_concept(compleet, inkoper, tijd):
    tijd(datetime(2023, 7, 1, 10, 0, tzinfo=TZ))
    assert not permissions.staff_mag_inhoud_zien(inkoper, compleet)


def test_staff_zonder_recht_ziet_niets_tenzij_een_regel_het_toestaat(ingediend, beoordelaar, tijd):
    tijd(datetime(2023, 7, 1, 10, 0, tzinfo=TZ))
    assert not permissions.staff_mag_inhoud_zien(beoordelaar, ingediend)
    regel = lambda user, insch: user == beoordelaar  # noqa: E731  (as toetsing registers for its commissie)
    permissions.registreer_staff_toegangsregel(regel)
    try:
        assert permissions.staff_mag_inhoud_zien(beoordelaar, ingediend)
    finally:
        permissions._STAFF_TOEGANGSREGELS.remove(regel)


def test_staff_download_van_bewijsstuk_pas_na_de_sluiting(client, ingediend, inkoper, tijd):
    stuk = Bewijsstuk.objects.get(originele_naam="kvk-uittreksel.pdf")
    client.force_login(inkoper)
    url = f"/mijn/inschrijvingen/bewijsstukken/{stuk.pk}/download/"
    assert client.get(url).status_code == 404
    tijd(datetime(2023, 6, 30, 10, 0, tzinfo=TZ))
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("pad", ["", "percelen/", "verklaring/", "eisen/", "overzicht/", "leden/", "bevestiging/"])
def test_andere_organisatie_krijgt_404(client, compleet, andere_beheerder, pad):
    client.force_login(andere_beheerder)
    assert client.get(f"/mijn/inschrijvingen/{compleet.pk}/{pad}").status_code == 404


def test_andere_organisatie_kan_niet_indienen_of_bestanden_downloaden(client, compleet, andere_beheerder):
    client.force_login(andere_beheerder)
    assert client.post(f"/mijn/inschrijvingen/{compleet.pk}/indienen/").status_code == 404
    stuk = Bewijsstuk.objects.get(originele_naam="kvk-uittreksel.pdf")
    assert client.get(f"/mijn/inschrijvingen/bewijsstukken/{stuk.pk}/download/").status_code == 404
    assert client.get("/mijn/inschrijvingen/bewijsstukken/999999/download/").status_code == 404
    compleet.refresh_from_db()
    assert compleet.status == "concept"


def test_eigen_medewerker_downloadt_het_bestand(client, compleet, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    stuk = Bewijsstuk.objects.get(originele_naam="kvk-uittreksel.pdf")
    antwoord = client.get(f"/mijn/inschrijvingen/bewijsstukken/{stuk.pk}/download/")
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"].startswith("attachment")


def test_medewerker_ziet_geen_indienknop(client, compleet, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.get(f"/mijn/inschrijvingen/{compleet.pk}/controleren/")
    assert "Alleen een beheerder van Zorgkracht Gooi B.V. kan haar indienen" in antwoord.content.decode()
    assert "Inschrijving definitief indienen" not in antwoord.content.decode()
    assert client.post(f"/mijn/inschrijvingen/{compleet.pk}/indienen/", {"verklaring": "on"}).status_code == 302
    compleet.refresh_from_db()
    assert compleet.status == "concept"
