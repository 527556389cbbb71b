"""Tests for core.kalender with real Dutch calendar dates.

Every expected date was worked out by hand against a printed calendar
(``python3 -c 'import calendar; print(calendar.month(2025, 4))'``), not taken from the
function's own output. Weekdays are noted in comments so a reader can re-check them.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from core.kalender import (
    TZ,
    Termijn,
    deadline_op,
    eerste_dag_volgende_maand,
    feestdagen,
    is_voor_deadline,
    is_werkdag,
    laatste_dag_maand,
    nu,
    pasen,
    plus_kalenderdagen,
    plus_maanden,
    plus_werkdagen,
    termijn,
    verschuif_naar_werkdag,
)

# --- pasen -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jaar", "verwacht"),
    [
        (2023, date(2023, 4, 9)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2016, date(2016, 3, 27)),
        (2038, date(2038, 4, 25)),  # the latest possible Easter date
    ],
)
def test_pasen(jaar, verwacht):
    assert pasen(jaar) == verwacht
    assert pasen(jaar).weekday() == 6  # always a Sunday


# --- feestdagen --------------------------------------------------------------------------


def test_feestdagen_2024_volledige_lijst():
    # Easter 2024 is Sunday 31 March: tweede Paasdag Mon 1 Apr, Hemelvaart +39 = Thu 9 May,
    # tweede Pinksterdag +50 = Mon 20 May. 27 April 2024 is a Saturday (not a Sunday, so no move).
    assert feestdagen(2024) == {
        date(2024, 1, 1): "Nieuwjaarsdag",
        date(2024, 4, 1): "Tweede Paasdag",
        date(2024, 4, 27): "Koningsdag",
        date(2024, 5, 5): "Bevrijdingsdag",
        date(2024, 5, 9): "Hemelvaartsdag",
        date(2024, 5, 20): "Tweede Pinksterdag",
        date(2024, 12, 25): "Eerste Kerstdag",
        date(2024, 12, 26): "Tweede Kerstdag",
    }


def test_hemelvaart_en_tweede_pinksterdag_2024():
    dagen = feestdagen(2024)
    assert dagen[date(2024, 5, 9)] == "Hemelvaartsdag"
    assert dagen[date(2024, 5, 20)] == "Tweede Pinksterdag"


def test_koningsdag_2025_op_zaterdag_26_april():
    # 27 April 2025 is a Sunday, so Koningsdag moves to Saturday 26 April.
    dagen = feestdagen(2025)
    assert dagen[date(2025, 4, 26)] == "Koningsdag"
    assert date(2025, 4, 27) not in dagen


def test_koningsdag_2026_op_maandag_27_april():
    dagen = feestdagen(2026)
    assert dagen[date(2026, 4, 27)] == "Koningsdag"
    assert date(2026, 4, 26) not in dagen
    assert not is_werkdag(date(2026, 4, 27))


@pytest.mark.parametrize("jaar", [2023, 2024, 2025, 2026, 2027])
def test_bevrijdingsdag_telt_elk_jaar(jaar):
    # Not only in lustrum years: the Atw lists "de vijfde mei" unconditionally.
    assert feestdagen(jaar)[date(jaar, 5, 5)] == "Bevrijdingsdag"


def test_goede_vrijdag_2024_is_een_werkdag():
    # Friday 29 March 2024, two days before Easter Sunday 31 March.
    goede_vrijdag = date(2024, 3, 29)
    assert goede_vrijdag.weekday() == 4
    assert goede_vrijdag not in feestdagen(2024)
    assert is_werkdag(goede_vrijdag)


def test_samenvallende_feestdagen_houden_beide_namen():
    # Easter 2016 was 27 March, so Hemelvaartsdag (+39) was Thursday 5 May = Bevrijdingsdag.
    dagen = feestdagen(2016)
    assert len(dagen) == 7
    assert "Bevrijdingsdag" in dagen[date(2016, 5, 5)]
    assert "Hemelvaartsdag" in dagen[date(2016, 5, 5)]


def test_koninginnedag_voor_2014():
    # 30 April 2006 was a Sunday, so Koninginnedag was Saturday 29 April; 2013 kept 30 April.
    assert feestdagen(2006)[date(2006, 4, 29)] == "Koninginnedag"
    assert feestdagen(2013)[date(2013, 4, 30)] == "Koninginnedag"


def test_feestdagen_geeft_een_kopie_die_de_cache_niet_raakt():
    dagen = feestdagen(2025)
    dagen.clear()
    assert date(2025, 1, 1) in feestdagen(2025)


# --- is_werkdag --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dag", "verwacht"),
    [
        (date(2025, 4, 25), True),  # Friday
        (date(2025, 4, 26), False),  # Saturday (and Koningsdag)
        (date(2025, 4, 27), False),  # Sunday
        (date(2025, 4, 28), True),  # Monday
        (date(2026, 4, 6), False),  # Monday, tweede Paasdag (Easter 5 April 2026)
        (date(2026, 5, 5), False),  # Tuesday, Bevrijdingsdag
        (date(2026, 5, 14), False),  # Thursday, Hemelvaartsdag (5 April + 39)
        (date(2024, 12, 24), True),  # Tuesday, Christmas Eve is no feestdag
    ],
)
def test_is_werkdag(dag, verwacht):
    assert is_werkdag(dag) is verwacht


# --- plus_werkdagen ----------------------------------------------------------------------


def test_vijf_werkdagen_over_koningsdag_op_zaterdag_2025():
    # From Thu 24 Apr 2025: Fri 25 (1), [Sat 26 Koningsdag, Sun 27], Mon 28 (2), Tue 29 (3),
    # Wed 30 (4), Thu 1 May (5). A Koningsdag on a Saturday costs no extra day.
    assert plus_werkdagen(date(2025, 4, 24), 5) == date(2025, 5, 1)


def test_vijf_werkdagen_herstel_over_koningsdag_2026():
    # From Fri 24 Apr 2026: [Sat 25, Sun 26, Mon 27 Koningsdag], Tue 28 (1), Wed 29 (2),
    # Thu 30 (3), Fri 1 May (4), [Sat 2, Sun 3], Mon 4 May (5). Tue 5 May would be skipped.
    assert plus_werkdagen(date(2026, 4, 24), 5) == date(2026, 5, 4)
    assert plus_werkdagen(date(2026, 4, 24), 6) == date(2026, 5, 6)


def test_vijf_werkdagen_over_kerst_en_nieuwjaar():
    # From Mon 23 Dec 2024: Tue 24 (1), [25, 26 Kerst], Fri 27 (2), [Sat 28, Sun 29],
    # Mon 30 (3), Tue 31 (4), [Wed 1 Jan], Thu 2 Jan 2025 (5).
    assert plus_werkdagen(date(2024, 12, 23), 5) == date(2025, 1, 2)


def test_goede_vrijdag_telt_als_werkdag_maar_tweede_paasdag_niet():
    # Thu 28 Mar 2024 + 1 = Good Friday 29 Mar; + 2 skips Sat 30, Sun 31 and Mon 1 Apr.
    assert plus_werkdagen(date(2024, 3, 28), 1) == date(2024, 3, 29)
    assert plus_werkdagen(date(2024, 3, 28), 2) == date(2024, 4, 2)


def test_plus_werkdagen_vanaf_weekenddag_telt_startdag_niet():
    assert plus_werkdagen(date(2025, 4, 26), 1) == date(2025, 4, 28)


def test_plus_nul_werkdagen_geeft_dezelfde_dag():
    assert plus_werkdagen(date(2025, 4, 26), 0) == date(2025, 4, 26)


def test_vragen_vijf_werkdagen_voor_sluiting_terugrekenen():
    # Closing Fri 30 June 2023: Thu 29 (1), Wed 28 (2), Tue 27 (3), Mon 26 (4), Fri 23 (5).
    assert plus_werkdagen(date(2023, 6, 30), -5) == date(2023, 6, 23)


def test_negatieve_werkdagen_over_kerst_zijn_de_omkering():
    # From Thu 2 Jan 2025 back: Tue 31 (1), Mon 30 (2), Fri 27 (3), Tue 24 (4), Mon 23 Dec (5).
    assert plus_werkdagen(date(2025, 1, 2), -5) == date(2024, 12, 23)


# --- plus_kalenderdagen ------------------------------------------------------------------


def test_veertien_kalenderdagen():
    assert plus_kalenderdagen(date(2023, 6, 30), 14) == date(2023, 7, 14)


def test_twintig_kalenderdagen_standstill():
    # Decision sent Mon 3 July 2023; 20 calendar days later is Sun 23 July 2023.
    assert plus_kalenderdagen(date(2023, 7, 3), 20) == date(2023, 7, 23)


def test_kalenderdagen_terug_over_schrikkeldag():
    assert plus_kalenderdagen(date(2024, 3, 1), -1) == date(2024, 2, 29)


# --- maanden -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "verwacht"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # re-registration +6 months
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),  # across the year end
        (date(2025, 1, 15), -3, date(2024, 10, 15)),
    ],
)
def test_plus_maanden_met_einde_maand_afkapping(start, n, verwacht):
    assert plus_maanden(start, n) == verwacht


@pytest.mark.parametrize(
    ("dag", "verwacht"),
    [
        (date(2025, 3, 15), date(2025, 4, 1)),
        (date(2024, 12, 31), date(2025, 1, 1)),
        (date(2024, 2, 29), date(2024, 3, 1)),
    ],
)
def test_eerste_dag_volgende_maand(dag, verwacht):
    assert eerste_dag_volgende_maand(dag) == verwacht


@pytest.mark.parametrize(
    ("dag", "verwacht"),
    [
        (date(2024, 2, 10), date(2024, 2, 29)),
        (date(2025, 2, 1), date(2025, 2, 28)),
        (date(2025, 4, 30), date(2025, 4, 30)),
        (date(2025, 12, 1), date(2025, 12, 31)),
    ],
)
def test_laatste_dag_maand(dag, verwacht):
    assert laatste_dag_maand(dag) == verwacht


# --- verschuif_naar_werkdag / termijn ----------------------------------------------------


@pytest.mark.parametrize(
    ("dag", "verwacht"),
    [
        (date(2025, 4, 26), date(2025, 4, 28)),  # Sat Koningsdag -> Mon
        (date(2025, 5, 4), date(2025, 5, 6)),  # Sun -> Mon 5 May Bevrijdingsdag -> Tue
        (date(2025, 12, 25), date(2025, 12, 29)),  # Thu Kerst, Fri Kerst, weekend -> Mon
        (date(2025, 4, 29), date(2025, 4, 29)),  # Tuesday: unchanged
    ],
)
def test_verschuif_naar_werkdag(dag, verwacht):
    assert verschuif_naar_werkdag(dag) == verwacht


def test_termijnenwet_verschuift_einde_op_zaterdag_26_april_2025():
    # 12 April 2025 + 14 days = Sat 26 April 2025 (Koningsdag) -> Monday 28 April 2025.
    assert termijn(date(2025, 4, 12), 14, "kalenderdagen") == date(2025, 4, 26)
    assert termijn(date(2025, 4, 12), 14, "kalenderdagen", termijnenwet=True) == date(2025, 4, 28)


def test_termijnenwet_bij_maanden():
    # Sat 25 Oct 2025 + 2 months = Thu 25 Dec 2025; Fri 26 Kerst, weekend -> Mon 29 Dec.
    assert termijn(date(2025, 10, 25), 2, "maanden") == date(2025, 12, 25)
    assert termijn(date(2025, 10, 25), 2, "maanden", termijnenwet=True) == date(2025, 12, 29)


def test_termijnenwet_geldt_niet_bij_terugrekenen():
    # Atw art. 1 lid 2: Mon 28 Apr 2025 - 2 days = Sat 26 Apr stays Saturday.
    assert termijn(date(2025, 4, 28), -2, "kalenderdagen", termijnenwet=True) == date(2025, 4, 26)


def test_termijn_werkdagen():
    assert termijn(date(2025, 4, 24), 5, "werkdagen") == date(2025, 5, 1)


@pytest.mark.parametrize("eenheid", ["dagen", "weken", "Werkdagen", ""])
def test_onbekende_eenheid_geeft_valueerror(eenheid):
    with pytest.raises(ValueError, match="eenheid"):
        termijn(date(2025, 1, 1), 5, eenheid)


# --- deadlines ---------------------------------------------------------------------------


def test_deadline_in_zomertijd():
    deadline = deadline_op(date(2023, 6, 30), 10, 0)
    assert deadline.tzinfo is TZ
    assert (deadline.hour, deadline.minute) == (10, 0)
    assert deadline.utcoffset() == timedelta(hours=2)
    assert deadline.astimezone(UTC) == datetime(2023, 6, 30, 8, 0, tzinfo=UTC)


def test_deadline_in_wintertijd():
    assert deadline_op(date(2023, 1, 16), 10, 0).utcoffset() == timedelta(hours=1)


def test_deadline_standaard_om_2359():
    deadline = deadline_op(date(2025, 4, 28))
    assert (deadline.hour, deadline.minute, deadline.second) == (23, 59, 0)


def test_deadline_over_zomertijdwissel_blijft_10_uur():
    # DST starts Sun 30 March 2025: Fri 28 10:00 to Mon 31 10:00 is 3 days minus 1 hour.
    vrijdag = deadline_op(date(2025, 3, 28), 10, 0)
    maandag = deadline_op(date(2025, 3, 31), 10, 0)
    assert (vrijdag.utcoffset(), maandag.utcoffset()) == (timedelta(hours=1), timedelta(hours=2))
    assert maandag.astimezone(UTC) - vrijdag.astimezone(UTC) == timedelta(hours=71)
    # Python pitfall: subtracting two datetimes that share one tzinfo object ignores the
    # offsets and gives wall-clock time, so elapsed durations must be taken in UTC.
    assert maandag - vrijdag == timedelta(hours=72)


@pytest.mark.parametrize(
    ("moment", "verwacht"),
    [
        (datetime(2023, 6, 30, 9, 59, 59, tzinfo=TZ), True),
        (datetime(2023, 6, 30, 9, 59, 59, 999999, tzinfo=TZ), True),
        (datetime(2023, 6, 30, 10, 0, 0, tzinfo=TZ), False),
        (datetime(2023, 6, 30, 10, 0, 1, tzinfo=TZ), False),
        (datetime(2023, 6, 30, 7, 59, 59, tzinfo=UTC), True),  # 09:59:59 CEST
        (datetime(2023, 6, 30, 8, 0, 0, tzinfo=UTC), False),  # 10:00:00 CEST
    ],
)
def test_is_voor_deadline_randen(moment, verwacht):
    assert is_voor_deadline(moment, deadline_op(date(2023, 6, 30), 10, 0)) is verwacht


def test_is_voor_deadline_weigert_naieve_datetime():
    with pytest.raises(ValueError):
        is_voor_deadline(datetime(2023, 6, 30, 9, 0), deadline_op(date(2023, 6, 30), 10, 0))


def test_nu_is_aware_amsterdam_en_bevriesbaar():
    time_machine = pytest.importorskip("time_machine")
    with time_machine.travel(datetime(2023, 6, 30, 8, 0, tzinfo=UTC), tick=False):
        moment = nu()
        assert moment.tzinfo is TZ
        assert (moment.hour, moment.minute) == (10, 0)
        assert moment.utcoffset() == timedelta(hours=2)
        assert not is_voor_deadline(moment, deadline_op(date(2023, 6, 30), 10, 0))


# --- Termijn -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aantal", "eenheid", "tekst"),
    [
        (5, "werkdagen", "5 werkdagen"),
        (1, "werkdagen", "1 werkdag"),
        (14, "kalenderdagen", "14 kalenderdagen"),
        (1, "maanden", "1 maand"),
        (3, "maanden", "3 maanden"),
    ],
)
def test_termijn_str(aantal, eenheid, tekst):
    assert str(Termijn(aantal, eenheid)) == tekst


def test_termijn_bereken():
    assert Termijn(5, "werkdagen").bereken(date(2024, 12, 23)) == date(2025, 1, 2)
    assert Termijn(14, "kalenderdagen").bereken(date(2025, 4, 12), termijnenwet=True) == date(2025, 4, 28)


def test_termijn_met_onbekende_eenheid_faalt_bij_aanmaken():
    with pytest.raises(ValueError):
        Termijn(2, "weken")
