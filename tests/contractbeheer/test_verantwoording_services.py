"""The yearly verantwoording (issue 13): submitting (002 B1 32-34; 003 §13, §2.5.7, Eis 53) and judging, with the
numbers of the sources: € 50.000,00 per gemeente → bestuursverklaring, € 50.000,01 → controleverklaring; 31 March
on time, 1 April late; herstel in working days; the comparison with the SROI turnover."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from contractbeheer import services
from contractbeheer.models import Omzetregel, Verantwoording, Verantwoordingsinzending
from core.models import AuditRegel, VerstuurdeMail

from . import _verantwoording as h

pytestmark = pytest.mark.django_db

IN_MAART = h.moment(2026, 3, 15)


def _financieel(w, omzet, gemeente=None, **extra):
    v = w.plicht("financieel", gemeente)
    return services.verantwoording_indienen(verantwoording=v, door=w.lid, omzet=Decimal(omzet), bestand=h.pdf(),
                                            **extra)


def _fout(exc) -> dict:
    return exc.value.message_dict


# --- the verklaring: 002 B1 32.2, "groter dan € 50.000,- per jaar per gemeente" ---------------------------------


@time_machine.travel(IN_MAART, tick=False)
def test_50000_00_per_gemeente_vraagt_een_bestuursverklaring():
    w = h.mlo_wereld()
    inz = _financieel(w, "50000.00")
    assert inz.verklaring == Verantwoordingsinzending.Verklaring.BESTUURSVERKLARING
    assert inz.omzet == Decimal("50000.00")


@time_machine.travel(IN_MAART, tick=False)
def test_50000_01_per_gemeente_vraagt_een_controleverklaring():
    w = h.mlo_wereld()
    inz = _financieel(w, "50000.01")
    assert inz.verklaring == Verantwoordingsinzending.Verklaring.CONTROLEVERKLARING


@time_machine.travel(IN_MAART, tick=False)
def test_de_drempel_geldt_per_gemeente_niet_over_het_totaal():
    w = h.mlo_wereld()
    venlo = _financieel(w, "30000.00", w.gemeenten[0])
    horst = _financieel(w, "30000.00", w.gemeenten[1])
    # € 60.000 together, but € 30.000 per gemeente: a bestuursverklaring for each.
    assert venlo.verklaring == horst.verklaring == "bestuursverklaring"


@time_machine.travel(IN_MAART, tick=False)
def test_gooi_zonder_drempel_altijd_een_controleverklaring():
    w = h.gooi_wereld()
    v = w.plicht("financieel")
    inz = services.verantwoording_indienen(verantwoording=v, door=w.lid, bestand=h.pdf(),
                                           regels=[(w.producten[0], Decimal("12"), Decimal("1000.00"))])
    assert inz.verklaring == "controleverklaring"
    assert inz.omzet == Decimal("1000.00")
    assert services.verklaring_bij(v, Decimal("1")) == "controleverklaring"


def test_verklaring_bij_is_leeg_voor_andere_onderdelen():
    w = h.mlo_wereld()
    assert services.verklaring_bij(w.plicht("productverantwoording"), Decimal("60000")) == ""
    assert services.verklaring_bij(w.plicht("financieel"), None) == ""


# --- on time: "vóór 1 april" → 31 March is the last day (ADR 0019) ---------------------------------------------


def test_31_maart_is_op_tijd_en_1_april_te_laat():
    w = h.mlo_wereld()
    with time_machine.travel(h.moment(2026, 3, 31, 23, 59), tick=False):
        op_tijd = _financieel(w, "1000", w.gemeenten[0])
    with time_machine.travel(h.moment(2026, 4, 1, 0, 1), tick=False):
        te_laat = _financieel(w, "1000", w.gemeenten[1])
    assert w.plicht("financieel", w.gemeenten[0]).uiterlijk == date(2026, 3, 31)
    assert op_tijd.te_laat is False
    assert te_laat.te_laat is True


def test_productverantwoording_uiterlijk_28_februari():
    w = h.mlo_wereld()
    v = w.plicht("productverantwoording")
    assert v.uiterlijk == date(2026, 2, 28)
    with time_machine.travel(h.moment(2026, 3, 1, 9), tick=False):
        inz = services.verantwoording_indienen(verantwoording=v, door=w.lid,
                                               regels=[(w.producten[0], 10, Decimal("500"))])
    assert inz.te_laat


def test_niet_indienen_voordat_het_jaar_voorbij_is():
    w = h.mlo_wereld()
    with time_machine.travel(h.moment(2025, 12, 31, 23), tick=False), pytest.raises(ValidationError) as exc:
        _financieel(w, "1000")
    assert "vanaf 1 januari 2026" in str(exc.value)
    with time_machine.travel(h.moment(2026, 1, 1, 0, 5), tick=False):
        assert _financieel(w, "1000").pk


# --- what each part needs --------------------------------------------------------------------------------------


@time_machine.travel(IN_MAART, tick=False)
def test_productverantwoording_met_regels_zet_de_omzet_als_som():
    w = h.mlo_wereld()
    v = w.plicht("productverantwoording")
    a, b = w.producten
    inz = services.verantwoording_indienen(verantwoording=v, door=w.lid, regels=[
        (a, Decimal("1200"), Decimal("1944.00")), (b, Decimal("10.5"), Decimal("100.50"))])
    assert inz.omzet == Decimal("2044.50")
    assert inz.verklaring == ""
    regels = {r.product.code: (r.aantal, r.omzet) for r in Omzetregel.objects.filter(inzending=inz)}
    assert regels == {"45A04": (Decimal("1200.00"), Decimal("1944.00")), "45A05": (Decimal("10.50"), Decimal("100.50"))}
    v.refresh_from_db()
    assert v.status == Verantwoording.Status.INGEDIEND and v.status_sinds == IN_MAART


@time_machine.travel(IN_MAART, tick=False)
def test_productverantwoording_zonder_regels_geweigerd():
    w = h.mlo_wereld()
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=w.plicht("productverantwoording"), door=w.lid, regels=[])
    assert "ten minste één product" in _fout(exc)["regels"][0]


@time_machine.travel(IN_MAART, tick=False)
def test_product_van_een_ander_perceel_of_twee_keer_geweigerd():
    from aanbesteding.models import Product

    w = h.mlo_wereld()
    vreemd = Product.objects.get(code="43A01", perceel__aanbesteding=w.aanbesteding)
    a = w.producten[0]
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=w.plicht("productverantwoording"), door=w.lid, regels=[
            (vreemd, 1, 10), (a, 1, 10), (a, 2, 20)])
    fouten = _fout(exc)["regels"]
    assert any("43A01 hoort niet bij de percelen" in f for f in fouten)
    assert any("45A04 staat twee keer" in f for f in fouten)


@time_machine.travel(IN_MAART, tick=False)
def test_product_van_een_andere_procedure_geweigerd():
    w = h.mlo_wereld()
    ander = h.gooi_wereld().producten[0]
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=w.plicht("productverantwoording"), door=w.lid,
                                         regels=[(ander, 1, 10)])
    assert "43B03" in _fout(exc)["regels"][0]


@time_machine.travel(IN_MAART, tick=False)
def test_negatieve_regel_en_afwijkend_totaal_geweigerd():
    w = h.mlo_wereld()
    a, b = w.producten
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=w.plicht("productverantwoording"), door=w.lid,
                                         regels=[(a, -1, 10)])
    assert "negatief" in _fout(exc)["regels"][0]
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=w.plicht("productverantwoording"), door=w.lid,
                                         regels=[(a, 1, 10), (b, 1, 5)], omzet=Decimal("20"))
    assert "€ 15,00" in _fout(exc)["omzet"][0] and "€ 20,00" in _fout(exc)["omzet"][0]


@time_machine.travel(IN_MAART, tick=False)
def test_financieel_vraagt_omzet_en_pdf():
    w = h.mlo_wereld()
    v = w.plicht("financieel")
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=v, door=w.lid)
    fouten = _fout(exc)
    assert "Vul de omzet" in fouten["omzet"][0]
    assert "verklaring" in fouten["bestand"][0]
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=v, door=w.lid, omzet=Decimal("100"),
                                         bestand=h.xlsx([], naam="verklaring.xlsx"))
    assert "bestand" in _fout(exc)
    assert Verantwoordingsinzending.objects.count() == 0


@time_machine.travel(IN_MAART, tick=False)
def test_financieel_bewaart_het_bestand_met_naam_en_hash():
    w = h.mlo_wereld()
    inz = _financieel(w, "1000")
    inz.refresh_from_db()
    assert inz.originele_naam == "verklaring.pdf" and len(inz.sha256) == 64 and inz.grootte > 0
    assert inz.bestand.name.startswith("contractbeheer/")


@time_machine.travel(IN_MAART, tick=False)
def test_klachten_en_innovatie_002_b1_34():
    w = h.mlo_wereld()
    v = w.plicht("klachten_innovatie")
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=v, door=w.lid)
    assert set(_fout(exc)) == {"aantal_klachten", "klachtenanalyse", "innovatie"}
    inz = services.verantwoording_indienen(verantwoording=v, door=w.lid, aantal_klachten=3,
                                           klachtenanalyse="Drie klachten over wachttijden; extra intake ingepland.",
                                           innovatie="Online spreekuur voor ouders.")
    assert inz.aantal_klachten == 3 and inz.omzet is None and inz.sroi_omzet is None


@time_machine.travel(IN_MAART, tick=False)
def test_klachten_geen_clientgegevens():
    w = h.mlo_wereld()
    v = w.plicht("klachten_innovatie")
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=v, door=w.lid, aantal_klachten=1,
                                         klachtenanalyse="Klacht van mevrouw Jansen over de planning.",
                                         innovatie="Cliënt met BSN 111222333 meldde zich.")
    fouten = _fout(exc)
    assert "naam" in fouten["klachtenanalyse"][0]
    assert "burgerservicenummer" in fouten["innovatie"][0]


@time_machine.travel(h.moment(2026, 6, 1), tick=False)
def test_jaardocument_en_prestatieverklaring_vragen_een_bestand():
    w = h.gooi_wereld()
    for soort in ("jaardocument", "prestatieverklaring"):
        with pytest.raises(ValidationError) as exc:
            services.verantwoording_indienen(verantwoording=w.plicht(soort), door=w.lid)
        assert "bestand" in _fout(exc)
        inz = services.verantwoording_indienen(verantwoording=w.plicht(soort), door=w.lid,
                                               bestand=h.pdf(f"{soort}.pdf"))
        assert inz.originele_naam == f"{soort}.pdf"


@time_machine.travel(IN_MAART, tick=False)
def test_regels_bij_een_onderdeel_zonder_producten_geweigerd():
    w = h.mlo_wereld()
    with pytest.raises(ValidationError) as exc:
        _financieel(w, "100", regels=[(w.producten[0], 1, 100)])
    assert "geen omzet per product" in _fout(exc)["regels"][0]


# --- status and permissions ------------------------------------------------------------------------------------


@time_machine.travel(IN_MAART, tick=False)
def test_alleen_een_lid_van_de_aanbieder_dient_in(contractmanager):
    w = h.mlo_wereld()
    anders = h.mlo_wereld(naam="Andere aanbieder")
    for door in (anders.lid, contractmanager):
        with pytest.raises(PermissionDenied):
            _financieel(w, "100") if door is None else services.verantwoording_indienen(
                verantwoording=w.plicht("financieel"), door=door, omzet=Decimal("1"), bestand=h.pdf())


@time_machine.travel(IN_MAART, tick=False)
def test_niet_twee_keer_indienen_zolang_het_wacht():
    w = h.mlo_wereld()
    _financieel(w, "100")
    with pytest.raises(ValidationError) as exc:
        _financieel(w, "100")
    assert "Ingediend, wacht op beoordeling" in str(exc.value)


@time_machine.travel(IN_MAART, tick=False)
def test_indienen_wordt_geaudit():
    w = h.mlo_wereld()
    inz = _financieel(w, "60000")
    regel = AuditRegel.objects.get(actie="contractbeheer.verantwoording_ingediend")
    assert regel.actor == w.lid
    assert regel.nieuwe_waarden["verklaring"] == "controleverklaring"
    assert regel.nieuwe_waarden["inzending"] == inz.pk
    assert regel.oude_waarden == {"status": "open"}


# --- SROI turnover -----------------------------------------------------------------------------------------------


@time_machine.travel(IN_MAART, tick=False)
def test_sroi_verschil_pas_als_alle_gemeenten_binnen_zijn():
    w = h.mlo_wereld()
    h.sroi_omzet(w, "100000.00")
    venlo = _financieel(w, "40000.00", w.gemeenten[0])
    # Horst is not in: nothing to compare yet, so no explanation needed.
    assert venlo.sroi_omzet == Decimal("100000.00") and venlo.sroi_verschil is None
    with pytest.raises(ValidationError) as exc:
        _financieel(w, "50000.00", w.gemeenten[1])
    melding = _fout(exc)["afwijking_toelichting"][0]
    assert "€ 90.000,00" in melding and "€ 100.000,00" in melding and "€ 10.000,00" in melding
    horst = _financieel(w, "50000.00", w.gemeenten[1], afwijking_toelichting="Omzet Wmo valt buiten deze procedure.")
    assert horst.omzet_jaartotaal == Decimal("90000.00")
    assert horst.sroi_verschil == Decimal("-10000.00")


@time_machine.travel(IN_MAART, tick=False)
def test_sroi_verschil_tot_een_euro_is_afronding():
    w = h.mlo_wereld()
    h.sroi_omzet(w, "80000.00")
    _financieel(w, "40000.00", w.gemeenten[0])
    horst = _financieel(w, "40001.00", w.gemeenten[1])
    assert horst.sroi_verschil == Decimal("1.00")
    assert horst.afwijking_toelichting == ""


@time_machine.travel(IN_MAART, tick=False)
def test_sroi_vergelijking_telt_een_afgewezen_inzending_niet_mee(contractmanager):
    w = h.mlo_wereld()
    h.sroi_omzet(w, "80000.00")
    venlo = _financieel(w, "10.00", w.gemeenten[0])
    services.verantwoording_beoordelen(inzending=venlo, door=contractmanager, uitkomst="afwijzen",
                                       reden="Verkeerd bedrag.")
    # Venlo's only submission is rejected: Venlo is not in, so Horst cannot be compared yet.
    horst = _financieel(w, "40000.00", w.gemeenten[1])
    assert horst.sroi_verschil is None
    nieuw = _financieel(w, "40000.00", w.gemeenten[0])
    assert nieuw.sroi_verschil == Decimal("0.00") and nieuw.omzet_jaartotaal == Decimal("80000.00")


@time_machine.travel(IN_MAART, tick=False)
def test_gooi_vergelijkt_direct_zonder_gemeenten():
    w = h.gooi_wereld()
    h.sroi_omzet(w, "500.00")
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=w.plicht("financieel"), door=w.lid, bestand=h.pdf(),
                                         regels=[(w.producten[0], 1, Decimal("1000.00"))])
    assert "alle gemeenten" not in _fout(exc)["afwijking_toelichting"][0]


@time_machine.travel(IN_MAART, tick=False)
def test_zonder_sroi_omzet_geen_vergelijking():
    w = h.mlo_wereld()
    _financieel(w, "1.00", w.gemeenten[0])
    horst = _financieel(w, "2.00", w.gemeenten[1])
    assert horst.sroi_omzet is None and horst.sroi_verschil is None and horst.omzet_jaartotaal == Decimal("3.00")


# --- judging -----------------------------------------------------------------------------------------------------


@pytest.fixture
def ingediend(regio_a):
    w = h.mlo_wereld(regio_a)
    with time_machine.travel(IN_MAART, tick=False):
        inz = _financieel(w, "1000")
    return w, inz


def test_goedkeuren(ingediend, contractmanager_a, django_capture_on_commit_callbacks, mailoutbox):
    w, inz = ingediend
    with time_machine.travel(h.moment(2026, 4, 2), tick=False), django_capture_on_commit_callbacks(execute=True):
        services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="goedkeuren")
    inz.refresh_from_db()
    v = inz.verantwoording
    assert inz.status == "goedgekeurd" and inz.beoordeeld_door == contractmanager_a
    assert v.status == "goedgekeurd" and v.herstel_uiterlijk is None
    regel = AuditRegel.objects.get(actie="contractbeheer.verantwoording_beoordeeld")
    assert regel.nieuwe_waarden["status"] == "goedgekeurd" and regel.nieuwe_waarden["inzending"] == inz.pk
    assert regel.object_id == str(v.pk) and regel.oude_waarden == {"status": "ingediend"}
    assert len(mailoutbox) == 1 and w.lid.email in mailoutbox[0].to
    assert "goedgekeurd" in mailoutbox[0].body


def test_afwijzen_vraagt_een_reden_en_mag_dan_opnieuw(ingediend, contractmanager_a):
    w, inz = ingediend
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="afwijzen")
    assert "reden" in _fout(exc)
    services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="afwijzen",
                                       reden="De verklaring is niet ondertekend.")
    v = Verantwoording.objects.get(pk=inz.verantwoording_id)
    assert v.status == "afgewezen"
    with time_machine.travel(h.moment(2026, 4, 10), tick=False):
        tweede = _financieel(w, "1000")
    # Rejected, then resubmitted after 31 March: late against the yearly deadline.
    assert tweede.te_laat
    assert Verantwoording.objects.get(pk=v.pk).status == "ingediend"


def test_herstel_standaard_tien_werkdagen_over_koningsdag_en_bevrijdingsdag(ingediend, contractmanager_a):
    _, inz = ingediend
    # Friday 24 April 2026 + 10 werkdagen, skipping Koningsdag (27 April) and Bevrijdingsdag (5 May): 12 May.
    with time_machine.travel(h.moment(2026, 4, 24), tick=False):
        services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="herstel",
                                           reden="Voeg de paragraaf informatiebeveiliging toe (B1 27.2).")
    inz.refresh_from_db()
    assert inz.herstel_uiterlijk == date(2026, 5, 12)
    v = inz.verantwoording
    assert v.status == "herstel" and v.herstel_uiterlijk == date(2026, 5, 12)
    assert v.geldende_termijn == date(2026, 5, 12)


def test_herstel_op_tijd_telt_tegen_de_hersteltermijn(ingediend, contractmanager_a):
    w, inz = ingediend
    with time_machine.travel(h.moment(2026, 4, 24), tick=False):
        services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="herstel",
                                           reden="Paragraaf ontbreekt.", herstel_uiterlijk=date(2026, 5, 8))
    with time_machine.travel(h.moment(2026, 5, 8, 23, 30), tick=False):
        hersteld = _financieel(w, "1000")
    assert hersteld.te_laat is False
    assert Verantwoording.objects.get(pk=inz.verantwoording_id).status == "ingediend"


def test_herstel_termijn_moet_in_de_toekomst_liggen_en_reden_hebben(ingediend, contractmanager_a):
    _, inz = ingediend
    with time_machine.travel(h.moment(2026, 4, 24), tick=False):
        with pytest.raises(ValidationError) as exc:
            services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="herstel",
                                               reden="x", herstel_uiterlijk=date(2026, 4, 24))
        assert "na vandaag" in _fout(exc)["herstel_uiterlijk"][0]
        with pytest.raises(ValidationError) as exc:
            services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="herstel")
        assert "herstellen" in _fout(exc)["reden"][0]
        with pytest.raises(ValidationError):
            services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="misschien")


def test_eenmaal_beoordeeld_blijft_beoordeeld(ingediend, contractmanager_a):
    _, inz = ingediend
    services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="goedkeuren")
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="afwijzen", reden="x")
    assert "al beoordeeld" in str(exc.value)


def test_beoordelen_alleen_door_beheer_van_de_regio(ingediend, contractmanager_b, beoordelaar_a, inkoper_a):
    w, inz = ingediend
    for door in (contractmanager_b, beoordelaar_a, w.lid):
        with pytest.raises(PermissionDenied):
            services.verantwoording_beoordelen(inzending=inz, door=door, uitkomst="goedkeuren")
    # The inkoper of the region runs contract management too (permissions.is_beheer).
    services.verantwoording_beoordelen(inzending=inz, door=inkoper_a, uitkomst="goedkeuren")


def test_de_mail_gaat_eenmaal(ingediend, contractmanager_a, django_capture_on_commit_callbacks, mailoutbox):
    from contractbeheer.tasks.verantwoording import verantwoording_beoordeeld_melden

    w, inz = ingediend
    with time_machine.travel(h.moment(2026, 4, 24), tick=False), django_capture_on_commit_callbacks(execute=True):
        services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="herstel",
                                           reden="Handtekening ontbreekt.")
    assert len(mailoutbox) == 1
    assert "12-05-2026" in mailoutbox[0].body and "Handtekening ontbreekt." in mailoutbox[0].body
    assert f"/mijn/verplichtingen/verantwoording/{inz.verantwoording_id}/" in mailoutbox[0].body
    # A second delivery of the task sends nothing.
    assert verantwoording_beoordeeld_melden(inz.pk) is False
    assert len(mailoutbox) == 1
    assert VerstuurdeMail.objects.filter(sleutel=f"verantwoording-beoordeeld:{inz.pk}").count() == 1


def test_geen_mail_voor_een_onbeoordeelde_of_onbekende_inzending(ingediend, mailoutbox):
    from contractbeheer.tasks.verantwoording import verantwoording_beoordeeld_melden

    _, inz = ingediend
    assert verantwoording_beoordeeld_melden(inz.pk) is False
    assert verantwoording_beoordeeld_melden(999999) is False
    assert mailoutbox == []
