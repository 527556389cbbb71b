"""The audit trail of the set-up and the after-commit work: every action is recorded with what changed."""

from datetime import date, datetime

import time_machine
from django.core import mail

from core.models import AuditRegel
from toetsing import services
from toetsing.models import Beoordelingscommissie, Besluit

from .factories import TZ
from .helpers import beoordeel, consensus


def _regel(actie, obj):
    return AuditRegel.objects.voor_object(obj).filter(actie=actie).latest("pk")


def test_instelling_opslaan_legt_oud_en_nieuw_vast(procedure, inkoper):
    instelling = services.instelling_opslaan(aanbesteding=procedure["aanbesteding"], door=inkoper, standstill_dagen=25)
    regel = _regel("toetsing.instelling_gewijzigd", instelling)
    assert (regel.oude_waarden["standstill_dagen"], regel.nieuwe_waarden["standstill_dagen"]) == (20, 25)
    assert regel.actor == inkoper


def test_commissie_opslaan_en_commissie_voor(commissie, maak_inschrijving, beoordelaar, beoordelaar2):
    regel = _regel("toetsing.commissie_opgeslagen", commissie)
    assert regel.nieuwe_waarden["leden"] == sorted([str(beoordelaar), str(beoordelaar2)])
    assert services.commissie_voor(maak_inschrijving()) == commissie
    assert Beoordelingscommissie.objects.count() == 1


def test_eindoordeel_van_de_voorzitter(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    beoordeel(i, beoordelaar)
    beoordeel(i, beoordelaar2)
    consensus(i, inkoper, vaststellen=False)
    regel = AuditRegel.objects.voor_object(i).filter(actie="toetsing.eindoordeel", toelichting="Consensus eis G2").get()
    assert (regel.nieuwe_waarden["eis"], regel.nieuwe_waarden["oordeel"]) == ("G2", "voldoet")


def test_herstel_hervatten_laat_een_toetsing_zonder_herstel_met_rust(maak_inschrijving, commissie, inkoper, beoordelaar):
    i = maak_inschrijving()
    assert services.herstel_hervatten(inschrijving_id=i.pk) is False  # no toetsing yet
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    assert services.herstel_hervatten(inschrijving_id=i.pk) is False  # not waiting for herstel
    assert not AuditRegel.objects.filter(actie="toetsing.hervat").exists()


def test_brief_en_aankondiging_na_verzenden(maak_inschrijving, volledig_beoordeeld, inkoper, aanbieder,
                                            django_capture_on_commit_callbacks):
    i = volledig_beoordeeld(maak_inschrijving(organisatie=aanbieder))
    besluit = services.besluit_nemen(inschrijving=i, door=inkoper)
    mail.outbox.clear()
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        services.besluit_verzenden(besluit=besluit, door=inkoper)
    besluit.refresh_from_db()
    assert _regel("toetsing.brief_gemaakt", besluit).nieuwe_waarden == {"sha256": besluit.brief_sha256}
    assert _regel("toetsing.besluit_gemaild", besluit).nieuwe_waarden["ontvangers"]
    assert len(mail.outbox) == 1
    # The standstill's work list: only after its last day (2026-03-22).
    assert services.te_verwerken_besluiten(vandaag=date(2026, 3, 22)) == []
    assert services.te_verwerken_besluiten(vandaag=date(2026, 3, 23)) == [besluit.pk]
    assert Besluit.objects.get(pk=besluit.pk).status == Besluit.Status.VERZONDEN
