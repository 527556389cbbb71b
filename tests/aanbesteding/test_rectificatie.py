"""The owner services of frozen eisen and their rectificatie (issue 18, ADR 0014): in-place changes only before the
freeze, with audit; after it only a concept rectificatie, published with a reason, as the next version; the
procedure page notice and the staff screens. The inschrijving side (its version, aanvullen, mail) is tested in
tests/inschrijving/test_rectificatie.py."""

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aanbesteding import selectors, services
from aanbesteding.models import Aanbesteding, Eis, ProcedureWijziging, Rectificatie
from core.kalender import TZ
from core.models import AuditRegel
from tests.factories import UserFactory

from .factories import AanbestedingFactory, PerceelFactory

pytestmark = pytest.mark.django_db

VELDEN = {"code": "Eis 60", "tekst": "De aanbieder heeft een klachtenregeling.", "soort": "geschiktheidseis",
          "antwoordtype": "ja_nee", "knock_out": True, "volgorde": 5}


def _eis(aanbesteding, code, **extra):
    return Eis.objects.create(aanbesteding=aanbesteding, code=code, tekst=f"Tekst van {code}.", soort="uitvoeringseis",
                              antwoordtype="ja_nee", **extra)


@pytest.fixture
def open_procedure(db):
    a = AanbestedingFactory(slug="rectificatie-proef", titel="Jeugdhulp proef", status="open")
    a.eis_a = _eis(a, "A")
    a.eis_b = _eis(a, "B")
    return a


@pytest.fixture
def bevroren(open_procedure):
    services.eisen_bevriezen(aanbesteding=open_procedure, door=None, moment=datetime(2023, 6, 20, 14, 0, tzinfo=TZ))
    open_procedure.refresh_from_db()
    return open_procedure


def _regels(actie):
    return AuditRegel.objects.filter(actie=actie)


# --- before the freeze: in place, audited -------------------------------------------------------------------


def test_voor_bevriezing_wijzigen_en_verwijderen_met_audit(open_procedure, staffgroepen):
    beheer = UserFactory(is_superuser=True, is_staff=True)
    eis = open_procedure.eis_a
    eis.tekst = "Nieuwe tekst."
    services.eis_opslaan(eis=eis, door=beheer)
    regel = _regels("eis.gewijzigd").get()
    assert regel.oude_waarden["tekst"] == "Tekst van A." and regel.nieuwe_waarden["tekst"] == "Nieuwe tekst."
    services.eis_verwijderen(eis=open_procedure.eis_b, door=beheer)
    assert _regels("eis.verwijderd").get().oude_waarden["code"] == "B"
    assert not Eis.objects.filter(pk=open_procedure.eis_b.pk).exists()


def test_zonder_recht_geen_wijziging(open_procedure, beoordelaar):
    with pytest.raises(PermissionDenied):
        services.eis_opslaan(eis=open_procedure.eis_a, door=beoordelaar)
    with pytest.raises(PermissionDenied):
        services.eis_verwijderen(eis=open_procedure.eis_a, door=beoordelaar)


def test_inkoper_van_een_andere_regio_mag_niet(open_procedure, inkoper_b):
    with pytest.raises(PermissionDenied):
        services.eis_opslaan(eis=open_procedure.eis_a, door=inkoper_b)


# --- the freeze ----------------------------------------------------------------------------------------------


def test_bevriezen_eenmaal_en_daarna_geweigerd(bevroren, inkoper):
    eerste = bevroren.eisen_bevroren_op
    assert services.eisen_bevriezen(aanbesteding=bevroren, door=None) == 0
    bevroren.refresh_from_db()
    assert bevroren.eisen_bevroren_op == eerste
    assert _regels("aanbesteding.eisen_bevroren").count() == 1
    eis = bevroren.eis_a
    eis.tekst = "Stiekem."
    with pytest.raises(ValidationError) as fout:
        services.eis_opslaan(eis=eis, door=inkoper)
    assert "20-06-2023 14:00" in fout.value.messages[0] and "rectificatie" in fout.value.messages[0]
    assert "bevroren" in services.bevroren_melding(bevroren)


def test_bevriezen_bij_opening(open_procedure):
    from tests.inschrijving.factories import ToetredingsmomentFactory

    Aanbesteding.objects.filter(pk=open_procedure.pk).update(eisen_bevriezen=Aanbesteding.EisenBevriezen.BIJ_OPENING)
    open_procedure.refresh_from_db()
    ToetredingsmomentFactory(aanbesteding=open_procedure, opent_op=datetime(2099, 1, 1, tzinfo=TZ),
                             sluit_op=datetime(2099, 2, 1, tzinfo=TZ))
    assert not open_procedure.eisen_zijn_bevroren()
    assert open_procedure.eisen_zijn_bevroren(datetime(2099, 1, 2, tzinfo=TZ))
    assert "opening" in services.bevroren_melding(open_procedure)


# --- the rectificatie ----------------------------------------------------------------------------------------


def test_versies_na_twee_rectificaties(bevroren, inkoper):
    nieuw = services.rectificatie_eis_toevoegen(aanbesteding=bevroren, velden=VELDEN, door=inkoper)
    r1 = services.rectificatie_publiceren(aanbesteding=bevroren, reden="Klachtenregeling ontbrak.", door=inkoper)
    vervanger = services.rectificatie_eis_wijzigen(eis=bevroren.eis_a, velden={"knock_out": False}, door=inkoper)
    services.rectificatie_eis_intrekken(eis=nieuw, door=inkoper)
    r2 = services.rectificatie_publiceren(aanbesteding=bevroren, reden="A is geen knock-out.", door=inkoper)
    assert (r1.nummer, r2.nummer) == (1, 2)
    codes = {n: sorted(selectors.eisen_in_versie(bevroren.pk, n).values_list("code", "knock_out")) for n in (0, 1, 2)}
    assert codes[0] == [("A", True), ("B", True)]
    assert codes[1] == [("A", True), ("B", True), ("Eis 60", True)]
    assert codes[2] == [("A", False), ("B", True)]
    assert vervanger.vervangt_id == bevroren.eis_a.pk and vervanger.versie == 2 and bevroren.eis_a.versie == 0
    assert services.rectificatie_wijzigingen(r2) == {"toegevoegd": [], "gewijzigd": ["A"], "ingetrokken": ["Eis 60"]}
    bevroren.refresh_from_db()
    assert bevroren.eisenversie == 2
    assert ProcedureWijziging.objects.filter(aanbesteding=bevroren, soort="rectificatie").count() == 2


def test_concept_controles(bevroren, inkoper):
    with pytest.raises(ValidationError):  # no change at all
        services.rectificatie_eis_wijzigen(eis=bevroren.eis_a, velden={"tekst": "Tekst van A."}, door=inkoper)
    with pytest.raises(ValidationError):  # same code as an eis in force
        services.rectificatie_eis_toevoegen(aanbesteding=bevroren, velden={**VELDEN, "code": "A"}, door=inkoper)
    with pytest.raises(ValidationError):  # unknown field
        services.rectificatie_eis_toevoegen(aanbesteding=bevroren, velden={**VELDEN, "aanbesteding": 1}, door=inkoper)
    ander = PerceelFactory(aanbesteding=AanbestedingFactory(slug="ander"))
    with pytest.raises(ValidationError):  # perceel of another procedure
        services.rectificatie_eis_toevoegen(aanbesteding=bevroren, velden={**VELDEN, "perceel": ander}, door=inkoper)
    services.rectificatie_eis_intrekken(eis=bevroren.eis_b, door=inkoper)
    with pytest.raises(ValidationError):  # already withdrawn in the concept
        services.rectificatie_eis_wijzigen(eis=bevroren.eis_b, velden={"tekst": "x"}, door=inkoper)
    with pytest.raises(ValidationError):  # an unchanged eis cannot be undone
        services.rectificatie_wijziging_terugdraaien(eis=bevroren.eis_a, door=inkoper)
    assert Rectificatie.objects.filter(aanbesteding=bevroren).count() == 1  # one concept only


def test_gepubliceerde_rectificatie_zonder_reden_weigert_de_database(bevroren, inkoper):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Rectificatie.objects.create(aanbesteding=bevroren, nummer=1, gepubliceerd_op=datetime(2023, 7, 1, tzinfo=TZ))


def test_aanvultermijn_tien_werkdagen_of_het_sluiten_van_de_ronde(bevroren, inkoper):
    services.rectificatie_eis_toevoegen(aanbesteding=bevroren, velden=VELDEN, door=inkoper)
    r = services.rectificatie_publiceren(aanbesteding=bevroren, reden="Reden.", door=inkoper)
    # Tuesday 25-04-2023; Koningsdag (27-04) and Bevrijdingsdag (05-05) are no working days in core.kalender
    r.gepubliceerd_op = datetime(2023, 4, 25, 12, 0, tzinfo=TZ)
    assert r.aanvullen_tot() == datetime(2023, 5, 11, 23, 59, tzinfo=TZ)
    later = datetime(2023, 6, 30, 10, 0, tzinfo=TZ)
    assert r.aanvullen_tot(later) == later


def test_de_procedurepagina_toont_rectificaties(bevroren, inkoper, client, django_assert_max_num_queries):
    services.rectificatie_eis_toevoegen(aanbesteding=bevroren, velden=VELDEN, door=inkoper)
    services.rectificatie_publiceren(aanbesteding=bevroren, reden="Klachtenregeling ontbrak.", door=inkoper)
    [regel] = selectors.procedure_details(bevroren)["rectificaties"]
    assert [e.code for e in regel.toegevoegd] == ["Eis 60"] and regel.rectificatie.reden == "Klachtenregeling ontbrak."
    assert selectors.concept_rectificatie(bevroren) is None
    with django_assert_max_num_queries(3):
        selectors.gepubliceerde_rectificaties(bevroren)


# --- staff screens ---------------------------------------------------------------------------------------------


def test_admin_schermen_voor_de_inkoper(bevroren, inkoper, staff_client):
    client = staff_client(inkoper)
    pk = bevroren.pk
    assert client.get(reverse("aanbesteding_rectificatie_overzicht")).status_code == 200
    assert client.get(reverse("aanbesteding_rectificatie_eis_nieuw", args=[pk])).status_code == 200
    antwoord = client.post(reverse("aanbesteding_rectificatie_eis_wijzigen", args=[pk, bevroren.eis_a.pk]), {
        "code": "A", "tekst": "Nieuwe tekst van A.", "soort": "uitvoeringseis", "antwoordtype": "ja_nee",
        "knock_out": "on", "verwacht_antwoord_ja": "on", "volgorde": 0, "toegestane_bestanden": "pdf"})
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    pagina = client.get(reverse("aanbesteding_rectificatie", args=[pk])).content.decode()
    assert "Nieuwe tekst van A." in pagina and "Gewijzigd" in pagina
    assert client.post(reverse("aanbesteding_rectificatie", args=[pk]), {"reden": ""}).status_code == 200
    assert client.post(reverse("aanbesteding_rectificatie", args=[pk]), {"reden": "Tekst verduidelijkt."}).status_code == 302
    assert "Tekst verduidelijkt." in client.get(reverse("aanbesteding_rectificatie", args=[pk])).content.decode()


def test_niet_bevroren_procedure_verwijst_naar_eisen(open_procedure, inkoper, staff_client):
    client = staff_client(inkoper)
    assert "nog niet bevroren" in client.get(reverse("aanbesteding_rectificatie", args=[open_procedure.pk])).content.decode()
    antwoord = client.post(reverse("aanbesteding_rectificatie_eis_intrekken", args=[open_procedure.pk, open_procedure.eis_a.pk]))
    assert antwoord.status_code == 302
    open_procedure.eis_a.refresh_from_db()
    assert open_procedure.eis_a.ingetrokken_in is None


def test_beoordelaar_en_andere_regio_komen_er_niet_in(bevroren, beoordelaar, inkoper_b, staff_client):
    assert staff_client(beoordelaar).get(reverse("aanbesteding_rectificatie_overzicht")).status_code == 302
    assert staff_client(inkoper_b).get(reverse("aanbesteding_rectificatie", args=[bevroren.pk])).status_code == 404


def test_overzicht_met_vaste_queries(bevroren, inkoper, staff_client, django_assert_num_queries):
    client = staff_client(inkoper)
    client.get(reverse("aanbesteding_rectificatie_overzicht"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        client.get(reverse("aanbesteding_rectificatie_overzicht"))
    for i in range(4):
        AanbestedingFactory(slug=f"extra-{i}")
    with django_assert_num_queries(len(een.captured_queries)):
        assert client.get(reverse("aanbesteding_rectificatie_overzicht")).status_code == 200


def test_eisenlijst_met_rectificatiekolommen_zonder_n_plus_een(bevroren, inkoper, staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = staff_client(inkoper)
    url = reverse("wagtailsnippets_aanbesteding_eis:list")
    services.rectificatie_eis_wijzigen(eis=bevroren.eis_a, velden={"tekst": "Anders."}, door=inkoper)
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        assert client.get(url).status_code == 200
    services.rectificatie_eis_intrekken(eis=bevroren.eis_b, door=inkoper)
    for n in range(5):
        services.rectificatie_eis_toevoegen(aanbesteding=bevroren, velden={**VELDEN, "code": f"N{n}"}, door=inkoper)
    with CaptureQueriesContext(connection) as meer:
        assert client.get(url).status_code == 200
    assert len(meer.captured_queries) <= len(een.captured_queries)


def test_elke_stap_van_de_rectificatie_staat_in_de_audit(bevroren, inkoper):
    nieuw = services.rectificatie_eis_toevoegen(aanbesteding=bevroren, velden=VELDEN, door=inkoper)
    services.rectificatie_eis_wijzigen(eis=bevroren.eis_a, velden={"tekst": "Anders."}, door=inkoper)
    services.rectificatie_eis_intrekken(eis=bevroren.eis_b, door=inkoper)
    services.rectificatie_wijziging_terugdraaien(eis=bevroren.eis_b, door=inkoper)
    r = services.rectificatie_publiceren(aanbesteding=bevroren, reden="Klachtenregeling ontbrak.", door=inkoper)
    for actie in ("rectificatie.aangemaakt", "rectificatie.eis_toegevoegd", "rectificatie.eis_gewijzigd",
                  "rectificatie.eis_ingetrokken", "rectificatie.teruggedraaid", "rectificatie.gepubliceerd"):
        regel = _regels(actie).get()
        assert (regel.object_id, regel.actor) == (str(r.pk), inkoper), actie
    assert _regels("rectificatie.eis_toegevoegd").get().nieuwe_waarden["code"] == nieuw.code
    assert _regels("rectificatie.eis_gewijzigd").get().oude_waarden["tekst"] == "Tekst van A."
    assert _regels("rectificatie.gepubliceerd").get().nieuwe_waarden == {
        "eisenversie": 1, "reden": "Klachtenregeling ontbrak.", "toegevoegd": ["Eis 60"], "gewijzigd": ["A"],
        "ingetrokken": []}
