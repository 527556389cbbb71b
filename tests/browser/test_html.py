"""Valid HTML (issue 12): the Nu HTML Checker (vnu.jar, the W3C validator; npm ``vnu-jar``, run on Java 17) finds
no error on the pages of the accessibility checks (tests/browser/paginas.py): the public site, the provider
portal and the project's own staff screens. Broken markup is what assistive technology trips over first (WCAG
4.1.1 in 2.0; duplicate ids and misnested elements still break labels and landmarks).

vnu.jar is installed by .ci/run only (``npm install --prefix .ci/node vnu-jar@…``; `make run` and `make test`
need no npm). Where it is missing the test FAILS instead of skipping, so a CI that lost the checker cannot turn
green. The checker starts slowly (a JVM): all pages go through one invocation. Marker ``browser``: it runs in the
same pass as the axe checks and needs the same world.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser import paginas

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

VNU_VERSIE = "26.9.27"  # pinned in .ci/run as well
VNU = Path(os.environ.get("VNU_JAR") or Path(settings.BASE_DIR) / ".ci/node/node_modules/vnu-jar/build/dist/vnu.jar")

# Inside the Wagtail admin the page around our content is Wagtail's (its head, sidebar and header), which we cannot
# change; an error the checker reports there is left out by its exact message, and every one says why. Our own
# templates render inside <main> and are checked in full.
WAGTAIL_EIGEN = [
]


def _vnu(bestanden: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java ontbreekt: de Nu HTML Checker (vnu.jar) draait op Java 17 (apt-get install openjdk-17-jre-headless).")
    if not VNU.is_file():
        pytest.fail(f"De Nu HTML Checker ontbreekt ({VNU}): .ci/run installeert hem met "
                    f"`npm install --prefix .ci/node --ignore-scripts vnu-jar@{VNU_VERSIE}`.")
    uit = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always",
                          *map(str, bestanden)], capture_output=True, text=True, timeout=600)
    # vnu writes its JSON report to stderr.
    return json.loads(uit.stderr or "{}").get("messages", [])


def test_nu_html_checker_vindt_geen_fouten(client, wereld, tmp_path):
    lijst = paginas.publieke_paginas(wereld) + paginas.aanbieder_paginas(wereld)
    goed, fout = paginas.bereikbaar(client, wereld, lijst, streng=True)
    beheer, _ = paginas.bereikbaar(client, wereld, paginas.beheer_paginas(wereld), streng=False)
    assert fout == {}
    bestanden = {}
    for nummer, (pagina, html) in enumerate(goed + beheer):
        pad = tmp_path / f"pagina-{nummer:03d}.html"
        pad.write_bytes(html)
        bestanden[pad.name] = pagina.pad
    meldingen = _vnu([tmp_path / naam for naam in bestanden])
    fouten: dict[str, list[str]] = {}
    for m in meldingen:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        if any(m.get("message", "").startswith(tekst) for tekst in WAGTAIL_EIGEN):
            continue
        url = m.get("url", "?")
        pagina = bestanden.get(url.rsplit("/", 1)[-1], url)
        fouten.setdefault(pagina, []).append(f"r.{m.get('lastLine', '?')}: {m.get('message')} {m.get('extract', '')!r}"[:300])
    assert fouten == {}, json.dumps(fouten, indent=1, ensure_ascii=False)
    assert len(bestanden) >= 90
