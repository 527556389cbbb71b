"""The adviser's dashboard export (CSV and XLSX): content per provider, per category and per target group, and a
query count that does not grow with the number of providers (ARCHITECTURE.md rule 9)."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sroi import services
from sroi.models import Doelgroep, SroiActiviteit, SroiOmzet, SroiRapportage
from tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.sroi.conftest import AMS, regel_van
from tests.sroi.factories import OvereenkomstFactory


@pytest.fixture
def adviseur_client(client, sroi_adviseur):
    client.force_login(sroi_adviseur)
    return client


def _export(client, aanbesteding, formaat, jaar=2021):
    return client.get(reverse("sroi_admin_dashboard"), {"aanbesteding": aanbesteding.pk, "jaar": jaar, "formaat": formaat})


def _csv_regels(antwoord) -> list[list[str]]:
    tekst = antwoord.content.decode("utf-8")
    assert tekst.startswith("\ufeff"), "Excel needs the BOM to read UTF-8 (ë, €)"
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


@pytest.fixture
def twee_aanbieders(mlo, aanbieder, aanbieder_medewerker):
    """MLO 2021: 'Zorgkracht' had 400.000 in 2020 (obliged: 20.000, 002 art. 17.2) and realised a BPV placement
    and a Risse purchase awaiting approval; 'Kleintje' had exactly 250.000 (not "boven", 002 art. 17.1)."""
    ovk = OvereenkomstFactory(aanbesteding=mlo, organisatie=aanbieder)
    services.omzet_vastleggen(overeenkomst=ovk, jaar=2020, omzet=D("400000"), door=aanbieder_medewerker)
    services.omzet_vastleggen(overeenkomst=ovk, jaar=2021, omzet=D("410000"), door=aanbieder_medewerker)
    scholieren = Doelgroep.objects.get(aanbesteding=mlo, code="scholieren")
    services.activiteit_registreren(overeenkomst=ovk, regel=regel_van(mlo, "b4"), door=aanbieder_medewerker,
                                    doelgroep=scholieren, omschrijving="BPV MBO Pedagogisch werk",
                                    startdatum=date(2021, 9, 1), maanden=D("4"))  # 4 x € 500 (002 B4 B)
    services.activiteit_registreren(overeenkomst=ovk, regel=regel_van(mlo, "c1"), door=aanbieder_medewerker,
                                    omschrijving="Catering via Risse", startdatum=date(2021, 5, 6), bedrag=D("3450"))
    klein = OrganisatieFactory(naam="Kleintje B.V.")
    lid = LidmaatschapFactory(organisatie=klein).user
    ovk2 = OvereenkomstFactory(aanbesteding=mlo, organisatie=klein)
    services.omzet_vastleggen(overeenkomst=ovk2, jaar=2020, omzet=D("250000.00"), door=lid)
    return ovk, ovk2


def test_csv_kop_en_regels_per_aanbieder(adviseur_client, mlo, twee_aanbieders, aanbieder):
    antwoord = _export(adviseur_client, mlo, "csv")
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    assert antwoord["Content-Disposition"] == f'attachment; filename="sroi-{mlo.slug}-2021.csv"'
    regels = _csv_regels(antwoord)
    assert regels[0] == ["Aanbieder", "KvK-nummer", "Omzet jaar", "Grondslag", "Verplichting", "Gerealiseerd", "Tekort",
                         "Wacht op goedkeuring", "Rapportages ingediend", "Rapportages te laat",
                         "Tekort bij eindrapportage"]
    # Largest gap first: 20.000 - 2.000 = 18.000; the Risse purchase waits for approval (002 B4 C).
    assert regels[1] == ["Zorgkracht Gooi B.V.", aanbieder.kvk_nummer, "410000,00", "400000,00", "20000,00", "2000,00",
                         "18000,00", "3450,00", "0/0", "0", "nee"]
    # Exactly on the threshold: no base, no obligation; an unknown turnover is empty, not zero.
    assert regels[2][0] == "Kleintje B.V." and regels[2][2:8] == ["", "", "0,00", "0,00", "0,00", "0,00"]


def test_csv_totalen_per_categorie_en_doelgroep(adviseur_client, mlo, twee_aanbieders):
    regels = _csv_regels(_export(adviseur_client, mlo, "csv"))
    categorie = regels.index(["Categorie", "Aantal", "Waarde"])
    assert regels[categorie + 1] == ["B", "1", "2000,00"]
    assert regels[categorie + 2] == []  # C is not counted before approval
    doelgroep = regels.index(["Doelgroep", "Aantal", "Waarde"])
    assert regels[doelgroep + 1][0] == Doelgroep.objects.get(aanbesteding=mlo, code="scholieren").naam
    assert regels[doelgroep + 1][1:] == ["1", "2000,00"]


def test_csv_na_goedkeuring_telt_c_mee(adviseur_client, mlo, twee_aanbieders, sroi_adviseur):
    inkoop = SroiActiviteit.objects.get(omschrijving="Catering via Risse")
    services.activiteit_beoordelen(activiteit=inkoop, goedkeuren=True, door=sroi_adviseur)
    regels = _csv_regels(_export(adviseur_client, mlo, "csv"))
    assert regels[1][5:8] == ["5450,00", "14550,00", "0,00"]
    assert ["C", "1", "3450,00"] in regels
    assert ["(geen)", "1", "3450,00"] in regels


def test_csv_toont_ingediende_en_te_late_rapportages(adviseur_client, mlo, twee_aanbieders, aanbieder_medewerker):
    ovk, _ = twee_aanbieders
    with time_machine.travel(datetime(2021, 7, 20, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(ovk)
        q1 = ovk.sroi_rapportages.get(soort="kwartaal", jaar=2021, volgnummer=1)
        services.rapportage_indienen(rapportage=q1, door=aanbieder_medewerker)
        regels = _csv_regels(_export(adviseur_client, mlo, "csv"))
    # By 20 July 2021 Q1-Q3 exist and Q1 is submitted. Only Q1 is late: due 30-04-2021 (one month after the
    # quarter, ADR 0004), submitted in July; Q2 is due 31-07 and Q3 31-10, the final report 31-01-2024.
    assert regels[1][8:11] == ["1/3", "1", "nee"]


def test_xlsx_bladen_waarden_en_opmaak(adviseur_client, mlo, twee_aanbieders):
    antwoord = _export(adviseur_client, mlo, "xlsx")
    assert antwoord["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert antwoord["Content-Disposition"] == f'attachment; filename="sroi-{mlo.slug}-2021.xlsx"'
    wb = load_workbook(io.BytesIO(antwoord.content))
    assert wb.sheetnames == ["Aanbieders 2021", "Per categorie", "Per doelgroep"]
    blad = wb["Aanbieders 2021"]
    assert [c.value for c in blad[1]][:3] == ["Aanbieder", "KvK-nummer", "Omzet jaar"]
    assert blad[1][0].font.bold
    assert [blad[f"{k}2"].value for k in "CDEFGH"] == [410000.0, 400000.0, 20000.0, 2000.0, 18000.0, 3450.0]
    assert blad["E2"].number_format == '"€" #,##0.00'
    assert blad["A3"].value == "Kleintje B.V." and blad["D3"].value is None and blad["K3"].value == "nee"
    assert [[c.value for c in r] for r in wb["Per categorie"].iter_rows()] == [["Categorie", "Aantal", "Waarde"],
                                                                            ["B", 1, 2000.0]]
    assert wb["Per doelgroep"]["C2"].value == 2000.0


def test_export_van_een_jaar_zonder_gegevens(adviseur_client, mlo, twee_aanbieders):
    regels = _csv_regels(_export(adviseur_client, mlo, "csv", jaar=2023))
    assert [r[0] for r in regels[1:3]] == ["Kleintje B.V.", "Zorgkracht Gooi B.V."]  # no gap: by name
    assert all(r[5] == "0,00" for r in regels[1:3])


def test_onbekend_formaat_toont_het_dashboard(adviseur_client, mlo, twee_aanbieders):
    antwoord = _export(adviseur_client, mlo, "pdf")
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/html")


def test_ongeldig_jaar_valt_terug_op_dit_jaar(adviseur_client, mlo, twee_aanbieders):
    antwoord = adviseur_client.get(reverse("sroi_admin_dashboard"), {"aanbesteding": mlo.pk, "jaar": "vorig"})
    assert antwoord.status_code == 200 and isinstance(antwoord.context["jaar"], int)


def test_dashboard_zonder_procedures(adviseur_client):
    antwoord = adviseur_client.get(reverse("sroi_admin_dashboard"))
    assert antwoord.status_code == 200 and antwoord.context["gekozen"] is None


def test_export_alleen_voor_sroi_adviseur(client, mlo, twee_aanbieders, contractmanager):
    client.force_login(contractmanager)
    antwoord = _export(client, mlo, "csv")
    assert antwoord.status_code == 302 and not antwoord.get("Content-Disposition")


# --------------------------------------------------------------------------------------------- query counts


def _veel_aanbieders(mlo, n: int) -> None:
    """n providers with turnover, a counted activity and reports, written directly: the point is the read side."""
    e1 = regel_van(mlo, "e1")
    b1 = regel_van(mlo, "b1")
    doelgroep = Doelgroep.objects.filter(aanbesteding=mlo).first()
    overeenkomsten = [OvereenkomstFactory(aanbesteding=mlo, organisatie=org) for org in OrganisatieFactory.create_batch(n)]
    SroiOmzet.objects.bulk_create(
        SroiOmzet(overeenkomst=o, jaar=j, omzet=D("300000") + i) for i, o in enumerate(overeenkomsten) for j in (2020, 2021)
    )
    SroiActiviteit.objects.bulk_create(
        SroiActiviteit(overeenkomst=o, regel=regel, doelgroep=doelgroep, omschrijving="x", startdatum=date(2021, 3, 1),
                       jaar=2021, waarde=waarde)
        for o in overeenkomsten for regel, waarde in ((e1, D("1000")), (b1, D("300")))
    )
    SroiRapportage.objects.bulk_create(
        SroiRapportage(overeenkomst=o, soort=soort, jaar=jaar, volgnummer=1, periode_start=date(2021, 1, 1),
                       periode_einde=einde, deadline=einde)
        for o in overeenkomsten
        for soort, jaar, einde in (("kwartaal", 2021, date(2021, 3, 31)), ("eind", 2023, date(2023, 12, 31)))
    )


def _aantal_queries(client, mlo, formaat) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = _export(client, mlo, formaat)
    assert antwoord.status_code == 200
    return len(vastgelegd.captured_queries)


@pytest.mark.parametrize("formaat", ["csv", "xlsx", ""])
def test_export_queries_gelijk_voor_10_en_100_aanbieders(adviseur_client, mlo, formaat):
    _veel_aanbieders(mlo, 10)
    _export(adviseur_client, mlo, formaat)  # warm the session and the content-type cache
    tien = _aantal_queries(adviseur_client, mlo, formaat)
    _veel_aanbieders(mlo, 90)
    honderd = _aantal_queries(adviseur_client, mlo, formaat)
    assert honderd == tien
    if formaat == "csv":
        regels = _csv_regels(_export(adviseur_client, mlo, "csv"))
        assert len([r for r in regels if r and r[0].startswith("Zorgaanbieder")]) == 100
        assert ["E", "100", "100000,00"] in regels and ["B", "100", "30000,00"] in regels
