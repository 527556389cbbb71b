"""Term and extension (003a §3.6): announce, record objections, process after the objection date, and end
every running deelname when the term passes without extension."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from aanbesteding import services as aanbesteding_services
from aanbesteding.models import Aanbesteding
from core import kalender
from core.audit import audit
from core.taken import na_commit

from .. import regels
from ..models import Brief, Kanaal, Mededeling, Overeenkomst, Uittreding, Verlengingsbezwaar, Verlengingsronde
from ._gemeen import LOPEND, _deelnames_beeindigen, _eis_contractbeheer, _taken
from .brieven import brief_registreren, ontvangst_bepalen, scan_controleren


@transaction.atomic
def verlenging_aankondigen(*, aanbesteding, door, aangekondigd_op=None) -> Verlengingsronde:
    """Announce the extension of the term by ``verlenging_jaren`` (Gooi: 2 years, by 1 September)."""
    _eis_contractbeheer(door, aanbesteding)
    ab = Aanbesteding.objects.select_for_update().get(pk=aanbesteding.pk)
    if not ab.verlenging_jaren:
        raise ValidationError("Deze aanbesteding kent geen verlenging.")
    if ab.verlengingsrondes.filter(status=Verlengingsronde.Status.VERWERKT).count() >= (ab.verlenging_max_keren or 99):
        raise ValidationError("Het maximale aantal verlengingen is bereikt.")
    aangekondigd_op = aangekondigd_op or kalender.vandaag()
    uiterlijk, bezwaar_voor = verlengingsdata(ab)
    if uiterlijk and aangekondigd_op > uiterlijk:
        raise ValidationError(f"Een verlenging wordt uiterlijk {uiterlijk:%d-%m-%Y} aangekondigd (003a §3.6).")
    # Years as months, so a term ending on 29 February ends on 28 February in a year without it.
    nieuwe = kalender.plus_maanden(ab.looptijd_einde, 12 * ab.verlenging_jaren)
    ronde, _ = Verlengingsronde.objects.get_or_create(
        aanbesteding=ab, nieuwe_einddatum=nieuwe,
        defaults={
            "oude_einddatum": ab.looptijd_einde, "aangekondigd_op": aangekondigd_op, "aangekondigd_door": door,
            "bezwaar_tot": bezwaar_voor or ab.looptijd_einde,
        },
    )
    Mededeling.objects.get_or_create(
        sleutel=f"verlenging:{ronde.pk}",
        defaults={
            "aanbesteding": ab, "soort": Mededeling.Soort.VERLENGING, "gepubliceerd_op": kalender.nu(),
            "titel": f"Verlenging tot {nieuwe:%d-%m-%Y} aangekondigd",
            "tekst": f"Wie niet wil verlengen, maakt vóór {ronde.bezwaar_tot:%d-%m-%Y} bezwaar; zwijgen geldt als instemming (003a §3.6).",
        },
    )
    na_commit(_taken().verlenging_versturen, ronde.pk)
    audit("verlenging.aangekondigd", ronde, door=door, nieuw={"nieuwe_einddatum": nieuwe, "bezwaar_tot": ronde.bezwaar_tot})
    return ronde


def verlengingsdata(ab) -> tuple[date | None, date | None]:
    """(announce by, objection before) for the procedure's current term, from its own settings (003a §3.6)."""
    aank = (ab.verlenging_aankondigen_maand, ab.verlenging_aankondigen_dag) if ab.verlenging_aankondigen_maand else None
    bezw = (ab.verlenging_bezwaar_maand, ab.verlenging_bezwaar_dag or 1) if ab.verlenging_bezwaar_maand else None
    if aank and not aank[1]:
        aank = (aank[0], 1)
    return regels.verlenging_data(ab.looptijd_einde, aank, bezw)


@transaction.atomic
def verlengingsbezwaar_vastleggen(*, ronde, overeenkomst, ontvangen_op, door, toelichting="", kanaal=Kanaal.POST,
                                  scan=None) -> Verlengingsbezwaar:
    """Record a provider's objection received before the objection date; later counts as consent (003a §3.6).

    A registered letter (post or e-mail) is recorded by a contractmanager of the region with its real moment of
    receipt and an optional scan; through the portal the provider's beheerder objects and the moment is now. The
    round and the agreement are locked, so a concurrent processing of the round or a second recording waits and
    then sees the first (issue 18)."""
    if kanaal != Kanaal.PORTAAL:
        _eis_contractbeheer(door, overeenkomst)
        if ontvangen_op is None:
            raise ValidationError("Geef de datum waarop het bezwaar is ontvangen.")
    ronde = Verlengingsronde.objects.select_for_update().get(pk=ronde.pk)
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    if ronde.status != Verlengingsronde.Status.AANGEKONDIGD:
        raise ValidationError("Deze verlenging is al verwerkt.")
    if overeenkomst.aanbesteding_id != ronde.aanbesteding_id:
        # An objection only counts against the extension of the agreement's own procedure (003a §3.6).
        raise ValidationError("Deze overeenkomst hoort niet bij de aanbesteding van deze verlenging.")
    te_laat = f"Bezwaar moest vóór {ronde.bezwaar_tot:%d-%m-%Y} binnen zijn; te laat geldt als instemming (003a §3.6)."
    if ontvangen_op is not None and _dag(ontvangen_op) >= ronde.bezwaar_tot:
        raise ValidationError(te_laat)  # the strongest answer first: too late is too late, whenever it is typed in
    # Portal: now; post or e-mail: the real moment, not in the future and not before the agreement (issue 18).
    moment = ontvangst_bepalen(overeenkomst=overeenkomst, kanaal=kanaal, ontvangen_op=ontvangen_op, door=door,
                               zonder_vastlegger=kanaal != Kanaal.PORTAAL)
    ontvangen_dag = moment.astimezone(kalender.TZ).date()
    if ontvangen_dag >= ronde.bezwaar_tot:
        raise ValidationError(te_laat)
    scan_info = scan_controleren(scan)
    bezwaar, nieuw = Verlengingsbezwaar.objects.get_or_create(
        ronde=ronde, overeenkomst=overeenkomst,
        defaults={"ontvangen_op": ontvangen_dag, "kanaal": kanaal, "toelichting": toelichting, "vastgelegd_door": door},
    )
    if not nieuw:
        return bezwaar  # the first letter counts; a second one changes nothing
    audit("verlenging.bezwaar", overeenkomst, door=door, nieuw={"ronde": str(ronde), "ontvangen_op": ontvangen_dag})
    per_portaal = kanaal == Kanaal.PORTAAL
    brief_registreren(
        overeenkomst=overeenkomst, soort=Brief.Soort.VERLENGINGSBEZWAAR, kanaal=kanaal, ontvangen_op=moment,
        door=door if per_portaal else None, vastgelegd_door=None if per_portaal else door, scan=scan,
        scan_info=scan_info, verlengingsbezwaar=bezwaar,
        samenvatting=f"Bezwaar tegen de verlenging tot {ronde.nieuwe_einddatum:%d-%m-%Y}; de deelname eindigt op "
        f"{ronde.oude_einddatum:%d-%m-%Y}." + (f" {toelichting}" if toelichting else ""),
    )
    return bezwaar


def _dag(waarde) -> date:
    return waarde.astimezone(kalender.TZ).date() if isinstance(waarde, datetime) and waarde.tzinfo else (
        waarde.date() if isinstance(waarde, datetime) else waarde)


@transaction.atomic
def verlenging_verwerken(*, ronde_id: int, op: date | None = None) -> Verlengingsronde | None:
    """After the objection date: objectors end on the old end date (recorded as uittreding); the others
    continue and the procedure's term moves to the new end date (aanbesteding's service). Idempotent."""
    op = op or kalender.vandaag()
    ronde = Verlengingsronde.objects.select_for_update().filter(pk=ronde_id).first()
    if ronde is None or ronde.status != Verlengingsronde.Status.AANGEKONDIGD or op < ronde.bezwaar_tot:
        return None
    for bezwaar in ronde.bezwaren.select_related("overeenkomst"):
        deelnames = list(bezwaar.overeenkomst.deelnames.filter(status__in=LOPEND))
        u = Uittreding.objects.create(
            overeenkomst=bezwaar.overeenkomst, aanleiding=Uittreding.Aanleiding.VERLENGING_BEZWAAR,
            ontvangen_op=bezwaar.ontvangen_op, vroegste_einddatum=ronde.oude_einddatum,
            clienten_overgedragen_op=None, status=Uittreding.Status.LOPEND,
            toelichting=f"Bezwaar tegen {ronde}",
        )
        u.deelnames.set(deelnames)
    aanbesteding_services.looptijd_verlengen(
        aanbesteding=ronde.aanbesteding, tot=ronde.nieuwe_einddatum, toelichting=str(ronde),
    )
    Verlengingsronde.OVERGANGEN.zet(ronde, Verlengingsronde.Status.VERWERKT)
    ronde.save(update_fields=["status"])
    audit("verlenging.verwerkt", ronde, nieuw={"bezwaren": ronde.bezwaren.count()})
    return ronde


@transaction.atomic
def looptijd_beeindigen(*, aanbesteding_id: int, op: date | None = None) -> int:
    """After the procedure's last day without a pending extension, every running deelname ends on that day
    (003a §3.6 end of term; 002 art. 6.2 "eindigt van rechtswege"). Idempotent; returns the number ended."""
    op = op or kalender.vandaag()
    ab = Aanbesteding.objects.select_for_update().get(pk=aanbesteding_id)
    if op <= ab.looptijd_einde or ab.verlengingsrondes.filter(status=Verlengingsronde.Status.AANGEKONDIGD).exists():
        return 0
    aantal = 0
    for ovk in Overeenkomst.objects.filter(aanbesteding=ab, deelnames__status__in=LOPEND).distinct():
        deelnames = list(ovk.deelnames.filter(status__in=LOPEND))
        u = Uittreding.objects.create(
            overeenkomst=ovk, aanleiding=Uittreding.Aanleiding.EINDE_LOOPTIJD, ontvangen_op=ab.looptijd_einde,
            vroegste_einddatum=ab.looptijd_einde, einddatum=ab.looptijd_einde, status=Uittreding.Status.AFGEROND,
            toelichting=f"Looptijd van {ab} verstreken op {ab.looptijd_einde:%d-%m-%Y}.",
        )
        u.deelnames.set(deelnames)
        _deelnames_beeindigen(deelnames, ab.looptijd_einde, "Einde looptijd")
        aantal += len(deelnames)
    return aantal
