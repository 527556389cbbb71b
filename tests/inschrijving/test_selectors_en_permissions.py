"""Reads and predicates: every list is scoped to the organisation, the open round and deadline are chosen by the
rules of ADR 0007, the checklist names what is missing, and the sealed rule decides who sees contents."""

from datetime import date, datetime

import pytest
from django.http import Http404

from aanbesteding.models import Aanbesteding, Eis
from core.kalender import TZ
from inschrijving import permissions, selectors, services
from inschrijving.models import Bewijsstuk, Herstelverzoek, Inschrijving
from tests.factories import UserFactory

from ._hulp import NA_SLUITING, SLUITING, indienen
from .factories import (
    AanbestedingFactory,
    BewijsstukFactory,
    EisFactory,
    InschrijvingFactory,
    ToetredingsmomentFactory,
)

# --- scoping by organisation ---------------------------------------------------------------------------


def test_inschrijvingen_van_toont_alleen_de_eigen(concept, procedure, aanbieder, andere_aanbieder, andere_beheerder):
    ander = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=andere_aanbieder,
                                          door=andere_beheerder)
    assert list(selectors.inschrijvingen_van(aanbieder)) == [concept]
    assert list(selectors.inschrijvingen_van(andere_aanbieder)) == [ander]


def test_inschrijvingen_van_prefetcht_alleen_open_herstelverzoeken(procedure, aanbieder):
    i = InschrijvingFactory(organisatie=aanbieder, aanbesteding=procedure.aanbesteding, status=Inschrijving.Status.HERSTEL,
                            ingediend_op=datetime(2023, 6, 1, tzinfo=TZ))
    deadline = datetime(2023, 7, 10, 23, 59, tzinfo=TZ)
    open_ = Herstelverzoek.objects.create(inschrijving=i, vraag="open", deadline=deadline)
    Herstelverzoek.objects.create(inschrijving=i, vraag="klaar", deadline=deadline, status=Herstelverzoek.Status.BEANTWOORD)
    (gevonden,) = selectors.inschrijvingen_van(aanbieder)
    assert list(gevonden.herstelverzoeken.all()) == [open_]


def test_inschrijving_van_organisatie_is_404_voor_een_ander_of_zonder_organisatie(concept, aanbieder, andere_aanbieder):
    assert selectors.inschrijving_van_organisatie(aanbieder, concept.pk) == concept
    with pytest.raises(Http404):
        selectors.inschrijving_van_organisatie(andere_aanbieder, concept.pk)
    with pytest.raises(Http404):
        selectors.inschrijving_van_organisatie(None, concept.pk)
    with pytest.raises(Http404):
        selectors.inschrijving_van_organisatie(aanbieder, concept.pk + 1000)




# --- open rounds and deadlines -------------------------------------------------------------------------


def test_open_aanbestedingen_alleen_met_een_nu_open_moment(procedure, tijd):
    toekomst = AanbestedingFactory(titel="Later open")
    ToetredingsmomentFactory(aanbesteding=toekomst, opent_op=datetime(2023, 9, 1, 9, 0, tzinfo=TZ),
                             sluit_op=datetime(2023, 9, 29, 10, 0, tzinfo=TZ))
    voorbereiding = AanbestedingFactory(titel="In voorbereiding", status=Aanbesteding.Status.IN_VOORBEREIDING)
    ToetredingsmomentFactory(aanbesteding=voorbereiding)
    gesloten = AanbestedingFactory(titel="Gesloten", toetreding=Aanbesteding.Toetreding.GESLOTEN)
    ToetredingsmomentFactory(aanbesteding=gesloten)
    assert [a.titel for a in selectors.aanbestedingen_open_voor_inschrijving()] == ["Jeugdhulp Voorzieningen"]
    tijd(SLUITING)
    assert list(selectors.aanbestedingen_open_voor_inschrijving()) == []


def test_open_aanbesteding_eenmaal_met_de_eerste_sluiting(procedure, tijd):
    ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, naam="Langer",
                             opent_op=datetime(2023, 6, 1, 9, 0, tzinfo=TZ), sluit_op=datetime(2023, 7, 14, 10, 0, tzinfo=TZ))
    (a,) = selectors.aanbestedingen_open_voor_inschrijving()
    assert a.sluit_eerst == SLUITING


def test_van_twee_open_momenten_geldt_het_venster_dat_het_eerst_sluit(procedure, tijd):
    ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, naam="Doorlopend", soort="continu",
                             opent_op=datetime(2023, 1, 1, 9, 0, tzinfo=TZ), sluit_op=None)
    later = ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, naam="Langer",
                                     opent_op=datetime(2023, 6, 1, 9, 0, tzinfo=TZ), sluit_op=datetime(2023, 7, 14, 10, 0, tzinfo=TZ))
    assert selectors.open_toetredingsmoment(procedure.aanbesteding) == procedure.moment
    tijd(SLUITING)
    assert selectors.open_toetredingsmoment(procedure.aanbesteding) == later
    tijd(datetime(2023, 7, 14, 10, 0, tzinfo=TZ))
    assert selectors.open_toetredingsmoment(procedure.aanbesteding).naam == "Doorlopend"


def test_peildatum_is_de_amsterdamse_sluitingsdag(concept, procedure):
    assert selectors.peildatum(concept) == date(2023, 6, 30)
    # a window closing at 00:30 on 1 July in Amsterdam is still 30 June in UTC: the Dutch date counts
    procedure.moment.sluit_op = datetime(2023, 7, 1, 0, 30, tzinfo=TZ)
    procedure.moment.save()
    concept.refresh_from_db()
    assert selectors.peildatum(concept) == date(2023, 7, 1)


def test_peildatum_bij_doorlopend_toetreden_is_de_dag_van_indienen_of_vandaag(procedure, aanbieder, tijd):
    moment = ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, soort="continu", sluit_op=None)
    insch = InschrijvingFactory(organisatie=aanbieder, aanbesteding=procedure.aanbesteding, toetredingsmoment=moment)
    assert selectors.deadline(insch) is None
    assert selectors.peildatum(insch) == date(2023, 6, 20)
    insch.ingediend_op = datetime(2023, 6, 12, 23, 30, tzinfo=TZ)
    assert selectors.peildatum(insch) == date(2023, 6, 12)


@pytest.mark.parametrize(("peil", "maanden", "oudste"), [
    (date(2023, 6, 30), 3, date(2023, 3, 30)),
    (date(2023, 5, 31), 3, date(2023, 2, 28)),   # no 31 February: the month's last day
    (date(2024, 5, 31), 3, date(2024, 2, 29)),   # leap year
    (date(2023, 6, 30), 24, date(2021, 6, 30)),  # Gedragsverklaring aanbesteden
    (date(2023, 6, 30), None, None),             # no maximum age
])
def test_oudste_afgiftedatum(procedure, peil, maanden, oudste):
    eis = EisFactory(aanbesteding=procedure.aanbesteding, antwoordtype=Eis.Antwoordtype.DOCUMENT, documentsoort="vog",
                     max_leeftijd_maanden=maanden)
    assert selectors.oudste_afgiftedatum(eis, peil) == oudste


def test_bruikbare_bewijsstukken_per_eigenaar_en_zonder_geweigerde(concept, procedure, aanbieder, andere_aanbieder,
                                                                  aanbieder_beheerder):
    lid = services.lid_toevoegen(inschrijving=concept, rol="combinant", naam="De Brug", kvk_nummer="99990022",
                                 door=aanbieder_beheerder)
    eigen = BewijsstukFactory(organisatie=aanbieder, documentsoort="gedragsverklaring", afgiftedatum=date(2022, 1, 1))
    van_lid = BewijsstukFactory(organisatie=aanbieder, documentsoort="gedragsverklaring", afgiftedatum=date(2022, 2, 1),
                                van_kvk_nummer="99990022", van_naam="De Brug")
    BewijsstukFactory(organisatie=aanbieder, documentsoort="gedragsverklaring", afgiftedatum=date(2022, 3, 1),
                      controle=Bewijsstuk.Controle.GEWEIGERD)
    BewijsstukFactory(organisatie=andere_aanbieder, documentsoort="gedragsverklaring", afgiftedatum=date(2022, 3, 1))
    assert selectors.bruikbare_bewijsstukken(concept, procedure.gedragsverklaring) == [eigen]
    assert selectors.bruikbare_bewijsstukken(concept, procedure.gedragsverklaring, lid) == [van_lid]


# --- checklist -----------------------------------------------------------------------------------------


def _meldingen(insch):
    lijst = selectors.checklist(insch)
    return lijst.algemeen + [r.melding for g in lijst.groepen for r in g.ontbrekend]


def test_checklist_zonder_percelen_en_combinatie_zonder_lid(concept, procedure, aanbieder_beheerder):
    concept.inschrijving_percelen.all().delete()
    services.vorm_wijzigen(inschrijving=concept, vorm="combinatie", door=aanbieder_beheerder)
    concept.refresh_from_db()
    lijst = selectors.checklist(concept)
    assert lijst.algemeen == ["Kies ten minste één perceel.",
                              "Een combinatie heeft ten minste één ander lid naast de penvoerder."]
    assert not lijst.compleet
    assert lijst.aantal_ontbrekend == 2 + 3  # plus Formulier E, KvK and Gedragsverklaring


def test_knock_out_nee_is_beantwoord_maar_waarschuwt(compleet, procedure, aanbieder_beheerder):
    services.antwoord_opslaan(inschrijving=compleet, eis=procedure.formulier_e, ja_nee=False, door=aanbieder_beheerder)
    lijst = selectors.checklist(compleet)
    assert lijst.compleet
    regel = next(r for g in lijst.groepen for r in g.regels if r.eis == procedure.formulier_e)
    assert regel.waarschuwing == "“Geen faillissement of surseance”: met dit antwoord voldoet u niet aan deze knock-outeis."


def test_bestand_in_controle_telt_maar_waarschuwt(concept, procedure, aanbieder, aanbieder_beheerder):
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 6, 1), controle=Bewijsstuk.Controle.BEZIG)
    services.bewijsstuk_koppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=stuk, door=aanbieder_beheerder)
    regel = next(r for g in selectors.checklist(concept).groepen for r in g.regels if r.eis == procedure.kvk)
    assert regel.ok
    assert regel.waarschuwing == "“Uittreksel KvK, niet ouder dan drie maanden”: het bestand wordt nog gecontroleerd."


def test_later_geweigerd_bestand_maakt_de_eis_weer_onvolledig(compleet, procedure):
    stuk = compleet.antwoorden.get(eis=procedure.kvk).bewijsstukken.get()
    Bewijsstuk.objects.filter(pk=stuk.pk).update(controle=Bewijsstuk.Controle.GEWEIGERD, controle_melding="virus")
    assert _meldingen(compleet) == ["“Uittreksel KvK, niet ouder dan drie maanden”: “kvk-uittreksel.pdf” is bij de controle geweigerd: virus."]


def test_getal_en_per_lid_eis_alleen_voor_leden_van_dat_perceel(compleet, procedure, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=compleet, percelen=[procedure.p5_1, procedure.p5_3], door=aanbieder_beheerder)
    fte = EisFactory(aanbesteding=procedure.aanbesteding, perceel=procedure.p5_3, code="5.3 fte",
                     titel="Aantal fte", antwoordtype=Eis.Antwoordtype.GETAL, per_lid=True)
    services.lid_toevoegen(inschrijving=compleet, rol="onderaannemer", naam="Alleen 5.1", kvk_nummer="99990022",
                           percelen=[procedure.p5_1], door=aanbieder_beheerder)
    services.lid_toevoegen(inschrijving=compleet, rol="onderaannemer", naam="Overal", kvk_nummer="99990033",
                           door=aanbieder_beheerder)
    meldingen = [m for m in _meldingen(compleet) if m.startswith("“Aantal fte”")]
    # the eis of 5.3 asks the penvoerder and the member without a perceel limit, not the member for 5.1 only
    assert meldingen == ["“Aantal fte”: nog niet beantwoord.", "“Aantal fte” voor Overal: nog niet beantwoord."]
    services.antwoord_opslaan(inschrijving=compleet, eis=fte, getal=None, door=aanbieder_beheerder)
    assert "“Aantal fte”: vul een getal in." in _meldingen(compleet)


# --- wallet --------------------------------------------------------------------------------------------


def test_wallet_kijkt_alleen_naar_eisen_van_open_procedures(procedure, aanbieder, andere_aanbieder, tijd):
    oud = AanbestedingFactory(titel="Oud", status=Aanbesteding.Status.BEEINDIGD)
    EisFactory(aanbesteding=oud, antwoordtype=Eis.Antwoordtype.DOCUMENT, documentsoort="kvk_uittreksel", max_leeftijd_maanden=1)
    BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 5, 2))
    BewijsstukFactory(organisatie=andere_aanbieder, afgiftedatum=date(2023, 5, 2))
    (regel,) = selectors.wallet(aanbieder)
    assert regel.bruikbaar_tot == date(2023, 8, 2)  # 3 months (the open procedure), not the ended one's 1 month


@pytest.mark.parametrize(("afgifte", "verlopen", "binnenkort"), [
    (date(2023, 3, 19), True, False),   # usable to 19-06-2023, before today 20-06
    (date(2023, 3, 20), False, True),   # usable to today
    (date(2023, 4, 20), False, True),   # usable to 20-07-2023: 30 days ahead
    (date(2023, 4, 21), False, False),  # 31 days ahead
])
def test_wallet_verlopen_en_binnenkort(procedure, aanbieder, tijd, afgifte, verlopen, binnenkort):
    BewijsstukFactory(organisatie=aanbieder, afgiftedatum=afgifte)
    (regel,) = selectors.wallet(aanbieder)
    assert (regel.verlopen, regel.verloopt_binnenkort) == (verlopen, binnenkort)


def test_wallet_zonder_grens_kent_geen_einde(procedure, aanbieder):
    BewijsstukFactory(organisatie=aanbieder, documentsoort="meldcode")
    (regel,) = selectors.wallet(aanbieder)
    assert (regel.bruikbaar_tot, regel.grond, regel.verlopen) == (None, "", False)


# --- permissions ---------------------------------------------------------------------------------------






def test_verzegeld_tot_de_sluiting_en_nooit_bij_doorlopend(concept, procedure):
    assert permissions.is_verzegeld(concept, datetime(2023, 6, 30, 9, 59, 59, tzinfo=TZ))
    assert not permissions.is_verzegeld(concept, SLUITING)
    procedure.moment.soort, procedure.moment.sluit_op = "continu", None
    procedure.moment.save()
    concept.refresh_from_db()
    assert not permissions.is_verzegeld(concept, datetime(2023, 6, 20, tzinfo=TZ))


@pytest.fixture
def stuk(compleet, procedure):
    return compleet.antwoorden.get(eis=procedure.kvk).bewijsstukken.get()


def test_bewijsstuk_zien_per_organisatie_en_voor_staff_pas_na_opening(compleet, stuk, aanbieder_medewerker, andere_beheerder,
                                                                      inkoper, aanbieder_beheerder, tijd):
    assert permissions.mag_bewijsstuk_zien(aanbieder_medewerker, stuk)
    assert not permissions.mag_bewijsstuk_zien(andere_beheerder, stuk)
    assert not permissions.mag_bewijsstuk_zien(UserFactory(), stuk)
    assert not permissions.mag_bewijsstuk_zien(inkoper, stuk)  # a draft
    indienen(compleet, aanbieder_beheerder)
    assert not permissions.mag_bewijsstuk_zien(inkoper, stuk)  # sealed
    tijd(SLUITING)
    assert permissions.mag_bewijsstuk_zien(inkoper, stuk)


def test_staff_ziet_een_herstelbijlage_die_niet_in_de_antwoorden_zit(compleet, aanbieder, aanbieder_beheerder, inkoper, tijd):
    indienen(compleet, aanbieder_beheerder)
    tijd(NA_SLUITING)
    bijlage = BewijsstukFactory(organisatie=aanbieder, documentsoort="inspectierapport")
    assert not permissions.mag_bewijsstuk_zien(inkoper, bijlage)
    verzoek = services.herstelverzoek_versturen(inschrijving=compleet, vraag="Inspectierapport?", door=inkoper)
    services.herstelverzoek_beantwoorden(herstelverzoek=verzoek, antwoord="", bewijsstukken=[bijlage], door=aanbieder_beheerder)
    assert permissions.mag_bewijsstuk_zien(inkoper, bijlage)


def test_losse_walletbestanden_blijven_voor_staff_onzichtbaar(aanbieder, inkoper, tijd):
    tijd(NA_SLUITING)
    assert not permissions.mag_bewijsstuk_zien(inkoper, BewijsstukFactory(organisatie=aanbieder))


def test_toegangsregel_wordt_eenmaal_geregistreerd(compleet, beoordelaar, aanbieder_beheerder, tijd):
    indienen(compleet, aanbieder_beheerder)
    tijd(NA_SLUITING)
    aantal = len(permissions._STAFF_TOEGANGSREGELS)

    def regel(user, insch):
        return user == beoordelaar and insch.pk == compleet.pk

    try:
        permissions.registreer_staff_toegangsregel(regel)
        permissions.registreer_staff_toegangsregel(regel)
        assert len(permissions._STAFF_TOEGANGSREGELS) == aantal + 1
        assert permissions.staff_mag_toegang(beoordelaar, compleet)
        assert permissions.staff_mag_inhoud_zien(beoordelaar, compleet)
        # the rule never opens a draft or a sealed round
        assert not permissions.staff_mag_inhoud_zien(beoordelaar, compleet, datetime(2023, 6, 30, 9, 0, tzinfo=TZ))
    finally:
        permissions._STAFF_TOEGANGSREGELS.remove(regel)


def test_aanbieder_en_anoniem_zijn_nooit_staff(compleet, aanbieder_beheerder, tijd):
    from django.contrib.auth.models import AnonymousUser

    indienen(compleet, aanbieder_beheerder)
    tijd(NA_SLUITING)
    assert not permissions.staff_mag_toegang(AnonymousUser(), compleet)
    assert not permissions.staff_mag_inhoud_zien(aanbieder_beheerder, compleet)
