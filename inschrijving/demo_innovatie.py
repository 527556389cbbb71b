"""Demo of an inschrijving of the kind "innovatievoorstel" (issue 19, ADR 0022): Jeugdpunt Midden-Limburg proposes
an ambulant alternative on the MLO perceel "Overige Jeugdhulp" (002 PB 1.2). The twelve parts are answered as the
perceel's eisen, the figures are an ``Innovatievoorstel``; the submission is frozen like a real one and waits for the
committee. Demo only: created as submitted a few days ago. Idempotent by (aanbesteding, organisatie).
Runs after aanbesteding/demo_innovatie.py."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from aanbesteding import services as aanbesteding_services
from aanbesteding.demo import bron_aanbesteding
from bronnen import mlo
from core.kalender import nu
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


def laad(stdout):
    a = bron_aanbesteding(mlo.PROCEDURE, "Gespecialiseerde Jeugdhulp")
    org = Organisatie.objects.filter(naam=AANBIEDER).first()
    door = User.objects.filter(email="beheerder@jeugdpunt.example").first()
    perceel = a.percelen.filter(innovatieroute=True).first() if a else None
    if a is None or org is None or perceel is None:
        stdout.write("  inschrijving: MLO-innovatieroute of Jeugdpunt ontbreekt; innovatievoorstel overgeslagen.")
        return
    insch = Inschrijving.objects.filter(aanbesteding=a, organisatie=org).first()
    if insch is None:
        insch = Inschrijving.objects.create(
            aanbesteding=a, organisatie=org, status=Inschrijving.Status.INGEDIEND, ingediend_op=nu() - timedelta(days=6),
            ingediend_door=door, aangemaakt_door=door, eisenversie=a.eisenversie,
            toetredingsmoment=a.toetredingsmomenten.order_by("-opent_op").first(),
        )
        aanbesteding_services.eisen_bevriezen(aanbesteding=a, door=None, moment=insch.ingediend_op)
    InschrijvingPerceel.objects.get_or_create(inschrijving=insch, perceel=perceel)
    for eis, tekst in zip(a.eisen.filter(perceel=perceel).order_by("volgorde"), ANTWOORDEN, strict=False):
        Antwoord.objects.get_or_create(inschrijving=insch, eis=eis, lid=None, defaults={"tekst": tekst, "bijgewerkt_door": door})
    Innovatievoorstel.objects.get_or_create(inschrijving=insch, defaults={
        "perceel": perceel, "productnaam": PRODUCT, "ambulant_alternatief": True, "duur_weken": 12,
        "max_afwijking_duur_pct": Decimal("25"), "min_deelnemers": 4, "max_deelnemers": 8,
        "tarief": Decimal("7800.00"), "tarief_per": Innovatievoorstel.TariefPer.TRAJECT, "bijgewerkt_door": door,
    })
    if not insch.bevroren_inhoud:
        insch.bevroren_inhoud = services.bevroren_inhoud(insch, insch.ingediend_op, insch.eisenversie)
        insch.save(update_fields=["bevroren_inhoud"])
        na_commit(tasks.ontvangstbewijs_versturen, insch.pk)
    stdout.write(f"  inschrijving: innovatievoorstel \"{PRODUCT}\" van {org.naam} op perceel {perceel} (ingediend).")
