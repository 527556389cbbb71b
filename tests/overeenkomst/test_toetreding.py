"""Definitieve toelating → overeenkomst (issue 5 → 6), idempotent, with inherited addenda and announcement."""

from datetime import date

import pytest
import time_machine

from overeenkomst import services
from overeenkomst.models import AddendumReactie, Deelname, Mededeling, Overeenkomst, Toetreding
from overeenkomst.selectors import register_van
from overeenkomst.services._gemeen import _deelnames_beeindigen

from .helpers import gepubliceerd_addendum


def test_toelating_maakt_overeenkomst_met_deelname_per_perceel(gooi, aanbieder):
    ab, bhl, dag = gooi
    ovk = services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2026, 3, 1))
    assert ovk.status == Overeenkomst.Status.ACTIEF and ovk.startdatum == date(2026, 3, 1)
    assert sorted(ovk.deelnames.values_list("perceel__code", "status")) == [("5.10", "actief"), ("5.4", "actief")]


def test_toelating_is_idempotent(gooi, aanbieder):
    ab, bhl, dag = gooi
    for _ in range(2):
        services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1))
    assert Overeenkomst.objects.count() == 1 and Deelname.objects.count() == 1
    assert Mededeling.objects.filter(soort=Mededeling.Soort.TOETREDING).count() == 1


def test_later_extra_perceel_voegt_deelname_toe(gooi, aanbieder):
    ab, bhl, dag = gooi
    services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1))
    ovk = services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2026, 9, 1))
    assert dict(ovk.deelnames.values_list("perceel__code", "startdatum")) == {"5.10": date(2026, 3, 1), "5.4": date(2026, 9, 1)}


def test_toetreder_erft_eerder_gepubliceerde_addenda(gooi, aanbieder, inkoper, contractmanager):
    # 002 UOK 7.1: the joiner concludes the agreement "including all annexes and agreements made earlier".
    ab, bhl, dag = gooi
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
    with time_machine.travel(date(2026, 2, 1)):
        ovk = services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1))
    reactie = AddendumReactie.objects.get(overeenkomst=ovk, addendum=addendum)
    assert reactie.status == AddendumReactie.Status.OVERGENOMEN


def test_toetreding_wordt_publiek_aangekondigd(gooi, aanbieder):
    ab, bhl, _ = gooi
    services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1))
    mededeling = Mededeling.objects.get(aanbesteding=ab)
    assert mededeling.titel == f"Nieuwe aanbieder toegetreden: {aanbieder.naam}"
    assert "5.10" in mededeling.tekst


def test_toetreder_staat_meteen_in_het_register(gooi, aanbieder):
    ab, bhl, _ = gooi
    services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1))
    [regel] = register_van(ab)
    assert (regel.naam, regel.totaalstatus, regel.startdatum) == (aanbieder.naam, "actief", date(2026, 3, 1))
    assert regel.productcodes == ["43B03"]


def test_perceel_van_andere_aanbesteding_geweigerd(gooi, mlo, aanbieder):
    from django.core.exceptions import ValidationError

    ab, _, _ = gooi
    _, mlo_perceel = mlo
    with pytest.raises(ValidationError):
        services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[mlo_perceel], startdatum=date(2026, 3, 1))


def test_signaal_van_toetsing_maakt_overeenkomst(gooi, aanbieder):
    from toetsing.signals import definitief_toegelaten

    ab, bhl, _ = gooi
    definitief_toegelaten.send(sender=None, besluit=None, organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1))
    assert Overeenkomst.objects.filter(organisatie=aanbieder, aanbesteding=ab).exists()


def test_zelfde_bron_nooit_opnieuw_verwerkt_ook_na_uittreding(gooi, aanbieder):
    # The catch-up must not revive a deelname that ended after the hand-over.
    ab, bhl, _ = gooi
    bron = aanbieder  # any saved model instance stands in for toetsing's Besluit
    ovk = services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1), bron=bron)
    _deelnames_beeindigen(list(ovk.deelnames.all()), date(2026, 6, 30), "test")
    services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1), bron=bron)
    assert Toetreding.objects.count() == 1
    assert list(ovk.deelnames.values_list("status", flat=True)) == ["beeindigd"]
