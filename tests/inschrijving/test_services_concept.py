"""The draft services: starten, percelen_kiezen, vorm_wijzigen, lid_toevoegen/-verwijderen, antwoord_opslaan.

Each: the success path with its audit row, the permission refusals (another organisation, a stranger) and the
wrong-state refusal (a submitted inschrijving is frozen), with the state left exactly as it was.
"""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Aanbesteding, Eis, Perceel
from core.kalender import TZ
from inschrijving import selectors, services
from inschrijving.models import Inschrijving, Lid
from tests.factories import UserFactory

from ._hulp import SLUITING, audit_regels, een_auditregel, indienen, toestand
from .conftest import pdf_upload
from .factories import AanbestedingFactory, EisFactory, PerceelFactory, ToetredingsmomentFactory

# --- inschrijving_starten ------------------------------------------------------------------------------


def test_starten_maakt_een_concept_in_het_open_venster_met_auditregel(procedure, aanbieder, aanbieder_beheerder, tijd):
    insch = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    assert insch.status == Inschrijving.Status.CONCEPT
    assert insch.toetredingsmoment == procedure.moment
    assert insch.aangemaakt_door == aanbieder_beheerder
    regel = een_auditregel("inschrijving.gestart", insch, door=aanbieder_beheerder)
    assert regel.nieuwe_waarden == {"toetredingsmoment": str(procedure.moment)}


def test_medewerker_mag_ook_starten(procedure, aanbieder, aanbieder_medewerker, tijd):
    insch = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_medewerker)
    assert een_auditregel("inschrijving.gestart", insch, door=aanbieder_medewerker)


def test_starten_namens_een_andere_organisatie_wordt_geweigerd(procedure, aanbieder, andere_beheerder, tijd):
    with pytest.raises(PermissionDenied):
        services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=andere_beheerder)
    assert not Inschrijving.objects.exists()
    assert not audit_regels("inschrijving.gestart").exists()


def test_starten_voor_het_venster_opent_wordt_geweigerd(procedure, aanbieder, aanbieder_beheerder, tijd):
    # The window opens on 13-06-2023 at 09:00; one second earlier nothing is open.
    tijd(datetime(2023, 6, 13, 8, 59, 59, tzinfo=TZ))
    with pytest.raises(ValidationError):
        services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    assert not Inschrijving.objects.exists()
    tijd(datetime(2023, 6, 13, 9, 0, tzinfo=TZ))
    assert services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)


def test_starten_na_de_sluiting_wordt_geweigerd(procedure, aanbieder, aanbieder_beheerder, tijd):
    tijd(SLUITING)
    with pytest.raises(ValidationError):
        services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    assert not Inschrijving.objects.exists()


@pytest.mark.parametrize(("status", "toetreding"), [
    (Aanbesteding.Status.IN_VOORBEREIDING, Aanbesteding.Toetreding.VENSTERS),
    (Aanbesteding.Status.OPEN, Aanbesteding.Toetreding.GESLOTEN),
])
def test_starten_bij_een_niet_open_procedure_wordt_geweigerd(procedure, aanbieder, aanbieder_beheerder, tijd, status, toetreding):
    Aanbesteding.objects.filter(pk=procedure.aanbesteding.pk).update(status=status, toetreding=toetreding)
    procedure.aanbesteding.refresh_from_db()
    with pytest.raises(ValidationError):
        services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    assert not Inschrijving.objects.exists()


def test_tweede_actieve_inschrijving_wordt_geweigerd_de_eerste_blijft(concept, procedure, aanbieder, aanbieder_medewerker):
    voor = toestand(concept)
    with pytest.raises(ValidationError):
        services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_medewerker)
    assert Inschrijving.objects.filter(organisatie=aanbieder).count() == 1
    assert toestand(concept) == voor
    assert audit_regels("inschrijving.gestart").count() == 1


def test_na_intrekken_mag_opnieuw_worden_gestart(concept, procedure, aanbieder, aanbieder_beheerder):
    services.inschrijving_intrekken(inschrijving=concept, door=aanbieder_beheerder)
    nieuw = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    assert nieuw.pk != concept.pk
    assert audit_regels("inschrijving.gestart").count() == 2


def test_uitsluiting_loopt_tot_en_niet_met_de_einddatum(procedure, aanbieder, aanbieder_beheerder, tijd):
    # DOMAIN.md step 5: a rejection may carry an exclusion; "uitgesloten_tot" is the first day one may start again.
    Inschrijving.objects.create(
        aanbesteding=procedure.aanbesteding, organisatie=aanbieder, status=Inschrijving.Status.BESLOTEN,
        ingediend_op=datetime(2022, 12, 1, tzinfo=TZ), uitgesloten_tot=datetime(2023, 6, 21).date(),
    )
    tijd(datetime(2023, 6, 20, 23, 59, tzinfo=TZ))
    with pytest.raises(ValidationError, match="pas weer inschrijven vanaf 21-06-2023"):
        services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    tijd(datetime(2023, 6, 21, 0, 0, tzinfo=TZ))
    assert services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)


def test_uitsluiting_bij_een_andere_procedure_telt_niet(procedure, aanbieder, aanbieder_beheerder, tijd):
    andere = AanbestedingFactory(titel="Wmo Begeleiding")
    Inschrijving.objects.create(
        aanbesteding=andere, organisatie=aanbieder, status=Inschrijving.Status.BESLOTEN,
        ingediend_op=datetime(2022, 12, 1, tzinfo=TZ), uitgesloten_tot=datetime(2024, 1, 1).date(),
    )
    assert services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)


# --- percelen_kiezen -----------------------------------------------------------------------------------


def test_percelen_kiezen_vervangt_de_keuze_en_schrijft_oud_en_nieuw(concept, procedure, aanbieder_medewerker):
    meldingen = services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7, procedure.p5_8],
                                         door=aanbieder_medewerker)
    assert meldingen == []
    assert [p.code for p in selectors.gekozen_percelen(concept)] == ["5.7", "5.8"]
    # the fixture's own choice of 5.1 was the first entry; this is the second, by the medewerker
    regel = audit_regels("inschrijving.percelen", concept).get(actor=aanbieder_medewerker)
    assert regel.oude_waarden == {"percelen": ["5.1"]}
    assert regel.nieuwe_waarden == {"percelen": ["5.7", "5.8"]}


def test_antwoord_van_een_weggelaten_perceel_blijft_en_komt_terug(concept, procedure, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7, procedure.p5_8], door=aanbieder_beheerder)
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.pleegzorg_plan, tekst="Gezinshuizen in de regio.",
                              door=aanbieder_beheerder)
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1], door=aanbieder_beheerder)
    eisen = {e.code for e in selectors.toepasselijke_eisen(concept)}
    assert "5.7 werkwijze" not in eisen
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7, procedure.p5_8], door=aanbieder_beheerder)
    assert concept.antwoorden.get(eis=procedure.pleegzorg_plan).tekst == "Gezinshuizen in de regio."


def test_perceel_van_een_andere_aanbesteding_wordt_geweigerd(concept, aanbieder_beheerder):
    vreemd = PerceelFactory(aanbesteding=AanbestedingFactory(titel="Wmo"), code="1.1", naam="Begeleiding")
    voor = toestand(concept)
    with pytest.raises(ValidationError) as fout:
        services.percelen_kiezen(inschrijving=concept, percelen=[vreemd], door=aanbieder_beheerder)
    assert fout.value.messages == ["Perceel 1.1 Begeleiding hoort niet bij deze aanbesteding."]
    assert toestand(concept) == voor


def test_perceel_buiten_het_toetredingsmoment_is_niet_kiesbaar(concept, procedure, aanbieder_beheerder):
    # A round may open only some percelen (003: the Tussenvoorziening round opened 5.10.1 only).
    procedure.moment.percelen.set([procedure.p5_1])
    voor = toestand(concept)
    with pytest.raises(ValidationError, match="niet open voor inschrijving"):
        services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1, procedure.p5_3], door=aanbieder_beheerder)
    assert toestand(concept) == voor


def test_gesloten_perceel_met_wachtlijst_en_zonder(concept, procedure, aanbieder_beheerder):
    Perceel.objects.filter(pk=procedure.p5_1.pk).update(toetreding=Perceel.Toetreding.GESLOTEN, wachtlijst=True)
    meldingen = services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1], door=aanbieder_beheerder)
    assert meldingen == ["Perceel 5.1 Ambulante Jeugd GGZ is gesloten voor toetreding; u komt voor dit perceel op de wachtlijst."]
    assert concept.inschrijving_percelen.get(perceel=procedure.p5_1).op_wachtlijst
    Perceel.objects.filter(pk=procedure.p5_1.pk).update(wachtlijst=False)
    with pytest.raises(ValidationError, match="gesloten voor toetreding; inschrijven is niet mogelijk"):
        services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1], door=aanbieder_beheerder)
    # the refusal keeps the earlier choice, waiting list flag included
    assert concept.inschrijving_percelen.get(perceel=procedure.p5_1).op_wachtlijst


def test_eigen_eerdere_toelating_telt_niet_mee_voor_het_quotum(concept, procedure, aanbieder, aanbieder_beheerder):
    # MST (5.6) has quotum 1; the only admitted provider is this one itself, so the perceel is not "vol" for it.
    eerder = Inschrijving.objects.create(aanbesteding=procedure.aanbesteding, organisatie=aanbieder,
                                         status=Inschrijving.Status.BESLOTEN, ingediend_op=datetime(2023, 1, 2, tzinfo=TZ))
    eerder.inschrijving_percelen.create(perceel=procedure.p5_6, toegelaten=True)
    eerder.inschrijving_percelen.create(perceel=procedure.p5_1, toegelaten=True)
    meldingen = services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_6], door=aanbieder_beheerder)
    assert not concept.inschrijving_percelen.get(perceel=procedure.p5_6).op_wachtlijst
    assert meldingen == ["Perceel 5.6 Multi Systeem Therapie heeft een maximum van 1 aanbieder; bij meer geschikte "
                         "inschrijvers wordt geloot."]


def test_percelen_kiezen_door_andere_organisatie_wordt_geweigerd(concept, procedure, andere_beheerder):
    voor = toestand(concept)
    with pytest.raises(PermissionDenied):
        services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_3], door=andere_beheerder)
    assert toestand(concept) == voor
    assert audit_regels("inschrijving.percelen", concept).count() == 1  # only the fixture's choice


def test_percelen_kiezen_na_indienen_wordt_geweigerd(compleet, procedure, aanbieder_beheerder):
    indienen(compleet, aanbieder_beheerder)
    voor = toestand(compleet)
    with pytest.raises(ValidationError):
        services.percelen_kiezen(inschrijving=compleet, percelen=[procedure.p5_3], door=aanbieder_beheerder)
    assert toestand(compleet) == voor


# --- vorm_wijzigen, lid_toevoegen, lid_verwijderen -----------------------------------------------------


def test_vorm_wijzigen_met_auditregel(concept, aanbieder_medewerker):
    insch = services.vorm_wijzigen(inschrijving=concept, vorm="combinatie", door=aanbieder_medewerker)
    assert insch.vorm == Inschrijving.Vorm.COMBINATIE
    regel = een_auditregel("inschrijving.vorm", concept, door=aanbieder_medewerker)
    assert regel.oude_waarden == {"vorm": "zelfstandig"}
    assert regel.nieuwe_waarden == {"vorm": "combinatie"}


def test_onbekende_vorm_wordt_geweigerd(concept, aanbieder_beheerder):
    with pytest.raises(ValueError):
        services.vorm_wijzigen(inschrijving=concept, vorm="consortium", door=aanbieder_beheerder)
    concept.refresh_from_db()
    assert concept.vorm == Inschrijving.Vorm.ZELFSTANDIG
    assert not audit_regels("inschrijving.vorm").exists()


def test_vorm_wijzigen_door_andere_organisatie_of_na_indienen(compleet, andere_beheerder, aanbieder_beheerder):
    with pytest.raises(PermissionDenied):
        services.vorm_wijzigen(inschrijving=compleet, vorm="combinatie", door=andere_beheerder)
    indienen(compleet, aanbieder_beheerder)
    with pytest.raises(ValidationError):
        services.vorm_wijzigen(inschrijving=compleet, vorm="combinatie", door=aanbieder_beheerder)
    compleet.refresh_from_db()
    assert compleet.vorm == Inschrijving.Vorm.ZELFSTANDIG
    assert not audit_regels("inschrijving.vorm").exists()


def test_onderaannemer_maakt_geen_combinatie_combinant_wel(concept, procedure, aanbieder_beheerder):
    services.lid_toevoegen(inschrijving=concept, rol=Lid.Rol.ONDERAANNEMER, naam="De Brug Jeugdhulp", kvk_nummer="99990022",
                           plaats="Hilversum", door=aanbieder_beheerder)
    concept.refresh_from_db()
    assert concept.vorm == Inschrijving.Vorm.ZELFSTANDIG
    services.lid_toevoegen(inschrijving=concept, rol=Lid.Rol.COMBINANT, naam="Kwadraad", kvk_nummer="99990033",
                           door=aanbieder_beheerder)
    concept.refresh_from_db()
    assert concept.vorm == Inschrijving.Vorm.COMBINATIE
    regels = audit_regels("inschrijving.lid_toegevoegd", concept).order_by("pk")
    assert [r.nieuwe_waarden["kvk"] for r in regels] == ["99990022", "99990033"]
    assert regels[0].nieuwe_waarden["lid"] == "De Brug Jeugdhulp (onderaannemer)"


def test_lid_krijgt_alleen_gekozen_percelen(concept, procedure, aanbieder_beheerder):
    lid = services.lid_toevoegen(inschrijving=concept, rol="onderaannemer", naam="De Brug", kvk_nummer="99990022",
                                 percelen=[procedure.p5_1, procedure.p5_3], door=aanbieder_beheerder)
    assert [p.code for p in lid.percelen.all()] == ["5.1"]


def test_eigen_kvk_nummer_als_lid_wordt_geweigerd(concept, aanbieder, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        services.lid_toevoegen(inschrijving=concept, rol="combinant", naam="Wijzelf", kvk_nummer=aanbieder.kvk_nummer,
                               door=aanbieder_beheerder)
    assert "penvoerder" in fout.value.messages[0]
    assert not concept.leden.exists()


def test_zelfde_kvk_nummer_twee_keer_wordt_geweigerd(concept, aanbieder_beheerder):
    services.lid_toevoegen(inschrijving=concept, rol="onderaannemer", naam="De Brug", kvk_nummer="99990022",
                           door=aanbieder_beheerder)
    with pytest.raises(ValidationError) as fout:
        services.lid_toevoegen(inschrijving=concept, rol="combinant", naam="De Brug bis", kvk_nummer="99990022",
                               door=aanbieder_beheerder)
    assert fout.value.messages == ["KvK-nummer 99990022 staat al in deze inschrijving."]
    assert list(concept.leden.values_list("naam", flat=True)) == ["De Brug"]
    assert audit_regels("inschrijving.lid_toegevoegd", concept).count() == 1


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a"])
def test_ongeldig_kvk_nummer_van_een_lid_wordt_geweigerd(concept, aanbieder_beheerder, kvk):
    # A KvK number has 8 digits (DOMAIN.md "Actors").
    with pytest.raises(ValidationError):
        services.lid_toevoegen(inschrijving=concept, rol="onderaannemer", naam="X", kvk_nummer=kvk, door=aanbieder_beheerder)
    assert not concept.leden.exists()
    assert not audit_regels("inschrijving.lid_toegevoegd").exists()


def test_lid_toevoegen_door_andere_organisatie_wordt_geweigerd(concept, andere_beheerder):
    with pytest.raises(PermissionDenied):
        services.lid_toevoegen(inschrijving=concept, rol="onderaannemer", naam="X", kvk_nummer="99990022", door=andere_beheerder)
    assert not concept.leden.exists()


def test_lid_verwijderen_met_auditregel_en_antwoorden_gaan_mee(concept, procedure, aanbieder_beheerder):
    lid = services.lid_toevoegen(inschrijving=concept, rol="combinant", naam="De Brug", kvk_nummer="99990022",
                                 door=aanbieder_beheerder)
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.gedragsverklaring, lid=lid, tekst="volgt",
                              door=aanbieder_beheerder)
    services.lid_verwijderen(lid=lid, door=aanbieder_beheerder)
    assert not concept.leden.exists()
    assert not concept.antwoorden.filter(lid__isnull=False).exists()
    regel = een_auditregel("inschrijving.lid_verwijderd", concept, door=aanbieder_beheerder)
    assert regel.oude_waarden == {"lid": "De Brug (lid van de combinatie)", "kvk": "99990022"}


def test_lid_verwijderen_geweigerd_voor_andere_organisatie_en_na_indienen(compleet, procedure, aanbieder_beheerder,
                                                                         andere_beheerder):
    lid = services.lid_toevoegen(inschrijving=compleet, rol="onderaannemer", naam="De Brug", kvk_nummer="99990022",
                                 door=aanbieder_beheerder)
    services.bewijs_uploaden_voor_eis(inschrijving=compleet, eis=procedure.gedragsverklaring, lid=lid,
                                      bestand=pdf_upload("gva-brug.pdf"), afgiftedatum=date(2023, 2, 1), door=aanbieder_beheerder)
    with pytest.raises(PermissionDenied):
        services.lid_verwijderen(lid=lid, door=andere_beheerder)
    indienen(compleet, aanbieder_beheerder)
    with pytest.raises(ValidationError):
        services.lid_verwijderen(lid=lid, door=aanbieder_beheerder)
    assert Lid.objects.filter(pk=lid.pk).exists()
    assert not audit_regels("inschrijving.lid_verwijderd").exists()


# --- antwoord_opslaan ----------------------------------------------------------------------------------


def test_ja_nee_antwoord_met_oud_en_nieuw_in_de_audit(concept, procedure, aanbieder_medewerker):
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.formulier_e, ja_nee=True, door=aanbieder_medewerker)
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.formulier_e, ja_nee=False, door=aanbieder_medewerker)
    assert concept.antwoorden.get(eis=procedure.formulier_e).ja_nee is False
    eerste, tweede = audit_regels("inschrijving.antwoord", concept).order_by("pk")
    assert eerste.oude_waarden["ja_nee"] is None and eerste.nieuwe_waarden["ja_nee"] is True
    assert tweede.oude_waarden == {"ja_nee": True}
    assert tweede.nieuwe_waarden["ja_nee"] is False
    assert tweede.nieuwe_waarden["eis"] == "Formulier E / art. 2.86"
    assert tweede.actor == aanbieder_medewerker


def test_getal_antwoord_met_toelichting_en_een_veld_dat_niet_bij_het_type_hoort_leeg(concept, procedure, aanbieder_beheerder):
    eis = EisFactory(aanbesteding=procedure.aanbesteding, code="TD 4.2 fte", antwoordtype=Eis.Antwoordtype.GETAL)
    antwoord = services.antwoord_opslaan(inschrijving=concept, eis=eis, getal=Decimal("12.50"), ja_nee=True,
                                         tekst="Inclusief twee vacatures.", door=aanbieder_beheerder)
    antwoord.refresh_from_db()
    assert antwoord.getal == Decimal("12.50")
    assert antwoord.ja_nee is None
    # Every answer type keeps the provider's explanation (issue 12: one form per eis with answer and toelichting).
    assert antwoord.tekst == "Inclusief twee vacatures."
    regel = audit_regels("inschrijving.antwoord", concept).get()
    assert regel.nieuwe_waarden["getal"] == "12.50"


def test_tekst_van_precies_het_maximum_mag(concept, procedure, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7, procedure.p5_8], door=aanbieder_beheerder)
    tekst = " ".join(["woord"] * 50)  # the eis allows 50 words
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.pleegzorg_plan, tekst=tekst, door=aanbieder_beheerder)
    assert concept.antwoorden.get(eis=procedure.pleegzorg_plan).tekst == tekst


def test_te_lange_tekst_laat_het_vorige_antwoord_staan(concept, procedure, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7, procedure.p5_8], door=aanbieder_beheerder)
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.pleegzorg_plan, tekst="Kort.", door=aanbieder_beheerder)
    with pytest.raises(ValidationError) as fout:
        services.antwoord_opslaan(inschrijving=concept, eis=procedure.pleegzorg_plan, tekst="woord " * 60,
                                  door=aanbieder_beheerder)
    assert fout.value.messages == ["Uw tekst bij “Werkwijze pleegzorg” telt 60 woorden; het maximum is 50."]
    assert concept.antwoorden.get(eis=procedure.pleegzorg_plan).tekst == "Kort."
    assert audit_regels("inschrijving.antwoord", concept).count() == 1


def test_opslaan_na_de_sluiting_mag_nog_in_een_concept(concept, procedure, aanbieder_beheerder, tijd):
    # Bad input or a late hour never loses work; only submitting is bound to the deadline.
    tijd(datetime(2023, 7, 1, 12, 0, tzinfo=TZ))
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.formulier_e, ja_nee=True, door=aanbieder_beheerder)
    assert concept.antwoorden.get(eis=procedure.formulier_e).ja_nee is True


def test_eis_van_een_andere_aanbesteding_wordt_geweigerd(concept, aanbieder_beheerder):
    vreemd = EisFactory(aanbesteding=AanbestedingFactory(titel="Wmo"))
    with pytest.raises(ValidationError):
        services.antwoord_opslaan(inschrijving=concept, eis=vreemd, ja_nee=True, door=aanbieder_beheerder)
    assert not concept.antwoorden.exists()


def test_lid_bij_een_eis_die_niet_per_lid_vraagt_wordt_geweigerd(concept, procedure, aanbieder_beheerder):
    lid = services.lid_toevoegen(inschrijving=concept, rol="combinant", naam="De Brug", kvk_nummer="99990022",
                                 door=aanbieder_beheerder)
    with pytest.raises(ValidationError, match="alleen de penvoerder"):
        services.antwoord_opslaan(inschrijving=concept, eis=procedure.formulier_e, lid=lid, ja_nee=True, door=aanbieder_beheerder)
    assert not concept.antwoorden.exists()


def test_lid_van_een_andere_inschrijving_wordt_geweigerd(concept, procedure, andere_aanbieder, andere_beheerder,
                                                        aanbieder_beheerder):
    ander = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=andere_aanbieder, door=andere_beheerder)
    vreemd_lid = services.lid_toevoegen(inschrijving=ander, rol="combinant", naam="Vreemd", kvk_nummer="99990044",
                                        door=andere_beheerder)
    with pytest.raises(ValidationError):
        services.antwoord_opslaan(inschrijving=concept, eis=procedure.gedragsverklaring, lid=vreemd_lid, tekst="x",
                                  door=aanbieder_beheerder)
    assert not concept.antwoorden.exists()


def test_antwoord_door_een_buitenstaander_wordt_geweigerd(concept, procedure, db):
    with pytest.raises(PermissionDenied):
        services.antwoord_opslaan(inschrijving=concept, eis=procedure.formulier_e, ja_nee=True, door=UserFactory())
    assert not concept.antwoorden.exists()
    assert not audit_regels("inschrijving.antwoord").exists()


def test_antwoord_na_indienen_wordt_geweigerd_en_bevroren_inhoud_blijft(compleet, procedure, aanbieder_beheerder):
    indienen(compleet, aanbieder_beheerder)
    voor = (toestand(compleet), compleet.bevroren_inhoud)
    with pytest.raises(ValidationError):
        services.antwoord_opslaan(inschrijving=compleet, eis=procedure.formulier_e, ja_nee=False, door=aanbieder_beheerder)
    compleet.refresh_from_db()
    assert (toestand(compleet), compleet.bevroren_inhoud) == voor


def test_nieuw_toetredingsmoment_zonder_percelen_maakt_alles_kiesbaar(procedure, aanbieder, aanbieder_beheerder, tijd):
    ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, naam="Doorlopend", soort="continu",
                             opent_op=datetime(2023, 7, 1, 9, 0, tzinfo=TZ), sluit_op=None)
    tijd(datetime(2023, 7, 3, 9, 0, tzinfo=TZ))
    insch = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=aanbieder, door=aanbieder_beheerder)
    assert insch.toetredingsmoment.naam == "Doorlopend"
    codes = [p.code for p in selectors.kiesbare_percelen(insch)]
    assert codes == ["5.1", "5.3", "5.6", "5.7", "5.8", "5.10", "5.10.1"]
