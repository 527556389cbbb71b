"""The provider's duties on its overview per region and the bureau's messages in its inbox (issue 17 hooks,
registered in contractbeheer.apps): contents, regions, only its own, and a fixed number of queries."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from contractbeheer import selectors
from contractbeheer.models import Meldingsstap, Onderzoek, Verantwoordingsinzending
from core.kalender import TZ
from organisaties.portaal import TAKEN, berichtenbronnen, overzichtsbronnen, portaal_links
from tests.overeenkomst.factories import OvereenkomstFactory

from . import _overzicht as o
from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def klok():
    with time_machine.travel(datetime(2026, 4, 2, 12, 0, tzinfo=TZ), tick=False):
        yield


def test_bronnen_en_link_geregistreerd():
    assert selectors.overzicht_regels in overzichtsbronnen()
    assert selectors.berichten in berichtenbronnen()
    link = next(link for link in portaal_links() if link.url_naam == "contractbeheer:verplichtingen")
    assert (link.titel, link.url) == ("Verplichtingen", "/mijn/verplichtingen/")


@pytest.fixture
def twee_regios(regio_a, regio_b):
    gooi, bhl, _ = f.gooi(regio_a)
    mlo, perceel, gemeenten = f.mlo(regio_b)
    ov_gooi, lid = f.overeenkomst(gooi, bhl, naam="Overal Zorg")
    ov_mlo = OvereenkomstFactory(aanbesteding=mlo, organisatie=ov_gooi.organisatie, startdatum=date(2024, 1, 1))
    return ov_gooi, ov_mlo, lid, gemeenten


def test_overzichtsregels_per_regio_met_termijn(klok, twee_regios, regio_a, regio_b):
    ov_gooi, ov_mlo, _, gemeenten = twee_regios
    v = o.verantwoording(ov_gooi, "prestatieverklaring")  # due 31-03: 2 days late on 02-04
    r = o.verzoek(ov_mlo, onderwerp="Wachttijden", uiterlijk=date(2026, 4, 10))
    regels = selectors.overzicht_regels(ov_gooi.organisatie)
    assert [(x.regio_id, x.rubriek, x.titel, x.url, x.uiterlijk) for x in regels] == [
        (regio_a.pk, TAKEN, "Verantwoording: Prestatieverklaring 2025",
         reverse("contractbeheer:verantwoording", args=[v.pk]), date(2026, 3, 31)),
        (regio_b.pk, TAKEN, "Informatieverzoek: Wachttijden", reverse("contractbeheer:verzoek", args=[r.pk]),
         date(2026, 4, 10)),
    ]
    assert regels[0].toelichting.endswith("; 2 dagen te laat")
    assert regels[1].toelichting == f"Bij {ov_mlo.aanbesteding.titel}"
    assert regels[0].status == "Nog in te dienen"


def test_een_dag_te_laat_enkelvoud(twee_regios):
    ov_gooi, _, _, _ = twee_regios
    o.verantwoording(ov_gooi, "prestatieverklaring")
    with time_machine.travel(datetime(2026, 4, 1, 9, 0, tzinfo=TZ), tick=False):
        (regel,) = selectors.overzicht_regels(ov_gooi.organisatie)
    assert regel.toelichting.endswith("; 1 dag te laat")


def test_mijn_omgeving_toont_de_taken_per_regio(client, klok, twee_regios):
    ov_gooi, ov_mlo, lid, _ = twee_regios
    o.verantwoording(ov_gooi, "prestatieverklaring")
    o.verzoek(ov_mlo, onderwerp="Wachttijden MLO")
    client.force_login(lid)
    html = client.get("/mijn/").content.decode()
    assert "Verantwoording: Prestatieverklaring 2025" in html and "Informatieverzoek: Wachttijden MLO" in html
    assert 'href="/mijn/verplichtingen/"' in html


def test_overzicht_en_berichten_in_vaste_queries(twee_regios, django_assert_num_queries):
    ov_gooi, ov_mlo, _, gemeenten = twee_regios
    for i in range(3):
        _alles(ov_gooi, ov_mlo, gemeenten, i)
    with django_assert_num_queries(7):
        klein_o = selectors.overzicht_regels(ov_gooi.organisatie)
    with django_assert_num_queries(4):
        klein_b = selectors.berichten(ov_gooi.organisatie)
    for i in range(3, 30):
        _alles(ov_gooi, ov_mlo, gemeenten, i)
    with django_assert_num_queries(7):
        groot_o = selectors.overzicht_regels(ov_gooi.organisatie)
    with django_assert_num_queries(4):
        groot_b = selectors.berichten(ov_gooi.organisatie)
    assert len(groot_o) == 10 * len(klein_o) and len(groot_b) == 10 * len(klein_b)


def _alles(ov_gooi, ov_mlo, gemeenten, i):
    v = o.verantwoording(ov_mlo, "financieel", jaar=2000 + i, gemeente=gemeenten[0])
    o.inzending(v, status=Verantwoordingsinzending.Status.AFGEWEZEN, beoordeeld_op=o.moment(date(2026, 3, 10)))
    o.verzoek(ov_gooi, onderwerp=f"Verzoek {i}")
    m = o.melding(ov_mlo, samenvatting=f"Melding {i}")
    o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)))
    o.onderzoek(ov_gooi)


def test_berichten_uit_alle_regios(twee_regios, regio_a, regio_b):
    ov_gooi, ov_mlo, _, gemeenten = twee_regios
    r = o.verzoek(ov_gooi, onderwerp="Wachttijden", uiterlijk=date(2026, 4, 10),
                  verzonden_op=o.moment(date(2026, 3, 27)))
    v = o.verantwoording(ov_mlo, "financieel", gemeente=gemeenten[0])
    o.inzending(v, status=Verantwoordingsinzending.Status.HERSTEL, beoordeeld_op=o.moment(date(2026, 3, 28)))
    o.inzending(v, status=Verantwoordingsinzending.Status.INGEDIEND)  # not judged yet: no message
    m = o.melding(ov_mlo, samenvatting="Brand")
    o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 29)), tekst="Is de IGJ ingelicht?")
    o.stap(m, Meldingsstap.Soort.NOTITIE, o.moment(date(2026, 3, 29)), intern=True)  # never to the provider
    o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 29)), intern=True)
    ond = o.onderzoek(ov_gooi, gemeld=date(2026, 1, 5), status=Onderzoek.Status.AFGESLOTEN,
                      reactie_op=o.moment(date(2026, 1, 10)), resultaat_gemeld=date(2026, 2, 20),
                      resultaat_reactie_op=o.moment(date(2026, 3, 1)), afgesloten_op=o.moment(date(2026, 3, 15)),
                      uitkomst=Onderzoek.Uitkomst.OVERLEG)
    berichten = sorted(selectors.berichten(ov_gooi.organisatie), key=lambda b: b.moment)
    assert [(b.regio_id, b.soort, b.onderwerp, b.url) for b in berichten] == [
        (regio_a.pk, "Onderzoek", "Signaal over de continuïteit: reageer uiterlijk 19-01-2026",
         reverse("contractbeheer:onderzoek", args=[ond.pk])),
        (regio_a.pk, "Onderzoek", "Resultaat van het onderzoek: reageer uiterlijk 06-03-2026",
         reverse("contractbeheer:onderzoek", args=[ond.pk])),
        (regio_a.pk, "Onderzoek", "Besluit na het onderzoek: nader overleg voor verbetering",
         reverse("contractbeheer:onderzoek", args=[ond.pk])),
        (regio_a.pk, "Informatieverzoek", "Wachttijden (antwoord uiterlijk 10-04-2026)",
         reverse("contractbeheer:verzoek", args=[r.pk])),
        (regio_b.pk, "Verantwoording", f"Verantwoording met controle- of bestuursverklaring 2025 – {gemeenten[0].naam}"
         ": herstel gevraagd", reverse("contractbeheer:verantwoording", args=[v.pk])),
        (regio_b.pk, "Vraag over een melding", "Vraag over uw melding: Brand",
         reverse("contractbeheer:melding", args=[m.pk])),
    ]
    assert berichten[0].moment == datetime(2026, 1, 5, tzinfo=TZ)


def test_berichten_en_taken_nooit_van_een_ander(twee_regios):
    ov_gooi, _, _, _ = twee_regios
    ander, _ = f.overeenkomst(ov_gooi.aanbesteding, naam="Een Ander")
    o.verzoek(ander)
    o.onderzoek(ander)
    m = o.melding(ander)
    o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)))
    o.inzending(o.verantwoording(ander, "prestatieverklaring"), beoordeeld_op=o.moment(date(2026, 3, 1)))
    assert selectors.berichten(ov_gooi.organisatie) == []
    assert selectors.overzicht_regels(ov_gooi.organisatie) == []
    assert len(selectors.berichten(ander.organisatie)) == 4


def test_inbox_pagina_toont_de_berichten(client, twee_regios):
    ov_gooi, _, lid, _ = twee_regios
    o.verzoek(ov_gooi, onderwerp="Wachttijden per product")
    client.force_login(lid)
    html = client.get(reverse("organisaties:berichten")).content.decode()
    assert "Wachttijden per product" in html and "Informatieverzoek" in html
