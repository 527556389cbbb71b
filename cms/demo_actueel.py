"""Demo data that lives (issue 12): the story of the current procedure of aanbesteding/demo_actueel.py, walked
through the apps' real services, so every stage of the cycle can be seen and tried right after ``make run``:

- Toetredingsronde 1 (closed months ago): De Brug Jeugdhulp, Stichting Gezinshuis Eemland and Begeleidingspunt
  Ooijpolder were assessed, admitted, and after the standstill their agreements came into force. Gezinshuis Eemland
  has since given notice by registered letter (003a §3.5 option 2); its agreement ends on a date in the future.
- Toetredingsronde 2: decisions sent a few working days ago, in the standstill (20 calendar days, 003a §3.2):
  Jeugdpunt Midden-Limburg voorlopig toegelaten, Stichting Waalzicht Jeugd afgewezen.
- Toetredingsronde 3 (closed at 10:00 on the last working day): three inschrijvingen in assessment with the demo
  assessors, one ready for the chair's consensus, one half assessed, one not started.
- Toetredingsronde 4: open now; Zorgkracht Gooi B.V. has a draft it can finish and submit.

Each step runs with the clock set to the moment it happened (time_machine, a dev dependency that ``make run``
installs; the command refuses to run outside development), so the services apply their own rules: a submission
before the closing time, an assessment after it, a standstill counted from the sending day. This is cms's module
because cms may call every app (ADR 0009); it writes no table itself.

Idempotent: a stage is played only when its result is absent (the provider's inschrijving on this procedure, the
agreement's notice), so a second run, also on a later day, changes nothing. The dates are those the rounds got on
the first load (aanbesteding.demo_actueel); the story is played against those dates.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, time, timedelta

from aanbesteding import demo_actueel as procedure_demo
from core import kalender
from inschrijving import selectors as inschrijving_selectors
from inschrijving import services as inschrijving_services
from inschrijving.models import Inschrijving
from organisaties.models import Organisatie, User
from overeenkomst import services as overeenkomst_services
from overeenkomst.koppeling import openstaande_toelatingen_verwerken
from overeenkomst.models import Kanaal, Overeenkomst, Uittreding
from toetsing import selectors as toetsing_selectors
from toetsing import services as toetsing_services
from toetsing.models import Beoordelingscommissie, Besluit, Oordeel

INKOPER = "inkoper@gooi.example"  # chairs the committee and decides
BEOORDELAARS = ("beoordelaar1@regio.example", "beoordelaar2@regio.example", "beoordelaar@gooi.example")
CONTRACTMANAGER = "contractmanager@gooi.example"

# (organisation, beheerder, percelen, eis codes judged "voldoet niet" by the committee)
TOEGELATEN = (
    ("De Brug Jeugdhulp", "beheerder@debrug.example", ("A",), ()),
    ("Stichting Gezinshuis Eemland", "beheerder@eemland.example", ("A", "B"), ()),
    ("Begeleidingspunt Ooijpolder B.V.", "beheerder@ooijpolder.example", ("B",), ()),
)
STANDSTILL = (
    ("Jeugdpunt Midden-Limburg", "beheerder@jeugdpunt.example", ("A",), ()),
    ("Stichting Waalzicht Jeugd", "beheerder@waalzicht.example", ("B",), ("V2",)),
)
# (organisation, beheerder, percelen, assessors (indexes in BEOORDELAARS), how many eisen each has judged)
IN_BEOORDELING = (
    ("Stichting Kompas Jeugd", "beheerder@kompas.example", ("A",), (0, 1), (None, None)),  # None: all, finished
    ("Gezinshuis De Maasoever", "beheerder@maasoever.example", ("B",), (0, 2), (3, 0)),
    ("Dyslexiepraktijk Maaskant", "beheerder@maaskant.example", ("B",), (1, 2), (0, 0)),
)
OPEN = ("Zorgkracht Gooi B.V.", "beheerder@zorgkracht.example", ("A",))
VERTREKKER = "Stichting Gezinshuis Eemland"

TEKSTEN = {
    "G2": "{org} biedt sinds 2019 ambulante jeugdhulp in de regio: gemiddeld 40 trajecten per jaar, met een "
          "vast team van hbo-jeugdprofessionals en een gedragswetenschapper.",
    "V3": "{org} heeft een klachtenregeling met een onafhankelijke klachtencommissie; cliënten vinden haar op de "
          "website en krijgen haar bij de start van de hulp op papier.",
}


@contextmanager
def _op(moment: datetime):
    """Run the services as at ``moment`` (frozen: timestamps in the demo are reproducible)."""
    import time_machine  # dev dependency: only demo_data (never in production) gets here

    with time_machine.travel(moment, tick=False):
        yield


def _om(d, uur: int, minuut: int = 0) -> datetime:
    return datetime.combine(d, time(uur, minuut), tzinfo=kalender.TZ)


def _gebruiker(email: str) -> User:
    return User.objects.get(email=email)


def _bestaande(a, org) -> Inschrijving | None:
    return Inschrijving.objects.filter(aanbesteding=a, organisatie=org).first()


def _concept(a, org, door, codes, *, alle_antwoorden: bool) -> Inschrijving:
    insch = inschrijving_services.inschrijving_starten(aanbesteding=a, organisatie=org, door=door)
    inschrijving_services.percelen_kiezen(inschrijving=insch, percelen=list(a.percelen.filter(code__in=codes)), door=door)
    eisen = list(a.eisen.filter(perceel__isnull=True).order_by("volgorde"))
    for eis in eisen if alle_antwoorden else eisen[:2]:
        if eis.antwoordtype == eis.Antwoordtype.JA_NEE:
            inschrijving_services.antwoord_opslaan(inschrijving=insch, eis=eis, ja_nee=True, door=door)
        else:
            inschrijving_services.antwoord_opslaan(inschrijving=insch, eis=eis, tekst=TEKSTEN[eis.code].format(org=org.naam),
                                                   door=door)
    return insch


def _indienen(a, ronde, nummer: int, naam: str, email: str, codes) -> Inschrijving | None:
    """Start, fill in and submit on the (n+1)-th working day before the round closes."""
    org = Organisatie.objects.get(naam=naam)
    if _bestaande(a, org) is not None:
        return None
    dag = kalender.plus_werkdagen(ronde.sluit_op.astimezone(kalender.TZ).date(), -(nummer + 1))
    door = _gebruiker(email)
    with _op(_om(dag, 11, 15 * nummer)):
        insch = _concept(a, org, door, codes, alle_antwoorden=True)
        return inschrijving_services.inschrijving_indienen(inschrijving=insch, door=door)


def _beoordelen(insch, beoordelaar: User, aantal: int | None, moment: datetime, afwijzen=()) -> None:
    """An assessor declares no conflict and judges the first ``aantal`` eisen (all and finishes when None)."""
    with _op(moment):
        toetsing_services.belang_verklaren(inschrijving=insch, geen_conflict=True, door=beoordelaar)
        eisen = toetsing_selectors.eisen_voor(insch)
        for eis in eisen if aantal is None else eisen[:aantal]:
            niet = eis.code in afwijzen
            toetsing_services.oordeel_vastleggen(
                inschrijving=insch, eis=eis, door=beoordelaar, oordeel=Oordeel.VOLDOET_NIET if niet else Oordeel.VOLDOET,
                motivering=("Niet aangetoond dat de uitvoerende professionals geregistreerd zijn." if niet
                            else "Het antwoord voldoet aan de eis."),
            )
        if aantal is None:
            toetsing_services.beoordeling_afronden(inschrijving=insch, door=beoordelaar)


def _toewijzen(insch, beoordelaars, moment) -> None:
    with _op(moment):
        toetsing_services.toewijzen(inschrijvingen=[insch], beoordelaars=beoordelaars, door=_gebruiker(INKOPER))


def _besluiten(insch, afwijzen, sluitdag, verzenddag) -> None:
    """The whole assessment in the working days after the round closed, the decision on the 9th, sent on
    ``verzenddag``."""
    leden = [_gebruiker(e) for e in BEOORDELAARS[:2]]
    inkoper = _gebruiker(INKOPER)
    _toewijzen(insch, leden, _om(kalender.plus_werkdagen(sluitdag, 1), 9))
    for i, lid in enumerate(leden):
        _beoordelen(insch, lid, None, _om(kalender.plus_werkdagen(sluitdag, 3 + i), 14), afwijzen)
    with _op(_om(kalender.plus_werkdagen(sluitdag, 7), 10)):
        toetsing_services.belang_verklaren(inschrijving=insch, geen_conflict=True, door=inkoper)
        for eis in toetsing_selectors.eisen_voor(insch):
            niet = eis.code in afwijzen
            toetsing_services.eindoordeel_vastleggen(
                inschrijving=insch, eis=eis, door=inkoper, oordeel=Oordeel.VOLDOET_NIET if niet else Oordeel.VOLDOET,
                motivering=("De commissie is het eens: de registratie is niet aangetoond." if niet
                            else "De commissie is het eens: voldoet."),
            )
        toetsing_services.consensus_vaststellen(inschrijving=insch, door=inkoper)
    with _op(_om(kalender.plus_werkdagen(sluitdag, 9), 15)):
        besluit = toetsing_services.besluit_nemen(inschrijving=insch, door=inkoper)
    with _op(_om(verzenddag, 16)):
        toetsing_services.besluit_verzenden(besluit=besluit, door=inkoper)


def _commissie(a) -> None:
    if Beoordelingscommissie.objects.filter(aanbesteding=a).exists():
        return
    inkoper = _gebruiker(INKOPER)
    toetsing_services.instelling_opslaan(
        aanbesteding=a, door=inkoper, briefhoofd="Regio Gooi en Vechtstreek\nPostbus 251\n1400 AG Bussum",
        ondertekening="Inkoper Sociaal Domein",
    )
    toetsing_services.commissie_opslaan(
        aanbesteding=a, naam="Beoordelingscommissie Ambulante Jeugdhulp", voorzitter=inkoper,
        leden=[_gebruiker(e) for e in BEOORDELAARS], door=inkoper,
    )


def _ronde(a, naam):
    return a.toetredingsmomenten.get(naam=naam)


def _toegelaten(stdout, a) -> None:
    """Round 1: admitted, definitief after the standstill, agreements from the day after (the real hand-over)."""
    ronde = _ronde(a, procedure_demo.RONDE_TOEGELATEN)
    sluitdag = ronde.sluit_op.astimezone(kalender.TZ).date()
    for i, (naam, email, codes, afwijzen) in enumerate(TOEGELATEN):
        insch = _indienen(a, ronde, i, naam, email, codes)
        if insch is not None:
            _besluiten(insch, afwijzen, sluitdag, kalender.plus_werkdagen(sluitdag, 10))
    # The scheduled task makes decisions definitief the day after the standstill (06:00) and the agreement follows.
    # Only this round's: the loader never moves another round on (on a later day the beat task does that).
    for besluit_id in toetsing_services.te_verwerken_besluiten():
        besluit = Besluit.objects.select_related("inschrijving__toetredingsmoment").get(pk=besluit_id)
        if besluit.inschrijving.toetredingsmoment_id != ronde.pk:
            continue
        with _op(_om(besluit.standstill_einde + timedelta(days=1), 6)):
            toetsing_services.besluit_definitief_maken(besluit_id=besluit_id)
            openstaande_toelatingen_verwerken()
    stdout.write(f"  actueel: {Overeenkomst.objects.filter(aanbesteding=a).count()} lopende overeenkomsten uit {ronde.naam}")


def _vertrek(stdout, a) -> None:
    """Gezinshuis Eemland gave notice by registered letter ten days ago (003a §3.5 option 2: at least 3 months,
    a fee per client); the contractmanager records it. The agreement ends on a date in the future."""
    ovk = Overeenkomst.objects.filter(aanbesteding=a, organisatie__naam=VERTREKKER).first()
    if ovk is None or Uittreding.objects.filter(overeenkomst=ovk).exists():
        return
    ontvangen = _om(kalender.plus_werkdagen(kalender.vandaag(), -7), 10)
    with _op(ontvangen + timedelta(hours=2)):
        u = overeenkomst_services.uittreding_melden(
            overeenkomst=ovk, optie=Uittreding.Optie.GOOI_2, door=_gebruiker(CONTRACTMANAGER), ontvangen_op=ontvangen,
            kanaal=Kanaal.POST, aantal_clienten=4,
            continuiteit_toelichting="De vier cliënten gaan met een warme overdracht naar De Brug Jeugdhulp; de "
                                     "gemeentelijke toegang is geïnformeerd.",
            toelichting="Aangetekende brief: de stichting stopt met ambulante hulp en richt zich op gezinshuizen.",
        )
    stdout.write(f"  actueel: {VERTREKKER} zegt op, vroegst per {u.vroegste_einddatum:%d-%m-%Y}")


def _standstill(stdout, a) -> None:
    ronde = _ronde(a, procedure_demo.RONDE_STANDSTILL)
    sluitdag = ronde.sluit_op.astimezone(kalender.TZ).date()
    for i, (naam, email, codes, afwijzen) in enumerate(STANDSTILL):
        insch = _indienen(a, ronde, i, naam, email, codes)
        if insch is not None:
            # Sent four working days ago: the standstill of 20 calendar days (003a §3.2) runs about two more weeks.
            _besluiten(insch, afwijzen, sluitdag, kalender.plus_werkdagen(kalender.vandaag(), -4))
    stdout.write(f"  actueel: {len(STANDSTILL)} besluiten in de standstill uit {ronde.naam}")


def _in_beoordeling(stdout, a) -> None:
    """Round 3 closed at 10:00 on the last working day; assigned at noon, assessed in the afternoon."""
    ronde = _ronde(a, procedure_demo.RONDE_BEOORDELING)
    sluitdag = ronde.sluit_op.astimezone(kalender.TZ).date()
    for i, (naam, email, codes, wie, aantallen) in enumerate(IN_BEOORDELING):
        insch = _indienen(a, ronde, i, naam, email, codes)
        if insch is None:
            continue
        leden = [_gebruiker(BEOORDELAARS[n]) for n in wie]
        _toewijzen(insch, leden, _om(sluitdag, 12))
        for lid, aantal in zip(leden, aantallen, strict=True):
            if aantal != 0:
                _beoordelen(insch, lid, aantal, _om(sluitdag, 14 + i))
    stdout.write(f"  actueel: {len(IN_BEOORDELING)} inschrijvingen in beoordeling uit {ronde.naam}")


def _open(stdout, a) -> None:
    """Round 4 is open: Zorgkracht Gooi started a draft yesterday afternoon (two answers given)."""
    ronde = _ronde(a, procedure_demo.RONDE_OPEN)
    naam, email, codes = OPEN
    org = Organisatie.objects.get(naam=naam)
    if _bestaande(a, org) is None and ronde.is_open():
        with _op(ronde.opent_op + timedelta(hours=3)):
            _concept(a, org, _gebruiker(email), codes, alle_antwoorden=False)
    stdout.write(f"  actueel: {ronde} is open; {naam} heeft een concept")


def laad(stdout):
    a = procedure_demo.procedure()
    if a is None:
        stdout.write("  actueel: de actuele procedure ontbreekt; overgeslagen.")
        return
    _commissie(a)
    _toegelaten(stdout, a)
    _vertrek(stdout, a)
    _standstill(stdout, a)
    _in_beoordeling(stdout, a)
    _open(stdout, a)
    stdout.write(f"  actueel: open toetredingsmoment nu: {inschrijving_selectors.open_toetredingsmoment(a)}")
