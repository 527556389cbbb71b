"""toetsing.selectors.dossierstukken (issue 16, Woo): every decision letter and every proces-verbaal van beoordeling
of a procedure, by date, the sealed PDF as stored (or the letter rendered while the task has not run), with the
people each names for the pre-marking under Woo art. 5.1.2.e, in a constant number of queries."""

from datetime import date, datetime, timedelta

import pytest
from django.core.files.base import ContentFile

from core import kalender
from core.kalender import TZ
from tests.factories import OrganisatieFactory, UserFactory
from tests.inschrijving.factories import ToetredingsmomentFactory
from toetsing import services
from toetsing.models import (
    Beoordelingscommissie,
    Besluit,
    Loting,
    LotingHerziening,
    ProcesVerbaalBeoordeling,
    Toetsing,
    Toewijzing,
)
from toetsing.selectors import dossierstukken

from ._hulp import pdf_tekst, verzend_op
from .factories import InschrijvingFactory

pytestmark = pytest.mark.django_db


def om(dag, uur=10):
    return datetime(2026, 2, dag, uur, 0, tzinfo=TZ)


def _persoon(voornaam, achternaam):
    return UserFactory(first_name=voornaam, last_name=achternaam, email=f"{voornaam.lower()}@bureau.example")


# --- through the services: a decision taken, its letter sealed, the round's PV made -------------------------


@pytest.fixture
def contactpersoon():
    return OrganisatieFactory(naam="Zorgkracht Gooi B.V.", contactpersoon="Mw. A. de Vries",
                              contact_email="a.devries@zorgkracht.example", contact_telefoon="035-1234567")


@pytest.fixture
def besloten(procedure, maak_inschrijving, volledig_beoordeeld, inkoper, contactpersoon,
             django_capture_on_commit_callbacks):
    ronde = ToetredingsmomentFactory(aanbesteding=procedure["aanbesteding"], naam="Ronde februari 2026")
    indiener = _persoon("Piet", "Indiener")
    inschrijving = volledig_beoordeeld(maak_inschrijving(organisatie=contactpersoon, toetredingsmoment=ronde,
                                                         ingediend_door=indiener))
    with django_capture_on_commit_callbacks(execute=True):
        besluit = services.besluit_nemen(inschrijving=inschrijving, door=inkoper)
    # Sending makes the sealed letter (toetsing.tasks.besluitbrief_maken_en_aankondigen).
    besluit = verzend_op(besluit, inkoper, kalender.nu() + timedelta(minutes=5), django_capture_on_commit_callbacks)
    return {"besluit": besluit, "ronde": ronde, "indiener": indiener, "inschrijving": inschrijving}


def test_besluitbrief_en_pv_van_de_ronde(besloten, procedure):
    stukken = dossierstukken(procedure["aanbesteding"])
    besluit = besloten["besluit"]
    pv = ProcesVerbaalBeoordeling.objects.get()
    assert [s.sleutel for s in stukken] == [f"besluit:{besluit.pk}", f"pv_beoordeling:{pv.pk}"]
    assert [s.soort for s in stukken] == ["besluit", "pv_beoordeling"]
    assert stukken[0].titel == f"Besluit {besluit.pk} op inschrijving {besloten['inschrijving'].pk}"
    assert stukken[1].titel == "Proces-verbaal van beoordeling: Ronde februari 2026 (versie 1)"
    assert not any(s.openbaar for s in stukken)
    assert {(s.aanbesteding_id, s.regio_id) for s in stukken} == {
        (procedure["aanbesteding"].pk, procedure["aanbesteding"].regio_id)}


def test_besluitbrief_is_de_verzegelde_brief_uit_de_opslag(besloten, procedure):
    besluit = besloten["besluit"]
    assert besluit.brief
    [stuk, _] = dossierstukken(procedure["aanbesteding"])
    with besluit.brief.open("rb") as f:
        assert stuk.pdf() == f.read()
    tekst = pdf_tekst(stuk.pdf())
    assert "Zorgkracht Gooi B.V." in tekst and "Betreft: besluit op uw inschrijving" in tekst


def test_pv_van_beoordeling_uit_de_opslag(besloten, procedure):
    [_, stuk] = dossierstukken(procedure["aanbesteding"])
    assert "Proces-verbaal van beoordeling" in pdf_tekst(stuk.pdf())


def test_besluit_noemt_contactpersoon_indiener_en_besluitnemer(besloten, procedure, inkoper):
    [stuk, _] = dossierstukken(procedure["aanbesteding"])
    personen = stuk.persoonsgegevens
    assert {"Mw. A. de Vries", "a.devries@zorgkracht.example", "035-1234567"} <= set(personen)
    assert {"Piet Indiener", "piet@bureau.example"} <= set(personen)
    assert {inkoper.get_full_name(), inkoper.email} <= set(personen)
    assert "Zorgkracht Gooi B.V." not in personen
    assert not any(p == besloten["inschrijving"].organisatie.kvk_nummer for p in personen)


def test_pv_noemt_commissie_beoordelaars_en_voorzitter(besloten, procedure, inkoper, beoordelaar, beoordelaar2):
    [_, stuk] = dossierstukken(procedure["aanbesteding"])
    for gebruiker in (inkoper, beoordelaar, beoordelaar2):
        assert gebruiker.email in stuk.persoonsgegevens
        assert gebruiker.get_full_name() in stuk.persoonsgegevens
    assert "a.devries@zorgkracht.example" not in stuk.persoonsgegevens  # the PV names organisations only
    assert len(stuk.persoonsgegevens) == len(set(stuk.persoonsgegevens))


def test_datum_van_de_brief_is_de_verzending(procedure, maak_inschrijving):
    inschrijving = maak_inschrijving()
    Besluit.objects.create(inschrijving=inschrijving, aanbesteding=procedure["aanbesteding"], genomen_op=om(2),
                           verzonden_op=om(4), status=Besluit.Status.VERZONDEN)
    [stuk] = dossierstukken(procedure["aanbesteding"])
    assert stuk.datum == date(2026, 2, 4)


def test_besluit_zonder_brief_wordt_gerenderd(procedure, maak_inschrijving, contactpersoon):
    """Taken but the letter task has not run (or failed to seal): the same letter from the record, unsealed."""
    inschrijving = maak_inschrijving(organisatie=contactpersoon)
    besluit = Besluit.objects.create(inschrijving=inschrijving, aanbesteding=procedure["aanbesteding"], genomen_op=om(2))
    [stuk] = dossierstukken(procedure["aanbesteding"])
    assert stuk.sleutel == f"besluit:{besluit.pk}" and stuk.datum == date(2026, 2, 2)
    tekst = pdf_tekst(stuk.pdf())
    assert "Zorgkracht Gooi B.V." in tekst and "besluit op uw inschrijving" in tekst


def test_andere_procedure_telt_niet_mee(besloten, db):
    from .factories import AanbestedingFactory

    assert dossierstukken(AanbestedingFactory()) == []


# --- query count: built as rows, n of everything ---------------------------------------------------------------


def vul(procedure, n: int):
    """n rounds, each with an inschrijving assessed by two people of a panel, a lottery with a herziening, a
    decision with a letter and a PV."""
    ab = procedure["aanbesteding"]
    voorzitter = _persoon("Vera", "Voorzitter")
    commissie = Beoordelingscommissie.objects.create(aanbesteding=ab, naam="Commissie", voorzitter=voorzitter)
    for i in range(n):
        lid = _persoon(f"Lid{i}", "Beoordelaar")
        commissie.leden.add(lid)
        ronde = ToetredingsmomentFactory(aanbesteding=ab, naam=f"Ronde {i}")
        inschrijving = InschrijvingFactory(aanbesteding=ab, toetredingsmoment=ronde)
        toetsing = Toetsing.objects.create(inschrijving=inschrijving, aanbesteding=ab, commissie=commissie,
                                           vastgesteld_door=voorzitter)
        Toewijzing.objects.create(toetsing=toetsing, beoordelaar=lid)
        loting = Loting.objects.create(aanbesteding=ab, perceel=procedure["mst"], toetredingsmoment=ronde, seed=f"s{i}",
                                       plaatsen=1, uitgevoerd_door=_persoon(f"Loter{i}", "Inkoper"))
        LotingHerziening.objects.create(loting=loting, reden="Controle", aangevraagd_door=voorzitter,
                                        aangevraagd_op=om(5), beoordeeld_door=_persoon(f"Tweede{i}", "Inkoper"))
        besluit = Besluit.objects.create(inschrijving=inschrijving, aanbesteding=ab, genomen_op=om(2 + i),
                                         genomen_door=voorzitter)
        besluit.brief.save("brief.pdf", ContentFile(b"%PDF-1.4 brief"), save=True)
        ProcesVerbaalBeoordeling.objects.create(toetredingsmoment=ronde, bestand=ContentFile(b"%PDF-1.4 pv", name="pv.pdf"),
                                                sha256="0" * 64, opgemaakt_op=om(10 + i), opgemaakt_door=voorzitter)


@pytest.mark.parametrize("n", [1, 4])
def test_aantal_queries_is_vast(procedure, n, django_assert_num_queries):
    vul(procedure, n)
    # Besluiten, PVs, toetsingen (+ toewijzingen, beoordelaars, commissieleden), lotingen (+ herzieningen, 2× users).
    with django_assert_num_queries(10):
        stukken = dossierstukken(procedure["aanbesteding"])
    assert len(stukken) == 2 * n
    assert [s.datum for s in stukken] == sorted(s.datum for s in stukken)


def test_pv_personen_per_ronde(procedure):
    vul(procedure, 2)
    pvs = [s for s in dossierstukken(procedure["aanbesteding"]) if s.soort == "pv_beoordeling"]
    assert "loter0@bureau.example" in pvs[0].persoonsgegevens and "loter0@bureau.example" not in pvs[1].persoonsgegevens
    assert "loter1@bureau.example" in pvs[1].persoonsgegevens and "tweede1@bureau.example" in pvs[1].persoonsgegevens
    assert "vera@bureau.example" in pvs[0].persoonsgegevens
    # The panel (all members) is named in every round it assessed.
    assert "lid1@bureau.example" in pvs[0].persoonsgegevens
