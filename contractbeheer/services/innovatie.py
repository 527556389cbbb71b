"""The evaluation of an admitted innovatievoorstel (002 PB 1.2, r. 573; ADR 0022): planned when the agreement gets
the innovation-route perceel, the outcome recorded once by the bureau, audited.

Planning reads what the lower apps already hold: the running deelname of the agreement on a perceel with the
innovation route, and the admitted proposal of the same provider on that perceel. So the signal receiver (after
``overeenkomst`` made the agreement) and the daily catch-up do the same idempotent thing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bronnen.mlo import INNOVATIEROUTE
from core import kalender
from core.audit import audit
from inschrijving.models import Innovatievoorstel
from overeenkomst.models import Deelname

from ..models import InnovatieEvaluatie
from ._gemeen import vereis, vereis_beheer

# "binnen een jaar" (002 r. 573): the evaluation is due 12 months after the admission.
EVALUATIE_MAANDEN = INNOVATIEROUTE["evaluatie_binnen_maanden"]


def uiterlijk_voor(toegelaten_op):
    return kalender.plus_maanden(toegelaten_op, EVALUATIE_MAANDEN)


def evaluaties_plannen(*, organisatie=None, aanbesteding=None) -> list[InnovatieEvaluatie]:
    """Plan the evaluation for every admitted proposal whose agreement runs on the innovation-route perceel and that
    has none yet (optionally for one provider and procedure). Idempotent; returns the new ones."""
    deelnames = Deelname.objects.filter(perceel__innovatieroute=True, status__in=(Deelname.Status.ACTIEF, Deelname.Status.CLIENTENSTOP)).select_related(
        "overeenkomst__organisatie", "overeenkomst__aanbesteding", "perceel")
    if organisatie is not None:
        deelnames = deelnames.filter(overeenkomst__organisatie=organisatie)
    if aanbesteding is not None:
        deelnames = deelnames.filter(overeenkomst__aanbesteding=aanbesteding)
    nieuw = []
    for deelname in deelnames:
        ovk = deelname.overeenkomst
        voorstel = (
            Innovatievoorstel.objects.filter(
                perceel=deelname.perceel, inschrijving__organisatie=ovk.organisatie,
                inschrijving__aanbesteding=ovk.aanbesteding, inschrijving__inschrijving_percelen__perceel=deelname.perceel,
                inschrijving__inschrijving_percelen__toegelaten=True, evaluatie__isnull=True,
            ).order_by("-inschrijving__ingediend_op").first()
        )
        if voorstel is None:
            continue
        try:
            with transaction.atomic():
                evaluatie = InnovatieEvaluatie.objects.create(
                    overeenkomst=ovk, voorstel=voorstel, toegelaten_op=deelname.startdatum,
                    uiterlijk=uiterlijk_voor(deelname.startdatum),
                )
                audit("contractbeheer.innovatie_evaluatie_gepland", evaluatie, door=None,
                      nieuw={"voorstel": voorstel.productnaam, "toegelaten_op": evaluatie.toegelaten_op,
                             "uiterlijk": evaluatie.uiterlijk})
        except IntegrityError:  # planned concurrently by the receiver and the catch-up
            continue
        nieuw.append(evaluatie)
    return nieuw


def bij_definitieve_toelating(sender, *, organisatie, aanbesteding, percelen, **kwargs):
    """Receiver of ``toetsing.signals.definitief_toegelaten``, connected after overeenkomst's (which makes the
    agreement). Only when an admitted perceel has the innovation route."""
    if any(getattr(p, "innovatieroute", False) for p in percelen):
        evaluaties_plannen(organisatie=organisatie, aanbesteding=aanbesteding)


def uitkomst_vastleggen(*, evaluatie: InnovatieEvaluatie, uitkomst: str, toelichting: str, door) -> InnovatieEvaluatie:
    """The bureau records the outcome once: continue, adjust or end the product (002 r. 573: "of het aanbod van
    toegevoegde waarde is"). A reason is required; what was recorded stays (ARCHITECTURE rule 14)."""
    vereis_beheer(door, evaluatie)
    if uitkomst not in InnovatieEvaluatie.Uitkomst.values:
        raise ValidationError("Kies een uitkomst: voortzetten, aanpassen of beëindigen.")
    if not (toelichting or "").strip():
        raise ValidationError("Licht de uitkomst van de evaluatie toe: waarop is het besluit gebaseerd?")
    with transaction.atomic():
        e = InnovatieEvaluatie.objects.select_for_update().get(pk=evaluatie.pk)
        vereis(e.status == InnovatieEvaluatie.Status.GEPLAND, "De uitkomst van deze evaluatie is al vastgelegd.")
        InnovatieEvaluatie.OVERGANGEN.zet(e, InnovatieEvaluatie.Status.AFGEROND)
        e.uitkomst, e.toelichting = uitkomst, toelichting.strip()
        e.vastgesteld_op, e.vastgesteld_door = kalender.nu(), door
        e.save(update_fields=["status", "uitkomst", "toelichting", "vastgesteld_op", "vastgesteld_door"])
        audit("contractbeheer.innovatie_evaluatie_uitkomst", e, door=door, oud={"status": "gepland"},
              nieuw={"status": e.status, "uitkomst": e.uitkomst, "te_laat": e.vastgesteld_op.date() > e.uiterlijk},
              toelichting=e.toelichting)
    return e
