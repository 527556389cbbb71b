"""The provider's own pages read every POST through a form and report refusals through core.berichten
(ADR 0009 §4-5): the 'next' of an organisation switch, invitation errors and refused acceptances."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from organisaties import services
from organisaties.forms import OrganisatieWisselenForm
from organisaties.middleware import SESSIE_SLEUTEL
from organisaties.models import Rol, Uitnodiging
from tests.factories import LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db


def _meldingen(antwoord) -> list[str]:
    return [str(m) for m in get_messages(antwoord.wsgi_request)]


@pytest.fixture
def lid_van_twee(aanbieder, andere_aanbieder):
    user = UserFactory()
    LidmaatschapFactory(user=user, organisatie=aanbieder, rol=Rol.BEHEERDER)
    LidmaatschapFactory(user=user, organisatie=andere_aanbieder, rol=Rol.MEDEWERKER)
    return user


@pytest.mark.parametrize(("volgende", "verwacht"), [
    ("/mijn/sroi/", "/mijn/sroi/"),
    ("https://phishing.example/mijn/", "/mijn/"),
    ("//phishing.example/", "/mijn/"),
    ("", "/mijn/"),
])
def test_wisselen_keert_alleen_binnen_het_portaal_terug(client, lid_van_twee, andere_aanbieder, volgende, verwacht):
    client.force_login(lid_van_twee)
    antwoord = client.post(reverse("organisaties:wisselen", args=[andere_aanbieder.pk]), {"next": volgende})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == (verwacht if verwacht != "/mijn/" else reverse("organisaties:mijn"))
    assert client.session[SESSIE_SLEUTEL] == andere_aanbieder.pk
    assert _meldingen(antwoord) == [f"U werkt nu voor {andere_aanbieder.naam}."]


def test_wisselformulier_weigert_een_te_lange_next():
    form = OrganisatieWisselenForm({"next": "/" + "a" * 2000})
    assert not form.is_valid() and "next" in form.errors
    assert OrganisatieWisselenForm({}).is_valid()


def test_uitnodigen_met_ongeldig_adres_geeft_nederlandse_melding(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:uitnodigen"), {"email": "geen-adres", "rol": "koning"})
    meldingen = _meldingen(antwoord)
    assert "Voer een geldig e-mailadres in." in meldingen
    assert any(m.startswith("Selecteer een geldige keuze") for m in meldingen)
    assert not Uitnodiging.objects.exists()


def test_uitnodiging_accepteren_met_verkeerd_account_geeft_melding(client, aanbieder, aanbieder_beheerder):
    uitnodiging = services.lid_uitnodigen(organisatie=aanbieder, email="collega@example.org", rol=Rol.MEDEWERKER,
                                          door=aanbieder_beheerder)
    anders = UserFactory(email="iemand-anders@example.org")
    client.force_login(anders)
    antwoord = client.post(reverse("organisaties:uitnodiging", args=[uitnodiging.token]))
    assert antwoord.status_code == 200
    meldingen = _meldingen(antwoord)
    assert len(meldingen) == 1 and meldingen[0]  # the service's own reason, not an empty or joined text
    assert not aanbieder.lidmaatschappen.filter(user=anders).exists()


def test_laatste_beheerder_verwijderen_geeft_melding(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    lid = aanbieder.lidmaatschappen.get(user=aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:lid_verwijderen", args=[lid.pk]))
    assert antwoord["Location"] == reverse("organisaties:leden")
    assert len(_meldingen(antwoord)) == 1
    assert aanbieder.lidmaatschappen.filter(pk=lid.pk).exists()
