"""sroi.demo loads the sources' regimes onto the demo procedures and is idempotent."""

import io
from datetime import date

from sroi import demo
from sroi.models import SroiActiviteit, SroiPlan, SroiRegime, Waarderingsregel
from tests.sroi.factories import AanbestedingFactory, OvereenkomstFactory


def test_demo_laadt_regimes_en_voorbeelden_idempotent(aanbieder, aanbieder_beheerder):
    mlo = AanbestedingFactory(dossiernummer="MLO-GJH-2020", looptijd_start=date(2020, 1, 1), looptijd_einde=date(2030, 12, 31))
    gooi = AanbestedingFactory(dossiernummer="SD005", looptijd_start=date(2022, 1, 1), looptijd_einde=date(2030, 12, 31))
    OvereenkomstFactory(aanbesteding=mlo, organisatie=aanbieder)
    OvereenkomstFactory(aanbesteding=gooi, organisatie=aanbieder)
    demo.laad(io.StringIO())
    aantallen = (SroiRegime.objects.count(), Waarderingsregel.objects.count(), SroiActiviteit.objects.count(),
                 SroiPlan.objects.count())
    demo.laad(io.StringIO())
    assert (SroiRegime.objects.count(), Waarderingsregel.objects.count(), SroiActiviteit.objects.count(),
            SroiPlan.objects.count()) == aantallen
    assert aantallen[:2] == (2, 11 + 10)
    assert aantallen[2] == 8 and aantallen[3] == 2
    assert not SroiActiviteit.objects.exclude(persoon_referentie="").exclude(persoon_referentie__regex=r"^[KSG]-\d{4}-\d{3}$").exists()


def test_demo_zonder_procedures_doet_niets(db):
    uit = io.StringIO()
    demo.laad(uit)
    assert "niet geladen" in uit.getvalue()
    assert not SroiRegime.objects.exists()
