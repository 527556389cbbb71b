"""Granting and revoking staff roles per region (organisaties.services.regiorol_toekennen/regiorol_intrekken)."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditRegel
from organisaties.models import Regiorol, StaffRol
from organisaties.regios import bereik
from organisaties.rollen import CONTRACTMANAGER, INKOPER
from organisaties.services import regiorol_intrekken, regiorol_toekennen
from tests.factories import UserFactory
from tests.organisaties._hulp import enige_auditregel, geen_audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def collega(staffgroepen):
    return UserFactory(email="collega@gooi.example")


def test_toekennen_maakt_rol_en_groep(platformbeheerder, collega, regio_a):
    rol = regiorol_toekennen(user=collega, rol=INKOPER, regio=regio_a, door=platformbeheerder)
    assert (rol.user, rol.regio, rol.rol, rol.toegekend_door) == (collega, regio_a, INKOPER, platformbeheerder)
    assert collega.groups.filter(name=INKOPER).exists()
    assert collega.has_perm("aanbesteding.change_aanbesteding")
    assert bereik(collega, INKOPER).ids == {regio_a.pk}


def test_toekennen_wordt_geaudit_met_regio(platformbeheerder, collega, regio_a):
    rol = regiorol_toekennen(user=collega, rol=INKOPER, regio=regio_a, door=platformbeheerder)
    regel = enige_auditregel(rol, "regiorol.toegekend")
    assert regel.actor == platformbeheerder
    assert regel.nieuwe_waarden == {"medewerker": "collega@gooi.example", "rol": INKOPER,
                                    "regio": "Gooi en Vechtstreek"}
    # The entry belongs to the region, so that region's own audit screen shows it.
    assert regel.regio_id == regio_a.pk


def test_toekennen_voor_alle_regios(platformbeheerder, collega, regio_a, regio_b):
    rol = regiorol_toekennen(user=collega, rol=CONTRACTMANAGER, regio=None, door=platformbeheerder)
    assert bereik(collega, CONTRACTMANAGER).alle
    regel = enige_auditregel(rol, "regiorol.toegekend")
    assert regel.nieuwe_waarden["regio"] == "alle regio's"
    assert regel.regio_id is None


def test_toekennen_is_idempotent(platformbeheerder, collega, regio_a):
    eerste = regiorol_toekennen(user=collega, rol=INKOPER, regio=regio_a, door=platformbeheerder)
    tweede = regiorol_toekennen(user=collega, rol=INKOPER, regio=regio_a, door=platformbeheerder)
    assert eerste.pk == tweede.pk
    assert Regiorol.objects.filter(user=collega).count() == 1
    assert AuditRegel.objects.filter(actie="regiorol.toegekend").count() == 1


def test_superuser_mag_toekennen(collega, regio_a, staffgroepen):
    superuser = UserFactory(is_superuser=True)
    regiorol_toekennen(user=collega, rol=INKOPER, regio=regio_a, door=superuser)
    assert Regiorol.objects.filter(user=collega).exists()


@pytest.mark.parametrize("persona", ["inkoper", "inkoper_a", "contractmanager", "aanbieder_beheerder"])
def test_alleen_platformbeheerder_kent_toe(request, persona, collega, regio_a):
    door = request.getfixturevalue(persona)
    voor = geen_audit()
    with pytest.raises(PermissionDenied, match="platformbeheerder"):
        regiorol_toekennen(user=collega, rol=INKOPER, regio=regio_a, door=door)
    assert not Regiorol.objects.filter(user=collega).exists()
    assert not collega.groups.exists()
    assert geen_audit() == voor


def test_inkoper_kan_zichzelf_geen_andere_regio_geven(inkoper_a, regio_b):
    with pytest.raises(PermissionDenied):
        regiorol_toekennen(user=inkoper_a, rol=INKOPER, regio=regio_b, door=inkoper_a)
    assert bereik(inkoper_a, INKOPER).ids == {inkoper_a.regiorollen.get().regio_id}


def test_onbekende_rol_geweigerd(platformbeheerder, collega, regio_a):
    with pytest.raises(ValidationError) as fout:
        regiorol_toekennen(user=collega, rol="Platformbeheerder", regio=regio_a, door=platformbeheerder)
    assert "rol" in fout.value.message_dict
    assert not Regiorol.objects.filter(user=collega).exists()


def test_lid_van_aanbieder_kan_geen_medewerker_worden(platformbeheerder, aanbieder_medewerker, regio_a):
    voor = geen_audit()
    with pytest.raises(ValidationError, match="lid van een zorgaanbieder"):
        regiorol_toekennen(user=aanbieder_medewerker, rol=INKOPER, regio=regio_a, door=platformbeheerder)
    assert not Regiorol.objects.filter(user=aanbieder_medewerker).exists()
    assert not aanbieder_medewerker.groups.exists()
    assert geen_audit() == voor


def test_intrekken_haalt_groep_weg_als_rol_nergens_meer_is(platformbeheerder, collega, regio_a, regio_b):
    rol_a = regiorol_toekennen(user=collega, rol=INKOPER, regio=regio_a, door=platformbeheerder)
    rol_b = regiorol_toekennen(user=collega, rol=INKOPER, regio=regio_b, door=platformbeheerder)
    regiorol_intrekken(regiorol=rol_a, door=platformbeheerder)
    # Still an inkoper in region B: the group stays, region A is gone.
    assert collega.groups.filter(name=INKOPER).exists()
    assert bereik(collega, INKOPER).ids == {regio_b.pk}
    regiorol_intrekken(regiorol=rol_b, door=platformbeheerder)
    assert not collega.groups.filter(name=INKOPER).exists()
    collega = type(collega).objects.get(pk=collega.pk)  # a new request: fresh role and permission caches
    assert bereik(collega, INKOPER).leeg
    assert not collega.has_perm("aanbesteding.change_aanbesteding")


def test_intrekken_wordt_geaudit_met_oude_waarden_en_regio(platformbeheerder, inkoper_b, regio_b):
    rol = Regiorol.objects.get(user=inkoper_b)
    pk = rol.pk
    regiorol_intrekken(regiorol=rol, door=platformbeheerder)
    regel = AuditRegel.objects.get(actie="regiorol.ingetrokken")
    assert regel.object_id == str(pk)
    assert regel.actor == platformbeheerder
    assert regel.oude_waarden == {"medewerker": inkoper_b.email, "rol": INKOPER, "regio": "Midden-Limburg Oost"}
    assert regel.nieuwe_waarden == {}
    assert regel.regio_id == regio_b.pk


def test_andere_rol_blijft_bij_intrekken(platformbeheerder, collega, regio_a):
    inkoop = regiorol_toekennen(user=collega, rol=INKOPER, regio=regio_a, door=platformbeheerder)
    regiorol_toekennen(user=collega, rol=StaffRol.CONTRACTMANAGER, regio=regio_a, door=platformbeheerder)
    regiorol_intrekken(regiorol=inkoop, door=platformbeheerder)
    assert set(collega.groups.values_list("name", flat=True)) == {CONTRACTMANAGER}


@pytest.mark.parametrize("persona", ["inkoper", "inkoper_a"])
def test_alleen_platformbeheerder_trekt_in(request, persona, inkoper_b):
    rol = Regiorol.objects.get(user=inkoper_b)
    voor = geen_audit()
    with pytest.raises(PermissionDenied):
        regiorol_intrekken(regiorol=rol, door=request.getfixturevalue(persona))
    assert Regiorol.objects.filter(pk=rol.pk).exists()
    assert inkoper_b.groups.filter(name=INKOPER).exists()
    assert geen_audit() == voor


def test_groepen_bestaan_ook_zonder_synchronisatie(db, regio_a):
    """The service creates a missing group rather than failing (a fresh database before post_migrate)."""
    Group.objects.filter(name=INKOPER).delete()
    platform = UserFactory()
    platform.groups.add(Group.objects.get_or_create(name="Platformbeheerder")[0])
    collega = UserFactory()
    regiorol_toekennen(user=collega, rol=INKOPER, regio=regio_a, door=platform)
    assert collega.groups.filter(name=INKOPER).exists()
