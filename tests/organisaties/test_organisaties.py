"""Organisations, members and invitations: services and views (issue 2)."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditRegel
from organisaties import services
from organisaties.middleware import SESSIE_SLEUTEL
from organisaties.models import Lidmaatschap, Organisatie, Rol, Uitnodiging
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db

GELDIGE_ORGANISATIE = {
    "naam": "Zorg aan de Vecht B.V.", "kvk_nummer": "12345678", "vestigingsnummer": "000012345678",
    "agb_code": "75991234", "rechtsvorm": "bv", "straat": "Vechtdijk 3", "postcode": "1231 AB",
    "plaats": "Loosdrecht", "contactpersoon": "A. de Vries", "contact_email": "info@vecht.example",
    "contact_telefoon": "035-1234567",
}


# --- registreren -----------------------------------------------------------------------------------------

def test_organisatie_registreren_maakt_registrant_beheerder(client):
    user = UserFactory()
    client.force_login(user)
    antwoord = client.post(reverse("organisaties:registreren"), GELDIGE_ORGANISATIE)
    assert antwoord.status_code == 302
    org = Organisatie.objects.get(kvk_nummer="12345678")
    assert Lidmaatschap.objects.get(user=user, organisatie=org).rol == Rol.BEHEERDER
    assert client.session[SESSIE_SLEUTEL] == org.pk
    assert AuditRegel.objects.voor_object(org).filter(actie="organisatie.geregistreerd").exists()


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("kvk_nummer", "1234567", "precies 8 cijfers"),
        ("kvk_nummer", "1234567a", "precies 8 cijfers"),
        ("vestigingsnummer", "12345678901", "precies 12 cijfers"),
        ("agb_code", "1234567", "precies 8 cijfers"),
        ("agb_code", "123456789", "id=\"id_agb_code_fout\""),
        ("postcode", "0123 AB", "Nederlandse postcode"),
    ],
)
def test_organisatie_nummers_worden_gevalideerd(client, veld, waarde, melding):
    client.force_login(UserFactory())
    antwoord = client.post(reverse("organisaties:registreren"), {**GELDIGE_ORGANISATIE, veld: waarde})
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not Organisatie.objects.exists()


def test_kvk_nummer_is_uniek(client):
    OrganisatieFactory(kvk_nummer="12345678")
    client.force_login(UserFactory())
    antwoord = client.post(reverse("organisaties:registreren"), GELDIGE_ORGANISATIE)
    assert antwoord.status_code == 200
    assert "al een organisatie met dit KvK-nummer" in antwoord.content.decode()
    assert Organisatie.objects.count() == 1


def test_anoniem_kan_geen_organisatie_registreren(client):
    antwoord = client.post(reverse("organisaties:registreren"), GELDIGE_ORGANISATIE)
    assert antwoord.status_code == 302
    assert "/accounts/login/" in antwoord.url
    assert not Organisatie.objects.exists()


def test_kvk_wijzigen_wordt_geweigerd(aanbieder, aanbieder_beheerder):
    with pytest.raises(ValidationError, match="nieuwe rechtspersoon"):
        services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_beheerder, kvk_nummer="87654321")


def test_beheerder_wijzigt_gegevens_met_audit(aanbieder, aanbieder_beheerder):
    services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_beheerder, plaats="Bussum")
    regel = AuditRegel.objects.voor_object(aanbieder).get(actie="organisatie.bijgewerkt")
    assert regel.oude_waarden == {"plaats": "Hilversum"}
    assert regel.nieuwe_waarden == {"plaats": "Bussum"}
    assert regel.actor == aanbieder_beheerder


def test_medewerker_mag_gegevens_niet_wijzigen(client, aanbieder, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    assert client.get(reverse("organisaties:bewerken")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_medewerker, plaats="Bussum")


# --- uitnodigen ------------------------------------------------------------------------------------------

def test_beheerder_nodigt_collega_uit_en_mail_gaat_na_commit(
    client, aanbieder, aanbieder_beheerder, django_capture_on_commit_callbacks
):
    client.force_login(aanbieder_beheerder)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        antwoord = client.post(reverse("organisaties:uitnodigen"), {"email": "Collega@Zorg.example", "rol": "medewerker"})
    assert antwoord.status_code == 302
    # nothing is sent before the transaction commits
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    uitnodiging = Uitnodiging.objects.get()
    assert uitnodiging.email == "collega@zorg.example"
    assert uitnodiging.verzonden_op is not None
    assert len(mail.outbox) == 1
    assert uitnodiging.token in mail.outbox[0].body


def test_medewerker_kan_niet_uitnodigen(client, aanbieder, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    client.post(reverse("organisaties:uitnodigen"), {"email": "x@zorg.example", "rol": "beheerder"})
    assert not Uitnodiging.objects.exists()
    with pytest.raises(PermissionDenied):
        services.lid_uitnodigen(organisatie=aanbieder, email="x@zorg.example", rol="beheerder", door=aanbieder_medewerker)


def test_medewerker_ziet_leden_maar_geen_beheerknoppen(client, aanbieder, aanbieder_medewerker, aanbieder_beheerder):
    client.force_login(aanbieder_medewerker)
    inhoud = client.get(reverse("organisaties:leden")).content.decode()
    assert aanbieder_beheerder.email in inhoud
    assert "Collega uitnodigen" not in inhoud
    assert "Alleen een beheerder" in inhoud


def test_uitnodiging_accepteren_met_juist_bevestigd_adres(client, aanbieder, aanbieder_beheerder):
    uitnodiging = services.lid_uitnodigen(organisatie=aanbieder, email="nieuw@zorg.example", rol="medewerker",
                                          door=aanbieder_beheerder)
    nieuw = UserFactory(email="nieuw@zorg.example")
    client.force_login(nieuw)
    antwoord = client.post(reverse("organisaties:uitnodiging", args=[uitnodiging.token]))
    assert antwoord.status_code == 302
    assert Lidmaatschap.objects.get(user=nieuw, organisatie=aanbieder).rol == Rol.MEDEWERKER
    uitnodiging.refresh_from_db()
    assert uitnodiging.geaccepteerd_op is not None
    # a second use of the same token does nothing
    with pytest.raises(ValidationError):
        services.uitnodiging_accepteren(token=uitnodiging.token, door=nieuw)


def test_uitnodiging_niet_bruikbaar_door_ander_adres(client, aanbieder, aanbieder_beheerder):
    uitnodiging = services.lid_uitnodigen(organisatie=aanbieder, email="nieuw@zorg.example", rol="beheerder",
                                          door=aanbieder_beheerder)
    indringer = UserFactory(email="indringer@elders.example")
    client.force_login(indringer)
    client.post(reverse("organisaties:uitnodiging", args=[uitnodiging.token]))
    assert not Lidmaatschap.objects.filter(user=indringer).exists()


def test_uitnodiging_vereist_bevestigd_adres(aanbieder, aanbieder_beheerder):
    uitnodiging = services.lid_uitnodigen(organisatie=aanbieder, email="nieuw@zorg.example", rol="beheerder",
                                          door=aanbieder_beheerder)
    nieuw = UserFactory(email="nieuw@zorg.example", geverifieerd=False)
    EmailAddress.objects.create(user=nieuw, email=nieuw.email, verified=False, primary=True)
    with pytest.raises(PermissionDenied):
        services.uitnodiging_accepteren(token=uitnodiging.token, door=nieuw)


def test_ingetrokken_uitnodiging_werkt_niet(aanbieder, aanbieder_beheerder):
    uitnodiging = services.lid_uitnodigen(organisatie=aanbieder, email="nieuw@zorg.example", rol="beheerder",
                                          door=aanbieder_beheerder)
    services.uitnodiging_intrekken(uitnodiging=uitnodiging, door=aanbieder_beheerder)
    with pytest.raises(ValidationError):
        services.uitnodiging_accepteren(token=uitnodiging.token, door=UserFactory(email="nieuw@zorg.example"))


def test_dubbele_uitnodiging_en_bestaand_lid_geweigerd(aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    with pytest.raises(ValidationError, match="al lid"):
        services.lid_uitnodigen(organisatie=aanbieder, email=aanbieder_medewerker.email, rol="beheerder",
                                door=aanbieder_beheerder)
    services.lid_uitnodigen(organisatie=aanbieder, email="x@zorg.example", rol="medewerker", door=aanbieder_beheerder)
    with pytest.raises(ValidationError, match="openstaande uitnodiging"):
        services.lid_uitnodigen(organisatie=aanbieder, email="X@zorg.example", rol="medewerker", door=aanbieder_beheerder)


# --- leden beheren ---------------------------------------------------------------------------------------

def test_beheerder_wijzigt_rol_en_verwijdert_lid(client, aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    client.force_login(aanbieder_beheerder)
    lid = Lidmaatschap.objects.get(user=aanbieder_medewerker)
    client.post(reverse("organisaties:lid_rol", args=[lid.pk]), {"rol": "beheerder"})
    lid.refresh_from_db()
    assert lid.rol == Rol.BEHEERDER
    client.post(reverse("organisaties:lid_verwijderen", args=[lid.pk]))
    assert not Lidmaatschap.objects.filter(pk=lid.pk).exists()
    acties = set(AuditRegel.objects.voor_object(aanbieder).values_list("actie", flat=True))
    assert {"lid.rol_gewijzigd", "lid.verwijderd"} <= acties


def test_laatste_beheerder_blijft(aanbieder, aanbieder_beheerder):
    lid = Lidmaatschap.objects.get(user=aanbieder_beheerder)
    with pytest.raises(ValidationError, match="minstens één beheerder"):
        services.lid_rol_wijzigen(lid=lid, rol="medewerker", door=aanbieder_beheerder)
    with pytest.raises(ValidationError, match="minstens één beheerder"):
        services.lid_verwijderen(lid=lid, door=aanbieder_beheerder)


def test_medewerker_kan_geen_rollen_wijzigen(client, aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    lid = Lidmaatschap.objects.get(user=aanbieder_beheerder)
    client.post(reverse("organisaties:lid_rol", args=[lid.pk]), {"rol": "medewerker"})
    client.post(reverse("organisaties:lid_verwijderen", args=[lid.pk]))
    lid.refresh_from_db()
    assert lid.rol == Rol.BEHEERDER


# --- scheiding tussen organisaties ----------------------------------------------------------------------

def test_beheerder_van_a_kan_leden_van_b_niet_aanraken(client, aanbieder_beheerder, andere_aanbieder, andere_beheerder):
    lid_b = Lidmaatschap.objects.get(user=andere_beheerder)
    client.force_login(aanbieder_beheerder)
    assert client.post(reverse("organisaties:lid_rol", args=[lid_b.pk]), {"rol": "medewerker"}).status_code == 404
    assert client.post(reverse("organisaties:lid_verwijderen", args=[lid_b.pk])).status_code == 404
    assert Lidmaatschap.objects.filter(pk=lid_b.pk, rol=Rol.BEHEERDER).exists()


def test_gebruiker_van_a_ziet_niets_van_b(client, aanbieder_beheerder, andere_aanbieder, andere_beheerder):
    client.force_login(aanbieder_beheerder)
    inhoud = client.get(reverse("organisaties:leden")).content.decode()
    assert andere_beheerder.email not in inhoud
    assert andere_aanbieder.naam not in client.get(reverse("organisaties:mijn")).content.decode()
    # switching to an organisation one is not a member of is not found, and the session is unchanged
    assert client.post(reverse("organisaties:wisselen", args=[andere_aanbieder.pk])).status_code == 404
    assert client.session.get(SESSIE_SLEUTEL) != andere_aanbieder.pk


def test_uitnodiging_van_b_intrekken_door_a_kan_niet(client, aanbieder_beheerder, andere_aanbieder, andere_beheerder):
    uitnodiging = services.lid_uitnodigen(organisatie=andere_aanbieder, email="x@b.example", rol="beheerder",
                                          door=andere_beheerder)
    client.force_login(aanbieder_beheerder)
    assert client.post(reverse("organisaties:uitnodiging_intrekken", args=[uitnodiging.pk])).status_code == 404


def test_lid_van_twee_organisaties_wisselt(client, aanbieder, andere_aanbieder):
    user = UserFactory()
    LidmaatschapFactory(user=user, organisatie=aanbieder, rol=Rol.BEHEERDER)
    LidmaatschapFactory(user=user, organisatie=andere_aanbieder, rol=Rol.MEDEWERKER)
    client.force_login(user)
    client.post(reverse("organisaties:wisselen", args=[andere_aanbieder.pk]))
    inhoud = client.get(reverse("organisaties:leden")).content.decode()
    assert f"Leden van {andere_aanbieder.naam}" in inhoud
    assert "Collega uitnodigen" not in inhoud  # medewerker there
    client.post(reverse("organisaties:wisselen", args=[aanbieder.pk]))
    assert "Collega uitnodigen" in client.get(reverse("organisaties:leden")).content.decode()


def test_csrf_wordt_afgedwongen(aanbieder_beheerder):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:uitnodigen"), {"email": "x@zorg.example", "rol": "beheerder"})
    assert antwoord.status_code == 403
    assert not Uitnodiging.objects.exists()


def test_ledenlijst_vast_aantal_queries(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)

    def tel():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("organisaties:leden")).status_code == 200
        return len(ctx.captured_queries)

    LidmaatschapFactory.create_batch(3, organisatie=aanbieder)
    tel()  # warm up: the first request of a session loads it
    weinig = tel()
    LidmaatschapFactory.create_batch(40, organisatie=aanbieder)
    assert tel() == weinig
