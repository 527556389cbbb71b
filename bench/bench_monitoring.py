"""Monitoring (issue 14): the bureau's dashboard with 500 providers × 24 months of KPI figures and wachttijden.

One region with an MLO-shaped procedure (the KPIs and wachttijdnorm of 002 loaded from bronnen), 500 providers
with a running agreement on one perceel, and per provider the KPI figures of two years (8 quarters × 4 quarterly
KPIs, 2 years × 2 yearly ones: 36 figures) and 24 months of wachttijden, spread over green, orange and red. All
rows go in with bulk_create.

Measured against the trivial view (``/gezondheid/live/``) of the same run, as p50/p95 and queries per request: the
dashboard (first page of 100 providers, the last page, filtered on the perceel), one provider's page with its SVG
charts, the CSV and XLSX export of all figures, the steering information, and the provider's own overview. Each
page is measured first on a small world (50 providers) and then on the full one: "constant" means the two query
counts are equal. Times are figures, never asserted (DEVELOPERS.md); tests/contractbeheer/test_monitoring_bench.py
runs this at a tiny scale and asserts only the equal query counts.

``BENCH_MONITORING_AANBIEDERS`` (default 500) and ``BENCH_MONITORING_N`` (requests per page, default 30) make it
smaller.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.test import Client

from aanbesteding.models import Aanbesteding, Perceel
from bench.meten import benoem, meet, meet_basis
from bronnen import contractbeheer as bron
from contractbeheer import regels, services
from contractbeheer.models import Kpi, Kpiwaarde, Wachttijd
from core import kalender
from core.kalender import TZ
from organisaties.models import Lidmaatschap, Organisatie, Regio, Regiorol, Rol, User
from organisaties.rollen import CONTRACTMANAGER, synchroniseer_staffgroepen
from overeenkomst.models import Deelname, Overeenkomst

GEHEIM = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NU = datetime(2026, 4, 15, 12, 0, tzinfo=TZ)
KLEIN = 50


@dataclass
class Wereld:
    aanbesteding: Aanbesteding
    perceel: Perceel
    overeenkomst: Overeenkomst
    contractmanager: User
    aanbieder: User
    aantallen: dict


def _waarde(kpi: Kpi, i: int, j: int) -> Decimal:
    """Green, orange or red by provider and period (the norm and border of the KPI), a level without a norm."""
    if kpi.norm is None:
        return Decimal(2000 + (i * 37 + j * 11) % 900)
    keuze = (i + j) % 6
    norm, grens = kpi.norm, kpi.drempel_oranje if kpi.drempel_oranje is not None else kpi.norm
    if keuze == 0:
        return grens + (grens - norm)  # beyond the border: red
    if keuze == 1:
        return (norm + grens) / 2  # between: orange
    return norm


def bouw(aanbieders: int, prefix: str, kvk_basis: int) -> Wereld:
    """One region with ``aanbieders`` providers and two years of figures, in bulk."""
    regio = Regio.objects.create(naam=f"Regio {prefix}", slug=f"{prefix}-regio")
    bureau = Organisatie.objects.create(soort="opdrachtgever", naam=f"Bureau {prefix}", regio=regio,
                                        kvk_nummer=str(kvk_basis))
    ab = Aanbesteding.objects.create(titel=f"Jeugdhulp {prefix}", slug=f"{prefix}-jeugdhulp", regio=regio,
                                     opdrachtgever=bureau, looptijd_start=date(2020, 1, 1),
                                     looptijd_einde=date(2028, 12, 31))
    perceel = Perceel.objects.create(aanbesteding=ab, code="ambulant", naam="Ambulant")
    services.regels_laden(aanbesteding=ab, bron=bron.MLO)
    kpis = list(Kpi.objects.filter(aanbesteding=ab))
    orgs = Organisatie.objects.bulk_create([
        Organisatie(naam=f"Aanbieder {prefix} {i:04d} B.V.", kvk_nummer=str(kvk_basis + 1 + i), plaats="Venlo")
        for i in range(aanbieders)
    ])
    ovks = Overeenkomst.objects.bulk_create([
        Overeenkomst(aanbesteding=ab, organisatie=o, startdatum=date(2022, 1, 1)) for o in orgs
    ])
    Deelname.objects.bulk_create([Deelname(overeenkomst=o, perceel=perceel, startdatum=date(2022, 1, 1))
                                  for o in ovks], batch_size=2000)
    vandaag = NU.date()
    perioden = {}
    for soort, terug in ((Kpi.Periode.KWARTAAL, 8), (Kpi.Periode.JAAR, 2)):
        start, lijst = regels.periode_start(vandaag, soort), []
        for _ in range(terug):
            start = regels.periode_start(kalender.plus_kalenderdagen(start, -1), soort)
            lijst.append(start)
        perioden[soort] = list(reversed(lijst))
    maanden = [kalender.plus_maanden(vandaag.replace(day=1), -k) for k in range(24)]
    cijfers, wachttijden = [], []
    for i, ov in enumerate(ovks):
        for k in kpis:
            for j, start in enumerate(perioden.get(k.periode, [])):
                cijfers.append(Kpiwaarde(overeenkomst=ov, kpi=k, perceel=perceel if k.per_perceel else None,
                                         periode_start=start, waarde=_waarde(k, i, j), vastgelegd_op=NU))
        for j, maand in enumerate(maanden):
            wachttijden.append(Wachttijd(overeenkomst=ov, perceel=perceel, maand=maand,
                                         wachttijd_dagen=(i * 3 + j * 5) % 21, wachtenden=(i + j) % 7,
                                         capaciteit_vrij=j % 3, vastgelegd_op=NU))
    Kpiwaarde.objects.bulk_create(cijfers, batch_size=5000)
    Wachttijd.objects.bulk_create(wachttijden, batch_size=5000)

    cm = User.objects.create_user(f"cm@{prefix}.example", "wachtwoord-lang-genoeg")
    cm.groups.add(Group.objects.get(name=CONTRACTMANAGER))
    Regiorol.objects.create(user=cm, regio=regio, rol=CONTRACTMANAGER)
    TOTP.activate(cm, GEHEIM)
    lid = User.objects.create_user(f"lid@{prefix}.example", "wachtwoord-lang-genoeg")
    Lidmaatschap.objects.create(user=lid, organisatie=orgs[0], rol=Rol.BEHEERDER)
    return Wereld(ab, perceel, ovks[0], cm, lid, {"aanbieders": aanbieders, "KPI-cijfers": len(cijfers),
                                                   "wachttijden": len(wachttijden)})


def meten(wereld: Wereld, n: int) -> dict[str, dict]:
    staf, aanbieder = Client(), Client()
    staf.force_login(wereld.contractmanager)
    aanbieder.force_login(wereld.aanbieder)
    ab, laatste = wereld.aanbesteding.pk, (wereld.aantallen["aanbieders"] + 99) // 100
    basis = "/admin/contractbeheer/monitoring/"
    return benoem({
        "contractmanager: beheervloer (regels laden)": meet(staf, "/admin/contractbeheer/regels-laden/", n=n),
        "contractmanager: dashboard": meet(staf, f"{basis}?aanbesteding={ab}", n=n),
        "contractmanager: dashboard, laatste pagina": meet(staf, f"{basis}?aanbesteding={ab}&p={laatste}", n=n),
        "contractmanager: dashboard per perceel": meet(
            staf, f"{basis}?aanbesteding={ab}&perceel={wereld.perceel.pk}&van=2024-04-01&tot=2026-04-15", n=n),
        "contractmanager: aanbieder met grafieken": meet(staf, f"{basis}{wereld.overeenkomst.pk}/", n=n),
        "contractmanager: export CSV": meet(staf, f"{basis}export/?aanbesteding={ab}&formaat=csv", n=max(2, n // 3)),
        "contractmanager: export XLSX": meet(staf, f"{basis}export/?aanbesteding={ab}&formaat=xlsx",
                                             n=max(2, n // 6)),
        "contractmanager: stuurinformatie": meet(staf, f"/admin/contractbeheer/stuurinformatie/?aanbesteding={ab}",
                                                 n=n),
        "aanbieder: monitoring-overzicht": meet(aanbieder, f"/mijn/verplichtingen/monitoring/"
                                                           f"{wereld.overeenkomst.pk}/", n=n),
    })


def main(aanbieders: int | None = None, klein: int = KLEIN, n: int | None = None) -> dict:
    aanbieders = aanbieders or int(os.environ.get("BENCH_MONITORING_AANBIEDERS", "500"))
    n = n or int(os.environ.get("BENCH_MONITORING_N", "30"))
    synchroniseer_staffgroepen()
    with time_machine.travel(NU, tick=True):
        kleine_wereld = bouw(klein, "mklein", 50_000_000)
        bij_klein = meten(kleine_wereld, n=max(2, n // 5))
        wereld = bouw(aanbieders, "mvol", 60_000_000)
        basis = meet_basis(Client(), n=max(n, 200))
        bij_vol = meten(wereld, n=n)

    print(f"klein: {klein} aanbieders; vol: " + ", ".join(f"{v} {k}" for k, v in wereld.aantallen.items())
          + " (24 maanden)")
    print(f"{'pagina':<44} {'queries klein':>13} {'vol':>4}  {'constant':<8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p50/vloer':>9} {'p95/vloer':>9}")
    print(f"{'vloer: /gezondheid/live/':<44} {'':>13} {basis['queries']:>4}  {'':<8} {basis['p50_ms']:8.2f} "
          f"{basis['p95_ms']:8.2f} {1:9.1f} {1:9.1f}")
    for label, r in bij_vol.items():
        k = bij_klein[label]
        gelijk = "ja" if k["queries"] == r["queries"] else "NEE"
        print(f"{label:<44} {k['queries']:>13} {r['queries']:>4}  {gelijk:<8} {r['p50_ms']:8.2f} {r['p95_ms']:8.2f} "
              f"{r['p50_ms'] / basis['p50_ms']:9.1f} {r['p95_ms'] / basis['p95_ms']:9.1f}")
    return {"klein": bij_klein, "vol": bij_vol, "basis": basis, "aantallen": wereld.aantallen}
