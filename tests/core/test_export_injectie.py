"""core.export: text that a spreadsheet would run as a formula gets a leading quote; numbers stay numbers
(OWASP CSV injection)."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from core.export import csv_writer, schrijf_dict_rijen, veilige_cel, xlsx_rij

KWAAD = '=HYPERLINK("http://evil.example","klik") Zorgkracht'


@pytest.mark.parametrize("tekst", [KWAAD, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tTab", "\rRegel"])
def test_gevaarlijke_tekst_krijgt_een_apostrof(tekst):
    assert veilige_cel(tekst) == "'" + tekst


@pytest.mark.parametrize("waarde", ["Zorgkracht B.V.", "", None, 0, -5, -1.5, Decimal("-12.50"), "-1,50", "-2.5", "12", True])
def test_gewone_tekst_en_getallen_blijven_gelijk(waarde):
    assert veilige_cel(waarde) == waarde


def test_csv_writer_neutraliseert_elke_cel():
    uit = io.StringIO()
    w = csv_writer(uit)
    w.writerow([KWAAD, -3, "-1,50"])
    schrijf_dict_rijen(uit, velden=["naam", "bedrag"], rijen=[{"naam": "@foo", "bedrag": None}])
    rijen = list(csv.reader(io.StringIO(uit.getvalue()), delimiter=";"))
    assert rijen[0] == ["'" + KWAAD, "-3", "-1,50"]
    assert rijen[1] == ["naam", "bedrag"]
    assert rijen[2] == ["'@foo", ""]


def test_xlsx_rij_schrijft_tekst_als_tekst_en_getallen_als_getal():
    wb = Workbook()
    xlsx_rij(wb.active, [KWAAD, Decimal("-12.50"), -3.25])
    uit = io.BytesIO()
    wb.save(uit)
    blad = load_workbook(io.BytesIO(uit.getvalue())).active
    naam, bedrag, ander = blad[1]
    assert naam.value == "'" + KWAAD and naam.data_type == "s"
    assert bedrag.value == Decimal("-12.50") or bedrag.value == -12.5
    assert isinstance(bedrag.value, (int, float)) and isinstance(ander.value, float) and ander.value == -3.25


def test_export_antwoord_csv_en_xlsx():
    import io

    from openpyxl import load_workbook

    from core.export import XLSX_TYPE, export_antwoord

    rijen = [["=HYPERLINK(\"x\")", Decimal("12.50")], ["Gewoon", Decimal("-1")]]
    csv = export_antwoord("lijst", ["Naam", "Bedrag"], rijen, formaat="csv", blad="Lijst",
                          csv_rijen=([n, str(b).replace(".", ",")] for n, b in rijen))
    assert csv["Content-Disposition"] == 'attachment; filename="lijst.csv"'
    tekst = csv.content.decode("utf-8")
    # BOM for Excel, semicolons, the formula neutralised, the decimal comma from csv_rijen.
    assert tekst.startswith("\ufeffNaam;Bedrag\r\n")
    assert "'=HYPERLINK" in tekst and "12,50" in tekst
    xlsx = export_antwoord("lijst", ["Naam", "Bedrag"], rijen, formaat="xlsx", blad="Een heel lange bladnaam die Excel niet neemt")
    assert xlsx["Content-Type"] == XLSX_TYPE and xlsx["Content-Disposition"].endswith('lijst.xlsx"')
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    assert blad.title == "Een heel lange bladnaam die Exc"  # 31 characters at most
    assert blad["A1"].font.bold and blad["A2"].value == "'=HYPERLINK(\"x\")"
    assert blad["B2"].value == 12.5  # a number stays a number in the XLSX
