"""Woo grounds: one spelling of a ground's code (issue 16).

003a r. 62-83 writes the same ground three ways ("5.1.2.b", "5.1.2b", "5.1.2 e") and leaves the ground of a public
document sometimes "geen", sometimes blank (003a §7, r. 276 of the reading). The portal stores and prints one form:
article, paragraph and sub-paragraph separated by dots, the letter in lower case ("5.1.2.e"); a label that is no
article ("reikwijdte") in lower case. A document without any ground prints ``GEEN_GROND`` ("–") everywhere.
"""

from __future__ import annotations

import re

# The ground column of a row without any ground, in the inventarislijst and on screen: one sign, never "geen" on
# one row and blank on the next (003a r. 62-83).
GEEN_GROND = "–"

# "5.1.2.e", "5.1.2e", "5.1.2 e", "5.1 lid 2 onder e", "art. 5.1, tweede lid, onder e" is too free to guess: only
# the numeric forms are read. Groups: article (5.1), paragraph (2), letter (e).
_CODE = re.compile(
    r"^\s*(?:art(?:ikel)?\.?\s*)?(\d+)\s*\.\s*(\d+)"
    r"(?:\s*(?:\.|\s|lid)\s*(\d+))?"
    r"(?:\s*(?:\.|\s|onder|sub)?\s*([a-z]))?\s*(?:woo)?\s*$",
    re.IGNORECASE,
)


def normaliseer_code(code: str) -> str:
    """The one spelling of a ground's code: "5.1.2b", "5.1.2 E" and "5.1 lid 2 onder e" become "5.1.2.b" and
    "5.1.2.e"; "5.2" stays "5.2"; a label ("Reikwijdte ") becomes "reikwijdte". Blank stays blank."""
    tekst = " ".join((code or "").split())
    if not tekst:
        return ""
    m = _CODE.match(tekst)
    if not m:
        return tekst.lower()
    delen = [m.group(1), m.group(2)]
    if m.group(3):
        delen.append(m.group(3))
    if m.group(4):
        delen.append(m.group(4).lower())
    return ".".join(delen)


def gronden_tekst(codes) -> str:
    """The ground column of one row: the distinct normalised codes in code order, or ``GEEN_GROND``."""
    uniek = sorted({normaliseer_code(c) for c in codes if c and normaliseer_code(c)}, key=_sorteersleutel)
    return ", ".join(uniek) if uniek else GEEN_GROND


def _sorteersleutel(code: str) -> tuple:
    # Articles first, in numeric order (5.1.1.c before 5.1.2.b before 5.2), labels ("reikwijdte") last.
    delen = code.split(".")
    if delen and delen[0].isdigit():
        return (0, tuple(int(d) if d.isdigit() else ord(d) for d in delen))
    return (1, (code,))
