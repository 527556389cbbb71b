"""Addenda: lead times (003a §3.7) with Inkoper override, four eyes, distribution, answers, refusal = exit."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Product, Tarief
from core.models import VerstuurdeMail
from organisaties.models import Bericht
from overeenkomst import services, tasks
from overeenkomst.models import (
    Addendum,
    AddendumOnderdeel,
    AddendumReactie,
    Contractregels,
    Deelname,
    Uittreding,
)

from .conftest import beheerder_van
from .helpers import gepubliceerd_addendum


@pytest.fixture
def gecontracteerd(gooi, aanbieder, andere_aanbieder):
    """Two providers: aanbieder in 5.10 and 5.4, andere_aanbieder only in 5.4 (since 1-1-2026)."""
    ab, bhl, dag = gooi
    a = services.overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=ab, percelen=[bhl, dag], startdatum=date(2026, 1, 1))
    b = services.overeenkomst_uit_toelating(organisatie=andere_aanbieder, aanbesteding=ab, percelen=[dag], startdatum=date(2026, 1, 1))
    return ab, bhl, dag, a, b


def _concept(ab, door, ingangsdatum, soort=Addendum.Soort.NIET_WEZENLIJK, **kw):
    return services.addendum_opstellen(aanbesteding=ab, titel="Tekstwijziging", tekst="...", ingangsdatum=ingangsdatum, soort=soort, door=door, **kw)


@time_machine.travel(date(2026, 10, 2))
def test_niet_wezenlijk_per_1_januari_na_1_oktober_geweigerd(gooi, inkoper):
    ab, _, _ = gooi
    addendum = _concept(ab, inkoper, date(2027, 1, 1))
    with pytest.raises(ValidationError, match="01-10-2026"):
        services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)


@time_machine.travel(date(2026, 10, 1))
def test_niet_wezenlijk_per_1_januari_op_1_oktober_toegestaan(gooi, inkoper):
    ab, _, _ = gooi
    addendum = services.addendum_ter_goedkeuring(addendum=_concept(ab, inkoper, date(2027, 1, 1)), door=inkoper)
    assert addendum.status == Addendum.Status.TER_GOEDKEURING


@time_machine.travel(date(2026, 4, 2))
def test_wezenlijk_vereist_9_maanden(gooi, inkoper):
    ab, _, _ = gooi
    with pytest.raises(ValidationError, match="9 maanden"):
        services.addendum_ter_goedkeuring(addendum=_concept(ab, inkoper, date(2027, 1, 1), Addendum.Soort.WEZENLIJK), door=inkoper)


@time_machine.travel(date(2026, 11, 15))
def test_inkoper_kan_kortere_termijn_met_reden_toestaan(gooi, inkoper):
    ab, _, _ = gooi
    addendum = _concept(ab, inkoper, date(2027, 1, 1))
    services.addendum_termijn_afwijken(addendum=addendum, reden="Wettelijke wijziging per 1-1-2027", door=inkoper)
    assert services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper).status == Addendum.Status.TER_GOEDKEURING


def test_contractmanager_mag_termijn_niet_afwijken(gooi, inkoper, contractmanager):
    ab, _, _ = gooi
    addendum = _concept(ab, inkoper, date(2027, 1, 1))
    with pytest.raises(PermissionDenied):
        services.addendum_termijn_afwijken(addendum=addendum, reden="spoed", door=contractmanager)


def test_aanbieder_mag_geen_addendum_opstellen(gooi, aanbieder_beheerder):
    ab, _, _ = gooi
    with pytest.raises(PermissionDenied):
        _concept(ab, aanbieder_beheerder, date(2027, 1, 1))


@time_machine.travel(date(2026, 1, 5))
def test_opsteller_mag_niet_zelf_publiceren(gooi, inkoper):
    ab, _, _ = gooi
    addendum = services.addendum_ter_goedkeuring(addendum=_concept(ab, inkoper, date(2026, 7, 1)), door=inkoper)
    with pytest.raises(PermissionDenied, match="tweede persoon"):
        services.addendum_publiceren(addendum=addendum, door=inkoper)


@time_machine.travel(date(2026, 1, 5))
def test_publicatie_gaat_naar_aanbieders_met_lopende_deelname_in_betrokken_percelen(
    gecontracteerd, inkoper, contractmanager, django_capture_on_commit_callbacks
):
    ab, bhl, dag, a, b = gecontracteerd
    with django_capture_on_commit_callbacks(execute=True):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1), percelen=[bhl])
    assert addendum.nummer == 1 and addendum.goedgekeurd_door == contractmanager
    assert list(addendum.reacties.values_list("overeenkomst", flat=True)) == [a.pk]
    assert [m.subject for m in mail.outbox] == ["Addendum 1: Wijziging artikel 8 – reactie gevraagd"]


@time_machine.travel(date(2026, 1, 5))
def test_addendum_zonder_percelen_gaat_naar_iedereen(gecontracteerd, inkoper, contractmanager):
    ab, _, _, a, b = gecontracteerd
    addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
    assert set(addendum.reacties.values_list("overeenkomst", flat=True)) == {a.pk, b.pk}


def test_aanvaarden_voor_ingangsdatum(gecontracteerd, inkoper, contractmanager, aanbieder_beheerder):
    ab, _, _, a, _ = gecontracteerd
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
    reactie = addendum.reacties.get(overeenkomst=a)
    with time_machine.travel(date(2026, 6, 30)):
        services.addendum_beantwoorden(reactie=reactie, aanvaard=True, door=aanbieder_beheerder)
    reactie.refresh_from_db()
    assert reactie.status == AddendumReactie.Status.AANVAARD and reactie.beantwoord_door == aanbieder_beheerder


def test_reageren_op_of_na_ingangsdatum_kan_niet(gecontracteerd, inkoper, contractmanager, aanbieder_beheerder):
    ab, _, _, a, _ = gecontracteerd
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
    with time_machine.travel(date(2026, 7, 1)), pytest.raises(ValidationError, match="al ingegaan"):
        services.addendum_beantwoorden(reactie=addendum.reacties.get(overeenkomst=a), aanvaard=True, door=aanbieder_beheerder)


def test_andere_organisatie_kan_niet_reageren(gecontracteerd, inkoper, contractmanager, andere_beheerder):
    ab, _, _, a, _ = gecontracteerd
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
        with pytest.raises(PermissionDenied):
            services.addendum_beantwoorden(reactie=addendum.reacties.get(overeenkomst=a), aanvaard=True, door=andere_beheerder)


def test_weigering_beeindigt_deelname_in_betrokken_perceel_op_ingangsdatum(gecontracteerd, inkoper, contractmanager, aanbieder_beheerder):
    ab, bhl, dag, a, _ = gecontracteerd
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1), percelen=[bhl])
        services.addendum_beantwoorden(reactie=addendum.reacties.get(overeenkomst=a), aanvaard=False, toelichting="Tarief te laag", door=aanbieder_beheerder)
    with time_machine.travel(date(2026, 6, 30)):
        tasks.addenda_in_werking()
    assert a.deelnames.get(perceel=bhl).status == Deelname.Status.ACTIEF  # not before the effective date
    with time_machine.travel(date(2026, 7, 1)):
        tasks.addenda_in_werking()
    bhl_deelname, dag_deelname = a.deelnames.get(perceel=bhl), a.deelnames.get(perceel=dag)
    assert (bhl_deelname.status, bhl_deelname.einddatum) == (Deelname.Status.BEEINDIGD, date(2026, 7, 1))
    assert dag_deelname.status == Deelname.Status.ACTIEF
    uittreding = Uittreding.objects.get(overeenkomst=a)
    assert (uittreding.aanleiding, uittreding.addendum) == (Uittreding.Aanleiding.ADDENDUM_GEWEIGERD, addendum)


def test_stilzwijgen_geldt_als_weigering_als_de_procedure_dat_zegt(gecontracteerd, inkoper, contractmanager):
    ab, _, _, a, b = gecontracteerd
    Contractregels.objects.filter(aanbesteding=ab).update(stilzwijgen_is_weigering=True)
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
    with time_machine.travel(date(2026, 7, 3)):  # the run of 1 July was missed: catches up
        tasks.addenda_in_werking()
    assert set(addendum.reacties.values_list("status", flat=True)) == {AddendumReactie.Status.STILZWIJGEND_GEWEIGERD}
    assert not Deelname.objects.filter(status=Deelname.Status.ACTIEF).exists()


def test_stilzwijgen_geldt_anders_als_aanvaarding(gecontracteerd, inkoper, contractmanager):
    ab, _, _, a, _ = gecontracteerd
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
    with time_machine.travel(date(2026, 7, 1)):
        tasks.addenda_in_werking()
        tasks.addenda_in_werking()  # idempotent
    assert set(addendum.reacties.values_list("status", flat=True)) == {AddendumReactie.Status.STILZWIJGEND_AANVAARD}
    assert Deelname.objects.filter(status=Deelname.Status.ACTIEF).count() == 3
    assert Uittreding.objects.count() == 0


def test_herinneringen_30_en_7_dagen_voor_ingang_eenmalig(gecontracteerd, inkoper, contractmanager):
    ab, bhl, _, a, _ = gecontracteerd
    with time_machine.travel(date(2026, 1, 5)):
        gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1), percelen=[bhl])
    mail.outbox.clear()
    with time_machine.travel(date(2026, 5, 31)):
        assert tasks.addenda_herinneren() == 0
    with time_machine.travel(date(2026, 6, 1)):
        assert tasks.addenda_herinneren() == 1
        assert tasks.addenda_herinneren() == 0
    with time_machine.travel(date(2026, 6, 24)):
        assert tasks.addenda_herinneren() == 1
    assert len(mail.outbox) == 2
    # ADR 0028: both reminders are in the provider's inbox, linked to the addendum to answer.
    herinneringen = Bericht.objects.filter(soort="Herinnering").order_by("verstuurd_op")
    assert [b.onderwerp for b in herinneringen] == [m.subject for m in mail.outbox]
    assert {b.pad[:len("/mijn/overeenkomsten/addendum/")] for b in herinneringen} == {"/mijn/overeenkomsten/addendum/"}


def test_gemiste_herinnering_wordt_eenmaal_ingehaald(gecontracteerd, inkoper, contractmanager):
    ab, bhl, _, a, _ = gecontracteerd
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1), percelen=[bhl])
    mail.outbox.clear()
    with time_machine.travel(date(2026, 6, 26)):  # both the 30- and 7-day moments passed unnoticed
        assert tasks.addenda_herinneren() == 1
    reactie = addendum.reacties.get()
    assert set(VerstuurdeMail.objects.filter(sleutel__startswith=f"addendum:{reactie.pk}:").values_list("sleutel", flat=True)) == {
        f"addendum:{reactie.pk}:30d", f"addendum:{reactie.pk}:7d"
    }
    assert len(mail.outbox) == 1


def test_productwijzigingen_gaan_in_op_ingangsdatum(gecontracteerd, inkoper, contractmanager):
    ab, bhl, _, _, _ = gecontracteerd
    p43 = Product.objects.get(code="43B03")
    onderdelen = [
        {"soort": AddendumOnderdeel.Soort.PRODUCT_TOEGEVOEGD, "perceel": bhl,
         "gegevens": {"code": "43B04", "naam": "Behandelgroep licht", "eenheid": "etmaal", "bedrag": "250.00"}},
        {"soort": AddendumOnderdeel.Soort.PRODUCT_GEWIJZIGD, "product": p43, "gegevens": {"naam": "Behandelgroep (BHL)"}},
        {"soort": AddendumOnderdeel.Soort.CLAUSULE, "bepaling": "artikel 8.1", "tekst": "Opzegging per aangetekende brief."},
    ]
    with time_machine.travel(date(2026, 1, 5)):
        gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1), onderdelen=onderdelen)
        assert not Product.objects.filter(code="43B04").exists()
    with time_machine.travel(date(2026, 7, 1)):
        tasks.addenda_in_werking()
    nieuw = Product.objects.get(code="43B04")
    assert Tarief.objects.get(product=nieuw).bedrag == Decimal("250.00")
    assert Product.objects.get(pk=p43.pk).naam == "Behandelgroep (BHL)"


def test_vervallen_product_verdwijnt_uit_latere_jaren(gecontracteerd, inkoper, contractmanager):
    ab, bhl, _, _, _ = gecontracteerd
    p43 = Product.objects.get(code="43B03")
    with time_machine.travel(date(2026, 1, 5)):
        gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1),
                              onderdelen=[{"soort": AddendumOnderdeel.Soort.PRODUCT_VERWIJDERD, "product": p43}])
    with time_machine.travel(date(2026, 7, 1)):
        tasks.addenda_in_werking()
    assert Tarief.objects.filter(product=p43).geldig_op(date(2026, 6, 30)).count() == 2
    assert not Tarief.objects.filter(product=p43).geldig_op(date(2026, 7, 1)).exists()


def test_medewerker_kan_niet_namens_aanbieder_aanvaarden(gecontracteerd, inkoper, contractmanager, aanbieder_medewerker):
    ab, _, _, a, _ = gecontracteerd
    with time_machine.travel(date(2026, 1, 5)):
        addendum = gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))
        with pytest.raises(PermissionDenied):
            services.addendum_beantwoorden(reactie=addendum.reacties.get(overeenkomst=a), aanvaard=True, door=aanbieder_medewerker)


def test_beheerder_helper_maakt_beheerder(aanbieder):
    assert beheerder_van(aanbieder).lidmaatschappen.get().rol == "beheerder"
