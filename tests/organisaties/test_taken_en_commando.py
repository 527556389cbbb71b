
"""Invitation mail is idempotent; the demo_totp command prints a valid code only in development."""

from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command

from core import kalender
from organisaties import services
from organisaties.models import Uitnodiging
from organisaties.tasks import verstuur_uitnodiging

pytestmark = pytest.mark.django_db


@pytest.fixture
def uitnodiging(aanbieder, aanbieder_beheerder, django_capture_on_commit_callbacks):
    # capture without running: the test drives the task itself
    with django_capture_on_commit_callbacks(execute=False):
        return services.lid_uitnodigen(organisatie=aanbieder, email="nieuw@zorg.example", rol="medewerker",
                                       door=aanbieder_beheerder)


def test_taak_verstuurt_een_keer(uitnodiging):
    assert verstuur_uitnodiging(uitnodiging.pk) is True
    assert verstuur_uitnodiging(uitnodiging.pk) is False
    assert len(mail.outbox) == 1
    uitnodiging.refresh_from_db()
    assert uitnodiging.verzonden_op is not None


def test_taak_voor_onbekende_uitnodiging_doet_niets(db):
    assert verstuur_uitnodiging(999999) is False
    assert mail.outbox == []


def test_taak_verstuurt_geen_ingetrokken_uitnodiging(uitnodiging, aanbieder_beheerder):
    services.uitnodiging_intrekken(uitnodiging=uitnodiging, door=aanbieder_beheerder)
    assert verstuur_uitnodiging(uitnodiging.pk) is False
    assert mail.outbox == []


def test_taak_verstuurt_geen_verlopen_uitnodiging(uitnodiging):
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(verloopt_op=kalender.nu())
    assert verstuur_uitnodiging(uitnodiging.pk) is False
    assert mail.outbox == []


def test_mislukte_verzending_laat_uitnodiging_ongemarkeerd(uitnodiging, monkeypatch):
    def kapot(*args, **kwargs):
        raise ConnectionRefusedError("mailserver weg")

    monkeypatch.setattr(EmailMessage, "send", kapot)
    with pytest.raises(ConnectionRefusedError):
        verstuur_uitnodiging(uitnodiging.pk)
    uitnodiging.refresh_from_db()
    assert uitnodiging.verzonden_op is None
    monkeypatch.undo()
    assert verstuur_uitnodiging(uitnodiging.pk) is True
    assert len(mail.outbox) == 1


def test_mail_noemt_organisatie_en_rol_in_het_nederlands(uitnodiging, aanbieder):
    verstuur_uitnodiging(uitnodiging.pk)
    bericht = mail.outbox[0]
    assert bericht.subject == f"Uitnodiging voor {aanbieder} op het Open House portaal"
    assert aanbieder.naam in bericht.body


def test_demo_totp_geeft_zes_cijfers_die_totp_accepteert(settings):
    from allauth.mfa.totp.internal.auth import validate_totp_code

    from organisaties.demo import DEMO_TOTP_GEHEIM

    settings.DEMO_DATA_TOEGESTAAN = True
    uit = StringIO()
    call_command("demo_totp", stdout=uit)
    code = uit.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    assert validate_totp_code(DEMO_TOTP_GEHEIM, code)


def test_demo_totp_geweigerd_buiten_ontwikkeling(settings):
    settings.DEMO_DATA_TOEGESTAAN = False
    with pytest.raises(CommandError, match="Alleen beschikbaar in een ontwikkelomgeving"):
        call_command("demo_totp", stdout=StringIO())
