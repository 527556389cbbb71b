"""The demo of the contract talks and the signals (contractbeheer/demo_gesprekken.py, demo_signalen.py): run twice
on a procedure, what the demo promises is there once — a held talk with minutes and actions and a planned talk;
a signal in each state the signal stream sets, the municipal ones reported by gemeente@regio.example."""

import io

import pytest
import time_machine

from contractbeheer import demo_gesprekken, demo_signalen
from contractbeheer.models import Contractgesprek, Gespreksactie, Signaal

from ._gesprekken import MAANDAG, gemeente_medewerker, wereld

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(MAANDAG, tick=False):
        yield


def test_gesprekken_demo_eenmaal(regio_a, regio_b, contractmanager_a):
    w = wereld(regio_a, regio_b)
    uit = io.StringIO()
    assert demo_gesprekken.laad(w.mlo, "mlo", contractmanager_a, uit) == 2
    assert demo_gesprekken.laad(w.mlo, "mlo", contractmanager_a, uit) == 0
    gehouden = Contractgesprek.objects.get(status=Contractgesprek.Status.GEHOUDEN)
    gepland = Contractgesprek.objects.get(status=Contractgesprek.Status.GEPLAND)
    assert gehouden.verslag and gehouden.gehouden_op < MAANDAG < gepland.gepland_op
    assert "Doorlooptijden (wachttijden en wachtlijsten)" in gepland.onderwerpen
    acties = list(gehouden.acties.order_by("pk").values_list("eigenaar", "status"))
    assert acties == [("aanbieder", "open"), ("aanbieder", "open"), ("bureau", "afgerond")]
    assert Gespreksactie.objects.count() == 3
    assert "contractgesprekken mlo" in uit.getvalue()


def test_signalen_demo_elke_status_eenmaal(regio_a, regio_b, contractmanager_a):
    w = wereld(regio_a, regio_b)
    consulent = gemeente_medewerker(regio_a, email=demo_signalen.GEMEENTE_PERSONA)
    uit = io.StringIO()
    assert demo_signalen.laad(w.mlo, "mlo", contractmanager_a, uit) == 4
    assert demo_signalen.laad(w.mlo, "mlo", contractmanager_a, uit) == 0
    statussen = sorted(Signaal.objects.values_list("status", flat=True))
    assert statussen == ["afgehandeld", "in_behandeling", "niet_ontvankelijk", "ontvangen"]
    assert set(Signaal.objects.values_list("gemeld_door", flat=True)) == {consulent.pk}
    assert Signaal.objects.get(status="afgehandeld").terugkoppeling
    assert Signaal.objects.get(status="niet_ontvankelijk").terugkoppeling


def test_signalen_demo_zonder_gemeentepersona_in_de_regio_legt_het_bureau_vast(regio_a, regio_b, contractmanager_a):
    w = wereld(regio_a, regio_b)
    gemeente_medewerker(regio_b, email=demo_signalen.GEMEENTE_PERSONA)
    assert demo_signalen.laad(w.mlo, "mlo", contractmanager_a, io.StringIO()) == 4
    assert set(Signaal.objects.values_list("gemeld_door", flat=True)) == {contractmanager_a.pk}
