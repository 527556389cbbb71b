"""Login throttling per account and per IP address (issue 11 item 7).

A regional bureau or a large provider sits behind one NAT address: one mistyping colleague must not
lock out the office. Per account (the e-mail) 5 failures per 5 minutes; per IP address 100 failures per
15 minutes (only a credential-stuffing flood). Limits live in ``ACCOUNT_RATE_LIMITS["login_failed"]``.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from tests.factories import WACHTWOORD, UserFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/login/"
KANTOOR = "10.0.0.1"
ELDERS = "192.0.2.7"
START = datetime(2026, 3, 2, 8, 55, tzinfo=UTC)
TE_VEEL = "Te veel inlogpogingen"


def _inloggen(email, wachtwoord, ip):
    """A fresh browser per attempt: the throttle must not depend on cookies."""
    client = Client()
    antwoord = client.post(URL, {"login": email, "password": wachtwoord}, REMOTE_ADDR=ip)
    return client, antwoord


def _ingelogd(client):
    return "_auth_user_id" in client.session


def _geweigerd(antwoord):
    return antwoord.status_code == 429 or TE_VEEL in antwoord.content.decode()


def test_collega_met_typefouten_sluit_het_kantoor_niet_buiten():
    a, b = UserFactory(email="a@bureau.example"), UserFactory(email="b@bureau.example")
    for _ in range(6):
        client, antwoord = _inloggen(a.email, "fout-wachtwoord", KANTOOR)
        assert not _ingelogd(client)
    client, antwoord = _inloggen(b.email, WACHTWOORD, KANTOOR)
    assert antwoord.status_code == 302
    assert _ingelogd(client)


def test_account_na_vijf_fouten_overal_geblokkeerd():
    a = UserFactory(email="a@bureau.example")
    for _ in range(5):
        client, antwoord = _inloggen(a.email, "fout-wachtwoord", KANTOOR)
        assert antwoord.status_code == 200 and not _geweigerd(antwoord)
    for ip in (KANTOOR, ELDERS):
        client, antwoord = _inloggen(a.email, WACHTWOORD, ip)
        assert not _ingelogd(client)
        assert _geweigerd(antwoord)


def _vloed(traveller, ip, aantal):
    """``aantal`` failures for as many different accounts from one IP, a little over a second apart
    (so the separate "login" limit of 60 POSTs a minute is not what stops them)."""
    for i in range(aantal):
        client, antwoord = _inloggen(f"onbekend{i}@vloed.example", "fout-wachtwoord", ip)
        assert antwoord.status_code == 200, i
        assert not _geweigerd(antwoord), i
        traveller.shift(timedelta(seconds=1.1))


def test_vloed_vanaf_een_ip_wordt_afgeremd_maar_ander_ip_niet():
    b = UserFactory(email="b@bureau.example")
    with time_machine.travel(START, tick=False) as traveller:
        _vloed(traveller, KANTOOR, 100)
        # the 101st attempt from that address is throttled, whatever the account
        client, antwoord = _inloggen("nog-een@vloed.example", "fout-wachtwoord", KANTOOR)
        assert _geweigerd(antwoord)
        client, antwoord = _inloggen(b.email, WACHTWOORD, KANTOOR)
        assert _geweigerd(antwoord) and not _ingelogd(client)
        # from another address the same account logs in
        client, antwoord = _inloggen(b.email, WACHTWOORD, ELDERS)
        assert antwoord.status_code == 302
        assert _ingelogd(client)


def test_na_het_venster_kan_weer_worden_ingelogd():
    a = UserFactory(email="a@bureau.example")
    with time_machine.travel(START, tick=False) as traveller:
        for _ in range(5):
            _inloggen(a.email, "fout-wachtwoord", KANTOOR)
        _vloed(traveller, ELDERS, 100)
        client, antwoord = _inloggen(a.email, WACHTWOORD, KANTOOR)
        assert _geweigerd(antwoord)
        client, antwoord = _inloggen(a.email, WACHTWOORD, ELDERS)
        assert _geweigerd(antwoord)

        traveller.shift(timedelta(minutes=16))
        for ip in (KANTOOR, ELDERS):
            client, antwoord = _inloggen(a.email, WACHTWOORD, ip)
            assert antwoord.status_code == 302, ip
            assert _ingelogd(client), ip
