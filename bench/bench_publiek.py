"""The public site with a full procedure at two sizes: 500 and 5,000 contracted providers (every 5th deelname
with a subcontractor), 300 products with tariffs for two years each (issues 3 and 15).

Measures, without any cache (the open data API's cache is switched off): the productenboek page, the register
(page 1, a later page, a filter, the subcontractors' tab) and the two list endpoints of the API
(/api/v1/producten and /api/v1/aanbieders, page 1 and a later page), against the trivial view. A page of the
register or the API should cost about the same at 5,000 providers as at 500: the ratio is printed.
"""

from datetime import date
from decimal import Decimal as D

from django.test import Client, override_settings

from aanbesteding.models import Aanbesteding, Perceel, Product, Tarief
from bench.meten import druk_af, meet, meet_basis
from cms.inrichting import zorg_voor_publieke_site
from cms.models import ProcedureIndexPage, ProcedurePage
from organisaties.models import Organisatie, Regio
from overeenkomst.models import Deelname, Onderaannemer, Overeenkomst

GROOTTES = (500, 5000)
PRODUCTEN = 300
PERCELEN = 13
ZONDER_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# Server time without the page cache (core/paginacache.py): every request renders. The register's counts stay in
# the cache for the current publication generation (overeenkomst.selectors.Registerlijst.aantal), as in production.
ZONDER_PAGINACACHE = {"PAGINACACHE": False}
# And without any cache at all, for comparison: the register counts its providers on every request.
ZONDER_ENIGE_CACHE = {"CACHES": ZONDER_CACHE, "PAGINACACHE": False}


def _data(aanbieders: int, nummer: int) -> Aanbesteding:
    """A public procedure ``bench-<aanbieders>`` with its own region, products and providers; ``nummer`` keeps
    the KvK and AGB numbers of the two sizes apart."""
    regio = Regio.objects.create(naam=f"Gooi en Vechtstreek (bench {aanbieders})", slug=f"gooi-bench-{aanbieders}")
    og = Organisatie.objects.create(soort="opdrachtgever", naam=f"Regio Gooi en Vechtstreek {aanbieders}", regio=regio,
                                    kvk_nummer=f"{90000000 + nummer}")
    a = Aanbesteding.objects.create(
        titel=f"Jeugdhulp Voorzieningen {aanbieders}", slug=f"bench-{aanbieders}", regio=regio, opdrachtgever=og,
        status="open", looptijd_start=date(2021, 1, 1), looptijd_einde=date(2028, 12, 31),
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
    basis = nummer * 100000
    orgs = Organisatie.objects.bulk_create([
        Organisatie(naam=f"Aanbieder {i:04d} B.V.", kvk_nummer=f"{30000000 + basis + i}",
                    agb_code=f"{75000000 + basis + i}", plaats="Hilversum" if i % 7 else "Huizen")
        for i in range(aanbieders)
    ], batch_size=1000)
    ovks = Overeenkomst.objects.bulk_create(
        [Overeenkomst(aanbesteding=a, organisatie=o, startdatum=date(2023, 1, 1)) for o in orgs], batch_size=1000,
    )
    deelnames = Deelname.objects.bulk_create([
        Deelname(overeenkomst=o, perceel=percelen[(i + k) % PERCELEN], startdatum=date(2023, 1, 1))
        for i, o in enumerate(ovks) for k in range(1 + i % 3)
    ], batch_size=1000)
    Onderaannemer.objects.bulk_create([
        Onderaannemer(deelname=d, naam=f"Onderaannemer {i:05d}", kvk_nummer=f"{40000000 + basis + i}", plaats="Huizen",
                      vanaf=date(2024, 1, 1))
        for i, d in enumerate(deelnames) if i % 5 == 0
    ], batch_size=1000)
    pagina = ProcedurePage(title=a.titel, slug=a.slug, aanbesteding=a)
    ProcedureIndexPage.objects.get().add_child(instance=pagina)
    return a


def _meet_grootte(client, aanbieders: int) -> dict[str, dict]:
    slug = f"bench-{aanbieders}"
    register = f"/procedures/{slug}/register/"
    api = f"/api/v1/aanbieders?procedure={slug}"
    laatste_api = -(-_aantal_api(client, api) // 50)
    urls = {
        "productenboek": f"/procedures/{slug}/productenboek/2025/",
        "register p1": register,
        "register p3": f"{register}?pagina=3",
        "register filter": f"{register}?q=Huizen&productcode=45001",
        "register onder p2": f"{register}?tab=onderaannemers&pagina=2",
        "api aanbieders p1": api,
        "api aanbieders laatste": f"{api}&pagina={laatste_api}",
        "api producten p1": f"/api/v1/producten?procedure={slug}&jaar=2025",
        "api producten p5": f"/api/v1/producten?procedure={slug}&jaar=2025&pagina=5",
    }
    with override_settings(**ZONDER_PAGINACACHE):
        uitkomst = {naam: meet(client, url, naam=f"{naam} ({aanbieders})") for naam, url in urls.items()}
    with override_settings(**ZONDER_ENIGE_CACHE):
        uitkomst["api aanbieders p1, geen enkele cache"] = meet(
            client, api, naam=f"api aanbieders p1, geen enkele cache ({aanbieders})")
    return uitkomst


def _aantal_api(client, url) -> int:
    with override_settings(**ZONDER_PAGINACACHE):
        return client.get(url).json()["aantal"]


def main():
    zorg_voor_publieke_site()
    for nummer, aanbieders in enumerate(GROOTTES, start=1):
        _data(aanbieders, nummer)
    client = Client()
    basis = meet_basis(client)
    resultaten = {aanbieders: _meet_grootte(client, aanbieders) for aanbieders in GROOTTES}
    klein, groot = GROOTTES
    for aanbieders in GROOTTES:
        print(f"{aanbieders} aanbieders, {PRODUCTEN} producten (2 tariefjaren), {PERCELEN} percelen, zonder cache:")
        druk_af([basis, *resultaten[aanbieders].values()], basis=basis)
    print(f"Verhouding p50 {groot}/{klein} aanbieders:")
    for naam in resultaten[klein]:
        print(f"  {naam:<24} x{resultaten[groot][naam]['p50_ms'] / resultaten[klein][naam]['p50_ms']:.2f}")
