"""A region's colours on its public pages (issue 17), as a small stylesheet per region.

No ``style=""`` attributes and no inline CSS: a strict Content-Security-Policy (style-src 'self') is coming, so
the colours arrive as a cacheable stylesheet at /regio/<slug>/huisstijl.css that sets the custom properties the
site's CSS already uses. The model validates the colours, but a value that bypassed validation (a raw update, an
old row) must still never reach CSS: every value is checked again here and replaced by the portal's default.
"""

import hashlib
import re

from organisaties.models import MINIMAAL_CONTRAST, contrast_met_wit

KLEUR = re.compile(r"#[0-9a-fA-F]{6}")
STANDAARD_PRIMAIR = "#154273"  # portal/static/portal/site.css
STANDAARD_ACCENT = "#E5A000"


def veilige_kleur(waarde, standaard: str) -> str:
    """``waarde`` when it is exactly #RRGGBB, else ``standaard``: nothing else can end up in the stylesheet."""
    return waarde if isinstance(waarde, str) and KLEUR.fullmatch(waarde) else standaard


def kleuren(regio) -> tuple[str, str]:
    primair = veilige_kleur(regio.kleur_primair, STANDAARD_PRIMAIR)
    # White text on the primary colour (header, buttons): below 4.5:1 it falls back, as the model would refuse it.
    if contrast_met_wit(primair) < MINIMAAL_CONTRAST:
        primair = STANDAARD_PRIMAIR
    return primair, veilige_kleur(regio.kleur_accent, STANDAARD_ACCENT)


def stylesheet(regio) -> str:
    primair, accent = kleuren(regio)
    return f":root {{\n  --kleur-primair: {primair};\n  --kleur-accent: {accent};\n}}\n"


def versie(regio) -> str:
    """Part of the stylesheet's URL, so a changed colour is fetched at once while the file is cached long."""
    return hashlib.sha256("".join(kleuren(regio)).encode()).hexdigest()[:10]


def url(regio) -> str:
    return f"/regio/{regio.slug}/huisstijl.css?v={versie(regio)}"
