"""The transactional outbox (core.taken, ADR 0013): a task is written in the caller's transaction, published after
commit, marked done only when it succeeded, and re-published by the relay when the broker was down or the worker
never finished it."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from core import kalender, taken
from core.models import Uitgaand
from core.tasks import uitgaand_doorsturen
from organisaties.models import Uitnodiging
from organisaties.tasks import verstuur_uitnodiging
from portal.celery import app as celery_app
from tests.broker import DICHTE_POORT, broker
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uitnodiging():
    return Uitnodiging.objects.create(
        organisatie=OrganisatieFactory(), email="collega@zorg.example", rol="medewerker",
        verloopt_op=kalender.nu() + timedelta(days=14),
    )


def test_elke_taak_heeft_de_portaalbasis():
    assert isinstance(verstuur_uitnodiging, taken.PortaalTaak)
    assert isinstance(uitgaand_doorsturen, taken.PortaalTaak)


def test_rij_in_dezelfde_transactie_en_taak_pas_na_commit(uitnodiging, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        taken.na_commit(verstuur_uitnodiging, uitnodiging.pk)
        rij = Uitgaand.objects.get()
        assert (rij.taak, rij.args, rij.kwargs) == ("organisaties.tasks.verstuur_uitnodiging", [uitnodiging.pk], {})
        assert rij.verzonden_op is None and mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    rij.refresh_from_db()
    # eager in the suite: published, run, and marked done by PortaalTaak.on_success
    assert rij.verzonden_op is not None and rij.afgerond_op is not None and rij.pogingen == 1
    assert len(mail.outbox) == 1


def test_teruggedraaide_transactie_laat_geen_rij_en_geen_taak_na(uitnodiging, django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        taken.na_commit(verstuur_uitnodiging, uitnodiging.pk)
        raise RuntimeError("de service faalt na het schrijven")
    assert callbacks == []
    assert not Uitgaand.objects.exists() and mail.outbox == []


def test_broker_onbereikbaar_geen_fout_rij_blijft_open(uitnodiging, django_capture_on_commit_callbacks, caplog):
    begin = time.monotonic()
    with broker(DICHTE_POORT), django_capture_on_commit_callbacks(execute=True):
        taken.na_commit(verstuur_uitnodiging, uitnodiging.pk)
    # fail fast: a stopped Redis costs the request well under the 6 s of kombu's default connect retries
    assert time.monotonic() - begin < 2
    rij = Uitgaand.objects.get()
    assert rij.verzonden_op is None and rij.afgerond_op is None and rij.pogingen == 1
    assert "Connection refused" in rij.laatste_fout or "111" in rij.laatste_fout
    assert "niet verzonden" in caplog.text
    assert mail.outbox == []


def test_doorsturen_haalt_niet_verzonden_rij_in_na_de_wachttijd(uitnodiging, django_capture_on_commit_callbacks):
    with broker(DICHTE_POORT), django_capture_on_commit_callbacks(execute=True):
        taken.na_commit(verstuur_uitnodiging, uitnodiging.pk)
    # a fresh row is left to its own on_commit publish
    assert uitgaand_doorsturen() == {"verzonden": 0, "mislukt": 0, "opgeruimd": 0}
    with time_machine.travel(kalender.nu() + timedelta(minutes=1)):
        # the broker is still down: the relay tries, fails fast and keeps the row
        with broker(DICHTE_POORT):
            assert uitgaand_doorsturen()["mislukt"] == 1
        assert Uitgaand.objects.get().afgerond_op is None
        # broker back (eager here): the relay publishes, the task runs, the row is done
        assert uitgaand_doorsturen() == {"verzonden": 1, "mislukt": 0, "opgeruimd": 0}
    rij = Uitgaand.objects.get()
    assert rij.afgerond_op is not None and rij.pogingen == 3 and rij.laatste_fout == ""
    assert len(mail.outbox) == 1
    # idempotent: a further run has nothing to do
    with time_machine.travel(kalender.nu() + timedelta(hours=1)):
        assert uitgaand_doorsturen()["verzonden"] == 0


def test_verzonden_maar_nooit_afgerond_wordt_na_het_venster_opnieuw_verzonden(uitnodiging):
    # published, then the worker died: verzonden_op set, afgerond_op not
    nu = kalender.nu()
    rij = Uitgaand.objects.create(taak=verstuur_uitnodiging.name, args=[uitnodiging.pk], aangemaakt_op=nu,
                                  verzonden_op=nu, pogingen=1)
    with time_machine.travel(nu + taken.HERZEND_NA - timedelta(seconds=5)):
        assert uitgaand_doorsturen()["verzonden"] == 0  # may still be running: not doubled on purpose
    with time_machine.travel(nu + taken.HERZEND_NA + timedelta(seconds=5)):
        assert uitgaand_doorsturen()["verzonden"] == 1
    rij.refresh_from_db()
    assert rij.afgerond_op is not None and rij.pogingen == 2
    assert len(mail.outbox) == 1


def test_herzendvenster_langer_dan_de_harde_tijdslimiet(settings):
    assert taken.HERZEND_NA.total_seconds() > settings.CELERY_TASK_TIME_LIMIT


def test_mislukte_taak_blijft_open_met_de_fout_en_wordt_opnieuw_geprobeerd(uitnodiging, monkeypatch,
                                                                          django_capture_on_commit_callbacks):
    def storing(*args, **kwargs):
        raise ConnectionRefusedError("mailserver onbereikbaar")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", storing)
    # the suite propagates eager errors
    with pytest.raises(ConnectionRefusedError), django_capture_on_commit_callbacks(execute=True):
        taken.na_commit(verstuur_uitnodiging, uitnodiging.pk)
    rij = Uitgaand.objects.get()
    assert rij.afgerond_op is None and "mailserver onbereikbaar" in rij.laatste_fout
    monkeypatch.undo()
    with time_machine.travel(kalender.nu() + taken.HERZEND_NA + timedelta(seconds=1)):
        assert uitgaand_doorsturen()["verzonden"] == 1
    rij.refresh_from_db()
    assert rij.afgerond_op is not None and len(mail.outbox) == 1


def test_na_het_maximum_aantal_pogingen_laat_de_relay_de_rij_voor_de_beheerder(uitnodiging):
    nu = kalender.nu()
    Uitgaand.objects.create(taak=verstuur_uitnodiging.name, args=[uitnodiging.pk], aangemaakt_op=nu,
                            verzonden_op=nu, pogingen=taken.MAX_POGINGEN, laatste_fout="ValueError()")
    with time_machine.travel(nu + timedelta(days=1)):
        assert uitgaand_doorsturen()["verzonden"] == 0
    assert mail.outbox == []


def test_afgeronde_rijen_worden_na_de_bewaartermijn_opgeruimd(uitnodiging):
    nu = kalender.nu()
    oud = Uitgaand.objects.create(taak="x", aangemaakt_op=nu, verzonden_op=nu, afgerond_op=nu)
    open_ = Uitgaand.objects.create(taak=verstuur_uitnodiging.name, args=[uitnodiging.pk], aangemaakt_op=nu,
                                    verzonden_op=nu, afgerond_op=None, pogingen=taken.MAX_POGINGEN)
    with time_machine.travel(nu + taken.BEWAARTERMIJN - timedelta(hours=1)):
        assert uitgaand_doorsturen()["opgeruimd"] == 0
    with time_machine.travel(nu + taken.BEWAARTERMIJN + timedelta(hours=1)):
        assert uitgaand_doorsturen()["opgeruimd"] == 1
    assert list(Uitgaand.objects.values_list("pk", flat=True)) == [open_.pk]  # an unfinished row is never pruned
    assert not Uitgaand.objects.filter(pk=oud.pk).exists()


def test_taak_zonder_uitgaand_kenmerk_raakt_geen_rij(uitnodiging):
    rij = Uitgaand.objects.create(taak=verstuur_uitnodiging.name, args=[uitnodiging.pk], aangemaakt_op=kalender.nu())
    verstuur_uitnodiging.apply_async(args=[uitnodiging.pk])  # e.g. from beat: no header
    rij.refresh_from_db()
    assert rij.afgerond_op is None


def test_doorstuurtaak_staat_elke_minuut_in_het_schema(settings):
    regel = settings.CELERY_BEAT_SCHEDULE["uitgaand-doorsturen"]
    assert regel["task"] == "core.tasks.uitgaand_doorsturen"
    assert regel["schedule"].minute == set(range(60))
    assert "core.tasks.uitgaand_doorsturen" in celery_app.tasks


def test_opnieuw_proberen_laat_de_rij_open_zonder_de_gebruiker_te_storen(django_capture_on_commit_callbacks):
    """A passing failure inside a task (a seal that failed) does not reach the user in-process; the row stays
    open with the reason, and the relay's next run completes it once the cause is gone (issue 18)."""
    from celery import shared_task

    pogingen = []

    @shared_task(name="tests.core.test_taken.wankel")
    def wankel():
        pogingen.append(1)
        if len(pogingen) == 1:
            raise taken.OpnieuwProberen("zegelsleutel even weg")
        return "klaar"

    with django_capture_on_commit_callbacks(execute=True):
        taken.na_commit(wankel)
    rij = Uitgaand.objects.get(taak="tests.core.test_taken.wankel")
    assert rij.afgerond_op is None and "zegelsleutel even weg" in rij.laatste_fout
    with time_machine.travel(kalender.nu() + taken.HERZEND_NA + timedelta(minutes=1)):
        taken.doorsturen()
    rij.refresh_from_db()
    assert rij.afgerond_op is not None and len(pogingen) == 2
