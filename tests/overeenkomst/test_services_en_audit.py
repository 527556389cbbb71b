"""The remaining public services of overeenkomst and the audit entry of each write, asserted by action name
(tests/architectuur/test_dekking.py: every service and every audit action has a test in its app)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditRegel
from overeenkomst import services
from overeenkomst.models import Addendum, AddendumOnderdeel, Contractregels, Deelname, Uittreding

O = Uittreding.Optie  # noqa: E741


def _audit(actie, obj):
    return AuditRegel.objects.get(actie=actie, object_id=str(obj.pk))


@pytest.fixture
def ovk(gooi, aanbieder, aanbieder_beheerder):
    ab, bhl, dag = gooi
    return services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2025, 1, 1))


def test_termijn_maanden_en_gehaald(gooi, inkoper):
    ab, _, _ = gooi
    wezenlijk = services.addendum_opstellen(aanbesteding=ab, titel="T", tekst="X", ingangsdatum=date(2027, 1, 1),
                                            soort=Addendum.Soort.WEZENLIJK, door=inkoper)
    assert services.termijn_maanden(wezenlijk) == 9
    assert services.termijn_gehaald(wezenlijk, op=date(2026, 4, 1)) is True
    assert services.termijn_gehaald(wezenlijk, op=date(2026, 4, 2)) is False


def test_termijn_afwijking_door_inkoper_wordt_geaudit(gooi, inkoper, contractmanager):
    ab, _, _ = gooi
    addendum = services.addendum_opstellen(aanbesteding=ab, titel="T", tekst="X", ingangsdatum=date(2026, 2, 1), door=inkoper)
    with pytest.raises(PermissionDenied):
        services.addendum_termijn_afwijken(addendum=addendum, reden="Spoed", door=contractmanager)
    services.addendum_termijn_afwijken(addendum=addendum, reden="Wettelijke wijziging per 1 februari", door=inkoper)
    assert _audit("addendum.termijn_afwijking", addendum).toelichting == "Wettelijke wijziging per 1 februari"


class TestOnderdeelToevoegen:
    @pytest.fixture
    def concept(self, gooi, inkoper):
        ab, _, _ = gooi
        return services.addendum_opstellen(aanbesteding=ab, titel="T", tekst="X", ingangsdatum=date(2027, 1, 1), door=inkoper)

    @pytest.mark.parametrize(("soort", "velden", "melding"), [
        ("product_gewijzigd", {}, "Kies het product"),
        ("product_toegevoegd", {"gegevens": {"code": "43B09"}}, "perceel en een productcode"),
        ("tarieven", {"jaar": 2027}, "jaar en tarieven"),
        ("clausule", {}, "nieuwe tekst"),
        ("iets_anders", {}, "soort wijziging"),
    ])
    def test_onvolledig_onderdeel_geweigerd(self, concept, inkoper, soort, velden, melding):
        with pytest.raises(ValidationError, match=melding):
            services.addendum_onderdeel_toevoegen(addendum=concept, soort=soort, door=inkoper, **velden)
        assert not AddendumOnderdeel.objects.exists()

    def test_alleen_op_een_concept(self, concept, inkoper):
        with time_machine.travel(date(2026, 1, 5)):
            concept = services.addendum_ter_goedkeuring(addendum=concept, door=inkoper)
        with pytest.raises(ValidationError, match="concept"):
            services.addendum_onderdeel_toevoegen(addendum=concept, soort="clausule", tekst="Nieuw", door=inkoper)


def test_uittreding_berekenen_en_toegestane_opties(gooi, mlo):
    ab, _, _ = gooi
    gooi_regels = Contractregels.voor(ab)
    assert services.toegestane_opties(gooi_regels) == [O.GOOI_1, O.GOOI_2]
    assert services.uittreding_berekenen(gooi_regels, O.GOOI_2, date(2026, 3, 15), 12) == (date(2026, 6, 14), Decimal("1800.00"))
    assert services.uittreding_berekenen(gooi_regels, O.GOOI_1, date(2026, 3, 15), None) == (date(2026, 3, 15), None)
    mlo_regels = Contractregels.voor(mlo[0])
    assert services.toegestane_opties(mlo_regels) == [O.MLO]
    with pytest.raises(ValidationError, match="Onbekende"):
        services.uittreding_berekenen(mlo_regels, "vertrek", date(2026, 3, 15), None)


def test_opzegging_met_vergoeding_tot_betaling(ovk, aanbieder_beheerder, contractmanager):
    with time_machine.travel(date(2026, 3, 15)):
        u = services.uittreding_melden(overeenkomst=ovk, optie=O.GOOI_2, aantal_clienten=2,
                                       continuiteit_toelichting="Overdracht naar Kompaan", door=aanbieder_beheerder)
    assert _audit("uittreding.gemeld", ovk).nieuwe_waarden["vergoeding"] == "300.00"
    with time_machine.travel(date(2026, 7, 1)):
        services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 6, 1), door=contractmanager)
        assert services.uittreding_afronden_indien_klaar(uittreding_id=u.pk).status == Uittreding.Status.LOPEND  # fee unpaid
        services.uittreding_vergoeding_betaald(uittreding=u, betaald_op=date(2026, 6, 20), door=contractmanager)
    assert _audit("uittreding.vergoeding_betaald", u).nieuwe_waarden == {"vergoeding_betaald_op": "2026-06-20"}
    u.refresh_from_db()
    assert (u.status, u.einddatum) == (Uittreding.Status.AFGEROND, date(2026, 6, 20))


def test_beeindiging_door_opdrachtgever_geaudit(ovk, contractmanager):
    with pytest.raises(ValidationError, match="gronden"):
        services.overeenkomst_beeindigen(overeenkomst=ovk, grond="zomaar", einddatum=date(2026, 6, 30), toelichting="x", door=contractmanager)
    services.overeenkomst_beeindigen(overeenkomst=ovk, grond="bibob", einddatum=date(2026, 6, 30), toelichting="Bibob-advies", door=contractmanager)
    assert _audit("overeenkomst.beeindiging", ovk).nieuwe_waarden == {"grond": "bibob", "einddatum": "2026-06-30"}


def test_verlengingsbezwaar_geaudit(gooi, ovk, contractmanager):
    ab, _, _ = gooi
    with time_machine.travel(date(2028, 8, 20)):
        ronde = services.verlenging_aankondigen(aanbesteding=ab, door=contractmanager)
    with time_machine.travel(date(2028, 9, 16)):
        services.verlengingsbezwaar_vastleggen(ronde=ronde, overeenkomst=ovk, ontvangen_op=date(2028, 9, 15), door=contractmanager)
    assert _audit("verlenging.bezwaar", ovk).nieuwe_waarden["ontvangen_op"] == "2028-09-15"


def test_looptijd_beeindigen_na_de_laatste_dag(gooi, ovk):
    ab, _, _ = gooi
    assert services.looptijd_beeindigen(aanbesteding_id=ab.pk, op=date(2028, 12, 31)) == 0
    assert services.looptijd_beeindigen(aanbesteding_id=ab.pk, op=date(2029, 1, 1)) == 2
    assert set(ovk.deelnames.values_list("status", flat=True)) == {Deelname.Status.BEEINDIGD}
    assert Uittreding.objects.get().aanleiding == Uittreding.Aanleiding.EINDE_LOOPTIJD
    assert services.looptijd_beeindigen(aanbesteding_id=ab.pk, op=date(2029, 1, 2)) == 0  # idempotent


def test_rechtsvorm_vergoeding_tekst(gooi):
    ab, _, _ = gooi
    assert services.rechtsvorm_vergoeding_tekst(Contractregels.voor(ab)) == (
        "€ 3.000,00 excl. btw, plus € 75,00 per uur boven 40 uur behandeltijd (003a §3.4)."
    )
