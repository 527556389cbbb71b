"""The provider's list pages keep a constant number of queries (ARCHITECTURE.md rule 9), a frozen report keeps
what was submitted, the daily task catches up, and typed amounts are read the Dutch way."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sroi import berekening, services, tasks
from sroi.models import SroiActiviteit, SroiBewijsstuk
from tests.sroi.conftest import AMS, APRIL_2020, regel_van
from tests.sroi.factories import AanbestedingFactory, OvereenkomstFactory


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(url).status_code == 200
    return len(vastgelegd.captured_queries)


def _activiteiten(ovk, n, *, start=date(2020, 2, 3)):
    """n counted activities with one piece of evidence each, written directly: the point is the read side."""
    b1 = regel_van(ovk.aanbesteding, "b1")
    acts = SroiActiviteit.objects.bulk_create(
        SroiActiviteit(overeenkomst=ovk, regel=b1, omschrijving=f"Stage {i}", startdatum=start, jaar=start.year,
                       aantal=D("1"), waarde=D("300")) for i in range(n)
    )
    SroiBewijsstuk.objects.bulk_create(
        SroiBewijsstuk(activiteit=a, soort="contract", bestand=f"x/{a.pk}.pdf", originele_naam="c.pdf", grootte=1,
                       sha256="0" * 64, mime_type="application/pdf") for a in acts
    )


def test_open_rapportagepagina_queries_gelijk_voor_10_en_100_activiteiten(client, q1_2020, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    url = reverse("sroi:rapportage", args=[q1_2020.pk])
    _activiteiten(q1_2020.overeenkomst, 10)
    with time_machine.travel(APRIL_2020, tick=False):
        client.get(url)
        tien = _queries(client, url)
        _activiteiten(q1_2020.overeenkomst, 90)
        honderd = _queries(client, url)
        inhoud = client.get(url).content.decode()
    assert honderd == tien
    assert inhoud.count("Stage ") == 100


def test_overeenkomstpagina_queries_gelijk_voor_10_en_100_activiteiten(client, mlo_overeenkomst, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    url = reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk]) + "?jaar=2020"
    _activiteiten(mlo_overeenkomst, 10)
    client.get(url)
    tien = _queries(client, url)
    _activiteiten(mlo_overeenkomst, 90)
    assert _queries(client, url) == tien


def test_bevroren_rapportage_toont_wat_is_ingediend(client, q1_2020, registreer, indienen, aanbieder_medewerker,
                                                    sroi_adviseur):
    """What the provider answered stays as answered (rule 14): a later judgement does not rewrite the report."""
    act = registreer("d3", omschrijving="Eigen idee", bedrag=D("800"), startdatum=date(2020, 2, 3))
    indienen(q1_2020)
    services.activiteit_beoordelen(activiteit=act, goedkeuren=True, waarde=D("650"), door=sroi_adviseur)
    client.force_login(aanbieder_medewerker)
    antwoord = client.get(reverse("sroi:rapportage", args=[q1_2020.pk]))
    [regel] = antwoord.context["regels"]
    assert regel["waarde"] == "800.00" and regel["status"] == "geregistreerd"
    assert antwoord.context["kan_indienen"] is False


def test_dagelijkse_taak_negeert_procedures_zonder_regime_en_haalt_gemiste_dagen_in(mlo_overeenkomst, aanbieder):
    OvereenkomstFactory(aanbesteding=AanbestedingFactory(), organisatie=aanbieder)  # no SROI: no reports
    # A period's report exists from the day the period starts, so it can show as due (services.rapportages_bijwerken).
    with time_machine.travel(datetime(2020, 4, 2, 12, 0, tzinfo=AMS), tick=False):
        assert tasks.rapportages_bijwerken() == 3  # Q1, Q2 (started 1 April) and the final report
    # The task did not run for half a year: the next run creates what it missed at once.
    with time_machine.travel(datetime(2020, 10, 5, 12, 0, tzinfo=AMS), tick=False):
        assert tasks.rapportages_bijwerken() == 2  # Q3 and Q4 (started 1 October)
    volgnummers = mlo_overeenkomst.sroi_rapportages.exclude(soort="eind").values_list("volgnummer", flat=True)
    assert sorted(volgnummers) == [1, 2, 3, 4]
    assert aanbieder.overeenkomsten.exclude(pk=mlo_overeenkomst.pk).get().sroi_rapportages.count() == 0


@pytest.mark.parametrize(("tekst", "bedrag"), [
    ("250.000,01", D("250000.01")),  # Dutch: dots group thousands, the comma is the decimal sign
    ("250000.01", D("250000.01")),  # plain: no comma, so the dot is the decimal point
    ("€ 250.000", D("250000")),  # groups of three after a dot: thousands, as a Dutch reader means it
    ("1.250.000", D("1250000")),
    ("1.25", D("1.25")),  # not a group of three: a decimal point
    ("12,5", D("12.5")),
    (" 0 ", D("0")),
])
def test_lees_bedrag(tekst, bedrag):
    assert berekening.lees_bedrag(tekst) == bedrag


@pytest.mark.parametrize("tekst", ["", "veel", "1,2,3", "NaN", "Infinity", "12 euro"])
def test_lees_bedrag_weigert_met_nederlandse_melding(tekst):
    with pytest.raises(berekening.WaarderingsFout, match="is geen bedrag"):
        berekening.lees_bedrag(tekst)
