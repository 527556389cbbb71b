"""The staff start page lists the Woo requests not yet decided, oldest first, with their age in days
(woo.selectors.open_verzoeken, the panel in woo.wagtail_hooks); only in the person's Woo regions."""

from datetime import date, datetime

import pytest
import time_machine

from core.kalender import TZ
from woo import selectors, services
from woo.models import Wooverzoek

pytestmark = pytest.mark.django_db


def _verzoek(aanbesteding, kenmerk, dag, door):
    return services.verzoek_registreren(aanbesteding=aanbesteding, kenmerk=kenmerk, ontvangen_op=date(2026, 3, dag),
                                        onderwerp=f"Onderwerp {kenmerk}", verzoeker="A. Verzoeker", door=door)


@pytest.fixture
def verzoeken(aanbesteding_a, aanbesteding_b, inkoper_a, inkoper_b):
    jong, oud = _verzoek(aanbesteding_a, "DOC-2", 10, inkoper_a), _verzoek(aanbesteding_a, "DOC-1", 2, inkoper_a)
    besloten = _verzoek(aanbesteding_a, "DOC-0", 1, inkoper_a)
    Wooverzoek.objects.filter(pk=besloten.pk).update(status=Wooverzoek.Status.BESLOTEN, besluitdatum=date(2026, 3, 20))
    anders = _verzoek(aanbesteding_b, "DOC-B", 1, inkoper_b)
    return oud, jong, anders


def test_open_verzoeken_oudste_eerst_en_alleen_eigen_regio(verzoeken, inkoper_a, inkoper_b):
    oud, jong, anders = verzoeken
    assert selectors.open_verzoeken(inkoper_a) == (2, [oud, jong])  # the decided one is not open
    assert selectors.open_verzoeken(inkoper_b) == (1, [anders])
    assert selectors.open_verzoeken(inkoper_a, hoeveel=1) == (2, [oud])


def test_startpagina_met_leeftijd_in_dagen_en_link(verzoeken, staff_client, inkoper_a):
    oud, _, _ = verzoeken
    with time_machine.travel(datetime(2026, 3, 30, 12, 0, tzinfo=TZ), tick=False):
        html = staff_client(inkoper_a).get("/admin/").content.decode()
    assert "Woo: verzoeken om te besluiten" in html
    assert "2 Woo-verzoeken nog niet besloten" in html
    assert f'<a href="/admin/woo/verzoeken/{oud.pk}/">DOC-1: Onderwerp DOC-1</a>' in html
    assert "<td>2 maart 2026</td>" in html and "<td>28</td>" in html  # received, days open
    assert "DOC-B" not in html


def test_startpagina_zonder_open_verzoeken(staff_client, inkoper_a):
    assert "Er ligt geen Woo-verzoek open." in staff_client(inkoper_a).get("/admin/").content.decode()


def test_geen_woopaneel_voor_een_beoordelaar(staff_client, beoordelaar):
    assert "Woo: verzoeken om te besluiten" not in staff_client(beoordelaar).get("/admin/").content.decode()
