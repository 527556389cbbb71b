"""The request id (core.logboek, portal.middleware.RequestIdMiddleware, issue 15): it goes in and out as
X-Request-ID, lands on every log record, on audit entries and on the outbox row, and travels with Celery tasks."""

import json
import logging
import sys
from types import SimpleNamespace

import pytest
from celery.signals import before_task_publish
from django.conf import settings

from core import logboek, taken
from core.models import AuditRegel, Uitgaand
from core.tasks import hartslag
from tests.broker import broker
from tests.core._logboek_taken import logboek_taak

pytestmark = pytest.mark.django_db

HEX32 = r"[0-9a-f]{32}"


@pytest.fixture
def in_verzoek():
    """A request id is current, as inside a request."""
    token = logboek.zetten("verzoek-1234abcd")
    yield "verzoek-1234abcd"
    logboek.terugzetten(token)


# --- the HTTP header ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("waarde", ["abcdef12", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "Root-1.5e9:abc_def", "a" * 64])
def test_geldig_binnenkomend_id_komt_terug(client, waarde):
    antwoord = client.get("/gezondheid/live/", HTTP_X_REQUEST_ID=waarde)
    assert antwoord["X-Request-ID"] == waarde


@pytest.mark.parametrize("waarde", [
    "kort", "a" * 65, "met spatie erin", "regel\neinde1234", '"quote"12345', "<script>x</script>", "-begint-met-streep",
    "ümlaut12345", "",
])
def test_onzinnig_binnenkomend_id_wordt_vervangen(client, waarde):
    import re

    antwoord = client.get("/gezondheid/live/", HTTP_X_REQUEST_ID=waarde)
    assert antwoord["X-Request-ID"] != waarde
    assert re.fullmatch(HEX32, antwoord["X-Request-ID"])


def test_zonder_id_krijgt_elk_verzoek_een_eigen(client):
    import re

    eerste = client.get("/gezondheid/live/")["X-Request-ID"]
    tweede = client.get("/gezondheid/live/")["X-Request-ID"]
    assert re.fullmatch(HEX32, eerste) and re.fullmatch(HEX32, tweede)
    assert eerste != tweede


def test_id_is_na_het_verzoek_niet_meer_actueel(client):
    client.get("/gezondheid/live/", HTTP_X_REQUEST_ID="tijdelijk-123456")
    assert logboek.huidig() == ""


def test_middleware_staat_vooraan():
    assert settings.MIDDLEWARE[0] == "portal.middleware.RequestIdMiddleware"


def test_id_ook_op_foutpaginas(client):
    antwoord = client.get("/bestaat-echt-niet/", HTTP_X_REQUEST_ID="fout-pagina-1234")
    assert antwoord.status_code == 404
    assert antwoord["X-Request-ID"] == "fout-pagina-1234"


# --- audit entries and log records -----------------------------------------------------------------------------


@pytest.mark.urls("tests.core._logboek_urls")
def test_auditregel_draagt_het_id_van_de_responsheader(client):
    antwoord = client.get("/schrijven/")
    regel = AuditRegel.objects.get(pk=antwoord.json()["regel"])
    assert regel.request_id == antwoord["X-Request-ID"]
    assert len(regel.request_id) == 32


@pytest.mark.urls("tests.core._logboek_urls")
def test_auditregel_met_binnenkomend_id(client):
    client.get("/schrijven/", HTTP_X_REQUEST_ID="proxy-id-98765")
    assert AuditRegel.objects.get(actie="test.verzoek").request_id == "proxy-id-98765"


def test_auditregel_buiten_een_verzoek_zonder_id():
    from core.audit import audit

    assert audit("test.buiten").request_id == ""


@pytest.mark.urls("tests.core._logboek_urls")
def test_logregel_in_de_view_draagt_het_id(client, caplog):
    with caplog.at_level(logging.WARNING, logger="tests.logboek"):
        antwoord = client.get("/schrijven/")
    [record] = [r for r in caplog.records if r.getMessage() == "in de view"]
    assert record.request_id == antwoord["X-Request-ID"]


def test_logregel_buiten_een_verzoek_heeft_een_streepje(caplog):
    with caplog.at_level(logging.WARNING, logger="tests.logboek"):
        logging.getLogger("tests.logboek").warning("buiten")
    assert caplog.records[-1].request_id == "-"


def test_filter_vult_het_id_aan_op_een_kaal_record(in_verzoek):
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "kaal", (), None)  # not made by the factory
    assert not hasattr(record, "request_id")
    assert logboek.RequestIdFilter().filter(record) is True
    assert record.request_id == in_verzoek


# --- JSON lines ------------------------------------------------------------------------------------------------


def _record(bericht="hallo %s", args=("wereld",), **extra):
    logger = logging.getLogger("tests.json")
    record = logger.makeRecord("tests.json", logging.WARNING, __file__, 10, bericht, args, None, extra=extra or None)
    return record


def test_json_regel_is_json_met_de_velden(in_verzoek):
    regel = logboek.JsonFormatter().format(_record(pad="/mijn/", duur_ms=12.5))
    assert "\n" not in regel
    gegevens = json.loads(regel)
    assert gegevens["message"] == "hallo wereld"
    assert gegevens["level"] == "WARNING"
    assert gegevens["logger"] == "tests.json"
    assert gegevens["request_id"] == in_verzoek
    assert gegevens["time"].endswith("+00:00")
    assert gegevens["pad"] == "/mijn/" and gegevens["duur_ms"] == 12.5
    assert "args" not in gegevens and "msg" not in gegevens  # the standard attributes are not repeated


def test_json_regel_met_uitzondering_en_vreemde_waarden():
    try:
        raise ValueError("kapot\nmet een tweede regel")
    except ValueError:
        record = logging.getLogger("tests.json").makeRecord(
            "tests.json", logging.ERROR, __file__, 1, "mis: %s", ("ë",), sys.exc_info(), extra={"object": object()})
    regel = logboek.JsonFormatter().format(record)
    assert len(regel.splitlines()) == 1
    gegevens = json.loads(regel)
    assert "ValueError: kapot" in gegevens["exception"]
    assert gegevens["message"] == "mis: ë"
    assert gegevens["object"].startswith("<object object")
    assert gegevens["request_id"] == "-"


def test_logging_instellingen_zetten_filter_en_formatters():
    logging_ = settings.LOGGING
    assert logging_["handlers"]["console"]["filters"] == ["request_id"]
    assert logging_["formatters"]["json"]["()"] == "core.logboek.JsonFormatter"
    assert "%(request_id)s" in logging_["formatters"]["tekst"]["format"]
    assert settings.CELERY_WORKER_HIJACK_ROOT_LOGGER is False


def test_tekstformaat_met_id_werkt_via_dictconfig(in_verzoek):
    import io
    import logging.config

    stroom = io.StringIO()
    config = json.loads(json.dumps(settings.LOGGING))
    config["handlers"] = {"console": {**config["handlers"]["console"], "stream": stroom, "formatter": "json"}}
    config["root"] = {"handlers": [], "level": "WARNING"}
    config["loggers"] = {"tests.dictconfig": {"handlers": ["console"], "level": "INFO", "propagate": False}}
    logging.config.dictConfig(config)
    try:
        logging.getLogger("tests.dictconfig").info("via de configuratie")
    finally:
        logging.getLogger("tests.dictconfig").handlers.clear()
        logging.config.dictConfig(settings.LOGGING)
    gegevens = json.loads(stroom.getvalue().strip())
    assert gegevens["message"] == "via de configuratie"
    assert gegevens["request_id"] == in_verzoek


# --- Celery -----------------------------------------------------------------------------------------------------


def test_bij_publiceren_zet_het_id_in_de_koppen(in_verzoek):
    koppen = {"task": "x"}
    logboek.bij_publiceren(headers=koppen)
    assert koppen[logboek.TAAK_KOPTEKST] == in_verzoek


def test_bij_publiceren_laat_een_meegegeven_id_staan(in_verzoek):
    koppen = {logboek.TAAK_KOPTEKST: "uit-de-outbox-1"}
    logboek.bij_publiceren(headers=koppen)
    assert koppen[logboek.TAAK_KOPTEKST] == "uit-de-outbox-1"


def test_bij_publiceren_buiten_een_verzoek_voegt_niets_toe():
    koppen = {}
    logboek.bij_publiceren(headers=koppen)
    assert koppen == {}


def test_echte_publicatie_draagt_het_id(in_verzoek):
    gezien = []

    def vastleggen(headers=None, **kwargs):
        gezien.append(dict(headers))

    before_task_publish.connect(vastleggen, weak=False)
    try:
        with broker("memory://", eager=False):
            hartslag.apply_async()
    finally:
        before_task_publish.disconnect(vastleggen)
    assert gezien[-1][logboek.TAAK_KOPTEKST] == in_verzoek
    assert gezien[-1]["task"] == "core.tasks.hartslag"


def _taak(koppen=None, **attributen):
    return SimpleNamespace(request=SimpleNamespace(headers=koppen, **attributen))


def test_voor_taak_zet_het_id_uit_het_bericht_en_na_taak_zet_terug():
    logboek.voor_taak(task_id="t1", task=_taak(**{logboek.TAAK_KOPTEKST: "van-het-bericht-1"}))
    assert logboek.huidig() == "van-het-bericht-1"
    logboek.na_taak(task_id="t1")
    assert logboek.huidig() == ""


def test_voor_taak_leest_ook_de_kopjes_van_een_eager_verzoek():
    logboek.voor_taak(task_id="t2", task=_taak({logboek.TAAK_KOPTEKST: "eager-kop-12345"}))
    assert logboek.huidig() == "eager-kop-12345"
    logboek.na_taak(task_id="t2")
    assert logboek.huidig() == ""


def test_voor_taak_zonder_kop_houdt_het_huidige_id(in_verzoek):
    logboek.voor_taak(task_id="t3", task=_taak({}))
    assert logboek.huidig() == in_verzoek
    logboek.na_taak(task_id="t3")
    assert logboek.huidig() == in_verzoek


def test_voor_taak_zonder_kop_en_zonder_verzoek_maakt_een_id():
    import re

    logboek.voor_taak(task_id="t4", task=_taak(None))
    assert re.fullmatch(HEX32, logboek.huidig())
    logboek.na_taak(task_id="t4")
    assert logboek.huidig() == ""


def test_voor_taak_negeert_een_onzinnig_id_in_het_bericht():
    logboek.voor_taak(task_id="t5", task=_taak({logboek.TAAK_KOPTEKST: "kapot\nid met regeleinde"}))
    assert "\n" not in logboek.huidig() and len(logboek.huidig()) == 32
    logboek.na_taak(task_id="t5")


def test_taak_met_kop_draait_met_dat_id_en_zet_daarna_terug(caplog):
    with caplog.at_level(logging.WARNING, logger="tests.logboek.taak"):
        uitkomst = logboek_taak.apply(headers={logboek.TAAK_KOPTEKST: "meegegeven-id-1"}).get()
    assert uitkomst == "meegegeven-id-1"
    assert [r.request_id for r in caplog.records if r.getMessage() == "in de taak"] == ["meegegeven-id-1"]
    assert AuditRegel.objects.get(actie="test.taak").request_id == "meegegeven-id-1"
    assert logboek.huidig() == ""


# --- the outbox (ADR 0013) -----------------------------------------------------------------------------------


@pytest.mark.urls("tests.core._logboek_urls")
def test_taak_uit_een_verzoek_via_de_outbox_draagt_hetzelfde_id(client, django_capture_on_commit_callbacks, caplog):
    with caplog.at_level(logging.WARNING, logger="tests.logboek.taak"), \
            django_capture_on_commit_callbacks(execute=True):
        antwoord = client.get("/schrijven/")
    rid = antwoord["X-Request-ID"]
    assert Uitgaand.objects.get(taak="tests.core.logboek_taak").request_id == rid
    assert AuditRegel.objects.get(actie="test.taak").request_id == rid
    assert [r.request_id for r in caplog.records if r.getMessage() == "in de taak"] == [rid]


def test_outbox_rij_bewaart_het_id(in_verzoek, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        taken.na_commit(logboek_taak, "later")
    assert Uitgaand.objects.get().request_id == in_verzoek


def test_doorsturen_later_geeft_het_id_van_het_verzoek_mee(django_capture_on_commit_callbacks):
    token = logboek.zetten("oorspronkelijk-verzoek-1")
    try:
        with django_capture_on_commit_callbacks(execute=False):
            taken.na_commit(logboek_taak, "later")
    finally:
        logboek.terugzetten(token)
    rij = Uitgaand.objects.get()
    # The relay (beat, another process) publishes the row without any request current.
    assert logboek.huidig() == ""
    assert taken.publiceren(rij.pk) is True
    assert AuditRegel.objects.get(actie="test.taak").request_id == "oorspronkelijk-verzoek-1"
    assert logboek.huidig() == ""


def test_doorsturen_zet_het_id_als_berichtkop(django_capture_on_commit_callbacks):
    from unittest import mock

    from celery import current_app

    rij = Uitgaand.objects.create(taak="tests.core.logboek_taak", args=["x"], kwargs={},
                                  aangemaakt_op="2026-01-01T00:00:00+01:00", request_id="rij-id-123456")
    with mock.patch.object(current_app.tasks["tests.core.logboek_taak"], "apply_async") as publiceer:
        assert taken.publiceren(rij.pk) is True
    koppen = publiceer.call_args.kwargs["headers"]
    assert koppen == {taken.KOPTEKST: rij.pk, logboek.TAAK_KOPTEKST: "rij-id-123456"}


def test_doorsturen_zonder_id_geen_lege_kop():
    from unittest import mock

    from celery import current_app

    rij = Uitgaand.objects.create(taak="tests.core.logboek_taak", args=[], kwargs={},
                                  aangemaakt_op="2026-01-01T00:00:00+01:00")
    with mock.patch.object(current_app.tasks["tests.core.logboek_taak"], "apply_async") as publiceer:
        taken.publiceren(rij.pk)
    assert publiceer.call_args.kwargs["headers"] == {taken.KOPTEKST: rij.pk}
