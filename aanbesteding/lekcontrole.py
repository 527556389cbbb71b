"""The NvI must not leak who asked (issue 18): before publication, every public text (the anonymised question,
the answer, the introduction) is checked for the asking organisation's name, its KvK and establishment number,
any e-mail address, and the names of the asker and of that organisation's members and contact person.

A finding is a warning, not a verdict: "Gooi" may be the region and "de Vries" a different person. The inkoper
sees what was found where and either edits the text or confirms the publication explicitly; the confirmation is
recorded in the audit entry of the publication (``nvi.gepubliceerd``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from organisaties.models import Lidmaatschap

# Any e-mail address in public text is suspicious: the bureau's own address belongs in the procedure documents.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Legal forms and words that say nothing about who asked (the rest of the name does).
_RECHTSVORMEN = re.compile(
    r"\b(b\.?\s?v\.?|n\.?\s?v\.?|v\.?\s?o\.?\s?f\.?|c\.?\s?v\.?|u\.?\s?a\.?|stichting|coöperatie|cooperatie|vereniging|"
    r"holding|groep|eenmanszaak|maatschap)(?=\s|$|[.,;:])", re.IGNORECASE,
)
_MIN_NAAM = 3
# Sector words that open many provider names ("Jeugdzorg De Horizon"): the rest is how people refer to them.
_SECTORWOORDEN = {"jeugdzorg", "jeugdhulp", "zorg", "zorggroep", "thuiszorg", "wmo", "begeleiding", "dagbesteding",
                  "praktijk", "centrum", "zorgcentrum", "jeugd", "gezinshuis", "kinderopvang"}


@dataclass(frozen=True)
class Lekvondst:
    """One possible leak: where (``plek``: "Vraag 2, antwoord"), what kind, and the text found."""

    plek: str
    soort: str
    gevonden: str

    def __str__(self):
        return f"{self.plek}: {self.soort} “{self.gevonden}”"


def _cijfers(nummer: str) -> re.Pattern | None:
    """A KvK/establishment number also written with spaces or dots ("1234 5678", "12.34.56.78")."""
    cijfers = re.sub(r"\D", "", nummer or "")
    if len(cijfers) < 6:
        return None
    return re.compile(r"(?<!\d)" + r"[\s.]?".join(cijfers) + r"(?!\d)")


def _woord(tekst: str, *, hoofdletters: bool) -> re.Pattern | None:
    tekst = " ".join((tekst or "").split())
    if len(tekst) < _MIN_NAAM:
        return None
    patroon = r"(?<!\w)" + r"\s+".join(re.escape(deel) for deel in tekst.split()) + r"(?!\w)"
    return re.compile(patroon, 0 if hoofdletters else re.IGNORECASE)


def _zoektermen(vraag) -> list[tuple[str, re.Pattern]]:
    """What would identify the asker of ``vraag``: (kind, pattern)."""
    org = vraag.organisatie
    termen: list[tuple[str, re.Pattern | None]] = [("naam van de vragensteller", _woord(org.naam, hoofdletters=False))]
    kern = " ".join(_RECHTSVORMEN.sub(" ", org.naam).split()).strip(" .,-")
    if kern and kern.lower() != org.naam.lower():
        termen.append(("naam van de vragensteller", _woord(kern, hoofdletters=False)))
    woorden = kern.split()
    while woorden and woorden[0].lower() in _SECTORWOORDEN:
        woorden.pop(0)
    roepnaam = " ".join(woorden)
    if roepnaam and roepnaam.lower() != kern.lower() and len(roepnaam) >= 4:
        termen.append(("naam van de vragensteller", _woord(roepnaam, hoofdletters=False)))
    termen += [("KvK-nummer van de vragensteller", _cijfers(org.kvk_nummer)),
               ("vestigingsnummer van de vragensteller", _cijfers(getattr(org, "vestigingsnummer", "")))]
    personen = {(vraag.gesteld_door.first_name, vraag.gesteld_door.last_name)}
    personen |= set(Lidmaatschap.objects.filter(organisatie=org).values_list("user__first_name", "user__last_name"))
    for voornaam, achternaam in personen:
        termen.append(("persoonsnaam", _woord(f"{voornaam} {achternaam}", hoofdletters=False)))
        termen.append(("persoonsnaam", _woord(achternaam, hoofdletters=False)))
        # A first name alone only when capitalised: "Wil" is a name, "wil" a verb.
        termen.append(("persoonsnaam", _woord(voornaam, hoofdletters=True)))
    if org.contactpersoon:
        termen.append(("persoonsnaam", _woord(org.contactpersoon, hoofdletters=False)))
        delen = org.contactpersoon.split()
        if len(delen) > 1:
            termen.append(("persoonsnaam", _woord(delen[-1], hoofdletters=False)))
    return [(soort, p) for soort, p in termen if p is not None]


def _zoek(plek: str, tekst: str, termen) -> list[Lekvondst]:
    vondsten: dict[tuple[str, str], Lekvondst] = {}
    for m in EMAIL.finditer(tekst or ""):
        vondsten.setdefault(("e-mailadres", m.group(0).lower()), Lekvondst(plek, "e-mailadres", m.group(0)))
    for soort, patroon in termen:
        for m in patroon.finditer(tekst or ""):
            # A person's name inside an e-mail address is already reported as the address.
            vondsten.setdefault((soort, m.group(0).lower()), Lekvondst(plek, soort, m.group(0)))
    # The longest finding of a kind wins over its parts ("Jan de Vries" over "de Vries").
    uit = list(vondsten.values())
    return [v for v in uit
            if not any(w is not v and w.soort == v.soort and v.gevonden.lower() in w.gevonden.lower()
                       and len(w.gevonden) > len(v.gevonden) for w in uit)]


def lekken_zoeken(vragen, *, inleiding: str = "") -> list[Lekvondst]:
    """Every possible leak of an asker's identity in the public texts of an NvI about to be published: each
    question's anonymised text and answer (against its own asker) and the introduction (against all askers).
    ``vragen`` in the order of the NvI (by ``gesteld_op``), so "Vraag 2" is the second question of the NvI."""
    vondsten: list[Lekvondst] = []
    alle_termen = []
    for nummer, vraag in enumerate(vragen, start=1):  # the numbering the NvI will have
        termen = _zoektermen(vraag)
        alle_termen += termen
        vondsten += _zoek(f"Vraag {nummer}, geanonimiseerde vraag", vraag.vraag_publiek, termen)
        vondsten += _zoek(f"Vraag {nummer}, antwoord", vraag.antwoord, termen)
    if inleiding:
        vondsten += _zoek("Inleiding", inleiding, alle_termen)
    return vondsten
