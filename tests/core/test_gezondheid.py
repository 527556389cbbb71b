"""/gezondheid/ (readiness) and /gezondheid/live/ (liveness), issue 15: each check fails on its own with a 503 and
a Dutch message without secrets; beat's heartbeat age is a warning; nothing is cached."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.db import connection as echte_verbinding
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerFout

from core import gezondheid, kalender
from core.models import Hartslag
from core.tasks import hartslag
from tests.broker import DICHTE_POORT, broker

pytestmark = pytest.mark.django_db

GEHEIM = "supergeheim-wachtwoord"


@pytest.fixture
def met_broker(settings):
    """Tasks go to a broker (not in-process): the broker and beat checks apply. The broker check itself is
    replaced by an ok, unless a test makes it fail."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://:{GEHEIM}@redis.example:6379/0"
    with mock.patch("core.gezondheid.broker", return_value={"status": "ok", "soort": "broker"}):
        yield settings


def _verse_hartslag(seconden_geleden: int) -> None:
    Hartslag.objects.update_or_create(bron="beat", defaults={"moment": kalender.nu() - timedelta(seconds=seconden_geleden)})


# --- everything ok ------------------------------------------------------------------------------------------


def test_alles_ok_in_proces(client):
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    gegevens = antwoord.json()
    assert gegevens["status"] == "ok"
    assert gegevens["controles"] == {
        "database": {"status": "ok"}, "cache": {"status": "ok"}, "broker": {"status": "ok", "soort": "in proces"},
    }
    # In-process tasks: no beat, and that is not a failure.
    assert gegevens["beat"] == {"status": "niet van toepassing"}
    assert gegevens["fouten"] == [] and gegevens["waarschuwingen"] == []


def test_niet_gecachet(client):
    assert client.get("/gezondheid/")["Cache-Control"] == "no-store"
    assert client.get("/gezondheid/live/")["Cache-Control"] == "no-store"


def test_met_broker_leest_ook_de_hartslag(client, met_broker, django_assert_num_queries):
    _verse_hartslag(30)
    with django_assert_num_queries(2):  # SELECT 1 and the heartbeat row
        antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    beat = antwoord.json()["beat"]
    assert beat["status"] == "ok"
    assert 30 <= beat["leeftijd_seconden"] <= 35
    assert beat["max_seconden"] == 180


# --- each required check failing on its own -------------------------------------------------------------------


def test_database_weg_geeft_503_en_noemt_de_database(client):
    with mock.patch("core.gezondheid.connection") as verbinding:
        verbinding.cursor.side_effect = OperationalError(f'connection to "db" failed for user "portaal" password {GEHEIM}')
        antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    gegevens = antwoord.json()
    assert gegevens["status"] == "fout"
    assert gegevens["controles"]["database"]["status"] == "fout"
    assert gegevens["controles"]["cache"]["status"] == "ok"
    assert gegevens["controles"]["broker"]["status"] == "ok"
    assert gegevens["fouten"] == ["De database is niet bereikbaar. (OperationalError)"]
    assert GEHEIM not in antwoord.content.decode()


def test_cache_weg_geeft_503_en_noemt_de_cache(client):
    kapot = mock.Mock()
    kapot.set.side_effect = ConnectionError(f"Error connecting to redis://:{GEHEIM}@redis:6379/1")
    with mock.patch("core.gezondheid.cache", kapot):
        antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    gegevens = antwoord.json()
    assert gegevens["controles"]["cache"] == {"status": "fout", "melding": "De cache is niet bereikbaar. (ConnectionError)"}
    assert gegevens["controles"]["database"]["status"] == "ok"
    assert gegevens["fouten"] == ["De cache is niet bereikbaar. (ConnectionError)"]
    assert GEHEIM not in antwoord.content.decode()


def test_cache_die_niets_teruggeeft_faalt_ook(client):
    vergeetachtig = mock.Mock()
    vergeetachtig.get.return_value = None
    with mock.patch("core.gezondheid.cache", vergeetachtig):
        antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    assert antwoord.json()["controles"]["cache"]["melding"] == "De cache gaf een zojuist geschreven sleutel niet terug."


def test_cache_controle_schrijft_leest_en_ruimt_op():
    from django.core.cache import cache

    with mock.patch("core.gezondheid.cache", wraps=cache) as bespied:
        assert gezondheid.cache_controle() == {"status": "ok"}
    sleutel = bespied.set.call_args.args[0]
    assert sleutel.startswith("gezondheid:")
    bespied.get.assert_called_once_with(sleutel)
    assert cache.get(sleutel) is None  # removed again


def test_broker_weg_geeft_503_en_noemt_de_broker(client, settings):
    url = f"redis://:{GEHEIM}@127.0.0.1:1/0"
    # broker() first: it restores the Celery app's values it found, which must be the suite's own.
    with broker(url):
        settings.CELERY_TASK_ALWAYS_EAGER = False
        settings.CELERY_BROKER_URL = url
        antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 503
    gegevens = antwoord.json()
    assert gegevens["controles"]["broker"]["status"] == "fout"
    assert gegevens["controles"]["broker"]["melding"].startswith("De broker (CELERY_BROKER_URL) is niet bereikbaar.")
    assert gegevens["controles"]["database"]["status"] == "ok" and gegevens["controles"]["cache"]["status"] == "ok"
    assert GEHEIM not in antwoord.content.decode()


def test_broker_fout_met_wachtwoord_in_de_melding_lekt_niets(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = DICHTE_POORT
    fout = BrokerFout(f"Error 111 connecting to redis://:{GEHEIM}@redis:6379/0. Connection refused.")
    with mock.patch("celery.current_app.connection_for_write", side_effect=fout):
        uitslag = gezondheid.broker()
    assert uitslag == {"status": "fout", "melding": "De broker (CELERY_BROKER_URL) is niet bereikbaar. (OperationalError)"}


def test_broker_controle_is_een_echte_verbinding_met_korte_timeout(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://redis.example:6379/0"
    with mock.patch("celery.current_app.connection_for_write") as verbinden:
        assert gezondheid.broker() == {"status": "ok", "soort": "broker"}
    ensure = verbinden.return_value.__enter__.return_value.ensure_connection
    ensure.assert_called_once()
    assert ensure.call_args.kwargs["timeout"] == gezondheid.BROKER_TIMEOUT <= 3
    assert ensure.call_args.kwargs["max_retries"] == 1


def test_memory_broker_is_in_proces_ok(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    with mock.patch("celery.current_app.connection_for_write") as verbinden:
        assert gezondheid.broker() == {"status": "ok", "soort": "in proces"}
    verbinden.assert_not_called()


def test_database_weg_slaat_de_hartslag_over(met_broker):
    with mock.patch("core.gezondheid.connection") as verbinding:
        verbinding.cursor.side_effect = OperationalError("weg")
        gegevens, status = gezondheid.rapport()
    assert status == 503
    assert gegevens["beat"] == {"status": "onbekend"}


# --- beat's heartbeat ------------------------------------------------------------------------------------------


def test_verouderde_hartslag_is_een_waarschuwing_geen_503(client, met_broker):
    _verse_hartslag(400)
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    gegevens = antwoord.json()
    assert gegevens["status"] == "ok"
    assert gegevens["beat"]["status"] == "verouderd"
    assert gegevens["beat"]["leeftijd_seconden"] >= 400
    assert gegevens["waarschuwingen"] == [gegevens["beat"]["melding"]]
    assert "seconden oud" in gegevens["beat"]["melding"]


def test_ontbrekende_hartslag_is_een_waarschuwing(client, met_broker):
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    gegevens = antwoord.json()
    assert gegevens["beat"]["status"] == "onbekend"
    assert "nog nooit" in gegevens["waarschuwingen"][0]


def test_grens_van_de_hartslag_is_instelbaar(client, met_broker):
    met_broker.GEZONDHEID_BEAT_MAX_SECONDEN = 30
    _verse_hartslag(60)
    assert client.get("/gezondheid/").json()["beat"]["status"] == "verouderd"
    met_broker.GEZONDHEID_BEAT_MAX_SECONDEN = 120
    assert client.get("/gezondheid/").json()["beat"]["status"] == "ok"


def test_hartslag_overleeft_het_legen_van_de_cache(client, met_broker):
    from django.core.cache import cache

    hartslag.apply().get()
    cache.clear()
    assert client.get("/gezondheid/").json()["beat"]["status"] == "ok"


def test_hartslagtaak_houdt_een_rij_bij():
    met = kalender.nu()
    hartslag.apply().get()
    hartslag.apply().get()
    rij = Hartslag.objects.get()
    assert rij.bron == "beat"
    assert rij.moment >= met


def test_hartslag_staat_elke_minuut_in_het_schema(settings):
    regel = settings.CELERY_BEAT_SCHEDULE["hartslag"]
    assert regel["task"] == "core.tasks.hartslag"
    assert regel["schedule"].minute == set(range(60))


# --- liveness ----------------------------------------------------------------------------------------------------


def test_live_doet_alleen_select_1(client):
    assert reverse("gezondheid_live") == "/gezondheid/live/"
    with CaptureQueriesContext(echte_verbinding) as ctx:
        antwoord = client.get("/gezondheid/live/")
    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "ok"}
    assert [q["sql"] for q in ctx.captured_queries] == ["SELECT 1"]


def test_live_raakt_cache_en_broker_niet(client):
    with mock.patch("core.gezondheid.cache_controle") as cache_controle, mock.patch("core.gezondheid.broker") as b:
        assert client.get("/gezondheid/live/").status_code == 200
    cache_controle.assert_not_called()
    b.assert_not_called()


def test_live_zonder_database_geeft_503(client):
    with mock.patch("core.gezondheid.connection") as verbinding:
        verbinding.cursor.side_effect = OperationalError("weg")
        antwoord = client.get("/gezondheid/live/")
    assert antwoord.status_code == 503
    assert antwoord.json()["status"] == "fout"
