"""Demo data of the enforcement ladder (issue 14): on the Gooi procedure the first provider with a persona stands
on step 2 of 003 §7.11 (a warning imposed two months ago, then a stop on new clients), both with sealed letters and
the stop linked to a signal; a second provider has a fine in the ledger (2 gegronde klachten × € 25 = € 50,
opgelegd) on step 4, reached after a warning with a recorded reason. A fine is itself step 4 of the ladder, so a
provider with a fine is never "on step 2": the demo shows both on two providers.

Everything goes through the services, as a contract manager and the provider's member would; afterwards only the
moments of this app's own rows are set back, so the timeline reads as weeks of work. Idempotent: a provider that
already has a measure is left alone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from core import kalender

from .models import Boetesoort, Maatregel, Signaal, Signaalstap, Trede
from .services import handhaving as services
from .tasks import handhaving as taken

ONDERWERP = "Klachten over bejegening op de behandelgroep (handhavingsdemo)"


def _lid(ovk):
    from organisaties.models import Lidmaatschap

    lid = Lidmaatschap.objects.filter(organisatie=ovk.organisatie).select_related("user").order_by("rol", "pk").first()
    return lid.user if lid else None


def _terugzetten(m: Maatregel, dagen_geleden: int, besloten_dagen_geleden: int) -> None:
    """Set the moments of a demo measure back (voornemen, zienswijze, besluit), the deadline recomputed."""
    nu = kalender.nu()
    voornemen = nu - timedelta(days=dagen_geleden)
    werkdagen = services.beheerregels_van(m.overeenkomst.aanbesteding).zienswijze_werkdagen
    Maatregel.objects.filter(pk=m.pk).update(
        voornemen_op=voornemen,
        zienswijze_uiterlijk=services.regels.zienswijze_uiterlijk(voornemen.astimezone(kalender.TZ).date(), werkdagen),
        zienswijze_op=voornemen + timedelta(days=5), besluit_op=nu - timedelta(days=besloten_dagen_geleden),
    )


def _stap(ovk, staf, lid, trede, gronden, zienswijze, motivering, dagen, *, signaal=None, sprong_reden="",
          **besluit) -> Maatregel:
    m = services.voornemen(overeenkomst=ovk, trede=trede, gronden=gronden, sprong_reden=sprong_reden,
                           grondslag=services.grondslag_voorstel(ovk.aanbesteding, trede), signaal=signaal, door=staf)
    if lid is not None:
        services.zienswijze_indienen(maatregel=m, tekst=zienswijze, door=lid)
    else:
        services.zienswijze_vastleggen(maatregel=m, tekst=zienswijze, ontvangen_op=kalender.vandaag(), door=staf)
    m = services.besluiten(maatregel=m, opleggen=True, motivering=motivering, door=staf, **besluit)
    _terugzetten(m, *dagen)
    taken.brief_voornemen_maken(m.pk)
    taken.besluitbrief_maken(m.pk)
    return m


def _signaal(ovk, staf) -> Signaal:
    """A signal about the provider in behandeling: one of the signalen demo when there is one, else our own."""
    bestaand = (Signaal.objects.filter(organisatie=ovk.organisatie, status__in=[Signaal.Status.IN_BEHANDELING,
                                                                                Signaal.Status.MAATREGEL])
                .order_by("pk").first())
    if bestaand is not None:
        return bestaand
    signaal, nieuw = Signaal.objects.get_or_create(
        regio=ovk.aanbesteding.regio, organisatie=ovk.organisatie, onderwerp=ONDERWERP,
        defaults={"overeenkomst": ovk, "bron": Signaal.Bron.GEMEENTE, "trap": Signaal.Trap.CONTRACTMANAGEMENT,
                  "omschrijving": "Het sociaal team meldt herhaalde klachten van ouders over de bejegening op de "
                                  "groep; aangesproken en opgeschaald zonder verbetering.",
                  "ernst": Signaal.Ernst.MIDDEN, "status": Signaal.Status.IN_BEHANDELING,
                  "ontvangen_op": kalender.nu() - timedelta(days=30), "behandelaar": staf},
    )
    if nieuw:
        Signaalstap.objects.create(signaal=signaal, soort=Signaalstap.Soort.ONTVANGEN, door=staf,
                                   op=signaal.ontvangen_op, tekst="Ontvangen van het sociaal team.")
        Signaalstap.objects.create(signaal=signaal, soort=Signaalstap.Soort.TRIAGE, door=staf,
                                   op=signaal.ontvangen_op + timedelta(days=1), tekst="In behandeling genomen.")
    return signaal


def laad(aanbesteding, code, staf, stdout) -> None:
    if code != "gooi" or not Boetesoort.objects.filter(aanbesteding=aanbesteding).exists():
        return
    ovks = [o for o in aanbesteding.overeenkomsten.select_related("organisatie", "aanbesteding__regio")
            .order_by("startdatum", "pk") if o.status != o.Status.BEEINDIGD]
    met_lid = [o for o in ovks if _lid(o) is not None]
    if not met_lid:
        return
    a = met_lid[0]
    if not Maatregel.objects.filter(overeenkomst=a).exists():
        lid = _lid(a)
        _stap(a, staf, lid, Trede.WAARSCHUWING,
              "Twee gegronde klachten over de bejegening binnen één kwartaal (003 §7.8).",
              "Wij hebben het team gesproken en een training ingepland.", "De klachten zijn gegrond; een "
              "waarschuwing volstaat voor nu.", (60, 45))
        deelnames = list(services.lopende_deelnames(a)[:1])
        if deelnames:
            _stap(a, staf, lid, Trede.STOP_NIEUWE_CLIENTEN,
                  "Na de waarschuwing kwamen opnieuw klachten binnen; het signaal van het sociaal team bevestigt ze.",
                  "De training is pas volgende maand; wij vragen uitstel.", "De veiligheid van nieuwe cliënten "
                  "gaat voor; de stop geldt tot het verbeterplan is uitgevoerd.", (20, 3),
                  signaal=_signaal(a, staf), deelnames=deelnames, ingangsdatum=kalender.vandaag())
        stdout.write(f"  handhaving: {a.organisatie} op trede {services.huidige_trede(a)} (waarschuwing, stop)")
    b = next((o for o in ovks if o != a), None)
    if b is not None and not Maatregel.objects.filter(overeenkomst=b).exists():
        _stap(b, staf, _lid(b), Trede.WAARSCHUWING, "Klacht niet binnen tien werkdagen afgehandeld.",
              "Wij passen de klachtenprocedure aan.", "Waarschuwing gegeven.", (90, 75))
        boete = _stap(b, staf, _lid(b), Trede.BOETE, "Twee gegronde klachten van cliënten (003 §7.11 lid 4a).",
                      "Wij erkennen de klachten.", "Boete volgens het schema.", (30, 10),
                      sprong_reden="Trede 2 en 3 raken cliënten die de aanbieder goed bedient; een boete past "
                                   "bij de aard van de klachten.")
        services.boete_opleggen(maatregel=boete, soort=Boetesoort.objects.get(aanbesteding=aanbesteding,
                                                                               code="klacht-gegrond"),
                                aantal=Decimal(2), door=staf)
        stdout.write(f"  handhaving: {b.organisatie} met een boete van € 50 (2 gegronde klachten × € 25)")
