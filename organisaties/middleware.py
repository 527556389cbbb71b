from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from .eherkenning import SESSIE_KVK
from .rollen import is_staff_gebruiker

SESSIE_SLEUTEL = "actieve_organisatie_id"

# What staff may reach before MFA is set up: the account pages themselves (to set it up or log out).
_MFA_VRIJ = ("/accounts/", "/static/", "/favicon.ico")


def _heeft_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMfaVerplichtMiddleware:
    """Staff must set up TOTP (with recovery codes) before they reach anything (issue 2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_MFA_VRIJ)
            and is_staff_gebruiker(user)
            and request.session.get("mfa_ok_voor") != user.pk
        ):
            if not _heeft_totp(user):
                messages.warning(request, "Medewerkers van het inkoopbureau moeten eerst tweestapsverificatie instellen.")
                return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
            # Cache the positive answer in the session: one query per session, not per request.
            request.session["mfa_ok_voor"] = user.pk
        return self.get_response(request)


def organisaties_van_sessie(request, qs):
    """Narrow ``qs`` (organisations) to what this login may act for. A login with eHerkenning acts only for the KvK
    number the broker asserted (issue 16): the same account's other memberships (e.g. made with its password)
    are out of reach until the person logs in for them."""
    kvk = request.session.get(SESSIE_KVK)
    return qs.filter(kvk_nummer=kvk) if kvk else qs


def _actieve_organisatie(request):
    from .models import Organisatie

    user = request.user
    if not user.is_authenticated:
        return None
    gekozen = request.session.get(SESSIE_SLEUTEL)
    qs = organisaties_van_sessie(request, Organisatie.objects.filter(lidmaatschappen__user=user))
    if gekozen:
        org = qs.filter(pk=gekozen).first()
        if org is not None:
            return org
    org = qs.order_by("naam").first()
    if org is not None:
        request.session[SESSIE_SLEUTEL] = org.pk
    return org


class ActieveOrganisatieMiddleware:
    """``request.organisatie``: the organisation the user works for now; always one they are a member of,
    or None. A real value, not a lazy proxy: a proxy around None is truthy-safe but breaks as a query argument
    (``filter(organisatie=request.organisatie)`` on a public page). Every HTML page of a logged-in user needs
    it for the header anyway, so resolving it here costs no extra query there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisatie = _actieve_organisatie(request)
        return self.get_response(request)
