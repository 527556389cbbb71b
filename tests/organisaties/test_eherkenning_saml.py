"""The real SAML exchange of eHerkenning (issue 16) against a local identity provider built with pysaml2 (the CI
extra ``samlidp`` and the program xmlsec1; .ci/run installs both and runs ``pytest -m saml``).

The portal (django-digid-eherkenning with python3-saml) sends a signed AuthnRequest (HTTP-POST binding), which the
pysaml2 IdP parses and whose signature it checks against the portal's SP metadata; the IdP answers with an artefact
(HTTP-Artifact binding) and, when the portal resolves it over SOAP, with an ArtifactResponse holding a Response whose
Assertion is signed by the IdP (xmlsec1) and whose pseudonym is an EncryptedID for the portal's certificate. Only
the transport of the SOAP call is in-process (no network); every message is real XML, signed and checked.
Keys and certificates are generated per test run with ``cryptography``; none is committed.
"""

import base64
import datetime
import re
import uuid
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from organisaties.eherkenning import SESSIE_KVK
from organisaties.models import EherkenningKoppeling, Lidmaatschap, Rol
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.saml

saml2 = pytest.importorskip("saml2", reason="pysaml2 ontbreekt: pip install -e '.[samlidp]' (CI doet dat)")

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, BINDING_SOAP  # noqa: E402
from saml2.config import IdPConfig  # noqa: E402
from saml2.metadata import create_metadata_string  # noqa: E402
from saml2.server import Server  # noqa: E402
from saml2.sigver import pre_signature_part  # noqa: E402

BASIS = "https://portaal.example.nl"  # the configured base URL (python3-saml wants a full domain)
SP_ENTITY = f"{BASIS}/eherkenning/metadata/"
IDP_ENTITY = "https://idp.test.example/saml/idp"
IDP_SSO = "https://idp.test.example/saml/sso"
IDP_ARS = "https://idp.test.example/saml/ars"
LOA3 = "urn:etoegang:core:assurance-class:loa3"


def _sleutelpaar(naam: str, map_):
    """A fresh RSA key and self-signed certificate (PEM), written to files for xmlsec1."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    onderwerp = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, naam)])
    nu = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(onderwerp).issuer_name(onderwerp).public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(nu - datetime.timedelta(days=1))
        .not_valid_after(nu + datetime.timedelta(days=30)).sign(sleutel, hashes.SHA256())
    )
    key_pem = sleutel.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                    serialization.NoEncryption())
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    (map_ / f"{naam}.key").write_bytes(key_pem)
    (map_ / f"{naam}.crt").write_bytes(cert_pem)
    return SimpleNamespace(key=key_pem, cert=cert_pem, key_file=str(map_ / f"{naam}.key"),
                           cert_file=str(map_ / f"{naam}.crt"))


def _idp_config(idp, sp_metadata: str | None):
    config = IdPConfig()
    config.load({
        "entityid": IDP_ENTITY,
        "service": {"idp": {
            "endpoints": {
                # python3-saml's metadata parser looks for the Redirect binding; the portal posts to the same URL.
                "single_sign_on_service": [(IDP_SSO, BINDING_HTTP_REDIRECT), (IDP_SSO, BINDING_HTTP_POST)],
                "artifact_resolution_service": [(IDP_ARS, BINDING_SOAP, 1)],
            },
            "want_authn_requests_signed": True,
        }},
        "key_file": idp.key_file,
        "cert_file": idp.cert_file,
        "metadata": {"inline": [sp_metadata]} if sp_metadata else {},
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "allow_unknown_attributes": True,
    })
    return config


@pytest.fixture
def saml_omgeving(db, tmp_path, settings):
    """The portal configured for a broker that is the local pysaml2 IdP (what the admin sets in production)."""
    from digid_eherkenning.choices import ConfigTypes
    from digid_eherkenning.models import ConfigCertificate, EherkenningConfiguration
    from digid_eherkenning.saml2.eherkenning import generate_eherkenning_metadata
    from simple_certmanager.constants import CertificateTypes
    from simple_certmanager.models import Certificate

    settings.EHERKENNING_MOCK = False
    sp = _sleutelpaar("sp", tmp_path)
    idp = _sleutelpaar("idp", tmp_path)
    certificaat = Certificate(label="portaal", type=CertificateTypes.key_pair)
    certificaat.public_certificate.save("sp.crt", ContentFile(sp.cert), save=False)
    certificaat.private_key.save("sp.key", ContentFile(sp.key), save=False)
    certificaat.save()
    ConfigCertificate.objects.create(config_type=ConfigTypes.eherkenning, certificate=certificaat)

    idp_metadata = create_metadata_string(None, config=_idp_config(idp, None), valid=0, sign=False)
    config = EherkenningConfiguration.get_solo()
    config.entity_id = SP_ENTITY
    config.base_url = BASIS
    config.service_name = "Open House portaal"
    config.service_description = "Inloggen voor zorgaanbieders"
    config.oin = "00000001234567890000"
    config.makelaar_id = "00000009876543210000"
    config.privacy_policy = "https://portaal.example/privacy/"
    config.eh_loa = LOA3
    config.no_eidas = True
    config.want_assertions_signed = True
    config.idp_service_entity_id = IDP_ENTITY
    config.idp_metadata_file.save("idp.xml", ContentFile(idp_metadata), save=False)
    config.save()

    sp_metadata = generate_eherkenning_metadata()
    server = Server(config=_idp_config(idp, sp_metadata.decode() if isinstance(sp_metadata, bytes) else sp_metadata))
    return SimpleNamespace(sp=sp, idp=idp, server=server, config=config)


def _tijd(delta_min=0):
    moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=delta_min)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ondertekende_assertion(omgeving, *, authn_id: str, kvk: str, pseudoniem: str, niveau: str) -> str:
    """The IdP's assertion as eHerkenning shapes it, signed by pysaml2 (xmlsec1) with the IdP's key. The pseudonym
    is an EncryptedID for the portal's certificate (python3-saml's encryptor: AES-CBC with an RSA-OAEP key)."""
    from onelogin.saml2.utils import OneLogin_Saml2_Utils

    acs = f"{BASIS}{reverse('eherkenning:acs')}"
    aid = f"_{uuid.uuid4().hex}"
    versleuteld = OneLogin_Saml2_Utils.generate_name_id(
        pseudoniem, None, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
        cert=omgeving.sp.cert.decode(),
    )
    cert_b64 = "".join(r for r in omgeving.idp.cert.decode().splitlines() if "-----" not in r)
    handtekening = str(pre_signature_part(ident=aid, public_key=cert_b64))
    assertion = (
        f'<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{aid}" Version="2.0" '
        f'IssueInstant="{_tijd()}"><saml:Issuer>{IDP_ENTITY}</saml:Issuer>{handtekening}'
        f'<saml:Subject><saml:NameID>{uuid.uuid4().hex}</saml:NameID>'
        f'<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData InResponseTo="{authn_id}" NotOnOrAfter="{_tijd(5)}" Recipient="{acs}"/>'
        f'</saml:SubjectConfirmation></saml:Subject>'
        f'<saml:Conditions NotBefore="{_tijd(-1)}" NotOnOrAfter="{_tijd(5)}"><saml:AudienceRestriction>'
        f'<saml:Audience>{SP_ENTITY}</saml:Audience></saml:AudienceRestriction></saml:Conditions>'
        f'<saml:AuthnStatement AuthnInstant="{_tijd()}" SessionIndex="{aid}"><saml:AuthnContext>'
        f'<saml:AuthnContextClassRef>{niveau}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>'
        f'<saml:AttributeStatement>'
        f'<saml:Attribute Name="urn:etoegang:core:LegalSubjectID"><saml:AttributeValue>'
        f'<saml:NameID NameQualifier="urn:etoegang:1.9:EntityConcernedID:KvKnr">{kvk}</saml:NameID>'
        f'</saml:AttributeValue></saml:Attribute>'
        f'<saml:Attribute Name="urn:etoegang:core:ActingSubjectID"><saml:AttributeValue>{versleuteld}'
        f'</saml:AttributeValue></saml:Attribute>'
        f'</saml:AttributeStatement></saml:Assertion>'
    )
    ondertekend = omgeving.server.sec.sign_statement(
        assertion, node_name="urn:oasis:names:tc:SAML:2.0:assertion:Assertion", node_id=aid
    )
    return re.sub(r"^<\?xml[^>]*>", "", ondertekend.strip())


def _artefact(index: int = 1) -> str:
    """A SAML artefact per SAMLBind 3.6.4: type 0x0004, the resolution service's index (1 in the IdP metadata) as
    two bytes big-endian, the SHA-1 of the IdP's entity id and a random message handle. (pysaml2's own
    create_artifact writes the index as two ASCII hex digits, which SAMLBind-conformant SPs read as 12337.)"""
    import hashlib
    import os

    bron = hashlib.sha1(IDP_ENTITY.encode()).digest()  # noqa: S324  (SAMLBind 3.6.4 prescribes SHA-1 here)
    return base64.b64encode(b"\x00\x04" + index.to_bytes(2, "big") + bron + os.urandom(20)).decode()


def _inloggen_bij_idp(client, omgeving, *, kvk="24681357", pseudoniem="pseudo-saml", niveau=LOA3,
                      status="urn:oasis:names:tc:SAML:2.0:status:Success"):
    """The whole round trip; returns the portal's answer at the ACS."""
    from onelogin.saml2.artifact_resolve import Artifact_Resolve_Request

    # 1. The portal's login view: a signed AuthnRequest in an auto-submitting form to the IdP.
    r = client.get(reverse("eherkenning:login"))
    assert r.status_code == 200 and r.context["url"] == IDP_SSO
    saml_request = r.context["form"].initial["SAMLRequest"]
    # 2. The IdP parses it and checks the portal's signature against the SP metadata.
    verzoek = omgeving.server.parse_authn_request(saml_request, BINDING_HTTP_POST)
    authn_id = verzoek.message.id
    assert verzoek.message.issuer.text == SP_ENTITY
    # 3. The IdP keeps the Response and sends the person back with an artefact.
    if status.endswith("Success"):
        inhoud = _ondertekende_assertion(omgeving, authn_id=authn_id, kvk=kvk, pseudoniem=pseudoniem, niveau=niveau)
        status_xml = f'<samlp:Status><samlp:StatusCode Value="{status}"/></samlp:Status>'
    else:
        inhoud = ""
        status_xml = (f'<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder">'
                      f'<samlp:StatusCode Value="{status}"/></samlp:StatusCode></samlp:Status>')
    response = (
        f'<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        f'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_{uuid.uuid4().hex}" Version="2.0" '
        f'IssueInstant="{_tijd()}" Destination="{BASIS}{reverse("eherkenning:acs")}" InResponseTo="{authn_id}">'
        f'<saml:Issuer>{IDP_ENTITY}</saml:Issuer>{status_xml}{inhoud}</samlp:Response>'
    )
    artefact = _artefact()
    opgelost = []

    def soap_naar_idp(self):
        # 4. The portal resolves the artefact over SOAP: in-process to the pysaml2 IdP instead of the network.
        resolve = omgeving.server.parse_artifact_resolve(self.get_soap_request())
        assert resolve.artifact.text == artefact
        assert self.soap_endpoint["url"] == IDP_ARS
        opgelost.append(resolve.id)
        zonder_declaratie = re.sub(r"^<\?xml[^>]*>", "", response.strip())
        antwoord = (
            '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>'
            f'<samlp:ArtifactResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
            f'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_{uuid.uuid4().hex}" Version="2.0" '
            f'IssueInstant="{_tijd()}" InResponseTo="{resolve.id}"><saml:Issuer>{IDP_ENTITY}</saml:Issuer>'
            '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
            f"{zonder_declaratie}</samlp:ArtifactResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"
        )
        return SimpleNamespace(status_code=200, content=antwoord.encode())

    origineel = Artifact_Resolve_Request.send
    Artifact_Resolve_Request.send = soap_naar_idp
    try:
        r = client.get(reverse("eherkenning:acs"), {"SAMLart": artefact})
    finally:
        Artifact_Resolve_Request.send = origineel
    assert len(opgelost) == 1
    return r


def test_echte_saml_uitwisseling_koppelt_en_logt_in(client, saml_omgeving):
    org = OrganisatieFactory(kvk_nummer="24681357")
    r = _inloggen_bij_idp(client, saml_omgeving)
    assert r["Location"] == reverse("eherkenning:koppelen")
    r = client.post(reverse("eherkenning:koppelen"), {"email": "saml@zorg.example", "voornaam": "S", "achternaam": "A"})
    assert r["Location"] == reverse("organisaties:mijn")
    koppeling = EherkenningKoppeling.objects.get()
    # The pseudonym arrived encrypted and was decrypted with the portal's key.
    assert koppeling.pseudoniem == "pseudo-saml" and koppeling.kvk_nummer == "24681357"
    assert Lidmaatschap.objects.get(user=koppeling.user, organisatie=org).rol == Rol.BEHEERDER
    assert client.session[SESSIE_KVK] == "24681357"
    # The second exchange logs straight in with the same link.
    client.logout()
    r = _inloggen_bij_idp(client, saml_omgeving)
    assert r["Location"] == reverse("organisaties:mijn")
    assert int(client.session["_auth_user_id"]) == koppeling.user_id


def test_echte_saml_uitwisseling_weigert_eh2(client, saml_omgeving):
    r = _inloggen_bij_idp(client, saml_omgeving, niveau="urn:etoegang:core:assurance-class:loa2")
    assert r["Location"] == reverse("account_login")
    assert any("minstens niveau eH3" in str(m) for m in r.wsgi_request._messages)
    assert not EherkenningKoppeling.objects.exists()


def test_echte_saml_uitwisseling_afgebroken(client, saml_omgeving):
    r = _inloggen_bij_idp(client, saml_omgeving, status="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed")
    assert r["Location"] == reverse("account_login")
    assert any("afgebroken" in str(m) for m in r.wsgi_request._messages)
    assert "_auth_user_id" not in client.session


def test_vervalste_handtekening_wordt_geweigerd(client, saml_omgeving, tmp_path):
    # An assertion signed with another key than the one in the IdP metadata: a technical error, nobody logs in.
    vreemd = _sleutelpaar("vreemd", tmp_path)
    saml_omgeving.server.sec.key_file = vreemd.key_file
    saml_omgeving.server.sec.my_cert = None
    r = _inloggen_bij_idp(client, saml_omgeving)
    assert r["Location"] == reverse("account_login")
    assert any("technische fout" in str(m) for m in r.wsgi_request._messages)
    assert not EherkenningKoppeling.objects.exists()
