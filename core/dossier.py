"""The documents of a procedure dossier as their owning apps describe them (issue 16, Woo).

A Woo request or an active disclosure covers the whole dossier of a procedure: notices and tender documents
(aanbesteding), processen-verbaal of opening (inschrijving), decisions and processen-verbaal of assessment
(toetsing), agreements, addenda and indexations (overeenkomst), enforcement decisions (contractbeheer). Each
owning app lists its own documents with ``selectors.dossierstukken(aanbesteding)`` as these value objects; the
``woo`` app, a layer above them all, calls those selectors one by one (ARCHITECTURE.md rule 12: it reads, it never
writes another app's rows) and keeps the Woo metadata and the redactions in its own tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from .kalender import TZ


@dataclass(frozen=True)
class Dossierstuk:
    """One document of a procedure dossier.

    ``sleutel`` is stable for the life of the document ("<soort>:<pk>", e.g. ``nvi:12``, ``besluit:40``): the Woo
    metadata and a request's marks hang on it. ``pdf`` returns the document as it was issued (the sealed bytes when
    a file is stored; rendered from its text when the portal keeps only text, e.g. an addendum). ``openbaar`` says
    whether the portal already publishes it on the public site (a notice, an NvI, a published agreement).
    ``persoonsgegevens`` are the names, e-mail addresses and phone numbers of people that the owning app knows
    appear in it (contact persons, signatories, assessors, clients): the Woo export pre-marks them for art. 5.1.2.e
    so they never leave unredacted.
    """

    sleutel: str
    soort: str
    titel: str
    datum: date
    aanbesteding_id: int
    regio_id: int | None
    pdf: Callable[[], bytes] = field(compare=False, repr=False)
    openbaar: bool = False
    persoonsgegevens: tuple[str, ...] = ()


def dag(moment) -> date:
    """The calendar day of a stored moment in Europe/Amsterdam (a ``date`` stays as it is): the date a dossier
    document carries in the inventarislijst (003 r. 85-107: "datum" per document)."""
    if isinstance(moment, datetime):
        return moment.astimezone(TZ).date()
    return moment


def uit_opslag(veld) -> Callable[[], bytes]:
    """A lazy reader of a stored file (``FieldFile``), public or private storage alike: the bytes as they were
    issued, sealed ones included. Only the name and the storage are kept, so calling it later opens the file
    through the storage (S3 in production) and never through a local path."""
    naam, opslag = veld.name, veld.storage

    def lezen() -> bytes:
        with opslag.open(naam, "rb") as bestand:
            return bestand.read()

    return lezen
