"""Demo of the innovation evaluation (issue 19, ADR 0022): the admitted proposal of Dyslexiepraktijk Maaskant on the
MLO perceel "Overige Jeugdhulp" (inschrijving/demo_innovatie.py) gets its perceel in the agreement from the first of
the month three months ago (through the real hand-over service) and its evaluation, due twelve months later (002
r. 573: "binnen een jaar"), planned by the same service the signal uses. It stays open, so the provider's duties and
the bureau's list show it. Idempotent (an existing deelname and evaluation stay as they are). Runs after
overeenkomst's demo and before contractbeheer's (whose monitoring then covers this perceel on the first run)."""

from aanbesteding.models import Perceel
from core import kalender
from inschrijving.models import Innovatievoorstel
from overeenkomst.models import Deelname
from overeenkomst.services import overeenkomst_uit_toelating

from .models import InnovatieEvaluatie
from .services.innovatie import evaluaties_plannen


def start():
    """The first of the month, three months ago: an admission recent enough that the evaluation is still ahead."""
    return kalender.plus_maanden(kalender.vandaag().replace(day=1), -3)


def laad(stdout):
    route = Perceel.objects.filter(aanbesteding__dossiernummer="MLO-GJH-2020", innovatieroute=True).first()
    toegelaten = (Innovatievoorstel.objects.filter(perceel=route, inschrijving__inschrijving_percelen__perceel=route,
                                                   inschrijving__inschrijving_percelen__toegelaten=True)
                  .select_related("inschrijving__organisatie", "inschrijving__aanbesteding") if route else [])
    for voorstel in toegelaten:
        org, ab = voorstel.inschrijving.organisatie, voorstel.inschrijving.aanbesteding
        if not Deelname.objects.filter(overeenkomst__organisatie=org, overeenkomst__aanbesteding=ab, perceel=route).exists():
            overeenkomst_uit_toelating(organisatie=org, aanbesteding=ab, percelen=[route], startdatum=start(),
                                       bron="Demo: innovatievoorstel opgenomen (002 PB 1.2)")
        evaluaties_plannen(organisatie=org, aanbesteding=ab)
    stdout.write(f"  contractbeheer: {InnovatieEvaluatie.objects.count()} evaluatie(s) van innovatievoorstellen gepland")
