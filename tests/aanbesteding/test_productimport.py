"""XLSX import of a productenboek (issue 19): read, preview with the reason per refused row, all-or-nothing
import in one transaction with audit lines, and the admin screen scoped to the user's regions.

Codes and amounts are the Gooi ones (bronnen/gooi.py): 43B03 Tussenvoorziening (perceel 5.10.1, per etmaal,
extra zwaar 2024 € 410,61 / 2025 € 440,76, 003 r.5330-5340), 43B19 Driemilieuvoorziening (5.11, 2022
€ 372,99), 42A06 Vervoer middel (5.13, stuks), 44A18 Toeslag crisis (pleegzorg, 5.7).
"""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from aanbesteding import productimport
from aanbesteding.models import Product, Tarief
from core.models import AuditRegel
from organisaties.rollen import INKOPER, REDACTEUR
from tests.conftest import _staff
from tests.factories import RegioFactory

from .factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory

K = productimport.KOLOMMEN


def xlsx(*rijen, kop=K, naam="productenboek.xlsx") -> SimpleUploadedFile:
    boek = Workbook()
    blad = boek.active
    blad.append(list(kop))
    for rij in rijen:
        blad.append(list(rij))
    uit = io.BytesIO()
    boek.save(uit)
    return SimpleUploadedFile(naam, uit.getvalue(), content_type="application/octet-stream")


def rij(perceel="5.11", code="43B19", naam="Driemilieuvoorziening", bron="", eenheid="etmaal", frequentie="week",
        bekostiging="pxq", intensiteit="", tarief="372.99", van="01-01-2022", tot="", vervangt=""):
    return (perceel, code, naam, bron, eenheid, frequentie, bekostiging, intensiteit, tarief, van, tot, vervangt)


def gooi_productenboek():
    """A Gooi procedure with percelen 5.10.1, 5.11, 5.13 and 5.7 and 43B03 extra zwaar 2024/2025."""
    ab = AanbestedingFactory(titel="Jeugdhulp Voorzieningen")
    p5101 = PerceelFactory(aanbesteding=ab, code="5.10.1", naam="Tussenvoorziening", volgorde=1)
    for i, (code, naam) in enumerate([("5.11", "Driemilieuvoorziening"), ("5.13", "Vervoer"), ("5.7", "Pleegzorg")], start=2):
        PerceelFactory(aanbesteding=ab, code=code, naam=naam, volgorde=i)
    p = ProductFactory(perceel=p5101, categorie="43", code="43B03", naam="Tussenvoorziening", eenheid="etmaal", frequentie="totaal")
    TariefFactory(product=p, intensiteit="extra_zwaar", geldig_van=date(2024, 1, 1), geldig_tot=date(2024, 12, 31), bedrag=Decimal("410.61"))
    TariefFactory(product=p, intensiteit="extra_zwaar", geldig_van=date(2025, 1, 1), geldig_tot=None, bedrag=Decimal("440.76"))
    return ab


@pytest.fixture
def gooi(db):
    return gooi_productenboek()


def _lees(*rijen, **kw):
    return productimport.lees_xlsx(xlsx(*rijen, **kw)).rijen


def _regels(ab, *rijen):
    return productimport.voorbeeld(ab, _lees(*rijen)).regels


class TestLezen:
    def test_cellen_als_tekst_en_datums_iso(self, db):
        boek = Workbook()
        boek.active.append(list(K))
        boek.active.append(["5.11", "43B19", "Driemilieu", None, "etmaal", "week", "pxq", None, 372.99, date(2022, 1, 1), None, None])
        uit = io.BytesIO()
        boek.save(uit)
        r = productimport.lees_xlsx(SimpleUploadedFile("p.xlsx", uit.getvalue())).rijen[0]
        assert (r["rij"], r["tarief"], r["geldig van"], r["naam in de bron"]) == (2, "372.99", "2022-01-01", "")

    def test_formule_wordt_niet_uitgevoerd(self, db):
        r = _lees(rij(tarief="=300+72.99", naam="=HYPERLINK(\"http://x\")"))[0]
        assert r["tarief"] == "=300+72.99" and r["naam"].startswith("=HYPERLINK")

    def test_geen_xlsx_geweigerd(self, db):
        with pytest.raises(ValidationError, match="niet toegestaan|geen Excel"):
            productimport.lees_xlsx(SimpleUploadedFile("boek.xlsx", b"%PDF-1.4\n%%EOF\n"))

    def test_te_groot_geweigerd(self, db, monkeypatch):
        monkeypatch.setattr(productimport, "MAX_BYTES", 1000)
        with pytest.raises(ValidationError, match="te groot"):
            productimport.lees_xlsx(xlsx(rij()))

    def test_kolommen_ontbreken(self, db):
        with pytest.raises(ValidationError, match="productcode ontbreken"):
            productimport.lees_xlsx(xlsx(("5.11", "Driemilieu"), kop=("perceel", "naam")))

    def test_geen_rijen(self, db):
        with pytest.raises(ValidationError, match="geen productregels"):
            productimport.lees_xlsx(xlsx())

    def test_extra_kolom_genegeerd_en_lege_rij_overgeslagen(self, db):
        inlezing = productimport.lees_xlsx(xlsx(rij() + ("x",), ("",) * 12, rij(code="43B20"), kop=(*K, "opmerking")))
        assert inlezing.genegeerde_kolommen == ["opmerking"] and [r["rij"] for r in inlezing.rijen] == [2, 4]

    def test_te_veel_rijen(self, db, monkeypatch):
        monkeypatch.setattr(productimport, "MAX_RIJEN", 2)
        with pytest.raises(ValidationError, match="meer dan 2 rijen"):
            productimport.lees_xlsx(xlsx(rij(), rij(code="43B20"), rij(code="43B21")))


class TestVoorbeeld:
    def test_nieuw_gewijzigd_ongewijzigd(self, gooi):
        regels = _regels(
            gooi,
            rij(),  # 43B19 new
            rij(perceel="5.10.1", code="43B03", naam="Tussenvoorziening", eenheid="etmaal", frequentie="totaal",
                intensiteit="extra_zwaar", tarief="440.76", van="01-01-2025"),  # same as the book
            rij(perceel="5.10.1", code="43B03", naam="Tussenvoorziening", bron="Tussenvoorziening (BHL extra zwaar)",
                eenheid="etmaal", frequentie="totaal", intensiteit="extra_zwaar", tarief="449.58", van="01-01-2026"),
        )
        assert [r.uitkomst for r in regels] == ["nieuw", "ongewijzigd", "gewijzigd"]
        assert regels[2].wijzigingen == [
            ("naam in de bron", "–", "Tussenvoorziening (BHL extra zwaar)"),
            ("tarief extra_zwaar vanaf 01-01-2026", "–", "449.58"),
        ]

    def test_gewijzigd_bedrag_toont_oud_en_nieuw(self, gooi):
        r = _regels(gooi, rij(perceel="5.10.1", code="43B03", naam="", eenheid="", frequentie="", bekostiging="",
                              intensiteit="extra_zwaar", tarief="441.00", van="01-01-2025"))[0]
        assert (r.uitkomst, r.wijzigingen) == ("gewijzigd", [("tarief extra_zwaar vanaf 01-01-2025", "440.76", "441.00")])

    def test_iStandaard_codes_voor_eenheid_en_frequentie(self, gooi):
        r = _regels(gooi, rij(code="42A06", perceel="5.13", naam="Vervoer middel", eenheid="82", frequentie="2"))[0]
        assert r.uitkomst == "nieuw" and (r.velden["eenheid"], r.velden["frequentie"]) == ("stuks", "week")

    @pytest.mark.parametrize(("veranderd", "reden"), [
        ({"perceel": "5.99"}, "Onbekend perceel “5.99”; deze procedure heeft: 5.10.1, 5.11, 5.13, 5.7."),
        ({"perceel": ""}, "Het perceel ontbreekt."),
        ({"code": "43-19"}, "Productcode “43-19” klopt niet"),
        ({"code": "4B319"}, "Productcode “4B319” klopt niet"),
        ({"code": ""}, "De productcode ontbreekt."),
        ({"eenheid": "kwartier"}, "Onbekende eenheid “kwartier”; kies uit: minuut, uur, dagdeel, etmaal, stuks, euro."),
        ({"frequentie": "jaar"}, "Onbekende frequentie “jaar”"),
        ({"bekostiging": "vast"}, "Onbekende bekostiging “vast”"),
        ({"tarief": "-1.50"}, "Het tarief is negatief (-1.50); een tarief is € 0 of meer."),
        ({"tarief": "veel"}, "Het tarief “veel” is geen bedrag."),
        ({"tarief": "=300+72.99"}, "Het tarief “=300+72.99” is geen bedrag."),
        ({"tarief": "1.234"}, "meer dan 2 decimalen"),
        ({"naam": "=cmd|'/c calc'!A1"}, "De naam begint met “=”: formules worden niet uitgevoerd"),
        ({"van": "01-01-2023", "tot": "31-12-2022"}, "Geldig tot (31-12-2022) ligt vóór geldig van (01-01-2023)."),
        ({"van": "1 januari"}, "“1 januari” in geldig van is geen datum (dd-mm-jjjj)."),
        ({"van": ""}, "Bij een tarief hoort de datum geldig van."),
        ({"tarief": "", "intensiteit": "zwaar"}, "Een intensiteit zonder tarief"),
        ({"naam": ""}, "Een nieuw product heeft een naam nodig."),
        ({"eenheid": ""}, "Een nieuw product heeft een eenheid nodig."),
    ])
    def test_foutsoorten_met_reden(self, gooi, veranderd, reden):
        r = _regels(gooi, rij(**veranderd))[0]
        assert r.uitkomst == "fout"
        assert any(reden in f for f in r.fouten), r.fouten

    def test_dubbele_rij(self, gooi):
        regels = _regels(gooi, rij(), rij(tarief="380.00"))
        assert regels[0].uitkomst == "nieuw"
        assert regels[1].fouten == ["Dubbele rij: hetzelfde product, dezelfde intensiteit en ingangsdatum staan ook op rij 2."]

    def test_tegenstrijdige_productgegevens(self, gooi):
        regels = _regels(gooi, rij(intensiteit="basis"), rij(intensiteit="ondersteunend", eenheid="uur", tarief="25.20"))
        assert regels[1].fouten == ["Tegenstrijdig met rij 2 voor hetzelfde product: eenheid."]

    def test_intensiteiten_op_meer_rijen_delen_de_productgegevens(self, gooi):
        regels = _regels(gooi, rij(intensiteit="basis"), rij(intensiteit="ondersteunend", naam="", eenheid="", tarief="25.20"))
        assert [r.uitkomst for r in regels] == ["nieuw", "nieuw"]
        assert regels[1].velden["eenheid"] == "etmaal"

    def test_voorbeeld_schrijft_niets(self, gooi):
        _regels(gooi, rij(), rij(code="42A06", perceel="5.13", naam="Vervoer middel", eenheid="stuks"))
        assert not Product.objects.filter(code__in=["43B19", "42A06"]).exists()

    def test_vaste_aantal_queries(self, gooi, django_assert_max_num_queries):
        rijen = _lees(*[rij(code=f"44A{n:02d}", perceel="5.7", naam=f"Toeslag {n}") for n in range(10, 60)])
        with django_assert_max_num_queries(3):
            assert len(productimport.voorbeeld(gooi, rijen).regels) == 50


class TestImporteren:
    def test_goede_rijen_geschreven_met_audit(self, gooi, inkoper):
        rijen = _lees(
            rij(vervangt="JW35502"),
            rij(code="44A18", perceel="5.7", naam="Toeslag crisis (pleegzorg)", tarief="3.77", van="01-01-2022", vervangt="43B19"),
            rij(perceel="5.10.1", code="43B03", naam="Tussenvoorziening", bron="Tussenvoorziening", eenheid="etmaal",
                frequentie="totaal", intensiteit="extra_zwaar", tarief="449.58", van="01-01-2026", tot="31-12-2026"),
        )
        aantallen = productimport.importeren(aanbesteding=gooi, rijen=rijen, door=inkoper, bestandsnaam="pb.xlsx", sha256="a" * 64)
        assert aantallen == {"nieuw": 2, "gewijzigd": 1, "ongewijzigd": 0, "fout": 0}
        dm = Product.objects.get(code="43B19")
        assert (dm.perceel.code, dm.categorie, dm.eenheid, dm.frequentie, dm.geldig_vanaf, dm.voorganger_code) == (
            "5.11", "43", "etmaal", "week", date(2022, 1, 1), "JW35502")
        assert Product.objects.get(code="44A18").voorganger == dm  # a code inside this book becomes the link
        assert dm.tarieven.get().bedrag == Decimal("372.99")
        t2025 = Tarief.objects.get(product__code="43B03", geldig_van=date(2025, 1, 1))
        t2026 = Tarief.objects.get(product__code="43B03", geldig_van=date(2026, 1, 1))
        assert (t2025.geldig_tot, t2026.bedrag, t2026.geldig_tot) == (date(2025, 12, 31), Decimal("449.58"), date(2026, 12, 31))
        assert Product.objects.get(code="43B03").naam_bron == "Tussenvoorziening"
        regel = AuditRegel.objects.get(actie="productenboek.geimporteerd")
        assert regel.actor == inkoper and regel.nieuwe_waarden["nieuw"] == 2 and regel.nieuwe_waarden["bestand"] == "pb.xlsx"
        assert AuditRegel.objects.filter(actie="product.toegevoegd").count() == 2
        assert AuditRegel.objects.filter(actie="product.gewijzigd").count() == 1
        assert AuditRegel.objects.filter(actie="tarief.vastgelegd").count() == 3
        # The same file again: nothing changes, and the import says so.
        with pytest.raises(ValidationError, match="niets te importeren"):
            productimport.importeren(aanbesteding=gooi, rijen=rijen, door=inkoper)

    def test_tarief_voor_een_eerder_jaar_sluit_voor_het_volgende(self, gooi, inkoper):
        productimport.importeren(aanbesteding=gooi, rijen=_lees(rij(perceel="5.10.1", code="43B03", naam="", eenheid="",
                                 frequentie="", bekostiging="", intensiteit="extra_zwaar", tarief="390.90", van="01-01-2023")),
                                 door=inkoper)
        t = Tarief.objects.get(product__code="43B03", geldig_van=date(2023, 1, 1))
        assert t.geldig_tot == date(2023, 12, 31)  # up to the 2024 tariff, not open-ended over it

    def test_een_fout_en_er_wordt_niets_geschreven(self, gooi, inkoper):
        rijen = _lees(rij(), rij(code="42A06", perceel="5.13", naam="Vervoer middel", eenheid="stuks", tarief="-1"))
        with pytest.raises(ValidationError, match=r"Er is niets geïmporteerd: 1 rij\(en\) bevatten fouten \(rij 3\)"):
            productimport.importeren(aanbesteding=gooi, rijen=rijen, door=inkoper)
        assert not Product.objects.filter(code="43B19").exists()
        assert not AuditRegel.objects.filter(actie="productenboek.geimporteerd").exists()

    def test_zonder_recht_of_in_andere_regio_geweigerd(self, gooi, staffgroepen):
        rijen = _lees(rij())
        for user in (_staff(REDACTEUR), _staff(INKOPER, RegioFactory(naam="Midden-Limburg Oost", slug="mlo"))):
            with pytest.raises(PermissionDenied):
                productimport.importeren(aanbesteding=gooi, rijen=rijen, door=user)
        assert not Product.objects.filter(code="43B19").exists()


def test_sjabloon_is_een_xlsx_met_de_kolommen_en_goede_voorbeeldrijen(gooi):
    boek = load_workbook(io.BytesIO(productimport.sjabloon()))
    rijen = list(boek["Productenboek"].iter_rows(values_only=True))
    assert rijen[0] == K and rijen[1][1] == "43B03"
    assert "Toelichting" in boek.sheetnames
    # The template's own example rows pass the checks (with the procedure's percelen).
    regels = productimport.voorbeeld(gooi, productimport.lees_xlsx(SimpleUploadedFile("s.xlsx", productimport.sjabloon())).rijen)
    assert [r.uitkomst for r in regels.regels] == ["gewijzigd", "nieuw"]


class TestScherm:
    def _meldingen(self, antwoord):
        return [str(m) for m in get_messages(antwoord.wsgi_request)]

    def test_upload_voorbeeld_en_importeren(self, client, gooi, inkoper):
        client.force_login(inkoper)
        url = reverse("aanbesteding_productimport", args=[gooi.pk])
        assert "Sjabloon downloaden" in client.get(url).content.decode()
        bestand = xlsx(rij(), rij(code="43B20", eenheid="kwartier"))
        antwoord = client.post(url, {"actie": "voorbeeld", "bestand": bestand})
        html = antwoord.content.decode()
        assert "1 nieuw, 0 gewijzigd, 0 ongewijzigd, 1 met een fout." in html
        assert "Onbekende eenheid “kwartier”" in html and 'value="importeren"' not in html
        antwoord = client.post(url, {"actie": "voorbeeld", "bestand": xlsx(rij())})
        sha = antwoord.context["inlezing"].sha256
        assert 'value="importeren"' in antwoord.content.decode()
        assert not Product.objects.filter(code="43B19").exists()
        antwoord = client.post(url, {"actie": "importeren", "sha256": sha})
        assert antwoord.status_code == 302 and "Productenboek geïmporteerd: 1 nieuw, 0 gewijzigd, 0 ongewijzigd." in self._meldingen(antwoord)
        assert Product.objects.filter(code="43B19").exists()

    def test_verlopen_voorbeeld(self, client, gooi, inkoper):
        client.force_login(inkoper)
        antwoord = client.post(reverse("aanbesteding_productimport", args=[gooi.pk]), {"actie": "importeren", "sha256": "b" * 64})
        assert any("upload het bestand opnieuw" in m for m in self._meldingen(antwoord))
        assert not AuditRegel.objects.filter(actie="productenboek.geimporteerd").exists()

    def test_geen_xlsx_melding(self, client, gooi, inkoper):
        client.force_login(inkoper)
        antwoord = client.post(reverse("aanbesteding_productimport", args=[gooi.pk]),
                               {"actie": "voorbeeld", "bestand": SimpleUploadedFile("x.xlsx", b"%PDF-1.4\n%%EOF\n")})
        assert any("x.xlsx" in m for m in self._meldingen(antwoord))

    def test_andere_regio_404_en_niet_in_overzicht(self, client, gooi, staffgroepen):
        ander = _staff(INKOPER, RegioFactory(naam="Midden-Limburg Oost", slug="mlo"))
        client.force_login(ander)
        assert client.get(reverse("aanbesteding_productimport", args=[gooi.pk])).status_code == 404
        assert gooi.titel not in client.get(reverse("aanbesteding_productimport_overzicht")).content.decode()

    def test_zonder_recht_geweigerd(self, client, gooi, staffgroepen):
        client.force_login(_staff(REDACTEUR))
        # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard; never the screen itself.
        assert client.get(reverse("aanbesteding_productimport_overzicht")).status_code in (302, 403)
        assert client.get(reverse("aanbesteding_productimport_sjabloon")).status_code in (302, 403)

    def test_sjabloon_download(self, client, inkoper):
        client.force_login(inkoper)
        antwoord = client.get(reverse("aanbesteding_productimport_sjabloon"))
        assert antwoord["Content-Disposition"] == 'attachment; filename="productenboek-sjabloon.xlsx"'
        assert load_workbook(io.BytesIO(antwoord.content))["Productenboek"]["B1"].value == "productcode"
