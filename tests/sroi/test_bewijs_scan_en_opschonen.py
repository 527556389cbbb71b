"""Issue 11 for SROI evidence: the malware scan runs where CLAMD_SOCKET is set and its status is shown
honestly ("niet op virussen gescand" without it); a file clamd flags is never served; strip mode keeps the
original with its own sha256 and gives the SROI-adviseur the clean copy."""

import hashlib
import os
import tempfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from core.models import AuditRegel
from sroi import services, tasks
from sroi.models import SroiBewijsstuk
from tests.core import slechte_bestanden as sb
from tests.inschrijving.test_uploads_en_taken import _NepClamd
from tests.sroi.factories import pdf_upload


def _toevoegen(act, door, bestand=None):
    return services.bewijs_toevoegen(activiteit=act, bestand=bestand or pdf_upload(1, "factuur.pdf"), soort="factuur",
                                     door=door)


def _clamd(antwoord):
    pad = os.path.join(tempfile.mkdtemp(), "clamd.sock")
    server = _NepClamd(pad, antwoord)
    server.start()
    return pad, server


def test_zonder_clamd_niet_gescand(c_activiteit, aanbieder_medewerker, settings, django_capture_on_commit_callbacks):
    settings.CLAMD_SOCKET = ""
    with django_capture_on_commit_callbacks(execute=True):
        stuk = _toevoegen(c_activiteit, aanbieder_medewerker)
    stuk.refresh_from_db()

    assert stuk.gescand_op is None and stuk.virus == ""
    assert stuk.scan_tekst == "Niet op virussen gescand"
    assert tasks.bewijs_scannen(stuk.pk) == "niet gescand"


def test_met_clamd_gescand_en_niet_opnieuw(c_activiteit, aanbieder_medewerker, django_capture_on_commit_callbacks):
    pad, server = _clamd(b"stream: OK\0")
    with override_settings(CLAMD_SOCKET=pad), django_capture_on_commit_callbacks(execute=True):
        stuk = _toevoegen(c_activiteit, aanbieder_medewerker)
    server.join(5)
    stuk.refresh_from_db()

    assert stuk.gescand_op is not None
    assert stuk.scan_tekst.startswith("Gescand op ")
    with stuk.bestand.open("rb") as f:
        assert server.ontvangen == f.read()
    with override_settings(CLAMD_SOCKET=pad):
        assert tasks.bewijs_scannen(stuk.pk) == "overgeslagen"


def test_virus_gevonden_wordt_niet_aangeboden(client, c_activiteit, aanbieder_medewerker,
                                              django_capture_on_commit_callbacks):
    pad, server = _clamd(b"stream: Eicar-Test-Signature FOUND\0")
    with override_settings(CLAMD_SOCKET=pad), django_capture_on_commit_callbacks(execute=True):
        stuk = _toevoegen(c_activiteit, aanbieder_medewerker)
    server.join(5)
    stuk.refresh_from_db()

    assert "Eicar-Test-Signature" in stuk.virus and stuk.gescand_op is None
    assert stuk.scan_tekst == "Geweigerd – virus gevonden"
    client.force_login(aanbieder_medewerker)
    assert client.get(reverse("sroi:bewijs_downloaden", args=[stuk.pk])).status_code == 404


def test_clamd_onbereikbaar_laat_niet_gescand(c_activiteit, aanbieder_medewerker, django_capture_on_commit_callbacks):
    with override_settings(CLAMD_SOCKET="/nergens/clamd.sock"), django_capture_on_commit_callbacks(execute=True):
        stuk = _toevoegen(c_activiteit, aanbieder_medewerker)
    stuk.refresh_from_db()

    assert stuk.scan_tekst == "Niet op virussen gescand"
    with override_settings(CLAMD_SOCKET="/nergens/clamd.sock"):
        assert tasks.bewijs_scannen(stuk.pk) == "opnieuw"


def test_status_op_de_activiteitpagina(client, c_activiteit, aanbieder_medewerker, settings):
    settings.CLAMD_SOCKET = ""
    _toevoegen(c_activiteit, aanbieder_medewerker)
    client.force_login(aanbieder_medewerker)

    assert "Niet op virussen gescand" in client.get(reverse("sroi:activiteit", args=[c_activiteit.pk])).content.decode()


def test_weigeren_blijft_standaard(c_activiteit, aanbieder_medewerker):
    with pytest.raises(ValidationError) as fout:
        _toevoegen(c_activiteit, aanbieder_medewerker, SimpleUploadedFile("js.pdf", sb.pdf_met_pagina_aa()))
    assert fout.value.code == "pdf_actieve_inhoud"
    assert not SroiBewijsstuk.objects.exists()


def test_opschonen_bewaart_kopie_en_origineel(client, c_activiteit, aanbieder_medewerker, settings):
    settings.UPLOAD_ACTIEVE_INHOUD = "opschonen"
    data = sb.pdf_met_javascript_in_names()
    client.force_login(aanbieder_medewerker)

    antwoord = client.post(reverse("sroi:activiteit", args=[c_activiteit.pk]),
                           {"bestand": SimpleUploadedFile("factuur.pdf", data), "soort": "factuur"}, follow=True)

    stuk = SroiBewijsstuk.objects.get()
    assert stuk.origineel_sha256 == hashlib.sha256(data).hexdigest() != stuk.sha256
    with stuk.origineel.open("rb") as f:
        assert f.read() == data
    with stuk.bestand.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == stuk.sha256
    assert stuk.opgeschoond == "JavaScript"
    assert "Uit dit bestand is actieve inhoud verwijderd (JavaScript)" in antwoord.content.decode()
    regel = AuditRegel.objects.voor_object(stuk).get(actie="sroi.bewijs_toegevoegd")
    assert regel.nieuwe_waarden["origineel_sha256"] == stuk.origineel_sha256
    download = b"".join(client.get(reverse("sroi:bewijs_downloaden", args=[stuk.pk])).streaming_content)
    assert hashlib.sha256(download).hexdigest() == stuk.sha256


def test_polyglot_blijft_geweigerd(c_activiteit, aanbieder_medewerker, settings):
    settings.UPLOAD_ACTIEVE_INHOUD = "opschonen"
    with pytest.raises(ValidationError) as fout:
        _toevoegen(c_activiteit, aanbieder_medewerker, SimpleUploadedFile("zip.pdf", sb.pdf_met_html_erachter()))
    assert fout.value.code == "pdf_aanhangsel"
