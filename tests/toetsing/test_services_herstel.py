"""Herstel from the assessment (herstel_vragen) and its resumption (herstel_hervatten, herstel_hervatten_inhalen).

The provider answers through the inschrijving app's public service; the assessment resumes after commit. How
that resumption is wired (today a model signal, soon a domain signal, ADR 0009) is not tested here, only that
it happens. Hersteltermijn: 5 werkdagen (003), counted by the inschrijving app.
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from core.kalender import deadline_op
from inschrijving import services as inschrijving_services
from inschrijving.models import Herstelverzoek, Inschrijving
from toetsing import services, tasks
from toetsing.models import Oordeel, Toetsing

from ._hulp import een_regel, eis, om, regels, verklaar
from .helpers import beoordeel, consensus


@pytest.fixture
def toegewezen(maak_inschrijving, commissie, inkoper, aanbieder, beoordelaar, beoordelaar2):
    i = maak_inschrijving(organisatie=aanbieder)
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    verklaar(i, beoordelaar)
    return i


def _vraag(i, door, vraag="Lever een KvK-uittreksel van ten hoogste 3 maanden oud.", codes=("G1",)):
    return services.herstel_vragen(inschrijving=i, vraag=vraag, eisen=[eis(i, c) for c in codes], door=door)


def _status(i):
    return Toetsing.objects.get(inschrijving=i).status


def _antwoord(verzoek, door, capture, antwoord="Uittreksel van 3 maart bijgevoegd."):
    with capture(execute=True):
        inschrijving_services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord=antwoord, door=door)


# --- herstel_vragen ------------------------------------------------------------------------------------------


def test_herstel_vragen_zet_beide_statussen_en_auditeert(toegewezen, beoordelaar):
    verzoek = _vraag(toegewezen, beoordelaar)
    assert _status(toegewezen) == Toetsing.Status.HERSTEL
    toegewezen.refresh_from_db()
    assert toegewezen.status == Inschrijving.Status.HERSTEL
    regel = een_regel(toegewezen, "toetsing.herstel_gevraagd")
    assert regel.actor == beoordelaar
    assert regel.oude_waarden == {"toetsing": "in_beoordeling"}
    assert regel.nieuwe_waarden["toetsing"] == "herstel"
    assert regel.nieuwe_waarden["eisen"] == ["G1"]
    assert regel.nieuwe_waarden["deadline"] == verzoek.deadline.isoformat()


def test_herstelverzoek_komt_van_de_eigenaar_inschrijving(toegewezen, beoordelaar):
    """ADR 0009: only the inschrijving app writes its Herstelverzoek and audits it; toetsing's own fallback
    (audit literal "inschrijving.herstelverzoek", behind an ``except ImportError``) must not be what ran."""
    verzoek = _vraag(toegewezen, beoordelaar)
    assert een_regel(verzoek, "herstelverzoek.verstuurd").actor == beoordelaar
    assert een_regel(toegewezen, "inschrijving.herstel").nieuwe_waarden == {"status": "herstel"}
    assert regels(toegewezen, "inschrijving.herstelverzoek") == []


@time_machine.travel(om(2026, 3, 2, 10, 0), tick=False)
def test_hersteltermijn_vijf_werkdagen(toegewezen, beoordelaar):
    # Sent on Monday 2 March 2026: working days 3, 4, 5, 6 and 9 March; the last minute is 23:59.
    assert _vraag(toegewezen, beoordelaar).deadline == deadline_op(date(2026, 3, 9), 23, 59)


@time_machine.travel(om(2026, 4, 24, 10, 0), tick=False)
def test_hersteltermijn_slaat_koningsdag_en_bevrijdingsdag_over(toegewezen, beoordelaar):
    # Friday 24 April 2026: Monday 27 April (Koningsdag) does not count; 28, 29, 30 April, 1 May and
    # Monday 4 May are the five working days (5 mei, the Tuesday after, would not count either).
    assert _vraag(toegewezen, beoordelaar).deadline == deadline_op(date(2026, 5, 4), 23, 59)


def test_inkoper_mag_herstel_vragen_zonder_toewijzing(toegewezen, inkoper):
    _vraag(toegewezen, inkoper)
    assert _status(toegewezen) == Toetsing.Status.HERSTEL
    assert een_regel(toegewezen, "toetsing.herstel_gevraagd").actor == inkoper


def test_niet_toegewezen_beoordelaar_mag_geen_herstel_vragen(toegewezen, beoordelaar2):
    verklaar(toegewezen, beoordelaar2)
    services.toewijzing_intrekken(
        toewijzing=toegewezen.toetsing.toewijzingen.get(beoordelaar=beoordelaar2),
        door=Toetsing.objects.get(inschrijving=toegewezen).commissie.voorzitter,
    )
    with pytest.raises(PermissionDenied):
        _vraag(toegewezen, beoordelaar2)
    assert not Herstelverzoek.objects.exists()
    assert _status(toegewezen) == Toetsing.Status.IN_BEOORDELING


def test_herstel_vragen_voor_de_belangenverklaring(toegewezen, beoordelaar2):
    with pytest.raises(PermissionDenied):
        _vraag(toegewezen, beoordelaar2)
    assert not Herstelverzoek.objects.exists()
    assert regels(toegewezen, "toetsing.herstel_gevraagd") == []


def test_aanbieder_mag_geen_herstel_vragen(toegewezen, aanbieder_beheerder):
    with pytest.raises(PermissionDenied):
        _vraag(toegewezen, aanbieder_beheerder)
    assert not Herstelverzoek.objects.exists()


def test_herstelvraag_mag_niet_leeg_zijn(toegewezen, beoordelaar):
    with pytest.raises(ValidationError):
        _vraag(toegewezen, beoordelaar, vraag="   ")
    assert not Herstelverzoek.objects.exists()
    assert _status(toegewezen) == Toetsing.Status.IN_BEOORDELING


def test_geen_herstel_na_vastgestelde_consensus(volledig_beoordeeld, maak_inschrijving, inkoper):
    i = volledig_beoordeeld(maak_inschrijving())
    with pytest.raises(ValidationError):
        _vraag(i, inkoper)
    assert not Herstelverzoek.objects.exists()
    assert _status(i) == Toetsing.Status.VASTGESTELD


def test_tijdens_herstel_mag_de_beoordeling_doorgaan(toegewezen, beoordelaar):
    _vraag(toegewezen, beoordelaar)
    beoordeel(toegewezen, beoordelaar, {"G1": Oordeel.HERSTEL}, afronden=False)
    assert toegewezen.toetsing.toewijzingen.get(beoordelaar=beoordelaar).beoordelingen.count() == 4


# --- hervatten na antwoord ---------------------------------------------------------------------------------


def test_antwoord_van_aanbieder_hervat_de_beoordeling(toegewezen, beoordelaar, aanbieder_beheerder,
                                                      django_capture_on_commit_callbacks):
    verzoek = _vraag(toegewezen, beoordelaar)
    _antwoord(verzoek, aanbieder_beheerder, django_capture_on_commit_callbacks)
    assert _status(toegewezen) == Toetsing.Status.IN_BEOORDELING
    toegewezen.refresh_from_db()
    assert toegewezen.status == Inschrijving.Status.IN_BEOORDELING
    regel = een_regel(toegewezen, "toetsing.hervat")
    assert regel.actor is None  # a system action
    assert regel.nieuwe_waarden == {"toetsing": "in_beoordeling"}


def test_antwoord_in_de_consensusfase_gaat_terug_naar_de_voorzitter(toegewezen, inkoper, beoordelaar, beoordelaar2,
                                                                   aanbieder_beheerder,
                                                                   django_capture_on_commit_callbacks):
    beoordeel(toegewezen, beoordelaar, {"G1": Oordeel.HERSTEL})
    beoordeel(toegewezen, beoordelaar2, {"G1": Oordeel.HERSTEL})
    verklaar(toegewezen, inkoper)
    verzoek = _vraag(toegewezen, inkoper)
    assert _status(toegewezen) == Toetsing.Status.HERSTEL
    _antwoord(verzoek, aanbieder_beheerder, django_capture_on_commit_callbacks)
    # Both assessors had finished: the assessment resumes with the chair.
    assert _status(toegewezen) == Toetsing.Status.CONSENSUS
    assert een_regel(toegewezen, "toetsing.hervat").nieuwe_waarden == {"toetsing": "consensus"}
    consensus(toegewezen, inkoper)
    assert _status(toegewezen) == Toetsing.Status.VASTGESTELD


def test_consensus_kan_niet_vastgesteld_worden_tijdens_herstel(toegewezen, inkoper, beoordelaar, beoordelaar2):
    beoordeel(toegewezen, beoordelaar)
    beoordeel(toegewezen, beoordelaar2)
    consensus(toegewezen, inkoper, vaststellen=False)
    _vraag(toegewezen, inkoper)
    with pytest.raises(ValidationError):
        services.consensus_vaststellen(inschrijving=toegewezen, door=inkoper)
    assert _status(toegewezen) == Toetsing.Status.HERSTEL


def test_met_twee_open_verzoeken_hervat_pas_na_het_laatste_antwoord(toegewezen, beoordelaar, aanbieder_beheerder,
                                                                     django_capture_on_commit_callbacks):
    eerste = _vraag(toegewezen, beoordelaar)
    tweede = _vraag(toegewezen, beoordelaar, vraag="Stuur de VOG van de bestuurder.", codes=("U1",))
    _antwoord(eerste, aanbieder_beheerder, django_capture_on_commit_callbacks)
    assert _status(toegewezen) == Toetsing.Status.HERSTEL
    assert regels(toegewezen, "toetsing.hervat") == []
    _antwoord(tweede, aanbieder_beheerder, django_capture_on_commit_callbacks, antwoord="VOG bijgevoegd.")
    assert _status(toegewezen) == Toetsing.Status.IN_BEOORDELING
    assert len(regels(toegewezen, "toetsing.hervat")) == 1


def test_antwoord_van_een_andere_organisatie_hervat_niets(toegewezen, beoordelaar, andere_beheerder,
                                                          django_capture_on_commit_callbacks):
    verzoek = _vraag(toegewezen, beoordelaar)
    with pytest.raises(PermissionDenied):
        _antwoord(verzoek, andere_beheerder, django_capture_on_commit_callbacks)
    assert _status(toegewezen) == Toetsing.Status.HERSTEL


# --- hervatten na de termijn -------------------------------------------------------------------------------


def test_verstreken_termijn_hervat_via_de_taak_eenmaal(toegewezen, beoordelaar):
    with time_machine.travel(om(2026, 3, 2, 10, 0), tick=False):
        _vraag(toegewezen, beoordelaar)
    # The last minute of the term (9 March 23:59) still belongs to the provider.
    with time_machine.travel(om(2026, 3, 9, 23, 58), tick=False):
        assert tasks.herstel_hervatten_inhalen() == 0
    assert _status(toegewezen) == Toetsing.Status.HERSTEL
    with time_machine.travel(om(2026, 3, 10, 0, 1), tick=False):
        assert tasks.herstel_hervatten_inhalen() == 1
        assert tasks.herstel_hervatten_inhalen() == 0
    assert _status(toegewezen) == Toetsing.Status.IN_BEOORDELING
    toegewezen.refresh_from_db()
    assert toegewezen.status == Inschrijving.Status.IN_BEOORDELING
    assert len(regels(toegewezen, "toetsing.hervat")) == 1


def test_te_laat_antwoord_wordt_geweigerd_en_de_taak_hervat(toegewezen, beoordelaar, aanbieder_beheerder,
                                                             django_capture_on_commit_callbacks):
    with time_machine.travel(om(2026, 3, 2, 10, 0), tick=False):
        verzoek = _vraag(toegewezen, beoordelaar)
    with time_machine.travel(om(2026, 3, 12, 9, 0), tick=False):
        with pytest.raises(ValidationError):
            _antwoord(verzoek, aanbieder_beheerder, django_capture_on_commit_callbacks)
        tasks.herstel_hervatten_inhalen()
    assert _status(toegewezen) == Toetsing.Status.IN_BEOORDELING


def test_hervatten_buiten_herstel_doet_niets(toegewezen):
    assert services.herstel_hervatten(inschrijving_id=toegewezen.pk) is False
    assert services.herstel_hervatten(inschrijving_id=toegewezen.pk + 1000) is False
    assert regels(toegewezen, "toetsing.hervat") == []
    assert _status(toegewezen) == Toetsing.Status.IN_BEOORDELING


def test_hervatten_met_open_verzoek_binnen_de_termijn_doet_niets(toegewezen, beoordelaar):
    verzoek = _vraag(toegewezen, beoordelaar)
    with time_machine.travel(verzoek.deadline - timedelta(hours=1)):
        assert services.herstel_hervatten(inschrijving_id=toegewezen.pk) is False
    assert _status(toegewezen) == Toetsing.Status.HERSTEL
