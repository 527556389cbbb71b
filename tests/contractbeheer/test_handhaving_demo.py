"""The handhaving demo (contractbeheer/demo_handhaving.py): a provider on step 2 with sealed letters and a linked
signal, another with a fine of € 50 in the ledger; loading twice changes nothing."""

import io
from decimal import Decimal

import pytest

from contractbeheer import demo_handhaving
from contractbeheer.models import Boete, Maatregel, Signaal
from contractbeheer.services import handhaving as services
from core import kalender, zegel

from ._handhaving import wereld

pytestmark = pytest.mark.django_db


def _tellingen():
    return (Maatregel.objects.count(), Boete.objects.count(), Signaal.objects.count(),
            sorted(Maatregel.objects.values_list("brief_voornemen_sha256", flat=True)))


def test_demo_trede_2_en_een_boete_idempotent(regio_a, contractmanager_a):
    w = wereld(regio_a)
    uit = io.StringIO()
    demo_handhaving.laad(w.gooi, "gooi", contractmanager_a, uit)
    assert services.huidige_trede(w.ovk) == 2
    waarschuwing, stop = Maatregel.objects.filter(overeenkomst=w.ovk).order_by("voornemen_op")
    assert (waarschuwing.trede, stop.trede) == (1, 2) and waarschuwing.voornemen_op < stop.voornemen_op
    for m in (waarschuwing, stop):
        assert m.status == Maatregel.Status.OPGELEGD
        for veld in (m.brief_voornemen, m.brief_besluit):
            with veld.open("rb") as f:
                assert zegel.controleren(f.read()).echt
    assert stop.clientenstops.count() == 1
    assert stop.signaal.onderwerp == demo_handhaving.ONDERWERP
    assert stop.signaal.status == Signaal.Status.MAATREGEL
    boete = Boete.objects.get()
    assert (boete.overeenkomst, boete.bedrag, boete.berekening, boete.status) == (
        w.andere_ovk, Decimal("50.00"), "2 klachten × € 25,00", Boete.Status.OPGELEGD)
    assert services.huidige_trede(w.andere_ovk) == 4 and boete.maatregel.sprong_reden
    assert "trede 2" in uit.getvalue() and "€ 50" in uit.getvalue()
    eerst = _tellingen()
    demo_handhaving.laad(w.gooi, "gooi", contractmanager_a, io.StringIO())
    assert _tellingen() == eerst


def test_demo_gebruikt_een_bestaand_signaal(regio_a, contractmanager_a):
    w = wereld(regio_a)
    van_signalen = Signaal.objects.create(
        regio=regio_a, organisatie=w.ovk.organisatie, bron=Signaal.Bron.VERWIJZER, onderwerp="Van de signalendemo",
        omschrijving="Een signaal.", status=Signaal.Status.IN_BEHANDELING, ontvangen_op=kalender.nu())
    demo_handhaving.laad(w.gooi, "gooi", contractmanager_a, io.StringIO())
    assert Maatregel.objects.get(overeenkomst=w.ovk, trede=2).signaal == van_signalen
    assert not Signaal.objects.filter(onderwerp=demo_handhaving.ONDERWERP).exists()


def test_demo_alleen_voor_gooi(regio_a, contractmanager_a):
    w = wereld(regio_a)
    demo_handhaving.laad(w.mlo, "mlo", contractmanager_a, io.StringIO())
    assert not Maatregel.objects.exists()
