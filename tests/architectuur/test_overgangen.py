"""Every declared transition table, walked generically: each legal move passes, each illegal move is refused.

The per-aggregate tests in each app walk the same moves through the services (permission, audit, effects);
this test guarantees that no table is left unchecked, including ones added later.
"""

import pytest
from django.apps import apps

from core.toestand import OngeldigeOvergang, machines

# The aggregates of issue 10 and every later one: each must declare its table.
VERPLICHT = {
    "inschrijving.Inschrijving",
    "inschrijving.Herstelverzoek",
    "toetsing.Toetsing",
    "toetsing.Toewijzing",
    "toetsing.Besluit",
    "overeenkomst.Overeenkomst",
    "overeenkomst.Deelname",
    "overeenkomst.Addendum",
    "overeenkomst.AddendumReactie",
    "overeenkomst.Wijzigingsverzoek",
    "overeenkomst.Uittreding",
    "sroi.SroiRapportage",
    "sroi.SroiPlan",
    "sroi.SroiActiviteit",
}

ALLE = machines(apps.get_models())


def _id(paar):
    model, machine = paar
    return f"{model._meta.label}.{machine.veld}"


def test_elk_aggregaat_heeft_een_tabel():
    gedeclareerd = {model._meta.label for model, _ in ALLE}
    assert VERPLICHT - gedeclareerd == set()


@pytest.mark.parametrize("paar", ALLE, ids=_id)
def test_tabel_dekt_alle_keuzes_van_het_veld(paar):
    model, machine = paar
    veld = model._meta.get_field(machine.veld)
    assert {w for w, _ in veld.choices} == machine.toestanden
    assert veld.default in machine.begin, "de standaardwaarde van het veld moet een begintoestand zijn"


@pytest.mark.parametrize("paar", ALLE, ids=_id)
def test_elke_toestand_is_bereikbaar(paar):
    _, machine = paar
    bereikt, rand = set(machine.begin), list(machine.begin)
    while rand:
        for volgende in machine.volgende(rand.pop()):
            if volgende not in bereikt:
                bereikt.add(volgende)
                rand.append(volgende)
    assert bereikt == set(machine.toestanden)


@pytest.mark.parametrize("paar", ALLE, ids=_id)
def test_toegestane_stappen_gaan_en_verboden_stappen_niet(paar):
    model, machine = paar
    for van, naar in machine.overgangen():
        obj = model(**{machine.veld: van})
        assert machine.zet(obj, naar) == van
        assert getattr(obj, machine.veld) == naar
    verboden = list(machine.verboden())
    for van, naar in verboden:
        obj = model(**{machine.veld: van})
        with pytest.raises(OngeldigeOvergang) as fout:
            machine.zet(obj, naar)
        assert getattr(obj, machine.veld) == van, "een geweigerde stap laat de status ongemoeid"
        assert fout.value.code == "ongeldige_overgang"
    # a table that allowed everything would be no table
    assert verboden, f"{model._meta.label}: elke stap is toegestaan"
