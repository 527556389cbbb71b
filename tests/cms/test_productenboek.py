"""The productenboek page per procedure and year, with year-on-year change and CSV/JSON (issue 3)."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from aanbesteding.selectors import productenboek
from tests.aanbesteding.factories import PerceelFactory, ProductFactory, TariefFactory

pytestmark = pytest.mark.django_db

URL = "/procedures/jeugdhulp-voorzieningen/productenboek/"


def test_verandering_ten_opzichte_van_vorig_jaar(procedure, tussenvoorziening):
    # 43B03 zwaar: € 322,46 (2024) -> € 346,14 (2025) = +7,3 % (003 r. 5326-5340).
    groepen = productenboek(procedure, 2025)
    regels = {t.intensiteit: t for t in groepen[0].producten[0].tarieven}
    assert regels["zwaar"].bedrag == Decimal("346.14")
    assert regels["zwaar"].vorig == Decimal("322.46")
    assert regels["zwaar"].verandering_pct == Decimal("7.3")
    assert productenboek(procedure, 2024)[0].producten[0].tarieven[1].verandering_pct == Decimal("5.0")


def test_eerste_jaar_heeft_geen_verandering(procedure, tussenvoorziening):
    assert all(t.verandering_pct is None for t in productenboek(procedure, 2022)[0].producten[0].tarieven)


def test_pagina_toont_tarief_en_procent_in_nederlandse_notatie(client, pagina, tussenvoorziening):
    html = client.get(URL + "2025/").content.decode()
    assert "43B03" in html
    assert "€ 346,14" in html
    assert "+7,3 %" in html


def test_filter_op_hoofdperceel_neemt_subperceel_mee(client, procedure, pagina, tussenvoorziening):
    ander = ProductFactory(perceel=PerceelFactory(aanbesteding=procedure, code="5.4", naam="Dagbehandeling"),
                           categorie="41", code="41A11", naam="Dagbehandeling groep Licht")
    TariefFactory(product=ander)
    html = client.get(URL + "2025/", {"perceel": "5.10"}).content.decode()
    assert "43B03" in html and "41A11" not in html


def test_filter_op_tekst(client, procedure, pagina, tussenvoorziening):
    ander = ProductFactory(perceel=tussenvoorziening.perceel, categorie="41", code="41A11", naam="Dagbehandeling groep Licht")
    TariefFactory(product=ander)
    html = client.get(URL + "2025/", {"q": "dagbehandeling"}).content.decode()
    assert "41A11" in html and "43B03" not in html


def test_csv_download(client, pagina, tussenvoorziening):
    antwoord = client.get(URL + "2025/csv/")
    assert antwoord["Content-Type"].startswith("text/csv")
    rijen = list(csv.DictReader(io.StringIO(antwoord.getvalue().decode("utf-8-sig")), delimiter=";"))
    zwaar = next(r for r in rijen if r["intensiteit"] == "zwaar")
    assert zwaar["productcode"] == "43B03"
    assert zwaar["tarief"] == "346.14" and zwaar["verandering_pct"] == "7.3"


def test_json_download(client, pagina, tussenvoorziening):
    data = json.loads(client.get(URL + "2025/json/").content)
    assert data["jaar"] == 2025
    assert {p["tarief"] for p in data["producten"]} == {"346.14", "440.76"}


def test_zonder_jaar_naar_het_actuele_jaar(client, pagina, tussenvoorziening):
    antwoord = client.get(URL, {"q": "43B03"})
    assert antwoord.status_code == 302
    # The latest year with tariffs when the current year has none (the tariffs above run to 2025).
    assert "/productenboek/2025/" in antwoord["Location"]
    assert "q=43B03" in antwoord["Location"]


def _maak_producten(procedure, percelen, van, tot):
    for i in range(van, tot):
        product = ProductFactory(perceel=percelen[i % 5], categorie="45", code=f"45{i:03d}")
        TariefFactory(product=product, geldig_van=date(2024, 1, 1), geldig_tot=date(2024, 12, 31), bedrag=Decimal("70.00"))
        TariefFactory(product=product, geldig_van=date(2025, 1, 1), geldig_tot=date(2025, 12, 31), bedrag=Decimal("71.38"))


def _queries(client, url, aantal_verwacht):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the site/page lookups like any request after the first
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.content.decode().count("€ 71,38") == aantal_verwacht
    return len(ctx.captured_queries)


def test_constant_aantal_queries_met_10_en_200_producten(client, procedure, pagina):
    percelen = [PerceelFactory(aanbesteding=procedure, code=f"7.{i}", naam=f"Perceel 7.{i}") for i in range(5)]
    _maak_producten(procedure, percelen, 0, 10)
    bij_10 = _queries(client, URL + "2025/", 10)
    _maak_producten(procedure, percelen, 10, 200)
    bij_200 = _queries(client, URL + "2025/", 200)
    assert bij_10 == bij_200
    assert bij_200 <= 15  # site, page, procedure, percelen, products, tariffs, years, session/user


# --- the table rows are written as HTML in the view (issue 15): escaped, rowspans, texts ---------------------

def test_rijen_met_rowspan_per_intensiteit_en_geen_tarief(client, procedure, pagina, tussenvoorziening):
    ProductFactory(perceel=tussenvoorziening.perceel, categorie="43", code="43B04", naam="Zonder tarief", eenheid="uur",
                   frequentie="week", minimale_kwalificatie="HBO", voorganger_code="43B01")
    html = client.get(URL + "2025/").content.decode()
    # 43B03 has two intensities: one row with the product's cells spanning two, then the second tariff alone; the
    # first row carries the anchor the predecessor links and the rules point at (issue 19)
    assert f'<tr id="product-{tussenvoorziening.pk}"><td rowspan="2">43B03</td>' in html
    assert '<tr><td>zwaar</td><td class="getal">€ 346,14</td><td class="getal">+7,3 %</td></tr>' in html
    assert ('<td rowspan="1">Zonder tarief<br><span class="helptekst">Minimaal: HBO</span>'
            '<br><span class="helptekst">Vervangt 43B01</span>') in html
    assert '<td rowspan="1">uur</td>\n<td rowspan="1">per week</td><td></td><td class="getal">geen tarief</td>' in html


def test_teksten_in_de_rijen_worden_ge_escaped(client, procedure, pagina, tussenvoorziening):
    product = ProductFactory(perceel=tussenvoorziening.perceel, categorie="43", code="43B05",
                             naam='<script>alert("x")</script> & zo', minimale_kwalificatie="<b>mbo</b>")
    TariefFactory(product=product, intensiteit="<i>licht</i>", geldig_van=date(2025, 1, 1), bedrag=Decimal("10"))
    html = client.get(URL + "2025/").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; zo" in html
    assert "Minimaal: &lt;b&gt;mbo&lt;/b&gt;" in html and "<td>&lt;i&gt;licht&lt;/i&gt;</td><td class=\"getal\">€ 10,00</td>" in html
