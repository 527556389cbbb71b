"""Demo data for toetsing: the Gooi procedure's assessment settings, a beoordelingscommissie of
beoordelaar1/2@regio.example chaired by the inkoper, and two submitted inschrijvingen in the queue.

Idempotent (natural keys). Sources: 003a §3.2 (kort geding within 20 calendar days at the rechtbank
Midden-Nederland; ≥ 6 months' exclusion), 003a line 15 (objection address: postbus 251, 1400 AG Bussum).
"""

from aanbesteding.demo import GOOI_SLUG
from aanbesteding.models import Aanbesteding
from inschrijving.demo import ingediende_inschrijving
from inschrijving.models import Inschrijving
from organisaties.models import Organisatie, User

from . import services
from .models import Beoordelingscommissie, Toetsingsinstelling, Toewijzing

BRIEFHOOFD = "Regio Gooi en Vechtstreek\nPostbus 251\n1400 AG Bussum"
INGEDIEND = [("De Brug Jeugdhulp", 12), ("Stichting Gezinshuis Eemland", 4)]


def _gooi():
    return Aanbesteding.objects.filter(slug=GOOI_SLUG).first()


def laad(stdout):
    aanbesteding = _gooi()
    inkoper = User.objects.filter(email="inkoper@regio.example").first()
    leden = list(User.objects.filter(email__in=["beoordelaar1@regio.example", "beoordelaar2@regio.example"]).order_by("email"))
    if aanbesteding is None or inkoper is None or len(leden) < 2:
        stdout.write("  toetsing: Gooi-procedure of demo-accounts ontbreken; overgeslagen.")
        return
    Toetsingsinstelling.objects.update_or_create(
        aanbesteding=aanbesteding, defaults={"briefhoofd": BRIEFHOOFD, "ondertekening": "Inkoper Sociaal Domein"}
    )
    commissie = Beoordelingscommissie.objects.filter(aanbesteding=aanbesteding, toetredingsmoment__isnull=True).first()
    services.commissie_opslaan(
        aanbesteding=aanbesteding, naam="Beoordelingscommissie Jeugdhulp Gooi en Vechtstreek", voorzitter=inkoper,
        leden=leden, door=inkoper, commissie=commissie,
    )
    aantal = 0
    for naam, dagen in INGEDIEND:
        organisatie = Organisatie.objects.filter(naam=naam).first()
        if organisatie is None:
            continue
        inschrijving = ingediende_inschrijving(aanbesteding, organisatie, dagen_geleden=dagen)
        if inschrijving.status in (Inschrijving.Status.INGEDIEND, Inschrijving.Status.IN_BEOORDELING) and not Toewijzing.objects.filter(
            toetsing__inschrijving=inschrijving
        ).exists():
            services.toewijzen(inschrijvingen=[inschrijving], beoordelaars=leden, door=inkoper)
        aantal += 1
    stdout.write(f"  toetsing: commissie met {len(leden)} beoordelaars; {aantal} ingediende inschrijvingen in de wachtrij.")
