"""Decisions per perceel: admission, rejection with reasons and exclusion date, waiting list, lottery."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from aanbesteding.models import Perceel
from inschrijving.models import Inschrijving, InschrijvingPerceel
from toetsing import loting, services
from toetsing.models import BesluitPerceel, Loting, Oordeel

from .factories import TZ


def _uitkomsten(besluit):
    return {bp.perceel.code: bp.uitkomst for bp in besluit.percelen.select_related("perceel")}


def test_toelating_op_het_ene_perceel_afwijzing_op_het_andere(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(percelen=("ambulant", "mst")), {"S6G1": Oordeel.VOLDOET_NIET})
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert _uitkomsten(besluit) == {"5.1": BesluitPerceel.Uitkomst.VOORLOPIG, "5.6": BesluitPerceel.Uitkomst.AFGEWEZEN}
    mst = besluit.percelen.get(perceel__code="5.6")
    assert [r["code"] for r in mst.redenen] == ["S6G1"]
    assert mst.redenen[0]["motivering"] == "Consensus: S6G1 voldoet_niet"
    assert InschrijvingPerceel.objects.get(inschrijving=i, perceel__code="5.1").toegelaten is True
    assert InschrijvingPerceel.objects.get(inschrijving=i, perceel__code="5.6").toegelaten is False
    # Partly admitted: no exclusion (003a §3.3 excludes the rejected and not waitlisted).
    assert besluit.uitgesloten_tot is None
    i.refresh_from_db()
    assert i.status == Inschrijving.Status.BESLOTEN


def test_afwijzing_op_uitsluitingsgrond_geldt_voor_alle_percelen(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(percelen=("ambulant", "mst")), {"U1": Oordeel.VOLDOET_NIET})
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert set(_uitkomsten(besluit).values()) == {BesluitPerceel.Uitkomst.AFGEWEZEN}


@time_machine.travel(datetime(2026, 3, 2, 11, 0, tzinfo=TZ), tick=False)
def test_uitsluitingsdatum_zes_maanden_na_het_besluit(maak_inschrijving, volledig_beoordeeld, inkoper):
    i = volledig_beoordeeld(maak_inschrijving(), {"G2": (Oordeel.VOLDOET_NIET, "4")})
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert besluit.uitgesloten_tot == date(2026, 9, 2)
    i.refresh_from_db()
    assert i.uitgesloten_tot == date(2026, 9, 2)


@time_machine.travel(datetime(2026, 8, 31, 11, 0, tzinfo=TZ), tick=False)
def test_uitsluiting_configureerbaar_en_maandeinde(maak_inschrijving, volledig_beoordeeld, procedure, inkoper):
    services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], uitsluiting_maanden=12, door=inkoper)
    i = volledig_beoordeeld(maak_inschrijving(), {"X1": Oordeel.VOLDOET_NIET})
    assert services.besluit_nemen(inschrijving=i, door=inkoper).uitgesloten_tot == date(2027, 8, 31)


def test_wachtlijst_als_perceel_gesloten_is(maak_inschrijving, volledig_beoordeeld, procedure, inkoper):
    Perceel.objects.filter(pk=procedure["ambulant"].pk).update(toetreding=Perceel.Toetreding.GESLOTEN)
    i = volledig_beoordeeld(maak_inschrijving())
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    assert _uitkomsten(besluit) == {"5.1": BesluitPerceel.Uitkomst.WACHTLIJST}
    assert besluit.uitgesloten_tot is None


def test_besluit_pas_na_consensus(maak_inschrijving, commissie, inkoper):
    with pytest.raises(ValidationError, match="consensus"):
        services.besluit_nemen(inschrijving=maak_inschrijving(), door=inkoper)


def test_quotum_vol_betekent_wachtlijst(maak_inschrijving, volledig_beoordeeld, inkoper):
    eerste = volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    assert _uitkomsten(services.besluit_nemen(inschrijving=eerste, door=inkoper)) == {"5.6": BesluitPerceel.Uitkomst.VOORLOPIG}
    tweede = volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    assert _uitkomsten(services.besluit_nemen(inschrijving=tweede, door=inkoper)) == {"5.6": BesluitPerceel.Uitkomst.WACHTLIJST}


def test_meer_gekwalificeerden_dan_plaatsen_vraagt_loting(maak_inschrijving, volledig_beoordeeld, inkoper):
    a = volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    with pytest.raises(ValidationError, match="loting"):
        services.besluit_nemen(inschrijving=a, door=inkoper)


def test_loting_bepaalt_toelating_en_wachtlijst(maak_inschrijving, volledig_beoordeeld, procedure, inkoper):
    kandidaten = [volledig_beoordeeld(maak_inschrijving(percelen=("mst",))) for _ in range(3)]
    # One that failed the MST eis does not take part.
    afgevallen = volledig_beoordeeld(maak_inschrijving(percelen=("mst",)), {"S6G1": Oordeel.VOLDOET_NIET})
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="gooi-mst-2026")
    assert sorted(trekking.deelnemer_ids) == sorted(k.pk for k in kandidaten)
    assert afgevallen.pk not in trekking.deelnemer_ids
    assert trekking.plaatsen == 1 and len(trekking.winnaars) == 1
    uitkomsten = {k.pk: _uitkomsten(services.besluit_nemen(inschrijving=k, door=inkoper))["5.6"] for k in kandidaten}
    assert uitkomsten[trekking.winnaars[0]] == BesluitPerceel.Uitkomst.VOORLOPIG
    assert sorted(uitkomsten.values()) == sorted([BesluitPerceel.Uitkomst.VOORLOPIG] + [BesluitPerceel.Uitkomst.WACHTLIJST] * 2)


def test_loting_is_reproduceerbaar_uit_seed_en_deelnemers(maak_inschrijving, volledig_beoordeeld, procedure, inkoper):
    for _ in range(4):
        volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper)
    opgeslagen = Loting.objects.get(pk=trekking.pk)
    assert len(opgeslagen.seed) == 32
    assert loting.controleer(opgeslagen)
    # The database order of the participants does not matter: the stable key orders them.
    assert loting.trek(opgeslagen.seed, list(reversed(opgeslagen.deelnemers)), 1) == opgeslagen.winnaars
    # Another seed gives (for these participants) a recorded, different but equally reproducible draw.
    uitslagen = {tuple(loting.trek(f"seed-{n}", opgeslagen.deelnemers, 1)) for n in range(20)}
    assert len(uitslagen) > 1


def test_loting_vaste_uitslag_voor_bekende_seed():
    deelnemers = [{"inschrijving": 11, "kvk": "30123456"}, {"inschrijving": 12, "kvk": "10123456"},
                  {"inschrijving": 13, "kvk": "20123456"}]
    # random.Random("gooi-mst-2026").shuffle([12, 13, 11]) — recomputed by hand in the Python shell.
    import random

    verwacht = [12, 13, 11]
    random.Random("gooi-mst-2026").shuffle(verwacht)
    assert loting.trek("gooi-mst-2026", deelnemers, 3) == verwacht
    assert loting.trek("gooi-mst-2026", deelnemers, 1) == verwacht[:1]


def test_loting_niet_nodig_als_er_plaats_genoeg_is(maak_inschrijving, volledig_beoordeeld, procedure, inkoper):
    volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    with pytest.raises(ValidationError, match="Geen loting nodig"):
        services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper)


def test_loting_wordt_geaudit(maak_inschrijving, volledig_beoordeeld, procedure, inkoper):
    from core.models import AuditRegel

    for _ in range(2):
        volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="abc")
    regel = AuditRegel.objects.voor_object(trekking).get(actie="toetsing.loting")
    assert regel.nieuwe_waarden["seed"] == "abc"
    assert regel.nieuwe_waarden["ingeloot"] == trekking.winnaars


def test_ingelote_plaats_blijft_gereserveerd_voor_latere_inschrijver(maak_inschrijving, volledig_beoordeeld, procedure, inkoper):
    a, b = (volledig_beoordeeld(maak_inschrijving(percelen=("mst",))) for _ in range(2))
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="gooi-mst-2026")
    # A third provider qualifies after the lottery, before the winner's decision: the place is taken.
    laat = volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    assert _uitkomsten(services.besluit_nemen(inschrijving=laat, door=inkoper)) == {"5.6": BesluitPerceel.Uitkomst.WACHTLIJST}
    winnaar = a if a.pk in trekking.winnaars else b
    assert _uitkomsten(services.besluit_nemen(inschrijving=winnaar, door=inkoper)) == {"5.6": BesluitPerceel.Uitkomst.VOORLOPIG}
