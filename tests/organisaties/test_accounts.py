"""Sign-up, e-mail verification, MFA for staff, rate limits and password reset (issue 2)."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from organisaties.models import User
from tests.factories import WACHTWOORD, UserFactory

pytestmark = pytest.mark.django_db


def _aanmelden(client, email="nieuw@zorg.example", wachtwoord="Een-Sterk-Wachtwoord-2026"):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": wachtwoord, "password2": wachtwoord}
    )


def test_aanmelden_maakt_account_en_stuurt_bevestigingsmail(client):
    antwoord = _aanmelden(client)
    assert antwoord.status_code == 302
    user = User.objects.get(email="nieuw@zorg.example")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "nieuw@zorg.example" in mail.outbox[0].to


def test_inloggen_zonder_bevestigd_emailadres_kan_niet(client):
    _aanmelden(client)
    client.logout()
    mail.outbox.clear()
    antwoord = client.post(reverse("account_login"), {"login": "nieuw@zorg.example", "password": "Een-Sterk-Wachtwoord-2026"})
    # allauth sends the user to the "verification sent" page instead of logging in
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("organisaties:mijn")).status_code == 302


def test_bevestigen_via_link_uit_mail_geeft_toegang(client):
    _aanmelden(client)
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[0].body).group(0)
    pad = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    client.post(pad)
    assert EmailAddress.objects.get(email="nieuw@zorg.example").verified
    antwoord = client.post(reverse("account_login"), {"login": "nieuw@zorg.example", "password": "Een-Sterk-Wachtwoord-2026"})
    assert antwoord.status_code == 302
    assert client.get(reverse("organisaties:mijn")).status_code == 200


def test_zwak_wachtwoord_wordt_geweigerd(client):
    antwoord = _aanmelden(client, wachtwoord="12345678")
    assert antwoord.status_code == 200
    assert not User.objects.filter(email="nieuw@zorg.example").exists()


def test_inlogpogingen_worden_begrensd(client):
    user = UserFactory(email="doelwit@zorg.example")
    for _ in range(5):
        antwoord = client.post(reverse("account_login"), {"login": user.email, "password": "fout-wachtwoord"})
        assert antwoord.status_code == 200
    antwoord = client.post(reverse("account_login"), {"login": user.email, "password": WACHTWOORD})
    # the sixth attempt within 5 minutes is refused even with the right password
    assert "_auth_user_id" not in client.session
    assert "Te veel inlogpogingen" in antwoord.content.decode()


def test_wachtwoord_vergeten_stuurt_resetmail(client):
    UserFactory(email="vergeten@zorg.example")
    antwoord = client.post(reverse("account_reset_password"), {"email": "vergeten@zorg.example"})
    assert antwoord.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_staff_zonder_mfa_moet_eerst_mfa_instellen(client, staffgroepen):
    user = UserFactory(groepen=["Inkoper"])
    client.force_login(user)
    antwoord = client.get("/admin/")
    assert antwoord.status_code == 302
    assert antwoord.url.startswith(reverse("mfa_activate_totp"))
    # also the provider pages and the public site are closed until MFA is set up
    assert client.get(reverse("organisaties:mijn")).url.startswith(reverse("mfa_activate_totp"))


def test_staff_met_mfa_bereikt_de_backoffice(client, inkoper):
    client.force_login(inkoper)
    assert client.get("/admin/").status_code == 200


def test_aanbieder_hoeft_geen_mfa_en_mag_het_aanzetten(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse("organisaties:mijn")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200
    assert not Authenticator.objects.filter(user=aanbieder_beheerder).exists()


def test_aanbieder_komt_niet_in_de_backoffice(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.get("/admin/")
    assert antwoord.status_code == 302
    assert "/accounts/login/" in antwoord.url


def test_wagtail_login_stuurt_door_naar_allauth(client):
    antwoord = client.get("/admin/login/?next=/admin/pages/")
    assert antwoord.status_code == 302
    assert antwoord.url == "/accounts/login/?next=%2Fadmin%2Fpages%2F"


def test_inloggen_met_totp_code_van_staff(client, inkoper):
    """The real login flow: password, then the TOTP stage of allauth's MFA."""
    from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time

    from tests.conftest import TOTP_GEHEIM

    antwoord = client.post(reverse("account_login"), {"login": inkoper.email, "password": WACHTWOORD})
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    counter = next(iter(yield_hotp_counters_from_time()))
    code = f"{hotp_value(TOTP_GEHEIM, counter):06d}"
    antwoord = client.post(reverse("mfa_authenticate"), {"code": code})
    assert antwoord.status_code == 302
    assert antwoord.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_stelt_totp_in_en_krijgt_herstelcodes(client, staffgroepen):
    """The first login of a staff member: set up TOTP, and recovery codes come with it."""
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, hotp_value, yield_hotp_counters_from_time

    user = UserFactory(groepen=["Contractmanager"])
    client.post(reverse("account_login"), {"login": user.email, "password": WACHTWOORD})
    assert client.get("/admin/").url.startswith(reverse("mfa_activate_totp"))
    # allauth asks for the password once more before a security setting changes
    assert client.get(reverse("mfa_activate_totp")).url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": WACHTWOORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    geheim = client.session[SECRET_SESSION_KEY]
    code = f"{hotp_value(geheim, next(iter(yield_hotp_counters_from_time()))):06d}"
    antwoord = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert antwoord.status_code == 302
    soorten = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert soorten == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/admin/").status_code == 200
