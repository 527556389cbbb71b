"""Demo data that lives (issue 12): with "today" frozen, `demo_data` gives the current procedure every stage of the
cycle (a window open now, one closed on the last working day in assessment, decisions in the standstill, agreements
in force, a provider leaving), every demo persona sees its current item on its main screen, and a second run on a
later day changes no row and no date."""

import io
import re
from datetime import date, datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from aanbesteding import demo_actueel
from aanbesteding.models import Aanbesteding
from core.kalender import TZ
from inschrijving.models import Inschrijving
from inschrijving.selectors import open_toetredingsmoment
from organisaties.models import User
from overeenkomst.models import Overeenkomst, Uittreding
from tests.portal.test_demo_data import _tellingen
from toetsing.models import Besluit, Toetsing, Toewijzing

pytestmark = pytest.mark.django_db

# A Wednesday; the last working day is Tuesday 10 March. A second run five days later, in the same month.
NU = datetime(2026, 3, 11, 10, 30, tzinfo=TZ)
LATER = datetime(2026, 3, 16, 9, 0, tzinfo=TZ)


def _lokaal(moment):
    return timezone.localtime(moment, TZ).replace(tzinfo=None)


def _tekst(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|svg)[^>]*>.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _rondes(a):
    return {tm.naam: (_lokaal(tm.opent_op), _lokaal(tm.sluit_op)) for tm in a.toetredingsmomenten.all()}


def _fasen(a):
    momenten = {tm.naam: tm for tm in a.toetredingsmomenten.all()}
    open_nu, gesloten = momenten[demo_actueel.RONDE_OPEN], momenten[demo_actueel.RONDE_BEOORDELING]
    # Open now: opened at noon on the last working day, closes at 10:00 fifteen working days from today.
    assert (_lokaal(open_nu.opent_op), _lokaal(open_nu.sluit_op)) == (datetime(2026, 3, 10, 12, 0), datetime(2026, 4, 1, 10, 0))
    assert open_toetredingsmoment(a) == open_nu
    # Closed yesterday (the last working day) at 10:00 and in assessment: one ready for consensus, one half assessed,
    # one assigned and not started.
    assert _lokaal(gesloten.sluit_op) == datetime(2026, 3, 10, 10, 0) and not gesloten.is_open()
    beoordeling = {i.organisatie.naam: i for i in Inschrijving.objects.filter(toetredingsmoment=gesloten)}
    assert {n: i.status for n, i in beoordeling.items()} == {
        "Stichting Kompas Jeugd": "in_beoordeling", "Gezinshuis De Maasoever": "in_beoordeling",
        "Dyslexiepraktijk Maaskant": "in_beoordeling"}
    assert beoordeling["Stichting Kompas Jeugd"].toetsing.status == Toetsing.Status.CONSENSUS
    toewijzingen = {
        (t.toetsing.inschrijving.organisatie.naam, t.beoordelaar.email): (t.status, t.beoordelingen.count())
        for t in Toewijzing.objects.filter(toetsing__inschrijving__toetredingsmoment=gesloten)
    }
    assert toewijzingen == {
        ("Stichting Kompas Jeugd", "beoordelaar1@regio.example"): ("afgerond", 6),
        ("Stichting Kompas Jeugd", "beoordelaar2@regio.example"): ("afgerond", 6),
        ("Gezinshuis De Maasoever", "beoordelaar1@regio.example"): ("toegewezen", 3),
        ("Gezinshuis De Maasoever", "beoordelaar@gooi.example"): ("toegewezen", 0),
        ("Dyslexiepraktijk Maaskant", "beoordelaar2@regio.example"): ("toegewezen", 0),
        ("Dyslexiepraktijk Maaskant", "beoordelaar@gooi.example"): ("toegewezen", 0),
    }
    # Decisions sent four working days ago (Thursday 5 March): the standstill of 20 calendar days runs to 25 March.
    standstill = Besluit.objects.filter(inschrijving__toetredingsmoment__naam=demo_actueel.RONDE_STANDSTILL, aanbesteding=a)
    assert sorted((b.inschrijving.organisatie.naam, b.status, _lokaal(b.verzonden_op).date(), b.standstill_einde,
                   [p.uitkomst for p in b.percelen.all()]) for b in standstill) == [
        ("Jeugdpunt Midden-Limburg", "verzonden", date(2026, 3, 5), date(2026, 3, 25), ["voorlopig"]),
        ("Stichting Waalzicht Jeugd", "verzonden", date(2026, 3, 5), date(2026, 3, 25), ["afgewezen"]),
    ]
    # Agreements from round 1: definitief after the standstill, in force from the day after it.
    overeenkomsten = Overeenkomst.objects.filter(aanbesteding=a)
    assert sorted((o.organisatie.naam, o.status, sorted(o.deelnames.values_list("perceel__code", flat=True)))
                  for o in overeenkomsten) == [
        ("Begeleidingspunt Ooijpolder B.V.", "actief", ["B"]),
        ("De Brug Jeugdhulp", "actief", ["A"]),
        ("Stichting Gezinshuis Eemland", "actief", ["A", "B"]),
    ]
    assert all(o.startdatum < NU.date() for o in overeenkomsten)
    assert set(Besluit.objects.filter(inschrijving__toetredingsmoment__naam=demo_actueel.RONDE_TOEGELATEN, aanbesteding=a)
               .values_list("status", flat=True)) == {"definitief"}
    # One provider leaving: a registered letter of 2 March (7 working days ago), option 2, ending in the future.
    vertrek = Uittreding.objects.get(overeenkomst__aanbesteding=a)
    assert (vertrek.overeenkomst.organisatie.naam, vertrek.optie, vertrek.ontvangen_op, vertrek.status) == (
        "Stichting Gezinshuis Eemland", Uittreding.Optie.GOOI_2, date(2026, 3, 2), Uittreding.Status.INGEDIEND)
    assert vertrek.vroegste_einddatum > NU.date()
    # Open round: Zorgkracht Gooi's draft.
    assert list(Inschrijving.objects.filter(toetredingsmoment=open_nu).values_list("organisatie__naam", "status")) == [
        ("Zorgkracht Gooi B.V.", "concept")]


def _personas(a):
    titel = a.titel
    eind = f"{Uittreding.objects.get(overeenkomst__aanbesteding=a).vroegste_einddatum:%d-%m-%Y}"
    wachtrij = f"/admin/toetsing/{a.pk}/wachtrij/"
    return [
        ("beheerder@zorgkracht.example", "/mijn/inschrijvingen/", [titel, "01-04-2026 10:00", "Verder invullen"]),
        ("medewerker@zorgkracht.example", "/mijn/", [f"Inschrijving op {titel} afronden en indienen"]),
        ("beheerder@jeugdpunt.example", "/mijn/besluiten/", [titel, "Voorlopige toelating", "standstill loopt"]),
        ("beheerder@waalzicht.example", "/mijn/besluiten/", [titel, "Afwijzing", "standstill loopt"]),
        ("beheerder@eemland.example", "/mijn/overeenkomsten/", [titel, "A (actief), B (actief)"]),
        ("beheerder@debrug.example", "/mijn/overeenkomsten/", [titel]),
        ("beheerder@ooijpolder.example", "/mijn/overeenkomsten/", [titel]),
        ("beheerder@kompas.example", "/mijn/", [f"{titel} – In beoordeling"]),
        ("beheerder@maasoever.example", "/mijn/", [f"{titel} – In beoordeling"]),
        ("beheerder@maaskant.example", "/mijn/", [f"{titel} – In beoordeling"]),
        ("beoordelaar1@regio.example", wachtrij, ["Stichting Kompas Jeugd", "Klaar voor consensus", "Gezinshuis De Maasoever"]),
        ("beoordelaar2@regio.example", wachtrij, ["Dyslexiepraktijk Maaskant", "Te doen"]),
        ("beoordelaar@gooi.example", "/admin/toetsing/", [titel]),
        ("beoordelaar@gooi.example", wachtrij, ["Gezinshuis De Maasoever", "Dyslexiepraktijk Maaskant"]),
        ("inkoper@gooi.example", f"/admin/toetsing/{a.pk}/", ["Klaar voor consensus 1", "Standstill loopt: 2", "Definitief: 3"]),
        ("inkoper@regio.example", "/admin/toetsing/", [titel]),
        ("contractmanager@gooi.example", "/admin/overeenkomsten/", ["1 lopende uittreding(en)", titel]),
        ("contractmanager@regio.example", "/admin/overeenkomsten/uittredingen/", ["Stichting Gezinshuis Eemland", eind]),
    ]


def _ziet(client, email, pad):
    user = User.objects.get(email=email)
    client.force_login(user)
    sessie = client.session
    sessie["mfa_ok_voor"] = user.pk  # as after the TOTP step (tests/conftest.log_in_met_mfa)
    sessie.save()
    antwoord = client.get(pad)
    assert antwoord.status_code == 200, (email, pad)
    return _tekst(antwoord.content.decode())


def test_actuele_ronde_in_elke_fase_voor_elke_persona_en_twee_keer_laden_verandert_niets(client):
    with time_machine.travel(NU, tick=False):
        call_command("demo_data", stdout=io.StringIO())
        a = Aanbesteding.objects.get(slug=demo_actueel.SLUG)
        # The procedure starts on the first of the month of round 1's opening, 20 + 90 working days ago.
        assert (a.titel, a.looptijd_start, a.status) == ("Ambulante Jeugdhulp Gooi en Vechtstreek 2025", date(2025, 10, 1), "open")
        _fasen(a)
        for email, pad, verwacht in _personas(a):
            pagina = _ziet(client, email, pad)
            assert [t for t in verwacht if t not in pagina] == [], (email, pad)
        eerste, rondes = _tellingen(), _rondes(a)
    with time_machine.travel(LATER, tick=False):
        call_command("demo_data", stdout=io.StringIO())
        tweede = _tellingen()
        # Rounds are found by name and keep the dates of the first load: the demo ages as a real procedure would.
        assert _rondes(a) == rondes
    eerste.pop("core.AuditRegel"), tweede.pop("core.AuditRegel")
    assert eerste == tweede

