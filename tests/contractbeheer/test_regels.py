"""The clocks and thresholds of contract management with the sources' own numbers (contractbeheer.regels)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from bronnen import contractbeheer as bron
from contractbeheer import regels
from core.kalender import TZ

DREMPEL = bron.MLO["regels"]["drempel_controleverklaring"]


def test_drempel_uit_de_bron_is_50000():
    # 002 B1 32.2 r. 447 via bronnen.mlo.DREMPELS.
    assert Decimal("50000.00") == DREMPEL


@pytest.mark.parametrize(("omzet", "verwacht"), [
    (Decimal("0.00"), regels.BESTUURSVERKLARING),
    (Decimal("49999.99"), regels.BESTUURSVERKLARING),
    (Decimal("50000.00"), regels.BESTUURSVERKLARING),  # "groter dan" strikt gelezen (ADR 0019)
    (Decimal("50000.01"), regels.CONTROLEVERKLARING),
    (Decimal("1250000.00"), regels.CONTROLEVERKLARING),
])
def test_verklaring_per_gemeente(omzet, verwacht):
    assert regels.verklaring_voor(omzet, DREMPEL) == verwacht


def test_zonder_drempel_altijd_controleverklaring():
    # 003 §13: Gooi asks every provider for a verantwoording under the protocol, whatever the turnover.
    assert regels.verklaring_voor(Decimal("10.00"), None) == regels.CONTROLEVERKLARING


def test_voor_1_april_is_uiterlijk_31_maart():
    assert regels.verantwoording_uiterlijk(2025, 1, 4) == date(2026, 3, 31)


def test_voor_1_maart_in_een_schrikkeljaar_is_29_februari():
    assert regels.verantwoording_uiterlijk(2027, 1, 3) == date(2028, 2, 29)
    assert regels.verantwoording_uiterlijk(2025, 1, 3) == date(2026, 2, 28)


def test_melding_op_vrijdag_over_koningsdag():
    # Vrijdag 24-04-2026; maandag 27-04 is Koningsdag: werkdag 1 = di 28-04, werkdag 2 = wo 29-04.
    gebeurd = datetime(2026, 4, 24, 16, 30, tzinfo=TZ)
    uiterlijk = regels.melding_uiterlijk(gebeurd, 2, "werkdagen")
    assert uiterlijk == datetime(2026, 4, 29, 23, 59, tzinfo=TZ)
    assert regels.op_tijd(datetime(2026, 4, 29, 23, 59, 30, tzinfo=TZ), uiterlijk)
    assert not regels.op_tijd(datetime(2026, 4, 30, 0, 0, tzinfo=TZ), uiterlijk)


def test_melding_volgende_werkdag_gooi_na_het_weekend():
    # 003 Eis 82: "uiterlijk op de volgende werkdag"; zaterdag 06-06-2026 → maandag 08-06-2026.
    gebeurd = datetime(2026, 6, 6, 11, 0, tzinfo=TZ)
    assert regels.melding_uiterlijk(gebeurd, 1, "werkdagen") == datetime(2026, 6, 8, 23, 59, tzinfo=TZ)


def test_onmiddellijk_is_binnen_24_uur():
    gebeurd = datetime(2026, 3, 28, 22, 0, tzinfo=TZ)  # de nacht van de overgang naar zomertijd
    uiterlijk = regels.melding_uiterlijk(gebeurd, 24, "uren")
    assert (uiterlijk - gebeurd).total_seconds() == 24 * 3600


def test_informatieverzoek_van_10_werkdagen_over_kerst():
    # Verzonden ma 21-12-2026: 22, 23, 24, 28, 29, 30, 31 dec (25/26 kerst, weekend), 1 jan nieuwjaar, 4, 5, 6 jan.
    assert regels.informatieverzoek_uiterlijk(date(2026, 12, 21), 10) == date(2027, 1, 6)


def test_onderzoek_14_kalenderdagen():
    assert regels.onderzoek_reactie_uiterlijk(date(2026, 12, 24), 14) == date(2027, 1, 7)


def test_dag_op_tijd_in_amsterdamse_tijd():
    # 31-03-2026 23:30 in Amsterdam is 21:30 UTC; op tijd. 01-04 00:10 Amsterdam (22:10 UTC 31-03) niet.
    assert regels.dag_op_tijd(datetime(2026, 3, 31, 23, 30, tzinfo=TZ), date(2026, 3, 31))
    assert not regels.dag_op_tijd(datetime(2026, 4, 1, 0, 10, tzinfo=TZ), date(2026, 3, 31))


def test_herinneringsdagen():
    assert regels.herinneringsdagen("7, 30,x,7") == [30, 7]
    assert regels.herinneringsdagen("") == []
