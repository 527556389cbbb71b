"""SROI pages with a full procedure: 200 providers, each with turnover, 20 activities and its reports.

Measures the SROI-adviseur's dashboard (and its CSV export) and the provider's pages against the trivial view.
"""

from datetime import date
from decimal import Decimal as D

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.test import Client

from bench.meten import druk_af, meet, meet_basis
from organisaties.models import Lidmaatschap, Organisatie, Regio, Regiorol, Rol, User
from organisaties.rollen import SROI_ADVISEUR, synchroniseer_staffgroepen
from overeenkomst.models import Overeenkomst
from sroi import bron, services
from sroi.models import Doelgroep, SroiActiviteit, SroiOmzet, Waarderingsregel

AANBIEDERS = 200
ACTIVITEITEN = 20


def _data():
    from aanbesteding.models import Aanbesteding

    regio = Regio.objects.create(naam="Midden-Limburg Oost", slug="mlo-bench")
    og = Organisatie.objects.create(soort="opdrachtgever", naam="Bureau MLO", regio=regio, kvk_nummer="90000001")
    mlo = Aanbesteding.objects.create(titel="Gespecialiseerde Jeugdhulp MLO", slug="mlo-bench", regio=regio,
                                      opdrachtgever=og, looptijd_start=date(2020, 1, 1), looptijd_einde=date(2030, 12, 31))
    services.regime_laden(aanbesteding=mlo, bron=bron.laaddata("mlo", geldig_vanaf=date(2020, 1, 1)))
    regels = list(Waarderingsregel.objects.filter(tabel__aanbesteding=mlo, methode__in=["per_stuk", "factuurwaarde"]))
    doelgroepen = list(Doelgroep.objects.filter(aanbesteding=mlo))
    orgs = Organisatie.objects.bulk_create([
        Organisatie(naam=f"Aanbieder {i:03d} B.V.", kvk_nummer=f"{20000000 + i}", plaats="Roermond") for i in range(AANBIEDERS)
    ])
    ovks = Overeenkomst.objects.bulk_create([
        Overeenkomst(aanbesteding=mlo, organisatie=o, startdatum=date(2020, 1, 1)) for o in orgs
    ])
    SroiOmzet.objects.bulk_create([
        SroiOmzet(overeenkomst=o, jaar=j, omzet=D(200000 + 5000 * i)) for i, o in enumerate(ovks) for j in range(2019, 2027)
    ])
    SroiActiviteit.objects.bulk_create([
        SroiActiviteit(overeenkomst=o, regel=regels[k % len(regels)], doelgroep=doelgroepen[k % len(doelgroepen)],
                       omschrijving=f"Activiteit {k}", startdatum=date(2025, 1 + k % 12, 1), jaar=2025,
                       aantal=D(1), bedrag=D(500), waarde=D(500) if regels[k % len(regels)].methode == "factuurwaarde" else regels[k % len(regels)].bedrag,
                       persoon_referentie=f"K-2025-{k:03d}")
        for o in ovks for k in range(ACTIVITEITEN)
    ])
    for o in ovks:
        services.rapportages_bijwerken(o, vandaag=date(2025, 12, 1))
    synchroniseer_staffgroepen()
    adviseur = User.objects.create_user("sroi@bench.example", "wachtwoord-lang-genoeg")
    adviseur.groups.add(Group.objects.get(name=SROI_ADVISEUR))
    Regiorol.objects.create(user=adviseur, regio=None, rol=SROI_ADVISEUR)  # staff of a one-bureau portal
    TOTP.activate(adviseur, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    lid = User.objects.create_user("lid@bench.example", "wachtwoord-lang-genoeg")
    Lidmaatschap.objects.create(user=lid, organisatie=orgs[0], rol=Rol.BEHEERDER)
    return mlo, ovks[0], adviseur, lid


def main():
    mlo, ovk, adviseur, lid = _data()
    staf = Client()
    staf.force_login(adviseur)
    aanbieder = Client()
    aanbieder.force_login(lid)
    basis = meet_basis(aanbieder)
    resultaten = [
        meet(staf, f"/admin/sroi/?aanbesteding={mlo.pk}&jaar=2025", n=20),
        meet(staf, f"/admin/sroi/?aanbesteding={mlo.pk}&jaar=2025&formaat=csv", n=20),
        meet(staf, f"/admin/sroi/?aanbesteding={mlo.pk}&jaar=2025&formaat=xlsx", n=10),
        meet(staf, "/admin/sroi/activiteiten/", n=20),
        meet(aanbieder, "/mijn/sroi/", n=50),
        meet(aanbieder, f"/mijn/sroi/overeenkomst/{ovk.pk}/?jaar=2025", n=50),
    ]
    print(f"{AANBIEDERS} aanbieders x {ACTIVITEITEN} activiteiten, omzet 2019-2026")
    druk_af([basis, *resultaten], basis=basis)
