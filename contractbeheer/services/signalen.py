"""Signalen about providers (issue 14; 000 r.737-749, 001 r.352-361): received from municipal staff or recorded by
the bureau, triaged, followed up, and reported back to the sender.

- **Doorgeven**: a municipal consulent (staff role Gemeente, organisaties.rollen.GEMEENTE) passes a signal on in
  the region where the role is held; a Contractmanager or Inkoper records one too (the bureau's own observation,
  or on behalf of a caller). ``trap`` is the step of the source's escalation the signal had reached (000
  r.741-749); the free text and the sender's own case number are refused when they identify a client
  (contractbeheer.clientgegevens: the portal stores no client data, 000 r.749 asks only that the provider can
  know whom it concerns, which the municipality's own kenmerk gives).
- **Behandelen** (staff, in their regions): triage (ernst, behandelaar; ONTVANGEN → IN_BEHANDELING) or "niet in
  behandeling genomen" with a reason; internal notes; "besproken met de aanbieder"; a link to an Onderzoek; a
  measure of the enforcement ladder (``signaal_koppelen_aan_maatregel``, called by services.handhaving); the
  terugkoppeling to the sender, required before AFGEHANDELD.
- **Mail**: the region's contract managers for a new signal at trap 3 or triaged as ernst hoog (once); the sender
  for every terugkoppeling.

A triage is overdue when a signal is still ONTVANGEN more than ``TRIAGE_WERKDAGEN`` working days after receipt
(the bureau's own norm, not a number of the sources).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from core import kalender
from core.audit import audit, momentopname
from core.taken import na_commit
from organisaties.regios import bereik
from organisaties.rollen import GEMEENTE
from overeenkomst.models import Overeenkomst

from .. import permissions
from ..clientgegevens import valideer_velden
from ..models import Onderzoek, Signaal, Signaalstap
from ._gemeen import vereis, vereis_beheer

TRIAGE_WERKDAGEN = 5
#: What a municipal sender may give as the origin; "bureau" is the bureau's own observation.
BRONNEN_GEMEENTE = (Signaal.Bron.GEMEENTE, Signaal.Bron.VERWIJZER, Signaal.Bron.CLIENT)
_AUDITVELDEN = ["regio", "organisatie", "overeenkomst", "gemeente", "bron", "trap", "onderwerp", "kenmerk_melder"]


def _taken():
    from ..tasks import signalen

    return signalen


# --- who -----------------------------------------------------------------------------------------------------


def gemeente_bereik(user):
    """The regions where ``user`` holds the staff role Gemeente."""
    return bereik(user, GEMEENTE)


def is_gemeente(user) -> bool:
    return getattr(user, "is_authenticated", False) and not gemeente_bereik(user).leeg


def mag_doorgeven(user) -> bool:
    """Municipal staff and the bureau (Contractmanager, Inkoper) pass signals on."""
    return is_gemeente(user) or permissions.is_beheer(user)


def doorgeef_bereik(user):
    """The regions ``user`` may pass a signal on in: the Gemeente role's and the bureau role's regions."""
    return gemeente_bereik(user) | permissions.beheer_bereik(user)


# --- overdue triage ------------------------------------------------------------------------------------------


def triage_uiterlijk(ontvangen: date) -> date:
    """The last day of the triage norm: the ``TRIAGE_WERKDAGEN``-th working day after the day of receipt."""
    return kalender.plus_werkdagen(ontvangen, TRIAGE_WERKDAGEN)


def triage_grens(vandaag: date | None = None) -> date:
    """The latest day of receipt whose triage is overdue today (``triage_uiterlijk(d) < vandaag``); a signal
    received on or before it and still ONTVANGEN is overdue. ``triage_uiterlijk`` never decreases, so this is one
    bound for a whole list (one query)."""
    vandaag = vandaag or kalender.vandaag()
    d = vandaag
    while triage_uiterlijk(d) >= vandaag:
        d = kalender.plus_kalenderdagen(d, -1)
    return d


def triage_te_laat(signaal: Signaal, vandaag: date | None = None) -> bool:
    vandaag = vandaag or kalender.vandaag()
    ontvangen = signaal.ontvangen_op.astimezone(kalender.TZ).date()
    return signaal.status == Signaal.Status.ONTVANGEN and triage_uiterlijk(ontvangen) < vandaag


# --- receive -------------------------------------------------------------------------------------------------


def _stap(signaal, soort, tekst, door, *, intern) -> Signaalstap:
    return Signaalstap.objects.create(signaal=signaal, soort=soort, tekst=tekst, door=door, op=kalender.nu(),
                                      intern=intern)


def _tekst(veld: str, tekst: str, *, verplicht: bool = True) -> str:
    tekst = (tekst or "").strip()
    if verplicht and not tekst:
        raise ValidationError({veld: "Vul dit veld in."})
    valideer_velden(**{veld: tekst})
    return tekst


@transaction.atomic
def signaal_doorgeven(*, organisatie, gemeente=None, bron, trap, onderwerp, omschrijving, kenmerk_melder="",
                      overeenkomst=None, regio=None, door) -> Signaal:
    """A signal about ``organisatie`` reaches the bureau. The region is the municipality's (or, for the bureau
    without a municipality, the agreement's or ``regio``); the provider must hold an agreement there. A municipal
    sender names the municipality and cannot claim the bureau as the origin."""
    vereis(mag_doorgeven(door), "Alleen medewerkers van een gemeente of van het bureau geven een signaal door.")
    gemeentelijk = not permissions.is_beheer(door)
    if gemeente is not None:
        regio = gemeente.regio
    elif overeenkomst is not None:
        regio = overeenkomst.aanbesteding.regio
    if gemeentelijk and gemeente is None:
        raise ValidationError({"gemeente": "Kies de gemeente namens wie u het signaal doorgeeft."})
    if regio is None:
        raise ValidationError({"gemeente": "Kies de gemeente of de overeenkomst waar het signaal over gaat."})
    b = gemeente_bereik(door) if gemeentelijk else permissions.beheer_bereik(door)
    vereis(regio.pk in b, "U geeft geen signalen door in deze regio.")
    if gemeentelijk and bron not in BRONNEN_GEMEENTE:
        raise ValidationError({"bron": "Kies gemeente, verwijzer of cliënt."})
    if bron not in Signaal.Bron.values:
        raise ValidationError({"bron": "Kies waar het signaal vandaan komt."})
    if trap not in Signaal.Trap.values:
        raise ValidationError({"trap": "Kies een van de drie stappen."})
    ovk = Overeenkomst.objects.filter(organisatie=organisatie, aanbesteding__regio=regio)
    if not ovk.exists():
        raise ValidationError({"organisatie": "Deze aanbieder heeft geen overeenkomst in deze regio."})
    if overeenkomst is not None and not ovk.filter(pk=overeenkomst.pk).exists():
        raise ValidationError({"overeenkomst": "Deze overeenkomst is niet van de gekozen aanbieder in deze regio."})
    onderwerp, omschrijving = onderwerp.strip(), omschrijving.strip()
    if not onderwerp or not omschrijving:
        raise ValidationError("Vul een onderwerp en een omschrijving in.")
    valideer_velden(onderwerp=onderwerp, omschrijving=omschrijving, kenmerk_melder=kenmerk_melder)
    signaal = Signaal.objects.create(
        regio=regio, organisatie=organisatie, overeenkomst=overeenkomst, gemeente=gemeente, bron=bron, trap=trap,
        onderwerp=onderwerp, omschrijving=omschrijving, kenmerk_melder=(kenmerk_melder or "").strip(),
        ontvangen_op=kalender.nu(), gemeld_door=door,
    )
    _stap(signaal, Signaalstap.Soort.ONTVANGEN, "", door, intern=False)
    audit("contractbeheer.signaal_ontvangen", signaal, door=door, nieuw=momentopname(signaal, _AUDITVELDEN))
    if signaal.trap == Signaal.Trap.CONTRACTMANAGEMENT:
        na_commit(_taken().signaal_contractmanagers_versturen, signaal.pk)
    return signaal


# --- follow-up (staff) ---------------------------------------------------------------------------------------


def _vergrendeld(signaal, door) -> Signaal:
    vereis_beheer(door, signaal)
    return Signaal.objects.select_for_update().get(pk=signaal.pk)


@transaction.atomic
def signaal_triage(*, signaal, ernst, behandelaar, toelichting="", door) -> Signaal:
    """Judge a received signal: its seriousness and who handles it (a Contractmanager or Inkoper of the region).
    The signal goes in behandeling; ernst hoog mails the region's contract managers (once per signal)."""
    signaal = _vergrendeld(signaal, door)
    if ernst not in Signaal.Ernst.values:
        raise ValidationError({"ernst": "Kies de ernst."})
    if behandelaar is None or not permissions.mag_beheren(behandelaar, signaal):
        raise ValidationError({"behandelaar": "Kies een contractmanager of inkoper van deze regio."})
    toelichting = _tekst("toelichting", toelichting, verplicht=False)
    oud = Signaal.OVERGANGEN.zet(signaal, Signaal.Status.IN_BEHANDELING)
    signaal.ernst, signaal.behandelaar = ernst, behandelaar
    signaal.save(update_fields=["status", "ernst", "behandelaar"])
    tekst = f"Ernst: {signaal.get_ernst_display()}. Behandelaar: {behandelaar.get_full_name() or behandelaar.email}."
    _stap(signaal, Signaalstap.Soort.TRIAGE, f"{tekst} {toelichting}".strip(), door, intern=True)
    audit("contractbeheer.signaal_triage", signaal, door=door, oud={"status": oud},
          nieuw={"status": signaal.status, "ernst": ernst, "behandelaar": behandelaar.pk}, toelichting=toelichting)
    if ernst == Signaal.Ernst.HOOG:
        na_commit(_taken().signaal_contractmanagers_versturen, signaal.pk)
    return signaal


@transaction.atomic
def signaal_niet_ontvankelijk(*, signaal, reden, door) -> Signaal:
    """Do not take a received signal up (e.g. it concerns no contracted provider, or belongs at trap 1-2 first);
    the reason is the terugkoppeling to the sender, who is mailed after commit."""
    signaal = _vergrendeld(signaal, door)
    reden = _tekst("reden", reden)
    oud = Signaal.OVERGANGEN.zet(signaal, Signaal.Status.NIET_ONTVANKELIJK)
    signaal.terugkoppeling, signaal.afgehandeld_op = reden, kalender.nu()
    signaal.save(update_fields=["status", "terugkoppeling", "afgehandeld_op"])
    stap = _stap(signaal, Signaalstap.Soort.TERUGKOPPELING, reden, door, intern=False)
    audit("contractbeheer.signaal_niet_ontvankelijk", signaal, door=door, oud={"status": oud},
          nieuw={"status": signaal.status}, toelichting=reden)
    na_commit(_taken().signaal_terugkoppeling_versturen, stap.pk)
    return signaal


_OPEN = (Signaal.Status.ONTVANGEN, Signaal.Status.IN_BEHANDELING, Signaal.Status.MAATREGEL)


@transaction.atomic
def signaal_notitie(*, signaal, tekst, door) -> Signaalstap:
    """An internal note of the bureau (never shown to the sender)."""
    signaal = _vergrendeld(signaal, door)
    stap = _stap(signaal, Signaalstap.Soort.NOTITIE, _tekst("tekst", tekst), door, intern=True)
    audit("contractbeheer.signaal_notitie", signaal, door=door, nieuw={"stap": stap.pk})
    return stap


@transaction.atomic
def signaal_besproken(*, signaal, tekst, door) -> Signaalstap:
    """The bureau discussed the signal with the provider (000 r.749: the provider must know whom it concerns to
    follow it up); what was said stays internal."""
    signaal = _vergrendeld(signaal, door)
    if signaal.status not in (Signaal.Status.IN_BEHANDELING, Signaal.Status.MAATREGEL):
        raise ValidationError("Neem het signaal eerst in behandeling (triage).")
    stap = _stap(signaal, Signaalstap.Soort.AANBIEDER, _tekst("tekst", tekst), door, intern=True)
    audit("contractbeheer.signaal_besproken", signaal, door=door, nieuw={"stap": stap.pk})
    return stap


@transaction.atomic
def signaal_onderzoek_koppelen(*, signaal, onderzoek, door) -> Signaal:
    """Link the signal to an existing onderzoek (002 B1 33) about the same provider in the same region."""
    signaal = _vergrendeld(signaal, door)
    onderzoek = Onderzoek.objects.select_related("overeenkomst__aanbesteding").get(pk=onderzoek.pk)
    if (onderzoek.overeenkomst.organisatie_id != signaal.organisatie_id
            or onderzoek.overeenkomst.aanbesteding.regio_id != signaal.regio_id):
        raise ValidationError({"onderzoek": "Kies een onderzoek naar dezelfde aanbieder in deze regio."})
    if signaal.status not in _OPEN:
        raise ValidationError("Dit signaal is afgesloten.")
    signaal.onderzoek = onderzoek
    signaal.save(update_fields=["onderzoek"])
    _stap(signaal, Signaalstap.Soort.NOTITIE, f"Gekoppeld aan het onderzoek van {onderzoek.signaal_gemeld_op:%d-%m-%Y}.",
          door, intern=True)
    audit("contractbeheer.signaal_onderzoek", signaal, door=door, nieuw={"onderzoek": onderzoek.pk})
    return signaal


@transaction.atomic
def signaal_terugkoppelen(*, signaal, terugkoppeling, afhandelen=False, door) -> Signaal:
    """Report back to the sender (000 r.749) what the bureau did; with ``afhandelen`` the signal is closed
    (AFGEHANDELD needs a terugkoppeling: a sender is never left without an answer). The sender is mailed after
    commit."""
    signaal = _vergrendeld(signaal, door)
    if signaal.status not in (Signaal.Status.IN_BEHANDELING, Signaal.Status.MAATREGEL):
        raise ValidationError("Alleen een signaal in behandeling krijgt een terugkoppeling; doe eerst de triage.")
    terugkoppeling = _tekst("terugkoppeling", terugkoppeling)
    signaal.terugkoppeling = terugkoppeling
    velden = ["terugkoppeling"]
    oud = signaal.status
    if afhandelen:
        Signaal.OVERGANGEN.zet(signaal, Signaal.Status.AFGEHANDELD)
        signaal.afgehandeld_op = kalender.nu()
        velden += ["status", "afgehandeld_op"]
    signaal.save(update_fields=velden)
    stap = _stap(signaal, Signaalstap.Soort.TERUGKOPPELING, terugkoppeling, door, intern=False)
    if afhandelen:
        _stap(signaal, Signaalstap.Soort.AFGEHANDELD, "", door, intern=False)
    audit("contractbeheer.signaal_terugkoppeling", signaal, door=door, oud={"status": oud},
          nieuw={"status": signaal.status}, toelichting=terugkoppeling)
    na_commit(_taken().signaal_terugkoppeling_versturen, stap.pk)
    return signaal


def signaal_koppelen_aan_maatregel(*, signaal: Signaal, maatregel, door) -> Signaal:
    """Record that ``signaal`` led to ``maatregel`` (the enforcement ladder, services.handhaving): the signal moves
    to "Leidt tot een maatregel" and its timeline says so. Only a signal in behandeling (triaged) can lead to a
    measure; the measure must be about the signal's provider. Called by the handhaving service inside its own
    transaction."""
    vereis_beheer(door, signaal)
    with transaction.atomic():
        signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
        if maatregel.overeenkomst.organisatie_id != signaal.organisatie_id:
            raise ValidationError("De maatregel gaat over een andere aanbieder dan het signaal.")
        if signaal.status == Signaal.Status.MAATREGEL:
            return signaal  # a second measure on the same signal: the signal is already there
        Signaal.OVERGANGEN.zet(signaal, Signaal.Status.MAATREGEL)
        signaal.save(update_fields=["status"])
        Signaalstap.objects.create(signaal=signaal, soort=Signaalstap.Soort.MAATREGEL, door=door,
                                   op=kalender.nu(), tekst=f"{maatregel.get_trede_display()} (voornemen).")
        audit("contractbeheer.signaal_maatregel", signaal, door=door, toelichting=str(maatregel))
    return signaal

