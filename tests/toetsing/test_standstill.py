"""Standstill: voorlopig → definitief 20 calendar days after sending (003a §3.2: kort geding within 20
calendar days of the notice), suspended by a kort geding or bezwaar; hand-over by signal."""

from datetime import date, datetime

import pytest
import time_machine
from django.core import mail

from toetsing import selectors, services, tasks
from toetsing.models import Besluit, BesluitPerceel, Oordeel, Rechtsmiddel, Toetsing
from toetsing.signals import definitief_toegelaten

from .factories import TZ


@pytest.fixture
def verzonden(maak_inschrijving, volledig_beoordeeld, inkoper, aanbieder, aanbieder_beheerder, django_capture_on_commit_callbacks):
    i = volledig_beoordeeld(maak_inschrijving(organisatie=aanbieder, percelen=("ambulant", "mst")),
                            {"S6G1": Oordeel.VOLDOET_NIET})
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False), django_capture_on_commit_callbacks(execute=True):
        services.besluit_verzenden(besluit=besluit, door=inkoper)
    besluit.refresh_from_db()
    return besluit


@pytest.fixture
def ontvangen():
    signalen = []

    def ontvanger(sender, **kwargs):
        signalen.append(kwargs)

    definitief_toegelaten.connect(ontvanger, dispatch_uid="test-ontvanger")
    yield signalen
    definitief_toegelaten.disconnect(dispatch_uid="test-ontvanger")


def _draai(moment, capture):
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return tasks.standstill_verwerken()


def test_verzenden_zet_de_standstill_en_kondigt_aan(verzonden, aanbieder_beheerder):
    assert verzonden.status == Besluit.Status.VERZONDEN
    assert verzonden.standstill_einde == date(2026, 3, 22)
    assert verzonden.brief and len(verzonden.brief_sha256) == 64
    assert len(mail.outbox) == 1
    assert aanbieder_beheerder.email in mail.outbox[0].to
    assert "/mijn/besluiten/" in mail.outbox[0].body


def test_nog_voorlopig_op_de_laatste_dag(verzonden, ontvangen, django_capture_on_commit_callbacks):
    assert _draai(datetime(2026, 3, 22, 23, 59, tzinfo=TZ), django_capture_on_commit_callbacks) == 0
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.VERZONDEN
    assert ontvangen == []


def test_definitief_de_dag_na_de_standstill(verzonden, ontvangen, django_capture_on_commit_callbacks):
    assert _draai(datetime(2026, 3, 23, 0, 0, tzinfo=TZ), django_capture_on_commit_callbacks) == 1
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.DEFINITIEF
    uitkomsten = {bp.perceel.code: bp.uitkomst for bp in verzonden.percelen.all()}
    assert uitkomsten == {"5.1": BesluitPerceel.Uitkomst.DEFINITIEF, "5.6": BesluitPerceel.Uitkomst.AFGEWEZEN}
    assert len(ontvangen) == 1
    assert [p.code for p in ontvangen[0]["percelen"]] == ["5.1"]
    assert ontvangen[0]["startdatum"] == date(2026, 3, 23)
    assert ontvangen[0]["organisatie"] == verzonden.inschrijving.organisatie
    assert [bp.perceel.code for bp in selectors.definitieve_toelatingen()] == ["5.1"]


def test_taak_is_idempotent(verzonden, ontvangen, django_capture_on_commit_callbacks):
    _draai(datetime(2026, 3, 23, 6, 0, tzinfo=TZ), django_capture_on_commit_callbacks)
    assert _draai(datetime(2026, 3, 23, 7, 0, tzinfo=TZ), django_capture_on_commit_callbacks) == 0
    assert len(ontvangen) == 1


def test_gemiste_runs_worden_ingehaald(verzonden, ontvangen, django_capture_on_commit_callbacks):
    # The scheduler was down for weeks: the first run afterwards still makes it definitief.
    assert _draai(datetime(2026, 5, 1, 3, 0, tzinfo=TZ), django_capture_on_commit_callbacks) == 1
    assert len(ontvangen) == 1


def test_kort_geding_schort_op_tot_afhandeling(verzonden, inkoper, ontvangen, django_capture_on_commit_callbacks):
    services.rechtsmiddel_registreren(besluit=verzonden, soort=Rechtsmiddel.Soort.KORT_GEDING,
                                      ingediend_op=date(2026, 3, 12), toelichting="Dagvaarding ontvangen", door=inkoper)
    assert _draai(datetime(2026, 3, 30, 3, 0, tzinfo=TZ), django_capture_on_commit_callbacks) == 0
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.OPGESCHORT
    rechtsmiddel = verzonden.rechtsmiddelen.get()
    with time_machine.travel(datetime(2026, 4, 14, 14, 0, tzinfo=TZ), tick=False), django_capture_on_commit_callbacks(execute=True):
        services.rechtsmiddel_afhandelen(rechtsmiddel=rechtsmiddel, afloop=Rechtsmiddel.Afloop.BESLUIT_BLIJFT,
                                         door=inkoper)
    verzonden.refresh_from_db()
    # The standstill had passed: resolving it makes the admission definitief at once.
    assert verzonden.status == Besluit.Status.DEFINITIEF
    assert len(ontvangen) == 1


def test_kort_geding_afgehandeld_binnen_de_standstill_wacht_de_termijn_af(verzonden, inkoper, django_capture_on_commit_callbacks):
    services.rechtsmiddel_registreren(besluit=verzonden, soort=Rechtsmiddel.Soort.BEZWAAR,
                                      ingediend_op=date(2026, 3, 5), door=inkoper)
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=TZ), tick=False), django_capture_on_commit_callbacks(execute=True):
        services.rechtsmiddel_afhandelen(rechtsmiddel=verzonden.rechtsmiddelen.get(),
                                         afloop=Rechtsmiddel.Afloop.BESLUIT_BLIJFT, door=inkoper)
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.VERZONDEN


def test_ingetrokken_besluit_na_kort_geding_maakt_nieuw_besluit_mogelijk(verzonden, inkoper, ontvangen, django_capture_on_commit_callbacks):
    services.rechtsmiddel_registreren(besluit=verzonden, soort=Rechtsmiddel.Soort.KORT_GEDING,
                                      ingediend_op=date(2026, 3, 12), door=inkoper)
    services.rechtsmiddel_afhandelen(rechtsmiddel=verzonden.rechtsmiddelen.get(),
                                     afloop=Rechtsmiddel.Afloop.BESLUIT_INGETROKKEN, door=inkoper)
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.INGETROKKEN
    assert Toetsing.objects.get(inschrijving=verzonden.inschrijving).status == Toetsing.Status.VASTGESTELD
    assert _draai(datetime(2026, 4, 1, 3, 0, tzinfo=TZ), django_capture_on_commit_callbacks) == 0
    nieuw = services.besluit_nemen(inschrijving=verzonden.inschrijving, door=inkoper)
    assert nieuw.pk != verzonden.pk
    assert ontvangen == []
