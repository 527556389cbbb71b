"""Issue 18: a rectificatie is the only change of frozen eisen. Versions, withdrawn and new eisen, the notice
on the procedure page, the mail to providers with a draft or a submission, the submitted inschrijving's checklist
unchanged, and aanvullen within the deadline (ADR 0014)."""

from datetime import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aanbesteding import selectors as aselectors
from aanbesteding import services as aservices
from aanbesteding.models import Aanbesteding, Eis, ProcedureWijziging, Rectificatie
from core.kalender import TZ
from inschrijving import selectors, services
from inschrijving.models import Inschrijving
from organisaties.models import Bericht, Lidmaatschap, Rol
from tests.factories import OrganisatieFactory, UserFactory
from toetsing import selectors as tselectors

from ._hulp import een_auditregel, indienen
from .factories import AanbestedingFactory, InschrijvingFactory

pytestmark = pytest.mark.django_db

KLACHTEN = {"code": "Eis 60", "tekst": "De aanbieder heeft een klachtenregeling.", "soort": "geschiktheidseis",
            "antwoordtype": "ja_nee", "knock_out": True, "verwacht_antwoord_ja": True, "volgorde": 5}


@pytest.fixture
def ingediend(procedure, compleet, aanbieder_beheerder):
    return indienen(compleet, aanbieder_beheerder)


def _publiceer(procedure, inkoper, captured, **kwargs):
    with captured(execute=True):
        return aservices.rectificatie_publiceren(aanbesteding=procedure.aanbesteding, reden="Klachtenregeling vergeten.",
                                                 door=inkoper, **kwargs)


def test_rectificatie_maakt_een_nieuwe_versie_en_de_ingediende_houdt_de_oude(
        procedure, ingediend, inkoper, django_capture_on_commit_callbacks):
    voor = [e.code for e in tselectors.eisen_voor(ingediend)]
    lijst_voor = [(r.eis.code, r.ok) for g in selectors.checklist(ingediend).groepen for r in g.regels]
    nieuw = aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper)
    gewijzigd = aservices.rectificatie_eis_wijzigen(eis=procedure.formulier_e, velden={"tekst": "Nieuwe tekst."}, door=inkoper)
    aservices.rectificatie_eis_intrekken(eis=procedure.pleegzorg_plan, door=inkoper)
    # a concept changes nothing yet
    a = Aanbesteding.objects.get(pk=procedure.aanbesteding.pk)
    assert a.eisenversie == 0
    assert nieuw.pk not in aselectors.eisen_in_versie(a.pk, 0).values_list("pk", flat=True)
    r = _publiceer(procedure, inkoper, django_capture_on_commit_callbacks)
    a.refresh_from_db()
    assert (r.nummer, a.eisenversie) == (1, 1)
    versie1 = set(aselectors.eisen_in_versie(a.pk, 1).values_list("code", "tekst"))
    assert ("Eis 60", KLACHTEN["tekst"]) in versie1
    assert (procedure.formulier_e.code, "Nieuwe tekst.") in versie1
    assert procedure.pleegzorg_plan.code not in {c for c, _ in versie1}
    assert gewijzigd.vervangt == procedure.formulier_e
    # the submitted inschrijving keeps version 0: same eisen, same checklist, no "Geen antwoord gegeven"
    ingediend.refresh_from_db()
    assert [e.code for e in tselectors.eisen_voor(ingediend)] == voor
    assert [(r.eis.code, r.ok) for g in selectors.checklist(ingediend).groepen for r in g.regels] == lijst_voor
    assert aservices.rectificatie_wijzigingen(r) == {
        "toegevoegd": ["Eis 60"], "gewijzigd": [procedure.formulier_e.code], "ingetrokken": [procedure.pleegzorg_plan.code]}
    regel = een_auditregel("rectificatie.gepubliceerd", r, door=inkoper)
    assert regel.nieuwe_waarden["eisenversie"] == 1 and regel.nieuwe_waarden["reden"] == "Klachtenregeling vergeten."
    een_auditregel("rectificatie.eis_toegevoegd", r, door=inkoper)
    een_auditregel("rectificatie.eis_gewijzigd", r, door=inkoper)
    een_auditregel("rectificatie.eis_ingetrokken", r, door=inkoper)
    een_auditregel("rectificatie.aangemaakt", r, door=inkoper)
    assert ProcedureWijziging.objects.get(aanbesteding=a, soort="rectificatie").omschrijving.startswith("Rectificatie 1")


def test_zonder_reden_of_zonder_wijziging_geen_publicatie(procedure, ingediend, inkoper):
    with pytest.raises(ValidationError):
        aservices.rectificatie_publiceren(aanbesteding=procedure.aanbesteding, reden="  ", door=inkoper)
    with pytest.raises(ValidationError):
        aservices.rectificatie_publiceren(aanbesteding=procedure.aanbesteding, reden="Reden", door=inkoper)
    assert not Rectificatie.objects.filter(gepubliceerd_op__isnull=False).exists()


def test_rectificatie_voor_bevriezing_wordt_geweigerd(procedure, inkoper):
    with pytest.raises(ValidationError) as fout:
        aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper)
    assert fout.value.code == "niet_bevroren"


def test_alleen_een_inkoper_van_de_regio(procedure, ingediend, inkoper_b, beoordelaar):
    with pytest.raises(PermissionDenied):
        aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=beoordelaar)
    with pytest.raises(PermissionDenied):
        aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper_b)


def test_terugdraaien_in_het_concept(procedure, ingediend, inkoper):
    nieuw = aservices.rectificatie_eis_wijzigen(eis=procedure.formulier_e, velden={"tekst": "Anders."}, door=inkoper)
    aservices.rectificatie_wijziging_terugdraaien(eis=nieuw, door=inkoper)
    procedure.formulier_e.refresh_from_db()
    assert procedure.formulier_e.ingetrokken_in is None and not Eis.objects.filter(pk=nieuw.pk).exists()
    aservices.rectificatie_eis_intrekken(eis=procedure.kvk, door=inkoper)
    aservices.rectificatie_wijziging_terugdraaien(eis=procedure.kvk, door=inkoper)
    procedure.kvk.refresh_from_db()
    assert procedure.kvk.ingetrokken_in is None
    from ._hulp import audit_regels
    assert audit_regels("rectificatie.teruggedraaid", Rectificatie.objects.get()).count() == 2


def test_mail_naar_concept_en_ingediend_niet_naar_anderen(
        procedure, ingediend, inkoper, aanbieder_beheerder, andere_aanbieder, andere_beheerder,
        django_capture_on_commit_callbacks):
    # a draft of another provider in the same procedure: mailed; an inschrijving elsewhere: not mailed
    InschrijvingFactory(aanbesteding=procedure.aanbesteding, organisatie=andere_aanbieder, toetredingsmoment=procedure.moment)
    elders = OrganisatieFactory(naam="Elders B.V.")
    Lidmaatschap.objects.create(organisatie=elders, user=UserFactory(email="elders@example.nl"), rol=Rol.BEHEERDER)
    InschrijvingFactory(aanbesteding=AanbestedingFactory(slug="elders"), organisatie=elders)
    ingetrokken_org = OrganisatieFactory(naam="Ingetrokken B.V.")
    Lidmaatschap.objects.create(organisatie=ingetrokken_org, user=UserFactory(email="weg@example.nl"), rol=Rol.BEHEERDER)
    InschrijvingFactory(aanbesteding=procedure.aanbesteding, organisatie=ingetrokken_org, status="ingetrokken")
    aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper)
    mail.outbox.clear()
    r = _publiceer(procedure, inkoper, django_capture_on_commit_callbacks)
    ontvangers = sorted(a for m in mail.outbox for a in m.to)
    assert ontvangers == sorted([aanbieder_beheerder.email, andere_beheerder.email])
    assert all("Rectificatie 1" in m.subject for m in mail.outbox)
    ingediende_mail = next(m for m in mail.outbox if aanbieder_beheerder.email in m.to)
    # The mail names the new eis by its title, not the internal code (issue 12).
    assert "- De aanbieder heeft een klachtenregeling:" in ingediende_mail.body and "aanvullen" in ingediende_mail.body
    assert "Eis 60" not in ingediende_mail.body
    # ADR 0028: in the inbox of exactly the organisations mailed, each under the procedure's region.
    berichten = Bericht.objects.filter(sleutel__startswith=f"rectificatie:{r.pk}:")
    assert sorted(b.organisatie_id for b in berichten) == sorted([ingediend.organisatie_id, andere_aanbieder.pk])
    assert {(b.soort, b.regio_id) for b in berichten} == {("Rectificatie", procedure.aanbesteding.regio_id)}
    # a second run sends nothing again
    from inschrijving.tasks import rectificatie_melden
    mail.outbox.clear()
    assert rectificatie_melden(r.pk) == 0 and mail.outbox == []
    een_auditregel("inschrijving.rectificatie_gemeld", ingediend)


def test_de_procedurepagina_toont_de_rectificatie(procedure, ingediend, inkoper, django_capture_on_commit_callbacks):
    aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper)
    _publiceer(procedure, inkoper, django_capture_on_commit_callbacks)
    details = aselectors.procedure_details(procedure.aanbesteding)
    [regel] = details["rectificaties"]
    assert regel.rectificatie.reden == "Klachtenregeling vergeten." and [e.code for e in regel.toegevoegd] == ["Eis 60"]


def test_aanvullen_binnen_de_termijn(procedure, ingediend, inkoper, aanbieder_beheerder, tijd,
                                     django_capture_on_commit_callbacks):
    aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper)
    _publiceer(procedure, inkoper, django_capture_on_commit_callbacks)
    ingediend.refresh_from_db()
    aanvulling = selectors.aanvulling(ingediend)
    # published Tuesday 20-06-2023; 10 werkdagen → Tuesday 04-07-2023 23:59, after the round closes (30-06 10:00)
    assert aanvulling.deadline == datetime(2023, 7, 4, 23, 59, tzinfo=TZ)
    assert [e.code for e in aanvulling.eisen] == ["Eis 60"]
    with pytest.raises(ValidationError):  # incomplete
        services.inschrijving_aanvullen(inschrijving=ingediend, door=aanbieder_beheerder)
    nieuwe_eis = Eis.objects.get(code="Eis 60")
    # an old eis stays frozen; only the new one can be answered
    with pytest.raises(ValidationError):
        services.antwoord_opslaan(inschrijving=ingediend, eis=procedure.formulier_e, ja_nee=False, door=aanbieder_beheerder)
    tijd(datetime(2023, 7, 4, 23, 58, tzinfo=TZ))
    services.antwoord_opslaan(inschrijving=ingediend, eis=nieuwe_eis, ja_nee=True, door=aanbieder_beheerder)
    insch = services.inschrijving_aanvullen(inschrijving=ingediend, door=aanbieder_beheerder)
    assert insch.eisenversie == 1 and selectors.aanvulling(insch) is None
    assert insch.bevroren_inhoud["aanvullingen"][0]["antwoorden"][0]["eis"] == "Eis 60"
    assert insch.bevroren_inhoud["eisenversie"] == 0  # what was submitted stays as it was
    assert "Eis 60" in [e.code for e in tselectors.eisen_voor(insch)]
    regel = een_auditregel("inschrijving.aangevuld", insch, door=aanbieder_beheerder)
    assert regel.oude_waarden == {"eisenversie": 0}


def test_aanvullen_na_de_termijn_geweigerd(procedure, ingediend, inkoper, aanbieder_beheerder, tijd,
                                           django_capture_on_commit_callbacks):
    aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper)
    _publiceer(procedure, inkoper, django_capture_on_commit_callbacks)
    nieuwe_eis = Eis.objects.get(code="Eis 60")
    services.antwoord_opslaan(inschrijving=ingediend, eis=nieuwe_eis, ja_nee=True, door=aanbieder_beheerder)
    tijd(datetime(2023, 7, 5, 0, 0, tzinfo=TZ))
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_aanvullen(inschrijving=ingediend, door=aanbieder_beheerder)
    assert fout.value.code == "aanvullen_te_laat"
    with pytest.raises(ValidationError):
        services.antwoord_opslaan(inschrijving=ingediend, eis=nieuwe_eis, ja_nee=True, door=aanbieder_beheerder)
    ingediend.refresh_from_db()
    assert ingediend.eisenversie == 0
    assert not selectors.aanvulling(ingediend).open


def test_medewerker_mag_niet_bevestigen(procedure, ingediend, inkoper, aanbieder_medewerker,
                                        django_capture_on_commit_callbacks):
    aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper)
    _publiceer(procedure, inkoper, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        services.inschrijving_aanvullen(inschrijving=ingediend, door=aanbieder_medewerker)


def test_concept_volgt_de_nieuwe_versie(procedure, concept, inkoper, aanbieder_beheerder, andere_aanbieder,
                                        django_capture_on_commit_callbacks):
    ander = InschrijvingFactory(aanbesteding=procedure.aanbesteding, organisatie=andere_aanbieder,
                                toetredingsmoment=procedure.moment, status="ingediend",
                                ingediend_op=datetime(2023, 6, 19, tzinfo=TZ))
    aservices.eisen_bevriezen(aanbesteding=procedure.aanbesteding, door=None)
    aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper)
    _publiceer(procedure, inkoper, django_capture_on_commit_callbacks)
    concept.refresh_from_db()
    assert "Eis 60" in [r.eis.code for g in selectors.checklist(concept).groepen for r in g.regels]
    assert "Eis 60" not in [e.code for e in tselectors.eisen_voor(ander)]
    assert Inschrijving.objects.get(pk=ander.pk).eisenversie == 0


def test_aanbieder_vult_aan_via_de_paginas(procedure, ingediend, inkoper, aanbieder_beheerder, client, tijd,
                                           django_capture_on_commit_callbacks):
    aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper)
    _publiceer(procedure, inkoper, django_capture_on_commit_callbacks)
    nieuwe_eis = Eis.objects.get(code="Eis 60")
    client.force_login(aanbieder_beheerder)
    assert "Inschrijving aanvullen" in client.get(reverse("inschrijving:bevestiging", args=[ingediend.pk])).content.decode()
    assert client.get(reverse("inschrijving:aanvullen", args=[ingediend.pk])).status_code == 200
    antwoord = client.post(reverse("inschrijving:eis", args=[ingediend.pk, nieuwe_eis.pk]), {"antwoord-verklaard": "on"})
    assert antwoord.status_code == 302, antwoord.content.decode()[-4000:]
    antwoord = client.post(reverse("inschrijving:aanvullen", args=[ingediend.pk]), {"bevestig": "on"})
    assert antwoord.status_code == 302
    assert Inschrijving.objects.get(pk=ingediend.pk).eisenversie == 1


def test_admin_rectificatie_schermen(procedure, ingediend, inkoper, staff_client, django_capture_on_commit_callbacks):
    client = staff_client(inkoper)
    pk = procedure.aanbesteding.pk
    assert client.get(reverse("aanbesteding_rectificatie_overzicht")).status_code == 200
    assert client.get(reverse("aanbesteding_rectificatie", args=[pk])).status_code == 200
    assert client.get(reverse("aanbesteding_rectificatie_eis_wijzigen", args=[pk, procedure.formulier_e.pk])).status_code == 200
    antwoord = client.post(reverse("aanbesteding_rectificatie_eis_nieuw", args=[pk]), {
        "code": "Eis 60", "tekst": "Klachtenregeling.", "soort": "geschiktheidseis", "antwoordtype": "ja_nee",
        "knock_out": "on", "verwacht_antwoord_ja": "on", "volgorde": 5, "toegestane_bestanden": "pdf"})
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    assert client.post(reverse("aanbesteding_rectificatie_eis_intrekken", args=[pk, procedure.kvk.pk])).status_code == 302
    assert "Eis 60" in client.get(reverse("aanbesteding_rectificatie", args=[pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("aanbesteding_rectificatie", args=[pk]), {"reden": "Aanvulling op het PvE."})
    assert antwoord.status_code == 302
    assert Rectificatie.objects.get(aanbesteding_id=pk).gepubliceerd_op is not None
    assert client.post(reverse("aanbesteding_rectificatie_eis_terugdraaien", args=[pk, procedure.kvk.pk])).status_code == 302


def test_overzicht_queries_constant(procedure, inkoper, staff_client, django_assert_max_num_queries):
    client = staff_client(inkoper)
    client.get(reverse("aanbesteding_rectificatie_overzicht"))
    for i in range(5):
        AanbestedingFactory(slug=f"extra-{i}")
    with django_assert_max_num_queries(20):
        assert client.get(reverse("aanbesteding_rectificatie_overzicht")).status_code == 200


def test_ingetrokken_eis_kan_een_concept_niet_meer_beantwoorden(procedure, concept, inkoper, aanbieder_beheerder,
                                                                  django_capture_on_commit_callbacks):
    aservices.eisen_bevriezen(aanbesteding=procedure.aanbesteding, door=None)
    aservices.rectificatie_eis_intrekken(eis=procedure.formulier_e, door=inkoper)
    _publiceer(procedure, inkoper, django_capture_on_commit_callbacks)
    concept.refresh_from_db()
    with pytest.raises(ValidationError):
        services.antwoord_opslaan(inschrijving=concept, eis=procedure.formulier_e, ja_nee=True, door=aanbieder_beheerder)
    assert procedure.formulier_e.code not in [r.eis.code for g in selectors.checklist(concept).groepen for r in g.regels]


def test_demo_ingediende_inschrijving_bevriest_de_eisen(procedure, aanbieder):
    from inschrijving.demo import ingediende_inschrijving

    insch = ingediende_inschrijving(procedure.aanbesteding, aanbieder, dagen_geleden=3, perceelcode="5.1")
    a = Aanbesteding.objects.get(pk=procedure.aanbesteding.pk)
    assert a.eisen_bevroren_op == insch.ingediend_op and insch.eisenversie == 0


def test_aanvullen_staat_bij_de_taken_van_de_aanbieder(procedure, ingediend, inkoper, aanbieder, tijd,
                                                      django_capture_on_commit_callbacks):
    assert not [r for r in selectors.overzicht_regels(aanbieder) if "aanvullen" in r.titel]
    aservices.rectificatie_eis_toevoegen(aanbesteding=procedure.aanbesteding, velden=KLACHTEN, door=inkoper)
    _publiceer(procedure, inkoper, django_capture_on_commit_callbacks)
    [taak] = [r for r in selectors.overzicht_regels(aanbieder) if "aanvullen" in r.titel]
    assert taak.url == reverse("inschrijving:aanvullen", args=[ingediend.pk])
