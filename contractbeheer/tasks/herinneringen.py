"""The daily work of contract management (issue 13, ADR 0019): create last year's duties, remind providers before
a deadline, chase what is late, and tell the bureau what became late and which onderzoek windows are over.

One run looks at the state of the records, not at when it last ran, so a missed run is caught up by the next
one; every mail goes out once through ``core.mail.eenmalig_versturen`` under a natural key (a provider's through
``organisaties.services.bericht_versturen``, which also puts it in its inbox, ADR 0028), so running twice
sends nothing new. The run costs a fixed number of queries plus one insert per mail: every read is one query
for all rows (grouped per agreement, organisation or region in Python), and the keys already sent are read in
one query before anything is sent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Case, F, Q, When
from django.urls import reverse

from core import kalender
from core.adressen import absolute_url
from core.mail import eenmalig_versturen
from core.models import VerstuurdeMail
from organisaties.models import Regiorol, StaffRol
from organisaties.services import bericht_versturen

from .. import regels, services
from ..models import Beheerregels, Informatieverzoek, Onderzoek, Verantwoording, Verzoekontvanger
from ..services.innovatie import evaluaties_plannen
from ._adressen import leden_per_organisatie, met_contactadres

#: Duties the provider still has to act on (the statuses whose deadline runs against the provider).
TE_DOEN = (Verantwoording.Status.OPEN, Verantwoording.Status.HERSTEL, Verantwoording.Status.AFGEWEZEN)
#: Answers to an informatieverzoek still awaited from the provider.
TE_BEANTWOORDEN = (Verzoekontvanger.Status.OPEN, Verzoekontvanger.Status.AANVULLING)
#: 002 UOK 5.1 gives 10 werkdagen; the provider is reminded this many werkdagen before the last day.
VERZOEK_HERINNERING_WERKDAGEN = 2
#: The first regional digest (or one after a long outage) lists what became late in this many days.
TERUGKIJKEN = 14
#: The reminder days of a procedure nobody configured (the model's default, "30,7").
STANDAARD_DAGEN = regels.herinneringsdagen(Beheerregels._meta.get_field("herinnering_dagen").default)

SLEUTEL_OVERZICHT = "contractbeheer-te-laat-overzicht"


@dataclass
class _Mail:
    sleutel: str
    onderwerp: str
    tekst: str
    ontvangers: list[str] = field(default_factory=list)
    # A mail to a provider is also a message in its inbox (ADR 0028); staff mails have no organisation.
    organisatie_id: int | None = None
    regio_id: int | None = None
    soort: str = "Herinnering"
    pad: str = ""


# --- small helpers -----------------------------------------------------------------------------------------


def _portaal() -> str:
    return settings.PORTAAL_NAAM


def _versturen(m: _Mail) -> bool:
    if m.organisatie_id is None:  # the bureau's digests and onderzoek notices: staff, no inbox
        return eenmalig_versturen(m.sleutel, m.onderwerp, m.tekst, m.ontvangers)
    return bericht_versturen(m.organisatie_id, sleutel=m.sleutel, soort=m.soort, onderwerp=m.onderwerp, tekst=m.tekst,
                             ontvangers=m.ontvangers, regio_id=m.regio_id, pad=m.pad)


def _bureau(aanbesteding) -> str:
    return aanbesteding.regio.weergavenaam_bureau


def _ondertekening(regio) -> str:
    """The region's closing lines (signature, postal address, contact); nothing when the region has none."""
    contact = " · ".join(x for x in (regio.contact_email, regio.contact_telefoon) if x)
    if not (regio.ondertekening or regio.postadres or contact):
        return ""
    return "\n\n" + "\n".join(x for x in (regio.ondertekening, regio.weergavenaam_bureau, regio.postadres, contact) if x)


def _aanhef(org) -> str:
    return f"Beste {org.contactpersoon or org.naam},"


def _datum(d: date) -> str:
    return f"{d:%d-%m-%Y}"


def _dagen_tekst(n: int) -> str:
    if n == 0:
        return "vandaag"
    return "morgen" if n == 1 else f"over {n} dagen"


def _herinneringsdagen(aanbesteding) -> list[int]:
    """The procedure's reminder days (Beheerregels.herinnering_dagen), largest first; the default without rules.
    The rules come with the select_related of the query, so this reads no database."""
    try:
        tekst = aanbesteding.beheerregels.herinnering_dagen
    except Beheerregels.DoesNotExist:
        return STANDAARD_DAGEN
    return regels.herinneringsdagen(tekst)


def _geldt(v: Verantwoording, dagen: int) -> bool:
    """Whether reminder day ``dagen`` belongs to the duty's current deadline. A repair deadline exists
    only from the moment herstel was asked (status_sinds): a reminder day before that never applied, so it is
    not caught up (the herstel request itself told the provider). A yearly deadline was known all along."""
    if v.status == Verantwoording.Status.HERSTEL and v.status_sinds is not None:
        gevraagd = v.status_sinds.astimezone(kalender.TZ).date()
        return kalender.plus_kalenderdagen(v.termijn_nu, -dagen) >= gevraagd
    return True




def _contractmanagers() -> tuple[dict[int, list[str]], list[str]]:
    """The contract managers per region, and those holding the role in every region (issue 17), in one query."""
    per_regio: dict[int, list[str]] = defaultdict(list)
    overal: list[str] = []
    for regio_id, email in (Regiorol.objects.filter(rol=StaffRol.CONTRACTMANAGER, user__is_active=True,
                                                    user__groups__name=StaffRol.CONTRACTMANAGER)
                            .order_by("user__email").values_list("regio_id", "user__email").distinct()):
        if email:
            (overal if regio_id is None else per_regio[regio_id]).append(email)
    return per_regio, overal


def _al_verstuurd(sleutels) -> set[str]:
    """The keys among ``sleutels`` that went out before (one query; eenmalig_versturen still guards each)."""
    sleutels = [s[:200] for s in sleutels]
    return set(VerstuurdeMail.objects.filter(sleutel__in=sleutels).values_list("sleutel", flat=True)) if sleutels else set()


def _laatste_overzichten(vandaag: date) -> dict[int, date]:
    """Per region the date of the last digest of late duties within TERUGKIJKEN days (from its mail key)."""
    uit: dict[int, date] = {}
    sinds = kalender.nu() - timedelta(days=TERUGKIJKEN + 1)
    for sleutel in VerstuurdeMail.objects.filter(sleutel__startswith=f"{SLEUTEL_OVERZICHT}:",
                                                  verstuurd_op__gte=sinds).values_list("sleutel", flat=True):
        _, regio_id, dag = sleutel.split(":")
        d = date.fromisoformat(dag)
        if d <= vandaag and d > uit.get(int(regio_id), date.min):
            uit[int(regio_id)] = d
    return uit


# --- what is due ---------------------------------------------------------------------------------------------


def _plichten(vandaag: date) -> list[Verantwoording]:
    """Every duty still to be done whose current deadline is within the longest reminder period or passed, with
    ``termijn_nu`` (= ``geldende_termijn``: the repair deadline while herstel is asked), in one query."""
    vooruit = max([*STANDAARD_DAGEN, *(d for tekst in Beheerregels.objects.values_list("herinnering_dagen", flat=True)
                                       .distinct() for d in regels.herinneringsdagen(tekst))], default=0)
    termijn = Case(When(status=Verantwoording.Status.HERSTEL, herstel_uiterlijk__isnull=False,
                        then=F("herstel_uiterlijk")), default=F("uiterlijk"))
    return list(
        Verantwoording.objects.filter(status__in=TE_DOEN).annotate(termijn_nu=termijn)
        .filter(termijn_nu__lte=kalender.plus_kalenderdagen(vandaag, vooruit))
        .select_related("eis", "gemeente", "overeenkomst__organisatie", "overeenkomst__aanbesteding__regio",
                        "overeenkomst__aanbesteding__beheerregels")
        .order_by("overeenkomst_id", "termijn_nu", "eis__volgorde", "gemeente__naam", "pk")
    )


def _verzoekontvangers(vandaag: date) -> list[Verzoekontvanger]:
    """Open answers due within VERZOEK_HERINNERING_WERKDAGEN werkdagen, or late (one query)."""
    return list(
        Verzoekontvanger.objects.filter(status__in=TE_BEANTWOORDEN,
                                        verzoek__status=Informatieverzoek.Status.VERZONDEN,
                                        uiterlijk__lte=kalender.plus_werkdagen(vandaag, VERZOEK_HERINNERING_WERKDAGEN))
        .select_related("verzoek__aanbesteding__regio", "overeenkomst__organisatie")
        .order_by("uiterlijk", "pk")
    )


def _verlopen_vensters(vandaag: date) -> list[Onderzoek]:
    """Onderzoeken whose 14-day window is over while the bureau has not moved on (one query)."""
    return list(
        Onderzoek.objects.filter(
            Q(status=Onderzoek.Status.SIGNAAL_GEMELD, reactie_uiterlijk__lt=vandaag)
            | Q(status=Onderzoek.Status.RESULTAAT_GEMELD, resultaat_reactie_uiterlijk__lt=vandaag)
        ).select_related("overeenkomst__organisatie", "overeenkomst__aanbesteding__regio", "gestart_door")
        .order_by("pk")
    )


# --- the mails -------------------------------------------------------------------------------------------------


def _plicht_regel(v: Verantwoording, *, termijn: bool = False) -> str:
    status = "" if v.status == Verantwoording.Status.OPEN else f" ({v.get_status_display().lower()})"
    wanneer = f", uiterlijk {_datum(v.termijn_nu)}" if termijn else ""
    return f"- {v}{status}{wanneer}:\n  {absolute_url('contractbeheer:verantwoording', v.pk)}"


def _herinnering(ovk, termijn: date, dagen: int, plichten, vandaag: date, leden) -> _Mail:
    """One provider's reminder for the duties of one agreement sharing a deadline, at reminder day ``dagen``."""
    ab, org = ovk.aanbesteding, ovk.organisatie
    tekst = (
        f"{_aanhef(org)}\n\n"
        f"Dit is een herinnering van {_bureau(ab)} via het {_portaal()}. {_dagen_tekst((termijn - vandaag).days).capitalize()}, "
        f"op {_datum(termijn)}, is de laatste dag om de volgende verantwoording voor {ab} in te dienen:\n\n"
        + "\n".join(_plicht_regel(v) for v in plichten)
        + f"\n\nAl uw verplichtingen en hun termijnen staat op uw overzicht:\n{absolute_url('contractbeheer:verplichtingen')}"
        f"{_ondertekening(ab.regio)}"
    )
    return _Mail(f"verantwoording-herinnering:{ovk.pk}:{dagen}:{termijn.isoformat()}",
                 f"Herinnering: verantwoording uiterlijk {_datum(termijn)} ({ab})", tekst, met_contactadres(org, leden),
                 org.pk, ab.regio_id, "Herinnering", reverse("contractbeheer:verplichtingen"))


def _te_laat(ovk, plichten, vandaag: date, leden) -> _Mail:
    """The weekly notice to a provider of the duties of one agreement whose deadline has passed."""
    ab, org = ovk.aanbesteding, ovk.organisatie
    jaar, week, _ = vandaag.isocalendar()
    tekst = (
        f"{_aanhef(org)}\n\n"
        f"De termijn van de volgende verantwoording voor {ab} is verstreken en {_bureau(ab)} heeft haar nog niet "
        "(goedgekeurd) ontvangen:\n\n"
        + "\n".join(_plicht_regel(v, termijn=True) for v in plichten)
        + f"\n\nDien haar zo spoedig mogelijk in via het {_portaal()}. Zolang zij te laat is, ontvangt u elke week "
        f"deze herinnering.\n{absolute_url('contractbeheer:verplichtingen')}"
        f"{_ondertekening(ab.regio)}"
    )
    return _Mail(f"verantwoording-te-laat:{ovk.pk}:{jaar}-W{week:02d}",
                 f"Te laat: verantwoording voor {ab}", tekst, met_contactadres(org, leden),
                 org.pk, ab.regio_id, "Termijn verstreken", reverse("contractbeheer:verplichtingen"))


def _verzoek_herinnering(ontvanger, vandaag: date, leden) -> _Mail:
    verzoek, org = ontvanger.verzoek, ontvanger.overeenkomst.organisatie
    tekst = (
        f"{_aanhef(org)}\n\n"
        f"{_bureau(verzoek.aanbesteding)} wacht op uw antwoord op het informatieverzoek \"{verzoek.onderwerp}\". "
        f"{_dagen_tekst((ontvanger.uiterlijk - vandaag).days).capitalize()}, op {_datum(ontvanger.uiterlijk)}, is de "
        f"laatste dag om te antwoorden (002 UOK 5.1). U antwoordt via het {_portaal()}:\n"
        f"{absolute_url('contractbeheer:verzoek', ontvanger.pk)}"
        f"{_ondertekening(verzoek.aanbesteding.regio)}"
    )
    return _Mail(f"verzoek-herinnering:{ontvanger.pk}:{ontvanger.uiterlijk.isoformat()}",
                 f"Herinnering informatieverzoek: {verzoek.onderwerp}", tekst, met_contactadres(org, leden),
                 org.pk, verzoek.aanbesteding.regio_id, "Herinnering", reverse("contractbeheer:verzoek", args=[ontvanger.pk]))


def _verzoek_te_laat(ontvanger, leden) -> _Mail:
    verzoek, org = ontvanger.verzoek, ontvanger.overeenkomst.organisatie
    tekst = (
        f"{_aanhef(org)}\n\n"
        f"De termijn voor uw antwoord op het informatieverzoek \"{verzoek.onderwerp}\" van "
        f"{_bureau(verzoek.aanbesteding)} is op {_datum(ontvanger.uiterlijk)} verstreken. Antwoord zo spoedig "
        f"mogelijk via het {_portaal()}:\n{absolute_url('contractbeheer:verzoek', ontvanger.pk)}"
        f"{_ondertekening(verzoek.aanbesteding.regio)}"
    )
    return _Mail(f"verzoek-te-laat:{ontvanger.pk}:{ontvanger.uiterlijk.isoformat()}",
                 f"Te laat: informatieverzoek {verzoek.onderwerp}", tekst, met_contactadres(org, leden),
                 org.pk, verzoek.aanbesteding.regio_id, "Termijn verstreken",
                 reverse("contractbeheer:verzoek", args=[ontvanger.pk]))


def _overzicht(regio, plichten, antwoorden, vandaag: date, ontvangers) -> _Mail:
    """The daily digest for a region's contract managers of what became late since the previous digest."""
    regels_ = [f"Sinds het vorige overzicht is in {regio} het volgende te laat geworden ({_portaal()}).", ""]
    if plichten:
        regels_.append("Verantwoordingen:")
        for v in sorted(plichten, key=lambda v: (v.overeenkomst.organisatie.naam, v.termijn_nu, v.pk)):
            regels_.append(f"- {v.overeenkomst.organisatie.naam}: {v} (uiterlijk {_datum(v.termijn_nu)}, "
                           f"{v.overeenkomst.aanbesteding})\n  {absolute_url('contractbeheer_admin_verantwoording', v.pk)}")
        regels_.append("")
    if antwoorden:
        regels_.append("Antwoorden op informatieverzoeken:")
        for o in sorted(antwoorden, key=lambda o: (o.overeenkomst.organisatie.naam, o.uiterlijk, o.pk)):
            regels_.append(f"- {o.overeenkomst.organisatie.naam}: {o.verzoek.onderwerp} (uiterlijk "
                           f"{_datum(o.uiterlijk)})\n  {absolute_url('contractbeheer_admin_antwoord', o.pk)}")
        regels_.append("")
    regels_.append(f"De werklijst toont alles wat te laat is:\n{absolute_url('contractbeheer_admin_werklijst')}")
    aantal = len(plichten) + len(antwoorden)
    return _Mail(f"{SLEUTEL_OVERZICHT}:{regio.pk}:{vandaag.isoformat()}",
                 f"Contractbeheer {regio}: {aantal} te laat per {_datum(vandaag)}", "\n".join(regels_), ontvangers)


def _onderzoek_venster(onderzoek, ontvangers) -> _Mail:
    ovk = onderzoek.overeenkomst
    if onderzoek.status == Onderzoek.Status.SIGNAAL_GEMELD:
        # 002 B1 33.3: after the provider's 14 kalenderdagen (33.2) the gemeente may start the investigation.
        uiterlijk, soort = onderzoek.reactie_uiterlijk, "signaal"
        wat = ("De reactietermijn van de aanbieder op het signaal is verstreken. U mag het onderzoek nu instellen "
               "(002 B1 33.3).")
    else:
        # 002 B1 33.4: after the reaction on the result the gemeente decides.
        uiterlijk, soort = onderzoek.resultaat_reactie_uiterlijk, "resultaat"
        wat = ("De reactietermijn van de aanbieder op het resultaat van het onderzoek is verstreken. U kunt nu "
               "besluiten: afdoen, nader overleg of sanctioneren (002 B1 33.4).")
    reactie = "De aanbieder heeft gereageerd." if (onderzoek.reactie if soort == "signaal" else
                                                  onderzoek.resultaat_reactie) else "De aanbieder heeft niet gereageerd."
    tekst = (
        f"Onderzoek bij {ovk.organisatie.naam} ({ovk.aanbesteding}), signaal gemeld op "
        f"{_datum(onderzoek.signaal_gemeld_op)}; de termijn liep tot en met {_datum(uiterlijk)}.\n\n{wat}\n{reactie}\n\n"
        f"{absolute_url('contractbeheer_admin_onderzoek', onderzoek.pk)}\n\n{_portaal()}"
    )
    return _Mail(f"onderzoek-{soort}-venster:{onderzoek.pk}:{uiterlijk.isoformat()}",
                 f"Onderzoek {ovk.organisatie.naam}: reactietermijn verstreken", tekst, ontvangers)


# --- the task --------------------------------------------------------------------------------------------------


@shared_task
def dagelijks() -> dict:
    """All daily contract-management work (beat "contractbeheer-dagelijks"); returns what it did."""
    vandaag = kalender.vandaag()
    # (a) Last year's duties (idempotent; this year's are only owed from next year on). Parts already past their
    # deadline are not created: they were never announced, so they cannot be late (first run after going live).
    aangemaakt = services.verantwoordingen_aanmaken(vandaag.year - 1, niet_verlopen_op=vandaag)
    # (a2) The catch-up of the innovation evaluations a lost signal did not plan (ADR 0022).
    innovatie = len(evaluaties_plannen())

    plichten = _plichten(vandaag)
    ontvangers_verzoek = _verzoekontvangers(vandaag)
    vensters = _verlopen_vensters(vandaag)
    leden = leden_per_organisatie({v.overeenkomst.organisatie_id for v in plichten}
                   | {o.overeenkomst.organisatie_id for o in ontvangers_verzoek})
    managers, overal = _contractmanagers()
    laatste = _laatste_overzichten(vandaag)
    terug = kalender.plus_kalenderdagen(vandaag, -TERUGKIJKEN)

    mails: dict[str, list[_Mail]] = defaultdict(list)
    regios = {}
    laat_per_regio: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))

    # (b) Reminders before the deadline: per agreement and deadline, the smallest reminder day reached. A run
    # that missed the exact day still sends it, unless a later reminder day has been reached meanwhile.
    # (c) After the deadline: weekly to the provider (one key per ISO week), and into the region's digest.
    herinneren: dict[tuple, list] = defaultdict(list)
    te_laat: dict[int, list] = defaultdict(list)
    for v in plichten:
        ovk = v.overeenkomst
        over = (v.termijn_nu - vandaag).days
        if over >= 0:
            bereikt = [d for d in _herinneringsdagen(ovk.aanbesteding) if over <= d and _geldt(v, d)]
            if bereikt:
                herinneren[(ovk.pk, v.termijn_nu, min(bereikt))].append(v)
            continue
        te_laat[ovk.pk].append(v)
        regio = ovk.aanbesteding.regio
        regios[regio.pk] = regio
        if v.termijn_nu >= laatste.get(regio.pk, terug):
            laat_per_regio[regio.pk][0].append(v)
    for (_, termijn, dagen), groep in herinneren.items():
        mails["verantwoording_herinnerd"].append(
            _herinnering(groep[0].overeenkomst, termijn, dagen, groep, vandaag, leden))
    for groep in te_laat.values():
        mails["verantwoording_te_laat"].append(_te_laat(groep[0].overeenkomst, groep, vandaag, leden))

    # (d) Informatieverzoeken: 2 werkdagen before the last day (002 UOK 5.1), and once when it has passed.
    for o in ontvangers_verzoek:
        if o.uiterlijk >= vandaag:
            if kalender.plus_werkdagen(o.uiterlijk, -VERZOEK_HERINNERING_WERKDAGEN) <= vandaag:
                mails["verzoek_herinnerd"].append(_verzoek_herinnering(o, vandaag, leden))
            continue
        mails["verzoek_te_laat"].append(_verzoek_te_laat(o, leden))
        regio = o.verzoek.aanbesteding.regio
        regios[regio.pk] = regio
        if o.uiterlijk >= laatste.get(regio.pk, terug):
            laat_per_regio[regio.pk][1].append(o)

    # The digest per region, to that region's contract managers only (once a day).
    for regio_id, (laat, antwoorden) in laat_per_regio.items():
        mails["overzichten"].append(_overzicht(regios[regio_id], laat, antwoorden, vandaag,
                                               [*managers.get(regio_id, []), *overal]))

    # (e) Onderzoek windows that are over: the region's contract managers and whoever started it, once.
    for onderzoek in vensters:
        gestart = onderzoek.gestart_door
        extra = [gestart.email] if gestart is not None and gestart.is_active and gestart.email else []
        ontvangers = [*managers.get(onderzoek.overeenkomst.aanbesteding.regio_id, []), *overal, *extra]
        mails["onderzoeken"].append(_onderzoek_venster(onderzoek, list(dict.fromkeys(ontvangers))))

    verstuurd = _al_verstuurd(m.sleutel for groep in mails.values() for m in groep)
    uitslag = {"aangemaakt": aangemaakt, "innovatie_evaluaties": innovatie}
    for soort, groep in mails.items():
        uitslag[soort] = sum(_versturen(m) for m in groep if m.sleutel[:200] not in verstuurd)
    return uitslag
