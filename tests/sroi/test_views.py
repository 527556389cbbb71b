"""The provider's SROI pages: own organisation only (other organisation -> 404), forms call the services."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from organisaties.portaal import portaal_links
from sroi import services
from sroi.models import SroiActiviteit, Waarderingsregel
from tests.sroi.factories import OvereenkomstFactory, pdf_upload


def _b1(ovk):
    return Waarderingsregel.objects.get(tabel__aanbesteding=ovk.aanbesteding, code="b1")


@pytest.fixture
def activiteit(mlo_overeenkomst, aanbieder_medewerker):
    act = services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=_b1(mlo_overeenkomst), door=aanbieder_medewerker,
        omschrijving="Snuffelstage", startdatum=date(2021, 3, 1), aantal=D("1"), persoon_referentie="K-2021-001",
    )
    services.bewijs_toevoegen(activiteit=act, bestand=pdf_upload(1, "contract.pdf"), soort="contract",
                              door=aanbieder_medewerker)
    return act


def test_link_op_mijn_omgeving():
    assert "sroi:index" in {link.url_naam for link in portaal_links()}


def test_overzicht_toont_eigen_overeenkomst_met_verplichting(client, mlo_overeenkomst, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.get(reverse("sroi:index"))
    assert antwoord.status_code == 200
    assert "Gespecialiseerde Jeugdhulp MLO" in antwoord.content.decode()


def test_andere_organisatie_krijgt_404_op_overeenkomst(client, mlo_overeenkomst, andere_beheerder):
    client.force_login(andere_beheerder)
    assert client.get(reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk])).status_code == 404
    assert client.post(reverse("sroi:omzet", args=[mlo_overeenkomst.pk]), {"jaar": 2020, "omzet": "1"}).status_code == 404
    assert client.get(reverse("sroi:activiteit_nieuw", args=[mlo_overeenkomst.pk])).status_code == 404


def test_andere_organisatie_krijgt_404_op_activiteit_bewijs_en_rapportage(client, activiteit, andere_beheerder):
    client.force_login(andere_beheerder)
    stuk = activiteit.bewijsstukken.get()
    services.rapportages_bijwerken(activiteit.overeenkomst)
    rap = activiteit.overeenkomst.sroi_rapportages.first()
    assert client.get(reverse("sroi:activiteit", args=[activiteit.pk])).status_code == 404
    assert client.get(reverse("sroi:bewijs_downloaden", args=[stuk.pk])).status_code == 404
    assert client.get(reverse("sroi:rapportage", args=[rap.pk])).status_code == 404


def test_niet_ingelogd_naar_inloggen(client, mlo_overeenkomst):
    antwoord = client.get(reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk]))
    assert antwoord.status_code == 302 and "login" in antwoord["Location"]


def test_eigen_bewijs_downloaden(client, activiteit, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.get(reverse("sroi:bewijs_downloaden", args=[activiteit.bewijsstukken.get().pk]))
    assert antwoord.status_code == 200
    assert antwoord["Cache-Control"] == "private, no-store"
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF")


def test_sroi_adviseur_mag_bewijs_downloaden(client, activiteit, sroi_adviseur):
    client.force_login(sroi_adviseur)
    assert client.get(reverse("sroi:bewijs_downloaden", args=[activiteit.bewijsstukken.get().pk])).status_code == 200


def test_contractmanager_mag_geen_sroi_bewijs_zien(client, activiteit, contractmanager):
    client.force_login(contractmanager)
    assert client.get(reverse("sroi:bewijs_downloaden", args=[activiteit.bewijsstukken.get().pk])).status_code == 404


def test_omzet_invullen_via_formulier(client, mlo_overeenkomst, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    client.post(reverse("sroi:omzet", args=[mlo_overeenkomst.pk]), {"jaar": 2020, "omzet": "250000.01", "terug_jaar": 2021})
    pagina = client.get(reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk]) + "?jaar=2021").content.decode()
    assert "€ 12.500,00" in pagina
    assert 'progress max="100" value="0"' in pagina


def test_activiteit_met_bsn_geeft_uitleg(client, mlo_overeenkomst, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(reverse("sroi:activiteit_nieuw", args=[mlo_overeenkomst.pk]), {
        "regel": _b1(mlo_overeenkomst).pk, "omschrijving": "Snuffelstage", "startdatum": "2021-03-01",
        "aantal": "1", "persoon_referentie": "123456782",
    })
    assert antwoord.status_code == 200
    assert "K-2024-017" in antwoord.content.decode()
    assert not SroiActiviteit.objects.exists()


def test_activiteit_registreren_via_formulier(client, mlo_overeenkomst, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(reverse("sroi:activiteit_nieuw", args=[mlo_overeenkomst.pk]), {
        "regel": _b1(mlo_overeenkomst).pk, "omschrijving": "Snuffelstage", "startdatum": "2021-03-01",
        "aantal": "2", "persoon_referentie": "K-2021-002",
    })
    act = SroiActiviteit.objects.get()
    assert antwoord.status_code == 302 and act.waarde == D("600.00")


def test_plan_met_te_veel_paginas_geeft_melding(client, gooi_overeenkomst, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(reverse("sroi:plan", args=[gooi_overeenkomst.pk]), {"bestand": pdf_upload(3)}, follow=True)
    assert "ten hoogste 2 pagina" in antwoord.content.decode()
    assert not gooi_overeenkomst.sroi_plannen.exists()


def test_overeenkomstpagina_aantal_queries_klein_en_groot(client, mlo_overeenkomst, aanbieder_medewerker,
                                                          django_assert_max_num_queries):
    client.force_login(aanbieder_medewerker)
    url = reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk]) + "?jaar=2021"
    client.get(url)  # create the reports once
    with django_assert_max_num_queries(30) as klein:
        client.get(url)
    for i in range(30):
        services.activiteit_registreren(
            overeenkomst=mlo_overeenkomst, regel=_b1(mlo_overeenkomst), door=aanbieder_medewerker,
            omschrijving=f"Stage {i}", startdatum=date(2021, 3, 1), aantal=D("1"),
        )
    with django_assert_max_num_queries(len(klein.captured_queries)):
        client.get(url)


def test_overzicht_aantal_queries_onafhankelijk_van_aantal_overeenkomsten(client, mlo, aanbieder, aanbieder_medewerker,
                                                                          django_assert_max_num_queries):
    client.force_login(aanbieder_medewerker)
    OvereenkomstFactory(aanbesteding=mlo, organisatie=aanbieder)
    with django_assert_max_num_queries(20) as een:
        client.get(reverse("sroi:index"))
    from tests.sroi.factories import AanbestedingFactory, met_regime

    for _ in range(5):
        ander = AanbestedingFactory()
        met_regime(ander, "gooi")
        OvereenkomstFactory(aanbesteding=ander, organisatie=aanbieder)
    with django_assert_max_num_queries(len(een.captured_queries)):
        client.get(reverse("sroi:index"))


def test_afspraaktermijn_mlo_zeven_dagen_verstreken_zonder_plan(client, mlo_overeenkomst, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    inhoud = client.get(reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk])).content.decode()
    assert "uiterlijk 08-01-2020" in inhoud and "termijn is verstreken" in inhoud  # 002 B4 Fase I b: 7 dagen


def test_rapportage_indienen_via_pagina_en_daarna_bevroren(client, mlo_overeenkomst, aanbieder_medewerker):
    import time_machine

    services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=_b1(mlo_overeenkomst), door=aanbieder_medewerker,
        omschrijving="Snuffelstage januari", startdatum=date(2020, 1, 20), aantal=D("1"), persoon_referentie="S-2020-001",
    )
    client.force_login(aanbieder_medewerker)
    with time_machine.travel(date(2020, 5, 6), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
        rap = mlo_overeenkomst.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=1)
        url = reverse("sroi:rapportage", args=[rap.pk])
        assert "Rapportage indienen" in client.get(url).content.decode()
        client.post(url, {"toelichting": "Eerste kwartaal"})
        inhoud = client.get(url).content.decode()
    assert "Snuffelstage januari" in inhoud and "€ 300,00" in inhoud
    assert "Te laat" in inhoud  # deadline 30-04-2020
    assert "Rapportage indienen" not in inhoud
