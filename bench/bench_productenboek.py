"""The product book as a yearly publication (issue 19) at 100 and 300 products: two intensities per product with
their volume as data, tariffs for 2024 and 2025, a tariff agreed with one provider on every 10th product, every
10th product new in 2025, every 20th dropped at the end of 2024 with a successor, 30 stacking rules, 20 product
dependencies and 2 conversion tables.

Measures, without the page cache: the book of 2025, its year-on-year difference, the CSV and JSON downloads, the
API's product list (a page of 50 and one of 500) and the product rules endpoint. The queries of a page should be
the same at 100 and at 300 products: the ratio of p50 and both query counts are printed.
"""

from datetime import date
from decimal import Decimal as D

from django.test import Client, override_settings

from aanbesteding.models import (
    Aanbesteding,
    Omrekentabel,
    Perceel,
    Product,
    Productafhankelijkheid,
    Productintensiteit,
    Samenloopregel,
    Tarief,
)
from bench.meten import druk_af, meet, meet_basis
from bronnen import mlo
from cms.inrichting import zorg_voor_publieke_site
from cms.models import ProcedureIndexPage, ProcedurePage
from organisaties.models import Organisatie, Regio

GROOTTES = (100, 300)
PERCELEN = 13
ZONDER_PAGINACACHE = {"PAGINACACHE": False, "CACHES": {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}}


def _data(aantal: int, nummer: int) -> Aanbesteding:
    regio = Regio.objects.create(naam=f"Midden-Limburg Oost (bench {aantal})", slug=f"mlo-boek-{aantal}")
    og = Organisatie.objects.create(soort="opdrachtgever", naam=f"Regio MLO {aantal}", regio=regio,
                                    kvk_nummer=f"{91000000 + nummer}")
    aanbieder = Organisatie.objects.create(naam=f"Aanbieder boek {aantal}", kvk_nummer=f"{92000000 + nummer}")
    a = Aanbesteding.objects.create(
        titel=f"Productenboek {aantal}", slug=f"boek-{aantal}", regio=regio, opdrachtgever=og, status="open",
        looptijd_start=date(2021, 1, 1), looptijd_einde=date(2028, 12, 31),
    )
    percelen = Perceel.objects.bulk_create([
        Perceel(aanbesteding=a, code=f"6.{i + 1}", naam=f"Perceel 6.{i + 1}", volgorde=i) for i in range(PERCELEN)
    ])
    producten = Product.objects.bulk_create([
        Product(perceel=percelen[i % PERCELEN], categorie="43", code=f"43{i:03d}", naam=f"Verblijf variant {i}",
                naam_bron=f"Verblijf- variant {i}" if i % 3 == 0 else "", eenheid="etmaal", frequentie="week",
                volgorde=i, geldig_vanaf=date(2025, 1, 1) if i % 10 == 5 else None,
                geldig_tot=date(2024, 12, 31) if i % 20 == 7 else None)
        for i in range(aantal)
    ])
    # every dropped product has a successor that starts in 2025
    for i, p in enumerate(producten):
        if i % 20 == 7 and i + 1 < aantal:
            Product.objects.filter(pk=producten[i + 1].pk).update(voorganger=p, geldig_vanaf=date(2025, 1, 1))
    Productintensiteit.objects.bulk_create([
        Productintensiteit(product=p, code=code, naam=code.capitalize(), omvang_min=D(k + 1), omvang_max=D(k + 2),
                           omvang_eenheid="begeleiders per groep", volgorde=k)
        for p in producten for k, code in enumerate(("midden", "zwaar"))
    ])
    Tarief.objects.bulk_create([
        Tarief(product=p, intensiteit=code, geldig_van=date(jaar, 1, 1), geldig_tot=date(jaar, 12, 31),
               bedrag=D("200.00") + D(i % 50) + (jaar - 2024) * 7 + k * 40)
        for i, p in enumerate(producten) for jaar in (2024, 2025) for k, code in enumerate(("midden", "zwaar"))
    ] + [
        Tarief(product=p, intensiteit="zwaar", organisatie=aanbieder, geldig_van=date(jaar, 1, 1),
               geldig_tot=date(jaar, 12, 31), bedrag=D("260.00") + jaar - 2024)
        for i, p in enumerate(producten) if i % 10 == 0 for jaar in (2024, 2025)
    ])
    def p(i):
        return producten[i % aantal]

    for r in range(30):
        regel = Samenloopregel.objects.create(aanbesteding=a, soort="niet", volgorde=r + 1, bron="000 r.356",
                                              toelichting="Niet samen voor één cliënt.")
        regel.producten.set([p(r * 3 + k) for k in range(5)])
    for r in range(20):
        afh = Productafhankelijkheid.objects.create(aanbesteding=a, bron="002 r.1033")
        afh.producten.set([p(r * 4 + 2), p(r * 4 + 3)])
        afh.vereist.set([p(r * 4 + 1)])
    for t in range(2):
        tabel = Omrekentabel.objects.create(aanbesteding=a, naam=f"Logeren {t}", rijen=mlo.LOGEREN_OMREKENING,
                                            bron="002 r.1143-1155")
        tabel.producten.set([p(t * 10 + k) for k in range(4)])
    ProcedureIndexPage.objects.get().add_child(instance=ProcedurePage(title=a.titel, slug=a.slug, aanbesteding=a))
    return a


def _meet(client, aantal: int) -> dict[str, dict]:
    boek = f"/procedures/boek-{aantal}/productenboek/2025/"
    api = f"/api/v1/producten?procedure=boek-{aantal}&jaar=2025"
    urls = {
        "boek 2025": boek,
        "verschil 2025": boek + "verschil/",
        "boek csv": boek + "csv/",
        "boek json": boek + "json/",
        "api producten p1": api,
        "api producten 500": api + "&per_pagina=500",
        "api productregels": f"/api/v1/procedures/boek-{aantal}/productregels",
    }
    with override_settings(**ZONDER_PAGINACACHE):
        return {naam: meet(client, url, n=30, naam=f"{naam} ({aantal})") for naam, url in urls.items()}


def main():
    zorg_voor_publieke_site()
    for nummer, aantal in enumerate(GROOTTES, start=1):
        _data(aantal, nummer)
    client = Client()
    basis = meet_basis(client)
    resultaten = {aantal: _meet(client, aantal) for aantal in GROOTTES}
    klein, groot = GROOTTES
    for aantal in GROOTTES:
        print(f"{aantal} producten (2 intensiteiten, 2 tariefjaren, aanbiedertarieven), 30 samenloopregels, "
              f"20 afhankelijkheden, 2 omrekentabellen, zonder cache:")
        druk_af([basis, *resultaten[aantal].values()], basis=basis)
    print(f"{groot}/{klein} producten: verhouding p50 en queries (gelijk = vast aantal):")
    for naam in resultaten[klein]:
        k, g = resultaten[klein][naam], resultaten[groot][naam]
        print(f"  {naam:<20} x{g['p50_ms'] / k['p50_ms']:.2f}  queries {k['queries']} -> {g['queries']}")
