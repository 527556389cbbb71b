"""Demo agreements on the ROB Rijk van Nijmegen procedures (issue 19): the fictional providers of ``bronnen.rob``
contracted at perceel level through the real hand-over service, so the public register of the region has content.
Product-level admission (which products of a perceel) is added by the admission-per-product work; here every
agreement covers whole percelen. Idempotent: an existing agreement (also an ended one) is left as it is.
Runs after aanbesteding/demo_rob.py (cms demo_data command)."""

from aanbesteding.models import Aanbesteding, Perceel
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
            )
            aantal += 1
    totaal = Overeenkomst.objects.filter(aanbesteding__slug__in=[p["slug"] for p in rob.PROCEDURES]).count()
    stdout.write(f"  overeenkomst: {totaal} overeenkomsten op de ROB-procedures ({aantal} nieuw)")
