"""The register of contracted providers: tabs, search, CSV, constant queries (issue 3)."""

import csv
import io

import pytest

from overeenkomst.models import Deelname
from tests.aanbesteding.factories import PerceelFactory, ProductFactory

from .conftest import contracteer

pytestmark = pytest.mark.django_db

URL = "/procedures/jeugdhulp-voorzieningen/register/"


@pytest.fixture
def gecontracteerd(procedure, tussenvoorziening):
    perceel = tussenvoorziening.perceel
    contracteer(procedure, perceel, naam="Zorgkracht Gooi B.V.", plaats="Hilversum", onderaannemer="Jeugdhuis Huizen")
    contracteer(procedure, perceel, naam="De Linde Jeugdzorg", plaats="Bussum")
    return perceel


def test_hoofdaannemers_en_onderaannemers_op_eigen_tab(client, pagina, gecontracteerd):
    hoofd = client.get(URL).content.decode()
    assert "Zorgkracht Gooi B.V." in hoofd and "De Linde Jeugdzorg" in hoofd
    assert "Jeugdhuis Huizen" not in hoofd
    onder = client.get(URL, {"tab": "onderaannemers"}).content.decode()
    assert "Jeugdhuis Huizen" in onder and "De Linde Jeugdzorg" not in onder


def test_zoeken_op_naam(client, pagina, gecontracteerd):
    html = client.get(URL, {"q": "linde"}).content.decode()
    assert "De Linde Jeugdzorg" in html and "Zorgkracht Gooi" not in html


def test_zoeken_op_productcode(client, procedure, pagina, gecontracteerd):
    ander = PerceelFactory(aanbesteding=procedure, code="5.4", naam="Dagbehandeling")
    ProductFactory(perceel=ander, categorie="41", code="41A11")
    contracteer(procedure, ander, naam="Dagcentrum Laren")
    html = client.get(URL, {"productcode": "41a11"}).content.decode()
    assert "Dagcentrum Laren" in html and "Zorgkracht Gooi" not in html


def test_zoeken_op_gemeente(client, procedure, pagina, gecontracteerd, gemeente_hilversum):
    wmo = PerceelFactory(aanbesteding=procedure, code="W.1", naam="Wmo begeleiding", domein="wmo")
    contracteer(procedure, wmo, naam="Wmo Thuis")
    html = client.get(URL, {"gemeente": "Hilversum"}).content.decode()
    assert "Zorgkracht Gooi B.V." in html and "Wmo Thuis" not in html


def test_csv_met_beide_soorten(client, pagina, gecontracteerd):
    antwoord = client.get(URL + "csv/")
    rijen = list(csv.DictReader(io.StringIO(antwoord.getvalue().decode("utf-8-sig")), delimiter=";"))
    soorten = {(r["naam"], r["soort"]) for r in rijen}
    assert ("Zorgkracht Gooi B.V.", "hoofdaannemer") in soorten
    assert ("Jeugdhuis Huizen", "onderaannemer") in soorten
    assert all(r["productcodes"] == "43B03" for r in rijen)


def test_clientenstop_is_zichtbaar(client, procedure, pagina, tussenvoorziening):
    contracteer(procedure, tussenvoorziening.perceel, naam="Vol Huis", status=Deelname.Status.CLIENTENSTOP)
    assert "cliëntenstop" in client.get(URL).content.decode()


def _queries(client, aantal_verwacht):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(URL)
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(URL)
    assert antwoord.content.decode().count("Aanbieder ") == aantal_verwacht
    return len(ctx.captured_queries)


def test_constant_aantal_queries_met_10_en_200_aanbieders(client, procedure, pagina, tussenvoorziening):
    def maak(van, tot):
        for i in range(van, tot):
            contracteer(procedure, tussenvoorziening.perceel, naam=f"Aanbieder {i:03d}",
                        onderaannemer=f"Onder {i:03d}" if i % 4 == 0 else None)

    maak(0, 10)
    bij_10 = _queries(client, 10)
    maak(10, 200)
    bij_200 = _queries(client, 50)  # one page of 50 (issue 15), not all 200
    assert bij_10 == bij_200
    # site, page, procedure, gemeenten, two counts (one per tab), the page's agreements, their deelnames and
    # products, session/user, and the register's change history (issue 11: two queries).
    assert bij_200 <= 18
