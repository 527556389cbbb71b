"""Admission per product within a perceel (issue 19; 000 Part A): the provider chooses products of a perceel with
``productkeuze`` with their restrictions; the product dependency of 002 r.1033 (43A56 and 45A58 need 43A52) is
refused naming the missing code; a perceel with product choice needs a product before submitting; the chosen
products are part of the frozen record."""

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.kalender import TZ
from core.models import AuditRegel
from inschrijving import selectors, services
from inschrijving.models import Inschrijving, InschrijvingPerceel, InschrijvingProduct
from tests.aanbesteding.factories import ProductFactory
from tests.factories import LidmaatschapFactory, OrganisatieFactory

from ._hulp import een_auditregel
from ._productkeuze import TOELICHTING, keuzes, vmb_plus

NIJMEGEN = {"locatie": "Nijmegen", "groepsomvang": 8, "leeftijd_van": 12, "leeftijd_tot": 17}


@pytest.fixture
def vmb(procedure):
    return vmb_plus(procedure.aanbesteding)


@pytest.fixture
def met_vmb(concept, vmb, aanbieder_beheerder, procedure):
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1, vmb[0]], door=aanbieder_beheerder)
    return concept


def test_producten_kiezen_met_beperkingen_en_auditregel(met_vmb, vmb, aanbieder_beheerder):
    _, p = vmb
    gekozen = services.producten_kiezen(
        inschrijving=met_vmb, keuzes=keuzes(p, "43A51", "43A52", **{"43A52": NIJMEGEN}), door=aanbieder_beheerder)
    assert [k.product.code for k in gekozen] == ["43A51", "43A52"]
    midden = InschrijvingProduct.objects.get(inschrijving=met_vmb, product=p["43A52"])
    assert (midden.locatie, midden.groepsomvang, midden.leeftijd_van, midden.leeftijd_tot) == ("Nijmegen", 8, 12, 17)
    assert midden.beperking_tekst == "12 t/m 17 jaar; locatie Nijmegen (groep van 8)"
    assert midden.toegelaten is None
    regel = een_auditregel("inschrijving.producten", met_vmb, door=aanbieder_beheerder)
    assert regel.nieuwe_waarden["producten"] == {"43A51": "", "43A52": "12 t/m 17 jaar; locatie Nijmegen (groep van 8)"}
    # Choosing again replaces the choice (and records the old one).
    services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(p, "43A52"), door=aanbieder_beheerder)
    assert list(met_vmb.inschrijving_producten.values_list("product__code", flat=True)) == ["43A52"]
    regel = AuditRegel.objects.filter(actie="inschrijving.producten").order_by("-pk").first()
    assert set(regel.oude_waarden["producten"]) == {"43A51", "43A52"}


@pytest.mark.parametrize("zwaar", ["43A56", "45A58"])
def test_zwaar_zonder_midden_geweigerd_met_de_ontbrekende_code(met_vmb, vmb, aanbieder_beheerder, zwaar):
    """002 r.1033: who delivers "behandelgroep zwaar" must also deliver "midden" (43A52)."""
    _, p = vmb
    with pytest.raises(ValidationError) as fout:
        services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(p, "43A51", zwaar), door=aanbieder_beheerder)
    naam = p[zwaar].naam
    assert fout.value.messages == [
        f"Product {zwaar} {naam} vereist ook 43A52 Verblijf behandeling midden ({TOELICHTING}; 002 r. 1033). "
        f"Kies 43A52 ook, of kies {zwaar} niet; een eerdere toelating voor 43A52 telt ook."
    ]
    assert not met_vmb.inschrijving_producten.exists()  # nothing stored
    # With 43A52 it is accepted.
    services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(p, "43A52", zwaar), door=aanbieder_beheerder)
    assert met_vmb.inschrijving_producten.count() == 2


def test_eerdere_toelating_voor_43A52_telt(met_vmb, vmb, aanbieder, aanbieder_beheerder, procedure):
    _, p = vmb
    eerder = Inschrijving.objects.create(aanbesteding=procedure.aanbesteding, organisatie=aanbieder,
                                         status=Inschrijving.Status.BESLOTEN, ingediend_op=datetime(2023, 1, 9, tzinfo=TZ))
    InschrijvingPerceel.objects.create(inschrijving=eerder, perceel=vmb[0], toegelaten=True)
    keuze = InschrijvingProduct.objects.create(inschrijving=eerder, product=p["43A52"], toegelaten=False)
    with pytest.raises(ValidationError):  # refused before: does not count
        services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(p, "43A56"), door=aanbieder_beheerder)
    keuze.toegelaten = True
    keuze.save()
    services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(p, "43A56"), door=aanbieder_beheerder)
    # Another provider's admission does not count for this one.
    InschrijvingProduct.objects.filter(pk=keuze.pk).update(toegelaten=False)
    ander = Inschrijving.objects.create(aanbesteding=procedure.aanbesteding, organisatie=OrganisatieFactory(),
                                        status=Inschrijving.Status.BESLOTEN, ingediend_op=datetime(2023, 1, 9, tzinfo=TZ))
    InschrijvingProduct.objects.create(inschrijving=ander, product=p["43A52"], toegelaten=True)
    with pytest.raises(ValidationError, match="vereist ook 43A52"):
        services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(p, "45A58"), door=aanbieder_beheerder)


def test_product_van_een_niet_gekozen_perceel_geweigerd(concept, vmb, aanbieder_beheerder):
    _, p = vmb
    with pytest.raises(ValidationError) as fout:
        services.producten_kiezen(inschrijving=concept, keuzes=keuzes(p, "43A52"), door=aanbieder_beheerder)
    assert fout.value.messages == [
        "Product 43A52 Verblijf behandeling midden hoort niet bij een perceel dat u hebt gekozen; kies eerst het perceel."
    ]


def test_product_van_een_perceel_zonder_productkeuze_geweigerd(concept, procedure, aanbieder_beheerder):
    product = ProductFactory(perceel=procedure.p5_1, categorie="45", code="45A04", naam="Reguliere begeleiding Jeugd")
    with pytest.raises(ValidationError, match="In perceel 5.1 Ambulante Jeugd GGZ kiest u geen losse producten"):
        services.producten_kiezen(inschrijving=concept, keuzes=[{"product": product}], door=aanbieder_beheerder)


@pytest.mark.parametrize(("velden", "melding"), [
    ({"leeftijd_van": 17, "leeftijd_tot": 12}, "Product 43A52: de leeftijd tot en met (12) ligt onder de leeftijd vanaf (17)."),
    ({"leeftijd_van": 130}, "Product 43A52: de leeftijd vanaf (130) ligt niet tussen 0 en 120."),
    ({"groepsomvang": 0}, "Product 43A52: een groepsomvang is ten minste 1."),
])
def test_beperkingen_die_niet_kloppen(met_vmb, vmb, aanbieder_beheerder, velden, melding):
    _, p = vmb
    with pytest.raises(ValidationError) as fout:
        services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(p, "43A52", **{"43A52": velden}), door=aanbieder_beheerder)
    assert fout.value.messages == [melding]


def test_locatie_alleen_bij_een_verblijfsproduct(concept, procedure, aanbieder_beheerder):
    from aanbesteding.models import Perceel

    Perceel.objects.filter(pk=procedure.p5_1.pk).update(productkeuze=True)
    uur = ProductFactory(perceel=procedure.p5_1, categorie="45", code="45A05", naam="Specialistische begeleiding Jeugd")
    with pytest.raises(ValidationError, match="locatie en groepsomvang horen alleen bij een verblijfsproduct"):
        services.producten_kiezen(inschrijving=concept, keuzes=[{"product": uur, "locatie": "Nijmegen"}],
                                  door=aanbieder_beheerder)
    services.producten_kiezen(inschrijving=concept, keuzes=[{"product": uur, "beperking": "alleen 18- ", "leeftijd_tot": 17}],
                              door=aanbieder_beheerder)
    assert concept.inschrijving_producten.get().beperking_tekst == "tot en met 17 jaar; alleen 18-"


def test_alleen_leden_van_de_organisatie_kiezen(met_vmb, vmb):
    vreemde = LidmaatschapFactory(organisatie=OrganisatieFactory()).user
    with pytest.raises(PermissionDenied):
        services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(vmb[1], "43A52"), door=vreemde)


def test_perceel_met_productkeuze_vraagt_een_product_voor_indienen(met_vmb, vmb, aanbieder_beheerder):
    algemeen = selectors.checklist(met_vmb).algemeen
    assert "Kies ten minste één product van perceel 6 Verblijf met behandeling +." in algemeen
    services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(vmb[1], "43A52"), door=aanbieder_beheerder)
    assert selectors.checklist(met_vmb).algemeen == []


def test_vervallen_vereist_perceel_maakt_de_keuze_onvolledig(met_vmb, vmb, aanbieder_beheerder, procedure):
    """Dropping and re-picking the perceel keeps the product choice (like answers) but only a chosen perceel's
    products count; the checklist judges the dependency again at submission."""
    _, p = vmb
    services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(p, "43A52", "43A56"), door=aanbieder_beheerder)
    services.percelen_kiezen(inschrijving=met_vmb, percelen=[procedure.p5_1], door=aanbieder_beheerder)
    assert selectors.gekozen_producten(met_vmb) == []
    assert met_vmb.inschrijving_producten.count() == 2  # kept in the draft
    services.percelen_kiezen(inschrijving=met_vmb, percelen=[procedure.p5_1, vmb[0]], door=aanbieder_beheerder)
    assert [k.product.code for k in selectors.gekozen_producten(met_vmb)] == ["43A52", "43A56"]
    # 43A52 removed behind the service's back (e.g. an old draft): the checklist names the dependency.
    met_vmb.inschrijving_producten.filter(product=p["43A52"]).delete()
    assert any("vereist ook 43A52" in m for m in selectors.checklist(met_vmb).algemeen)


def test_bevroren_inhoud_bevat_de_gekozen_producten(met_vmb, vmb, aanbieder_beheerder):
    _, p = vmb
    services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(p, "43A52", "43A56", **{"43A52": NIJMEGEN}),
                              door=aanbieder_beheerder)
    inhoud = services.bevroren_inhoud(met_vmb, datetime(2023, 6, 20, 14, 0, tzinfo=TZ))
    assert inhoud["producten"] == [
        {"perceel": "6", "code": "43A52", "naam": "Verblijf behandeling midden", "beperking": "", "leeftijd_van": 12,
         "leeftijd_tot": 17, "locatie": "Nijmegen", "groepsomvang": 8},
        {"perceel": "6", "code": "43A56", "naam": "Verblijf behandeling zwaar JmB", "beperking": "", "leeftijd_van": None,
         "leeftijd_tot": None, "locatie": "", "groepsomvang": None},
    ]


def test_ingediende_inschrijving_kiest_geen_producten_meer(met_vmb, vmb, aanbieder_beheerder):
    Inschrijving.objects.filter(pk=met_vmb.pk).update(status=Inschrijving.Status.INGEDIEND,
                                                      ingediend_op=datetime(2023, 6, 20, 14, 0, tzinfo=TZ))
    with pytest.raises(ValidationError, match="al ingediend"):
        services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(vmb[1], "43A52"), door=aanbieder_beheerder)


# --- the portal page ---------------------------------------------------------------------------------------------


def test_percelenpagina_toont_producten_en_slaat_ze_op(client, concept, vmb, procedure, aanbieder_beheerder):
    perceel, p = vmb
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:percelen", args=[concept.pk])
    html = client.get(url).content.decode()
    assert "Producten van perceel 6 Verblijf met behandeling +" in html
    assert f'name="p{p["43A52"].pk}_locatie"' in html and f'name="p{p["43A52"].pk}_groepsomvang"' in html
    data = {"percelen": [procedure.p5_1.pk, perceel.pk], f"p{p['43A52'].pk}": "on", f"p{p['43A52'].pk}_locatie": "Nijmegen",
            f"p{p['43A52'].pk}_groepsomvang": "8", f"p{p['43A52'].pk}_leeftijd_van": "12", f"p{p['43A52'].pk}_leeftijd_tot": "17",
            f"p{p['43A51'].pk}": "on"}
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302
    assert {k.product.code: k.beperking_tekst for k in selectors.gekozen_producten(concept)} == {
        "43A51": "", "43A52": "12 t/m 17 jaar; locatie Nijmegen (groep van 8)"}
    # The page shows the choice again.
    html = client.get(url).content.decode()
    assert f'name="p{p["43A52"].pk}_locatie" value="Nijmegen"' in html


def test_percelenpagina_weigert_43A56_zonder_43A52_en_bewaart_niets(client, concept, vmb, procedure, aanbieder_beheerder):
    perceel, p = vmb
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:percelen", args=[concept.pk])
    antwoord = client.post(url, {"percelen": [procedure.p5_1.pk, perceel.pk], f"p{p['43A56'].pk}": "on"})
    assert antwoord.status_code == 200
    assert "vereist ook 43A52 Verblijf behandeling midden" in antwoord.content.decode()
    # One transaction: the perceel choice did not change either.
    assert [x.code for x in selectors.gekozen_percelen(concept)] == ["5.1"]
    assert not concept.inschrijving_producten.exists()


def test_toelating_per_product_door_de_toetsing(met_vmb, vmb, aanbieder_beheerder):
    _, p = vmb
    services.producten_kiezen(inschrijving=met_vmb, keuzes=keuzes(p, "43A51", "43A52"), door=aanbieder_beheerder)
    with pytest.raises(ValidationError, match="besloten"):  # not decided yet
        services.toelating_per_product_vastleggen(inschrijving=met_vmb, toegelaten=[p["43A52"].pk], door=None)
    Inschrijving.objects.filter(pk=met_vmb.pk).update(status=Inschrijving.Status.BESLOTEN,
                                                      ingediend_op=datetime(2023, 6, 20, 14, 0, tzinfo=TZ))
    with pytest.raises(PermissionDenied):  # a provider's member is not the assessment
        services.toelating_per_product_vastleggen(inschrijving=met_vmb, toegelaten=[p["43A52"].pk], door=aanbieder_beheerder)
    services.toelating_per_product_vastleggen(inschrijving=met_vmb, toegelaten=[p["43A52"].pk], door=None)
    assert dict(met_vmb.inschrijving_producten.values_list("product__code", "toegelaten")) == {"43A51": False, "43A52": True}
    regel = een_auditregel("inschrijving.toelating_producten", met_vmb)
    assert regel.nieuwe_waarden == {"43A51": "niet toegelaten", "43A52": "toegelaten"}
    services.besluit_intrekking_verwerken(inschrijving=met_vmb, door=None)
    assert set(met_vmb.inschrijving_producten.values_list("toegelaten", flat=True)) == {None}
