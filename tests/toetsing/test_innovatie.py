"""End to end (ADR 0022): an innovatievoorstel on perceel "1.2 Overige Jeugdhulp" is assessed by the committee in the
existing flow, one verdict per submission field (002 r. 604-616), decided per perceel; after the standstill the
agreement gets the perceel and contract management plans the evaluation "binnen een jaar" (002 r. 573). A field that
does not meet the criteria keeps the proposal out (r. 572: "niet opgenomen in de afspraken")."""

from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from aanbesteding.models import Eis, Perceel
from bronnen.mlo import INNOVATIEROUTE
from core.kalender import plus_maanden
from inschrijving import services as inschrijving_services
from inschrijving.models import Innovatievoorstel, InschrijvingPerceel
from toetsing import selectors, services, tasks
from toetsing.models import Oordeel

from .factories import TZ, AntwoordFactory, EisFactory, PerceelFactory

VOLDOET = {f"IV{i}": Oordeel.VOLDOET for i in range(1, 13)}


@pytest.fixture
def route(procedure):
    perceel = PerceelFactory(aanbesteding=procedure["aanbesteding"], code="1.2", naam="Overige Jeugdhulp", volgorde=9)
    Perceel.objects.filter(pk=perceel.pk).update(innovatieroute=True)
    perceel.refresh_from_db()
    for i, veld in enumerate(INNOVATIEROUTE["indienvelden"], start=1):
        EisFactory(aanbesteding=procedure["aanbesteding"], perceel=perceel, code=f"IV{i}", soort=Eis.Soort.GESCHIKTHEIDSEIS,
                   antwoordtype=Eis.Antwoordtype.TEKST, volgorde=10 + i, tekst=veld.capitalize() + ".")
    return perceel


@pytest.fixture
def voorstel(maak_inschrijving, route, aanbieder):
    insch = maak_inschrijving(organisatie=aanbieder, percelen=("ambulant",))
    InschrijvingPerceel.objects.create(inschrijving=insch, perceel=route)
    for eis in route.eisen.all():
        AntwoordFactory(inschrijving=insch, eis=eis, ja_nee=None, tekst=f"Onderdeel {eis.code} van Thuis Sterk.")
    Innovatievoorstel.objects.create(
        inschrijving=insch, perceel=route, productnaam="Thuis Sterk", ambulant_alternatief=True, duur_weken=12,
        max_afwijking_duur_pct=Decimal("25"), min_deelnemers=4, max_deelnemers=8, tarief=Decimal("7800"),
        tarief_per="traject",
    )
    insch.bevroren_inhoud = inschrijving_services.bevroren_inhoud(insch, insch.ingediend_op)
    insch.save(update_fields=["bevroren_inhoud"])
    return insch


def _besluit_en_standstill(i, inkoper, capture):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False), capture(execute=True):
        services.besluit_verzenden(besluit=services.besluit_nemen(inschrijving=i, door=inkoper), door=inkoper)
    with time_machine.travel(datetime(2026, 3, 23, 3, 0, tzinfo=TZ), tick=False), capture(execute=True):
        tasks.standstill_verwerken()


def test_commissie_beoordeelt_per_onderdeel_en_toelating_plant_de_evaluatie(
        voorstel, route, volledig_beoordeeld, inkoper, aanbieder, django_capture_on_commit_callbacks):
    from contractbeheer.models import InnovatieEvaluatie
    from overeenkomst.models import Overeenkomst

    codes = [e.code for e in selectors.eisen_voor(voorstel)]
    assert [c for c in codes if c.startswith("IV")] == [f"IV{i}" for i in range(1, 13)]
    i = volledig_beoordeeld(voorstel, VOLDOET)
    _besluit_en_standstill(i, inkoper, django_capture_on_commit_callbacks)
    ovk = Overeenkomst.objects.get(organisatie=aanbieder, aanbesteding=i.aanbesteding)
    deelname = ovk.deelnames.get(perceel=route)
    evaluatie = InnovatieEvaluatie.objects.get()
    assert (evaluatie.overeenkomst, evaluatie.voorstel.inschrijving) == (ovk, i)
    assert evaluatie.toegelaten_op == deelname.startdatum
    assert evaluatie.uiterlijk == plus_maanden(deelname.startdatum, 12)
    assert evaluatie.uiterlijk.year == 2027


def test_onderdeel_dat_niet_voldoet_houdt_het_voorstel_buiten_de_afspraken(
        voorstel, route, volledig_beoordeeld, inkoper, aanbieder, django_capture_on_commit_callbacks):
    from contractbeheer.models import InnovatieEvaluatie
    from overeenkomst.models import Overeenkomst

    i = volledig_beoordeeld(voorstel, {**VOLDOET, "IV6": Oordeel.VOLDOET_NIET})
    _besluit_en_standstill(i, inkoper, django_capture_on_commit_callbacks)
    ovk = Overeenkomst.objects.get(organisatie=aanbieder, aanbesteding=i.aanbesteding)
    assert [d.perceel.code for d in ovk.deelnames.all()] == ["5.1"]
    assert not InnovatieEvaluatie.objects.exists()


def test_beoordelaar_ziet_de_ingediende_cijfers(voorstel, commissie, beoordelaar, inkoper, staff_client):
    services.toewijzen(inschrijvingen=[voorstel], beoordelaars=[beoordelaar], door=inkoper)
    services.belang_verklaren(inschrijving=voorstel, geen_conflict=True, door=beoordelaar)
    scherm = selectors.beoordelingsscherm(voorstel, beoordelaar)
    assert scherm["innovatievoorstel"]["productnaam"] == "Thuis Sterk"
    html = staff_client(beoordelaar).get(reverse("toetsing_inschrijving", args=[voorstel.pk])).content.decode()
    assert "Innovatievoorstel: Thuis Sterk (perceel 1.2)" in html
    assert "afwijking ten hoogste 25.00 %" in html and "7800.00" in html
