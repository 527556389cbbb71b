"""Issue 18, finding 1: eisen change under submitted inschrijvingen. Once the first inschrijving of a round is
submitted the eisen are frozen: the admin screens and the services refuse, and a submitted inschrijving keeps
exactly the eisen it was submitted under (ADR 0014)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from aanbesteding import services as aservices
from aanbesteding.models import Aanbesteding, Eis
from tests.factories import UserFactory
from toetsing import selectors as tselectors

from ._hulp import een_auditregel, indienen

pytestmark = pytest.mark.django_db


def _eisformulier(procedure, **extra):
    return {
        "aanbesteding": procedure.aanbesteding.pk, "perceel": "", "code": "Eis 99", "volgorde": 9,
        "tekst": "De aanbieder heeft een klachtenfunctionaris.", "toelichting": "", "soort": "geschiktheidseis",
        "knock_out": "on", "antwoordtype": "ja_nee", "verwacht_antwoord_ja": "on", "max_woorden": "",
        "min_score": "", "max_score": "", "documentsoort": "", "max_leeftijd_maanden": "",
        "toegestane_bestanden": "pdf", **extra,
    }


def test_eis_toevoegen_in_de_admin_na_indiening_wordt_geweigerd(procedure, compleet, aanbieder_beheerder, staff_client, inkoper):
    insch = indienen(compleet, aanbieder_beheerder)
    voor = [e.code for e in tselectors.eisen_voor(insch)]
    antwoord = staff_client(inkoper).post(reverse("wagtailsnippets_aanbesteding_eis:add"), _eisformulier(procedure))
    assert antwoord.status_code == 200
    assert "rectificatie" in antwoord.content.decode()
    assert not Eis.objects.filter(code="Eis 99").exists()
    # the submitted inschrijving under assessment shows no eis it never saw ("Geen antwoord gegeven")
    assert [e.code for e in tselectors.eisen_voor(insch)] == voor


def test_eis_wijzigen_in_de_admin_na_indiening_wordt_geweigerd(procedure, compleet, aanbieder_beheerder, staff_client, inkoper):
    indienen(compleet, aanbieder_beheerder)
    eis = procedure.formulier_e
    antwoord = staff_client(inkoper).post(
        reverse("wagtailsnippets_aanbesteding_eis:edit", args=[eis.pk]),
        _eisformulier(procedure, code=eis.code, soort=eis.soort, tekst="Een andere tekst."),
    )
    assert antwoord.status_code == 200
    eis.refresh_from_db()
    assert eis.tekst != "Een andere tekst."


def test_eis_verwijderen_in_de_admin_na_indiening_wordt_geweigerd(procedure, compleet, aanbieder_beheerder, staff_client, inkoper):
    indienen(compleet, aanbieder_beheerder)
    eis = Eis.objects.create(aanbesteding=procedure.aanbesteding, code="Los", tekst="t", soort="uitvoeringseis",
                             antwoordtype="ja_nee")
    antwoord = staff_client(inkoper).post(reverse("wagtailsnippets_aanbesteding_eis:delete", args=[eis.pk]))
    assert antwoord.status_code == 302
    assert Eis.objects.filter(pk=eis.pk).exists()


def test_voor_bevriezing_mag_de_admin_een_eis_toevoegen_met_audit(procedure, staff_client, inkoper):
    antwoord = staff_client(inkoper).post(reverse("wagtailsnippets_aanbesteding_eis:add"), _eisformulier(procedure))
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    eis = Eis.objects.get(code="Eis 99")
    assert een_auditregel("eis.toegevoegd", eis, door=inkoper).nieuwe_waarden["tekst"] == eis.tekst


def test_de_service_weigert_ook(procedure, compleet, aanbieder_beheerder, inkoper):
    indienen(compleet, aanbieder_beheerder)
    eis = procedure.formulier_e
    eis.tekst = "Stiekem anders."
    with pytest.raises(ValidationError) as fout:
        aservices.eis_opslaan(eis=eis, door=inkoper)
    assert fout.value.code == "bevroren"
    beheer = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(ValidationError):
        aservices.eis_verwijderen(eis=eis, door=beheer)
    nieuw = Eis(aanbesteding=procedure.aanbesteding, code="X", tekst="t", soort="uitvoeringseis", antwoordtype="ja_nee")
    with pytest.raises(ValidationError):
        aservices.eis_opslaan(eis=nieuw, door=inkoper)


def test_eerste_indiening_bevriest_met_audit_en_versie(procedure, compleet, aanbieder_beheerder):
    insch = indienen(compleet, aanbieder_beheerder)
    a = Aanbesteding.objects.get(pk=procedure.aanbesteding.pk)
    assert a.eisen_bevroren_op == insch.ingediend_op
    assert insch.eisenversie == 0 and insch.bevroren_inhoud["eisenversie"] == 0
    een_auditregel("aanbesteding.eisen_bevroren", a, door=aanbieder_beheerder)


def test_bevriezen_bij_opening_van_de_ronde(procedure, tijd, inkoper):
    Aanbesteding.objects.filter(pk=procedure.aanbesteding.pk).update(
        eisen_bevriezen=Aanbesteding.EisenBevriezen.BIJ_OPENING)
    a = Aanbesteding.objects.get(pk=procedure.aanbesteding.pk)
    assert a.eisen_zijn_bevroren()  # the window of the conftest is open at BINNEN_VENSTER
    eis = procedure.formulier_e
    eis.tekst = "Anders."
    with pytest.raises(ValidationError):
        aservices.eis_opslaan(eis=eis, door=inkoper)
    tijd(procedure.moment.opent_op.replace(year=2022))
    assert not Aanbesteding.objects.get(pk=a.pk).eisen_zijn_bevroren()
