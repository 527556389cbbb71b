"""Issue 11: "in orde" says honestly whether a virus scan ran (gescand_op), and strip mode
(UPLOAD_ACTIEVE_INHOUD = "opschonen") stores the clean copy as the evidence and keeps the original for the
record with its own sha256; no view serves the original."""

import hashlib
import os
import tempfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from core.kalender import TZ
from core.models import AuditRegel
from core.uploads import valideer_upload
from inschrijving import services
from inschrijving.models import Bewijsstuk
from tests.core import slechte_bestanden as sb

from .conftest import pdf_upload
from .test_uploads_en_taken import _NepClamd, _upload_url


def _meldingen(antwoord) -> list[str]:
    """The flash messages the eis page set on a successful post (it redirects; the messages wait for the next page)."""
    from django.contrib.messages import get_messages

    return [str(m) for m in get_messages(antwoord.wsgi_request)]


def _upload(concept, procedure, door, bestand=None):
    return services.bewijs_uploaden_voor_eis(inschrijving=concept, eis=procedure.kvk, bestand=bestand or pdf_upload(),
                                             afgiftedatum=date(2023, 6, 1), door=door)


# --- honest scan status -----------------------------------------------------------------------------------


def test_zonder_clamd_in_orde_maar_niet_gescand(procedure, concept, aanbieder_beheerder, settings,
                                              django_capture_on_commit_callbacks):
    settings.CLAMD_SOCKET = ""
    with django_capture_on_commit_callbacks(execute=True):
        stuk = _upload(concept, procedure, aanbieder_beheerder)
    stuk.refresh_from_db()

    assert stuk.controle == Bewijsstuk.Controle.IN_ORDE
    assert stuk.gescand_op is None
    assert stuk.controle_tekst == "In orde – niet op virussen gescand"


def test_met_clamd_in_orde_en_gescand_op_tijdstip(procedure, concept, aanbieder_beheerder, tijd,
                                                  django_capture_on_commit_callbacks):
    pad = os.path.join(tempfile.mkdtemp(), "clamd.sock")
    server = _NepClamd(pad, b"stream: OK\0")
    server.start()
    with override_settings(CLAMD_SOCKET=pad), django_capture_on_commit_callbacks(execute=True):
        stuk = _upload(concept, procedure, aanbieder_beheerder)
    server.join(5)
    stuk.refresh_from_db()

    assert stuk.controle == Bewijsstuk.Controle.IN_ORDE
    assert stuk.gescand_op is not None
    assert stuk.controle_tekst.startswith("In orde – gescand op ")
    assert f"{stuk.gescand_op.astimezone(TZ):%d-%m-%Y %H:%M}" in stuk.controle_tekst


def test_virus_gevonden_is_geen_scan_in_orde(procedure, concept, aanbieder_beheerder,
                                             django_capture_on_commit_callbacks):
    pad = os.path.join(tempfile.mkdtemp(), "clamd.sock")
    server = _NepClamd(pad, b"stream: Eicar-Test-Signature FOUND\0")
    server.start()
    with override_settings(CLAMD_SOCKET=pad), django_capture_on_commit_callbacks(execute=True):
        stuk = _upload(concept, procedure, aanbieder_beheerder)
    server.join(5)
    stuk.refresh_from_db()

    assert stuk.controle == Bewijsstuk.Controle.GEWEIGERD
    assert stuk.gescand_op is None
    assert stuk.controle_tekst == "Geweigerd"


def test_wordt_gecontroleerd_blijft_zo_heten(procedure, concept, aanbieder_beheerder):
    stuk = _upload(concept, procedure, aanbieder_beheerder)  # the task runs after commit, not here

    assert stuk.controle_tekst == "Wordt gecontroleerd"


@pytest.mark.parametrize("gescand", [False, True])
def test_status_in_kluis_eispagina_en_statusbericht(client, procedure, concept, aanbieder_beheerder, settings,
                                                   django_capture_on_commit_callbacks, gescand):
    if gescand:
        pad = os.path.join(tempfile.mkdtemp(), "clamd.sock")
        server = _NepClamd(pad, b"stream: OK\0")
        server.start()
        settings.CLAMD_SOCKET = pad
    else:
        settings.CLAMD_SOCKET = ""
    with django_capture_on_commit_callbacks(execute=True):
        stuk = _upload(concept, procedure, aanbieder_beheerder)
    stuk.refresh_from_db()
    verwacht = "In orde – gescand op" if gescand else "In orde – niet op virussen gescand"
    client.force_login(aanbieder_beheerder)

    assert verwacht in client.get(reverse("inschrijving:bewijsstukken")).content.decode()
    assert verwacht in client.get(f"/mijn/inschrijvingen/{concept.pk}/eis/{procedure.kvk.pk}/").content.decode()
    status = client.get(reverse("inschrijving:bewijsstuk_status", args=[stuk.pk])).json()
    assert status["label"].startswith(verwacht)
    assert status["gescand"] is gescand


def test_uploadbericht_noemt_de_eerlijke_status(client, procedure, concept, aanbieder_beheerder, settings,
                                                django_capture_on_commit_callbacks):
    settings.CLAMD_SOCKET = ""
    client.force_login(aanbieder_beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(_upload_url(concept, procedure.kvk),
                               {"bewijs-bestand": pdf_upload(), "bewijs-afgiftedatum": "2023-06-01"})

    # The task runs after the request's commit, so the message still says it is being checked.
    assert "“kvk-uittreksel.pdf” is toegevoegd (wordt gecontroleerd)." in _meldingen(antwoord)


# --- strip mode ---------------------------------------------------------------------------------------------


def test_weigeren_is_standaard_en_slaat_niets_op(procedure, concept, aanbieder_beheerder, settings):
    assert settings.UPLOAD_ACTIEVE_INHOUD == "weigeren"
    with pytest.raises(ValidationError) as fout:
        _upload(concept, procedure, aanbieder_beheerder,
                SimpleUploadedFile("js.pdf", sb.pdf_met_openaction_javascript()))
    assert fout.value.code == "pdf_actieve_inhoud"
    assert not Bewijsstuk.objects.filter(organisatie=concept.organisatie).exists()


ACTIEF = [b for b in sb.SLECHTE_BESTANDEN if b.code == "pdf_actieve_inhoud"]


@pytest.mark.parametrize("slecht", ACTIEF, ids=lambda b: b.naam)
def test_opschonen_bewaart_schone_kopie_en_origineel(procedure, concept, aanbieder_beheerder, settings, slecht):
    settings.UPLOAD_ACTIEVE_INHOUD = "opschonen"
    data = slecht.maak()

    stuk = _upload(concept, procedure, aanbieder_beheerder, SimpleUploadedFile(slecht.naam, data))

    with stuk.bestand.open("rb") as f:
        schoon = f.read()
    with stuk.origineel.open("rb") as f:
        origineel = f.read()
    assert origineel == data
    assert stuk.origineel_sha256 == hashlib.sha256(data).hexdigest()
    assert stuk.sha256 == hashlib.sha256(schoon).hexdigest() != stuk.origineel_sha256
    assert stuk.bestand.name != stuk.origineel.name
    assert valideer_upload(SimpleUploadedFile(slecht.naam, schoon)).sha256 == stuk.sha256
    assert stuk.opgeschoond
    regel = AuditRegel.objects.voor_object(stuk).get(actie="bewijsstuk.geupload")
    assert regel.nieuwe_waarden["origineel_sha256"] == stuk.origineel_sha256
    assert regel.nieuwe_waarden["sha256"] == stuk.sha256
    assert regel.nieuwe_waarden["opgeschoond"]


def test_opschonen_melding_voor_de_aanbieder(client, procedure, concept, aanbieder_beheerder, settings):
    settings.UPLOAD_ACTIEVE_INHOUD = "opschonen"
    client.force_login(aanbieder_beheerder)

    antwoord = client.post(_upload_url(concept, procedure.kvk), {
        "bewijs-bestand": SimpleUploadedFile("factuur.pdf", sb.pdf_met_bijlage()), "bewijs-afgiftedatum": "2023-06-01",
    })

    bericht = next(m for m in _meldingen(antwoord) if "factuur.pdf" in m)
    assert "Uit dit bestand is actieve inhoud verwijderd (ingesloten bestanden)" in bericht
    assert "Uw origineel is bewaard voor het dossier" in bericht
    pagina = client.get(reverse("inschrijving:bewijsstukken")).content.decode()
    assert "Uit dit bestand is actieve inhoud verwijderd (ingesloten bestanden)" in pagina


def test_download_geeft_de_schone_kopie(client, procedure, concept, aanbieder_beheerder, settings):
    settings.UPLOAD_ACTIEVE_INHOUD = "opschonen"
    data = sb.pdf_met_openaction_javascript()
    stuk = _upload(concept, procedure, aanbieder_beheerder, SimpleUploadedFile("js.pdf", data))
    client.force_login(aanbieder_beheerder)

    inhoud = b"".join(client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk.pk])).streaming_content)

    assert hashlib.sha256(inhoud).hexdigest() == stuk.sha256
    assert inhoud != data and b"/JavaScript" not in inhoud


def test_polyglot_blijft_geweigerd_bij_opschonen(procedure, concept, aanbieder_beheerder, settings):
    settings.UPLOAD_ACTIEVE_INHOUD = "opschonen"
    with pytest.raises(ValidationError) as fout:
        _upload(concept, procedure, aanbieder_beheerder, SimpleUploadedFile("zip.pdf", sb.pdf_met_zip_erachter()))
    assert fout.value.code == "pdf_aanhangsel"


def test_gewone_upload_heeft_geen_origineel(procedure, concept, aanbieder_beheerder, settings):
    settings.UPLOAD_ACTIEVE_INHOUD = "opschonen"
    stuk = _upload(concept, procedure, aanbieder_beheerder)

    assert not stuk.origineel and stuk.origineel_sha256 == "" and stuk.opgeschoond == ""
    assert stuk.opschoning_melding == ""


def test_bevroren_inhoud_noemt_kopie_en_origineel(procedure, concept, aanbieder_beheerder, settings):
    settings.UPLOAD_ACTIEVE_INHOUD = "opschonen"
    stuk = _upload(concept, procedure, aanbieder_beheerder, SimpleUploadedFile("js.pdf", sb.pdf_met_catalogus_aa()))
    gewoon = _upload(concept, procedure, aanbieder_beheerder)

    inhoud = services.bevroren_inhoud(concept, concept.aangemaakt_op)

    bestanden = {b["id"]: b for a in inhoud["antwoorden"] for b in a["bestanden"]}
    assert bestanden[stuk.pk]["sha256"] == stuk.sha256
    assert bestanden[stuk.pk]["origineel_sha256"] == stuk.origineel_sha256
    assert bestanden[stuk.pk]["opgeschoond"] == "JavaScript, automatische acties"
    assert "origineel_sha256" not in bestanden[gewoon.pk]
