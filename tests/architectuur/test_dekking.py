"""Tests grow with the code (DEVELOPERS.md, issue 10): per app at least as many test lines as source lines,
every service named in its app's tests, and every audit action asserted somewhere in that app's tests."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["core", "organisaties", "aanbesteding", "inschrijving", "toetsing", "overeenkomst", "sroi", "contractbeheer", "woo", "cms", "portal"]
DOMEINAPPS = APPS[1:-1]


def _regels(paden) -> int:
    """Non-blank lines of Python; migrations are generated and do not count."""
    return sum(
        1
        for pad in paden
        if "migrations" not in pad.parts
        for regel in pad.read_text(encoding="utf-8").splitlines()
        if regel.strip()
    )


def _testtekst(app: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / app).rglob("*.py")))


@pytest.mark.parametrize("app", APPS)
def test_minstens_evenveel_testregels_als_bronregels(app):
    bron = _regels((ROOT / app).rglob("*.py"))
    tests = _regels((ROOT / "tests" / app).rglob("*.py"))
    assert tests >= bron, f"{app}: {tests} testregels tegen {bron} bronregels ({tests / bron:.2f}×)"


def _servicemodules(app: str):
    enkel = ROOT / app / "services.py"
    if enkel.exists():
        yield enkel
    yield from sorted((ROOT / app / "services").glob("*.py"))


@pytest.mark.parametrize("app", DOMEINAPPS)
def test_elke_service_heeft_tests_in_zijn_app(app):
    tekst = _testtekst(app)
    ontbreekt = []
    for pad in _servicemodules(app):
        for node in ast.parse(pad.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.FunctionDef)
                and not node.name.startswith("_")
                and not re.search(rf"\b{re.escape(node.name)}\b", tekst)
            ):
                ontbreekt.append(f"{pad.relative_to(ROOT)}: {node.name}")
    assert ontbreekt == [], "\n".join(ontbreekt)


def _auditacties(app: str) -> dict[str, str]:
    acties = {}
    for pad in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in pad.parts:
            continue
        for node in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "audit"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                acties.setdefault(node.args[0].value, f"{pad.relative_to(ROOT)}:{node.lineno}")
    return acties


@pytest.mark.parametrize("app", DOMEINAPPS)
def test_elke_auditactie_wordt_getest(app):
    """Each audit action a service writes is asserted by a test of that app (the literal appears there)."""
    tekst = _testtekst(app)
    ontbreekt = [f"{plaats}: {actie}" for actie, plaats in _auditacties(app).items() if f'"{actie}"' not in tekst]
    assert ontbreekt == [], "\n".join(ontbreekt)
