from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from core.adressen import absoluut

from .rollen import is_staff_gebruiker


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # Staff work in the Wagtail back office; providers in their own environment.
        if is_staff_gebruiker(request.user):
            return "/admin/"
        return reverse("organisaties:mijn")

    def send_mail(self, template_prefix, email, context):
        # ADR 0028: allauth greets with the request's host ("Hallo van 127.0.0.1:8104!"); the portal's own
        # base_message.txt names the site (PORTAAL_NAAM) and signs with its address (core.adressen).
        context = {**context, "portaal_naam": settings.PORTAAL_NAAM, "portaal_adres": absoluut("/")}
        return super().send_mail(template_prefix, email, context)
