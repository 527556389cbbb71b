"""Reads of organisations and members, scoped by user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef

from core.kalender import TZ

from .models import Bericht, BerichtGelezen, Lidmaatschap, Regio, Uitnodiging
from .portaal import OVEREENKOMSTEN, PROCEDURES, RUBRIEKEN, TAKEN, Overzichtsregel, overzichtsbronnen


def leden_van(organisatie):
    return Lidmaatschap.objects.filter(organisatie=organisatie).select_related("user").order_by("user__email")


def open_uitnodigingen_van(organisatie):
    return Uitnodiging.objects.open().filter(organisatie=organisatie).select_related("uitgenodigd_door")


# --- one organisation across regions (issue 17) -----------------------------------------------------------


def _sorteermoment(waarde) -> datetime:
    """Deadlines come as dates (addenda, SROI reports) or datetimes (herstelverzoeken); compare them as one."""
    if waarde is None:
        return datetime.max.replace(tzinfo=TZ)
    if isinstance(waarde, datetime):
        return waarde
    return datetime.combine(waarde, time.max, tzinfo=TZ)


@dataclass
class RegioOverzicht:
    """What one organisation has running in one region: duties first, then inschrijvingen and agreements."""

    regio: Regio
    taken: list[Overzichtsregel] = field(default_factory=list)
    procedures: list[Overzichtsregel] = field(default_factory=list)
    overeenkomsten: list[Overzichtsregel] = field(default_factory=list)

    @property
    def rubrieken(self) -> list[tuple[str, list[Overzichtsregel]]]:
        """(Dutch heading, lines) per non-empty kind, in the order a provider acts on them."""
        paren = [(TAKEN, self.taken), (PROCEDURES, self.procedures), (OVEREENKOMSTEN, self.overeenkomsten)]
        return [(RUBRIEKEN[code], regels) for code, regels in paren if regels]

    @property
    def regiopagina(self) -> str:
        # The public landing page of the region (issue 17: /regio/<slug>/).
        return f"/regio/{self.regio.slug}/"


def overzicht_per_regio(organisatie) -> list[RegioOverzicht]:
    """The organisation's inschrijvingen, agreements and open duties grouped by region, regions by name.

    Regions where it has nothing are left out. The sources (registered by the higher apps) each read with a
    fixed number of queries and the regions come in one more, so the count does not grow with regions or
    procedures.
    """
    if organisatie is None:
        return []
    regels = [regel for bron in overzichtsbronnen() for regel in bron(organisatie)]
    regios = Regio.objects.in_bulk({r.regio_id for r in regels})
    per_regio: dict[int, RegioOverzicht] = {}
    for regel in regels:
        overzicht = per_regio.get(regel.regio_id)
        if overzicht is None:
            overzicht = per_regio[regel.regio_id] = RegioOverzicht(regios[regel.regio_id])
        getattr(overzicht, regel.rubriek).append(regel)
    for overzicht in per_regio.values():
        overzicht.taken.sort(key=lambda r: (_sorteermoment(r.uiterlijk), r.titel))
    return sorted(per_regio.values(), key=lambda o: o.regio.naam)


BERICHTEN_PER_PAGINA = 25


@dataclass
class Inbox:
    pagina: Page  # the messages of this page, each annotated with ``gelezen`` for the user
    regios: list[Regio]  # every region the organisation has messages from: the filter's choices
    regio: Regio | None  # the chosen filter, None = all regions
    ongelezen: int


def _berichten(organisatie, user):
    return Bericht.objects.filter(organisatie=organisatie).annotate(
        is_gelezen=Exists(BerichtGelezen.objects.filter(bericht=OuterRef("pk"), user=user)))


def aantal_ongelezen(organisatie, user) -> int:
    """Messages of the organisation this member has not opened (the count in the portal's navigation)."""
    if organisatie is None or not getattr(user, "is_authenticated", False):
        return 0
    return Bericht.objects.filter(organisatie=organisatie).exclude(gelezen__user=user).count()


def inbox(organisatie, user, *, regio_slug: str = "", pagina=1) -> Inbox | None:
    """The organisation's messages of every region, newest first, BERICHTEN_PER_PAGINA a page, each labelled
    with its region and read or not by ``user`` (issue 12, ADR 0028). ``regio_slug`` narrows it to one region.

    Four queries whatever the number of messages or regions: the regions, the count, the page and the unread
    count. None without an organisation."""
    if organisatie is None:
        return None
    regios = list(Regio.objects.filter(pk__in=Bericht.objects.filter(organisatie=organisatie).values("regio_id"))
                  .order_by("naam"))
    gekozen = next((r for r in regios if regio_slug and r.slug == regio_slug), None)
    berichten = _berichten(organisatie, user).select_related("regio").order_by("-verstuurd_op", "-pk")
    if gekozen is not None:
        berichten = berichten.filter(regio=gekozen)
    blad = Paginator(berichten, BERICHTEN_PER_PAGINA).get_page(pagina)
    return Inbox(blad, regios, gekozen, aantal_ongelezen(organisatie, user))


def bericht_van(organisatie, user, pk: int) -> Bericht | None:
    """One message of the organisation (None for another organisation's: the view answers 404)."""
    if organisatie is None:
        return None
    return _berichten(organisatie, user).select_related("regio").filter(pk=pk).first()


# --- personal data in dossier documents (issue 16, Woo) ----------------------------------------------------


def persoonsgegevens_van(*, gebruikers=(), organisaties=()) -> tuple[str, ...]:
    """The names, e-mail addresses and phone numbers of natural persons that a dossier document names, for the
    Woo export to pre-mark them under art. 5.1.2.e (003 r. 85-107: names of providers' and the bureau's staff
    are withheld). From an organisation: its contact person, e-mail and phone; from a user: the full name and
    e-mail. Read from the objects as given (the caller selected them): no query.

    Never the organisation's name or KvK number: they are data of a legal person, published in the register. A
    sole trader (eenmanszaak) trades under a name that may be a person's; whether such a name is personal data
    is left to the staff who review the selection (documented leftover of issue 16)."""
    gezien: dict[str, None] = {}
    for organisatie in organisaties:
        if organisatie is not None:
            for waarde in (organisatie.contactpersoon, organisatie.contact_email, organisatie.contact_telefoon):
                gezien.setdefault((waarde or "").strip(), None)
    for gebruiker in gebruikers:
        if gebruiker is not None:
            for waarde in (gebruiker.get_full_name(), gebruiker.email):
                gezien.setdefault((waarde or "").strip(), None)
    gezien.pop("", None)
    return tuple(gezien)


# --- personal data for the Woo pre-marking (issue 16) -------------------------------------------------------


def persoonsgegevens(*, organisatie_ids, regio_id: int | None) -> set[str]:
    """The names, e-mail addresses and phone numbers the portal holds of people linked to ``organisatie_ids``
    (contact persons and members) and of the staff of region ``regio_id``: a Woo export pre-marks each of them
    where it occurs (003a r. 93-101: names, e-mail addresses and phone numbers of officials and third parties).
    Three queries."""
    from .models import Organisatie, User

    waarden: set[str] = set()
    for naam, email, telefoon in Organisatie.objects.filter(pk__in=list(organisatie_ids)).values_list(
            "contactpersoon", "contact_email", "contact_telefoon"):
        waarden |= {naam, email, telefoon}
    personen = User.objects.filter(lidmaatschappen__organisatie_id__in=list(organisatie_ids))
    if regio_id is not None:
        from django.db.models import Q

        # Staff of the region, and staff whose role holds in every region (a portal hosting one bureau).
        staf = User.objects.filter(Q(regiorollen__regio_id=regio_id) | Q(regiorollen__regio__isnull=True,
                                                                          regiorollen__isnull=False))
        personen = User.objects.filter(pk__in=personen.values("pk")) | User.objects.filter(pk__in=staf.values("pk"))
    for voornaam, achternaam, email in personen.distinct().values_list("first_name", "last_name", "email"):
        # The full name only: a surname alone ("Gooi", "Inkoper" on demo accounts) would black out ordinary words.
        waarden |= {f"{voornaam} {achternaam}".strip(), email}
    return {w.strip() for w in waarden if w and len(w.strip()) > 2}
