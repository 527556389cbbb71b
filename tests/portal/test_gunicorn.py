"""portal/gunicorn.conf.py (issue 15): every value from the environment with a safe default, valid for gunicorn,
and an access log of one JSON line per request with the request id the portal answered with."""

import io
import json
import logging
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

CONF = Path(__file__).resolve().parents[2] / "portal" / "gunicorn.conf.py"
OMGEVING = ("BIND", "PORT", "WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS", "GUNICORN_TIMEOUT", "GUNICORN_GRACEFUL_TIMEOUT",
            "GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER", "GUNICORN_KEEPALIVE", "LOG_LEVEL")


@pytest.fixture
def laden(monkeypatch):
    for naam in OMGEVING:
        monkeypatch.delenv(naam, raising=False)

    def _laden(**env):
        for naam, waarde in env.items():
            monkeypatch.setenv(naam, waarde)
        return runpy.run_path(str(CONF))

    return _laden


def _config(waarden: dict) -> Config:
    """The values as gunicorn itself would take them from the file (its validators run on set)."""
    cfg = Config()
    for naam, waarde in waarden.items():
        if naam in cfg.settings:
            cfg.set(naam, waarde)
    return cfg


def test_standaarden(laden, monkeypatch):
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 2)
    conf = laden()
    assert conf["bind"] == ["127.0.0.1:8000"]
    assert conf["workers"] == 5
    assert conf["worker_class"] == "sync"
    assert (conf["timeout"], conf["graceful_timeout"], conf["keepalive"]) == (60, 30, 5)
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (1000, 100)
    assert conf["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert conf["accesslog"] == "-" and conf["errorlog"] == "-"
    assert conf["logger_class"].__name__ == "JsonLogger"


def test_gunicorn_accepteert_elke_waarde(laden):
    conf = laden()
    onbekend = {n for n in conf if not n.startswith("_") and n.islower() and n not in Config().settings}
    # Only helpers of the file itself are not gunicorn settings.
    assert onbekend <= {"multiprocessing", "os", "sys", "access_velden", "terugzetten", "zetten", "logger"}
    cfg = _config(conf)
    assert cfg.worker_class_str == "sync"
    assert cfg.address and cfg.workers == conf["workers"]
    assert cfg.logger_class.__name__ == "JsonLogger"


@pytest.mark.parametrize(("cores", "verwacht"), [(1, 3), (4, 9), (32, 12)])
def test_workers_twee_keer_cores_plus_een_met_plafond(laden, monkeypatch, cores, verwacht):
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: cores)
    assert laden()["workers"] == verwacht


def test_web_concurrency_wint(laden, monkeypatch):
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 32)
    assert laden(WEB_CONCURRENCY="20")["workers"] == 20
    assert laden(WEB_CONCURRENCY="0")["workers"] == 1


def test_bind_en_port(laden):
    assert laden(PORT="5000")["bind"] == ["0.0.0.0:5000"]
    assert laden(PORT="5000", BIND="unix:/run/portaal.sock")["bind"] == ["unix:/run/portaal.sock"]
    assert laden(BIND="0.0.0.0:8000, [::]:8000")["bind"] == ["0.0.0.0:8000", "[::]:8000"]


def test_tijden_en_proxys_uit_de_omgeving(laden):
    conf = laden(GUNICORN_TIMEOUT="120", GUNICORN_GRACEFUL_TIMEOUT="45", GUNICORN_MAX_REQUESTS="500",
                 GUNICORN_MAX_REQUESTS_JITTER="50", FORWARDED_ALLOW_IPS="10.0.0.2", LOG_LEVEL="WARNING")
    assert (conf["timeout"], conf["graceful_timeout"]) == (120, 45)
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (500, 50)
    assert conf["forwarded_allow_ips"] == "10.0.0.2"
    assert conf["loglevel"] == "warning"


@pytest.fixture
def json_logger(laden):
    conf = laden()
    cfg = _config(conf)
    logger = conf["logger_class"](cfg)
    stroom = io.StringIO()
    for log in (logger.access_log, logger.error_log):
        for handler in log.handlers:
            handler.setStream(stroom)
    yield logger, stroom
    for log in (logger.access_log, logger.error_log):
        for handler in list(log.handlers):
            log.removeHandler(handler)


def _antwoord(status="200 OK", koppen=(("Content-Type", "text/html"), ("X-Request-ID", "abcdef0123456789"))):
    return SimpleNamespace(status=status, headers=list(koppen), sent=1234)


OMGEVING_VERZOEK = {
    "REQUEST_METHOD": "GET", "PATH_INFO": "/procedures/", "QUERY_STRING": "q=jeugd", "RAW_URI": "/procedures/?q=jeugd",
    "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "10.0.0.7", "HTTP_USER_AGENT": 'Mozilla "quoted"',
    "HTTP_REFERER": "https://portaal.example/",
}


def test_toegangsregel_is_json_met_request_id(json_logger):
    logger, stroom = json_logger
    logger.access(_antwoord(), None, OMGEVING_VERZOEK, timedelta(milliseconds=42, microseconds=300))
    [regel] = stroom.getvalue().splitlines()
    gegevens = json.loads(regel)
    assert gegevens["logger"] == "gunicorn.access"
    assert gegevens["request_id"] == "abcdef0123456789"
    assert gegevens["message"] == "GET /procedures/ 200"
    assert {k: gegevens[k] for k in ("method", "path", "query", "status", "bytes", "remote_addr", "user_agent",
                                     "referer")} == {
        "method": "GET", "path": "/procedures/", "query": "q=jeugd", "status": 200, "bytes": 1234,
        "remote_addr": "10.0.0.7", "user_agent": 'Mozilla "quoted"', "referer": "https://portaal.example/",
    }
    assert gegevens["duration_ms"] == 42.3


def test_toegangsregel_zonder_request_id_en_met_vreemde_status(json_logger):
    from core import logboek

    logger, stroom = json_logger
    logger.access(_antwoord(status="599 Eigen", koppen=()), None, OMGEVING_VERZOEK, timedelta(seconds=1))
    gegevens = json.loads(stroom.getvalue())
    assert gegevens["request_id"] == "-"
    assert gegevens["status"] == 599
    assert gegevens["duration_ms"] == 1000.0
    assert logboek.huidig() == ""  # the line's id was current only while it was written


def test_eigen_meldingen_van_gunicorn_ook_als_json(json_logger):
    logger, stroom = json_logger
    logger.info("Booting worker with pid: %s", 42)
    gegevens = json.loads(stroom.getvalue())
    assert gegevens["message"] == "Booting worker with pid: 42"
    assert gegevens["level"] == "INFO" and gegevens["logger"] == "gunicorn.error"


def test_toegangslog_uit_zonder_accesslog(laden):
    conf = laden()
    conf["accesslog"] = None
    cfg = _config(conf)
    logger = conf["logger_class"](cfg)
    stroom = io.StringIO()
    handler = logging.StreamHandler(stroom)
    logger.access_log.addHandler(handler)
    try:
        logger.access(_antwoord(), None, OMGEVING_VERZOEK, timedelta(seconds=1))
    finally:
        logger.access_log.removeHandler(handler)
    assert stroom.getvalue() == ""
