"""Contract management (issue 13): the contract manager's work list with 500 providers × 3 years of duties.

One region with an MLO-shaped procedure (two municipalities, the rules of 002 loaded from bronnen), 500
providers with a running agreement, and per provider per dienstjaar 2023-2025 the five verantwoordingen of the
source (product and financial per municipality, complaints and innovation): older years approved, the last one in
a spread of states (late, in herstel with a deadline this week, submitted, approved); an informatieverzoek to all
providers (answered by some), a melding from every 5th provider and an onderzoek for every 25th. All rows go in
with bulk_create.

Measured against the trivial view (``/gezondheid/live/``) of the same run, as p50/p95 and queries per request: the
three sections of the work list, its CSV and XLSX export, and the obligations page of one provider; and, as the
floor of any staff page, the rules screen with its empty form (the Wagtail admin's menu and base template alone
cost most of a staff page). Each page is
measured first on a small world (50 providers) and then on the full one: "constant" means the two query counts
are equal. Times are figures, never asserted (DEVELOPERS.md); tests/contractbeheer/test_werklijst_bench.py runs
this at a tiny scale and asserts only the equal query counts.

``BENCH_CONTRACTBEHEER_AANBIEDERS`` (default 500) and ``BENCH_CONTRACTBEHEER_N`` (requests per page, default 30)
make it smaller.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.test import Client

from aanbesteding.models import Aanbesteding, DeelnemendeGemeente, Perceel
from bench.meten import benoem, meet, meet_basis
from bronnen import contractbeheer as bron
from contractbeheer import regels, services
from contractbeheer.models import (
    Informatieverzoek,
    Melding,
    Meldingsoort,
    Onderzoek,
    Verantwoording,
    Verantwoordingseis,
    Verzoekontvanger,
)
from core.kalender import TZ
from organisaties.models import Gemeente, Lidmaatschap, Organisatie, Regio, Regiorol, Rol, User
from organisaties.rollen import CONTRACTMANAGER, synchroniseer_staffgroepen
from overeenkomst.models import Overeenkomst

GEHEIM = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NU = datetime(2026, 4, 2, 12, 0, tzinfo=TZ)  # a day after the financial verantwoording over 2025 was due
JAREN = (2023, 2024, 2025)
KLEIN = 50


@dataclass
class Wereld:
    aanbesteding: Aanbesteding
    contractmanager: User
    aanbieder: User
    aantallen: dict


def _moment(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 10, 0, tzinfo=TZ)


def _status_laatste_jaar(i: int, eis_soort: str):
    """The state of a duty over the last year for provider i: a spread over what the work list shows."""
    keuze = (i + len(eis_soort)) % 5
    if keuze == 0:
        return Verantwoording.Status.OPEN, None  # late (productverantwoording) or due
    if keuze == 1:
        return Verantwoording.Status.HERSTEL, NU.date() + timedelta(days=3)  # this week
    if keuze == 2:
        return Verantwoording.Status.INGEDIEND, None  # waits for the bureau
    if keuze == 3:
        return Verantwoording.Status.OPEN, None
    return Verantwoording.Status.GOEDGEKEURD, None


def bouw(aanbieders: int, prefix: str, kvk_basis: int) -> Wereld:
    """One region with ``aanbieders`` providers and 3 years of duties, in bulk."""
    regio = Regio.objects.create(naam=f"Regio {prefix}", slug=f"{prefix}-regio")
    bureau = Organisatie.objects.create(soort="opdrachtgever", naam=f"Bureau {prefix}", regio=regio,
                                        kvk_nummer=str(kvk_basis))
    ab = Aanbesteding.objects.create(titel=f"Jeugdhulp {prefix}", slug=f"{prefix}-jeugdhulp", regio=regio,
                                     opdrachtgever=bureau, looptijd_start=date(2020, 1, 1),
                                     looptijd_einde=date(2028, 12, 31))
    gemeenten = Gemeente.objects.bulk_create([Gemeente(naam=f"{naam} {prefix}", regio=regio)
                                              for naam in ("Venlo", "Horst aan de Maas")])
    DeelnemendeGemeente.objects.bulk_create([DeelnemendeGemeente(aanbesteding=ab, gemeente=g, domein="jeugd")
                                             for g in gemeenten])
    services.regels_laden(aanbesteding=ab, bron=bron.MLO)
    eisen = list(Verantwoordingseis.objects.filter(aanbesteding=ab))
    soort = Meldingsoort.objects.get(aanbesteding=ab, code="calamiteit")

    orgs = Organisatie.objects.bulk_create([
        Organisatie(naam=f"Aanbieder {prefix} {i:04d} B.V.", kvk_nummer=str(kvk_basis + 1 + i), plaats="Venlo")
        for i in range(aanbieders)
    ])
    ovks = Overeenkomst.objects.bulk_create([
        Overeenkomst(aanbesteding=ab, organisatie=o, startdatum=date(2022, 1, 1)) for o in orgs
    ])
    plichten = []
    for i, ov in enumerate(ovks):
        for jaar in JAREN:
            for eis in eisen:
                for gemeente in (gemeenten if eis.per_gemeente else [None]):
                    status, herstel = ((Verantwoording.Status.GOEDGEKEURD, None) if jaar != JAREN[-1]
                                       else _status_laatste_jaar(i, eis.soort))
                    plichten.append(Verantwoording(
                        overeenkomst=ov, eis=eis, jaar=jaar, gemeente=gemeente, status=status,
                        uiterlijk=regels.verantwoording_uiterlijk(jaar, eis.voor_dag, eis.voor_maand),
                        herstel_uiterlijk=herstel, status_sinds=_moment(date(2026, 3, 1 + i % 28)),
                    ))
    Verantwoording.objects.bulk_create(plichten, batch_size=2000)
    # To the perceel of the agreements (002 UOK 5.1: a request goes to one agreement or to a perceel).
    verzoek = Informatieverzoek.objects.create(
        aanbesteding=ab, perceel=Perceel.objects.create(aanbesteding=ab, code="1", naam="Ambulant"),
        onderwerp="Wachttijden per product", vraag="Wat zijn uw wachttijden?",
        status=Informatieverzoek.Status.VERZONDEN, verzonden_op=_moment(date(2026, 3, 20)),
        uiterlijk=regels.informatieverzoek_uiterlijk(date(2026, 3, 20), 10),
    )
    Verzoekontvanger.objects.bulk_create([
        Verzoekontvanger(verzoek=verzoek, overeenkomst=ov, uiterlijk=verzoek.uiterlijk,
                         status="beantwoord" if i % 3 == 0 else "open",
                         beantwoord_op=_moment(date(2026, 3, 25)) if i % 3 == 0 else None)
        for i, ov in enumerate(ovks)
    ], batch_size=2000)
    Melding.objects.bulk_create([
        Melding(overeenkomst=ov, soort=soort, gebeurd_op=_moment(date(2026, 3, 20)),
                ontvangen_op=_moment(date(2026, 3, 21)), uiterlijk=_moment(date(2026, 3, 24)),
                samenvatting=f"Incident {i}", omschrijving="Geen cliëntgegevens.")
        for i, ov in enumerate(ovks) if i % 5 == 0
    ], batch_size=2000)
    Onderzoek.objects.bulk_create([
        Onderzoek(overeenkomst=ov, signaal="Signaal over de continuïteit.", signaal_gemeld_op=date(2026, 3, 25),
                  reactie_uiterlijk=regels.onderzoek_reactie_uiterlijk(date(2026, 3, 25), 14))
        for i, ov in enumerate(ovks) if i % 25 == 0
    ], batch_size=2000)

    cm = User.objects.create_user(f"cm@{prefix}.example", "wachtwoord-lang-genoeg")
    cm.groups.add(Group.objects.get(name=CONTRACTMANAGER))
    Regiorol.objects.create(user=cm, regio=regio, rol=CONTRACTMANAGER)
    TOTP.activate(cm, GEHEIM)
    lid = User.objects.create_user(f"lid@{prefix}.example", "wachtwoord-lang-genoeg")
    Lidmaatschap.objects.create(user=lid, organisatie=orgs[0], rol=Rol.BEHEERDER)
    return Wereld(ab, cm, lid, {"aanbieders": aanbieders, "verantwoordingen": len(plichten),
                                "informatieverzoeken": len(ovks), "meldingen": (aanbieders + 4) // 5,
                                "onderzoeken": (aanbieders + 24) // 25})


def meten(wereld: Wereld, n: int) -> dict[str, dict]:
    staf, aanbieder = Client(), Client()
    staf.force_login(wereld.contractmanager)
    aanbieder.force_login(wereld.aanbieder)
    lijst = "/admin/contractbeheer/"
    return benoem({
        # The floor of a staff page: a Wagtail admin screen with only an empty form (menu, base template).
        "contractmanager: beheervloer (regels laden)": meet(staf, f"{lijst}regels-laden/", n=n),
        "contractmanager: deze week te doen": meet(staf, f"{lijst}?sectie=deze_week", n=n),
        "contractmanager: te laat": meet(staf, f"{lijst}?sectie=te_laat", n=n),
        "contractmanager: te laat, pagina 10": meet(staf, f"{lijst}?sectie=te_laat&pagina=10", n=n),
        "contractmanager: wacht op beoordeling": meet(staf, f"{lijst}?sectie=beoordeling", n=n),
        "contractmanager: per procedure": meet(staf, f"{lijst}?sectie=te_laat&aanbesteding={wereld.aanbesteding.pk}",
                                               n=n),
        "contractmanager: export CSV": meet(staf, f"{lijst}export/?formaat=csv", n=max(2, n // 3)),
        "contractmanager: export XLSX": meet(staf, f"{lijst}export/?formaat=xlsx", n=max(2, n // 6)),
        "aanbieder: verplichtingen": meet(aanbieder, "/mijn/verplichtingen/", n=n),
    })


def main(aanbieders: int | None = None, klein: int = KLEIN, n: int | None = None) -> dict:
    aanbieders = aanbieders or int(os.environ.get("BENCH_CONTRACTBEHEER_AANBIEDERS", "500"))
    n = n or int(os.environ.get("BENCH_CONTRACTBEHEER_N", "30"))
    synchroniseer_staffgroepen()
    with time_machine.travel(NU, tick=True):
        kleine_wereld = bouw(klein, "klein", 30_000_000)
        bij_klein = meten(kleine_wereld, n=max(2, n // 5))
        wereld = bouw(aanbieders, "vol", 40_000_000)
        basis = meet_basis(Client(), n=max(n, 200))
        bij_vol = meten(wereld, n=n)

    print(f"klein: {klein} aanbieders; vol: " + ", ".join(f"{v} {k}" for k, v in wereld.aantallen.items())
          + f" ({len(JAREN)} dienstjaren)")
    print(f"{'pagina':<42} {'queries klein':>13} {'vol':>4}  {'constant':<8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p50/vloer':>9} {'p95/vloer':>9}")
    print(f"{'vloer: /gezondheid/live/':<42} {'':>13} {basis['queries']:>4}  {'':<8} {basis['p50_ms']:8.2f} "
          f"{basis['p95_ms']:8.2f} {1:9.1f} {1:9.1f}")
    for label, r in bij_vol.items():
        k = bij_klein[label]
        gelijk = "ja" if k["queries"] == r["queries"] else "NEE"
        print(f"{label:<42} {k['queries']:>13} {r['queries']:>4}  {gelijk:<8} {r['p50_ms']:8.2f} {r['p95_ms']:8.2f} "
              f"{r['p50_ms'] / basis['p50_ms']:9.1f} {r['p95_ms'] / basis['p95_ms']:9.1f}")
    return {"klein": bij_klein, "vol": bij_vol, "basis": basis, "aantallen": wereld.aantallen}
