"""Uittreding (002 art. 8; 003a §3.5), termination on grounds, cliëntenstop."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from core import kalender
from overeenkomst import services, tasks
from overeenkomst.models import Deelname, Overeenkomst, Uittreding
from overeenkomst.selectors import register_van

O = Uittreding.Optie  # noqa: E741


@pytest.fixture
def mlo_ovk(mlo, aanbieder):
    ab, perceel = mlo
    return services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[perceel], startdatum=date(2025, 1, 1))


@pytest.fixture
def gooi_ovk(gooi, aanbieder):
    ab, bhl, dag = gooi
    return services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2025, 1, 1))


def test_mlo_opzegging_15_maart_vroegst_30_april(mlo_ovk, aanbieder_beheerder):
    with time_machine.travel(date(2026, 3, 15)):
        u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, door=aanbieder_beheerder)
    assert (u.vroegste_einddatum, u.vergoeding) == (date(2026, 4, 30), None)


def test_mlo_deelname_blijft_actief_tot_overdracht_bevestigd(mlo_ovk, aanbieder_beheerder, contractmanager):
    with time_machine.travel(date(2026, 3, 15)):
        u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, door=aanbieder_beheerder)
    with time_machine.travel(date(2026, 5, 10)):
        tasks.uittredingen_afronden()
        assert mlo_ovk.deelnames.get().status == Deelname.Status.ACTIEF  # 30 April passed, no transfer yet
        services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 5, 8), door=contractmanager)
    d = mlo_ovk.deelnames.get()
    assert (d.status, d.einddatum) == (Deelname.Status.BEEINDIGD, date(2026, 5, 8))
    mlo_ovk.refresh_from_db()
    assert (mlo_ovk.status, mlo_ovk.einddatum) == (Overeenkomst.Status.BEEINDIGD, date(2026, 5, 8))


def test_mlo_overdracht_voor_vroegste_einde_wacht_tot_die_datum(mlo_ovk, aanbieder_beheerder, contractmanager):
    with time_machine.travel(date(2026, 3, 15)):
        u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, door=aanbieder_beheerder)
        services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 4, 10), door=contractmanager)
        assert mlo_ovk.deelnames.get().status == Deelname.Status.ACTIEF
    with time_machine.travel(date(2026, 4, 30)):
        assert tasks.uittredingen_afronden() == 1
    assert mlo_ovk.deelnames.get().einddatum == date(2026, 4, 30)


def test_mlo_kent_geen_gooi_opties(mlo_ovk, aanbieder_beheerder):
    with pytest.raises(ValidationError, match="geldt niet"):
        services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.GOOI_2, aantal_clienten=3, continuiteit_toelichting="x", door=aanbieder_beheerder)


def test_gooi_optie_2_vergoeding_12_clienten(gooi_ovk, aanbieder_beheerder):
    with time_machine.travel(date(2026, 3, 15)):
        u = services.uittreding_melden(overeenkomst=gooi_ovk, optie=O.GOOI_2, aantal_clienten=12,
                                       continuiteit_toelichting="Cliënten gaan over naar Kompaan.", door=aanbieder_beheerder)
    assert (u.vergoeding, u.vroegste_einddatum) == (Decimal("1800.00"), date(2026, 6, 14))


def test_gooi_optie_2_pas_na_betaling(gooi_ovk, aanbieder_beheerder, contractmanager):
    with time_machine.travel(date(2026, 3, 15)):
        u = services.uittreding_melden(overeenkomst=gooi_ovk, optie=O.GOOI_2, aantal_clienten=12,
                                       continuiteit_toelichting="Overdracht naar Kompaan.", door=aanbieder_beheerder)
    with time_machine.travel(date(2026, 6, 20)):
        services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 6, 1), door=contractmanager)
        assert not gooi_ovk.deelnames.filter(status=Deelname.Status.BEEINDIGD).exists()  # not yet paid
        services.uittreding_vergoeding_betaald(uittreding=u, betaald_op=date(2026, 6, 19), door=contractmanager)
    assert set(gooi_ovk.deelnames.values_list("status", "einddatum")) == {(Deelname.Status.BEEINDIGD, date(2026, 6, 19))}


def test_gooi_optie_2_zonder_continuiteit_geweigerd(gooi_ovk, aanbieder_beheerder):
    with pytest.raises(ValidationError, match="continuïteit"):
        services.uittreding_melden(overeenkomst=gooi_ovk, optie=O.GOOI_2, aantal_clienten=12, door=aanbieder_beheerder)


def test_gooi_optie_1_alleen_zonder_clienten(gooi_ovk, aanbieder_beheerder):
    with pytest.raises(ValidationError, match="zonder cliënten"):
        services.uittreding_melden(overeenkomst=gooi_ovk, optie=O.GOOI_1, aantal_clienten=2, door=aanbieder_beheerder)


def test_tweede_opzegging_voor_zelfde_perceel_geweigerd(gooi_ovk, aanbieder_beheerder):
    services.uittreding_melden(overeenkomst=gooi_ovk, optie=O.GOOI_1, aantal_clienten=0, door=aanbieder_beheerder)
    with pytest.raises(ValidationError, match="loopt al"):
        services.uittreding_melden(overeenkomst=gooi_ovk, optie=O.GOOI_1, aantal_clienten=0, door=aanbieder_beheerder)


def test_beeindiging_door_opdrachtgever_op_vastgelegde_grond(gooi_ovk, contractmanager):
    with time_machine.travel(date(2026, 3, 1)):
        u = services.overeenkomst_beeindigen(overeenkomst=gooi_ovk, grond=Uittreding.Grond.FAILLISSEMENT, einddatum=date(2026, 3, 31),
                                             toelichting="Faillissement uitgesproken 27-02-2026.", door=contractmanager)
        services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 3, 20), door=contractmanager)
    with time_machine.travel(date(2026, 3, 31)):
        tasks.uittredingen_afronden()
    [regel] = register_van(gooi_ovk.aanbesteding)
    assert (regel.status_label, regel.einddatum) == ("beëindigd", date(2026, 3, 31))


def test_beeindiging_zonder_grond_geweigerd(gooi_ovk, contractmanager):
    with pytest.raises(ValidationError):
        services.overeenkomst_beeindigen(overeenkomst=gooi_ovk, grond="ruzie", einddatum=date(2026, 3, 31), toelichting="x", door=contractmanager)


class TestClientenstop:
    def test_clientenstop_met_termijn_in_register(self, gooi_ovk, contractmanager):
        bhl = gooi_ovk.deelnames.get(perceel__code="5.10")
        with time_machine.travel(date(2026, 4, 1)):
            services.clientenstop_opleggen(deelnames=[bhl], van=date(2026, 4, 1), tot=date(2026, 6, 30), reden="Inspectierapport", door=contractmanager)
        [regel] = register_van(gooi_ovk.aanbesteding)
        perceel = next(p for p in regel.percelen if p.code == "5.10")
        assert (perceel.status_label, perceel.clientenstop_van, perceel.clientenstop_tot) == ("cliëntenstop", date(2026, 4, 1), date(2026, 6, 30))
        assert regel.totaalstatus == "actief"  # 5.4 still active

    def test_clientenstop_vervalt_na_termijn(self, gooi_ovk, contractmanager):
        bhl = gooi_ovk.deelnames.get(perceel__code="5.10")
        with time_machine.travel(date(2026, 4, 1)):
            services.clientenstop_opleggen(deelnames=[bhl], van=date(2026, 4, 1), tot=date(2026, 6, 30), reden="Inspectierapport", door=contractmanager)
        with time_machine.travel(date(2026, 6, 30)):
            tasks.clientenstops_bijwerken()
            assert Deelname.objects.get(pk=bhl.pk).status == Deelname.Status.CLIENTENSTOP
        with time_machine.travel(date(2026, 7, 1)):
            tasks.clientenstops_bijwerken()
            assert Deelname.objects.get(pk=bhl.pk).status == Deelname.Status.ACTIEF

    def test_toekomstige_clientenstop_gaat_op_ingangsdatum_in(self, gooi_ovk, contractmanager):
        bhl = gooi_ovk.deelnames.get(perceel__code="5.10")
        with time_machine.travel(date(2026, 4, 1)):
            services.clientenstop_opleggen(deelnames=[bhl], van=date(2026, 5, 1), reden="Wachtlijst te lang", door=contractmanager)
            assert Deelname.objects.get(pk=bhl.pk).status == Deelname.Status.ACTIEF
        with time_machine.travel(date(2026, 5, 1)):
            tasks.clientenstops_bijwerken()
            assert Deelname.objects.get(pk=bhl.pk).status == Deelname.Status.CLIENTENSTOP

    def test_opheffen_door_staf(self, gooi_ovk, contractmanager):
        bhl = gooi_ovk.deelnames.get(perceel__code="5.10")
        [stop] = services.clientenstop_opleggen(deelnames=[bhl], van=kalender.vandaag(), reden="Inspectierapport", door=contractmanager)
        services.clientenstop_opheffen(clientenstop=stop, toelichting="Verbeterplan goedgekeurd", door=contractmanager)
        assert Deelname.objects.get(pk=bhl.pk).status == Deelname.Status.ACTIEF

    def test_aanbieder_kan_geen_clientenstop_opleggen(self, gooi_ovk, aanbieder_beheerder):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            services.clientenstop_opleggen(deelnames=list(gooi_ovk.deelnames.all()), van=kalender.vandaag(), reden="x", door=aanbieder_beheerder)


def test_aanbieder_krijgt_bericht_over_clientenstop(gooi_ovk, contractmanager, django_capture_on_commit_callbacks):
    from django.core import mail

    bhl = gooi_ovk.deelnames.get(perceel__code="5.10")
    with time_machine.travel(date(2026, 4, 1)), django_capture_on_commit_callbacks(execute=True):
        services.clientenstop_opleggen(deelnames=[bhl], van=date(2026, 4, 1), tot=date(2026, 6, 30), reden="Inspectierapport", door=contractmanager)
    assert [m.subject for m in mail.outbox] == ["Cliëntenstop perceel 5.10"]
    assert "tot en met 30-06-2026" in mail.outbox[0].body
