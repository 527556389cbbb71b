"""Herstelverzoek: the deadline from the procedure's hersteltermijn in werkdagen (003: 5), late answers refused."""

from datetime import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from core.kalender import TZ
from inschrijving import services
from inschrijving.models import Herstelverzoek, Inschrijving


@pytest.fixture
def ingediend(compleet, aanbieder_beheerder, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    compleet.refresh_from_db()
    return compleet


def test_herstel_deadline_vijf_werkdagen_over_koningsdag(procedure):
    # Sent Thursday 23-04-2026; Monday 27-04 is Koningsdag: Fri 24, Tue 28, Wed 29, Thu 30, Fri 1 May.
    deadline = services.herstel_deadline(procedure.aanbesteding, datetime(2026, 4, 23, 11, 0, tzinfo=TZ))
    assert deadline == datetime(2026, 5, 1, 23, 59, tzinfo=TZ)


def test_herstel_deadline_veertien_kalenderdagen_vng(procedure):
    procedure.aanbesteding.herstel_termijn_aantal = 14
    procedure.aanbesteding.herstel_termijn_eenheid = "kalenderdagen"
    deadline = services.herstel_deadline(procedure.aanbesteding, datetime(2026, 4, 23, 11, 0, tzinfo=TZ))
    assert deadline == datetime(2026, 5, 7, 23, 59, tzinfo=TZ)


def test_herstelverzoek_versturen_na_opening_met_mail(ingediend, procedure, inkoper, tijd, django_capture_on_commit_callbacks):
    tijd(datetime(2023, 7, 3, 9, 0, tzinfo=TZ))  # Monday after the closing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        verzoek = services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Stuur een recent KvK-uittreksel.",
                                                    eisen=[procedure.kvk], door=inkoper)
    assert verzoek.deadline == datetime(2023, 7, 10, 23, 59, tzinfo=TZ)
    ingediend.refresh_from_db()
    assert ingediend.status == Inschrijving.Status.HERSTEL
    (bericht,) = mail.outbox
    assert "10-07-2023 om 23:59" in bericht.body
    assert "Stuur een recent KvK-uittreksel." in bericht.body


def test_herstelverzoek_kan_niet_voor_de_opening(ingediend, inkoper):
    with pytest.raises(PermissionDenied):
        services.herstelverzoek_versturen(inschrijving=ingediend, vraag="?", door=inkoper)


def test_antwoord_binnen_de_termijn_en_te_laat(ingediend, inkoper, aanbieder_beheerder, tijd):
    tijd(datetime(2023, 7, 3, 9, 0, tzinfo=TZ))
    verzoek = services.herstelverzoek_versturen(inschrijving=ingediend, vraag="Licht Formulier E toe.", door=inkoper)
    tweede = services.herstelverzoek_versturen(inschrijving=ingediend, vraag="En de referenties?", door=inkoper)
    tijd(datetime(2023, 7, 10, 23, 58, 59, tzinfo=TZ))
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="Zie toelichting.", door=aanbieder_beheerder)
    verzoek.refresh_from_db()
    assert verzoek.status == Herstelverzoek.Status.BEANTWOORD
    tijd(datetime(2023, 7, 10, 23, 59, tzinfo=TZ))
    with pytest.raises(ValidationError, match="verstreken op 10-07-2023 om 23:59"):
        services.herstelverzoek_beantwoorden(herstelverzoek=tweede, antwoord="Te laat.", door=aanbieder_beheerder)
    tweede.refresh_from_db()
    assert tweede.status == Herstelverzoek.Status.VERLOPEN
    assert tweede.antwoord == ""


def test_andere_organisatie_kan_herstelverzoek_niet_beantwoorden(ingediend, inkoper, andere_beheerder, tijd):
    tijd(datetime(2023, 7, 3, 9, 0, tzinfo=TZ))
    verzoek = services.herstelverzoek_versturen(inschrijving=ingediend, vraag="?", door=inkoper)
    with pytest.raises(PermissionDenied):
        services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="x", door=andere_beheerder)


def test_herstelpagina_van_andere_organisatie_is_404(client, ingediend, inkoper, andere_beheerder, tijd):
    tijd(datetime(2023, 7, 3, 9, 0, tzinfo=TZ))
    verzoek = services.herstelverzoek_versturen(inschrijving=ingediend, vraag="?", door=inkoper)
    client.force_login(andere_beheerder)
    assert client.get(f"/mijn/inschrijvingen/{ingediend.pk}/herstel/{verzoek.pk}/").status_code == 404
