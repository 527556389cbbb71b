"""Seals on the portal's legal PDFs (issue 18, ADR 0015): PAdES signatures made with pyHanko and the bureau's key.

A receipt, a proces-verbaal, a decision letter or a Nota van Inlichtingen carries legal weight; a kort geding or an
accountant asks whether the PDF in front of them is the one the portal issued. Each such PDF is sealed (a PAdES
baseline signature over the whole file, sha256) with the key of the region's bureau, and registered in
``Zegelregistratie`` by the sha256 of the sealed bytes, so ``/verifieren/`` can tell anyone whether a PDF is
authentic, unchanged since sealing, and for whom it was issued.

Keys: ``settings.ZEGEL_MAP`` holds ``<regio-slug>.key.pem`` + ``<regio-slug>.crt.pem`` per bureau, or
``portaal.key.pem`` + ``portaal.crt.pem`` for regions without their own, and ``vertrouwd.pem`` with the
certificates ``/verifieren/`` trusts (the CA that issued the seal certificates). With ``settings.ZEGEL_DEMO``
(development, tests, ``demo_data``) a demo CA and per-region certificates are generated into that folder when
absent; production sets ``ZEGEL_DEMO = False`` and reads the bureau's real key and certificate.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from . import kalender
from .taken import OpnieuwProberen

PORTAAL = "portaal"
_SLOT = threading.Lock()
_CACHE: dict[str, object] = {}


class ZegelFout(OpnieuwProberen):
    """Sealing failed (no key, broken PDF): the task leaves the document unmade and raises, so its outbox row
    stays open and the relay runs it again (core.taken); nothing unsealed is handed out."""


@dataclass(frozen=True)
class Zegeluitslag:
    """What /verifieren/ tells about a PDF.

    ``status``: ``echt`` (sealed by the portal, untouched), ``gewijzigd`` (a valid seal, but bytes were changed or
    appended after sealing), ``onbekende_ondertekenaar`` (signed, but not with a key the portal trusts),
    ``geen_zegel`` (no signature at all), ``onleesbaar`` (not a PDF the validator can read).
    """

    status: str
    ondertekenaar: str = ""
    ondertekend_op: datetime | None = None
    registratie: object | None = None  # core.models.Zegelregistratie when the exact bytes were issued here
    melding: str = ""

    @property
    def echt(self) -> bool:
        return self.status == "echt"


def _map() -> Path:
    return Path(getattr(settings, "ZEGEL_MAP", "") or (Path(settings.PRIVATE_MEDIA_ROOT) / "zegels"))


def _naam_veilig(slug: str) -> str:
    return "".join(c for c in (slug or PORTAAL) if c.isalnum() or c in "-_") or PORTAAL


# --- demo keys ---------------------------------------------------------------------------------------------

def _schrijf(pad: Path, inhoud: bytes) -> None:
    """Atomic write: a parallel process never reads half a key."""
    tijdelijk = pad.with_suffix(pad.suffix + f".{os.getpid()}.tmp")
    tijdelijk.write_bytes(inhoud)
    os.replace(tijdelijk, pad)


def _demo_ca(map_: Path):
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    sleutel_pad, cert_pad = map_ / "demo-ca.key.pem", map_ / "vertrouwd.pem"
    if sleutel_pad.exists() and cert_pad.exists():
        sleutel = serialization.load_pem_private_key(sleutel_pad.read_bytes(), password=None)
        return sleutel, x509.load_pem_x509_certificate(cert_pad.read_bytes())
    sleutel, cert = _certificaat("Open House portaal demo-CA (geen echte CA)", "Open House portaal", None, None)
    _schrijf(sleutel_pad, _pem_sleutel(sleutel))
    _schrijf(cert_pad, cert.public_bytes(serialization.Encoding.PEM))
    return sleutel, cert


def _pem_sleutel(sleutel) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return sleutel.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())


def _certificaat(cn: str, organisatie: str, ca_sleutel, ca_cert):
    """An EC P-256 key and its certificate; self-signed CA when ``ca_sleutel`` is None. Valid 2000–2100 so
    documents of the demo's historical procedures (2020) and frozen test clocks validate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    sleutel = ec.generate_private_key(ec.SECP256R1())
    naam = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisatie[:64]),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn[:64])])
    is_ca = ca_sleutel is None
    bouwer = (
        x509.CertificateBuilder()
        .subject_name(naam)
        .issuer_name(naam if is_ca else ca_cert.subject)
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime(2000, 1, 1))
        .not_valid_after(datetime(2100, 1, 1))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=not is_ca, content_commitment=not is_ca, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=is_ca,
                                     crl_sign=is_ca, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(sleutel.public_key()), critical=False)
    )
    if not is_ca:
        bouwer = bouwer.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_sleutel.public_key()), critical=False
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
    return sleutel, bouwer.sign(ca_sleutel or sleutel, hashes.SHA256())


def demo_sleutel_maken(regio_slug: str = PORTAAL, bureau: str = "Open House portaal") -> Path:
    """Generate a demo seal key and certificate for one bureau (issued by the demo CA) when absent. Used by
    ``demo_data`` and, with ``ZEGEL_DEMO``, on first use. Returns the folder."""
    from cryptography.hazmat.primitives import serialization

    map_ = _map()
    slug = _naam_veilig(regio_slug)
    with _SLOT:
        map_.mkdir(parents=True, exist_ok=True)
        if (map_ / f"{slug}.key.pem").exists() and (map_ / f"{slug}.crt.pem").exists():
            return map_
        ca_sleutel, ca_cert = _demo_ca(map_)
        sleutel, cert = _certificaat(f"Zegel {bureau} (demo)", bureau, ca_sleutel, ca_cert)
        _schrijf(map_ / f"{slug}.crt.pem", cert.public_bytes(serialization.Encoding.PEM))
        _schrijf(map_ / f"{slug}.key.pem", _pem_sleutel(sleutel))
        _CACHE.pop(f"{map_}:ondertekenaar:{slug}", None)
        _CACHE.pop(f"{map_}:vertrouwd", None)
    return map_


# --- sealing -----------------------------------------------------------------------------------------------

def _ondertekenaar(regio_slug: str, bureau: str):
    from pyhanko.sign import signers

    map_ = _map()
    for slug in (_naam_veilig(regio_slug), PORTAAL):
        sleutel, cert = map_ / f"{slug}.key.pem", map_ / f"{slug}.crt.pem"
        if not (sleutel.exists() and cert.exists()) and getattr(settings, "ZEGEL_DEMO", False) and slug != PORTAAL:
            demo_sleutel_maken(slug, bureau)
        if sleutel.exists() and cert.exists():
            sleutel_cache = f"{map_}:ondertekenaar:{slug}"  # keyed by folder: a changed ZEGEL_MAP is a new key
            if sleutel_cache not in _CACHE:
                ketens = [str(map_ / "vertrouwd.pem")] if (map_ / "vertrouwd.pem").exists() else []
                _CACHE[sleutel_cache] = signers.SimpleSigner.load(str(sleutel), str(cert), ca_chain_files=ketens)
            return _CACHE[sleutel_cache]
    if getattr(settings, "ZEGEL_DEMO", False):
        demo_sleutel_maken(PORTAAL)
        return _ondertekenaar(PORTAAL, bureau)
    raise ImproperlyConfigured(
        f"Geen zegelsleutel in {map_}: zet {regio_slug}.key.pem en {regio_slug}.crt.pem (of portaal.*) neer."
    )


def verzegelen(inhoud: bytes, *, regio_slug: str = PORTAAL, bureau: str = "Open House portaal", reden: str) -> bytes:
    """The PDF with a PAdES seal of the bureau over all of it. ``reden`` is shown by PDF readers ("Ontvangstbewijs
    inschrijving 12")."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    ondertekenaar = _ondertekenaar(regio_slug, bureau)
    try:
        schrijver = IncrementalPdfFileWriter(BytesIO(inhoud), strict=False)
        meta = signers.PdfSignatureMetadata(
            field_name="Zegel", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
            reason=reden[:200], location="Open House portaal", name=bureau[:200],
        )
        uit = signers.PdfSigner(meta, signer=ondertekenaar).sign_pdf(schrijver)
    except Exception as fout:  # pyHanko raises many types for a malformed input PDF
        raise ZegelFout(f"Verzegelen mislukt: {fout}") from fout
    return uit.getvalue()


def verzegeld_document(inhoud: bytes, *, soort: str, titel: str, uitgegeven_aan: str, regio_id: int | None,
                       regio_slug: str = PORTAAL, bureau: str = "Open House portaal") -> bytes:
    """Seal a legal PDF and register it (sha256 of the sealed bytes → kind, title, recipient), so /verifieren/ can
    say for whom it was issued. Registered in the caller's transaction: a rolled-back action leaves no record."""
    from .models import Zegelregistratie

    verzegeld = verzegelen(inhoud, regio_slug=regio_slug, bureau=bureau, reden=titel)
    with transaction.atomic():
        Zegelregistratie.objects.get_or_create(
            sha256=hashlib.sha256(verzegeld).hexdigest(),
            defaults={"soort": soort[:40], "titel": titel[:255], "uitgegeven_aan": uitgegeven_aan[:255],
                      "regio_id": regio_id, "verzegeld_op": kalender.nu()},
        )
    return verzegeld


# --- verifying ---------------------------------------------------------------------------------------------

def _vertrouwd() -> list:
    from pyhanko.keys import load_certs_from_pemder

    extra = list(getattr(settings, "ZEGEL_VERTROUWD", []) or [])
    sleutel = f"{_map()}:vertrouwd:{'|'.join(extra)}"
    if sleutel not in _CACHE:
        paden = [str(_map() / "vertrouwd.pem"), *extra]
        _CACHE[sleutel] = [c for p in paden if Path(p).exists() for c in load_certs_from_pemder([p])]
    return _CACHE[sleutel]  # type: ignore[return-value]


def controleren(inhoud: bytes) -> Zegeluitslag:
    """Check a PDF someone uploads to /verifieren/: is the seal intact, made with a key the portal trusts, and does
    it cover the whole file (nothing appended)? Also looks the exact bytes up in the register."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from .models import Zegelregistratie

    registratie = Zegelregistratie.objects.filter(sha256=hashlib.sha256(inhoud).hexdigest()).first()
    try:
        handtekeningen = PdfFileReader(BytesIO(inhoud), strict=False).embedded_signatures
    except Exception:
        return Zegeluitslag("onleesbaar", melding="Dit bestand is geen leesbare PDF.")
    if not handtekeningen:
        return Zegeluitslag("geen_zegel", melding="Deze PDF heeft geen zegel.")
    handtekening = handtekeningen[-1]
    context = ValidationContext(trust_roots=_vertrouwd(), allow_fetching=False)
    try:
        status = validate_pdf_signature(handtekening, context)
    except Exception as fout:
        return Zegeluitslag("gewijzigd", melding=f"Het zegel kan niet worden gecontroleerd: {fout}")
    ondertekenaar = status.signing_cert.subject.native.get("organization_name", "") if status.signing_cert else ""
    moment = status.signer_reported_dt
    if not status.intact or not status.valid:
        return Zegeluitslag("gewijzigd", ondertekenaar, moment,
                            melding="De inhoud is na het verzegelen gewijzigd: dit is niet het uitgegeven document.")
    if not status.trusted:
        return Zegeluitslag("onbekende_ondertekenaar", ondertekenaar, moment,
                            melding="Deze PDF is ondertekend, maar niet met een zegel van dit portaal.")
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE or handtekening is not handtekeningen[-1]:
        return Zegeluitslag("gewijzigd", ondertekenaar, moment,
                            melding="Na het verzegelen is iets aan de PDF toegevoegd.")
    return Zegeluitslag("echt", ondertekenaar, moment, registratie)
