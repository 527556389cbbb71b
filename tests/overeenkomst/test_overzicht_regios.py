"""Issue 17: the agreements and addenda of one provider reach its overview and (mailed, ADR 0028) its inbox, each
with its region."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from core.kalender import TZ
from organisaties.models import Bericht
from organisaties.portaal import OVEREENKOMSTEN, TAKEN
from overeenkomst import selectors, tasks
from overeenkomst.models import Addendum, AddendumReactie, Overeenkomst

from .factories import AanbestedingFactory

NU = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)


@pytest.fixture
def werk(regio_a, regio_b, aanbieder, andere_aanbieder, contractmanager):
    with time_machine.travel(NU, tick=False):
        uit = {}
        for regio, org in ((regio_a, aanbieder), (regio_b, aanbieder), (regio_b, andere_aanbieder)):
            ab = AanbestedingFactory(regio=regio, titel=f"Jeugdhulp {regio.slug}")
            ovk = Overeenkomst.objects.create(aanbesteding=ab, organisatie=org, startdatum=date(2025, 1, 1))
            addendum = Addendum.objects.create(
                aanbesteding=ab, titel="Indexatie 2026", tekst="De tarieven stijgen.", ingangsdatum=date(2026, 7, 1),
                status=Addendum.Status.GEPUBLICEERD, nummer=1, opgesteld_door=contractmanager,
                goedgekeurd_door=contractmanager, gepubliceerd_op=NU,
            )
            uit[(regio.slug, org.pk)] = AddendumReactie.objects.create(addendum=addendum, overeenkomst=ovk)
        yield uit


def test_overeenkomsten_en_open_addenda_per_regio(werk, aanbieder, regio_a, regio_b, django_assert_num_queries):
    with django_assert_num_queries(2):
        regels = selectors.overzicht_regels(aanbieder)
    assert sorted((r.regio_id, r.rubriek, r.titel) for r in regels) == sorted([
        (regio_a.pk, OVEREENKOMSTEN, "Jeugdhulp gooi"), (regio_b.pk, OVEREENKOMSTEN, "Jeugdhulp mlo"),
        (regio_a.pk, TAKEN, "Reageren op Addendum 1: Indexatie 2026"), (regio_b.pk, TAKEN, "Reageren op Addendum 1: Indexatie 2026"),
    ])
    reactie = werk[("gooi", aanbieder.pk)]
    (taak,) = [r for r in regels if r.rubriek == TAKEN and r.regio_id == regio_a.pk]
    assert (taak.url, taak.uiterlijk) == (reverse("overeenkomst:addendum", args=[reactie.pk]), date(2026, 7, 1))


def _versturen():
    for addendum in Addendum.objects.filter(status=Addendum.Status.GEPUBLICEERD):
        tasks.addendum_versturen(addendum.pk)


def test_beantwoord_addendum_is_geen_taak_maar_blijft_een_bericht(werk, aanbieder, regio_a):
    _versturen()
    AddendumReactie.objects.filter(pk=werk[("gooi", aanbieder.pk)].pk).update(status=AddendumReactie.Status.AANVAARD)
    assert not [r for r in selectors.overzicht_regels(aanbieder) if r.rubriek == TAKEN and r.regio_id == regio_a.pk]
    assert regio_a.pk in set(Bericht.objects.filter(organisatie=aanbieder).values_list("regio_id", flat=True))


def test_berichten_van_beide_regios_en_niet_van_een_ander(werk, aanbieder, andere_aanbieder, regio_a, regio_b):
    """The addendum mail (ADR 0028) is in the inbox of each provider, under the region that sent it."""
    _versturen()
    berichten = Bericht.objects.filter(organisatie=aanbieder)
    assert sorted(b.regio_id for b in berichten) == sorted([regio_a.pk, regio_b.pk])
    assert {(b.soort, b.onderwerp) for b in berichten} == {("Addendum", "Addendum 1: Indexatie 2026 – reactie gevraagd")}
    assert {b.pad for b in berichten} == {reverse("overeenkomst:addendum", args=[werk[(slug, aanbieder.pk)].pk])
                                          for slug in ("gooi", "mlo")}
    assert list(Bericht.objects.filter(organisatie=andere_aanbieder).values_list("regio_id", flat=True)) == [regio_b.pk]


def test_concept_addendum_is_geen_bericht(werk, aanbieder, contractmanager):
    Addendum.objects.update(gepubliceerd_op=None, status=Addendum.Status.CONCEPT, nummer=None, goedgekeurd_door=None)
    _versturen()
    assert not Bericht.objects.filter(organisatie=aanbieder).exists()
