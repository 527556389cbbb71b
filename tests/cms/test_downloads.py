"""CSV/JSON downloads of the product book and the register: format, filters, years and visibility (issue 3)."""

import json
from datetime import date

import pytest

from aanbesteding.models import Aanbesteding
from cms.register import VELDEN
from cms.views import PRODUCT_VELDEN
from overeenkomst.models import Deelname
from overeenkomst.selectors import standaardjaar
from tests.aanbesteding.factories import PerceelFactory, ProductFactory, TariefFactory

from ._hulp import csv_rijen
from .conftest import contracteer

pytestmark = pytest.mark.django_db

BOEK = "/procedures/jeugdhulp-voorzieningen/productenboek/"
REGISTER = "/procedures/jeugdhulp-voorzieningen/register/"


@pytest.fixture
def begeleiding(procedure):
    perceel = PerceelFactory(aanbesteding=procedure, code="5.1", naam="Ambulante begeleiding", volgorde=1)
    product = ProductFactory(perceel=perceel, categorie="45", code="45A04", naam="Begeleiding individueel licht")
    TariefFactory(product=product, geldig_van=date(2025, 1, 1), geldig_tot=date(2025, 12, 31), bedrag="71.38")
    return product


def test_csv_bestandsnaam_scheidingsteken_en_kolommen(client, pagina, tussenvoorziening):
    antwoord = client.get(BOEK + "2025/csv/")
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    assert antwoord["Content-Disposition"] == 'attachment; filename="productenboek-jeugdhulp-voorzieningen-2025.csv"'
    rijen = csv_rijen(antwoord)
    assert list(rijen[0]) == PRODUCT_VELDEN
    assert {(r["intensiteit"], r["tarief"], r["tarief_vorig_jaar"]) for r in rijen} == {
        ("zwaar", "346.14", "322.46"), ("extra zwaar", "440.76", "410.61")}


def test_csv_lege_waarden_in_plaats_van_none(client, pagina, tussenvoorziening):
    rijen = csv_rijen(client.get(BOEK + "2022/csv/"))
    assert {r["tarief_vorig_jaar"] for r in rijen} == {""}
    assert "None" not in {v for r in rijen for v in r.values()}


def test_csv_filter_op_perceel(client, pagina, tussenvoorziening, begeleiding):
    alle = {r["productcode"] for r in csv_rijen(client.get(BOEK + "2025/csv/"))}
    assert alle == {"43B03", "45A04"}
    alleen = {r["productcode"] for r in csv_rijen(client.get(BOEK + "2025/csv/", {"perceel": "5.1"}))}
    assert alleen == {"45A04"}
    # a main perceel includes its sub-perceel
    hoofd = {r["productcode"] for r in csv_rijen(client.get(BOEK + "2025/csv/", {"perceel": "5.10"}))}
    assert hoofd == {"43B03"}


def test_json_filter_op_tekst_en_bestandsnaam(client, pagina, tussenvoorziening, begeleiding):
    antwoord = client.get(BOEK + "2025/json/", {"q": "individueel"})
    assert antwoord["Content-Disposition"] == 'attachment; filename="productenboek-jeugdhulp-voorzieningen-2025.json"'
    data = json.loads(antwoord.content)
    assert data["procedure"] == "jeugdhulp-voorzieningen"
    assert [p["productcode"] for p in data["producten"]] == ["45A04"]
    assert data["producten"][0]["tarief"] == "71.38"


def test_json_is_leesbaar_utf8(client, procedure, pagina):
    perceel = PerceelFactory(aanbesteding=procedure, code="5.3", naam="Crisisopvang")
    product = ProductFactory(perceel=perceel, categorie="43", code="43A61", naam="Pleegzorg – crisisplaatsing")
    TariefFactory(product=product, geldig_van=date(2025, 1, 1))
    antwoord = client.get(BOEK + "2025/json/")
    assert "Pleegzorg – crisisplaatsing".encode() in antwoord.content


@pytest.mark.parametrize("jaar", [1999, 2101])
@pytest.mark.parametrize("soort", ["", "csv/", "json/"])
def test_jaar_buiten_bereik_bestaat_niet(client, pagina, jaar, soort):
    assert client.get(f"{BOEK}{jaar}/{soort}").status_code == 404


def test_jaar_zonder_tarieven_noemt_producten_zonder_tarief(client, pagina, tussenvoorziening):
    # 2027 lies in the term (to 31-12-2028) but has no tariffs yet
    rijen = csv_rijen(client.get(BOEK + "2027/csv/"))
    assert [(r["productcode"], r["tarief"], r["intensiteit"]) for r in rijen] == [("43B03", "", "")]
    producten = json.loads(client.get(BOEK + "2027/json/").content)["producten"]
    assert [p["tarief"] for p in producten] == [None]


@pytest.mark.parametrize("pad", ["productenboek/2025/", "productenboek/2025/csv/", "productenboek/2025/json/",
                                 "register/", "register/csv/", "productenboek/"])
def test_niet_openbare_procedure_heeft_geen_downloads(client, procedure, pagina, pad):
    procedure.status = Aanbesteding.Status.IN_VOORBEREIDING
    procedure.save()
    assert client.get(f"/procedures/jeugdhulp-voorzieningen/{pad}").status_code == 404


def test_productenboek_pagina_toont_geen_tarief(client, procedure, pagina):
    perceel = PerceelFactory(aanbesteding=procedure, code="5.2")
    ProductFactory(perceel=perceel, code="45A10", naam="Zonder tarief")
    html = client.get(BOEK + "2025/").content.decode()
    assert "45A10" in html and "geen tarief" in html


def test_productenboek_huidig_jaar_als_er_tarieven_zijn(client, pagina, tussenvoorziening):
    import time_machine

    with time_machine.travel(date(2024, 5, 1)):
        antwoord = client.get(BOEK)
    assert antwoord.url.endswith("/productenboek/2024/")


def test_productenboek_voor_het_eerste_tariefjaar_naar_het_eerste_jaar(client, pagina, tussenvoorziening):
    import time_machine

    with time_machine.travel(date(2020, 5, 1)):
        antwoord = client.get(BOEK)
    assert antwoord.url.endswith("/productenboek/2022/")


# --- register --------------------------------------------------------------------------------------------

@pytest.fixture
def gecontracteerd(procedure, tussenvoorziening):
    contracteer(procedure, tussenvoorziening.perceel, naam="Zorgkracht Gooi B.V.", onderaannemer="Jeugdhuis Huizen")
    contracteer(procedure, tussenvoorziening.perceel, naam="De Linde Jeugdzorg", plaats="Bussum")
    return tussenvoorziening.perceel


def test_register_csv_kolommen_en_bestandsnaam(client, pagina, gecontracteerd):
    antwoord = client.get(REGISTER + "csv/")
    # The year is in the name (issue 19: the register as it stood in ?jaar=, default the current year in the term).
    jaar = standaardjaar(gecontracteerd.aanbesteding)
    assert antwoord["Content-Disposition"] == f'attachment; filename="register-jeugdhulp-voorzieningen-{jaar}.csv"'
    rijen = csv_rijen(antwoord)
    assert list(rijen[0]) == VELDEN
    onder = next(r for r in rijen if r["soort"] == "onderaannemer")
    assert onder["naam"] == "Jeugdhuis Huizen"
    assert onder["hoofdaannemer"] == "Zorgkracht Gooi B.V."
    hoofd = next(r for r in rijen if r["naam"] == "De Linde Jeugdzorg")
    assert hoofd["vestigingsplaats"] == "Bussum" and hoofd["startdatum"] == "2023-01-01"
    assert hoofd["percelen"] == "5.10.1"


def test_register_csv_volgt_de_filters(client, pagina, gecontracteerd):
    rijen = csv_rijen(client.get(REGISTER + "csv/", {"q": "linde"}))
    assert [r["naam"] for r in rijen] == ["De Linde Jeugdzorg"]


def test_register_onbekende_tab_valt_terug_op_hoofdaannemers(client, pagina, gecontracteerd):
    html = client.get(REGISTER, {"tab": "<script>"}).content.decode()
    assert "De Linde Jeugdzorg" in html
    assert "Jeugdhuis Huizen" not in html


def test_register_productcode_in_kleine_letters_met_spaties(client, procedure, pagina, gecontracteerd):
    html = client.get(REGISTER, {"productcode": "  43b03 "}).content.decode()
    assert "Zorgkracht Gooi B.V." in html and "De Linde Jeugdzorg" in html
    html = client.get(REGISTER, {"productcode": "99Z99"}).content.decode()
    assert "De Linde Jeugdzorg" not in html


def test_register_toont_beeindigde_deelname_met_status(client, procedure, pagina, tussenvoorziening):
    """The register lists ended agreements too, with the perceel marked as ended (overeenkomst.selectors)."""
    contracteer(procedure, tussenvoorziening.perceel, naam="Stoppende Zorg", status=Deelname.Status.BEEINDIGD)
    assert "Stoppende Zorg" in {r["naam"] for r in csv_rijen(client.get(REGISTER + "csv/"))}
    html = client.get(REGISTER).content.decode()
    assert "5.10.1 (beëindigd)" in html
