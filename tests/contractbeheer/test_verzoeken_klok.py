"""The clocks of informatieverzoeken (002 UOK 5.1: werkdagen, Atw feestdagen) and onderzoeken (002 B1 33:
kalenderdagen), the Amsterdam day boundary of "op tijd", and the full audit trail of one request and one
onderzoek from start to end."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from contractbeheer import regels, services
from contractbeheer.models import Onderzoek
from core.kalender import TZ
from core.models import AuditRegel

from . import _verzoeken as v

UTC = ZoneInfo("UTC")


@pytest.mark.parametrize("verzonden, werkdagen, uiterlijk", [
    # Ma 21-12-2026: over Kerstmis (25, 26) en Nieuwjaar (1-1) heen.
    (date(2026, 12, 21), 10, date(2027, 1, 6)),
    # Afgesproken 15 werkdagen vanaf dezelfde maandag.
    (date(2026, 12, 21), 15, date(2027, 1, 13)),
    # Verzonden op zaterdag 19-12-2026: de eerste werkdag is maandag 21-12.
    (date(2026, 12, 19), 10, date(2027, 1, 5)),
    # Goede Vrijdag 26-03-2027 is een werkdag, Tweede Paasdag 29-03 niet.
    (date(2027, 3, 26), 10, date(2027, 4, 12)),
    # Koningsdag (di 27-04), Bevrijdingsdag (wo 5-5) en Hemelvaartsdag (do 6-5) in één termijn.
    (date(2027, 4, 22), 10, date(2027, 5, 11)),
    # Tweede Pinksterdag ma 17-05-2027.
    (date(2027, 5, 14), 1, date(2027, 5, 18)),
    (date(2027, 5, 14), 10, date(2027, 5, 31)),
])
def test_informatieverzoek_uiterlijk(verzonden, werkdagen, uiterlijk):
    assert regels.informatieverzoek_uiterlijk(verzonden, werkdagen) == uiterlijk


@pytest.mark.parametrize("gemeld, uiterlijk", [
    (date(2026, 12, 24), date(2027, 1, 7)),
    # Kalenderdagen: een venster dat op zaterdag eindigt, eindigt op zaterdag (de bron noemt geen werkdagen).
    (date(2026, 12, 19), date(2027, 1, 2)),
    (date(2027, 2, 20), date(2027, 3, 6)),
    # Schrikkeljaar.
    (date(2028, 2, 20), date(2028, 3, 5)),
])
def test_onderzoek_reactie_uiterlijk(gemeld, uiterlijk):
    assert regels.onderzoek_reactie_uiterlijk(gemeld, 14) == uiterlijk


@pytest.mark.parametrize("moment, op_tijd", [
    (datetime(2027, 1, 6, 22, 59, tzinfo=UTC), True),   # 23:59 in Amsterdam (winter, UTC+1)
    (datetime(2027, 1, 6, 23, 0, tzinfo=UTC), False),   # 00:00 on 7 January in Amsterdam
    (datetime(2027, 7, 1, 21, 59, tzinfo=UTC), True),   # 23:59 in Amsterdam (summer, UTC+2), deadline 1 July
    (datetime(2027, 7, 1, 22, 0, tzinfo=UTC), False),
])
def test_op_tijd_volgt_de_amsterdamse_dag(moment, op_tijd):
    uiterlijk = date(2027, 1, 6) if moment.month == 1 else date(2027, 7, 1)
    assert regels.dag_op_tijd(moment, uiterlijk) is op_tijd
    assert services.reactie_te_laat(moment, uiterlijk) is (not op_tijd)


@pytest.mark.django_db
def test_verzonden_op_zaterdag(regio_a, contractmanager_a):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=1)
    with time_machine.travel(datetime(2026, 12, 19, 11, 0, tzinfo=TZ)):
        verzoek = v.verzonden(ab, contractmanager_a, perceel=bhl)
    assert verzoek.uiterlijk == date(2027, 1, 5)


@pytest.mark.django_db
def test_verzonden_vlak_na_middernacht_telt_de_amsterdamse_datum(regio_a, contractmanager_a):
    # 22-12-2026 00:30 in Amsterdam is still 21-12 in UTC: the Amsterdam date (Tuesday) counts.
    ab, bhl, _, _ = v.wereld(regio_a, aantal=1)
    with time_machine.travel(datetime(2026, 12, 21, 23, 30, tzinfo=UTC)):
        verzoek = v.verzonden(ab, contractmanager_a, perceel=bhl)
    assert verzoek.uiterlijk == date(2027, 1, 7)


@pytest.mark.django_db
def test_procedure_met_andere_onderzoekstermijn(regio_a, contractmanager_a):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    instellingen = services.beheerregels_van(ab)
    instellingen.onderzoek_reactie_kalenderdagen = 21
    instellingen.save()
    with time_machine.travel(datetime(2026, 12, 24, 10, 0, tzinfo=TZ)):
        o = services.onderzoek_starten(overeenkomst=rijen[0][0], signaal="S", door=contractmanager_a)
    assert o.reactie_uiterlijk == date(2027, 1, 14)


def _acties(obj):
    return list(AuditRegel.objects.filter(content_type__model=obj._meta.model_name, object_id=str(obj.pk))
                .order_by("pk").values_list("actie", flat=True))


@pytest.mark.django_db
def test_volledige_audittrail_van_een_verzoek(regio_a, contractmanager_a):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    ov, lid = rijen[0]
    verzoek = services.verzoek_opstellen(aanbesteding=ab, onderwerp="X", vraag="Y", door=contractmanager_a,
                                         perceel=bhl)
    services.verzoek_verzenden(verzoek=verzoek, door=contractmanager_a)
    o = verzoek.ontvangers.get()
    services.termijn_verlengen(ontvanger=o, uiterlijk=date(2031, 1, 1), reden="afgesproken", door=contractmanager_a)
    services.verzoek_beantwoorden(ontvanger=o, antwoord="Eerste", door=lid)
    services.antwoord_beoordelen(ontvanger=o, akkoord=False, reactie="Meer", door=contractmanager_a)
    services.verzoek_beantwoorden(ontvanger=o, antwoord="Tweede", door=lid)
    services.antwoord_beoordelen(ontvanger=o, akkoord=True, door=contractmanager_a)
    services.verzoek_sluiten(verzoek=verzoek, door=contractmanager_a)
    assert _acties(verzoek) == ["contractbeheer.verzoek_opgesteld", "contractbeheer.verzoek_verzonden",
                                "contractbeheer.verzoek_gesloten"]
    assert _acties(o) == ["contractbeheer.verzoek_termijn_verlengd", "contractbeheer.verzoek_beantwoord",
                          "contractbeheer.antwoord_beoordeeld", "contractbeheer.verzoek_beantwoord",
                          "contractbeheer.antwoord_beoordeeld"]
    regels_o = AuditRegel.objects.filter(content_type__model="verzoekontvanger", object_id=str(o.pk))
    assert {r.actor_id for r in regels_o} == {contractmanager_a.pk, lid.pk}
    # Each entry carries the procedure's region, so only that bureau reads the trail (issue 17).
    assert {r.regio_id for r in regels_o} == {ab.regio_id}


@pytest.mark.django_db
def test_volledige_audittrail_van_een_onderzoek(regio_a, contractmanager_a):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    ov, lid = rijen[0]
    with time_machine.travel(datetime(2026, 12, 24, 10, 0, tzinfo=TZ)):
        o = services.onderzoek_starten(overeenkomst=ov, signaal="S", door=contractmanager_a)
    with time_machine.travel(datetime(2027, 1, 2, 10, 0, tzinfo=TZ)):
        services.onderzoek_reageren(onderzoek=o, reactie="R", door=lid)
    with time_machine.travel(datetime(2027, 1, 8, 10, 0, tzinfo=TZ)):
        services.onderzoek_instellen(onderzoek=o, door=contractmanager_a)
        services.onderzoek_resultaat(onderzoek=o, resultaat="Res", door=contractmanager_a)
    with time_machine.travel(datetime(2027, 1, 23, 10, 0, tzinfo=TZ)):
        o = services.onderzoek_afsluiten(onderzoek=o, uitkomst="afgedaan", toelichting="Geen zorgen",
                                         door=contractmanager_a)
    assert o.status == Onderzoek.Status.AFGESLOTEN and o.resultaat_reactie == ""
    assert _acties(o) == ["contractbeheer.onderzoek_gestart", "contractbeheer.onderzoek_reactie",
                          "contractbeheer.onderzoek_ingesteld", "contractbeheer.onderzoek_resultaat_gemeld",
                          "contractbeheer.onderzoek_afgesloten"]
