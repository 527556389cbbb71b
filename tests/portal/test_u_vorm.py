"""Issue 12: the portal addresses its users with "u", also on the pages and in the mails of django-allauth (login,
password reset, verification, two-factor), whose own Dutch catalogue says "je". The portal's catalogue
(portal/locale/nl, first in LOCALE_PATHS) overrides every such entry; a new "je" entry in a later allauth release
fails the first test here."""

import gettext
import re
from pathlib import Path

import allauth
import pytest
from django.core import mail
from django.utils import translation

from tests.portal.po import lees

ROOT = Path(__file__).resolve().parents[2]
EIGEN_PO = ROOT / "portal" / "locale" / "nl" / "LC_MESSAGES" / "django.po"
EIGEN_MO = EIGEN_PO.with_suffix(".mo")
ALLAUTH_PO = Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"
JE = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
PLAATSHOUDER = re.compile(r"%\(\w+\)[sd]|%[sd]|</?\w+[^>]*>")


def _eigen():
    return {r.sleutel: r for r in lees(EIGEN_PO)}


def test_elke_je_vorm_van_allauth_heeft_een_u_vorm():
    eigen = _eigen()
    ontbreekt = [r.msgid[:60] for r in lees(ALLAUTH_PO)
                 if not r.vervallen and any(JE.search(t) for t in r.msgstr.values()) and r.sleutel not in eigen]
    assert ontbreekt == []
    assert len(eigen) >= 90


def test_geen_je_in_de_eigen_vertalingen():
    assert [(r.msgid[:40], t) for r in _eigen().values() for t in r.msgstr.values() if JE.search(t)] == []


def test_plaatshouders_en_html_gelijk_aan_het_origineel():
    for r in _eigen().values():
        for n, tekst in r.msgstr.items():
            bron = r.msgid if n == 0 else r.msgid_plural
            assert sorted(PLAATSHOUDER.findall(tekst)) == sorted(PLAATSHOUDER.findall(bron)), r.msgid[:60]


def test_mo_is_gecompileerd_uit_de_po():
    with open(EIGEN_MO, "rb") as f:
        catalogus = gettext.GNUTranslations(f)
    for r in _eigen().values():
        if r.msgid_plural is not None:
            assert catalogus.ngettext(r.msgid, r.msgid_plural, 1) == r.msgstr[0]
            assert catalogus.ngettext(r.msgid, r.msgid_plural, 2) == r.msgstr[1]
        elif r.msgctxt is not None:
            assert catalogus.pgettext(r.msgctxt, r.msgid) == r.msgstr[0]
        else:
            assert catalogus.gettext(r.msgid) == r.msgstr[0], r.msgid[:60]


def test_django_gebruikt_de_u_vorm():
    with translation.override("nl"):
        assert translation.gettext("Are you sure you want to sign out?") == "Weet u zeker dat u wilt uitloggen?"
        assert translation.gettext("Your password has been changed.") == "Uw wachtwoord is gewijzigd."


@pytest.mark.django_db
def test_pagina_wachtwoord_vergeten_en_de_mail_zeggen_u(client, aanbieder_beheerder):
    pagina = client.get("/accounts/password/reset/").content.decode()
    assert "Vul hieronder uw e-mailadres in" in pagina
    assert not JE.search(re.sub(r"<[^>]+>", " ", pagina.split("<main", 1)[-1]))
    client.post("/accounts/password/reset/", {"email": aanbieder_beheerder.email})
    [bericht] = mail.outbox
    assert "U ontvangt deze e-mail omdat u of iemand anders heeft gevraagd" in bericht.body
    assert not JE.search(bericht.body)


@pytest.mark.django_db
def test_uitloggen_vraagt_met_u(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert "Weet u zeker dat u wilt uitloggen?" in client.get("/accounts/logout/").content.decode()


def _zichtbare_tekst(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S))


@pytest.mark.django_db
def test_geen_je_op_de_accountpaginas(client, aanbieder_beheerder):
    anoniem = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/accounts/password/reset/done/",
               "/accounts/confirm-email/"]
    ingelogd = ["/accounts/password/change/", "/accounts/email/", "/accounts/2fa/", "/accounts/2fa/totp/activate/",
                "/accounts/logout/", "/accounts/reauthenticate/"]
    gevonden = {}
    for url in anoniem + ["-"] + ingelogd:
        if url == "-":
            client.force_login(aanbieder_beheerder)
            continue
        antwoord = client.get(url, follow=True)  # a step that asks to log in again first shows that page
        assert antwoord.status_code == 200, url
        if treffers := JE.findall(_zichtbare_tekst(antwoord.content.decode())):
            gevonden[url] = treffers
    assert gevonden == {}
