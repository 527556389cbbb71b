"""Vraag walked through aanbesteding's services (ADR 0009): every legal move with its audit entry, every illegal
move refused with the state unchanged."""

import pytest
from django.core.exceptions import ValidationError

from aanbesteding.models import Vraag
from aanbesteding.services import nvi_publiceren, vraag_beantwoorden
from core.models import AuditRegel
from core.toestand import OngeldigeOvergang

from .factories import VraagFactory

pytestmark = pytest.mark.django_db

S = Vraag.Status


def _status(vraag):
    return Vraag.objects.values_list("status", flat=True).get(pk=vraag.pk)


def _beantwoord(vraag, door, *, publiceren=True):
    return vraag_beantwoorden(vraag=vraag, vraag_publiek="Mag een onderaannemer 5.3 uitvoeren?", antwoord="Nee.",
                              door=door, publiceren=publiceren)


@pytest.mark.parametrize(("publiceren", "naar"), [(True, S.BEANTWOORD), (False, S.NIET_PUBLICEREN)])
def test_nieuw_naar_beantwoord_of_niet_publiceren(procedure, inkoper, publiceren, naar):
    vraag = VraagFactory(aanbesteding=procedure)
    _beantwoord(vraag, inkoper, publiceren=publiceren)
    assert _status(vraag) == naar
    regel = AuditRegel.objects.get(actie="vraag.beantwoord", object_id=str(vraag.pk))
    assert regel.nieuwe_waarden["status"] == naar


def test_heen_en_weer_tussen_beantwoord_en_niet_publiceren(procedure, inkoper):
    vraag = VraagFactory(aanbesteding=procedure)
    _beantwoord(vraag, inkoper)
    _beantwoord(vraag, inkoper, publiceren=False)
    assert _status(vraag) == S.NIET_PUBLICEREN
    _beantwoord(vraag, inkoper)
    assert _status(vraag) == S.BEANTWOORD
    assert AuditRegel.objects.filter(actie="vraag.beantwoord", object_id=str(vraag.pk)).count() == 3


def test_antwoord_verbeteren_blijft_beantwoord(procedure, inkoper):
    vraag = VraagFactory(aanbesteding=procedure)
    _beantwoord(vraag, inkoper)
    vraag_beantwoorden(vraag=vraag, vraag_publiek="Mag een onderaannemer 5.3 uitvoeren?", antwoord="Nee, zie 003a §2.11.", door=inkoper)
    vraag.refresh_from_db()
    assert (vraag.status, vraag.antwoord) == (S.BEANTWOORD, "Nee, zie 003a §2.11.")


def test_beantwoord_naar_gepubliceerd(procedure, inkoper):
    vraag = VraagFactory(aanbesteding=procedure)
    _beantwoord(vraag, inkoper)
    nvi = nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    assert _status(vraag) == S.GEPUBLICEERD
    assert AuditRegel.objects.filter(actie="nvi.gepubliceerd", object_id=str(nvi.pk)).exists()


def test_gepubliceerde_vraag_is_bindend(procedure, inkoper):
    vraag = VraagFactory(aanbesteding=procedure)
    _beantwoord(vraag, inkoper)
    nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    for publiceren in (True, False):
        with pytest.raises(ValidationError, match="bindend"):
            _beantwoord(vraag, inkoper, publiceren=publiceren)
    with pytest.raises(ValidationError):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    assert _status(vraag) == S.GEPUBLICEERD


@pytest.mark.parametrize("van", [S.NIEUW, S.NIET_PUBLICEREN])
def test_alleen_een_beantwoorde_vraag_wordt_gepubliceerd(procedure, inkoper, van):
    vraag = VraagFactory(aanbesteding=procedure, status=van, vraag_publiek="V?", antwoord="A.")
    with pytest.raises(ValidationError, match="niet beantwoord"):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    assert _status(vraag) == van


def test_tabel_weigert_terug_naar_nieuw(procedure):
    vraag = VraagFactory(aanbesteding=procedure, status=S.BEANTWOORD)
    with pytest.raises(OngeldigeOvergang):
        Vraag.OVERGANGEN.zet(vraag, S.NIEUW)
    assert vraag.status == S.BEANTWOORD
