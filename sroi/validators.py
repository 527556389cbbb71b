"""Checks that keep personal data out of SROI records (issue 7, Quality: "no personal data beyond an
anonymised reference is stored")."""

import re

from django.core.exceptions import ValidationError

VOORBEELD = "K-2024-017"
_TOEGESTAAN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/.]{0,29}$")
_CIJFERREEKS = re.compile(r"\d+")


def is_elfproef(cijfers: str) -> bool:
    """The BSN eleven test: 9 digits (8 with a leading zero), 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by 11."""
    if not cijfers.isdigit() or len(cijfers) not in (8, 9):
        return False
    cijfers = cijfers.zfill(9)
    som = sum(int(c) * w for c, w in zip(cijfers[:8], range(9, 1, -1), strict=True)) - int(cijfers[8])
    return som % 11 == 0 and int(cijfers) != 0


def _lijkt_bsn(tekst: str) -> bool:
    # Check digit runs as typed and with the usual separators removed ("1234.56.782", "123 456 782").
    kandidaten = _CIJFERREEKS.findall(tekst) + _CIJFERREEKS.findall(re.sub(r"(?<=\d)[\s.\-](?=\d)", "", tekst))
    return any(len(k) in (8, 9) and is_elfproef(k) for k in kandidaten)


def valideer_persoon_referentie(waarde: str) -> None:
    """Refuse anything that could identify a person: BSN-like numbers and names.

    A reference must be a code of the provider's own: no spaces, at least one digit, at most 30 characters.
    That refuses "Jan Jansen" and "Jansen" (names have no digits) as well as e-mail addresses.
    """
    if not waarde:
        return
    if _lijkt_bsn(waarde):
        raise ValidationError(
            "Deze referentie lijkt op een burgerservicenummer (BSN). Sla nooit een BSN op; gebruik een eigen "
            f"code, zoals “{VOORBEELD}”.",
            code="bsn",
        )
    if not _TOEGESTAAN.match(waarde) or not any(c.isdigit() for c in waarde):
        raise ValidationError(
            "Gebruik een geanonimiseerde code met ten minste één cijfer en zonder spaties, zoals "
            f"“{VOORBEELD}”. Vul nooit een naam, e-mailadres of BSN in.",
            code="geen_code",
        )
