"""organisatiegegevens_wijzigen: staff apply an approved wijzigingsverzoek to the organisation (organisaties owns
the table; overeenkomst calls this service, ADR 0009)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditRegel
from organisaties import services
from organisaties.models import Organisatie

from .test_organisaties import GELDIGE_ORGANISATIE

pytestmark = pytest.mark.django_db


def _gegevens(org):
    return Organisatie.objects.values("contactpersoon", "contact_email", "plaats", "kvk_nummer").get(pk=org.pk)


def test_contractmanager_wijzigt_contactpersoon(aanbieder, contractmanager):
    services.organisatiegegevens_wijzigen(
        organisatie=aanbieder, gegevens={"contactpersoon": "B. Bakker", "contact_email": "b.bakker@zorgkracht.example", "contact_telefoon": ""},
        door=contractmanager, toelichting="Wijzigingsverzoek 7",
    )
    assert _gegevens(aanbieder)["contactpersoon"] == "B. Bakker"
    regel = AuditRegel.objects.get(actie="organisatie.gewijzigd", object_id=str(aanbieder.pk))
    assert set(regel.nieuwe_waarden) == {"contactpersoon", "contact_email"}  # an empty value changes nothing
    assert (regel.actor, regel.toelichting) == (contractmanager, "Wijzigingsverzoek 7")


def test_inkoper_mag_het_ook(aanbieder, inkoper):
    services.organisatiegegevens_wijzigen(organisatie=aanbieder, gegevens={"plaats": "Bussum"}, door=inkoper)
    assert _gegevens(aanbieder)["plaats"] == "Bussum"


@pytest.mark.parametrize("wie", ["aanbieder_beheerder", "beoordelaar"])
def test_anderen_mogen_niet(aanbieder, request, wie):
    voor = _gegevens(aanbieder)
    with pytest.raises(PermissionDenied):
        services.organisatiegegevens_wijzigen(organisatie=aanbieder, gegevens={"plaats": "Bussum"}, door=request.getfixturevalue(wie))
    assert _gegevens(aanbieder) == voor


@pytest.mark.parametrize("gegevens", [{"kvk_nummer": "87654321"}, {"soort": "opdrachtgever"}, {"contact_email": "geen-adres"}])
def test_kvk_soort_of_ongeldige_waarde_geweigerd(aanbieder, contractmanager, gegevens):
    voor = _gegevens(aanbieder)
    with pytest.raises(ValidationError):
        services.organisatiegegevens_wijzigen(organisatie=aanbieder, gegevens=gegevens, door=contractmanager)
    assert _gegevens(aanbieder) == voor
    assert not AuditRegel.objects.filter(actie="organisatie.gewijzigd").exists()


def test_registratie_en_uitnodigingen_worden_geaudit(aanbieder, aanbieder_beheerder):
    from tests.factories import UserFactory

    registrant = UserFactory()
    org = services.organisatie_registreren(door=registrant, **GELDIGE_ORGANISATIE)
    assert AuditRegel.objects.filter(actie="organisatie.geregistreerd", object_id=str(org.pk)).exists()

    ingetrokken = services.lid_uitnodigen(organisatie=aanbieder, email="weg@zorg.example", rol="medewerker", door=aanbieder_beheerder)
    services.uitnodiging_intrekken(uitnodiging=ingetrokken, door=aanbieder_beheerder)
    uitnodiging = services.lid_uitnodigen(organisatie=aanbieder, email="nieuw@zorg.example", rol="medewerker", door=aanbieder_beheerder)
    services.uitnodiging_accepteren(token=uitnodiging.token, door=UserFactory(email="nieuw@zorg.example"))
    acties = list(AuditRegel.objects.filter(object_id=str(aanbieder.pk)).order_by("id").values_list("actie", flat=True))
    assert acties == ["lid.uitgenodigd", "lid.uitnodiging_ingetrokken", "lid.uitgenodigd", "lid.toegetreden"]
