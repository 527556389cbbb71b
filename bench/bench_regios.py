"""Many regions in one portal (issue 17): 42 regions, 500 providers each, 20 procedures per region.

The data is generated with bulk_create: per region its bureau, three municipalities, 20 procedures (5 percelen
and a continuous toetredingsmoment each, a public procedure page), 500 providers of its own (21,000 in all) of
which every 10th also works in the next region and every 20th in the one after (as real providers do), 1–3
inschrijvingen per provider per region in a spread of states, an assessment state for the submitted ones, an
agreement with deelnames for the decided ones, an audit entry per inschrijving, and an Inkoper per region
(``Regiorol`` for that region only).

Measured, as p50/p95 server time and queries per request, against the trivial view (``/gezondheid/live/``) of
the same run: the public procedure list (``/procedures/`` and ``/api/v1/procedures``), the region landing
page ``/regio/<slug>/`` when this build has it, the staff queue (the toetsing overview and the queue of one
procedure) and the audit overview as the Inkoper of one region, and the provider overview (``/mijn/``, its
inschrijvingen and agreements) as a provider active in three regions. Each page is measured first on a small
world (2 regions × 5 providers × 2 procedures) and then on the full one: "constant query counts" means the two
counts are equal. Times are figures, never asserted (DEVELOPERS.md); ``tests/bench/`` runs this benchmark at a
tiny scale and asserts only the equal query counts.

Scale: ``python -m bench regios`` runs 42 × 500 × 20; ``BENCH_REGIOS_SCHAAL=10x200x5`` (regions × providers per
region × procedures per region) and ``BENCH_REGIOS_N`` (requests per page, default 30) make it smaller.

Partitioning when one PostgreSQL grows too large
-----------------------------------------------
Almost every row belongs to exactly one region, and the code already says which: every region-bound model
declares ``REGIO_PAD`` (core/regio.py, ``regio_id_van``), every staff read goes through
``organisaties.regios.binnen`` (one place that adds the region filter, so a router or a distribution key can
be added there), and ``AuditRegel`` carries ``regio_id`` as a plain column. Three ways out, in order of preference:

- **Citus, distributed on the region key.** The region-bound tables (aanbesteding and everything below it:
  percelen, inschrijvingen, toetsing, overeenkomsten, SROI) are distributed on ``regio_id`` and co-located, so
  a bureau's queries and joins stay on one shard. What is shared across regions — ``Organisatie``, ``User``,
  ``Lidmaatschap``, the provider's wallet (``Bewijsstuk``), ``Regio`` and ``Gemeente``, Wagtail's page tree —
  becomes reference tables (replicated to every node). This fits the domain best: a provider registers once and
  its one wallet serves every region (issue 17), which one database per bureau would break.
- **A schema per region** (``search_path`` per request, e.g. django-tenants): simple for staff traffic, but the
  provider's overview, the public procedure list and open data read across all regions and would need a union
  over 42 schemas, and the shared tables would live in a public schema next to them.
- **One database per bureau**: the strongest isolation, but organisations, accounts and wallets would have to
  be copied or federated between databases; only sensible if a bureau insists on its own hosting.

What still blocks distributing on the region key today: the child tables carry the region only through their
path (``Perceel`` → ``aanbesteding__regio``, ``Deelname`` → ``overeenkomst__aanbesteding__regio``), not as their
own column, so each would need a denormalised ``regio_id`` (part of its key) before Citus can co-locate it;
foreign keys from region-bound rows to the shared ``Organisatie``/``User`` are fine against reference tables,
but the wallet's links into a region (the auto-created many-to-many tables of ``Antwoord.bewijsstukken`` and
``Herstelverzoek.bijlagen``) have no model of their own to carry ``regio_id`` and need an explicit through model; the cross-region reads (public procedure
list, provider overview, ``/api/v1``) become fan-out queries, acceptable at these sizes but worth a cache; and
the audit trail's entries without a region (accounts, organisations) stay in a reference-like table.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import cycle

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import F
from django.test import Client, override_settings
from wagtail.models import Page

from aanbesteding.models import Aanbesteding, Perceel, Toetredingsmoment
from bench.meten import benoem, meet, meet_basis
from cms.inrichting import zorg_voor_publieke_site
from cms.models import ProcedureIndexPage, ProcedurePage
from core import kalender
from core.models import AuditRegel
from inschrijving.models import Inschrijving, InschrijvingPerceel
from organisaties.models import Gemeente, Lidmaatschap, Organisatie, Regio, Regiorol, Rol, StaffRol, User
from organisaties.rollen import INKOPER, synchroniseer_staffgroepen
from overeenkomst.models import Deelname, Overeenkomst
from toetsing.models import Toetsing

GEHEIM = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PERCELEN = 5


@dataclass(frozen=True)
class Schaal:
    regios: int
    aanbieders: int  # own providers per region
    procedures: int  # per region

    def __str__(self):
        return f"{self.regios} regio's × {self.aanbieders} aanbieders × {self.procedures} procedures"

    @classmethod
    def uit_tekst(cls, tekst: str) -> Schaal:
        regios, aanbieders, procedures = (int(deel) for deel in tekst.lower().split("x"))
        return cls(regios, aanbieders, procedures)


VOL = Schaal(42, 500, 20)
KLEIN = Schaal(2, 5, 2)

# (inschrijving status, toetsing status) in turn; besloten ones get an agreement.
STATUSSEN = [
    (Inschrijving.Status.INGEDIEND, None),
    (Inschrijving.Status.IN_BEOORDELING, Toetsing.Status.IN_BEOORDELING),
    (Inschrijving.Status.BESLOTEN, Toetsing.Status.BESLOTEN),
    (Inschrijving.Status.HERSTEL, Toetsing.Status.HERSTEL),
    (Inschrijving.Status.BESLOTEN, Toetsing.Status.BESLOTEN),
    (Inschrijving.Status.CONCEPT, None),
    (Inschrijving.Status.IN_BEOORDELING, Toetsing.Status.CONSENSUS),
]


@dataclass
class Wereld:
    """What one generated world hands to the measurements."""

    regio: Regio
    aanbesteding: Aanbesteding
    inkoper: User
    aanbieder: User
    aantallen: dict


def _regios_van_aanbieder(r: int, i: int, schaal: Schaal) -> list[int]:
    """Region indexes where provider i of region r works: its own, every 10th also the next, every 20th the one after."""
    regios = [r]
    if i % 10 == 0:
        regios.append((r + 1) % schaal.regios)
    if i % 20 == 0:
        regios.append((r + 2) % schaal.regios)
    return list(dict.fromkeys(regios))


def inrichten() -> None:
    """What every world needs once: the staff groups and the public site's procedure index."""
    synchroniseer_staffgroepen()
    zorg_voor_publieke_site()


def _procedurepaginas(aanbestedingen: list[Aanbesteding], nu) -> None:
    """A live public page per procedure under the procedure index, in bulk.

    ``add_child`` costs a tree lock, a full_clean, a search-index and a reference-index task per page (minutes
    for 840 pages); here the tree's materialised paths are computed once, the base rows go in with one
    bulk_create and each ProcedurePage row with a raw insert of its own table (raw: no index tasks, which
    the measured pages do not read)."""
    index = ProcedureIndexPage.objects.get()
    laatste = index.get_last_child()
    eerste_stap = Page._str2int(laatste.path[-Page.steplen:]) + 1 if laatste else 1
    ct = ContentType.objects.get_for_model(ProcedurePage)
    basis = Page.objects.bulk_create([
        Page(title=a.titel, draft_title=a.titel, slug=a.slug, content_type=ct, locale_id=index.locale_id,
             path=Page._get_path(index.path, index.depth + 1, eerste_stap + n), depth=index.depth + 1, numchild=0,
             url_path=f"{index.url_path}{a.slug}/", live=True, first_published_at=nu, last_published_at=nu)
        for n, a in enumerate(aanbestedingen)
    ])
    for pagina, a in zip(basis, aanbestedingen, strict=True):
        ProcedurePage(page_ptr=pagina, aanbesteding=a).save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(basis))


def bouw(schaal: Schaal, prefix: str, kvk_basis: int) -> Wereld:
    """Generate one world of ``schaal`` with slugs starting with ``prefix`` (two worlds may share the database)."""
    nu = kalender.nu()
    regios = Regio.objects.bulk_create([
        Regio(naam=f"Regio {prefix.upper()} {r:02d}", slug=f"{prefix}-{r:02d}", bureau_naam=f"Inkoopbureau {prefix.upper()} {r:02d}",
              contact_email=f"inkoop@{prefix}-{r:02d}.example", intro="Samen ingekochte jeugdhulp en Wmo.")
        for r in range(schaal.regios)
    ])
    Gemeente.objects.bulk_create([
        Gemeente(naam=f"Gemeente {prefix.upper()} {r:02d}-{g}", regio=regio) for r, regio in enumerate(regios) for g in range(3)
    ])
    bureaus = Organisatie.objects.bulk_create([
        Organisatie(soort=Organisatie.Soort.OPDRACHTGEVER, naam=f"Inkoopbureau {regio.naam}", regio=regio,
                    kvk_nummer=f"{kvk_basis + r:08d}", plaats="Bussum")
        for r, regio in enumerate(regios)
    ])
    aanbestedingen = Aanbesteding.objects.bulk_create([
        Aanbesteding(
            titel=f"{'Jeugdhulp' if p % 2 else 'Wmo-begeleiding'} {regio.naam} {p + 1}", slug=f"{prefix}-{r:02d}-{p:02d}",
            dossiernummer=f"{prefix.upper()}{r:02d}{p:02d}", regio=regio, opdrachtgever=bureaus[r],
            status=Aanbesteding.Status.GESLOTEN if p % 5 == 4 else Aanbesteding.Status.OPEN,
            toetreding=Aanbesteding.Toetreding.CONTINU,
            looptijd_start=date(2022 + p % 3, 1, 1), looptijd_einde=date(2029, 12, 31),
        )
        for r, regio in enumerate(regios) for p in range(schaal.procedures)
    ])
    per_regio = [aanbestedingen[r * schaal.procedures:(r + 1) * schaal.procedures] for r in range(schaal.regios)]
    percelen = Perceel.objects.bulk_create([
        Perceel(aanbesteding=a, code=f"{k + 1}", naam=f"Perceel {k + 1}", volgorde=k) for a in aanbestedingen for k in range(PERCELEN)
    ])
    percelen_van = {a.pk: percelen[n * PERCELEN:(n + 1) * PERCELEN] for n, a in enumerate(aanbestedingen)}
    momenten = Toetredingsmoment.objects.bulk_create([
        Toetredingsmoment(aanbesteding=a, naam="Doorlopende toetreding", soort=Toetredingsmoment.Soort.CONTINU,
                          opent_op=nu - timedelta(days=400))
        for a in aanbestedingen
    ])
    moment_van = {m.aanbesteding_id: m for m in momenten}
    _procedurepaginas(aanbestedingen, nu)

    aanbieders = Organisatie.objects.bulk_create([
        Organisatie(naam=f"Aanbieder {prefix.upper()} {r:02d}-{i:03d} B.V.", kvk_nummer=f"{kvk_basis + 100_000 + r * 1000 + i:08d}",
                    agb_code=f"{kvk_basis + r * 1000 + i:08d}", plaats="Hilversum", contact_email=f"info@a{r}-{i}.example")
        for r in range(schaal.regios) for i in range(schaal.aanbieders)
    ])
    statussen = cycle(STATUSSEN)
    inschrijvingen, plan = [], []
    for r in range(schaal.regios):
        for i in range(schaal.aanbieders):
            org = aanbieders[r * schaal.aanbieders + i]
            for j, ri in enumerate(_regios_van_aanbieder(r, i, schaal)):
                aantal = min(1 + (i + j) % 3, schaal.procedures)
                for k in range(aantal):
                    a = per_regio[ri][(i + k) % schaal.procedures]
                    status, toetsstatus = next(statussen)
                    inschrijvingen.append(Inschrijving(
                        aanbesteding=a, organisatie=org, toetredingsmoment=moment_van[a.pk], status=status,
                        ingediend_op=None if status == Inschrijving.Status.CONCEPT else nu - timedelta(days=(i + k) % 120),
                    ))
                    plan.append((regios[ri], toetsstatus))
    inschrijvingen = Inschrijving.objects.bulk_create(inschrijvingen)
    gekozen = []
    for n, ins in enumerate(inschrijvingen):
        eigen = percelen_van[ins.aanbesteding_id]
        besloten = ins.status == Inschrijving.Status.BESLOTEN
        gekozen += [InschrijvingPerceel(inschrijving=ins, perceel=eigen[(n + k) % PERCELEN], toegelaten=True if besloten else None)
                    for k in range(1 + n % 2)]
    gekozen = InschrijvingPerceel.objects.bulk_create(gekozen)
    Toetsing.objects.bulk_create([
        Toetsing(inschrijving=ins, aanbesteding_id=ins.aanbesteding_id, status=plan[n][1])
        for n, ins in enumerate(inschrijvingen) if plan[n][1]
    ])
    besloten = [ins for ins in inschrijvingen if ins.status == Inschrijving.Status.BESLOTEN]
    overeenkomsten = Overeenkomst.objects.bulk_create([
        Overeenkomst(aanbesteding_id=ins.aanbesteding_id, organisatie_id=ins.organisatie_id, startdatum=date(2024, 1, 1),
                     bron=f"Besluit op inschrijving {ins.pk}")
        for ins in besloten
    ])
    ovk_van = {ins.pk: ovk for ins, ovk in zip(besloten, overeenkomsten, strict=True)}
    deelnames = Deelname.objects.bulk_create([
        Deelname(overeenkomst=ovk_van[k.inschrijving_id], perceel_id=k.perceel_id, startdatum=date(2024, 1, 1))
        for k in gekozen if k.inschrijving_id in ovk_van
    ])
    ct = ContentType.objects.get_for_model(Inschrijving)
    audit = AuditRegel.objects.bulk_create([
        AuditRegel(actie="inschrijving.ingediend", content_type=ct, object_id=str(ins.pk), object_weergave=f"Inschrijving {ins.pk}",
                   actor_weergave="aanbieder", regio_id=plan[n][0].pk)
        for n, ins in enumerate(inschrijvingen) if ins.status != Inschrijving.Status.CONCEPT
    ])

    # An Inkoper per region, holding the role in that region only (organisaties.regios).
    inkopers = User.objects.bulk_create([
        User(email=f"inkoper@{regio.slug}.example", first_name="Inkoper", last_name=regio.naam) for regio in regios
    ])
    Group.objects.get(name=INKOPER).user_set.add(*inkopers)
    Regiorol.objects.bulk_create([
        Regiorol(user=user, regio=regio, rol=StaffRol.INKOPER) for user, regio in zip(inkopers, regios, strict=True)
    ])
    TOTP.activate(inkopers[0], GEHEIM)
    # A provider user of the first organisation of region 0, which works in regions 0, 1 and 2, and of a
    # second organisation (the one it works for is the first by name: the shared one).
    aanbieder = User.objects.create_user(f"aanbieder@{prefix}.example", "wachtwoord-lang-genoeg")
    Lidmaatschap.objects.bulk_create([
        Lidmaatschap(user=aanbieder, organisatie=aanbieders[0], rol=Rol.BEHEERDER),
        Lidmaatschap(user=aanbieder, organisatie=aanbieders[1], rol=Rol.MEDEWERKER),
    ])
    eerste = per_regio[0][0]
    return Wereld(regio=regios[0], aanbesteding=eerste, inkoper=inkopers[0], aanbieder=aanbieder, aantallen={
        "regio's": len(regios), "procedures": len(aanbestedingen), "aanbieders": len(aanbieders),
        "inschrijvingen": len(inschrijvingen), "overeenkomsten": len(overeenkomsten), "deelnames": len(deelnames),
        "auditregels": len(audit),
    })


def _regiopagina(client: Client, regio: Regio) -> str | None:
    """The region landing page, when this build has one (issue 17); None when /regio/<slug>/ is not there."""
    url = f"/regio/{regio.slug}/"
    # The probe's 404 is expected on a build without the page: keep it out of the log.
    logger = logging.getLogger("django.request")
    niveau = logger.level
    logger.setLevel(logging.ERROR)
    try:
        status = client.get(url).status_code
    finally:
        logger.setLevel(niveau)
    return url if status == 200 else None


def meten(wereld: Wereld, n: int) -> dict[str, dict]:
    """Every page of the benchmark for ``wereld``, keyed by a label that is the same for every world."""
    publiek, staf, aanbieder = Client(), Client(), Client()
    staf.force_login(wereld.inkoper)
    aanbieder.force_login(wereld.aanbieder)
    a = wereld.aanbesteding
    # Server time of the public pages themselves, not of the page cache (core/paginacache.py; bench doorvoer).
    with override_settings(PAGINACACHE=False):
        resultaten = {
            "publiek: procedurelijst": meet(publiek, "/procedures/", n=n),
            "publiek: procedurepagina": meet(publiek, f"/procedures/{a.slug}/", n=n),
        }
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        resultaten["publiek: API procedures (zonder cache)"] = meet(publiek, "/api/v1/procedures?per_pagina=100", n=n)
    cache.clear()
    regiopagina = _regiopagina(publiek, wereld.regio)
    if regiopagina:
        with override_settings(PAGINACACHE=False):
            resultaten["publiek: regiopagina"] = meet(publiek, regiopagina, n=n)
    resultaten |= {
        "inkoper: toetsing, procedures": meet(staf, "/admin/toetsing/", n=n),
        "inkoper: wachtrij van een procedure": meet(staf, f"/admin/toetsing/{a.pk}/wachtrij/", n=n),
        "inkoper: audittrail": meet(staf, "/admin/audit/", n=n),
        "aanbieder: /mijn/": meet(aanbieder, "/mijn/", n=n),
        "aanbieder: inschrijvingen": meet(aanbieder, "/mijn/inschrijvingen/", n=n),
        "aanbieder: overeenkomsten": meet(aanbieder, "/mijn/overeenkomsten/", n=n),
    }
    return benoem(resultaten)


def main(schaal: Schaal | None = None, klein: Schaal = KLEIN, n: int | None = None) -> dict:
    """Build the small world, measure it, build the full one, measure again; print both query counts."""
    schaal = schaal or Schaal.uit_tekst(os.environ.get("BENCH_REGIOS_SCHAAL", "42x500x20"))
    n = n or int(os.environ.get("BENCH_REGIOS_N", "30"))
    inrichten()
    start = kalender.nu()
    kleine_wereld = bouw(klein, "klein", 10_000_000)
    bij_klein = meten(kleine_wereld, n=max(2, n // 5))
    wereld = bouw(schaal, "r", 50_000_000)
    duur = (kalender.nu() - start).total_seconds()
    basis = meet_basis(Client(), n=max(n, 200))  # the floor is cheap: many requests keep its p95 stable
    bij_vol = meten(wereld, n=n)

    print(f"klein: {klein}; vol: {schaal}")
    print("vol: " + ", ".join(f"{aantal} {wat}" for wat, aantal in wereld.aantallen.items()) + f"; data en kleine meting in {duur:.0f} s")
    # p95/vloer is the ratio of the p95s asked for; on a busy machine the floor's own p95 is mostly scheduling
    # noise, so the ratio of the p50s (as the other benchmarks print) is given next to it.
    print(f"{'pagina':<42} {'queries klein':>13} {'vol':>4}  {'constant':<8} {'p50 ms':>8} {'p95 ms':>8} {'p50/vloer':>9} {'p95/vloer':>9}")
    print(f"{'vloer: /gezondheid/live/':<42} {'':>13} {basis['queries']:>4}  {'':<8} {basis['p50_ms']:8.2f} {basis['p95_ms']:8.2f} "
          f"{1:9.1f} {1:9.1f}")
    for label, r in bij_vol.items():
        k = bij_klein.get(label)
        gelijk = "ja" if k and k["queries"] == r["queries"] else "NEE"
        print(f"{label:<42} {k['queries'] if k else '-':>13} {r['queries']:>4}  {gelijk:<8} "
              f"{r['p50_ms']:8.2f} {r['p95_ms']:8.2f} {r['p50_ms'] / basis['p50_ms']:9.1f} {r['p95_ms'] / basis['p95_ms']:9.1f}")
    if "publiek: regiopagina" not in bij_vol:
        print("(geen /regio/<slug>/ in deze build: regiopagina niet gemeten)")
    return {"klein": bij_klein, "vol": bij_vol, "basis": basis, "aantallen": wereld.aantallen}
