
"""The Celery tasks take ids, work from state and can run twice without harm (ARCHITECTURE rule 6): one letter,
one mail, one change to definitief, however often the scheduler fires; a failing mail server loses nothing."""

import hashlib
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage

from core.models import AuditRegel
from organisaties.models import Bericht
from toetsing import services, tasks
from toetsing.models import Besluit, BesluitPerceel, Toewijzing
from toetsing.signals import definitief_toegelaten

from ._hulp import een_regel, om, regels


@pytest.fixture
def genomen(maak_inschrijving, volledig_beoordeeld, inkoper, aanbieder, aanbieder_beheerder):
    i = volledig_beoordeeld(maak_inschrijving(organisatie=aanbieder))
    return services.besluit_nemen(inschrijving=i, door=inkoper)


@pytest.fixture
def verzonden(genomen, inkoper):
    """Sent without running the after-commit work: the tests run the task themselves."""
    with time_machine.travel(om(2026, 3, 2, 10, 0), tick=False):
        return services.besluit_verzenden(besluit=genomen, door=inkoper)


@pytest.fixture
def signalen():
    ontvangen = []

    def ontvanger(sender, **kwargs):
        ontvangen.append(kwargs["besluit"].pk)

    definitief_toegelaten.connect(ontvanger, dispatch_uid="test-taken-ontvanger")
    yield ontvangen
    definitief_toegelaten.disconnect(dispatch_uid="test-taken-ontvanger")


# --- besluitbrief_maken_en_aankondigen ------------------------------------------------------------------------


def test_brief_en_mail_eenmaal_bij_twee_runs(verzonden, aanbieder, aanbieder_beheerder):
    assert tasks.besluitbrief_maken_en_aankondigen(verzonden.pk) is True
    verzonden.refresh_from_db()
    eerste_naam, eerste_sha = verzonden.brief.name, verzonden.brief_sha256
    assert tasks.besluitbrief_maken_en_aankondigen(verzonden.pk) is False
    verzonden.refresh_from_db()
    assert (verzonden.brief.name, verzonden.brief_sha256) == (eerste_naam, eerste_sha)
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted([aanbieder_beheerder.email, aanbieder.contact_email])
    assert verzonden.aanbesteding.titel in mail.outbox[0].subject
    assert len(regels(verzonden, "toetsing.brief_gemaakt")) == 1
    assert len(regels(verzonden, "toetsing.besluit_gemaild")) == 1
    # ADR 0028: the decision is also in the provider's inbox, once, linked to the decision page.
    (bericht,) = Bericht.objects.filter(organisatie=aanbieder)
    assert (bericht.soort, bericht.onderwerp, bericht.pad, bericht.regio_id) == (
        "Besluit", mail.outbox[0].subject, f"/mijn/besluiten/{verzonden.pk}/", verzonden.aanbesteding.regio_id)
    assert mail.outbox[0].body.rstrip().endswith(f"onder Berichten: http://127.0.0.1:8000/mijn/berichten/{bericht.pk}/")


def test_brief_sha256_klopt_met_het_bestand(verzonden):
    tasks.besluitbrief_maken_en_aankondigen(verzonden.pk)
    verzonden.refresh_from_db()
    with verzonden.brief.open("rb") as f:
        inhoud = f.read()
    assert inhoud.startswith(b"%PDF")
    assert hashlib.sha256(inhoud).hexdigest() == verzonden.brief_sha256
    regel = een_regel(verzonden, "toetsing.brief_gemaakt")
    assert regel.actor is None
    assert regel.nieuwe_waarden == {"sha256": verzonden.brief_sha256}


def test_gemaild_wordt_geaudit_met_de_ontvangers(verzonden, aanbieder, aanbieder_beheerder):
    tasks.besluitbrief_maken_en_aankondigen(verzonden.pk)
    regel = een_regel(verzonden, "toetsing.besluit_gemaild")
    assert regel.nieuwe_waarden == {"ontvangers": sorted([aanbieder_beheerder.email, aanbieder.contact_email])}
    verzonden.refresh_from_db()
    assert verzonden.gemaild_op is not None


def test_geen_brief_voor_een_niet_verzonden_besluit(genomen):
    assert tasks.besluitbrief_maken_en_aankondigen(genomen.pk) is False
    assert tasks.besluitbrief_maken_en_aankondigen(genomen.pk + 999) is False
    genomen.refresh_from_db()
    assert not genomen.brief
    assert mail.outbox == []
    assert regels(genomen, "toetsing.brief_gemaakt") == []


def test_mislukte_mail_wordt_bij_een_volgende_run_alsnog_verstuurd(verzonden, monkeypatch):
    def storing(*args, **kwargs):
        raise ConnectionRefusedError("mailserver onbereikbaar")

    monkeypatch.setattr(EmailMessage, "send", storing)
    with pytest.raises(ConnectionRefusedError):
        tasks.besluitbrief_maken_en_aankondigen(verzonden.pk)
    verzonden.refresh_from_db()
    # The letter was made and kept; the mail is not marked as sent.
    assert verzonden.brief and verzonden.gemaild_op is None
    assert regels(verzonden, "toetsing.besluit_gemaild") == []
    monkeypatch.undo()
    assert tasks.besluitbrief_maken_en_aankondigen(verzonden.pk) is True
    assert len(mail.outbox) == 1
    assert len(regels(verzonden, "toetsing.brief_gemaakt")) == 1
    assert len(regels(verzonden, "toetsing.besluit_gemaild")) == 1


# --- standstill_verwerken ---------------------------------------------------------------------------------------


def test_standstill_twee_runs_een_wijziging(verzonden, signalen, django_capture_on_commit_callbacks):
    tasks.besluitbrief_maken_en_aankondigen(verzonden.pk)
    for uur in (1, 2):
        with time_machine.travel(om(2026, 3, 23, uur, 0), tick=False), django_capture_on_commit_callbacks(execute=True):
            assert tasks.standstill_verwerken() == (1 if uur == 1 else 0)
    verzonden.refresh_from_db()
    assert verzonden.status == Besluit.Status.DEFINITIEF
    assert verzonden.definitief_op == om(2026, 3, 23, 1, 0)
    assert [bp.uitkomst for bp in verzonden.percelen.all()] == [BesluitPerceel.Uitkomst.DEFINITIEF]
    assert signalen == [verzonden.pk]
    assert len(regels(verzonden, "toetsing.definitief")) == 1
    # Only the announcement of the decision itself was mailed, once.
    assert len(mail.outbox) == 1


def test_standstill_verwerkt_alleen_verlopen_besluiten(verzonden, maak_inschrijving, volledig_beoordeeld, inkoper,
                                                       signalen, django_capture_on_commit_callbacks):
    later = services.besluit_nemen(inschrijving=volledig_beoordeeld(maak_inschrijving()), door=inkoper)
    with time_machine.travel(om(2026, 3, 10, 10, 0), tick=False):
        services.besluit_verzenden(besluit=later, door=inkoper)
    # 23 March: the first standstill (ended 22 March) has passed, the second (ends 30 March) has not.
    with time_machine.travel(om(2026, 3, 23, 3, 0), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert tasks.standstill_verwerken() == 1
    assert signalen == [verzonden.pk]
    with time_machine.travel(om(2026, 3, 31, 3, 0), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert tasks.standstill_verwerken() == 1
    assert signalen == [verzonden.pk, later.pk]


def test_definitief_maken_rechtstreeks_tweemaal(verzonden):
    assert services.besluit_definitief_maken(besluit_id=verzonden.pk, vandaag=date(2026, 3, 23)) is True
    assert services.besluit_definitief_maken(besluit_id=verzonden.pk, vandaag=date(2026, 3, 24)) is False
    assert AuditRegel.objects.filter(actie="toetsing.definitief").count() == 2  # one on the besluit, one on the inschrijving


# --- toewijzing_aankondigen -------------------------------------------------------------------------------------


def test_aankondiging_van_ingetrokken_toewijzing_wordt_niet_verstuurd(maak_inschrijving, commissie, inkoper, beoordelaar):
    [toewijzing] = services.toewijzen(inschrijvingen=[maak_inschrijving()], beoordelaars=[beoordelaar], door=inkoper)
    services.toewijzing_intrekken(toewijzing=toewijzing, door=inkoper)
    assert tasks.toewijzing_aankondigen(toewijzing.pk) is False
    assert tasks.toewijzing_aankondigen(toewijzing.pk + 999) is False
    assert mail.outbox == []


def test_aankondiging_eenmaal_en_zonder_aanbieder(maak_inschrijving, commissie, inkoper, beoordelaar, procedure):
    i = maak_inschrijving()
    [toewijzing] = services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar], door=inkoper)
    assert tasks.toewijzing_aankondigen(toewijzing.pk) is True
    assert tasks.toewijzing_aankondigen(toewijzing.pk) is False
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == [beoordelaar.email]
    assert procedure["aanbesteding"].titel in bericht.subject
    assert i.organisatie.naam not in bericht.subject + bericht.body
    assert i.organisatie.kvk_nummer not in bericht.body
    assert Toewijzing.objects.get(pk=toewijzing.pk).gemaild_op is not None


# --- herstel_hervatten_inhalen -----------------------------------------------------------------------------------------


def test_herstel_hervatten_inhalen_zonder_werk(maak_inschrijving, commissie, inkoper, beoordelaar):
    services.toewijzen(inschrijvingen=[maak_inschrijving()], beoordelaars=[beoordelaar], door=inkoper)
    assert tasks.herstel_hervatten_inhalen() == 0
    assert not AuditRegel.objects.filter(actie="toetsing.hervat").exists()
