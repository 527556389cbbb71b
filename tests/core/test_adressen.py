"""Links in mails use the host the portal is served on (issue 12, ADR 0028, core.adressen): SITE_URL when the
operator set it; otherwise the scheme and host of the request that triggered the work, carried through the outbox
and the Celery message to the worker; a task without either (beat in development) uses the make-run address."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from core import adressen, kalender, taken
from core.models import Uitgaand
from organisaties.models import Uitnodiging
from organisaties.tasks import verstuur_uitnodiging
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _zonder_site_url(settings):
    settings.SITE_URL = ""


@pytest.fixture
def uitnodiging():
    return Uitnodiging.objects.create(organisatie=OrganisatieFactory(), email="collega@zorg.example", rol="medewerker",
                                      verloopt_op=kalender.nu() + timedelta(days=14))


def test_site_url_gaat_voor(settings):
    settings.SITE_URL = "https://portaal.regio.example/"
    token = adressen.zetten("http://127.0.0.1:8104")
    try:
        assert adressen.absolute_url("organisaties:berichten") == "https://portaal.regio.example/mijn/berichten/"
    finally:
        adressen.terugzetten(token)


def test_zonder_site_url_het_adres_van_het_verzoek_anders_make_run():
    assert adressen.basis() == adressen.STANDAARD_BASIS == "http://127.0.0.1:8000"
    token = adressen.zetten("http://127.0.0.1:8104/")
    try:
        assert adressen.absolute_url("organisaties:bericht", 7) == "http://127.0.0.1:8104/mijn/berichten/7/"
        assert adressen.absoluut("/verifieren/") == "http://127.0.0.1:8104/verifieren/"
    finally:
        adressen.terugzetten(token)
    assert adressen.huidig() == ""


@pytest.mark.parametrize("waarde", ["javascript:alert(1)", "http://x.example/pad", "http://a b", "ftp://x.example", ""])
def test_alleen_een_kaal_schema_en_host_wordt_vertrouwd(waarde):
    assert adressen.opschonen(waarde) == ""


def test_middleware_houdt_het_adres_alleen_tijdens_het_verzoek():
    gezien = []
    middleware = adressen.PortaaladresMiddleware(lambda request: gezien.append(adressen.huidig()) or "antwoord")
    verzoek = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8104")
    assert middleware(verzoek) == "antwoord"
    assert gezien == ["http://127.0.0.1:8104"] and adressen.huidig() == ""


def test_mail_uit_een_verzoek_op_8104_linkt_naar_8104(client, aanbieder, aanbieder_beheerder,
                                                      django_capture_on_commit_callbacks):
    """The complaint of issue 12: served on 127.0.0.1:8104 without SITE_URL, the invitation a provider sends
    (view -> service -> outbox -> task -> mail) links to 127.0.0.1:8104."""
    client.force_login(aanbieder_beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("organisaties:uitnodigen"), {"email": "nieuw@zorg.example", "rol": "medewerker"},
                               HTTP_HOST="127.0.0.1:8104")
    assert antwoord.status_code == 302
    (verstuurd,) = mail.outbox
    token = Uitnodiging.objects.get(email="nieuw@zorg.example").token
    assert f"http://127.0.0.1:8104/mijn/uitnodiging/{token}/" in verstuurd.body
    assert "127.0.0.1:8000" not in verstuurd.body
    assert Uitgaand.objects.get().basis_url == "http://127.0.0.1:8104"


def test_de_doorstuurtaak_geeft_het_adres_later_mee(uitnodiging, django_capture_on_commit_callbacks):
    """The relay publishes a row minutes later, outside any request: the mail still links to the host of the
    request that promised it (the row keeps it, the message header carries it, the task sets it)."""
    token = adressen.zetten("http://127.0.0.1:8104")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            taken.na_commit(verstuur_uitnodiging, uitnodiging.pk)
    finally:
        adressen.terugzetten(token)
    assert Uitgaand.objects.get().basis_url == "http://127.0.0.1:8104"
    assert "http://127.0.0.1:8104/mijn/uitnodiging/" in mail.outbox[0].body
    # And again from a row only (no context at all): the header does the work.
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(verzonden_op=None)
    from core.models import VerstuurdeMail

    VerstuurdeMail.objects.all().delete()
    rij = Uitgaand.objects.create(taak=verstuur_uitnodiging.name, args=[uitnodiging.pk], aangemaakt_op=kalender.nu(),
                                  basis_url="http://portaal.lokaal:9000")
    assert adressen.huidig() == ""
    assert taken.publiceren(rij.pk)
    assert "http://portaal.lokaal:9000/mijn/uitnodiging/" in mail.outbox[-1].body
    assert adressen.huidig() == ""  # restored after the task


def test_taakkop_wordt_gelezen_en_een_vreemde_genegeerd():
    def taak(koppen):
        return SimpleNamespace(request=SimpleNamespace(headers=koppen))

    adressen.voor_taak(task_id="a", task=taak({adressen.TAAK_KOPTEKST: "https://x.example"}))
    assert adressen.huidig() == "https://x.example"
    adressen.na_taak(task_id="a")
    adressen.voor_taak(task_id="b", task=taak({adressen.TAAK_KOPTEKST: "https://x.example/\n<script>"}))
    assert adressen.huidig() == ""
    adressen.na_taak(task_id="b")
    koppen = {}
    adressen.bij_publiceren(headers=koppen)
    assert koppen == {}  # nothing current: nothing added
    token = adressen.zetten("http://127.0.0.1:8104")
    adressen.bij_publiceren(headers=koppen)
    adressen.terugzetten(token)
    assert koppen == {adressen.TAAK_KOPTEKST: "http://127.0.0.1:8104"}


def test_echtheidsregel_van_een_pdf_volgt_site_url(settings):
    from core.pdf import echtheidsregel

    settings.SITE_URL = "https://portaal.regio.example"
    assert echtheidsregel() == "Controleer de echtheid op https://portaal.regio.example/verifieren/"


# --- allauth's mails name the site (PORTAAL_NAAM) -------------------------------------------------------------


def test_wachtwoordmail_noemt_het_portaal_en_linkt_naar_de_host(client, settings):
    from tests.factories import UserFactory

    settings.PORTAAL_NAAM = "Open House portaal"
    user = UserFactory(email="vergeten@zorg.example")  # the factory gives it a verified primary address
    antwoord = client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_HOST="127.0.0.1:8104")
    assert antwoord.status_code == 302
    (verstuurd,) = mail.outbox
    assert verstuurd.subject.startswith("[Open House portaal] ")
    assert verstuurd.body.startswith("Beste gebruiker van het Open House portaal,")
    assert "Hallo van" not in verstuurd.body and "Hello from" not in verstuurd.body
    assert "http://127.0.0.1:8104/accounts/password/reset/key/" in verstuurd.body
    assert verstuurd.body.rstrip().endswith("Met vriendelijke groet,\nOpen House portaal\nhttp://127.0.0.1:8104/")


def test_portaalnaam_in_de_mails_van_de_taken(settings, uitnodiging):
    settings.PORTAAL_NAAM = "Inkoopportaal Gooi"
    verstuur_uitnodiging(uitnodiging.pk)
    (verstuurd,) = mail.outbox
    assert verstuurd.subject == f"Uitnodiging voor {uitnodiging.organisatie} op het Inkoopportaal Gooi"
    assert verstuurd.body.rstrip().endswith("Met vriendelijke groet,\nInkoopportaal Gooi")
