"""Only a beheerder manages members; the last beheerder can be neither removed nor demoted (issue 2)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditRegel
from organisaties import permissions, selectors, services
from organisaties.models import Lidmaatschap, Rol
from tests.factories import LidmaatschapFactory, UserFactory

from ._hulp import auditregels, enige_auditregel, geen_audit

pytestmark = pytest.mark.django_db


def _lid(user):
    return Lidmaatschap.objects.get(user=user)


def test_promoveren_tot_beheerder_met_audit_oud_en_nieuw(aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    lid = services.lid_rol_wijzigen(lid=_lid(aanbieder_medewerker), rol=Rol.BEHEERDER, door=aanbieder_beheerder)
    assert lid.rol == Rol.BEHEERDER
    regel = enige_auditregel(aanbieder, "lid.rol_gewijzigd")
    assert regel.oude_waarden == {"rol": "medewerker"}
    assert regel.nieuwe_waarden == {"rol": "beheerder"}
    assert regel.actor == aanbieder_beheerder


def test_rol_naar_zelfde_rol_wordt_geaudit_zonder_verschil(aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    services.lid_rol_wijzigen(lid=_lid(aanbieder_medewerker), rol=Rol.MEDEWERKER, door=aanbieder_beheerder)
    regel = enige_auditregel(aanbieder, "lid.rol_gewijzigd")
    # audit() keeps only what changed: nothing changed
    assert regel.oude_waarden == {} and regel.nieuwe_waarden == {}


def test_beheerder_mag_zichzelf_degraderen_als_er_een_tweede_is(aanbieder, aanbieder_beheerder):
    tweede = LidmaatschapFactory(organisatie=aanbieder, rol=Rol.BEHEERDER)
    services.lid_rol_wijzigen(lid=_lid(aanbieder_beheerder), rol=Rol.MEDEWERKER, door=aanbieder_beheerder)
    assert _lid(aanbieder_beheerder).rol == Rol.MEDEWERKER
    # now the second one is the last beheerder
    with pytest.raises(ValidationError, match="minstens één beheerder"):
        services.lid_rol_wijzigen(lid=tweede, rol=Rol.MEDEWERKER, door=tweede.user)


def test_laatste_beheerder_degraderen_geweigerd_zonder_audit(aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    voor = geen_audit()
    with pytest.raises(ValidationError) as fout:
        services.lid_rol_wijzigen(lid=_lid(aanbieder_beheerder), rol=Rol.MEDEWERKER, door=aanbieder_beheerder)
    assert fout.value.messages == ["Een organisatie houdt minstens één beheerder."]
    assert _lid(aanbieder_beheerder).rol == Rol.BEHEERDER
    assert AuditRegel.objects.count() == voor


def test_laatste_beheerder_verwijderen_geweigerd_zonder_audit(aanbieder, aanbieder_beheerder):
    voor = geen_audit()
    with pytest.raises(ValidationError, match="minstens één beheerder"):
        services.lid_verwijderen(lid=_lid(aanbieder_beheerder), door=aanbieder_beheerder)
    assert Lidmaatschap.objects.filter(user=aanbieder_beheerder).exists()
    assert AuditRegel.objects.count() == voor


def test_beheerder_van_andere_organisatie_telt_niet_mee(aanbieder, aanbieder_beheerder, andere_beheerder):
    """A beheerder elsewhere does not keep this organisation manageable."""
    with pytest.raises(ValidationError):
        services.lid_verwijderen(lid=_lid(aanbieder_beheerder), door=aanbieder_beheerder)


def test_onbekende_rol_geweigerd(aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    with pytest.raises(ValidationError, match="Kies beheerder of medewerker"):
        services.lid_rol_wijzigen(lid=_lid(aanbieder_medewerker), rol="baas", door=aanbieder_beheerder)
    assert _lid(aanbieder_medewerker).rol == Rol.MEDEWERKER
    assert not auditregels(aanbieder, "lid.rol_gewijzigd")


def test_verwijderen_met_audit_van_wie_en_welke_rol(aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    services.lid_verwijderen(lid=_lid(aanbieder_medewerker), door=aanbieder_beheerder)
    assert not Lidmaatschap.objects.filter(user=aanbieder_medewerker).exists()
    regel = enige_auditregel(aanbieder, "lid.verwijderd")
    assert regel.oude_waarden == {"lid": aanbieder_medewerker.email, "rol": "medewerker"}
    assert regel.actor == aanbieder_beheerder
    # the account itself remains; only the membership goes
    aanbieder_medewerker.refresh_from_db()


@pytest.mark.parametrize("actie", ["rol", "verwijderen"])
def test_medewerker_beheert_geen_leden(aanbieder, aanbieder_beheerder, aanbieder_medewerker, actie):
    voor = geen_audit()
    with pytest.raises(PermissionDenied, match="Alleen een beheerder"):
        if actie == "rol":
            services.lid_rol_wijzigen(lid=_lid(aanbieder_beheerder), rol=Rol.MEDEWERKER, door=aanbieder_medewerker)
        else:
            services.lid_verwijderen(lid=_lid(aanbieder_beheerder), door=aanbieder_medewerker)
    assert AuditRegel.objects.count() == voor


def test_beheerder_van_b_beheert_geen_leden_van_a(aanbieder, aanbieder_medewerker, andere_beheerder):
    with pytest.raises(PermissionDenied):
        services.lid_verwijderen(lid=_lid(aanbieder_medewerker), door=andere_beheerder)
    with pytest.raises(PermissionDenied):
        services.lid_rol_wijzigen(lid=_lid(aanbieder_medewerker), rol=Rol.BEHEERDER, door=andere_beheerder)


def test_anonieme_gebruiker_beheert_niets(aanbieder, aanbieder_medewerker):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.lid_verwijderen(lid=_lid(aanbieder_medewerker), door=AnonymousUser())


# --- organisatie registreren / bijwerken -----------------------------------------------------------------

def test_registreren_audit_bevat_alle_gegevens(db):
    from ._hulp import GELDIG

    user = UserFactory()
    org = services.organisatie_registreren(door=user, **GELDIG)
    regel = enige_auditregel(org, "organisatie.geregistreerd")
    # The group KvK (art. 2:24b BW, issue 19) is optional: recorded empty when not given.
    assert regel.nieuwe_waarden == GELDIG | {"groep_kvk": ""}
    assert regel.actor == user
    assert permissions.is_beheerder(user, org)


def test_registreren_met_fout_nummer_bewaart_niets(db):
    from django.contrib.auth.models import AnonymousUser

    from organisaties.models import Organisatie

    from ._hulp import GELDIG

    with pytest.raises(ValidationError) as fout:
        services.organisatie_registreren(door=UserFactory(), **{**GELDIG, "agb_code": "123"})
    assert "precies 8 cijfers" in fout.value.message_dict["agb_code"][0]
    with pytest.raises(PermissionDenied, match="Log eerst in"):
        services.organisatie_registreren(door=AnonymousUser(), **GELDIG)
    assert not Organisatie.objects.exists()
    assert not Lidmaatschap.objects.exists()
    assert not AuditRegel.objects.exists()


def test_kvk_wijziging_geweigerd_zonder_audit_en_ongewijzigd(aanbieder, aanbieder_beheerder):
    oud = aanbieder.kvk_nummer
    with pytest.raises(ValidationError) as fout:
        services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_beheerder, kvk_nummer="87654321",
                                       plaats="Bussum")
    assert "nieuwe rechtspersoon" in fout.value.message_dict["kvk_nummer"][0]
    aanbieder.refresh_from_db()
    assert aanbieder.kvk_nummer == oud and aanbieder.plaats == "Hilversum"
    assert not auditregels(aanbieder, "organisatie.bijgewerkt")


def test_zelfde_kvk_meesturen_mag(aanbieder, aanbieder_beheerder):
    services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_beheerder, kvk_nummer=aanbieder.kvk_nummer,
                                   naam="Nieuwe Naam B.V.")
    regel = enige_auditregel(aanbieder, "organisatie.bijgewerkt")
    assert regel.oude_waarden == {"naam": "Zorgkracht Gooi B.V."}
    assert regel.nieuwe_waarden == {"naam": "Nieuwe Naam B.V."}


def test_bijwerken_met_ongeldige_agb_slaat_niets_op(aanbieder, aanbieder_beheerder):
    with pytest.raises(ValidationError):
        services.organisatie_bijwerken(organisatie=aanbieder, door=aanbieder_beheerder, agb_code="12")
    aanbieder.refresh_from_db()
    assert aanbieder.agb_code != "12"
    assert not auditregels(aanbieder, "organisatie.bijgewerkt")


# --- permissions en selectors ----------------------------------------------------------------------------

def test_permissies_per_rol(aanbieder, aanbieder_beheerder, aanbieder_medewerker, andere_aanbieder):
    from django.contrib.auth.models import AnonymousUser

    assert permissions.is_lid(aanbieder_medewerker, aanbieder)
    assert not permissions.is_beheerder(aanbieder_medewerker, aanbieder)
    assert permissions.kan_leden_beheren(aanbieder_beheerder, aanbieder)
    assert not permissions.is_lid(aanbieder_beheerder, andere_aanbieder)
    assert permissions.lidmaatschap(AnonymousUser(), aanbieder) is None
    assert permissions.lidmaatschap(aanbieder_beheerder, None) is None




def test_leden_van_op_email_gesorteerd(aanbieder):
    for email in ["c@zorg.example", "a@zorg.example", "b@zorg.example"]:
        LidmaatschapFactory(organisatie=aanbieder, user=UserFactory(email=email))
    assert [lid.user.email for lid in selectors.leden_van(aanbieder)] == [
        "a@zorg.example", "b@zorg.example", "c@zorg.example"]


def test_open_uitnodigingen_van_alleen_eigen_en_open(aanbieder, aanbieder_beheerder, andere_aanbieder,
                                                      andere_beheerder):
    open_ = services.lid_uitnodigen(organisatie=aanbieder, email="a@x.example", rol=Rol.MEDEWERKER,
                                    door=aanbieder_beheerder)
    weg = services.lid_uitnodigen(organisatie=aanbieder, email="b@x.example", rol=Rol.MEDEWERKER,
                                  door=aanbieder_beheerder)
    services.uitnodiging_intrekken(uitnodiging=weg, door=aanbieder_beheerder)
    services.lid_uitnodigen(organisatie=andere_aanbieder, email="c@x.example", rol=Rol.MEDEWERKER,
                            door=andere_beheerder)
    assert list(selectors.open_uitnodigingen_van(aanbieder)) == [open_]
