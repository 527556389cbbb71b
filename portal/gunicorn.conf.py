"""Gunicorn configuration of the portal (issue 15): ``gunicorn -c portal/gunicorn.conf.py portal.wsgi``.

Every value can be changed from the environment, so one image serves every installation:

- ``BIND`` (e.g. ``0.0.0.0:8000``), else ``0.0.0.0:$PORT`` when PORT is set (gunicorn's own convention), else
  ``127.0.0.1:8000``;
- ``WEB_CONCURRENCY``: number of workers, default 2 × cores + 1, at most 12;
- ``GUNICORN_TIMEOUT`` (60 s), ``GUNICORN_GRACEFUL_TIMEOUT`` (30 s), ``GUNICORN_KEEPALIVE`` (5 s);
- ``GUNICORN_MAX_REQUESTS`` (1000) with ``GUNICORN_MAX_REQUESTS_JITTER`` (100);
- ``FORWARDED_ALLOW_IPS``: the proxies whose X-Forwarded-* headers are trusted (default only localhost);
- ``LOG_LEVEL`` for gunicorn's own messages.

The access log goes to stdout as one JSON object per line, in the format of the portal's own log lines
(``core.logboek.JsonFormatter``), with the request id the portal sent back in ``X-Request-ID``.
"""

import multiprocessing
import os
import sys
from pathlib import Path

from gunicorn.glogging import Logger

# Gunicorn loads this file by path: make the project importable for core.logboek (no Django needed for it).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.logboek import JsonFormatter, RequestIdFilter, terugzetten, zetten  # noqa: E402

MAX_WORKERS = 12


def _workers() -> int:
    if os.environ.get("WEB_CONCURRENCY"):
        return max(1, int(os.environ["WEB_CONCURRENCY"]))
    # Sync workers wait on the database; 2 × cores + 1 keeps the cores busy. Capped: each worker holds a full
    # Django + Wagtail (≈ 150 MB) and a database connection, which a large machine would otherwise multiply.
    return min(2 * multiprocessing.cpu_count() + 1, MAX_WORKERS)


def _bind() -> list[str]:
    if os.environ.get("BIND"):
        return [adres.strip() for adres in os.environ["BIND"].split(",") if adres.strip()]
    if os.environ.get("PORT"):
        return [f"0.0.0.0:{os.environ['PORT']}"]  # noqa: S104 - a platform that sets PORT routes to the container
    return ["127.0.0.1:8000"]


bind = _bind()
workers = _workers()
# Sync workers: every slow part (PDF text extraction, mail, seals) runs in Celery, and a reverse proxy in front
# buffers slow clients; a request holds its worker only for the time Django needs.
worker_class = "sync"
# A request that takes longer is killed and logged: a hung worker must not hold its slot forever. Uploads of
# 25 MB reach the worker already buffered by the proxy.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On SIGTERM (a deploy) a worker finishes its current request within this time.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Workers are replaced after this many requests (with jitter, so they do not all restart at once): any slow
# growth in memory (a large PDF parsed in-process, Python's fragmentation) is returned to the system.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
# Only these proxies may say the request came over https (X-Forwarded-Proto) or from another address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The worker heartbeat file: in memory where there is /dev/shm (a container's /tmp can be a slow overlay).
if Path("/dev/shm").is_dir():  # noqa: S108 - gunicorn's own advice for containers
    worker_tmp_dir = "/dev/shm"  # noqa: S108
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
proc_name = "openhouse-portaal"


class JsonLogger(Logger):
    """Gunicorn's logger with JSON lines: its own messages and one access line per request with method, path,
    status, bytes, duration and the request id (the ``X-Request-ID`` the portal answered with)."""

    def setup(self, cfg):
        super().setup(cfg)
        formatter = JsonFormatter()
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(formatter)
                handler.addFilter(RequestIdFilter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        # The request's own id becomes current for this one line (the record factory and the filter read it
        # from there; passing it through ``extra`` would collide with the attribute they set).
        token = zetten(_koptekst(resp, "X-Request-ID"))
        try:
            self.access_log.info("%s %s %s", environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"),
                                 _status(resp), extra=access_velden(resp, environ, request_time))
        except Exception:
            self.exception("Access log line failed")
        finally:
            terugzetten(token)


def _status(resp) -> int | str:
    status = resp.status
    if isinstance(status, str):
        status = status.split(None, 1)[0]
    try:
        return int(status)
    except (TypeError, ValueError):
        return str(status)


def _koptekst(resp, naam: str) -> str:
    for sleutel, waarde in resp.headers or ():
        if sleutel.lower() == naam.lower():
            return waarde
    return ""


def access_velden(resp, environ, request_time) -> dict:
    """The fields of one access line."""
    return {
        "method": environ.get("REQUEST_METHOD"),
        "path": environ.get("PATH_INFO"),
        "query": environ.get("QUERY_STRING", ""),
        "status": _status(resp),
        "bytes": getattr(resp, "sent", None),
        "duration_ms": round(request_time.total_seconds() * 1000, 1),
        "remote_addr": environ.get("REMOTE_ADDR"),
        "user_agent": environ.get("HTTP_USER_AGENT", ""),
        "referer": environ.get("HTTP_REFERER", ""),
    }


logger_class = JsonLogger
