"""The SVG line charts of monitoring (contractbeheer/grafiek_monitoring.py): accessible (role, title, desc, a
title per point), escaped, no style attributes (CSP), and the geometry right on a worked example."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import defusedxml.ElementTree as ET

from contractbeheer.grafiek_monitoring import STOPLICHTKLEUR, beschrijving, getal, lijngrafiek, stip

NS = "{http://www.w3.org/2000/svg}"


@dataclass
class R:
    naam: str
    punten: list


def _reeksen():
    return [R("Perceel ambulant", [(date(2024, 1, 1), Decimal("-20")), (date(2025, 1, 1), Decimal("-26"))]),
            R("Perceel 5.10", [(date(2025, 1, 1), Decimal("-10"))])]


def test_getal_nederlands():
    assert [getal(x) for x in (Decimal("-26.00"), Decimal("8.25"), Decimal("7.50"), 3, None)] == [
        "-26", "8,25", "7,5", "3", "–"]


def test_geldig_svg_toegankelijk_en_zonder_style():
    svg = lijngrafiek(id_="kpi-7", titel="Kosten t.o.v. 2019", beschrijving="Twee jaar.", reeksen=_reeksen(),
                      eenheid="%", norm=Decimal("-25"), drempel=Decimal("-15"))
    boom = ET.fromstring(str(svg))  # well-formed XML
    assert boom.tag == f"{NS}svg" and boom.get("role") == "img"
    assert boom.get("aria-labelledby") == "kpi-7-titel kpi-7-desc"
    assert boom.find(f"{NS}title").text == "Kosten t.o.v. 2019" and boom.find(f"{NS}desc").text == "Twee jaar."
    assert "style" not in str(svg) and "<script" not in str(svg)
    lijnen = boom.findall(f"{NS}polyline")
    assert len(lijnen) == 2
    # The second series differs by dash pattern too, not only by colour.
    assert lijnen[0].get("stroke") != lijnen[1].get("stroke") and lijnen[1].get("stroke-dasharray")
    punten = [c.find(f"{NS}title").text for c in boom.iter(f"{NS}circle")]
    assert punten == ["Perceel ambulant, 01-2024: -20 %", "Perceel ambulant, 01-2025: -26 %",
                      "Perceel 5.10, 01-2025: -10 %"]
    titels = [t.text for t in boom.iter(f"{NS}title")]
    assert "norm: -25 %" in titels and "grens oranje/rood: -15 %" in titels


def test_geometrie():
    # Values -26..-10 with norm -25 and border -15: range -26..-10, 10 % margin = -27.6..-8.4 over 186 px high
    # (260 - 16 top - 58 bottom). The first date on the left edge (x 56), the last on the right (640-28 = 612):
    # the right margin leaves room for half of the last period label.
    svg = str(lijngrafiek(id_="g", titel="t", beschrijving="d", reeksen=_reeksen(), norm=Decimal("-25")))
    eerste = re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    (x1, y1), (x2, y2) = (tuple(map(float, p.split(","))) for p in eerste)
    assert (x1, x2) == (56.0, 612.0)
    hoogte = 186
    assert y1 == round(16 + hoogte * (1 - (-20 + 27.6) / 19.2), 1)
    assert y2 == round(16 + hoogte * (1 - (-26 + 27.6) / 19.2), 1)
    assert y2 > y1  # -26 lies below -20


def test_tekst_wordt_ontsnapt():
    svg = str(lijngrafiek(id_='x"><script>', titel="<script>alert(1)</script>", beschrijving="a & b",
                          reeksen=[R("<b>", [(date(2025, 1, 1), Decimal("1"))])]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a &amp; b" in svg and "&lt;b&gt;" in svg
    ET.fromstring(svg)


def test_zonder_cijfers_en_met_een_punt():
    leeg = str(lijngrafiek(id_="l", titel="Leeg", beschrijving="Nog geen cijfers.", reeksen=[R("a", [])]))
    assert "Nog geen cijfers</text>" in leeg and "<polyline" not in leeg
    ET.fromstring(leeg)
    een = str(lijngrafiek(id_="e", titel="Een", beschrijving="d", reeksen=[R("a", [(date(2025, 1, 1), Decimal(5))])]))
    assert 'cx="334.0"' in een  # a single point in the middle (56 + 556 / 2); flat range widened by ±1
    ET.fromstring(een)


def test_beschrijving_in_woorden():
    assert beschrijving("Kosten", _reeksen(), "%", Decimal("-25")) == (
        "Kosten. Perceel ambulant: 2 cijfers, laatste -26 % (01-2025); Perceel 5.10: 1 cijfers, laatste -10 % "
        "(01-2025). Norm: -25 %.")
    assert beschrijving("Leeg", [R("a", [])], "", None) == "Leeg. Nog geen cijfers."


def test_stip_met_woord():
    for kleur in ("groen", "oranje", "rood"):
        html = str(stip(kleur))
        assert html.endswith(f"</svg> {kleur}</span>") and STOPLICHTKLEUR[kleur] in html
        assert 'aria-hidden="true"' in html and "style" not in html
    assert "geen norm" in str(stip("geen"))
