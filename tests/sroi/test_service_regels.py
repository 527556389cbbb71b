"""Each SROI service: what it stores, who may call it, what it refuses, and the audit entry it leaves.

Rules with numbers cite the source: MLO `002` art. 17 and Bijlage 4 (B4), Gooi `003b` Eis 56 and Bijlage VII;
English readings in /work/shared/domain/002.md §4 and 003b.md.
"""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditRegel
from sroi import bron, services
from sroi.models import (
    Doelgroep,
    SroiActiviteit,
    SroiBewijsstuk,
    SroiOmzet,
    SroiPlan,
    SroiRapportage,
    SroiRegime,
)
from tests.sroi.conftest import AMS, regel_van
from tests.sroi.factories import AanbestedingFactory, OvereenkomstFactory, pdf_upload


def _laatste(actie, obj=None):
    qs = AuditRegel.objects.filter(actie=actie)
    if obj is not None:
        qs = qs.filter(object_id=str(obj.pk))
    return qs.order_by("-id").first()


# ------------------------------------------------------------------------------------------------ regime_laden


def test_regime_laden_door_adviseur_schrijft_geladen_en_daarna_bijgewerkt(sroi_adviseur):
    aanbesteding = AanbestedingFactory()
    data = bron.laaddata("gooi", geldig_vanaf=date(2024, 1, 1))
    regime = services.regime_laden(aanbesteding=aanbesteding, bron=data, door=sroi_adviseur)
    eerste = _laatste("sroi.regime_geladen", regime)
    assert eerste is not None and eerste.actor == sroi_adviseur
    assert D(eerste.nieuwe_waarden["percentage"]) == D("5")  # 003b Eis 56: 5 %
    services.regime_laden(aanbesteding=aanbesteding, bron=data, door=sroi_adviseur)
    assert _laatste("sroi.regime_bijgewerkt", regime) is not None
    assert SroiRegime.objects.filter(aanbesteding=aanbesteding).count() == 1


def test_regime_laden_zonder_gebruiker_is_een_systeemlading(db):
    aanbesteding = AanbestedingFactory()
    regime = services.regime_laden(aanbesteding=aanbesteding, bron=bron.laaddata("mlo", geldig_vanaf=date(2024, 1, 1)))
    assert _laatste("sroi.regime_geladen", regime).actor_weergave == "systeem"


def test_regime_laden_neemt_gewijzigde_bronwaarde_over(mlo, sroi_adviseur):
    data = bron.laaddata("mlo", geldig_vanaf=date(2020, 1, 1))
    data["regime"]["percentage"] = D("4.00")
    data["tabellen"][0]["regels"][0]["bedrag"] = D("999.00")
    services.regime_laden(aanbesteding=mlo, bron=data, door=sroi_adviseur)
    regime = SroiRegime.objects.get(aanbesteding=mlo)
    assert regime.percentage == D("4.00")
    code = data["tabellen"][0]["regels"][0]["code"]
    assert regel_van(mlo, code).bedrag == D("999.00")
    assert D(_laatste("sroi.regime_bijgewerkt", regime).nieuwe_waarden["percentage"]) == D("4")


@pytest.mark.parametrize("persona", ["aanbieder_beheerder", "inkoper", "contractmanager"])
def test_regime_laden_geweigerd_voor_wie_geen_sroi_adviseur_is(db, persona, request):
    aanbesteding = AanbestedingFactory()
    with pytest.raises(PermissionDenied):
        services.regime_laden(aanbesteding=aanbesteding, bron=bron.laaddata("gooi", geldig_vanaf=date(2024, 1, 1)),
                              door=request.getfixturevalue(persona))
    assert not SroiRegime.objects.filter(aanbesteding=aanbesteding).exists()
    assert not Doelgroep.objects.filter(aanbesteding=aanbesteding).exists()


def test_mlo_regime_instellingen_uit_de_bron(mlo):
    regime = SroiRegime.objects.get(aanbesteding=mlo)
    # 002 art. 17.1 "boven € 250.000", 17.2 5 %, 17.3 surplus carried over; B4 Fase I b: 7 days; Fase II a: quarterly.
    assert (regime.drempel, regime.percentage, regime.overschot_verrekenen) == (D("250000.00"), D("5.00"), True)
    assert regime.afspraak_termijn_dagen == 7 and regime.rapportage_ritme == "kwartaal"
    assert (regime.eind_termijn_aantal, regime.eind_termijn_eenheid) == (1, "maanden")
    assert regime.tekort_gevolg == "overleg_boete" and regime.plan_max_paginas is None


def test_gooi_regime_instellingen_uit_de_bron(gooi):
    regime = SroiRegime.objects.get(aanbesteding=gooi)
    # 003b Bijlage VII: best effort, 5 % of actual revenue, no threshold, plan <= 2 A4, approval within 3 weeks.
    assert regime.is_inspanningsverplichting and regime.drempel is None and regime.grondslag == "werkelijk"
    assert regime.plan_max_paginas == 2 and regime.plan_goedkeuren_dagen == 21
    assert regime.afspraak_termijn_dagen == 14 and regime.rapportage_ritme == "halfjaar"


# -------------------------------------------------------------------------------------------- omzet_vastleggen


def test_omzet_vastleggen_schrijft_audit_met_oud_en_nieuw(mlo_overeenkomst, aanbieder_medewerker):
    eerste = services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("300000"),
                                       door=aanbieder_medewerker)
    regel = _laatste("sroi.omzet_vastgelegd", eerste)
    assert regel.oude_waarden == {} and regel.nieuwe_waarden == {"omzet": "300000.00", "bron": "aanbieder"}
    tweede = services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("310000.50"),
                                       door=aanbieder_medewerker)
    assert tweede.pk == eerste.pk
    regel = _laatste("sroi.omzet_vastgelegd", eerste)
    assert regel.oude_waarden == {"omzet": "300000.00"} and regel.nieuwe_waarden == {"omzet": "310000.50"}
    assert SroiOmzet.objects.get(pk=eerste.pk).ingevoerd_door == aanbieder_medewerker


@pytest.mark.parametrize("jaar", [2019, 2020, 2023])
def test_omzet_in_vorig_jaar_en_looptijd_toegestaan(mlo_overeenkomst, aanbieder_medewerker, jaar):
    """MLO runs 2020-2023; the year before the start may be entered since the threshold looks back (002 art. 17.1)."""
    services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=jaar, omzet=D("1"), door=aanbieder_medewerker)
    assert mlo_overeenkomst.sroi_omzetten.filter(jaar=jaar).exists()


@pytest.mark.parametrize("jaar", [2018, 2024])
def test_omzet_buiten_vorig_jaar_en_looptijd_geweigerd(mlo_overeenkomst, aanbieder_medewerker, jaar):
    with pytest.raises(ValidationError, match=f"Het jaar {jaar} valt buiten de looptijd"):
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=jaar, omzet=D("1"), door=aanbieder_medewerker)
    assert not SroiOmzet.objects.exists()


@pytest.mark.parametrize("omzet", [D("-0.01"), None])
def test_negatieve_of_lege_omzet_geweigerd(mlo_overeenkomst, aanbieder_medewerker, omzet):
    with pytest.raises(ValidationError, match="niet negatief"):
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=omzet, door=aanbieder_medewerker)
    assert not AuditRegel.objects.filter(actie="sroi.omzet_vastgelegd").exists()


def test_aanbieder_mag_geen_importomzet_vastleggen(mlo_overeenkomst, aanbieder_beheerder):
    with pytest.raises(PermissionDenied, match="inkoopbureau"):
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("1"), door=aanbieder_beheerder,
                                  bron=SroiOmzet.Bron.IMPORT)


def test_sroi_adviseur_vult_geen_aanbiedersomzet_in(mlo_overeenkomst, sroi_adviseur):
    with pytest.raises(PermissionDenied):
        services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("1"), door=sroi_adviseur)


# -------------------------------------------------------------------------------------------- omzet_importeren


def _importeer(aanbesteding, tekst, door, codering="utf-8"):
    return services.omzet_importeren(aanbesteding=aanbesteding, bestand=SimpleUploadedFile("omzet.csv", tekst.encode(codering)),
                                     door=door)


def test_import_met_komma_als_scheidingsteken_en_bom(mlo_overeenkomst, aanbieder, sroi_adviseur):
    uitkomst = _importeer(mlo_overeenkomst.aanbesteding, f"\ufeffKVK_nummer,Jaar,Omzet\n{aanbieder.kvk_nummer},2021,412000.00\n",
                          sroi_adviseur)
    assert (uitkomst.verwerkt, uitkomst.fouten) == (1, [])
    rij = mlo_overeenkomst.sroi_omzetten.get(jaar=2021)
    assert rij.omzet == D("412000.00") and rij.bron == SroiOmzet.Bron.IMPORT
    regel = _laatste("sroi.omzet_vastgelegd", rij)
    assert regel.actor == sroi_adviseur and regel.nieuwe_waarden["bron"] == "import"


def test_import_latin1_met_eurotekens(mlo_overeenkomst, aanbieder, sroi_adviseur):
    # Excel on Windows saves CSV in cp1252/latin-1; "€" does not exist in latin-1, so only plain amounts here.
    uitkomst = _importeer(mlo_overeenkomst.aanbesteding, f"kvk_nummer;jaar;omzet;opmerking\n{aanbieder.kvk_nummer};2020;1.250,50;café\n",
                          sroi_adviseur, codering="latin-1")
    assert uitkomst.verwerkt == 1
    assert mlo_overeenkomst.sroi_omzetten.get(jaar=2020).omzet == D("1250.50")


def test_import_overschrijft_en_bewaart_oude_waarde_in_audit(mlo_overeenkomst, aanbieder, aanbieder_medewerker, sroi_adviseur):
    services.omzet_vastleggen(overeenkomst=mlo_overeenkomst, jaar=2020, omzet=D("100"), door=aanbieder_medewerker)
    _importeer(mlo_overeenkomst.aanbesteding, f"kvk_nummer;jaar;omzet\n{aanbieder.kvk_nummer};2020;€ 200\n", sroi_adviseur)
    rij = mlo_overeenkomst.sroi_omzetten.get(jaar=2020)
    assert rij.omzet == D("200.00")
    regel = _laatste("sroi.omzet_vastgelegd", rij)
    assert regel.oude_waarden == {"omzet": "100.00", "bron": "aanbieder"}


def test_import_zonder_verplichte_kolommen(mlo, sroi_adviseur):
    with pytest.raises(ValidationError, match="Kolommen ontbreken: jaar, omzet"):
        _importeer(mlo, "kvk_nummer;bedrag\n12345678;5\n", sroi_adviseur)


def test_import_leeg_bestand(mlo, sroi_adviseur):
    with pytest.raises(ValidationError, match="Kolommen ontbreken"):
        _importeer(mlo, "", sroi_adviseur)


def test_import_meldt_elke_foute_regel_en_slaat_niets_op(mlo_overeenkomst, aanbieder, sroi_adviseur):
    kvk = aanbieder.kvk_nummer
    tekst = (f"kvk_nummer;jaar;omzet\n{kvk};2020;1000\n{kvk};twintig;1000\n{kvk};2021;veel\n{kvk};2022;-5\n"
             f"{kvk};2030;5\n")
    uitkomst = _importeer(mlo_overeenkomst.aanbesteding, tekst, sroi_adviseur)
    assert uitkomst.verwerkt == 0
    assert [f.split(":")[0] for f in uitkomst.fouten] == ["Regel 3", "Regel 4", "Regel 5", "Regel 6"]
    assert "“veel” is geen bedrag" in uitkomst.fouten[1]
    assert "negatief" in uitkomst.fouten[2]
    assert "buiten de looptijd" in uitkomst.fouten[3]
    assert not SroiOmzet.objects.exists()


def test_import_kent_alleen_overeenkomsten_van_deze_procedure(mlo, gooi_overeenkomst, aanbieder, sroi_adviseur):
    """The same provider under another procedure is not found: each procedure imports its own turnover."""
    uitkomst = _importeer(mlo, f"kvk_nummer;jaar;omzet\n{aanbieder.kvk_nummer};2022;1000\n", sroi_adviseur)
    assert uitkomst.fouten == [f"Regel 2: geen overeenkomst met KvK-nummer {aanbieder.kvk_nummer} in deze procedure."]
    assert not gooi_overeenkomst.sroi_omzetten.exists()


# ---------------------------------------------------------------------------------------------- plan_indienen


def test_plan_indienen_bewaart_bestand_en_audit(ingediend_plan, aanbieder_medewerker):
    assert ingediend_plan.status == SroiPlan.Status.INGEDIEND and ingediend_plan.ingediend_door == aanbieder_medewerker
    assert ingediend_plan.bestand.storage.exists(ingediend_plan.bestand.name)
    regel = _laatste("sroi.plan_ingediend", ingediend_plan)
    assert regel.nieuwe_waarden == {"originele_naam": "plan.pdf", "paginas": 2, "sha256": ingediend_plan.sha256}


def test_plan_met_verwachte_opdrachtsom(gooi_overeenkomst, aanbieder_medewerker):
    """003b Bijlage VII, part 1 of the plan: the (expected) contract sum."""
    plan = services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(1), door=aanbieder_medewerker,
                                  verwachte_opdrachtsom=D("300000"))
    assert SroiPlan.objects.get(pk=plan.pk).verwachte_opdrachtsom == D("300000.00")


def test_andere_organisatie_dient_geen_plan_in(gooi_overeenkomst, andere_beheerder):
    with pytest.raises(PermissionDenied):
        services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(1), door=andere_beheerder)
    assert not SroiPlan.objects.exists() and not AuditRegel.objects.filter(actie="sroi.plan_ingediend").exists()


def test_plan_als_afbeelding_geweigerd(gooi_overeenkomst, aanbieder_medewerker):
    png = SimpleUploadedFile("plan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")
    with pytest.raises(ValidationError):
        services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=png, door=aanbieder_medewerker)
    assert not SroiPlan.objects.exists()


# -------------------------------------------------------------------------------------------- plan_beoordelen


def test_plan_afwijzen_zonder_reden_laat_plan_ongemoeid(ingediend_plan, sroi_adviseur):
    with pytest.raises(ValidationError, match="reden"):
        services.plan_beoordelen(plan=ingediend_plan, goedkeuren=False, reden="  ", door=sroi_adviseur)
    assert SroiPlan.objects.get(pk=ingediend_plan.pk).status == SroiPlan.Status.INGEDIEND


def test_plan_afwijzen_met_reden_bewaart_reden(ingediend_plan, sroi_adviseur):
    services.plan_beoordelen(plan=ingediend_plan, goedkeuren=False, reden="  Niet SMART  ", door=sroi_adviseur)
    plan = SroiPlan.objects.get(pk=ingediend_plan.pk)
    assert plan.status == SroiPlan.Status.AFGEWEZEN and plan.reden == "Niet SMART"
    assert _laatste("sroi.plan_beoordeeld", plan).toelichting == "Niet SMART"


@pytest.mark.parametrize("persona", ["aanbieder_medewerker", "contractmanager"])
def test_plan_beoordelen_alleen_door_sroi_adviseur(ingediend_plan, persona, request):
    with pytest.raises(PermissionDenied):
        services.plan_beoordelen(plan=ingediend_plan, goedkeuren=True, door=request.getfixturevalue(persona))
    assert SroiPlan.objects.get(pk=ingediend_plan.pk).status == SroiPlan.Status.INGEDIEND


# ------------------------------------------------------------------------------------- activiteit_registreren


def test_registratie_schrijft_audit_met_waarde(registreer, aanbieder_medewerker):
    act = registreer("b2", omschrijving="Oriëntatiestage", aantal=D("2"), persoon_referentie="S-2021-007")
    assert act.waarde == D("800.00")  # 002 B4 B: oriëntatiestage € 400 per stagiair
    regel = _laatste("sroi.activiteit_geregistreerd", act)
    assert regel.actor == aanbieder_medewerker
    assert regel.nieuwe_waarden["waarde"] == "800.00" and regel.nieuwe_waarden["persoon_referentie"] == "S-2021-007"
    assert act.jaar == 2021 and act.geregistreerd_door == aanbieder_medewerker


def test_einddatum_voor_startdatum_geweigerd(registreer):
    with pytest.raises(ValidationError, match="einddatum ligt vóór de startdatum"):
        registreer("b4", maanden=D("1"), startdatum=date(2021, 3, 1), einddatum=date(2021, 2, 28))
    assert not SroiActiviteit.objects.exists()


@pytest.mark.parametrize("start", [date(2019, 12, 31), date(2024, 1, 1)])
def test_activiteit_buiten_de_looptijd_geweigerd(registreer, start):
    """Unlike turnover, an activity cannot lie in the year before the start: it must be linked to the contract."""
    with pytest.raises(ValidationError, match="buiten de looptijd"):
        registreer("b1", startdatum=start)


def test_doelgroep_van_een_andere_procedure_geweigerd(registreer, gooi):
    vreemd = Doelgroep.objects.filter(aanbesteding=gooi).first()
    with pytest.raises(ValidationError, match="doelgroep hoort niet bij deze procedure"):
        registreer("b1", doelgroep=vreemd)


def test_categorie_van_een_andere_procedure_geweigerd(mlo_overeenkomst, gooi, aanbieder_medewerker):
    with pytest.raises(ValidationError, match="categorie hoort niet bij deze procedure"):
        services.activiteit_registreren(overeenkomst=mlo_overeenkomst, regel=regel_van(gooi, "mvo"),
                                        door=aanbieder_medewerker, omschrijving="MVO", startdatum=date(2022, 3, 1),
                                        aantal=D("4"))


def test_onbekend_veld_is_een_programmeerfout(registreer):
    with pytest.raises(TypeError, match="Onbekende velden"):
        registreer("b1", naam_deelnemer="Jan")


def test_55_plus_toeslag_niet_bij_bbl(gooi_overeenkomst, aanbieder_medewerker):
    """003b Bijlage VII B: the € 5.000 is "extra op bovenstaand bedrag", the benefit rows; BBL is below it."""
    with pytest.raises(ValidationError, match="55\\+-toeslag geldt niet"):
        services.activiteit_registreren(overeenkomst=gooi_overeenkomst, regel=regel_van(gooi_overeenkomst.aanbesteding, "bbl"),
                                        door=aanbieder_medewerker, omschrijving="BBL", startdatum=date(2023, 1, 1),
                                        uren_per_week=D("36"), maanden=D("12"), vijfenvijftig_plus=True)


def test_ontbrekende_invoer_voor_de_methode_geweigerd(registreer):
    with pytest.raises(ValidationError, match="Vul het uitbetaalde brutoloon in"):
        registreer("a1", omschrijving="Dienstverband")


def test_geen_tabel_op_de_startdatum(aanbieder, aanbieder_medewerker):
    """An activity is valued with the table in force on its start date (ADR 0004); before the first one there is none."""
    aanbesteding = AanbestedingFactory(looptijd_start=date(2020, 1, 1), looptijd_einde=date(2023, 12, 31))
    services.regime_laden(aanbesteding=aanbesteding, bron=bron.laaddata("mlo", geldig_vanaf=date(2021, 1, 1)))
    ovk = OvereenkomstFactory(aanbesteding=aanbesteding, organisatie=aanbieder)
    with pytest.raises(ValidationError, match="Op 01-06-2020 geldt nog geen waarderingstabel"):
        services.activiteit_registreren(overeenkomst=ovk, regel=regel_van(aanbesteding, "b1"), door=aanbieder_medewerker,
                                        omschrijving="Snuffelstage", startdatum=date(2020, 6, 1), aantal=D("1"))


# ---------------------------------------------------------------------------------- activiteit_verwijderen


def test_verwijderen_van_een_vergissing(registreer, aanbieder_medewerker):
    act = registreer("b1")
    pk = act.pk
    services.activiteit_verwijderen(activiteit=act, door=aanbieder_medewerker)
    assert not SroiActiviteit.objects.filter(pk=pk).exists()
    regel = AuditRegel.objects.get(actie="sroi.activiteit_verwijderd", object_id=str(pk))
    assert regel.oude_waarden["waarde"] == "300.00" and regel.actor == aanbieder_medewerker


def test_verwijderen_met_bewijs_geweigerd(registreer, aanbieder_medewerker):
    act = registreer("e1", omschrijving="Storting", bedrag=D("500"))
    services.bewijs_toevoegen(activiteit=act, bestand=pdf_upload(1), soort="bankafschrift", door=aanbieder_medewerker)
    with pytest.raises(ValidationError, match="bewijsstukken bewaard"):
        services.activiteit_verwijderen(activiteit=act, door=aanbieder_medewerker)
    assert SroiActiviteit.objects.filter(pk=act.pk).exists()
    assert not AuditRegel.objects.filter(actie="sroi.activiteit_verwijderd").exists()


def test_andere_organisatie_verwijdert_niets(registreer, andere_beheerder):
    act = registreer("b1")
    with pytest.raises(PermissionDenied):
        services.activiteit_verwijderen(activiteit=act, door=andere_beheerder)
    assert SroiActiviteit.objects.filter(pk=act.pk).exists()


# --------------------------------------------------------------------------------------- bewijs_toevoegen


def test_bewijs_toevoegen_schrijft_audit(c_activiteit, aanbieder_medewerker):
    stuk = services.bewijs_toevoegen(activiteit=c_activiteit, bestand=pdf_upload(1, "factuur-risse.pdf"), soort="factuur",
                                     door=aanbieder_medewerker)
    assert stuk.mime_type == "application/pdf" and stuk.grootte > 0
    regel = _laatste("sroi.bewijs_toegevoegd", stuk)
    assert regel.nieuwe_waarden == {"originele_naam": "factuur-risse.pdf", "soort": "factuur", "sha256": stuk.sha256}


def test_bewijs_na_rapportage_nog_toegestaan(q1_2020, registreer, indienen, aanbieder_medewerker):
    """002 B4 Fase II b: the adviser may ask for evidence after the report; the provider must be able to add it."""
    act = registreer("b1", startdatum=date(2020, 2, 3))
    indienen(q1_2020)
    services.bewijs_toevoegen(activiteit=act, bestand=pdf_upload(1), soort="contract", door=aanbieder_medewerker)
    assert act.bewijsstukken.count() == 1


def test_uitvoerbaar_bestand_als_bewijs_geweigerd(c_activiteit, aanbieder_medewerker):
    exe = SimpleUploadedFile("loonstrook.pdf", b"MZ\x90\x00" + b"\0" * 200, content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.bewijs_toevoegen(activiteit=c_activiteit, bestand=exe, soort="loonstrook", door=aanbieder_medewerker)
    assert not SroiBewijsstuk.objects.exists()


def test_andere_organisatie_voegt_geen_bewijs_toe(c_activiteit, andere_beheerder):
    with pytest.raises(PermissionDenied):
        services.bewijs_toevoegen(activiteit=c_activiteit, bestand=pdf_upload(1), soort="factuur", door=andere_beheerder)


# ------------------------------------------------------------------------------------ activiteit_beoordelen


def test_negatieve_vastgestelde_waarde_geweigerd(registreer, sroi_adviseur):
    act = registreer("d3", omschrijving="Eigen idee", bedrag=D("800"))
    with pytest.raises(ValidationError, match="niet negatief"):
        services.activiteit_beoordelen(activiteit=act, goedkeuren=True, waarde=D("-1"), door=sroi_adviseur)
    opnieuw = SroiActiviteit.objects.get(pk=act.pk)
    assert opnieuw.status == SroiActiviteit.Status.GEREGISTREERD and opnieuw.waarde == D("800.00")


def test_vastgestelde_waarde_bij_d_overig_in_audit(registreer, sroi_adviseur):
    """002 B4 D "overig": the value is set by the contactpersoon on approval."""
    act = registreer("d3", omschrijving="Sollicitatietraining", bedrag=D("800"))
    services.activiteit_beoordelen(activiteit=act, goedkeuren=True, waarde=D("650"), door=sroi_adviseur)
    regel = _laatste("sroi.activiteit_beoordeeld", act)
    assert regel.oude_waarden == {"status": "geregistreerd", "waarde": "800.00"}
    assert regel.nieuwe_waarden == {"status": "goedgekeurd", "waarde": "650.00"}


def test_afwijzen_negeert_een_meegegeven_waarde(c_activiteit, sroi_adviseur):
    services.activiteit_beoordelen(activiteit=c_activiteit, goedkeuren=False, reden="Geen SW-bedrijf", waarde=D("1"),
                                   door=sroi_adviseur)
    assert SroiActiviteit.objects.get(pk=c_activiteit.pk).waarde == D("3450.00")


# ----------------------------------------------------------------------------------- perioden en rapportages


def test_perioden_per_kwartaal_voor_mlo(mlo):
    """002 B4 Fase II a: a quarterly report."""
    regime = SroiRegime.objects.get(aanbesteding=mlo)
    assert [(s, n, a, e) for s, n, a, e in services.perioden(regime, 2024)] == [
        ("kwartaal", 1, date(2024, 1, 1), date(2024, 3, 31)),
        ("kwartaal", 2, date(2024, 4, 1), date(2024, 6, 30)),
        ("kwartaal", 3, date(2024, 7, 1), date(2024, 9, 30)),
        ("kwartaal", 4, date(2024, 10, 1), date(2024, 12, 31)),
    ]


def test_perioden_per_halfjaar_voor_gooi(gooi):
    """003b Bijlage VII: tussen- en eindevaluatie, taken per half year."""
    regime = SroiRegime.objects.get(aanbesteding=gooi)
    assert services.perioden(regime, 2023) == [
        ("halfjaar", 1, date(2023, 1, 1), date(2023, 6, 30)),
        ("halfjaar", 2, date(2023, 7, 1), date(2023, 12, 31)),
    ]


def test_start_midden_in_een_kwartaal_knipt_de_eerste_periode(mlo, aanbieder):
    ovk = OvereenkomstFactory(aanbesteding=mlo, organisatie=aanbieder, startdatum=date(2020, 5, 15))
    with time_machine.travel(datetime(2020, 7, 2, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(ovk)
    eerste = ovk.sroi_rapportages.exclude(soort="eind").order_by("periode_start").first()
    assert (eerste.volgnummer, eerste.periode_start, eerste.periode_einde) == (2, date(2020, 5, 15), date(2020, 6, 30))
    assert eerste.deadline == date(2020, 7, 30)


def test_zonder_regime_geen_rapportages(aanbieder):
    ovk = OvereenkomstFactory(aanbesteding=AanbestedingFactory(), organisatie=aanbieder)
    assert services.rapportages_bijwerken(ovk) == 0
    assert not SroiRapportage.objects.exists()


def test_verschoven_eindrapportage_in_de_audit(mlo_overeenkomst):
    with time_machine.travel(datetime(2022, 5, 1, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
        mlo_overeenkomst.einddatum = date(2022, 3, 31)
        mlo_overeenkomst.save()
        services.rapportages_bijwerken(mlo_overeenkomst)
    eind = mlo_overeenkomst.sroi_rapportages.get(soort="eind")
    regel = _laatste("sroi.eindrapportage_verschoven", eind)
    assert regel.oude_waarden == {"jaar": 2023, "periode_einde": "2023-12-31", "deadline": "2024-01-31"}
    assert regel.nieuwe_waarden == {"jaar": 2022, "periode_einde": "2022-03-31", "deadline": "2022-04-30"}
    assert regel.actor_weergave == "systeem"


def test_ongewijzigd_einde_schrijft_geen_auditregel(mlo_overeenkomst):
    services.rapportages_bijwerken(mlo_overeenkomst)
    services.rapportages_bijwerken(mlo_overeenkomst)
    assert not AuditRegel.objects.filter(actie="sroi.eindrapportage_verschoven").exists()


def test_te_late_indiening_staat_in_de_audit(q1_2020, aanbieder_medewerker):
    with time_machine.travel(datetime(2020, 5, 1, 9, 0, tzinfo=AMS), tick=False):  # deadline was 30-04-2020
        rap = services.rapportage_indienen(rapportage=q1_2020, door=aanbieder_medewerker)
    regel = _laatste("sroi.rapportage_ingediend", rap)
    assert regel.toelichting == "te laat"
    assert regel.oude_waarden == {"status": "open"} and regel.nieuwe_waarden["status"] == "ingediend"


def test_tijdige_indiening_op_de_laatste_dag(q1_2020, aanbieder_medewerker):
    with time_machine.travel(datetime(2020, 4, 30, 23, 30, tzinfo=AMS), tick=False):
        rap = services.rapportage_indienen(rapportage=q1_2020, door=aanbieder_medewerker)
    assert _laatste("sroi.rapportage_ingediend", rap).toelichting == ""
    assert not rap.is_te_laat(date(2020, 5, 5))


def test_andere_organisatie_dient_geen_rapportage_in(q1_2020, andere_beheerder):
    with pytest.raises(PermissionDenied), time_machine.travel(datetime(2020, 4, 2, 12, 0, tzinfo=AMS), tick=False):
        services.rapportage_indienen(rapportage=q1_2020, door=andere_beheerder)
    assert SroiRapportage.objects.get(pk=q1_2020.pk).status == SroiRapportage.Status.OPEN


def test_kwartaalrapportage_bevat_alleen_activiteiten_van_haar_periode(q1_2020, registreer, indienen):
    binnen = registreer("b1", startdatum=date(2020, 3, 31), omschrijving="Laatste dag Q1")
    registreer("b1", startdatum=date(2020, 4, 1), omschrijving="Eerste dag Q2")
    rap = indienen(q1_2020)
    assert [r["id"] for r in rap.bevroren_inhoud["activiteiten"]] == [binnen.pk]
    assert rap.bevroren_inhoud["totaal_periode"] == "300.00"


def test_gooi_eindrapportage_zonder_tekort_meldt_geen_gevolg(gooi_overeenkomst, aanbieder_medewerker):
    """003b: 5 % of actual revenue; 300.000 -> 15.000, met by half a year of a WWB < 2 worker (Bijlage VII)."""
    for jaar in range(2022, 2026):
        services.omzet_vastleggen(overeenkomst=gooi_overeenkomst, jaar=jaar, omzet=D("300000"), door=aanbieder_medewerker)
        services.activiteit_registreren(
            overeenkomst=gooi_overeenkomst, regel=regel_van(gooi_overeenkomst.aanbesteding, "wwb-lt2"),
            door=aanbieder_medewerker, omschrijving="Schoonmaak", startdatum=date(jaar, 1, 1), uren_per_week=D("36"),
            maanden=D("6"))
    with time_machine.travel(datetime(2026, 1, 15, 12, 0, tzinfo=AMS), tick=False):
        services.rapportages_bijwerken(gooi_overeenkomst)
        eind = services.rapportage_indienen(rapportage=gooi_overeenkomst.sroi_rapportages.get(soort="eind"),
                                            door=aanbieder_medewerker)
    assert (eind.verplichting, eind.gerealiseerd, eind.tekort) == (D("60000.00"), D("60000.00"), D("0.00"))
    assert eind.tekort_gesignaleerd is False and "gevolg_tekort" not in eind.bevroren_inhoud
    assert [j["jaar"] for j in eind.bevroren_inhoud["jaren"]] == [2022, 2023, 2024, 2025]


def test_bewijs_vragen_zonder_omschrijving_geweigerd(rapportage_ingediend, sroi_adviseur):
    with pytest.raises(ValidationError, match="Beschrijf welk bewijs"):
        services.rapportage_bewijs_vragen(rapportage=rapportage_ingediend, verzoek="   ", door=sroi_adviseur)
    assert SroiRapportage.objects.get(pk=rapportage_ingediend.pk).status == SroiRapportage.Status.INGEDIEND


@pytest.mark.parametrize("persona", ["aanbieder_medewerker", "contractmanager"])
def test_bewijs_vragen_en_verifieren_alleen_door_sroi_adviseur(rapportage_ingediend, persona, request):
    door = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.rapportage_bewijs_vragen(rapportage=rapportage_ingediend, verzoek="Loonstroken", door=door)
    with pytest.raises(PermissionDenied):
        services.rapportage_verifieren(rapportage=rapportage_ingediend, door=door)
    assert SroiRapportage.objects.get(pk=rapportage_ingediend.pk).status == SroiRapportage.Status.INGEDIEND


def test_verifieren_legt_adviseur_en_opmerking_vast(rapportage_ingediend, sroi_adviseur):
    rap = services.rapportage_verifieren(rapportage=rapportage_ingediend, door=sroi_adviseur, opmerking="  Akkoord ")
    assert rap.opmerking == "Akkoord" and rap.beoordeeld_door == sroi_adviseur and rap.beoordeeld_op is not None
    assert _laatste("sroi.rapportage_geverifieerd", rap).toelichting == "Akkoord"


@pytest.fixture
def rapportage_ingediend(q1_2020, indienen):
    return indienen(q1_2020)
