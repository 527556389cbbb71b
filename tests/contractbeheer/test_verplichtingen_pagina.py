"""The provider's obligations page /mijn/verplichtingen/ and its selector (issue 13): what is due, when, what is
late (with real dates: the financial verantwoording over 2025 is due "vóór 1 april 2026", so 31 March is on time
and 1 April is late), one click to do it, only the active organisation's duties, a fixed number of queries."""

from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contractbeheer import selectors
from contractbeheer.models import Meldingsstap, Onderzoek, Verantwoording
from core.kalender import TZ
from organisaties.middleware import SESSIE_SLEUTEL
from tests.factories import LidmaatschapFactory

from . import _overzicht as o
from . import factories as f

pytestmark = pytest.mark.django_db

URL = "/mijn/verplichtingen/"


def _klok(d: date):
    return time_machine.travel(datetime(d.year, d.month, d.day, 12, 0, tzinfo=TZ), tick=False)


@pytest.fixture
def mlo():
    ab, perceel, gemeenten = f.mlo()
    ov, lid = f.overeenkomst(ab, perceel, naam="Zorgkracht Jeugd")
    return ab, gemeenten, ov, lid


def _ingelogd(client, lid):
    client.force_login(lid)
    return client


# --- the deadline: 31 March on time, 1 April late -----------------------------------------------------------


def test_financiele_verantwoording_op_31_maart_op_tijd_op_1_april_een_dag_te_laat(mlo):
    _, gemeenten, ov, _ = mlo
    v = o.verantwoording(ov, "financieel", gemeente=gemeenten[0])
    assert v.uiterlijk == date(2026, 3, 31)  # 002 B1 32.2: "vóór 1 april" of the following year
    (op_31,) = selectors.verplichtingen_van(ov.organisatie, date(2026, 3, 31))
    assert (op_31.te_laat, op_31.dagen_te_laat, op_31.uiterlijk) == (False, 0, date(2026, 3, 31))
    (op_1,) = selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 1))
    assert (op_1.te_laat, op_1.dagen_te_laat) == (True, 1)
    (later,) = selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 15))
    assert later.dagen_te_laat == 15


def test_productverantwoording_vóór_1_maart_eindigt_op_28_februari(mlo):
    _, gemeenten, ov, _ = mlo
    o.verantwoording(ov, "productverantwoording", gemeente=gemeenten[0])
    (v,) = selectors.verplichtingen_van(ov.organisatie, date(2026, 2, 28))
    assert v.uiterlijk == date(2026, 2, 28) and not v.te_laat
    (v,) = selectors.verplichtingen_van(ov.organisatie, date(2026, 3, 1))
    assert v.te_laat and v.dagen_te_laat == 1


def test_pagina_op_31_maart_zonder_en_op_1_april_met_te_laat_badge(client, mlo):
    _, gemeenten, ov, lid = mlo
    o.verantwoording(ov, "financieel", gemeente=gemeenten[0])
    _ingelogd(client, lid)
    with _klok(date(2026, 3, 31)):
        html = client.get(URL).content.decode()
    assert "31-03-2026" in html and "te laat:" not in html and 'role="alert"' not in html
    with _klok(date(2026, 4, 1)):
        html = client.get(URL).content.decode()
    assert "te laat: 1 dag<" in html
    assert "1 verplichting is te laat" in html
    with _klok(date(2026, 4, 3)):
        html = client.get(URL).content.decode()
    assert "te laat: 3 dagen" in html


# --- contents and order ---------------------------------------------------------------------------------------


@pytest.fixture
def alles(mlo):
    """One of every kind, some owed and some not, on 2 April 2026."""
    ab, gemeenten, ov, lid = mlo
    venlo, horst = gemeenten
    rijen = {
        "pv_laat": o.verantwoording(ov, "productverantwoording", gemeente=venlo),  # due 28-02: 33 days late
        "fv_laat": o.verantwoording(ov, "financieel", gemeente=venlo),  # due 31-03: 2 days late
        "herstel": o.verantwoording(ov, "financieel", gemeente=horst, status=Verantwoording.Status.HERSTEL,
                                    herstel_uiterlijk=date(2026, 4, 20)),  # the repair deadline counts
        "afgewezen": o.verantwoording(ov, "klachten_innovatie", status=Verantwoording.Status.AFGEWEZEN,
                                      uiterlijk=date(2026, 5, 1)),
        "verzoek": o.verzoek(ov, uiterlijk=date(2026, 4, 10)),
        "aanvulling": o.verzoek(ov, onderwerp="Aanvulling omzet", uiterlijk=date(2026, 4, 8), status="aanvulling"),
        "onderzoek": o.onderzoek(ov, gemeld=date(2026, 3, 25)),  # reaction due 08-04
        "vraag": o.melding(ov, samenvatting="Brand in de keuken"),
    }
    o.stap(rijen["vraag"], Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)), tekst="Is de IGJ ingelicht?")
    # Not owed: approved, submitted, answered, closed request, reacted onderzoek, answered question, internal note.
    o.verantwoording(ov, "productverantwoording", gemeente=horst, status=Verantwoording.Status.GOEDGEKEURD)
    o.verantwoording(ov, "klachten_innovatie", jaar=2024, status=Verantwoording.Status.INGEDIEND)
    o.verzoek(ov, onderwerp="Beantwoord", status="beantwoord", beantwoord_op=o.moment(date(2026, 3, 22)))
    o.verzoek(ov, onderwerp="Gesloten verzoek", verzoekstatus="gesloten")
    o.onderzoek(ov, gemeld=date(2026, 3, 1), reactie_op=o.moment(date(2026, 3, 5)))
    beantwoord = o.melding(ov, samenvatting="Beantwoorde vraag")
    o.stap(beantwoord, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)))
    o.stap(beantwoord, Meldingsstap.Soort.ANTWOORD, o.moment(date(2026, 3, 25)))
    intern = o.melding(ov, samenvatting="Alleen intern")
    o.stap(intern, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)), intern=True)
    o.stap(intern, Meldingsstap.Soort.NOTITIE, o.moment(date(2026, 3, 25)), intern=True)
    return ov, lid, rijen


def test_inhoud_en_volgorde_te_laat_eerst_dan_op_termijn(alles):
    ov, _, rijen = alles
    lijst = selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 2))
    assert [(v.soort, v.pk) for v in lijst] == [
        ("verantwoording", rijen["pv_laat"].pk),  # 33 days late
        ("verantwoording", rijen["fv_laat"].pk),  # 2 days late
        ("onderzoek", rijen["onderzoek"].pk),  # 08-04
        ("informatieverzoek", rijen["aanvulling"].pk),  # 08-04, title "Aanvulling" before "Reageren"
        ("informatieverzoek", rijen["verzoek"].pk),  # 10-04
        ("verantwoording", rijen["herstel"].pk),  # 20-04 (the repair deadline)
        ("verantwoording", rijen["afgewezen"].pk),  # 01-05
        ("melding", rijen["vraag"].pk),  # no deadline: last
    ] or [v.titel for v in lijst]
    per_pk = {(v.soort, v.pk): v for v in lijst}
    assert per_pk[("verantwoording", rijen["pv_laat"].pk)].dagen_te_laat == 33
    herstel = per_pk[("verantwoording", rijen["herstel"].pk)]
    assert (herstel.uiterlijk, herstel.actie, herstel.te_laat) == (date(2026, 4, 20), "Herstellen", False)
    assert per_pk[("verantwoording", rijen["afgewezen"].pk)].actie == "Opnieuw indienen"
    assert per_pk[("informatieverzoek", rijen["aanvulling"].pk)].actie == "Aanvullen"
    vraag = per_pk[("melding", rijen["vraag"].pk)]
    assert vraag.toelichting == "Is de IGJ ingelicht?" and vraag.uiterlijk is None and vraag.actie == "Antwoorden"
    assert per_pk[("onderzoek", rijen["onderzoek"].pk)].uiterlijk == date(2026, 4, 8)  # 002 B1 33.2: 14 days


def test_elke_regel_linkt_naar_de_stroom(alles):
    ov, _, rijen = alles
    urls = {(v.soort, v.pk): v.url for v in selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 2))}
    assert urls[("verantwoording", rijen["fv_laat"].pk)] == reverse("contractbeheer:verantwoording",
                                                                    args=[rijen["fv_laat"].pk])
    assert urls[("informatieverzoek", rijen["verzoek"].pk)] == reverse("contractbeheer:verzoek",
                                                                       args=[rijen["verzoek"].pk])
    assert urls[("onderzoek", rijen["onderzoek"].pk)] == reverse("contractbeheer:onderzoek", args=[rijen["onderzoek"].pk])
    assert urls[("melding", rijen["vraag"].pk)] == reverse("contractbeheer:melding", args=[rijen["vraag"].pk])


def test_beantwoorde_vraag_weer_open_na_een_nieuwe_vraag(mlo):
    _, _, ov, _ = mlo
    m = o.melding(ov)
    o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)), tekst="Eerste vraag")
    o.stap(m, Meldingsstap.Soort.ANTWOORD, o.moment(date(2026, 3, 25)))
    assert selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 2)) == []
    o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 26)), tekst="Tweede vraag")
    (v,) = selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 2))
    assert v.toelichting == "Tweede vraag"


def test_afgehandelde_melding_met_vraag_telt_niet(mlo):
    _, _, ov, _ = mlo
    m = o.melding(ov, status="afgehandeld")
    o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)))
    assert selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 2)) == []


def test_onderzoek_resultaat_wacht_op_tweede_reactie(mlo):
    _, _, ov, _ = mlo
    ond = o.onderzoek(ov, gemeld=date(2026, 1, 5), status=Onderzoek.Status.RESULTAAT_GEMELD,
                      reactie_op=o.moment(date(2026, 1, 10)), resultaat_gemeld=date(2026, 3, 20))
    (v,) = selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 4))
    assert (v.pk, v.uiterlijk, v.te_laat, v.dagen_te_laat) == (ond.pk, date(2026, 4, 3), True, 1)  # 002 B1 33.4
    assert "resultaat" in v.titel


def test_pagina_toont_alles_met_een_klik_en_melding_doen(client, alles):
    ov, lid, rijen = alles
    _ingelogd(client, lid)
    with _klok(date(2026, 4, 2)):
        antwoord = client.get(URL)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    for pad in (reverse("contractbeheer:verantwoording", args=[rijen["fv_laat"].pk]),
                reverse("contractbeheer:verzoek", args=[rijen["verzoek"].pk]),
                reverse("contractbeheer:onderzoek", args=[rijen["onderzoek"].pk]),
                reverse("contractbeheer:melding", args=[rijen["vraag"].pk]),
                reverse("contractbeheer:melding_nieuw")):
        assert f'href="{pad}"' in html
    assert "Melding doen" in html
    assert "te laat: 33 dagen" in html and "te laat: 2 dagen" in html
    assert "2 verplichtingen zijn te laat" in html
    assert html.index("te laat: 33 dagen") < html.index("te laat: 2 dagen") < html.index("Wachttijden per product")
    assert "Beantwoorde vraag" not in html and "Alleen intern" not in html and "Gesloten verzoek" not in html
    assert 'aria-label="Kruimelpad"' in html


def test_lege_pagina(client, mlo):
    _, _, _, lid = mlo
    _ingelogd(client, lid)
    html = client.get(URL).content.decode()
    assert "Niets te doen" in html and "Melding doen" in html


def test_inloggen_verplicht(client):
    antwoord = client.get(URL)
    assert antwoord.status_code == 302 and "login" in antwoord["Location"]


def test_zonder_organisatie_niet_gevonden(client, contractmanager_a):
    client.force_login(contractmanager_a)
    assert client.get(URL).status_code == 404


# --- one provider never sees another's -------------------------------------------------------------------------


def test_een_aanbieder_ziet_nooit_die_van_een_ander(client, mlo):
    ab, gemeenten, ov, lid = mlo
    ander, ander_lid = f.overeenkomst(ab, naam="Jeugdpunt Anders")
    o.verantwoording(ander, "financieel", gemeente=gemeenten[0])
    o.verzoek(ander, onderwerp="Vraag aan de ander")
    m = o.melding(ander, samenvatting="Melding van de ander")
    o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)))
    o.onderzoek(ander)
    eigen = o.verzoek(ov, onderwerp="Eigen vraag")
    assert [v.pk for v in selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 2))] == [eigen.pk]
    _ingelogd(client, lid)
    html = client.get(URL).content.decode()
    assert "Eigen vraag" in html
    assert "Vraag aan de ander" not in html and "Melding van de ander" not in html and "Verantwoording met" not in html
    assert selectors.verplichtingen_van(None, date(2026, 4, 2)) == []


def test_alleen_de_actieve_organisatie(client, mlo):
    """A member of two organisations sees the duties of the one they work for now."""
    ab, _, ov, lid = mlo
    tweede, _ = f.overeenkomst(ab, naam="Tweede B.V.")
    LidmaatschapFactory(user=lid, organisatie=tweede.organisatie)
    o.verzoek(ov, onderwerp="Voor de eerste")
    o.verzoek(tweede, onderwerp="Voor de tweede")
    _ingelogd(client, lid)
    session = client.session
    session[SESSIE_SLEUTEL] = tweede.organisatie_id
    session.save()
    html = client.get(URL).content.decode()
    assert "Voor de tweede" in html and "Voor de eerste" not in html
    session[SESSIE_SLEUTEL] = ov.organisatie_id
    session.save()
    html = client.get(URL).content.decode()
    assert "Voor de eerste" in html and "Voor de tweede" not in html


def test_alle_regios_van_de_aanbieder(regio_a, regio_b):
    """A provider contracted in two regions sees both bureaus' duties on one page."""
    gooi_ab, _, _ = f.gooi(regio_a)
    mlo_ab, _, _ = f.mlo(regio_b)
    ov_gooi, _ = f.overeenkomst(gooi_ab, naam="Overal Actief")
    from tests.overeenkomst.factories import OvereenkomstFactory

    ov_mlo = OvereenkomstFactory(aanbesteding=mlo_ab, organisatie=ov_gooi.organisatie, startdatum=date(2024, 1, 1))
    o.verantwoording(ov_gooi, "prestatieverklaring")
    o.verzoek(ov_mlo)
    lijst = selectors.verplichtingen_van(ov_gooi.organisatie, date(2026, 4, 2))
    assert {v.regio_id for v in lijst} == {regio_a.pk, regio_b.pk}
    assert [v.procedure for v in lijst] == [gooi_ab.titel, mlo_ab.titel]  # the Gooi one is late (31-03)


# --- a fixed number of queries ------------------------------------------------------------------------------


def _vul(ov, gemeenten, aantal, *, vanaf=0):
    for i in range(vanaf, vanaf + aantal):
        o.verantwoording(ov, "financieel", jaar=2000 + i, gemeente=gemeenten[i % 2])
        o.verzoek(ov, onderwerp=f"Verzoek {i}")
        o.onderzoek(ov)
        m = o.melding(ov, samenvatting=f"Melding {i}")
        o.stap(m, Meldingsstap.Soort.VRAAG, o.moment(date(2026, 3, 24)))


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_vast_aantal_queries_voor_5_en_50(client, mlo, django_assert_max_num_queries):
    ab, gemeenten, ov, lid = mlo
    _ingelogd(client, lid)
    _vul(ov, gemeenten, 5)
    for i in range(5):  # other providers in the same procedure do not count either
        _vul(f.overeenkomst(ab, naam=f"Ander {i}")[0], gemeenten, 1)
    klein = _queries(client, URL)
    _vul(ov, gemeenten, 45, vanaf=5)
    for i in range(45):
        _vul(f.overeenkomst(ab, naam=f"Nog een {i}")[0], gemeenten, 1)
    assert len(selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 2))) == 200
    with django_assert_max_num_queries(klein):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(7):  # one per kind of duty (ADR 0022 added the innovation evaluations)
        selectors.verplichtingen_van(ov.organisatie, date(2026, 4, 2))
