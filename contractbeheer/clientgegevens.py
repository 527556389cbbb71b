"""No client-identifying data in the free text of contract management (issue 13, ADR 0019).

A melding, an answer or a note is prose, so the SROI rule for a reference ("a code with a digit and no spaces",
``sroi.validators.valideer_persoon_referentie``) cannot apply as a whole. We reuse its BSN check (the eleven test
over every digit run, also with separators removed) and refuse names where free text gives them away: a form of
address or a relation word followed by a capitalised word ("mevrouw Jansen", "cliënt De Vries"), initials
before a surname ("J. de Vries"), a "naam:" label, and a date of birth. A bare first and last name without any of
these cannot be told apart from the name of a place or an organisation; the help texts ask not to write one.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from sroi.validators import valideer_persoon_referentie

_TUSSENVOEGSEL = r"(?:(?:van|de|der|den|het|ter|ten|te|in|op|'t|v\.d\.)\s+){0,3}"
_NAAM = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
_AANSPREKING = (
    r"(?i:de\s+heer|heer|dhr\.?|meneer|mevrouw|mevr\.?|mw\.?|juffrouw|mejuffrouw|cli[eë]nte?|jeugdige|pupil|"
    r"kind|jongere|moeder|vader|ouder|pleegouder|pleegmoeder|pleegvader|zoon|dochter|broer|zus|oma|opa)"
)
_PATRONEN = (
    # "mevrouw Jansen", "cliënt De Vries", "de heer van den Berg"
    re.compile(rf"\b{_AANSPREKING}\s+{_TUSSENVOEGSEL}{_NAAM}\b"),
    # "J. Jansen", "J.P. de Vries", "A.B.C. van der Meer"
    # (not the abbreviations of a legal form or "N.B.")
    re.compile(rf"(?<![\w.])(?!(?:B\.V|N\.V|N\.B|V\.O\.F|C\.V)\.)(?:[A-Z]\.){{1,4}}\s*{_TUSSENVOEGSEL}{_NAAM}\b"),
    # "naam: Jan", "naam cliënt: ..."
    re.compile(r"(?i)\bnaam(?:\s+\w+)?\s*[:=]\s*\S"),
    # "geboren op 3-4-2012", "geb. 03-04-2012", "geboortedatum 2012-04-03"
    re.compile(r"(?i)\b(?:geboren(?:\s+op)?|geb\.|geboortedatum)\s*:?\s*\d"),
)

BSN = (
    "Dit lijkt op een burgerservicenummer (BSN). Vermeld nooit een BSN of andere gegevens waarmee een cliënt te "
    "herkennen is; gebruik zo nodig uw eigen dossiercode, zoals “K-2024-017”."
)
NAAM = (
    "Dit lijkt op de naam of geboortedatum van een persoon. Vermeld geen gegevens waarmee een cliënt te herkennen "
    "is (geen namen, initialen, geboortedata of BSN); beschrijf wat er gebeurde, met zo nodig uw eigen "
    "dossiercode, zoals “K-2024-017”."
)


def bevat_bsn(tekst: str) -> bool:
    """True when a digit run in ``tekst`` passes the BSN eleven test (the SROI check, reused as it is)."""
    try:
        valideer_persoon_referentie(tekst)
    except ValidationError as fout:
        return fout.code == "bsn"
    return False


def bevat_naam(tekst: str) -> bool:
    return any(p.search(tekst) for p in _PATRONEN)


def valideer_vrije_tekst(tekst: str) -> None:
    """Refuse free text that identifies a client: a BSN-like number or a name (see the module docstring)."""
    if not tekst:
        return
    if bevat_bsn(tekst):
        raise ValidationError(BSN, code="bsn")
    if bevat_naam(tekst):
        raise ValidationError(NAAM, code="naam")


def valideer_velden(**velden: str) -> None:
    """Check several free-text fields at once; the error is keyed by field so a form shows it next to it."""
    fouten = {}
    for veld, tekst in velden.items():
        try:
            valideer_vrije_tekst(tekst or "")
        except ValidationError as fout:
            fouten[veld] = fout
    if fouten:
        raise ValidationError(fouten)
