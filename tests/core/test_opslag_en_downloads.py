"""Private storage has no URL; private files are streamed only with safe headers (ARCHITECTURE rule 5)."""

import json
import re
from unittest import mock

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import RequestFactory

from core import kalender
from core.opslag import PriveBestandsopslag, prive_opslag, willekeurige_naam
from core.views import admin_login_doorsturen, gezondheid, stream_prive_bestand


class _Veld:
    """What stream_prive_bestand needs of a FieldFile: a storage and a name."""

    def __init__(self, storage, name):
        self.storage = storage
        self.name = name


@pytest.fixture
def opslag(tmp_path):
    return PriveBestandsopslag(location=str(tmp_path), base_url=None)


def test_prive_opslag_heeft_geen_url(opslag):
    naam = opslag.save("bewijs.pdf", ContentFile(b"%PDF-1.4"))
    with pytest.raises(NotImplementedError, match="geen URL"):
        opslag.url(naam)


def test_geconfigureerde_prive_opslag_is_de_urlloze_klasse():
    assert isinstance(prive_opslag(), PriveBestandsopslag)
    with pytest.raises(NotImplementedError):
        prive_opslag().url("iets")


def test_willekeurige_naam_bevat_niets_van_de_bestandsnaam():
    instance = mock.Mock()
    instance._meta.app_label = "inschrijving"
    moment = kalender.nu().replace(year=2026, month=3, day=2, hour=12)
    with time_machine.travel(moment, tick=False):
        naam = willekeurige_naam(instance, "../../etc/KvK uittreksel Zorgkracht.pdf")
    assert re.fullmatch(r"inschrijving/2026/03/[0-9a-f]{32}", naam)
    assert "Zorgkracht" not in naam and ".." not in naam and not naam.endswith(".pdf")


def test_willekeurige_namen_verschillen():
    instance = mock.Mock()
    instance._meta.app_label = "sroi"
    assert len({willekeurige_naam(instance, "a.pdf") for _ in range(20)}) == 20


def test_stream_zet_veilige_headers_en_bijlage(opslag):
    naam = opslag.save("x", ContentFile(b"%PDF-1.4 inhoud"))
    antwoord = stream_prive_bestand(_Veld(opslag, naam), "Uittreksel KvK.pdf", mime_type="application/pdf")
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert antwoord["Cache-Control"] == "private, no-store"
    assert antwoord["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert antwoord["Content-Disposition"].startswith("attachment;")
    assert 'filename="Uittreksel KvK.pdf"' in antwoord["Content-Disposition"]
    assert b"".join(antwoord.streaming_content) == b"%PDF-1.4 inhoud"


def test_stream_inline_en_standaard_octet_stream(opslag):
    naam = opslag.save("x", ContentFile(b"data"))
    antwoord = stream_prive_bestand(_Veld(opslag, naam), "bestand.bin", als_bijlage=False)
    assert antwoord["Content-Type"] == "application/octet-stream"
    assert antwoord["Content-Disposition"].startswith("inline;")
    antwoord.file_to_stream.close()


def test_stream_noemt_het_opslagpad_niet(opslag):
    naam = opslag.save("geheim/pad/abc123", ContentFile(b"data"))
    antwoord = stream_prive_bestand(_Veld(opslag, naam), "bewijs.pdf")
    headers = " ".join(f"{k}: {v}" for k, v in antwoord.items())
    assert "abc123" not in headers and "geheim" not in headers
    antwoord.file_to_stream.close()


def test_stream_niet_ascii_bestandsnaam(opslag):
    naam = opslag.save("x", ContentFile(b"data"))
    antwoord = stream_prive_bestand(_Veld(opslag, naam), "Coöperatie – verklaring.pdf")
    assert "filename*=utf-8''Co%C3%B6peratie" in antwoord["Content-Disposition"]
    antwoord.file_to_stream.close()


def test_ontbrekend_bestand_geeft_404_in_het_nederlands(opslag):
    with pytest.raises(Http404, match="Het bestand is niet gevonden."):
        stream_prive_bestand(_Veld(opslag, "bestaat/niet"), "x.pdf")


def test_opslagfout_geeft_ook_404():
    storage = mock.Mock()
    storage.open.side_effect = OSError("schijf weg")
    with pytest.raises(Http404):
        stream_prive_bestand(_Veld(storage, "x"), "x.pdf")


def test_admin_login_stuurt_door_met_next():
    verzoek = RequestFactory().get("/admin/login/", {"next": "/admin/pages/3/"})
    assert admin_login_doorsturen(verzoek).url == "/accounts/login/?next=%2Fadmin%2Fpages%2F3%2F"
    zonder = RequestFactory().get("/admin/login/")
    assert admin_login_doorsturen(zonder).url == "/accounts/login/?next=%2Fadmin%2F"


@pytest.mark.django_db
def test_gezondheid_antwoordt_ok():
    antwoord = gezondheid(RequestFactory().get("/gezondheid/"))
    assert antwoord.status_code == 200
    assert json.loads(antwoord.content)["status"] == "ok"


def test_stream_schoont_oude_naam_op_en_zet_extensie_naar_het_type(opslag):
    """Issue 11: a name stored before cleaning existed still downloads without bidi override, as .pdf."""
    naam = opslag.save("x", ContentFile(b"%PDF-1.4 inhoud"))
    antwoord = stream_prive_bestand(_Veld(opslag, naam), "factuur\u202egpj.exe", mime_type="application/pdf")
    assert 'filename="factuurgpj.pdf"' in antwoord["Content-Disposition"]
    assert "\u202e" not in antwoord["Content-Disposition"]
    antwoord.file_to_stream.close()
