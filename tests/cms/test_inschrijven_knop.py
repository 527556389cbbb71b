"""The call to action on a public procedure page (issue 12): "Zo schrijft u in" for an anonymous visitor (and that
page stays in the public page cache, ADR 0021), "Inschrijven" for a logged-in provider while a window is open,
"Ga verder met uw inschrijving" for its draft, its submission, and "U bent toegelaten" with its agreement. The
personalised versions are never cached for anybody else."""

import re
from datetime import date, timedelta

import pytest

from aanbesteding.models import Toetredingsmoment
from core import kalender
from inschrijving import services as inschrijving_services
from inschrijving.models import Inschrijving
from overeenkomst.models import Overeenkomst
from tests.factories import LidmaatschapFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

URL = "/procedures/jeugdhulp-voorzieningen/"


@pytest.fixture
def open_venster(procedure):
    nu = kalender.nu()
    return Toetredingsmoment.objects.create(aanbesteding=procedure, naam="Toetredingsronde", opent_op=nu - timedelta(days=1),
                                            sluit_op=nu + timedelta(days=14))


@pytest.fixture
def aanbieder_gebruiker(db):
    org = OrganisatieFactory(naam="Zorgkracht Gooi B.V.")
    return LidmaatschapFactory(organisatie=org, rol="beheerder").user, org


def _blok(html: str) -> str:
    return re.search(r'<section class="cta" aria-labelledby="kop-inschrijven">(.*?)</section>', html, re.S).group(1)


def test_anoniem_leest_hoe_inschrijven_werkt_en_de_pagina_blijft_in_de_cache(client, pagina, open_venster,
                                                                             django_assert_num_queries):
    client.get(URL)
    with django_assert_num_queries(0):
        antwoord = client.get(URL)  # served from the public page cache: no CSRF token, nothing personal
    blok = _blok(antwoord.content.decode())
    assert "Zo schrijft u in" in blok and "U kunt nu inschrijven" in blok
    assert f'href="/accounts/login/?next={URL}">Log in</a>' in blok
    assert 'href="/accounts/signup/">maak een account aan</a>' in blok
    assert "csrfmiddlewaretoken" not in antwoord.content.decode()


def test_anoniem_zonder_open_venster_hoort_dat_er_nu_niets_open_is(client, pagina):
    assert "Er is nu geen toetredingsmoment open." in _blok(client.get(URL).content.decode())


def test_aanbieder_zonder_inschrijving_krijgt_de_knop_inschrijven_die_een_concept_start(client, procedure, pagina, open_venster,
                                                                                       aanbieder_gebruiker):
    user, org = aanbieder_gebruiker
    client.force_login(user)
    blok = _blok(client.get(URL).content.decode())
    assert "U kunt nu namens Zorgkracht Gooi B.V. inschrijven" in blok
    assert f'<form method="post" action="/mijn/inschrijvingen/starten/{procedure.pk}/">' in blok
    assert 'name="csrfmiddlewaretoken"' in blok and ">Inschrijven</button>" in blok
    antwoord = client.post(f"/mijn/inschrijvingen/starten/{procedure.pk}/")
    insch = Inschrijving.objects.get(organisatie=org, aanbesteding=procedure)
    assert antwoord["Location"] == f"/mijn/inschrijvingen/{insch.pk}/percelen/"


def test_aanbieder_met_concept_gaat_verder_en_na_indienen_ziet_hij_zijn_inschrijving(client, procedure, pagina, open_venster,
                                                                                     aanbieder_gebruiker):
    user, org = aanbieder_gebruiker
    insch = inschrijving_services.inschrijving_starten(aanbesteding=procedure, organisatie=org, door=user)
    client.force_login(user)
    blok = _blok(client.get(URL).content.decode())
    assert f'<a class="knop" href="/mijn/inschrijvingen/{insch.pk}/">Ga verder met uw inschrijving</a>' in blok
    assert "Zorgkracht Gooi B.V. heeft een inschrijving in voorbereiding; indienen kan tot" in blok
    assert ">Inschrijven</button>" not in blok


def test_toegelaten_aanbieder_ziet_zijn_overeenkomst(client, procedure, pagina, open_venster, aanbieder_gebruiker):
    user, org = aanbieder_gebruiker
    ovk = Overeenkomst.objects.create(aanbesteding=procedure, organisatie=org, startdatum=date(2023, 1, 1))
    client.force_login(user)
    blok = _blok(client.get(URL).content.decode())
    assert "U bent toegelaten" in blok
    assert f'<a class="knop" href="/mijn/overeenkomsten/{ovk.pk}/">Bekijk uw overeenkomst</a>' in blok


def test_de_persoonlijke_versie_komt_nooit_bij_een_anonieme_bezoeker(client, procedure, pagina, open_venster,
                                                                    aanbieder_gebruiker, django_assert_num_queries):
    user, org = aanbieder_gebruiker
    inschrijving_services.inschrijving_starten(aanbesteding=procedure, organisatie=org, door=user)
    client.force_login(user)
    assert "Ga verder met uw inschrijving" in client.get(URL).content.decode()
    assert "Ga verder met uw inschrijving" in client.get(URL).content.decode()
    client.logout()
    client.cookies.clear()
    html = client.get(URL).content.decode()
    assert "Zo schrijft u in" in html and "Ga verder" not in html and "Zorgkracht" not in html
    with django_assert_num_queries(0):
        assert "Zo schrijft u in" in client.get(URL).content.decode()


def test_gebruiker_zonder_organisatie_registreert_eerst_zijn_organisatie(client, pagina, open_venster):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    blok = _blok(client.get(URL).content.decode())
    assert 'href="/mijn/organisatie/registreren/">registreert u eerst uw organisatie</a>' in blok
