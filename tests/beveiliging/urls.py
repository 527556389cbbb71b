"""The URL inventory the security tests run over, read from the live resolver (so a new URL is covered, or
makes the completeness tests fail, without anyone editing this file)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

EIGEN_APPS = ("aanbesteding", "inschrijving", "toetsing", "overeenkomst", "sroi", "contractbeheer", "woo", "cms", "core", "organisaties")


@dataclass(frozen=True)
class Url:
    route: str  # e.g. "mijn/inschrijvingen/<int:pk>/"
    naam: str  # namespaced, e.g. "inschrijving:detail"
    view: str  # dotted path of the view function or class

    @property
    def app(self) -> str:
        return self.view.split(".")[0]

    @property
    def parameters(self) -> list[tuple[str, str]]:
        if "(?P<" in self.route:
            return [("re", naam) for naam in re.findall(r"\(\?P<(\w+)>", self.route)]
        return re.findall(r"<(?:(\w+):)?(\w+)>", self.route)

    def pad(self, waarden: dict | None = None) -> str:
        """The path with every parameter filled: from ``waarden`` by name, else 1 (int) or "x"."""
        waarden = waarden or {}
        if "(?P<" in self.route:
            # A re_path (Wagtail's revision compare): let the resolver fill it.
            return reverse(self.naam, kwargs={n: str(waarden.get(n, 1)) for _, n in self.parameters})

        def vul(m):
            conv, naam = m.group(1) or "str", m.group(2)
            return str(waarden.get(naam, 1 if conv == "int" else "x"))

        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", vul, self.route)


def _loop(patronen, prefix="", ns=""):
    for p in patronen:
        if isinstance(p, URLResolver):
            yield from _loop(p.url_patterns, prefix + str(p.pattern), f"{ns}{p.namespace}:" if p.namespace else ns)
        elif isinstance(p, URLPattern):
            cb = p.callback
            klasse = getattr(cb, "view_class", None)
            doel = klasse or cb
            # Wagtail wraps admin views in decorators; functools.wraps keeps the original module and name.
            view = f"{getattr(doel, '__module__', '?')}.{getattr(doel, '__qualname__', getattr(doel, '__name__', '?'))}"
            yield Url(prefix + str(p.pattern), f"{ns}{p.name}" if p.name else "", view), cb


def alle_urls() -> list[tuple[Url, object]]:
    return list(_loop(get_resolver().url_patterns))


def eigen_urls() -> list[Url]:
    """Every URL whose view lives in one of our apps (Wagtail/allauth internals excluded)."""
    return [u for u, _ in alle_urls() if u.app in EIGEN_APPS]


def aanbieder_urls() -> list[Url]:
    """The provider portal: everything under /mijn/."""
    return [u for u in eigen_urls() if u.route.startswith("mijn/")]


def admin_urls() -> list[Url]:
    """Staff screens our apps add to the Wagtail admin: custom views (register_admin_urls) and the snippet
    viewsets of our models, except the login redirect (which must stay reachable)."""
    uit = []
    for u, _ in alle_urls():
        if not u.route.startswith("admin/") or u.naam == "wagtailadmin_login":
            continue
        eigen_view = u.app in EIGEN_APPS
        eigen_snippet = re.match(rf"admin/snippets/({'|'.join(EIGEN_APPS)})/", u.route) is not None
        if eigen_view or eigen_snippet:
            uit.append(u)
    return uit
