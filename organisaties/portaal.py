"""Links on the provider's "Mijn omgeving" page. Higher apps register theirs in AppConfig.ready(), so
organisaties never imports them (the layering of ARCHITECTURE.md)."""

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
