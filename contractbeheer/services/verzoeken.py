"""Informatieverzoeken (002 UOK 5.1) and onderzoeken (002 B1 33).

Informatieverzoek: the bureau drafts a request to one agreement or to every provider of a perceel, sends it (one
``Verzoekontvanger`` per addressed agreement, each with its own deadline and answer), judges each answer
(afgerond, or aanvulling with a new deadline), may extend a deadline "tenzij Partijen anders met elkaar
overeenkomen" and closes the request (unanswered addressees lapse). Answers are confidential: only the bureau's
contract staff of the region and the provider itself see them.

Onderzoek (B1 33): a signal is notified in writing (33.2, 14 kalenderdagen to respond), then the bureau may have
an investigation done (33.3), notifies the result (33.4, again 14 kalenderdagen), and decides (33.5: afgedaan,
nader overleg or sanctie).

Readings of the source (stated here and in the report to the lead):
- A reaction after the 14-day window is still recorded (the provider's letter is part of the file) but marked
  "na de termijn"; reacting closes once the bureau has moved on (the investigation started, or the case closed).
- The investigation starts at the earliest the day after the window (33.3 "na afloop van de termijn"), or earlier
  when the provider has already reacted and the bureau decides to proceed.
- Closing straight from the signal is only "afgedaan", and only after the provider reacted (it showed the signal
  was wrong); a sanction or improvement talks need an investigation and its result window first (33.4-33.5).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from core import kalender
from core.audit import audit, momentopname
from core.taken import na_commit
from overeenkomst.models import Deelname, Overeenkomst

from .. import regels
from ..clientgegevens import valideer_vrije_tekst
from ..models import Informatieverzoek, Onderzoek, Verzoekontvanger
from ._gemeen import DOCUMENTEN, bijlage_zetten, vereis_aanbieder, vereis_beheer
from .regels import beheerregels_van

# A term the parties agree on stays within reason: no zero-day request, nothing beyond a quarter of a year.
MAX_WERKDAGEN = 65

OPEN_STATUSSEN = (Verzoekontvanger.Status.OPEN, Verzoekontvanger.Status.AANVULLING)


def _tekst(waarde: str, veld: str) -> str:
    waarde = (waarde or "").strip()
    if not waarde:
        raise ValidationError(f"Vul {veld} in.")
    return waarde


def _loopt_op(dag: date) -> Q:
    return (Q(status=Overeenkomst.Status.ACTIEF) & Q(startdatum__lte=dag)
            & (Q(einddatum__isnull=True) | Q(einddatum__gte=dag)))


def ontvangende_overeenkomsten(verzoek: Informatieverzoek, dag: date):
    """The agreements that receive ``verzoek`` when sent on ``dag``: the single agreement if it runs that day,
    or every agreement running that day with a live deelname in the perceel (actief, or a cliëntenstop: a
    provider that takes no new clients still serves its current ones and still answers the bureau)."""
    qs = Overeenkomst.objects.filter(_loopt_op(dag), aanbesteding_id=verzoek.aanbesteding_id)
    if verzoek.overeenkomst_id:
        return qs.filter(pk=verzoek.overeenkomst_id)
    deelnames = Deelname.objects.filter(
        perceel_id=verzoek.perceel_id, status__in=[Deelname.Status.ACTIEF, Deelname.Status.CLIENTENSTOP],
        startdatum__lte=dag,
    ).filter(Q(einddatum__isnull=True) | Q(einddatum__gte=dag))
    return qs.filter(pk__in=deelnames.values("overeenkomst_id"))


# --- informatieverzoek: the bureau ---------------------------------------------------------------------------


def verzoek_opstellen(*, aanbesteding, onderwerp: str, vraag: str, door, perceel=None, overeenkomst=None,
                      bestand=None, termijn_werkdagen: int | None = None, termijn_reden: str = "") -> Informatieverzoek:
    """Draft a request to one agreement (``overeenkomst``) or to every provider of ``perceel`` (002 UOK 5.1).

    The term is the procedure's (10 werkdagen in the sources); another term is "tenzij Partijen anders met elkaar
    overeenkomen" and needs the reason. The attachment is optional (PDF or office document)."""
    vereis_beheer(door, aanbesteding)
    if (perceel is None) == (overeenkomst is None):
        raise ValidationError("Kies een perceel (alle aanbieders daarvan) of één overeenkomst, niet allebei.")
    if perceel is not None and perceel.aanbesteding_id != aanbesteding.pk:
        raise ValidationError("Dit perceel hoort niet bij deze procedure.")
    if overeenkomst is not None and overeenkomst.aanbesteding_id != aanbesteding.pk:
        raise ValidationError("Deze overeenkomst hoort niet bij deze procedure.")
    onderwerp, vraag = _tekst(onderwerp, "het onderwerp"), _tekst(vraag, "de vraag")
    standaard = beheerregels_van(aanbesteding).informatieverzoek_werkdagen
    termijn = standaard if termijn_werkdagen is None else termijn_werkdagen
    termijn_reden = (termijn_reden or "").strip()
    if not 1 <= termijn <= MAX_WERKDAGEN:
        raise ValidationError(f"De termijn is 1 tot en met {MAX_WERKDAGEN} werkdagen.")
    if termijn != standaard and not termijn_reden:
        raise ValidationError(
            f"De termijn is {standaard} werkdagen (002 UOK 5.1). Een andere termijn geldt alleen als partijen dat "
            "overeenkomen: geef de reden op."
        )
    verzoek = Informatieverzoek(
        aanbesteding=aanbesteding, perceel=perceel, overeenkomst=overeenkomst, onderwerp=onderwerp, vraag=vraag,
        termijn_werkdagen=termijn, termijn_reden=termijn_reden if termijn != standaard else "", opgesteld_door=door,
    )
    if bestand:
        bijlage_zetten(verzoek, bestand, toegestaan=DOCUMENTEN)
    with transaction.atomic():
        verzoek.save()
        audit("contractbeheer.verzoek_opgesteld", verzoek, door=door,
              nieuw=momentopname(verzoek, ["onderwerp", "perceel", "overeenkomst", "termijn_werkdagen",
                                           "termijn_reden", "originele_naam", "sha256"]))
    return verzoek


def verzoek_verzenden(*, verzoek: Informatieverzoek, door) -> Informatieverzoek:
    """Send a draft: one Verzoekontvanger per agreement running today (bulk, a fixed number of queries whatever
    the number of providers), each due ``termijn_werkdagen`` werkdagen after today; refused when nobody would
    receive it. Every member of each addressed provider gets one mail (after commit)."""
    vereis_beheer(door, verzoek)
    with transaction.atomic():
        verzoek = Informatieverzoek.objects.select_for_update().get(pk=verzoek.pk)
        oud = momentopname(verzoek, ["status"])
        Informatieverzoek.OVERGANGEN.zet(verzoek, Informatieverzoek.Status.VERZONDEN,
                                         melding="Dit verzoek is al verzonden.")
        vandaag = kalender.vandaag()
        ids = list(ontvangende_overeenkomsten(verzoek, vandaag).values_list("pk", flat=True))
        if not ids:
            raise ValidationError(
                "Niemand zou dit verzoek ontvangen: er loopt vandaag geen overeenkomst"
                + (" met een deelname aan dit perceel." if verzoek.perceel_id else " met deze aanbieder.")
            )
        verzoek.verzonden_op = kalender.nu()
        verzoek.uiterlijk = regels.informatieverzoek_uiterlijk(vandaag, verzoek.termijn_werkdagen)
        verzoek.save(update_fields=["status", "verzonden_op", "uiterlijk"])
        Verzoekontvanger.objects.bulk_create(
            [Verzoekontvanger(verzoek=verzoek, overeenkomst_id=i, uiterlijk=verzoek.uiterlijk) for i in ids]
        )
        audit("contractbeheer.verzoek_verzonden", verzoek, door=door, oud=oud,
              nieuw={**momentopname(verzoek, ["status", "uiterlijk"]), "ontvangers": len(ids)})
        from ..tasks.verzoeken import verzoek_versturen

        na_commit(verzoek_versturen, verzoek.pk)
    return verzoek


def antwoord_beoordelen(*, ontvanger: Verzoekontvanger, akkoord: bool, reactie: str = "", door) -> Verzoekontvanger:
    """Accept an answer (afgerond) or ask for more (aanvulling, with the reason and a new deadline of the request's
    term counted from today; the provider is mailed)."""
    vereis_beheer(door, ontvanger)
    reactie = (reactie or "").strip()
    if not akkoord and not reactie:
        raise ValidationError("Schrijf bij een verzoek om aanvulling wat er ontbreekt.")
    with transaction.atomic():
        ontvanger = Verzoekontvanger.objects.select_for_update().select_related("verzoek").get(pk=ontvanger.pk)
        oud = momentopname(ontvanger, ["status", "uiterlijk", "reactie"])
        if akkoord:
            Verzoekontvanger.OVERGANGEN.zet(ontvanger, Verzoekontvanger.Status.AFGEROND,
                                           melding="Alleen een gegeven antwoord kan worden afgerond.")
        else:
            if ontvanger.verzoek.status != Informatieverzoek.Status.VERZONDEN:
                raise ValidationError("Het verzoek is gesloten; vraag geen aanvulling meer.")
            Verzoekontvanger.OVERGANGEN.zet(ontvanger, Verzoekontvanger.Status.AANVULLING,
                                           melding="Alleen op een gegeven antwoord kan een aanvulling worden gevraagd.")
            ontvanger.uiterlijk = regels.informatieverzoek_uiterlijk(kalender.vandaag(),
                                                                     ontvanger.verzoek.termijn_werkdagen)
        ontvanger.reactie = reactie
        ontvanger.save(update_fields=["status", "uiterlijk", "reactie"])
        regel = audit("contractbeheer.antwoord_beoordeeld", ontvanger, door=door, oud=oud,
                      nieuw=momentopname(ontvanger, ["status", "uiterlijk", "reactie"]), toelichting=reactie)
        if not akkoord:
            from ..tasks.verzoeken import aanvulling_versturen

            na_commit(aanvulling_versturen, ontvanger.pk, regel.pk)
    return ontvanger


def termijn_verlengen(*, ontvanger: Verzoekontvanger, uiterlijk: date, reden: str, door) -> Verzoekontvanger:
    """A later deadline for one addressee, as agreed with the provider (002 UOK 5.1 "tenzij Partijen anders met
    elkaar overeenkomen"); the reason is required and the provider is mailed."""
    vereis_beheer(door, ontvanger)
    reden = _tekst(reden, "de reden (wat is met de aanbieder afgesproken)")
    with transaction.atomic():
        ontvanger = Verzoekontvanger.objects.select_for_update().select_related("verzoek").get(pk=ontvanger.pk)
        if ontvanger.status not in OPEN_STATUSSEN or ontvanger.verzoek.status != Informatieverzoek.Status.VERZONDEN:
            raise ValidationError("Alleen de termijn van een openstaande vraag kan worden verlengd.")
        if uiterlijk is None or uiterlijk <= ontvanger.uiterlijk:
            raise ValidationError(f"Kies een datum na de huidige termijn ({ontvanger.uiterlijk:%d-%m-%Y}).")
        oud = momentopname(ontvanger, ["uiterlijk"])
        ontvanger.uiterlijk = uiterlijk
        ontvanger.save(update_fields=["uiterlijk"])
        regel = audit("contractbeheer.verzoek_termijn_verlengd", ontvanger, door=door, oud=oud,
                      nieuw=momentopname(ontvanger, ["uiterlijk"]), toelichting=reden)
        from ..tasks.verzoeken import termijn_versturen

        na_commit(termijn_versturen, ontvanger.pk, regel.pk)
    return ontvanger


def verzoek_sluiten(*, verzoek: Informatieverzoek, door) -> Informatieverzoek:
    """Close a sent request: addressees that have not answered (or not completed an aanvulling) lapse; given
    answers stay and can still be judged."""
    vereis_beheer(door, verzoek)
    with transaction.atomic():
        verzoek = Informatieverzoek.objects.select_for_update().get(pk=verzoek.pk)
        oud = momentopname(verzoek, ["status"])
        Informatieverzoek.OVERGANGEN.zet(verzoek, Informatieverzoek.Status.GESLOTEN,
                                         melding="Alleen een verzonden verzoek kan worden gesloten.")
        verzoek.save(update_fields=["status"])
        vervallen = Verzoekontvanger.OVERGANGEN.bijwerken(verzoek.ontvangers.all(), Verzoekontvanger.Status.VERVALLEN)
        audit("contractbeheer.verzoek_gesloten", verzoek, door=door, oud=oud,
              nieuw={**momentopname(verzoek, ["status"]), "vervallen": vervallen})
    return verzoek


# --- informatieverzoek: the provider -------------------------------------------------------------------------


def verzoek_beantwoorden(*, ontvanger: Verzoekontvanger, antwoord: str, door, bestand=None) -> Verzoekontvanger:
    """The provider's answer (or its aanvulling), with an optional document. "Te laat" is fixed at this moment:
    after the last day of the addressee's deadline, Amsterdam time (contractbeheer.regels.dag_op_tijd)."""
    vereis_aanbieder(door, ontvanger.overeenkomst)
    antwoord = _tekst(antwoord, "uw antwoord")
    valideer_vrije_tekst(antwoord)
    with transaction.atomic():
        ontvanger = Verzoekontvanger.objects.select_for_update().select_related("verzoek").get(pk=ontvanger.pk)
        if ontvanger.verzoek.status != Informatieverzoek.Status.VERZONDEN:
            raise ValidationError("Dit verzoek is gesloten; een antwoord is niet meer mogelijk.")
        oud = momentopname(ontvanger, ["status", "antwoord", "originele_naam", "sha256"])
        Verzoekontvanger.OVERGANGEN.zet(ontvanger, Verzoekontvanger.Status.BEANTWOORD,
                                       melding="Dit verzoek is al beantwoord of afgerond.")
        if bestand:
            bijlage_zetten(ontvanger, bestand, toegestaan=DOCUMENTEN)
        nu = kalender.nu()
        ontvanger.antwoord, ontvanger.beantwoord_op, ontvanger.beantwoord_door = antwoord, nu, door
        ontvanger.te_laat = not regels.dag_op_tijd(nu, ontvanger.uiterlijk)
        ontvanger.save()
        audit("contractbeheer.verzoek_beantwoord", ontvanger, door=door, oud=oud,
              nieuw=momentopname(ontvanger, ["status", "antwoord", "te_laat", "originele_naam", "sha256"]))
    return ontvanger


# --- onderzoek (002 B1 33) -----------------------------------------------------------------------------------


def onderzoek_starten(*, overeenkomst, signaal: str, door, gemeld_op: date | None = None) -> Onderzoek:
    """Record the written notice of a signal (B1 33.2): the provider may respond within 14 kalenderdagen
    (the procedure's setting) after the notice. ``gemeld_op`` is the date of the letter (today by default,
    never in the future)."""
    vereis_beheer(door, overeenkomst)
    signaal = _tekst(signaal, "het signaal")
    vandaag = kalender.vandaag()
    gemeld_op = gemeld_op or vandaag
    if gemeld_op > vandaag:
        raise ValidationError("De datum van de schriftelijke melding ligt niet in de toekomst.")
    if overeenkomst.status != Overeenkomst.Status.ACTIEF or gemeld_op < overeenkomst.startdatum:
        raise ValidationError("Een onderzoek hoort bij een lopende overeenkomst, gemeld na de ingangsdatum.")
    dagen = beheerregels_van(overeenkomst.aanbesteding).onderzoek_reactie_kalenderdagen
    with transaction.atomic():
        onderzoek = Onderzoek.objects.create(
            overeenkomst=overeenkomst, signaal=signaal, signaal_gemeld_op=gemeld_op,
            reactie_uiterlijk=regels.onderzoek_reactie_uiterlijk(gemeld_op, dagen), gestart_door=door,
        )
        audit("contractbeheer.onderzoek_gestart", onderzoek, door=door,
              nieuw=momentopname(onderzoek, ["status", "signaal_gemeld_op", "reactie_uiterlijk"]))
        from ..tasks.verzoeken import onderzoek_versturen

        na_commit(onderzoek_versturen, onderzoek.pk, "signaal")
    return onderzoek


def reactie_te_laat(ontvangen_op, uiterlijk: date | None) -> bool:
    """A reaction received after the last day of its window (kept, but marked)."""
    return bool(ontvangen_op and uiterlijk and not regels.dag_op_tijd(ontvangen_op, uiterlijk))


def onderzoek_reageren(*, onderzoek: Onderzoek, reactie: str, door) -> Onderzoek:
    """The provider's response to the signal (B1 33.2), once. A response after the window is still recorded
    (marked "na de termijn") as long as the bureau has not started the investigation."""
    vereis_aanbieder(door, onderzoek.overeenkomst)
    reactie = _tekst(reactie, "uw reactie")
    valideer_vrije_tekst(reactie)
    with transaction.atomic():
        onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
        if onderzoek.status != Onderzoek.Status.SIGNAAL_GEMELD:
            raise ValidationError("Het bureau heeft het signaal al verder behandeld; reageren is niet meer mogelijk.")
        if onderzoek.reactie_op:
            raise ValidationError("U heeft al op het signaal gereageerd.")
        onderzoek.reactie, onderzoek.reactie_op = reactie, kalender.nu()
        onderzoek.save(update_fields=["reactie", "reactie_op"])
        audit("contractbeheer.onderzoek_reactie", onderzoek, door=door,
              nieuw={"reactie": reactie, "te_laat": reactie_te_laat(onderzoek.reactie_op, onderzoek.reactie_uiterlijk)})
    return onderzoek


def onderzoek_instellen(*, onderzoek: Onderzoek, door) -> Onderzoek:
    """Start the investigation (B1 33.3): only after the response window has passed, or earlier when the provider
    has responded and the bureau decides to proceed."""
    vereis_beheer(door, onderzoek)
    with transaction.atomic():
        onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
        vandaag = kalender.vandaag()
        if onderzoek.status == Onderzoek.Status.SIGNAAL_GEMELD and not onderzoek.reactie_op \
                and vandaag <= onderzoek.reactie_uiterlijk:
            raise ValidationError(
                f"De aanbieder kan tot en met {onderzoek.reactie_uiterlijk:%d-%m-%Y} op het signaal reageren "
                "(002 B1 33.2); het onderzoek kan daarna beginnen (33.3)."
            )
        oud = momentopname(onderzoek, ["status"])
        Onderzoek.OVERGANGEN.zet(onderzoek, Onderzoek.Status.ONDERZOEK, melding="Het onderzoek is al ingesteld.")
        onderzoek.onderzoek_gestart_op = vandaag
        onderzoek.save(update_fields=["status", "onderzoek_gestart_op"])
        audit("contractbeheer.onderzoek_ingesteld", onderzoek, door=door, oud=oud,
              nieuw=momentopname(onderzoek, ["status", "onderzoek_gestart_op"]))
        from ..tasks.verzoeken import onderzoek_versturen

        na_commit(onderzoek_versturen, onderzoek.pk, "onderzoek")
    return onderzoek


def onderzoek_resultaat(*, onderzoek: Onderzoek, resultaat: str, door) -> Onderzoek:
    """Notify the result (B1 33.4): the provider may respond within another 14 kalenderdagen."""
    vereis_beheer(door, onderzoek)
    resultaat = _tekst(resultaat, "het resultaat")
    with transaction.atomic():
        onderzoek = Onderzoek.objects.select_for_update().select_related("overeenkomst__aanbesteding").get(
            pk=onderzoek.pk)
        oud = momentopname(onderzoek, ["status"])
        Onderzoek.OVERGANGEN.zet(onderzoek, Onderzoek.Status.RESULTAAT_GEMELD,
                                 melding="Een resultaat volgt op een ingesteld onderzoek.")
        vandaag = kalender.vandaag()
        dagen = beheerregels_van(onderzoek.overeenkomst.aanbesteding).onderzoek_reactie_kalenderdagen
        onderzoek.resultaat, onderzoek.resultaat_gemeld_op = resultaat, vandaag
        onderzoek.resultaat_reactie_uiterlijk = regels.onderzoek_reactie_uiterlijk(vandaag, dagen)
        onderzoek.save(update_fields=["status", "resultaat", "resultaat_gemeld_op", "resultaat_reactie_uiterlijk"])
        audit("contractbeheer.onderzoek_resultaat_gemeld", onderzoek, door=door, oud=oud,
              nieuw=momentopname(onderzoek, ["status", "resultaat_gemeld_op", "resultaat_reactie_uiterlijk"]))
        from ..tasks.verzoeken import onderzoek_versturen

        na_commit(onderzoek_versturen, onderzoek.pk, "resultaat")
    return onderzoek


def onderzoek_resultaat_reageren(*, onderzoek: Onderzoek, reactie: str, door) -> Onderzoek:
    """The provider's response to the result (B1 33.4), once; late is recorded and marked, until the decision."""
    vereis_aanbieder(door, onderzoek.overeenkomst)
    reactie = _tekst(reactie, "uw reactie")
    valideer_vrije_tekst(reactie)
    with transaction.atomic():
        onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
        if onderzoek.status != Onderzoek.Status.RESULTAAT_GEMELD:
            raise ValidationError("Er ligt geen resultaat waarop u kunt reageren.")
        if onderzoek.resultaat_reactie_op:
            raise ValidationError("U heeft al op het resultaat gereageerd.")
        onderzoek.resultaat_reactie, onderzoek.resultaat_reactie_op = reactie, kalender.nu()
        onderzoek.save(update_fields=["resultaat_reactie", "resultaat_reactie_op"])
        audit("contractbeheer.onderzoek_resultaat_reactie", onderzoek, door=door,
              nieuw={"reactie": reactie, "te_laat": reactie_te_laat(onderzoek.resultaat_reactie_op,
                                                                     onderzoek.resultaat_reactie_uiterlijk)})
    return onderzoek


def onderzoek_afsluiten(*, onderzoek: Onderzoek, uitkomst: str, toelichting: str, door) -> Onderzoek:
    """The decision (B1 33.5): afgedaan, nader overleg or sanctie, with the reasons; the provider is mailed.

    From the signal only "afgedaan", and only after the provider responded (it showed the signal was wrong);
    from a running investigation only "afgedaan" (the investigation is dropped); after the result only once the
    provider responded or its window has passed."""
    vereis_beheer(door, onderzoek)
    toelichting = _tekst(toelichting, "de toelichting bij het besluit")
    if uitkomst not in Onderzoek.Uitkomst.values:
        raise ValidationError("Kies een besluit.")
    with transaction.atomic():
        onderzoek = Onderzoek.objects.select_for_update().get(pk=onderzoek.pk)
        vandaag, status = kalender.vandaag(), onderzoek.status
        if status == Onderzoek.Status.SIGNAAL_GEMELD and (uitkomst != Onderzoek.Uitkomst.AFGEDAAN
                                                         or not onderzoek.reactie_op):
            raise ValidationError("Zonder onderzoek is alleen 'zaak afgedaan' mogelijk, en pas nadat de aanbieder "
                                  "heeft laten zien dat het signaal niet klopt.")
        if status == Onderzoek.Status.ONDERZOEK and uitkomst != Onderzoek.Uitkomst.AFGEDAAN:
            raise ValidationError("Meld eerst het resultaat van het onderzoek; de aanbieder mag daarop 14 dagen "
                                  "reageren (002 B1 33.4).")
        if status == Onderzoek.Status.RESULTAAT_GEMELD and not onderzoek.resultaat_reactie_op \
                and vandaag <= onderzoek.resultaat_reactie_uiterlijk:
            raise ValidationError(
                f"De aanbieder kan tot en met {onderzoek.resultaat_reactie_uiterlijk:%d-%m-%Y} op het resultaat "
                "reageren (002 B1 33.4); besluit daarna."
            )
        oud = momentopname(onderzoek, ["status"])
        Onderzoek.OVERGANGEN.zet(onderzoek, Onderzoek.Status.AFGESLOTEN, melding="Dit onderzoek is al afgesloten.")
        onderzoek.uitkomst, onderzoek.besluit_toelichting, onderzoek.afgesloten_op = uitkomst, toelichting, kalender.nu()
        onderzoek.save(update_fields=["status", "uitkomst", "besluit_toelichting", "afgesloten_op"])
        audit("contractbeheer.onderzoek_afgesloten", onderzoek, door=door, oud=oud,
              nieuw=momentopname(onderzoek, ["status", "uitkomst"]), toelichting=toelichting)
        from ..tasks.verzoeken import onderzoek_versturen

        na_commit(onderzoek_versturen, onderzoek.pk, "besluit")
    return onderzoek
