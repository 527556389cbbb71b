"""Mail that goes out once (ADR 0013): the one helper every task uses to mail.

A task can be delivered twice (a re-published outbox row, a redelivered message after a killed worker, a
parallel catch-up). The mail is therefore recorded first, under a natural key, in ``core.models.VerstuurdeMail``
and committed before sending; a second run finds the key and sends nothing. When sending raises, the record
is removed again so the next run retries. The one window left is a crash between a successful send and nothing
(the record already says "sent"): at most once, never twice, and the record names the mail for an operator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

from core import kalender
from core.models import VerstuurdeMail


def al_verstuurd(sleutel: str) -> bool:
    """Whether the mail with this key went out (or was marked as not needed any more)."""
    return VerstuurdeMail.objects.filter(sleutel=sleutel[:200]).exists()


def overslaan(sleutel: str, onderwerp: str = "ingehaald") -> bool:
    """Mark a mail as done without sending it (e.g. an earlier reminder a catch-up run skips because a later
    one is due). True when the key was new."""
    _, nieuw = VerstuurdeMail.objects.get_or_create(
        sleutel=sleutel[:200], defaults={"onderwerp": onderwerp[:255], "verstuurd_op": kalender.nu()}
    )
    return nieuw


def eenmalig_versturen(sleutel: str, onderwerp: str, tekst: str, ontvangers: Iterable[str],
                       bijlagen: Sequence[tuple[str, bytes, str]] = (), *, verbinding=None) -> bool:
    """Send the mail with key ``sleutel`` unless it went out before; True when it was sent now.

    ``bijlagen`` are (name, bytes, mime type). ``verbinding`` reuses an open mail connection for a series of
    mails (one key per addressee, e.g. an announcement that no provider may see the others of). Without
    addresses nothing is sent and nothing recorded."""
    ontvangers = list(dict.fromkeys(a for a in ontvangers if a))
    if not ontvangers:
        return False
    try:
        with transaction.atomic():
            record = VerstuurdeMail.objects.create(
                sleutel=sleutel[:200], onderwerp=onderwerp[:255], ontvanger=", ".join(ontvangers)[:255],
                verstuurd_op=kalender.nu(),
            )
    except IntegrityError:
        return False
    bericht = EmailMessage(onderwerp, tekst, None, ontvangers, connection=verbinding)
    for naam, inhoud, mime in bijlagen:
        bericht.attach(naam, inhoud, mime)
    try:
        bericht.send()
    except Exception:
        record.delete()  # not sent: the next run tries again
        raise
    return True
