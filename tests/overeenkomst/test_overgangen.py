"""Every aggregate of overeenkomst walked through its services (ADR 0009): each legal move lands in the new
state with its audit entry; each illegal move is refused with a ValidationError and leaves the state alone.
tests/architectuur/test_overgangen.py walks the same tables generically, without the services."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from core.models import AuditRegel
from core.toestand import OngeldigeOvergang
from overeenkomst import services
from overeenkomst.models import (
    Addendum,
    AddendumReactie,
    Clientenstop,
    Contractregels,
    Deelname,
    Indexatieronde,
    Overeenkomst,
    Uittreding,
    Verlengingsronde,
    Wijzigingsverzoek,
)

from .helpers import gepubliceerd_addendum

O = Uittreding.Optie  # noqa: E741


def _geaudit(actie: str, obj) -> bool:
    return AuditRegel.objects.filter(actie=actie, object_id=str(obj.pk)).exists()


def _status(obj):
    return type(obj).objects.values_list("status", flat=True).get(pk=obj.pk)


@pytest.fixture
def ovk(gooi, aanbieder, aanbieder_beheerder):
    ab, bhl, dag = gooi
    return services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2025, 1, 1))


def _beeindigd(ovk, contractmanager, percelen=None):
    """Staff end the agreement on a ground and confirm the transfer: the uittreding completes."""
    with time_machine.travel(date(2026, 3, 2)):
        u = services.overeenkomst_beeindigen(
            overeenkomst=ovk, grond=Uittreding.Grond.WANPRESTATIE, einddatum=date(2026, 3, 1),
            toelichting="Ernstige tekortkoming na ingebrekestelling.", door=contractmanager, percelen=percelen,
        )
        return services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 3, 1), door=contractmanager)


# --- Overeenkomst and Deelname ------------------------------------------------------------------------------


class TestOvereenkomst:
    def test_actief_naar_beeindigd_als_laatste_deelname_eindigt(self, ovk, contractmanager):
        u = _beeindigd(ovk, contractmanager)
        assert _status(u) == Uittreding.Status.AFGEROND and _geaudit("uittreding.afgerond", u)
        assert _status(ovk) == Overeenkomst.Status.BEEINDIGD and _geaudit("overeenkomst.beeindigd", ovk)
        assert set(ovk.deelnames.values_list("status", flat=True)) == {Deelname.Status.BEEINDIGD}

    def test_beeindigd_komt_niet_terug_maar_heropname_is_een_nieuwe_overeenkomst(self, gooi, ovk, aanbieder, contractmanager):
        ab, bhl, _ = gooi
        _beeindigd(ovk, contractmanager)
        nieuw = services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 6, 1))
        assert nieuw.pk != ovk.pk and _status(nieuw) == Overeenkomst.Status.ACTIEF
        assert _status(ovk) == Overeenkomst.Status.BEEINDIGD, "het beëindigde contract blijft zoals het was"
        regel = AuditRegel.objects.get(actie="overeenkomst.aangegaan", object_id=str(nieuw.pk))
        assert regel.nieuwe_waarden["opnieuw"] is True
        with pytest.raises(OngeldigeOvergang):
            Overeenkomst.OVERGANGEN.zet(ovk, Overeenkomst.Status.ACTIEF)

    def test_op_beeindigde_overeenkomst_geen_wijzigingsverzoek(self, ovk, contractmanager, aanbieder_beheerder):
        _beeindigd(ovk, contractmanager)
        ovk.refresh_from_db()
        with pytest.raises(ValidationError, match="beëindigd"):
            services.wijzigingsverzoek_indienen(
                overeenkomst=ovk, soort=Wijzigingsverzoek.Soort.ADRES, wijzigingsdatum=date(2026, 6, 1),
                gegevens={"straat": "Kerkstraat 1"}, door=aanbieder_beheerder,
            )
        assert not Wijzigingsverzoek.objects.exists()


class TestDeelname:
    def test_actief_clientenstop_actief(self, ovk, contractmanager):
        d = ovk.deelnames.get(perceel__code="5.10")
        with time_machine.travel(date(2026, 2, 1)):
            [stop] = services.clientenstop_opleggen(deelnames=[d], van=date(2026, 2, 1), reden="Inspectierapport", door=contractmanager)
            assert _status(d) == Deelname.Status.CLIENTENSTOP and _geaudit("clientenstop.opgelegd", ovk)
            services.clientenstop_opheffen(clientenstop=stop, toelichting="Verbeterplan uitgevoerd", door=contractmanager)
        assert _status(d) == Deelname.Status.ACTIEF and _geaudit("clientenstop.opgeheven", ovk)

    def test_clientenstop_met_termijn_verloopt_vanzelf(self, ovk, contractmanager):
        d = ovk.deelnames.get(perceel__code="5.10")
        with time_machine.travel(date(2026, 2, 1)):
            services.clientenstop_opleggen(deelnames=[d], van=date(2026, 2, 1), tot=date(2026, 2, 28), reden="Termijn", door=contractmanager)
        assert services.clientenstops_bijwerken(op=date(2026, 3, 1)) == 1
        assert _status(d) == Deelname.Status.ACTIEF and _geaudit("clientenstop.verlopen", ovk)
        assert Clientenstop.objects.get().opgeheven_op == date(2026, 3, 1)

    def test_clientenstop_naar_beeindigd(self, ovk, contractmanager):
        d = ovk.deelnames.get(perceel__code="5.10")
        with time_machine.travel(date(2026, 2, 1)):
            services.clientenstop_opleggen(deelnames=[d], van=date(2026, 2, 1), reden="Inspectierapport", door=contractmanager)
        _beeindigd(ovk, contractmanager)
        assert _status(d) == Deelname.Status.BEEINDIGD
        assert Clientenstop.objects.get().opgeheven_op == date(2026, 3, 1)

    def test_beeindigde_deelname_krijgt_geen_clientenstop(self, ovk, contractmanager):
        d = ovk.deelnames.get(perceel__code="5.10")
        _beeindigd(ovk, contractmanager, percelen=[d.perceel])
        with pytest.raises(ValidationError, match="beëindigd"):
            services.clientenstop_opleggen(deelnames=[d], van=date(2026, 4, 1), reden="x", door=contractmanager)
        assert _status(d) == Deelname.Status.BEEINDIGD

    def test_bulkstap_laat_beeindigde_deelname_met_open_stop_met_rust(self, ovk, contractmanager):
        d = ovk.deelnames.get(perceel__code="5.10")
        _beeindigd(ovk, contractmanager, percelen=[d.perceel])
        # A stop row that somehow survived the ending: the machine never revives the deelname for it.
        Clientenstop.objects.create(deelname=d, van=date(2026, 1, 1), reden="oud")
        assert services.clientenstops_bijwerken(op=date(2026, 4, 1)) == 0
        assert _status(d) == Deelname.Status.BEEINDIGD


# --- Addendum and AddendumReactie ---------------------------------------------------------------------------


@pytest.fixture
def concept(gooi, inkoper):
    ab, _, _ = gooi
    return services.addendum_opstellen(aanbesteding=ab, titel="Artikel 8", tekst="Nieuwe tekst", ingangsdatum=date(2026, 7, 1), door=inkoper)


class TestAddendum:
    @time_machine.travel(date(2026, 1, 5))
    def test_concept_ter_goedkeuring_gepubliceerd_verwerkt(self, ovk, concept, inkoper, contractmanager):
        assert _geaudit("addendum.opgesteld", concept)
        services.addendum_ter_goedkeuring(addendum=concept, door=inkoper)
        assert _status(concept) == Addendum.Status.TER_GOEDKEURING and _geaudit("addendum.ter_goedkeuring", concept)
        services.addendum_publiceren(addendum=concept, door=contractmanager)
        assert _status(concept) == Addendum.Status.GEPUBLICEERD and _geaudit("addendum.gepubliceerd", concept)
        assert services.addendum_in_werking(addendum_id=concept.pk, op=date(2026, 7, 1)).status == Addendum.Status.VERWERKT
        assert _geaudit("addendum.in_werking", concept)

    @pytest.mark.parametrize("eerst_ter_goedkeuring", [False, True])
    @time_machine.travel(date(2026, 1, 5))
    def test_concept_of_ter_goedkeuring_intrekken(self, concept, inkoper, contractmanager, eerst_ter_goedkeuring):
        if eerst_ter_goedkeuring:
            services.addendum_ter_goedkeuring(addendum=concept, door=inkoper)
        with pytest.raises(ValidationError, match="reden"):
            services.addendum_intrekken(addendum=concept, reden=" ", door=contractmanager)
        services.addendum_intrekken(addendum=concept, reden="Vervangen door een betere tekst", door=contractmanager)
        assert _status(concept) == Addendum.Status.INGETROKKEN and _geaudit("addendum.ingetrokken", concept)

    @time_machine.travel(date(2026, 1, 5))
    def test_concept_kan_niet_direct_worden_gepubliceerd(self, concept, contractmanager):
        with pytest.raises(ValidationError, match="ter goedkeuring"):
            services.addendum_publiceren(addendum=concept, door=contractmanager)
        assert _status(concept) == Addendum.Status.CONCEPT

    @time_machine.travel(date(2026, 1, 5))
    def test_gepubliceerd_addendum_kan_niet_terug_of_worden_ingetrokken(self, gooi, ovk, inkoper, contractmanager):
        ab, _, _ = gooi
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
        with pytest.raises(ValidationError):
            services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)
        with pytest.raises(OngeldigeOvergang, match="Gepubliceerd"):
            services.addendum_intrekken(addendum=addendum, reden="Toch niet", door=contractmanager)
        assert _status(addendum) == Addendum.Status.GEPUBLICEERD

    @time_machine.travel(date(2026, 1, 5))
    def test_ingetrokken_addendum_blijft_ingetrokken(self, concept, inkoper, contractmanager):
        services.addendum_intrekken(addendum=concept, reden="Vervangen", door=contractmanager)
        with pytest.raises(ValidationError):
            services.addendum_ter_goedkeuring(addendum=concept, door=inkoper)
        with pytest.raises(OngeldigeOvergang):
            services.addendum_intrekken(addendum=concept, reden="Nogmaals", door=contractmanager)
        assert services.addendum_in_werking(addendum_id=concept.pk, op=date(2026, 7, 1)) is None
        assert _status(concept) == Addendum.Status.INGETROKKEN

    def test_intrekken_alleen_door_contractbeheer(self, concept, aanbieder_beheerder):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            services.addendum_intrekken(addendum=concept, reden="x", door=aanbieder_beheerder)
        assert _status(concept) == Addendum.Status.CONCEPT


class TestAddendumReactie:
    @pytest.fixture
    def reactie(self, gooi, ovk, inkoper, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2026, 1, 5)):
            addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
        return addendum.reacties.get(overeenkomst=ovk)

    @pytest.mark.parametrize(("aanvaard", "naar"), [(True, AddendumReactie.Status.AANVAARD), (False, AddendumReactie.Status.GEWEIGERD)])
    def test_open_naar_antwoord(self, reactie, ovk, aanbieder_beheerder, aanvaard, naar):
        with time_machine.travel(date(2026, 2, 1)):
            services.addendum_beantwoorden(reactie=reactie, aanvaard=aanvaard, toelichting="Niet akkoord", door=aanbieder_beheerder)
        assert _status(reactie) == naar and _geaudit("addendum.beantwoord", ovk)

    def test_twee_keer_antwoorden_kan_niet(self, reactie, aanbieder_beheerder):
        with time_machine.travel(date(2026, 2, 1)):
            services.addendum_beantwoorden(reactie=reactie, aanvaard=True, door=aanbieder_beheerder)
            with pytest.raises(ValidationError, match="al gereageerd"):
                services.addendum_beantwoorden(reactie=reactie, aanvaard=False, toelichting="Toch niet", door=aanbieder_beheerder)
        assert _status(reactie) == AddendumReactie.Status.AANVAARD

    @pytest.mark.parametrize(("weigering", "naar"), [
        (False, AddendumReactie.Status.STILZWIJGEND_AANVAARD), (True, AddendumReactie.Status.STILZWIJGEND_GEWEIGERD),
    ])
    def test_stilzwijgen_op_de_ingangsdatum(self, gooi, reactie, ovk, weigering, naar):
        ab, _, _ = gooi
        Contractregels.objects.filter(aanbesteding=ab).update(stilzwijgen_is_weigering=weigering)
        services.addendum_in_werking(addendum_id=reactie.addendum_id, op=date(2026, 7, 1))
        assert _status(reactie) == naar
        if weigering:
            assert _geaudit("uittreding.addendum_geweigerd", ovk)
            assert set(ovk.deelnames.values_list("status", flat=True)) == {Deelname.Status.BEEINDIGD}
            assert Uittreding.objects.get(overeenkomst=ovk).status == Uittreding.Status.AFGEROND

    def test_na_ingang_geen_antwoord_meer(self, reactie, aanbieder_beheerder):
        services.addendum_in_werking(addendum_id=reactie.addendum_id, op=date(2026, 7, 1))
        with time_machine.travel(date(2026, 7, 2)), pytest.raises(ValidationError):
            services.addendum_beantwoorden(reactie=reactie, aanvaard=False, toelichting="Te laat", door=aanbieder_beheerder)
        assert _status(reactie) == AddendumReactie.Status.STILZWIJGEND_AANVAARD

    def test_toetreder_neemt_over(self, gooi, reactie, andere_aanbieder):
        ab, bhl, _ = gooi
        nieuw = services.overeenkomst_uit_toelating(organisatie=andere_aanbieder, aanbesteding=ab, percelen=[bhl], startdatum=date(2026, 3, 1))
        assert nieuw.addendumreacties.get().status == AddendumReactie.Status.OVERGENOMEN
        assert _geaudit("overeenkomst.toetreding", nieuw)


# --- Wijzigingsverzoek ------------------------------------------------------------------------------------


class TestWijzigingsverzoek:
    @pytest.fixture
    def verzoek(self, ovk, aanbieder_beheerder):
        with time_machine.travel(date(2026, 5, 1)):
            v = services.wijzigingsverzoek_indienen(
                overeenkomst=ovk, soort=Wijzigingsverzoek.Soort.ADRES, wijzigingsdatum=date(2026, 5, 1),
                gegevens={"straat": "Stationsweg 2", "postcode": "1211 AA", "plaats": "Hilversum"}, door=aanbieder_beheerder,
            )
        assert _geaudit("wijzigingsverzoek.ingediend", v)
        return v

    def test_goedkeuren_past_organisatie_aan_via_organisaties(self, verzoek, ovk, contractmanager):
        services.wijzigingsverzoek_beoordelen(verzoek=verzoek, goedkeuren=True, door=contractmanager)
        assert _status(verzoek) == Wijzigingsverzoek.Status.GOEDGEKEURD and _geaudit("wijzigingsverzoek.beoordeeld", verzoek)
        ovk.organisatie.refresh_from_db()
        assert ovk.organisatie.straat == "Stationsweg 2"
        assert _geaudit("organisatie.gewijzigd", ovk.organisatie)

    def test_afwijzen_met_reden(self, verzoek, contractmanager):
        with pytest.raises(ValidationError, match="reden"):
            services.wijzigingsverzoek_beoordelen(verzoek=verzoek, goedkeuren=False, door=contractmanager)
        services.wijzigingsverzoek_beoordelen(verzoek=verzoek, goedkeuren=False, reden="Adres onbekend", door=contractmanager)
        assert _status(verzoek) == Wijzigingsverzoek.Status.AFGEWEZEN

    def test_tweede_besluit_kan_niet(self, verzoek, contractmanager):
        services.wijzigingsverzoek_beoordelen(verzoek=verzoek, goedkeuren=False, reden="Nee", door=contractmanager)
        with pytest.raises(ValidationError, match="al beoordeeld"):
            services.wijzigingsverzoek_beoordelen(verzoek=verzoek, goedkeuren=True, door=contractmanager)
        assert _status(verzoek) == Wijzigingsverzoek.Status.AFGEWEZEN


# --- Uittreding -------------------------------------------------------------------------------------------


class TestUittreding:
    @pytest.fixture
    def opzegging(self, ovk, aanbieder_beheerder):
        with time_machine.travel(date(2026, 3, 15)):
            u = services.uittreding_melden(overeenkomst=ovk, optie=O.GOOI_1, door=aanbieder_beheerder)
        assert _status(u) == Uittreding.Status.INGEDIEND
        return u

    def test_ingediend_lopend_afgerond(self, opzegging, ovk, contractmanager):
        with time_machine.travel(date(2026, 3, 16)):
            services.uittreding_aanvaarden(uittreding=opzegging, door=contractmanager)
            assert _status(opzegging) == Uittreding.Status.LOPEND and _geaudit("uittreding.aanvaard", opzegging)
            services.uittreding_overdracht_bevestigen(uittreding=opzegging, overgedragen_op=date(2026, 3, 16), door=contractmanager)
        assert _status(opzegging) == Uittreding.Status.AFGEROND
        assert _geaudit("uittreding.overdracht_bevestigd", opzegging) and _geaudit("uittreding.afgerond", opzegging)

    def test_ingediend_ingetrokken_door_aanbieder(self, opzegging, ovk, aanbieder_beheerder):
        services.uittreding_intrekken(uittreding=opzegging, toelichting="Toch door", door=aanbieder_beheerder)
        assert _status(opzegging) == Uittreding.Status.INGETROKKEN and _geaudit("uittreding.ingetrokken", opzegging)
        assert set(ovk.deelnames.values_list("status", flat=True)) == {Deelname.Status.ACTIEF}

    def test_intrekken_door_een_ander_geweigerd(self, opzegging, andere_beheerder):
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            services.uittreding_intrekken(uittreding=opzegging, door=andere_beheerder)
        assert _status(opzegging) == Uittreding.Status.INGEDIEND

    def test_aanvaarde_opzegging_niet_nogmaals_aanvaarden_of_intrekken(self, opzegging, contractmanager, aanbieder_beheerder):
        services.uittreding_aanvaarden(uittreding=opzegging, door=contractmanager)
        with pytest.raises(OngeldigeOvergang):
            services.uittreding_aanvaarden(uittreding=opzegging, door=contractmanager)
        with pytest.raises(OngeldigeOvergang):
            services.uittreding_intrekken(uittreding=opzegging, door=aanbieder_beheerder)
        assert _status(opzegging) == Uittreding.Status.LOPEND

    def test_ingetrokken_of_afgerond_is_eindstation(self, opzegging, contractmanager, aanbieder_beheerder):
        services.uittreding_intrekken(uittreding=opzegging, door=aanbieder_beheerder)
        for actie in (
            lambda: services.uittreding_aanvaarden(uittreding=opzegging, door=contractmanager),
            lambda: services.uittreding_overdracht_bevestigen(uittreding=opzegging, overgedragen_op=date(2026, 4, 1), door=contractmanager),
            lambda: services.uittreding_vergoeding_betaald(uittreding=opzegging, betaald_op=date(2026, 4, 1), door=contractmanager),
        ):
            with pytest.raises(ValidationError, match="afgerond of ingetrokken"):
                actie()
        assert _status(opzegging) == Uittreding.Status.INGETROKKEN


# --- Indexatieronde ---------------------------------------------------------------------------------------


class TestIndexatieronde:
    @time_machine.travel(date(2025, 9, 15))
    def test_concept_naar_gepubliceerd_met_het_addendum(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage="2.5", door=inkoper)
        assert _status(ronde) == Indexatieronde.Status.CONCEPT and _geaudit("indexatie.opgesteld", ronde)
        addendum = services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        assert _status(ronde) == Indexatieronde.Status.CONCEPT
        services.addendum_publiceren(addendum=addendum, door=contractmanager)
        assert _status(ronde) == Indexatieronde.Status.GEPUBLICEERD

    @time_machine.travel(date(2025, 9, 15))
    def test_ronde_met_addendum_ligt_vast(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage="2.5", door=inkoper)
        addendum = services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        services.addendum_publiceren(addendum=addendum, door=contractmanager)
        with pytest.raises(ValidationError, match="niet meer worden gewijzigd"):
            services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage="9", door=inkoper)
        ronde.refresh_from_db()
        assert (ronde.status, ronde.percentage) == (Indexatieronde.Status.GEPUBLICEERD, 2.5)

    @time_machine.travel(date(2025, 9, 15))
    def test_ingetrokken_addendum_maakt_de_ronde_weer_vrij(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage="2.5", door=inkoper)
        addendum = services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        services.addendum_intrekken(addendum=addendum, reden="Verkeerd percentage", door=contractmanager)
        # Issue 19: the freed concept is changed explicitly (a second indexatie_opstellen is refused).
        ronde = services.indexatie_wijzigen(ronde=ronde, methode="percentage", percentage="2.0", door=inkoper)
        assert ronde.addendum_id is None and _status(ronde) == Indexatieronde.Status.CONCEPT


# --- Verlengingsronde -------------------------------------------------------------------------------------


class TestVerlengingsronde:
    def test_aangekondigd_naar_verwerkt(self, gooi, ovk, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2028, 8, 20)):
            ronde = services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
        assert _status(ronde) == Verlengingsronde.Status.AANGEKONDIGD and _geaudit("verlenging.aangekondigd", ronde)
        assert services.verlenging_verwerken(ronde_id=ronde.pk, op=date(2028, 10, 1)) is not None
        assert _status(ronde) == Verlengingsronde.Status.VERWERKT and _geaudit("verlenging.verwerkt", ronde)
        assert _geaudit("aanbesteding.looptijd_verlengd", ab)

    def test_verwerkte_ronde_verandert_niet_meer(self, gooi, ovk, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2028, 8, 20)):
            ronde = services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
        services.verlenging_verwerken(ronde_id=ronde.pk, op=date(2028, 10, 1))
        assert services.verlenging_verwerken(ronde_id=ronde.pk, op=date(2028, 10, 2)) is None
        ronde.refresh_from_db()
        with pytest.raises(ValidationError, match="al verwerkt"):
            services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=ovk, ontvangen_op=date(2028, 9, 1), door=contractmanager)
        assert _status(ronde) == Verlengingsronde.Status.VERWERKT

    def test_verlengingsdata_uit_de_procedure(self, gooi):
        ab, _, _ = gooi
        assert services.verlengingsdata(ab) == (date(2028, 9, 1), date(2028, 10, 1))
