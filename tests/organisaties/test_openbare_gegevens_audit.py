"""Issue 11: every change of an organisation's public name or address is audited with old and new values,
by the provider (organisatie.bijgewerkt) and by staff (organisatie.gewijzigd); the register's change
history (overeenkomst.selectors.registerwijzigingen_van) is read from exactly these entries."""

import pytest

from core.models import AuditRegel
from organisaties import services

pytestmark = pytest.mark.django_db

NIEUW = {"naam": "Zorgkracht Midden B.V.", "straat": "Nieuwe Weg 2", "postcode": "1401AB", "plaats": "Bussum"}


def _oud(org):
    return {veld: getattr(org, veld) for veld in NIEUW}


@pytest.mark.parametrize("veld", list(NIEUW))
def test_aanbieder_wijzigt_naam_of_adres_met_oud_en_nieuw(aanbieder, aanbieder_beheerder, veld):
    oud = _oud(aanbieder)[veld]

    services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_beheerder, **{veld: NIEUW[veld]})

    regel = AuditRegel.objects.voor_object(aanbieder).get(actie="organisatie.bijgewerkt")
    assert regel.oude_waarden == {veld: oud}
    assert regel.nieuwe_waarden == {veld: NIEUW[veld]}


@pytest.mark.parametrize("veld", list(NIEUW))
def test_staf_wijzigt_naam_of_adres_met_oud_en_nieuw(aanbieder, contractmanager, veld):
    oud = _oud(aanbieder)[veld]

    services.organisatiegegevens_wijzigen(organisatie=aanbieder, gegevens={veld: NIEUW[veld]}, door=contractmanager)

    regel = AuditRegel.objects.voor_object(aanbieder).get(actie="organisatie.gewijzigd")
    assert regel.oude_waarden == {veld: oud}
    assert regel.nieuwe_waarden == {veld: NIEUW[veld]}


def test_alles_tegelijk_in_een_regel(aanbieder, aanbieder_beheerder):
    oud = _oud(aanbieder)

    services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_beheerder, **NIEUW)

    regel = AuditRegel.objects.voor_object(aanbieder).get(actie="organisatie.bijgewerkt")
    assert regel.oude_waarden == {k: v for k, v in oud.items() if v != NIEUW[k]}
    assert regel.nieuwe_waarden == {k: v for k, v in NIEUW.items() if oud[k] != v}
