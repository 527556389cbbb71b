"""Private evidence and public documents on a real S3 API (issue 15): the models' own storage puts uploads in the
bucket under their prefix with random names, downloads are streamed by the permission-checked views (never a
bucket URL, never a signature), and an existing object is never overwritten.

Run by .ci/run against moto_server (`pytest -m s3` with the AWS_* settings); tests/s3/conftest.py fails the
selection when those are missing."""

import hashlib
import re
import uuid
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse
from storages.backends.s3 import S3Storage

from aanbesteding.models import DocumentVersie
from core.opslag import prive_opslag
from core.views import stream_prive_bestand
from inschrijving import services
from inschrijving.models import Bewijsstuk
from tests.aanbesteding.factories import (
    AanbestedingFactory,
    ProcedureDocumentFactory,
    gepubliceerde_versie,
    pdf_inhoud,
)
from tests.cms.conftest import procedurepagina_voor
from tests.core.slechte_bestanden import geldige_pdf

from .conftest import s3_opties

pytestmark = [pytest.mark.s3, pytest.mark.django_db]

WILLEKEURIG = re.compile(r"^inschrijving/\d{4}/\d{2}/[0-9a-f]{32}$")


def _object(s3, bucket, sleutel) -> bytes:
    return s3.get_object(Bucket=bucket, Key=sleutel)["Body"].read()


def _bestaat(s3, bucket, sleutel) -> bool:
    return s3.list_objects_v2(Bucket=bucket, Prefix=sleutel).get("KeyCount", 0) > 0


def _lekken(antwoord) -> list[str]:
    """Everything of a response (headers and body) that would hand the client the bucket: its endpoint or
    address, or a presigned URL's signature."""
    opties = s3_opties()
    verboden = [opties["endpoint_url"], opties["endpoint_url"].split("://", 1)[1], f"{opties['bucket_name']}.",
                f"/{opties['bucket_name']}/", "X-Amz-", "x-amz-", "AWSAccessKeyId", "amazonaws"]
    body = b"".join(antwoord.streaming_content) if antwoord.streaming else antwoord.content
    tekst = body.decode("latin-1") + "\n" + "\n".join(f"{k}: {v}" for k, v in antwoord.items())
    return [v for v in verboden if v in tekst]


def _wallet_upload(client, naam, inhoud):
    return client.post(reverse("inschrijving:bewijsstukken"), {
        "documentsoort": "kvk_uittreksel", "titel": "", "afgiftedatum": "2023-06-01",
        "bestand": SimpleUploadedFile(naam, inhoud, content_type="application/pdf"),
    })


@pytest.fixture
def geupload(client, aanbieder, aanbieder_beheerder):
    """A KvK extract uploaded by the provider through the wallet page, as in the browser."""
    inhoud = geldige_pdf(2)
    client.force_login(aanbieder_beheerder)
    antwoord = _wallet_upload(client, "Uittreksel KvK Zorgkracht.pdf", inhoud)
    assert antwoord.status_code == 302, antwoord.content[:500]
    client.logout()
    return Bewijsstuk.objects.get(organisatie=aanbieder), inhoud


def test_de_modellen_schrijven_zelf_naar_s3():
    """The FileFields use the storages of the settings: S3 with the private and the public prefix."""
    prive = Bewijsstuk._meta.get_field("bestand").storage
    publiek = DocumentVersie._meta.get_field("bestand").storage
    assert isinstance(prive, S3Storage) and isinstance(publiek, S3Storage)
    assert prive is prive_opslag()
    assert (prive.location, publiek.location) == ("prive", "publiek")
    assert prive.file_overwrite is False and publiek.file_overwrite is False
    assert prive.default_acl is None  # the bucket's own (private) default, never "public-read"


def test_upload_landt_in_de_bucket_onder_prive_met_willekeurige_naam(geupload, s3, bucket):
    stuk, inhoud = geupload
    assert WILLEKEURIG.match(stuk.bestand.name), stuk.bestand.name
    assert "kvk" not in stuk.bestand.name.lower() and "zorgkracht" not in stuk.bestand.name.lower()
    sleutel = f"prive/{stuk.bestand.name}"
    assert _object(s3, bucket, sleutel) == inhoud
    assert stuk.sha256 == hashlib.sha256(inhoud).hexdigest() and stuk.grootte == len(inhoud)
    assert stuk.originele_naam == "Uittreksel KvK Zorgkracht.pdf"
    assert not _bestaat(s3, bucket, f"publiek/{stuk.bestand.name}")


def test_download_via_de_view_streamt_de_juiste_bytes_privé(client, geupload, aanbieder_beheerder):
    stuk, inhoud = geupload
    client.force_login(aanbieder_beheerder)
    antwoord = client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk.pk]))
    assert antwoord.status_code == 200 and "Location" not in antwoord  # proxied, not a redirect to the bucket
    assert antwoord["Cache-Control"] == "private, no-store"
    assert antwoord["Content-Type"] == "application/pdf"
    assert 'filename="Uittreksel KvK Zorgkracht.pdf"' in antwoord["Content-Disposition"]
    assert b"".join(antwoord.streaming_content) == inhoud


def test_download_lekt_geen_bucketadres_of_handtekening(client, geupload, aanbieder_beheerder):
    stuk, _ = geupload
    client.force_login(aanbieder_beheerder)
    assert _lekken(client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk.pk]))) == []
    assert _lekken(client.get(reverse("inschrijving:bewijsstukken"))) == []  # the wallet page lists it


def test_zonder_recht_een_404_en_nooit_een_bucketadres(client, geupload, andere_beheerder):
    stuk, _ = geupload
    url = reverse("inschrijving:bewijsstuk_download", args=[stuk.pk])
    anoniem = client.get(url)
    assert anoniem.status_code == 302 and anoniem["Location"].startswith(reverse("account_login"))
    assert _lekken(anoniem) == []
    client.force_login(andere_beheerder)
    vreemd = client.get(url)
    assert vreemd.status_code == 404
    assert _lekken(vreemd) == []


def test_verdwenen_object_geeft_404_geen_500(client, geupload, aanbieder_beheerder, s3, bucket):
    stuk, _ = geupload
    s3.delete_object(Bucket=bucket, Key=f"prive/{stuk.bestand.name}")
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk.pk])).status_code == 404
    with pytest.raises(Http404):
        stream_prive_bestand(stuk.bestand, stuk.originele_naam)


def test_geen_view_stuurt_door_naar_een_ondertekende_url():
    """No download view redirects to the bucket; should one ever be built on ``bestand.url``, the private storage
    signs for a minute at most, so a leaked link dies quickly."""
    opslag = prive_opslag()
    assert opslag.querystring_auth is True and opslag.querystring_expire <= 60
    url = opslag.url(f"inschrijving/2026/01/{uuid.uuid4().hex}")
    assert "X-Amz-Expires=60" in url or "Expires=" in url


def test_publiek_document_staat_op_de_publieke_opslag(client, s3, bucket):
    procedure = AanbestedingFactory(titel="Jeugdhulp Voorzieningen", slug="jeugdhulp-voorzieningen")
    procedurepagina_voor(procedure)
    inhoud = pdf_inhoud("programma van eisen")
    versie = gepubliceerde_versie(ProcedureDocumentFactory(aanbesteding=procedure, slug="pve"), inhoud=inhoud)
    assert versie.bestand.name.startswith("procedures/documenten/")
    assert _object(s3, bucket, f"publiek/{versie.bestand.name}") == inhoud
    assert not _bestaat(s3, bucket, f"prive/{versie.bestand.name}")

    antwoord = client.get("/procedures/jeugdhulp-voorzieningen/documenten/pve/")
    assert antwoord.status_code == 200
    assert b"".join(antwoord.streaming_content) == inhoud
    # streamed by the portal as well: the public is not sent to the bucket either
    antwoord = client.get("/procedures/jeugdhulp-voorzieningen/documenten/pve/v1/")
    assert _lekken(antwoord) == []


@pytest.mark.parametrize("naam", ["prive", "default"])
def test_een_bestaand_object_wordt_nooit_overschreven(naam, s3, bucket):
    from django.core.files.storage import storages

    opslag = storages[naam]
    pad = f"overschrijven/{uuid.uuid4().hex}.pdf"
    eerste = opslag.save(pad, ContentFile(b"%PDF-1.4 eerste"))
    tweede = opslag.save(pad, ContentFile(b"%PDF-1.4 tweede"))
    assert eerste == pad and tweede != eerste
    prefix = opslag.location
    assert _object(s3, bucket, f"{prefix}/{eerste}") == b"%PDF-1.4 eerste"
    assert _object(s3, bucket, f"{prefix}/{tweede}") == b"%PDF-1.4 tweede"


def test_een_tweede_upload_overschrijft_het_eerste_bewijsstuk_niet(client, geupload, aanbieder_beheerder, s3, bucket):
    stuk, inhoud = geupload
    client.force_login(aanbieder_beheerder)
    ander = geldige_pdf(3)
    assert _wallet_upload(client, "Uittreksel KvK Zorgkracht.pdf", ander).status_code == 302
    nieuw = Bewijsstuk.objects.exclude(pk=stuk.pk).get()
    assert nieuw.bestand.name != stuk.bestand.name
    assert _object(s3, bucket, f"prive/{stuk.bestand.name}") == inhoud
    assert _object(s3, bucket, f"prive/{nieuw.bestand.name}") == ander


def test_herstelcontrole_tegen_de_bucket(geupload, aanbieder, aanbieder_beheerder, s3, bucket):
    stuk, _ = geupload
    tweede = services.bewijsstuk_uploaden(
        organisatie=aanbieder, bestand=SimpleUploadedFile("verklaring.pdf", geldige_pdf(1)), documentsoort="kvk_uittreksel",
        afgiftedatum=stuk.afgiftedatum, door=aanbieder_beheerder)
    uit = StringIO()
    call_command("herstel_controleren", stdout=uit)
    assert "bewijsstukken (inschrijving.Bewijsstuk.bestand): 2 gecontroleerd, 2 in orde" in uit.getvalue()

    s3.delete_object(Bucket=bucket, Key=f"prive/{stuk.bestand.name}")
    s3.put_object(Bucket=bucket, Key=f"prive/{tweede.bestand.name}", Body=b"%PDF-1.4 vervangen")
    uit = StringIO()
    with pytest.raises(SystemExit) as einde:
        call_command("herstel_controleren", stdout=uit)
    assert einde.value.code == 1
    assert f"{stuk.bestand.name}: bestand ontbreekt in de opslag" in uit.getvalue()
    assert f"{tweede.bestand.name}: sha256 wijkt af van de database" in uit.getvalue()
