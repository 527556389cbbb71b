"""Site search over procedures, documents and products (Wagtail search, issue 3)."""

import pytest
from django.core.management import call_command

from aanbesteding.models import Aanbesteding
from tests.aanbesteding.factories import AanbestedingFactory, ProcedureDocumentFactory, ProductFactory

from .conftest import procedurepagina_voor

pytestmark = pytest.mark.django_db


def test_zoeken_vindt_product_document_en_procedure(client, procedure, pagina, tussenvoorziening):
    ProcedureDocumentFactory(aanbesteding=procedure, titel="Programma van eisen Tussenvoorziening", slug="pve")
    call_command("update_index", verbosity=0)
    html = client.get("/zoeken/", {"q": "Tussenvoorziening"}).content.decode()
    assert "43B03 Tussenvoorziening" in html
    assert "Programma van eisen Tussenvoorziening" in html
    assert client.get("/zoeken/", {"q": "Jeugdhulp"}).content.decode().count("Jeugdhulp Voorzieningen") >= 1


def test_zoeken_toont_niets_van_procedures_in_voorbereiding(client):
    concept = AanbestedingFactory(slug="geheim", titel="Geheime procedure", status=Aanbesteding.Status.IN_VOORBEREIDING)
    procedurepagina_voor(concept)
    ProductFactory(perceel__aanbesteding=concept, categorie="43", code="43Z99", naam="Geheim product")
    call_command("update_index", verbosity=0)
    html = client.get("/zoeken/", {"q": "Geheim"}).content.decode()
    assert "43Z99" not in html
    assert "Geheime procedure" not in html
