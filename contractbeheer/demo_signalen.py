"""Demo signalen (issue 14; 000 r.737-749): per procedure a signal in every state the signal stream sets —
ontvangen, in behandeling, afgehandeld with a terugkoppeling, niet in behandeling genomen — the municipal ones
reported by the consulent gemeente@regio.example. (A signal that led to a measure is made by the handhaving
demo.) Idempotent: nothing is added when the procedure's agreements have signals already."""

from __future__ import annotations

from organisaties.models import Gemeente, User
from overeenkomst.models import Overeenkomst

from .models import Signaal
from .services import signalen as services

GEMEENTE_PERSONA = "gemeente@regio.example"


def laad(aanbesteding, code, staf, stdout) -> int:
    """Returns the number of signals added (0 on a second run)."""
    if Signaal.objects.filter(overeenkomst__aanbesteding=aanbesteding).exists():
        return 0
    overeenkomsten = list(aanbesteding.overeenkomsten.filter(status=Overeenkomst.Status.ACTIEF).select_related("organisatie")
                          .order_by("startdatum", "pk")[:2])
    consulent = User.objects.filter(email=GEMEENTE_PERSONA, is_active=True).first()
    gemeente = Gemeente.objects.filter(regio=aanbesteding.regio).order_by("naam").first()
    if not overeenkomsten or gemeente is None or consulent is None:
        return 0
    if aanbesteding.regio_id not in services.gemeente_bereik(consulent):
        consulent = staf  # a region without the municipal persona: the bureau records them for the caller
    ovk, andere = overeenkomsten[0], overeenkomsten[-1]

    def doorgeven(overeenkomst, trap, onderwerp, omschrijving, kenmerk, bron=Signaal.Bron.GEMEENTE):
        return services.signaal_doorgeven(
            organisatie=overeenkomst.organisatie, overeenkomst=overeenkomst, gemeente=gemeente, bron=bron, trap=trap,
            onderwerp=onderwerp, omschrijving=omschrijving, kenmerk_melder=kenmerk, door=consulent)

    # Ontvangen: trap 3, waiting for triage.
    doorgeven(ovk, Signaal.Trap.CONTRACTMANAGEMENT, "Afspraken over het ondersteuningsplan niet nagekomen",
              "Het ondersteuningsplan is na drie verzoeken nog niet opgesteld. De medewerker is er twee keer op "
              "gewezen en het is opgeschaald binnen ons sociaal team.", "ST-412")
    # In behandeling: triaged by the contract manager, with an internal note.
    s = doorgeven(andere, Signaal.Trap.CONTRACTMANAGEMENT, "Start zorg telkens uitgesteld",
                  "De aanbieder stelt de start van de begeleiding voor de derde keer uit; de wachttijd overschrijdt "
                  "de norm.", "ST-388", bron=Signaal.Bron.VERWIJZER)
    services.signaal_triage(signaal=s, ernst=Signaal.Ernst.MIDDEN, behandelaar=staf, door=staf,
                            toelichting="Wachttijden van deze aanbieder opvragen.")
    services.signaal_notitie(signaal=s, tekst="Vergelijken met de wachttijdcijfers van het laatste kwartaal.",
                             door=staf)
    # Afgehandeld: discussed with the provider and reported back.
    s = doorgeven(ovk, Signaal.Trap.CONTRACTMANAGEMENT, "Geen terugkoppeling na evaluatie",
                  "Na de evaluatie ontvangt de toegang geen verslag, ook niet na aanspreken.", "ST-301")
    services.signaal_triage(signaal=s, ernst=Signaal.Ernst.LAAG, behandelaar=staf, door=staf)
    services.signaal_besproken(signaal=s, door=staf, tekst="Besproken met de teamleider; de verslaglegging is "
                                                             "aangepast.")
    services.signaal_terugkoppelen(
        signaal=s, afhandelen=True, door=staf,
        terugkoppeling="We hebben het signaal met de aanbieder besproken. Verslagen van evaluaties worden voortaan "
                       "binnen tien werkdagen naar de toegang gestuurd. Laat het ons weten als het opnieuw gebeurt.")
    # Niet ontvankelijk: the source's step 1 was not taken yet.
    s = doorgeven(andere, Signaal.Trap.AANGESPROKEN, "Medewerker te laat op afspraak",
                  "Een medewerker kwam een keer een uur te laat.", "ST-455")
    services.signaal_niet_ontvankelijk(
        signaal=s, door=staf,
        reden="Dit is een eerste keer. Spreek de medewerker eerst zelf aan en schaal bij herhaling op binnen uw "
              "team (stap 1 en 2 van de handreiking); geef het daarna opnieuw door.")
    stdout.write(f"  contractbeheer: signalen {code} (ontvangen, in behandeling, afgehandeld, niet ontvankelijk)")
    return 4
