"""Invitations: by e-mail with a role, accepted only by the invited verified address, once, before expiry."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from core import kalender
from core.models import AuditRegel
from organisaties import services
from organisaties.models import UITNODIGING_GELDIG, Lidmaatschap, Rol, Uitnodiging
from organisaties.tasks import verlopen_uitnodigingen_opruimen
from tests.factories import UserFactory

from ._hulp import enige_auditregel, geen_audit

pytestmark = pytest.mark.django_db

NU = kalender.nu().replace(year=2026, month=3, day=2, hour=9, minute=0, second=0, microsecond=0)


def _nodig_uit(org, door, email="nieuw@zorg.example", rol=Rol.MEDEWERKER):
    return services.lid_uitnodigen(organisatie=org, email=email, rol=rol, door=door)


@time_machine.travel(NU, tick=False)
def test_uitnodiging_geldt_veertien_dagen_en_wordt_geaudit(aanbieder, aanbieder_beheerder):
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder, email="  Nieuw@Zorg.Example ", rol=Rol.BEHEERDER)
    assert uitnodiging.email == "nieuw@zorg.example"
    assert uitnodiging.rol == Rol.BEHEERDER
    assert uitnodiging.verloopt_op == NU + timedelta(days=14) == NU + UITNODIGING_GELDIG
    assert uitnodiging.uitgenodigd_door == aanbieder_beheerder
    regel = enige_auditregel(aanbieder, "lid.uitgenodigd")
    assert regel.actor == aanbieder_beheerder
    assert regel.nieuwe_waarden == {"email": "nieuw@zorg.example", "rol": "beheerder"}
    assert regel.oude_waarden == {}


def test_uitnodiging_verstuurt_mail_met_link_naar_het_invited_adres(aanbieder, aanbieder_beheerder, settings,
                                                                      django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://portaal.regio.example"
    with django_capture_on_commit_callbacks(execute=True):
        uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder)
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["nieuw@zorg.example"]
    assert aanbieder.naam in bericht.subject
    assert f"https://portaal.regio.example/mijn/uitnodiging/{uitnodiging.token}/" in bericht.body


def test_tokens_zijn_uniek_en_lang(aanbieder, aanbieder_beheerder):
    a = _nodig_uit(aanbieder, aanbieder_beheerder, email="a@zorg.example")
    b = _nodig_uit(aanbieder, aanbieder_beheerder, email="b@zorg.example")
    assert a.token != b.token
    assert len(a.token) >= 40


def test_onbekende_rol_geweigerd_zonder_audit(aanbieder, aanbieder_beheerder):
    voor = geen_audit()
    with pytest.raises(ValidationError) as fout:
        _nodig_uit(aanbieder, aanbieder_beheerder, rol="eigenaar")
    assert fout.value.message_dict == {"rol": ["Kies beheerder of medewerker."]}
    assert not Uitnodiging.objects.exists()
    assert AuditRegel.objects.count() == voor


def test_bestaand_lid_hoofdletterongevoelig_geweigerd(aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    voor = geen_audit()
    with pytest.raises(ValidationError) as fout:
        _nodig_uit(aanbieder, aanbieder_beheerder, email=aanbieder_medewerker.email.upper())
    assert fout.value.message_dict["email"] == [f"{aanbieder_medewerker.email} is al lid van {aanbieder}."]
    assert AuditRegel.objects.count() == voor


def test_nieuwe_uitnodiging_mag_na_verlopen_oude(aanbieder, aanbieder_beheerder):
    with time_machine.travel(NU, tick=False):
        _nodig_uit(aanbieder, aanbieder_beheerder)
    with time_machine.travel(NU + UITNODIGING_GELDIG + timedelta(seconds=1), tick=False):
        _nodig_uit(aanbieder, aanbieder_beheerder)
    assert Uitnodiging.objects.filter(email="nieuw@zorg.example").count() == 2


def test_medewerker_nodigt_niet_uit_en_er_komt_geen_audit(aanbieder, aanbieder_medewerker):
    voor = geen_audit()
    with pytest.raises(PermissionDenied, match="Alleen een beheerder"):
        _nodig_uit(aanbieder, aanbieder_medewerker)
    assert AuditRegel.objects.count() == voor
    assert not Uitnodiging.objects.exists()


def test_beheerder_van_andere_organisatie_nodigt_niet_uit(aanbieder, andere_beheerder):
    with pytest.raises(PermissionDenied):
        _nodig_uit(aanbieder, andere_beheerder)


# --- accepteren ------------------------------------------------------------------------------------------

def test_accepteren_geeft_de_uitgenodigde_rol_en_audit(aanbieder, aanbieder_beheerder):
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder, rol=Rol.BEHEERDER)
    nieuw = UserFactory(email="nieuw@zorg.example")
    with time_machine.travel(NU, tick=False):
        lid = services.uitnodiging_accepteren(token=uitnodiging.token, door=nieuw)
    assert lid.rol == Rol.BEHEERDER and lid.organisatie == aanbieder and lid.user == nieuw
    uitnodiging.refresh_from_db()
    assert uitnodiging.geaccepteerd_op == NU
    assert uitnodiging.geaccepteerd_door == nieuw
    assert not uitnodiging.is_open
    regel = enige_auditregel(aanbieder, "lid.toegetreden")
    assert regel.actor == nieuw
    assert regel.nieuwe_waarden == {"email": "nieuw@zorg.example", "rol": "beheerder"}


def test_ander_bevestigd_adres_van_dezelfde_gebruiker_telt(aanbieder, aanbieder_beheerder):
    """Only the invited address counts, but it may be a second verified address of the account."""
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder, email="werk@zorg.example")
    user = UserFactory(email="prive@thuis.example")
    EmailAddress.objects.create(user=user, email="Werk@Zorg.example", verified=True, primary=False)
    services.uitnodiging_accepteren(token=uitnodiging.token, door=user)
    assert Lidmaatschap.objects.filter(user=user, organisatie=aanbieder).exists()


def test_ander_adres_geweigerd_met_uitleg_en_zonder_audit(aanbieder, aanbieder_beheerder):
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder)
    voor = geen_audit()
    with pytest.raises(PermissionDenied) as fout:
        services.uitnodiging_accepteren(token=uitnodiging.token, door=UserFactory(email="ander@elders.example"))
    assert "verstuurd aan nieuw@zorg.example" in str(fout.value)
    assert AuditRegel.objects.count() == voor
    uitnodiging.refresh_from_db()
    assert uitnodiging.is_open


def test_onbevestigd_adres_geweigerd(aanbieder, aanbieder_beheerder):
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder)
    user = UserFactory(email="nieuw@zorg.example", geverifieerd=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    with pytest.raises(PermissionDenied):
        services.uitnodiging_accepteren(token=uitnodiging.token, door=user)
    assert not Lidmaatschap.objects.filter(user=user).exists()
    assert not AuditRegel.objects.filter(actie="lid.toegetreden").exists()


def test_verlopen_uitnodiging_geweigerd(aanbieder, aanbieder_beheerder):
    with time_machine.travel(NU, tick=False):
        uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder)
    nieuw = UserFactory(email="nieuw@zorg.example")
    # the last second is still valid, the moment of expiry itself is not (verloopt_op > nu)
    with time_machine.travel(NU + UITNODIGING_GELDIG, tick=False), pytest.raises(ValidationError, match="verlopen"):
        services.uitnodiging_accepteren(token=uitnodiging.token, door=nieuw)
    assert not Lidmaatschap.objects.filter(user=nieuw).exists()
    with time_machine.travel(NU + UITNODIGING_GELDIG - timedelta(seconds=1), tick=False):
        services.uitnodiging_accepteren(token=uitnodiging.token, door=nieuw)
    assert Lidmaatschap.objects.filter(user=nieuw).exists()


def test_gebruikte_uitnodiging_tweede_keer_geweigerd_en_een_auditregel(aanbieder, aanbieder_beheerder):
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder)
    nieuw = UserFactory(email="nieuw@zorg.example")
    services.uitnodiging_accepteren(token=uitnodiging.token, door=nieuw)
    with pytest.raises(ValidationError) as fout:
        services.uitnodiging_accepteren(token=uitnodiging.token, door=nieuw)
    assert fout.value.messages == ["Deze uitnodiging bestaat niet, is verlopen of is al gebruikt."]
    enige_auditregel(aanbieder, "lid.toegetreden")


def test_onbekend_token_geweigerd():
    with pytest.raises(ValidationError, match="bestaat niet"):
        services.uitnodiging_accepteren(token="bestaat-niet", door=UserFactory())


def test_bestaand_lid_accepteert_zonder_rolwijziging(aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    """get_or_create: an invitation as beheerder for someone who became a member meanwhile keeps the role."""
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder, email="later@zorg.example", rol=Rol.BEHEERDER)
    later = UserFactory(email="later@zorg.example")
    Lidmaatschap.objects.create(user=later, organisatie=aanbieder, rol=Rol.MEDEWERKER)
    lid = services.uitnodiging_accepteren(token=uitnodiging.token, door=later)
    assert lid.rol == Rol.MEDEWERKER
    assert Lidmaatschap.objects.filter(user=later).count() == 1


# --- intrekken -------------------------------------------------------------------------------------------

def test_intrekken_audit_met_email(aanbieder, aanbieder_beheerder):
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder)
    with time_machine.travel(NU, tick=False):
        services.uitnodiging_intrekken(uitnodiging=uitnodiging, door=aanbieder_beheerder)
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op == NU
    regel = enige_auditregel(aanbieder, "lid.uitnodiging_ingetrokken")
    assert regel.oude_waarden == {"email": "nieuw@zorg.example"}
    assert regel.actor == aanbieder_beheerder


def test_intrekken_van_gebruikte_uitnodiging_doet_niets(aanbieder, aanbieder_beheerder):
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder)
    services.uitnodiging_accepteren(token=uitnodiging.token, door=UserFactory(email="nieuw@zorg.example"))
    services.uitnodiging_intrekken(uitnodiging=uitnodiging, door=aanbieder_beheerder)
    uitnodiging.refresh_from_db()
    assert uitnodiging.ingetrokken_op is None
    assert not AuditRegel.objects.filter(actie="lid.uitnodiging_ingetrokken").exists()


def test_tweemaal_intrekken_een_auditregel(aanbieder, aanbieder_beheerder):
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder)
    services.uitnodiging_intrekken(uitnodiging=uitnodiging, door=aanbieder_beheerder)
    services.uitnodiging_intrekken(uitnodiging=uitnodiging, door=aanbieder_beheerder)
    enige_auditregel(aanbieder, "lid.uitnodiging_ingetrokken")


def test_medewerker_trekt_niet_in(aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    uitnodiging = _nodig_uit(aanbieder, aanbieder_beheerder)
    with pytest.raises(PermissionDenied):
        services.uitnodiging_intrekken(uitnodiging=uitnodiging, door=aanbieder_medewerker)
    uitnodiging.refresh_from_db()
    assert uitnodiging.is_open


def test_ingetrokken_uitnodiging_maakt_ruimte_voor_nieuwe(aanbieder, aanbieder_beheerder):
    oud = _nodig_uit(aanbieder, aanbieder_beheerder)
    services.uitnodiging_intrekken(uitnodiging=oud, door=aanbieder_beheerder)
    nieuw = _nodig_uit(aanbieder, aanbieder_beheerder)
    assert nieuw.pk != oud.pk
    assert list(Uitnodiging.objects.open()) == [nieuw]


# --- opruimen --------------------------------------------------------------------------------------------

def test_opruimen_trekt_alleen_verlopen_open_uitnodigingen_in(aanbieder, aanbieder_beheerder):
    with time_machine.travel(NU, tick=False):
        verlopen = _nodig_uit(aanbieder, aanbieder_beheerder, email="oud@zorg.example")
        gebruikt = _nodig_uit(aanbieder, aanbieder_beheerder, email="gebruikt@zorg.example")
        services.uitnodiging_accepteren(token=gebruikt.token, door=UserFactory(email="gebruikt@zorg.example"))
    with time_machine.travel(NU + timedelta(days=10), tick=False):
        vers = _nodig_uit(aanbieder, aanbieder_beheerder, email="vers@zorg.example")
    with time_machine.travel(NU + timedelta(days=15), tick=False):
        assert verlopen_uitnodigingen_opruimen() == 1
        assert verlopen_uitnodigingen_opruimen() == 0
    verlopen.refresh_from_db()
    gebruikt.refresh_from_db()
    vers.refresh_from_db()
    assert verlopen.ingetrokken_op is not None
    assert gebruikt.ingetrokken_op is None
    assert vers.ingetrokken_op is None
