"""Cliëntenstop: no new clients for a deelname during a term, lifted by staff on proof or when the term ends.

Sources (/work/shared/domain/): DOMAIN.md step 8 (temporary cliëntenstop with a term and lifting on proof);
002 §"ClientStop" (ground 18.1/18.2, start, lifted) and recommendation 20 (active → lifted upon proof).
"""

from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from organisaties.models import Bericht
from overeenkomst import services, tasks
from overeenkomst.models import Clientenstop, Deelname, Uittreding
from overeenkomst.selectors import register_van

from ._hulp import auditregels, contracteer, een_auditregel, medewerker_van


@pytest.fixture
def ovk(gooi, aanbieder):
    ab, bhl, dag = gooi
    return contracteer(ab, aanbieder, [bhl, dag])


@pytest.fixture
def bhl(ovk):
    return ovk.deelnames.get(perceel__code="5.10")


def _status(deelname):
    return Deelname.objects.get(pk=deelname.pk).status


def _opleggen(deelnames, door, van=date(2026, 4, 1), tot=date(2026, 6, 30), reden="Inspectierapport IGJ"):
    return services.clientenstop_opleggen(deelnames=deelnames, van=van, tot=tot, reden=reden, door=door)


class TestOpleggen:
    @time_machine.travel(date(2026, 4, 1))
    def test_per_deelname_een_stop_en_een_auditregel(self, ovk, contractmanager):
        deelnames = list(ovk.deelnames.all())
        stops = _opleggen(deelnames, contractmanager)
        assert len(stops) == 2 and {s.opgelegd_door for s in stops} == {contractmanager}
        assert set(ovk.deelnames.values_list("status", "status_sinds")) == {(Deelname.Status.CLIENTENSTOP, date(2026, 4, 1))}
        regels = auditregels("clientenstop.opgelegd", ovk)
        assert sorted(r.nieuwe_waarden["perceel"] for r in regels) == ["5.10", "5.4"]
        assert {(r.nieuwe_waarden["van"], r.nieuwe_waarden["tot"], r.toelichting, r.actor) for r in regels} == {
            ("2026-04-01", "2026-06-30", "Inspectierapport IGJ", contractmanager)
        }

    @time_machine.travel(date(2026, 4, 1))
    def test_zonder_einddatum_tot_opheffing(self, bhl, contractmanager):
        [stop] = _opleggen([bhl], contractmanager, tot=None)
        assert stop.tot is None
        for dag in (date(2026, 12, 31), date(2028, 1, 1)):
            services.clientenstops_bijwerken(op=dag)
            assert _status(bhl) == Deelname.Status.CLIENTENSTOP

    @pytest.mark.parametrize(("van", "tot", "reden"), [
        (date(2026, 4, 1), date(2026, 3, 31), "Inspectierapport"),  # ends before it starts
        (date(2026, 4, 1), None, "   "),  # no reason
    ])
    def test_ongeldige_stop_geweigerd(self, bhl, contractmanager, van, tot, reden):
        with time_machine.travel(date(2026, 4, 1)), pytest.raises(ValidationError):
            _opleggen([bhl], contractmanager, van=van, tot=tot, reden=reden)
        assert not Clientenstop.objects.exists()
        assert _status(bhl) == Deelname.Status.ACTIEF
        assert auditregels("clientenstop.opgelegd") == []

    def test_een_dag_is_de_kortste_stop(self, bhl, contractmanager):
        with time_machine.travel(date(2026, 4, 1)):
            _opleggen([bhl], contractmanager, van=date(2026, 4, 1), tot=date(2026, 4, 1))
            assert _status(bhl) == Deelname.Status.CLIENTENSTOP
        services.clientenstops_bijwerken(op=date(2026, 4, 2))
        assert _status(bhl) == Deelname.Status.ACTIEF

    @pytest.mark.parametrize("persona", ["aanbieder_beheerder", "medewerker", "beoordelaar"])
    def test_alleen_contractbeheer(self, bhl, aanbieder, request, persona):
        door = medewerker_van(aanbieder) if persona == "medewerker" else request.getfixturevalue(persona)
        with pytest.raises(PermissionDenied):
            _opleggen([bhl], door)
        assert not Clientenstop.objects.exists()

    def test_niet_voor_een_beeindigde_deelname(self, ovk, bhl, contractmanager):
        with time_machine.travel(date(2026, 3, 1)):
            u = services.overeenkomst_beeindigen(overeenkomst=ovk, grond=Uittreding.Grond.BIBOB, einddatum=date(2026, 3, 31),
                                                 toelichting="Bibob-advies", percelen=[bhl.perceel], door=contractmanager)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 3, 1), door=contractmanager)
        services.uittreding_afronden_indien_klaar(uittreding_id=u.pk, op=date(2026, 3, 31))
        assert _status(bhl) == Deelname.Status.BEEINDIGD
        with time_machine.travel(date(2026, 4, 1)), pytest.raises(ValidationError):
            _opleggen([bhl], contractmanager)
        assert not Clientenstop.objects.exists()

    def test_aanbieder_krijgt_eenmaal_bericht(self, bhl, aanbieder, aanbieder_beheerder, contractmanager, django_capture_on_commit_callbacks):
        mail.outbox.clear()
        with time_machine.travel(date(2026, 4, 1)), django_capture_on_commit_callbacks(execute=True):
            [stop] = _opleggen([bhl], contractmanager, tot=None)
        assert [m.subject for m in mail.outbox] == ["Cliëntenstop perceel 5.10"]
        assert "tot opheffing" in mail.outbox[0].body and "Inspectierapport IGJ" in mail.outbox[0].body
        assert set(mail.outbox[0].to) == {aanbieder.contact_email, aanbieder_beheerder.email}
        assert tasks.clientenstop_melden(stop.pk) is False
        assert len(mail.outbox) == 1
        # ADR 0028: once in the provider's inbox.
        assert list(Bericht.objects.filter(sleutel=f"clientenstop:{stop.pk}").values_list("organisatie", "soort")) == [
            (aanbieder.pk, "Cliëntenstop")]


class TestOpheffen:
    @time_machine.travel(date(2026, 5, 10))
    def test_op_bewijs_met_auditregel(self, ovk, bhl, contractmanager, inkoper):
        [stop] = _opleggen([bhl], contractmanager)
        services.clientenstop_opheffen(clientenstop=stop, toelichting="Verbeterplan goedgekeurd", door=inkoper)
        stop.refresh_from_db()
        assert (stop.opgeheven_op, stop.opgeheven_door, stop.opheffing_toelichting) == (
            date(2026, 5, 10), inkoper, "Verbeterplan goedgekeurd"
        )
        assert _status(bhl) == Deelname.Status.ACTIEF
        regel = een_auditregel("clientenstop.opgeheven", ovk)
        assert (regel.actor, regel.nieuwe_waarden, regel.toelichting) == (
            inkoper, {"opgeheven_op": "2026-05-10"}, "Verbeterplan goedgekeurd"
        )

    @time_machine.travel(date(2026, 5, 10))
    def test_tweede_keer_opheffen_geweigerd(self, bhl, contractmanager):
        [stop] = _opleggen([bhl], contractmanager)
        services.clientenstop_opheffen(clientenstop=stop, toelichting="Bewijs ontvangen", door=contractmanager)
        with pytest.raises(ValidationError):
            services.clientenstop_opheffen(clientenstop=stop, toelichting="Nogmaals", door=contractmanager)
        stop.refresh_from_db()
        assert stop.opheffing_toelichting == "Bewijs ontvangen"
        assert len(auditregels("clientenstop.opgeheven")) == 1

    @pytest.mark.parametrize("persona", ["aanbieder_beheerder", "beoordelaar"])
    @time_machine.travel(date(2026, 5, 10))
    def test_aanbieder_kan_eigen_stop_niet_opheffen(self, bhl, contractmanager, request, persona):
        [stop] = _opleggen([bhl], contractmanager)
        with pytest.raises(PermissionDenied):
            services.clientenstop_opheffen(clientenstop=stop, toelichting="Opgelost", door=request.getfixturevalue(persona))
        stop.refresh_from_db()
        assert stop.opgeheven_op is None
        assert _status(bhl) == Deelname.Status.CLIENTENSTOP

    @time_machine.travel(date(2026, 5, 10))
    def test_opheffen_van_een_van_twee_stops_laat_de_andere_staan(self, bhl, contractmanager):
        [eerste] = _opleggen([bhl], contractmanager, tot=None, reden="Inspectie")
        _opleggen([bhl], contractmanager, van=date(2026, 5, 1), tot=date(2026, 12, 31), reden="Wachtlijst")
        services.clientenstop_opheffen(clientenstop=eerste, toelichting="Inspectie afgerond", door=contractmanager)
        assert _status(bhl) == Deelname.Status.CLIENTENSTOP  # the second stop still holds


class TestBijwerken:
    def test_verlopen_termijn_heft_op_met_systeemauditregel(self, ovk, bhl, contractmanager):
        with time_machine.travel(date(2026, 4, 1)):
            [stop] = _opleggen([bhl], contractmanager)
        assert services.clientenstops_bijwerken(op=date(2026, 7, 1)) == 1
        stop.refresh_from_db()
        assert (stop.opgeheven_op, stop.opheffing_toelichting) == (date(2026, 7, 1), "Termijn verstreken.")
        regel = een_auditregel("clientenstop.verlopen", ovk)
        assert (regel.actor, regel.actor_weergave, regel.nieuwe_waarden) == (None, "systeem", {"opgeheven_op": "2026-07-01"})
        d = Deelname.objects.get(pk=bhl.pk)
        assert (d.status, d.status_sinds) == (Deelname.Status.ACTIEF, date(2026, 7, 1))

    def test_tweede_run_verandert_niets(self, bhl, contractmanager):
        with time_machine.travel(date(2026, 4, 1)):
            _opleggen([bhl], contractmanager)
        assert services.clientenstops_bijwerken(op=date(2026, 7, 1)) == 1
        assert services.clientenstops_bijwerken(op=date(2026, 7, 1)) == 0
        assert services.clientenstops_bijwerken(op=date(2026, 7, 2)) == 0
        assert len(auditregels("clientenstop.verlopen")) == 1

    def test_gemiste_runs_worden_ingehaald(self, bhl, contractmanager):
        # Imposed in advance for May; the daily task did not run until 3 July: the stop both started and ended.
        with time_machine.travel(date(2026, 4, 1)):
            [stop] = _opleggen([bhl], contractmanager, van=date(2026, 5, 1), tot=date(2026, 5, 31))
            assert _status(bhl) == Deelname.Status.ACTIEF
        with time_machine.travel(date(2026, 7, 3)):
            tasks.clientenstops_bijwerken()
        stop.refresh_from_db()
        assert stop.opgeheven_op == date(2026, 6, 1)  # the day after the term, not the day of the run
        assert _status(bhl) == Deelname.Status.ACTIEF

    def test_register_toont_de_stop_en_daarna_niet_meer(self, gooi, bhl, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2026, 4, 1)):
            _opleggen([bhl], contractmanager)
        [regel] = register_van(ab)
        perceel = next(p for p in regel.percelen if p.code == "5.10")
        assert (perceel.status, perceel.clientenstop_van, perceel.clientenstop_tot) == ("clientenstop", date(2026, 4, 1), date(2026, 6, 30))
        services.clientenstops_bijwerken(op=date(2026, 7, 1))
        [regel] = register_van(ab)
        perceel = next(p for p in regel.percelen if p.code == "5.10")
        assert (perceel.status, perceel.clientenstop_van) == ("actief", None)

    def test_alle_percelen_gestopt_geeft_totaalstatus_clientenstop(self, gooi, ovk, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2026, 4, 1)):
            _opleggen(list(ovk.deelnames.all()), contractmanager)
        [regel] = register_van(ab)
        assert (regel.totaalstatus, regel.status_label) == ("clientenstop", "cliëntenstop")

    def test_einde_deelname_heft_open_stop_op(self, ovk, bhl, contractmanager):
        with time_machine.travel(date(2026, 4, 1)):
            [stop] = _opleggen([bhl], contractmanager, tot=None)
            u = services.overeenkomst_beeindigen(overeenkomst=ovk, grond=Uittreding.Grond.WANPRESTATIE, einddatum=date(2026, 4, 30),
                                                 toelichting="Ernstige tekortkoming", percelen=[bhl.perceel], door=contractmanager)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 4, 15), door=contractmanager)
        services.uittreding_afronden_indien_klaar(uittreding_id=u.pk, op=date(2026, 4, 30))
        stop.refresh_from_db()
        assert (stop.opgeheven_op, stop.opheffing_toelichting) == (date(2026, 4, 30), "Deelname beëindigd.")
        assert _status(bhl) == Deelname.Status.BEEINDIGD
        services.clientenstops_bijwerken(op=date(2026, 5, 1))
        assert _status(bhl) == Deelname.Status.BEEINDIGD  # never back to actief
