"""Indexation rounds through the services (003a §3.9, lines 2438–2470 of the original).

The rule (/work/shared/domain/003a.md §3.9): once a year per 1 January, announced by 1 October; the
definitive index combines salaries (CBS), materials (CPI) and capital costs (NZa) with weights ambulant
90/8/2 and residential 82/8/10; the published tariff is rounded to 2 decimals and the unrounded value is carried
forward. Tariffs used below are the sources' 43B03 Behandelgroep (003 r. 5330–5340): zwaar 2024 € 322,46 /
2025 € 346,14, extra zwaar 2025 € 440,76; 41A11 at € 1,50 per minute is an example amount.
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from overeenkomst import services
from overeenkomst.models import Addendum, AddendumOnderdeel, Indexatieronde

from ._hulp import auditregels, een_auditregel

G = Indexatieronde.Methode.GEWOGEN

# 003a §3.9 weights with example component percentages: salaries 3.1 %, CPI 2.0 %, NZa 1.5 %.
COMPONENTEN = [
    {"naam": "Lonen (CBS gezondheidszorg)", "percentage": "3.1", "gewicht_ambulant": 90, "gewicht_verblijf": 82},
    {"naam": "Materiële kosten (CPI)", "percentage": "2.0", "gewicht_ambulant": 8, "gewicht_verblijf": 8},
    {"naam": "Kapitaallasten (NZa)", "percentage": "1.5", "gewicht_ambulant": 2, "gewicht_verblijf": 10},
]
# ambulant: (90×3.1 + 8×2.0 + 2×1.5) / 100 = (279 + 16 + 3) / 100 = 2.98 %
# verblijf: (82×3.1 + 8×2.0 + 10×1.5) / 100 = (254.2 + 16 + 15) / 100 = 2.852 %
AMBULANT, VERBLIJF = Decimal("2.98"), Decimal("2.852")


def _rijen(ronde):
    return {(r["product"].code, r["intensiteit"]): r for r in services.indexatie_voorbeeld(ronde)}


class TestOpstellen:
    def test_percentage_ronde_met_auditregel(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2.5"), toelichting="OVA 5 %", door=inkoper)
        ronde.refresh_from_db()
        assert (ronde.jaar, ronde.methode, ronde.percentage, ronde.status) == (
            2026, Indexatieronde.Methode.PERCENTAGE, Decimal("2.5"), Indexatieronde.Status.CONCEPT
        )
        regel = een_auditregel("indexatie.opgesteld", ronde)
        assert regel.actor == inkoper
        assert (regel.nieuwe_waarden["jaar"], regel.nieuwe_waarden["methode"]) == (2026, "percentage")
        assert Decimal(regel.nieuwe_waarden["percentage"]) == Decimal("2.5")

    def test_zonder_percentage_geweigerd(self, gooi, inkoper):
        ab, _, _ = gooi
        with pytest.raises(ValidationError):
            services.indexatie_opstellen(aanbesteding=ab, jaar=2026, door=inkoper)
        assert not Indexatieronde.objects.exists()
        assert auditregels("indexatie.opgesteld") == []

    @pytest.mark.parametrize("persona", ["aanbieder_beheerder", "beoordelaar"])
    def test_geen_contractbeheer_geweigerd(self, gooi, request, persona):
        ab, _, _ = gooi
        with pytest.raises(PermissionDenied):
            services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2"), door=request.getfixturevalue(persona))
        assert not Indexatieronde.objects.exists()

    def test_tweede_concept_voor_hetzelfde_jaar_geweigerd_wijzigen_is_expliciet(self, gooi, inkoper, contractmanager):
        # Issue 19: a second concept for the same year no longer silently replaces the first (it used to update
        # the same round); the change is an explicit edit with old and new values in the audit line.
        ab, _, _ = gooi
        eerste = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2"), door=inkoper)
        with pytest.raises(ValidationError, match="Er is al een concept voor 2026, opgesteld door .* op "):
            services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2.5"), door=contractmanager)
        assert Indexatieronde.objects.get().percentage == Decimal("2")
        tweede = services.indexatie_wijzigen(ronde=eerste, methode=Indexatieronde.Methode.PERCENTAGE, percentage=Decimal("2.5"), door=contractmanager)
        assert eerste.pk == tweede.pk and Indexatieronde.objects.count() == 1
        assert Indexatieronde.objects.get().percentage == Decimal("2.5")
        assert [r.actor for r in auditregels("indexatie.opgesteld")] == [inkoper]
        regel = een_auditregel("indexatie.gewijzigd", eerste)
        assert regel.actor == contractmanager
        assert (Decimal(regel.oude_waarden["percentage"]), Decimal(regel.nieuwe_waarden["percentage"])) == (Decimal("2"), Decimal("2.5"))

    @pytest.mark.parametrize("componenten", [
        [{"naam": "Lonen", "percentage": "3"}],  # no weights
        [{"naam": "Lonen", "percentage": "drie", "gewicht_ambulant": 100, "gewicht_verblijf": 100}],
        [{"naam": "Lonen", "percentage": "3", "gewicht_ambulant": 100, "gewicht_verblijf": 90}],  # residential ≠ 100
        [],
    ])
    def test_ongeldige_componenten_geweigerd(self, gooi, inkoper, componenten):
        ab, _, _ = gooi
        with pytest.raises(ValidationError):
            services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=G, componenten=componenten, door=inkoper)
        assert not Indexatieronde.objects.exists()


class TestVoorbeeld:
    def test_gewogen_index_per_soort_product(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=G, componenten=COMPONENTEN, door=inkoper)
        rijen = _rijen(ronde)
        zwaar, extra, minuut = rijen[("43B03", "zwaar")], rijen[("43B03", "extra_zwaar")], rijen[("41A11", "")]
        assert (zwaar["verblijf"], zwaar["percentage"]) == (True, VERBLIJF)  # 43B03 per etmaal: residential
        assert (minuut["verblijf"], minuut["percentage"]) == (False, AMBULANT)
        # 346.14 × 1.02852 = 356.0119128 → 356.011913 carried, € 356,01 published.
        assert (zwaar["onafgerond"], zwaar["nieuw"]) == (Decimal("356.011913"), Decimal("356.01"))
        # 440.76 × 1.02852 = 453.3304752 → € 453,33.
        assert extra["nieuw"] == Decimal("453.33")
        # 1.50 × 1.0298 = 1.5447 → € 1,54.
        assert (minuut["onafgerond"], minuut["nieuw"]) == (Decimal("1.544700"), Decimal("1.54"))

    def test_basis_is_het_tarief_op_31_december_van_het_vorige_jaar(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2025, percentage=Decimal("2.5"), door=inkoper)
        zwaar = _rijen(ronde)[("43B03", "zwaar")]
        # Base 2024 € 322,46 (not 2025 € 346,14): 322.46 × 1.025 = 330.5215 → € 330,52.
        assert (zwaar["oud"], zwaar["nieuw"]) == (Decimal("322.46"), Decimal("330.52"))
        assert ("41A11", "") not in _rijen(ronde)  # 41A11 has no tariff on 31-12-2024

    def test_andere_aanbesteding_telt_niet_mee(self, gooi, mlo, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("1"), door=inkoper)
        assert {code for code, _ in _rijen(ronde)} == {"43B03", "41A11"}  # not MLO's 45A04


class TestAlsAddendum:
    @time_machine.travel(date(2025, 10, 1))
    def test_op_1_oktober_nog_op_tijd_en_ter_goedkeuring(self, gooi, inkoper):
        # Effective 1 January 2026, non-material: ≥ 3 months → by 1 October 2025 (003a §3.7/§3.9).
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2.5"), door=inkoper)
        addendum = services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        addendum.refresh_from_db()
        assert (addendum.status, addendum.soort, addendum.ingangsdatum) == (
            Addendum.Status.TER_GOEDKEURING, Addendum.Soort.NIET_WEZENLIJK, date(2026, 1, 1)
        )
        assert addendum.titel == "Tariefindexatie 2026" and "per 1 januari 2026" in addendum.tekst
        assert een_auditregel("addendum.opgesteld", addendum).actor == inkoper
        assert een_auditregel("addendum.ter_goedkeuring", addendum).actor == inkoper
        onderdeel = addendum.onderdelen.get()
        assert (onderdeel.soort, onderdeel.jaar) == (AddendumOnderdeel.Soort.TARIEVEN, 2026)
        tabel = {(t["code"], t["intensiteit"]): (t["oud"], t["bedrag"]) for t in onderdeel.gegevens["tarieven"]}
        # 346.14 × 1.025 = 354.7935 → 354.79; 440.76 × 1.025 = 451.779 → 451.78; 1.50 × 1.025 = 1.5375 → 1.54.
        assert tabel == {
            ("43B03", "zwaar"): ("346.14", "354.79"),
            ("43B03", "extra_zwaar"): ("440.76", "451.78"),
            ("41A11", ""): ("1.50", "1.54"),
        }

    @time_machine.travel(date(2025, 9, 1))
    def test_teruggegeven_addendum_toont_de_opgeslagen_status(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2.5"), door=inkoper)
        addendum = services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        assert Addendum.objects.get(pk=addendum.pk).status == Addendum.Status.TER_GOEDKEURING
        assert addendum.status == Addendum.Status.TER_GOEDKEURING

    @time_machine.travel(date(2025, 9, 1))
    def test_tweede_keer_geeft_hetzelfde_addendum(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2.5"), door=inkoper)
        eerste = services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        tweede = services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        assert eerste.pk == tweede.pk and Addendum.objects.count() == 1
        assert len(auditregels("addendum.opgesteld")) == 1

    @time_machine.travel(date(2023, 9, 1))
    def test_zonder_tarieven_op_peildatum_geweigerd(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2024, percentage=Decimal("2"), door=inkoper)
        with pytest.raises(ValidationError):
            services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        assert not Addendum.objects.exists()
        ronde.refresh_from_db()
        assert ronde.addendum is None

    @time_machine.travel(date(2025, 10, 2))
    def test_na_1_oktober_niets_opgeslagen(self, gooi, inkoper):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2"), door=inkoper)
        with pytest.raises(ValidationError):
            services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        assert not Addendum.objects.exists()  # the draft is rolled back with the refused lead time
        ronde.refresh_from_db()
        assert ronde.addendum is None

    @time_machine.travel(date(2025, 9, 1))
    def test_aanbieder_kan_geen_addendum_maken(self, gooi, inkoper, aanbieder_beheerder):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2"), door=inkoper)
        with pytest.raises(PermissionDenied):
            services.indexatie_als_addendum(ronde=ronde, door=aanbieder_beheerder)
        assert not Addendum.objects.exists()

    @time_machine.travel(date(2025, 9, 1))
    def test_vier_ogen_ook_bij_indexatie(self, gooi, inkoper, contractmanager):
        ab, _, _ = gooi
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=G, componenten=COMPONENTEN, door=inkoper)
        addendum = services.indexatie_als_addendum(ronde=ronde, door=inkoper)
        with pytest.raises(PermissionDenied):
            services.addendum_publiceren(addendum=addendum, door=inkoper)
        services.addendum_publiceren(addendum=addendum, door=contractmanager)
        ronde.refresh_from_db()
        assert ronde.status == Indexatieronde.Status.GEPUBLICEERD
        assert een_auditregel("addendum.gepubliceerd", addendum).actor == contractmanager
        assert "Lonen (CBS gezondheidszorg) 3.1%" in addendum.tekst
