"""Issue 12, ADR 0028: the provider's inbox. Every provider mail is recorded as a message of the organisation when
it is sent (organisaties.services.bericht_versturen); members read it in the portal, read/unread per person,
newest first, paginated, per region, with a link to what it is about. Another organisation's message is a 404."""

import smtplib
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.kalender import TZ
from core.models import VerstuurdeMail
from organisaties import selectors, services
from organisaties.forms import BerichtenFilterForm
from organisaties.models import Bericht, BerichtGelezen, Organisatie, Rol
from tests.factories import LidmaatschapFactory, OrganisatieFactory, RegioFactory, UserFactory

pytestmark = pytest.mark.django_db

NU = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)
VOET = "U vindt dit bericht ook in het portaal onder Berichten: "


def _bericht(org, n=0, *, regio=None, soort="Herstelverzoek", ontvangers=("beheer@zorg.example",), moment=None):
    with time_machine.travel(moment or NU + timedelta(minutes=n), tick=False):
        services.bericht_versturen(
            org, sleutel=f"test:{org.pk}:{n}", soort=soort, onderwerp=f"Onderwerp {n}", tekst=f"Tekst {n}\nRegel 2",
            ontvangers=list(ontvangers), regio_id=regio.pk if regio else None, pad=f"/mijn/inschrijvingen/{n}/",
        )
    return Bericht.objects.get(organisatie=org, sleutel=f"test:{org.pk}:{n}")


# --- the helper every provider mail goes through -------------------------------------------------------------


def test_bericht_versturen_legt_vast_en_mailt_met_de_vindplaats(aanbieder, regio_a, settings):
    settings.SITE_URL = "https://portaal.regio.example/"
    bericht = _bericht(aanbieder, 1, regio=regio_a)
    assert (bericht.soort, bericht.onderwerp, bericht.tekst, bericht.pad, bericht.regio, bericht.verstuurd_op) == (
        "Herstelverzoek", "Onderwerp 1", "Tekst 1\nRegel 2", "/mijn/inschrijvingen/1/", regio_a, NU + timedelta(minutes=1))
    (verstuurd,) = mail.outbox
    assert verstuurd.to == ["beheer@zorg.example"] and verstuurd.subject == "Onderwerp 1"
    assert verstuurd.body == f"Tekst 1\nRegel 2\n\n{VOET}https://portaal.regio.example/mijn/berichten/{bericht.pk}/\n"


def test_tweede_run_legt_niets_dubbel_vast_en_mailt_niet_opnieuw(aanbieder):
    eerste = _bericht(aanbieder, 1)
    tweede = _bericht(aanbieder, 1, moment=NU + timedelta(days=1))
    assert eerste == tweede and tweede.verstuurd_op == NU + timedelta(minutes=1)
    assert Bericht.objects.count() == 1 and len(mail.outbox) == 1


def test_zonder_ontvangers_staat_het_bericht_toch_in_het_portaal(aanbieder):
    _bericht(aanbieder, 1, ontvangers=())
    assert mail.outbox == [] and Bericht.objects.filter(organisatie=aanbieder).count() == 1


def test_mailserver_weg_dan_blijft_het_bericht_en_volgt_de_mail_met_dezelfde_link(aanbieder, monkeypatch):
    def kapot(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("weg")

    with monkeypatch.context() as m:
        m.setattr("django.core.mail.EmailMessage.send", kapot)
        with pytest.raises(smtplib.SMTPException):
            _bericht(aanbieder, 1)
    assert Bericht.objects.filter(organisatie=aanbieder).count() == 1
    assert not VerstuurdeMail.objects.exists()  # core.mail: not sent, so the next run tries again
    bericht = _bericht(aanbieder, 1)
    (verstuurd,) = mail.outbox
    assert verstuurd.body.rstrip().endswith(f"/mijn/berichten/{bericht.pk}/")


def test_organisatie_als_nummer(aanbieder):
    services.bericht_versturen(aanbieder.pk, sleutel="x:1", soort="Informatieverzoek", onderwerp="O", tekst="T",
                               ontvangers=[])
    assert Bericht.objects.get(sleutel="x:1").organisatie == aanbieder


def test_rondsturen_een_bericht_per_organisatie_en_een_mail_per_adres(aanbieder, andere_aanbieder, regio_a, settings):
    settings.SITE_URL = "https://portaal.regio.example"
    adressen = ["a@zorg.example", "b@zorg.example"]
    for _ in range(2):  # a redelivered task records and sends nothing twice
        services.bericht_rondsturen(Organisatie.objects.filter(pk__in=[aanbieder.pk, andere_aanbieder.pk]),
                                    sleutel="nvi:7", soort="Nota van Inlichtingen", onderwerp="NvI 1", tekst="Lees",
                                    adressen=adressen, regio_id=regio_a.pk, pad="/procedures/x/nvi/1/")
    assert sorted(Bericht.objects.values_list("organisatie_id", "sleutel", "regio_id")) == sorted(
        [(aanbieder.pk, "nvi:7", regio_a.pk), (andere_aanbieder.pk, "nvi:7", regio_a.pk)])
    assert sorted(m.to[0] for m in mail.outbox) == adressen and all(len(m.to) == 1 for m in mail.outbox)
    # An address may belong to several organisations: the mail points to the inbox itself.
    assert {m.body for m in mail.outbox} == {f"Lees\n\n{VOET}https://portaal.regio.example/mijn/berichten/\n"}


def test_voetregel_zonder_bericht_wijst_naar_de_inbox(settings):
    settings.SITE_URL = "http://127.0.0.1:8104"
    assert services.voetregel() == f"{VOET}http://127.0.0.1:8104/mijn/berichten/"


# --- read / unread, per person ----------------------------------------------------------------------------


def test_openen_markeert_gelezen_alleen_voor_wie_opent(client, aanbieder, aanbieder_beheerder, aanbieder_medewerker):
    bericht = _bericht(aanbieder, 1)
    assert selectors.aantal_ongelezen(aanbieder, aanbieder_beheerder) == 1
    client.force_login(aanbieder_beheerder)
    html = client.get(reverse("organisaties:bericht", args=[bericht.pk])).content.decode()
    assert "<h1>Onderwerp 1</h1>" in html and "Tekst 1<br>Regel 2" in html
    assert 'href="/mijn/inschrijvingen/1/"' in html  # the object it is about
    assert selectors.aantal_ongelezen(aanbieder, aanbieder_beheerder) == 0
    assert selectors.aantal_ongelezen(aanbieder, aanbieder_medewerker) == 1  # a colleague has not read it
    client.get(reverse("organisaties:bericht", args=[bericht.pk]))
    assert BerichtGelezen.objects.filter(bericht=bericht).count() == 1


def test_gelezen_markeren_is_eenmalig(aanbieder, aanbieder_beheerder):
    bericht = _bericht(aanbieder, 1)
    assert services.bericht_gelezen_markeren(user=aanbieder_beheerder, bericht=bericht) is True
    assert services.bericht_gelezen_markeren(user=aanbieder_beheerder, bericht=bericht) is False


def test_markeer_alles_als_gelezen(client, aanbieder, aanbieder_beheerder, aanbieder_medewerker, andere_aanbieder):
    for n in range(3):
        _bericht(aanbieder, n)
    vreemd = _bericht(andere_aanbieder, 9)
    client.force_login(aanbieder_beheerder)
    html = client.get(reverse("organisaties:berichten")).content.decode()
    assert "U hebt 3 ongelezen berichten." in html and "Markeer alles als gelezen" in html
    antwoord = client.post(reverse("organisaties:berichten_gelezen"), follow=True)
    assert antwoord.redirect_chain == [(reverse("organisaties:berichten"), 302)]
    html = antwoord.content.decode()
    assert "Alle berichten zijn als gelezen gemarkeerd." in html and "U hebt alle berichten gelezen." in html
    assert selectors.aantal_ongelezen(aanbieder, aanbieder_beheerder) == 0
    assert selectors.aantal_ongelezen(aanbieder, aanbieder_medewerker) == 3
    assert not BerichtGelezen.objects.filter(bericht=vreemd).exists()
    antwoord = client.post(reverse("organisaties:berichten_gelezen"), follow=True)
    assert "Er waren geen ongelezen berichten." in antwoord.content.decode()


def test_alles_gelezen_alleen_voor_een_lid(aanbieder, andere_beheerder):
    from django.core.exceptions import PermissionDenied

    _bericht(aanbieder, 1)
    with pytest.raises(PermissionDenied):
        services.alles_gelezen_markeren(user=andere_beheerder, organisatie=aanbieder)
    with pytest.raises(PermissionDenied):
        services.alles_gelezen_markeren(user=andere_beheerder, organisatie=None)
    assert not BerichtGelezen.objects.exists()


def test_markeer_alles_vraagt_post(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse("organisaties:berichten_gelezen")).status_code == 405


def test_aantal_ongelezen_in_de_navigatie(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    html = client.get(reverse("organisaties:mijn")).content.decode()
    assert '<a href="/mijn/berichten/">Berichten</a>' in html  # no count without unread messages
    for n in range(2):
        _bericht(aanbieder, n)
    html = client.get(reverse("organisaties:mijn")).content.decode()
    assert ('<a href="/mijn/berichten/">Berichten <span class="teller">2<span class="visueel-verborgen"> ongelezen'
            '</span></span></a>') in html


def test_geen_teller_zonder_organisatie_of_anoniem(client, db):
    assert selectors.aantal_ongelezen(None, UserFactory()) == 0
    html = client.get("/procedures/").content.decode()
    assert "teller" not in html


# --- the inbox page --------------------------------------------------------------------------------------


def test_inbox_nieuwste_eerst_met_regio_bureau_en_ongelezen(client, aanbieder, aanbieder_beheerder, regio_a, regio_b):
    oud = _bericht(aanbieder, 1, regio=regio_a)
    nieuw = _bericht(aanbieder, 2, regio=regio_b, soort="Besluit")
    services.bericht_gelezen_markeren(user=aanbieder_beheerder, bericht=oud)
    client.force_login(aanbieder_beheerder)
    html = client.get(reverse("organisaties:berichten")).content.decode()
    assert html.index("Onderwerp 2") < html.index("Onderwerp 1")
    assert f'<a href="/mijn/berichten/{nieuw.pk}/"><strong>Onderwerp 2</strong></a>' in html
    assert f'<a href="/mijn/berichten/{oud.pk}/">Onderwerp 1</a>' in html
    assert html.count('<span class="label label--waarschuwing">Ongelezen</span>') == 1
    assert f'<span class="label">Regio {regio_a.naam}</span>' in html and f'<span class="label">Regio {regio_b.naam}</span>' in html
    assert "Besluit · 02-03-2026 10:02" in html
    assert 'name="regio"' in html  # the filter, offered with several regions


def test_inbox_filter_op_regio(client, aanbieder, aanbieder_beheerder, regio_a, regio_b):
    _bericht(aanbieder, 1, regio=regio_a)
    _bericht(aanbieder, 2, regio=regio_b)
    client.force_login(aanbieder_beheerder)
    html = client.get(reverse("organisaties:berichten"), {"regio": regio_b.slug}).content.decode()
    assert "Onderwerp 2" in html and "Onderwerp 1" not in html
    assert f"U ziet alleen de berichten van regio {regio_b.naam}" in html
    for waarde in ("bestaat-niet", "<script>"):  # an unknown or malformed region hides nothing
        html = client.get(reverse("organisaties:berichten"), {"regio": waarde}).content.decode()
        assert "Onderwerp 2" in html and "Onderwerp 1" in html


def test_inbox_gepagineerd(client, aanbieder, aanbieder_beheerder):
    for n in range(selectors.BERICHTEN_PER_PAGINA + 5):
        _bericht(aanbieder, n)
    client.force_login(aanbieder_beheerder)
    html = client.get(reverse("organisaties:berichten")).content.decode()
    assert html.count('class="bericht--ongelezen"') == 25 and "Pagina 1 van 2" in html
    assert 'href="?pagina=2" rel="next"' in html and "Onderwerp 29" in html and "Onderwerp 4<" not in html
    html = client.get(reverse("organisaties:berichten"), {"pagina": 2}).content.decode()
    assert html.count('class="bericht--ongelezen"') == 5 and "Onderwerp 4<" in html
    assert 'href="?pagina=1" rel="prev"' in html
    # a page past the end shows the last one; a bad value the first
    assert "Pagina 2 van 2" in client.get(reverse("organisaties:berichten"), {"pagina": 99}).content.decode()
    assert "Pagina 1 van 2" in client.get(reverse("organisaties:berichten"), {"pagina": "x"}).content.decode()


def _pagina_queries(client, url):
    client.get(url)  # warm up per-process caches
    with CaptureQueriesContext(connection) as vangst:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(vangst)


def test_inbox_en_bericht_in_een_vast_aantal_queries(client, aanbieder, aanbieder_beheerder, regio_a):
    _bericht(aanbieder, 0, regio=regio_a)
    client.force_login(aanbieder_beheerder)
    een = _pagina_queries(client, reverse("organisaties:berichten"))
    for n in range(1, 60):
        _bericht(aanbieder, n, regio=RegioFactory(naam=f"Regio {n}", slug=f"regio-{n}") if n % 10 == 0 else regio_a)
    services.bericht_gelezen_markeren(user=aanbieder_beheerder, bericht=Bericht.objects.first())
    zestig = _pagina_queries(client, reverse("organisaties:berichten"))
    assert zestig == een
    detail = Bericht.objects.last()
    assert _pagina_queries(client, reverse("organisaties:bericht", args=[detail.pk])) <= een


def test_selector_inbox_vier_queries(aanbieder, aanbieder_beheerder, regio_a, regio_b, django_assert_num_queries):
    for n in range(40):
        _bericht(aanbieder, n, regio=regio_a if n % 2 else regio_b)
    with django_assert_num_queries(4):  # regions, count, page, unread
        inbox = selectors.inbox(aanbieder, aanbieder_beheerder)
        rijen = list(inbox.pagina)
    assert len(rijen) == 25 and inbox.ongelezen == 40 and inbox.regios == sorted([regio_a, regio_b], key=lambda r: r.naam)
    assert [r.regio.naam for r in rijen[:2]] == [regio_a.naam, regio_b.naam]  # select_related: no query per row
    assert selectors.inbox(None, aanbieder_beheerder) is None


def test_berichtenfilter_accepteert_alleen_een_slug_en_een_paginanummer(db):
    assert BerichtenFilterForm({"regio": "gooi", "pagina": "2"}).is_valid()
    assert BerichtenFilterForm({}).is_valid()
    assert not BerichtenFilterForm({"regio": "<script>"}).is_valid()
    assert not BerichtenFilterForm({"pagina": "0"}).is_valid()


# --- only the organisation's own members ------------------------------------------------------------------


def test_bericht_van_een_andere_organisatie_is_er_niet(client, aanbieder, andere_aanbieder, aanbieder_beheerder):
    vreemd = _bericht(andere_aanbieder, 1)
    eigen = _bericht(aanbieder, 2)
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse("organisaties:bericht", args=[eigen.pk])).status_code == 200  # control
    assert client.get(reverse("organisaties:bericht", args=[vreemd.pk])).status_code == 404
    assert client.get(reverse("organisaties:bericht", args=[vreemd.pk + 1000])).status_code == 404
    assert "Onderwerp 1" not in client.get(reverse("organisaties:berichten")).content.decode()
    assert not BerichtGelezen.objects.filter(bericht=vreemd).exists()  # opening it marked nothing


def test_lid_van_twee_organisaties_ziet_de_berichten_van_de_actieve(client, aanbieder, andere_aanbieder):
    lid = LidmaatschapFactory(organisatie=aanbieder, rol=Rol.BEHEERDER).user
    LidmaatschapFactory(organisatie=andere_aanbieder, user=lid, rol=Rol.MEDEWERKER)
    _bericht(aanbieder, 1)
    _bericht(andere_aanbieder, 2)
    client.force_login(lid)
    client.post(reverse("organisaties:wisselen", args=[andere_aanbieder.pk]))
    html = client.get(reverse("organisaties:berichten")).content.decode()
    assert "Onderwerp 2" in html and "Onderwerp 1" not in html


def test_inbox_zonder_organisatie_is_er_niet(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("organisaties:berichten")).status_code == 404
    assert client.get(reverse("organisaties:bericht", args=[1])).status_code == 404
    assert client.post(reverse("organisaties:berichten_gelezen")).status_code == 404


def test_anoniem_naar_inloggen(client, aanbieder):
    bericht = _bericht(aanbieder, 1)
    for url in (reverse("organisaties:berichten"), reverse("organisaties:bericht", args=[bericht.pk])):
        assert client.get(url)["Location"].startswith(reverse("account_login"))


def test_weergave_en_gelezen_verdwijnt_met_het_bericht(db):
    org = OrganisatieFactory()
    lid = LidmaatschapFactory(organisatie=org).user
    bericht = _bericht(org, 1)
    services.bericht_gelezen_markeren(user=lid, bericht=bericht)
    assert str(bericht) == "Onderwerp 1" and str(BerichtGelezen.objects.get()) == f"Onderwerp 1 gelezen door {lid}"
    Bericht.objects.filter(organisatie=org).delete()
    assert not BerichtGelezen.objects.exists()


def test_bericht_vastleggen_zonder_mail(aanbieder, regio_a):
    bericht = services.bericht_vastleggen(aanbieder, sleutel="los:1", soort="Besluit", onderwerp="O", tekst="T",
                                          regio_id=regio_a.pk, pad="/mijn/besluiten/1/")
    assert services.bericht_vastleggen(aanbieder, sleutel="los:1", soort="Anders", onderwerp="X", tekst="Y") == bericht
    assert (bericht.soort, bericht.regio, mail.outbox) == ("Besluit", regio_a, [])
