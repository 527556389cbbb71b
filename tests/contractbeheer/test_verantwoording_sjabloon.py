"""The published template of the productverantwoording (002 B1 32.3: "het verplichte format") and reading it
back: XLSX and CSV (semicolons, decimal comma), with every wrong row named by its number."""

import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from contractbeheer import services

from . import _verantwoording as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return h.mlo_wereld()


def _lees(w, bestand):
    return services.verantwoording_importeren(verantwoording=w.plicht("productverantwoording"), bestand=bestand)


def _fouten(exc) -> list[str]:
    return exc.value.messages


def test_sjabloon_noemt_de_producten_van_de_eigen_percelen(w):
    inhoud = services.sjabloon(w.plicht("productverantwoording"))
    wb = load_workbook(io.BytesIO(inhoud))
    blad = wb["Verantwoording"]
    rijen = [tuple(c.value for c in rij) for rij in blad.iter_rows()]
    assert rijen[0] == ("productcode", "productnaam", "eenheid", "aantal", "omzet")
    codes = [r[0] for r in rijen[1:]]
    # 43A01 lies on a perceel the provider does not take part in.
    assert codes == ["45A04", "45A05"]
    assert rijen[1][2] == "minuut" or rijen[1][2]
    uitleg = [r[0] for r in wb["Toelichting"].iter_rows(values_only=True)]
    assert "Jaar" in uitleg and "Gemeente" in uitleg


def test_sjabloon_maakt_tekst_formulevrij(w):
    from aanbesteding.models import Product

    Product.objects.filter(code="45A05").update(naam="=HYPERLINK(\"http://x\")")
    wb = load_workbook(io.BytesIO(services.sjabloon(w.plicht("productverantwoording"))))
    namen = [r[1] for r in wb["Verantwoording"].iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://x\")" in namen


def test_xlsx_rondgang(w):
    wb = load_workbook(io.BytesIO(services.sjabloon(w.plicht("productverantwoording"))))
    blad = wb["Verantwoording"]
    blad["D2"], blad["E2"] = 1200, 1944.0
    blad["D3"], blad["E3"] = 10.5, 100.5
    uit = io.BytesIO()
    wb.save(uit)
    regels = _lees(w, SimpleUploadedFile("ingevuld.xlsx", uit.getvalue()))
    assert [(p.code, a, o) for p, a, o in regels] == [
        ("45A04", Decimal("1200.00"), Decimal("1944.00")), ("45A05", Decimal("10.50"), Decimal("100.50"))]
    with time_machine.travel(h.moment(2026, 2, 10), tick=False):
        inz = services.verantwoording_indienen(verantwoording=w.plicht("productverantwoording"), door=w.lid,
                                               regels=regels)
    assert inz.omzet == Decimal("2044.50") and inz.te_laat is False


def test_csv_met_puntkomma_en_decimale_komma(w):
    tekst = ("productcode;productnaam;eenheid;aantal;omzet\n"
             "45A04;Jeugdhulp ambulant;minuut;1.200;1.944,00\n"
             "45a05;;minuut;10,5;€ 100,50\n"
             ";;;;\n")
    regels = _lees(w, h.csv_bestand(tekst))
    assert [(p.code, a, o) for p, a, o in regels] == [
        ("45A04", Decimal("1200.00"), Decimal("1944.00")), ("45A05", Decimal("10.50"), Decimal("100.50"))]


def test_csv_uit_excel_windows_met_bom_en_cp1252(w):
    tekst = "productcode;productnaam;eenheid;aantal;omzet\r\n45A04;Jeugdhulp één;minuut;3;4,50\r\n"
    assert _lees(w, h.csv_bestand(tekst, codering="cp1252"))[0][2] == Decimal("4.50")
    assert _lees(w, h.csv_bestand("\ufeff" + tekst, codering="utf-8"))[0][1] == Decimal("3.00")


def test_een_titel_boven_de_kop_mag(w):
    tekst = "Productverantwoording 2025;;;;\nproductcode;productnaam;eenheid;aantal;omzet\n45A04;;;1;2\n"
    assert len(_lees(w, h.csv_bestand(tekst))) == 1


def test_leeg_product_wordt_overgeslagen_en_een_leeg_bestand_geweigerd(w):
    regels = _lees(w, h.xlsx([("45A04", "", "", None, None), ("45A05", "", "", 0, 0)]))
    assert [(p.code, o) for p, _, o in regels] == [("45A05", Decimal("0.00"))]
    with pytest.raises(ValidationError) as exc:
        _lees(w, h.xlsx([("45A04", "", "", None, None)]))
    assert "geen product met een aantal of omzet" in _fouten(exc)[0]


def test_foute_rijen_met_rijnummers(w):
    bestand = h.xlsx([
        ("45A04", "", "", 1, 10),          # rij 2: goed
        ("99Z99", "", "", 1, 10),          # rij 3: onbekend
        ("45A04", "", "", 2, 20),          # rij 4: dubbel
        ("45A05", "", "", -1, 10),         # rij 5: negatief
        ("43A01", "", "", 1, 10),          # rij 6: ander perceel
        ("", "", "", 1, 10),               # rij 7: geen code
        ("45A05", "", "", "veel", "nul"),  # rij 8: geen getallen
    ])
    with pytest.raises(ValidationError) as exc:
        _lees(w, bestand)
    fouten = _fouten(exc)
    assert any(f.startswith("Rij 3:") and "99Z99" in f and "onbekend" in f for f in fouten)
    assert any(f.startswith("Rij 4:") and "ook in rij 2" in f for f in fouten)
    assert any(f.startswith("Rij 5:") and "negatief" in f for f in fouten)
    assert any(f.startswith("Rij 6:") and "43A01" in f for f in fouten)
    assert any(f.startswith("Rij 7:") and "productcode" in f for f in fouten)
    assert any(f.startswith("Rij 8:") and "“veel”" in f and "geen getal" in f for f in fouten)
    assert any(f.startswith("Rij 8:") and "“nul”" in f for f in fouten)


def test_formules_worden_geweigerd(w):
    with pytest.raises(ValidationError) as exc:
        _lees(w, h.xlsx([("45A04", "", "", 1, None)], formules=[(2, 5)]))
    assert "Rij 2: de kolom omzet bevat een formule" in _fouten(exc)[0]
    with pytest.raises(ValidationError) as exc:
        _lees(w, h.xlsx([(None, "", "", 1, 2)], formules=[(2, 1)]))
    assert "Rij 2: de productcode is een formule" in _fouten(exc)[0]
    with pytest.raises(ValidationError) as exc:
        _lees(w, h.csv_bestand("productcode;aantal;omzet\n45A04;=2*3;@SUM(A1)\n"))
    assert {f[:6] for f in _fouten(exc)} == {"Rij 2:"} and len(_fouten(exc)) == 2


def test_geen_sjabloon(w):
    with pytest.raises(ValidationError) as exc:
        _lees(w, h.csv_bestand("code;bedrag\n45A04;10\n"))
    assert "productcode" in _fouten(exc)[0]
    with pytest.raises(ValidationError) as exc:
        _lees(w, h.csv_bestand("productcode;productnaam\n45A04;x\n"))
    assert "aantal, omzet" in _fouten(exc)[0]
    with pytest.raises(ValidationError) as exc:
        _lees(w, h.pdf("cijfers.pdf"))
    assert "XLSX- of CSV" in _fouten(exc)[0]


def test_een_word_document_is_geen_sjabloon(w):
    import zipfile

    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ValidationError) as exc:
        _lees(w, SimpleUploadedFile("cijfers.docx", uit.getvalue()))
    assert "XLSX- of CSV" in _fouten(exc)[0]


def test_kapot_xlsx_en_te_veel_rijen(w):
    with pytest.raises(ValidationError):
        _lees(w, SimpleUploadedFile("kapot.xlsx", b"PK\x03\x04" + b"\x00" * 100))
    rijen = "\n".join(f"45A04;;;1;{i}" for i in range(2100))
    with pytest.raises(ValidationError) as exc:
        _lees(w, h.csv_bestand("productcode;productnaam;eenheid;aantal;omzet\n" + rijen))
    assert "meer dan 2000 rijen" in _fouten(exc)[0]


def test_csv_met_komma_als_scheiding(w):
    regels = _lees(w, h.csv_bestand("productcode,productnaam,eenheid,aantal,omzet\n45A04,x,minuut,5,12.50\n"))
    assert regels[0][2] == Decimal("12.50")
