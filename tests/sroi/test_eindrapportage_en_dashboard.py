"""The final report over several years and the adviser's dashboard built on the same figures.

MLO `002` art. 17.3-17.4 and B4 Fase II c: a surplus carries into the next year, a shortfall at the end leads to
consultation and possibly a fine; the final report is due within one month after the term. Gooi `003b`
Bijlage VII A: a shortfall leads to consultation only.
"""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.urls import reverse

from sroi import selectors, services
from sroi.models import SroiRapportage, SroiRegime
from tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.sroi.conftest import AMS, regel_van
from tests.sroi.factories import OvereenkomstFactory

JANUARI_2024 = datetime(2024, 1, 20, 12, 0, tzinfo=AMS)


def _omzet(ovk, door, per_jaar):
    for jaar, omzet in per_jaar.items():
        services.omzet_vastleggen(overeenkomst=ovk, jaar=jaar, omzet=D(omzet), door=door)


def _storting(ovk, door, jaar, bedrag):
    return services.activiteit_registreren(overeenkomst=ovk, regel=regel_van(ovk.aanbesteding, "e1"), door=door,
                                           omschrijving=f"Storting {jaar}", startdatum=date(jaar, 6, 1), bedrag=D(bedrag))


def _eindrapportage(ovk, door):
    with time_machine.travel(JANUARI_2024, tick=False):
        services.rapportages_bijwerken(ovk)
        return services.rapportage_indienen(rapportage=ovk.sroi_rapportages.get(soort="eind"), door=door)


def test_eindrapportage_verrekent_overschot_tussen_de_jaren(mlo_overeenkomst, aanbieder_medewerker):
    """400.000 turnover every year -> 20.000 a year (002 art. 17.2). 2020 realised 23.000: surplus 3.000 makes
    2021 17.000 (art. 17.3). 2021 realised 17.000, 2022 10.000, 2023 nothing."""
    _omzet(mlo_overeenkomst, aanbieder_medewerker, dict.fromkeys(range(2019, 2024), "400000"))
    for jaar, bedrag in ((2020, "23000"), (2021, "17000"), (2022, "10000")):
        _storting(mlo_overeenkomst, aanbieder_medewerker, jaar, bedrag)
    eind = _eindrapportage(mlo_overeenkomst, aanbieder_medewerker)
    assert eind.bevroren_inhoud["jaren"] == [
        {"jaar": 2020, "verplichting": "20000.00", "gerealiseerd": "23000.00", "tekort": "0"},
        {"jaar": 2021, "verplichting": "17000.00", "gerealiseerd": "17000.00", "tekort": "0"},
        {"jaar": 2022, "verplichting": "20000.00", "gerealiseerd": "10000.00", "tekort": "10000.00"},
        {"jaar": 2023, "verplichting": "20000.00", "gerealiseerd": "0", "tekort": "20000.00"},
    ]
    assert (eind.verplichting, eind.gerealiseerd, eind.tekort) == (D("77000.00"), D("50000.00"), D("30000.00"))
    assert eind.tekort_gesignaleerd and eind.bevroren_inhoud["gevolg_tekort"] == "Overleg en mogelijk een boete"


def test_eindrapportage_bevat_alle_activiteiten_van_de_looptijd(mlo_overeenkomst, aanbieder_medewerker):
    for jaar in (2020, 2023):
        _storting(mlo_overeenkomst, aanbieder_medewerker, jaar, "100")
    eind = _eindrapportage(mlo_overeenkomst, aanbieder_medewerker)
    assert [a["omschrijving"] for a in eind.bevroren_inhoud["activiteiten"]] == ["Storting 2020", "Storting 2023"]
    assert eind.bevroren_inhoud["totaal_periode"] == "200.00"
    assert all(a["tabel"] == "2020" and a["categorie"] == "E" for a in eind.bevroren_inhoud["activiteiten"])


def test_eindrapportage_eerder_dan_het_einde_van_de_looptijd_mag(mlo_overeenkomst, aanbieder_medewerker):
    """Unlike a period report, the final report has no 'period still running' check: it may come early."""
    with time_machine.travel(datetime(2023, 6, 1, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
        eind = services.rapportage_indienen(rapportage=mlo_overeenkomst.sroi_rapportages.get(soort="eind"),
                                            door=aanbieder_medewerker)
    assert eind.status == SroiRapportage.Status.INGEDIEND and not eind.is_te_laat(date(2024, 3, 1))


def test_eindrapportage_een_dag_na_de_termijn_is_te_laat(mlo_overeenkomst, aanbieder_medewerker):
    with time_machine.travel(datetime(2024, 2, 1, 9, 0, tzinfo=AMS), tick=False):  # due 31-01-2024 (002 B4 Fase II)
        services.rapportages_bijwerken(mlo_overeenkomst)
        eind = services.rapportage_indienen(rapportage=mlo_overeenkomst.sroi_rapportages.get(soort="eind"),
                                            door=aanbieder_medewerker)
    assert eind.is_te_laat(date(2024, 2, 1))


def test_gooi_tekort_leidt_tot_overleg_zonder_boete(gooi_overeenkomst, aanbieder_medewerker):
    _omzet(gooi_overeenkomst, aanbieder_medewerker, {2022: "300000"})
    with time_machine.travel(datetime(2026, 1, 10, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(gooi_overeenkomst)
        eind = services.rapportage_indienen(rapportage=gooi_overeenkomst.sroi_rapportages.get(soort="eind"),
                                            door=aanbieder_medewerker)
    assert eind.tekort == D("15000.00")  # only 2022 has a turnover: 5 % of 300.000 (003b Eis 56)
    assert eind.bevroren_inhoud["gevolg_tekort"] == "Overleg over nadere afspraken"


def test_verlengde_overeenkomst_schuift_de_eindrapportage_op(mlo_overeenkomst):
    services.rapportages_bijwerken(mlo_overeenkomst)
    mlo_overeenkomst.einddatum = date(2024, 6, 30)
    mlo_overeenkomst.save()
    services.rapportages_bijwerken(mlo_overeenkomst)
    eind = mlo_overeenkomst.sroi_rapportages.get(soort="eind")
    assert (eind.jaar, eind.periode_einde, eind.deadline) == (2024, date(2024, 6, 30), date(2024, 7, 30))


def test_ingediende_eindrapportage_schuift_niet_meer(mlo_overeenkomst, aanbieder_medewerker):
    eind = _eindrapportage(mlo_overeenkomst, aanbieder_medewerker)
    mlo_overeenkomst.einddatum = date(2022, 12, 31)
    mlo_overeenkomst.save()
    services.rapportages_bijwerken(mlo_overeenkomst)
    eind.refresh_from_db()
    assert eind.periode_einde == date(2023, 12, 31)


# -------------------------------------------------------------------------------------------------- dashboard


@pytest.fixture
def adviseur_client(client, sroi_adviseur):
    client.force_login(sroi_adviseur)
    return client


def _aanbieder(mlo, naam, omzet_2020, stortingen):
    org = OrganisatieFactory(naam=naam)
    lid = LidmaatschapFactory(organisatie=org).user
    ovk = OvereenkomstFactory(aanbesteding=mlo, organisatie=org)
    _omzet(ovk, lid, {2020: omzet_2020})
    for bedrag in stortingen:
        _storting(ovk, lid, 2021, bedrag)
    return ovk


def test_dashboard_grafiek_schaalt_naar_de_grootste_waarde(adviseur_client, mlo):
    _aanbieder(mlo, "Groot B.V.", "800000", ["10000"])  # 40.000 obliged: the longest bar, 400 wide
    _aanbieder(mlo, "Half B.V.", "400000", ["20000"])  # 20.000 obliged and realised: half of it
    antwoord = adviseur_client.get(reverse("sroi_admin_dashboard"), {"aanbesteding": mlo.pk, "jaar": 2021})
    balken = {b["naam"]: b for b in antwoord.context["grafiek"]["balken"]}
    assert (balken["Groot B.V."]["b_verplichting"], balken["Groot B.V."]["b_gerealiseerd"]) == ("400.0", "100.0")
    assert (balken["Half B.V."]["b_verplichting"], balken["Half B.V."]["b_gerealiseerd"]) == ("200.0", "200.0")
    assert antwoord.context["grafiek"]["hoogte"] == 40 + 2 * 34
    assert antwoord.context["totaal_tekort"] == D("30000.00")


def test_dashboard_jaren_volgen_de_looptijd(adviseur_client, mlo):
    antwoord = adviseur_client.get(reverse("sroi_admin_dashboard"), {"aanbesteding": mlo.pk, "jaar": 2021})
    assert antwoord.context["jaren"] == [2020, 2021, 2022, 2023]


def test_dashboard_kiest_andere_procedure(adviseur_client, mlo, gooi_overeenkomst):
    antwoord = adviseur_client.get(reverse("sroi_admin_dashboard"),
                                   {"aanbesteding": gooi_overeenkomst.aanbesteding.pk, "jaar": 2022})
    assert antwoord.context["gekozen"] == gooi_overeenkomst.aanbesteding
    assert [c.overeenkomst for c, _ in antwoord.context["rijen"]] == [gooi_overeenkomst]


def test_rapportstatus_telt_bewijs_gevraagd(adviseur_client, mlo_overeenkomst, q1_2020, indienen, sroi_adviseur):
    services.rapportage_bewijs_vragen(rapportage=indienen(q1_2020), verzoek="Loonstroken", door=sroi_adviseur)
    with time_machine.travel(datetime(2020, 4, 2, 12, 0, tzinfo=AMS), tick=False):
        antwoord = adviseur_client.get(reverse("sroi_admin_dashboard"),
                                       {"aanbesteding": mlo_overeenkomst.aanbesteding.pk, "jaar": 2020})
    [(_, status)] = antwoord.context["rijen"]
    assert (status["ingediend"], status["totaal"], status["bewijs_gevraagd"], status["te_laat"]) == (1, 2, 1, 0)
    assert status["eind"].soort == "eind" and status["eind_tekort"] is False


def test_werklijst_rapportages_toont_ingediend_en_bewijs_gevraagd_niet_geverifieerd(adviseur_client, mlo_overeenkomst,
                                                                                    indienen, sroi_adviseur):
    with time_machine.travel(datetime(2020, 10, 2, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
    q1, q2, q3 = (mlo_overeenkomst.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=n) for n in (1, 2, 3))
    with time_machine.travel(datetime(2020, 10, 2, 12, 0, tzinfo=AMS), tick=False):
        for rap in (q1, q2, q3):
            services.rapportage_indienen(rapportage=rap, door=mlo_overeenkomst.organisatie.lidmaatschappen.first().user)
    services.rapportage_bewijs_vragen(rapportage=q2, verzoek="Contracten", door=sroi_adviseur)
    services.rapportage_verifieren(rapportage=q3, door=sroi_adviseur)
    assert set(selectors.te_verifieren_rapportages()) == {q1, q2}  # same submission moment: no fixed order
    inhoud = adviseur_client.get(reverse("sroi_admin_rapportages")).content.decode()
    assert "Kwartaal 1 2020" in inhoud and "Kwartaal 3 2020" not in inhoud


def test_werklijst_plannen_toont_recent_beoordeelde(adviseur_client, ingediend_plan, sroi_adviseur):
    services.plan_beoordelen(plan=ingediend_plan, goedkeuren=False, reden="Niet SMART", door=sroi_adviseur)
    antwoord = adviseur_client.get(reverse("sroi_admin_plannen"))
    assert list(antwoord.context["plannen"]) == [] and list(antwoord.context["recent"]) == [ingediend_plan]


def test_werklijst_activiteiten_eerst_wat_goedkeuring_nodig_heeft(registreer):
    registreer("b1", omschrijving="Stage")
    registreer("c1", omschrijving="Inkoop", bedrag=D("10"))
    assert [a.omschrijving for a in selectors.te_beoordelen_activiteiten()] == ["Inkoop", "Stage"]


def test_regimes_per_jaar_in_de_jaarcijfers(mlo_overeenkomst, aanbieder_medewerker):
    nieuw = SroiRegime.objects.get(aanbesteding=mlo_overeenkomst.aanbesteding)
    nieuw.pk, nieuw.geldig_vanaf, nieuw.drempel = None, date(2022, 1, 1), None
    nieuw.save()
    _omzet(mlo_overeenkomst, aanbieder_medewerker, {2020: "100000", 2021: "100000"})
    cijfers = {j: selectors.jaarcijfers([mlo_overeenkomst], j)[mlo_overeenkomst.pk] for j in (2021, 2022)}
    assert cijfers[2021].verplicht_bedrag == 0  # 100.000 is under the 250.000 threshold of the 2020 version
    assert cijfers[2022].verplicht_bedrag == D("5000.00")  # the 2022 version has no threshold
    assert cijfers[2022].regime == nieuw
