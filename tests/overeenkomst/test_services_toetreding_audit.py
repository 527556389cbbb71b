"""overeenkomst_uit_toelating: who may call it, what it refuses, and the audit entry and announcement it leaves
(002 UOK 7.1: the joiner is bound by everything published before; UOK 7.2: the new provider is announced)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from overeenkomst import services
from overeenkomst.models import Mededeling, Overeenkomst
from tests.factories import OpdrachtgeverFactory

from ._hulp import auditregels, contracteer, een_auditregel


def test_toetreding_auditregel_van_het_systeem(gooi, aanbieder):
    ab, bhl, dag = gooi
    ovk = contracteer(ab, aanbieder, [dag, bhl], date(2026, 3, 1))
    regel = een_auditregel("overeenkomst.toetreding", ovk)
    assert (regel.actor, regel.actor_weergave) == (None, "systeem")
    assert sorted(regel.nieuwe_waarden["percelen"]) == ["5.10", "5.4"] and regel.nieuwe_waarden["startdatum"] == "2026-03-01"


def test_contractmanager_mag_handmatig_toelaten(gooi, aanbieder, contractmanager):
    ab, bhl, _ = gooi
    ovk = services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1),
                                              door=contractmanager)
    assert een_auditregel("overeenkomst.toetreding", ovk).actor == contractmanager


@pytest.mark.parametrize("persona", ["aanbieder_beheerder", "beoordelaar"])
def test_geen_contractbeheer_mag_niet_toelaten(gooi, aanbieder, request, persona):
    ab, bhl, _ = gooi
    with pytest.raises(PermissionDenied):
        services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1),
                                            door=request.getfixturevalue(persona))
    assert not Overeenkomst.objects.exists()
    assert auditregels("overeenkomst.toetreding") == []


def test_opdrachtgever_krijgt_geen_overeenkomst(gooi):
    ab, bhl, _ = gooi
    with pytest.raises(ValidationError):
        contracteer(ab, OpdrachtgeverFactory(), [bhl])
    assert not Overeenkomst.objects.exists()


def test_tweede_perceel_later_eigen_mededeling_en_auditregel(gooi, aanbieder):
    ab, bhl, dag = gooi
    contracteer(ab, aanbieder, [bhl], date(2026, 3, 1))
    ovk = contracteer(ab, aanbieder, [bhl, dag], date(2026, 9, 1))
    assert [r.nieuwe_waarden["percelen"] for r in auditregels("overeenkomst.toetreding", ovk)] == [["5.10"], ["5.4"]]
    titels = set(Mededeling.objects.filter(soort=Mededeling.Soort.TOETREDING).values_list("titel", flat=True))
    assert titels == {f"Nieuwe aanbieder toegetreden: {aanbieder.naam}", f"{aanbieder.naam} toegetreden tot perceel 5.4"}


def test_niets_nieuws_geen_auditregel(gooi, aanbieder):
    ab, bhl, _ = gooi
    contracteer(ab, aanbieder, [bhl], date(2026, 3, 1))
    contracteer(ab, aanbieder, [bhl], date(2026, 9, 1))
    assert len(auditregels("overeenkomst.toetreding")) == 1


@pytest.mark.django_db
def test_toetreding_tot_twintig_percelen_past_in_de_kolommen():
    """A key of 'toetreding:<id>:' plus twenty perceel ids overflowed varchar(100) on PostgreSQL (SQLite does not
    enforce lengths): the key falls back to a digest, and it stays idempotent."""
    from overeenkomst.models import Mededeling
    from overeenkomst.services.toetreding import _mededelingsleutel

    class D:
        def __init__(self, pk):
            self.perceel_id = pk

    class Ovk:
        pk = 7

    veel = [D(100000 + i) for i in range(20)]
    sleutel = _mededelingsleutel(Ovk(), veel)
    assert len(sleutel) <= Mededeling._meta.get_field("sleutel").max_length
    assert sleutel == _mededelingsleutel(Ovk(), veel)
    assert sleutel != _mededelingsleutel(Ovk(), veel[:19])
    assert _mededelingsleutel(Ovk(), veel[:2]) == "toetreding:7:100000-100001"
