"""The ROB Rijk van Nijmegen 2025 contracts of seed 000 (issue 19): ``bronnen.rob`` and the demo loader
``aanbesteding.demo_rob``: the region's seven municipalities (001), four contracts with their joining rule, the
product book as far as 000 gives codes with new / renamed / dropped expressed through validity and predecessors, no
tariffs, the Wmo restriction for residential providers, and the stacking rules of 000 r. 356-384 and r. 539-543."""

import io
from datetime import date

import pytest

from aanbesteding import demo_rob
from aanbesteding.models import (
    Aanbesteding,
    Bekostiging,
    DeelnemendeGemeente,
    Perceel,
    ProcedureDocument,
    Product,
    Productintensiteit,
    Samenloopregel,
    Tarief,
)
from bronnen import rob
from organisaties import demo as organisaties_demo
from organisaties.models import Gemeente, Organisatie, Regio
from tests.gedeeld import fixtures

pytestmark = pytest.mark.django_db

SJ = "rob-specialistische-jeugdhulp-2025"


def _laden():
    organisaties_demo.laad(io.StringIO())
    demo_rob.laad(io.StringIO())


# Loaded once for the module; each test runs in its own savepoint (tests/gedeeld.py).
_gedeeld, geladen = fixtures(_laden)


def _product(code, perceelcode=None):
    qs = Product.objects.filter(code=code, perceel__aanbesteding__slug__startswith="rob-")
    if perceelcode:
        qs = qs.filter(perceel__code=perceelcode)
    return qs.get()


def _codes(qs):
    return sorted(p.code for p in qs)


# --- the source module -------------------------------------------------------------------------------------


def test_zeven_gemeenten_uit_001():
    assert [g["naam"] for g in rob.REGIO["gemeenten"]] == [
        "Berg en Dal", "Beuningen", "Druten", "Heumen", "Mook en Middelaar", "Nijmegen", "Wijchen"]
    assert rob.REGIO["bureau"] == "ROB Regionaal Ondersteuningsbureau Wmo & Jeugdhulp"
    assert rob.REGIO["email"] == "aanbesteding@nijmegen.nl"
    assert "deelname Wijchen" in rob.REGIO["aannames"]


def test_code_alleen_identificeert_de_familie_niet():
    # 000 r. 226-227: a different letter in place of the x; 44X29 Kamertraining with A is 44A29 Gezinshuis licht.
    assert rob.volledige_code("44X10", "b") == "44B10"
    assert rob.CODEBOTSINGEN == [("44X29", "A", "44A29")]
    with pytest.raises(ValueError):
        rob.volledige_code("44A29", "B")


def test_geen_tarieven_in_de_bron():
    assert not any("tarief" in p or "bedrag" in p for p in rob.PRODUCTEN)


def test_statussen_van_de_bron():
    status = {(p["code"], p["percelen"][0]): p["status"] for p in rob.PRODUCTEN}
    assert status["44A18", "SJ3"] == status["45A66", "SJ4"] == status["45A01", "SJ1"] == "nieuw"
    assert status["45A65", "SJ4"] == "hernoemd"
    assert status["35502", "SJ4"] == status["03A03", "WB1"] == "vervallen"


# --- the loaded demo ---------------------------------------------------------------------------------------


def test_regio_gemeenten_en_bureau(geladen):
    regio = Regio.objects.get(slug="rob")
    assert (regio.naam, regio.bureau_naam, regio.contact_email, regio.website) == (
        "Rijk van Nijmegen", rob.REGIO["bureau"], "aanbesteding@nijmegen.nl", "https://robregionijmegen.nl")
    regio.full_clean()
    gemeenten = Gemeente.objects.filter(regio=regio)
    assert gemeenten.count() == 7 and all(g.doet_mee_jeugd and g.doet_mee_wmo for g in gemeenten)
    bureau = Organisatie.objects.get(naam=rob.REGIO["bureau"])
    assert (bureau.soort, bureau.regio, bureau.plaats) == (Organisatie.Soort.OPDRACHTGEVER, regio, "Nijmegen")
    kvk = {a["kvk"] for a in rob.AANBIEDERS}
    assert Organisatie.objects.filter(kvk_nummer__in=kvk, soort=Organisatie.Soort.AANBIEDER).count() == 3


def test_vier_contracten_met_hun_toetreding(geladen):
    procedures = {a.slug: a for a in Aanbesteding.objects.filter(regio__slug="rob")}
    assert {s: (a.toetreding, a.looptijd_start, a.looptijd_einde) for s, a in procedures.items()} == {
        "rob-jeugd-ambulant-2025": ("gesloten", date(2025, 1, 1), date(2028, 12, 31)),
        SJ: ("continu", date(2025, 1, 1), date(2028, 12, 31)),
        "rob-essentiele-functies-2025": ("gesloten", date(2025, 1, 1), date(2031, 12, 31)),  # 7 jaar, 000 r. 410
        "rob-wmo-begeleiding-2025": ("gesloten", date(2025, 1, 1), date(2028, 12, 31)),
    }
    wmo = DeelnemendeGemeente.objects.filter(aanbesteding=procedures["rob-wmo-begeleiding-2025"])
    assert set(wmo.values_list("domein", flat=True)) == {"wmo"} and wmo.count() == 7
    assert procedures[SJ].toetredingsmomenten.get().soort == "continu"


def test_specialistische_percelen_met_toelating_per_product(geladen):
    sj = Perceel.objects.filter(aanbesteding__slug=SJ).order_by("volgorde")
    assert [(p.code, p.naam, p.productkeuze) for p in sj] == [
        ("SJ1", "Residentieel verblijf", True), ("SJ2", "Woongroepen", True), ("SJ3", "Gezinsvormen", True),
        ("SJ4", "Behandeling", True), ("SJ5", "In Verbindings Team met JIM", True)]
    assert not Perceel.objects.filter(aanbesteding__slug="rob-jeugd-ambulant-2025", productkeuze=True).exists()
    assert _codes(Product.objects.filter(perceel__code="SJ1")) == ["02A03", "02A05", "44X10", "44X11", "44X45", "45A01"]
    assert _codes(Product.objects.filter(perceel__code="SJ2")) == ["02A03", "02A05", "44X28", "44X29", "44X52"]
    assert _codes(Product.objects.filter(perceel__code="SJ3")) == [
        "02A03", "02A05", "44A07", "44A18", "44A29", "44A30", "44A31"]
    assert _codes(Product.objects.filter(perceel__code="SJ4")) == ["35502", "45A65", "45A66"]
    assert Perceel.objects.get(code="WB1").domein == "wmo"


def test_nieuw_hernoemd_en_vervallen(geladen):
    basis, specialistisch, netwerk = _product("45A65"), _product("45A66"), _product("35502")
    # 4565 -> 45A65 (renamed), 35502 dropped into 45A65 (000 r. 246-248, r. 273-279)
    assert (basis.voorganger, basis.voorganger_code) == (netwerk, "4565")
    assert "Ambulante Behandeling J&O/LVB" in basis.omschrijving
    assert (netwerk.geldig_vanaf, netwerk.geldig_tot, netwerk.eenheid) == (date(2017, 1, 1), date(2024, 12, 31), "etmaal")
    assert list(netwerk.opvolgers.all()) == [basis]
    for code in ("44A18", "45A66", "45A01"):
        assert _product(code).geldig_vanaf == date(2025, 1, 1), code
    assert (specialistisch.geldig_tot, basis.geldig_vanaf) == (None, None)
    verzorging = _product("03A03")
    assert (verzorging.geldig_tot, verzorging.perceel.code) == (date(2024, 12, 31), "WB1")
    assert "Reguliere begeleiding" in _product("02A03", "WB1").omschrijving


def test_producten_zonder_tarief_en_intensiteit(geladen):
    producten = Product.objects.filter(perceel__aanbesteding__regio__slug="rob")
    assert producten.count() == 29
    assert not Tarief.objects.filter(product__in=producten).exists()
    assert set(producten.values_list("bekostiging", flat=True)) == {Bekostiging.PXQ}
    # The letters and ratios of the intensity model are not in 000: no invented intensities.
    assert not Productintensiteit.objects.filter(product__in=producten).exists()
    assert producten.filter(code__regex=r"^44X").count() == 6


def test_wmo_bij_verblijf_alleen_voor_uitstromers(geladen):
    beperkt = Product.objects.filter(code__in=["02A03", "02A05"], perceel__aanbesteding__slug=SJ)
    assert beperkt.count() == 6
    assert all("uitstromende jongeren" in p.beperking for p in beperkt)
    assert not _product("02A03", "WB1").beperking
    assert "18 jaar" in _product("01A06").beperking
    assert "meerzorg" in _product("45A01").beperking


def test_samenloopregels_uit_000(geladen):
    regels = list(Samenloopregel.objects.filter(aanbesteding__regio__slug="rob").order_by("volgorde"))
    assert [(r.soort, r.bron) for r in regels] == [
        ("wel", "000 r. 223, r. 231-236, r. 358-363"), ("voorwaarde", "000 r. 365-366"), ("niet", "000 r. 367-370"),
        ("voorwaarde", "000 r. 373-374"), ("niet", "000 r. 377-378"), ("wel", "000 r. 379-384"),
        ("wel", "000 r. 539-540"), ("niet", "000 r. 542-543"),
    ]
    niet_bij_pleegzorg = regels[2]
    assert _codes(niet_bij_pleegzorg.producten.all()) == ["45A01"]
    assert _codes(niet_bij_pleegzorg.met_producten.all()) == ["44A07", "44A18"]
    assert "1 dag overlap" in regels[4].voorwaarde and not regels[4].met_producten.exists()
    assert len(regels[4].producten.all()) == 11
    assert _codes(regels[5].met_producten.all()) == ["44A07", "44X10", "44X11"]
    # 45A04/45A05 live in Jeugd ambulant; the rule of Specialistische jeugdhulp points there.
    terug_naar_huis = regels[3].met_producten.all()
    assert {p.perceel.aanbesteding.slug for p in terug_naar_huis} == {"rob-jeugd-ambulant-2025"}
    # Wmo rules find 02A03/02A05 of the Wmo book, not the restricted copies under the residential percelen.
    assert {p.perceel.code for p in regels[6].producten.all()} == {"WB1"}


def test_documenten_op_publicatiedatum(geladen):
    docs = ProcedureDocument.objects.filter(aanbesteding__slug=SJ).order_by("volgorde")
    assert [d.soort for d in docs] == ["productenboek", "inkoopdocument", "overig"]
    assert docs[0].versies.get().first_published_at.date() == date(2024, 11, 18)
    assert not ProcedureDocument.objects.filter(aanbesteding__slug="rob-wmo-begeleiding-2025", soort="productenboek").exists()


def test_tweemaal_laden_verandert_niets(geladen):
    modellen = (Aanbesteding, Perceel, Product, Samenloopregel, ProcedureDocument, DeelnemendeGemeente)

    def tel():
        return ([m.objects.count() for m in modellen],
                sorted(Samenloopregel.objects.values_list("volgorde", "producten__code", "met_producten__code"),
                       key=repr))

    voor = tel()
    demo_rob.laad(io.StringIO())
    organisaties_demo.laad(io.StringIO())
    assert tel() == voor
