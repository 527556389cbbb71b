"""eHerkenning for providers (issue 16) through the demo's mock broker: the same path as the real ACS after the
SAML exchange (organisaties.eherkenning_views._verwerk), so linking, roles, registration, refusals, the KvK scope
of the session and the audit trail are tested here; the real SAML exchange is tests/organisaties/
test_eherkenning_saml.py (marker saml)."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from core.models import AuditRegel
from organisaties.eherkenning import (
    MINIMAAL_NIVEAU,
    SESSIE_KVK,
    SESSIE_NIVEAU,
    Bewijs,
    EherkenningFout,
    controleer,
)
from organisaties.models import EherkenningKoppeling, Lidmaatschap, Organisatie, Rol
from tests.factories import LidmaatschapFactory, OpdrachtgeverFactory, OrganisatieFactory, UserFactory

from ._hulp import GELDIG, auditregels, enige_auditregel

LOA2 = "urn:etoegang:core:assurance-class:loa2plus"
LOA4 = "urn:etoegang:core:assurance-class:loa4"


def via_mock(client, kvk, pseudoniem="pseudo-1", niveau=MINIMAAL_NIVEAU):
    return client.post(reverse("eherkenning:mock"), {"kvk_nummer": kvk, "pseudoniem": pseudoniem, "niveau": niveau})


def account_aanmaken(client, email="nieuw@zorg.example"):
    return client.post(reverse("eherkenning:koppelen"), {"email": email, "voornaam": "Eva", "achternaam": "Zorg"})


def foutmelding(response):
    return [str(m) for m in response.wsgi_request._messages]


# --- the login page and the start ------------------------------------------------------------------------------

def test_loginpagina_heeft_een_eherkenningknop(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert "Inloggen met eHerkenning" in html
    assert reverse("eherkenning:start") in html
    # The password login stays (the alternative with MFA).
    assert 'name="password"' in html


def test_start_gaat_in_de_demo_naar_de_mock(client, db):
    assert client.get(reverse("eherkenning:start"))["Location"] == reverse("eherkenning:mock")


def test_start_gaat_zonder_mock_naar_de_makelaar(client, db, settings):
    settings.EHERKENNING_MOCK = False
    assert client.get(reverse("eherkenning:start"))["Location"] == reverse("eherkenning:login")


def test_mockpagina_is_als_testomgeving_gemarkeerd(client, db):
    html = client.get(reverse("eherkenning:mock")).content.decode()
    assert "Testomgeving" in html and "nooit in productie" in html


# --- new person, registered provider ----------------------------------------------------------------------------

def test_eerste_persoon_van_een_organisatie_zonder_leden_wordt_beheerder(client, db):
    org = OrganisatieFactory(kvk_nummer="12340001")
    r = via_mock(client, "12340001")
    assert r["Location"] == reverse("eherkenning:koppelen")
    r = account_aanmaken(client)
    assert r["Location"] == reverse("organisaties:mijn")
    user = EherkenningKoppeling.objects.get(pseudoniem="pseudo-1").user
    assert user.email == "nieuw@zorg.example" and not user.has_usable_password()
    assert Lidmaatschap.objects.get(user=user, organisatie=org).rol == Rol.BEHEERDER
    assert client.session[SESSIE_KVK] == "12340001" and client.session[SESSIE_NIVEAU] == MINIMAAL_NIVEAU
    assert int(client.session["_auth_user_id"]) == user.pk
    # The address is not verified yet: allauth's confirmation mail went out.
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nieuw@zorg.example"]
    regel = enige_auditregel(org, "lid.toegetreden_via_eherkenning")
    assert regel.nieuwe_waarden == {"email": "nieuw@zorg.example", "rol": "beheerder"}
    assert enige_auditregel(org, "eherkenning.gekoppeld").nieuwe_waarden["kvk_nummer"] == "12340001"
    assert enige_auditregel(user, "account.aangemaakt_via_eherkenning").nieuwe_waarden["email"] == "nieuw@zorg.example"


def test_volgende_persoon_van_een_organisatie_met_leden_wordt_medewerker(client, aanbieder, aanbieder_beheerder):
    via_mock(client, aanbieder.kvk_nummer, pseudoniem="collega")
    account_aanmaken(client, "collega@zorg.example")
    lid = Lidmaatschap.objects.get(user__email="collega@zorg.example", organisatie=aanbieder)
    assert lid.rol == Rol.MEDEWERKER
    assert client.get(reverse("organisaties:mijn")).status_code == 200
    assert enige_auditregel(aanbieder, "lid.toegetreden_via_eherkenning").nieuwe_waarden["rol"] == "medewerker"


def test_koppelpagina_zegt_welke_organisatie_en_rol(client, aanbieder, aanbieder_beheerder):
    via_mock(client, aanbieder.kvk_nummer)
    html = client.get(reverse("eherkenning:koppelen")).content.decode()
    assert aanbieder.naam in html and "als medewerker" in html and "eH3" in html


def test_bestaand_emailadres_wordt_niet_overgenomen(client, aanbieder, aanbieder_beheerder):
    via_mock(client, aanbieder.kvk_nummer)
    r = account_aanmaken(client, aanbieder_beheerder.email)
    assert r.status_code == 200
    assert "Log eerst in met uw wachtwoord" in r.content.decode()
    assert not EherkenningKoppeling.objects.exists()
    assert "_auth_user_id" not in client.session


def test_ingelogde_gebruiker_koppelt_aan_het_eigen_account(client, aanbieder, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    via_mock(client, aanbieder.kvk_nummer, pseudoniem="mijn-pseudo")
    assert "Koppelen aan mijn account" in client.get(reverse("eherkenning:koppelen")).content.decode()
    r = client.post(reverse("eherkenning:koppelen"), {})
    assert r["Location"] == reverse("organisaties:mijn")
    koppeling = EherkenningKoppeling.objects.get(pseudoniem="mijn-pseudo")
    assert koppeling.user == aanbieder_medewerker and koppeling.kvk_nummer == aanbieder.kvk_nummer
    # Already a member: the role stays what the beheerder gave.
    assert Lidmaatschap.objects.get(user=aanbieder_medewerker).rol == Rol.MEDEWERKER
    assert not auditregels(aanbieder, "lid.toegetreden_via_eherkenning")
    assert enige_auditregel(aanbieder, "eherkenning.gekoppeld").actor == aanbieder_medewerker


def test_tweede_login_hergebruikt_de_koppeling(client, aanbieder, aanbieder_beheerder):
    via_mock(client, aanbieder.kvk_nummer)
    account_aanmaken(client)
    client.logout()
    eerste = EherkenningKoppeling.objects.get()
    r = via_mock(client, aanbieder.kvk_nummer)
    assert r["Location"] == reverse("organisaties:mijn")
    assert EherkenningKoppeling.objects.count() == 1
    assert int(client.session["_auth_user_id"]) == eerste.user_id
    assert EherkenningKoppeling.objects.get().laatst_gebruikt >= eerste.laatst_gebruikt
    assert len(auditregels(aanbieder, "eherkenning.aangemeld")) == 1
    assert Lidmaatschap.objects.filter(organisatie=aanbieder).count() == 2


# --- new provider: registration with the asserted KvK number ---------------------------------------------------

def test_onbekend_kvk_nummer_registreert_de_organisatie(client, db):
    via_mock(client, "87654321", pseudoniem="oprichter")
    r = account_aanmaken(client, "oprichter@nieuw.example")
    assert r["Location"] == reverse("eherkenning:registreren")
    form = client.get(reverse("eherkenning:registreren")).context["form"]
    assert form.fields["kvk_nummer"].disabled and form["kvk_nummer"].value() == "87654321"
    # A posted KvK number is ignored: the broker's counts.
    r = client.post(reverse("eherkenning:registreren"), GELDIG | {"kvk_nummer": "11112222"})
    assert r["Location"] == reverse("organisaties:mijn")
    org = Organisatie.objects.get(kvk_nummer="87654321")
    assert not Organisatie.objects.filter(kvk_nummer="11112222").exists()
    user = EherkenningKoppeling.objects.get(pseudoniem="oprichter").user
    assert Lidmaatschap.objects.get(organisatie=org).user == user
    assert Lidmaatschap.objects.get(organisatie=org).rol == Rol.BEHEERDER
    enige_auditregel(org, "organisatie.geregistreerd")
    assert enige_auditregel(user, "eherkenning.gekoppeld").nieuwe_waarden["kvk_nummer"] == "87654321"


def test_registreren_alleen_na_eherkenning(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse("eherkenning:registreren")).status_code == 403


def test_registreren_van_een_bestaande_organisatie_gaat_naar_mijn(client, aanbieder, aanbieder_beheerder):
    via_mock(client, aanbieder.kvk_nummer)
    account_aanmaken(client)
    assert client.get(reverse("eherkenning:registreren"))["Location"] == reverse("organisaties:mijn")


def test_tweede_login_zonder_registratie_gaat_weer_naar_registreren(client, db):
    via_mock(client, "87654321")
    account_aanmaken(client)
    client.logout()
    assert via_mock(client, "87654321")["Location"] == reverse("eherkenning:registreren")


# --- refusals ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("niveau", [LOA2, "urn:etoegang:core:assurance-class:loa2", "iets-anders"])
def test_te_laag_niveau_wordt_geweigerd(client, aanbieder, niveau):
    r = via_mock(client, aanbieder.kvk_nummer, niveau=niveau) if niveau != "iets-anders" else None
    if r is None:
        with pytest.raises(EherkenningFout) as fout:
            controleer(pseudoniem="p", kvk_nummer=aanbieder.kvk_nummer, niveau=niveau)
        assert fout.value.code == "niveau_te_laag"
        return
    assert r["Location"] == reverse("account_login")
    assert any("minstens niveau eH3" in m for m in foutmelding(r))
    assert not EherkenningKoppeling.objects.exists() and "_auth_user_id" not in client.session


def test_eh4_is_hoog_genoeg(client, aanbieder):
    assert via_mock(client, aanbieder.kvk_nummer, niveau=LOA4)["Location"] == reverse("eherkenning:koppelen")


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "１２３４５６７８"])
def test_ongeldig_kvk_nummer(client, db, kvk):
    r = via_mock(client, kvk)
    assert any("geen geldig KvK-nummer" in m for m in foutmelding(r))
    assert not EherkenningKoppeling.objects.exists()


def test_ontbrekend_kvk_nummer():
    with pytest.raises(EherkenningFout) as fout:
        controleer(pseudoniem="p", kvk_nummer="", niveau=MINIMAAL_NIVEAU)
    assert fout.value.code == "geen_kvk"
    with pytest.raises(EherkenningFout) as fout:
        controleer(pseudoniem=" ", kvk_nummer="12345678", niveau=MINIMAAL_NIVEAU)
    assert fout.value.code == "geen_pseudoniem"


def test_kvk_van_een_opdrachtgever_wordt_geweigerd_en_geaudit(client, db):
    bureau = OpdrachtgeverFactory(kvk_nummer="55556666")
    r = via_mock(client, "55556666")
    assert r["Location"] == reverse("account_login")
    assert any("hoort bij een opdrachtgever" in m for m in foutmelding(r))
    regel = AuditRegel.objects.get(actie="eherkenning.geweigerd")
    assert regel.nieuwe_waarden["reden"] == "geen_aanbieder" and regel.nieuwe_waarden["kvk_nummer"] == "55556666"
    assert bureau.lidmaatschappen.count() == 0


def test_annuleren_bij_de_makelaar(client, db):
    r = client.post(reverse("eherkenning:mock_annuleren"))
    assert r["Location"] == reverse("account_login")
    assert any("afgebroken" in m for m in foutmelding(r))


def test_koppelen_zonder_bewijs_in_de_sessie(client, db):
    r = client.get(reverse("eherkenning:koppelen"))
    assert r["Location"] == reverse("account_login")
    assert any("verlopen" in m for m in foutmelding(r))


def test_acs_zonder_artefact_is_een_mislukte_login(client, db):
    r = client.get(reverse("eherkenning:acs"))
    assert r["Location"] == reverse("account_login")
    assert any("afgebroken" in m for m in foutmelding(r))


def test_acs_met_onzin_artefact_is_een_technische_fout(client, db):
    r = client.get(reverse("eherkenning:acs"), {"SAMLart": "bm9nZWVuYXJ0ZWZhY3Q="})
    assert r["Location"] == reverse("account_login")
    assert any("technische fout" in m for m in foutmelding(r))


def test_staf_kan_geen_eherkenning_koppelen(client, inkoper_a, aanbieder):
    client.force_login(inkoper_a)
    via_mock(client, aanbieder.kvk_nummer)
    r = client.post(reverse("eherkenning:koppelen"), {})
    assert r["Location"] == reverse("account_login")
    assert not EherkenningKoppeling.objects.exists()
    assert AuditRegel.objects.get(actie="eherkenning.geweigerd").nieuwe_waarden["reden"] == "staf"


def test_verwijderd_lid_komt_niet_terug_via_eherkenning(client, aanbieder, aanbieder_beheerder):
    via_mock(client, aanbieder.kvk_nummer, pseudoniem="oud-lid")
    account_aanmaken(client, "oud@zorg.example")
    client.logout()
    Lidmaatschap.objects.filter(user__email="oud@zorg.example").delete()
    r = via_mock(client, aanbieder.kvk_nummer, pseudoniem="oud-lid")
    assert any("geen lid (meer)" in m for m in foutmelding(r))
    assert "_auth_user_id" not in client.session


# --- IDOR: an eHerkenning login acts only for its KvK number ------------------------------------------------------

def test_pseudoniem_van_organisatie_x_bereikt_organisatie_y_niet(client, aanbieder, andere_aanbieder, andere_beheerder):
    via_mock(client, aanbieder.kvk_nummer, pseudoniem="p-x")
    account_aanmaken(client, "x@zorg.example")
    client.logout()
    # The same person now claims the other provider's KvK number: refused, no membership, no login.
    r = via_mock(client, andere_aanbieder.kvk_nummer, pseudoniem="p-x")
    assert r["Location"] == reverse("account_login")
    assert any("gekoppeld aan een andere organisatie" in m for m in foutmelding(r))
    assert "_auth_user_id" not in client.session
    assert not Lidmaatschap.objects.filter(organisatie=andere_aanbieder, user__email="x@zorg.example").exists()
    regel = AuditRegel.objects.get(actie="eherkenning.geweigerd")
    assert regel.nieuwe_waarden["reden"] == "andere_organisatie"
    assert regel.nieuwe_waarden["kvk_nummer"] == andere_aanbieder.kvk_nummer


def test_eherkenningsessie_ziet_alleen_de_organisatie_van_het_kvk_nummer(client, aanbieder, andere_aanbieder):
    # An account that is a member of two providers (made with its password) logs in with eHerkenning for one.
    lid = LidmaatschapFactory(organisatie=aanbieder, rol=Rol.BEHEERDER)
    LidmaatschapFactory(organisatie=andere_aanbieder, user=lid.user, rol=Rol.BEHEERDER)
    EherkenningKoppeling.objects.create(pseudoniem="twee-petten", kvk_nummer=aanbieder.kvk_nummer, user=lid.user)
    via_mock(client, aanbieder.kvk_nummer, pseudoniem="twee-petten")
    r = client.get(reverse("organisaties:mijn"))
    assert r.context["request"].organisatie == aanbieder
    assert [m.organisatie for m in r.context["lidmaatschappen"]] == [aanbieder]
    assert [m.organisatie for m in r.context["mijn_organisaties"]()] == [aanbieder]
    # Switching to the other provider is not found, and the active organisation stays.
    r = client.post(reverse("organisaties:wisselen", args=[andere_aanbieder.pk]))
    assert r.status_code == 404
    assert client.get(reverse("organisaties:leden")).context["organisatie"] == aanbieder
    # With the password the same account reaches both again (the scope belongs to the eHerkenning session).
    client.logout()
    client.force_login(lid.user)
    assert client.post(reverse("organisaties:wisselen", args=[andere_aanbieder.pk])).status_code == 302
    assert client.get(reverse("organisaties:leden")).context["organisatie"] == andere_aanbieder


def test_koppelen_van_een_al_gekoppeld_pseudoniem(client, aanbieder):
    user = UserFactory()
    bewijs = Bewijs(pseudoniem="dubbel", kvk_nummer=aanbieder.kvk_nummer, niveau=MINIMAAL_NIVEAU)
    EherkenningKoppeling.objects.create(pseudoniem="dubbel", kvk_nummer=aanbieder.kvk_nummer, user=UserFactory())
    from django.core.exceptions import ValidationError

    from organisaties import services

    with pytest.raises(ValidationError):
        services.eherkenning_koppelen(bewijs=bewijs, door=user)
    assert EherkenningKoppeling.objects.get(pseudoniem="dubbel").user != user


# --- MFA: eH3 stands in for password + TOTP --------------------------------------------------------------------

def test_eherkenning_slaat_de_totp_stap_over_voor_een_aanbieder_met_totp(client, aanbieder):
    lid = LidmaatschapFactory(organisatie=aanbieder, rol=Rol.BEHEERDER)
    Authenticator.objects.create(user=lid.user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    EherkenningKoppeling.objects.create(pseudoniem="met-totp", kvk_nummer=aanbieder.kvk_nummer, user=lid.user)
    r = via_mock(client, aanbieder.kvk_nummer, pseudoniem="met-totp")
    assert r["Location"] == reverse("organisaties:mijn")
    assert client.get(reverse("organisaties:mijn")).status_code == 200
    # The password login of the same account still asks for the TOTP code (allauth's MFA stage).
    client.logout()
    from tests.factories import WACHTWOORD

    EmailAddress.objects.get_or_create(user=lid.user, email=lid.user.email, defaults={"verified": True, "primary": True})
    r = client.post(reverse("account_login"), {"login": lid.user.email, "password": WACHTWOORD})
    assert r["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_gekoppelde_staf_wordt_bij_aanmelden_geweigerd(client, inkoper_a, aanbieder):
    # A link made before the account became staff: staff log in with password + TOTP only.
    EherkenningKoppeling.objects.create(pseudoniem="staf", kvk_nummer=aanbieder.kvk_nummer, user=inkoper_a)
    r = via_mock(client, aanbieder.kvk_nummer, pseudoniem="staf")
    assert any("niet met eHerkenning" in m for m in foutmelding(r))
    assert "_auth_user_id" not in client.session


# --- the mock never in production --------------------------------------------------------------------------------

def test_mock_weigert_als_de_instelling_uit_staat(client, aanbieder, settings):
    settings.EHERKENNING_MOCK = False
    assert via_mock(client, aanbieder.kvk_nummer).status_code == 404
    assert client.post(reverse("eherkenning:mock_annuleren")).status_code == 404
    assert not EherkenningKoppeling.objects.exists()


def test_systeemcheck_weigert_de_mock_zonder_demodata(settings):
    from organisaties.checks import eherkenning_mock_alleen_in_demo

    settings.EHERKENNING_MOCK = True
    settings.DEMO_DATA_TOEGESTAAN = False
    assert [f.id for f in eherkenning_mock_alleen_in_demo(None)] == ["organisaties.E001"]
    settings.DEMO_DATA_TOEGESTAAN = True
    assert eherkenning_mock_alleen_in_demo(None) == []


# --- reading a resolved SAML assertion (python3-saml's get_attributes / get_authn_contexts) ----------------------

def _attributen(kvk="12345678", pseudoniem="geheim-pseudo", qualifier="urn:etoegang:1.9:EntityConcernedID:KvKnr"):
    attributen = {}
    if kvk is not None:
        attributen["urn:etoegang:core:LegalSubjectID"] = [
            {"NameID": {"Format": None, "NameQualifier": qualifier, "value": kvk}}]
    if pseudoniem is not None:
        # A decrypted EncryptedID comes as a NameID dict.
        attributen["urn:etoegang:core:ActingSubjectID"] = [
            {"NameID": {"Format": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", "NameQualifier": None,
                        "value": pseudoniem}}]
    return attributen


def test_bewijs_uit_een_volledige_assertion():
    from organisaties.eherkenning import bewijs_uit_saml

    bewijs = bewijs_uit_saml(_attributen(), [MINIMAAL_NIVEAU])
    assert bewijs == Bewijs(pseudoniem="geheim-pseudo", kvk_nummer="12345678", niveau=MINIMAAL_NIVEAU)
    assert bewijs.niveau_naam == "eH3"
    assert Bewijs.uit_sessie(bewijs.als_sessie()) == bewijs


def test_bewijs_met_een_onversleuteld_pseudoniem_en_eh4():
    from organisaties.eherkenning import bewijs_uit_saml

    attributen = _attributen() | {"urn:etoegang:core:ActingSubjectID": ["platte-tekst"]}
    assert bewijs_uit_saml(attributen, [LOA4]).pseudoniem == "platte-tekst"


@pytest.mark.parametrize(("attributen", "klassen", "code"), [
    (_attributen(kvk=None), [MINIMAAL_NIVEAU], "geen_kvk"),
    # A KvK number under another qualifier (e.g. an RSIN) is not the KvK number.
    (_attributen(qualifier="urn:etoegang:1.9:EntityConcernedID:RSIN"), [MINIMAAL_NIVEAU], "geen_kvk"),
    (_attributen(kvk="1234"), [MINIMAAL_NIVEAU], "geen_kvk"),
    (_attributen(pseudoniem=None), [MINIMAAL_NIVEAU], "geen_pseudoniem"),
    (_attributen(), [LOA2], "niveau_te_laag"),
    (_attributen(), [], "niveau_te_laag"),
    # Level first: a low login without a KvK number hears about its level.
    (_attributen(kvk=None), [LOA2], "niveau_te_laag"),
])
def test_onvolledige_assertions_worden_geweigerd(attributen, klassen, code):
    from organisaties.eherkenning import bewijs_uit_saml

    with pytest.raises(EherkenningFout) as fout:
        bewijs_uit_saml(attributen, klassen)
    assert fout.value.code == code


def test_twee_kvk_nummers_in_een_assertion_worden_geweigerd():
    from organisaties.eherkenning import bewijs_uit_saml

    attributen = _attributen()
    attributen["urn:etoegang:core:LegalSubjectID"].append(
        {"NameID": {"NameQualifier": "urn:etoegang:1.9:EntityConcernedID:KvKnr", "value": "87654321"}})
    with pytest.raises(EherkenningFout) as fout:
        bewijs_uit_saml(attributen, [MINIMAAL_NIVEAU])
    assert fout.value.code == "geen_kvk"


def test_sessie_zonder_bewijs_is_verlopen():
    with pytest.raises(EherkenningFout) as fout:
        Bewijs.uit_sessie(None)
    assert fout.value.code == "verlopen"


def test_demo_koppeling_logt_marieke_in_bij_zorgkracht(client, db):
    from organisaties.models import User

    org = OrganisatieFactory(kvk_nummer="99990011")
    marieke = LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER,
                                  user=UserFactory(email="beheerder@zorgkracht.example")).user
    EherkenningKoppeling.objects.create(pseudoniem="demo-marieke", kvk_nummer="99990011", user=marieke)
    assert via_mock(client, "99990011", pseudoniem="demo-marieke")["Location"] == reverse("organisaties:mijn")
    assert User.objects.get(pk=client.session["_auth_user_id"]) == marieke


def test_login_is_in_de_demo_de_mock(client, db):
    assert client.get(reverse("eherkenning:login"))["Location"] == reverse("eherkenning:mock")


def test_login_zonder_configuratie_is_een_nette_technische_fout(client, db, settings):
    settings.EHERKENNING_MOCK = False
    r = client.get(reverse("eherkenning:login"))
    assert r["Location"] == reverse("account_login")
    assert any("technische fout" in m for m in foutmelding(r))


# --- the services directly -----------------------------------------------------------------------------------------

def test_service_eherkenning_aanmelden_onbekend_en_bekend(aanbieder, aanbieder_beheerder):
    from organisaties import services

    bewijs = Bewijs(pseudoniem="svc", kvk_nummer=aanbieder.kvk_nummer, niveau=MINIMAAL_NIVEAU)
    assert services.eherkenning_aanmelden(bewijs=bewijs) is None
    EherkenningKoppeling.objects.create(pseudoniem="svc", kvk_nummer=aanbieder.kvk_nummer, user=aanbieder_beheerder)
    koppeling = services.eherkenning_aanmelden(bewijs=bewijs)
    assert koppeling.user == aanbieder_beheerder and koppeling.laatst_gebruikt is not None
    assert enige_auditregel(aanbieder, "eherkenning.aangemeld").actor == aanbieder_beheerder


def test_service_eherkenning_account_aanmaken(aanbieder):
    from organisaties import services

    bewijs = Bewijs(pseudoniem="svc-nieuw", kvk_nummer=aanbieder.kvk_nummer, niveau=MINIMAAL_NIVEAU)
    user = services.eherkenning_account_aanmaken(bewijs=bewijs, email=" Nieuw@Zorg.Example ", voornaam="N",
                                                 achternaam="Z")
    assert user.email == "nieuw@zorg.example" and user.get_full_name() == "N Z"
    assert EherkenningKoppeling.objects.get(user=user).pseudoniem == "svc-nieuw"
    assert Lidmaatschap.objects.get(user=user).rol == Rol.BEHEERDER
