"""Routes of a procedure page: document headers, the vragen form's refusals and the register's query count."""

from datetime import timedelta

import pytest

from aanbesteding.models import Vraag
from core import kalender
from tests.aanbesteding.factories import (
    PerceelFactory,
    ProcedureDocumentFactory,
    gepubliceerde_versie,
    pdf_inhoud,
)
from tests.factories import UserFactory

from ._hulp import GEEN_CACHE, tel_queries
from .conftest import contracteer

pytestmark = pytest.mark.django_db

BASIS = "/procedures/jeugdhulp-voorzieningen/"


@pytest.fixture
def document(procedure):
    document = ProcedureDocumentFactory(aanbesteding=procedure, slug="toelatingsdocument")
    gepubliceerde_versie(document, inhoud=pdf_inhoud("een"))
    return document


def test_vast_adres_kort_gecachet_versie_voor_altijd(client, pagina, document):
    vast = client.get(BASIS + "documenten/toelatingsdocument/")
    assert vast["Cache-Control"] == "public, max-age=300"
    assert vast["X-Content-Type-Options"] == "nosniff"
    versie = client.get(BASIS + "documenten/toelatingsdocument/v1/")
    assert versie["Cache-Control"] == "public, max-age=31536000, immutable"
    assert versie["Content-Disposition"].startswith("inline")


def test_document_van_andere_procedure_niet_via_deze_pagina(client, pagina):
    from tests.aanbesteding.factories import AanbestedingFactory

    ander = ProcedureDocumentFactory(aanbesteding=AanbestedingFactory(slug="elders"), slug="elders-doc")
    gepubliceerde_versie(ander)
    assert client.get(BASIS + "documenten/elders-doc/").status_code == 404


def test_verdwenen_bestand_geeft_404_geen_500(client, pagina, document):
    from aanbesteding.models import DocumentVersie

    versie = DocumentVersie.objects.get(document=document)
    versie.bestand.storage.delete(versie.bestand.name)
    assert client.get(BASIS + "documenten/toelatingsdocument/").status_code == 404


@pytest.fixture
def vragen_open(procedure):
    procedure.vragen_tot = kalender.nu() + timedelta(days=7)
    procedure.save()
    return procedure


def test_vraag_zonder_organisatie_krijgt_nederlandse_melding(client, pagina, vragen_open):
    client.force_login(UserFactory())
    antwoord = client.post(BASIS + "vragen/", {"tekst": "Mag dit?"})
    assert antwoord.status_code == 200
    # no form without an organisation: the page explains why, and the service refused the POST
    assert "Vragen stelt u namens een zorgaanbieder" in antwoord.content.decode()
    assert "Vraag versturen" not in antwoord.content.decode()
    assert antwoord.context["form"].non_field_errors() == [
        "Alleen een medewerker van een zorgaanbieder kan vragen stellen."]
    assert not Vraag.objects.exists()


def test_vraag_van_alleen_spaties_wordt_geweigerd(client, pagina, vragen_open, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(BASIS + "vragen/", {"tekst": "    "})
    assert antwoord.status_code == 200
    assert not Vraag.objects.exists()
    # the form strips the text, so the field is empty and required
    assert "Dit is een verplicht veld." in antwoord.content.decode()


def test_vraag_over_perceel_van_andere_procedure_geweigerd(client, pagina, vragen_open, aanbieder_medewerker):
    from tests.aanbesteding.factories import AanbestedingFactory

    vreemd = PerceelFactory(aanbesteding=AanbestedingFactory(slug="elders"))
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(BASIS + "vragen/", {"tekst": "Vraag", "perceel": vreemd.pk})
    assert antwoord.status_code == 200
    assert "Selecteer een geldige keuze" in antwoord.content.decode()
    assert not Vraag.objects.exists()


def test_vraag_gelukt_meldt_anonieme_publicatie(client, pagina, vragen_open, aanbieder_medewerker, aanbieder):
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(BASIS + "vragen/", {"tekst": "  Hoe lang is de looptijd?  "}, follow=True)
    assert "Uw vraag is ontvangen" in antwoord.content.decode()
    vraag = Vraag.objects.get()
    assert vraag.tekst == "Hoe lang is de looptijd?"
    assert vraag.organisatie == aanbieder


def test_vragen_pagina_zonder_csrf_geweigerd(pagina, vragen_open, aanbieder_medewerker):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(aanbieder_medewerker)
    assert csrf_client.post(BASIS + "vragen/", {"tekst": "Vraag"}).status_code == 403
    assert not Vraag.objects.exists()


def test_register_html_constant_aantal_queries(client, settings, procedure, pagina, tussenvoorziening):
    settings.CACHES = GEEN_CACHE
    perceel = tussenvoorziening.perceel
    for i in range(3):
        contracteer(procedure, perceel, naam=f"Aanbieder {i:03d}", onderaannemer=f"Onder {i:03d}")
    weinig = tel_queries(client, BASIS + "register/")
    csv_weinig = tel_queries(client, BASIS + "register/csv/")
    for i in range(3, 40):
        contracteer(procedure, perceel, naam=f"Aanbieder {i:03d}", onderaannemer=f"Onder {i:03d}")
    assert tel_queries(client, BASIS + "register/") == weinig
    assert tel_queries(client, BASIS + "register/csv/") == csv_weinig


def test_productenboek_csv_constant_aantal_queries(client, procedure, pagina, tussenvoorziening):
    from tests.aanbesteding.factories import ProductFactory, TariefFactory

    def maak(van, tot):
        for i in range(van, tot):
            product = ProductFactory(perceel=tussenvoorziening.perceel, categorie="45", code=f"45{i:03d}")
            TariefFactory(product=product)

    maak(0, 5)
    weinig = tel_queries(client, BASIS + "productenboek/2025/csv/")
    maak(5, 80)
    assert tel_queries(client, BASIS + "productenboek/2025/csv/") == weinig
