"""Helpers for the cms tests: query counting without the cache, CSV parsing."""

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext


def tel_queries(client, url, **params):
    """Queries of a second request (the first warms site and page lookups)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url, params)
    assert antwoord.status_code == 200, antwoord.status_code
    return len(ctx.captured_queries)


def csv_rijen(antwoord):
    tekst = antwoord.getvalue().decode("utf-8")  # the register CSV streams: getvalue() reads either kind
    assert tekst.startswith("\ufeff"), "CSV begint met een BOM zodat Excel UTF-8 leest"
    return list(csv.DictReader(io.StringIO(tekst[1:]), delimiter=";"))


GEEN_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
