"""The decision per product (issue 19; 000 Part A: a provider admitted for some products of a lot, with
restrictions such as an age group or a location). In a perceel with product choice every chosen product is
admitted with its perceel unless the inkoper refuses it with a reason; refusing them all is refused; the outcome is
recorded per product (BesluitProduct), written to the inschrijving through its owner, put in the letter and handed
to the agreement as DeelnameProduct rows (through ``definitief_toegelaten`` and through the catch-up)."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import AuditRegel
from inschrijving.models import InschrijvingProduct
from tests.inschrijving._productkeuze import vmb_plus
from toetsing import selectors, services, tasks
from toetsing.models import Besluit, BesluitPerceel, BesluitProduct, Oordeel
from toetsing.pdf import besluitbrief_pdf

from ._hulp import om, pdf_tekst

NIJMEGEN = {"locatie": "Nijmegen", "groepsomvang": 8, "leeftijd_van": 12, "leeftijd_tot": 17}


@pytest.fixture
def vmb(procedure):
    perceel, producten = vmb_plus(procedure["aanbesteding"])
    procedure["vmb"] = perceel
    return producten


@pytest.fixture
def drie_van_zeven(vmb, maak_inschrijving, volledig_beoordeeld, aanbieder):
    """Zorgkracht chose 3 of the 7 products of Verblijf met behandeling + (43A52 with a location and group size)."""
    i = maak_inschrijving(organisatie=aanbieder, percelen=("ambulant", "vmb"))
    for code in ("43A51", "43A52", "43A56"):
        InschrijvingProduct.objects.create(inschrijving=i, product=vmb[code], **(NIJMEGEN if code == "43A52" else {}))
    return volledig_beoordeeld(i)


def _besluit(i, inkoper, **kwargs):
    with time_machine.travel(om(2026, 3, 2), tick=False):
        return services.besluit_nemen(inschrijving=i, door=inkoper, **kwargs)


def test_standaard_alle_gekozen_producten_toegelaten(drie_van_zeven, inkoper):
    besluit = _besluit(drie_van_zeven, inkoper)
    assert {bp.product.code: bp.toegelaten for bp in besluit.producten.all()} == {"43A51": True, "43A52": True, "43A56": True}
    midden = besluit.producten.get(product__code="43A52")
    assert (midden.locatie, midden.groepsomvang, midden.leeftijd_van, midden.leeftijd_tot) == ("Nijmegen", 8, 12, 17)
    assert set(drie_van_zeven.inschrijving_producten.values_list("toegelaten", flat=True)) == {True}
    regel = next(r for r in AuditRegel.objects.filter(actie="toetsing.besluit_genomen") if "producten" in r.nieuwe_waarden)
    assert regel.nieuwe_waarden["producten"] == {"43A51": "toegelaten", "43A52": "toegelaten", "43A56": "toegelaten"}


def test_een_product_weigeren_met_reden(drie_van_zeven, inkoper, vmb):
    besluit = _besluit(drie_van_zeven, inkoper, geweigerde_producten={vmb["43A51"].pk: "Geen VG-expertise aangetoond."})
    assert {bp.product.code: (bp.toegelaten, bp.reden) for bp in besluit.producten.all()} == {
        "43A51": (False, "Geen VG-expertise aangetoond."), "43A52": (True, ""), "43A56": (True, "")}
    assert dict(drie_van_zeven.inschrijving_producten.values_list("product__code", "toegelaten")) == {
        "43A51": False, "43A52": True, "43A56": True}
    assert AuditRegel.objects.filter(actie="inschrijving.toelating_producten").get().nieuwe_waarden == {
        "43A51": "niet toegelaten", "43A52": "toegelaten", "43A56": "toegelaten"}


def test_weigeren_zonder_reden_wordt_geweigerd(drie_van_zeven, inkoper, vmb):
    with pytest.raises(ValidationError) as fout:
        _besluit(drie_van_zeven, inkoper, geweigerde_producten={vmb["43A51"].pk: "  "})
    assert fout.value.messages == ["Geef de reden waarom product 43A51 niet wordt toegelaten."]
    assert not Besluit.objects.exists()


def test_alle_producten_van_een_toegelaten_perceel_weigeren_wordt_geweigerd(drie_van_zeven, inkoper, vmb):
    with pytest.raises(ValidationError) as fout:
        _besluit(drie_van_zeven, inkoper, geweigerde_producten={vmb[c].pk: "nee" for c in ("43A51", "43A52", "43A56")})
    assert fout.value.messages == [
        "Perceel 6 Verblijf met behandeling + wordt toegelaten, maar u weigert alle gekozen producten (43A51, 43A52, "
        "43A56). Laat ten minste één product toe; een afwijzing van het hele perceel volgt uit de eindoordelen van de "
        "commissie."
    ]
    assert not Besluit.objects.exists() and not BesluitProduct.objects.exists()
    assert set(drie_van_zeven.inschrijving_producten.values_list("toegelaten", flat=True)) == {None}


def test_alleen_gekozen_producten_kunnen_worden_geweigerd(drie_van_zeven, inkoper, vmb):
    with pytest.raises(ValidationError, match="alleen producten weigeren die de aanbieder heeft gekozen"):
        _besluit(drie_van_zeven, inkoper, geweigerde_producten={vmb["54010"].pk: "nee"})


def test_afgewezen_perceel_laat_geen_product_toe(vmb, maak_inschrijving, volledig_beoordeeld, aanbieder, inkoper):
    i = maak_inschrijving(organisatie=aanbieder, percelen=("vmb",))
    InschrijvingProduct.objects.create(inschrijving=i, product=vmb["43A52"])
    i = volledig_beoordeeld(i, {"X1": Oordeel.VOLDOET_NIET})
    besluit = _besluit(i, inkoper)
    assert besluit.percelen.get().uitkomst == BesluitPerceel.Uitkomst.AFGEWEZEN
    bp = besluit.producten.get()
    assert (bp.toegelaten, bp.reden) == (False, "Het perceel is niet toegelaten.")


def test_besluitbrief_noemt_de_toegelaten_producten_met_beperkingen(drie_van_zeven, inkoper, vmb):
    besluit = _besluit(drie_van_zeven, inkoper, geweigerde_producten={vmb["43A51"].pk: "Geen VG-expertise aangetoond."})
    tekst = pdf_tekst(besluitbrief_pdf(besluit))
    assert "U wordt in dit perceel toegelaten voor deze producten:" in tekst
    assert "43A52 Verblijf behandeling midden (12 t/m 17 jaar; locatie Nijmegen (groep van 8))" in tekst
    assert "43A56 Verblijf behandeling zwaar JmB" in tekst
    assert "Niet toegelaten voor: - 43A51 Verblijf behandeling licht VG: Geen VG-expertise aangetoond." in tekst


def test_van_besluit_per_product_tot_deelnameproduct(drie_van_zeven, inkoper, aanbieder, vmb,
                                                      django_capture_on_commit_callbacks):
    """Through the signal: 2 of the 3 chosen products admitted, exactly those on the agreement with restrictions."""
    from overeenkomst.models import DeelnameProduct, Overeenkomst

    with django_capture_on_commit_callbacks(execute=True):
        besluit = _besluit(drie_van_zeven, inkoper, geweigerde_producten={vmb["43A51"].pk: "Geen VG-expertise."})
        with time_machine.travel(om(2026, 3, 2), tick=False):
            services.besluit_verzenden(besluit=besluit, door=inkoper)
    with time_machine.travel(om(2026, 3, 23, 3), tick=False), django_capture_on_commit_callbacks(execute=True):
        tasks.standstill_verwerken()
    ovk = Overeenkomst.objects.get(organisatie=aanbieder, aanbesteding=drie_van_zeven.aanbesteding)
    assert sorted(d.perceel.code for d in ovk.deelnames.all()) == ["5.1", "6"]
    vmb_deelname = ovk.deelnames.get(perceel__code="6")
    rijen = {dp.product.code: dp for dp in DeelnameProduct.objects.filter(deelname=vmb_deelname)}
    assert set(rijen) == {"43A52", "43A56"}
    assert (rijen["43A52"].locatie, rijen["43A52"].groepsomvang, rijen["43A52"].startdatum) == ("Nijmegen", 8, date(2026, 3, 23))
    assert rijen["43A52"].beperking_tekst == "12 t/m 17 jaar; locatie Nijmegen (groep van 8)"
    # The perceel without product choice has no rows: it covers every product of its perceel.
    assert not DeelnameProduct.objects.filter(deelname__perceel__code="5.1").exists()
    assert AuditRegel.objects.filter(actie="overeenkomst.toetreding").get().nieuwe_waarden["producten"] == ["43A52", "43A56"]


def test_inhalen_geeft_dezelfde_producten(drie_van_zeven, inkoper, aanbieder, vmb):
    """The signal got lost: the daily catch-up reads the products from toetsing's decision."""
    from overeenkomst.koppeling import openstaande_toelatingen_verwerken
    from overeenkomst.models import DeelnameProduct

    besluit = _besluit(drie_van_zeven, inkoper, geweigerde_producten={vmb["43A56"].pk: "Geen JmB-groep."})
    with time_machine.travel(om(2026, 3, 2), tick=False):
        services.besluit_verzenden(besluit=besluit, door=inkoper)
    with time_machine.travel(om(2026, 3, 23, 3), tick=False):
        services.besluit_definitief_maken(besluit_id=besluit.pk)  # no on_commit: the signal never arrives
        assert not DeelnameProduct.objects.exists()
        assert openstaande_toelatingen_verwerken() == 1
    assert sorted(DeelnameProduct.objects.values_list("product__code", flat=True)) == ["43A51", "43A52"]
    assert [p["product"].code for p in selectors.toegelaten_producten(besluit)] == ["43A51", "43A52"]


def test_besluitscherm_toont_producten_en_neemt_een_weigering_over(client, drie_van_zeven, inkoper, vmb):
    client.force_login(inkoper)
    url = reverse("toetsing_inschrijving", args=[drie_van_zeven.pk])
    html = client.get(url).content.decode()
    assert "Toelating per product" in html and f'name="product_{vmb["43A52"].pk}"' in html
    assert "12 t/m 17 jaar; locatie Nijmegen (groep van 8)" in html
    data = {f"product_{vmb['43A52'].pk}": "1", f"product_{vmb['43A56'].pk}": "1", f"reden_{vmb['43A51'].pk}": "Geen VG."}
    with time_machine.travel(om(2026, 3, 2), tick=False):
        r = client.post(reverse("toetsing_besluit_nemen", args=[drie_van_zeven.pk]), data)
    assert r.status_code == 302
    besluit = Besluit.objects.get()
    assert {bp.product.code: bp.toegelaten for bp in besluit.producten.all()} == {"43A51": False, "43A52": True, "43A56": True}
    html = client.get(url).content.decode()
    assert "Besluit per product" in html and "niet toegelaten: Geen VG." in html


def test_aanbieder_ziet_het_besluit_per_product(client, drie_van_zeven, inkoper, aanbieder, vmb):
    from organisaties.models import Rol
    from tests.factories import LidmaatschapFactory

    besluit = _besluit(drie_van_zeven, inkoper, geweigerde_producten={vmb["43A51"].pk: "Geen VG-expertise aangetoond."})
    with time_machine.travel(om(2026, 3, 2), tick=False):
        services.besluit_verzenden(besluit=besluit, door=inkoper)
    client.force_login(LidmaatschapFactory(organisatie=aanbieder, rol=Rol.BEHEERDER).user)
    html = client.get(reverse("toetsing:mijn_besluit", args=[besluit.pk])).content.decode()
    assert "43A52 Verblijf behandeling midden: <strong>toegelaten</strong> (12 t/m 17 jaar; locatie Nijmegen (groep van 8))" in html
    assert "43A51 Verblijf behandeling licht VG: niet toegelaten: Geen VG-expertise aangetoond." in html
