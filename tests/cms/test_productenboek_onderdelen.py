"""The parts of the yearly product book (issue 19) one by one: the budget ceilings read from contractbeheer, the
rule texts of the page, the CSV of the difference, escaping of the new texts, the page cache retiring the book when
a ceiling or a rule changes, the API's default year and its description.

Source cases: the Gooi ceilings 'niveau 0' € 1.250 and 'niveau 2' € 5.000 per client (003 r.868-869) and 'IBP 1'
€ 2.500 (003 r.1842); the logeren table (002 r.1143-1155); the MLO term 1-1-2020 until 1-1-2021 (002 art. 3).
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from aanbesteding import selectors as s
from aanbesteding.models import Omrekentabel, Samenloopregel
from bronnen import gooi, mlo
from cms import views
from contractbeheer.models import Budgetplafond
from contractbeheer.selectors.budget import openbare_plafonds
from overeenkomst.models import Overeenkomst
from tests.aanbesteding._hulp import aantal_queries
from tests.aanbesteding.factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory
from tests.factories import OrganisatieFactory

from .conftest import procedurepagina_voor

pytestmark = pytest.mark.django_db

BOEK = "/procedures/jeugdhulp-voorzieningen/productenboek/"


@pytest.fixture
def percelen(procedure):
    p51 = PerceelFactory(aanbesteding=procedure, code="5.1", naam="Ambulante Jeugd GGZ", volgorde=1)
    p52 = PerceelFactory(aanbesteding=procedure, code="5.2", naam="Ambulante Jeugdhulp", volgorde=2)
    for perceel, code in ((p51, "54001"), (p52, "45A04")):
        TariefFactory(product=ProductFactory(perceel=perceel, categorie=code[:2], code=code), bedrag=Decimal("71.38"))
    return {"5.1": p51, "5.2": p52}


def _plafonds(procedure, percelen):
    for p in gooi.BUDGETPLAFONDS:
        Budgetplafond.objects.create(aanbesteding=procedure, perceel=percelen[p["perceel"]], code=p["code"],
                                     naam=p["naam"], soort="per_client", bedrag=p["bedrag"], bron=p["bron"])


# --- budget ceilings (contractbeheer.selectors.budget.openbare_plafonds) ---------------------------------------

def test_plafonds_van_de_bron_per_perceel(procedure, percelen):
    _plafonds(procedure, percelen)
    per_perceel = openbare_plafonds(procedure, 2025)
    assert [(p.code, p.bedrag) for p in per_perceel[percelen["5.1"].pk]] == [
        ("niveau 0", Decimal("1250.00")), ("niveau 2", Decimal("5000.00"))]
    assert [p.code for p in per_perceel[percelen["5.2"].pk]] == ["IBP 1"]


def test_plafond_van_het_jaar_vervangt_het_jaarloze(procedure, percelen):
    _plafonds(procedure, percelen)
    Budgetplafond.objects.create(aanbesteding=procedure, perceel=percelen["5.1"], code="niveau 0", soort="per_client",
                                 naam="BGGZ 2025", bedrag=Decimal("1300.00"), jaar=2025)
    assert [p.bedrag for p in openbare_plafonds(procedure, 2025)[percelen["5.1"].pk]] == [
        Decimal("1300.00"), Decimal("5000.00")]
    assert [p.bedrag for p in openbare_plafonds(procedure, 2024)[percelen["5.1"].pk]] == [
        Decimal("1250.00"), Decimal("5000.00")]


def test_plafond_van_een_aanbieder_is_niet_openbaar(procedure, percelen):
    """004 §3.1: a ceiling per provider; the one agreed with one agreement is not the book's."""
    ovk = Overeenkomst.objects.create(aanbesteding=procedure, organisatie=OrganisatieFactory(), startdatum=date(2023, 1, 1))
    Budgetplafond.objects.create(aanbesteding=procedure, perceel=percelen["5.2"], overeenkomst=ovk, code="eigen",
                                 naam="Eigen plafond", soort="per_aanbieder", bedrag=Decimal("100000.00"))
    assert openbare_plafonds(procedure, 2025) == {}


def test_plafond_op_een_product_telt_onder_zijn_perceel(procedure, percelen):
    product = percelen["5.2"].producten.get()
    Budgetplafond.objects.create(aanbesteding=procedure, product=product, code="IBP 1", soort="per_client",
                                 naam="Budgetplafond 1", bedrag=Decimal("2500.00"))
    [plafond] = openbare_plafonds(procedure, 2025)[percelen["5.2"].pk]
    assert plafond.product == product


def test_plafonds_in_een_query(procedure, percelen):
    _plafonds(procedure, percelen)
    klein = aantal_queries(lambda: openbare_plafonds(procedure, 2025))
    for i in range(10):
        Budgetplafond.objects.create(aanbesteding=procedure, product=percelen["5.1"].producten.get(), code=f"p{i}",
                                     naam=f"Plafond {i}", soort="totaal", bedrag=Decimal("1000"))
    assert aantal_queries(lambda: openbare_plafonds(procedure, 2025)) == klein == 1


# --- the page cache -------------------------------------------------------------------------------------------

def test_nieuw_plafond_verschijnt_meteen(client, procedure, pagina, percelen, django_assert_num_queries):
    url = BOEK + "2025/"
    client.get(url)
    with django_assert_num_queries(0):
        assert "Budgetplafond" not in client.get(url).content.decode()
    _plafonds(procedure, percelen)
    assert "Budgetplafond niveau 0" in client.get(url).content.decode()


def test_nieuwe_samenloopregel_verschijnt_meteen(client, procedure, pagina, percelen, django_assert_num_queries):
    url = BOEK + "2025/"
    client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    regel = Samenloopregel.objects.create(aanbesteding=procedure, soort="niet", volgorde=1, toelichting="Niet samen.")
    regel.producten.set([percelen["5.1"].producten.get()])
    assert 'id="productregels"' in client.get(url).content.decode()


# --- texts of the page --------------------------------------------------------------------------------------------

def test_omrekentabel_in_woorden():
    tabel = Omrekentabel(pk=1, naam="Logeren", rijen=mlo.LOGEREN_OMREKENING)
    regels = s.Productregels([], [], [tabel], {})
    rijen = views._regels_weergave(regels)["tabellen"][0]["rijen"]
    assert [(r["uur"], r["uitkomst"]) for r in rijen] == [
        (26, "1 etmaal"), (30, "1 etmaal + 1 dagdeel"), (34, "1 etmaal + 2 dagdelen"), (38, "1 etmaal + 3 dagdelen"),
        (50, "2 etmalen"),
    ]


def test_nieuwe_teksten_worden_ge_escaped(client, procedure, pagina, percelen):
    product = percelen["5.1"].producten.get()
    product.naam_bron = "<b>bron</b>"
    product.beperking = "<i>alleen 18-</i>"
    product.save()
    TariefFactory(product=product, bedrag=Decimal("80.00"), organisatie=OrganisatieFactory(naam="<script>x</script> B.V."))
    Omrekentabel.objects.create(aanbesteding=procedure, naam="<em>Logeren</em>").producten.set([product])
    html = client.get(BOEK + "2025/").content.decode()
    assert "<b>bron</b>" not in html and "In de bron: &lt;b&gt;bron&lt;/b&gt;" in html
    assert "Beperking: &lt;i&gt;alleen 18-&lt;/i&gt;" in html
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt; B.V." in html
    assert "<em>Logeren</em>" not in html and "&lt;em&gt;Logeren&lt;/em&gt;" in html


def test_verschil_zonder_wijzigingen(client, procedure, pagina, percelen):
    # no tariffs in 2023 or 2024 and no product starts or ends: nothing changed
    assert "Er zijn geen producten of tarieven veranderd." in client.get(BOEK + "2024/verschil/").content.decode()
    # 2025 against 2024: the tariffs of 2025 are new (no tariff in 2024), so the difference is not empty
    assert "Tariefwijzigingen" in client.get(BOEK + "2025/verschil/").content.decode()


def test_verschil_rijen_voor_de_csv(procedure, percelen):
    product = percelen["5.2"].producten.get()
    TariefFactory(product=product, geldig_van=date(2024, 1, 1), geldig_tot=date(2024, 12, 31), bedrag=Decimal("70.00"))
    rijen = list(views.verschil_rijen(s.productenboek_verschil(procedure, 2025)))
    assert {"soort": "tarief", "perceel": "5.2", "productcode": "45A04", "naam": product.naam, "intensiteit": "",
            "aanbieder": "", "tarief_oud": "70.00", "tarief_nieuw": "71.38", "verandering_pct": "2.0"} in rijen


# --- API ------------------------------------------------------------------------------------------------------------

def test_api_zonder_jaar_het_laatste_jaar_van_een_afgelopen_procedure(client):
    """MLO 2020 asked in 2026: the book of 2020, not an empty 2026."""
    procedure = AanbestedingFactory(slug="mlo-2020", looptijd_start=date(2020, 1, 1), looptijd_einde=date(2020, 12, 31))
    procedurepagina_voor(procedure)
    ProductFactory(perceel=PerceelFactory(aanbesteding=procedure, code="wonen"), categorie="43", code="43A16")
    with time_machine.travel(date(2026, 6, 1)):
        data = client.get("/api/v1/producten", {"procedure": "mlo-2020"}).json()
    assert data["jaar"] == 2020 and data["jaren"] == [2020]
    assert [r["productcode"] for r in data["resultaten"]] == ["43A16"]


def test_openapi_beschrijft_de_nieuwe_velden(client):
    doc = client.get("/api/v1/openapi.json").json()
    product = doc["components"]["schemas"]["Product"]["properties"]
    for veld in ("eenheid_code", "frequentie_code", "bekostiging", "status", "naam_bron", "intensiteit_gegevens",
                 "aanbiedertarieven", "samenloopregels", "vereist_ook", "omrekentabellen"):
        assert veld in product, veld
    assert "Productregels" in doc["components"]["schemas"]
    assert doc["paths"]["/api/v1/procedures/{slug}/productregels"]["get"]["responses"]["404"]


def test_api_productregels_van_een_niet_openbare_procedure(client):
    procedure = AanbestedingFactory(slug="in-voorbereiding", status="in_voorbereiding")
    Samenloopregel.objects.create(aanbesteding=procedure, soort="niet")
    assert client.get("/api/v1/procedures/in-voorbereiding/productregels").status_code == 404
