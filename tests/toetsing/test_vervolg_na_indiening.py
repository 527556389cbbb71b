"""'Wat gebeurt er nu' for the provider (issue 12): toetsing.selectors.vervolg_na_indiening gives the dates from the
procedure's Toetsingsinstelling (streeftermijn 90 days, 003 r. 392; standstill 20 calendar days, 003a §3.2) until a
decision is sent, and the decision's own dates from then on. Registered with inschrijving.vervolg in ready()."""

from datetime import date

import pytest

from inschrijving.models import Inschrijving
from inschrijving.vervolg import vervolgstappen
from toetsing import selectors, services
from toetsing.models import Toetsingsinstelling

from ._hulp import om, verzend_op

pytestmark = pytest.mark.django_db


def _data(stappen):
    return [(s.titel, s.datum, s.tot, s.verwacht) for s in stappen]


def test_verwachte_data_uit_de_standaardinstellingen(maak_inschrijving):
    # Continuous joining (no window): assessed from the day of submission, 15-01-2026.
    i = maak_inschrijving()
    assert _data(selectors.vervolg_na_indiening(i)) == [
        ("Opening en beoordeling", date(2026, 1, 15), None, False),
        ("Besluit", date(2026, 4, 15), None, True),  # + 90 days
        ("Standstilltermijn", date(2026, 4, 16), date(2026, 5, 5), True),  # 20 calendar days
        ("Start van de overeenkomst", date(2026, 5, 6), None, True),
    ]
    # The same steps reach the provider's confirmation through the registration in toetsing's ready().
    assert _data(vervolgstappen(i)) == _data(selectors.vervolg_na_indiening(i))


def test_de_termijnen_van_de_procedure_tellen(maak_inschrijving, procedure):
    Toetsingsinstelling.objects.create(aanbesteding=procedure["aanbesteding"], behandeltermijn_dagen=180, standstill_dagen=14)
    i = maak_inschrijving()
    data = _data(selectors.vervolg_na_indiening(i))
    assert data[1][1] == date(2026, 7, 14)  # 15-01-2026 + 180 days
    assert data[2][1:3] == (date(2026, 7, 15), date(2026, 7, 28))
    assert data[3][1] == date(2026, 7, 29)


def test_start_van_de_overeenkomst_nooit_voor_de_looptijd(maak_inschrijving, procedure):
    procedure["aanbesteding"].looptijd_start = date(2027, 1, 1)
    procedure["aanbesteding"].save(update_fields=["looptijd_start"])
    i = maak_inschrijving()
    assert selectors.vervolg_na_indiening(i)[-1].datum == date(2027, 1, 1)


def test_na_verzending_de_data_van_het_besluit(maak_inschrijving, volledig_beoordeeld, inkoper,
                                               django_capture_on_commit_callbacks):
    i = volledig_beoordeeld(maak_inschrijving())
    besluit = verzend_op(services.besluit_nemen(inschrijving=i, door=inkoper), inkoper, om(2026, 3, 2),
                         django_capture_on_commit_callbacks)
    assert besluit.standstill_einde == date(2026, 3, 22)
    assert _data(selectors.vervolg_na_indiening(i))[1:] == [
        ("Besluit", date(2026, 3, 2), None, False),
        ("Standstilltermijn", date(2026, 3, 3), date(2026, 3, 22), False),
        ("Start van de overeenkomst", date(2026, 3, 23), None, False),
    ]


def test_geen_stappen_voor_een_concept_of_een_ingetrokken_inschrijving(maak_inschrijving):
    assert selectors.vervolg_na_indiening(maak_inschrijving(status=Inschrijving.Status.CONCEPT, ingediend_op=None)) == []
    assert selectors.vervolg_na_indiening(maak_inschrijving(status=Inschrijving.Status.INGETROKKEN)) == []
