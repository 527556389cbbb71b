"""Throughput of the public site against a static file, side by side in one run (issue 15).

The portal runs as in production: gunicorn with 2 sync workers, ``portal.settings.production`` (DEBUG off,
WhiteNoise with compressed static files), its own SQLite database with the public data of bench_publiek (500
contracted providers, 300 products with tariffs for two years, 13 percelen) plus a published NvI, and a shared
cache (Redis on 127.0.0.1:6379 when it runs, else a file cache: two workers must share one). A load generator
(``wrk`` when installed, else a small one in Python with one process per core) fetches one URL at a time for a
few seconds; throughput is given as requests per second and as a percentage of the static file's.

Measured twice: with the public page cache (core/paginacache.py, ADR 0021) and without it
(``PAGINACACHE=false``), so the table shows what the cache buys. Target: every public page ≥ 50 % of the static
file with the cache. ``BENCH_DOORVOER_SECONDEN`` sets the seconds per URL (default 5).
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.meten import registreer

BUITEN_TRANSACTIE = True  # the server is another process with a database of its own

BASIS = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PADEN = [
    ("statisch bestand (site.css)", "/static/portal/site.css"),
    ("home", "/"),
    ("procedures", "/procedures/"),
    ("procedure", "/procedures/bench-500/"),
    ("productenboek (300 producten)", "/procedures/bench-500/productenboek/2025/"),
    ("register", "/procedures/bench-500/register/"),
    ("nota van inlichtingen", "/procedures/bench-500/nvi/1/"),
    ("API aanbieders", "/api/v1/aanbieders?procedure=bench-500"),
]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_bereikbaar() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _omgeving(tmp: Path, paginacache: bool) -> dict:
    cache = "rediscache://127.0.0.1:6379/7" if _redis_bereikbaar() else f"filecache://{tmp / 'cache'}"
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "TAKEN_IN_PROCES": "true",
        "DATABASE_URL": f"sqlite:///{tmp / 'doorvoer.sqlite3'}",
        "CACHE_URL": cache,
        "MEDIA_ROOT": str(tmp / "publiek"),
        "PRIVATE_MEDIA_ROOT": str(tmp / "prive"),
        "ZEGEL_DEMO": "true",
        "LOG_LEVEL": "ERROR",
        "PAGINACACHE": "true" if paginacache else "false",
    }


def vul() -> None:
    """Build the public data in the benchmark's own database (run by ``manage.py shell`` in that environment)."""
    from django.db import transaction

    from aanbesteding.models import NotaVanInlichtingen, Vraag
    from bench.bench_publiek import _data
    from cms.inrichting import zorg_voor_publieke_site
    from organisaties.models import Organisatie, User

    with transaction.atomic():
        zorg_voor_publieke_site()
        a = _data(500, 1)
        vrager = User.objects.create_user(email="vrager@bench.example", password=None)
        org = Organisatie.objects.filter(soort="aanbieder").first()
        nota = NotaVanInlichtingen.objects.create(aanbesteding=a, nummer=1, inleiding="Eerste nota van inlichtingen.")
        Vraag.objects.bulk_create([
            Vraag(aanbesteding=a, organisatie=org, gesteld_door=vrager, tekst=f"Vraag {i}", status=Vraag.Status.GEPUBLICEERD,
                  vraag_publiek=f"Mag een aanbieder voor perceel 5.{i % 13 + 1} een onderaannemer inzetten? ({i})",
                  antwoord="Ja, mits de onderaannemer aan dezelfde eisen voldoet (003 r. 665-691).", nota=nota,
                  volgnummer=i + 1)
            for i in range(40)
        ])


def _start_server(env: dict, poort: int, tmp: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "portal.wsgi", "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{poort}", "--log-level", "warning", "--pid", str(tmp / "gunicorn.pid")],
        cwd=BASIS, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp / "gunicorn.log", "ab"),  # noqa: SIM115
    )
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError(f"gunicorn startte niet; zie {tmp / 'gunicorn.log'}")


def _haal(poort: int, pad: str) -> tuple[int, bytes]:
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=10)
    verbinding.request("GET", pad, headers={"Accept-Encoding": "gzip"})
    antwoord = verbinding.getresponse()
    inhoud = antwoord.read()
    verbinding.close()
    return antwoord.status, inhoud


def _python_lader(poort: int, pad: str, seconden: float, wachtrij) -> None:
    aantal, fouten, einde = 0, 0, time.perf_counter() + seconden
    while time.perf_counter() < einde:
        status, _ = _haal(poort, pad)
        aantal += 1
        fouten += status != 200
    wachtrij.put((aantal, fouten))


def _doorvoer(poort: int, pad: str, seconden: float) -> tuple[float, int, str]:
    """Requests per second over ``seconden`` with two concurrent clients per core; (rps, non-200, tool)."""
    url = f"http://127.0.0.1:{poort}{pad}"
    if shutil.which("wrk"):
        uit = subprocess.run(["wrk", "-t2", "-c8", f"-d{max(1, int(seconden))}s", "-H", "Accept-Encoding: gzip", url],
                             capture_output=True, text=True, check=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", uit).group(1))
        fout = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", uit)
        return rps, int(fout.group(1)) if fout else 0, "wrk"
    ctx = multiprocessing.get_context("fork")
    wachtrij = ctx.Queue()
    laders = [ctx.Process(target=_python_lader, args=(poort, pad, seconden, wachtrij)) for _ in range(2)]
    for p in laders:
        p.start()
    uitkomsten = [wachtrij.get() for _ in laders]
    for p in laders:
        p.join()
    return sum(a for a, _ in uitkomsten) / seconden, sum(f for _, f in uitkomsten), "python"


def _meet_alles(env: dict, tmp: Path, seconden: float) -> tuple[dict[str, float], str]:
    poort = _vrije_poort()
    server = _start_server(env, poort, tmp)
    try:
        uitkomst, gereedschap = {}, ""
        for naam, pad in PADEN:
            status, _ = _haal(poort, pad)
            if status != 200:
                raise RuntimeError(f"{pad} gaf {status}; zie {tmp / 'gunicorn.log'}")
            for _ in range(20):  # warm: the page is stored, every worker has its code loaded
                _haal(poort, pad)
            rps, fouten, gereedschap = _doorvoer(poort, pad, seconden)
            if fouten:
                raise RuntimeError(f"{pad}: {fouten} antwoorden anders dan 200")
            uitkomst[naam] = rps
        return uitkomst, gereedschap
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> dict:
    seconden = float(os.environ.get("BENCH_DOORVOER_SECONDEN", "5"))
    with tempfile.TemporaryDirectory(prefix="bench-doorvoer-") as map_:
        tmp = Path(map_)
        env = _omgeving(tmp, paginacache=True)
        start = time.perf_counter()
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=BASIS, env=env, check=True)
        subprocess.run([*manage, "shell", "-c", "from bench.bench_doorvoer import vul; vul()"], cwd=BASIS, env=env,
                       check=True)
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=BASIS, env=env, check=True)
        print(f"database, gegevens en statische bestanden klaar in {time.perf_counter() - start:.0f} s; "
              f"cache: {env['CACHE_URL'].split(':')[0]}")
        met, gereedschap = _meet_alles(env, tmp, seconden)
        zonder, _ = _meet_alles(_omgeving(tmp, paginacache=False), tmp, seconden)
    statisch = met[PADEN[0][0]]
    print(f"gunicorn 2 sync workers, productie-instellingen; {gereedschap}, {seconden:.0f} s per URL")
    print(f"{'pagina':<32} {'met cache':>12} {'% statisch':>10} {'zonder cache':>13} {'% statisch':>10}")
    for naam, _ in PADEN:
        print(f"{naam:<32} {met[naam]:9.0f}/s {100 * met[naam] / statisch:9.1f}% {zonder[naam]:10.0f}/s "
              f"{100 * zonder[naam] / zonder[PADEN[0][0]]:9.1f}%")
        # In the summary table: the time per request of one client, and the share of the static file.
        registreer({"p50_ms": 1000 / met[naam], "p95_ms": 1000 / met[naam], "queries": None,
                    "opmerking": f"{100 * met[naam] / statisch:.0f} % van statisch"}, f"doorvoer: {naam}")
    return {"met": met, "zonder": zonder, "gereedschap": gereedschap}
