"""contractbeheer.selectors.dossierstukken (issue 16, Woo): per measure of the enforcement ladder the letter of
intention and, once decided, the decision letter, as sealed and stored (or rendered while the task has not run),
with the provider's contact person and the staff pre-marked, in one query."""

import io
from datetime import date, datetime

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from contractbeheer import selectors
from contractbeheer.models import Maatregel, Trede
from contractbeheer.selectors import dossierstukken
from contractbeheer.selectors.dossier import dossierstukken as uit_de_module
from core.kalender import TZ
from tests.factories import OrganisatieFactory, UserFactory
from tests.overeenkomst.factories import OvereenkomstFactory, gooi_procedure

pytestmark = pytest.mark.django_db


def tekst_van(inhoud: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)


def om(maand, dag):
    return datetime(2025, maand, dag, 10, 0, tzinfo=TZ)


@pytest.fixture
def procedure(db):
    return gooi_procedure()[0]


@pytest.fixture
def staf():
    return UserFactory(first_name="Carla", last_name="Contract", email="carla@bureau.example")


@pytest.fixture
def beslisser():
    return UserFactory(first_name="Bert", last_name="Besluit", email="bert@bureau.example")


def overeenkomst(procedure, i=0):
    org = OrganisatieFactory(naam=f"Zorgkracht {i} B.V.", contactpersoon=f"Mw. De Vries {i}",
                             contact_email=f"devries{i}@zorgkracht.example", contact_telefoon=f"06-1234567{i}")
    return OvereenkomstFactory(aanbesteding=procedure, organisatie=org)


def maatregel(ovk, staf, *, maand=3, besloten_door=None, status=Maatregel.Status.VOORNEMEN, met_brieven=False):
    m = Maatregel.objects.create(
        overeenkomst=ovk, trede=Trede.WAARSCHUWING, status=status, gronden="Drie keer te laat verantwoord.",
        grondslag="003 §7.11 lid 1", voornemen_op=om(maand, 1), zienswijze_uiterlijk=date(2025, maand, 15),
        opgesteld_door=staf, besloten_door=besloten_door,
        besluit_op=om(maand, 20) if status in (Maatregel.Status.OPGELEGD, Maatregel.Status.AFGEZIEN) else None,
        besluit_toelichting="Geen zienswijze ontvangen.",
    )
    if met_brieven:
        m.brief_voornemen.save("v.pdf", ContentFile(b"%PDF-1.4 voornemen verzegeld"), save=False)
        if m.besluit_op:
            m.brief_besluit.save("b.pdf", ContentFile(b"%PDF-1.4 besluit verzegeld"), save=False)
        m.save()
    return m


def test_de_functie_staat_in_het_selectorspakket():
    assert selectors.dossierstukken is uit_de_module


def test_voornemen_en_besluit_op_datum(procedure, staf, beslisser):
    m = maatregel(overeenkomst(procedure), staf, besloten_door=beslisser, status=Maatregel.Status.OPGELEGD)
    stukken = dossierstukken(procedure)
    assert [(s.sleutel, s.soort, s.datum) for s in stukken] == [
        (f"handhaving_voornemen:{m.pk}", "handhaving_voornemen", date(2025, 3, 1)),
        (f"handhaving_besluit:{m.pk}", "handhaving_besluit", date(2025, 3, 20)),
    ]
    assert [s.titel for s in stukken] == [f"Voornemen maatregel {m.pk}: waarschuwing",
                                          f"Besluit maatregel {m.pk}: waarschuwing"]
    assert not any(s.openbaar for s in stukken)
    assert {(s.aanbesteding_id, s.regio_id) for s in stukken} == {(procedure.pk, procedure.regio_id)}


def test_zonder_besluit_alleen_het_voornemen(procedure, staf):
    maatregel(overeenkomst(procedure), staf)
    assert [s.soort for s in dossierstukken(procedure)] == ["handhaving_voornemen"]


def test_afgezien_heeft_ook_een_besluitbrief(procedure, staf, beslisser):
    maatregel(overeenkomst(procedure), staf, besloten_door=beslisser, status=Maatregel.Status.AFGEZIEN)
    assert [s.soort for s in dossierstukken(procedure)] == ["handhaving_voornemen", "handhaving_besluit"]


def test_verzegelde_brieven_uit_de_opslag(procedure, staf, beslisser):
    maatregel(overeenkomst(procedure), staf, besloten_door=beslisser, status=Maatregel.Status.OPGELEGD, met_brieven=True)
    voornemen, besluit = dossierstukken(procedure)
    assert voornemen.pdf() == b"%PDF-1.4 voornemen verzegeld"
    assert besluit.pdf() == b"%PDF-1.4 besluit verzegeld"


def test_nog_niet_gemaakte_brieven_worden_gerenderd(procedure, staf, beslisser):
    maatregel(overeenkomst(procedure), staf, besloten_door=beslisser, status=Maatregel.Status.OPGELEGD)
    voornemen, besluit = dossierstukken(procedure)
    tekst = tekst_van(voornemen.pdf())
    assert "Voornemen tot het opleggen van een maatregel: waarschuwing" in tekst
    assert "t.a.v. Mw. De Vries 0" in tekst and "Drie keer te laat verantwoord." in tekst
    tekst = tekst_van(besluit.pdf())
    assert "Besluit: waarschuwing" in tekst and "De maatregel wordt opgelegd." in tekst


def test_persoonsgegevens_contactpersoon_en_staf(procedure, staf, beslisser):
    ovk = overeenkomst(procedure)
    maatregel(ovk, staf, besloten_door=beslisser, status=Maatregel.Status.OPGELEGD)
    voornemen, besluit = dossierstukken(procedure)
    contact = ("Mw. De Vries 0", "devries0@zorgkracht.example", "06-12345670")
    assert voornemen.persoonsgegevens == (*contact, "Carla Contract", "carla@bureau.example")
    assert besluit.persoonsgegevens == (*contact, "Bert Besluit", "bert@bureau.example", "Carla Contract",
                                        "carla@bureau.example")
    assert ovk.organisatie.naam not in besluit.persoonsgegevens


def test_staf_die_er_niet_meer_is_valt_weg(procedure):
    """A deleted user (SET_NULL) leaves only the contact person."""
    maatregel(overeenkomst(procedure), None)
    [voornemen] = dossierstukken(procedure)
    assert voornemen.persoonsgegevens == ("Mw. De Vries 0", "devries0@zorgkracht.example", "06-12345670")


def test_andere_procedure_telt_niet_mee(procedure, staf):
    maatregel(overeenkomst(procedure), staf)
    assert dossierstukken(gooi_procedure()[0]) == []


@pytest.mark.parametrize("n", [1, 4])
def test_een_query_ongeacht_het_aantal_maatregelen(procedure, staf, beslisser, n, django_assert_num_queries):
    for i in range(n):
        maatregel(overeenkomst(procedure, i), staf, maand=2 + i, besloten_door=beslisser,
                  status=Maatregel.Status.OPGELEGD, met_brieven=True)
    with django_assert_num_queries(1):
        stukken = dossierstukken(procedure)
    assert len(stukken) == 2 * n
    assert [s.datum for s in stukken] == sorted(s.datum for s in stukken)
