"""Measuring helpers shared by the benchmarks: server time percentiles and query counts per page."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def meet(client: Client, url: str, *, n: int = 50, opwarmen: int = 3) -> dict:
    """Request ``url`` n times; return p50/p95 in milliseconds and the queries of one request."""
    for _ in range(opwarmen):
        antwoord = client.get(url)
        assert antwoord.status_code == 200, (url, antwoord.status_code)
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


def druk_af(resultaten: list[dict], *, basis: dict | None = None) -> None:
    """Print one line per page; with ``basis`` (the trivial view) also the ratio of p50s."""
    for r in resultaten:
        verhouding = f"  x{r['p50_ms'] / basis['p50_ms']:.1f} t.o.v. triviale view" if basis else ""
        print(f"{r['url']:<60} p50 {r['p50_ms']:8.2f} ms  p95 {r['p95_ms']:8.2f} ms  {r['queries']:3d} queries{verhouding}")


def meet_basis(client: Client, n: int = 50) -> dict:
    return meet(client, "/gezondheid/", n=n)
