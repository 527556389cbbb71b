"""Perceel dependencies and quotas (003 r. 512-524), maximum ages of evidence (003b §5), the wallet."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from core.kalender import TZ
from inschrijving import selectors, services
from inschrijving.models import Inschrijving, InschrijvingPerceel
from tests.factories import OrganisatieFactory

from .conftest import pdf_upload
from .factories import BewijsstukFactory


def test_pleegzorg_zonder_pleegzorg_aanvullend_noemt_precies_wat_ontbreekt(procedure, concept, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7], door=aanbieder_beheerder)
    assert fout.value.messages == [
        "Perceel 5.7 Pleegzorg vereist ook perceel 5.8 Pleegzorg Aanvullend (Pleegzorg altijd in combinatie met "
        "Pleegzorg Aanvullend). Kies 5.8 ook, of kies 5.7 niet; een eerdere toelating voor 5.8 telt ook."
    ]
    assert [p.code for p in selectors.gekozen_percelen(concept)] == ["5.1"]  # the earlier choice is kept


def test_pleegzorg_met_pleegzorg_aanvullend_mag(procedure, concept, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7, procedure.p5_8], door=aanbieder_beheerder)
    assert [p.code for p in selectors.gekozen_percelen(concept)] == ["5.7", "5.8"]


def test_subperceel_vereist_hoofdperceel_of_eerdere_toelating(procedure, concept, aanbieder, aanbieder_beheerder):
    with pytest.raises(ValidationError, match=r"5\.10\.1 Tussenvoorziening vereist ook perceel 5\.10 Behandel"):
        services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_10_1], door=aanbieder_beheerder)
    # An earlier admission for 5.10 counts (003 r. 4634: "contract voor 5.10").
    eerder = Inschrijving.objects.create(aanbesteding=procedure.aanbesteding, organisatie=aanbieder,
                                         status=Inschrijving.Status.BESLOTEN, ingediend_op=datetime(2023, 1, 1, tzinfo=TZ))
    InschrijvingPerceel.objects.create(inschrijving=eerder, perceel=procedure.p5_10, toegelaten=True)
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_10_1], door=aanbieder_beheerder)


def _toegelaten(procedure, perceel, aantal):
    for _ in range(aantal):
        i = Inschrijving.objects.create(aanbesteding=procedure.aanbesteding, organisatie=OrganisatieFactory(),
                                        status=Inschrijving.Status.BESLOTEN, ingediend_op=datetime(2023, 1, 1, tzinfo=TZ))
        InschrijvingPerceel.objects.create(inschrijving=i, perceel=perceel, toegelaten=True)


def test_vol_perceel_met_wachtlijst_zet_de_aanbieder_op_de_wachtlijst(procedure, concept, aanbieder_beheerder):
    # 003 r. 522: MST at most 1 provider; others on the waiting list.
    _toegelaten(procedure, procedure.p5_6, 1)
    meldingen = services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1, procedure.p5_6], door=aanbieder_beheerder)
    assert meldingen == [
        "Perceel 5.6 Multi Systeem Therapie is vol: het maximum is 1 aanbieder en 1 is al toegelaten; "
        "u komt voor dit perceel op de wachtlijst."
    ]
    assert concept.inschrijving_percelen.get(perceel=procedure.p5_6).op_wachtlijst


def test_vol_perceel_zonder_wachtlijst_wordt_geweigerd(procedure, concept, aanbieder_beheerder):
    # 003 r. 514: Snelle Inzetbare Hulp at most 4 providers.
    _toegelaten(procedure, procedure.p5_3, 4)
    with pytest.raises(ValidationError) as fout:
        services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_3], door=aanbieder_beheerder)
    assert fout.value.messages == [
        "Perceel 5.3 Snelle Inzetbare Hulp is vol: het maximum is 4 aanbieders en 4 zijn al toegelaten; "
        "inschrijven is niet mogelijk."
    ]


def test_perceel_met_plaats_onder_het_quotum_meldt_de_loting(procedure, concept, aanbieder_beheerder):
    _toegelaten(procedure, procedure.p5_3, 3)
    meldingen = services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_3], door=aanbieder_beheerder)
    assert "maximum van 4 aanbieders" in meldingen[0]
    assert not concept.inschrijving_percelen.get(perceel=procedure.p5_3).op_wachtlijst


@pytest.mark.parametrize(("afgifte", "geldig"), [
    (date(2023, 3, 30), True),   # exactly 3 months before the closing day 30-06-2023
    (date(2023, 3, 29), False),  # one day older
])
def test_kvk_uittreksel_maximaal_drie_maanden_oud_op_de_sluitingsdag(procedure, concept, aanbieder, aanbieder_beheerder,
                                                                    afgifte, geldig):
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=afgifte)
    probleem = selectors.document_probleem(stuk, procedure.kvk, selectors.peildatum(concept))
    assert (probleem is None) is geldig
    if not geldig:
        assert probleem == (
            "“kvk.pdf” is afgegeven op 29-03-2023 en is op 30-06-2023 ouder dan de toegestane 3 maanden; "
            "gebruik een document dat op of na 30-03-2023 is afgegeven."
        )


def test_te_oud_document_uploaden_wordt_geweigerd_voordat_er_iets_wordt_opgeslagen(procedure, concept, aanbieder_beheerder):
    with pytest.raises(ValidationError, match="ouder dan de toegestane 3 maanden"):
        services.bewijs_uploaden_voor_eis(inschrijving=concept, eis=procedure.kvk, bestand=pdf_upload(),
                                          afgiftedatum=date(2023, 3, 1), door=aanbieder_beheerder)
    assert concept.organisatie.bewijsstukken.count() == 0


def test_gedragsverklaring_24_maanden(procedure, concept, aanbieder):
    peil = selectors.peildatum(concept)
    jong_genoeg = BewijsstukFactory(organisatie=aanbieder, documentsoort="gedragsverklaring", afgiftedatum=date(2021, 6, 30))
    te_oud = BewijsstukFactory(organisatie=aanbieder, documentsoort="gedragsverklaring", afgiftedatum=date(2021, 6, 29))
    assert selectors.document_probleem(jong_genoeg, procedure.gedragsverklaring, peil) is None
    assert "ouder dan de toegestane 24 maanden" in selectors.document_probleem(te_oud, procedure.gedragsverklaring, peil)


def test_wallet_document_wordt_hergebruikt_zolang_het_jong_genoeg_is(procedure, concept, aanbieder, aanbieder_beheerder):
    jong = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 5, 1))
    BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 1, 1))
    BewijsstukFactory(organisatie=aanbieder, documentsoort="vog", afgiftedatum=date(2023, 5, 1))
    assert selectors.bruikbare_bewijsstukken(concept, procedure.kvk) == [jong]
    services.bewijsstuk_koppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=jong, door=aanbieder_beheerder)
    assert list(concept.antwoorden.get(eis=procedure.kvk).bewijsstukken.all()) == [jong]


def test_wallet_toont_wanneer_een_document_verloopt(procedure, aanbieder):
    BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 5, 2))
    BewijsstukFactory(organisatie=aanbieder, documentsoort="keurmerk", afgiftedatum=date(2022, 1, 1), geldig_tot=date(2025, 1, 1))
    regels = {r.bewijsstuk.documentsoort: r for r in selectors.wallet(aanbieder)}
    assert regels["kvk_uittreksel"].bruikbaar_tot == date(2023, 8, 2)
    assert regels["kvk_uittreksel"].grond == "maximaal 3 maanden oud"
    assert regels["keurmerk"].bruikbaar_tot == date(2025, 1, 1)


def test_lid_levert_eigen_bewijs_waar_de_eis_per_lid_vraagt(procedure, compleet, aanbieder_beheerder):
    lid = services.lid_toevoegen(inschrijving=compleet, rol="combinant", naam="De Brug Jeugdhulp", kvk_nummer="99990022",
                                 door=aanbieder_beheerder)
    compleet.refresh_from_db()
    assert compleet.vorm == Inschrijving.Vorm.COMBINATIE
    lijst = selectors.checklist(compleet)
    assert [r.melding for g in lijst.groepen for r in g.ontbrekend] == [
        "“Gedragsverklaring aanbesteden” voor De Brug Jeugdhulp: upload of kies een document (Gedragsverklaring aanbesteden)."
    ]
    # The penvoerder's own document does not count for the member.
    eigen = compleet.antwoorden.get(eis=procedure.gedragsverklaring, lid=None).bewijsstukken.get()
    with pytest.raises(ValidationError, match="hoort niet bij De Brug Jeugdhulp"):
        services.bewijsstuk_koppelen(inschrijving=compleet, eis=procedure.gedragsverklaring, bewijsstuk=eigen, lid=lid,
                                     door=aanbieder_beheerder)
    services.bewijs_uploaden_voor_eis(inschrijving=compleet, eis=procedure.gedragsverklaring, lid=lid,
                                      bestand=pdf_upload("gva-brug.pdf"), afgiftedatum=date(2023, 2, 1), door=aanbieder_beheerder)
    assert selectors.checklist(compleet).compleet


def test_tekst_langer_dan_het_maximum_wordt_geweigerd(procedure, concept, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7, procedure.p5_8], door=aanbieder_beheerder)
    with pytest.raises(ValidationError, match="telt 51 woorden; het maximum is 50"):
        services.antwoord_opslaan(inschrijving=concept, eis=procedure.pleegzorg_plan, tekst="woord " * 51, door=aanbieder_beheerder)


def test_checklist_per_perceel(procedure, compleet, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=compleet, percelen=[procedure.p5_1, procedure.p5_7, procedure.p5_8], door=aanbieder_beheerder)
    lijst = selectors.checklist(compleet)
    per_groep = {g.titel: [r.melding for r in g.ontbrekend] for g in lijst.groepen}
    assert per_groep == {
        "Algemeen (hele inschrijving)": [],
        "Perceel 5.1 Ambulante Jeugd GGZ": [],
        "Perceel 5.7 Pleegzorg": ["“Werkwijze pleegzorg”: nog niet beantwoord."],
        "Perceel 5.8 Pleegzorg Aanvullend": [],
    }
