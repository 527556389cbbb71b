"""Issue 18 with a real Celery worker on Redis and PostgreSQL (marker ``services``, run by .ci/run):

(a) the broker is down at submit → success page; once it is back the relay publishes the waiting task and the
    worker makes the receipt and sends exactly one mail;
(b) the worker is killed (SIGKILL) in the middle of a slow evidence check → the task completes after a restart
    (acks_late + reject_on_worker_lost; Redis hands the unacknowledged message out again after the visibility
    timeout), and a killed pool child is replaced and its task redelivered at once;
(c) the receipt task delivered twice → one mail.

The worker is another process: its mails go to files (settings.test TEST_MAILMAP) and the tests count them. The
recovery times are printed (``-s``) and recorded in ADR 0013.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest
import redis
import time_machine
from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.urls import reverse

from core import kalender, taken
from core.models import Uitgaand
from inschrijving import services, tasks
from inschrijving.models import Bewijsstuk, Inschrijving
from tests.broker import DICHTE_POORT, broker
from tests.inschrijving.conftest import compleet, concept, pdf_upload, procedure, tijd  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def _wacht(voorwaarde, *, seconden: float, stap: float = 0.25):
    """Poll until ``voorwaarde()`` is truthy; returns (value, seconds waited) or fails."""
    begin = time.monotonic()
    while time.monotonic() - begin < seconden:
        waarde = voorwaarde()
        if waarde:
            return waarde, time.monotonic() - begin
        time.sleep(stap)
    pytest.fail(f"niet binnen {seconden} s")


class Worker:
    """A Celery worker on a queue of its own, against this run's test database; startable again after a kill."""

    def __init__(self, wachtrij: str, mailmap: Path, *, pool: str = "solo", concurrency: int = 1, **env: str):
        db = connection.settings_dict
        self.logmap = mailmap.parent
        self.wachtrij, self.pool, self.concurrency = wachtrij, pool, concurrency
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "TEST_MAILMAP": str(mailmap),
            "TEST_MEDIAMAP": str(Path(storages["prive"].location).parent),
            **env,
        }
        self.proces: subprocess.Popen | None = None
        self.logs: list[str] = []

    def start(self, *, wachten: bool = True) -> None:
        """Start; with ``wachten`` return once the worker consumes (its log says "ready")."""
        self.log = self.logmap / f"worker-{len(self.logs)}.log"
        with open(self.log, "w") as uit:
            self.proces = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "portal", "worker", "-Q", self.wachtrij, f"--pool={self.pool}",
                 f"--concurrency={self.concurrency}", "-n", f"{self.wachtrij}-{uuid.uuid4().hex[:4]}@%h", "-l", "info",
                 "--without-heartbeat", "--without-gossip", "--without-mingle"],
                cwd=ROOT, env=self.env, stdout=uit, stderr=subprocess.STDOUT, text=True,
            )
        if wachten:
            _wacht(lambda: " ready." in self.log.read_text(), seconden=120)

    def doden(self) -> None:
        """SIGKILL the whole worker: no warm shutdown, nothing handed back to Redis."""
        self.proces.send_signal(signal.SIGKILL)
        self._oogsten()

    def kinderen(self) -> list[int]:
        """The pool processes (from /proc, no procps needed)."""
        kinderen = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                velden = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(velden[1]) == self.proces.pid:
                kinderen.append(int(stat.parent.name))
        return kinderen

    def stop(self) -> None:
        if self.proces is not None and self.proces.poll() is None:
            self.proces.terminate()
        self._oogsten()

    def _oogsten(self) -> None:
        if self.proces is None:
            return
        try:
            self.proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proces.kill()
            self.proces.wait()
        self.logs.append(self.log.read_text())
        self.proces = None


@pytest.fixture
def echte_diensten():
    if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.fail("Deze test hoort bij .ci/run: zet DATABASE_URL op PostgreSQL en CELERY_BROKER_URL op Redis.")


@pytest.fixture
def wachtrij(echte_diensten):
    return f"test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def mailmap(tmp_path):
    pad = tmp_path / "mail"
    pad.mkdir()
    return pad


@pytest.fixture
def werkers(wachtrij, mailmap):
    gestart: list[Worker] = []

    def maak(**kwargs) -> Worker:
        w = Worker(wachtrij, mailmap, **kwargs)
        gestart.append(w)
        return w

    yield maak
    for w in gestart:
        w.stop()
        print("\n".join(w.logs)[-3000:])


def _mails(mailmap: Path) -> list[str]:
    """Subjects of the mails the worker wrote (one file per connection; one message per file here)."""
    onderwerpen = []
    for f in sorted(mailmap.glob("*.log")):
        for deel in f.read_bytes().split(b"-" * 79):
            if deel.strip():
                onderwerpen.append(str(make_header(decode_header(message_from_bytes(deel.strip()).get("Subject", "")))))
    return onderwerpen


# --- (a) broker down at submit -----------------------------------------------------------------------------


def test_broker_weg_bij_indienen_daarna_een_ontvangstbewijs_en_een_mail(client, compleet, aanbieder_beheerder, tijd,  # noqa: F811
                                                                        werkers, wachtrij, mailmap):
    client.force_login(aanbieder_beheerder)
    begin = time.monotonic()
    with broker(DICHTE_POORT, wachtrij=wachtrij):
        antwoord = client.post(reverse("inschrijving:indienen", args=[compleet.pk]), {"verklaring": "on"})
    duur_verzoek = time.monotonic() - begin
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("inschrijving:bevestiging", args=[compleet.pk])
    assert Inschrijving.objects.get(pk=compleet.pk).status == Inschrijving.Status.INGEDIEND
    rij = Uitgaand.objects.get(taak=tasks.ontvangstbewijs_versturen.name, afgerond_op__isnull=True)
    assert rij.verzonden_op is None

    werker = werkers()
    werker.start()
    # The broker is back; the relay (beat, every minute) picks the row up after its 30 s grace.
    tijd(kalender.nu() + taken.WACHTTIJD_NIEUW + timedelta(seconds=1))
    begin = time.monotonic()
    with broker(settings.CELERY_BROKER_URL, wachtrij=wachtrij):
        assert taken.doorsturen()["verzonden"] == 1
    _, duur = _wacht(lambda: Inschrijving.objects.filter(pk=compleet.pk, bevestiging_verstuurd_op__isnull=False).exists(),
                     seconden=120)
    insch = Inschrijving.objects.get(pk=compleet.pk)
    assert insch.ontvangstbewijs
    # marked done by PortaalTaak.on_success in the worker (the header came through)
    _wacht(lambda: Uitgaand.objects.filter(pk=rij.pk, afgerond_op__isnull=False).exists(), seconden=30)
    assert [m for m in _mails(mailmap) if m.startswith("Ontvangstbevestiging")] == [
        f"Ontvangstbevestiging inschrijving {insch.aanbesteding.titel}"]
    print(f"\n[meting] indienen met broker weg: {duur_verzoek:.2f} s; na de relay ontvangstbewijs + mail in {duur:.1f} s")


# --- (c) the receipt task delivered twice -------------------------------------------------------------------


def test_ontvangstbewijstaak_twee_keer_bezorgd_geeft_een_mail(compleet, aanbieder_beheerder, tijd,  # noqa: F811
                                                             werkers, wachtrij, mailmap):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)  # eager: receipt + mail here
    Inschrijving.objects.filter(pk=compleet.pk).update(bevestiging_verstuurd_op=None)  # as if the mark was lost
    werker = werkers(pool="prefork", concurrency=2)
    werker.start()
    with broker(settings.CELERY_BROKER_URL, wachtrij=wachtrij):
        for _ in range(2):  # two deliveries at once, two pool processes
            tasks.ontvangstbewijs_versturen.apply_async(args=[compleet.pk])
    _wacht(lambda: Inschrijving.objects.filter(pk=compleet.pk, bevestiging_verstuurd_op__isnull=False).exists(),
           seconden=120)
    time.sleep(3)  # let the second delivery finish too
    # the mail key was written when the first mail went out (in this process): the worker sends none
    assert _mails(mailmap) == []
    # and without that key, two parallel deliveries still send one
    from core.models import VerstuurdeMail

    VerstuurdeMail.objects.filter(sleutel=f"ontvangstbewijs:{compleet.pk}").delete()
    Inschrijving.objects.filter(pk=compleet.pk).update(bevestiging_verstuurd_op=None)
    with broker(settings.CELERY_BROKER_URL, wachtrij=wachtrij):
        for _ in range(2):
            tasks.ontvangstbewijs_versturen.apply_async(args=[compleet.pk])
    _wacht(lambda: Inschrijving.objects.filter(pk=compleet.pk, bevestiging_verstuurd_op__isnull=False).exists(),
           seconden=120)
    time.sleep(3)
    assert len(_mails(mailmap)) == 1


# --- (b) a killed worker ------------------------------------------------------------------------------------


class TrageClamd:
    """A clamd stand-in on a unix socket: the first scan hangs (so the worker can be killed in the middle of it),
    later scans answer "stream: OK"."""

    def __init__(self, pad: Path):
        self.pad = str(pad)
        self.begonnen = threading.Event()
        self.aantal = 0
        self._stop = threading.Event()
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(self.pad)
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.draad = threading.Thread(target=self._lus, daemon=True)
        self.draad.start()

    def _lus(self):
        while not self._stop.is_set():
            try:
                verbinding, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.aantal += 1
            threading.Thread(target=self._bedien, args=(verbinding, self.aantal), daemon=True).start()

    def _bedien(self, verbinding, nummer):
        with verbinding:
            verbinding.settimeout(60)
            if nummer == 1:
                self.begonnen.set()
                try:
                    while verbinding.recv(65536):  # read until the killed worker's socket closes
                        pass
                except OSError:
                    pass
                return
            data = b""
            try:
                while not data.endswith(b"\0\0\0\0"):
                    deel = verbinding.recv(65536)
                    if not deel:
                        return
                    data += deel
                verbinding.sendall(b"stream: OK\0")
            except OSError:
                pass

    def sluiten(self):
        self._stop.set()
        self.draad.join(timeout=2)
        self.sock.close()


@pytest.fixture
def trage_clamd(tmp_path):
    clamd = TrageClamd(tmp_path / "clamd.sock")
    yield clamd
    clamd.sluiten()


def _uploaden(aanbieder, door, wachtrij):
    with broker(settings.CELERY_BROKER_URL, wachtrij=wachtrij):
        return services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=pdf_upload("verzekering.pdf"),
                                            documentsoort="kvk_uittreksel",
                                            afgiftedatum=kalender.vandaag() - timedelta(days=2), door=door)


def _in_orde(stuk):
    return Bewijsstuk.objects.filter(pk=stuk.pk, controle=Bewijsstuk.Controle.IN_ORDE).exists()


def test_gedode_worker_taak_wordt_na_herstart_afgemaakt(aanbieder, aanbieder_beheerder, werkers, wachtrij,
                                                        trage_clamd):
    # A short visibility timeout for the test only (production: the hard time limit + 5 minutes, settings/base.py).
    zicht = 8
    werker = werkers(CLAMD_SOCKET=trage_clamd.pad, CELERY_VISIBILITY_TIMEOUT=str(zicht))
    werker.start()
    stuk = _uploaden(aanbieder, aanbieder_beheerder, wachtrij)
    assert trage_clamd.begonnen.wait(90), "de worker begon niet aan de controle"
    werker.doden()
    gedood = time.monotonic()
    assert Bewijsstuk.objects.get(pk=stuk.pk).controle == Bewijsstuk.Controle.BEZIG
    werker.start()  # e.g. the container is restarted
    _, _ = _wacht(lambda: _in_orde(stuk), seconden=120)
    herstel = time.monotonic() - gedood
    assert trage_clamd.aantal == 2  # the same message, delivered a second time
    assert Uitgaand.objects.get(args=[stuk.pk]).afgerond_op is not None
    print(f"\n[meting] hele worker gedood (SIGKILL) en direct herstart: taak klaar na {herstel:.1f} s "
          f"(zichtbaarheidstermijn {zicht} s + de periodieke terugzetcontrole van kombu, elke 10 s)")


def test_gedood_poolproces_taak_direct_opnieuw(aanbieder, aanbieder_beheerder, werkers, wachtrij, trage_clamd):
    werker = werkers(pool="prefork", concurrency=1, CLAMD_SOCKET=trage_clamd.pad)
    werker.start()
    stuk = _uploaden(aanbieder, aanbieder_beheerder, wachtrij)
    assert trage_clamd.begonnen.wait(90), "de worker begon niet aan de controle"
    [kind] = werker.kinderen()
    os.kill(kind, signal.SIGKILL)  # the OOM killer takes the pool process running the task
    gedood = time.monotonic()
    _wacht(lambda: _in_orde(stuk), seconden=120)
    herstel = time.monotonic() - gedood
    assert trage_clamd.aantal == 2
    print(f"\n[meting] poolproces gedood (SIGKILL): taak opnieuw bezorgd en klaar na {herstel:.1f} s "
          "(task_reject_on_worker_lost, geen herstart nodig)")


def test_zonder_herbezorging_maakt_de_relay_de_taak_af(aanbieder, aanbieder_beheerder, werkers, wachtrij, trage_clamd):
    """Redis restarted without persistence: the message itself is gone. The outbox row is still open, and the
    relay publishes it again once HERZEND_NA has passed."""
    werker = werkers(CLAMD_SOCKET=trage_clamd.pad)
    werker.start()
    stuk = _uploaden(aanbieder, aanbieder_beheerder, wachtrij)
    assert trage_clamd.begonnen.wait(90)
    werker.doden()
    # What Redis held for this test's queue is lost (a restart without persistence). Only this queue's entries:
    # other runs may share the Redis.
    r = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    r.delete(wachtrij)
    for tag, waarde in r.hgetall("unacked").items():
        if json.loads(waarde)[2] == wachtrij:
            r.hdel("unacked", tag)
            r.zrem("unacked_index", tag)
    werker.start()
    rij = Uitgaand.objects.get(args=[stuk.pk])
    assert rij.afgerond_op is None and rij.verzonden_op is not None
    with (time_machine.travel(kalender.nu() + taken.HERZEND_NA + timedelta(seconds=1)),
          broker(settings.CELERY_BROKER_URL, wachtrij=wachtrij)):
        assert taken.doorsturen()["verzonden"] == 1
    _wacht(lambda: _in_orde(stuk), seconden=120)
    _wacht(lambda: Uitgaand.objects.filter(pk=rij.pk, afgerond_op__isnull=False).exists(), seconden=30)
