"""Issue 17: one evidence wallet for every region.

A document belongs to the organisation, not to the procedure it was first uploaded for. It is offered for any
eis of any procedure whose maximum age it still meets on that procedure's peildatum, and each procedure keeps
its own rule: in Gooi en Vechtstreek the KvK extract may be at most three months old (003 r. 607-609); the VNG
contract standard allows six months (Bijlage 1, domain/peers-and-standards.md r. 367), which we take for
Midden-Limburg Oost, whose sources name no age. A document of four months is offered in MLO and not in Gooi,
with a Dutch explanation why.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbesteding.models import Eis
from core.kalender import TZ
from inschrijving import selectors, services
from tests.factories import RegioFactory

from .factories import AanbestedingFactory, BewijsstukFactory, EisFactory, ToetredingsmomentFactory

NU = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)
SLUIT = NU + timedelta(days=14)  # peildatum of both rounds: 16-03-2026
GOOI_MAANDEN, MLO_MAANDEN = 3, 6  # 003 r. 609; VNG contractstandaard Bijlage 1


@pytest.fixture(autouse=True)
def _klok():
    with time_machine.travel(NU, tick=False):
        yield


def _ronde(regio, titel, maanden):
    ab = AanbestedingFactory(regio=regio, titel=titel)
    ToetredingsmomentFactory(aanbesteding=ab, naam="Voorjaarsronde 2026", opent_op=NU - timedelta(days=7), sluit_op=SLUIT)
    eis = EisFactory(aanbesteding=ab, code="KvK", soort=Eis.Soort.GESCHIKTHEIDSEIS, antwoordtype=Eis.Antwoordtype.DOCUMENT,
                     documentsoort="kvk_uittreksel", max_leeftijd_maanden=maanden,
                     tekst=f"Uittreksel KvK, niet ouder dan {maanden} maanden.")
    return ab, eis


@pytest.fixture
def rondes(regio_a, regio_b, aanbieder, aanbieder_beheerder):
    gooi, gooi_kvk = _ronde(regio_a, "Jeugdhulp Gooi", GOOI_MAANDEN)
    mlo, mlo_kvk = _ronde(regio_b, "Jeugdhulp MLO", MLO_MAANDEN)
    x = services.inschrijving_starten(aanbesteding=gooi, organisatie=aanbieder, door=aanbieder_beheerder)
    y = services.inschrijving_starten(aanbesteding=mlo, organisatie=aanbieder, door=aanbieder_beheerder)
    return {"x": x, "x_kvk": gooi_kvk, "y": y, "y_kvk": mlo_kvk}


@pytest.fixture
def vier_maanden_oud(rondes, aanbieder, aanbieder_beheerder):
    """Issued 01-11-2025 and first used for the MLO round, where it is young enough."""
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2025, 11, 1), originele_naam="kvk-november.pdf")
    services.bewijsstuk_koppelen(inschrijving=rondes["y"], eis=rondes["y_kvk"], bewijsstuk=stuk, door=aanbieder_beheerder)
    return stuk


@pytest.fixture
def een_maand_oud(rondes, aanbieder, aanbieder_beheerder):
    """Issued 01-02-2026 and first used for the Gooi round; young enough everywhere."""
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2026, 2, 1), originele_naam="kvk-februari.pdf")
    services.bewijsstuk_koppelen(inschrijving=rondes["x"], eis=rondes["x_kvk"], bewijsstuk=stuk, door=aanbieder_beheerder)
    return stuk


# --- offered per procedure, whichever region it was uploaded for ---------------------------------------


def test_jong_document_wordt_in_elke_regio_aangeboden(rondes, een_maand_oud):
    # uploaded for Gooi, offered for MLO too
    assert selectors.aanbod_voor_eis(rondes["y"], rondes["y_kvk"]).bruikbaar == [een_maand_oud]
    assert selectors.aanbod_voor_eis(rondes["x"], rondes["x_kvk"]).bruikbaar == [een_maand_oud]


def test_document_te_oud_voor_gooi_maar_goed_voor_mlo(rondes, vier_maanden_oud):
    mlo = selectors.aanbod_voor_eis(rondes["y"], rondes["y_kvk"])
    assert (mlo.bruikbaar, mlo.niet_aangeboden) == ([vier_maanden_oud], [])
    gooi = selectors.aanbod_voor_eis(rondes["x"], rondes["x_kvk"])
    assert gooi.bruikbaar == []
    ((stuk, reden),) = gooi.niet_aangeboden
    assert stuk == vier_maanden_oud
    assert reden == (
        "“kvk-november.pdf” is afgegeven op 01-11-2025 en is op 16-03-2026 ouder dan de toegestane 3 maanden; "
        "gebruik een document dat op of na 16-12-2025 is afgegeven. Dit is de regel van Jeugdhulp Gooi "
        "(regio Gooi en Vechtstreek). Het document blijft in uw bewijsstukken en wordt aangeboden bij procedures "
        "waarvoor het nog jong genoeg is."
    )
    assert selectors.bruikbare_bewijsstukken(rondes["x"], rondes["x_kvk"]) == []


def test_de_grens_is_de_peildatum_van_de_procedure(rondes, aanbieder):
    # 16-12-2025 is exactly three months before the closing day 16-03-2026: still young enough in Gooi
    op_de_grens = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2025, 12, 16), originele_naam="grens.pdf")
    een_dag_ouder = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2025, 12, 15), originele_naam="dag.pdf")
    gooi = selectors.aanbod_voor_eis(rondes["x"], rondes["x_kvk"])
    assert gooi.bruikbaar == [op_de_grens]
    assert [b for b, _ in gooi.niet_aangeboden] == [een_dag_ouder]
    assert selectors.aanbod_voor_eis(rondes["y"], rondes["y_kvk"]).bruikbaar == [op_de_grens, een_dag_ouder]


def test_koppelen_aan_gooi_wordt_geweigerd_en_aan_mlo_niet(rondes, vier_maanden_oud, aanbieder_beheerder):
    with pytest.raises(ValidationError, match="ouder dan de toegestane 3 maanden"):
        services.bewijsstuk_koppelen(inschrijving=rondes["x"], eis=rondes["x_kvk"], bewijsstuk=vier_maanden_oud,
                                     door=aanbieder_beheerder)
    antwoord = rondes["y"].antwoorden.get(eis=rondes["y_kvk"])
    assert list(antwoord.bewijsstukken.all()) == [vier_maanden_oud]  # control: linked in MLO


def test_andere_soort_geweigerd_of_andere_organisatie_wordt_niet_aangeboden(rondes, aanbieder, andere_aanbieder):
    BewijsstukFactory(organisatie=andere_aanbieder, afgiftedatum=date(2026, 2, 1))
    BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2026, 2, 1), documentsoort="vog")
    geweigerd = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2026, 2, 1), originele_naam="kapot.pdf",
                                  controle="geweigerd", controle_melding="Het bestand is versleuteld")
    eigen = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2026, 2, 1), originele_naam="eigen.pdf")
    aanbod = selectors.aanbod_voor_eis(rondes["y"], rondes["y_kvk"])
    assert aanbod.bruikbaar == [eigen]
    assert aanbod.niet_aangeboden == [(geweigerd, "“kapot.pdf” is bij de controle geweigerd: Het bestand is versleuteld.")]


# --- the eis page ----------------------------------------------------------------------------------------


def test_eispagina_van_gooi_legt_uit_waarom_het_document_niet_wordt_aangeboden(client, rondes, vier_maanden_oud,
                                                                             een_maand_oud, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    gooi = client.get(reverse("inschrijving:eis", args=[rondes["x"].pk, rondes["x_kvk"].pk])).content.decode()
    assert "1 document uit uw bewijsstukken niet aangeboden bij deze vraag" in gooi
    assert "ouder dan de toegestane 3 maanden" in gooi and "(regio Gooi en Vechtstreek)" in gooi
    assert f'value="{vier_maanden_oud.pk}"' not in gooi
    mlo = client.get(reverse("inschrijving:eis", args=[rondes["y"].pk, rondes["y_kvk"].pk])).content.decode()
    # in MLO the november extract is already linked and the february one (uploaded for Gooi) is offered
    assert f'value="{een_maand_oud.pk}"' in mlo
    assert "niet aangeboden" not in mlo


def test_eispagina_constant_aantal_queries_bij_bewijs_uit_veel_regios(client, rondes, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:eis", args=[rondes["x"].pk, rondes["x_kvk"].pk])
    BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2025, 10, 1))
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        client.get(url)
    for n in range(4):
        ab, eis = _ronde(RegioFactory(naam=f"Regio {n}", slug=f"r-{n}"), f"Ronde {n}", 12)
        insch = services.inschrijving_starten(aanbesteding=ab, organisatie=aanbieder, door=aanbieder_beheerder)
        for maand in (9, 10, 11):
            stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2025, maand, n + 1))
            services.bewijsstuk_koppelen(inschrijving=insch, eis=eis, bewijsstuk=stuk, door=aanbieder_beheerder)
    with CaptureQueriesContext(connection) as vijf:
        html = client.get(url).content.decode()
    assert "13 documenten uit uw bewijsstukken niet aangeboden" in html
    assert len(vijf) == len(een)


# --- the wallet page: per open procedure, in every region ---------------------------------------------------


def test_kluis_toont_per_procedure_tot_wanneer_het_document_bruikbaar_is(rondes, vier_maanden_oud, aanbieder):
    (regel,) = selectors.wallet(aanbieder)
    per = {g.regio_naam: g for g in regel.gebruik}
    assert (per["Gooi en Vechtstreek"].bruikbaar_tot, per["Gooi en Vechtstreek"].verlopen) == (date(2026, 2, 1), True)
    assert (per["Midden-Limburg Oost"].bruikbaar_tot, per["Midden-Limburg Oost"].verlopen) == (date(2026, 5, 1), False)
    assert per["Gooi en Vechtstreek"].uitleg == "niet meer bruikbaar: bruikbaar tot en met 01-02-2026 (maximaal 3 maanden oud)"
    assert per["Midden-Limburg Oost"].uitleg == "bruikbaar tot en met 01-05-2026 (maximaal 6 maanden oud)"
    # not "expired": it still serves MLO until 01-05-2026
    assert (regel.bruikbaar_tot, regel.grond, regel.verlopen) == (
        date(2026, 5, 1), "maximaal 6 maanden oud (regio Midden-Limburg Oost)", False,
    )


def test_kluis_geldig_tot_begrenst_elke_procedure(rondes, aanbieder):
    BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2026, 2, 1), geldig_tot=date(2026, 3, 31))
    (regel,) = selectors.wallet(aanbieder)
    assert {g.bruikbaar_tot for g in regel.gebruik} == {date(2026, 3, 31)}
    assert (regel.bruikbaar_tot, regel.grond) == (date(2026, 3, 31), "geldigheid van het document")


def test_kluis_zonder_leeftijdsgrens_in_een_procedure(rondes, aanbieder, regio_b):
    ab = AanbestedingFactory(regio=regio_b, titel="Wmo zonder grens")
    EisFactory(aanbesteding=ab, antwoordtype=Eis.Antwoordtype.DOCUMENT, documentsoort="kvk_uittreksel")
    BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2020, 1, 1))
    (regel,) = selectors.wallet(aanbieder)
    assert [g.uitleg for g in regel.gebruik if g.aanbesteding == "Wmo zonder grens"] == ["bruikbaar, zonder maximale leeftijd"]
    assert (regel.bruikbaar_tot, regel.grond, regel.verlopen) == (None, "", False)


def test_strengste_eis_binnen_een_procedure_telt(rondes, aanbieder):
    EisFactory(aanbesteding=rondes["y"].aanbesteding, antwoordtype=Eis.Antwoordtype.DOCUMENT,
               documentsoort="kvk_uittreksel", max_leeftijd_maanden=4)
    EisFactory(aanbesteding=rondes["y"].aanbesteding, antwoordtype=Eis.Antwoordtype.DOCUMENT, documentsoort="kvk_uittreksel")
    BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2026, 1, 1))
    (regel,) = selectors.wallet(aanbieder)
    assert {g.regio_naam: g.max_maanden for g in regel.gebruik} == {"Gooi en Vechtstreek": 3, "Midden-Limburg Oost": 4}


def test_kluispagina_toont_beide_regios(client, rondes, vier_maanden_oud, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    html = client.get(reverse("inschrijving:bewijsstukken")).content.decode()
    assert "Regio Gooi en Vechtstreek – Jeugdhulp Gooi: <span class=\"label label--fout\">niet meer bruikbaar" in html
    assert "Regio Midden-Limburg Oost – Jeugdhulp MLO: bruikbaar tot en met 01-05-2026 (maximaal 6 maanden oud)" in html
    assert "in elke regio" in html


def test_kluispagina_constant_aantal_queries_voor_1_of_5_regios(client, rondes, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:bewijsstukken")
    BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2026, 1, 1))
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        client.get(url)
    for n in range(4):
        _ronde(RegioFactory(naam=f"Regio {n}", slug=f"r-{n}"), f"Ronde {n}", 3 + n)
        BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2026, 1, n + 2))
    with CaptureQueriesContext(connection) as vijf:
        html = client.get(url).content.decode()
    assert html.count("<li>Regio ") == 5 * 6  # 5 documents × 6 open procedures
    assert len(vijf) == len(een)
