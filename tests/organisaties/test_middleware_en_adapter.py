"""Staff MFA middleware, the active organisation, the allauth adapter and the context processor (issue 2)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse

from organisaties.adapter import AccountAdapter
from organisaties.context_processors import organisatie as organisatie_context
from organisaties.middleware import SESSIE_SLEUTEL
from organisaties.models import Rol
from organisaties.rollen import BEOORDELAAR, REDACTEUR, SROI_ADVISEUR, heeft_staffgroep, is_staff_gebruiker
from tests.conftest import TOTP_GEHEIM
from tests.factories import LidmaatschapFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db

def _mfa_url():
    return reverse("mfa_activate_totp")


@pytest.mark.parametrize("groep", [BEOORDELAAR, REDACTEUR, SROI_ADVISEUR])
def test_elke_staffgroep_zonder_totp_moet_mfa_instellen(client, staffgroepen, groep):
    client.force_login(UserFactory(groepen=[groep]))
    antwoord = client.get("/admin/pages/")
    assert antwoord.status_code == 302
    assert antwoord.url == f"{_mfa_url()}?next=/admin/pages/"


def test_superuser_en_is_staff_zonder_totp_ook(client):
    for user in (UserFactory(is_superuser=True), UserFactory(is_staff=True)):
        client.force_login(user)
        assert client.get("/admin/").url.startswith(_mfa_url())


def test_waarschuwing_in_het_nederlands(client, staffgroepen):
    client.force_login(UserFactory(groepen=["Inkoper"]))
    antwoord = client.get("/mijn/")
    teksten = [str(m) for m in get_messages(antwoord.wsgi_request)]
    assert teksten == ["Medewerkers van het inkoopbureau moeten eerst tweestapsverificatie instellen."]


def test_accountpaginas_blijven_bereikbaar_zonder_mfa(client, staffgroepen):
    client.force_login(UserFactory(groepen=["Inkoper"]))
    # allauth itself may ask to re-authenticate first; the middleware does not send it back to itself
    antwoord = client.get(_mfa_url())
    assert antwoord.status_code == 200 or antwoord.url.startswith("/accounts/reauthenticate/")
    assert client.get(reverse("account_logout")).status_code == 200


def test_na_instellen_totp_wel_toegang_en_antwoord_in_sessie(client, staffgroepen):
    user = UserFactory(groepen=["Inkoper"])
    client.force_login(user)
    assert client.get("/mijn/").status_code == 302
    TOTP.activate(user, TOTP_GEHEIM)
    assert client.get("/mijn/").status_code == 200
    assert client.session["mfa_ok_voor"] == user.pk


def test_sessiecache_geldt_alleen_voor_dezelfde_gebruiker(client, staffgroepen, inkoper):
    client.force_login(inkoper)
    client.get("/mijn/")
    assert client.session["mfa_ok_voor"] == inkoper.pk
    ander = UserFactory(groepen=["Inkoper"])
    client.force_login(ander)  # new session key, but the check must hold even if mfa_ok_voor were carried over
    sessie = client.session
    sessie["mfa_ok_voor"] = inkoper.pk
    sessie.save()
    assert client.get("/mijn/").url.startswith(_mfa_url())


def test_aanbieder_en_anoniem_worden_niet_doorgestuurd(client, aanbieder_beheerder):
    assert client.get("/gezondheid/").status_code == 200
    client.force_login(aanbieder_beheerder)
    assert client.get("/mijn/").status_code == 200
    assert "mfa_ok_voor" not in client.session


def test_verwijderde_totp_na_cache_blijft_toegang_tot_einde_sessie(client, inkoper):
    """The positive answer is cached per session (documented trade-off: one query per session)."""
    from allauth.mfa.models import Authenticator

    client.force_login(inkoper)
    assert client.get("/mijn/").status_code == 200
    Authenticator.objects.filter(user=inkoper).delete()
    assert client.get("/mijn/").status_code == 200
    client.force_login(inkoper)
    client.logout()
    client.force_login(inkoper)
    assert client.get("/mijn/").url.startswith(_mfa_url())


# --- actieve organisatie ---------------------------------------------------------------------------------

def test_actieve_organisatie_eerste_op_naam_en_in_sessie(client):
    user = UserFactory()
    b = OrganisatieFactory(naam="B Zorg")
    a = OrganisatieFactory(naam="A Zorg")
    LidmaatschapFactory(user=user, organisatie=b)
    LidmaatschapFactory(user=user, organisatie=a)
    client.force_login(user)
    antwoord = client.get("/mijn/")
    assert antwoord.wsgi_request.organisatie == a
    assert client.session[SESSIE_SLEUTEL] == a.pk


def test_sessie_met_organisatie_zonder_lidmaatschap_valt_terug(client, aanbieder, andere_aanbieder):
    user = UserFactory()
    LidmaatschapFactory(user=user, organisatie=aanbieder)
    client.force_login(user)
    sessie = client.session
    sessie[SESSIE_SLEUTEL] = andere_aanbieder.pk
    sessie.save()
    antwoord = client.get("/mijn/")
    assert antwoord.wsgi_request.organisatie == aanbieder
    assert client.session[SESSIE_SLEUTEL] == aanbieder.pk


def test_na_verwijderd_lidmaatschap_geen_organisatie_meer(client, aanbieder, aanbieder_beheerder):
    user = LidmaatschapFactory(organisatie=aanbieder).user
    client.force_login(user)
    assert client.get("/mijn/").wsgi_request.organisatie == aanbieder
    user.lidmaatschappen.all().delete()
    antwoord = client.get("/mijn/")
    assert antwoord.wsgi_request.organisatie is None
    assert client.get(reverse("organisaties:leden")).status_code == 404


def test_anoniem_heeft_geen_organisatie(client):
    assert client.get("/gezondheid/").wsgi_request.organisatie is None


# --- adapter ---------------------------------------------------------------------------------------------

def test_adapter_staff_naar_backoffice_aanbieder_naar_eigen_omgeving(inkoper, aanbieder_beheerder):
    verzoek = RequestFactory().get("/")
    verzoek.user = inkoper
    assert AccountAdapter(verzoek).get_login_redirect_url(verzoek) == "/admin/"
    verzoek.user = aanbieder_beheerder
    assert AccountAdapter(verzoek).get_login_redirect_url(verzoek) == "/mijn/"


def test_aanbieder_komt_na_inloggen_in_mijn_omgeving(client, aanbieder_beheerder):
    from tests.factories import WACHTWOORD

    antwoord = client.post(reverse("account_login"), {"login": aanbieder_beheerder.email, "password": WACHTWOORD})
    assert antwoord.status_code == 302
    assert antwoord.url == "/mijn/"


# --- rollen ----------------------------------------------------------------------------------------------

def test_is_staff_gebruiker_en_heeft_staffgroep(staffgroepen):
    assert not is_staff_gebruiker(AnonymousUser())
    assert not heeft_staffgroep(AnonymousUser(), REDACTEUR)
    redacteur = UserFactory(groepen=[REDACTEUR])
    assert is_staff_gebruiker(redacteur)
    assert heeft_staffgroep(redacteur, REDACTEUR, BEOORDELAAR)
    assert not heeft_staffgroep(redacteur, BEOORDELAAR)
    baas = UserFactory(is_superuser=True)
    assert heeft_staffgroep(baas, BEOORDELAAR)
    gewone = UserFactory(groepen=["Vrienden van de regio"])
    assert not is_staff_gebruiker(gewone)


def test_staffgroepen_cache_een_query(staffgroepen, django_assert_num_queries):
    user = UserFactory(groepen=[REDACTEUR])
    with django_assert_num_queries(1):
        assert is_staff_gebruiker(user)
        assert is_staff_gebruiker(user)
        assert heeft_staffgroep(user, REDACTEUR)


def test_synchroniseren_herstelt_handmatig_toegevoegde_rechten(staffgroepen):
    from django.contrib.auth.models import Group, Permission

    from organisaties.rollen import synchroniseer_staffgroepen

    groep = Group.objects.get(name=BEOORDELAAR)
    verboden = Permission.objects.get(codename="delete_organisatie")
    groep.permissions.add(verboden)
    synchroniseer_staffgroepen()
    codes = set(groep.permissions.values_list("codename", flat=True))
    assert "delete_organisatie" not in codes
    assert {"access_admin", "add_beoordeling", "change_beoordeling", "view_beoordeling"} <= codes


def test_geen_staffgroep_mag_iets_verwijderen(staffgroepen):
    from django.contrib.auth.models import Permission

    from organisaties.rollen import STAFFGROEPEN

    assert not Permission.objects.filter(group__name__in=STAFFGROEPEN, codename__startswith="delete_").exists()


def test_redacteur_en_inkoper_publiceren_niet_rechtstreeks(staffgroepen):
    """ADR 0006: no staff group holds 'publish'; pages and document versions go live through the workflow."""
    redacteur = UserFactory(groepen=[REDACTEUR])
    inkoper = UserFactory(groepen=["Inkoper"])
    assert redacteur.has_perm("wagtailcore.change_page")
    assert inkoper.has_perm("wagtailcore.change_page")
    assert not redacteur.has_perm("wagtailcore.publish_page")
    assert not inkoper.has_perm("wagtailcore.publish_page")
    assert inkoper.has_perm("core.view_auditregel")


# --- context processor -----------------------------------------------------------------------------------

def test_context_leeg_voor_anoniem():
    verzoek = RequestFactory().get("/")
    verzoek.user = AnonymousUser()
    assert organisatie_context(verzoek) == {}


def test_context_met_actieve_organisatie_en_lui_lijstje(aanbieder):
    user = LidmaatschapFactory(organisatie=aanbieder, rol=Rol.BEHEERDER).user
    verzoek = RequestFactory().get("/")
    verzoek.user = user
    verzoek.organisatie = aanbieder
    context = organisatie_context(verzoek)
    assert context["actieve_organisatie"] == aanbieder
    assert context["is_staff_gebruiker"] is False
    assert [lid.organisatie for lid in context["mijn_organisaties"]()] == [aanbieder]
