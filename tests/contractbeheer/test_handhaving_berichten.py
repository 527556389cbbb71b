"""Who hears what of the enforcement ladder (contractbeheer/tasks/handhaving.py): the provider's contact address and
beheerders get the letters' announcements and the fines, the bureau (the region's address, else its contract
managers) the zienswijze; every mail once, none for an id that does not exist."""

import io
from datetime import datetime

import pytest
import time_machine
from django.core import mail
from pypdf import PdfReader

from contractbeheer.services import handhaving as services
from contractbeheer.tasks import handhaving as tasks
from core.kalender import TZ
from organisaties.models import Bericht, Organisatie

from ._handhaving import NA_TERMIJN, opleggen, voornemen, wereld

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def test_aankondiging_naar_contactadres_en_beheerders(w, contractmanager_a):
    Organisatie.objects.filter(pk=w.ovk.organisatie_id).update(contact_email="info@gooisezorg.example",
                                                                contactpersoon="mevrouw De Vries")
    m = voornemen(w.ovk, contractmanager_a, 1)
    mail.outbox.clear()
    tasks.brief_voornemen_maken(m.pk)
    [bericht] = mail.outbox
    assert sorted(bericht.to) == sorted(["info@gooisezorg.example", w.lid.email])
    assert bericht.body.startswith("Beste mevrouw De Vries,")
    assert bericht.subject == ("Een brief van het bureau over een voorgenomen maatregel – "
                               f"{w.gooi.titel}")
    assert "contractbeheer@bureau.example" in bericht.body  # the bureau's signature
    # ADR 0028: also in the provider's inbox, linked to the measure.
    (inbox,) = Bericht.objects.filter(organisatie_id=w.ovk.organisatie_id)
    assert (inbox.soort, inbox.onderwerp, inbox.pad) == ("Maatregel", bericht.subject, f"/mijn/verplichtingen/maatregelen/{m.pk}/")


def test_zienswijze_naar_de_contractmanagers_zonder_regioadres(w, contractmanager_a, regio_a):
    regio_a.contact_email = ""
    regio_a.save()
    m = voornemen(w.ovk, contractmanager_a, 1)
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=TZ), tick=False):
        services.zienswijze_indienen(maatregel=m, tekst="Oneens.", door=w.lid)
    mail.outbox.clear()
    assert tasks.zienswijze_ontvangen_versturen(m.pk)
    assert mail.outbox[0].to == [contractmanager_a.email]
    # Once: a second delivery sends nothing.
    tasks.zienswijze_ontvangen_versturen(m.pk)
    assert len(mail.outbox) == 1


def test_geen_bericht_voor_wat_er_niet_is(w):
    mail.outbox.clear()
    assert tasks.brief_voornemen_maken(10**6) is False
    assert tasks.besluitbrief_maken(10**6) is False
    assert tasks.zienswijze_ontvangen_versturen(10**6) is False
    assert tasks.boete_opgelegd_versturen(10**6) is False
    assert not mail.outbox


def test_besluitbrief_bij_opzegging_noemt_ingangsdatum_en_sprong(w, contractmanager_a):
    m = opleggen(w.ovk, contractmanager_a, 8, sprong_reden="Fraude vastgesteld.")
    mail.outbox.clear()
    tasks.besluitbrief_maken(m.pk)
    m.refresh_from_db()
    with m.brief_besluit.open("rb") as f:
        tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages)
    for stuk in ("Besluit: opzegging van de overeenkomst", "trede 8 van 8", "003 §7.11 lid 8", "Fraude vastgesteld.",
                 f"{NA_TERMIJN:%d-%m-%Y}", "Kenmerk:"):
        assert stuk in tekst, stuk
    [bericht] = mail.outbox
    assert "besluitbrief" in bericht.subject.lower() and "Fraude" not in bericht.body
