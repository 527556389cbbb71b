"""eHerkenning login for providers (issue 16): start, the broker's return (ACS), the demo's mock broker, linking the
identity to an account and registering the asserted organisation. The checks live in organisaties/eherkenning.py,
the writes in organisaties/services.py; these views parse, call one service, log in and redirect."""

import logging

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .eherkenning import (
    SESSIE_BEWIJS,
    SESSIE_KVK,
    SESSIE_NIVEAU,
    Bewijs,
    EherkenningFout,
    bewijs_uit_saml,
    controleer,
)
from .forms import (
    EherkenningAccountForm,
    EherkenningArtefactForm,
    EherkenningKoppelForm,
    EherkenningMockForm,
    OrganisatieForm,
)
from .middleware import SESSIE_SLEUTEL
from .models import Organisatie
from .views import registratie_afhandelen

logger = logging.getLogger(__name__)

# eHerkenning logs in without allauth's password stage, so Django is told which backend vouches for the user.
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _fout(request, fout: EherkenningFout):
    messages.error(request, fout.bericht)
    return redirect("account_login")


def _inloggen(request, user, bewijs: Bewijs) -> None:
    """Log in for the asserted KvK number only. eH3 is two-factor (something the person has and knows, checked by
    the broker), so this login needs no TOTP from the portal: it stands in for password + MFA (README)."""
    auth.login(request, user, backend=BACKEND)
    request.session[SESSIE_KVK] = bewijs.kvk_nummer
    request.session[SESSIE_NIVEAU] = bewijs.niveau
    request.session.pop(SESSIE_BEWIJS, None)
    request.session.pop(SESSIE_SLEUTEL, None)


def _verder(request, kvk_nummer: str):
    """After login: the provider's environment, or its registration when the KvK number is not registered yet."""
    if Organisatie.objects.filter(kvk_nummer=kvk_nummer).exists():
        return redirect("organisaties:mijn")
    return redirect("eherkenning:registreren")


def _verwerk(request, bewijs: Bewijs):
    """One path for the broker and the mock: a known identity logs in, an unknown one goes to the link page."""
    try:
        koppeling = services.eherkenning_aanmelden(bewijs=bewijs)
    except EherkenningFout as fout:
        return _fout(request, fout)
    if koppeling is None:
        request.session[SESSIE_BEWIJS] = bewijs.als_sessie()
        return redirect("eherkenning:koppelen")
    _inloggen(request, koppeling.user, bewijs)
    messages.success(request, "U bent ingelogd met eHerkenning.")
    return _verder(request, bewijs.kvk_nummer)


def start(request):
    """The button on the login page: the broker (the library's AuthnRequest view) or, in the demo, the mock."""
    if settings.EHERKENNING_MOCK:
        return redirect("eherkenning:mock")
    return redirect("eherkenning:login")


def login(request):
    """The library's AuthnRequest view (a signed request in a form that posts itself to the broker), guarded: in the
    demo it is the mock, and an incomplete configuration is a clear message instead of an error page."""
    from digid_eherkenning.exceptions import CertificateProblem
    from digid_eherkenning.views import eHerkenningLoginView
    from onelogin.saml2.errors import OneLogin_Saml2_Error

    if settings.EHERKENNING_MOCK:
        return redirect("eherkenning:mock")
    try:
        return eHerkenningLoginView.as_view()(request)
    except (CertificateProblem, OneLogin_Saml2_Error) as fout:
        logger.error("eHerkenning: geen AuthnRequest mogelijk (configuratie): %s", fout)
        return _fout(request, EherkenningFout("technisch"))


def acs(request):
    """The broker returns here with a SAML artefact (HTTP-Artifact binding); django-digid-eherkenning resolves it
    over SOAP, checks the signatures and the InResponseTo of our AuthnRequest and decrypts the pseudonym."""
    from digid_eherkenning.exceptions import CertificateProblem
    from digid_eherkenning.saml2.eherkenning import eHerkenningClient
    from lxml import etree
    from onelogin.saml2.errors import OneLogin_Saml2_Error, OneLogin_Saml2_ValidationError

    form = EherkenningArtefactForm(request.GET)
    if not form.is_valid():
        return _fout(request, EherkenningFout("geannuleerd"))
    try:
        antwoord = eHerkenningClient().artifact_resolve(request, form.cleaned_data["SAMLart"])
        attributen = antwoord.get_attributes()
        klassen = antwoord.get_authn_contexts()
    except OneLogin_Saml2_ValidationError as fout:
        if fout.code == OneLogin_Saml2_ValidationError.STATUS_CODE_AUTHNFAILED:
            return _fout(request, EherkenningFout("geannuleerd"))
        logger.warning("eHerkenning: antwoord van de makelaar afgewezen: %s", fout)
        return _fout(request, EherkenningFout("technisch"))
    except (OneLogin_Saml2_Error, CertificateProblem, etree.LxmlError, ValueError) as fout:
        # Also an incomplete configuration (no certificate): the person gets the same message, the log the cause.
        logger.error("eHerkenning: artefact niet op te lossen: %s", fout)
        return _fout(request, EherkenningFout("technisch"))
    try:
        bewijs = bewijs_uit_saml(attributen, klassen)
    except EherkenningFout as fout:
        return _fout(request, fout)
    return _verwerk(request, bewijs)


def _alleen_mock():
    # The mock logs anyone in for any KvK number: it exists only where the settings allow it (never production).
    if not settings.EHERKENNING_MOCK:
        raise Http404("De test-inlog voor eHerkenning staat uit.")


def mock(request):
    """The demo's broker: a clearly marked test page that asserts what the person types."""
    _alleen_mock()
    form = EherkenningMockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bewijs = controleer(**form.cleaned_data)
        except EherkenningFout as fout:
            return _fout(request, fout)
        return _verwerk(request, bewijs)
    return render(request, "organisaties/eherkenning/mock.html", {"form": form})


@require_POST
def mock_annuleren(request):
    """'Annuleren' on the mock broker: as a real broker reports a cancelled login (AuthnFailed)."""
    _alleen_mock()
    return _fout(request, EherkenningFout("geannuleerd"))


def koppelen(request):
    """First eHerkenning login of this person: link it to the logged-in account, or create an account."""
    try:
        bewijs = Bewijs.uit_sessie(request.session.get(SESSIE_BEWIJS))
    except EherkenningFout as fout:
        return _fout(request, fout)
    bestaand = request.user.is_authenticated
    # Bound on every POST: the link form of a logged-in account has no fields, so its POST is empty.
    form = (EherkenningKoppelForm if bestaand else EherkenningAccountForm)(
        request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if bestaand:
                services.eherkenning_koppelen(bewijs=bewijs, door=request.user)
                user = request.user
            else:
                user = services.eherkenning_account_aanmaken(bewijs=bewijs, **form.cleaned_data)
        except EherkenningFout as fout:
            request.session.pop(SESSIE_BEWIJS, None)
            return _fout(request, fout)
        except (ValidationError, PermissionDenied) as fout:
            form.add_error(None, fout)
        else:
            if not bestaand:
                from allauth.account.models import EmailAddress

                EmailAddress.objects.get_primary(user).send_confirmation(request, signup=True)
            _inloggen(request, user, bewijs)
            messages.success(request, "Uw eHerkenning is gekoppeld aan uw account.")
            return _verder(request, bewijs.kvk_nummer)
    organisatie = Organisatie.objects.filter(kvk_nummer=bewijs.kvk_nummer).first()
    return render(request, "organisaties/eherkenning/koppelen.html", {
        "form": form, "bewijs": bewijs, "organisatie": organisatie, "bestaand": bestaand,
    })


@login_required
def registreren(request):
    """Register the organisation of the asserted KvK number, with the same service as the password flow; the KvK
    number is the broker's, not typed (a disabled field keeps the initial value whatever is posted)."""
    kvk = request.session.get(SESSIE_KVK)
    if not kvk:
        raise PermissionDenied("Alleen na inloggen met eHerkenning.")
    if Organisatie.objects.filter(kvk_nummer=kvk).exists():
        return redirect("organisaties:mijn")
    form = OrganisatieForm(request.POST or None, initial={"kvk_nummer": kvk})
    form.fields["kvk_nummer"].disabled = True
    form.fields["kvk_nummer"].help_text = "Het KvK-nummer waarvoor u met eHerkenning bent ingelogd."
    return registratie_afhandelen(request, form, titel="Organisatie registreren (eHerkenning)")
