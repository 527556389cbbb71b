"""The site speaks Dutch whatever the browser asks; the health check really asks the database."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_engelse_browser_krijgt_nederlandse_foutmeldingen(client):
    client.force_login(UserFactory())
    antwoord = client.post(reverse("organisaties:registreren"), {"naam": ""}, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    inhoud = antwoord.content.decode()
    assert '<html lang="nl">' in inhoud
    assert "Dit is een verplicht veld." in inhoud
    assert "This field is required." not in inhoud


def test_engelse_browser_krijgt_nederlandse_inlogpagina(client):
    inhoud = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl">' in inhoud
    assert "Wachtwoord" in inhoud


def test_gezondheid_faalt_als_de_database_weg_is(client):
    # Issue 15: no error page but a 503 that says which check failed.
    with mock.patch("core.gezondheid.connection") as verbinding:
        verbinding.cursor.side_effect = OperationalError("database onbereikbaar")
        antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    assert antwoord.json()["controles"]["database"]["status"] == "fout"


def test_gezondheid_voert_select_1_uit(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get("/gezondheid/")
    assert [q["sql"] for q in ctx.captured_queries] == ["SELECT 1"]


def test_gezondheid_ook_met_head(client):
    assert client.head("/gezondheid/").status_code == 200
