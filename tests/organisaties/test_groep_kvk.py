"""The group KvK number on the organisation profile (issue 19; art. 2:24b BW, 003 r.647): optional, 8 digits,
set by the provider's beheerder through the profile form, audited, and read by toetsing to flag related bids."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditRegel
from organisaties import services
from organisaties.forms import OrganisatieForm
from organisaties.models import Organisatie

pytestmark = pytest.mark.django_db


def _profiel(org, **wijziging):
    data = {veld: getattr(org, veld) for veld in OrganisatieForm.Meta.fields}
    data.update(wijziging)
    return data


def test_beheerder_zet_de_groep_kvk_via_het_profiel(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    formulier = client.get(reverse("organisaties:bewerken")).content.decode()
    assert "KvK-nummer van de groep" in formulier
    assert "art. 2:24b BW" in formulier
    antwoord = client.post(reverse("organisaties:bewerken"), _profiel(aanbieder, groep_kvk="30123456"))
    assert antwoord.status_code == 302
    assert Organisatie.objects.get(pk=aanbieder.pk).groep_kvk == "30123456"
    regel = AuditRegel.objects.filter(actie="organisatie.bijgewerkt").latest("pk")
    assert regel.oude_waarden["groep_kvk"] == "" and regel.nieuwe_waarden["groep_kvk"] == "30123456"


def test_ongeldige_groep_kvk_wordt_geweigerd_en_blijft_staan(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:bewerken"), _profiel(aanbieder, groep_kvk="3012345X"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Een KvK-nummer bestaat uit precies 8 cijfers." in html
    assert 'value="3012345X"' in html
    assert Organisatie.objects.get(pk=aanbieder.pk).groep_kvk == ""


def test_groep_kvk_is_optioneel_en_kan_weer_leeg(aanbieder, aanbieder_beheerder):
    services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_beheerder, groep_kvk="30123456")
    services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_beheerder, groep_kvk="")
    assert Organisatie.objects.get(pk=aanbieder.pk).groep_kvk == ""


def test_alleen_een_beheerder_zet_de_groep(aanbieder, aanbieder_medewerker):
    with pytest.raises(PermissionDenied):
        services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_medewerker, groep_kvk="30123456")


def test_service_weigert_een_ongeldige_groep_kvk(aanbieder, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_beheerder, groep_kvk="123")
    assert "groep_kvk" in fout.value.message_dict
