"""Upload of a 20 MB, 300-page PDF through the eis upload view (issue 4).

Measures, per run: the request time (validation with pypdf, sha256, storing, linking; the Celery task is
queued, not run, as with a real broker), the worker time (text extraction of 300 pages, plus the clamd scan
when CLAMD_SOCKET is set), and the web process's memory: tracemalloc peak of Python allocations during the
request and the growth of the resident-set high-water mark (ru_maxrss) — both against the file size.

The PDF and the multipart request body are built in a child process and streamed from disk as wsgi.input,
so neither the generator nor the request body sits in this process's memory: what is measured is what the
server itself holds while handling the upload.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import resource
import statistics
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from unittest import mock

from bench.meten import registreer

# The upload queues its check through the outbox after the commit (ADR 0013): it must really commit.
BUITEN_TRANSACTIE = True

GROOTTE_DOEL = 20 * 1024 * 1024
PAGINAS = 300
GRENS = "----benchgrens7d1a"
RUNS = 3


def _maak_pdf(pad: str) -> None:
    """300 pages, each a heading, a paragraph and a distinct incompressible image (~67 KB): a scanned dossier."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    per_pagina = GROOTTE_DOEL // PAGINAS
    zijde = int((per_pagina / 3) ** 0.5)
    for nummer in range(1, PAGINAS + 1):
        pdf.add_page()
        pdf.cell(0, 8, f"Jaarverslag Zorgkracht Gooi B.V. - pagina {nummer}", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 5, "Kwaliteit, klachten, meldcode en personeel. " * 12)
        beeld = Image.frombytes("RGB", (zijde, zijde), os.urandom(zijde * zijde * 3))
        buffer = io.BytesIO()
        beeld.save(buffer, format="PNG")
        buffer.seek(0)
        pdf.image(buffer, x=20, y=80, w=120)
    with open(pad, "wb") as f:
        f.write(bytes(pdf.output()))


def _maak_body(pdf_pad: str, body_pad: str) -> None:
    with open(body_pad, "wb") as uit, open(pdf_pad, "rb") as pdf:
        def veld(naam, waarde):
            uit.write(f'--{GRENS}\r\nContent-Disposition: form-data; name="{naam}"\r\n\r\n{waarde}\r\n'.encode())
        veld("afgiftedatum", datetime.now().date().isoformat())
        uit.write(f'--{GRENS}\r\nContent-Disposition: form-data; name="bestand"; filename="Jaarverslag 2025.pdf"\r\n'
                  f"Content-Type: application/pdf\r\n\r\n".encode())
        while blok := pdf.read(1024 * 1024):
            uit.write(blok)
        uit.write(f"\r\n--{GRENS}--\r\n".encode())


def _kind(pdf_pad, body_pad):
    _maak_pdf(pdf_pad)
    _maak_body(pdf_pad, body_pad)


def _data():
    from aanbesteding.models import Eis, Toetredingsmoment
    from core.kalender import nu
    from inschrijving import services
    from organisaties.models import Rol
    from tests.factories import LidmaatschapFactory, OrganisatieFactory
    from tests.inschrijving.factories import (
        AanbestedingFactory,
        EisFactory,
        PerceelFactory,
        ToetredingsmomentFactory,
    )

    a = AanbestedingFactory(slug="bench-upload")
    ToetredingsmomentFactory(aanbesteding=a, soort=Toetredingsmoment.Soort.CONTINU, opent_op=nu() - timedelta(days=30), sluit_op=None)
    perceel = PerceelFactory(aanbesteding=a, code="5.2", naam="Ambulante Jeugdhulp")
    eis = EisFactory(aanbesteding=a, code="Eis 53", antwoordtype=Eis.Antwoordtype.DOCUMENT, documentsoort="jaarverslag")
    org = OrganisatieFactory(naam="Zorgkracht Gooi B.V.")
    user = LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER).user
    insch = services.inschrijving_starten(aanbesteding=a, organisatie=org, door=user)
    services.percelen_kiezen(inschrijving=insch, percelen=[perceel], door=user)
    return user, insch, eis


def _verzoek(client, url, body_pad):
    from django.test.client import ClientHandler

    grootte = os.path.getsize(body_pad)
    environ = client._base_environ(
        PATH_INFO=url, REQUEST_METHOD="POST", CONTENT_TYPE=f"multipart/form-data; boundary={GRENS}",
        CONTENT_LENGTH=str(grootte), HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    with open(body_pad, "rb") as invoer:
        environ["wsgi.input"] = invoer
        return ClientHandler(enforce_csrf_checks=False)(environ)


def main():
    from django.test import Client

    from core import taken
    from core.models import Uitgaand
    from inschrijving import tasks
    from inschrijving.models import Bewijsstuk

    with tempfile.TemporaryDirectory() as tmp:
        pdf_pad, body_pad = os.path.join(tmp, "jaarverslag.pdf"), os.path.join(tmp, "body.bin")
        kind = multiprocessing.get_context("spawn").Process(target=_kind, args=(pdf_pad, body_pad))
        kind.start()
        kind.join()
        grootte = os.path.getsize(pdf_pad)
        print(f"PDF: {grootte / 1024 / 1024:.1f} MB, {PAGINAS} pagina's (gemaakt in een apart proces)")

        user, insch, eis = _data()
        client = Client()
        client.force_login(user)
        url = f"/mijn/inschrijvingen/{insch.pk}/eis/{eis.pk}/upload/"
        wachtrij: list[int] = []
        verzoek_ms, worker_ms, piek_mb, rss_mb, worker_piek_mb = [], [], [], [], []
        for run in range(1, RUNS + 1):
            rss_voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
            # A real broker: the task is queued (the outbox publishes it after the commit, ADR 0013), so the
            # request does not include the worker's time; the id of the queued check is taken from the outbox row.
            def onderscheppen(pk):
                wachtrij.append(Uitgaand.objects.get(pk=pk).args[0])

            with mock.patch.object(taken, "publiceren", side_effect=onderscheppen):
                tracemalloc.start()
                start = time.perf_counter()
                antwoord = _verzoek(client, url, body_pad)
                verzoek_ms.append((time.perf_counter() - start) * 1000)
                piek_mb.append(tracemalloc.get_traced_memory()[1] / 1024 / 1024)
                tracemalloc.stop()
            assert antwoord.status_code == 200, antwoord.content[:500]
            rss_mb.append((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_voor) / 1024)
            if not wachtrij:
                # The wallet knows this file (same sha256) from the first run: nothing new to check.
                print(f"run {run}: verzoek {verzoek_ms[-1]:7.0f} ms  (zelfde bestand al in de kluis: geen nieuwe controle)  "
                      f"tracemalloc-piek verzoek {piek_mb[-1]:6.1f} MB  groei ru_maxrss {rss_mb[-1]:6.1f} MB")
                continue
            stuk_id = wachtrij.pop()
            tracemalloc.start()
            start = time.perf_counter()
            tasks.bewijsstuk_controleren(stuk_id)
            worker_ms.append((time.perf_counter() - start) * 1000)
            worker_piek_mb.append(tracemalloc.get_traced_memory()[1] / 1024 / 1024)
            tracemalloc.stop()
            stuk = Bewijsstuk.objects.get(pk=stuk_id)
            assert stuk.paginas == PAGINAS and stuk.controle == Bewijsstuk.Controle.IN_ORDE
            print(f"run {run}: verzoek {verzoek_ms[-1]:7.0f} ms  worker {worker_ms[-1]:7.0f} ms  "
                  f"tracemalloc-piek verzoek {piek_mb[-1]:6.1f} MB  groei ru_maxrss {rss_mb[-1]:6.1f} MB  "
                  f"tracemalloc-piek worker {worker_piek_mb[-1]:6.1f} MB  tekst {len(stuk.tekst)} tekens")
        mb = grootte / 1024 / 1024
        print(f"mediaan: verzoek {statistics.median(verzoek_ms):.0f} ms, worker {statistics.median(worker_ms):.0f} ms")
        registreer({"p50_ms": statistics.median(verzoek_ms), "p95_ms": max(verzoek_ms), "queries": None,
                    "opmerking": f"{mb:.0f} MB PDF, {PAGINAS} pagina's"}, "upload: verzoek")
        registreer({"p50_ms": statistics.median(worker_ms), "p95_ms": max(worker_ms), "queries": None,
                    "opmerking": "tekstextractie in de worker"}, "upload: worker")
        print(f"geheugen webproces: tracemalloc-piek max {max(piek_mb):.1f} MB = {max(piek_mb) / mb:.2f} x bestandsgrootte; "
              f"groei ru_maxrss max {max(rss_mb):.1f} MB = {max(rss_mb) / mb:.2f} x bestandsgrootte "
              f"(eis: ver onder 2 x = {2 * mb:.0f} MB)")
