"""The assessment back office at scale: 5,000 submitted inschrijvingen, 20 assessors, 13 Gooi percelen.

Measures the queue (several filters, as Inkoper and as assessor) and the dashboard against the trivial view:
server time p50/p95 and queries per page. Data is built with bulk_create in a spread of states (new, in
assessment with two assessors, herstel, consensus, decided with outcomes per perceel).
"""

from datetime import date, timedelta
from itertools import cycle

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from aanbesteding.models import Aanbesteding, Perceel
from bench.meten import druk_af, meet, meet_basis
from inschrijving.models import Inschrijving, InschrijvingPerceel
from organisaties.models import Organisatie, Regio, Regiorol, User
from organisaties.rollen import BEOORDELAAR, INKOPER, synchroniseer_staffgroepen
from toetsing.models import Beoordelingscommissie, Besluit, BesluitPerceel, Toetsing, Toewijzing

INSCHRIJVINGEN = 5000
BEOORDELAARS = 20
GEHEIM = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _staff(email, groep):
    user = User.objects.create_user(email, "wachtwoord-lang-genoeg")
    user.groups.add(Group.objects.get(name=groep))
    Regiorol.objects.create(user=user, regio=None, rol=groep)  # staff of a one-bureau portal
    TOTP.activate(user, GEHEIM)
    return user


def _data():
    synchroniseer_staffgroepen()
    regio = Regio.objects.create(naam="Gooi en Vechtstreek", slug="gooi-bench")
    og = Organisatie.objects.create(soort="opdrachtgever", naam="Regio Gooi en Vechtstreek", regio=regio, kvk_nummer="90000002")
    gooi = Aanbesteding.objects.create(titel="Jeugdhulp Voorzieningen Gooi en Vechtstreek", slug="gooi-bench", regio=regio,
                                       opdrachtgever=og, looptijd_start=date(2022, 1, 1), looptijd_einde=date(2028, 12, 31))
    percelen = Perceel.objects.bulk_create([
        Perceel(aanbesteding=gooi, code=f"5.{n}", naam=f"Perceel 5.{n}", volgorde=n, quotum=1 if n == 6 else None)
        for n in range(1, 14)
    ])
    inkoper = _staff("inkoper@bench.example", INKOPER)
    beoordelaars = [_staff(f"beoordelaar{n}@bench.example", BEOORDELAAR) for n in range(BEOORDELAARS)]
    commissie = Beoordelingscommissie.objects.create(aanbesteding=gooi, naam="Commissie Jeugdhulp", voorzitter=inkoper)
    commissie.leden.set(beoordelaars)
    orgs = Organisatie.objects.bulk_create([
        Organisatie(naam=f"Zorgaanbieder {i:04d} B.V.", kvk_nummer=f"{30000000 + i}", plaats="Hilversum")
        for i in range(INSCHRIJVINGEN)
    ])
    nu = timezone.now()
    statussen = cycle([
        (Inschrijving.Status.INGEDIEND, None), (Inschrijving.Status.IN_BEOORDELING, Toetsing.Status.IN_BEOORDELING),
        (Inschrijving.Status.IN_BEOORDELING, Toetsing.Status.IN_BEOORDELING), (Inschrijving.Status.HERSTEL, Toetsing.Status.HERSTEL),
        (Inschrijving.Status.IN_BEOORDELING, Toetsing.Status.CONSENSUS), (Inschrijving.Status.IN_BEOORDELING, Toetsing.Status.VASTGESTELD),
        (Inschrijving.Status.BESLOTEN, Toetsing.Status.BESLOTEN), (Inschrijving.Status.BESLOTEN, Toetsing.Status.BESLOTEN),
    ])
    plan = [next(statussen) for _ in range(INSCHRIJVINGEN)]
    inschrijvingen = Inschrijving.objects.bulk_create([
        Inschrijving(aanbesteding=gooi, organisatie=o, status=plan[i][0], ingediend_op=nu - timedelta(days=i % 150))
        for i, o in enumerate(orgs)
    ])
    InschrijvingPerceel.objects.bulk_create([
        InschrijvingPerceel(inschrijving=ins, perceel=percelen[(i + k * 5) % len(percelen)])
        for i, ins in enumerate(inschrijvingen) for k in range(1 + i % 3)
    ])
    toetsingen = Toetsing.objects.bulk_create([
        Toetsing(inschrijving=ins, aanbesteding=gooi, commissie=commissie, status=plan[i][1])
        for i, ins in enumerate(inschrijvingen) if plan[i][1]
    ])
    Toewijzing.objects.bulk_create([
        Toewijzing(toetsing=t, beoordelaar=beoordelaars[(i + k) % BEOORDELAARS], toegewezen_door=inkoper,
                   status=Toewijzing.Status.TOEGEWEZEN if t.status == Toetsing.Status.IN_BEOORDELING else Toewijzing.Status.AFGEROND)
        for i, t in enumerate(toetsingen) for k in range(2)
    ])
    besloten = [ins for i, ins in enumerate(inschrijvingen) if plan[i][1] == Toetsing.Status.BESLOTEN]
    besluiten = Besluit.objects.bulk_create([
        Besluit(inschrijving=ins, aanbesteding=gooi, status=Besluit.Status.VERZONDEN, genomen_op=nu, verzonden_op=nu,
                standstill_einde=timezone.localdate() + timedelta(days=20))
        for ins in besloten
    ])
    uitkomsten = cycle([BesluitPerceel.Uitkomst.VOORLOPIG, BesluitPerceel.Uitkomst.VOORLOPIG, BesluitPerceel.Uitkomst.AFGEWEZEN,
                        BesluitPerceel.Uitkomst.WACHTLIJST])
    keuzes = {}
    for k in InschrijvingPerceel.objects.filter(inschrijving__in=besloten).values("inschrijving_id", "perceel_id"):
        keuzes.setdefault(k["inschrijving_id"], []).append(k["perceel_id"])
    BesluitPerceel.objects.bulk_create([
        BesluitPerceel(besluit=b, perceel_id=p, uitkomst=next(uitkomsten)) for b in besluiten for p in keuzes[b.inschrijving_id]
    ])
    return gooi, inkoper, beoordelaars[0]


def main():
    gooi, inkoper, beoordelaar = _data()
    print(f"{INSCHRIJVINGEN} inschrijvingen, {BEOORDELAARS} beoordelaars, 13 percelen")
    client = Client()
    client.force_login(inkoper)
    basis = meet_basis(client)
    # The Wagtail admin home: the cost of the admin chrome (menu, sidebar, permissions) every staff page pays.
    resultaten = [
        meet(client, "/admin/", n=30),
        meet(client, f"/admin/toetsing/{gooi.pk}/", n=30),
        meet(client, f"/admin/toetsing/{gooi.pk}/wachtrij/", n=30),
        meet(client, f"/admin/toetsing/{gooi.pk}/wachtrij/?filter=consensus", n=30),
        meet(client, f"/admin/toetsing/{gooi.pk}/wachtrij/?filter=te_laat&p=3", n=30),
        meet(client, f"/admin/toetsing/{gooi.pk}/wachtrij/?filter=besloten&p=20", n=30),
    ]
    druk_af(resultaten, basis=basis)
    client.force_login(beoordelaar)
    print("als beoordelaar (alleen eigen toewijzingen):")
    druk_af([meet(client, f"/admin/toetsing/{gooi.pk}/wachtrij/?filter=mijn", n=30),
             meet(client, f"/admin/toetsing/{gooi.pk}/wachtrij/", n=30)], basis=basis)
