"""The register per year and complete (issue 19): exactly the admitted products (000 Part A) with their
restrictions in HTML, CSV and API; the product code filter respects them; ?jaar= (the register as it stood in that
year); the specialist tab with locations and group sizes (000 r.29-31); contact details only where the procedure
publishes them (002 r.419, art. 23); status and end date derived from the dates, also across midnight in the page
cache; a constant number of queries as the rows grow."""

import csv
import io
from datetime import date, datetime

import pytest
import time_machine

from core.kalender import TZ
from overeenkomst.models import Contractregels, Deelname, DeelnameProduct, Overeenkomst
from overeenkomst.services.toetreding import overeenkomst_uit_toelating
from tests.factories import OrganisatieFactory
from tests.inschrijving._productkeuze import CODES, vmb_plus

pytestmark = pytest.mark.django_db

URL = "/procedures/jeugdhulp-voorzieningen/register/"
API = "/api/v1/aanbieders"
NIJMEGEN = {"locatie": "Nijmegen", "groepsomvang": 8, "leeftijd_van": 12, "leeftijd_tot": 17}


@pytest.fixture(autouse=True)
def juni_2025():
    with time_machine.travel(datetime(2025, 6, 2, 12, 0, tzinfo=TZ), tick=False) as reiziger:
        yield reiziger


@pytest.fixture
def vmb(procedure):
    return vmb_plus(procedure)


def _contracteer(procedure, perceel, naam, producten=None, *, start=date(2025, 1, 1), plaats="Nijmegen", **org):
    organisatie = OrganisatieFactory(naam=naam, plaats=plaats, **org)
    return overeenkomst_uit_toelating(organisatie=organisatie, aanbesteding=procedure, percelen=[perceel],
                                      startdatum=start, producten=producten)


@pytest.fixture
def karakter(procedure, vmb):
    """Admitted for 3 of the 7 products of Verblijf met behandeling +, 43A52 at a location with a group size."""
    perceel, p = vmb
    return _contracteer(procedure, perceel, "Karakter Jeugd", [
        {"product": p["43A52"], **NIJMEGEN}, {"product": p["43A56"]}, {"product": p["54010"], "beperking": "alleen JGGZ-indicatie"},
    ])


@pytest.fixture
def pluryn(procedure, vmb):
    """Admitted for the perceel as a whole (no product rows): every product."""
    return _contracteer(procedure, vmb[0], "Pluryn Hoenderloo")


def _csv(client, **params):
    antwoord = client.get(URL + "csv/", params)
    return list(csv.DictReader(io.StringIO(antwoord.getvalue().decode("utf-8-sig")), delimiter=";"))


def _api(client, **params):
    return client.get(API, {"procedure": "jeugdhulp-voorzieningen", **params}).json()


def _rij(rijen, naam):
    return next(r for r in rijen if r["naam"] == naam)


def test_register_van_aanbieder_toegelaten_voor_3_van_7_producten_toont_3(client, pagina, karakter, pluryn):
    html = client.get(URL).content.decode()
    assert "43A52, 43A56, 54010" in html  # Karakter: exactly its three
    assert ", ".join(sorted(CODES)) in html  # Pluryn: the whole perceel, all seven
    csv_rij = _rij(_csv(client), "Karakter Jeugd")
    assert csv_rij["productcodes"] == "43A52 43A56 54010"
    assert _rij(_csv(client, q="Pluryn"), "Pluryn Hoenderloo")["productcodes"] == " ".join(sorted(CODES))
    api_rij = _rij(_api(client)["resultaten"], "Karakter Jeugd")
    assert api_rij["productcodes"] == ["43A52", "43A56", "54010"]
    assert [p["code"] for p in api_rij["percelen"][0]["producten"]] == ["43A52", "43A56", "54010"]
    assert len(_rij(_api(client, q="Pluryn")["resultaten"], "Pluryn Hoenderloo")["percelen"][0]["producten"]) == 7


def test_beperkingen_in_html_csv_en_api(client, pagina, karakter):
    html = client.get(URL).content.decode()
    assert "43A52: 12 t/m 17 jaar; locatie Nijmegen (groep van 8)" in html
    assert "54010: alleen JGGZ-indicatie" in html
    assert _csv(client)[0]["producten"] == "43A52 (12 t/m 17 jaar; locatie Nijmegen (groep van 8)) | 43A56 | 54010 (alleen JGGZ-indicatie)"
    midden = _api(client)["resultaten"][0]["percelen"][0]["producten"][0]
    assert midden == {"code": "43A52", "naam": "Verblijf behandeling midden", "beperking": "", "leeftijd_van": 12,
                      "leeftijd_tot": 17, "locatie": "Nijmegen", "groepsomvang": 8, "verblijf": True}


def test_filter_op_productcode_volgt_de_toelating(client, pagina, karakter, pluryn):
    # 54012 was not admitted to Karakter; Pluryn, admitted for the whole perceel, delivers it.
    assert [r["naam"] for r in _csv(client, productcode="54012")] == ["Pluryn Hoenderloo"]
    html = client.get(URL, {"productcode": "54012"}).content.decode()
    assert "Pluryn Hoenderloo" in html and "Karakter Jeugd" not in html
    assert sorted(r["naam"] for r in _csv(client, productcode="43a52")) == ["Karakter Jeugd", "Pluryn Hoenderloo"]


def test_jaar_met_een_aanbieder_die_eerder_vertrok(client, pagina, procedure, vmb, karakter, juni_2025):
    """The provider that left on 30-06-2024 is in the register of 2024 (beëindigd, with its end date) and not in
    that of 2025; the year links are there; CSV and API follow ?jaar=."""
    vertrokken = _contracteer(procedure, vmb[0], "Entrea Lindenhout", [{"product": vmb[1]["43A52"]}], start=date(2023, 1, 1))
    Deelname.objects.filter(overeenkomst=vertrokken).update(status=Deelname.Status.BEEINDIGD, einddatum=date(2024, 6, 30))
    Overeenkomst.objects.filter(pk=vertrokken.pk).update(status=Overeenkomst.Status.BEEINDIGD, einddatum=date(2024, 6, 30))
    html_2025 = client.get(URL).content.decode()
    assert "Entrea Lindenhout" not in html_2025 and "Karakter Jeugd" in html_2025
    assert '<strong aria-current="page">2025</strong>' in html_2025
    assert 'jaar=2023">2023</a>' in html_2025 and 'jaar=2024">2024</a>' in html_2025
    html_2024 = client.get(URL, {"jaar": 2024}).content.decode()
    assert "Entrea Lindenhout" in html_2024 and "Karakter Jeugd" not in html_2024  # Karakter started in 2025
    assert 'beëindigd</span> <span class="helptekst">per 30-06-2024</span>' in html_2024
    assert [r["naam"] for r in _csv(client, jaar=2024)] == ["Entrea Lindenhout"]
    assert [r["naam"] for r in _csv(client)] == ["Karakter Jeugd"]
    data = _api(client, jaar=2024)
    assert data["jaar"] == 2024 and [(r["naam"], r["status"], r["einddatum"]) for r in data["resultaten"]] == [
        ("Entrea Lindenhout", "beëindigd", "2024-06-30")]
    assert _api(client)["jaar"] == 2025


def test_producten_met_eigen_einddatum_tellen_alleen_in_hun_jaar(client, pagina, karakter):
    DeelnameProduct.objects.filter(product__code="43A56").update(einddatum=date(2025, 3, 31))
    with time_machine.travel(datetime(2026, 2, 1, 12, 0, tzinfo=TZ), tick=False):
        assert _api(client, jaar=2025)["resultaten"][0]["productcodes"] == ["43A52", "43A56", "54010"]
        assert _api(client, jaar=2026)["resultaten"][0]["productcodes"] == ["43A52", "54010"]
        assert [r["naam"] for r in _csv(client, jaar=2026, productcode="43A56")] == []


@pytest.mark.parametrize("jaar", ["twintig", "1999", "2101"])
def test_ongeldig_jaar(client, pagina, karakter, jaar):
    assert client.get(URL, {"jaar": jaar}).status_code == 400
    assert client.get(URL + "csv/", {"jaar": jaar}).status_code == 400
    antwoord = client.get(API, {"procedure": "jeugdhulp-voorzieningen", "jaar": jaar})
    assert antwoord.status_code == 400 and antwoord.json() == {"fout": "jaar is een jaartal, bijv. 2025."}


def test_specialistische_tab_met_locatie_en_groepsomvang(client, pagina, procedure, karakter):
    from tests.aanbesteding.factories import PerceelFactory, ProductFactory

    ambulant = PerceelFactory(aanbesteding=procedure, code="1", naam="Ambulant")
    ProductFactory(perceel=ambulant, categorie="45", code="45A04", naam="Reguliere begeleiding Jeugd", eenheid="uur")
    _contracteer(procedure, ambulant, "Buurtzorg Jong")
    html = client.get(URL, {"tab": "specialistisch"}).content.decode()
    assert "Specialistische jeugdhulp (verblijf) (1)" in html
    assert "Buurtzorg Jong" not in html  # no residential product
    assert "<td>43A52 Verblijf behandeling midden</td>" in html
    assert "<td>Nijmegen</td><td>8</td>" in html
    assert "<td>12 t/m 17 jaar</td>" in html  # age group apart from location and group size
    assert "<td>43A56 Verblijf behandeling zwaar JmB</td>" in html
    assert "1 aanbieder met verblijf, 1–1 getoond. Pagina 1 van 1." in html
    assert "Hoofdaannemers (2)" in html


def test_contactgegevens_alleen_waar_de_procedure_ze_publiceert(client, pagina, procedure, vmb):
    _contracteer(procedure, vmb[0], "Karakter Jeugd", contact_email="aanmelden@karakter.example",
                 contact_telefoon="024 351 2222")
    assert "aanmelden@karakter.example" not in client.get(URL).content.decode()
    assert _csv(client)[0]["contact_email"] == "" and _api(client)["resultaten"][0]["contact_telefoon"] == ""
    # 002 r.419, art. 23: "naam, vestigingsplaats, AGB-code en contactgegevens" may be published.
    Contractregels.objects.create(aanbesteding=procedure, contactgegevens_publiceren=True)
    assert 'href="mailto:aanmelden@karakter.example"' in client.get(URL, {"q": "Karakter"}).content.decode()
    assert _csv(client, q="K")[0]["contact_telefoon"] == "024 351 2222"
    assert _api(client, q="Kar")["resultaten"][0]["contact_email"] == "aanmelden@karakter.example"


def test_status_en_einddatum_volgen_de_datums_ook_voor_de_nachtelijke_taak(client, pagina, procedure, vmb, juni_2025):
    """A deelname with an end date of yesterday still "actief" in the database (the nightly task did not run):
    the register and the API show it ended, with the date."""
    ovk = _contracteer(procedure, vmb[0], "Lindenhout", [{"product": vmb[1]["43A52"]}])
    Deelname.objects.filter(overeenkomst=ovk).update(einddatum=date(2025, 6, 1))
    assert Deelname.objects.get(overeenkomst=ovk).status == Deelname.Status.ACTIEF
    html = client.get(URL).content.decode()
    assert 'beëindigd</span> <span class="helptekst">per 01-06-2025</span>' in html
    rij = _api(client)["resultaten"][0]
    assert (rij["status"], rij["einddatum"], rij["percelen"][0]["status"]) == ("beëindigd", "2025-06-01", "beeindigd")
    # An end date in the future: still active.
    Deelname.objects.filter(overeenkomst=ovk).update(einddatum=date(2025, 12, 31))
    assert _api(client, q="Linden")["resultaten"][0]["status"] == "actief"


def test_geen_actief_uit_de_paginacache_na_middernacht(client, pagina, procedure, vmb, juni_2025,
                                                      django_assert_num_queries):
    """ADR 0021: no event marks midnight; the day is part of the cache key, so the page of 23:59:50 (served from
    the cache a second time) is not served at 00:00:10 when the agreement has ended."""
    ovk = _contracteer(procedure, vmb[0], "Lindenhout", [{"product": vmb[1]["43A52"]}])
    Deelname.objects.filter(overeenkomst=ovk).update(einddatum=date(2025, 6, 2))
    juni_2025.move_to(datetime(2025, 6, 2, 23, 59, 50, tzinfo=TZ), tick=False)
    client.get(URL)
    with django_assert_num_queries(0):
        voor = client.get(URL).content.decode()
    assert 'label--ok">actief</span>' in voor and "per 02-06-2025" not in voor
    juni_2025.move_to(datetime(2025, 6, 3, 0, 0, 10, tzinfo=TZ), tick=False)
    na = client.get(URL).content.decode()
    assert 'beëindigd</span> <span class="helptekst">per 02-06-2025</span>' in na
    assert _api(client)["resultaten"][0]["status"] == "beëindigd"


def _maak(procedure, vmb, van, tot):
    perceel, p = vmb
    for i in range(van, tot):
        _contracteer(procedure, perceel, f"Aanbieder {i:03d}", [{"product": p["43A52"], **NIJMEGEN}, {"product": p["43A56"]}])


def test_constant_aantal_queries_op_de_registerpaginas(client, pagina, procedure, vmb, django_assert_max_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    teller = iter(range(1000))

    def tel(**params):
        cache.clear()
        params["ronde"] = next(teller)  # a new URL each round: count the render, not the page cache
        with CaptureQueriesContext(connection) as ctx:
            for tab in ("hoofdaannemers", "specialistisch"):
                assert client.get(URL, {"tab": tab, **params}).status_code == 200
            assert client.get(API, {"procedure": procedure.slug, **params}).status_code == 200
            client.get(URL + "csv/", params).getvalue()
        return len(ctx.captured_queries)

    _maak(procedure, vmb, 0, 5)
    weinig = tel()
    _maak(procedure, vmb, 5, 45)
    assert tel() == weinig
    assert tel(productcode="43A52") == tel(productcode="43A52", jaar=2025)
