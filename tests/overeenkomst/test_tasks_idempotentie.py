
"""Scheduled and after-commit tasks: each takes ids, sends a message once (a core.mail key), retries after a
failed send, catches up after a missed run, and the hand-over from toetsing creates one agreement however often
it runs (ADR 0008 §2–4; ARCHITECTURE rule 6: a lost task can be re-run without harm).
"""

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage

from core.models import VerstuurdeMail
from inschrijving.models import Bewijsstuk, Inschrijving
from overeenkomst import services, tasks
from overeenkomst.models import (
    AddendumReactie,
    Deelname,
    Overeenkomst,
    Toetreding,
    Uittreding,
)
from tests.factories import OpdrachtgeverFactory, OrganisatieFactory

from ._hulp import contracteer
from .helpers import gepubliceerd_addendum

TZ = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def twee(gooi, aanbieder, andere_aanbieder):
    ab, bhl, dag = gooi
    return ab, contracteer(ab, aanbieder, [bhl, dag]), contracteer(ab, andere_aanbieder, [dag])


@pytest.fixture
def addendum(twee, inkoper, contractmanager):
    ab, _, _ = twee
    with time_machine.travel(date(2026, 1, 5)):
        return gepubliceerd_addendum(ab, inkoper, contractmanager, ingangsdatum=date(2026, 7, 1))


class TestAddendumVersturen:
    def test_elke_aanbieder_eenmaal(self, addendum):
        mail.outbox.clear()
        with time_machine.travel(date(2026, 1, 5)):
            assert tasks.addendum_versturen(addendum.pk) == 2
            assert tasks.addendum_versturen(addendum.pk) == 0
        assert len(mail.outbox) == 2
        assert all("Aanvaard of weiger het vóór die datum" in m.body and "01-07-2026" in m.body for m in mail.outbox)
        assert set(addendum.reacties.values_list("verstuurd_op__date", flat=True)) == {date(2026, 1, 5)}

    def test_wie_al_reageerde_krijgt_het_niet_meer(self, twee, addendum, aanbieder_beheerder):
        _, a, b = twee
        with time_machine.travel(date(2026, 1, 6)):
            services.addendum_beantwoorden(reactie=addendum.reacties.get(overeenkomst=a), aanvaard=True, door=aanbieder_beheerder)
        mail.outbox.clear()
        assert tasks.addendum_versturen(addendum.pk) == 1
        assert AddendumReactie.objects.get(addendum=addendum, overeenkomst=a).verstuurd_op is None

    def test_onbekend_addendum(self, db):
        assert tasks.addendum_versturen(987654) == 0

    def test_mislukte_verzending_wordt_later_opnieuw_geprobeerd(self, addendum, monkeypatch):
        mail.outbox.clear()

        def kapot(*args, **kwargs):
            raise ConnectionRefusedError("mailserver onbereikbaar")

        monkeypatch.setattr(EmailMessage, "send", kapot)
        with pytest.raises(ConnectionRefusedError):
            tasks.addendum_versturen(addendum.pk)
        assert not VerstuurdeMail.objects.filter(sleutel__endswith=":verstuurd").exists()  # the key was given back
        monkeypatch.undo()
        assert tasks.addendum_versturen(addendum.pk) == 2
        assert len(mail.outbox) == 2


class TestAddendaHerinneren:
    def test_geen_herinnering_na_antwoord(self, twee, addendum, aanbieder_beheerder):
        _, a, _ = twee
        with time_machine.travel(date(2026, 5, 1)):
            services.addendum_beantwoorden(reactie=addendum.reacties.get(overeenkomst=a), aanvaard=True, door=aanbieder_beheerder)
        mail.outbox.clear()
        with time_machine.travel(date(2026, 6, 1)):  # 30 days before 1 July
            assert tasks.addenda_herinneren() == 1  # only the provider that did not answer yet
        assert len(mail.outbox) == 1

    def test_herinneringsmomenten_zijn_data(self, twee, addendum):
        ab, _, _ = twee
        r = ab.contractregels
        r.herinnering_addendum_dagen = "14"
        r.save()
        mail.outbox.clear()
        with time_machine.travel(date(2026, 6, 1)):
            assert tasks.addenda_herinneren() == 0  # 30 days is no longer a moment
        with time_machine.travel(date(2026, 6, 17)):  # 14 days before 1 July
            assert tasks.addenda_herinneren() == 2

    def test_geen_herinnering_op_of_na_de_ingangsdatum(self, addendum):
        mail.outbox.clear()
        with time_machine.travel(date(2026, 7, 1)):
            assert tasks.addenda_herinneren() == 0
        assert mail.outbox == []


class TestEenmaligZonderOntvanger:
    def test_zonder_adres_geen_sleutel_zodat_later_alsnog(self, gooi, contractmanager):
        ab, bhl, _ = gooi
        org = OrganisatieFactory(contact_email="")
        ovk = contracteer(ab, org, [bhl])
        with time_machine.travel(date(2026, 4, 1)):
            [stop] = services.clientenstop_opleggen(deelnames=list(ovk.deelnames.all()), van=date(2026, 4, 1),
                                                    reden="Inspectie", door=contractmanager)
        mail.outbox.clear()
        assert tasks.clientenstop_melden(stop.pk) is False
        assert not VerstuurdeMail.objects.filter(sleutel=f"clientenstop:{stop.pk}").exists()
        org.contact_email = "zorg@voorbeeld.example"
        org.save()
        assert tasks.clientenstop_melden(stop.pk) is True
        assert [m.to for m in mail.outbox] == [["zorg@voorbeeld.example"]]


class TestDagelijks:
    def test_gemiste_dagen_worden_in_een_run_ingehaald(self, twee, addendum, aanbieder_beheerder, andere_beheerder, contractmanager):
        ab, a, b = twee
        with time_machine.travel(date(2026, 3, 15)):
            u = services.uittreding_melden(overeenkomst=a, optie=Uittreding.Optie.GOOI_1, aantal_clienten=0, door=aanbieder_beheerder)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 3, 31), door=contractmanager)
            services.addendum_beantwoorden(reactie=addendum.reacties.get(overeenkomst=b), aanvaard=False,
                                           toelichting="Niet akkoord", door=andere_beheerder)
        with time_machine.travel(date(2026, 7, 10)):  # the beat was down since March
            uitkomst = tasks.dagelijks()
            assert set(uitkomst) == {"toelatingen", "ontvangstbevestigingen", "clientenstops", "addenda_in_werking", "uittredingen", "verlengingen",
                                     "addenda_herinnerd", "bewijs_herinnerd"}
            assert uitkomst["addenda_in_werking"] == 1
            tweede = tasks.dagelijks()
        assert tweede["addenda_in_werking"] == 0 and tweede["uittredingen"] == 0
        assert set(Deelname.objects.filter(overeenkomst=a).values_list("status", flat=True)) == {Deelname.Status.BEEINDIGD}
        b.refresh_from_db()
        assert (b.status, b.einddatum) == (Overeenkomst.Status.BEEINDIGD, date(2026, 7, 1))

    def test_uittredingen_afronden_telt_alleen_wat_klaar_is(self, twee, aanbieder_beheerder, contractmanager):
        _, a, _ = twee
        with time_machine.travel(date(2026, 3, 15)):
            u = services.uittreding_melden(overeenkomst=a, optie=Uittreding.Optie.GOOI_2, aantal_clienten=2,
                                           continuiteit_toelichting="Overdracht", door=aanbieder_beheerder)
            services.uittreding_overdracht_bevestigen(uittreding=u, overgedragen_op=date(2026, 4, 1), door=contractmanager)
        with time_machine.travel(date(2026, 7, 1)):
            assert tasks.uittredingen_afronden() == 0  # € 300 not paid yet (003a §3.5)
            services.uittreding_vergoeding_betaald(uittreding=u, betaald_op=date(2026, 6, 30), door=contractmanager)
            assert tasks.uittredingen_afronden() == 0  # already ended by the payment itself
        u.refresh_from_db()
        assert (u.status, u.einddatum) == (Uittreding.Status.AFGEROND, date(2026, 6, 30))


def _bewijs(org, geldig_tot):
    return Bewijsstuk.objects.create(
        organisatie=org, documentsoort="keurmerk", titel="HKZ-certificaat", originele_naam="hkz.pdf", sha256="0" * 64,
        mime_type="application/pdf", grootte=1234, afgiftedatum=date(2023, 6, 1), geldig_tot=geldig_tot, bestand="x/hkz.pdf",
    )


class TestBewijsstukken:
    def test_gemiste_zes_weken_alleen_de_laatste_herinnering(self, twee, aanbieder):
        bewijs = _bewijs(aanbieder, date(2026, 6, 30))
        mail.outbox.clear()
        with time_machine.travel(date(2026, 6, 23)):  # both 6 weeks and 2 weeks passed
            assert tasks.bewijsstukken_herinneren() == 1
            assert tasks.bewijsstukken_herinneren() == 0
        assert set(VerstuurdeMail.objects.filter(sleutel__startswith=f"bewijs:{bewijs.pk}:").values_list("sleutel", flat=True)) == {
            f"bewijs:{bewijs.pk}:2026-06-30:6w", f"bewijs:{bewijs.pk}:2026-06-30:2w"
        }
        assert len(mail.outbox) == 1

    def test_verlopen_bewijs_geen_herinnering_meer(self, twee, aanbieder):
        _bewijs(aanbieder, date(2026, 6, 30))
        with time_machine.travel(date(2026, 7, 1)):
            assert tasks.bewijsstukken_herinneren() == 0

    def test_vernieuwd_bewijs_krijgt_eigen_herinneringen(self, twee, aanbieder):
        bewijs = _bewijs(aanbieder, date(2026, 6, 30))
        with time_machine.travel(date(2026, 5, 19)):
            assert tasks.bewijsstukken_herinneren() == 1
        bewijs.geldig_tot = date(2027, 6, 30)  # a new certificate uploaded: the key contains the date
        bewijs.save()
        with time_machine.travel(date(2027, 5, 19)):
            assert tasks.bewijsstukken_herinneren() == 1


@pytest.fixture
def besluit_factory(gooi):
    from toetsing.models import Besluit, BesluitPerceel

    ab, bhl, dag = gooi

    def maak(org, *, uitkomsten, standstill_einde=date(2026, 2, 22)):
        inschrijving = Inschrijving.objects.create(aanbesteding=ab, organisatie=org, status=Inschrijving.Status.BESLOTEN,
                                                   ingediend_op=datetime(2026, 1, 15, 9, 30, tzinfo=TZ))
        besluit = Besluit.objects.create(
            inschrijving=inschrijving, aanbesteding=ab, status=Besluit.Status.DEFINITIEF,
            genomen_op=datetime(2026, 2, 1, 10, 0, tzinfo=TZ), verzonden_op=datetime(2026, 2, 2, 10, 0, tzinfo=TZ),
            standstill_einde=standstill_einde, definitief_op=datetime(2026, 2, 23, 6, 0, tzinfo=TZ),
        )
        for perceel, uitkomst in zip((bhl, dag), uitkomsten, strict=True):
            BesluitPerceel.objects.create(besluit=besluit, perceel=perceel, uitkomst=getattr(BesluitPerceel.Uitkomst, uitkomst))
        return besluit

    return maak


class TestToelatingenInhalen:
    def test_twee_besluiten_twee_overeenkomsten_en_daarna_niets(self, besluit_factory, aanbieder, andere_aanbieder):
        besluit_factory(aanbieder, uitkomsten=("DEFINITIEF", "DEFINITIEF"))
        besluit_factory(andere_aanbieder, uitkomsten=("AFGEWEZEN", "DEFINITIEF"))
        assert tasks.toelatingen_inhalen() == 2
        assert tasks.toelatingen_inhalen() == 0
        assert sorted(Deelname.objects.values_list("overeenkomst__organisatie__naam", "perceel__code")) == [
            (andere_aanbieder.naam, "5.4"), (aanbieder.naam, "5.10"), (aanbieder.naam, "5.4")
        ]
        assert Toetreding.objects.count() == 2

    def test_besluit_zonder_toegelaten_perceel_maakt_niets(self, besluit_factory, aanbieder):
        besluit_factory(aanbieder, uitkomsten=("AFGEWEZEN", "AFGEWEZEN"))
        assert tasks.toelatingen_inhalen() == 0
        assert not Overeenkomst.objects.exists() and not Toetreding.objects.exists()

    def test_start_nooit_voor_de_looptijd(self, gooi, besluit_factory, aanbieder):
        ab, _, _ = gooi
        type(ab).objects.filter(pk=ab.pk).update(looptijd_start=date(2026, 4, 1))
        besluit_factory(aanbieder, uitkomsten=("DEFINITIEF", "AFGEWEZEN"))
        tasks.toelatingen_inhalen()
        assert list(Deelname.objects.values_list("startdatum", flat=True)) == [date(2026, 4, 1)]

    def test_ontvanger_logt_een_fout_en_de_inhaaltaak_probeert_opnieuw(self, gooi, caplog):
        from toetsing.signals import definitief_toegelaten

        ab, bhl, _ = gooi
        opdrachtgever = OpdrachtgeverFactory()  # not a provider: the service refuses
        with caplog.at_level(logging.ERROR, logger="overeenkomst.koppeling"):
            definitief_toegelaten.send(sender=None, besluit=None, organisatie=opdrachtgever, aanbesteding=ab,
                                       percelen=[bhl], startdatum=date(2026, 3, 1))
        assert not Overeenkomst.objects.exists()
        assert any("kon niet worden aangemaakt" in r.getMessage() for r in caplog.records)
