"""Site search over procedure pages, documents and products with Wagtail search (the database backend in
the embedded default; on PostgreSQL Wagtail's database backend uses PostgreSQL full text search)."""

from dataclasses import dataclass

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from aanbesteding.models import ProcedureDocument, Product

MAX = 25


@dataclass
class Zoekresultaten:
    paginas: list
    documenten: list
    producten: list

    @property
    def aantal(self):
        return len(self.paginas) + len(self.documenten) + len(self.producten)


def zoek(q: str) -> Zoekresultaten:
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
