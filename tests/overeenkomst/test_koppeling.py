"""The hand-over from toetsing: the receiver of definitief_toegelaten and the daily catch-up."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from inschrijving.models import Inschrijving, Lid
from overeenkomst import tasks
from overeenkomst.models import Onderaannemer, Overeenkomst, Toetreding

TZ = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def definitief_besluit(gooi, aanbieder):
    from toetsing.models import Besluit, BesluitPerceel

    ab, bhl, dag = gooi
    inschrijving = Inschrijving.objects.create(
        aanbesteding=ab, organisatie=aanbieder, status=Inschrijving.Status.BESLOTEN,
        ingediend_op=datetime(2026, 1, 15, 9, 30, tzinfo=TZ),
    )
    lid = Lid.objects.create(inschrijving=inschrijving, rol=Lid.Rol.ONDERAANNEMER, naam="Praktijk Vos", kvk_nummer="87654321", plaats="Bussum")
    lid.percelen.set([bhl])
    besluit = Besluit.objects.create(
        inschrijving=inschrijving, aanbesteding=ab, status=Besluit.Status.DEFINITIEF,
        genomen_op=datetime(2026, 2, 1, 10, 0, tzinfo=TZ), verzonden_op=datetime(2026, 2, 2, 10, 0, tzinfo=TZ),
        standstill_einde=date(2026, 2, 22), definitief_op=datetime(2026, 2, 23, 6, 0, tzinfo=TZ),
    )
    BesluitPerceel.objects.create(besluit=besluit, perceel=bhl, uitkomst=BesluitPerceel.Uitkomst.DEFINITIEF)
    BesluitPerceel.objects.create(besluit=besluit, perceel=dag, uitkomst=BesluitPerceel.Uitkomst.AFGEWEZEN)
    return besluit


def test_inhaaltaak_maakt_overeenkomst_uit_definitief_besluit(definitief_besluit, aanbieder):
    assert tasks.toelatingen_inhalen() == 1
    ovk = Overeenkomst.objects.get(organisatie=aanbieder)
    # Only the admitted perceel; start the day after the standstill (as toetsing's signal says).
    assert list(ovk.deelnames.values_list("perceel__code", "startdatum")) == [("5.10", date(2026, 2, 23))]
    assert Toetreding.objects.get().bron_id == str(definitief_besluit.pk)


def test_inhaaltaak_is_idempotent(definitief_besluit):
    tasks.toelatingen_inhalen()
    assert tasks.toelatingen_inhalen() == 0
    assert Overeenkomst.objects.count() == 1


def test_onderaannemer_uit_inschrijving_overgenomen(definitief_besluit):
    tasks.toelatingen_inhalen()
    oa = Onderaannemer.objects.get()
    assert (oa.naam, oa.deelname.perceel.code, oa.vanaf) == ("Praktijk Vos", "5.10", date(2026, 2, 23))


def test_signaal_en_inhaaltaak_samen_een_keer(definitief_besluit, aanbieder, gooi):
    from toetsing.signals import definitief_toegelaten

    _, bhl, _ = gooi
    definitief_toegelaten.send(sender=type(definitief_besluit), besluit=definitief_besluit, organisatie=aanbieder,
                               aanbesteding=definitief_besluit.aanbesteding, percelen=[bhl], startdatum=date(2026, 2, 23))
    assert tasks.toelatingen_inhalen() == 0
    assert Toetreding.objects.count() == 1
