"""Uittreding through the services, from notice to the end of the deelnames, with its audit trail.

Sources (/work/shared/domain/): 002 art. 8.1 (MLO: ≥ 1 calendar month from the first day of the month after
receipt of the registered letter; received 15 March → ends 30 April), art. 8.4 (not ended until the transfer of
clients is complete), art. 8.3/8.5 (termination by the Gemeente on grounds); 003a §3.5 (Gooi option 1: no
clients, on request; option 2: ≥ 3 months, € 150 excl. btw per client counted one month before the notice,
effective once paid: 12 clients = € 1.800).
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from overeenkomst import services
from overeenkomst.models import Deelname, Kanaal, Overeenkomst, Uittreding

from ._hulp import auditregels, contracteer, een_auditregel, medewerker_van

O = Uittreding.Optie  # noqa: E741
CONTINUITEIT = "Cliënten gaan over naar Kompaan; warme overdracht per gezin."


@pytest.fixture
def mlo_ovk(mlo, aanbieder):
    ab, perceel = mlo
    return contracteer(ab, aanbieder, [perceel])


@pytest.fixture
def gooi_ovk(gooi, aanbieder):
    ab, bhl, dag = gooi
    return contracteer(ab, aanbieder, [bhl, dag])


def _regels(ovk, **velden):
    r = ovk.aanbesteding.contractregels
    for veld, waarde in velden.items():
        setattr(r, veld, waarde)
    r.save()


def _optie2(ovk, door, aantal=12, **kw):
    return services.uittreding_melden(overeenkomst=ovk, optie=O.GOOI_2, aantal_clienten=aantal,
                                      continuiteit_toelichting=CONTINUITEIT, door=door, **kw)


class TestMelden:
    @time_machine.travel(date(2026, 3, 15))
    def test_mlo_15_maart_wordt_30_april_met_auditregel(self, mlo_ovk, aanbieder_beheerder):
        u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, door=aanbieder_beheerder)
        assert (u.status, u.ontvangen_op, u.vroegste_einddatum, u.vergoeding) == (
            Uittreding.Status.INGEDIEND, date(2026, 3, 15), date(2026, 4, 30), None
        )
        regel = een_auditregel("uittreding.gemeld", mlo_ovk)
        assert regel.actor == aanbieder_beheerder
        assert regel.nieuwe_waarden == {"optie": "mlo", "ontvangen_op": "2026-03-15", "vroegste_einddatum": "2026-04-30", "vergoeding": None}
        assert mlo_ovk.deelnames.get().status == Deelname.Status.ACTIEF  # nothing ends on notice alone

    def test_aangetekende_brief_eerder_ontvangen_telt(self, mlo_ovk, contractmanager):
        # The letter arrived on 28 February (recorded by staff later, issue 18): notice runs 1–31 March.
        with time_machine.travel(date(2026, 3, 2)):
            u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, kanaal=Kanaal.POST,
                                           ontvangen_op=date(2026, 2, 28), door=contractmanager)
        assert u.vroegste_einddatum == date(2026, 3, 31)

    @time_machine.travel(date(2026, 3, 15))
    def test_mlo_opzegtermijn_is_data(self, mlo_ovk, aanbieder_beheerder):
        _regels(mlo_ovk, opzegtermijn_maanden=2)
        u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, door=aanbieder_beheerder)
        assert u.vroegste_einddatum == date(2026, 5, 31)  # 1 April + 2 months − 1 day

    @time_machine.travel(date(2026, 3, 15))
    def test_gooi_optie_2_twaalf_clienten_1800_euro(self, gooi_ovk, aanbieder_beheerder):
        u = _optie2(gooi_ovk, aanbieder_beheerder)
        assert (u.vergoeding, u.aantal_clienten, u.vroegste_einddatum) == (Decimal("1800.00"), 12, date(2026, 6, 14))
        regel = een_auditregel("uittreding.gemeld", gooi_ovk)
        assert (regel.nieuwe_waarden["optie"], Decimal(regel.nieuwe_waarden["vergoeding"])) == ("gooi_2", Decimal("1800"))

    @time_machine.travel(date(2026, 3, 15))
    def test_gooi_optie_2_nooit_korter_dan_drie_maanden(self, gooi_ovk, aanbieder_beheerder):
        _regels(gooi_ovk, opzegtermijn_maanden=1)  # a too-short setting cannot undercut 003a §3.5
        assert _optie2(gooi_ovk, aanbieder_beheerder).vroegste_einddatum == date(2026, 6, 14)

    @time_machine.travel(date(2026, 3, 15))
    def test_vergoeding_per_client_is_data(self, gooi_ovk, aanbieder_beheerder):
        _regels(gooi_ovk, vergoeding_per_client=Decimal("175.50"))
        assert _optie2(gooi_ovk, aanbieder_beheerder, aantal=4).vergoeding == Decimal("702.00")  # 4 × 175.50

    @time_machine.travel(date(2026, 3, 15))
    def test_gooi_optie_1_zonder_clienten_op_verzoek(self, gooi_ovk, aanbieder_beheerder):
        u = services.uittreding_melden(overeenkomst=gooi_ovk, optie=O.GOOI_1, aantal_clienten=0, door=aanbieder_beheerder)
        assert (u.vroegste_einddatum, u.vergoeding) == (date(2026, 3, 15), None)

    @time_machine.travel(date(2026, 3, 15))
    def test_een_perceel_opzeggen_laat_het_andere_lopen(self, gooi, gooi_ovk, aanbieder_beheerder):
        _, bhl, dag = gooi
        u = _optie2(gooi_ovk, aanbieder_beheerder, percelen=[bhl])
        assert [d.perceel for d in u.deelnames.all()] == [bhl]
        # The other perceel can still be given notice separately.
        v = _optie2(gooi_ovk, aanbieder_beheerder, aantal=0, percelen=[dag])
        assert [d.perceel for d in v.deelnames.all()] == [dag] and v.vergoeding == Decimal("0.00")

    @pytest.mark.parametrize("persona", ["medewerker", "andere_beheerder", "contractmanager"])
    def test_alleen_beheerder_van_de_aanbieder(self, gooi_ovk, aanbieder, request, persona):
        door = medewerker_van(aanbieder) if persona == "medewerker" else request.getfixturevalue(persona)
        with pytest.raises(PermissionDenied):
            _optie2(gooi_ovk, door)
        assert not Uittreding.objects.exists()
        assert auditregels("uittreding.gemeld") == []

    @pytest.mark.parametrize(("optie", "kw"), [
        (O.GOOI_2, {"aantal_clienten": None, "continuiteit_toelichting": CONTINUITEIT}),  # count missing
        (O.GOOI_2, {"aantal_clienten": 3, "continuiteit_toelichting": "  "}),  # continuity not shown
        (O.GOOI_1, {"aantal_clienten": 1}),  # option 1 only without clients
        (O.MLO, {}),  # not this procedure's regime
        ("optie_9", {}),
    ])
    def test_onvolledige_of_verkeerde_opzegging_geweigerd(self, gooi_ovk, aanbieder_beheerder, optie, kw):
        with pytest.raises(ValidationError):
            services.uittreding_melden(overeenkomst=gooi_ovk, optie=optie, door=aanbieder_beheerder, **kw)
        assert not Uittreding.objects.exists()

    def test_perceel_zonder_lopende_deelname_geweigerd(self, gooi_ovk, mlo, aanbieder_beheerder):
        _, mlo_perceel = mlo
        with pytest.raises(ValidationError):
            _optie2(gooi_ovk, aanbieder_beheerder, percelen=[mlo_perceel])
        assert not Uittreding.objects.exists()

    def test_negatief_aantal_clienten_wordt_een_nette_melding(self, gooi_ovk, aanbieder_beheerder):
        with pytest.raises(ValidationError):
            _optie2(gooi_ovk, aanbieder_beheerder, aantal=-1)
        assert not Uittreding.objects.exists()


class TestAfwikkeling:
    def test_aanvaarden_met_auditregel_zonder_overdracht_blijft_lopen(self, mlo_ovk, aanbieder_beheerder, contractmanager):
        with time_machine.travel(date(2026, 3, 15)):
            u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, door=aanbieder_beheerder)
        with time_machine.travel(date(2026, 5, 1)):
            u = services.uittreding_aanvaarden(uittreding=u, door=contractmanager)
        assert (u.status, u.einddatum) == (Uittreding.Status.LOPEND, None)
        assert een_auditregel("uittreding.aanvaard", u).actor == contractmanager
        assert auditregels("uittreding.afgerond") == []

    def test_overdracht_na_vroegste_einde_bepaalt_de_einddatum(self, mlo_ovk, aanbieder_beheerder, contractmanager):
        # 002 art. 8.4: the agreement does not end until the transfer is complete: max(30 April, 12 May).
        with time_machine.travel(date(2026, 3, 15)):
            u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, door=aanbieder_beheerder)
        with time_machine.travel(date(2026, 5, 12)):
            u = services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 5, 12), door=contractmanager)
        assert (u.status, u.einddatum) == (Uittreding.Status.AFGEROND, date(2026, 5, 12))
        assert een_auditregel("uittreding.overdracht_bevestigd", u).nieuwe_waarden == {"clienten_overgedragen_op": "2026-05-12"}
        assert een_auditregel("uittreding.afgerond", u).nieuwe_waarden == {"einddatum": "2026-05-12"}
        mlo_ovk.refresh_from_db()
        assert (mlo_ovk.status, mlo_ovk.einddatum) == (Overeenkomst.Status.BEEINDIGD, date(2026, 5, 12))
        assert een_auditregel("overeenkomst.beeindigd", mlo_ovk).nieuwe_waarden == {"einddatum": "2026-05-12"}
        d = mlo_ovk.deelnames.get()
        assert d.einde_reden == "Opzegging door de aanbieder"

    def test_optie_2_betaling_als_laatste_voorwaarde(self, gooi_ovk, aanbieder_beheerder, contractmanager):
        with time_machine.travel(date(2026, 3, 15)):
            u = _optie2(gooi_ovk, aanbieder_beheerder)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 5, 1), door=contractmanager)
        with time_machine.travel(date(2026, 7, 3)):
            u = services.uittreding_vergoeding_betaald(uittreding=u, betaald_op=date(2026, 7, 2), door=contractmanager)
        # Latest of earliest end (14 June), transfer (1 May) and payment (2 July).
        assert (u.status, u.einddatum) == (Uittreding.Status.AFGEROND, date(2026, 7, 2))
        assert een_auditregel("uittreding.vergoeding_betaald", u).nieuwe_waarden == {"vergoeding_betaald_op": "2026-07-02"}
        assert set(gooi_ovk.deelnames.values_list("status", "einddatum")) == {(Deelname.Status.BEEINDIGD, date(2026, 7, 2))}

    def test_optie_2_zonder_clienten_hoeft_niet_te_betalen(self, gooi_ovk, aanbieder_beheerder, contractmanager):
        with time_machine.travel(date(2026, 3, 15)):
            u = _optie2(gooi_ovk, aanbieder_beheerder, aantal=0)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 3, 15), door=contractmanager)
        with time_machine.travel(date(2026, 6, 14)):
            u = services.uittreding_afronden_indien_klaar(uittreding_id=u.pk)
        assert (u.status, u.einddatum) == (Uittreding.Status.AFGEROND, date(2026, 6, 14))

    def test_afronden_is_idempotent(self, mlo_ovk, aanbieder_beheerder, contractmanager):
        with time_machine.travel(date(2026, 3, 15)):
            u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, door=aanbieder_beheerder)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 4, 1), door=contractmanager)
        for dag in (date(2026, 4, 30), date(2026, 5, 1)):
            services.uittreding_afronden_indien_klaar(uittreding_id=u.pk, op=dag)
        assert len(auditregels("uittreding.afgerond")) == 1
        assert len(auditregels("overeenkomst.beeindigd")) == 1

    def test_afgeronde_uittreding_kan_niet_opnieuw(self, mlo_ovk, aanbieder_beheerder, contractmanager):
        with time_machine.travel(date(2026, 3, 15)):
            u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, door=aanbieder_beheerder)
        with time_machine.travel(date(2026, 5, 1)):
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 4, 20), door=contractmanager)
            for actie in (
                lambda: services.uittreding_aanvaarden(uittreding=u, door=contractmanager),
                lambda: services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 5, 1), door=contractmanager),
                lambda: services.uittreding_vergoeding_betaald(uittreding=u, betaald_op=date(2026, 5, 1), door=contractmanager),
            ):
                with pytest.raises(ValidationError):
                    actie()
        u.refresh_from_db()
        assert (u.status, u.einddatum, u.clienten_overgedragen_op) == (Uittreding.Status.AFGEROND, date(2026, 4, 30), date(2026, 4, 20))

    @pytest.mark.parametrize("persona", ["aanbieder_beheerder", "beoordelaar"])
    def test_afwikkeling_alleen_door_contractbeheer(self, gooi_ovk, aanbieder_beheerder, request, persona):
        with time_machine.travel(date(2026, 3, 15)):
            u = _optie2(gooi_ovk, aanbieder_beheerder)
        door = request.getfixturevalue(persona)
        for actie in (
            lambda: services.uittreding_aanvaarden(uittreding=u, door=door),
            lambda: services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 5, 1), door=door),
            lambda: services.uittreding_vergoeding_betaald(uittreding=u, betaald_op=date(2026, 5, 1), door=door),
        ):
            with pytest.raises(PermissionDenied):
                actie()
        u.refresh_from_db()
        assert (u.status, u.clienten_overgedragen_op, u.vergoeding_betaald_op) == (Uittreding.Status.INGEDIEND, None, None)


class TestBeeindigingDoorOpdrachtgever:
    @time_machine.travel(date(2026, 3, 1))
    def test_op_grond_met_auditregel(self, gooi, gooi_ovk, contractmanager):
        _, bhl, _ = gooi
        u = services.overeenkomst_beeindigen(overeenkomst=gooi_ovk, grond=Uittreding.Grond.WANPRESTATIE, einddatum=date(2026, 6, 30),
                                             toelichting="Ernstige tekortkoming, ingebrekestelling 02-02-2026", percelen=[bhl],
                                             door=contractmanager)
        assert (u.aanleiding, u.grond, u.status, u.vroegste_einddatum) == (
            Uittreding.Aanleiding.BEEINDIGING_OPDRACHTGEVER, "wanprestatie", Uittreding.Status.LOPEND, date(2026, 6, 30)
        )
        assert [d.perceel for d in u.deelnames.all()] == [bhl]
        regel = een_auditregel("overeenkomst.beeindiging", gooi_ovk)
        assert regel.nieuwe_waarden == {"grond": "wanprestatie", "einddatum": "2026-06-30"}
        assert regel.toelichting.startswith("Ernstige tekortkoming")

    @pytest.mark.parametrize(("grond", "toelichting"), [("ruzie", "x"), (Uittreding.Grond.BIBOB, "  ")])
    def test_zonder_geldige_grond_of_onderbouwing_geweigerd(self, gooi_ovk, contractmanager, grond, toelichting):
        with pytest.raises(ValidationError):
            services.overeenkomst_beeindigen(overeenkomst=gooi_ovk, grond=grond, einddatum=date(2026, 6, 30),
                                             toelichting=toelichting, door=contractmanager)
        assert not Uittreding.objects.exists()
        assert auditregels("overeenkomst.beeindiging") == []

    @pytest.mark.parametrize("persona", ["aanbieder_beheerder", "beoordelaar"])
    def test_alleen_contractbeheer(self, gooi_ovk, request, persona):
        with pytest.raises(PermissionDenied):
            services.overeenkomst_beeindigen(overeenkomst=gooi_ovk, grond=Uittreding.Grond.BIBOB, einddatum=date(2026, 6, 30),
                                             toelichting="Bibob-advies", door=request.getfixturevalue(persona))
        assert not Uittreding.objects.exists()

    def test_zonder_lopende_deelname_geweigerd(self, gooi_ovk, contractmanager):
        with time_machine.travel(date(2026, 3, 1)):
            u = services.overeenkomst_beeindigen(overeenkomst=gooi_ovk, grond=Uittreding.Grond.FAILLISSEMENT, einddatum=date(2026, 3, 31),
                                                 toelichting="Faillissement", door=contractmanager)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 3, 20), door=contractmanager)
        with time_machine.travel(date(2026, 4, 1)):
            services.uittreding_afronden_indien_klaar(uittreding_id=u.pk)
            with pytest.raises(ValidationError):
                services.overeenkomst_beeindigen(overeenkomst=gooi_ovk, grond=Uittreding.Grond.BIBOB, einddatum=date(2026, 4, 30),
                                                 toelichting="Bibob-advies", door=contractmanager)
        assert Uittreding.objects.count() == 1

    def test_zonder_einddatum_een_nette_melding(self, gooi_ovk, contractmanager):
        with pytest.raises(ValidationError):
            services.overeenkomst_beeindigen(overeenkomst=gooi_ovk, grond=Uittreding.Grond.BIBOB, einddatum=None,
                                             toelichting="Bibob-advies", door=contractmanager)


class TestHeropenen:
    def test_nieuwe_toelating_na_uittreding_is_een_nieuwe_overeenkomst(self, mlo, mlo_ovk, aanbieder, aanbieder_beheerder,
                                                                       contractmanager):
        """ADR 0010: an ended agreement is a closed legal record; re-admission starts a new agreement."""
        ab, perceel = mlo
        with time_machine.travel(date(2026, 3, 15)):
            u = services.uittreding_melden(overeenkomst=mlo_ovk, optie=O.MLO, door=aanbieder_beheerder)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 4, 1), door=contractmanager)
        services.uittreding_afronden_indien_klaar(uittreding_id=u.pk, op=date(2026, 4, 30))
        mlo_ovk.refresh_from_db()
        assert (mlo_ovk.status, mlo_ovk.einddatum) == (Overeenkomst.Status.BEEINDIGD, date(2026, 4, 30))
        ovk = contracteer(ab, aanbieder, [perceel], date(2027, 1, 1))
        assert ovk.pk != mlo_ovk.pk and (ovk.status, ovk.einddatum) == (Overeenkomst.Status.ACTIEF, None)
        mlo_ovk.refresh_from_db()
        assert (mlo_ovk.status, mlo_ovk.einddatum) == (Overeenkomst.Status.BEEINDIGD, date(2026, 4, 30))
        regel = een_auditregel("overeenkomst.aangegaan", ovk)
        assert regel.nieuwe_waarden["opnieuw"] is True
        assert list(ovk.deelnames.values_list("status", "startdatum")) == [(Deelname.Status.ACTIEF, date(2027, 1, 1))]
        assert len(auditregels("overeenkomst.toetreding", ovk)) == 1
