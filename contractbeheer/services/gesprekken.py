"""Contract talks (issue 14; 002 UOK 13.1 r.126-137): "Partijen plannen zo vaak zij dit nodig achten, gesprekken in
ten behoeve van contractmanagement, waarbij de focus ligt op de Aanbieders die tezamen 80% van de omzet
realiseren."

Staff plan a talk with one agreement (the agenda prefilled with the topics the source lists, as a checklist the
user edits), record the minutes once it was held (status GEHOUDEN) or cancel it with a reason, and record the
actions agreed in it (for the provider or the bureau, each with a due date). A provider completes its own
actions; staff complete any. The provider is mailed when a talk is planned and when the minutes are there.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import kalender
from core.audit import audit, momentopname
from core.taken import na_commit

from .. import permissions
from ..clientgegevens import valideer_velden
from ..models import Contractgesprek, Gespreksactie
from ._gemeen import vereis, vereis_beheer

# 002 UOK 13.1 r.126-137: "Onderwerpen voor deze gesprekken zijn onder andere:" (the source's wording).
ONDERWERPEN = (
    "de KPI’s onder artikel 33 monitoring, van bijlage 1",
    "Communicatie tussen Aanbieder en Gemeente o.a. berichtenverkeer/CJG/toegang",
    "Doorlooptijden (wachttijden en wachtlijsten)",
    "Bijzonderheden rondom uitvoering ondersteuning (calamiteiten en klachten)",
    "Behandelplan/zorgplan/ondersteuningsplan (EDC, 1G1P)",
    "Vervoer",
    "Onderaannemers",
    "Facturatie/declaratie",
    "Financiën/prognose omzet",
    "Jaarverantwoording/Jaarverslag",
    "Certificering (geldigheid HKZ, ISO, e.v.)",
    "Clienttevredenheid (wijze meting, frequentie en resultaat)",
    "Ambities van de Aanbieder",
)

_AUDITVELDEN = ["overeenkomst", "gepland_op", "locatie", "onderwerpen", "status"]


def _taken():
    from ..tasks import gesprekken

    return gesprekken


def standaardagenda() -> str:
    """The agenda a new talk starts with: the topics of 002 UOK 13.1 as a checklist ("[ ] ..."), one a line."""
    return "\n".join(f"[ ] {o}" for o in ONDERWERPEN)


def _bewust(moment, veld: str) -> datetime:
    if not isinstance(moment, datetime):
        raise ValidationError({veld: "Geef een datum en tijd."})
    return timezone.make_aware(moment, kalender.TZ) if timezone.is_naive(moment) else moment


def _schoon(**velden: str) -> dict[str, str]:
    """Strip the texts and refuse client-identifying data in them (contractbeheer.clientgegevens)."""
    velden = {k: (v or "").strip() for k, v in velden.items()}
    valideer_velden(**velden)
    return velden


@transaction.atomic
def gesprek_plannen(*, overeenkomst, gepland_op, locatie="", onderwerpen=None, door) -> Contractgesprek:
    """Staff plan a talk with the provider of ``overeenkomst``; ``onderwerpen`` defaults to the checklist of 002
    UOK 13.1. The moment must lie in the future. The provider is mailed after commit."""
    vereis_beheer(door, overeenkomst)
    gepland_op = _bewust(gepland_op, "gepland_op")
    if gepland_op <= kalender.nu():
        raise ValidationError({"gepland_op": "Plan het gesprek op een moment in de toekomst."})
    tekst = _schoon(locatie=locatie, onderwerpen=standaardagenda() if onderwerpen is None else onderwerpen)
    if not tekst["onderwerpen"]:
        raise ValidationError({"onderwerpen": "Zet ten minste één onderwerp op de agenda."})
    gesprek = Contractgesprek.objects.create(overeenkomst=overeenkomst, gepland_op=gepland_op, gepland_door=door,
                                             **tekst)
    audit("contractbeheer.gesprek_gepland", gesprek, door=door, nieuw=momentopname(gesprek, _AUDITVELDEN))
    na_commit(_taken().gesprek_gepland_versturen, gesprek.pk)
    return gesprek


@transaction.atomic
def verslag_vastleggen(*, gesprek, verslag, deelnemers, gehouden_op, door) -> Contractgesprek:
    """Staff record the minutes of a planned talk: who took part, when it was held (not in the future) and the
    minutes themselves (required). The talk becomes GEHOUDEN; the provider is mailed after commit."""
    vereis_beheer(door, gesprek)
    gesprek = Contractgesprek.objects.select_for_update().get(pk=gesprek.pk)
    gehouden_op = _bewust(gehouden_op, "gehouden_op")
    if gehouden_op > kalender.nu():
        raise ValidationError({"gehouden_op": "Een gesprek in de toekomst kan nog geen verslag hebben."})
    tekst = _schoon(verslag=verslag, deelnemers=deelnemers)
    if not tekst["verslag"]:
        raise ValidationError({"verslag": "Vul het verslag in."})
    if not tekst["deelnemers"]:
        raise ValidationError({"deelnemers": "Vermeld wie aan het gesprek deelnamen (functies of organisaties)."})
    oud = Contractgesprek.OVERGANGEN.zet(gesprek, Contractgesprek.Status.GEHOUDEN)
    gesprek.gehouden_op, gesprek.verslag_door = gehouden_op, door
    gesprek.verslag, gesprek.deelnemers = tekst["verslag"], tekst["deelnemers"]
    gesprek.save(update_fields=["status", "gehouden_op", "verslag_door", "verslag", "deelnemers"])
    audit("contractbeheer.gesprek_verslag", gesprek, door=door, oud={"status": oud},
          nieuw={"status": gesprek.status, "gehouden_op": gehouden_op})
    na_commit(_taken().gesprek_verslag_versturen, gesprek.pk)
    return gesprek


@transaction.atomic
def gesprek_annuleren(*, gesprek, reden, door) -> Contractgesprek:
    """Staff cancel a planned talk, with a reason."""
    vereis_beheer(door, gesprek)
    gesprek = Contractgesprek.objects.select_for_update().get(pk=gesprek.pk)
    reden = _schoon(reden=reden)["reden"]
    if not reden:
        raise ValidationError({"reden": "Geef de reden van de annulering."})
    oud = Contractgesprek.OVERGANGEN.zet(gesprek, Contractgesprek.Status.GEANNULEERD)
    gesprek.geannuleerd_reden = reden
    gesprek.save(update_fields=["status", "geannuleerd_reden"])
    audit("contractbeheer.gesprek_geannuleerd", gesprek, door=door, oud={"status": oud},
          nieuw={"status": gesprek.status}, toelichting=reden)
    return gesprek


@transaction.atomic
def actie_toevoegen(*, gesprek, omschrijving, eigenaar, uiterlijk, door) -> Gespreksactie:
    """Staff record an action agreed in a held talk: what, for whom (provider or bureau) and by when (today or
    later)."""
    vereis_beheer(door, gesprek)
    gesprek = Contractgesprek.objects.select_for_update().get(pk=gesprek.pk)
    if gesprek.status != Contractgesprek.Status.GEHOUDEN:
        raise ValidationError("Acties worden afgesproken in een gehouden gesprek; leg eerst het verslag vast.")
    omschrijving = _schoon(omschrijving=omschrijving)["omschrijving"]
    if not omschrijving:
        raise ValidationError({"omschrijving": "Beschrijf de afgesproken actie."})
    if eigenaar not in Gespreksactie.Eigenaar.values:
        raise ValidationError({"eigenaar": "Kies de aanbieder of het bureau."})
    if not isinstance(uiterlijk, date) or uiterlijk < kalender.vandaag():
        raise ValidationError({"uiterlijk": "De uiterste datum ligt vandaag of later."})
    actie = Gespreksactie.objects.create(gesprek=gesprek, omschrijving=omschrijving, eigenaar=eigenaar,
                                         uiterlijk=uiterlijk)
    audit("contractbeheer.gespreksactie_toegevoegd", actie, door=door,
          nieuw={"gesprek": gesprek.pk, "eigenaar": eigenaar, "uiterlijk": uiterlijk})
    return actie


def mag_afronden(user, actie) -> bool:
    """Staff of the region complete any action; a member of the provider only the provider's own actions."""
    if permissions.mag_beheren(user, actie):
        return True
    return (actie.eigenaar == Gespreksactie.Eigenaar.AANBIEDER
            and permissions.mag_indienen(user, actie.gesprek.overeenkomst))


@transaction.atomic
def actie_afronden(*, actie, toelichting="", door) -> Gespreksactie:
    """Mark an open action as done (see ``mag_afronden`` for who may)."""
    actie = Gespreksactie.objects.select_for_update().select_related("gesprek__overeenkomst").get(pk=actie.pk)
    if not mag_afronden(door, actie):
        if permissions.is_beheer(door):
            permissions.eis_beheer_regio(door, actie)
        vereis(False, "Alleen de aanbieder rondt zijn eigen acties af; acties van het bureau rondt het bureau af.")
    toelichting = _schoon(toelichting=toelichting)["toelichting"]
    oud = Gespreksactie.OVERGANGEN.zet(actie, Gespreksactie.Status.AFGEROND)
    actie.afgerond_op, actie.afgerond_door, actie.toelichting = kalender.nu(), door, toelichting
    actie.save(update_fields=["status", "afgerond_op", "afgerond_door", "toelichting"])
    audit("contractbeheer.gespreksactie_afgerond", actie, door=door, oud={"status": oud},
          nieuw={"status": actie.status}, toelichting=toelichting)
    return actie


def actie_te_laat(actie, vandaag: date | None = None) -> bool:
    """An open action past its due date."""
    return actie.status == Gespreksactie.Status.OPEN and actie.uiterlijk < (vandaag or kalender.vandaag())

