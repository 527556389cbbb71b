"""The demo of the leegstandsvergoeding and the budget ceilings: on the Gooi procedure two Tussenvoorziening
providers with approved and submitted months, a per-provider ceiling with spend over 80 %; loading twice changes
nothing."""

import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from contractbeheer.models import Beddenoverzicht, Budgetplafond, Leegstandsregeling
from contractbeheer.selectors import budget
from core import kalender
from organisaties.regios import Bereik
from overeenkomst.models import Deelname

pytestmark = pytest.mark.django_db


def _stand():
    return (sorted(Beddenoverzicht.objects.values_list("overeenkomst_id", "maand", "status", "bedrag_berekend",
                                                       "bedrag_uit_te_betalen")),
            sorted(Budgetplafond.objects.values_list("code", "bedrag", "overeenkomst_id")))


def test_demo_leegstand_en_plafond():
    uit = io.StringIO()
    call_command("demo_data", stdout=uit)
    # Both admitted providers have a demo beheerder since issue 12 (beheerder@debrug.example): 4 + 3 months.
    assert "leegstand: 7 beddenoverzichten" in uit.getvalue()
    jaar = kalender.vandaag().year - 1
    regeling = Leegstandsregeling.objects.get(aanbesteding__dossiernummer="SD005", perceel__code="5.10.1")
    assert regeling.verdeling.count() == 6
    overzichten = list(Beddenoverzicht.objects.filter(regeling=regeling, maand__year=jaar))
    # Both demo providers are admitted to 5.10.1 and both submit: Zorgkracht January-March approved and April
    # submitted, De Brug January-February approved and March submitted.
    deelnemers = set(Deelname.objects.filter(perceel=regeling.perceel).values_list(
        "overeenkomst__organisatie__kvk_nummer", flat=True))
    assert deelnemers == {"99990011", "99990022"}
    statussen = sorted((o.overeenkomst.organisatie.kvk_nummer, o.maand.month, o.status) for o in overzichten)
    assert statussen == [("99990011", 1, "goedgekeurd"), ("99990011", 2, "goedgekeurd"), ("99990011", 3, "goedgekeurd"),
                         ("99990011", 4, "ingediend"), ("99990022", 1, "goedgekeurd"), ("99990022", 2, "goedgekeurd"),
                         ("99990022", 3, "ingediend")]
    # January, extra zwaar 2025 (€ 440,76): 62 - 21 = 41 etmalen → € 18.071,16.
    jan = next(o for o in overzichten if o.maand.month == 1 and o.intensiteit == "extra_zwaar")
    assert (jan.tarief, jan.bedrag_berekend, jan.bedrag_uit_te_betalen) == (D("440.76"), D("18071.16"), D("18071.16"))
    standen = [s for s in budget.plafondstanden(Bereik(alle=True, ids=frozenset()), jaar)
               if s.plafond.code == "demo-aanbieder"]
    assert standen and all(80 in s.signalen and 100 not in s.signalen for s in standen)
    voor = _stand()
    call_command("demo_data", stdout=io.StringIO())
    assert _stand() == voor
