"""The work list's export (CSV and XLSX through core.export: the same filters, only the user's regions, safe
against formula injection) and the screen that loads a procedure's rules from the sources (region-limited
choices, audited)."""

import csv
import io
from datetime import date, datetime

import pytest
import time_machine
from openpyxl import load_workbook

from bronnen.contractbeheer import BRONNEN
from contractbeheer.admin_views.werklijst import BRONKEUZES, KOP
from contractbeheer.models import Beheerregels, Meldingsoort, Verantwoording, Verantwoordingseis
from core.kalender import TZ
from core.models import AuditRegel
from tests.overeenkomst.factories import AanbestedingFactory

from . import _overzicht as o
from . import factories as f

pytestmark = pytest.mark.django_db

EXPORT = "/admin/contractbeheer/export/"
LADEN = "/admin/contractbeheer/regels-laden/"


@pytest.fixture
def klok():
    with time_machine.travel(datetime(2026, 4, 2, 12, 0, tzinfo=TZ), tick=False):
        yield


@pytest.fixture
def wereld(regio_a, regio_b):
    ab, perceel, (venlo, horst) = f.mlo(regio_a)
    een, _ = f.overeenkomst(ab, perceel, naam="Aanbieder Een")
    kwaad, _ = f.overeenkomst(ab, perceel, naam='=HYPERLINK("http://kwaad.example","klik")')
    o.verantwoording(een, "financieel", gemeente=venlo)  # 2 days late on 02-04
    o.verantwoording(kwaad, "productverantwoording", gemeente=venlo)  # 33 days late
    o.verzoek(een, onderwerp="+SUM(1,2)", uiterlijk=date(2026, 4, 7))
    o.melding(een, samenvatting="@Brand op de groep", ontvangen=o.moment(date(2026, 3, 23)))
    o.verantwoording(een, "klachten_innovatie", status=Verantwoording.Status.INGEDIEND,
                     status_sinds=o.moment(date(2026, 3, 30)))
    gooi, bhl, _ = f.gooi(regio_b)
    ander, _ = f.overeenkomst(gooi, bhl, naam="Gooise Aanbieder")
    o.verantwoording(ander, "prestatieverklaring")
    return ab, gooi


def _csv(antwoord):
    tekst = antwoord.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


def test_csv_met_alle_secties(wereld, staff_client, contractmanager_a, klok):
    client = staff_client(contractmanager_a)
    antwoord = client.get(EXPORT + "?formaat=csv")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/csv")
    assert antwoord["Content-Disposition"] == 'attachment; filename="werklijst-contractbeheer-2026-04-02.csv"'
    kop, *rijen = _csv(antwoord)
    assert kop == KOP
    assert [(r[0], r[1], r[2]) for r in rijen] == [
        ("Deze week te doen", "Informatieverzoek", "Aanbieder Een"),
        ("Te laat", "Verantwoording", '\'=HYPERLINK("http://kwaad.example","klik")'),
        ("Te laat", "Verantwoording", "Aanbieder Een"),
        ("Wacht op beoordeling", "Melding", "Aanbieder Een"),
        ("Wacht op beoordeling", "Verantwoording", "Aanbieder Een"),
    ]
    laat = rijen[2]
    assert laat[4] == "Gooi en Vechtstreek"  # the region's name
    assert laat[5].startswith("Verantwoording met controle- of bestuursverklaring 2025")
    assert (laat[6], laat[7]) == ("31-03-2026", "2")
    assert rijen[3][8] == "23-03-2026 10:00"


def test_csv_formule_injectie_geneutraliseerd(wereld, staff_client, contractmanager_a, klok):
    rijen = _csv(staff_client(contractmanager_a).get(EXPORT + "?formaat=csv"))
    cellen = [cel for rij in rijen for cel in rij]
    assert not any(cel.startswith(("=", "+", "@")) for cel in cellen)
    assert "'+SUM(1,2)" in cellen
    assert '\'=HYPERLINK("http://kwaad.example","klik")' in cellen


def test_xlsx_inhoud_en_veilig(wereld, staff_client, contractmanager_a, klok):
    antwoord = staff_client(contractmanager_a).get(EXPORT + "?formaat=xlsx")
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"].endswith('.xlsx"')
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    rijen = [[c.value for c in rij] for rij in blad.iter_rows()]
    assert rijen[0] == KOP
    assert len(rijen) == 6
    namen = [r[2] for r in rijen[1:]]
    assert '\'=HYPERLINK("http://kwaad.example","klik")' in namen
    assert all(c.data_type != "f" for rij in blad.iter_rows() for c in rij)  # no formula cell anywhere
    assert "'+SUM(1,2)" in [r[5] for r in rijen[1:]]
    assert blad["A1"].font.bold


def test_export_met_dezelfde_filters(wereld, staff_client, contractmanager, klok):
    ab, gooi = wereld
    client = staff_client(contractmanager)
    rijen = _csv(client.get(EXPORT + f"?formaat=csv&regio={gooi.regio_id}"))[1:]
    assert [r[2] for r in rijen] == ["Gooise Aanbieder"]
    rijen = _csv(client.get(EXPORT + f"?formaat=csv&aanbesteding={ab.pk}&soort=verantwoording"))[1:]
    assert {r[1] for r in rijen} == {"Verantwoording"} and "Gooise Aanbieder" not in {r[2] for r in rijen}
    rijen = _csv(client.get(EXPORT + "?formaat=csv&sectie=te_laat"))[1:]
    assert {r[0] for r in rijen} == {"Te laat"} and len(rijen) == 3


def test_export_alleen_eigen_regio(wereld, staff_client, contractmanager_b, klok):
    ab, _ = wereld
    client = staff_client(contractmanager_b)
    rijen = _csv(client.get(EXPORT + "?formaat=csv"))[1:]
    assert [r[2] for r in rijen] == ["Gooise Aanbieder"]
    # Region A's procedure as a filter does not open region A.
    assert _csv(client.get(EXPORT + f"?formaat=csv&aanbesteding={ab.pk}"))[1:] == rijen
    blad = load_workbook(io.BytesIO(client.get(EXPORT + "?formaat=xlsx").content)).active
    assert [r[2].value for r in blad.iter_rows(min_row=2)] == ["Gooise Aanbieder"]


def test_export_zonder_formaat_is_csv(wereld, staff_client, contractmanager_a, klok):
    antwoord = staff_client(contractmanager_a).get(EXPORT)
    assert antwoord["Content-Type"].startswith("text/csv")


def test_exportlinks_op_de_pagina_houden_de_filters(wereld, staff_client, contractmanager, klok):
    ab, _ = wereld
    html = staff_client(contractmanager).get(f"/admin/contractbeheer/?aanbesteding={ab.pk}&sectie=te_laat").content.decode()
    assert f"{EXPORT}?aanbesteding={ab.pk}&amp;formaat=csv" in html
    assert f"{EXPORT}?aanbesteding={ab.pk}&amp;formaat=xlsx" in html


# --- regels laden ----------------------------------------------------------------------------------------------


def test_bronkeuzes_zijn_de_bronnen():
    assert [k for k, _ in BRONKEUZES] == list(BRONNEN) == ["mlo", "gooi"]


def test_regels_laden_alleen_procedures_van_de_eigen_regio(staff_client, contractmanager_a, regio_a, regio_b):
    eigen = AanbestedingFactory(regio=regio_a, titel="Eigen procedure")
    vreemd = AanbestedingFactory(regio=regio_b, titel="Vreemde procedure")
    client = staff_client(contractmanager_a)
    antwoord = client.get(LADEN)
    assert antwoord.status_code == 200
    keuzes = list(antwoord.context["form"].fields["aanbesteding"].queryset)
    assert keuzes == [eigen]
    html = antwoord.content.decode()
    assert "Eigen procedure" in html and "Vreemde procedure" not in html
    # Posting the other region's procedure is refused by the form: nothing is loaded.
    antwoord = client.post(LADEN, {"aanbesteding": vreemd.pk, "bron": "gooi"})
    assert antwoord.status_code == 200 and antwoord.context["form"].errors["aanbesteding"]
    assert not Beheerregels.objects.filter(aanbesteding=vreemd).exists()
    assert not AuditRegel.objects.filter(actie__startswith="contractbeheer.regels").exists()


def test_regels_laden_met_audit(staff_client, contractmanager_a, regio_a):
    ab = AanbestedingFactory(regio=regio_a, titel="Gooi Jeugd")
    client = staff_client(contractmanager_a)
    antwoord = client.post(LADEN, {"aanbesteding": ab.pk, "bron": "gooi"})
    assert antwoord.status_code == 302 and antwoord["Location"] == LADEN
    regels = Beheerregels.objects.get(aanbesteding=ab)
    assert regels.drempel_controleverklaring is None  # 003: no threshold
    assert set(Verantwoordingseis.objects.filter(aanbesteding=ab).values_list("soort", flat=True)) == {
        "financieel", "prestatieverklaring", "jaardocument"}
    assert Meldingsoort.objects.filter(aanbesteding=ab).count() == len(BRONNEN["gooi"]["meldingen"])
    regel = AuditRegel.objects.get(actie="contractbeheer.regels_geladen")
    assert regel.actor == contractmanager_a
    # Loading again updates and is audited as such.
    client.post(LADEN, {"aanbesteding": ab.pk, "bron": "gooi"})
    assert AuditRegel.objects.filter(actie="contractbeheer.regels_bijgewerkt", actor=contractmanager_a).count() == 1
    assert "zijn geladen" in client.get(LADEN).content.decode()


def test_regels_laden_door_inkoper(staff_client, inkoper_a, regio_a):
    ab = AanbestedingFactory(regio=regio_a)
    antwoord = staff_client(inkoper_a).post(LADEN, {"aanbesteding": ab.pk, "bron": "mlo"})
    assert antwoord.status_code == 302
    assert str(Beheerregels.objects.get(aanbesteding=ab).drempel_controleverklaring) == "50000.00"


def test_regels_laden_onbekende_bron(staff_client, contractmanager_a, regio_a):
    ab = AanbestedingFactory(regio=regio_a)
    antwoord = staff_client(contractmanager_a).post(LADEN, {"aanbesteding": ab.pk, "bron": "onbekend"})
    assert antwoord.status_code == 200 and antwoord.context["form"].errors["bron"]
    assert not Beheerregels.objects.filter(aanbesteding=ab).exists()
