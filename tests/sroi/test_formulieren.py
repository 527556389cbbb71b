"""The SROI pages as a user meets them: who gets in, CSRF on every POST, and forms that refuse bad input with a
Dutch message while storing nothing. Provider pages under mijn/sroi/, the adviser's screens in the Wagtail admin."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core.models import AuditRegel
from sroi import services
from sroi.models import SroiActiviteit, SroiBewijsstuk, SroiOmzet, SroiPlan, SroiRapportage, SroiRegime
from tests.sroi.conftest import AMS, regel_van
from tests.sroi.factories import AanbestedingFactory, pdf_upload


def _meldingen(antwoord) -> list[str]:
    return [str(m) for m in get_messages(antwoord.wsgi_request)]


@pytest.fixture
def aanbieder_client(client, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    return client


@pytest.fixture
def adviseur_client(client, sroi_adviseur):
    client.force_login(sroi_adviseur)
    return client


@pytest.fixture
def rapportage_ingediend(q1_2020, indienen):
    return indienen(q1_2020)


# ----------------------------------------------------------------------------------------------------- CSRF


def test_omzet_post_zonder_csrf_token_geweigerd(mlo_overeenkomst, aanbieder_medewerker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(reverse("sroi:omzet", args=[mlo_overeenkomst.pk]), {"jaar": 2020, "omzet": "300000"})
    assert antwoord.status_code == 403
    assert not SroiOmzet.objects.exists()


def test_activiteit_verwijderen_zonder_csrf_token_geweigerd(registreer, aanbieder_medewerker):
    act = registreer("b1")
    client = Client(enforce_csrf_checks=True)
    client.force_login(aanbieder_medewerker)
    assert client.post(reverse("sroi:activiteit_verwijderen", args=[act.pk])).status_code == 403
    assert SroiActiviteit.objects.filter(pk=act.pk).exists()


def test_plan_beoordelen_zonder_csrf_token_geweigerd(ingediend_plan, sroi_adviseur):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sroi_adviseur)
    antwoord = client.post(reverse("sroi_admin_plan_beoordelen", args=[ingediend_plan.pk]), {"besluit": "goedkeuren"})
    assert antwoord.status_code == 403
    assert SroiPlan.objects.get(pk=ingediend_plan.pk).status == SroiPlan.Status.INGEDIEND


def test_formulier_met_csrf_token_wordt_verwerkt(mlo_overeenkomst, aanbieder_medewerker):
    """The positive control of the tests above: the page's own token lets the same POST through."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(aanbieder_medewerker)
    client.get(reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk]))
    token = client.cookies["csrftoken"].value
    client.post(reverse("sroi:omzet", args=[mlo_overeenkomst.pk]),
                {"jaar": 2020, "omzet": "300000", "csrfmiddlewaretoken": token})
    assert mlo_overeenkomst.sroi_omzetten.get(jaar=2020).omzet == D("300000.00")


@pytest.mark.parametrize("methode", ["get", "put"])
def test_alleen_post_op_de_actie_urls(aanbieder_client, registreer, methode):
    act = registreer("b1")
    antwoord = getattr(aanbieder_client, methode)(reverse("sroi:activiteit_verwijderen", args=[act.pk]))
    assert antwoord.status_code == 405
    assert SroiActiviteit.objects.filter(pk=act.pk).exists()


# ------------------------------------------------------------------------------------ provider: permissions


def test_andere_aanbieder_krijgt_404_op_plan_en_verwijderen(client, gooi_overeenkomst, ingediend_plan, registreer,
                                                             andere_beheerder):
    act = registreer("b1")
    client.force_login(andere_beheerder)
    assert client.post(reverse("sroi:plan", args=[gooi_overeenkomst.pk]), {"bestand": pdf_upload(1)}).status_code == 404
    assert client.get(reverse("sroi:plan_downloaden", args=[ingediend_plan.pk])).status_code == 404
    assert client.post(reverse("sroi:activiteit_verwijderen", args=[act.pk])).status_code == 404
    assert SroiPlan.objects.count() == 1 and SroiActiviteit.objects.filter(pk=act.pk).exists()


def test_andere_aanbieder_kan_geen_rapportage_indienen(client, q1_2020, andere_beheerder):
    client.force_login(andere_beheerder)
    with time_machine.travel(datetime(2020, 4, 2, 12, 0, tzinfo=AMS), tick=False):
        antwoord = client.post(reverse("sroi:rapportage", args=[q1_2020.pk]), {"toelichting": "x"})
    assert antwoord.status_code == 404
    assert SroiRapportage.objects.get(pk=q1_2020.pk).status == SroiRapportage.Status.OPEN


def test_andere_aanbieder_kan_geen_bewijs_uploaden(client, c_activiteit, andere_beheerder):
    client.force_login(andere_beheerder)
    antwoord = client.post(reverse("sroi:activiteit", args=[c_activiteit.pk]), {"soort": "factuur", "bestand": pdf_upload(1)})
    assert antwoord.status_code == 404
    assert not SroiBewijsstuk.objects.exists()


def test_eigen_plan_downloaden_als_pdf(aanbieder_client, ingediend_plan):
    antwoord = aanbieder_client.get(reverse("sroi:plan_downloaden", args=[ingediend_plan.pk]))
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF")


def test_sroi_adviseur_mag_plan_downloaden_maar_inkoper_niet(client, ingediend_plan, sroi_adviseur, inkoper):
    url = reverse("sroi:plan_downloaden", args=[ingediend_plan.pk])
    client.force_login(sroi_adviseur)
    assert client.get(url).status_code == 200
    client.force_login(inkoper)
    assert client.get(url).status_code == 404


def test_gebruiker_zonder_organisatie_ziet_geen_overeenkomsten(client, mlo_overeenkomst):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    antwoord = client.get(reverse("sroi:index"))
    assert antwoord.status_code == 200 and "Gespecialiseerde Jeugdhulp MLO" not in antwoord.content.decode()
    assert client.get(reverse("sroi:rapportage", args=[1])).status_code == 404
    assert client.get(reverse("sroi:activiteit", args=[1])).status_code == 404


# ---------------------------------------------------------------------------------- provider: form refusals


@pytest.mark.parametrize("gegevens", [
    {"jaar": 2020, "omzet": "-5"},
    {"jaar": "twintig", "omzet": "300000"},
    {"jaar": 2020, "omzet": "veel"},
    {"jaar": 2020},
])
def test_ongeldige_omzet_geeft_melding_en_slaat_niets_op(aanbieder_client, mlo_overeenkomst, gegevens):
    antwoord = aanbieder_client.post(reverse("sroi:omzet", args=[mlo_overeenkomst.pk]), {**gegevens, "terug_jaar": 2021})
    assert antwoord.status_code == 302 and antwoord["Location"].endswith("?jaar=2021")
    assert _meldingen(antwoord) == ["Vul een geldig jaar en een bedrag van ten minste € 0 in."]
    assert not SroiOmzet.objects.exists()


def test_omzet_buiten_looptijd_geeft_servicemelding(aanbieder_client, mlo_overeenkomst):
    antwoord = aanbieder_client.post(reverse("sroi:omzet", args=[mlo_overeenkomst.pk]), {"jaar": 2030, "omzet": "1"})
    assert _meldingen(antwoord) == ["Het jaar 2030 valt buiten de looptijd van de overeenkomst (2019-2023)."]
    assert not SroiOmzet.objects.exists()


def test_omzet_opgeslagen_met_melding_en_terug_naar_het_jaar(aanbieder_client, mlo_overeenkomst):
    antwoord = aanbieder_client.post(reverse("sroi:omzet", args=[mlo_overeenkomst.pk]),
                                     {"jaar": 2020, "omzet": "412000", "terug_jaar": 2021})
    assert antwoord["Location"] == reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk]) + "?jaar=2021"
    assert _meldingen(antwoord) == ["De omzet over 2020 is opgeslagen."]


def test_overeenkomstpagina_geeft_terugjaar_mee_in_het_omzetformulier(aanbieder_client, mlo_overeenkomst):
    inhoud = aanbieder_client.get(reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk]) + "?jaar=2022").content.decode()
    assert 'name="terug_jaar" value="2022"' in inhoud
    assert inhoud.count('name="terug_jaar"') == 1
    # MLO tests the threshold on the year before (002 art. 17.1), so the form proposes 2021.
    assert 'name="jaar" value="2021"' in inhoud


def test_plan_zonder_bestand_geeft_melding(aanbieder_client, gooi_overeenkomst):
    antwoord = aanbieder_client.post(reverse("sroi:plan", args=[gooi_overeenkomst.pk]), {})
    assert _meldingen(antwoord) == ["Kies een PDF-bestand met het plan van aanpak."]
    assert not SroiPlan.objects.exists()


def test_plan_ingediend_via_pagina(aanbieder_client, gooi_overeenkomst):
    antwoord = aanbieder_client.post(reverse("sroi:plan", args=[gooi_overeenkomst.pk]), {"bestand": pdf_upload(2)})
    assert _meldingen(antwoord) == ["Het plan van aanpak is ingediend. De SROI-adviseur beoordeelt het."]
    assert gooi_overeenkomst.sroi_plannen.get().paginas == 2


def _activiteit_post(client, ovk, **gegevens):
    basis = {"regel": regel_van(ovk.aanbesteding, "b1").pk, "omschrijving": "Snuffelstage", "startdatum": "2021-03-01",
             "aantal": "1"}
    return client.post(reverse("sroi:activiteit_nieuw", args=[ovk.pk]), {**basis, **gegevens})


@pytest.mark.parametrize(("gegevens", "melding"), [
    ({"omschrijving": ""}, "Dit is een verplicht veld."),
    ({"startdatum": "31-02-2021"}, "Voer een geldige datum in."),
    ({"aantal": "-1"}, "Zorg ervoor dat deze waarde minstens 0 is."),
    ({"regel": "999999"}, "Selecteer een geldige keuze"),
    ({"einddatum": "2021-02-01"}, "De einddatum ligt vóór de startdatum."),
    ({"startdatum": "2024-02-01"}, "Het jaar 2024 valt buiten de looptijd"),
    ({"regel": "d1", "aantal": "4"}, "reistijd telt niet mee"),
])
def test_activiteitformulier_weigert_met_nederlandse_melding(aanbieder_client, mlo_overeenkomst, gegevens, melding):
    if gegevens.get("regel") == "d1":
        gegevens["regel"] = regel_van(mlo_overeenkomst.aanbesteding, "d1").pk
    antwoord = _activiteit_post(aanbieder_client, mlo_overeenkomst, **gegevens)
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not SroiActiviteit.objects.exists()
    assert not AuditRegel.objects.filter(actie="sroi.activiteit_geregistreerd").exists()


def test_activiteitformulier_biedt_alleen_regels_van_de_eigen_procedure(aanbieder_client, mlo_overeenkomst, gooi):
    gooi_regel = regel_van(gooi, "mvo")
    antwoord = _activiteit_post(aanbieder_client, mlo_overeenkomst, regel=gooi_regel.pk, aantal="3")
    assert "Selecteer een geldige keuze" in antwoord.content.decode()
    assert not SroiActiviteit.objects.exists()


def test_bewijs_met_verkeerd_type_geweigerd_op_de_pagina(aanbieder_client, c_activiteit):
    zip_bestand = SimpleUploadedFile("factuur.zip", b"PK\x03\x04" + b"\0" * 100, content_type="application/zip")
    antwoord = aanbieder_client.post(reverse("sroi:activiteit", args=[c_activiteit.pk]),
                                     {"soort": "factuur", "bestand": zip_bestand})
    assert antwoord.status_code == 200 and 'class="errorlist"' in antwoord.content.decode()
    assert not SroiBewijsstuk.objects.exists()


def test_bewijs_met_onbekende_soort_geweigerd(aanbieder_client, c_activiteit):
    antwoord = aanbieder_client.post(reverse("sroi:activiteit", args=[c_activiteit.pk]),
                                     {"soort": "selfie", "bestand": pdf_upload(1)})
    assert "Selecteer een geldige keuze" in antwoord.content.decode()
    assert not SroiBewijsstuk.objects.exists()


def test_bewijs_toegevoegd_via_pagina(aanbieder_client, c_activiteit):
    antwoord = aanbieder_client.post(reverse("sroi:activiteit", args=[c_activiteit.pk]),
                                     {"soort": "factuur", "bestand": pdf_upload(1, "factuur.pdf")})
    assert antwoord.status_code == 302
    assert c_activiteit.bewijsstukken.get().originele_naam == "factuur.pdf"


def test_activiteit_verwijderen_via_pagina(aanbieder_client, registreer):
    act = registreer("b1")
    antwoord = aanbieder_client.post(reverse("sroi:activiteit_verwijderen", args=[act.pk]))
    assert antwoord["Location"].endswith("?jaar=2021")
    assert _meldingen(antwoord) == ["De activiteit is verwijderd."]
    assert not SroiActiviteit.objects.filter(pk=act.pk).exists()


def test_beoordeelde_activiteit_verwijderen_geeft_melding(aanbieder_client, c_activiteit, sroi_adviseur):
    services.activiteit_beoordelen(activiteit=c_activiteit, goedkeuren=True, door=sroi_adviseur)
    antwoord = aanbieder_client.post(reverse("sroi:activiteit_verwijderen", args=[c_activiteit.pk]))
    assert antwoord["Location"] == reverse("sroi:activiteit", args=[c_activiteit.pk])
    assert _meldingen(antwoord) == [
        "Deze activiteit is al gerapporteerd of beoordeeld en kan niet meer worden verwijderd."]
    assert SroiActiviteit.objects.filter(pk=c_activiteit.pk).exists()


def test_lopende_periode_indienen_geeft_melding(aanbieder_client, mlo_overeenkomst):
    with time_machine.travel(datetime(2020, 3, 10, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
        rap = mlo_overeenkomst.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=1)
        antwoord = aanbieder_client.post(reverse("sroi:rapportage", args=[rap.pk]), {"toelichting": ""})
    assert _meldingen(antwoord) == ["De periode loopt nog tot en met 31-03-2020; dien daarna in."]
    assert SroiRapportage.objects.get(pk=rap.pk).status == SroiRapportage.Status.OPEN


def test_tweede_indiening_via_pagina_geeft_melding(aanbieder_client, rapportage_ingediend):
    antwoord = aanbieder_client.post(reverse("sroi:rapportage", args=[rapportage_ingediend.pk]), {"toelichting": "nog eens"})
    assert _meldingen(antwoord) == ["Deze rapportage is al ingediend."]
    assert SroiRapportage.objects.get(pk=rapportage_ingediend.pk).toelichting == ""


# ---------------------------------------------------------------------------------------- admin: permissions


def _admin_urls(plan, act, rap):
    return [
        ("get", reverse("sroi_admin_dashboard")),
        ("get", reverse("sroi_admin_plannen")),
        ("post", reverse("sroi_admin_plan_beoordelen", args=[plan.pk])),
        ("get", reverse("sroi_admin_activiteiten")),
        ("post", reverse("sroi_admin_activiteit_beoordelen", args=[act.pk])),
        ("get", reverse("sroi_admin_rapportages")),
        ("get", reverse("sroi_admin_rapportage", args=[rap.pk])),
        ("post", reverse("sroi_admin_rapportage", args=[rap.pk])),
        ("get", reverse("sroi_admin_omzet_import")),
        ("get", reverse("sroi_admin_regime_laden")),
        ("post", reverse("sroi_admin_regime_laden")),
    ]


@pytest.mark.parametrize("persona", ["inkoper", "contractmanager", "beoordelaar", "redacteur"])
def test_staf_zonder_sroi_rol_wordt_overal_weggestuurd(client, persona, request, ingediend_plan, c_activiteit,
                                                      rapportage_ingediend):
    client.force_login(request.getfixturevalue(persona))
    for methode, url in _admin_urls(ingediend_plan, c_activiteit, rapportage_ingediend):
        antwoord = getattr(client, methode)(url, {"besluit": "goedkeuren", "actie": "verifieren"})
        # Wagtail turns PermissionDenied in an admin view into a redirect to the admin home with a message.
        assert (antwoord.status_code, antwoord["Location"]) == (302, "/admin/"), url
    assert SroiPlan.objects.get(pk=ingediend_plan.pk).status == SroiPlan.Status.INGEDIEND
    assert SroiActiviteit.objects.get(pk=c_activiteit.pk).status == SroiActiviteit.Status.GEREGISTREERD
    assert SroiRapportage.objects.get(pk=rapportage_ingediend.pk).status == SroiRapportage.Status.INGEDIEND


def test_aanbieder_komt_in_geen_enkel_sroi_adminscherm(aanbieder_client, ingediend_plan, c_activiteit, rapportage_ingediend):
    for methode, url in _admin_urls(ingediend_plan, c_activiteit, rapportage_ingediend):
        antwoord = getattr(aanbieder_client, methode)(url, {"besluit": "goedkeuren"})
        assert antwoord.status_code in (302, 403), url
        assert antwoord.status_code == 403 or "login" in antwoord["Location"] or antwoord["Location"] == "/admin/"
    assert SroiPlan.objects.get(pk=ingediend_plan.pk).status == SroiPlan.Status.INGEDIEND


def test_niet_ingelogd_naar_inloggen_voor_adminscherm(client, db):
    antwoord = client.get(reverse("sroi_admin_dashboard"))
    assert antwoord.status_code == 302 and "login" in antwoord["Location"]


def test_onbekend_plan_geeft_404(adviseur_client):
    assert adviseur_client.post(reverse("sroi_admin_plan_beoordelen", args=[999999]), {"besluit": "goedkeuren"}).status_code == 404


# -------------------------------------------------------------------------------------- admin: form refusals


@pytest.mark.parametrize("besluit", [None, "misschien"])
def test_plan_beoordelen_zonder_geldig_besluit(adviseur_client, ingediend_plan, besluit):
    gegevens = {"reden": "x"} | ({"besluit": besluit} if besluit else {})
    antwoord = adviseur_client.post(reverse("sroi_admin_plan_beoordelen", args=[ingediend_plan.pk]), gegevens)
    assert antwoord["Location"] == reverse("sroi_admin_plannen")
    assert _meldingen(antwoord) == ["Kies goedkeuren of afwijzen."]
    assert SroiPlan.objects.get(pk=ingediend_plan.pk).status == SroiPlan.Status.INGEDIEND


def test_plan_afwijzen_zonder_reden_via_scherm(adviseur_client, ingediend_plan):
    antwoord = adviseur_client.post(reverse("sroi_admin_plan_beoordelen", args=[ingediend_plan.pk]), {"besluit": "afwijzen"})
    assert _meldingen(antwoord) == ["Geef bij een afwijzing de reden op."]
    assert SroiPlan.objects.get(pk=ingediend_plan.pk).status == SroiPlan.Status.INGEDIEND


def test_plan_afwijzen_met_reden_via_scherm(adviseur_client, ingediend_plan):
    antwoord = adviseur_client.post(reverse("sroi_admin_plan_beoordelen", args=[ingediend_plan.pk]),
                                    {"besluit": "afwijzen", "reden": "Meer dan SMART beloofd"})
    assert _meldingen(antwoord) == ["Het plan is beoordeeld."]
    plan = SroiPlan.objects.get(pk=ingediend_plan.pk)
    assert plan.status == SroiPlan.Status.AFGEWEZEN and plan.reden == "Meer dan SMART beloofd"


def test_al_beoordeeld_plan_opnieuw_beoordelen_geeft_melding(adviseur_client, ingediend_plan, sroi_adviseur):
    services.plan_beoordelen(plan=ingediend_plan, goedkeuren=True, door=sroi_adviseur)
    antwoord = adviseur_client.post(reverse("sroi_admin_plan_beoordelen", args=[ingediend_plan.pk]),
                                    {"besluit": "afwijzen", "reden": "Toch niet"})
    assert _meldingen(antwoord) == ["Dit plan is al beoordeeld."]
    assert SroiPlan.objects.get(pk=ingediend_plan.pk).status == SroiPlan.Status.GOEDGEKEURD


@pytest.mark.parametrize(("waarde", "melding"), [
    ("veel", "Vul de waarde in als bedrag, bijvoorbeeld 1250,00."),
    ("12,50,00", "Vul de waarde in als bedrag, bijvoorbeeld 1250,00."),
    ("-5", "De waarde kan niet negatief zijn."),
    ("NaN", "Vul de waarde in als bedrag, bijvoorbeeld 1250,00."),
])
def test_activiteit_beoordelen_met_ongeldige_waarde(adviseur_client, registreer, waarde, melding):
    act = registreer("d3", omschrijving="Eigen idee", bedrag=D("800"))
    antwoord = adviseur_client.post(reverse("sroi_admin_activiteit_beoordelen", args=[act.pk]),
                                    {"besluit": "goedkeuren", "waarde": waarde})
    assert antwoord["Location"] == reverse("sroi_admin_activiteiten")
    assert _meldingen(antwoord) == [melding]
    opnieuw = SroiActiviteit.objects.get(pk=act.pk)
    assert opnieuw.status == SroiActiviteit.Status.GEREGISTREERD and opnieuw.waarde == D("800.00")


@pytest.mark.parametrize(("waarde", "verwacht"), [("1.250,00", D("1250.00")), ("1250.5", D("1250.50")),
                                                  ("€ 700", D("700.00")), ("", D("800.00"))])
def test_activiteit_beoordelen_leest_nederlandse_bedragen(adviseur_client, registreer, waarde, verwacht):
    act = registreer("d3", omschrijving="Eigen idee", bedrag=D("800"))
    antwoord = adviseur_client.post(reverse("sroi_admin_activiteit_beoordelen", args=[act.pk]),
                                    {"besluit": "goedkeuren", "waarde": waarde})
    assert _meldingen(antwoord) == ["“Eigen idee” is beoordeeld."]
    assert SroiActiviteit.objects.get(pk=act.pk).waarde == verwacht


def test_rapportage_zonder_actie_geweigerd(adviseur_client, rapportage_ingediend):
    antwoord = adviseur_client.post(reverse("sroi_admin_rapportage", args=[rapportage_ingediend.pk]), {"opmerking": "ok"})
    assert _meldingen(antwoord) == ["Kies verifiëren of bewijs opvragen."]
    assert SroiRapportage.objects.get(pk=rapportage_ingediend.pk).status == SroiRapportage.Status.INGEDIEND


def test_bewijs_vragen_zonder_omschrijving_via_scherm(adviseur_client, rapportage_ingediend):
    antwoord = adviseur_client.post(reverse("sroi_admin_rapportage", args=[rapportage_ingediend.pk]),
                                    {"actie": "bewijs", "verzoek": ""})
    assert _meldingen(antwoord) == ["Beschrijf welk bewijs u vraagt."]
    assert SroiRapportage.objects.get(pk=rapportage_ingediend.pk).status == SroiRapportage.Status.INGEDIEND


def test_open_rapportage_verifieren_via_scherm_geweigerd(adviseur_client, q1_2020):
    antwoord = adviseur_client.post(reverse("sroi_admin_rapportage", args=[q1_2020.pk]), {"actie": "verifieren"})
    assert _meldingen(antwoord) == ["Alleen een ingediende rapportage kan worden geverifieerd."]
    assert SroiRapportage.objects.get(pk=q1_2020.pk).status == SroiRapportage.Status.OPEN


def test_verifieren_via_scherm_met_opmerking(adviseur_client, rapportage_ingediend):
    antwoord = adviseur_client.post(reverse("sroi_admin_rapportage", args=[rapportage_ingediend.pk]),
                                    {"actie": "verifieren", "opmerking": "Loonstroken gezien"})
    assert _meldingen(antwoord) == ["De rapportage is geverifieerd."]
    assert SroiRapportage.objects.get(pk=rapportage_ingediend.pk).opmerking == "Loonstroken gezien"


def test_omzet_import_zonder_bestand(adviseur_client, mlo):
    antwoord = adviseur_client.post(reverse("sroi_admin_omzet_import"), {"aanbesteding": mlo.pk})
    assert antwoord.status_code == 200 and "Dit is een verplicht veld." in antwoord.content.decode()
    assert not SroiOmzet.objects.exists()


def test_omzet_import_toont_regelfouten(adviseur_client, mlo_overeenkomst):
    bestand = SimpleUploadedFile("omzet.csv", b"kvk_nummer;jaar;omzet\n00000000;2020;5\n")
    antwoord = adviseur_client.post(reverse("sroi_admin_omzet_import"),
                                    {"aanbesteding": mlo_overeenkomst.aanbesteding.pk, "bestand": bestand})
    assert "Regel 2: geen overeenkomst met KvK-nummer 00000000 in deze procedure." in antwoord.content.decode()
    assert not SroiOmzet.objects.exists()


def test_omzet_import_zonder_kolommen_toont_melding(adviseur_client, mlo):
    bestand = SimpleUploadedFile("omzet.csv", b"naam;bedrag\nx;5\n")
    antwoord = adviseur_client.post(reverse("sroi_admin_omzet_import"), {"aanbesteding": mlo.pk, "bestand": bestand})
    assert "Kolommen ontbreken" in antwoord.content.decode()


def test_omzet_import_biedt_alleen_procedures_met_regime(adviseur_client, mlo):
    zonder = AanbestedingFactory(titel="Procedure zonder SROI")
    bestand = SimpleUploadedFile("omzet.csv", b"kvk_nummer;jaar;omzet\n")
    antwoord = adviseur_client.post(reverse("sroi_admin_omzet_import"), {"aanbesteding": zonder.pk, "bestand": bestand})
    assert "Selecteer een geldige keuze" in antwoord.content.decode()


@pytest.mark.parametrize("gegevens", [{"bron": "gooi", "geldig_vanaf": "morgen"}, {"bron": "utrecht", "geldig_vanaf": "2024-01-01"}])
def test_regime_laden_met_ongeldige_invoer(adviseur_client, gegevens):
    nieuw = AanbestedingFactory()
    antwoord = adviseur_client.post(reverse("sroi_admin_regime_laden"), {"aanbesteding": nieuw.pk, **gegevens})
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Voer een geldige datum in." in inhoud or "Selecteer een geldige keuze" in inhoud
    assert not SroiRegime.objects.filter(aanbesteding=nieuw).exists()


def test_werklijsten_tonen_wat_wacht(adviseur_client, ingediend_plan, c_activiteit, rapportage_ingediend):
    assert "plan.pdf" in adviseur_client.get(reverse("sroi_admin_plannen")).content.decode()
    assert "Catering via Risse" in adviseur_client.get(reverse("sroi_admin_activiteiten")).content.decode()
    assert rapportage_ingediend.naam in adviseur_client.get(reverse("sroi_admin_rapportages")).content.decode()


def test_werklijst_activiteiten_filtert_op_procedure(adviseur_client, c_activiteit, gooi_overeenkomst, aanbieder_medewerker):
    services.activiteit_registreren(overeenkomst=gooi_overeenkomst, regel=regel_van(gooi_overeenkomst.aanbesteding, "mvo"),
                                    door=aanbieder_medewerker, omschrijving="Voedselbank", startdatum=date(2022, 4, 1),
                                    aantal=D("4"))
    inhoud = adviseur_client.get(reverse("sroi_admin_activiteiten"),
                                 {"aanbesteding": gooi_overeenkomst.aanbesteding.pk}).content.decode()
    assert "Voedselbank" in inhoud and "Catering via Risse" not in inhoud
