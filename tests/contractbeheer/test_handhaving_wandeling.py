"""A walk through the ladder on the screens, as the Contractmanager and the provider do it: every action form of
the detail page (zienswijze by post, besluit afgezien and opgelegd, opzegging, kwijtschelding), the letters and the
ledger filters; every page under the strict CSP (no inline script, no style attribute)."""

import re
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from contractbeheer.models import Boete, Maatregel
from contractbeheer.services import handhaving as services
from contractbeheer.tasks import handhaving as tasks
from core.kalender import TZ
from overeenkomst.models import Uittreding
from tests.core.test_csp import _inline_zonder_nonce

from ._handhaving import NA_TERMIJN, opleggen, voornemen, wereld

pytestmark = pytest.mark.django_db
STYLE = re.compile(r"\sstyle=\"", re.I)
S = Maatregel.Status


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def _detail(m):
    return reverse("contractbeheer_admin_maatregel", args=[m.pk])


def _tekst(antwoord) -> str:
    return antwoord.content.decode()


def test_zienswijze_per_post_via_het_scherm(client, w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    client.force_login(contractmanager_a)
    with time_machine.travel(datetime(2026, 5, 6, 10, 0, tzinfo=TZ), tick=False):
        tekst = _tekst(client.get(_detail(m)))
        assert 'value="zienswijze"' in tekst and "De zienswijzetermijn loopt tot en met 11-05-2026" in tekst
        antwoord = client.post(_detail(m), {"actie": "zienswijze", "zienswijze-tekst": "Per brief: wij zijn het oneens.",
                                            "zienswijze-ontvangen_op": "2026-05-05", "zienswijze-kanaal": "post"},
                               follow=True)
    assert "De zienswijze is vastgelegd." in _tekst(antwoord)
    m.refresh_from_db()
    assert (m.status, m.zienswijze_kanaal) == (S.ZIENSWIJZE, "post")
    # With the zienswijze in, the decision is open before the period ends; the form is offered without warning.
    with time_machine.travel(datetime(2026, 5, 6, 10, 5, tzinfo=TZ), tick=False):
        tekst = _tekst(client.get(_detail(m)))
    assert 'value="besluit"' in tekst and "loopt tot en met" not in tekst
    assert "Zienswijze (per post, 05-05-2026)" in tekst


def test_zienswijze_in_de_toekomst_geweigerd_op_het_scherm(client, w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    client.force_login(contractmanager_a)
    with time_machine.travel(datetime(2026, 5, 6, 10, 0, tzinfo=TZ), tick=False):
        antwoord = client.post(_detail(m), {"actie": "zienswijze", "zienswijze-tekst": "Per brief.",
                                            "zienswijze-ontvangen_op": "2026-05-07", "zienswijze-kanaal": "post"})
    assert "niet in de toekomst" in _tekst(antwoord)
    assert "Per brief." in _tekst(antwoord)


def test_afzien_via_het_scherm(client, w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    client.force_login(contractmanager_a)
    with time_machine.travel(NA_TERMIJN, tick=False):
        client.post(_detail(m), {"actie": "besluit", "besluit-opleggen": "nee",
                                 "besluit-motivering": "De aanbieder heeft de klachten afgehandeld."})
    m.refresh_from_db()
    assert (m.status, m.besluit_toelichting) == (S.AFGEZIEN, "De aanbieder heeft de klachten afgehandeld.")
    tasks.besluitbrief_maken(m.pk)
    m.refresh_from_db()
    assert m.brief_besluit
    client.force_login(contractmanager_a)  # the session saved in May 2026 has expired by now
    brief = client.get(reverse("contractbeheer_admin_maatregel_brief_besluit", args=[m.pk]))
    assert brief.status_code == 200 and brief["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in brief["Cache-Control"]


def test_stop_via_het_scherm_met_percelen(client, w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    m = voornemen(w.ovk, contractmanager_a, 2)
    deelname = services.lopende_deelnames(w.ovk).get()
    client.force_login(contractmanager_a)
    tekst = _tekst(client.get(_detail(m)))
    assert "5.10 Behandelgroep (BHL)" in tekst and "Grond van de opzegging" not in tekst
    with time_machine.travel(NA_TERMIJN, tick=False):
        antwoord = client.post(_detail(m), {"actie": "besluit", "besluit-opleggen": "ja", "besluit-motivering": "Vast.",
                                            "besluit-deelnames": [deelname.pk]})
        assert "Geef de ingangsdatum van de maatregel." in _tekst(antwoord)
        antwoord = client.post(_detail(m), {"actie": "besluit", "besluit-opleggen": "ja", "besluit-motivering": "Vast.",
                                            "besluit-deelnames": [deelname.pk], "besluit-ingangsdatum": "2026-05-13"},
                               follow=True)
    tekst = _tekst(antwoord)
    assert "Cliëntenstop perceel 5.10 vanaf 13-05-2026" in tekst
    assert reverse("overeenkomst_admin_detail", args=[w.ovk.pk]) in tekst


def test_opzegging_via_het_scherm(client, w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 8, sprong_reden="Fraude.")
    client.force_login(contractmanager_a)
    assert "Grond van de opzegging" in _tekst(client.get(_detail(m)))
    with time_machine.travel(NA_TERMIJN, tick=False):
        antwoord = client.post(_detail(m), {"actie": "besluit", "besluit-opleggen": "ja",
                                            "besluit-motivering": "Valse declaraties.",
                                            "besluit-ingangsdatum": "2026-06-01",
                                            "besluit-uittreding_grond": Uittreding.Grond.WANPRESTATIE}, follow=True)
    m.refresh_from_db()
    assert m.uittreding.vroegste_einddatum == date(2026, 6, 1)
    assert "Opzegging per 01-06-2026" in _tekst(antwoord)


def test_kwijtschelden_via_het_scherm(client, w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    m = opleggen(w.ovk, contractmanager_a, 4, sprong_reden="Ernst.")
    with time_machine.travel(NA_TERMIJN, tick=False):
        boete = services.boete_opleggen(maatregel=m, soort=w.soort("administratief-herstel"), aantal=4,
                                        door=contractmanager_a)
    assert (boete.bedrag, boete.berekening) == (300, "4 uur × € 75,00")
    client.force_login(contractmanager_a)
    antwoord = client.post(_detail(m), {"actie": "kwijtschelden", "kwijtschelden-boete": boete.pk,
                                        "kwijtschelden-reden": "Herstel bleek door het bureau veroorzaakt."},
                           follow=True)
    assert "De boete is kwijtgescholden." in _tekst(antwoord)
    boete.refresh_from_db()
    assert boete.status == Boete.Status.KWIJTGESCHOLDEN
    # A fine of another measure is no choice in this form.
    ander = opleggen(w.andere_ovk, contractmanager_a, 4, sprong_reden="Ernst.")
    with time_machine.travel(NA_TERMIJN, tick=False):
        vreemd = services.boete_opleggen(maatregel=ander, soort=w.soort("klacht-gegrond"), aantal=1,
                                         door=contractmanager_a)
    antwoord = client.post(_detail(m), {"actie": "betaald", "betaald-boete": vreemd.pk,
                                        "betaald-betaald_op": "2026-05-12"})
    assert antwoord.context["f"]["betaald"].errors["boete"]
    vreemd.refresh_from_db()
    assert vreemd.status == Boete.Status.OPGELEGD


def test_onbekende_actie_doet_niets(client, w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    client.force_login(contractmanager_a)
    assert client.post(_detail(m), {"actie": "verwijderen"}).status_code == 200
    m.refresh_from_db()
    assert m.status == S.VOORNEMEN


def test_boetelijst_filter_op_status_en_trede(client, w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    m = opleggen(w.ovk, contractmanager_a, 4, sprong_reden="Ernst.")
    with time_machine.travel(NA_TERMIJN, tick=False):
        a = services.boete_opleggen(maatregel=m, soort=w.soort("klacht-gegrond"), aantal=2, door=contractmanager_a)
        b = services.boete_opleggen(maatregel=m, soort=w.soort("klacht-termijn"), aantal=1, door=contractmanager_a)
        services.boete_betaald(boete=b, betaald_op=NA_TERMIJN.date(), door=contractmanager_a)
    client.force_login(contractmanager_a)
    lijst = reverse("contractbeheer_admin_boetes")
    antwoord = client.get(lijst, {"status": "betaald"})
    assert [x.pk for x in antwoord.context["pagina"]] == [b.pk]
    assert antwoord.context["totalen"]["alle"]["bedrag"] == 50
    assert [x.pk for x in client.get(lijst, {"trede": 4}).context["pagina"]] == [b.pk, a.pk]
    assert [x.pk for x in client.get(lijst, {"trede": 5}).context["pagina"]] == []
    totalen = client.get(lijst).context["totalen"]
    assert (totalen["opgelegd"]["bedrag"], totalen["betaald"]["bedrag"], totalen["kwijtgescholden"]["aantal"],
            totalen["alle"]["bedrag"]) == (50, 50, 0, 100)


def test_menu_toont_maatregelen_en_boetes(client, w, contractmanager_a):
    from contractbeheer.wagtail_hooks import _handhaving_items

    namen = [i.label for i in _handhaving_items()]
    assert "Maatregelen" in namen and "Boetes" in namen


def test_paginas_onder_strikte_csp(client, w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    m = opleggen(w.ovk, contractmanager_a, 4, sprong_reden="Ernst.")
    with time_machine.travel(NA_TERMIJN, tick=False):
        services.boete_opleggen(maatregel=m, soort=w.soort("klacht-gegrond"), aantal=2, door=contractmanager_a)
    client.force_login(contractmanager_a)
    for pad in (reverse("contractbeheer_admin_maatregelen"), reverse("contractbeheer_admin_maatregel_nieuw"),
                f"{reverse('contractbeheer_admin_maatregel_nieuw')}?overeenkomst={w.ovk.pk}&trede=2", _detail(m),
                reverse("contractbeheer_admin_boetes"), "/admin/snippets/contractbeheer/boetesoort/"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 200, pad
        assert _inline_zonder_nonce(antwoord.content.decode()) == [], pad
    client.force_login(w.lid)
    for naam, args in (("contractbeheer:maatregelen", []), ("contractbeheer:maatregel", [m.pk]),
                       ("contractbeheer:boetes", [])):
        html = client.get(reverse(naam, args=args)).content.decode()
        assert _inline_zonder_nonce(html) == [], naam
        assert not STYLE.search(html.split('id="main"', 1)[-1].split("<footer", 1)[0]), naam


def test_aanbieder_ziet_besluit_en_boete(client, w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    m = opleggen(w.ovk, contractmanager_a, 4, sprong_reden="Ernst.")
    tasks.besluitbrief_maken(m.pk)
    with time_machine.travel(NA_TERMIJN, tick=False):
        services.boete_opleggen(maatregel=m, soort=w.soort("personeelseisen"), aantal=3, perioden=2,
                                door=contractmanager_a)
    client.force_login(w.lid)
    tekst = _tekst(client.get(reverse("contractbeheer:maatregel", args=[m.pk])))
    assert "De maatregel is opgelegd" in tekst and "3 medewerkers × 2 weken × € 250,00" in tekst
    assert "€ 1.500,00" in tekst and reverse("contractbeheer:maatregel_brief_besluit", args=[m.pk]) in tekst
    assert "Zienswijze indienen" not in tekst


def test_tijdlijn_van_voornemen_tot_intrekking(client, w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=TZ), tick=False):
        services.zienswijze_indienen(maatregel=m, tekst="Wij zijn het oneens.", door=w.lid)
        services.besluiten(maatregel=m, opleggen=True, motivering="Toch opgelegd.", door=contractmanager_a)
    with time_machine.travel(NA_TERMIJN, tick=False):
        services.intrekken(maatregel=m, reden="Nieuwe feiten.", door=contractmanager_a)
    client.force_login(contractmanager_a)
    tijdlijn = client.get(_detail(m)).context["tijdlijn"]
    assert [(moment.astimezone(TZ).date(), wat) for moment, wat, _ in tijdlijn] == [
        (date(2026, 4, 23), "Voornemen verzonden"), (date(2026, 5, 4), "Zienswijze ontvangen"),
        (date(2026, 5, 4), "Besluit: opgelegd"), (date(2026, 5, 12), "Ingetrokken")]
    assert tijdlijn[0][2] == "Zienswijze uiterlijk 11-05-2026" and tijdlijn[-1][2] == "Nieuwe feiten."
    tekst = client.get(_detail(m)).content.decode()
    assert "Ingetrokken (12-05-2026)" in tekst and 'value="intrekken"' not in tekst
