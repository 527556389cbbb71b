"""The lottery for a quota perceel (003a §4: MST at most 1 provider; a lottery decides, the others go on the
waiting list). Reproducible from its stored seed: participants in a fixed order (KvK number, then inschrijving
id), ``random.Random(seed)`` shuffles them (ADR 0005 §3)."""

import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Perceel
from inschrijving.models import InschrijvingPerceel
from tests.factories import OrganisatieFactory
from toetsing import loting, services
from toetsing.models import BesluitPerceel, Loting, Oordeel

from ._hulp import een_regel


def _verwachte_winnaars(seed, deelnemers_in_kvk_volgorde, plaatsen):
    """The rule written out independently: shuffle the ids in KvK order with Random(seed), take the first."""
    ids = [i.pk for i in deelnemers_in_kvk_volgorde]
    random.Random(seed).shuffle(ids)
    return ids[:plaatsen]


@pytest.fixture
def drie_kandidaten(maak_inschrijving, volledig_beoordeeld):
    """Created in the reverse of their KvK order, so database order and KvK order differ."""
    kvks = ["39000003", "29000002", "19000001"]
    return [
        volledig_beoordeeld(maak_inschrijving(organisatie=OrganisatieFactory(kvk_nummer=kvk), percelen=("mst",)))
        for kvk in kvks
    ]


# --- the pure functions ------------------------------------------------------------------------------------


def test_vaste_volgorde_op_kvk_dan_inschrijving():
    deelnemers = [{"inschrijving": 9, "kvk": "20000000"}, {"inschrijving": 7, "kvk": "10000000"},
                  {"inschrijving": 3, "kvk": "20000000"}]
    assert [d["inschrijving"] for d in loting.vaste_volgorde(deelnemers)] == [7, 3, 9]


def test_trek_hangt_niet_af_van_de_aangeleverde_volgorde():
    deelnemers = [{"inschrijving": n, "kvk": f"{90000000 - n:08d}"} for n in range(1, 8)]
    vooruit = loting.trek("regio-gooi", deelnemers, 3)
    assert loting.trek("regio-gooi", list(reversed(deelnemers)), 3) == vooruit
    assert loting.trek("regio-gooi", sorted(deelnemers, key=lambda d: d["inschrijving"]), 3) == vooruit
    assert len(set(vooruit)) == 3


def test_trek_met_meer_plaatsen_dan_deelnemers_en_nul_plaatsen():
    deelnemers = [{"inschrijving": 1, "kvk": "1"}, {"inschrijving": 2, "kvk": "2"}]
    assert sorted(loting.trek("s", deelnemers, 5)) == [1, 2]
    assert loting.trek("s", deelnemers, 0) == []


def test_nieuwe_seed_is_onvoorspelbaar():
    assert len({loting.nieuwe_seed() for _ in range(20)}) == 20


# --- loting_uitvoeren ------------------------------------------------------------------------------------------


def test_loting_volgt_de_regel_uit_de_bron(drie_kandidaten, procedure, inkoper):
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="MST-2026-ronde-1")
    in_kvk_volgorde = list(reversed(drie_kandidaten))
    assert trekking.deelnemer_ids == [i.pk for i in in_kvk_volgorde]
    assert [d["kvk"] for d in trekking.deelnemers] == ["19000001", "29000002", "39000003"]
    assert trekking.plaatsen == 1
    assert trekking.winnaars == _verwachte_winnaars("MST-2026-ronde-1", in_kvk_volgorde, 1)


def test_zelfde_seed_zelfde_winnaars_en_controleerbaar(drie_kandidaten, procedure, inkoper):
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="herhaalbaar")
    opgeslagen = Loting.objects.get(pk=trekking.pk)
    assert loting.trek(opgeslagen.seed, opgeslagen.deelnemers, opgeslagen.plaatsen) == opgeslagen.winnaars
    assert loting.controleer(opgeslagen)
    # A tampered result no longer follows from the seed.
    verliezer = next(pk for pk in opgeslagen.deelnemer_ids if pk not in opgeslagen.winnaars)
    opgeslagen.winnaars = [verliezer]
    assert not loting.controleer(opgeslagen)


def test_loting_wordt_geaudit_met_seed_deelnemers_en_uitslag(drie_kandidaten, procedure, inkoper):
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="audit-seed")
    regel = een_regel(trekking, "toetsing.loting")
    assert regel.actor == inkoper
    assert regel.nieuwe_waarden == {
        "perceel": "5.6", "seed": "audit-seed", "plaatsen": 1,
        "deelnemers": [i.pk for i in reversed(drie_kandidaten)], "ingeloot": trekking.winnaars,
    }


def test_zonder_seed_wordt_er_een_vastgelegd(drie_kandidaten, procedure, inkoper):
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper)
    assert len(trekking.seed) == 32
    assert loting.controleer(trekking)


def test_loting_is_voor_de_inkoper(drie_kandidaten, procedure, beoordelaar):
    with pytest.raises(PermissionDenied):
        services.loting_uitvoeren(perceel=procedure["mst"], door=beoordelaar, seed="x")
    assert not Loting.objects.exists()


def test_geen_loting_op_perceel_zonder_maximum(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    for _ in range(2):
        volledig_beoordeeld(maak_inschrijving())
    with pytest.raises(ValidationError):
        services.loting_uitvoeren(perceel=procedure["ambulant"], door=inkoper)
    assert not Loting.objects.exists()


def test_geen_loting_op_een_vol_perceel(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    eerste = volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    services.besluit_nemen(inschrijving=eerste, door=inkoper)
    for _ in range(2):
        volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    with pytest.raises(ValidationError):
        services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper)
    assert not Loting.objects.exists()


def test_plaatsen_zijn_het_quotum_min_de_toegelatenen(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    Perceel.objects.filter(pk=procedure["mst"].pk).update(quotum=2)
    eerste = volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    services.besluit_nemen(inschrijving=eerste, door=inkoper)
    kandidaten = [volledig_beoordeeld(maak_inschrijving(percelen=("mst",))) for _ in range(3)]
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="twee-plaatsen")
    assert trekking.plaatsen == 1
    assert sorted(trekking.deelnemer_ids) == sorted(k.pk for k in kandidaten)


def test_alleen_gekwalificeerden_zonder_besluit_doen_mee(procedure, maak_inschrijving, volledig_beoordeeld, inkoper,
                                                         commissie):
    a, b = (volledig_beoordeeld(maak_inschrijving(percelen=("mst",))) for _ in range(2))
    volledig_beoordeeld(maak_inschrijving(percelen=("mst",)), {"S6G1": Oordeel.VOLDOET_NIET})   # knock-out on MST
    volledig_beoordeeld(maak_inschrijving(percelen=("mst",)), {"U1": Oordeel.VOLDOET_NIET})     # knock-out overall
    maak_inschrijving(percelen=("mst",))                                                        # not assessed yet
    wacht = volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    InschrijvingPerceel.objects.filter(inschrijving=wacht).update(op_wachtlijst=True)          # chose the waiting list
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="alleen-gekwalificeerd")
    assert sorted(trekking.deelnemer_ids) == sorted([a.pk, b.pk])


def test_besluiten_na_de_loting_verwijzen_ernaar(drie_kandidaten, procedure, inkoper):
    trekking = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="MST-2026-ronde-1")
    uitkomsten = {}
    for kandidaat in drie_kandidaten:
        [bp] = services.besluit_nemen(inschrijving=kandidaat, door=inkoper).percelen.all()
        assert bp.loting == trekking
        uitkomsten[kandidaat.pk] = bp.uitkomst
    verwacht = _verwachte_winnaars("MST-2026-ronde-1", list(reversed(drie_kandidaten)), 1)
    assert [pk for pk, u in uitkomsten.items() if u == BesluitPerceel.Uitkomst.VOORLOPIG] == verwacht
    assert sorted(uitkomsten.values()).count(BesluitPerceel.Uitkomst.WACHTLIJST) == 2
    # The waiting list is not a rejection: no exclusion for the losers.
    for kandidaat in drie_kandidaten:
        kandidaat.refresh_from_db()
        assert kandidaat.uitgesloten_tot is None


def test_besluit_zonder_loting_bij_te_veel_gekwalificeerden_slaat_niets_op(drie_kandidaten, inkoper):
    with pytest.raises(ValidationError):
        services.besluit_nemen(inschrijving=drie_kandidaten[0], door=inkoper)
    assert not BesluitPerceel.objects.exists()


def test_tweede_loting_trekt_de_eerste_niet_opnieuw(procedure, maak_inschrijving, volledig_beoordeeld, inkoper):
    a, b = (volledig_beoordeeld(maak_inschrijving(percelen=("mst",))) for _ in range(2))
    eerste = services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="ronde-1")
    for _ in range(2):
        volledig_beoordeeld(maak_inschrijving(percelen=("mst",)))
    # The winner of the first draw keeps the only place: nothing is left to draw for.
    with pytest.raises(ValidationError):
        services.loting_uitvoeren(perceel=procedure["mst"], door=inkoper, seed="ronde-2")
    winnaar = a if a.pk in eerste.winnaars else b
    [bp] = services.besluit_nemen(inschrijving=winnaar, door=inkoper).percelen.all()
    assert bp.uitkomst == BesluitPerceel.Uitkomst.VOORLOPIG
