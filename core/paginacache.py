"""Public pages at the speed of a static file (issue 15, ADR 0021).

An anonymous visitor's GET of a public page (home, procedures, a procedure with its productenboek, register and
NvI's, the open data API) is the same for everyone, so its rendered response is kept in the shared cache and
served from there by a middleware that sits before sessions, authentication and the database: no query, no
template. What makes such a cache trustworthy is its invalidation:

- Every stored page carries the **publication generation** it was rendered in. Anything that changes what the
  public sees bumps the generation (``publiek_gewijzigd``): the owning apps connect their public models to it
  in their ``AppConfig.ready()`` (``bij_wijziging_van``), and Wagtail's publish and unpublish signals do the
  same for pages. A stored page of an older generation is never served again: the next request renders anew.
  The generation is read *before* rendering, so a change that lands while a page renders leaves that page
  stored under the old generation, where no one will read it.
- Each process keeps the pages it served lately and the generation it last read (re-read every second,
  ``PAGINACACHE_GENERATIE_SECONDEN``), so a hit touches neither the database nor the network; the shared cache
  (Redis in production) is the second level that a new worker warms up from.
- What changes with the clock alone (a window that opens at 10:00, a contract that ends at midnight) has no
  event; a stored page lives at most ``PAGINACACHE_SECONDEN`` (default 60 s). What changes with the date (the
  register derives "beëindigd" from an end date, and its default year is the current one, issue 19) is never
  served across midnight: the key holds the day (Europe/Amsterdam), so a page stored at 23:59:59 is not the
  page of 00:00:00.

Only requests without a session or message cookie are served or stored (a logged-in provider sees its own
"Inschrijven" button), and only responses that are plainly public: 200, not streamed, no cookie set, no CSRF
token used, no ``private``/``no-store``, not under the private paths. Browsers and a CDN get ``ETag`` and
``Last-Modified`` with ``Cache-Control: public, no-cache``: they keep the page and revalidate every time, which
costs a 304 from this cache; nothing stale is ever shown for longer than the server holds it. Stored pages keep
a gzip copy, compressed once when stored; pages outside this cache are not compressed (BREACH: they carry CSRF
tokens and personal data).
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from . import kalender

GENERATIE_SLEUTEL = "paginacache:generatie"
_SLEUTEL_VOORVOEGSEL = "paginacache:pagina:"
# Paths that are never public pages: the back office, accounts, the provider's own pages, the health check
# (a load balancer must see the live state) and the seal check.
UITGESLOTEN_PADEN = ("/admin/", "/accounts/", "/mijn/", "/gezondheid/", "/verifieren/", "/static/", "/media/",
                     "/documents/", "/django-admin/")
CACHEBARE_TYPEN = ("text/html", "application/json", "text/csv", "text/css", "text/plain")
# Headers of the original response that a stored copy must not repeat or that the hit path sets itself.
_NIET_BEWAREN = {"set-cookie", "content-length", "content-encoding", "etag", "last-modified", "cache-control",
                 "date", "vary"}
CACHE_CONTROL = "public, no-cache"
MIN_GZIP_BYTES = 200


def _seconden() -> int:
    return getattr(settings, "PAGINACACHE_SECONDEN", 60)


def _generatie_seconden() -> float:
    return getattr(settings, "PAGINACACHE_GENERATIE_SECONDEN", 1.0)


def _lokaal_max_bytes() -> int:
    return getattr(settings, "PAGINACACHE_LOKAAL_MAX_BYTES", 32 * 1024 * 1024)


def _actief() -> bool:
    return getattr(settings, "PAGINACACHE", True)


# --- the generation -------------------------------------------------------------------------------------------

# Each process keeps the generation it last read, and reads it again after PAGINACACHE_GENERATIE_SECONDEN: a hit
# then costs no network round trip at all. A change made in this process is seen here at once; other processes
# see it within that many seconds (default 1). Whoever makes a change is logged in and never served from the
# cache, so only an anonymous visitor can meet a page that is at most a second older than the change.
_lokaal: dict = {"generatie": None, "gelezen": 0.0}


def _nieuwe_generatie() -> int:
    # A new value that no stored page can carry, also when the key was evicted or the cache restarted: the clock
    # in nanoseconds (two bumps in the same nanosecond would both invalidate, which is all they must do).
    generatie = time.time_ns()
    cache.set(GENERATIE_SLEUTEL, generatie, None)
    _lokaal.update(generatie=generatie, gelezen=time.monotonic())
    return generatie


def huidige_generatie() -> int:
    """The publication generation, from this process's copy while it is fresh, else from the shared cache."""
    if _lokaal["generatie"] is not None and time.monotonic() - _lokaal["gelezen"] < _generatie_seconden():
        return _lokaal["generatie"]
    generatie = cache.get(GENERATIE_SLEUTEL)
    if generatie is None:
        return _nieuwe_generatie()
    _lokaal.update(generatie=generatie, gelezen=time.monotonic())
    return generatie


def publiek_gewijzigd(**_kwargs) -> None:
    """What the public sees has changed: no page stored before this moment is served again.

    Bumped at once and, inside a transaction, once more after the commit (one step per transaction, however many
    rows change): a request that rendered between the first bump and the commit (still seeing the old data)
    stored its page under the first bump's generation, which the second one retires. Takes signal keyword
    arguments so it can be connected directly.
    """
    _nieuwe_generatie()
    verbinding = transaction.get_connection()
    # Django keeps the after-commit steps of the open transaction in run_on_commit as (savepoints, func, robust).
    if verbinding.in_atomic_block and not any(stap[1] is na_commit for stap in verbinding.run_on_commit):
        transaction.on_commit(na_commit)


def na_commit() -> None:
    """The after-commit step of ``publiek_gewijzigd``."""
    _nieuwe_generatie()


def bij_wijziging_van(*modellen) -> None:
    """Connect ``modellen`` (public data of the calling app) so that saving or deleting one retires the stored
    pages. Called by the owning app in its ``ready()``; bulk updates that bypass signals call
    ``publiek_gewijzigd`` themselves."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in modellen:
        uid = f"paginacache:{model._meta.label_lower}"
        post_save.connect(publiek_gewijzigd, sender=model, dispatch_uid=f"{uid}:save", weak=False)
        post_delete.connect(publiek_gewijzigd, sender=model, dispatch_uid=f"{uid}:delete", weak=False)
        for veld in model._meta.local_many_to_many:
            m2m_changed.connect(publiek_gewijzigd, sender=veld.remote_field.through,
                                dispatch_uid=f"{uid}:{veld.name}:m2m", weak=False)


def bij_verwijderen_van(*modellen) -> None:
    """Only deleting one of ``modellen`` retires the stored pages (Wagtail pages: publishing and unpublishing
    have their own signals, and saving a draft changes nothing public)."""
    from django.db.models.signals import post_delete

    for model in modellen:
        post_delete.connect(publiek_gewijzigd, sender=model, weak=False,
                            dispatch_uid=f"paginacache:{model._meta.label_lower}:alleen-delete")


# --- the middleware -------------------------------------------------------------------------------------------

def _cachebaar_verzoek(request) -> bool:
    if request.method not in ("GET", "HEAD") or not _actief():
        return False
    if request.path.startswith(UITGESLOTEN_PADEN):
        return False
    cookies = request.COOKIES
    # A session (a logged-in user, a form in progress) or a pending message makes the page personal.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _sleutel(request) -> str:
    # Scheme and host belong to the key: the API writes absolute links. The query string is kept as sent, so two
    # orders of the same parameters are two entries (harmless, bounded by the TTL).
    # The day belongs to the key too: a page that depends on the date is not served after midnight (issue 19).
    dag = kalender.vandaag().isoformat()
    ruw = f"{dag}|{request.scheme}://{request.get_host()}{request.path}?{request.META.get('QUERY_STRING', '')}"
    return _SLEUTEL_VOORVOEGSEL + hashlib.sha256(ruw.encode("utf-8", "surrogateescape")).hexdigest()


def _bewaarbaar(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # the page holds a CSRF token: it belongs to one visitor
    cache_control = response.get("Cache-Control", "").lower()
    if any(w in cache_control for w in ("private", "no-store", "no-cache")):
        return False
    # Downloads of public data (the productenboek as CSV or JSON) are public pages too: no exception for them.
    return response.get("Content-Type", "").split(";")[0].strip() in CACHEBARE_TYPEN


def _wil_gzip(request) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _niet_gewijzigd(request, etag: str, gemaakt: int) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        # Weak comparison (RFC 9110 13.1.2): the gzip and the plain copy are the same page.
        kaal = etag.removeprefix("W/")
        return any(e == "*" or e.removeprefix("W/") == kaal for e in parse_etags(if_none_match))
    sinds = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return sinds is not None and gemaakt <= sinds


def _vary(response) -> str:
    """The Vary header of a stored page: the view's own, plus what this cache varies on. Made once when the page
    is stored, not on every hit."""
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
    return response["Vary"]


class _LokaleKopie:
    """The stored pages this process served lately (least recently used out first, bounded in bytes), in front of
    the shared cache: a hit reads no network. Each entry still carries its generation and its expiry."""

    def __init__(self):
        self._paginas: OrderedDict[str, dict] = OrderedDict()
        self._bytes = 0

    @staticmethod
    def _grootte(bewaard: dict) -> int:
        return len(bewaard["inhoud"]) + len(bewaard["gzip"] or b"")

    def get(self, sleutel: str) -> dict | None:
        bewaard = self._paginas.get(sleutel)
        if bewaard is None:
            return None
        if bewaard["verloopt"] <= time.time():
            self.weg(sleutel)
            return None
        self._paginas.move_to_end(sleutel)
        return bewaard

    def zet(self, sleutel: str, bewaard: dict) -> None:
        self.weg(sleutel)
        self._paginas[sleutel] = bewaard
        self._bytes += self._grootte(bewaard)
        while self._bytes > _lokaal_max_bytes() and self._paginas:
            _, oudste = self._paginas.popitem(last=False)
            self._bytes -= self._grootte(oudste)

    def weg(self, sleutel: str) -> None:
        bewaard = self._paginas.pop(sleutel, None)
        if bewaard is not None:
            self._bytes -= self._grootte(bewaard)

    def leeg(self) -> None:
        self._paginas.clear()
        self._bytes = 0


lokale_kopie = _LokaleKopie()


class PubliekePaginaCacheMiddleware:
    """Serve and store anonymous public pages (see the module docstring). Sits right after WhiteNoise: a hit
    costs no database and, from this process's own copy, no network either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cachebaar_verzoek(request):
            return self.get_response(request)
        sleutel = _sleutel(request)
        generatie = huidige_generatie()
        bewaard = lokale_kopie.get(sleutel)
        if bewaard is None or bewaard["generatie"] != generatie:
            bewaard = cache.get(sleutel)
            if bewaard is not None and bewaard["generatie"] == generatie:
                lokale_kopie.zet(sleutel, bewaard)
        if bewaard is not None and bewaard["generatie"] == generatie:
            return self._uit_cache(request, bewaard)
        response = self.get_response(request)
        if _bewaarbaar(request, response):
            return self._bewaar(request, response, sleutel, generatie)
        return response

    def _bewaar(self, request, response, sleutel: str, generatie: int):
        inhoud = response.content
        gemaakt = time.time()
        bewaard = {
            "generatie": generatie,
            "gemaakt": int(gemaakt),
            "verloopt": gemaakt + _seconden(),
            "etag": f'W/"{hashlib.sha256(inhoud).hexdigest()[:32]}"',
            "headers": [(k, v) for k, v in response.items() if k.lower() not in _NIET_BEWAREN],
            "vary": _vary(response),
            # A view that chose its own public lifetime keeps it (a stylesheet with the version in its URL);
            # every other page is revalidated on each use.
            "cache_control": response.get("Cache-Control") or CACHE_CONTROL,
            "inhoud": inhoud,
            "gzip": gzip.compress(inhoud, compresslevel=6, mtime=0) if len(inhoud) >= MIN_GZIP_BYTES else None,
        }
        cache.set(sleutel, bewaard, _seconden())
        lokale_kopie.zet(sleutel, bewaard)
        return self._uit_cache(request, bewaard)

    def _uit_cache(self, request, bewaard: dict):
        if _niet_gewijzigd(request, bewaard["etag"], bewaard["gemaakt"]):
            response = HttpResponseNotModified()
        else:
            gezipt = bewaard["gzip"] is not None and _wil_gzip(request)
            response = HttpResponse(bewaard["gzip"] if gezipt else bewaard["inhoud"])
            for naam, waarde in bewaard["headers"]:
                response[naam] = waarde
            if gezipt:
                response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(response.content))
            if request.method == "HEAD":
                response.content = b""
        response["ETag"] = bewaard["etag"]
        response["Last-Modified"] = http_date(bewaard["gemaakt"])
        response["Cache-Control"] = bewaard["cache_control"]
        response["Vary"] = bewaard["vary"]
        return response
