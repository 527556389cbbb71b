"""What .ci/run leaves out of its PostgreSQL pass (issue 15: CI under 20 minutes) is named in one list, each entry
exists, and `make test` still runs all of it."""

import glob
from pathlib import Path

from tests.conftest import EENMAAL

ROOT = Path(__file__).resolve().parents[2]


def test_elk_patroon_vindt_testbestanden():
    for patroon in EENMAAL:
        assert glob.glob(str(ROOT / patroon)), patroon


def test_alleen_de_postgresql_pass_laat_eenmaal_weg():
    ci = (ROOT / ".ci" / "run").read_text()
    assert '-m "not browser and not services and not s3 and not eenmaal and not saml"' in ci
    assert "eenmaal" not in (ROOT / "Makefile").read_text()  # make test runs everything


def test_marker_staat_op_de_tests_uit_de_lijst_en_niet_daarbuiten():
    import pytest

    from tests.conftest import pytest_collection_modifyitems

    class Item:
        def __init__(self, pad):
            self.fspath, self.markers = ROOT / pad, []

        def add_marker(self, marker):
            self.markers.append(marker.name)

    items = [Item("tests/beveiliging/test_regios.py"), Item("tests/sroi/test_demo.py"),
             Item("tests/portal/test_ci_selectie.py"), Item("tests/overeenkomst/test_register.py")]
    pytest_collection_modifyitems(None, items)
    assert [i.markers for i in items] == [["eenmaal"], ["eenmaal"], [], []]
    assert pytest.mark.eenmaal.name == "eenmaal"


def test_ci_installeert_de_html_checker_op_de_versie_van_de_test():
    """Issue 12: the Nu HTML Checker (npm vnu-jar) is installed by .ci/run only, at the version the test pins, and
    the browser pass (which runs tests/browser/test_html.py) comes after it; make test needs no npm."""
    from tests.browser.test_html import VNU, VNU_VERSIE

    ci = (ROOT / ".ci" / "run").read_text()
    assert f"VNU_VERSIE={VNU_VERSIE}" in ci
    assert '--prefix .ci/node --ignore-scripts' in ci and '"vnu-jar@$VNU_VERSIE"' in ci
    assert ci.index("vnu-jar@") < ci.index("run_pytest -q -m browser")
    assert str(VNU).endswith(".ci/node/node_modules/vnu-jar/build/dist/vnu.jar")
    # run/test/serve need no npm: only the NL Design System re-vendoring script calls it (make nlds, ADR 0029)
    assert [r for r in (ROOT / "Makefile").read_text().splitlines() if "npm" in r and not r.startswith("#")] == []
    assert ".ci/node/" in (ROOT / ".gitignore").read_text()
