"""inschrijving.selectors.dossierstukken (issue 16, Woo): the proces-verbaal van opening of each closed round is a
document of the procedure's dossier, read as sealed from the private storage; the providers' evidence and their
receipts are not."""

import io
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from pypdf import PdfReader

from core.kalender import TZ
from inschrijving.models import Antwoord, Inschrijving, ProcesVerbaalOpening
from inschrijving.pdf import proces_verbaal_opening
from inschrijving.selectors import dossierstukken

from .factories import (
    AanbestedingFactory,
    BewijsstukFactory,
    EisFactory,
    InschrijvingFactory,
    ToetredingsmomentFactory,
)

pytestmark = pytest.mark.django_db


def tekst_van(inhoud: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)


def ronde(aanbesteding, i: int, *, met_inschrijving=False):
    """Round i of June 2023 (closing on the (10 + i)th at 10:00) with its PV made an hour after closing."""
    sluit = datetime(2023, 6, 10 + i, 10, 0, tzinfo=TZ)
    moment = ToetredingsmomentFactory(aanbesteding=aanbesteding, naam=f"Ronde {i}", opent_op=sluit - timedelta(days=9),
                                      sluit_op=sluit)
    inschrijvingen = []
    if met_inschrijving:
        inschrijving = InschrijvingFactory(aanbesteding=aanbesteding, toetredingsmoment=moment,
                                           status=Inschrijving.Status.INGEDIEND, ingediend_op=sluit - timedelta(days=1))
        stuk = BewijsstukFactory(organisatie=inschrijving.organisatie)
        antwoord = Antwoord.objects.create(inschrijving=inschrijving, eis=EisFactory(aanbesteding=aanbesteding))
        antwoord.bewijsstukken.add(stuk)
        inschrijvingen.append(inschrijving)
    opgemaakt = sluit + timedelta(hours=1)
    inhoud = proces_verbaal_opening(aanbesteding=aanbesteding, moment=moment, inschrijvingen=inschrijvingen,
                                    onregelmatigheden=[], opgemaakt_op=opgemaakt)
    with time_machine.travel(opgemaakt, tick=False):
        return ProcesVerbaalOpening.objects.create(
            toetredingsmoment=moment, sha256="0" * 64, aantal_inschrijvingen=len(inschrijvingen),
            bestand=ContentFile(inhoud, name="pv.pdf"),
        )


@pytest.fixture
def procedure(db):
    return AanbestedingFactory()


def test_een_pv_per_ronde_op_datum(procedure):
    tweede = ronde(procedure, 2)
    eerste = ronde(procedure, 1)
    stukken = dossierstukken(procedure)
    assert [s.sleutel for s in stukken] == [f"pv_opening:{eerste.pk}", f"pv_opening:{tweede.pk}"]
    assert [s.soort for s in stukken] == ["pv_opening", "pv_opening"]
    assert [s.titel for s in stukken] == ["Proces-verbaal van opening: Ronde 1", "Proces-verbaal van opening: Ronde 2"]
    assert [s.datum for s in stukken] == [date(2023, 6, 11), date(2023, 6, 12)]
    assert {(s.aanbesteding_id, s.regio_id) for s in stukken} == {(procedure.pk, procedure.regio_id)}


def test_pdf_komt_uit_de_prive_opslag_zoals_opgeslagen(procedure):
    pv = ronde(procedure, 1, met_inschrijving=True)
    [stuk] = dossierstukken(procedure)
    inhoud = stuk.pdf()
    with pv.bestand.open("rb") as f:
        assert inhoud == f.read()
    tekst = tekst_van(inhoud)
    assert "Proces-verbaal van opening" in tekst and "Ronde 1" in tekst


def test_niet_openbaar_en_zonder_persoonsgegevens(procedure):
    """The PV names organisations with their KvK numbers, which are no personal data of a natural person."""
    ronde(procedure, 1, met_inschrijving=True)
    [stuk] = dossierstukken(procedure)
    assert not stuk.openbaar
    assert stuk.persoonsgegevens == ()


def test_bewijsstukken_en_ontvangstbewijzen_horen_niet_bij_het_dossier(procedure):
    ronde(procedure, 1, met_inschrijving=True)
    inschrijving = Inschrijving.objects.get()
    inschrijving.ontvangstbewijs.save("ontvangst.pdf", ContentFile(b"%PDF-1.4 ontvangst"), save=True)
    assert [s.soort for s in dossierstukken(procedure)] == ["pv_opening"]


def test_ronde_zonder_pv_levert_niets(procedure):
    ToetredingsmomentFactory(aanbesteding=procedure)
    assert dossierstukken(procedure) == []


def test_pv_van_een_andere_procedure_telt_niet_mee(procedure):
    ronde(AanbestedingFactory(), 1)
    assert dossierstukken(procedure) == []


@pytest.mark.parametrize("n", [1, 4])
def test_een_query_ongeacht_het_aantal_rondes(procedure, n, django_assert_num_queries):
    for i in range(1, n + 1):
        ronde(procedure, i)
    with django_assert_num_queries(1):
        stukken = dossierstukken(procedure)
    assert len(stukken) == n
