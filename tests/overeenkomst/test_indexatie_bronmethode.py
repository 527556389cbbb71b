"""Indexation by the source's own method (issue 19; 003 §6.22, r.2436-2470; 003a §3.9).

Before the year a provisional index (50 % of the provisional OVA) is applied to the *base*; after the year the
definitive index (CBS Gezondheidszorg, CPI, NZa kapitaallasten; weights ambulant 90/8/2, residential 82/8/10)
corrects that base, and the next year's tariff is the corrected base times the next provisional index. The
case: 43B03 Behandel- en leefgroepen extra zwaar, 2025 € 440,76 (003 r.5330-5340).
"""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Tarief
from overeenkomst import services
from overeenkomst.models import Addendum, Indexatieronde
from overeenkomst.services.indexatie import definitieve_index, termijn_verstreken, voorlopig_percentage
from tests.aanbesteding.factories import ProductFactory, TariefFactory

from ._hulp import auditregels, een_auditregel

BRON = Indexatieronde.Methode.VOORLOPIG_DEFINITIEF


def definitief(cbs, cpi, nza):
    """The definitive components of 003 §6.22 table 9 with the Gooi weights."""
    return [
        {"naam": "CBS Gezondheidszorg", "percentage": cbs, "gewicht_ambulant": "90", "gewicht_verblijf": "82"},
        {"naam": "CPI", "percentage": cpi, "gewicht_ambulant": "8", "gewicht_verblijf": "8"},
        {"naam": "NZa kapitaallasten", "percentage": nza, "gewicht_ambulant": "2", "gewicht_verblijf": "10"},
    ]


def _rijen(ronde):
    return {(r["product"].code, r["intensiteit"]): r for r in services.indexatie_voorbeeld(ronde)}


def _ronde(ab, jaar, ova, door, **velden):
    return services.indexatie_opstellen(aanbesteding=ab, jaar=jaar, methode=BRON, ova_voorlopig=Decimal(ova), door=door, **velden)


def _publiceer(ronde, inkoper, contractmanager):
    return services.addendum_publiceren(addendum=services.indexatie_als_addendum(ronde=ronde, door=inkoper), door=contractmanager)


def _jaar_2026_gepubliceerd(ab, inkoper, contractmanager):
    """2026: provisional OVA 4 % → 2 % applied (the issue's "provisional 2 % in 2026")."""
    with time_machine.travel(date(2025, 9, 15)):
        ronde = _ronde(ab, 2026, "4", inkoper)
        _publiceer(ronde, inkoper, contractmanager)
    ronde.refresh_from_db()
    return ronde


def test_voorlopige_index_is_de_helft_van_de_ova():
    # 003 r.2450 and the worked example r.2460: OVA 2 % → provisional 1 % (€ 100 → € 101).
    assert voorlopig_percentage(Decimal("2")) == Decimal("1.0000")
    assert voorlopig_percentage(Decimal("3")) == Decimal("1.5000")
    assert voorlopig_percentage(Decimal("4"), Decimal("50")) == Decimal("2.0000")


class TestVoorbeeldUitDeBron:
    """003 r.2458-2462: € 100 with provisional OVA 2 % → € 101; with a definitive index of 0 % the base for the
    second year is € 100 times the new provisional index (not € 101)."""

    @pytest.fixture
    def honderd(self, gooi):
        ab, _, dag = gooi
        product = ProductFactory(perceel=dag, categorie="45", code="45A48", naam="Voorbeeld uit 003 §6.22", eenheid="uur")
        TariefFactory(product=product, geldig_van=date(2025, 1, 1), geldig_tot=None, bedrag=Decimal("100.00"))
        return ab

    def test_eerste_jaar_honderd_wordt_honderdeen(self, honderd, inkoper):
        with time_machine.travel(date(2025, 9, 1)):
            ronde = _ronde(honderd, 2026, "2", inkoper)
        assert ronde.percentage == Decimal("1.0000") and ronde.ova_voorlopig == Decimal("2")
        rij = _rijen(ronde)[("45A48", "")]
        # A first round on a tariff that did not come from a round starts from the tariff itself.
        assert (rij["basis"], rij["definitief"], rij["vorige_grondslag"]) == (Decimal("100.00"), None, None)
        assert (rij["onafgerond"], rij["nieuw"]) == (Decimal("101.000000"), Decimal("101.00"))

    def test_tweede_jaar_basis_honderd_bij_definitief_nul(self, honderd, inkoper, contractmanager):
        with time_machine.travel(date(2025, 9, 1)):
            _publiceer(_ronde(honderd, 2026, "2", inkoper), inkoper, contractmanager)
        tarief_2026 = Tarief.objects.get(product__code="45A48", geldig_van=date(2026, 1, 1))
        assert (tarief_2026.bedrag, tarief_2026.grondslag) == (Decimal("101.00"), Decimal("100.000000"))
        ronde_2026 = Indexatieronde.objects.get(aanbesteding=honderd, jaar=2026)
        with time_machine.travel(date(2026, 9, 1)):
            services.indexatie_definitief_vastleggen(ronde=ronde_2026, componenten=definitief("0", "0", "0"), door=inkoper)
            ronde = _ronde(honderd, 2027, "3", inkoper)  # OVA 3 % → 1,5 %
        rij = _rijen(ronde)[("45A48", "")]
        # € 100 × (1 + 0 %) = € 100, × 1,015 = € 101,50; the old way (€ 101 × 1,015) would give € 102,52.
        assert (rij["vorige_grondslag"], rij["definitief"], rij["basis"]) == (Decimal("100.000000"), Decimal("0"), Decimal("100.000000"))
        assert rij["nieuw"] == Decimal("101.50")


class TestTweeJaar43B03:
    """The issue's case: 43B03 extra zwaar 2025 € 440,76; 2026 provisional 2 % → € 449,58 (base 440,76);
    definitive 2026 CBS 3,1 / CPI 2,5 / NZa 1,8 → residential (82×3,1 + 8×2,5 + 10×1,8)/100 = 2,922 %;
    2027 provisional 1,5 % → base 440,76 × 1,02922 = 453,639007, tariff 453,639007 × 1,015 = 460,4436 → € 460,44."""

    def test_eerste_jaar_en_grondslag_bij_publicatie(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        with time_machine.travel(date(2025, 9, 15)):
            ronde = _ronde(ab, 2026, "4", inkoper)
            extra = _rijen(ronde)[("43B03", "extra_zwaar")]
            assert (extra["basis"], extra["percentage"], extra["onafgerond"], extra["nieuw"]) == (
                Decimal("440.76"), Decimal("2.0000"), Decimal("449.575200"), Decimal("449.58"),
            )
            _publiceer(ronde, inkoper, contractmanager)
        t = Tarief.objects.get(product__code="43B03", intensiteit="extra_zwaar", geldig_van=date(2026, 1, 1))
        assert (t.bedrag, t.bedrag_onafgerond, t.grondslag) == (Decimal("449.58"), Decimal("449.575200"), Decimal("440.760000"))
        zwaar = Tarief.objects.get(product__code="43B03", intensiteit="zwaar", geldig_van=date(2026, 1, 1))
        assert (zwaar.bedrag, zwaar.grondslag) == (Decimal("353.06"), Decimal("346.140000"))  # 346.14 × 1.02 = 353.0628

    def test_tweede_jaar_met_definitieve_correctie(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        ronde_2026 = _jaar_2026_gepubliceerd(ab, inkoper, contractmanager)
        with time_machine.travel(date(2026, 9, 1)):
            services.indexatie_definitief_vastleggen(ronde=ronde_2026, componenten=definitief("3.1", "2.5", "1.8"), door=contractmanager)
            ronde_2026.refresh_from_db()
            assert definitieve_index(ronde_2026, verblijf=True) == Decimal("2.922")
            assert definitieve_index(ronde_2026, verblijf=False) == Decimal("3.026")  # (279 + 20 + 3.6) / 100
            ronde = _ronde(ab, 2027, "3", inkoper)
            rijen = _rijen(ronde)
            extra = rijen[("43B03", "extra_zwaar")]
            assert (extra["vorige_grondslag"], extra["definitief"]) == (Decimal("440.760000"), Decimal("2.922"))
            assert extra["basis"] == Decimal("453.639007")
            assert (extra["percentage"], extra["onafgerond"], extra["nieuw"]) == (Decimal("1.5000"), Decimal("460.443592"), Decimal("460.44"))
            # 41A11 per minuut is ambulant: 1.50 × 1.03026 = 1.54539, × 1.015 = 1.568571 → € 1,57.
            minuut = rijen[("41A11", "")]
            assert (minuut["definitief"], minuut["basis"], minuut["nieuw"]) == (Decimal("3.026"), Decimal("1.545390"), Decimal("1.57"))
            _publiceer(ronde, inkoper, contractmanager)
        t = Tarief.objects.get(product__code="43B03", intensiteit="extra_zwaar", geldig_van=date(2027, 1, 1))
        assert (t.bedrag, t.grondslag) == (Decimal("460.44"), Decimal("453.639007"))
        assert "definitieve index 2026" in Addendum.objects.get(titel="Tariefindexatie 2027").tekst

    def test_oude_werkwijze_gaf_462_71(self, gooi, inkoper, contractmanager):
        """What the weighted method on last year's published (unrounded) tariff gives: € 462,71, not € 460,44."""
        ab, _, _ = gooi
        _jaar_2026_gepubliceerd(ab, inkoper, contractmanager)
        with time_machine.travel(date(2026, 9, 1)):
            ronde = services.indexatie_opstellen(
                aanbesteding=ab, jaar=2027, methode=Indexatieronde.Methode.GEWOGEN, componenten=definitief("3.1", "2.5", "1.8"), door=inkoper,
            )
        assert _rijen(ronde)[("43B03", "extra_zwaar")]["nieuw"] == Decimal("462.71")  # 449.5752 × 1.02922

    def test_volgend_jaar_geweigerd_zonder_definitieve_index(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        _jaar_2026_gepubliceerd(ab, inkoper, contractmanager)
        with time_machine.travel(date(2026, 9, 1)), pytest.raises(ValidationError, match="De definitieve index over 2026 is nog niet vastgelegd"):
            _ronde(ab, 2027, "3", inkoper)
        assert not Indexatieronde.objects.filter(jaar=2027).exists()


class TestDefinitieveIndex:
    def test_wie_en_wanneer_en_auditregel(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        ronde = _jaar_2026_gepubliceerd(ab, inkoper, contractmanager)
        with time_machine.travel(datetime(2026, 8, 3, 10, 0, tzinfo=UTC)):
            services.indexatie_definitief_vastleggen(ronde=ronde, componenten=definitief("3.1", "2.5", "1.8"), door=contractmanager)
        ronde.refresh_from_db()
        assert ronde.definitief_vastgelegd_door == contractmanager and ronde.definitief_vastgelegd_op.date() == date(2026, 8, 3)
        assert [c["percentage"] for c in ronde.definitief_componenten] == ["3.1", "2.5", "1.8"]
        regel = een_auditregel("indexatie.definitief_vastgelegd", ronde)
        assert regel.actor == contractmanager and regel.nieuwe_waarden["definitief_componenten"][0]["percentage"] == "3.1"

    def test_correctie_houdt_oud_en_nieuw_bij(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        ronde = _jaar_2026_gepubliceerd(ab, inkoper, contractmanager)
        with time_machine.travel(date(2026, 8, 3)):
            services.indexatie_definitief_vastleggen(ronde=ronde, componenten=definitief("3.0", "2.5", "1.8"), door=contractmanager)
            services.indexatie_definitief_vastleggen(ronde=ronde, componenten=definitief("3.1", "2.5", "1.8"), door=inkoper)
        laatste = auditregels("indexatie.definitief_vastgelegd", ronde)[-1]
        assert laatste.oude_waarden["definitief_componenten"][0]["percentage"] == "3.0"
        assert laatste.nieuwe_waarden["definitief_componenten"][0]["percentage"] == "3.1"

    def test_niet_meer_na_addendum_van_volgend_jaar(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        ronde = _jaar_2026_gepubliceerd(ab, inkoper, contractmanager)
        with time_machine.travel(date(2026, 9, 1)):
            services.indexatie_definitief_vastleggen(ronde=ronde, componenten=definitief("3.1", "2.5", "1.8"), door=contractmanager)
            services.indexatie_als_addendum(ronde=_ronde(ab, 2027, "3", inkoper), door=inkoper)
            with pytest.raises(ValidationError, match="De indexatie 2027 rekent al met deze definitieve index"):
                services.indexatie_definitief_vastleggen(ronde=ronde, componenten=definitief("9", "9", "9"), door=contractmanager)
        ronde.refresh_from_db()
        assert ronde.definitief_componenten[0]["percentage"] == "3.1"

    def test_alleen_na_publicatie_en_alleen_bij_de_bronmethode(self, gooi, inkoper):
        ab, _, _ = gooi
        with time_machine.travel(date(2025, 9, 1)):
            concept = _ronde(ab, 2026, "4", inkoper)
            with pytest.raises(ValidationError, match="nadat de voorlopige indexatie is gepubliceerd"):
                services.indexatie_definitief_vastleggen(ronde=concept, componenten=definitief("3", "2", "1"), door=inkoper)
            services.indexatie_verwijderen(ronde=concept, door=inkoper)
            procent = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2"), door=inkoper)
            with pytest.raises(ValidationError, match="003 §6.22"):
                services.indexatie_definitief_vastleggen(ronde=procent, componenten=definitief("3", "2", "1"), door=inkoper)
        assert auditregels("indexatie.definitief_vastgelegd") == []

    def test_gewichten_moeten_kloppen_en_aanbieder_mag_niet(self, gooi, inkoper, contractmanager, aanbieder_beheerder):
        ab, _, _ = gooi
        ronde = _jaar_2026_gepubliceerd(ab, inkoper, contractmanager)
        fout = definitief("3", "2", "1")
        fout[0]["gewicht_verblijf"] = "80"
        with pytest.raises(ValidationError, match="samen 100"):
            services.indexatie_definitief_vastleggen(ronde=ronde, componenten=fout, door=inkoper)
        with pytest.raises(PermissionDenied):
            services.indexatie_definitief_vastleggen(ronde=ronde, componenten=definitief("3", "2", "1"), door=aanbieder_beheerder)
        ronde.refresh_from_db()
        assert ronde.definitief_componenten == []


class TestConcepten:
    def test_ova_is_verplicht(self, gooi, inkoper):
        ab, _, _ = gooi
        with pytest.raises(ValidationError, match="voorlopige OVA"):
            services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=BRON, door=inkoper)
        assert not Indexatieronde.objects.exists()

    def test_tweede_concept_noemt_wie_en_wanneer(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        inkoper.first_name, inkoper.last_name = "Ilse", "Inkoop"
        inkoper.save()
        with time_machine.travel(date(2026, 9, 1)):
            _ronde(ab, 2027, "3", inkoper)
            with pytest.raises(ValidationError) as fout:
                _ronde(ab, 2027, "4", contractmanager)
        assert fout.value.messages == [
            "Er is al een concept voor 2027, opgesteld door Ilse Inkoop op 01-09-2026 02:00; pas dat aan of verwijder het eerst."
        ]
        assert Indexatieronde.objects.get().ova_voorlopig == Decimal("3")

    def test_wijzigen_van_methode_met_oude_en_nieuwe_waarden(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2"), door=inkoper)
        services.indexatie_wijzigen(ronde=ronde, methode=BRON, ova_voorlopig=Decimal("4"), toelichting="OVA 2026", door=inkoper)
        ronde.refresh_from_db()
        assert (ronde.methode, ronde.percentage, ronde.ova_voorlopig) == (BRON, Decimal("2.0000"), Decimal("4"))
        regel = een_auditregel("indexatie.gewijzigd", ronde)
        assert regel.oude_waarden["methode"] == "percentage" and regel.nieuwe_waarden["methode"] == BRON
        assert regel.oude_waarden["ova_voorlopig"] is None and Decimal(regel.nieuwe_waarden["ova_voorlopig"]) == 4
        assert "percentage" not in regel.oude_waarden  # 2 → 2.0000: unchanged values are left out

    def test_verwijderen_met_auditregel_en_daarna_opnieuw(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = _ronde(ab, 2026, "4", inkoper)
        services.indexatie_verwijderen(ronde=ronde, door=inkoper)
        assert not Indexatieronde.objects.exists()
        regel = een_auditregel("indexatie.verwijderd")
        assert regel.actor == inkoper and Decimal(regel.oude_waarden["ova_voorlopig"]) == 4
        assert _ronde(ab, 2026, "3", inkoper).percentage == Decimal("1.5000")

    @time_machine.travel(date(2025, 9, 1))
    def test_wijzigen_en_verwijderen_geweigerd_na_addendum(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = _ronde(ab, 2026, "4", inkoper)
        services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        with pytest.raises(ValidationError, match="trek dat addendum eerst in"):
            services.indexatie_wijzigen(ronde=ronde, methode=BRON, ova_voorlopig=Decimal("5"), door=inkoper)
        with pytest.raises(ValidationError, match="trek dat addendum eerst in"):
            services.indexatie_verwijderen(ronde=ronde, door=inkoper)
        ronde.refresh_from_db()
        assert ronde.ova_voorlopig == Decimal("4")


class TestAfwijkingNa1Oktober:
    @time_machine.travel(date(2025, 10, 2))
    def test_inkoper_legt_afwijking_met_reden_vast(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = _ronde(ab, 2026, "4", inkoper)
        assert termijn_verstreken(ronde)
        addendum = services.indexatie_als_addendum(ronde=ronde, door=inkoper, afwijking_reden="OVA pas op 30 september bekend")
        addendum.refresh_from_db()
        assert addendum.status == Addendum.Status.TER_GOEDKEURING
        assert (addendum.termijn_afwijking_reden, addendum.termijn_afwijking_door) == ("OVA pas op 30 september bekend", inkoper)
        assert een_auditregel("addendum.termijn_afwijking", addendum).actor == inkoper
        assert een_auditregel("indexatie.termijn_afwijking", ronde).toelichting == "OVA pas op 30 september bekend"

    @time_machine.travel(date(2025, 10, 2))
    def test_contractmanager_mag_geen_afwijking(self, gooi, contractmanager):
        ab, _, _ = gooi
        ronde = _ronde(ab, 2026, "4", contractmanager)
        with pytest.raises(PermissionDenied, match="Alleen een inkoper"):
            services.indexatie_als_addendum(ronde=ronde, door=contractmanager, afwijking_reden="Te laat")
        assert not Addendum.objects.exists()
        assert auditregels("indexatie.termijn_afwijking") == []

    @time_machine.travel(date(2025, 10, 1))
    def test_op_1_oktober_nog_niet_verstreken(self, gooi, inkoper):
        ab, _, _ = gooi
        assert not termijn_verstreken(_ronde(ab, 2026, "4", inkoper))
