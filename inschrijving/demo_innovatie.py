"""Demo of inschrijvingen of the kind "innovatievoorstel" (issue 19, ADR 0022) on the MLO perceel "Overige
Jeugdhulp" (002 PB 1.2). The twelve parts are answered as the perceel's eisen, the figures are an
``Innovatievoorstel``; the submission is frozen like a real one.

- Jeugdpunt Midden-Limburg proposes an ambulant alternative; submitted a few days ago, it waits for the committee.
- Dyslexiepraktijk Maaskant's proposal was admitted in 2020 (demo only: the decision is set here as toetsing would
  set it); contractbeheer's demo gives it the agreement and plans the evaluation.

Idempotent by (aanbesteding, organisatie). Runs after aanbesteding/demo_innovatie.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from aanbesteding import services as aanbesteding_services
from aanbesteding.demo import bron_aanbesteding
from bronnen import mlo
from core.kalender import TZ, nu
from core.taken import na_commit
from organisaties.models import Organisatie, User

from . import services, tasks
from .models import Antwoord, Innovatievoorstel, Inschrijving, InschrijvingPerceel

AANBIEDER = "Jeugdpunt Midden-Limburg"
PRODUCT = "Thuis Sterk: intensieve gezinsbegeleiding als alternatief voor verblijf"
# Fictional demo answers to the twelve parts (002 r. 605-616).
ANTWOORDEN = (
    "Twaalf weken intensieve ambulante begeleiding van het gezin thuis, drie tot vijf contacten per week, met een "
    "gedragswetenschapper als regiebehandelaar.",
    "Een dreigende opname in verblijf met behandeling voorkomen of verkorten; het gezin kan de zorg daarna zelf aan.",
    "Vervangt deels verblijf met behandeling; regie bij de gezinscoach; op- en afschalen na week 4 en week 8; "
    "monitoring met de ORS/SRS na elk contact; verwachte kostenreductie circa 30 % per traject.",
    "Gezinsgesprekken, oudertraining en netwerkberaden; gemiddeld 6 uur per week per gezin.",
    "Gezinnen in de vier MLO-gemeenten met een jeugdige van 6 tot 18 jaar voor wie opname dreigt.",
    "In 2019 werden 14 jeugdigen opgenomen die met intensieve thuisbegeleiding thuis hadden kunnen blijven "
    "(eigen registratie); drie gezinnen vroegen er in het CJG actief om.",
    "Samen met Stichting Kompas Jeugd (logeeropvang in crisisweken) en het CJG Midden-Limburg.",
    "Jeugdigen van 6 tot 18 jaar met ernstige gedragsproblemen en hun ouders.",
    "Niet van toepassing: individuele trajecten; de oudertraining in groepen van 4 tot 8 ouders.",
    "€ 7.800 per traject van twaalf weken per jeugdige.",
    "Hbo-gezinscoaches met SKJ-registratie, onder een GZ-psycholoog of orthopedagoog-generalist.",
    "Na twaalf maanden: het aantal voorkomen opnames, de doelrealisatie per gezin en de kosten per traject, "
    "besproken met de gemeente.",
)


# The admitted proposal (fictional): a group training for reading confidence next to dyslexia care.
TOEGELATEN = ("Dyslexiepraktijk Maaskant", "Leesmaatjes: groepstraining leesplezier na dyslexiezorg",
              datetime(2020, 4, 6, 9, 0, tzinfo=TZ))
ANTWOORDEN_TOEGELATEN = (
    "Tien wekelijkse groepsbijeenkomsten waarin kinderen na een dyslexiebehandeling samen lezen en hun leesplezier "
    "terugvinden, met een ouderavond aan begin en eind.",
    "Terugval na de EED-behandeling voorkomen; het kind leest weer zelfstandig voor zijn plezier.",
    "Past in geen ander perceel: dyslexiezorg eindigt bij de behandeling (002 §5); het aanbod vervangt losse "
    "vervolgtrajecten, met monitoring via een leesplezierlijst en de leestoets vóór en na.",
    "Groepsbijeenkomsten van 90 minuten en twee ouderavonden; samen 17 uur per kind.",
    "Kinderen van 8 tot 12 jaar in de vier MLO-gemeenten die een EED-behandeling afrondden.",
    "Van de 60 kinderen die in 2019 een behandeling afrondden, vroegen de ouders van 22 om vervolg.",
    "Samen met de openbare bibliotheek (ruimte en boeken) en de scholen (leesmentoren).",
    "Kinderen van 8 tot 12 jaar na een afgeronde dyslexiebehandeling.",
    "Minimaal 4 en maximaal 6 kinderen per groep.",
    "€ 65 per uur per jeugdige.",
    "Gz-psycholoog of orthopedagoog met dyslexieregistratie, met een leesspecialist (hbo).",
    "Na een jaar: leesplezier en leestoets vóór en na, terugval binnen zes maanden, tevredenheid van ouders.",
)


def _voorstel(a, perceel, org, door, *, product, antwoorden, ingediend_op, status, velden, toegelaten=None):
    insch = Inschrijving.objects.filter(aanbesteding=a, organisatie=org, innovatievoorstel__isnull=False).first()
    if insch is None and Inschrijving.objects.filter(aanbesteding=a, organisatie=org).exists():
        return None  # the provider has another inschrijving on this procedure: leave it alone
    if insch is None:
        insch = Inschrijving.objects.create(
            aanbesteding=a, organisatie=org, status=status, ingediend_op=ingediend_op, ingediend_door=door,
            aangemaakt_door=door, eisenversie=a.eisenversie,
            toetredingsmoment=a.toetredingsmomenten.order_by("-opent_op").first(),
        )
        aanbesteding_services.eisen_bevriezen(aanbesteding=a, door=None, moment=insch.ingediend_op)
    InschrijvingPerceel.objects.get_or_create(inschrijving=insch, perceel=perceel, defaults={"toegelaten": toegelaten})
    for eis, tekst in zip(a.eisen.filter(perceel=perceel).order_by("volgorde"), antwoorden, strict=False):
        Antwoord.objects.get_or_create(inschrijving=insch, eis=eis, lid=None, defaults={"tekst": tekst, "bijgewerkt_door": door})
    Innovatievoorstel.objects.get_or_create(inschrijving=insch, defaults={
        "perceel": perceel, "productnaam": product, "bijgewerkt_door": door, **velden})
    if not insch.bevroren_inhoud:
        insch.bevroren_inhoud = services.bevroren_inhoud(insch, insch.ingediend_op, insch.eisenversie)
        insch.save(update_fields=["bevroren_inhoud"])
        na_commit(tasks.ontvangstbewijs_versturen, insch.pk)
    return insch


def laad(stdout):
    a = bron_aanbesteding(mlo.PROCEDURE, "Gespecialiseerde Jeugdhulp")
    org = Organisatie.objects.filter(naam=AANBIEDER).first()
    door = User.objects.filter(email="beheerder@jeugdpunt.example").first()
    perceel = a.percelen.filter(innovatieroute=True).first() if a else None
    if a is None or org is None or perceel is None:
        stdout.write("  inschrijving: MLO-innovatieroute of Jeugdpunt ontbreekt; innovatievoorstel overgeslagen.")
        return
    _voorstel(a, perceel, org, door, product=PRODUCT, antwoorden=ANTWOORDEN, ingediend_op=nu() - timedelta(days=6),
              status=Inschrijving.Status.INGEDIEND, velden={
                  "ambulant_alternatief": True, "duur_weken": 12, "max_afwijking_duur_pct": Decimal("25"),
                  "min_deelnemers": 4, "max_deelnemers": 8, "tarief": Decimal("7800.00"),
                  "tarief_per": Innovatievoorstel.TariefPer.TRAJECT})
    stdout.write(f"  inschrijving: innovatievoorstel \"{PRODUCT}\" van {org.naam} op perceel {perceel} (ingediend).")
    naam, product, ingediend_op = TOEGELATEN
    maaskant = Organisatie.objects.filter(naam=naam).first()
    if maaskant is not None:
        _voorstel(a, perceel, maaskant, None, product=product, antwoorden=ANTWOORDEN_TOEGELATEN, ingediend_op=ingediend_op,
                  status=Inschrijving.Status.BESLOTEN, toegelaten=True, velden={
                      "ambulant_alternatief": False, "duur_weken": 10, "min_deelnemers": 4, "max_deelnemers": 6,
                      "tarief": Decimal("65.00"), "tarief_per": Innovatievoorstel.TariefPer.UUR})
        stdout.write(f"  inschrijving: innovatievoorstel \"{product}\" van {naam} toegelaten (demo).")
