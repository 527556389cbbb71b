"""Site search over procedure pages, documents and products with Wagtail search (the database backend in
the embedded default; on PostgreSQL Wagtail's database backend uses PostgreSQL full text search)."""

import logging
import re
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from aanbesteding.models import ProcedureDocument, Product

MAX = 25
# Bounds the work of one request: a query of 1000 characters becomes at most this many words.
MAX_WOORDEN = 12
_WOORD = re.compile(r"\w+")
# Upper-case operator words the visitor meant as operators; they are not searched for as words.
_OPERATOREN = {"AND", "OR", "NOT", "NEAR"}

logger = logging.getLogger(__name__)


@dataclass
class Zoekresultaten:
    paginas: list
    documenten: list
    producten: list

    @property
    def aantal(self):
        return len(self.paginas) + len(self.documenten) + len(self.producten)


def zoektermen(q: str) -> str:
    """The query as plain words only, safe for every full-text backend.

    SQLite FTS5 and PostgreSQL tsquery both give quotes, ``*``, ``-``, ``(``, ``:``, ``^`` and the upper-case
    operators AND/OR/NOT/NEAR a meaning of their own; a stray one is a syntax error (a 500 on ``q="``). A
    visitor searches for words, so only the words are kept (unicode letters and digits), the upper-case
    operators are dropped and the rest lower-cased so no operator keyword survives. Empty when nothing
    searchable is left.
    """
    woorden = [w.lower() for w in _WOORD.findall(q) if w not in _OPERATOREN]
    return " ".join(woorden[:MAX_WOORDEN])


def zoek(q: str) -> Zoekresultaten:
    """Public pages, documents and products matching the words of ``q``; never raises on odd input."""
    termen = zoektermen(q)
    if not termen:
        return Zoekresultaten([], [], [])
    try:
        # A savepoint, so a backend error cannot break a surrounding transaction (PostgreSQL, tests).
        with transaction.atomic():
            return _zoek(termen)
    except DatabaseError:
        # Last line of defence: a query the backend still refuses shows "geen resultaten", not a 500.
        logger.warning("Zoekopdracht geweigerd door de zoekbackend: %r", termen, exc_info=True)
        return Zoekresultaten([], [], [])


def _zoek(q: str) -> Zoekresultaten:
    from .models import ProcedurePage

    backend = get_search_backend()
    # A live procedure page of a procedure still in preparation is not public (its route answers 404).
    verborgen = ProcedurePage.objects.filter(aanbesteding__status="in_voorbereiding").values_list("pk", flat=True)
    paginas = list(Page.objects.live().public().exclude(pk__in=list(verborgen)).specific().search(q)[:MAX])
    # Only public procedures with a live page: search the whole index, then keep the public ones.
    openbaar = set(
        ProcedurePage.objects.live().public().exclude(aanbesteding__status="in_voorbereiding").values_list("aanbesteding_id", flat=True)
    )
    pagina_per_aanbesteding = {
        p.aanbesteding_id: p for p in ProcedurePage.objects.live().public().filter(aanbesteding_id__in=openbaar)
    }
    documenten = list(backend.search(q, ProcedureDocument.objects.filter(aanbesteding_id__in=openbaar))[:MAX])
    product_ids = [p.pk for p in backend.search(q, Product)[: MAX * 4]]
    producten = list(
        Product.objects.filter(pk__in=product_ids, perceel__aanbesteding_id__in=openbaar)
        .select_related("perceel", "perceel__aanbesteding")[:MAX]
    )
    for d in documenten:
        d.pagina = pagina_per_aanbesteding.get(d.aanbesteding_id)
    for p in producten:
        p.pagina = pagina_per_aanbesteding.get(p.perceel.aanbesteding_id)
    return Zoekresultaten(paginas, documenten, producten)
