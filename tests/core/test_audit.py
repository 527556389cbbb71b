import pytest
from django.urls import reverse

from core.audit import audit
from core.models import AuditRegel
from tests.factories import OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_audit_legt_wie_wat_wanneer_en_verschil_vast():
    user = UserFactory()
    org = OrganisatieFactory(plaats="Hilversum")
    regel = audit("organisatie.bijgewerkt", org, door=user, oud={"plaats": "Hilversum", "naam": "A"},
                  nieuw={"plaats": "Huizen", "naam": "A"}, toelichting="verhuisd")
    assert regel.actor == user
    assert regel.actor_weergave == user.email
    assert regel.oude_waarden == {"plaats": "Hilversum"}  # unchanged fields are left out
    assert regel.nieuwe_waarden == {"plaats": "Huizen"}
    assert list(AuditRegel.objects.voor_object(org)) == [regel]


def test_systeemactie_zonder_gebruiker():
    regel = audit("taak.uitgevoerd", OrganisatieFactory())
    assert regel.actor is None
    assert regel.actor_weergave == "systeem"


def test_auditregels_zijn_onveranderlijk_en_onverwijderbaar():
    regel = audit("iets", OrganisatieFactory())
    regel.actie = "anders"
    with pytest.raises(PermissionError):
        regel.save()
    with pytest.raises(PermissionError):
        regel.delete()
    with pytest.raises(PermissionError):
        AuditRegel.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditRegel.objects.update(actie="x")
    assert AuditRegel.objects.get().actie == "iets"


def test_account_blijft_herkenbaar_na_verwijderen():
    user = UserFactory(email="weg@zorg.example")
    regel = audit("iets", OrganisatieFactory(), door=user)
    user.delete()
    regel.refresh_from_db()
    assert regel.actor is None
    assert regel.actor_weergave == "weg@zorg.example"


def test_staff_ziet_audittrail_per_object(client, inkoper):
    org = OrganisatieFactory(naam="Audit B.V.")
    audit("organisatie.bijgewerkt", org, door=inkoper, oud={"plaats": "A"}, nieuw={"plaats": "B"})
    client.force_login(inkoper)
    url = reverse("core_audit_object", args=["organisaties", "organisatie", org.pk])
    inhoud = client.get(url).content.decode()
    assert "organisatie.bijgewerkt" in inhoud
    assert "Audit B.V." in inhoud


def test_aanbieder_ziet_geen_audittrail(client, aanbieder_beheerder, aanbieder):
    client.force_login(aanbieder_beheerder)
    url = reverse("core_audit_object", args=["organisaties", "organisatie", aanbieder.pk])
    assert client.get(url).status_code in (302, 403)


def test_beoordelaar_ziet_geen_audittrail(client, beoordelaar, aanbieder):
    client.force_login(beoordelaar)
    antwoord = client.get(reverse("core_audit"))
    # Wagtail turns the refusal into a redirect to the dashboard with a message; the trail is not shown.
    assert antwoord.status_code == 302
    assert antwoord.url == "/admin/"
