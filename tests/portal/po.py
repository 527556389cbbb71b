"""A small reader for gettext .po files (no polib in the project): entries with context, singular/plural and their
translations, enough to compare the portal's own Dutch catalogue with allauth's (tests/portal/test_u_vorm.py)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Regel:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    vervallen: bool = False

    @property
    def sleutel(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid


def lees(pad: Path) -> list[Regel]:
    regels, huidig, veld = [], None, None
    for ruw in pad.read_text(encoding="utf-8").splitlines() + [""]:
        regel = ruw.strip()
        vervallen = regel.startswith("#~")
        if vervallen:
            regel = regel[2:].strip()
        elif regel.startswith("#"):
            continue
        if not regel:
            if huidig is not None:
                regels.append(huidig)
            huidig, veld = None, None
            continue
        if huidig is None:
            huidig = Regel(vervallen=vervallen)
        if regel.startswith('"'):
            tekst = ast.literal_eval(regel)
            if veld == "msgctxt":
                huidig.msgctxt += tekst
            elif veld == "msgid":
                huidig.msgid += tekst
            elif veld == "msgid_plural":
                huidig.msgid_plural += tekst
            else:
                huidig.msgstr[veld] += tekst
            continue
        sleutelwoord, _, waarde = regel.partition(" ")
        tekst = ast.literal_eval(waarde)
        if sleutelwoord.startswith("msgstr"):
            veld = int(sleutelwoord[7:-1]) if "[" in sleutelwoord else 0
            huidig.msgstr[veld] = tekst
        else:
            veld = sleutelwoord
            setattr(huidig, sleutelwoord, tekst)
    return [r for r in regels if r.msgid or r.msgctxt]
