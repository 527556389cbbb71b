"""Leaks outside the object URLs: the sealed round through the audit trail, assessors towards providers, and an
open redirect in the provider portal."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inschrijving import services as inschrijving_services
from tests.inschrijving.factories import AanbestedingFactory, EisFactory, ToetredingsmomentFactory

GEHEIM = "Onze-unieke-werkwijze-XJ42"


@pytest.fixture
def concept_in_open_ronde(aanbieder, aanbieder_beheerder):
    """A draft in a window that closes next week: the digitale kluis is still shut (DOMAIN.md step 3)."""
    ab = AanbestedingFactory(titel="Jeugdhulp lopende ronde")
    nu = timezone.now()
    ToetredingsmomentFactory(aanbesteding=ab, opent_op=nu - timedelta(days=7), sluit_op=nu + timedelta(days=7))
    eis = EisFactory(aanbesteding=ab, code="Plan 1", antwoordtype="tekst")
    insch = inschrijving_services.inschrijving_starten(aanbesteding=ab, organisatie=aanbieder, door=aanbieder_beheerder)
    inschrijving_services.antwoord_opslaan(inschrijving=insch, eis=eis, tekst=GEHEIM, door=aanbieder_beheerder)
    return insch


@pytest.mark.parametrize("persona", ["inkoper", "contractmanager"])
def test_audittrail_toont_niets_uit_een_verzegelde_ronde(client, concept_in_open_ronde, request, persona):
    client.force_login(request.getfixturevalue(persona))
    insch = concept_in_open_ronde
    for url in (reverse("core_audit"), reverse("core_audit", query={"actie": "inschrijving"}),
                reverse("core_audit_object", args=["inschrijving", "inschrijving", insch.pk])):
        antwoord = client.get(url)
        assert antwoord.status_code in (200, 404)
        assert GEHEIM not in antwoord.content.decode(), url


def test_wisselen_stuurt_niet_door_naar_een_ander_domein(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("organisaties:wisselen", args=[aanbieder.pk]), {"next": "https://phishing.example/"})
    assert antwoord.status_code == 302
    assert not antwoord["Location"].startswith(("http://", "https://", "//")), antwoord["Location"]


def test_wisselen_stuurt_wel_door_binnen_het_portaal(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    doel = reverse("inschrijving:lijst")
    antwoord = client.post(reverse("organisaties:wisselen", args=[aanbieder.pk]), {"next": doel})
    assert antwoord["Location"] == doel


def test_besluit_is_pas_zichtbaar_na_verzenden(client, wereld):
    """A decision taken but not yet sent (the Inkoper still checks it) is not the provider's yet."""
    from toetsing.models import Besluit

    Besluit.objects.filter(pk=wereld.besluit.pk).update(status=Besluit.Status.GENOMEN, verzonden_op=None)
    client.force_login(wereld.beheerder)
    assert client.get(reverse("toetsing:mijn_besluit", args=[wereld.besluit.pk])).status_code == 404
    assert client.get(reverse("toetsing:mijn_besluitbrief", args=[wereld.besluit.pk])).status_code == 404
