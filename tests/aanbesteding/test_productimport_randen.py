"""Edges of the productenboek import (issue 19): how cells are read (Dutch amounts, dates, codes, labels), files
that are not what they claim, the preview going stale, and the screen's scoping and query counts."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from aanbesteding import productimport
from aanbesteding.models import Product, Tarief
from core.models import AuditRegel
from organisaties.rollen import INKOPER, REDACTEUR
from tests.conftest import _staff

from .factories import AanbestedingFactory, PerceelFactory, ProductFactory
from .test_productimport import K, gooi_productenboek, rij, xlsx


@pytest.fixture
def gooi(db):
    return gooi_productenboek()


def _eerste(ab, **velden):
    return productimport.voorbeeld(ab, productimport.lees_xlsx(xlsx(rij(**velden))).rijen).regels[0]


class TestCellen:
    @pytest.mark.parametrize(("tekst", "bedrag"), [
        ("372,99", Decimal("372.99")), ("€ 372,99", Decimal("372.99")), ("372.99", Decimal("372.99")), ("0", Decimal("0")),
    ])
    def test_bedragen_op_zijn_nederlands(self, gooi, tekst, bedrag):
        r = _eerste(gooi, tarief=tekst)
        assert (r.uitkomst, r.velden["tarief"]) == ("nieuw", bedrag)

    def test_getallen_en_datums_als_excel_waarden(self, gooi):
        boek = Workbook()
        boek.active.append(list(K))
        boek.active.append(["5.11", "43B19", "Driemilieu", None, "etmaal", "week", "pxq", None, 100, datetime(2022, 1, 1), None, None])
        boek.active.append(["5.13", "42A06", "Vervoer middel", None, "stuks", "week", "pxq", None, 3.77, date(2022, 1, 1), None, None])
        uit = io.BytesIO()
        boek.save(uit)
        rijen = productimport.lees_xlsx(SimpleUploadedFile("p.xlsx", uit.getvalue())).rijen
        assert [(r["tarief"], r["geldig van"]) for r in rijen] == [("100", "2022-01-01"), ("3.77", "2022-01-01")]
        regels = productimport.voorbeeld(gooi, rijen).regels
        assert [r.velden["tarief"] for r in regels] == [Decimal("100"), Decimal("3.77")]

    @pytest.mark.parametrize("tekst", ["01-01-2022", "2022-01-01", "01/01/2022"])
    def test_datumnotaties(self, gooi, tekst):
        assert _eerste(gooi, van=tekst).velden["van"] == date(2022, 1, 1)

    def test_code_in_kleine_letters_wordt_hoofdletters(self, gooi):
        r = _eerste(gooi, code="43b19")
        assert (r.uitkomst, r.velden["code"]) == ("nieuw", "43B19")

    @pytest.mark.parametrize(("veld", "tekst", "waarde"), [
        ("bekostiging", "Taakgericht", "taakgericht"), ("bekostiging", "LUMPSUM", "lumpsum"), ("bekostiging", "p x q", "pxq"),
        ("frequentie", "per week", "week"), ("frequentie", "6", "totaal"), ("eenheid", "04", "uur"), ("eenheid", "Etmaal", "etmaal"),
    ])
    def test_woorden_labels_en_istandaard_codes(self, gooi, veld, tekst, waarde):
        r = _eerste(gooi, **{veld: tekst})
        assert (r.uitkomst, r.velden[veld]) == ("nieuw", waarde)

    def test_kolomnamen_zonder_hoofdlettergevoeligheid(self, db):
        rijen = productimport.lees_xlsx(xlsx(rij(), kop=[k.upper() for k in K])).rijen
        assert rijen[0]["productcode"] == "43B19"

    def test_kolom_dubbel(self, db):
        with pytest.raises(ValidationError, match="De kolom\\(men\\) naam staan meer dan eens"):
            productimport.lees_xlsx(xlsx(rij() + ("x",), kop=(*K, "naam")))


class TestBestanden:
    def _zip(self, namen) -> bytes:
        uit = io.BytesIO()
        with zipfile.ZipFile(uit, "w") as z:
            for naam in namen:
                z.writestr(naam, "<x/>")
        return uit.getvalue()

    def test_word_document_met_xlsx_naam(self, db):
        docx = self._zip(["[Content_Types].xml", "word/document.xml"])
        with pytest.raises(ValidationError, match="geen Excel-bestand"):
            productimport.lees_xlsx(SimpleUploadedFile("boek.xlsx", docx))

    def test_kapot_archief(self, db):
        kapot = xlsx(rij()).read()[:300]
        with pytest.raises(ValidationError, match="kan niet worden geopend|kan niet als Excel-bestand"):
            productimport.lees_xlsx(SimpleUploadedFile("boek.xlsx", kapot))

    def test_leeg_bestand(self, db):
        with pytest.raises(ValidationError, match="is leeg"):
            productimport.lees_xlsx(SimpleUploadedFile("boek.xlsx", b""))

    def test_xlsx_zonder_werkbladinhoud(self, db):
        nep = self._zip(["[Content_Types].xml", "xl/workbook.xml"])
        with pytest.raises(ValidationError, match="kan niet als Excel-bestand"):
            productimport.lees_xlsx(SimpleUploadedFile("boek.xlsx", nep))


class TestVoorganger:
    def test_vervangt_een_product_in_het_boek_wordt_een_koppeling(self, gooi, inkoper):
        productimport.importeren(aanbesteding=gooi, rijen=productimport.lees_xlsx(xlsx(
            rij(perceel="5.10.1", code="43B03", naam="", eenheid="", frequentie="", bekostiging="", tarief="", van=""),
            rij(vervangt="43B03"),
        )).rijen, door=inkoper)
        assert Product.objects.get(code="43B19").voorganger == Product.objects.get(code="43B03")

    def test_gewijzigde_voorganger_in_het_voorbeeld_en_de_audit(self, gooi, inkoper):
        productimport.importeren(aanbesteding=gooi, rijen=productimport.lees_xlsx(xlsx(rij(vervangt="JW35502"))).rijen, door=inkoper)
        r = _eerste(gooi, vervangt="43B03")
        assert (r.uitkomst, r.wijzigingen) == ("gewijzigd", [("vervangt", "JW35502", "43B03")])
        productimport.importeren(aanbesteding=gooi, rijen=productimport.lees_xlsx(xlsx(rij(vervangt="43B03"))).rijen, door=inkoper)
        regel = AuditRegel.objects.filter(actie="product.gewijzigd").latest("id")
        assert (regel.oude_waarden["voorganger_code"], regel.nieuwe_waarden["voorganger_code"]) == ("JW35502", "")
        assert regel.nieuwe_waarden["voorganger"] == str(Product.objects.get(code="43B03"))


class TestVerouderdVoorbeeld:
    def test_import_rekent_opnieuw_tegen_de_database(self, gooi, inkoper):
        rijen = productimport.lees_xlsx(xlsx(rij(), rij(code="42A06", perceel="5.13", naam="Vervoer middel", eenheid="stuks"))).rijen
        assert productimport.voorbeeld(gooi, rijen).aantallen["nieuw"] == 2
        # Someone adds 43B19 between the preview and the confirmation.
        productimport.importeren(aanbesteding=gooi, rijen=rijen[:1], door=inkoper)
        aantallen = productimport.importeren(aanbesteding=gooi, rijen=rijen, door=inkoper)
        assert aantallen == {"nieuw": 1, "gewijzigd": 0, "ongewijzigd": 1, "fout": 0}
        assert Product.objects.filter(code="43B19").count() == 1 and Tarief.objects.filter(product__code="43B19").count() == 1

    def test_perceel_verwijderd_na_het_voorbeeld(self, inkoper):
        ab = AanbestedingFactory()
        perceel = PerceelFactory(aanbesteding=ab, code="5.11")
        rijen = productimport.lees_xlsx(xlsx(rij())).rijen
        assert productimport.voorbeeld(ab, rijen).kan_importeren
        perceel.delete()
        with pytest.raises(ValidationError, match="Er is niets geïmporteerd"):
            productimport.importeren(aanbesteding=ab, rijen=rijen, door=inkoper)


class TestSchermRanden:
    def _meldingen(self, antwoord):
        return [str(m) for m in get_messages(antwoord.wsgi_request)]

    def test_voorbeeld_van_andere_procedure_niet_te_bevestigen(self, client, gooi, inkoper):
        ander = AanbestedingFactory(regio=gooi.regio, titel="Wmo Begeleiding")
        PerceelFactory(aanbesteding=ander, code="5.11")
        client.force_login(inkoper)
        antwoord = client.post(reverse("aanbesteding_productimport", args=[gooi.pk]), {"actie": "voorbeeld", "bestand": xlsx(rij())})
        sha = antwoord.context["inlezing"].sha256
        antwoord = client.post(reverse("aanbesteding_productimport", args=[ander.pk]), {"actie": "importeren", "sha256": sha})
        assert any("hoort bij een ander bestand" in m for m in self._meldingen(antwoord))
        assert not Product.objects.filter(code="43B19").exists()

    def test_bestandsfout_laat_geen_voorbeeld_achter(self, client, gooi, inkoper):
        client.force_login(inkoper)
        url = reverse("aanbesteding_productimport", args=[gooi.pk])
        antwoord = client.post(url, {"actie": "voorbeeld", "bestand": xlsx(("5.11",), kop=("perceel",))})
        assert any("productcode ontbreken" in m for m in self._meldingen(antwoord))
        assert "productimport" not in client.session
        antwoord = client.post(url, {"actie": "voorbeeld"})
        assert "Kies een XLSX-bestand." in self._meldingen(antwoord)

    def test_fout_in_voorbeeld_en_toch_bevestigen_schrijft_niets(self, client, gooi, inkoper):
        client.force_login(inkoper)
        url = reverse("aanbesteding_productimport", args=[gooi.pk])
        antwoord = client.post(url, {"actie": "voorbeeld", "bestand": xlsx(rij(tarief="-1"))})
        antwoord = client.post(url, {"actie": "importeren", "sha256": antwoord.context["inlezing"].sha256})
        assert any(m.startswith("Er is niets geïmporteerd: 1 rij(en) bevatten fouten (rij 2).") for m in self._meldingen(antwoord))
        assert not Product.objects.filter(code="43B19").exists()

    def test_overzicht_vaste_aantal_queries_en_alleen_eigen_regio(self, client, gooi, staffgroepen, django_assert_max_num_queries):
        eigen = _staff(INKOPER, gooi.regio)
        for n in range(5):
            AanbestedingFactory(regio=gooi.regio, titel=f"Procedure {n}")
        client.force_login(eigen)
        with django_assert_max_num_queries(25):
            html = client.get(reverse("aanbesteding_productimport_overzicht")).content.decode()
        assert html.count("Importeren</a>") == 6

    def test_voorbeeldscherm_vaste_aantal_queries(self, client, gooi, inkoper, django_assert_max_num_queries):
        client.force_login(inkoper)
        rijen = [rij(code=f"44A{n:02d}", perceel="5.7", naam=f"Toeslag {n}") for n in range(10, 70)]
        with django_assert_max_num_queries(30):
            antwoord = client.post(reverse("aanbesteding_productimport", args=[gooi.pk]), {"actie": "voorbeeld", "bestand": xlsx(*rijen)})
        assert "60 nieuw" in antwoord.content.decode()

    def test_menu_alleen_met_recht(self, client, gooi, staffgroepen):
        client.force_login(_staff(INKOPER, gooi.regio))
        assert "Productenboek importeren" in client.get(reverse("wagtailadmin_home")).content.decode()
        client.force_login(_staff(REDACTEUR))
        assert "Productenboek importeren" not in client.get(reverse("wagtailadmin_home")).content.decode()

    def test_bestaand_product_blijft_leeg_veld_houden(self, gooi, inkoper):
        p = ProductFactory(perceel=gooi.percelen.get(code="5.11"), categorie="43", code="43B19", naam="Driemilieu",
                           naam_bron="Driemilieuvoorziening (3MV)", eenheid="etmaal")
        r = _eerste(gooi, naam="", bron="", eenheid="", frequentie="", bekostiging="", tarief="", van="")
        assert (r.uitkomst, r.product) == ("ongewijzigd", p)
