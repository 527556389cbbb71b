"""Issue 18, finding 3: with the broker down, a submitted inschrijving and a wallet upload answer success (the
action is stored), the task waits in the outbox, and the receipt and its mail arrive once, later. A retried
upload does not store a second document; a redelivered receipt task sends no second mail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from core import kalender
from core.mail import al_verstuurd
from core.models import Uitgaand
from core.tasks import uitgaand_doorsturen
from inschrijving import services, tasks
from inschrijving.models import Bewijsstuk, Inschrijving
from tests.broker import DICHTE_POORT, broker

from .conftest import pdf_upload


def _open_rijen(taak):
    return Uitgaand.objects.filter(taak=taak.name, afgerond_op__isnull=True)


def test_indienen_met_broker_weg_is_een_succes_en_de_taak_wacht(client, compleet, aanbieder_beheerder,
                                                                 django_capture_on_commit_callbacks):
    client.force_login(aanbieder_beheerder)
    mail.outbox.clear()
    with broker(DICHTE_POORT), django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("inschrijving:indienen", args=[compleet.pk]), {"verklaring": "on"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("inschrijving:bevestiging", args=[compleet.pk])
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.INGEDIEND and compleet.bevestiging_verstuurd_op is None
    [rij] = _open_rijen(tasks.ontvangstbewijs_versturen)
    assert rij.args == [compleet.pk] and rij.verzonden_op is None and rij.laatste_fout
    assert mail.outbox == []
    # the confirmation page itself works without the receipt
    assert client.get(antwoord["Location"]).status_code == 200


def test_na_de_storing_komt_het_ontvangstbewijs_een_keer(client, compleet, aanbieder_beheerder, tijd,
                                                        django_capture_on_commit_callbacks):
    client.force_login(aanbieder_beheerder)
    with broker(DICHTE_POORT), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("inschrijving:indienen", args=[compleet.pk]), {"verklaring": "on"})
    mail.outbox.clear()
    tijd(kalender.nu() + timedelta(minutes=6))
    # broker back (eager in the suite): the relay publishes the waiting tasks (the receipt, and the checks of the
    # fixture's uploads, whose on_commit never ran), the catch-up then finds nothing
    open_ = Uitgaand.objects.filter(afgerond_op__isnull=True).count()
    assert uitgaand_doorsturen() == {"verzonden": open_, "mislukt": 0, "opgeruimd": 0}
    assert tasks.ontvangstbewijzen_inhalen() == 0
    compleet.refresh_from_db()
    assert compleet.ontvangstbewijs and compleet.bevestiging_verstuurd_op is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments
    assert not _open_rijen(tasks.ontvangstbewijs_versturen).exists()


def test_inhaaltaak_voor_een_ontvangstbewijs_zonder_uitgaande_taak(compleet, aanbieder_beheerder, tijd):
    # a Redis restart without persistence lost the message and the outbox row is pruned or never existed: the
    # state (ingediend, no confirmation) is enough
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)  # on_commit never runs here
    mail.outbox.clear()
    assert tasks.ontvangstbewijzen_inhalen() == 0  # not before five minutes: the normal path may still be busy
    tijd(kalender.nu() + timedelta(minutes=6))
    assert tasks.ontvangstbewijzen_inhalen() == 1
    assert tasks.ontvangstbewijzen_inhalen() == 0
    compleet.refresh_from_db()
    assert compleet.bevestiging_verstuurd_op is not None and len(mail.outbox) == 1


def test_inhaaltaak_staat_in_het_schema(settings):
    assert settings.CELERY_BEAT_SCHEDULE["ontvangstbewijzen-inhalen"]["task"] == "inschrijving.tasks.ontvangstbewijzen_inhalen"


def test_herbezorgde_ontvangstbewijstaak_stuurt_geen_tweede_mail(compleet, aanbieder_beheerder):
    """The worker died after sending and before recording bevestiging_verstuurd_op: the redelivery finds the mail
    key (written before sending) and only records the confirmation."""
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    mail.outbox.clear()
    assert tasks.ontvangstbewijs_versturen(compleet.pk) == "verstuurd"
    Inschrijving.objects.filter(pk=compleet.pk).update(bevestiging_verstuurd_op=None)  # the lost mark
    assert al_verstuurd(f"ontvangstbewijs:{compleet.pk}")
    assert tasks.ontvangstbewijs_versturen(compleet.pk) == "verstuurd"
    assert tasks.ontvangstbewijs_versturen(compleet.pk) == "al verstuurd"
    compleet.refresh_from_db()
    assert compleet.bevestiging_verstuurd_op is not None
    assert len(mail.outbox) == 1


# --- wallet upload --------------------------------------------------------------------------------------------


def _wallet_post(client, naam="polis.pdf"):
    return client.post(reverse("inschrijving:bewijsstukken"), {
        "documentsoort": "kvk_uittreksel", "titel": "", "bestand": pdf_upload(naam), "afgiftedatum": "2023-06-01",
    })


def test_wallet_upload_met_broker_weg_is_een_succes(client, aanbieder, aanbieder_beheerder, tijd,
                                                    django_capture_on_commit_callbacks):
    client.force_login(aanbieder_beheerder)
    with broker(DICHTE_POORT), django_capture_on_commit_callbacks(execute=True):
        antwoord = _wallet_post(client)
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("inschrijving:bewijsstukken")
    [stuk] = Bewijsstuk.objects.filter(organisatie=aanbieder)
    assert stuk.controle == Bewijsstuk.Controle.BEZIG
    [rij] = _open_rijen(tasks.bewijsstuk_controleren)
    assert rij.args == [stuk.pk]
    # the retry after the error the user used to see stores nothing new
    with broker(DICHTE_POORT), django_capture_on_commit_callbacks(execute=True):
        assert _wallet_post(client).status_code == 302
    assert Bewijsstuk.objects.filter(organisatie=aanbieder).count() == 1
    # broker back: the relay runs the check
    tijd(kalender.nu() + timedelta(minutes=1))
    uitgaand_doorsturen()
    stuk.refresh_from_db()
    assert stuk.controle == Bewijsstuk.Controle.IN_ORDE


def test_herhaalde_upload_geeft_het_bestaande_document(aanbieder, aanbieder_beheerder, tijd):
    def upload(naam="polis.pdf", **extra):
        return services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=pdf_upload(naam), documentsoort="kvk_uittreksel",
                                            afgiftedatum=kalender.vandaag() - timedelta(days=3), door=aanbieder_beheerder,
                                            **extra)

    eerste = upload()
    assert upload().pk == eerste.pk  # same person, file, name and data within minutes: a retry
    assert upload("andere-naam.pdf").pk != eerste.pk  # another name: another document
    assert upload(titel="Nieuwe versie").pk != eerste.pk  # other data: another document
    tijd(kalender.nu() + services.HERHAALDE_UPLOAD + timedelta(seconds=1))
    assert upload().pk != eerste.pk  # later on purpose: a new document
    assert Bewijsstuk.objects.filter(organisatie=aanbieder).count() == 4


def test_herhaalde_upload_van_een_collega_is_een_eigen_document(aanbieder, aanbieder_beheerder, aanbieder_medewerker, tijd):
    kwargs = {"organisatie": aanbieder, "documentsoort": "kvk_uittreksel",
              "afgiftedatum": kalender.vandaag() - timedelta(days=3)}
    eerste = services.bewijsstuk_uploaden(bestand=pdf_upload(), door=aanbieder_beheerder, **kwargs)
    tweede = services.bewijsstuk_uploaden(bestand=pdf_upload(), door=aanbieder_medewerker, **kwargs)
    assert eerste.pk != tweede.pk


@pytest.mark.parametrize("taak", ["ontvangstbewijs_versturen", "herstelverzoek_mailen", "bewijsstuk_controleren"])
def test_na_commit_taken_gaan_via_de_outbox(taak):
    # every after-commit task of the app is a PortaalTaak, so the outbox row is marked done when it succeeds
    from core.taken import PortaalTaak

    assert isinstance(getattr(tasks, taak), PortaalTaak)
