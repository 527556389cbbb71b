"""Demo contract talks (issue 14; 002 UOK 13.1): per procedure one talk that was held, with minutes and agreed
actions, and one planned talk with the source's agenda. Idempotent: nothing is added when the procedure has
talks already. Through the services, as a contract manager would."""

from __future__ import annotations

from datetime import timedelta

from core import kalender
from overeenkomst.models import Overeenkomst

from .models import Contractgesprek, Gespreksactie
from .services import gesprekken as services


def laad(aanbesteding, code, staf, stdout) -> int:
    """Returns the number of talks added (0 on a second run)."""
    if Contractgesprek.objects.filter(overeenkomst__aanbesteding=aanbesteding).exists():
        return 0
    overeenkomsten = list(aanbesteding.overeenkomsten.filter(status=Overeenkomst.Status.ACTIEF).order_by("startdatum", "pk")[:2])
    if not overeenkomsten:
        return 0
    nu = kalender.nu().replace(minute=0, second=0, microsecond=0)
    # Held: a talk can only be planned in the future (services.gesprek_plannen), so the demo plans it and then sets
    # the planned moment a month back, as if it had been planned then; the minutes go through the service.
    gehouden = services.gesprek_plannen(overeenkomst=overeenkomsten[0], gepland_op=nu + timedelta(days=1),
                                        locatie="Kantoor van het bureau", door=staf)
    Contractgesprek.objects.filter(pk=gehouden.pk).update(gepland_op=nu - timedelta(days=30))
    gehouden.refresh_from_db()
    services.verslag_vastleggen(
        gesprek=gehouden, gehouden_op=gehouden.gepland_op, door=staf,
        deelnemers="Contractmanager van het bureau; directeur en kwaliteitsmedewerker van de aanbieder",
        verslag="KPI's: de doorlooptijd tot start zorg ligt boven de norm. De aanbieder licht de wachtlijst per "
                "product toe. Klachten: twee ontvangen, beide afgehandeld. Facturatie loopt zonder achterstand. "
                "Certificering: HKZ-certificaat loopt over vier maanden af; hercertificering is gepland.",
    )
    vandaag = kalender.vandaag()
    services.actie_toevoegen(gesprek=gehouden, eigenaar=Gespreksactie.Eigenaar.AANBIEDER,
                             uiterlijk=kalender.plus_werkdagen(vandaag, 10), door=staf,
                             omschrijving="Wachtlijst per product en de verwachte instroom aanleveren.")
    services.actie_toevoegen(gesprek=gehouden, eigenaar=Gespreksactie.Eigenaar.AANBIEDER,
                             uiterlijk=kalender.plus_werkdagen(vandaag, 60), door=staf,
                             omschrijving="Nieuw HKZ-certificaat sturen na de hercertificering.")
    bureau = services.actie_toevoegen(gesprek=gehouden, eigenaar=Gespreksactie.Eigenaar.BUREAU, uiterlijk=vandaag,
                                      door=staf, omschrijving="Wachttijdnormen van het perceel toesturen.")
    services.actie_afronden(actie=bureau, toelichting="Per e-mail verstuurd.", door=staf)
    # Planned: in three weeks with the agenda of 002 UOK 13.1.
    services.gesprek_plannen(overeenkomst=overeenkomsten[-1], gepland_op=nu + timedelta(days=21),
                             locatie="Online (Teams)", door=staf)
    stdout.write(f"  contractbeheer: contractgesprekken {code} (een gehouden, een gepland)")
    return 2
