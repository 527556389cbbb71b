"""The auditable lottery for quota percelen (003a §4: "Multi Systeem Therapie: at most 1 provider. If more
bidders qualify, a lottery decides and the others go on the waiting list").

Pure functions so the draw can be recomputed by anyone from the recorded seed and participants.
"""

from __future__ import annotations

import random
import secrets


def nieuwe_seed() -> str:
    return secrets.token_hex(16)


def vaste_volgorde(deelnemers: list[dict]) -> list[dict]:
    """Participants in a stable order independent of database order: KvK number, then inschrijving id."""
    return sorted(deelnemers, key=lambda d: (str(d["kvk"]), int(d["inschrijving"])))


def trek(seed: str, deelnemers: list[dict], plaatsen: int) -> list[int]:
    """The inschrijving ids drawn, in order. ``random.Random(str)`` seeds via SHA-512 (version 2), which
    is deterministic across processes and Python versions, unlike ``hash()``."""
    volgorde = [int(d["inschrijving"]) for d in vaste_volgorde(deelnemers)]
    rng = random.Random(seed)
    rng.shuffle(volgorde)
    return volgorde[: max(0, plaatsen)]


def controleer(loting) -> bool:
    """Recompute a recorded Loting; True when the stored result follows from its seed and participants."""
    return trek(loting.seed, loting.deelnemers, loting.plaatsen) == list(loting.winnaars)
