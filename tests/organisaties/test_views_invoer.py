"""The provider's pages: permission, CSRF, bad input → Dutch message and nothing stored (issue 2)."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from core.models import AuditRegel
from organisaties import services
from organisaties.middleware import SESSIE_SLEUTEL
from organisaties.models import Lidmaatschap, Organisatie, Rol, Uitnodiging
from organisaties.portaal import PortaalLink, actieve_organisatie_of_404, portaal_links, registreer_link
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

from ._hulp import GELDIG, enige_auditregel

pytestmark = pytest.mark.django_db


def _berichten(antwoord):
    return [str(m) for m in get_messages(antwoord.wsgi_request)]


@pytest.mark.parametrize("naam", ["mijn", "registreren", "bewerken", "leden"])
def test_anoniem_naar_inloggen(client, naam):
    antwoord = client.get(reverse(f"organisaties:{naam}"))
    assert antwoord.status_code == 302
    assert antwoord.url.startswith("/accounts/login/")


@pytest.mark.parametrize(("naam", "args"), [
    ("wisselen", [1]), ("uitnodigen", []), ("lid_rol", [1]), ("lid_verwijderen", [1]),
    ("uitnodiging_intrekken", [1]),
])
def test_schrijvende_paginas_alleen_post(client, aanbieder_beheerder, naam, args):
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse(f"organisaties:{naam}", args=args)).status_code == 405


def test_zonder_organisatie_zijn_leden_en_bewerken_er_niet(client):
    client.force_login(UserFactory())
    assert client.get(reverse("organisaties:leden")).status_code == 404
    assert client.get(reverse("organisaties:bewerken")).status_code == 404
    assert client.post(reverse("organisaties:uitnodigen"), {"email": "a@b.example", "rol": "medewerker"}).status_code == 404
    inhoud = client.get(reverse("organisaties:mijn")).content.decode()
    assert "Registreer uw organisatie" in inhoud


def test_uitnodigen_met_fout_emailadres_nederlandse_melding_en_niets_opgeslagen(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:uitnodigen"), {"email": "geen-adres", "rol": "medewerker"},
                           follow=True)
    assert "Voer een geldig e-mailadres in." in _berichten(antwoord)
    assert not Uitnodiging.objects.exists()
    assert not AuditRegel.objects.filter(actie="lid.uitgenodigd").exists()


def test_uitnodigen_met_onbekende_rol_nederlandse_melding(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:uitnodigen"), {"email": "a@zorg.example", "rol": "eigenaar"})
    assert any("Selecteer een geldige keuze" in b for b in _berichten(antwoord))
    assert not Uitnodiging.objects.exists()


def test_uitnodigen_van_bestaand_lid_toont_servicemelding(client, aanbieder, aanbieder_beheerder,
                                                          aanbieder_medewerker):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:uitnodigen"), {"email": aanbieder_medewerker.email,
                                                                "rol": "beheerder"})
    assert antwoord.status_code == 302
    assert _berichten(antwoord) == [f"{aanbieder_medewerker.email} is al lid van {aanbieder}."]


def test_uitnodigen_gelukt_melding_en_audit(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:uitnodigen"), {"email": "nieuw@zorg.example", "rol": "medewerker"})
    assert _berichten(antwoord) == ["Uitnodiging verstuurd aan nieuw@zorg.example."]
    enige_auditregel(aanbieder, "lid.uitgenodigd")


def test_medewerker_uitnodigen_geeft_403(client, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(reverse("organisaties:uitnodigen"), {"email": "x@zorg.example", "rol": "medewerker"})
    assert antwoord.status_code == 403
    assert not Uitnodiging.objects.exists()


def test_laatste_beheerder_via_view_blijft_met_melding(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    lid = Lidmaatschap.objects.get(user=aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:lid_verwijderen", args=[lid.pk]))
    assert _berichten(antwoord) == ["Een organisatie houdt minstens één beheerder."]
    antwoord = client.post(reverse("organisaties:lid_rol", args=[lid.pk]), {"rol": "medewerker"})
    assert "Een organisatie houdt minstens één beheerder." in _berichten(antwoord)
    lid.refresh_from_db()
    assert lid.rol == Rol.BEHEERDER


def test_rol_wijzigen_met_ongeldige_rol_doet_niets(client, aanbieder_beheerder, aanbieder_medewerker):
    client.force_login(aanbieder_beheerder)
    lid = Lidmaatschap.objects.get(user=aanbieder_medewerker)
    antwoord = client.post(reverse("organisaties:lid_rol", args=[lid.pk]), {"rol": "god"})
    assert antwoord.status_code == 302
    lid.refresh_from_db()
    assert lid.rol == Rol.MEDEWERKER
    assert not AuditRegel.objects.filter(actie="lid.rol_gewijzigd").exists()


def test_uitnodiging_intrekken_via_view(client, aanbieder, aanbieder_beheerder):
    uitnodiging = services.lid_uitnodigen(organisatie=aanbieder, email="x@zorg.example", rol="medewerker",
                                          door=aanbieder_beheerder)
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:uitnodiging_intrekken", args=[uitnodiging.pk]))
    assert _berichten(antwoord) == ["De uitnodiging voor x@zorg.example is ingetrokken."]
    enige_auditregel(aanbieder, "lid.uitnodiging_ingetrokken")
    # the withdrawn invitation no longer shows on the member page
    assert "Openstaande uitnodigingen" not in client.get(reverse("organisaties:leden")).content.decode()


def test_uitnodigingspagina_onbekend_token_404(client):
    client.force_login(UserFactory())
    assert client.get(reverse("organisaties:uitnodiging", args=["onbekend"])).status_code == 404


def test_uitnodigingspagina_toont_rol_en_na_gebruik_uitleg(client, aanbieder, aanbieder_beheerder):
    uitnodiging = services.lid_uitnodigen(organisatie=aanbieder, email="nieuw@zorg.example", rol="beheerder",
                                          door=aanbieder_beheerder)
    nieuw = UserFactory(email="nieuw@zorg.example")
    client.force_login(nieuw)
    inhoud = client.get(reverse("organisaties:uitnodiging", args=[uitnodiging.token])).content.decode()
    assert "U bent uitgenodigd als beheerder" in inhoud
    antwoord = client.post(reverse("organisaties:uitnodiging", args=[uitnodiging.token]))
    assert antwoord.url == reverse("organisaties:mijn")
    assert client.session[SESSIE_SLEUTEL] == aanbieder.pk
    assert _berichten(antwoord) == [f"Welkom bij {aanbieder.naam}."]
    inhoud = client.get(reverse("organisaties:uitnodiging", args=[uitnodiging.token])).content.decode()
    assert "verlopen, ingetrokken of al gebruikt" in inhoud


def test_uitnodiging_door_ander_adres_geeft_melding_zonder_lid(client, aanbieder, aanbieder_beheerder):
    uitnodiging = services.lid_uitnodigen(organisatie=aanbieder, email="nieuw@zorg.example", rol="beheerder",
                                          door=aanbieder_beheerder)
    client.force_login(UserFactory(email="ander@zorg.example"))
    antwoord = client.post(reverse("organisaties:uitnodiging", args=[uitnodiging.token]))
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Log in met dat (bevestigde) e-mailadres" in inhoud
    assert not AuditRegel.objects.filter(actie="lid.toegetreden").exists()


def test_wisselen_met_externe_next_gaat_naar_mijn(client, aanbieder, andere_aanbieder):
    user = UserFactory()
    LidmaatschapFactory(user=user, organisatie=aanbieder)
    LidmaatschapFactory(user=user, organisatie=andere_aanbieder)
    client.force_login(user)
    antwoord = client.post(reverse("organisaties:wisselen", args=[andere_aanbieder.pk]),
                           {"next": "https://phishing.example/mijn/"})
    assert antwoord.url == reverse("organisaties:mijn")
    assert client.session[SESSIE_SLEUTEL] == andere_aanbieder.pk
    assert _berichten(antwoord) == [f"U werkt nu voor {andere_aanbieder.naam}."]
    antwoord = client.post(reverse("organisaties:wisselen", args=[aanbieder.pk]), {"next": "/mijn/leden/"})
    assert antwoord.url == "/mijn/leden/"


def test_bewerken_door_beheerder_slaat_alleen_wijzigingen_op(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    gegevens = {veld: getattr(aanbieder, veld) for veld in GELDIG}
    antwoord = client.post(reverse("organisaties:bewerken"), {**gegevens, "plaats": "Naarden"})
    assert antwoord.status_code == 302
    regel = enige_auditregel(aanbieder, "organisatie.bijgewerkt")
    assert regel.nieuwe_waarden == {"plaats": "Naarden"}


def test_bewerken_met_ander_kvk_toont_melding_en_bewaart_niets(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    gegevens = {veld: getattr(aanbieder, veld) for veld in GELDIG}
    antwoord = client.post(reverse("organisaties:bewerken"), {**gegevens, "kvk_nummer": "87654321",
                                                              "plaats": "Naarden"})
    assert antwoord.status_code == 200
    assert "nieuwe rechtspersoon" in antwoord.content.decode()
    aanbieder.refresh_from_db()
    assert aanbieder.plaats == "Hilversum"
    assert not AuditRegel.objects.filter(actie="organisatie.bijgewerkt").exists()


def test_registreren_toont_formulier_in_het_nederlands(client):
    client.force_login(UserFactory())
    inhoud = client.get(reverse("organisaties:registreren")).content.decode()
    assert "Organisatie registreren" in inhoud
    assert "8 cijfers, zoals op het uittreksel" in inhoud


def test_registreren_met_lege_velden_verplicht_melding(client):
    client.force_login(UserFactory())
    # a browser always sends at least the CSRF field; an entirely empty POST is treated as a GET
    antwoord = client.post(reverse("organisaties:registreren"), {"csrfmiddlewaretoken": "x", "naam": ""})
    assert antwoord.status_code == 200
    assert "Dit is een verplicht veld." in antwoord.content.decode()
    assert not Organisatie.objects.exists()


def test_registreren_zonder_csrf_geweigerd(aanbieder_beheerder):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(UserFactory())
    assert csrf_client.post(reverse("organisaties:registreren"), GELDIG).status_code == 403
    assert not Organisatie.objects.filter(kvk_nummer=GELDIG["kvk_nummer"]).exists()


def test_verwijderen_zonder_csrf_geweigerd(aanbieder_beheerder, aanbieder_medewerker):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(aanbieder_beheerder)
    lid = Lidmaatschap.objects.get(user=aanbieder_medewerker)
    assert csrf_client.post(reverse("organisaties:lid_verwijderen", args=[lid.pk])).status_code == 403
    assert Lidmaatschap.objects.filter(pk=lid.pk).exists()


# --- portaal ---------------------------------------------------------------------------------------------

def test_portaal_links_op_volgorde_en_titel():
    links = portaal_links()
    assert links == sorted(links, key=lambda link: (link.volgorde, link.titel))
    assert {link.url_naam for link in links} >= {"inschrijving:lijst", "overeenkomst:lijst", "sroi:index"}


def test_registreer_link_vervangt_per_url_naam(monkeypatch):
    from organisaties import portaal

    monkeypatch.setattr(portaal, "_LINKS", {})
    registreer_link("B", "organisaties:leden", 10)
    registreer_link("A", "organisaties:mijn", 10)
    registreer_link("Leden", "organisaties:leden", 5)
    assert portaal_links() == [PortaalLink("Leden", "organisaties:leden", 5), PortaalLink("A", "organisaties:mijn", 10)]
    assert portaal_links()[0].url == "/mijn/leden/"


def test_actieve_organisatie_of_404():
    from django.http import Http404
    from django.test import RequestFactory

    verzoek = RequestFactory().get("/")
    verzoek.organisatie = None
    with pytest.raises(Http404):
        actieve_organisatie_of_404(verzoek)
    org = OrganisatieFactory.build()
    verzoek.organisatie = org
    assert actieve_organisatie_of_404(verzoek) is org


def test_mijn_toont_portaal_links(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    inhoud = client.get(reverse("organisaties:mijn")).content.decode()
    for link in portaal_links():
        assert link.url in inhoud
