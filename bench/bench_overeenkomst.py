"""Agreements at scale (issue 6): 400 contracted providers on one procedure with 13 percelen and 3 deelnames
each, 150 products with tariffs, 3 addenda with a reaction per provider.

Measures register_van (the selector behind the public register) directly, the provider's
"Mijn overeenkomsten" and agreement detail pages, the indexation preview, and the staff list and addendum
pages, against the trivial view.
"""

import statistics
import time
from datetime import date
from decimal import Decimal as D

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from aanbesteding.models import Aanbesteding, Perceel, Product, Tarief
from bench.meten import druk_af, meet, meet_basis
from organisaties.models import Lidmaatschap, Organisatie, Regio, Regiorol, User
from organisaties.rollen import CONTRACTMANAGER, synchroniseer_staffgroepen
from overeenkomst import services
from overeenkomst.models import Addendum, AddendumReactie, Deelname, Indexatieronde, Overeenkomst
from overeenkomst.selectors import register_van

AANBIEDERS = 400
PERCELEN = 13
PRODUCTEN = 150


def _data():
    regio = Regio.objects.create(naam="Gooi (bench ovk)", slug="gooi-bench-ovk")
    og = Organisatie.objects.create(soort="opdrachtgever", naam="Regio Gooi en Vechtstreek", regio=regio, kvk_nummer="90000012")
    ab = Aanbesteding.objects.create(titel="Jeugdhulp Voorzieningen", slug="bench-ovk", regio=regio, opdrachtgever=og,
                                     status="gesloten", looptijd_start=date(2022, 1, 1), looptijd_einde=date(2028, 12, 31))
    percelen = Perceel.objects.bulk_create([Perceel(aanbesteding=ab, code=f"5.{i + 1}", naam=f"Perceel 5.{i + 1}", volgorde=i) for i in range(PERCELEN)])
    producten = Product.objects.bulk_create([
        Product(perceel=percelen[i % PERCELEN], categorie="43", code=f"43{i:03d}", naam=f"Product {i}", eenheid="etmaal" if i % 3 else "minuut")
        for i in range(PRODUCTEN)
    ])
    Tarief.objects.bulk_create([
        Tarief(product=p, geldig_van=date(2025, 1, 1), bedrag=D("100.00") + D(i % 40)) for i, p in enumerate(producten)
    ])
    orgs = Organisatie.objects.bulk_create([
        Organisatie(naam=f"Aanbieder {i:03d} B.V.", kvk_nummer=f"{31000000 + i}", agb_code=f"{75100000 + i}", plaats="Hilversum")
        for i in range(AANBIEDERS)
    ])
    ovks = Overeenkomst.objects.bulk_create([Overeenkomst(aanbesteding=ab, organisatie=o, startdatum=date(2023, 1, 1)) for o in orgs])
    Deelname.objects.bulk_create([
        Deelname(overeenkomst=o, perceel=percelen[(i + k) % PERCELEN], startdatum=date(2023, 1, 1))
        for i, o in enumerate(ovks) for k in range(3)
    ])
    addenda = [Addendum.objects.create(aanbesteding=ab, nummer=n, titel=f"Addendum {n}", tekst="...", ingangsdatum=date(2024, n, 1),
                                       status="verwerkt", goedgekeurd_door=User.objects.create_user(f"g{n}@bench.example"))
               for n in (1, 2, 3)]
    AddendumReactie.objects.bulk_create([AddendumReactie(addendum=a, overeenkomst=o, status="aanvaard") for a in addenda for o in ovks])
    return ab, orgs[0], ovks[0]


def main():
    ab, org, ovk = _data()
    synchroniseer_staffgroepen()
    from django.contrib.auth.models import Group

    beheerder = User.objects.create_user("beheerder@bench.example")
    Lidmaatschap.objects.create(user=beheerder, organisatie=org, rol="beheerder")
    cm = User.objects.create_user("cm@bench.example")
    cm.groups.add(Group.objects.get(name=CONTRACTMANAGER))
    Regiorol.objects.create(user=cm, regio=None, rol=CONTRACTMANAGER)  # staff of a one-bureau portal
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(cm, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")

    tijden = []
    for _ in range(20):
        start = time.perf_counter()
        regels = register_van(ab)
        tijden.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        register_van(ab)
    print(f"register_van ({len(regels)} regels, {AANBIEDERS} aanbieders): p50 {statistics.median(tijden):.1f} ms, {len(ctx.captured_queries)} queries")

    ronde = Indexatieronde.objects.create(aanbesteding=ab, jaar=2026, percentage=D("2.5"))
    start = time.perf_counter()
    rijen = services.indexatie_voorbeeld(ronde)
    print(f"indexatie_voorbeeld ({len(rijen)} tarieven): {(time.perf_counter() - start) * 1000:.1f} ms")

    aanbieder_client = Client()
    aanbieder_client.force_login(beheerder)
    staf = Client()
    staf.force_login(cm)
    basis = meet_basis(aanbieder_client)
    druk_af([
        meet(aanbieder_client, "/mijn/overeenkomsten/", n=30),
        meet(aanbieder_client, f"/mijn/overeenkomsten/{ovk.pk}/", n=30),
        meet(staf, "/admin/overeenkomsten/lijst/", n=10),
        meet(staf, "/admin/overeenkomsten/addenda/", n=10),
        meet(staf, f"/admin/overeenkomsten/indexatie/?ronde={ronde.pk}", n=10),
    ], basis=basis)
