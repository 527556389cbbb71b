"""The staff role Gemeente (issue 14): a municipal consulent logs into the Wagtail admin (with MFA, as all staff)
and reaches only "Signaal doorgeven", "Mijn signalen" (own signals, status and terugkoppeling, never the internal
notes) and the links to the public register. Every other admin screen of our apps answers 403/404 or sends
them back to the admin home — proven over the live URL inventory of tests/beveiliging (the same matrix the other
staff roles run through in test_admin.py)."""

import pytest
from django.urls import reverse

from contractbeheer.models import Signaal, Signaalstap
from contractbeheer.services import signalen as services
from tests.beveiliging.test_admin import EIGEN_SCHERMEN, _waarden
from tests.beveiliging.wereld import bouw_wereld

from ._gesprekken import gemeente_medewerker, wereld

pytestmark = pytest.mark.django_db

GEMEENTE_SCHERMEN = {"contractbeheer_admin_signaal_doorgeven", "contractbeheer_admin_mijn_signalen",
                     "contractbeheer_admin_mijn_signaal", "contractbeheer_admin_signalen_register"}


@pytest.fixture
def beveiligingswereld(aanbieder, aanbieder_beheerder, andere_aanbieder, andere_beheerder, contractmanager):
    return bouw_wereld(org=aanbieder, beheerder=aanbieder_beheerder, andere_org=andere_aanbieder,
                       andere_beheerder=andere_beheerder, contractmanager=contractmanager)


def test_gemeente_komt_op_geen_ander_adminscherm(staff_client, beveiligingswereld):
    w = beveiligingswereld
    consulent = gemeente_medewerker(w.aanbesteding.regio)
    client = staff_client(consulent)
    fouten, bekeken = [], 0
    for url in EIGEN_SCHERMEN:
        if url.naam in GEMEENTE_SCHERMEN:
            continue
        pad = url.pad(_waarden(url, w))
        for methode in ("get", "post"):
            antwoord = getattr(client, methode)(pad)
            bekeken += 1
            status = antwoord.status_code
            if status == 302:
                if antwoord["Location"] not in (reverse("wagtailadmin_home"),) and "login" not in antwoord["Location"]:
                    fouten.append(f"{methode} {url.naam}: naar {antwoord['Location']}")
            elif status not in (403, 404, 405):
                fouten.append(f"{methode} {url.naam}: {status}")
    assert bekeken > 100
    assert not fouten, "\n".join(fouten)
    # the world's signal (reported by the contract manager) is not the consulent's either
    assert client.get(reverse("contractbeheer_admin_mijn_signaal", args=[w.signaal.pk])).status_code == 404


def test_eigen_schermen_en_menu(staff_client, regio_a, regio_b):
    w = wereld(regio_a, regio_b)
    consulent = gemeente_medewerker(regio_a)
    client = staff_client(consulent)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for naam in ("contractbeheer_admin_signaal_doorgeven", "contractbeheer_admin_mijn_signalen",
                 "contractbeheer_admin_signalen_register"):
        assert reverse(naam) in home, naam
        assert client.get(reverse(naam)).status_code == 200, naam
    # none of the bureau's menus
    assert f'"{reverse("contractbeheer_admin_signalen")}"' not in home
    assert f'"{reverse("contractbeheer_admin_werklijst")}"' not in home
    register = client.get(reverse("contractbeheer_admin_signalen_register")).content.decode()
    assert f"/procedures/{w.mlo.slug}/register/" in register
    assert f"/procedures/{w.b_mlo.slug}/register/" not in register


def test_bureau_ziet_het_gemeentemenu_niet_maar_wel_de_signalen(staff_client, regio_a, regio_b, contractmanager_a):
    wereld(regio_a, regio_b)
    home = staff_client(contractmanager_a).get(reverse("wagtailadmin_home")).content.decode()
    assert f'"{reverse("contractbeheer_admin_signalen")}"' in home
    assert f'"{reverse("contractbeheer_admin_signalen_register")}"' not in home


def test_alleen_eigen_signalen_zonder_interne_stappen(staff_client, regio_a, regio_b, contractmanager_a):
    w = wereld(regio_a, regio_b)
    consulent, collega = gemeente_medewerker(regio_a), gemeente_medewerker(regio_a)
    gegevens = {"organisatie": w.ovk.organisatie, "gemeente": w.gemeenten[0], "bron": "gemeente", "trap": 3,
                "omschrijving": "Afspraken niet nagekomen na aanspreken.", "kenmerk_melder": "ST-1"}
    eigen = services.signaal_doorgeven(onderwerp="EIGEN-signaal", door=consulent, **gegevens)
    van_collega = services.signaal_doorgeven(onderwerp="COLLEGA-signaal", door=collega, **gegevens)
    services.signaal_triage(signaal=eigen, ernst="hoog", behandelaar=contractmanager_a, door=contractmanager_a,
                            toelichting="GEHEIM-triage")
    services.signaal_notitie(signaal=eigen, tekst="GEHEIM-notitie", door=contractmanager_a)
    services.signaal_besproken(signaal=eigen, tekst="GEHEIM-aanbieder", door=contractmanager_a)
    services.signaal_terugkoppelen(signaal=eigen, terugkoppeling="OPENBAAR-terugkoppeling", door=contractmanager_a)
    client = staff_client(consulent)
    lijst = client.get(reverse("contractbeheer_admin_mijn_signalen")).content.decode()
    assert "EIGEN-signaal" in lijst and "COLLEGA-signaal" not in lijst
    detail = client.get(reverse("contractbeheer_admin_mijn_signaal", args=[eigen.pk])).content.decode()
    assert "OPENBAAR-terugkoppeling" in detail and "In behandeling" in detail
    assert "GEHEIM" not in detail
    assert "Hoog" not in detail  # the bureau's seriousness is internal
    assert client.get(reverse("contractbeheer_admin_mijn_signaal", args=[van_collega.pk])).status_code == 404
    # and the bureau's detail of the own signal stays closed
    antwoord = client.get(reverse("contractbeheer_admin_signaal", args=[eigen.pk]))
    assert antwoord.status_code in (302, 403) and "GEHEIM" not in antwoord.content.decode()
    assert Signaalstap.objects.filter(signaal=eigen, intern=True).count() == 3


def test_formulier_toont_alleen_de_eigen_regio_en_bewaart_bij_fout(staff_client, regio_a, regio_b):
    w = wereld(regio_a, regio_b)
    client = staff_client(gemeente_medewerker(regio_a))
    url = reverse("contractbeheer_admin_signaal_doorgeven")
    form = client.get(url).context["form"]
    assert set(form.fields["organisatie"].queryset) == {w.ovk.organisatie, w.andere_ovk.organisatie}
    assert set(form.fields["gemeente"].queryset) == set(w.gemeenten)
    assert [k for k, _ in form.fields["bron"].choices] == ["gemeente", "verwijzer", "client"]
    assert "schaalt op binnen het eigen team" in form.fields["trap"].help_text
    data = {"organisatie": w.ovk.organisatie.pk, "gemeente": w.gemeenten[0].pk, "bron": "gemeente", "trap": "3",
            "onderwerp": "Plan ontbreekt", "omschrijving": "Geen plan na drie verzoeken.", "kenmerk_melder": "111222333"}
    antwoord = client.post(url, data)
    assert antwoord.status_code == 200 and not Signaal.objects.exists()
    tekst = antwoord.content.decode()
    assert "burgerservicenummer" in tekst and "Geen plan na drie verzoeken." in tekst
    # another region's provider or municipality is not a valid choice
    antwoord = client.post(url, {**data, "kenmerk_melder": "ST-9", "organisatie": w.b_ovk.organisatie.pk})
    assert "organisatie" in antwoord.context["form"].errors
    antwoord = client.post(url, {**data, "kenmerk_melder": "ST-9", "gemeente": w.b_gemeenten[0].pk})
    assert "gemeente" in antwoord.context["form"].errors
    antwoord = client.post(url, {**data, "kenmerk_melder": "ST-9"})
    s = Signaal.objects.get()
    assert antwoord["Location"] == reverse("contractbeheer_admin_mijn_signaal", args=[s.pk])
    assert s.regio == regio_a and s.kenmerk_melder == "ST-9"
