"""Measuring helpers shared by the benchmarks: server time percentiles and query counts per page.

Every ``meet()`` is also recorded under the benchmark that runs (``begin``), so ``python -m bench`` ends with one
table of every page of every benchmark, each as a ratio against the floor of its own benchmark measured in the
same run (issue 15). A benchmark names a row with ``naam=`` (or ``benoem``); else the URL is its name. When a
benchmark measures the same page twice (a small world, then the full one), the last measurement counts.
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# The floor: the cheapest request through the whole middleware stack that still touches the database (the
# liveness check: one SELECT 1; /gezondheid/ itself also checks cache, broker and beat).
VLOER_URL = "/gezondheid/live/"

_huidig = {"benchmark": ""}
# (benchmark, naam) -> measurement; insertion order is the order of the table.
RESULTATEN: dict[tuple[str, str], dict] = {}
VLOEREN: dict[str, dict] = {}


def begin(benchmark: str) -> None:
    """The benchmark whose measurements follow (set by ``python -m bench``)."""
    _huidig["benchmark"] = benchmark


def registreer(resultaat: dict, naam: str | None = None) -> dict:
    """Record a measurement (``p50_ms``, ``p95_ms``, ``queries``) for the summary table; returns it."""
    if naam:
        resultaat["naam"] = naam
    resultaat.setdefault("naam", resultaat.get("url", "?"))
    RESULTATEN[(_huidig["benchmark"], resultaat["naam"])] = resultaat
    return resultaat


def benoem(resultaten: dict[str, dict]) -> dict[str, dict]:
    """Give measurements collected in a dict (label -> result) their label as name in the summary table."""
    for label, resultaat in resultaten.items():
        RESULTATEN.pop((_huidig["benchmark"], resultaat.get("naam", "")), None)
        registreer(resultaat, label)
    return resultaten


def _meting(client: Client, url: str, *, n: int, opwarmen: int, status: int | None = 200) -> dict:
    for _ in range(opwarmen):
        antwoord = client.get(url)
        assert status is None or antwoord.status_code == status, (url, antwoord.status_code)
    tijden = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url)
        tijden.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    tijden.sort()
    return {
        "url": url,
        "p50_ms": statistics.median(tijden),
        "p95_ms": tijden[max(0, int(round(0.95 * len(tijden))) - 1)],
        "queries": len(ctx.captured_queries),
    }


def meet(client: Client, url: str, *, n: int = 50, opwarmen: int = 3, naam: str | None = None) -> dict:
    """Request ``url`` n times; return p50/p95 in milliseconds and the queries of one request."""
    return registreer(_meting(client, url, n=n, opwarmen=opwarmen), naam)


def druk_af(resultaten: list[dict], *, basis: dict | None = None) -> None:
    """Print one line per page; with ``basis`` (the trivial view) also the ratio of p50s."""
    for r in resultaten:
        verhouding = f"  x{r['p50_ms'] / basis['p50_ms']:.1f} t.o.v. triviale view" if basis else ""
        print(f"{r['url']:<60} p50 {r['p50_ms']:8.2f} ms  p95 {r['p95_ms']:8.2f} ms  {r['queries']:3d} queries{verhouding}")


def meet_basis(client: Client, n: int = 50) -> dict:
    """The floor of this benchmark: kept apart from its pages, the denominator of its ratios."""
    vloer = _meting(client, VLOER_URL, n=n, opwarmen=3, status=None) | {"naam": f"vloer: {VLOER_URL}"}
    VLOEREN[_huidig["benchmark"]] = vloer
    return vloer


def tabel(resultaten: dict[tuple[str, str], dict] | None = None, vloeren: dict[str, dict] | None = None) -> str:
    """One table of every measurement: benchmark, page, queries, p50, p95 and p95 as a multiple of its floor."""
    resultaten = RESULTATEN if resultaten is None else resultaten
    vloeren = VLOEREN if vloeren is None else vloeren
    breedte = max([len(naam) for _, naam in resultaten] + [20])
    regels = [f"{'benchmark':<14} {'pagina':<{breedte}} {'queries':>7} {'p50 ms':>9} {'p95 ms':>9} {'p95/vloer':>10}"]
    for (benchmark, naam), r in resultaten.items():
        vloer = vloeren.get(benchmark)
        verhouding = f"{r['p95_ms'] / vloer['p95_ms']:9.1f}x" if vloer and vloer["p95_ms"] else f"{'-':>10}"
        queries = r.get("queries")
        regels.append(f"{benchmark:<14} {naam:<{breedte}} {queries if queries is not None else '-':>7} "
                      f"{r['p50_ms']:9.2f} {r['p95_ms']:9.2f} {verhouding}  {r.get('opmerking', '')}".rstrip())
    for benchmark, vloer in vloeren.items():
        regels.append(f"{benchmark:<14} {vloer['naam']:<{breedte}} {vloer['queries']:>7} {vloer['p50_ms']:9.2f} "
                      f"{vloer['p95_ms']:9.2f} {'1.0x':>10}")
    return "\n".join(regels)
