"""A minimal clamd client: the INSTREAM command over a unix socket (no extra dependency).

Protocol (clamd(8), "INSTREAM"): send ``zINSTREAM\\0``, then chunks as a 4-byte big-endian length followed by
the data, end with a zero-length chunk; clamd answers ``stream: OK``, ``stream: <naam> FOUND`` or ``... ERROR``
terminated by NUL. Chunks must stay below clamd's StreamMaxLength in total (the default is 25 MB, our upload
limit); clamd answers "INSTREAM size limit exceeded" otherwise.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

CHUNK = 64 * 1024


class ClamdFout(Exception):
    """clamd could not be reached or answered with an error: scan again later."""


@dataclass(frozen=True)
class ScanUitslag:
    schoon: bool
    virus: str = ""


def scan_stream(pad: str, bestand, *, timeout: float = 60.0) -> ScanUitslag:
    """Stream the open binary file ``bestand`` to clamd at unix socket ``pad``."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(pad)
            sock.sendall(b"zINSTREAM\0")
            while True:
                blok = bestand.read(CHUNK)
                if not blok:
                    break
                sock.sendall(struct.pack("!L", len(blok)) + blok)
            sock.sendall(struct.pack("!L", 0))
            antwoord = b""
            while not antwoord.endswith(b"\0"):
                deel = sock.recv(4096)
                if not deel:
                    break
                antwoord += deel
    except OSError as fout:
        raise ClamdFout(f"clamd niet bereikbaar: {fout}") from fout
    tekst = antwoord.rstrip(b"\0").decode("utf-8", "replace").strip()
    if tekst.endswith("OK"):
        return ScanUitslag(True)
    if tekst.endswith("FOUND"):
        # "stream: Eicar-Signature FOUND"
        return ScanUitslag(False, tekst.split(":", 1)[-1].rsplit(" ", 1)[0].strip())
    raise ClamdFout(f"clamd antwoordde: {tekst or 'niets'}")
