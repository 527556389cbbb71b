"""Demo pages: a live procedure page for each demo procedure under /procedures/ (issue 3).

Demo only: published directly; in real use a procedure page goes live through the four-eyes workflow.
"""

from aanbesteding.models import Aanbesteding

from .inrichting import zorg_voor_publieke_site
from .models import ProcedureIndexPage, ProcedurePage


def laad(stdout):
    zorg_voor_publieke_site()
    index = ProcedureIndexPage.objects.get()
    for aanbesteding in Aanbesteding.objects.exclude(status=Aanbesteding.Status.IN_VOORBEREIDING).order_by("pk"):
        if ProcedurePage.objects.filter(aanbesteding=aanbesteding).exists():
            continue
        pagina = ProcedurePage(title=aanbesteding.titel, slug=aanbesteding.slug, aanbesteding=aanbesteding)
        index.add_child(instance=pagina)
        pagina.save_revision().publish(skip_permission_checks=True)
        stdout.write(f"  procedurepagina: {pagina.url}")
