import pytest
from django.contrib.auth.models import Group

from organisaties.rollen import STAFFGROEPEN, heeft_staffgroep, is_staff_gebruiker, synchroniseer_staffgroepen
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staffgroepen_bestaan_met_admintoegang():
    synchroniseer_staffgroepen()
    for naam in STAFFGROEPEN:
        groep = Group.objects.get(name=naam)
        assert groep.permissions.filter(codename="access_admin").exists(), naam


def test_synchroniseren_is_idempotent():
    synchroniseer_staffgroepen()
    eerst = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    synchroniseer_staffgroepen()
    assert eerst == {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}


def test_inkoper_mag_audit_zien_beoordelaar_niet(staffgroepen):
    inkoper = UserFactory(groepen=["Inkoper"])
    beoordelaar = UserFactory(groepen=["Beoordelaar"])
    assert inkoper.has_perm("core.view_auditregel")
    assert not beoordelaar.has_perm("core.view_auditregel")


def test_staff_herkenning(staffgroepen):
    assert is_staff_gebruiker(UserFactory(groepen=["Redacteur"]))
    assert not is_staff_gebruiker(UserFactory())
    assert heeft_staffgroep(UserFactory(groepen=["SROI-adviseur"]), "SROI-adviseur")
    assert not heeft_staffgroep(UserFactory(groepen=["Redacteur"]), "Inkoper")
