"""Links on the provider's "Mijn omgeving" page. Higher apps register theirs in AppConfig.ready(), so
organisaties never imports them (the layering of ARCHITECTURE.md)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse


@dataclass(frozen=True)
class PortaalLink:
    titel: str
    url_naam: str
    volgorde: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_naam)


_LINKS: dict[str, PortaalLink] = {}


def registreer_link(titel: str, url_naam: str, volgorde: int = 100) -> None:
    _LINKS[url_naam] = PortaalLink(titel, url_naam, volgorde)


def portaal_links() -> list[PortaalLink]:
    return sorted(_LINKS.values(), key=lambda link: (link.volgorde, link.titel))


def actieve_organisatie_of_404(request):
    """The organisation the user works for now (set by ActieveOrganisatieMiddleware, always one they are a
    member of); a provider page without one is simply not there."""
    if not request.organisatie:
        raise Http404("U bent nog geen lid van een organisatie.")
    return request.organisatie


# --- the provider's overview per region (issue 17) --------------------------------------------------------
# One organisation works in many regions; its overview groups what it has running there. The lines come from
# the higher apps (inschrijving, overeenkomst, sroi), registered like the links above, so this app imports none
# of them. Every source must read with a fixed number of queries: the overview of a provider in forty regions
# costs what the overview of a provider in one region costs.

PROCEDURES = "procedures"
OVEREENKOMSTEN = "overeenkomsten"
TAKEN = "taken"
RUBRIEKEN = {
    TAKEN: "Wat u nog moet doen",
    PROCEDURES: "Inschrijvingen",
    OVEREENKOMSTEN: "Overeenkomsten",
}


@dataclass(frozen=True)
class Overzichtsregel:
    """One line of the overview: an inschrijving, an agreement or a duty (with its deadline), in one region."""

    regio_id: int
    rubriek: str
    titel: str
    url: str
    status: str = ""
    uiterlijk: object = None  # date or datetime of a duty's deadline
    toelichting: str = ""


_OVERZICHTSBRONNEN: dict[str, Callable] = {}


def registreer_overzichtsbron(naam: str, bron: Callable) -> None:
    """``bron(organisatie)`` returns the organisation's Overzichtsregels, in a fixed number of queries."""
    _OVERZICHTSBRONNEN[naam] = bron


def overzichtsbronnen() -> list[Callable]:
    return [_OVERZICHTSBRONNEN[naam] for naam in sorted(_OVERZICHTSBRONNEN)]


# --- breadcrumbs (issue 12) -------------------------------------------------------------------------------------


def kruimelpad(*kruimels: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    """The breadcrumbs of a provider page: "Mijn omgeving" first, then ``kruimels`` as (title, url); the last one is
    the page itself (rendered without a link by includes/kruimelpad.html, from the ``kruimelpad`` context variable)."""
    return [("Mijn omgeving", reverse("organisaties:mijn")), *kruimels]
