"""Quota and dependencies count only real admissions (InschrijvingPerceel.toegelaten=True, set by toetsing;
ADR 0007 §6), one per organisation; a waiting-list place is re-judged on every new choice."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from core.kalender import TZ
from inschrijving import services
from inschrijving.models import Inschrijving, InschrijvingPerceel
from tests.factories import OrganisatieFactory


def _afgerond(procedure, organisatie, perceel, toegelaten):
    i = Inschrijving.objects.create(aanbesteding=procedure.aanbesteding, organisatie=organisatie,
                                    status=Inschrijving.Status.BESLOTEN, ingediend_op=datetime(2023, 1, 9, tzinfo=TZ))
    return InschrijvingPerceel.objects.create(inschrijving=i, perceel=perceel, toegelaten=toegelaten)


def test_quotum_telt_organisaties_niet_inschrijvingen(concept, procedure, aanbieder_beheerder):
    # 003 r. 514: Snelle Inzetbare Hulp at most 4 providers. One provider admitted twice is one provider.
    dubbel = OrganisatieFactory()
    _afgerond(procedure, dubbel, procedure.p5_3, True)
    _afgerond(procedure, dubbel, procedure.p5_3, True)
    for _ in range(2):
        _afgerond(procedure, OrganisatieFactory(), procedure.p5_3, True)
    meldingen = services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_3], door=aanbieder_beheerder)
    assert meldingen == ["Perceel 5.3 Snelle Inzetbare Hulp heeft een maximum van 4 aanbieders; bij meer geschikte "
                         "inschrijvers wordt geloot."]


@pytest.mark.parametrize("uitkomst", [False, None])
def test_afgewezen_of_nog_niet_besloten_telt_niet_voor_het_quotum(concept, procedure, aanbieder_beheerder, uitkomst):
    for _ in range(4):
        _afgerond(procedure, OrganisatieFactory(), procedure.p5_3, uitkomst)
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_3], door=aanbieder_beheerder)
    assert not concept.inschrijving_percelen.get(perceel=procedure.p5_3).op_wachtlijst


@pytest.mark.parametrize("uitkomst", [False, None])
def test_alleen_een_echte_toelating_vervult_een_afhankelijkheid(concept, procedure, aanbieder, aanbieder_beheerder, uitkomst):
    # 003 r. 524: Pleegzorg needs Pleegzorg Aanvullend; a rejected or pending earlier bid for 5.8 is no contract.
    _afgerond(procedure, aanbieder, procedure.p5_8, uitkomst)
    with pytest.raises(ValidationError, match=r"vereist ook perceel 5\.8"):
        services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7], door=aanbieder_beheerder)
    assert list(concept.inschrijving_percelen.values_list("perceel__code", flat=True)) == ["5.1"]


def test_eerdere_toelating_van_een_andere_organisatie_telt_niet(concept, procedure, andere_aanbieder, aanbieder_beheerder):
    _afgerond(procedure, andere_aanbieder, procedure.p5_8, True)
    with pytest.raises(ValidationError):
        services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7], door=aanbieder_beheerder)


def test_wachtlijstplaats_vervalt_als_het_perceel_weer_ruimte_heeft(concept, procedure, aanbieder_beheerder):
    # 003 r. 522: MST at most 1 provider, others on the waiting list.
    bezet = _afgerond(procedure, OrganisatieFactory(), procedure.p5_6, True)
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1, procedure.p5_6], door=aanbieder_beheerder)
    assert concept.inschrijving_percelen.get(perceel=procedure.p5_6).op_wachtlijst
    InschrijvingPerceel.objects.filter(pk=bezet.pk).update(toegelaten=False)  # that provider left
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1, procedure.p5_6], door=aanbieder_beheerder)
    assert not concept.inschrijving_percelen.get(perceel=procedure.p5_6).op_wachtlijst


def test_meerdere_fouten_worden_samen_genoemd(concept, procedure, aanbieder_beheerder):
    for _ in range(4):
        _afgerond(procedure, OrganisatieFactory(), procedure.p5_3, True)
    with pytest.raises(ValidationError) as fout:
        services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_3, procedure.p5_7], door=aanbieder_beheerder)
    assert len(fout.value.messages) == 2
    assert any("5.3 Snelle Inzetbare Hulp is vol" in m for m in fout.value.messages)
    assert any("5.7 Pleegzorg vereist ook perceel 5.8" in m for m in fout.value.messages)
