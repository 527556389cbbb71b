"""SROI reads and what the pages show from them: deadlines from core.kalender, scoping per organisation, the
model's small rules (late, counts, names), the source mapping and the person-reference check."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse

from sroi import bron, selectors, services
from sroi.models import SroiRapportage, SroiRegime
from sroi.validators import is_elfproef, valideer_persoon_referentie
from tests.sroi.conftest import AMS, regel_van
from tests.sroi.factories import AanbestedingFactory, OvereenkomstFactory, met_regime, pdf_upload

# ----------------------------------------------------------------------------------------------- deadlines


def test_gooi_contact_binnen_twee_weken_na_ondertekening(gooi_overeenkomst):
    """003b Bijlage VII: contact within 2 weeks of signing (here: the agreement's start, 1-1-2022)."""
    regime = SroiRegime.objects.get(aanbesteding=gooi_overeenkomst.aanbesteding)
    termijnen = selectors.plantermijnen(gooi_overeenkomst, regime, date(2022, 1, 15))
    assert termijnen == {"afspraak_uiterlijk": date(2022, 1, 15), "afspraak_verlopen": False}
    assert selectors.plantermijnen(gooi_overeenkomst, regime, date(2022, 1, 16))["afspraak_verlopen"] is True


def test_afspraaktermijn_niet_verlopen_zodra_een_plan_is_ingediend(gooi_overeenkomst, ingediend_plan):
    regime = SroiRegime.objects.get(aanbesteding=gooi_overeenkomst.aanbesteding)
    assert selectors.plantermijnen(gooi_overeenkomst, regime, date(2022, 6, 1))["afspraak_verlopen"] is False


def test_geen_afspraaktermijn_zonder_regime_of_zonder_dagen(gooi_overeenkomst):
    assert selectors.plantermijnen(gooi_overeenkomst, None, date(2022, 6, 1)) == {}
    regime = SroiRegime.objects.get(aanbesteding=gooi_overeenkomst.aanbesteding)
    regime.afspraak_termijn_dagen = None
    assert selectors.plantermijnen(gooi_overeenkomst, regime, date(2022, 6, 1)) == {}


def test_beoordelen_uiterlijk_telt_vanaf_de_nederlandse_indieningsdag(gooi_overeenkomst, aanbieder_medewerker):
    """003b Bijlage VII: approval within 3 weeks. A plan sent at 00:30 on 1 March in Amsterdam (23:30 on
    29 February in UTC) was submitted on 1 March, so the adviser has until 22 March."""
    with time_machine.travel(datetime(2024, 3, 1, 0, 30, tzinfo=AMS), tick=False):
        services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(2), door=aanbieder_medewerker)
    [plan] = selectors.beoordelen_uiterlijk(selectors.te_beoordelen_plannen())
    assert plan.beoordelen_uiterlijk == date(2024, 3, 22)


def test_beoordelen_uiterlijk_leeg_zonder_termijn_in_het_regime(mlo_overeenkomst, aanbieder_medewerker):
    services.plan_indienen(overeenkomst=mlo_overeenkomst, bestand=pdf_upload(1), door=aanbieder_medewerker)
    [plan] = selectors.beoordelen_uiterlijk(selectors.te_beoordelen_plannen())
    assert plan.beoordelen_uiterlijk is None  # MLO B4 sets no approval period


def test_rapportagetermijn_is_een_kalendermaand_na_het_kwartaal(mlo_overeenkomst):
    """ADR 0004 (aanname, like the final report of 002 B4 Fase II): one month after the period, counted by
    core.kalender: 30-06 + 1 month = 30-07 (not 31-07), 31-12 + 1 month = 31-01."""
    with time_machine.travel(datetime(2021, 1, 5, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
    deadlines = dict(
        mlo_overeenkomst.sroi_rapportages.filter(jaar=2020, soort="kwartaal").values_list("volgnummer", "deadline")
    )
    assert deadlines == {1: date(2020, 4, 30), 2: date(2020, 7, 30), 3: date(2020, 10, 30), 4: date(2021, 1, 31)}


# -------------------------------------------------------------------------------------------------- scoping


def test_overeenkomsten_van_alleen_eigen_en_met_regime(mlo_overeenkomst, aanbieder, andere_aanbieder):
    OvereenkomstFactory(aanbesteding=AanbestedingFactory(), organisatie=aanbieder)  # procedure without SROI
    OvereenkomstFactory(aanbesteding=mlo_overeenkomst.aanbesteding, organisatie=andere_aanbieder)
    assert list(selectors.overeenkomsten_van(aanbieder)) == [mlo_overeenkomst]
    assert list(selectors.overeenkomsten_van(None)) == []


def test_overeenkomst_met_twee_regimeversies_verschijnt_een_keer(mlo_overeenkomst, aanbieder):
    met_regime(mlo_overeenkomst.aanbesteding, "mlo", geldig_vanaf=date(2022, 1, 1))
    assert list(selectors.overeenkomsten_van(aanbieder)) == [mlo_overeenkomst]


def test_contract_einde_eigen_einddatum_of_looptijd(mlo_overeenkomst):
    assert selectors.contract_einde(mlo_overeenkomst) == date(2023, 12, 31)
    mlo_overeenkomst.einddatum = date(2021, 6, 30)
    assert selectors.contract_einde(mlo_overeenkomst) == date(2021, 6, 30)


def test_regime_voor_jaar_kiest_de_laatste_versie_voor_31_december(mlo):
    oud = SroiRegime.objects.get(aanbesteding=mlo)
    nieuw = met_regime(mlo, "mlo", geldig_vanaf=date(2022, 7, 1))
    regimes = [oud, nieuw]
    assert selectors.regime_voor_jaar(regimes, 2021) == oud
    assert selectors.regime_voor_jaar(regimes, 2022) == nieuw  # in force on 31-12-2022
    assert selectors.regime_voor_jaar(regimes, 2019) is None


def test_regime_op_valt_terug_op_het_eerste(mlo):
    assert selectors.regime_op(mlo, date(2010, 1, 1)) == SroiRegime.objects.get(aanbesteding=mlo)


def test_activiteiten_van_tellen_bewijs(registreer, mlo_overeenkomst, aanbieder_medewerker):
    act = registreer("e1", omschrijving="Storting", bedrag=D("10"))
    for _ in range(2):
        services.bewijs_toevoegen(activiteit=act, bestand=pdf_upload(1), soort="bankafschrift", door=aanbieder_medewerker)
    [gelezen] = selectors.activiteiten_van(mlo_overeenkomst, 2021)
    assert gelezen.aantal_bewijs == 2
    assert list(selectors.activiteiten_van(mlo_overeenkomst, 2022)) == []


def test_doelgroepen_van_alleen_actieve(mlo):
    alle = list(selectors.doelgroepen_van(mlo))
    alle[0].actief = False
    alle[0].save()
    assert alle[0] not in selectors.doelgroepen_van(mlo)
    assert len(selectors.doelgroepen_van(mlo)) == len(alle) - 1 == 4  # 002 §4 lists five target groups


# ----------------------------------------------------------------------------------------- the model's rules


def test_rapportage_namen(q1_2020, gooi_overeenkomst):
    assert q1_2020.naam == "Kwartaal 1 2020" and str(q1_2020).startswith("Kwartaalrapportage 2020-1")
    with time_machine.travel(datetime(2022, 8, 1, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(gooi_overeenkomst)
    namen = sorted(r.naam for r in gooi_overeenkomst.sroi_rapportages.all())
    assert namen == ["Eindrapportage", "Evaluatie tweede halfjaar 2022", "Tussenevaluatie 2022"]


def test_te_laat_is_na_de_deadline_in_amsterdamse_tijd(q1_2020, aanbieder_medewerker):
    assert not q1_2020.is_te_laat(date(2020, 4, 30)) and q1_2020.is_te_laat(date(2020, 5, 1))
    # 30 April 23:30 in Amsterdam is 21:30 UTC: still the deadline day, so on time.
    with time_machine.travel(datetime(2020, 4, 30, 23, 30, tzinfo=AMS), tick=False):
        rap = services.rapportage_indienen(rapportage=q1_2020, door=aanbieder_medewerker)
    assert not SroiRapportage.objects.get(pk=rap.pk).is_te_laat(date(2025, 1, 1))
    assert rap.is_bevroren


def test_telt_mee_en_wacht_op_goedkeuring(registreer, sroi_adviseur):
    stage = registreer("b1")
    inkoop = registreer("c1", omschrijving="Inkoop", bedrag=D("100"))
    assert (stage.telt_mee, stage.wacht_op_goedkeuring) == (True, False)
    assert (inkoop.telt_mee, inkoop.wacht_op_goedkeuring) == (False, True)
    services.activiteit_beoordelen(activiteit=stage, goedkeuren=False, reden="Dubbel", door=sroi_adviseur)
    stage.refresh_from_db()
    assert stage.telt_mee is False and str(stage) == "Snuffelstage: Snuffelstage"


# ------------------------------------------------------------------------------------------- the source data


def test_laaddata_mlo_d_overig_wordt_factuurwaarde_en_vereist_goedkeuring():
    regels = {r["code"]: r for r in bron.laaddata("mlo", geldig_vanaf=date(2020, 1, 1))["tabellen"][0]["regels"]}
    assert regels["d3"]["methode"] == "factuurwaarde" and regels["d3"]["vereist_goedkeuring"] is True
    assert regels["a1"]["opslag_percentage"] == D("30") and regels["b5"]["maandbedrag"] == D("500.00")
    assert (regels["d1"]["min_aantal"], regels["d1"]["max_aantal"]) == (2, 3)


def test_laaddata_gooi_55_plus_is_toeslag_en_geen_rij():
    data = bron.laaddata("gooi", geldig_vanaf=date(2022, 1, 1), versie="2022-a")
    tabel = data["tabellen"][0]
    assert tabel["toeslag_55_plus"] == D("5000.00") and tabel["versie"] == "2022-a"
    met_toeslag = {r["code"] for r in tabel["regels"] if r["toeslag_55_plus_mogelijk"]}
    assert met_toeslag == {"wwb-lt2", "wwb-gt2", "ww-lt1", "ww-gt1", "wia-wao", "wajong"}
    assert "55-plus" not in {r["code"] for r in tabel["regels"]}


def test_procedurecodes_van_de_bronnen():
    assert bron.procedurecode("gooi") == "SD005"
    assert set(bron.BRONCODES) == {"mlo", "gooi"}


# ------------------------------------------------------------------------------------------ person reference


@pytest.mark.parametrize(("cijfers", "geldig"), [
    ("123456782", True),  # 9x1+8x2+7x3+6x4+5x5+4x6+3x7+2x8-1x2 = 154 = 14 x 11
    ("123456789", False),
    ("12345672", True),  # 8 digits: a leading zero, 0+8+14+18+20+20+18+14-2 = 110
    ("000000000", False),
    ("12345678a", False),
])
def test_elfproef(cijfers, geldig):
    assert is_elfproef(cijfers) is geldig


@pytest.mark.parametrize("referentie", ["", "K-2024-017", "S/2021/3", "groep.7"])
def test_toegestane_referenties(referentie):
    valideer_persoon_referentie(referentie)


# ----------------------------------------------------------------------------------------------- the pages


def test_overeenkomstpagina_legt_de_verplichting_uit(client, mlo_overeenkomst, aanbieder_medewerker):
    services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("250000.00"), door=aanbieder_medewerker)
    client.force_login(aanbieder_medewerker)
    inhoud = client.get(reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk]) + "?jaar=2021").content.decode()
    assert "ligt niet boven de drempel van € 250.000,00" in inhoud


def test_overeenkomstpagina_jaar_buiten_looptijd_wordt_begrensd(client, mlo_overeenkomst, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.get(reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk]) + "?jaar=1999")
    assert antwoord.context["jaar"] == 2020
    antwoord = client.get(reverse("sroi:overeenkomst", args=[mlo_overeenkomst.pk]) + "?jaar=abc")
    assert antwoord.context["jaar"] == 2023  # today lies after the term: the last year


def test_rapportagepagina_open_toont_lopende_activiteiten(client, q1_2020, registreer, aanbieder_medewerker):
    registreer("b1", startdatum=date(2020, 2, 3), omschrijving="Snuffelstage februari")
    registreer("b1", startdatum=date(2020, 5, 3), omschrijving="Snuffelstage mei")
    client.force_login(aanbieder_medewerker)
    with time_machine.travel(datetime(2020, 4, 2, 12, 0, tzinfo=AMS), tick=False):
        antwoord = client.get(reverse("sroi:rapportage", args=[q1_2020.pk]))
    inhoud = antwoord.content.decode()
    assert "Snuffelstage februari" in inhoud and "Snuffelstage mei" not in inhoud
    assert antwoord.context["kan_indienen"] is True and antwoord.context["te_laat"] is False


def test_adminrapportage_toont_bewijs_bij_bevroren_regels(client, q1_2020, registreer, indienen, aanbieder_medewerker,
                                                          sroi_adviseur):
    act = registreer("e1", omschrijving="Storting", bedrag=D("500"), startdatum=date(2020, 2, 3))
    stuk = services.bewijs_toevoegen(activiteit=act, bestand=pdf_upload(1, "afschrift.pdf"), soort="bankafschrift",
                                     door=aanbieder_medewerker)
    rap = indienen(q1_2020)
    client.force_login(sroi_adviseur)
    antwoord = client.get(reverse("sroi_admin_rapportage", args=[rap.pk]))
    [regel] = antwoord.context["regels"]
    assert regel["omschrijving"] == "Storting" and regel["bewijs"] == [stuk]
    assert reverse("sroi:bewijs_downloaden", args=[stuk.pk]) in antwoord.content.decode()


def test_sroi_euro_filter():
    weergave = Template("{% load sroi_tags %}{{ a|sroi_euro }}|{{ b|sroi_euro }}").render(
        Context({"a": D("1234.5"), "b": None}))
    assert weergave == "€ 1.234,50|"


def test_demo_dataset_registreert_met_regel_van_de_procedure(mlo):
    """The demo's MLO rows exist in the loaded table (sroi/demo.py uses these codes)."""
    for code in ("a1", "b1", "b4", "c1", "d1"):
        assert regel_van(mlo, code).tabel.aanbesteding == mlo
