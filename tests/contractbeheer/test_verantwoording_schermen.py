"""The verantwoording screens: the provider's page (form per part, template, own files; nothing typed is lost on a
refusal) and the contract manager's list and detail (filters, constant queries, judging). Permissions: another
provider gets a 404; a Beoordelaar or Redacteur a 403; a contract manager of another region a 404."""

import io
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from contractbeheer import services
from contractbeheer.models import Verantwoording, Verantwoordingsinzending
from core.models import AuditRegel

from . import _verantwoording as h

pytestmark = pytest.mark.django_db

IN_MAART = h.moment(2026, 3, 15)


@pytest.fixture
def reis():
    with time_machine.travel(IN_MAART, tick=False):
        yield


@pytest.fixture
def w(regio_a):
    return h.mlo_wereld(regio_a)


def _url(v, naam="contractbeheer:verantwoording"):
    return reverse(naam, args=[v.pk])


def _admin(v):
    return reverse("contractbeheer_admin_verantwoording", args=[v.pk])


# --- the provider's page -----------------------------------------------------------------------------------------


def test_productverantwoording_toont_de_producten_en_het_sjabloon(client, w, reis):
    v = w.plicht("productverantwoording")
    client.force_login(w.lid)
    html = client.get(_url(v)).content.decode()
    assert "45A04 Jeugdhulp ambulant" in html and "45A05" in html and "43A01" not in html
    assert _url(v, "contractbeheer:verantwoording_sjabloon") in html
    assert "28 februari 2026" in html
    assert f'name="aantal_{w.producten[0].pk}"' in html


def test_tabel_invullen_en_indienen(client, w, reis):
    v = w.plicht("productverantwoording")
    a, b = w.producten
    client.force_login(w.lid)
    antwoord = client.post(_url(v), {f"aantal_{a.pk}": "1.200", f"omzet_{a.pk}": "1.944,00", f"omzet_{b.pk}": "",
                                     "toelichting": "Eerste jaar met de nieuwe productcodes."}, follow=True)
    assert "is ingediend" in antwoord.content.decode()
    inz = Verantwoordingsinzending.objects.get(verantwoording=v)
    assert inz.omzet == Decimal("1944.00") and inz.regels.count() == 1
    assert Verantwoording.objects.get(pk=v.pk).status == "ingediend"
    html = antwoord.content.decode()
    assert "wacht op beoordeling" in html and "€ 1.944,00" in html


def test_sjabloon_uploaden_met_foute_rijen_bewaart_wat_getypt_is(client, w, reis):
    v = w.plicht("productverantwoording")
    client.force_login(w.lid)
    bestand = h.xlsx([("45A04", "", "", 1, 10), ("99Z99", "", "", 1, 10)])
    antwoord = client.post(_url(v), {"sjabloon_bestand": bestand, "toelichting": "Zie bijgevoegd sjabloon."})
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "De verantwoording is niet ingediend" in html
    assert "Rij 3: productcode “99Z99” is onbekend" in html
    assert "Zie bijgevoegd sjabloon." in html
    assert not Verantwoordingsinzending.objects.exists()
    # And the good template goes in.
    antwoord = client.post(_url(v), {"sjabloon_bestand": h.xlsx([("45A05", "", "", 3, "7,50")])})
    assert antwoord.status_code == 302
    assert Verantwoordingsinzending.objects.get().omzet == Decimal("7.50")


def test_financieel_geweigerd_bestand_verliest_de_omzet_niet(client, w, reis):
    v = w.plicht("financieel")
    client.force_login(w.lid)
    nep = SimpleUploadedFile("verklaring.pdf", b"dit is geen pdf", content_type="application/pdf")
    antwoord = client.post(_url(v), {"omzet": "50.000,01", "bestand": nep, "toelichting": "Met accountant."})
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert 'value="50.000,01"' in html and "Met accountant." in html
    assert "een bestand moet u opnieuw kiezen" in html
    assert "Bij een omzet van € 50.000,01 hoort een controleverklaring van een accountant." in html
    assert 'href="#id_bestand"' in html
    antwoord = client.post(_url(v), {"omzet": "50.000,00", "bestand": h.pdf()})
    assert antwoord.status_code == 302
    inz = Verantwoordingsinzending.objects.get()
    assert inz.verklaring == "bestuursverklaring"
    html = client.get(_url(v)).content.decode()
    assert "Bestuursverklaring" in html
    assert client.get(_url(inz, "contractbeheer:inzending_bestand"))["Content-Disposition"].startswith("attachment")


def test_financieel_zonder_omzet_foutmelding_bovenaan(client, w, reis):
    client.force_login(w.lid)
    html = client.post(_url(w.plicht("financieel")), {}).content.decode()
    assert 'role="alert"' in html and 'href="#id_omzet"' in html and "Dit is een verplicht veld." in html


def test_sroi_verschil_vraagt_toelichting_op_de_pagina(client, w, reis):
    h.sroi_omzet(w, "1000.00")
    client.force_login(w.lid)
    assert client.post(_url(w.plicht("financieel", w.gemeenten[0])), {"omzet": "500", "bestand": h.pdf()}).status_code == 302
    html = client.post(_url(w.plicht("financieel", w.gemeenten[1])), {"omzet": "700", "bestand": h.pdf()}).content.decode()
    assert "€ 1.200,00" in html and "€ 1.000,00" in html and "Licht het verschil toe" in html


def test_klachten_en_innovatie_formulier(client, w, reis):
    v = w.plicht("klachten_innovatie")
    client.force_login(w.lid)
    html = client.post(_url(v), {"aantal_klachten": "2", "klachtenanalyse": "Cliënt De Vries klaagde.",
                                 "innovatie": "Beeldbellen."}).content.decode()
    assert "naam" in html and "Beeldbellen." in html
    assert client.post(_url(v), {"aantal_klachten": "2", "klachtenanalyse": "Twee klachten over wachttijd.",
                                 "innovatie": "Beeldbellen."}).status_code == 302


def test_voor_het_einde_van_het_jaar_geen_formulier(client, w):
    client.force_login(w.lid)
    with time_machine.travel(h.moment(2025, 11, 1), tick=False):
        html = client.get(_url(w.plicht("financieel"))).content.decode()
        assert "kunt u indienen vanaf 1 januari 2026" in html and "Verantwoording indienen" not in html
        client.post(_url(w.plicht("financieel")), {"omzet": "1", "bestand": h.pdf()})
    assert not Verantwoordingsinzending.objects.exists()


def test_herstel_toont_reden_en_termijn(client, w, contractmanager_a):
    with time_machine.travel(IN_MAART, tick=False):
        inz = services.verantwoording_indienen(verantwoording=w.plicht("financieel"), door=w.lid,
                                               omzet=Decimal("10"), bestand=h.pdf())
        services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="herstel",
                                           reden="De handtekening ontbreekt.")
        client.force_login(w.lid)
        html = client.get(_url(w.plicht("financieel"))).content.decode()
    assert "Herstel gevraagd" in html and "De handtekening ontbreekt." in html and "Verantwoording indienen" in html


def test_sjabloon_downloaden(client, w, reis):
    client.force_login(w.lid)
    antwoord = client.get(_url(w.plicht("productverantwoording"), "contractbeheer:verantwoording_sjabloon"))
    assert antwoord["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in antwoord["Content-Disposition"]
    blad = load_workbook(io.BytesIO(antwoord.content))["Verantwoording"]
    assert [c.value for c in blad[2]][:1] == ["45A04"]
    # Not for a part without products.
    assert client.get(_url(w.plicht("financieel"), "contractbeheer:verantwoording_sjabloon")).status_code == 404


def test_andere_aanbieder_krijgt_404(client, w, reis):
    v = w.plicht("financieel")
    inz = services.verantwoording_indienen(verantwoording=v, door=w.lid, omzet=Decimal("10"), bestand=h.pdf())
    ander = h.mlo_wereld(naam="Andere zorg")
    client.force_login(ander.lid)
    assert client.get(_url(v)).status_code == 404
    assert client.post(_url(v), {"omzet": "1"}).status_code == 404
    assert client.get(_url(w.plicht("productverantwoording"), "contractbeheer:verantwoording_sjabloon")).status_code == 404
    assert client.get(_url(inz, "contractbeheer:inzending_bestand")).status_code == 404
    # Staff without an organisation: no provider page either.
    client.logout()
    assert client.get(_url(v)).status_code == 302  # to the login


# --- staff ---------------------------------------------------------------------------------------------------------


def test_lijst_met_filters(client, w, contractmanager_a, reis):
    inz = services.verantwoording_indienen(verantwoording=w.plicht("financieel"), door=w.lid, omzet=Decimal("10"),
                                           bestand=h.pdf())
    client.force_login(contractmanager_a)
    url = reverse("contractbeheer_admin_verantwoordingen")
    html = client.get(url).content.decode()
    assert html.count(w.overeenkomst.organisatie.naam) == 5 + 0  # 2 × product, 2 × financieel, klachten
    assert _admin(inz.verantwoording) in html
    assert client.get(url, {"soort": "financieel"}).content.decode().count(_admin(inz.verantwoording)) == 1
    assert "5 verantwoordingen" in client.get(url, {"jaar": 2025}).content.decode()
    assert "0 verantwoordingen" in client.get(url, {"jaar": 2024}).content.decode()
    assert "1 verantwoording." in client.get(url, {"status": "ingediend"}).content.decode()
    # Late on 15 March: the two productverantwoordingen (due 28 February) are still open.
    assert "2 verantwoordingen" in client.get(url, {"te_laat": "on"}).content.decode()
    assert client.get(url, {"aanbesteding": w.aanbesteding.pk, "p": "x"}).status_code == 200


def test_lijst_aantal_queries_constant(client, regio_a, contractmanager_a, django_assert_max_num_queries, reis):
    w = h.mlo_wereld(regio_a)
    services.verantwoording_indienen(verantwoording=w.plicht("financieel"), door=w.lid, omzet=Decimal("10"),
                                     bestand=h.pdf())
    client.force_login(contractmanager_a)
    url = reverse("contractbeheer_admin_verantwoordingen")
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        client.get(url, {"te_laat": "on"})
    for i in range(3):
        extra = h.mlo_wereld(regio_a, naam=f"Extra {i}")
        services.verantwoording_indienen(verantwoording=extra.plicht("financieel"), door=extra.lid,
                                         omzet=Decimal("10"), bestand=h.pdf())
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert client.get(url, {"te_laat": "on"}).status_code == 200


def _geweigerd(antwoord) -> bool:
    """Wagtail answers a PermissionDenied in an admin view with a redirect to the dashboard and a message."""
    return antwoord.status_code == 403 or (antwoord.status_code == 302 and antwoord["Location"] == "/admin/")


@pytest.mark.parametrize("persona", ["beoordelaar_a", "redacteur_a", "sroi_adviseur_a"])
def test_andere_rollen_krijgen_403(client, w, persona, request, reis):
    inz = services.verantwoording_indienen(verantwoording=w.plicht("financieel"), door=w.lid, omzet=Decimal("10"),
                                           bestand=h.pdf())
    client.force_login(request.getfixturevalue(persona))
    v = w.plicht("financieel")
    assert _geweigerd(client.get(reverse("contractbeheer_admin_verantwoordingen")))
    assert _geweigerd(client.get(_admin(v)))
    assert _geweigerd(client.post(_admin(v), {"uitkomst": "goedkeuren"}))
    assert _geweigerd(client.get(reverse("contractbeheer_admin_inzending_bestand", args=[inz.pk])))
    assert Verantwoordingsinzending.objects.get().status == "ingediend"


def test_contractmanager_van_een_andere_regio_krijgt_404(client, w, contractmanager_b, reis):
    v = w.plicht("financieel")
    inz = services.verantwoording_indienen(verantwoording=v, door=w.lid, omzet=Decimal("10"), bestand=h.pdf())
    client.force_login(contractmanager_b)
    assert w.overeenkomst.organisatie.naam not in client.get(reverse("contractbeheer_admin_verantwoordingen")).content.decode()
    assert client.get(_admin(v)).status_code == 404
    assert client.post(_admin(v), {"uitkomst": "goedkeuren"}).status_code == 404
    assert client.get(reverse("contractbeheer_admin_inzending_bestand", args=[inz.pk])).status_code == 404
    assert Verantwoordingsinzending.objects.get().status == "ingediend"


def test_aanbieder_kan_niet_beoordelen(client, w, reis):
    v = w.plicht("financieel")
    services.verantwoording_indienen(verantwoording=v, door=w.lid, omzet=Decimal("10"), bestand=h.pdf())
    client.force_login(w.lid)
    antwoord = client.post(_admin(v), {"uitkomst": "goedkeuren"})
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/accounts/login/")
    assert Verantwoordingsinzending.objects.get().status == "ingediend"


def test_detail_en_beoordelen(client, w, contractmanager_a, reis):
    h.sroi_omzet(w, "100.00")
    services.verantwoording_indienen(verantwoording=w.plicht("financieel", w.gemeenten[0]), door=w.lid,
                                     omzet=Decimal("40"), bestand=h.pdf())
    v = w.plicht("financieel", w.gemeenten[1])
    inz = services.verantwoording_indienen(verantwoording=v, door=w.lid, omzet=Decimal("70"), bestand=h.pdf(),
                                           afwijking_toelichting="Bijzondere bijstand telt niet mee.")
    client.force_login(contractmanager_a)
    html = client.get(_admin(v)).content.decode()
    assert "€ 110,00" in html and "€ 100,00" in html and "€ 10,00" in html
    assert "Bijzondere bijstand telt niet mee." in html
    assert reverse("contractbeheer_admin_inzending_bestand", args=[inz.pk]) in html
    assert "Besluit vastleggen" in html
    # Herstel without a reason: refused, shown next to the field.
    html = client.post(_admin(v), {"uitkomst": "herstel"}).content.decode()
    assert "Geef aan wat de aanbieder moet herstellen." in html
    assert client.post(_admin(v), {"uitkomst": "herstel", "reden": "Graag ondertekend."}).status_code == 302
    inz.refresh_from_db()
    assert inz.status == "herstel" and inz.herstel_uiterlijk is not None
    assert AuditRegel.objects.filter(actie="contractbeheer.verantwoording_beoordeeld").count() == 1
    html = client.get(_admin(v)).content.decode()
    assert "Besluit vastleggen" not in html and "Graag ondertekend." in html
    # Nothing waits any more.
    assert client.post(_admin(v), {"uitkomst": "goedkeuren"}).status_code == 302
    assert Verantwoordingsinzending.objects.get(pk=inz.pk).status == "herstel"


def test_bestand_downloaden_als_staf(client, w, contractmanager_a, inkoper_a, reis):
    inz = services.verantwoording_indienen(verantwoording=w.plicht("financieel"), door=w.lid, omzet=Decimal("10"),
                                           bestand=h.pdf())
    for persona in (contractmanager_a, inkoper_a):
        client.force_login(persona)
        antwoord = client.get(reverse("contractbeheer_admin_inzending_bestand", args=[inz.pk]))
        assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    zonder = services.verantwoording_indienen(verantwoording=w.plicht("klachten_innovatie"), door=w.lid,
                                              aantal_klachten=0, klachtenanalyse="Geen klachten.", innovatie="Geen.")
    assert client.get(reverse("contractbeheer_admin_inzending_bestand", args=[zonder.pk])).status_code == 404
