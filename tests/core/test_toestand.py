"""core.toestand: the transition table itself."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from core.toestand import OngeldigeOvergang, Toestandsmachine


class Status(models.TextChoices):
    CONCEPT = "concept", "Concept"
    INGEDIEND = "ingediend", "Ingediend"
    AFGEROND = "afgerond", "Afgerond"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


MACHINE = Toestandsmachine(Status, {
    Status.CONCEPT: {Status.INGEDIEND, Status.INGETROKKEN},
    Status.INGEDIEND: {Status.AFGEROND, Status.INGETROKKEN},
})


class Ding:
    class _meta:  # noqa: N801 - mimics a model's _meta for zet()
        verbose_name = "ding"

    def __init__(self, status):
        self.status = status


def test_tabel_en_afgeleide_verzamelingen():
    assert MACHINE.toestanden == {"concept", "ingediend", "afgerond", "ingetrokken"}
    assert MACHINE.begin == {"concept"}
    assert MACHINE.eindtoestanden == {"afgerond", "ingetrokken"}
    assert MACHINE.bronnen(Status.INGETROKKEN) == {"concept", "ingediend"}
    assert MACHINE.volgende(Status.AFGEROND) == frozenset()
    assert list(MACHINE.overgangen()) == [
        ("concept", "ingediend"), ("concept", "ingetrokken"), ("ingediend", "afgerond"), ("ingediend", "ingetrokken"),
    ]
    assert ("afgerond", "concept") in set(MACHINE.verboden())
    assert len(list(MACHINE.verboden())) == 4 * 3 - 4


def test_zet_geeft_oude_waarde_en_weigert_verboden_stap():
    ding = Ding(Status.CONCEPT)
    assert MACHINE.zet(ding, Status.INGEDIEND) == "concept"
    assert ding.status == "ingediend"
    with pytest.raises(OngeldigeOvergang) as fout:
        MACHINE.zet(ding, Status.CONCEPT)
    assert ding.status == "ingediend"
    assert isinstance(fout.value, ValidationError)
    assert fout.value.messages == ["Dit kan niet: ding staat op 'Ingediend' en kan niet naar 'Concept'."]


def test_dezelfde_status_is_geen_overgang():
    with pytest.raises(OngeldigeOvergang):
        MACHINE.zet(Ding(Status.AFGEROND), Status.AFGEROND)


def test_tabel_met_onbekende_status_wordt_geweigerd():
    with pytest.raises(ValueError, match="Onbekende status"):
        Toestandsmachine(Status, {Status.CONCEPT: {"bestaat_niet"}})
    with pytest.raises(ValueError, match="dezelfde status"):
        Toestandsmachine(Status, {Status.CONCEPT: {Status.CONCEPT}})


def test_expliciete_begintoestanden():
    machine = Toestandsmachine(Status, {Status.CONCEPT: {Status.INGEDIEND}, Status.INGEDIEND: {Status.CONCEPT}},
                               begin=[Status.CONCEPT])
    assert machine.begin == {"concept"}


@pytest.mark.django_db
def test_bijwerken_raakt_alleen_rijen_die_de_stap_mogen_zetten():
    from organisaties.models import Organisatie  # any real table will do for the queryset filter

    machine = Toestandsmachine(Status, {Status.CONCEPT: {Status.INGEDIEND}}, veld="naam")
    from tests.factories import OrganisatieFactory

    a = OrganisatieFactory(naam="concept")
    b = OrganisatieFactory(naam="afgerond")
    assert machine.bijwerken(Organisatie.objects.filter(pk__in=[a.pk, b.pk]), Status.INGEDIEND) == 1
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.naam, b.naam) == ("ingediend", "afgerond")
    # idempotent: a second run finds nothing left to move
    assert machine.bijwerken(Organisatie.objects.filter(pk__in=[a.pk, b.pk]), Status.INGEDIEND) == 0


def test_eigen_melding_van_de_service_vervangt_de_algemene_tekst():
    ding = Ding(Status.AFGEROND)
    with pytest.raises(OngeldigeOvergang) as fout:
        MACHINE.zet(ding, Status.INGETROKKEN, melding="Dit ding is al afgerond.")
    assert fout.value.messages == ["Dit ding is al afgerond."]
    assert fout.value.code == "ongeldige_overgang"
    assert ding.status == "afgerond"
