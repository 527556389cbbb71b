"""The bureau maintains the product book in the Wagtail admin without a developer (issue 19): intensities,
stacking rules, product dependencies, conversion tables and lot rules as snippets scoped to the staff member's
regions, with Dutch refusals that say what is wrong; the new fields of procedures, products and tariffs on their
existing screens. Every refusal stands next to a control that works.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from aanbesteding.models import (
    Omrekentabel,
    Perceelregel,
    Productafhankelijkheid,
    Productintensiteit,
    Samenloopregel,
)
from core.models import AuditRegel

from .factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory

pytestmark = pytest.mark.django_db

NIEUWE_MODELLEN = ["productintensiteit", "samenloopregel", "productafhankelijkheid", "omrekentabel", "perceelregel"]


def _wereld(regio, titel):
    ab = AanbestedingFactory(regio=regio, titel=titel, looptijd_start=date(2020, 1, 1), looptijd_einde=date(2020, 12, 31))
    vmb = PerceelFactory(aanbesteding=ab, code="6.2", naam=f"VmB+ {titel}")
    wonen = PerceelFactory(aanbesteding=ab, code="7.1", naam=f"Logeren {titel}")
    p = {c: ProductFactory(perceel=vmb, categorie=c[:2], code=c, eenheid="etmaal") for c in ("43A52", "43A56", "45A58")}
    p |= {c: ProductFactory(perceel=wonen, categorie=c[:2], code=c) for c in ("43A41", "44A33")}
    samenloop = Samenloopregel.objects.create(aanbesteding=ab, soort="niet", toelichting=f"Regel {titel}")
    samenloop.producten.set([p["43A52"], p["43A56"]])
    afh = Productafhankelijkheid.objects.create(aanbesteding=ab, bron="002 r.1033", toelichting=f"Zwaar {titel}")
    afh.producten.set([p["43A56"]])
    afh.vereist.set([p["43A52"]])
    tabel = Omrekentabel.objects.create(aanbesteding=ab, naam=f"Logeren {titel}", rijen=[{"tot_en_met_uur": 26,
                                        "etmalen": 1, "dagdelen": 0}])
    tabel.producten.set([p["43A41"]])
    return {
        "aanbesteding": ab, "vmb": vmb, "wonen": wonen, "p": p,
        "productintensiteit": Productintensiteit.objects.create(product=p["43A52"], code="midden", naam="Midden"),
        "samenloopregel": samenloop, "productafhankelijkheid": afh, "omrekentabel": tabel,
        "perceelregel": Perceelregel.objects.create(perceel=vmb, soort="een_van", toelichting=f"Regel {titel}"),
    }


@pytest.fixture
def eigen(regio_a):
    return _wereld(regio_a, "Midden-Limburg Oost")


@pytest.fixture
def ander(regio_b):
    return _wereld(regio_b, "Gooi en Vechtstreek")


@pytest.mark.parametrize("model", NIEUWE_MODELLEN)
def test_lijst_en_bewerken_alleen_in_de_eigen_regio(staff_client, inkoper_a, eigen, ander, model):
    client = staff_client(inkoper_a)
    antwoord = client.get(reverse(f"wagtailsnippets_aanbesteding_{model}:list"))
    assert antwoord.status_code == 200
    pks = {o.pk for o in antwoord.context["object_list"]}
    assert eigen[model].pk in pks and ander[model].pk not in pks
    assert client.get(reverse(f"wagtailsnippets_aanbesteding_{model}:edit", args=[eigen[model].pk])).status_code == 200
    assert client.get(reverse(f"wagtailsnippets_aanbesteding_{model}:edit", args=[ander[model].pk])).status_code == 404


@pytest.mark.parametrize("model", NIEUWE_MODELLEN)
def test_contractmanager_beheert_geen_productregels(staff_client, contractmanager_a, eigen, model):
    antwoord = staff_client(contractmanager_a).get(reverse(f"wagtailsnippets_aanbesteding_{model}:add"))
    assert antwoord.status_code in (302, 403)


def test_samenloopregel_aanmaken_met_audit(staff_client, inkoper_a, eigen):
    p = eigen["p"]
    antwoord = staff_client(inkoper_a).post(reverse("wagtailsnippets_aanbesteding_samenloopregel:add"), {
        "aanbesteding": eigen["aanbesteding"].pk, "soort": "voorwaarde", "producten": [p["43A52"].pk],
        "met_producten": [p["43A41"].pk], "voorwaarde": "na een goedgekeurd meerzorgverzoek", "toelichting": "",
        "bron": "000 r.370", "volgorde": 2,
    })
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    regel = Samenloopregel.objects.get(bron="000 r.370")
    assert list(regel.met_producten.all()) == [p["43A41"]]
    assert AuditRegel.objects.filter(actie="samenloopregel.aangemaakt").exists()


def test_samenloopregel_met_product_van_een_andere_procedure_geweigerd(staff_client, inkoper_a, eigen, regio_a):
    elders = _wereld(regio_a, "Wmo Midden-Limburg")  # same region, other procedure: still not allowed
    antwoord = staff_client(inkoper_a).post(reverse("wagtailsnippets_aanbesteding_samenloopregel:add"), {
        "aanbesteding": eigen["aanbesteding"].pk, "soort": "niet",
        "producten": [eigen["p"]["43A52"].pk, elders["p"]["43A56"].pk], "volgorde": 1,
    })
    assert antwoord.status_code == 200
    fouten = antwoord.context["form"].errors["producten"]
    assert "Deze producten horen niet bij" in fouten[0] and "43A56" in fouten[0]
    assert not Samenloopregel.objects.filter(volgorde=1).exists()


def test_productafhankelijkheid_zwaar_vereist_midden(staff_client, inkoper_a, eigen):
    """002 r.1033 entered by the bureau: 45A58 needs 43A52."""
    p = eigen["p"]
    antwoord = staff_client(inkoper_a).post(reverse("wagtailsnippets_aanbesteding_productafhankelijkheid:add"), {
        "aanbesteding": eigen["aanbesteding"].pk, "producten": [p["45A58"].pk], "vereist": [p["43A52"].pk],
        "toelichting": "MFC zwaar vereist midden", "bron": "002 r.1033 (MFC)",
    })
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    afh = Productafhankelijkheid.objects.get(bron="002 r.1033 (MFC)")
    assert [v.code for v in afh.vereist.all()] == ["43A52"]


def test_omrekentabel_als_regels_ingevoerd(staff_client, inkoper_a, eigen):
    """002 r.1143-1155 typed as the source prints it: 'uren; etmalen; dagdelen'."""
    antwoord = staff_client(inkoper_a).post(reverse("wagtailsnippets_aanbesteding_omrekentabel:add"), {
        "aanbesteding": eigen["aanbesteding"].pk, "naam": "Logeren 2020", "producten": [eigen["p"]["43A41"].pk],
        "rijen_tekst": "26; 1; 0\n30; 1; 1\n34;1;2\n\n38; 1; 3\n50; 2; 0", "toelichting": "", "bron": "002 r.1143-1155",
    })
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    tabel = Omrekentabel.objects.get(naam="Logeren 2020")
    assert tabel.rijen[1] == {"tot_en_met_uur": 30, "etmalen": 1, "dagdelen": 1} and len(tabel.rijen) == 5


def test_omrekentabel_toont_de_rijen_als_regels(staff_client, inkoper_a, eigen):
    antwoord = staff_client(inkoper_a).get(reverse("wagtailsnippets_aanbesteding_omrekentabel:edit",
                                                   args=[eigen["omrekentabel"].pk]))
    assert "26; 1; 0" in antwoord.content.decode()


@pytest.mark.parametrize("tekst,melding", [
    ("26; 1", "Regel 1 ('26; 1') is niet 'uren; etmalen; dagdelen'"),
    ("26; 1; 0\n30; een; 1", "Regel 2 ('30; een; 1')"),
    ("30; 1; 1\n26; 1; 0", "De uren lopen op"),
    ("", "Geef ten minste één rij"),
])
def test_omrekentabel_foute_rijen_geweigerd(staff_client, inkoper_a, eigen, tekst, melding):
    antwoord = staff_client(inkoper_a).post(reverse("wagtailsnippets_aanbesteding_omrekentabel:add"), {
        "aanbesteding": eigen["aanbesteding"].pk, "naam": "Fout", "producten": [eigen["p"]["43A41"].pk],
        "rijen_tekst": tekst,
    })
    assert antwoord.status_code == 200
    assert melding in " ".join(antwoord.context["form"].errors["rijen_tekst"])
    assert not Omrekentabel.objects.filter(naam="Fout").exists()


def test_perceelregel_een_van(staff_client, inkoper_a, eigen):
    """003 r.512: a residential lot needs 5.1 or 5.2."""
    ab = eigen["aanbesteding"]
    p51, p52 = PerceelFactory(aanbesteding=ab, code="5.1"), PerceelFactory(aanbesteding=ab, code="5.2")
    verblijf = PerceelFactory(aanbesteding=ab, code="5.10")
    antwoord = staff_client(inkoper_a).post(reverse("wagtailsnippets_aanbesteding_perceelregel:add"), {
        "perceel": verblijf.pk, "soort": "een_van", "percelen": [p51.pk, p52.pk], "aantal": 1, "bron": "003 r.512",
    })
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert set(Perceelregel.objects.get(bron="003 r.512").percelen.all()) == {p51, p52}


@pytest.mark.parametrize("geval", ["andere_procedure", "zichzelf", "te_veel", "lege_groep"])
def test_perceelregel_fouten(staff_client, inkoper_a, eigen, regio_a, geval):
    """003 r.514-520: 5.3 needs at least 2 of a group; the group must hold other percelen of the procedure."""
    ab = eigen["aanbesteding"]
    p53 = PerceelFactory(aanbesteding=ab, code="5.3")
    groep = [PerceelFactory(aanbesteding=ab, code="5.4").pk]
    data = {"perceel": p53.pk, "soort": "minimaal", "percelen": groep, "aantal": 1}
    if geval == "andere_procedure":
        data["percelen"] = groep + [_wereld(regio_a, "Wmo").get("vmb").pk]
        melding = "horen bij een andere procedure"
    elif geval == "zichzelf":
        data["percelen"] = groep + [p53.pk]
        melding = "kan niet in zijn eigen groep staan"
    elif geval == "te_veel":
        data["aantal"] = 2
        melding = "Het minimum (2) is groter dan de groep (1 percelen)"
    else:
        data["percelen"] = []
        melding = "Kies de groep van percelen"
    antwoord = staff_client(inkoper_a).post(reverse("wagtailsnippets_aanbesteding_perceelregel:add"), data)
    assert antwoord.status_code == 200
    assert melding in " ".join(m for ms in antwoord.context["form"].errors.values() for m in ms)


def test_nieuwe_velden_op_de_bestaande_schermen(staff_client, inkoper_a, eigen):
    client = staff_client(inkoper_a)
    product = eigen["p"]["43A52"]
    tarief = TariefFactory(product=product, bedrag=Decimal("250.00"))
    procedure = client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[eigen["aanbesteding"].pk]))
    for veld in ("max_derden", "max_onderaannemers", "max_zzp_pct", "max_onderaanneming_pct"):
        assert f'name="{veld}"' in procedure.content.decode()
    scherm = client.get(reverse("wagtailsnippets_aanbesteding_product:edit", args=[product.pk])).content.decode()
    for veld in ("naam_bron", "bekostiging", "beperking", "geldig_vanaf", "geldig_tot", "voorganger", "voorganger_code"):
        assert f'name="{veld}"' in scherm
    scherm = client.get(reverse("wagtailsnippets_aanbesteding_tarief:edit", args=[tarief.pk])).content.decode()
    assert 'name="organisatie"' in scherm and "nooit als het algemene tarief" in scherm
    scherm = client.get(reverse("wagtailsnippets_aanbesteding_perceel:edit", args=[eigen["vmb"].pk])).content.decode()
    for veld in ("productkeuze", "onderaanneming", "innovatieroute"):
        assert f'name="{veld}"' in scherm


def test_product_geldigheid_via_het_scherm(staff_client, inkoper_a, eigen):
    """A product dropped per 1-1-2021 is entered by the bureau; the book of 2021 then lists it as dropped."""
    from aanbesteding.selectors import vervallen_producten

    product = eigen["p"]["44A33"]
    client = staff_client(inkoper_a)
    url = reverse("wagtailsnippets_aanbesteding_product:edit", args=[product.pk])
    data = {
        "perceel": product.perceel_id, "categorie": "44", "code": "44A33", "naam": "Logeren licht/midden dagdeel",
        "naam_bron": "Logeren- Licht/ midden dagdeel", "omschrijving": "", "volgorde": 0, "eenheid": "dagdeel",
        "frequentie": "week", "bekostiging": "pxq", "minimale_kwalificatie": "", "beperking": "",
        "geldig_vanaf": "", "geldig_tot": "2020-12-31", "voorganger": "", "voorganger_code": "",
    }
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    product.refresh_from_db()
    assert product.naam_bron == "Logeren- Licht/ midden dagdeel" and product.geldig_tot == date(2020, 12, 31)
    assert [p.code for p in vervallen_producten(eigen["aanbesteding"], 2021)] == ["44A33"]


def test_tarief_per_aanbieder_alleen_voor_een_inschrijver_van_deze_procedure(staff_client, inkoper_a, eigen, ander):
    """002 r.481: tariffs "vanuit de gunning", possibly per provider. The provider list of a Gooi inkoper names only
    providers that bid in a procedure of the inkoper's regions (never the platform's providers elsewhere), and a
    provider that bid in another procedure of the region is refused for this procedure's tariff, in Dutch."""
    from inschrijving.models import Inschrijving
    from tests.factories import OrganisatieFactory
    from tests.inschrijving.factories import InschrijvingFactory

    from ..core.beheerscherm import formulier, formulierdata

    inschrijver = OrganisatieFactory(naam="Jeugdzorg Roer B.V.", soort="aanbieder")
    InschrijvingFactory(aanbesteding=eigen["aanbesteding"], organisatie=inschrijver)
    elders = OrganisatieFactory(naam="Zorg Elders B.V.", soort="aanbieder")
    InschrijvingFactory(aanbesteding=ander["aanbesteding"], organisatie=elders)
    andere_procedure = AanbestedingFactory(regio=eigen["aanbesteding"].regio, titel="Wmo Midden-Limburg")
    buurman = OrganisatieFactory(naam="Buurman Zorg B.V.", soort="aanbieder")
    InschrijvingFactory(aanbesteding=andere_procedure, organisatie=buurman)
    OrganisatieFactory(naam="Nergens Ingeschreven B.V.", soort="aanbieder")
    assert Inschrijving.objects.count() == 3

    tarief = TariefFactory(product=eigen["p"]["43A52"], bedrag=Decimal("250.00"), geldig_van=date(2020, 1, 1),
                           geldig_tot=None)
    keuzes = formulier(tarief, inkoper_a).fields["organisatie"].queryset
    assert sorted(keuzes.values_list("naam", flat=True)) == ["Buurman Zorg B.V.", "Jeugdzorg Roer B.V."]

    client = staff_client(inkoper_a)
    url = reverse("wagtailsnippets_aanbesteding_tarief:edit", args=[tarief.pk])
    data = formulierdata(formulier(tarief, inkoper_a))
    antwoord = client.post(url, data | {"organisatie": str(buurman.pk)})
    assert antwoord.status_code == 200
    fouten = " ".join(antwoord.context["form"].errors["organisatie"])
    assert "Buurman Zorg B.V. heeft niet ingeschreven op" in fouten
    tarief.refresh_from_db()
    assert tarief.organisatie is None

    antwoord = client.post(url, data | {"organisatie": str(elders.pk)})
    assert antwoord.status_code == 200 and "organisatie" in antwoord.context["form"].errors  # not even a choice

    antwoord = client.post(url, data | {"organisatie": str(inschrijver.pk)})
    assert antwoord.status_code == 302
    tarief.refresh_from_db()
    assert tarief.organisatie == inschrijver


def test_tarief_per_aanbieder_voor_wie_alle_regios_beheert(admin_user, eigen):
    """Whoever manages every region (a superuser) chooses from every provider of the platform, but never from the
    bureaus (opdrachtgevers); a general tariff (no provider) is valid without any inschrijving."""
    from tests.factories import OrganisatieFactory

    from ..core.beheerscherm import formulier, formulierdata

    OrganisatieFactory(naam="Aanbieder Zonder Inschrijving B.V.", soort="aanbieder")
    OrganisatieFactory(naam="Bureau Inkoop Regio", soort="opdrachtgever", regio=eigen["aanbesteding"].regio)
    tarief = TariefFactory(product=eigen["p"]["43A56"], bedrag=Decimal("310.00"), geldig_van=date(2020, 1, 1),
                           geldig_tot=None)
    form = formulier(tarief, admin_user)
    namen = set(form.fields["organisatie"].queryset.values_list("naam", flat=True))
    assert "Aanbieder Zonder Inschrijving B.V." in namen
    assert "Bureau Inkoop Regio" not in namen
    assert all(soort == "aanbieder" for soort in form.fields["organisatie"].queryset.values_list("soort", flat=True))
    data = formulierdata(form)
    data.pop("organisatie", None)
    gebonden = type(form)(data, instance=tarief, for_user=admin_user)
    assert gebonden.is_valid(), gebonden.errors
    assert gebonden.cleaned_data["organisatie"] is None
