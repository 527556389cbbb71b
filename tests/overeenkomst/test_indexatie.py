"""Yearly indexation round (003a §3.9) published as an addendum effective 1 January."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from aanbesteding.models import Tarief
from overeenkomst import services
from overeenkomst.models import Addendum, Indexatieronde, Mededeling


def _publiceer(ronde, inkoper, contractmanager):
    addendum = services.indexatie_als_addendum(ronde=ronde, door=inkoper)
    return services.addendum_publiceren(addendum=addendum, door=contractmanager)


@time_machine.travel(date(2025, 9, 15))
def test_voorbeeld_toont_nieuwe_tarieven_per_product(gooi, inkoper):
    ab, _, _ = gooi
    ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2.5"), door=inkoper)
    rijen = {(r["product"].code, r["intensiteit"]): r for r in services.indexatie_voorbeeld(ronde)}
    # 43B03 zwaar 2025 € 346,14 × 1,025 = 354,7935 → € 354,79; extra zwaar € 440,76 × 1,025 = 451,779 → € 451,78.
    assert rijen[("43B03", "zwaar")]["nieuw"] == Decimal("354.79")
    assert rijen[("43B03", "zwaar")]["onafgerond"] == Decimal("354.793500")
    assert rijen[("43B03", "extra_zwaar")]["nieuw"] == Decimal("451.78")
    assert rijen[("41A11", "")]["nieuw"] == Decimal("1.54")  # 1.50 × 1.025 = 1.5375


@time_machine.travel(date(2025, 9, 15))
def test_publicatie_maakt_tariefrijen_per_1_januari(gooi, inkoper, contractmanager):
    ab, _, _ = gooi
    ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2.5"), door=inkoper)
    addendum = _publiceer(ronde, inkoper, contractmanager)
    assert (addendum.ingangsdatum, addendum.soort) == (date(2026, 1, 1), Addendum.Soort.NIET_WEZENLIJK)
    nieuw = Tarief.objects.get(product__code="43B03", intensiteit="zwaar", geldig_van=date(2026, 1, 1))
    assert (nieuw.bedrag, nieuw.bedrag_onafgerond, nieuw.bron) == (Decimal("354.79"), Decimal("354.793500"), "Addendum 1")
    oud = Tarief.objects.get(product__code="43B03", intensiteit="zwaar", geldig_van=date(2025, 1, 1))
    assert oud.geldig_tot == date(2025, 12, 31)
    # The productenboek reads Tarief: one tariff per intensity in each year.
    assert Tarief.objects.filter(product__code="43B03").geldig_op(date(2026, 1, 1)).count() == 2
    assert Tarief.objects.filter(product__code="43B03").geldig_op(date(2025, 12, 31)).get(intensiteit="zwaar").bedrag == Decimal("346.14")
    assert Indexatieronde.objects.get().status == Indexatieronde.Status.GEPUBLICEERD
    assert Mededeling.objects.get(addendum=addendum).soort == Mededeling.Soort.INDEXATIE


def test_volgend_jaar_rekent_verder_met_onafgeronde_waarde(gooi, inkoper, contractmanager):
    ab, _, _ = gooi
    with time_machine.travel(date(2025, 9, 15)):
        _publiceer(services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2.5"), door=inkoper), inkoper, contractmanager)
    with time_machine.travel(date(2026, 9, 15)):
        ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2027, percentage=Decimal("2.5"), door=inkoper)
        rij = next(r for r in services.indexatie_voorbeeld(ronde) if r["product"].code == "41A11")
    # 2026: 1.5375 (published 1.54). 2027 from 1.5375: 1.57594 → 1.58 (from 1.54 it would be 1.5785 → 1.58);
    # the base used must be the unrounded one.
    assert rij["basis"] == Decimal("1.537500")
    assert rij["onafgerond"] == Decimal("1.575938")


@time_machine.travel(date(2025, 9, 15))
def test_gewogen_index_verblijf_en_ambulant(gooi, inkoper):
    ab, _, _ = gooi
    componenten = [
        {"naam": "Lonen (CBS)", "percentage": "4", "gewicht_ambulant": 90, "gewicht_verblijf": 82},
        {"naam": "CPI", "percentage": "2", "gewicht_ambulant": 8, "gewicht_verblijf": 8},
        {"naam": "Kapitaallasten (NZa)", "percentage": "1", "gewicht_ambulant": 2, "gewicht_verblijf": 10},
    ]
    ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, methode=Indexatieronde.Methode.GEWOGEN, componenten=componenten, door=inkoper)
    rijen = {(r["product"].code, r["intensiteit"]): r for r in services.indexatie_voorbeeld(ronde)}
    assert rijen[("43B03", "zwaar")]["percentage"] == Decimal("3.54")  # per etmaal: verblijf 82/8/10
    assert rijen[("41A11", "")]["percentage"] == Decimal("3.78")  # ambulant 90/8/2


def test_gewichten_niet_100_geweigerd(gooi, inkoper):
    ab, _, _ = gooi
    with pytest.raises(ValidationError):
        services.indexatie_opstellen(
            aanbesteding=ab, jaar=2026, methode=Indexatieronde.Methode.GEWOGEN, door=inkoper,
            componenten=[{"naam": "Lonen", "percentage": "3", "gewicht_ambulant": 90, "gewicht_verblijf": 90}],
        )


@time_machine.travel(date(2025, 10, 2))
def test_indexatie_na_1_oktober_vereist_afwijking(gooi, inkoper):
    ab, _, _ = gooi
    ronde = services.indexatie_opstellen(aanbesteding=ab, jaar=2026, percentage=Decimal("2"), door=inkoper)
    with pytest.raises(ValidationError, match="01-10-2025"):
        services.indexatie_als_addendum(ronde=ronde, door=inkoper)
