from datetime import date

import pytest

from tests.sroi.factories import AanbestedingFactory, OvereenkomstFactory, met_regime


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
