"""The public site with a full procedure: 500 contracted providers (every 5th with a subcontractor) and 300
products with tariffs for two years (issue 3).

Measures the productenboek page, the register page and the two list endpoints of the open data API
(/api/v1/producten and /api/v1/aanbieders, without cache and with the cache warm) against the trivial view.
"""

from datetime import date
from decimal import Decimal as D

from django.core.cache import cache
from django.test import Client, override_settings

from aanbesteding.models import Aanbesteding, Perceel, Product, Tarief
from bench.meten import druk_af, meet, meet_basis
from cms.inrichting import zorg_voor_publieke_site
from cms.models import ProcedureIndexPage, ProcedurePage
from organisaties.models import Organisatie, Regio
from overeenkomst.models import Deelname, Onderaannemer, Overeenkomst

AANBIEDERS = 500
PRODUCTEN = 300
PERCELEN = 13


def _data():
    regio = Regio.objects.create(naam="Gooi en Vechtstreek (bench)", slug="gooi-bench")
    og = Organisatie.objects.create(soort="opdrachtgever", naam="Regio Gooi en Vechtstreek", regio=regio, kvk_nummer="90000002")
    a = Aanbesteding.objects.create(
        titel="Jeugdhulp Voorzieningen", slug="bench", regio=regio, opdrachtgever=og, status="open",
        looptijd_start=date(2021, 1, 1), looptijd_einde=date(2028, 12, 31),
    )
    percelen = Perceel.objects.bulk_create([
        Perceel(aanbesteding=a, code=f"5.{i + 1}", naam=f"Perceel 5.{i + 1}", volgorde=i) for i in range(PERCELEN)
    ])
    producten = Product.objects.bulk_create([
        Product(perceel=percelen[i % PERCELEN], categorie="45", code=f"45{i:03d}", naam=f"Begeleiding variant {i}",
                eenheid="uur", frequentie="week", volgorde=i)
        for i in range(PRODUCTEN)
    ])
    Tarief.objects.bulk_create([
        Tarief(product=p, geldig_van=date(jaar, 1, 1), geldig_tot=date(jaar, 12, 31), bedrag=D("70.00") + D(i % 50) + (jaar - 2024))
        for i, p in enumerate(producten) for jaar in (2024, 2025)
    ])
    orgs = Organisatie.objects.bulk_create([
        Organisatie(naam=f"Aanbieder {i:03d} B.V.", kvk_nummer=f"{30000000 + i}", agb_code=f"{75000000 + i}", plaats="Hilversum")
        for i in range(AANBIEDERS)
    ])
    ovks = Overeenkomst.objects.bulk_create([Overeenkomst(aanbesteding=a, organisatie=o, startdatum=date(2023, 1, 1)) for o in orgs])
    deelnames = Deelname.objects.bulk_create([
        Deelname(overeenkomst=o, perceel=percelen[(i + k) % PERCELEN], startdatum=date(2023, 1, 1))
        for i, o in enumerate(ovks) for k in range(1 + i % 3)
    ])
    Onderaannemer.objects.bulk_create([
        Onderaannemer(deelname=d, naam=f"Onderaannemer {i:03d}", kvk_nummer=f"{40000000 + i}", plaats="Huizen", vanaf=date(2024, 1, 1))
        for i, d in enumerate(deelnames) if i % 5 == 0
    ])
    zorg_voor_publieke_site()
    pagina = ProcedurePage(title=a.titel, slug=a.slug, aanbesteding=a)
    ProcedureIndexPage.objects.get().add_child(instance=pagina)
    return a


def main():
    _data()
    client = Client()
    basis = meet_basis(client)
    paginas = [
        meet(client, "/procedures/bench/productenboek/2025/"),
        meet(client, "/procedures/bench/register/"),
    ]
    api = ["/api/v1/producten?procedure=bench&jaar=2025&per_pagina=500", "/api/v1/aanbieders?procedure=bench&per_pagina=500"]
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        zonder_cache = [meet(client, url) for url in api]
    cache.clear()
    met_cache = [meet(client, url) for url in api]
    print(f"{AANBIEDERS} aanbieders, {PRODUCTEN} producten (2 tariefjaren), {PERCELEN} percelen")
    druk_af([basis, *paginas], basis=basis)
    print("API zonder cache:")
    druk_af(zonder_cache, basis=basis)
    print("API met cache (warm):")
    druk_af(met_cache, basis=basis)
