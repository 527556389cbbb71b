"""Server-rendered SVG line charts for the monitoring pages (issue 14: no JavaScript, no CDN).

Pure Python, no dependencies. Accessible: the ``<svg>`` is ``role="img"`` labelled by its ``<title>`` and
``<desc>`` (the desc states the latest value of every series and the norm in words), each point carries its own
``<title>`` (a tooltip and a screen-reader label), series differ in dash pattern as well as in colour, and the
page shows the same figures in a table next to the chart. Only SVG presentation attributes (stroke=, fill=) are
used, never a ``style`` attribute, so the Content-Security-Policy stays strict. Every text is escaped.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colour-blind safe palette (Okabe-Ito) with a dash pattern per series, so colour is never the only cue.
KLEUREN = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
STREPEN = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4")
STOPLICHTKLEUR = {"groen": "#1a7f37", "oranje": "#b35900", "rood": "#c62828", "geen": "#767676"}


def getal(w: Decimal | float | int | None) -> str:
    """Dutch notation: decimal comma, no trailing ",00" for whole numbers."""
    if w is None:
        return "–"
    d = Decimal(str(w))
    if d == d.to_integral_value():
        return f"{int(d)}"
    return f"{d.normalize():f}".replace(".", ",")


def _x_label(d: date) -> str:
    return f"{d:%m-%Y}"


def _schaal(waarden: list[Decimal]) -> tuple[float, float]:
    laag, hoog = float(min(waarden)), float(max(waarden))
    if laag == hoog:
        laag, hoog = laag - 1, hoog + 1
    marge = (hoog - laag) * 0.1
    return laag - marge, hoog + marge


def lijngrafiek(*, id_: str, titel: str, beschrijving: str, reeksen: list, eenheid: str = "",
                norm: Decimal | None = None, drempel: Decimal | None = None, breedte: int = 640,
                hoogte: int = 260) -> SafeString:
    """A line chart of ``reeksen`` (objects with ``naam`` and ``punten`` [(date, value)]) with optional
    horizontal lines for the norm (groen) and the orange threshold. ``id_`` makes the title/desc ids unique on
    the page. The x axis is the ordered union of the series' dates (periods are evenly spaced)."""
    id_ = escape(id_)
    datums = sorted({d for r in reeksen for d, _ in r.punten})
    waarden = [w for r in reeksen for _, w in r.punten] + [x for x in (norm, drempel) if x is not None]
    # The right margin holds half of the last period label ("07-2026" is ~40 px at 11 px).
    links, rechts, boven, onder = 56, 28, 16, 58
    binnen_b, binnen_h = breedte - links - rechts, hoogte - boven - onder
    delen = [f'<svg xmlns="http://www.w3.org/2000/svg" class="monitoring-grafiek" role="img" '
             f'viewBox="0 0 {breedte} {hoogte}" width="{breedte}" height="{hoogte}" '
             f'aria-labelledby="{id_}-titel {id_}-desc">',
             f'<title id="{id_}-titel">{escape(titel)}</title>',
             f'<desc id="{id_}-desc">{escape(beschrijving)}</desc>']
    if not datums:
        delen.append(f'<text x="{breedte // 2}" y="{hoogte // 2}" text-anchor="middle" font-size="14" '
                     f'fill="#333">Nog geen cijfers</text></svg>')
        return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped
    laag, hoog = _schaal(waarden)

    def x(d: date) -> float:
        i = datums.index(d)
        return links + (binnen_b * i / (len(datums) - 1) if len(datums) > 1 else binnen_b / 2)

    def y(w) -> float:
        return boven + binnen_h * (1 - (float(w) - laag) / (hoog - laag))

    # Axes and five horizontal grid lines with their values.
    delen.append('<g font-size="11" fill="#333">')
    for i in range(5):
        w = laag + (hoog - laag) * i / 4
        yy = y(w)
        delen.append(f'<line x1="{links}" y1="{yy:.1f}" x2="{breedte - rechts}" y2="{yy:.1f}" stroke="#ddd"/>')
        delen.append(f'<text x="{links - 6}" y="{yy + 4:.1f}" text-anchor="end">'
                     f'{escape(getal(round(Decimal(str(w)), 1)))}</text>')
    stap = max(1, len(datums) // 8)
    for i, d in enumerate(datums):
        if i % stap == 0 or i == len(datums) - 1:
            delen.append(f'<text x="{x(d):.1f}" y="{boven + binnen_h + 16}" text-anchor="middle">'
                         f'{escape(_x_label(d))}</text>')
    delen.append(f'<line x1="{links}" y1="{boven + binnen_h}" x2="{breedte - rechts}" y2="{boven + binnen_h}" '
                 f'stroke="#333"/>')
    delen.append("</g>")
    for waarde, naam, kleur in ((norm, "norm", STOPLICHTKLEUR["groen"]),
                                (drempel, "grens oranje/rood", STOPLICHTKLEUR["oranje"])):
        if waarde is not None:
            yy = y(waarde)
            delen.append(f'<line x1="{links}" y1="{yy:.1f}" x2="{breedte - rechts}" y2="{yy:.1f}" stroke="{kleur}" '
                         f'stroke-width="1.5" stroke-dasharray="4 4"><title>{escape(naam)}: '
                         f'{escape(getal(waarde))} {escape(eenheid)}</title></line>')
    for i, r in enumerate(reeksen):
        kleur, streep = KLEUREN[i % len(KLEUREN)], STREPEN[i % len(STREPEN)]
        punten = " ".join(f"{x(d):.1f},{y(w):.1f}" for d, w in r.punten)
        dash = f' stroke-dasharray="{streep}"' if streep else ""
        delen.append(f'<polyline points="{punten}" fill="none" stroke="{kleur}" stroke-width="2"{dash}/>')
        for d, w in r.punten:
            delen.append(f'<circle cx="{x(d):.1f}" cy="{y(w):.1f}" r="3.5" fill="{kleur}"><title>'
                         f'{escape(r.naam)}, {escape(_x_label(d))}: {escape(getal(w))} {escape(eenheid)}'
                         f'</title></circle>')
    # Legend under the axis labels.
    lx = links
    for i, r in enumerate(reeksen):
        kleur, streep = KLEUREN[i % len(KLEUREN)], STREPEN[i % len(STREPEN)]
        dash = f' stroke-dasharray="{streep}"' if streep else ""
        ly = hoogte - 14
        delen.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 24}" y2="{ly}" stroke="{kleur}" stroke-width="2"{dash}/>'
                     f'<text x="{lx + 28}" y="{ly + 4}" font-size="11" fill="#333">{escape(r.naam)}</text>')
        lx += 40 + 7 * len(r.naam)
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped


def beschrijving(titel: str, reeksen: list, eenheid: str, norm: Decimal | None) -> str:
    """The chart's ``<desc>`` in words: per series the number of figures and the latest value, and the norm."""
    delen = []
    for r in reeksen:
        if r.punten:
            d, w = r.punten[-1]
            delen.append(f"{r.naam}: {len(r.punten)} cijfers, laatste {getal(w)} {eenheid} ({_x_label(d)})")
    tekst = f"{titel}. " + ("; ".join(delen) if delen else "Nog geen cijfers") + "."
    if norm is not None:
        tekst += f" Norm: {getal(norm)} {eenheid}."
    return tekst


def stip(kleur: str) -> SafeString:
    """A traffic-light dot followed by its word (the word carries the meaning, the dot helps the eye)."""
    woord = {"groen": "groen", "oranje": "oranje", "rood": "rood"}.get(kleur, "geen norm")
    vul = STOPLICHTKLEUR.get(kleur, STOPLICHTKLEUR["geen"])
    return mark_safe(  # noqa: S308 - fixed strings only
        f'<span class="stoplicht stoplicht-{woord.replace(" ", "-")}"><svg width="12" height="12" '
        f'viewBox="0 0 12 12" aria-hidden="true" focusable="false"><circle cx="6" cy="6" r="5" fill="{vul}"/>'
        f'</svg> {woord}</span>'
    )
