"""The pages the accessibility, reflow and HTML checks run over (issue 12): the public site, the provider portal
and the project's own staff screens, on one world with an object of every kind.

The world is the security tests' (tests/beveiliging/wereld.py, with its staff side) plus a draft inschrijving in a
window that is open today, with an eis of every answer type, so every step of the provider flow renders with
content. Pages are collected from the live URL resolver where that is possible (every staff screen of our apps,
every provider list page), so a new screen is checked without anyone editing this file; a page that does not
answer 200 with HTML for its user is a failure, not silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

PUBLIEKE_PROCEDURE = "jeugdhulp-voorzieningen"


@dataclass(frozen=True)
class Pagina:
    pad: str
    wie: str  # "anoniem", "aanbieder" or the attribute of the staff member on the world


def _open_concept(w, aanbieder_beheerder):
    """A draft in a window open today: percelen chosen, an eis of every answer type, a member, so that the task
    list, the eis pages and the overview have content."""
    from aanbesteding.models import Eis
    from inschrijving import services
    from tests.inschrijving.factories import (
        AanbestedingFactory,
        EisFactory,
        PerceelFactory,
        ToetredingsmomentFactory,
    )

    nu = timezone.now()
    ab = AanbestedingFactory(titel="Jeugdhulp Gooi (open ronde)", slug="jeugdhulp-gooi-open-ronde")
    ToetredingsmomentFactory(aanbesteding=ab, naam="Open ronde", opent_op=nu - timedelta(days=3),
                             sluit_op=nu + timedelta(days=21))
    p1 = PerceelFactory(aanbesteding=ab, code="5.1", naam="Ambulante Jeugd GGZ", volgorde=1)
    PerceelFactory(aanbesteding=ab, code="5.7", naam="Pleegzorg", volgorde=2)
    eisen = SimpleNamespace(
        verklaring=EisFactory(aanbesteding=ab, code="Formulier E", titel="Geen uitsluitingsgronden",
                              soort=Eis.Soort.UITSLUITINGSGROND, antwoordtype=Eis.Antwoordtype.JA_NEE, volgorde=1),
        document=EisFactory(aanbesteding=ab, code="TD 2.7", titel="Uittreksel Kamer van Koophandel",
                            soort=Eis.Soort.GESCHIKTHEIDSEIS, antwoordtype=Eis.Antwoordtype.DOCUMENT,
                            documentsoort="kvk_uittreksel", max_leeftijd_maanden=3, volgorde=2,
                            tekst="Uittreksel KvK, niet ouder dan drie maanden."),
        tekst=EisFactory(aanbesteding=ab, perceel=p1, code="5.1 werkwijze", titel="Werkwijze ambulante hulp",
                         antwoordtype=Eis.Antwoordtype.TEKST, max_woorden=200, volgorde=3,
                         tekst="Beschrijf in maximaal 200 woorden hoe u de hulp organiseert."),
        getal=EisFactory(aanbesteding=ab, code="G4", titel="Aantal gekwalificeerde medewerkers",
                         antwoordtype=Eis.Antwoordtype.GETAL, volgorde=4, tekst="Hoeveel SKJ-geregistreerde medewerkers?"),
    )
    from tests.cms.conftest import procedurepagina_voor

    procedurepagina_voor(ab)  # the procedure page with its call to action for a logged-in provider
    concept = services.inschrijving_starten(aanbesteding=ab, organisatie=w.org, door=aanbieder_beheerder)
    services.percelen_kiezen(inschrijving=concept, percelen=[p1], door=aanbieder_beheerder)
    return SimpleNamespace(aanbesteding=ab, inschrijving=concept, perceel=p1, eisen=eisen)


def bouw(*, aanbieder, aanbieder_beheerder, andere_aanbieder, andere_beheerder, contractmanager, inkoper,
         beoordelaar, sroi_adviseur, platformbeheerder):
    """The world, with the public site of tests/browser/conftest.py built by the caller."""
    from tests.beveiliging.wereld import bouw_wereld

    w = bouw_wereld(org=aanbieder, beheerder=aanbieder_beheerder, andere_org=andere_aanbieder,
                    andere_beheerder=andere_beheerder, contractmanager=contractmanager, inkoper=inkoper,
                    beoordelaar=beoordelaar)
    w.inkoper, w.contractmanager, w.beoordelaar = inkoper, contractmanager, beoordelaar
    w.sroi_adviseur, w.platformbeheerder = sroi_adviseur, platformbeheerder
    w.open = _open_concept(w, aanbieder_beheerder)
    return w


def publieke_paginas(w) -> list[Pagina]:
    p = f"/procedures/{PUBLIEKE_PROCEDURE}"
    paden = [
        "/", "/procedures/", f"{p}/", f"{p}/productenboek/", f"{p}/productenboek/2025/",
        f"{p}/productenboek/2025/verschil/", f"{p}/register/", f"{p}/register/?tab=onderaannemers", f"{p}/vragen/",
        "/zoeken/", "/zoeken/?q=Tussenvoorziening", "/regio/gooi/",
        "/woo/", f"/woo/{w.aanbesteding.slug}/",
        "/verifieren/", "/toegankelijkheid/",
        "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
    ]
    return [Pagina(pad, "anoniem") for pad in paden]


def aanbieder_paginas(w) -> list[Pagina]:
    """The provider's list pages (from the resolver), every object page of the security world, and the steps of
    the open draft."""
    from tests.beveiliging.test_idor import GET_URLS, OBJECT_URLS
    from tests.beveiliging.urls import aanbieder_urls

    zonder_id = [u.pad() for u in aanbieder_urls() if not u.parameters]
    # Downloads and status fragments are not pages.
    geen_pagina = ("download", "brief", "sjabloon", "bestand", "bijlage", "ontvangstbewijs", "proces_verbaal",
                   "status", "plan_downloaden", "bewijs_downloaden", "ontvangstbevestiging")
    met_id = [reverse(n, args=OBJECT_URLS[n][0](w)) for n in GET_URLS
              if not any(d in n.split(":")[1] for d in geen_pagina)]
    o = w.open
    insch = o.inschrijving.pk
    stappen = [
        reverse("inschrijving:detail", args=[insch]), reverse("inschrijving:percelen", args=[insch]),
        reverse("inschrijving:verklaring", args=[insch]), reverse("inschrijving:eisen", args=[insch]),
        reverse("inschrijving:eisen_perceel", args=[insch, o.perceel.pk]),
        *[reverse("inschrijving:eis", args=[insch, e.pk]) for e in vars(o.eisen).values()],
        reverse("inschrijving:leden", args=[insch]), reverse("inschrijving:overzicht", args=[insch]),
        f"/procedures/{o.aanbesteding.slug}/",
    ]
    gezien, uit = set(), []
    for pad in zonder_id + met_id + stappen:
        if pad not in gezien:
            gezien.add(pad)
            uit.append(Pagina(pad, "aanbieder"))
    return uit


def beheer_paginas(w) -> list[Pagina]:
    """Every staff screen our apps add to the Wagtail admin (not Wagtail's own pages, not the snippet viewsets),
    opened by the first staff member allowed to, with the world's ids; POST-only views and file downloads are
    left out by what they answer (see ``bereikbaar``)."""
    from tests.beveiliging.test_admin import EIGEN_SCHERMEN, _toegestaan, _waarden

    uit = []
    for url in EIGEN_SCHERMEN:
        wie = sorted(_toegestaan(url))
        if not wie:
            continue  # Wagtail's reports: superusers only, Wagtail's own screens
        uit.append(Pagina(url.pad(_waarden(url, w)), wie[0]))
    return uit


def gebruiker(w, wie):
    return None if wie == "anoniem" else (w.beheerder if wie == "aanbieder" else getattr(w, wie))


def html_van(client, w, pagina: Pagina):
    """(status, content type, body) of the page for its user, through the Django test client."""
    from tests.conftest import log_in_met_mfa

    user = gebruiker(w, pagina.wie)
    if getattr(client, "_a11y_wie", None) != pagina.wie:  # log in once per user, not per page
        client.logout()
        if user is not None:
            if user.is_staff:
                log_in_met_mfa(client, user)
            else:
                client.force_login(user)
        client._a11y_wie = pagina.wie
    antwoord = client.get(pagina.pad)
    inhoud = b"".join(antwoord.streaming_content) if antwoord.streaming else antwoord.content
    return antwoord.status_code, antwoord.get("Content-Type", ""), inhoud


def bereikbaar(client, w, paginas: list[Pagina], *, streng: bool) -> tuple[list[tuple[Pagina, bytes]], dict]:
    """The pages that answer 200 with HTML, with that HTML. A redirect (a step that sends the user on), a file or
    a POST-only URL (405) is not a page; with ``streng`` a refusal (4xx) is reported as a failure too: the world
    lacks what the page needs."""
    goed, fout = [], {}
    for p in paginas:
        status, soort, html = html_van(client, w, p)
        if status == 200 and soort.startswith("text/html"):
            goed.append((p, html))
        elif status >= 500 or (streng and status >= 400 and status != 405):
            fout[p.pad] = f"{status} {soort}"
    return goed, fout
