"""The home page and the accessibility statement render in Dutch with the public procedures (issue 3)."""

import pytest

from aanbesteding.models import Aanbesteding
from tests.aanbesteding.factories import AanbestedingFactory

from .conftest import procedurepagina_voor

pytestmark = pytest.mark.django_db


def test_homepagina_toont_alleen_openbare_procedures_als_blok(client, procedure, pagina):
    concept = AanbestedingFactory(slug="concept", titel="Concept Wmo", status=Aanbesteding.Status.IN_VOORBEREIDING)
    procedurepagina_voor(concept)
    html = client.get("/").content.decode()
    assert 'id="kop-procedures"' in html
    assert 'href="/procedures/jeugdhulp-voorzieningen/"' in html
    assert "Concept Wmo" not in html


def test_homepagina_zonder_procedures_heeft_geen_procedureblok(client):
    assert 'id="kop-procedures"' not in client.get("/").content.decode()


def test_toegankelijkheidsverklaring_noemt_wcag_en_reactietermijn(client):
    html = client.get("/toegankelijkheid/").content.decode()
    assert "WCAG" in html and "2.1 op niveau AA" in html
    assert "binnen vijf werkdagen" in html


def test_procedurepagina_van_beeindigde_procedure_blijft_openbaar(client, procedure, pagina):
    procedure.status = Aanbesteding.Status.BEEINDIGD
    procedure.save()
    assert client.get("/procedures/jeugdhulp-voorzieningen/").status_code == 200
    assert client.get("/api/v1/procedures/jeugdhulp-voorzieningen").json()["status_omschrijving"] == "Beëindigd"
