"""The SROI-adviseur's side in the Wagtail admin: dashboard, exports, work lists, permissions, query counts."""

import io
from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from sroi import services
from sroi.models import SroiActiviteit, Waarderingsregel
from tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.sroi.factories import OvereenkomstFactory, pdf_upload

AMS = ZoneInfo("Europe/Amsterdam")


def _regel(aanbesteding, code):
    return Waarderingsregel.objects.get(tabel__aanbesteding=aanbesteding, code=code)


def _aanbieder_met_cijfers(mlo, naam, omzet, gerealiseerd):
    org = OrganisatieFactory(naam=naam)
    lid = LidmaatschapFactory(organisatie=org).user
    ovk = OvereenkomstFactory(aanbesteding=mlo, organisatie=org)
    services.omzet_vastleggen(overeenkomst=ovk, jaar=2020, omzet=D(omzet), door=lid)
    if gerealiseerd:
        services.activiteit_registreren(overeenkomst=ovk, regel=_regel(mlo, "e1"), door=lid, omschrijving="Storting",
                                        startdatum=date(2021, 5, 1), bedrag=D(gerealiseerd))
    return ovk, lid


@pytest.fixture
def drie_aanbieders(mlo):
    return [
        _aanbieder_met_cijfers(mlo, "Klein B.V.", "250000.00", None),  # not obliged
        _aanbieder_met_cijfers(mlo, "Middel B.V.", "300000", "5000"),  # 15.000 - 5.000 = 10.000 gap
        _aanbieder_met_cijfers(mlo, "Groot B.V.", "1000000", "10000"),  # 50.000 - 10.000 = 40.000 gap
    ]


def _dashboard(client, mlo, **extra):
    return client.get(reverse("sroi_admin_dashboard"), {"aanbesteding": mlo.pk, "jaar": 2021, **extra})


def test_dashboard_gesorteerd_op_tekort(client, mlo, drie_aanbieders, sroi_adviseur):
    client.force_login(sroi_adviseur)
    antwoord = _dashboard(client, mlo)
    assert antwoord.status_code == 200
    namen = [c.overeenkomst.organisatie.naam for c, _ in antwoord.context["rijen"]]
    assert namen == ["Groot B.V.", "Middel B.V.", "Klein B.V."]
    assert antwoord.context["totaal_verplichting"] == D("65000.00")
    assert antwoord.context["totaal_gerealiseerd"] == D("15000.00")
    assert antwoord.context["per_categorie"] == [{"regel__categorie": "E", "totaal": D("15000.00"), "aantal": 2}]
    inhoud = antwoord.content.decode()
    assert "<svg" in inhoud and "€ 40.000,00" in inhoud


def test_dashboard_csv_export(client, mlo, drie_aanbieders, sroi_adviseur):
    client.force_login(sroi_adviseur)
    antwoord = _dashboard(client, mlo, formaat="csv")
    assert antwoord["Content-Type"].startswith("text/csv")
    regels = antwoord.content.decode("utf-8-sig").splitlines()
    assert regels[0].startswith("Aanbieder;KvK-nummer;Omzet jaar;Grondslag;Verplichting;Gerealiseerd;Tekort")
    assert regels[1].startswith("Groot B.V.;") and ";1000000,00;50000,00;10000,00;40000,00;" in regels[1]
    assert "E;2;15000,00" in regels


def test_dashboard_xlsx_export(client, mlo, drie_aanbieders, sroi_adviseur):
    client.force_login(sroi_adviseur)
    antwoord = _dashboard(client, mlo, formaat="xlsx")
    wb = load_workbook(io.BytesIO(antwoord.content))
    blad = wb["Aanbieders 2021"]
    assert blad["A2"].value == "Groot B.V." and blad["G2"].value == 40000.0
    assert wb["Per categorie"]["A2"].value == "E"


def test_dashboard_signaleert_tekort_bij_eindrapportage(client, mlo, drie_aanbieders, sroi_adviseur):
    ovk, lid = drie_aanbieders[2]
    with time_machine.travel(datetime(2024, 1, 10, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(ovk)
        services.rapportage_indienen(rapportage=ovk.sroi_rapportages.get(soort="eind"), door=lid)
    client.force_login(sroi_adviseur)
    assert "Tekort bij eindrapportage: overleg en mogelijk een boete" in _dashboard(client, mlo).content.decode()


@pytest.mark.parametrize("persona", ["contractmanager", "inkoper", "beoordelaar"])
def test_andere_staf_geen_toegang_tot_sroi_dashboard(client, mlo, persona, request):
    client.force_login(request.getfixturevalue(persona))
    antwoord = _dashboard(client, mlo)
    # Wagtail turns PermissionDenied in an admin view into a redirect to the admin home with a message.
    assert antwoord.status_code == 302 and antwoord["Location"] == "/admin/"


def test_aanbieder_komt_niet_in_de_backoffice(client, mlo, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert _dashboard(client, mlo).status_code in (302, 403)


def test_dashboard_aantal_queries_klein_en_groot(client, mlo, sroi_adviseur, django_assert_max_num_queries):
    _aanbieder_met_cijfers(mlo, "Een B.V.", "300000", "1000")
    client.force_login(sroi_adviseur)
    _dashboard(client, mlo)
    with django_assert_max_num_queries(25) as klein:
        _dashboard(client, mlo)
    for i in range(25):
        _aanbieder_met_cijfers(mlo, f"Aanbieder {i} B.V.", "400000", "2000")
    with django_assert_max_num_queries(len(klein.captured_queries)):
        antwoord = _dashboard(client, mlo)
    assert len(antwoord.context["rijen"]) == 26


def test_activiteit_goedkeuren_in_werklijst(client, mlo_overeenkomst, aanbieder_medewerker, sroi_adviseur):
    act = services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=_regel(mlo_overeenkomst.aanbesteding, "d3"), door=aanbieder_medewerker,
        omschrijving="Eigen idee: sollicitatietraining", startdatum=date(2021, 4, 1), bedrag=D("800"),
    )
    client.force_login(sroi_adviseur)
    lijst = client.get(reverse("sroi_admin_activiteiten"))
    assert "sollicitatietraining" in lijst.content.decode()
    client.post(reverse("sroi_admin_activiteit_beoordelen", args=[act.pk]), {"besluit": "goedkeuren", "waarde": "650,00"})
    act.refresh_from_db()
    assert act.status == "goedgekeurd" and act.waarde == D("650.00")  # value set by the contactpersoon (002 B4 D)


def test_activiteit_afwijzen_zonder_reden_geweigerd(client, mlo_overeenkomst, aanbieder_medewerker, sroi_adviseur):
    act = services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=_regel(mlo_overeenkomst.aanbesteding, "c1"), door=aanbieder_medewerker,
        omschrijving="Inkoop", startdatum=date(2021, 4, 1), bedrag=D("800"),
    )
    client.force_login(sroi_adviseur)
    antwoord = client.post(reverse("sroi_admin_activiteit_beoordelen", args=[act.pk]), {"besluit": "afwijzen"}, follow=True)
    assert "reden" in antwoord.content.decode()
    assert SroiActiviteit.objects.get(pk=act.pk).status == "geregistreerd"


def test_contractmanager_kan_niet_beoordelen(client, mlo_overeenkomst, aanbieder_medewerker, contractmanager):
    act = services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=_regel(mlo_overeenkomst.aanbesteding, "c1"), door=aanbieder_medewerker,
        omschrijving="Inkoop", startdatum=date(2021, 4, 1), bedrag=D("800"),
    )
    client.force_login(contractmanager)
    antwoord = client.post(reverse("sroi_admin_activiteit_beoordelen", args=[act.pk]), {"besluit": "goedkeuren"})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/admin/"
    assert SroiActiviteit.objects.get(pk=act.pk).status == "geregistreerd"


def test_plan_goedkeuren_in_werklijst(client, gooi_overeenkomst, aanbieder_medewerker, sroi_adviseur):
    plan = services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(2), door=aanbieder_medewerker)
    client.force_login(sroi_adviseur)
    assert plan.originele_naam in client.get(reverse("sroi_admin_plannen")).content.decode()
    client.post(reverse("sroi_admin_plan_beoordelen", args=[plan.pk]), {"besluit": "goedkeuren"})
    plan.refresh_from_db()
    assert plan.status == "goedgekeurd"


def test_rapportage_bewijs_vragen_en_verifieren(client, mlo_overeenkomst, aanbieder_medewerker, sroi_adviseur):
    with time_machine.travel(datetime(2020, 4, 2, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
        rap = services.rapportage_indienen(
            rapportage=mlo_overeenkomst.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=1),
            door=aanbieder_medewerker)
    client.force_login(sroi_adviseur)
    url = reverse("sroi_admin_rapportage", args=[rap.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"actie": "bewijs", "verzoek": "Loonstroken maart"})
    rap.refresh_from_db()
    assert rap.status == "bewijs_gevraagd"
    services.rapportage_indienen(rapportage=rap, door=aanbieder_medewerker, toelichting="Toegevoegd")
    client.post(url, {"actie": "verifieren", "opmerking": "Akkoord"})
    rap.refresh_from_db()
    assert rap.status == "geverifieerd"


def test_omzet_import_in_admin(client, mlo_overeenkomst, aanbieder, sroi_adviseur):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(sroi_adviseur)
    bestand = SimpleUploadedFile("omzet.csv", f"kvk_nummer;jaar;omzet\n{aanbieder.kvk_nummer};2020;300000\n".encode())
    client.post(reverse("sroi_admin_omzet_import"), {"aanbesteding": mlo_overeenkomst.aanbesteding.pk, "bestand": bestand})
    assert mlo_overeenkomst.sroi_omzetten.get(jaar=2020).omzet == D("300000.00")


def test_regime_laden_in_admin(client, sroi_adviseur):
    from tests.sroi.factories import AanbestedingFactory

    nieuw = AanbestedingFactory()
    client.force_login(sroi_adviseur)
    client.post(reverse("sroi_admin_regime_laden"), {"aanbesteding": nieuw.pk, "bron": "gooi", "geldig_vanaf": "2024-01-01"})
    assert nieuw.sroi_regimes.get().plan_max_paginas == 2


def test_sroi_instellingen_snippets_voor_adviseur(client, mlo, sroi_adviseur):
    client.force_login(sroi_adviseur)
    assert client.get(reverse("wagtailsnippets_sroi_waarderingsregel:list")).status_code == 200


def test_plan_beoordelen_uiterlijk_drie_weken_na_indiening(client, gooi_overeenkomst, aanbieder_medewerker, sroi_adviseur):
    with time_machine.travel(datetime(2024, 3, 1, 10, 0, tzinfo=AMS), tick=False):
        services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(2), door=aanbieder_medewerker)
    client.force_login(sroi_adviseur)
    with time_machine.travel(datetime(2024, 3, 25, 10, 0, tzinfo=AMS), tick=False):
        inhoud = client.get(reverse("sroi_admin_plannen")).content.decode()
    assert "beoordelen uiterlijk 22-03-2024 <strong>(verstreken)</strong>" in inhoud  # 003b Bijlage VII: 3 weken


def _werk(mlo, n):
    """n providers, each with a plan awaiting judgement, a C activity with evidence and a submitted report."""
    for i in range(n):
        ovk, lid = _aanbieder_met_cijfers(mlo, f"Werk {i} B.V.", "300000", None)
        services.plan_indienen(overeenkomst=ovk, bestand=pdf_upload(1), door=lid)
        act = services.activiteit_registreren(overeenkomst=ovk, regel=_regel(mlo, "c1"), door=lid, omschrijving="Inkoop",
                                              startdatum=date(2020, 2, 1), bedrag=D("100"))
        services.bewijs_toevoegen(activiteit=act, bestand=pdf_upload(1, "factuur.pdf"), soort="factuur", door=lid)
        with time_machine.travel(datetime(2020, 4, 2, 12, 0, tzinfo=AMS), tick=False):
            services.rapportages_bijwerken(ovk)
            rap = services.rapportage_indienen(
                rapportage=ovk.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=1), door=lid)
    return rap


@pytest.mark.parametrize("naam", ["sroi_admin_plannen", "sroi_admin_activiteiten", "sroi_admin_rapportages"])
def test_werklijsten_aantal_queries_klein_en_groot(client, mlo, sroi_adviseur, naam, django_assert_max_num_queries):
    _werk(mlo, 1)
    client.force_login(sroi_adviseur)
    client.get(reverse(naam))
    with django_assert_max_num_queries(25) as klein:
        assert client.get(reverse(naam)).status_code == 200
    _werk(mlo, 12)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        antwoord = client.get(reverse(naam))
    assert antwoord.content.decode().count("Werk 11 B.V.") >= 1


def test_rapportage_detail_aantal_queries_onafhankelijk_van_activiteiten(client, mlo, sroi_adviseur,
                                                                         django_assert_max_num_queries):
    rap = _werk(mlo, 1)
    client.force_login(sroi_adviseur)
    url = reverse("sroi_admin_rapportage", args=[rap.pk])
    client.get(url)
    with django_assert_max_num_queries(25) as klein:
        client.get(url)
    ovk = rap.overeenkomst
    lid = ovk.organisatie.lidmaatschappen.first().user
    nieuw = services.activiteit_registreren(overeenkomst=ovk, regel=_regel(mlo, "b1"), door=lid, omschrijving="Extra",
                                            startdatum=date(2020, 8, 3), aantal=D("1"))
    services.bewijs_toevoegen(activiteit=nieuw, bestand=pdf_upload(1), soort="contract", door=lid)
    with time_machine.travel(datetime(2020, 10, 2, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(ovk)
        q3 = services.rapportage_indienen(rapportage=ovk.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=3),
                                          door=lid)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        assert "Extra" in client.get(reverse("sroi_admin_rapportage", args=[q3.pk])).content.decode()


def test_werklijst_activiteiten_met_ongeldige_procedure_id(client, sroi_adviseur):
    client.force_login(sroi_adviseur)
    assert client.get(reverse("sroi_admin_activiteiten") + "?aanbesteding=abc").status_code == 200
