"""Demo agreements on the ROB Rijk van Nijmegen procedures (issue 19): the fictional providers of ``bronnen.rob``
contracted at perceel level through the real hand-over service, so the public register of the region has content.
Where ``bronnen.rob.AANBIEDERS`` names products, the agreement covers exactly those products of the perceel, with
their restrictions (admission per product, 000 Part A); otherwise the whole perceel. Idempotent: an existing agreement (also an ended one) is left as it is.
Runs after aanbesteding/demo_rob.py (cms demo_data command)."""

from aanbesteding.models import Aanbesteding, Perceel, Product
from bronnen import rob
from organisaties.models import Organisatie

from . import services
from .models import Overeenkomst


def laad(stdout):
    aantal = 0
    for a in rob.AANBIEDERS:
        org = Organisatie.objects.filter(kvk_nummer=a["kvk"], soort=Organisatie.Soort.AANBIEDER).first()
        if org is None:
            continue
        for slug, codes in a["overeenkomsten"]:
            ab = Aanbesteding.objects.filter(slug=slug).first()
            if ab is None:
                stdout.write(f"  overeenkomst: ROB-procedure {slug} ontbreekt, overgeslagen")
                continue
            if Overeenkomst.objects.filter(aanbesteding=ab, organisatie=org).exists():
                continue
            services.overeenkomst_uit_toelating(
                organisatie=org, aanbesteding=ab, percelen=Perceel.objects.filter(aanbesteding=ab, code__in=codes),
                startdatum=ab.looptijd_start, bron="Demo: gecontracteerd per 1-1-2025 (000 r. 23)",
                producten=_producten(ab, a.get("producten", ()), codes),
            )
            aantal += 1
    totaal = Overeenkomst.objects.filter(aanbesteding__slug__in=[p["slug"] for p in rob.PROCEDURES]).count()
    stdout.write(f"  overeenkomst: {totaal} overeenkomsten op de ROB-procedures ({aantal} nieuw)")


def _producten(aanbesteding, keuzes, perceelcodes) -> list[dict]:
    """The admitted products of the percelen ``perceelcodes`` with their restrictions, as the hand-over takes them."""
    uitkomst = []
    for k in keuzes:
        if k["perceel"] not in perceelcodes:
            continue
        product = Product.objects.get(perceel__aanbesteding=aanbesteding, perceel__code=k["perceel"], code=k["code"])
        uitkomst.append({"product": product, **{v: k[v] for v in ("beperking", "locatie", "groepsomvang", "leeftijd_van", "leeftijd_tot") if v in k}})
    return uitkomst
