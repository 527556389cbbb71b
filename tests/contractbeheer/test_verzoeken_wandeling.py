"""A walk through every screen of informatieverzoeken and onderzoeken in every state, as the provider and as the
contract manager (the test-client stand-in for a browser check): each page renders, shows what the state asks for,
carries no inline style or script (strict CSP), and the detail pages cost the same number of queries for two or
for eight addressees."""

import re
from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contractbeheer import services
from core.kalender import TZ

from . import _verzoeken as v

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)


def _schoon(html: str) -> None:
    assert ' style="' not in html, "inline style (CSP)"
    # Only the portal's own external scripts; nothing inline in our content.
    hoofdinhoud = html.split("<main", 1)[-1]
    assert not INLINE_SCRIPT.search(hoofdinhoud.split("</main>", 1)[0]), "inline script (CSP)"


def _get(c, naam, *args, bevat=()):
    antwoord = c.get(reverse(naam, args=args))
    assert antwoord.status_code == 200, (naam, antwoord.status_code)
    html = antwoord.content.decode()
    _schoon(html)
    for tekst in bevat:
        assert tekst in html, (naam, tekst)
    return html


def test_wandeling_informatieverzoek(staff_client, regio_a, contractmanager_a):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=2)
    ov, lid = rijen[0]
    client = Client()  # the provider's browser; staff_client logs the staff member in on another one
    with time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=TZ)):
        staf = staff_client(contractmanager_a)
        _get(staf, "contractbeheer_admin_verzoeken", bevat=["Geen informatieverzoeken."])
        _get(staf, "contractbeheer_admin_verzoek_nieuw", bevat=["002 UOK 5.1", "Opstellen"])
        verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp="Wachtlijst", vraag="Hoe lang?",
                                             door=contractmanager_a, perceel=bhl, bestand=v.pdf())
        _get(staf, "contractbeheer_admin_verzoek", verzoek.pk, bevat=["Ontvangers bij verzenden vandaag", "Verzenden",
                                                                     "vragenlijst.pdf"])
        _get(staf, "contractbeheer_admin_verzoeken", bevat=["Wachtlijst", "Concept", "0/0"])
        services.verzoek_verzenden(verzoek=verzoek, door=contractmanager_a)
        _get(staf, "contractbeheer_admin_verzoek", verzoek.pk, bevat=["06-01-2027", "Verzoek sluiten",
                                                                     ov.organisatie.naam])
        o = verzoek.ontvangers.get(overeenkomst=ov)
        _get(staf, "contractbeheer_admin_antwoord", o.pk, bevat=["Nog geen antwoord.", "Termijn verlengen"])
        client.force_login(lid)
        _get(client, "contractbeheer:verzoek", o.pk, bevat=["Beantwoorden", "binnen 10 werkdagen", "vertrouwelijk"])
    with time_machine.travel(datetime(2027, 1, 8, 9, 0, tzinfo=TZ)):
        client.force_login(lid)
        _get(client, "contractbeheer:verzoek", o.pk, bevat=["de termijn is verstreken"])
        staf = staff_client(contractmanager_a)
        _get(staf, "contractbeheer_admin_verzoek", verzoek.pk, bevat=["verstreken"])
        _get(staf, "contractbeheer_admin_antwoord", o.pk, bevat=["termijn verstreken"])
        services.verzoek_beantwoorden(ontvanger=o, antwoord="Acht weken", door=lid)
        _get(staf, "contractbeheer_admin_antwoord", o.pk, bevat=["Acht weken", "te laat", "Beoordeling vastleggen"])
        services.antwoord_beoordelen(ontvanger=o, akkoord=False, reactie="Per product", door=contractmanager_a)
        _get(client, "contractbeheer:verzoek", o.pk, bevat=["Het bureau vraagt een aanvulling", "Aanvulling geven",
                                                            "22-01-2027"])
        services.verzoek_beantwoorden(ontvanger=o, antwoord="Per product: 8 en 6 weken", door=lid)
        services.antwoord_beoordelen(ontvanger=o, akkoord=True, door=contractmanager_a)
        _get(client, "contractbeheer:verzoek", o.pk, bevat=["Afgerond", "Per product: 8 en 6 weken"])
        services.verzoek_sluiten(verzoek=verzoek, door=contractmanager_a)
        _get(staf, "contractbeheer_admin_verzoek", verzoek.pk, bevat=["Vervallen", "Afgerond"])
        _get(staf, "contractbeheer_admin_verzoeken", bevat=["Gesloten", "1/2"])
        tweede = verzoek.ontvangers.get(overeenkomst=rijen[1][0])
        client.force_login(rijen[1][1])
        html = _get(client, "contractbeheer:verzoek", tweede.pk, bevat=["Vervallen"])
        assert "Antwoord verzenden" not in html


def test_wandeling_onderzoek(staff_client, regio_a, contractmanager_a):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    ov, lid = rijen[0]
    client = Client()
    with time_machine.travel(datetime(2026, 12, 24, 10, 0, tzinfo=TZ)):
        staf = staff_client(contractmanager_a)
        _get(staf, "contractbeheer_admin_onderzoeken", bevat=["Geen onderzoeken."])
        _get(staf, "contractbeheer_admin_onderzoek_nieuw", bevat=["14 kalenderdagen", "2026-12-24"])
        o = services.onderzoek_starten(overeenkomst=ov, signaal="Verloop", door=contractmanager_a)
        _get(staf, "contractbeheer_admin_onderzoek", o.pk, bevat=["reactie tot en met 07-01-2027", "disabled"])
        _get(staf, "contractbeheer_admin_onderzoeken", bevat=[ov.organisatie.naam, "07-01-2027"])
        client.force_login(lid)
        _get(client, "contractbeheer:onderzoek", o.pk, bevat=["Reageren op het signaal", "07-01-2027"])
    with time_machine.travel(datetime(2027, 1, 8, 10, 0, tzinfo=TZ)):
        staf = staff_client(contractmanager_a)
        html = _get(staf, "contractbeheer_admin_onderzoek", o.pk, bevat=["Onderzoek instellen"])
        assert "disabled" not in html
        services.onderzoek_instellen(onderzoek=o, door=contractmanager_a)
        _get(staf, "contractbeheer_admin_onderzoek", o.pk, bevat=["Ingesteld op 08-01-2027", "Resultaat melden"])
        client.force_login(lid)
        html = _get(client, "contractbeheer:onderzoek", o.pk, bevat=["Ingesteld op 08-01-2027"])
        assert "Reactie verzenden" not in html
        services.onderzoek_resultaat(onderzoek=o, resultaat="Onvoldoende", door=contractmanager_a)
        _get(staf, "contractbeheer_admin_onderzoek", o.pk, bevat=["Onvoldoende", "22-01-2027", "nog op het resultaat"])
        _get(client, "contractbeheer:onderzoek", o.pk, bevat=["Reageren op het resultaat"])
        services.onderzoek_resultaat_reageren(onderzoek=o, reactie="Wij verbeteren", door=lid)
        services.onderzoek_afsluiten(onderzoek=o, uitkomst="overleg", toelichting="Plan volgt",
                                     door=contractmanager_a)
        _get(staf, "contractbeheer_admin_onderzoek", o.pk, bevat=["Nader overleg voor verbetering", "Plan volgt"])
        _get(client, "contractbeheer:onderzoek", o.pk, bevat=["Nader overleg voor verbetering", "Wij verbeteren"])


def test_detailpagina_vast_aantal_queries(staff_client, regio_a, contractmanager_a):
    client = Client()

    def meet(aantal):
        ab, bhl, _, rijen = v.wereld(regio_a, aantal=aantal)
        verzoek = v.verzonden(ab, contractmanager_a, perceel=bhl)
        o = verzoek.ontvangers.get(overeenkomst=rijen[0][0])
        services.verzoek_beantwoorden(ontvanger=o, antwoord="Ja", door=rijen[0][1])
        services.antwoord_beoordelen(ontvanger=o, akkoord=False, reactie="Meer", door=contractmanager_a)
        services.termijn_verlengen(ontvanger=o, uiterlijk=date(2031, 1, 1), reden="a", door=contractmanager_a)
        staf = staff_client(contractmanager_a)
        url = reverse("contractbeheer_admin_verzoek", args=[verzoek.pk])
        staf.get(url)
        with CaptureQueriesContext(connection) as staf_q:
            staf.get(url)
        client.force_login(rijen[0][1])
        url = reverse("contractbeheer:verzoek", args=[o.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as aanbieder_q:
            client.get(url)
        return len(staf_q), len(aanbieder_q)

    assert meet(2) == meet(8)
