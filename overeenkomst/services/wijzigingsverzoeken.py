"""The provider's wijzigingsverzoeken (003a §3.4, §3.7): deadlines and fee on submission, staff decide; an
approved change of the organisation's data goes through organisaties' own service."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core import kalender
from core.audit import audit, momentopname
from core.geld import formatteer_euro
from core.taken import na_commit
from organisaties import services as organisaties_services

from .. import regels
from ..models import Brief, Contractregels, Kanaal, Onderaannemer, Overeenkomst, Wijzigingsverzoek
from ._gemeen import LOPEND, _eis_contractbeheer_persoon, _taken
from .brieven import brief_registreren, ontvangst_bepalen, scan_controleren

KVK_UITLEG = (
    "Een ander KvK-nummer betekent een andere rechtspersoon. De overeenkomst gaat niet over op een nieuwe "
    "rechtspersoon: die schrijft zich zelf opnieuw in (003a §3.4, één inschrijving per rechtspersoon). Gaat het "
    "om een zuiver administratieve omzetting (bijv. eenmanszaak naar B.V.)? Meld dan een wijziging van rechtsvorm."
)


@transaction.atomic
def wijzigingsverzoek_indienen(*, overeenkomst, soort, wijzigingsdatum, gegevens=None, toelichting="", door,
                               kanaal=Kanaal.PORTAAL, ontvangen_op=None, scan=None) -> Wijzigingsverzoek:
    """The provider's change form, with the deadlines and fee of 003a §3.4/§3.7 applied to the moment of receipt:
    now for the portal, the real moment for a letter by post or e-mail that a contractmanager records (issue 18)."""
    moment = ontvangst_bepalen(overeenkomst=overeenkomst, kanaal=kanaal, ontvangen_op=ontvangen_op, door=door)
    scan_info = scan_controleren(scan)
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    if overeenkomst.status != Overeenkomst.Status.ACTIEF:
        raise ValidationError("Deze overeenkomst is beëindigd.")
    S = Wijzigingsverzoek.Soort
    if soort == S.KVK:
        raise ValidationError(KVK_UITLEG)
    r = Contractregels.voor(overeenkomst.aanbesteding)
    gegevens = dict(gegevens or {})
    # The deadlines count from receipt (003a §3.4/§3.7), in the bureau's time zone.
    vandaag = moment.astimezone(kalender.TZ).date()
    verzoek = Wijzigingsverzoek(
        overeenkomst=overeenkomst, soort=soort, gegevens=gegevens, toelichting=toelichting,
        wijzigingsdatum=wijzigingsdatum, ingediend_door=door, ontvangen_op=vandaag, kanaal=kanaal,
    )
    if soort == S.CONTACTPERSOON:
        verzoek.ingangsdatum = wijzigingsdatum
        verzoek.te_laat = vandaag > regels.contactpersoon_uiterlijk(wijzigingsdatum, r.contactpersoon_werkdagen)
    elif soort == S.ADRES:
        verzoek.ingangsdatum = wijzigingsdatum
    elif soort in (S.CAPACITEIT, S.ONDERAANNEMERS):
        verzoek.ingangsdatum, op_tijd = regels.capaciteit_ingangsdatum(vandaag, r.peildatum_capaciteit_maand, r.peildatum_capaciteit_dag)
        verzoek.te_laat = not op_tijd
    elif soort == S.RECHTSVORM:
        uiterlijk = regels.rechtsvorm_uiterlijk(wijzigingsdatum, r.rechtsvorm_termijn_maanden)
        if vandaag > uiterlijk:
            raise ValidationError(
                f"Een wijziging van rechtsvorm meldt u ten minste {r.rechtsvorm_termijn_maanden} maanden vooraf: voor een "
                f"omzetting op {wijzigingsdatum:%d-%m-%Y} uiterlijk {uiterlijk:%d-%m-%Y}. Een te late melding valt onder "
                "de uittredingsregels (optie 2, 003a §3.4)."
            )
        verzoek.ingangsdatum = wijzigingsdatum
        verzoek.vergoeding = regels.rechtsvorm_vergoeding(
            gegevens.get("uren", r.rechtsvorm_uren_inbegrepen), r.rechtsvorm_vergoeding, r.rechtsvorm_uurtarief, r.rechtsvorm_uren_inbegrepen
        )
    else:
        raise ValidationError("Onbekende soort wijziging.")
    verzoek.save()
    audit("wijzigingsverzoek.ingediend", verzoek, door=door, nieuw=momentopname(verzoek, ["soort", "gegevens", "ingangsdatum", "vergoeding", "te_laat"]))
    per_portaal = kanaal == Kanaal.PORTAAL
    samenvatting = f"{verzoek.get_soort_display()} per {wijzigingsdatum:%d-%m-%Y}"
    if verzoek.ingangsdatum:
        samenvatting += f"; ingangsdatum in de overeenkomst {verzoek.ingangsdatum:%d-%m-%Y}"
    brief_registreren(
        overeenkomst=overeenkomst, soort=Brief.Soort.WIJZIGINGSVERZOEK, kanaal=kanaal, ontvangen_op=moment,
        door=door if per_portaal else None, vastgelegd_door=None if per_portaal else door, scan=scan,
        scan_info=scan_info, wijzigingsverzoek=verzoek, samenvatting=samenvatting + ("; buiten de termijn gemeld." if verzoek.te_laat else "."),
    )
    return verzoek


def rechtsvorm_vergoeding_tekst(regels_: Contractregels) -> str:
    return (
        f"{formatteer_euro(regels_.rechtsvorm_vergoeding)} excl. btw, plus {formatteer_euro(regels_.rechtsvorm_uurtarief)} "
        f"per uur boven {regels_.rechtsvorm_uren_inbegrepen} uur behandeltijd (003a §3.4)."
    )


@transaction.atomic
def wijzigingsverzoek_beoordelen(*, verzoek, goedkeuren: bool, reden="", door) -> Wijzigingsverzoek:
    """Staff approve (the change is applied) or reject (a reason is required)."""
    _eis_contractbeheer_persoon(door, "Alleen een contractmanager of inkoper beoordeelt wijzigingsverzoeken.", verzoek)
    verzoek = Wijzigingsverzoek.objects.select_for_update(of=("self",)).select_related("overeenkomst__organisatie").get(pk=verzoek.pk)
    if verzoek.status != Wijzigingsverzoek.Status.INGEDIEND:
        raise ValidationError("Dit verzoek is al beoordeeld.")
    if not goedkeuren and not reden.strip():
        raise ValidationError("Geef de reden van de afwijzing.")
    Wijzigingsverzoek.OVERGANGEN.zet(verzoek, Wijzigingsverzoek.Status.GOEDGEKEURD if goedkeuren else Wijzigingsverzoek.Status.AFGEWEZEN)
    verzoek.reden, verzoek.beoordeeld_door, verzoek.beoordeeld_op = reden, door, kalender.nu()
    verzoek.save(update_fields=["status", "reden", "beoordeeld_door", "beoordeeld_op"])
    if goedkeuren:
        _wijziging_doorvoeren(verzoek, door)
    audit("wijzigingsverzoek.beoordeeld", verzoek, door=door, nieuw={"status": verzoek.status}, toelichting=reden)
    na_commit(_taken().wijzigingsverzoek_besluit_versturen, verzoek.pk)
    brief_registreren(
        overeenkomst=verzoek.overeenkomst, soort=Brief.Soort.WIJZIGINGSVERZOEK_BESLUIT, kanaal=Kanaal.PORTAAL,
        ontvangen_op=verzoek.beoordeeld_op, door=door, wijzigingsverzoek=verzoek,
        samenvatting=f"Het wijzigingsverzoek ({verzoek.get_soort_display().lower()}) is {verzoek.get_status_display().lower()}."
        + (f" Reden: {reden}" if reden else ""),
    )
    return verzoek


# The form's keys per kind -> the organisation's fields (organisaties owns them and applies the change).
_ORGANISATIEVELDEN = {
    Wijzigingsverzoek.Soort.CONTACTPERSOON: ("contactpersoon", "contact_email", "contact_telefoon"),
    Wijzigingsverzoek.Soort.ADRES: ("straat", "postcode", "plaats", "vestigingsnummer"),
    Wijzigingsverzoek.Soort.RECHTSVORM: ("rechtsvorm", "naam"),
}


def _wijziging_doorvoeren(verzoek, door):
    g = verzoek.gegevens
    gewijzigd = {veld: g[veld] for veld in _ORGANISATIEVELDEN.get(verzoek.soort, ()) if g.get(veld)}
    if gewijzigd:
        organisaties_services.organisatiegegevens_wijzigen(
            organisatie=verzoek.overeenkomst.organisatie, gegevens=gewijzigd, door=door,
            toelichting=f"Wijzigingsverzoek {verzoek.pk}",
        )
    if verzoek.soort == Wijzigingsverzoek.Soort.ONDERAANNEMERS:
        # 003a §3.7 (687): effective from 1 January after consent.
        deelnames = {d.perceel.code: d for d in verzoek.overeenkomst.deelnames.filter(status__in=LOPEND).select_related("perceel")}
        for oa in g.get("onderaannemers", []):
            for code in oa.get("percelen") or list(deelnames):
                if code in deelnames:
                    Onderaannemer.objects.get_or_create(
                        deelname=deelnames[code], kvk_nummer=oa["kvk_nummer"], vanaf=verzoek.ingangsdatum,
                        defaults={"naam": oa["naam"], "plaats": oa.get("plaats", ""), "agb_code": oa.get("agb_code", "")},
                    )
