from datetime import datetime

import pytest

from core.kalender import TZ

from .factories import AanbestedingFactory, PerceelFactory

# 003a §2.9: questions until a published date; the Gooi NvI of 4 September 2020 answered them (r. 2990).
VRAGEN_TOT = datetime(2020, 8, 28, 12, 0, tzinfo=TZ)


@pytest.fixture
def procedure(db):
    return AanbestedingFactory(vragen_tot=VRAGEN_TOT)


@pytest.fixture
def perceel_510(procedure):
    return PerceelFactory(aanbesteding=procedure, code="5.10", naam="Behandelgroep Verblijf / Pleegzorg")
