"""Demo data that lives (issue 12): a current Gooi procedure whose rounds are dated from the day ``demo_data`` first
runs, so a newcomer always finds a window open, a round in assessment, a decision in standstill and agreements in
force. The sources' own procedures (aanbesteding/demo.py) keep their real dates (2020-2023); this one is fictional
but follows the Gooi rules (windows closing at 10:00, 003 r. 4806; the eisen read after 003b §5).

This module holds what aanbesteding owns: the procedure, its percelen and products, the eisen and the four
toetredingsmomenten. cms/demo_actueel.py then walks the story through the apps' services.

Idempotent and stable over time: everything is found by a natural key (slug, perceel code, eis code, round name)
and an existing round keeps the dates it was given when it was made. Run on a later day, nothing moves: the demo
ages as a real procedure would (the open window closes on its date). A fresh database (``make clean run``) gives a
fresh current round.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from bronnen.regio import REGIO_GOOI
from core import kalender
from organisaties.models import Gemeente, Organisatie, Regio

from . import services
from .demo import _document
from .models import Aanbesteding, DeelnemendeGemeente, Eis, Perceel, ProcedureDocument, Toetredingsmoment

SLUG = "gooi-ambulante-jeugdhulp-toetreding"
DOSSIER = "GV-AJH-TOETREDING"

# The four rounds, by stable name (the key). Their dates follow from the day of the first load (``data_rondes``).
RONDE_TOEGELATEN = "Toetredingsronde 1"  # admitted months ago: agreements in force, one provider leaving
RONDE_STANDSTILL = "Toetredingsronde 2"  # decisions sent a few working days ago: in the standstill
RONDE_BEOORDELING = "Toetredingsronde 3"  # closed on the last working day: in assessment
RONDE_OPEN = "Toetredingsronde 4"  # open now
RONDES = (RONDE_TOEGELATEN, RONDE_STANDSTILL, RONDE_BEOORDELING, RONDE_OPEN)

# Fictional percelen with products of the iJw product table (the codes of 002 r. 695-696 and r. 785-786).
PERCELEN = (
    ("A", "Ambulante begeleiding", "Individuele begeleiding van jeugdigen en hun ouders thuis, op school of in de wijk.",
     (("45A04", "Begeleiding individueel licht"), ("45A05", "Begeleiding individueel midden"))),
    ("B", "Ambulante behandeling", "Individuele behandeling van jeugdigen door een geregistreerde professional.",
     (("45A66", "Behandeling individueel licht"), ("45A67", "Behandeling individueel midden"))),
)

# A modest set of eisen in the three steps (after 003b §5 and the Gooi Programma van Eisen, 003 r. 2981-3097):
# (code, soort, antwoordtype, titel, tekst, verklaring, bron).
EISEN = (
    ("U1", Eis.Soort.UITSLUITINGSGROND, Eis.Antwoordtype.JA_NEE, "Geen uitsluitingsgronden",
     "De inschrijver verkeert niet in een van de situaties van artikel 2.86 en 2.87 Aanbestedingswet 2012.",
     "Ik verklaar dat geen van deze uitsluitingsgronden op onze organisatie van toepassing is.", "003b §5, Formulier E"),
    ("G1", Eis.Soort.GESCHIKTHEIDSEIS, Eis.Antwoordtype.JA_NEE, "Inschrijving in het Handelsregister",
     "De inschrijver staat ingeschreven in het Handelsregister van de Kamer van Koophandel.",
     "Ik verklaar dat onze organisatie in het Handelsregister staat ingeschreven.", "003b §5, TD 2.7"),
    ("G2", Eis.Soort.GESCHIKTHEIDSEIS, Eis.Antwoordtype.TEKST, "Ervaring met ambulante jeugdhulp",
     "Beschrijf in maximaal 200 woorden uw ervaring met ambulante jeugdhulp in de afgelopen drie jaar.", "", "003 r. 2990"),
    ("V1", Eis.Soort.UITVOERINGSEIS, Eis.Antwoordtype.JA_NEE, "Meldcode huiselijk geweld en kindermishandeling",
     "De inschrijver werkt met de meldcode huiselijk geweld en kindermishandeling.",
     "Ik verklaar dat onze organisatie werkt met de meldcode huiselijk geweld en kindermishandeling.", "003 r. 3012"),
    ("V2", Eis.Soort.UITVOERINGSEIS, Eis.Antwoordtype.JA_NEE, "Geregistreerde professionals",
     "Jeugdhulp wordt uitgevoerd door professionals die zijn geregistreerd in het SKJ- of BIG-register.",
     "Ik verklaar dat onze professionals in het SKJ- of BIG-register staan.", "003 r. 3040"),
    ("V3", Eis.Soort.UITVOERINGSEIS, Eis.Antwoordtype.TEKST, "Klachtenregeling",
     "Beschrijf in maximaal 150 woorden uw klachtenregeling en hoe cliënten die kunnen gebruiken.", "", "003 r. 3071"),
)


@dataclass(frozen=True)
class Ronde:
    naam: str
    opent_op: datetime
    sluit_op: datetime


def _om(d: date, uur: int, minuut: int = 0) -> datetime:
    return datetime.combine(d, time(uur, minuut), tzinfo=kalender.TZ)


def vorige_werkdag(vandaag: date) -> date:
    return kalender.plus_werkdagen(vandaag, -1)


def data_rondes(vandaag: date) -> dict[str, Ronde]:
    """The rounds' dates for a first load on ``vandaag``, in working days (core.kalender, Atw feestdagen).

    Windows close at 10:00 (003 r. 4806) and run 20 working days. The round in assessment closed on the last
    working day; the open round opened at noon on that day and closes 15 working days from today."""
    gisteren = vorige_werkdag(vandaag)
    sluit = {
        RONDE_TOEGELATEN: kalender.plus_werkdagen(vandaag, -90),
        RONDE_STANDSTILL: kalender.plus_werkdagen(vandaag, -25),
        RONDE_BEOORDELING: gisteren,
    }
    rondes = {
        naam: Ronde(naam, _om(kalender.plus_werkdagen(dag, -20), 9), _om(dag, 10)) for naam, dag in sluit.items()
    }
    rondes[RONDE_OPEN] = Ronde(RONDE_OPEN, _om(gisteren, 12), _om(kalender.plus_werkdagen(vandaag, 15), 10))
    return rondes


def procedure() -> Aanbesteding | None:
    return Aanbesteding.objects.filter(slug=SLUG).first()


def _procedure(vandaag: date) -> Aanbesteding:
    bestaand = procedure()
    if bestaand is not None:
        return bestaand  # keeps its title and term from the first load
    eerste = data_rondes(vandaag)[RONDE_TOEGELATEN].opent_op.date()
    start = date(eerste.year, eerste.month, 1)
    regio = Regio.objects.get(slug=REGIO_GOOI["code"])
    a = Aanbesteding(
        slug=SLUG, dossiernummer=DOSSIER, regio=regio,
        opdrachtgever=Organisatie.objects.get(naam=REGIO_GOOI["bureau"], soort=Organisatie.Soort.OPDRACHTGEVER),
        titel=f"Ambulante Jeugdhulp Gooi en Vechtstreek {start.year}", status=Aanbesteding.Status.OPEN,
        toetreding=Aanbesteding.Toetreding.VENSTERS, looptijd_start=start,
        looptijd_einde=kalender.plus_kalenderdagen(kalender.plus_maanden(start, 48), -1),
        samenvatting=(
            "Toelating (Open House) voor ambulante begeleiding en behandeling van jeugdigen in de regio Gooi en "
            "Vechtstreek. Elke aanbieder die aan de eisen voldoet, wordt toegelaten tegen vaste tarieven. U kunt "
            "toetreden in vensters van twintig werkdagen; elk venster sluit om 10:00 uur."
        ),
        herstel_termijn_aantal=5, herstel_termijn_eenheid="werkdagen",
        # Questions up to 5 working days before the open window closes (as the Gooi TD §2.9 does for its window).
        vragen_tot=_om(kalender.plus_werkdagen(data_rondes(vandaag)[RONDE_OPEN].sluit_op.date(), -5), 10),
    )
    a.full_clean()
    a.save()
    for g in REGIO_GOOI["gemeenten"]:
        if "jeugd" in g["domeinen"]:
            DeelnemendeGemeente.objects.get_or_create(
                aanbesteding=a, gemeente=Gemeente.objects.get(naam=g["naam"]), domein="jeugd"
            )
    return a


def _percelen(a: Aanbesteding) -> None:
    for volgorde, (code, naam, omschrijving, producten) in enumerate(PERCELEN):
        perceel, _ = Perceel.objects.get_or_create(
            aanbesteding=a, code=code, defaults={"naam": naam, "omschrijving": omschrijving, "domein": "jeugd",
                                                 "volgorde": volgorde},
        )
        for productcode, productnaam in producten:
            # Through the service (idempotent on perceel and code), as the bureau adds a product.
            services.product_toevoegen(perceel=perceel, code=productcode, naam=productnaam, eenheid="uur",
                                       frequentie="week", bron="Demo: iJw-productcode")


def _eisen(a: Aanbesteding) -> None:
    if a.eisenversie:
        return  # frozen by a submission (issue 18): eisen change only through a rectificatie from now on
    for volgorde, (code, soort, antwoordtype, titel, tekst, verklaring, bron) in enumerate(EISEN, start=1):
        Eis.objects.get_or_create(
            aanbesteding=a, perceel=None, code=code,
            defaults={"soort": soort, "antwoordtype": antwoordtype, "titel": titel, "tekst": tekst,
                      "verklaring": verklaring, "bron": bron, "volgorde": volgorde * 10,
                      "max_woorden": 200 if antwoordtype == Eis.Antwoordtype.TEKST else None},
        )


def _rondes(a: Aanbesteding, vandaag: date) -> None:
    for naam, ronde in data_rondes(vandaag).items():
        # get_or_create, not update_or_create: a round keeps its dates from the first load (see the module text).
        Toetredingsmoment.objects.get_or_create(
            aanbesteding=a, naam=naam,
            defaults={"soort": Toetredingsmoment.Soort.VENSTER, "opent_op": ronde.opent_op, "sluit_op": ronde.sluit_op},
        )


def _toelatingsdocument(a: Aanbesteding) -> None:
    """The toelatingsdocument as a published PDF, dated on the procedure's first day (demo text)."""
    regels = [
        f"Dossier {DOSSIER}. Toelating tot de percelen {', '.join(f'{c} {n}' for c, n, _, _ in PERCELEN)}.",
        "Toetreden kan in vensters van twintig werkdagen; elk venster sluit om 10:00 uur. De beoordeling volgt de "
        "drie stappen: uitsluitingsgronden, geschiktheidseisen, uitvoeringseisen.",
        "Na het besluit loopt een standstilltermijn van 20 kalenderdagen; daarna wordt de toelating definitief en "
        "gaat de overeenkomst in.",
        "Demodocument: een fictieve procedure naar het voorbeeld van Gooi en Vechtstreek (003).",
    ]
    _document(a, "toelatingsdocument", ProcedureDocument.Soort.INKOOPDOCUMENT,
              "Toelatingsdocument Ambulante Jeugdhulp", [(a.looptijd_start, "", regels)], 1)


def laad(stdout):
    vandaag = kalender.vandaag()
    a = _procedure(vandaag)
    _toelatingsdocument(a)
    _percelen(a)
    _eisen(a)
    _rondes(a, vandaag)
    rondes = ", ".join(str(tm) for tm in a.toetredingsmomenten.order_by("opent_op"))
    stdout.write(f"  aanbesteding: actuele procedure {a} met {a.percelen.count()} percelen en "
                 f"{a.eisen.count()} eisen; rondes: {rondes}")
