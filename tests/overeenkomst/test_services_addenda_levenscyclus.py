"""Addenda through the services: drafting, structured parts, lead time (003a §3.7: non-material ≥ 3 months,
material ≥ 9 months before effect), four eyes, answers and coming into force, each with its audit entry.

Sources: /work/shared/domain/003a.md §3.7 (lines 367–377 of the original); 002 UOK 15.1 (every change by
addendum); peers-and-standards §2.18 (a refused amendment counts as notice).
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Product, Tarief
from overeenkomst import services
from overeenkomst.models import (
    Addendum,
    AddendumOnderdeel,
    AddendumReactie,
    Deelname,
    Mededeling,
    Overeenkomst,
    Uittreding,
)

from ._hulp import auditregels, contracteer, een_auditregel, medewerker_van

S = AddendumOnderdeel.Soort
PUBLICATIE = date(2026, 1, 5)
INGANG = date(2026, 7, 1)


@pytest.fixture
def twee(gooi, aanbieder, andere_aanbieder):
    """aanbieder in 5.10 and 5.4, andere_aanbieder only in 5.4."""
    ab, bhl, dag = gooi
    a = contracteer(ab, aanbieder, [bhl, dag])
    b = contracteer(ab, andere_aanbieder, [dag])
    return ab, bhl, dag, a, b


def _concept(ab, door, ingangsdatum=INGANG, soort=Addendum.Soort.NIET_WEZENLIJK, **kw):
    return services.addendum_opstellen(
        aanbesteding=ab, titel="Wijziging artikel 8", tekst="Artikel 8.1 luidt voortaan ...", ingangsdatum=ingangsdatum,
        soort=soort, door=door, **kw,
    )


def _gepubliceerd(ab, opsteller, goedkeurder, ingangsdatum=INGANG, **kw):
    with time_machine.travel(PUBLICATIE):
        addendum = _concept(ab, opsteller, ingangsdatum, **kw)
        services.addendum_ter_goedkeuring(addendum=addendum, door=opsteller)
        return services.addendum_publiceren(addendum=addendum, door=goedkeurder)


class TestOpstellen:
    def test_concept_met_auditregel(self, gooi, inkoper):
        ab, bhl, _ = gooi
        addendum = _concept(ab, inkoper, percelen=[bhl])
        assert (addendum.status, addendum.nummer, addendum.opgesteld_door) == (Addendum.Status.CONCEPT, None, inkoper)
        assert list(addendum.percelen.all()) == [bhl]
        regel = een_auditregel("addendum.opgesteld", addendum)
        assert regel.actor == inkoper
        assert regel.nieuwe_waarden == {"titel": "Wijziging artikel 8", "soort": "niet_wezenlijk", "ingangsdatum": "2026-07-01"}

    def test_contractmanager_mag_opstellen(self, gooi, contractmanager):
        ab, _, _ = gooi
        assert _concept(ab, contractmanager).opgesteld_door == contractmanager

    @pytest.mark.parametrize("persona", ["aanbieder_beheerder", "beoordelaar"])
    def test_geen_contractbeheer_mag_niet_opstellen(self, gooi, request, persona):
        ab, _, _ = gooi
        with pytest.raises(PermissionDenied):
            _concept(ab, request.getfixturevalue(persona))
        assert not Addendum.objects.exists()
        assert auditregels("addendum.opgesteld") == []

    def test_onderdelen_in_volgorde(self, gooi, inkoper):
        ab, bhl, _ = gooi
        p43 = Product.objects.get(code="43B03")
        addendum = _concept(ab, inkoper, onderdelen=[
            {"soort": S.CLAUSULE, "bepaling": "artikel 8.1", "tekst": "Opzegging per aangetekende brief."},
            {"soort": S.PRODUCT_GEWIJZIGD, "product": p43, "gegevens": {"naam": "Behandelgroep (BHL)"}},
        ])
        assert list(addendum.onderdelen.values_list("soort", "volgorde")) == [(S.CLAUSULE, 0), (S.PRODUCT_GEWIJZIGD, 1)]

    def test_ongeldig_onderdeel_laat_geen_addendum_achter(self, gooi, inkoper):
        ab, _, _ = gooi
        with pytest.raises(ValidationError):
            _concept(ab, inkoper, onderdelen=[{"soort": S.CLAUSULE, "tekst": ""}])
        assert not Addendum.objects.exists()  # the whole draft is one transaction


class TestOnderdeelToevoegen:
    @pytest.mark.parametrize(("soort", "velden"), [
        (S.PRODUCT_GEWIJZIGD, {"gegevens": {"naam": "x"}}),
        (S.PRODUCT_VERWIJDERD, {}),
        (S.PRODUCT_TOEGEVOEGD, {"gegevens": {"naam": "zonder code"}}),
        (S.TARIEVEN, {"gegevens": {"tarieven": [{"product": 1, "bedrag": "1.00"}]}}),
        (S.TARIEVEN, {"jaar": 2027, "gegevens": {"tarieven": []}}),
        (S.CLAUSULE, {"bepaling": "artikel 8.1"}),
    ])
    def test_onvolledig_onderdeel_geweigerd(self, gooi, inkoper, soort, velden):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper)
        with pytest.raises(ValidationError):
            services.addendum_onderdeel_toevoegen(addendum=addendum, soort=soort, door=inkoper, **velden)
        assert not addendum.onderdelen.exists()

    def test_nieuw_product_zonder_perceel_geweigerd(self, gooi, inkoper):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper)
        with pytest.raises(ValidationError):
            services.addendum_onderdeel_toevoegen(addendum=addendum, soort=S.PRODUCT_TOEGEVOEGD, door=inkoper,
                                                  gegevens={"code": "43B04"})
        assert not addendum.onderdelen.exists()

    def test_volledig_nieuw_product_opgeslagen(self, gooi, inkoper):
        ab, bhl, _ = gooi
        addendum = _concept(ab, inkoper)
        onderdeel = services.addendum_onderdeel_toevoegen(
            addendum=addendum, soort=S.PRODUCT_TOEGEVOEGD, door=inkoper, perceel=bhl, gegevens={"code": "43B04", "naam": "Licht"},
        )
        assert (onderdeel.addendum, onderdeel.perceel, onderdeel.gegevens["code"]) == (addendum, bhl, "43B04")

    def test_alleen_een_concept_kan_worden_gewijzigd(self, gooi, inkoper):
        ab, _, _ = gooi
        with time_machine.travel(PUBLICATIE):
            addendum = services.addendum_ter_goedkeuring(addendum=_concept(ab, inkoper), door=inkoper)
        with pytest.raises(ValidationError):
            services.addendum_onderdeel_toevoegen(addendum=addendum, soort=S.CLAUSULE, tekst="Nieuwe tekst", door=inkoper)
        assert not addendum.onderdelen.exists()

    def test_aanbieder_mag_geen_onderdeel_toevoegen(self, gooi, inkoper, aanbieder_beheerder):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper)
        with pytest.raises(PermissionDenied):
            services.addendum_onderdeel_toevoegen(addendum=addendum, soort=S.CLAUSULE, tekst="x", door=aanbieder_beheerder)
        assert not addendum.onderdelen.exists()


class TestAankondigingstermijn:
    """003a §3.7: ≥ 3 months (non-material) / ≥ 9 months (material) between publication and effect."""

    @pytest.mark.parametrize(("soort", "laatste_dag"), [
        (Addendum.Soort.NIET_WEZENLIJK, date(2026, 4, 1)),  # 1 July − 3 months
        (Addendum.Soort.WEZENLIJK, date(2025, 10, 1)),  # 1 July − 9 months
    ])
    def test_op_de_laatste_dag_nog_op_tijd(self, gooi, inkoper, soort, laatste_dag):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper, soort=soort)
        with time_machine.travel(laatste_dag):
            services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)
        addendum.refresh_from_db()
        assert addendum.status == Addendum.Status.TER_GOEDKEURING
        assert een_auditregel("addendum.ter_goedkeuring", addendum).actor == inkoper

    @pytest.mark.parametrize(("soort", "dag_te_laat"), [
        (Addendum.Soort.NIET_WEZENLIJK, date(2026, 4, 2)),
        (Addendum.Soort.WEZENLIJK, date(2025, 10, 2)),
    ])
    def test_een_dag_later_geweigerd(self, gooi, inkoper, soort, dag_te_laat):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper, soort=soort)
        with time_machine.travel(dag_te_laat), pytest.raises(ValidationError):
            services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)
        addendum.refresh_from_db()
        assert addendum.status == Addendum.Status.CONCEPT
        assert auditregels("addendum.ter_goedkeuring") == []

    def test_regio_met_eigen_termijn_is_data(self, gooi, inkoper):
        # ARCHITECTURE rule 8: Holland Rijnland (004) uses ≥ 6 months; only Contractregels changes.
        ab, _, _ = gooi
        ab.contractregels.termijn_niet_wezenlijk_maanden = 6
        ab.contractregels.save()
        addendum = _concept(ab, inkoper)
        assert services.termijn_maanden(addendum) == 6
        with time_machine.travel(date(2026, 1, 2)), pytest.raises(ValidationError):
            services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)
        with time_machine.travel(date(2026, 1, 1)):
            services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)

    def test_afwijking_door_inkoper_met_auditregel(self, gooi, inkoper):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper)
        with time_machine.travel(date(2026, 5, 1)):
            services.addendum_termijn_afwijken(addendum=addendum, reden="  Wetswijziging per 1 juli  ", door=inkoper)
            services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)
        addendum.refresh_from_db()
        assert (addendum.termijn_afwijking_reden, addendum.termijn_afwijking_door) == ("Wetswijziging per 1 juli", inkoper)
        regel = een_auditregel("addendum.termijn_afwijking", addendum)
        assert (regel.actor, regel.toelichting.strip()) == (inkoper, "Wetswijziging per 1 juli")

    def test_afwijking_zonder_reden_geweigerd(self, gooi, inkoper):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper)
        with pytest.raises(ValidationError):
            services.addendum_termijn_afwijken(addendum=addendum, reden="   ", door=inkoper)
        addendum.refresh_from_db()
        assert addendum.termijn_afwijking_reden == ""
        assert auditregels("addendum.termijn_afwijking") == []

    @pytest.mark.parametrize("persona", ["contractmanager", "aanbieder_beheerder", "beoordelaar"])
    def test_alleen_inkoper_mag_afwijken(self, gooi, inkoper, request, persona):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper)
        with pytest.raises(PermissionDenied):
            services.addendum_termijn_afwijken(addendum=addendum, reden="spoed", door=request.getfixturevalue(persona))
        addendum.refresh_from_db()
        assert addendum.termijn_afwijking_reden == ""

    def test_ter_goedkeuring_alleen_vanuit_concept(self, gooi, inkoper):
        ab, _, _ = gooi
        with time_machine.travel(PUBLICATIE):
            addendum = services.addendum_ter_goedkeuring(addendum=_concept(ab, inkoper), door=inkoper)
            with pytest.raises(ValidationError):
                services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)
        assert len(auditregels("addendum.ter_goedkeuring", addendum)) == 1

    def test_aanbieder_kan_niet_ter_goedkeuring_aanbieden(self, gooi, inkoper, aanbieder_beheerder):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper)
        with time_machine.travel(PUBLICATIE), pytest.raises(PermissionDenied):
            services.addendum_ter_goedkeuring(addendum=addendum, door=aanbieder_beheerder)
        addendum.refresh_from_db()
        assert addendum.status == Addendum.Status.CONCEPT


class TestPubliceren:
    def test_publicatie_nummert_verstuurt_en_auditeert(self, twee, inkoper, contractmanager):
        ab, bhl, _, a, b = twee
        addendum = _gepubliceerd(ab, inkoper, contractmanager)
        assert (addendum.status, addendum.nummer, addendum.goedgekeurd_door) == (Addendum.Status.GEPUBLICEERD, 1, contractmanager)
        assert set(addendum.reacties.values_list("overeenkomst", "status")) == {
            (a.pk, AddendumReactie.Status.OPEN), (b.pk, AddendumReactie.Status.OPEN)
        }
        regel = een_auditregel("addendum.gepubliceerd", addendum)
        assert regel.actor == contractmanager
        assert (regel.nieuwe_waarden["nummer"], regel.nieuwe_waarden["ontvangers"]) == (1, 2)
        mededeling = Mededeling.objects.get(addendum=addendum)
        assert (mededeling.soort, mededeling.titel) == (Mededeling.Soort.ADDENDUM, "Addendum 1: Wijziging artikel 8")
        assert "01-07-2026" in mededeling.tekst

    def test_nummers_lopen_per_aanbesteding_door(self, gooi, mlo, inkoper, contractmanager):
        ab, _, _ = gooi
        mlo_ab, _ = mlo
        eerste = _gepubliceerd(ab, inkoper, contractmanager)
        tweede = _gepubliceerd(ab, inkoper, contractmanager, ingangsdatum=date(2026, 8, 1))
        ander = _gepubliceerd(mlo_ab, inkoper, contractmanager)
        assert (eerste.nummer, tweede.nummer, ander.nummer) == (1, 2, 1)

    def test_beeindigde_deelname_krijgt_het_addendum_niet(self, twee, inkoper, contractmanager):
        ab, _, dag, a, b = twee
        with time_machine.travel(date(2025, 6, 1)):
            u = services.overeenkomst_beeindigen(overeenkomst=b, grond=Uittreding.Grond.FAILLISSEMENT, einddatum=date(2025, 6, 30),
                                                 toelichting="Faillissement", door=contractmanager)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2025, 6, 15), door=contractmanager)
        with time_machine.travel(date(2025, 6, 30)):
            services.uittreding_afronden_indien_klaar(uittreding_id=u.pk)
        addendum = _gepubliceerd(ab, inkoper, contractmanager, percelen=[dag])
        assert list(addendum.reacties.values_list("overeenkomst", flat=True)) == [a.pk]

    def test_concept_kan_niet_direct_gepubliceerd(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper)
        with time_machine.travel(PUBLICATIE), pytest.raises(ValidationError):
            services.addendum_publiceren(addendum=addendum, door=contractmanager)
        addendum.refresh_from_db()
        assert (addendum.status, addendum.nummer) == (Addendum.Status.CONCEPT, None)
        assert auditregels("addendum.gepubliceerd") == []

    def test_termijn_opnieuw_getoetst_op_de_dag_van_publicatie(self, twee, inkoper, contractmanager):
        ab, _, _, _, _ = twee
        with time_machine.travel(date(2026, 4, 1)):
            addendum = services.addendum_ter_goedkeuring(addendum=_concept(ab, inkoper), door=inkoper)
        with time_machine.travel(date(2026, 4, 2)), pytest.raises(ValidationError):
            services.addendum_publiceren(addendum=addendum, door=contractmanager)
        addendum.refresh_from_db()
        assert addendum.status == Addendum.Status.TER_GOEDKEURING
        assert not AddendumReactie.objects.exists()

    def test_afwijking_staat_in_de_publicatie_audit(self, twee, inkoper, contractmanager):
        ab, _, _, _, _ = twee
        addendum = _concept(ab, inkoper)
        with time_machine.travel(date(2026, 6, 1)):
            services.addendum_termijn_afwijken(addendum=addendum, reden="Wetswijziging", door=inkoper)
            services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)
            services.addendum_publiceren(addendum=addendum, door=contractmanager)
        assert een_auditregel("addendum.gepubliceerd", addendum).toelichting == "Kortere termijn: Wetswijziging"

    @pytest.mark.parametrize("persona", ["aanbieder_beheerder", "beoordelaar"])
    def test_geen_contractbeheer_mag_niet_publiceren(self, gooi, inkoper, request, persona):
        ab, _, _ = gooi
        with time_machine.travel(PUBLICATIE):
            addendum = services.addendum_ter_goedkeuring(addendum=_concept(ab, inkoper), door=inkoper)
            with pytest.raises(PermissionDenied):
                services.addendum_publiceren(addendum=addendum, door=request.getfixturevalue(persona))
        addendum.refresh_from_db()
        assert addendum.status == Addendum.Status.TER_GOEDKEURING

    def test_tarieftabel_wordt_tariefrij_per_1_januari(self, gooi, inkoper, contractmanager):
        # ADR 0008 §6: a tariff table in an addendum becomes Tarief rows; the previous open row closes the day before.
        ab, _, _ = gooi
        p43 = Product.objects.get(code="43B03")
        tabel = {"soort": S.TARIEVEN, "jaar": 2027, "gegevens": {"tarieven": [
            {"product": p43.pk, "intensiteit": "zwaar", "bedrag": "360.00", "onafgerond": "359.996"},
        ]}}
        with time_machine.travel(date(2026, 9, 1)):
            addendum = _concept(ab, inkoper, ingangsdatum=date(2027, 1, 1), onderdelen=[tabel])
            services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)
            services.addendum_publiceren(addendum=addendum, door=contractmanager)
        nieuw = Tarief.objects.get(product=p43, intensiteit="zwaar", geldig_van=date(2027, 1, 1))
        assert (nieuw.bedrag, nieuw.bedrag_onafgerond, nieuw.geldig_tot, nieuw.bron) == (
            Decimal("360.00"), Decimal("359.996"), None, "Addendum 1"
        )
        assert Tarief.objects.get(product=p43, intensiteit="zwaar", geldig_van=date(2025, 1, 1)).geldig_tot == date(2026, 12, 31)
        # extra zwaar was not in the table: unchanged and still open-ended.
        assert Tarief.objects.get(product=p43, intensiteit="extra_zwaar", geldig_van=date(2025, 1, 1)).geldig_tot is None


class TestBeantwoorden:
    def test_aanvaarden_met_auditregel(self, twee, inkoper, contractmanager, aanbieder_beheerder):
        ab, _, _, a, _ = twee
        addendum = _gepubliceerd(ab, inkoper, contractmanager)
        reactie = addendum.reacties.get(overeenkomst=a)
        with time_machine.travel(date(2026, 6, 30)):
            services.addendum_beantwoorden(reactie=reactie, aanvaard=True, door=aanbieder_beheerder)
        reactie.refresh_from_db()
        assert (reactie.status, reactie.beantwoord_door) == (AddendumReactie.Status.AANVAARD, aanbieder_beheerder)
        regel = een_auditregel("addendum.beantwoord", a)
        assert regel.actor == aanbieder_beheerder
        assert regel.nieuwe_waarden == {"addendum": str(addendum), "status": "aanvaard"}

    def test_weigeren_vereist_toelichting(self, twee, inkoper, contractmanager, aanbieder_beheerder):
        ab, _, _, a, _ = twee
        addendum = _gepubliceerd(ab, inkoper, contractmanager)
        reactie = addendum.reacties.get(overeenkomst=a)
        with time_machine.travel(date(2026, 2, 1)), pytest.raises(ValidationError):
            services.addendum_beantwoorden(reactie=reactie, aanvaard=False, toelichting=" ", door=aanbieder_beheerder)
        reactie.refresh_from_db()
        assert reactie.status == AddendumReactie.Status.OPEN
        assert auditregels("addendum.beantwoord") == []

    def test_tweede_antwoord_geweigerd(self, twee, inkoper, contractmanager, aanbieder_beheerder):
        ab, _, _, a, _ = twee
        addendum = _gepubliceerd(ab, inkoper, contractmanager)
        reactie = addendum.reacties.get(overeenkomst=a)
        with time_machine.travel(date(2026, 2, 1)):
            services.addendum_beantwoorden(reactie=reactie, aanvaard=True, door=aanbieder_beheerder)
            with pytest.raises(ValidationError):
                services.addendum_beantwoorden(reactie=reactie, aanvaard=False, toelichting="Toch niet", door=aanbieder_beheerder)
        reactie.refresh_from_db()
        assert reactie.status == AddendumReactie.Status.AANVAARD
        assert len(auditregels("addendum.beantwoord")) == 1

    @pytest.mark.parametrize("persona", ["medewerker", "andere_beheerder", "contractmanager"])
    def test_alleen_beheerder_van_de_eigen_organisatie(self, twee, inkoper, contractmanager, aanbieder, request, persona):
        ab, _, _, a, _ = twee
        addendum = _gepubliceerd(ab, inkoper, contractmanager)
        door = medewerker_van(aanbieder) if persona == "medewerker" else request.getfixturevalue(persona)
        reactie = addendum.reacties.get(overeenkomst=a)
        with time_machine.travel(date(2026, 2, 1)), pytest.raises(PermissionDenied):
            services.addendum_beantwoorden(reactie=reactie, aanvaard=True, door=door)
        reactie.refresh_from_db()
        assert reactie.status == AddendumReactie.Status.OPEN


class TestInWerking:
    def test_weigering_wordt_uittreding_en_beeindigt_overeenkomst(self, twee, inkoper, contractmanager, andere_beheerder):
        # b only has 5.4; refusing an addendum for all percelen ends its whole agreement on the effective date.
        ab, _, _, a, b = twee
        addendum = _gepubliceerd(ab, inkoper, contractmanager)
        with time_machine.travel(date(2026, 2, 1)):
            services.addendum_beantwoorden(reactie=addendum.reacties.get(overeenkomst=b), aanvaard=False,
                                           toelichting="Niet akkoord", door=andere_beheerder)
        with time_machine.travel(INGANG):
            assert services.addendum_in_werking(addendum_id=addendum.pk) is not None
        b.refresh_from_db()
        assert (b.status, b.einddatum) == (Overeenkomst.Status.BEEINDIGD, INGANG)
        u = Uittreding.objects.get(overeenkomst=b)
        assert (u.aanleiding, u.status, u.einddatum, u.addendum) == (
            Uittreding.Aanleiding.ADDENDUM_GEWEIGERD, Uittreding.Status.AFGEROND, INGANG, addendum
        )
        assert een_auditregel("uittreding.addendum_geweigerd", b).nieuwe_waarden == {"einddatum": "2026-07-01"}
        assert een_auditregel("overeenkomst.beeindigd", b).nieuwe_waarden == {"einddatum": "2026-07-01"}
        assert een_auditregel("addendum.in_werking", addendum).actor is None  # the system
        assert auditregels("overeenkomst.beeindigd", a) == []
        assert set(a.deelnames.values_list("status", flat=True)) == {Deelname.Status.ACTIEF}

    def test_voor_de_ingangsdatum_gebeurt_niets(self, twee, inkoper, contractmanager):
        ab, _, _, _, _ = twee
        addendum = _gepubliceerd(ab, inkoper, contractmanager)
        assert services.addendum_in_werking(addendum_id=addendum.pk, op=date(2026, 6, 30)) is None
        addendum.refresh_from_db()
        assert addendum.status == Addendum.Status.GEPUBLICEERD
        assert auditregels("addendum.in_werking") == []

    def test_tweede_keer_verwerken_doet_niets(self, twee, inkoper, contractmanager, andere_beheerder):
        ab, _, _, _, b = twee
        addendum = _gepubliceerd(ab, inkoper, contractmanager)
        with time_machine.travel(date(2026, 2, 1)):
            services.addendum_beantwoorden(reactie=addendum.reacties.get(overeenkomst=b), aanvaard=False,
                                           toelichting="Niet akkoord", door=andere_beheerder)
        assert services.addendum_in_werking(addendum_id=addendum.pk, op=INGANG) is not None
        assert services.addendum_in_werking(addendum_id=addendum.pk, op=date(2026, 7, 2)) is None
        assert Uittreding.objects.count() == 1
        assert len(auditregels("addendum.in_werking")) == 1
        assert len(auditregels("uittreding.addendum_geweigerd")) == 1

    def test_concept_gaat_nooit_in_werking(self, gooi, inkoper):
        ab, _, _ = gooi
        addendum = _concept(ab, inkoper)
        assert services.addendum_in_werking(addendum_id=addendum.pk, op=date(2027, 1, 1)) is None
        addendum.refresh_from_db()
        assert addendum.status == Addendum.Status.CONCEPT

    def test_alle_reacties_gemarkeerd_als_verwerkt(self, twee, inkoper, contractmanager, aanbieder_beheerder):
        ab, _, _, a, _ = twee
        addendum = _gepubliceerd(ab, inkoper, contractmanager)
        with time_machine.travel(date(2026, 2, 1)):
            services.addendum_beantwoorden(reactie=addendum.reacties.get(overeenkomst=a), aanvaard=True, door=aanbieder_beheerder)
        services.addendum_in_werking(addendum_id=addendum.pk, op=INGANG)
        assert set(addendum.reacties.values_list("status", "verwerkt")) == {
            (AddendumReactie.Status.AANVAARD, True), (AddendumReactie.Status.STILZWIJGEND_AANVAARD, True)
        }
        addendum.refresh_from_db()
        assert addendum.status == Addendum.Status.VERWERKT and addendum.verwerkt_op is not None
