from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sroi import services
from sroi.models import Waarderingsregel
from tests.sroi.factories import AanbestedingFactory, OvereenkomstFactory, met_regime, pdf_upload


@pytest.fixture
def mlo(db):
    """An MLO procedure (002) with its SROI regime and table from 1-1-2020."""
    aanbesteding = AanbestedingFactory(titel="Gespecialiseerde Jeugdhulp MLO", looptijd_start=date(2020, 1, 1),
                                       looptijd_einde=date(2023, 12, 31))
    met_regime(aanbesteding, "mlo")
    return aanbesteding


@pytest.fixture
def gooi(db):
    """The Gooi procedure SD005 (003b) with the bouwblokken from 1-1-2022."""
    aanbesteding = AanbestedingFactory(titel="Jeugdhulp Voorzieningen", looptijd_start=date(2022, 1, 1),
                                       looptijd_einde=date(2025, 12, 31))
    met_regime(aanbesteding, "gooi")
    return aanbesteding


@pytest.fixture
def mlo_overeenkomst(mlo, aanbieder):
    return OvereenkomstFactory(aanbesteding=mlo, organisatie=aanbieder)


@pytest.fixture
def gooi_overeenkomst(gooi, aanbieder):
    return OvereenkomstFactory(aanbesteding=gooi, organisatie=aanbieder)


# --- shared by the transition, service, view and export tests ------------------------------------------------

AMS = ZoneInfo("Europe/Amsterdam")
# The MLO Q1 2020 report may be submitted from 1 April 2020 (the period must have ended) and is due 30 April
# (1 month after the period, the regime's aanname for periodic reports; ADR 0004).
APRIL_2020 = datetime(2020, 4, 2, 12, 0, tzinfo=AMS)


def regel_van(aanbesteding, code: str) -> Waarderingsregel:
    """The row ``code`` of the procedure's (single) valuation table."""
    return Waarderingsregel.objects.get(tabel__aanbesteding=aanbesteding, code=code)


@pytest.fixture
def registreer(mlo_overeenkomst, aanbieder_medewerker):
    """Register an MLO activity through the service; defaults: a snuffelstage (B, € 300) in March 2021."""

    def _registreer(code="b1", *, overeenkomst=None, door=None, **gegevens):
        ovk = overeenkomst or mlo_overeenkomst
        gegevens = {"omschrijving": "Snuffelstage", "startdatum": date(2021, 3, 1), **gegevens}
        if code in ("b1", "b2", "d1", "d2") and "aantal" not in gegevens:
            gegevens["aantal"] = D("1") if code != "d1" else D("2")
        return services.activiteit_registreren(overeenkomst=ovk, regel=regel_van(ovk.aanbesteding, code),
                                               door=door or aanbieder_medewerker, **gegevens)

    return _registreer


@pytest.fixture
def c_activiteit(registreer):
    """MLO C: purchase from a social enterprise, counts only after approval (002 B4 C)."""
    return registreer("c1", omschrijving="Catering via Risse", bedrag=D("3450.00"))


@pytest.fixture
def ingediend_plan(gooi_overeenkomst, aanbieder_medewerker):
    """A Gooi plan van aanpak of 2 A4 (the maximum, 003b Bijlage VII A), awaiting judgement."""
    return services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(2), door=aanbieder_medewerker)


@pytest.fixture
def q1_2020(mlo_overeenkomst):
    """The MLO report over Q1 2020, created as the daily task does in April 2020."""
    with time_machine.travel(APRIL_2020, tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
    return mlo_overeenkomst.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=1)


@pytest.fixture
def indienen(aanbieder_medewerker):
    """Submit a report as the provider on 2 April 2020 (on time for Q1 2020)."""

    def _indienen(rapportage, **kwargs):
        with time_machine.travel(APRIL_2020, tick=False):
            return services.rapportage_indienen(rapportage=rapportage, door=aanbieder_medewerker, **kwargs)

    return _indienen
