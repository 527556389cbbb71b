from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from .rollen import is_staff_gebruiker


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # Staff work in the Wagtail back office; providers in their own environment.
        if is_staff_gebruiker(request.user):
            return "/admin/"
        return reverse("organisaties:mijn")
