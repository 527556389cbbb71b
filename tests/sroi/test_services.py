"""SROI services with the sources' numbers, on the database (002 art. 17, B4; 003b Bijlage VII)."""

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditRegel
from sroi import selectors, services
from sroi.models import SroiActiviteit, SroiRapportage, Waarderingsregel, Waarderingstabel
from tests.sroi.factories import pdf_upload

AMS = ZoneInfo("Europe/Amsterdam")


def regel(aanbesteding, code, versie=None):
    qs = Waarderingsregel.objects.filter(tabel__aanbesteding=aanbesteding, code=code)
    return (qs.filter(tabel__versie=versie) if versie else qs.order_by("tabel__geldig_vanaf")).first()


def cijfers(ovk, jaar):
    ovk.refresh_from_db()
    return selectors.jaarcijfers([ovk], jaar)[ovk.pk]


# ------------------------------------------------------------------------------------------- regime as data


def test_mlo_tabel_heeft_categorieen_a_tot_e_met_de_bronbedragen(mlo):
    tabel = Waarderingstabel.objects.get(aanbesteding=mlo)
    bedragen = {r.code: r.bedrag for r in tabel.regels.all()}
    assert {r.categorie for r in tabel.regels.all()} == {"A", "B", "C", "D", "E"}
    assert bedragen["b1"] == D("300.00") and bedragen["b2"] == D("400.00")
    assert bedragen["b3"] == D("750.00") and bedragen["b4"] == D("500.00")
    assert bedragen["d1"] == D("100.00") and bedragen["d2"] == D("250.00")
    assert {r.categorie for r in tabel.regels.filter(vereist_goedkeuring=True)} == {"C", "D"}
    assert tabel.regels.get(code="b5").maandbedrag == D("500.00")


def test_gooi_bouwblokken_en_55_plus_toeslag(gooi):
    tabel = Waarderingstabel.objects.get(aanbesteding=gooi)
    bedragen = {r.code: r.bedrag for r in tabel.regels.all()}
    assert bedragen == {
        "wwb-lt2": D("30000.00"), "wwb-gt2": D("40000.00"), "ww-lt1": D("10000.00"), "ww-gt1": D("15000.00"),
        "wia-wao": D("30000.00"), "wajong": D("35000.00"), "bbl": D("10000.00"), "bol": D("5000.00"),
        "wsw": D("0.00"), "mvo": D("100.00"),
    }
    assert tabel.toeslag_55_plus == D("5000.00")


def test_regime_opnieuw_laden_is_idempotent(mlo):
    from sroi import bron

    services.regime_laden(aanbesteding=mlo, bron=bron.laaddata("mlo", geldig_vanaf=date(2020, 1, 1)))
    assert mlo.sroi_regimes.count() == 1
    assert Waarderingsregel.objects.filter(tabel__aanbesteding=mlo).count() == 11


def test_alleen_sroi_adviseur_laadt_regime(mlo, contractmanager):
    from sroi import bron

    with pytest.raises(PermissionDenied):
        services.regime_laden(aanbesteding=mlo, bron=bron.laaddata("mlo", geldig_vanaf=date(2020, 1, 1)),
                              door=contractmanager)


# ------------------------------------------------------------------------------------------------ obligation


def test_omzet_250000_00_vorig_jaar_geen_verplichting(mlo_overeenkomst, aanbieder_medewerker):
    services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("250000.00"), door=aanbieder_medewerker)
    c = cijfers(mlo_overeenkomst, 2021)
    assert c.verplichting.verplicht is False
    assert c.verplicht_bedrag == 0


def test_omzet_250000_01_vorig_jaar_wel_verplichting(mlo_overeenkomst, aanbieder_medewerker):
    services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("250000.01"), door=aanbieder_medewerker)
    c = cijfers(mlo_overeenkomst, 2021)
    assert c.verplichting.verplicht is True
    assert c.verplicht_bedrag == D("12500.00")


def test_overschot_van_2000_verlaagt_verplichting_volgend_jaar(mlo_overeenkomst, aanbieder_medewerker):
    for jaar in (2019, 2020):  # the year before the start may be entered: the threshold looks back (002 art. 17.1)
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=jaar, omzet=D("400000"), door=aanbieder_medewerker)
    services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "e1"), door=aanbieder_medewerker,
        omschrijving="Storting Scholingsfonds", startdatum=date(2020, 11, 2), bedrag=D("22000"),
    )
    assert cijfers(mlo_overeenkomst, 2020).verplicht_bedrag == D("20000.00")
    volgend = cijfers(mlo_overeenkomst, 2021)
    assert volgend.verplichting.verrekend_overschot == D("2000.00")
    assert volgend.verplicht_bedrag == D("18000.00")


def test_gooi_300000_omzet_geeft_15000_gelijk_aan_half_jaar_wwb(gooi_overeenkomst, aanbieder_medewerker):
    services.omzet_vastleggen(overeenkomst=gooi_overeenkomst, jaar=2024, omzet=D("300000"), door=aanbieder_medewerker)
    services.activiteit_registreren(
        overeenkomst=gooi_overeenkomst, regel=regel(gooi_overeenkomst.aanbesteding, "wwb-lt2"), door=aanbieder_medewerker,
        omschrijving="Medewerker schoonmaak", persoon_referentie="K-2024-017", startdatum=date(2024, 1, 1),
        einddatum=date(2024, 6, 30), uren_per_week=D("36"), maanden=D("6"),
    )
    c = cijfers(gooi_overeenkomst, 2024)
    assert c.verplicht_bedrag == D("15000.00")
    assert c.gerealiseerd == D("15000.00")
    assert c.tekort == 0 and c.voortgang == 100


def test_andere_organisatie_mag_geen_omzet_invullen(mlo_overeenkomst, andere_beheerder):
    with pytest.raises(PermissionDenied):
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("1"), door=andere_beheerder)


def test_omzet_buiten_looptijd_geweigerd(mlo_overeenkomst, aanbieder_medewerker):
    with pytest.raises(ValidationError, match="buiten de looptijd"):
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2017, omzet=D("1"), door=aanbieder_medewerker)


def test_omzet_import_csv_nederlandse_notatie(mlo_overeenkomst, sroi_adviseur, aanbieder):
    csv = f"kvk_nummer;jaar;omzet\n{aanbieder.kvk_nummer};2020;250.000,01\n".encode()
    uitkomst = services.omzet_importeren(aanbesteding=mlo_overeenkomst.aanbesteding,
                                         bestand=SimpleUploadedFile("omzet.csv", csv), door=sroi_adviseur)
    assert uitkomst.verwerkt == 1 and uitkomst.fouten == []
    assert mlo_overeenkomst.sroi_omzetten.get(jaar=2020).omzet == D("250000.01")
    assert mlo_overeenkomst.sroi_omzetten.get(jaar=2020).bron == "import"


def test_omzet_import_alles_of_niets_met_regelnummers(mlo_overeenkomst, sroi_adviseur, aanbieder):
    csv = f"kvk_nummer;jaar;omzet\n{aanbieder.kvk_nummer};2020;1000\n99999999;2020;5\n".encode()
    uitkomst = services.omzet_importeren(aanbesteding=mlo_overeenkomst.aanbesteding,
                                         bestand=SimpleUploadedFile("omzet.csv", csv), door=sroi_adviseur)
    assert uitkomst.verwerkt == 0
    assert uitkomst.fouten == ["Regel 3: geen overeenkomst met KvK-nummer 99999999 in deze procedure."]
    assert not mlo_overeenkomst.sroi_omzetten.exists()


def test_omzet_import_te_groot_bestand_geweigerd_zonder_iets_op_te_slaan(mlo_overeenkomst, sroi_adviseur, aanbieder):
    regel = f"{aanbieder.kvk_nummer};2020;1000\n".encode()
    csv = b"kvk_nummer;jaar;omzet\n" + regel * (services.MAX_IMPORT_BYTES // len(regel) + 1)
    with pytest.raises(ValidationError, match="te groot"):
        services.omzet_importeren(aanbesteding=mlo_overeenkomst.aanbesteding,
                                  bestand=SimpleUploadedFile("omzet.csv", csv), door=sroi_adviseur)
    assert not mlo_overeenkomst.sroi_omzetten.exists()


def test_omzet_import_alleen_door_sroi_adviseur(mlo_overeenkomst, aanbieder_beheerder):
    with pytest.raises(PermissionDenied):
        services.omzet_importeren(aanbesteding=mlo_overeenkomst.aanbesteding,
                                  bestand=SimpleUploadedFile("o.csv", b"kvk_nummer;jaar;omzet\n"), door=aanbieder_beheerder)


# ------------------------------------------------------------------------------------------------ activities


def test_pro_rata_24_uur_per_week_6_maanden(gooi_overeenkomst, aanbieder_medewerker):
    act = services.activiteit_registreren(
        overeenkomst=gooi_overeenkomst, regel=regel(gooi_overeenkomst.aanbesteding, "wwb-lt2"), door=aanbieder_medewerker,
        omschrijving="Deeltijd", persoon_referentie="K-2023-001", startdatum=date(2023, 1, 1),
        uren_per_week=D("24"), maanden=D("6"),
    )
    # € 30.000 per voltijd jaar x 24/36 uur x 6/12 maanden (voltijd = 36 uur, SroiRegime.voltijd_uren)
    assert act.waarde == D("10000.00")


def test_55_plus_toeslag_bij_gooi(gooi_overeenkomst, aanbieder_medewerker):
    act = services.activiteit_registreren(
        overeenkomst=gooi_overeenkomst, regel=regel(gooi_overeenkomst.aanbesteding, "ww-gt1"), door=aanbieder_medewerker,
        omschrijving="Administratie", persoon_referentie="K-2023-002", startdatum=date(2023, 1, 1),
        uren_per_week=D("36"), maanden=D("12"), vijfenvijftig_plus=True,
    )
    assert act.waarde == D("20000.00")


def test_c_activiteit_telt_pas_na_goedkeuring(mlo_overeenkomst, aanbieder_medewerker, sroi_adviseur):
    inkoop = services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "c1"), door=aanbieder_medewerker,
        omschrijving="Catering door Risse", startdatum=date(2021, 3, 1), bedrag=D("4000"),
    )
    voor = cijfers(mlo_overeenkomst, 2021)
    assert voor.gerealiseerd == 0
    assert voor.wacht_op_goedkeuring == D("4000.00")
    services.activiteit_beoordelen(activiteit=inkoop, goedkeuren=True, door=sroi_adviseur)
    assert cijfers(mlo_overeenkomst, 2021).gerealiseerd == D("4000.00")


def test_b_activiteit_telt_direct(mlo_overeenkomst, aanbieder_medewerker):
    services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "b1"), door=aanbieder_medewerker,
        omschrijving="Snuffelstages", startdatum=date(2021, 3, 1), aantal=D("2"), persoon_referentie="S-2021-01",
    )
    assert cijfers(mlo_overeenkomst, 2021).gerealiseerd == D("600.00")


def test_afgewezen_activiteit_telt_niet_en_vraagt_reden(mlo_overeenkomst, aanbieder_medewerker, sroi_adviseur):
    act = services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "b1"), door=aanbieder_medewerker,
        omschrijving="Snuffelstage", startdatum=date(2021, 3, 1), aantal=D("1"),
    )
    with pytest.raises(ValidationError, match="reden"):
        services.activiteit_beoordelen(activiteit=act, goedkeuren=False, reden=" ", door=sroi_adviseur)
    services.activiteit_beoordelen(activiteit=act, goedkeuren=False, reden="Bestaande activiteit", door=sroi_adviseur)
    assert cijfers(mlo_overeenkomst, 2021).gerealiseerd == 0
    assert AuditRegel.objects.filter(actie="sroi.activiteit_beoordeeld", toelichting="Bestaande activiteit").exists()


def test_aanbieder_kan_niet_zelf_goedkeuren(mlo_overeenkomst, aanbieder_beheerder):
    act = services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "c1"), door=aanbieder_beheerder,
        omschrijving="Inkoop", startdatum=date(2021, 3, 1), bedrag=D("100"),
    )
    with pytest.raises(PermissionDenied):
        services.activiteit_beoordelen(activiteit=act, goedkeuren=True, door=aanbieder_beheerder)


def test_tabelwijziging_op_1_januari_waardeert_december_en_januari_verschillend(mlo_overeenkomst, aanbieder_medewerker):
    mlo = mlo_overeenkomst.aanbesteding
    oud = Waarderingstabel.objects.get(aanbesteding=mlo)
    nieuw = Waarderingstabel.objects.create(aanbesteding=mlo, naam=oud.naam, versie="2021", geldig_vanaf=date(2021, 1, 1))
    snuffel = oud.regels.get(code="b1")
    Waarderingsregel.objects.create(tabel=nieuw, code="b1", categorie="B", naam=snuffel.naam, methode=snuffel.methode,
                                    bedrag=D("350.00"))
    kwargs = {"overeenkomst": mlo_overeenkomst, "regel": snuffel, "door": aanbieder_medewerker, "omschrijving": "Snuffelstage",
                  "aantal": D("1")}
    december = services.activiteit_registreren(startdatum=date(2020, 12, 15), **kwargs)
    januari = services.activiteit_registreren(startdatum=date(2021, 1, 5), **kwargs)
    assert december.waarde == D("300.00") and december.regel.tabel == oud
    assert januari.waarde == D("350.00") and januari.regel.tabel == nieuw


def test_gastles_van_4_uur_geweigerd(mlo_overeenkomst, aanbieder_medewerker):
    with pytest.raises(ValidationError, match="reistijd telt niet mee"):
        services.activiteit_registreren(
            overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "d1"), door=aanbieder_medewerker,
            omschrijving="Gastles", startdatum=date(2021, 3, 1), aantal=D("4"),
        )


@pytest.mark.parametrize("referentie", ["123456782", "1234.56.782", "K-123456782", "12345672"])
def test_bsn_achtige_referentie_geweigerd(mlo_overeenkomst, aanbieder_medewerker, referentie):
    with pytest.raises(ValidationError, match="K-2024-017") as fout:
        services.activiteit_registreren(
            overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "b1"), door=aanbieder_medewerker,
            omschrijving="Snuffelstage", startdatum=date(2021, 3, 1), aantal=D("1"), persoon_referentie=referentie,
        )
    assert fout.value.code == "bsn"


@pytest.mark.parametrize("referentie", ["Jan Jansen", "Jansen", "jan@example.org"])
def test_naam_als_referentie_geweigerd(mlo_overeenkomst, aanbieder_medewerker, referentie):
    with pytest.raises(ValidationError, match="nooit een naam"):
        services.activiteit_registreren(
            overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "b1"), door=aanbieder_medewerker,
            omschrijving="Snuffelstage", startdatum=date(2021, 3, 1), aantal=D("1"), persoon_referentie=referentie,
        )


def test_code_als_referentie_toegestaan(mlo_overeenkomst, aanbieder_medewerker):
    act = services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "b1"), door=aanbieder_medewerker,
        omschrijving="Snuffelstage", startdatum=date(2021, 3, 1), aantal=D("1"), persoon_referentie="K-2024-017",
    )
    assert act.persoon_referentie == "K-2024-017"


def test_andere_organisatie_mag_geen_activiteit_registreren(mlo_overeenkomst, andere_beheerder):
    with pytest.raises(PermissionDenied):
        services.activiteit_registreren(
            overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "b1"), door=andere_beheerder,
            omschrijving="x", startdatum=date(2021, 3, 1), aantal=D("1"),
        )


def test_bewijs_in_prive_opslag_met_hash(mlo_overeenkomst, aanbieder_medewerker, settings):
    act = services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "e1"), door=aanbieder_medewerker,
        omschrijving="Storting", startdatum=date(2021, 3, 1), bedrag=D("500"),
    )
    stuk = services.bewijs_toevoegen(activiteit=act, bestand=pdf_upload(1, "bankafschrift jan.pdf"), soort="bankafschrift",
                                     door=aanbieder_medewerker)
    assert stuk.originele_naam == "bankafschrift jan.pdf"
    assert "bankafschrift" not in stuk.bestand.name and len(stuk.sha256) == 64
    assert stuk.bestand.storage.exists(stuk.bestand.name)


# ------------------------------------------------------------------------------------------------------ plan


def test_gooi_plan_van_3_paginas_geweigerd(gooi_overeenkomst, aanbieder_medewerker):
    with pytest.raises(ValidationError, match="ten hoogste 2") as fout:
        services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(3), door=aanbieder_medewerker)
    assert fout.value.code == "te_veel_paginas"


def test_gooi_plan_van_2_paginas_ingediend_en_goedgekeurd(gooi_overeenkomst, aanbieder_medewerker, sroi_adviseur):
    plan = services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(2), door=aanbieder_medewerker)
    assert plan.paginas == 2 and plan.status == "ingediend"
    plan = services.plan_beoordelen(plan=plan, goedkeuren=True, door=sroi_adviseur)
    assert plan.status == "goedgekeurd" and plan.beoordeeld_door == sroi_adviseur


def test_mlo_kent_geen_paginalimiet(mlo_overeenkomst, aanbieder_medewerker):
    plan = services.plan_indienen(overeenkomst=mlo_overeenkomst, bestand=pdf_upload(5), door=aanbieder_medewerker)
    assert plan.paginas == 5


def test_plan_moet_pdf_zijn(gooi_overeenkomst, aanbieder_medewerker):
    with pytest.raises(ValidationError):
        services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=SimpleUploadedFile("plan.pdf", b"geen pdf"),
                               door=aanbieder_medewerker)


# --------------------------------------------------------------------------------------------------- reports


@time_machine.travel(datetime(2021, 5, 10, 12, 0, tzinfo=AMS), tick=False)
def test_kwartaalrapportages_tot_nu_en_eindrapportage_aangemaakt(mlo_overeenkomst):
    services.rapportages_bijwerken(mlo_overeenkomst)
    raps = list(mlo_overeenkomst.sroi_rapportages.order_by("periode_einde", "soort"))
    namen = [r.naam for r in raps]
    assert namen[:6] == ["Kwartaal 1 2020", "Kwartaal 2 2020", "Kwartaal 3 2020", "Kwartaal 4 2020",
                         "Kwartaal 1 2021", "Kwartaal 2 2021"]
    eind = raps[-1]
    # 002 B4 Fase II: final report within one month after the term (31-12-2023).
    assert eind.soort == "eind" and eind.deadline == date(2024, 1, 31)
    assert raps[0].deadline == date(2020, 4, 30)
    services.rapportages_bijwerken(mlo_overeenkomst)
    assert mlo_overeenkomst.sroi_rapportages.count() == len(raps)


@time_machine.travel(datetime(2022, 3, 1, 12, 0, tzinfo=AMS), tick=False)
def test_gooi_tussenevaluatie_per_halfjaar(gooi_overeenkomst):
    services.rapportages_bijwerken(gooi_overeenkomst)
    assert [r.naam for r in gooi_overeenkomst.sroi_rapportages.exclude(soort="eind")] == ["Tussenevaluatie 2022"]


def test_rapportage_indienen_bevriest_activiteiten_en_late_indiening_zichtbaar(mlo_overeenkomst, aanbieder_medewerker):
    with time_machine.travel(datetime(2021, 3, 1, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
        act = services.activiteit_registreren(
            overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "b1"), door=aanbieder_medewerker,
            omschrijving="Snuffelstage", startdatum=date(2020, 2, 3), aantal=D("1"),
        )
    q1 = mlo_overeenkomst.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=1)
    assert q1.is_te_laat(date(2021, 3, 1))  # deadline 30-04-2020
    with time_machine.travel(datetime(2021, 3, 2, 12, 0, tzinfo=AMS), tick=False):
        q1 = services.rapportage_indienen(rapportage=q1, door=aanbieder_medewerker)
    assert q1.status == "ingediend" and q1.is_te_laat(date(2021, 3, 2))
    assert q1.bevroren_inhoud["activiteiten"][0]["waarde"] == "300.00"
    act.refresh_from_db()
    assert act.rapportage == q1
    with pytest.raises(ValidationError, match="al ingediend"):
        services.rapportage_indienen(rapportage=q1, door=aanbieder_medewerker)
    with pytest.raises(ValidationError, match="al gerapporteerd"):
        services.activiteit_verwijderen(activiteit=act, door=aanbieder_medewerker)


@time_machine.travel(datetime(2021, 3, 10, 12, 0, tzinfo=AMS), tick=False)
def test_lopende_periode_kan_nog_niet_worden_ingediend(mlo_overeenkomst, aanbieder_medewerker):
    services.rapportages_bijwerken(mlo_overeenkomst)
    q1 = mlo_overeenkomst.sroi_rapportages.get(soort="kwartaal", jaar=2021, volgnummer=1)
    with pytest.raises(ValidationError, match="loopt nog"):
        services.rapportage_indienen(rapportage=q1, door=aanbieder_medewerker)


def test_bewijs_vragen_aanvullen_en_verifieren(mlo_overeenkomst, aanbieder_medewerker, sroi_adviseur):
    with time_machine.travel(datetime(2020, 4, 2, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
        q1 = services.rapportage_indienen(
            rapportage=mlo_overeenkomst.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=1),
            door=aanbieder_medewerker)
    assert not q1.is_te_laat(date(2020, 4, 2))
    q1 = services.rapportage_bewijs_vragen(rapportage=q1, verzoek="Stuur de loonstroken van maart.", door=sroi_adviseur)
    assert q1.status == "bewijs_gevraagd"
    with pytest.raises(ValidationError):
        services.rapportage_verifieren(rapportage=q1, door=sroi_adviseur)
    q1 = services.rapportage_indienen(rapportage=q1, door=aanbieder_medewerker, toelichting="Loonstroken toegevoegd.")
    q1 = services.rapportage_verifieren(rapportage=q1, door=sroi_adviseur, opmerking="Akkoord")
    assert q1.status == "geverifieerd"


def test_eindrapportage_signaleert_tekort_voor_overleg_en_boete(mlo_overeenkomst, aanbieder_medewerker):
    for jaar in range(2019, 2024):
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=jaar, omzet=D("300000"), door=aanbieder_medewerker)
    services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "e1"), door=aanbieder_medewerker,
        omschrijving="Storting", startdatum=date(2020, 6, 1), bedrag=D("15000"),
    )
    with time_machine.travel(datetime(2024, 1, 20, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
        eind = services.rapportage_indienen(rapportage=mlo_overeenkomst.sroi_rapportages.get(soort="eind"),
                                            door=aanbieder_medewerker)
    # 4 years x 15.000 = 60.000; 2020 realised 15.000 exactly -> no surplus; gap 45.000
    assert eind.verplichting == D("60000.00") and eind.gerealiseerd == D("15000.00")
    assert eind.tekort == D("45000.00") and eind.tekort_gesignaleerd
    assert eind.bevroren_inhoud["gevolg_tekort"] == "Overleg en mogelijk een boete"
    assert not eind.is_te_laat(date(2024, 1, 20))


def test_activiteit_na_indiening_komt_niet_in_bevroren_inhoud(mlo_overeenkomst, aanbieder_medewerker):
    with time_machine.travel(datetime(2020, 4, 2, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
        q1 = services.rapportage_indienen(
            rapportage=mlo_overeenkomst.sroi_rapportages.get(soort="kwartaal", jaar=2020, volgnummer=1),
            door=aanbieder_medewerker)
    services.activiteit_registreren(
        overeenkomst=mlo_overeenkomst, regel=regel(mlo_overeenkomst.aanbesteding, "b1"), door=aanbieder_medewerker,
        omschrijving="Later", startdatum=date(2020, 2, 3), aantal=D("1"),
    )
    q1.refresh_from_db()
    assert q1.bevroren_inhoud["activiteiten"] == []
    assert SroiActiviteit.objects.get(omschrijving="Later").rapportage is None
    assert SroiRapportage.objects.get(pk=q1.pk).gerealiseerd == 0


@time_machine.travel(datetime(2020, 7, 2, 12, 0, tzinfo=AMS), tick=False)
def test_dagelijkse_taak_maakt_rapportages_en_haalt_in(mlo_overeenkomst, gooi_overeenkomst):
    from sroi.tasks import rapportages_bijwerken

    assert rapportages_bijwerken.delay().get() == 3 + 1 + 1  # MLO Q1-Q3 2020 + eind; Gooi only its final report
    assert rapportages_bijwerken() == 0


def test_nieuwe_regimeversie_geldt_vanaf_haar_jaar(mlo_overeenkomst, aanbieder_medewerker):
    from sroi.models import SroiRegime

    oud = SroiRegime.objects.get(aanbesteding=mlo_overeenkomst.aanbesteding)
    nieuw = SroiRegime.objects.get(pk=oud.pk)
    nieuw.pk, nieuw.versie, nieuw.geldig_vanaf, nieuw.percentage = None, "2022", date(2022, 1, 1), D("4")
    nieuw.save()
    for jaar in (2020, 2021):
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=jaar, omzet=D("300000"), door=aanbieder_medewerker)
    assert cijfers(mlo_overeenkomst, 2021).verplicht_bedrag == D("15000.00")  # 5 % under the 2020 version
    assert cijfers(mlo_overeenkomst, 2022).verplicht_bedrag == D("12000.00")  # 4 % from 2022


@time_machine.travel(datetime(2022, 5, 1, 12, 0, tzinfo=AMS), tick=False)
def test_eindrapportage_volgt_vervroegd_einde_van_de_overeenkomst(mlo_overeenkomst):
    services.rapportages_bijwerken(mlo_overeenkomst)
    mlo_overeenkomst.einddatum = date(2022, 3, 31)
    mlo_overeenkomst.save()
    services.rapportages_bijwerken(mlo_overeenkomst)
    eind = mlo_overeenkomst.sroi_rapportages.get(soort="eind")
    assert (eind.periode_einde, eind.deadline, eind.jaar) == (date(2022, 3, 31), date(2022, 4, 30), 2022)
