from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from core import kalender
from core.adressen import absolute_url, absoluut
from core.mail import eenmalig_versturen

from .models import Uitnodiging, User


@shared_task
def verstuur_uitnodiging(uitnodiging_id: int) -> bool:
    """Send the invitation e-mail. Idempotent: an invitation already sent is not sent again."""
    uitnodiging = Uitnodiging.objects.select_related("organisatie", "uitgenodigd_door").filter(pk=uitnodiging_id).first()
    if uitnodiging is None or uitnodiging.verzonden_op is not None or not uitnodiging.is_open:
        return False
    context = {
        "uitnodiging": uitnodiging,
        "url": absolute_url("organisaties:uitnodiging", uitnodiging.token),
    }
    eenmalig_versturen(
        f"uitnodiging:{uitnodiging.pk}", f"Uitnodiging voor {uitnodiging.organisatie} op het {settings.PORTAAL_NAAM}",
        render_to_string("organisaties/email/uitnodiging.txt", context), [uitnodiging.email],
    )
    # Only now mark it: a crash before sending leaves it unmarked, so a re-run sends it (core.mail keeps it once).
    Uitnodiging.objects.filter(pk=uitnodiging.pk, verzonden_op__isnull=True).update(verzonden_op=kalender.nu())
    return True


@shared_task
def verlopen_uitnodigingen_opruimen() -> int:
    """Withdraw invitations that expired, so the member list shows only open ones."""
    return Uitnodiging.objects.filter(
        geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True, verloopt_op__lte=kalender.nu()
    ).update(ingetrokken_op=kalender.nu())


@shared_task
def verstuur_accountuitnodiging(user_id: int) -> bool:
    """Mail a new bureau account the link to set its password (allauth's password reset link).

    Sent once per account (core.mail): a redelivered task sends nothing; once the password is set no mail goes
    out anyway."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password():
        return False
    pad = reverse("account_reset_password_from_key",
                  kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)})
    return eenmalig_versturen(
        f"accountuitnodiging:{user.pk}", f"Uw account op het {settings.PORTAAL_NAAM}",
        render_to_string("organisaties/email/staffaccount.txt", {"user": user, "url": absoluut(pad)}),
        [user.email],
    )
