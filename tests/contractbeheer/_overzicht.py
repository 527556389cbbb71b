"""Rows of the three streams made directly (the streams' own services are built elsewhere), for the tests of the
obligations page, the work list, the overview and the inbox."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from contractbeheer import regels
from contractbeheer.models import (
    Informatieverzoek,
    Melding,
    Meldingsoort,
    Meldingsstap,
    Onderzoek,
    Verantwoording,
    Verantwoordingseis,
    Verantwoordingsinzending,
    Verzoekontvanger,
)
from core.kalender import TZ


def moment(d: date, uur: int = 10) -> datetime:
    return datetime(d.year, d.month, d.day, uur, 0, tzinfo=TZ)


def verantwoording(ov, soort="financieel", *, jaar=2025, gemeente=None, status=Verantwoording.Status.OPEN,
                   uiterlijk=None, herstel_uiterlijk=None, status_sinds=None) -> Verantwoording:
    eis = Verantwoordingseis.objects.get(aanbesteding=ov.aanbesteding, soort=soort)
    return Verantwoording.objects.create(
        overeenkomst=ov, eis=eis, jaar=jaar, gemeente=gemeente, status=status, status_sinds=status_sinds,
        uiterlijk=uiterlijk or regels.verantwoording_uiterlijk(jaar, eis.voor_dag, eis.voor_maand),
        herstel_uiterlijk=herstel_uiterlijk,
    )


def inzending(v: Verantwoording, *, status=Verantwoordingsinzending.Status.GOEDGEKEURD, beoordeeld_op=None,
              reden="") -> Verantwoordingsinzending:
    return Verantwoordingsinzending.objects.create(
        verantwoording=v, status=status, ingediend_op=(beoordeeld_op or moment(date(2026, 3, 1))) - timedelta(days=3),
        beoordeeld_op=beoordeeld_op, reden=reden or ("" if status == "goedgekeurd" else "Cijfers ontbreken."),
        herstel_uiterlijk=date(2026, 4, 15) if status == "herstel" else None,
    )


def verzoek(ov, *, onderwerp="Wachttijden per product", uiterlijk=date(2026, 4, 10), status="open",
            verzonden_op=None, beantwoord_op=None, verzoekstatus=Informatieverzoek.Status.VERZONDEN) -> Verzoekontvanger:
    vz = Informatieverzoek.objects.create(
        aanbesteding=ov.aanbesteding, overeenkomst=ov, onderwerp=onderwerp, vraag="Wat zijn uw wachttijden?", status=verzoekstatus,
        verzonden_op=verzonden_op or moment(date(2026, 3, 20)), uiterlijk=uiterlijk,
    )
    return Verzoekontvanger.objects.create(verzoek=vz, overeenkomst=ov, uiterlijk=uiterlijk, status=status,
                                           beantwoord_op=beantwoord_op,
                                           antwoord="Zie bijlage." if beantwoord_op else "")


def onderzoek(ov, *, gemeld=date(2026, 3, 25), status=Onderzoek.Status.SIGNAAL_GEMELD, reactie_op=None,
              resultaat_gemeld=None, resultaat_reactie_op=None, afgesloten_op=None, uitkomst="") -> Onderzoek:
    return Onderzoek.objects.create(
        overeenkomst=ov, signaal="Signalen over de continuïteit.", status=status, signaal_gemeld_op=gemeld,
        reactie_uiterlijk=regels.onderzoek_reactie_uiterlijk(gemeld, 14), reactie_op=reactie_op,
        reactie="Wij reageren." if reactie_op else "",
        resultaat_gemeld_op=resultaat_gemeld,
        resultaat_reactie_uiterlijk=regels.onderzoek_reactie_uiterlijk(resultaat_gemeld, 14) if resultaat_gemeld else None,
        resultaat_reactie_op=resultaat_reactie_op, afgesloten_op=afgesloten_op, uitkomst=uitkomst,
    )


def melding(ov, *, code="calamiteit", ontvangen=None, samenvatting="Incident op de groep",
            status=Melding.Status.ONTVANGEN) -> Melding:
    soort = Meldingsoort.objects.get(aanbesteding=ov.aanbesteding, code=code)
    ontvangen = ontvangen or moment(date(2026, 3, 23))
    return Melding.objects.create(
        overeenkomst=ov, soort=soort, gebeurd_op=ontvangen - timedelta(hours=5), ontvangen_op=ontvangen,
        uiterlijk=ontvangen + timedelta(days=2), samenvatting=samenvatting, omschrijving="Geen cliëntgegevens.",
        status=status,
    )


def stap(m: Melding, soort: str, op: datetime, *, tekst="Hoe gaat het nu?", intern=False) -> Meldingsstap:
    return Meldingsstap.objects.create(melding=m, soort=soort, tekst=tekst, op=op, intern=intern)
