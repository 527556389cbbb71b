"""aanbesteding's half of the living demo (issue 12, aanbesteding/demo_actueel.py): the current procedure, its
percelen, products and eisen, and four rounds dated in working days from the day of the first load. The story on
top of it (submissions, assessment, decisions, agreements) is tested in tests/portal/test_demo_actueel.py."""

import io
from datetime import date, datetime

import pytest
import time_machine

from aanbesteding import demo_actueel
from aanbesteding.models import Aanbesteding, Eis, ProcedureDocument, Product, Toetredingsmoment
from bronnen.regio import REGIO_GOOI
from core.kalender import TZ
from inschrijving.selectors import open_toetredingsmoment
from tests.factories import GemeenteFactory, OpdrachtgeverFactory, RegioFactory

# A Wednesday in March 2026; the last working day is Tuesday 10 March.
NU = datetime(2026, 3, 11, 10, 30, tzinfo=TZ)


@pytest.fixture
def gooi(db):
    regio = RegioFactory(slug=REGIO_GOOI["code"], naam="Gooi en Vechtstreek")
    for g in REGIO_GOOI["gemeenten"]:
        GemeenteFactory(naam=g["naam"], regio=regio, doet_mee_jeugd="jeugd" in g["domeinen"])
    OpdrachtgeverFactory(naam=REGIO_GOOI["bureau"], regio=regio)
    return regio


def _laad(moment=NU):
    uit = io.StringIO()
    with time_machine.travel(moment, tick=False):
        demo_actueel.laad(uit)
    return uit.getvalue()


def _rondes():
    return {tm.naam: (tm.opent_op, tm.sluit_op) for tm in Toetredingsmoment.objects.filter(aanbesteding__slug=demo_actueel.SLUG)}


def test_data_rondes_op_een_gewone_woensdag():
    rondes = demo_actueel.data_rondes(date(2026, 3, 11))
    assert {n: (r.opent_op, r.sluit_op) for n, r in rondes.items()} == {
        # 90 working days before 11 March: 31 October 2025 (Christmas, Boxing Day and New Year skipped); opens 20
        # working days earlier.
        "Toetredingsronde 1": (datetime(2025, 10, 3, 9, 0, tzinfo=TZ), datetime(2025, 10, 31, 10, 0, tzinfo=TZ)),
        "Toetredingsronde 2": (datetime(2026, 1, 7, 9, 0, tzinfo=TZ), datetime(2026, 2, 4, 10, 0, tzinfo=TZ)),
        "Toetredingsronde 3": (datetime(2026, 2, 10, 9, 0, tzinfo=TZ), datetime(2026, 3, 10, 10, 0, tzinfo=TZ)),
        "Toetredingsronde 4": (datetime(2026, 3, 10, 12, 0, tzinfo=TZ), datetime(2026, 4, 1, 10, 0, tzinfo=TZ)),
    }


def test_data_rondes_tellen_werkdagen_en_slaan_feestdagen_over():
    # Tuesday after Easter 2026 (Monday 6 April is tweede Paasdag): the last working day is Friday 3 April (Good
    # Friday is a working day under the Atw, core.kalender), and 15 working days ahead skip Koningsdag (27 April).
    rondes = demo_actueel.data_rondes(date(2026, 4, 7))
    open_nu = rondes[demo_actueel.RONDE_OPEN]
    assert demo_actueel.vorige_werkdag(date(2026, 4, 7)) == date(2026, 4, 3)
    assert (open_nu.opent_op, open_nu.sluit_op) == (datetime(2026, 4, 3, 12, 0, tzinfo=TZ), datetime(2026, 4, 29, 10, 0, tzinfo=TZ))
    assert rondes[demo_actueel.RONDE_BEOORDELING].sluit_op == datetime(2026, 4, 3, 10, 0, tzinfo=TZ)


@pytest.mark.parametrize("vandaag", [date(2026, 3, 14), date(2026, 12, 28), date(2027, 1, 1), date(2026, 4, 27)])
def test_rondes_volgen_elkaar_op_zonder_overlap_ook_rond_weekend_en_feestdagen(vandaag):
    # Saturday, between Christmas and New Year, New Year's Day, Koningsdag: the round in assessment closed on the
    # last working day, the open round opened after it and is open at any hour of today.
    rondes = demo_actueel.data_rondes(vandaag)
    volgorde = [rondes[n] for n in demo_actueel.RONDES]
    assert all(r.opent_op < r.sluit_op for r in volgorde)
    assert all(a.sluit_op <= b.opent_op for a, b in zip(volgorde, volgorde[1:], strict=False))
    gesloten, open_nu = rondes[demo_actueel.RONDE_BEOORDELING], rondes[demo_actueel.RONDE_OPEN]
    assert gesloten.sluit_op.date() == demo_actueel.vorige_werkdag(vandaag) < vandaag
    assert open_nu.opent_op < datetime(vandaag.year, vandaag.month, vandaag.day, 0, 0, tzinfo=TZ) < open_nu.sluit_op
    assert open_nu.sluit_op.hour == 10 and gesloten.sluit_op.hour == 10  # 003 r. 4806: windows close at 10:00


def test_laden_maakt_de_actuele_procedure_met_een_open_venster(gooi):
    uitvoer = _laad()
    a = Aanbesteding.objects.get(slug=demo_actueel.SLUG)
    assert (a.titel, a.dossiernummer, a.regio, a.status, a.toetreding) == (
        "Ambulante Jeugdhulp Gooi en Vechtstreek 2025", "GV-AJH-TOETREDING", gooi, "open", "vensters")
    assert (a.looptijd_start, a.looptijd_einde) == (date(2025, 10, 1), date(2029, 9, 30))
    # Questions until 5 working days before the open window closes (1 April 10:00 → 25 March 10:00).
    assert a.vragen_tot == datetime(2026, 3, 25, 10, 0, tzinfo=TZ)
    assert sorted(a.deelnemende_gemeenten.values_list("gemeente__naam", flat=True)) == sorted(
        g["naam"] for g in REGIO_GOOI["gemeenten"] if "jeugd" in g["domeinen"])
    assert sorted(Product.objects.filter(perceel__aanbesteding=a).values_list("perceel__code", "code")) == [
        ("A", "45A04"), ("A", "45A05"), ("B", "45A66"), ("B", "45A67")]
    assert list(a.eisen.order_by("volgorde").values_list("code", "soort")) == [
        ("U1", "uitsluitingsgrond"), ("G1", "geschiktheidseis"), ("G2", "geschiktheidseis"),
        ("V1", "uitvoeringseis"), ("V2", "uitvoeringseis"), ("V3", "uitvoeringseis")]
    # Providers read titles and declarations, not the codes (issue 12); the staff-only source is kept.
    u1 = a.eisen.get(code="U1")
    assert (u1.weergavetitel, u1.bron) == ("Geen uitsluitingsgronden", "003b §5, Formulier E")
    assert u1.verklaringstekst.startswith("Ik verklaar dat geen van deze uitsluitingsgronden")
    assert a.eisen.get(code="G2").max_woorden == 200
    document = ProcedureDocument.objects.get(aanbesteding=a, slug="toelatingsdocument")
    assert document.versies.count() == 1
    with time_machine.travel(NU, tick=False):
        assert open_toetredingsmoment(a).naam == demo_actueel.RONDE_OPEN
    assert "Toetredingsronde 4 (sluit 01-04-2026 10:00)" in uitvoer


def test_tweemaal_laden_ook_op_een_latere_dag_verandert_niets(gooi):
    _laad()
    rondes = _rondes()
    aantallen = (Aanbesteding.objects.count(), Eis.objects.count(), Product.objects.count(), Toetredingsmoment.objects.count())
    a = Aanbesteding.objects.get(slug=demo_actueel.SLUG)
    titel, vragen_tot = a.titel, a.vragen_tot
    # Forty days on (past the open window): the rounds are found by name and keep their dates; the demo ages.
    _laad(datetime(2026, 4, 20, 9, 0, tzinfo=TZ))
    assert _rondes() == rondes
    assert (Aanbesteding.objects.count(), Eis.objects.count(), Product.objects.count(), Toetredingsmoment.objects.count()) == aantallen
    a.refresh_from_db()
    assert (a.titel, a.vragen_tot) == (titel, vragen_tot)
    with time_machine.travel(datetime(2026, 4, 20, 9, 0, tzinfo=TZ), tick=False):
        assert open_toetredingsmoment(a) is None


def test_bevroren_eisen_worden_niet_meer_aangevuld(gooi):
    # After the first submission froze the eisen (issue 18), an eis deleted from a demo database is not put back:
    # eisen then change only through a rectificatie.
    _laad()
    a = Aanbesteding.objects.get(slug=demo_actueel.SLUG)
    Aanbesteding.objects.filter(pk=a.pk).update(eisenversie=1)
    a.eisen.filter(code="V3").delete()
    _laad()
    assert not a.eisen.filter(code="V3").exists()
    assert a.eisen.count() == 5


def test_procedure_is_er_pas_na_het_laden_en_percelen_hebben_een_omschrijving(gooi):
    assert demo_actueel.procedure() is None
    _laad()
    a = demo_actueel.procedure()
    assert a is not None and a.slug == demo_actueel.SLUG
    percelen = list(a.percelen.order_by("volgorde").values_list("code", "naam", "domein"))
    assert percelen == [("A", "Ambulante begeleiding", "jeugd"), ("B", "Ambulante behandeling", "jeugd")]
    assert all(p.omschrijving for p in a.percelen.all())
    # Every product is an hourly product of the iJw table (two digits of category, then three positions).
    assert set(Product.objects.filter(perceel__aanbesteding=a).values_list("eenheid", "categorie")) == {("uur", "45")}
