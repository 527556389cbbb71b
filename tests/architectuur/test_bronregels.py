"""Static rules on the source (ADR 0009): transitions only through the owner's machine, one clock.

These read the apps' Python files with ``ast``; they fail with file:line so the fix is obvious.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

from core.toestand import machines
from tests.eigendom import APPS

ROOT = Path(__file__).resolve().parents[2]


def _bronbestanden():
    for app in APPS:
        for pad in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in pad.parts:
                continue
            yield pad


def _boom(pad: Path):
    return ast.parse(pad.read_text(encoding="utf-8"), filename=str(pad))


def _statusvelden() -> set[str]:
    return {machine.veld for _, machine in machines(apps.get_models())}


def _plaats(pad: Path, node) -> str:
    return f"{pad.relative_to(ROOT)}:{node.lineno}"


def test_er_zijn_toestandsmachines():
    assert _statusvelden(), "geen enkel model declareert een Toestandsmachine"


def test_status_alleen_via_de_toestandsmachine():
    """``x.status = ...`` and ``.update(status=...)`` are the machine's job (``zet`` / ``bijwerken``)."""
    velden = _statusvelden()
    fout = []
    for pad in _bronbestanden():
        if pad.relative_to(ROOT).as_posix() == "core/toestand.py":
            continue
        for node in ast.walk(_boom(pad)):
            doelen = []
            if isinstance(node, ast.Assign):
                doelen = node.targets
            elif isinstance(node, ast.AugAssign | ast.AnnAssign):
                doelen = [node.target]
            for doel in doelen:
                for deel in ast.walk(doel):
                    if isinstance(deel, ast.Attribute) and deel.attr in velden and isinstance(deel.ctx, ast.Store):
                        fout.append(f"{_plaats(pad, node)} zet .{deel.attr} buiten de toestandsmachine")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "update"
                and any(k.arg in velden for k in node.keywords)
            ):
                fout.append(f"{_plaats(pad, node)} .update() van een statusveld buiten de toestandsmachine")
    assert fout == [], "\n".join(fout)


@pytest.mark.parametrize("aanroep", ["timezone.now", "timezone.localdate", "datetime.now", "date.today"])
def test_een_klok(aanroep):
    """Every 'now' comes from core.kalender (nu(), vandaag()), so a frozen clock freezes all of it."""
    module, functie = aanroep.split(".")
    fout = []
    for pad in _bronbestanden():
        if pad.relative_to(ROOT).as_posix() == "core/kalender.py":
            continue
        for node in ast.walk(_boom(pad)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == functie
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == module
            ):
                fout.append(f"{_plaats(pad, node)} roept {aanroep}() aan; gebruik core.kalender")
    assert fout == [], "\n".join(fout)


def test_geen_importerror_terugval():
    """No ``except ImportError`` fallbacks for code that is 'not merged yet' (ARCHITECTURE.md rule 13)."""
    fout = []
    for pad in _bronbestanden():
        for node in ast.walk(_boom(pad)):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                namen = [n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)]
                if {"ImportError", "ModuleNotFoundError"} & set(namen):
                    fout.append(f"{_plaats(pad, node)} vangt ImportError af")
    assert fout == [], "\n".join(fout)


def test_geen_post_save_als_werkstroomstap():
    """Model signals (post_save and friends) do not drive workflow steps; ADR 0002/0009 name the domain
    signals that decouple a lower app from a higher one. The one exception is the public page cache (ADR 0021):
    its model signals only forget rendered copies of public pages and drive no step."""
    toegestaan = {ROOT / "core" / "paginacache.py"}
    fout = []
    for pad in _bronbestanden():
        if pad in toegestaan:
            continue
        for node in ast.walk(_boom(pad)):
            if isinstance(node, ast.Attribute) and node.attr in {"post_save", "pre_save", "post_delete", "m2m_changed"}:
                fout.append(f"{_plaats(pad, node)} gebruikt {node.attr}")
            if isinstance(node, ast.alias) and node.name in {"post_save", "pre_save", "post_delete", "m2m_changed"}:
                fout.append(f"{pad.relative_to(ROOT)} importeert {node.name}")
    assert fout == [], "\n".join(fout)


def test_geen_handmatig_geparste_post_in_views():
    """Views parse input with a Form; ``request.POST[...]``/``.get(...)``/``.getlist(...)`` is for forms."""
    fout = []
    for pad in _bronbestanden():
        if not pad.name.endswith("views.py") and pad.name not in {"api.py", "wagtail_hooks.py"}:
            continue
        for node in ast.walk(_boom(pad)):
            basis = None
            if isinstance(node, ast.Subscript):
                basis = node.value
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"get", "getlist"}:
                basis = node.func.value
            if (
                isinstance(basis, ast.Attribute)
                and basis.attr == "POST"
                and isinstance(basis.value, ast.Name)
                and basis.value.id == "request"
            ):
                fout.append(f"{_plaats(pad, node)} leest request.POST zelf")
    assert fout == [], "\n".join(fout)
