"""The provider's duties on its overview per region (issue 17 hook, registered in contractbeheer.apps) and the
bureau's mails in its inbox (recorded when mailed, ADR 0028): contents, regions, only its own, and a fixed
number of queries."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from contractbeheer import selectors
from contractbeheer.models import Meldingsstap, Verantwoordingsinzending
from contractbeheer.tasks import meldingen, verantwoording, verzoeken
from core.kalender import TZ
from organisaties.models import Bericht
from organisaties.portaal import TAKEN, overzichtsbronnen, portaal_links
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


def test_overzicht_in_vaste_queries(twee_regios, django_assert_num_queries):
    ov_gooi, ov_mlo, _, gemeenten = twee_regios
    for i in range(3):
        _alles(ov_gooi, ov_mlo, gemeenten, i)
    with django_assert_num_queries(7):
        klein_o = selectors.overzicht_regels(ov_gooi.organisatie)
    for i in range(3, 30):
        _alles(ov_gooi, ov_mlo, gemeenten, i)
    with django_assert_num_queries(7):
        groot_o = selectors.overzicht_regels(ov_gooi.organisatie)
    assert len(groot_o) == 10 * len(klein_o)


def _alles(ov_gooi, ov_mlo, gemeenten, i):
    v = o.verantwoording(ov_mlo, "financieel", jaar=2000 + i, gemeente=gemeenten[0])
    o.inzending(v, status=Verantwoordingsinzending.Status.AFGEWEZEN, beoordeeld_op=o.moment(date(2026, 3, 10)))
    o.verzoek(ov_gooi, onderwerp=f"Verzoek {i}")
    m = o.melding(ov_mlo, samenvatting=f"Melding {i}")
    o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)))
    o.onderzoek(ov_gooi)


def test_berichten_uit_alle_regios(twee_regios, regio_a, regio_b, mailoutbox):
    """Each provider mail of contract management is in the inbox, with its region and a link to its object."""
    ov_gooi, ov_mlo, _, gemeenten = twee_regios
    r = o.verzoek(ov_gooi, onderwerp="Wachttijden", uiterlijk=date(2026, 4, 10))
    v = o.verantwoording(ov_mlo, "financieel", gemeente=gemeenten[0])
    i = o.inzending(v, status=Verantwoordingsinzending.Status.HERSTEL, beoordeeld_op=o.moment(date(2026, 3, 28)))
    m = o.melding(ov_mlo, samenvatting="Brand")
    vraag = o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 29)), tekst="Is de IGJ ingelicht?")
    with time_machine.travel(datetime(2026, 3, 30, 9, 0, tzinfo=TZ), tick=False):
        assert verzoeken.verzoek_versturen(r.verzoek_id) == 1
        assert verantwoording.verantwoording_beoordeeld_melden(i.pk)
        assert meldingen.melding_vraag_versturen(vraag.pk)
    berichten = list(Bericht.objects.filter(organisatie=ov_gooi.organisatie).order_by("sleutel"))
    assert [(b.regio_id, b.soort, b.onderwerp, b.pad) for b in berichten] == [
        (regio_a.pk, "Informatieverzoek", "Informatieverzoek: Wachttijden", reverse("contractbeheer:verzoek", args=[r.pk])),
        (regio_b.pk, "Vraag over een melding", f"Vraag over uw melding: {m.soort.naam}",
         reverse("contractbeheer:melding", args=[m.pk])),
        (regio_b.pk, "Verantwoording", f"Verantwoording {v.eis.naam} 2025 ({gemeenten[0].naam}): herstel gevraagd",
         reverse("contractbeheer:verantwoording", args=[v.pk])),
    ]
    assert {b.verstuurd_op for b in berichten} == {datetime(2026, 3, 30, 9, 0, tzinfo=TZ)}
    # The inbox keeps the mail's text; the mail adds where to find it.
    for b in berichten:
        (mail,) = [x for x in mailoutbox if x.subject == b.onderwerp]
        assert mail.body.startswith(b.tekst.rstrip())
        assert mail.body.rstrip().endswith(f"/mijn/berichten/{b.pk}/")


def test_berichten_en_taken_nooit_van_een_ander(twee_regios):
    ov_gooi, _, _, _ = twee_regios
    ander, _ = f.overeenkomst(ov_gooi.aanbesteding, naam="Een Ander")
    o.verzoek(ander)
    o.onderzoek(ander)
    m = o.melding(ander)
    o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)))
    o.inzending(o.verantwoording(ander, "prestatieverklaring"), beoordeeld_op=o.moment(date(2026, 3, 1)))
    assert verzoeken.verzoek_versturen(ander.informatieverzoeken.get().pk) == 1
    assert selectors.overzicht_regels(ov_gooi.organisatie) == []
    assert not Bericht.objects.filter(organisatie=ov_gooi.organisatie).exists()
    assert Bericht.objects.filter(organisatie=ander.organisatie).count() == 1


def test_inbox_pagina_toont_de_berichten(client, twee_regios):
    ov_gooi, _, lid, _ = twee_regios
    verzoeken.verzoek_versturen(o.verzoek(ov_gooi, onderwerp="Wachttijden per product").verzoek_id)
    client.force_login(lid)
    html = client.get(reverse("organisaties:berichten")).content.decode()
    assert "Wachttijden per product" in html and "Informatieverzoek" in html
