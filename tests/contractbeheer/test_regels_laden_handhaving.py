"""Issue 14: the sources' KPIs, wachttijdnormen, fines schedule, budget ceilings and leegstand arrangement loaded
per procedure (contractbeheer.services.regels_laden), the staff role Gemeente, and the link signal → measure."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from bronnen import contractbeheer as bron
from contractbeheer import services
from contractbeheer.models import (
    Boetesoort,
    Budgetplafond,
    Kpi,
    Leegstandsregeling,
    Leegstandsverdeling,
    Maatregel,
    Signaal,
    Signaalstap,
    Trede,
    Wachttijdnorm,
)
from contractbeheer.services.signalen import signaal_koppelen_aan_maatregel
from core import kalender
from core.models import AuditRegel
from organisaties import rollen
from organisaties.models import StaffRol
from tests.factories import GemeenteFactory
from tests.overeenkomst.factories import PerceelFactory, ProductFactory

from . import factories as f

pytestmark = pytest.mark.django_db


def test_mlo_kpis_en_wachttijdnorm_uit_de_bron():
    ab, _, _ = f.mlo()
    kpis = {k.code: k for k in Kpi.objects.filter(aanbesteding=ab)}
    assert set(kpis) == {k["code"] for k in bron.MLO["kpis"]}
    doel = kpis["kosten-per-jeugdige-t-o-v-2019"]
    # 002 B1 13.7 r.366: -25 % per jaar, lager is beter, per perceel.
    assert (doel.norm, doel.richting, doel.periode, doel.per_perceel) == (D("-25.00"), "lager", "jaar", True)
    assert kpis["instroom"].norm is None  # the source gives no norm: no traffic light
    assert [k.code for k in Kpi.objects.filter(aanbesteding=ab)][:2] == ["kosten-per-jeugdige",
                                                                         "kosten-per-jeugdige-t-o-v-2019"]
    (norm,) = Wachttijdnorm.objects.filter(aanbesteding=ab)
    assert (norm.perceel, norm.max_dagen) == (None, 14)
    # 002 has no fines schedule and no leegstand arrangement.
    assert not Boetesoort.objects.filter(aanbesteding=ab).exists()
    assert not Leegstandsregeling.objects.filter(aanbesteding=ab).exists()


def test_gooi_boeteschema_met_eenheden():
    ab, _, _ = f.gooi()
    schema = {b.code: b for b in Boetesoort.objects.filter(aanbesteding=ab)}
    assert len(schema) == 7
    assert (schema["klacht-gegrond"].bedrag, schema["klacht-gegrond"].eenheid) == (D("25.00"), "klacht")
    personeel = schema["personeelseisen"]
    assert (personeel.bedrag, personeel.eenheid, personeel.per_periode) == (D("250.00"), "medewerker", "week")
    assert (schema["capaciteit-niet-geleverd"].bedrag, schema["capaciteit-niet-geleverd"].percentage) == (None, D("75.00"))
    assert Wachttijdnorm.objects.get(aanbesteding=ab, perceel=None).max_dagen == 28


def test_gooi_leegstand_en_plafonds_alleen_voor_percelen_van_de_procedure():
    ab, bhl, _ = f.gooi()
    # The test procedure has 5.10 and 5.4 only: no 5.10.1, 5.1 or 5.2 -> nothing loaded for them.
    assert not Leegstandsregeling.objects.filter(aanbesteding=ab).exists()
    assert not Budgetplafond.objects.filter(aanbesteding=ab).exists()

    tussen = PerceelFactory(aanbesteding=ab, code="5.10.1", naam="Tussenvoorziening", volgorde=11)
    product = ProductFactory(perceel=tussen, categorie="43", code="43B03", naam="Tussenvoorziening", eenheid="etmaal")
    ggz = PerceelFactory(aanbesteding=ab, code="5.1", naam="Ambulante Jeugd GGZ", volgorde=1)
    for naam in ("Hilversum", "Gooise Meren", "Huizen", "Wijdemeren", "Blaricum", "Laren"):
        GemeenteFactory(naam=naam, regio=ab.regio)
    services.regels_laden(aanbesteding=ab, bron=bron.GOOI)

    regeling = Leegstandsregeling.objects.get(aanbesteding=ab)
    assert (regeling.perceel, regeling.product) == (tussen, product)
    assert (regeling.max_per_aanbieder_per_jaar, regeling.max_totaal_per_jaar) == (D("175000.00"), D("350000.00"))
    verdeling = {v.gemeente.naam: (v.percentage, v.max_bijdrage)
                 for v in Leegstandsverdeling.objects.filter(regeling=regeling).select_related("gemeente")}
    assert verdeling["Hilversum"] == (D("38.00"), D("133000.00"))
    assert verdeling["Laren"] == (D("5.00"), D("17500.00"))
    assert sum(p for p, _ in verdeling.values()) == D("100")
    plafonds = {p.code: p for p in Budgetplafond.objects.filter(aanbesteding=ab)}
    assert set(plafonds) == {"niveau 0", "niveau 2"}  # 5.2 (IBP 1) is not in this procedure
    assert (plafonds["niveau 2"].perceel, plafonds["niveau 2"].bedrag, plafonds["niveau 2"].soort) == (
        ggz, D("5000.00"), Budgetplafond.Soort.PER_CLIENT)

    # Loading twice changes nothing.
    services.regels_laden(aanbesteding=ab, bron=bron.GOOI)
    assert Leegstandsverdeling.objects.filter(regeling=regeling).count() == 6
    assert Budgetplafond.objects.filter(aanbesteding=ab).count() == 2
    assert Boetesoort.objects.filter(aanbesteding=ab).count() == 7
    assert Kpi.objects.filter(aanbesteding=ab).count() == len(bron.GOOI["kpis"])


def test_een_bijgestelde_norm_wordt_door_opnieuw_laden_teruggezet_naar_de_bron(contractmanager):
    # "Regels uit bron laden" is the explicit reset to the source's values (ADR 0019); staff edits in between.
    ab, _, _ = f.mlo()
    Kpi.objects.filter(aanbesteding=ab, code="uitval").update(norm=D("12"))
    services.regels_laden(aanbesteding=ab, bron=bron.MLO, door=contractmanager)
    assert Kpi.objects.get(aanbesteding=ab, code="uitval").norm == D("10.00")


# --- the staff role Gemeente (issue 14) ----------------------------------------------------------------------


def test_rol_gemeente_mag_alleen_signalen_doorgeven(staffgroepen):
    assert "Gemeente" in StaffRol.values and rollen.GEMEENTE in rollen.REGIOROLLEN
    groep = Group.objects.get(name=rollen.GEMEENTE)
    rechten = set(groep.permissions.values_list("content_type__app_label", "codename"))
    assert rechten == {("wagtailadmin", "access_admin"), ("contractbeheer", "add_signaal")}
    assert rollen.rollen_met_recht("contractbeheer.add_signaal") == {rollen.GEMEENTE, rollen.CONTRACTMANAGER}
    # The Gemeente sees no agreement, verantwoording, measure or fine.
    for recht in ("overeenkomst.view_overeenkomst", "contractbeheer.view_maatregel", "contractbeheer.view_boete",
                  "contractbeheer.view_signaal"):
        assert rollen.GEMEENTE not in rollen.rollen_met_recht(recht)


def test_inkoper_leest_handhaving_contractmanager_handelt(staffgroepen):
    assert rollen.rollen_met_recht("contractbeheer.add_maatregel") == {rollen.CONTRACTMANAGER}
    assert rollen.rollen_met_recht("contractbeheer.view_maatregel") == {rollen.CONTRACTMANAGER, rollen.INKOPER}
    assert rollen.rollen_met_recht("contractbeheer.change_boetesoort") == {rollen.CONTRACTMANAGER}


# --- a signal that leads to a measure -----------------------------------------------------------------------


def _signaal(ov, status=Signaal.Status.IN_BEHANDELING):
    return Signaal.objects.create(
        regio=ov.aanbesteding.regio, organisatie=ov.organisatie, overeenkomst=ov, bron=Signaal.Bron.GEMEENTE,
        onderwerp="Herhaald niet bereikbaar", omschrijving="Drie keer geen terugbelafspraak nagekomen.",
        status=status, ontvangen_op=kalender.nu(),
    )


def _maatregel(ov, door):
    return Maatregel.objects.create(
        overeenkomst=ov, trede=Trede.WAARSCHUWING, gronden="Herhaald niet bereikbaar.", grondslag="003 §7.11 lid 1",
        voornemen_op=kalender.nu(), zienswijze_uiterlijk=date(2026, 3, 16), opgesteld_door=door,
    )


def test_signaal_leidt_tot_maatregel(contractmanager):
    ab, bhl, _ = f.gooi()
    ov, _ = f.overeenkomst(ab, bhl)
    signaal, maatregel = _signaal(ov), _maatregel(ov, contractmanager)
    signaal = signaal_koppelen_aan_maatregel(signaal=signaal, maatregel=maatregel, door=contractmanager)
    assert signaal.status == Signaal.Status.MAATREGEL
    stap = Signaalstap.objects.get(signaal=signaal)
    assert (stap.soort, stap.door, stap.tekst) == (Signaalstap.Soort.MAATREGEL, contractmanager,
                                                   "Waarschuwing (voornemen).")
    assert AuditRegel.objects.filter(actie="contractbeheer.signaal_maatregel").count() == 1
    # A second measure on the same signal leaves it as it is.
    signaal_koppelen_aan_maatregel(signaal=signaal, maatregel=_maatregel(ov, contractmanager), door=contractmanager)
    assert Signaalstap.objects.filter(signaal=signaal).count() == 1


def test_signaal_zonder_triage_of_over_een_ander_geweigerd(contractmanager, contractmanager_b):
    ab, bhl, _ = f.gooi()
    ov, _ = f.overeenkomst(ab, bhl)
    ander, _ = f.overeenkomst(ab, bhl, naam="Andere Aanbieder")
    with pytest.raises(ValidationError):  # not triaged: ONTVANGEN cannot go to MAATREGEL
        signaal_koppelen_aan_maatregel(signaal=_signaal(ov, Signaal.Status.ONTVANGEN),
                                       maatregel=_maatregel(ov, contractmanager), door=contractmanager)
    with pytest.raises(ValidationError, match="andere aanbieder"):
        signaal_koppelen_aan_maatregel(signaal=_signaal(ov), maatregel=_maatregel(ander, contractmanager),
                                       door=contractmanager)
    with pytest.raises(PermissionDenied):  # a contract manager of another region
        signaal_koppelen_aan_maatregel(signaal=_signaal(ov), maatregel=_maatregel(ov, contractmanager),
                                       door=contractmanager_b)
    assert not Signaal.objects.filter(status=Signaal.Status.MAATREGEL).exists()


# --- the work list's box "Monitoring en handhaving: wacht op het bureau" -----------------------------------


def test_werklijst_telt_wat_op_het_bureau_wacht(client, contractmanager_a, contractmanager_b, regio_a,
                                                django_assert_max_num_queries):
    from django.urls import reverse

    from contractbeheer.models import Contractgesprek, Gespreksactie
    from contractbeheer.selectors import handhaving_tellingen

    ab, bhl, _ = f.gooi(regio_a)
    ov, _ = f.overeenkomst(ab, bhl)
    vandaag = kalender.vandaag()
    _signaal(ov, Signaal.Status.ONTVANGEN)
    _signaal(ov, Signaal.Status.IN_BEHANDELING)
    _signaal(ov, Signaal.Status.NIET_ONTVANKELIJK)  # done: not counted
    verlopen = _maatregel(ov, contractmanager_a)  # zienswijze period 16-03-2026 has passed: a decision is due
    Maatregel.objects.filter(pk=verlopen.pk).update(zienswijze_uiterlijk=vandaag - timedelta(days=1))
    open_termijn = _maatregel(ov, contractmanager_a)  # still open: not yet the bureau's turn
    Maatregel.objects.filter(pk=open_termijn.pk).update(zienswijze_uiterlijk=vandaag + timedelta(days=3))
    gesprek = Contractgesprek.objects.create(overeenkomst=ov, gepland_op=kalender.nu(), status="gehouden",
                                             verslag="Verslag")
    Gespreksactie.objects.create(gesprek=gesprek, omschrijving="Wachtlijst opschonen", eigenaar="aanbieder",
                                 uiterlijk=vandaag - timedelta(days=2))
    Gespreksactie.objects.create(gesprek=gesprek, omschrijving="Later", eigenaar="bureau",
                                 uiterlijk=vandaag + timedelta(days=2))
    with django_assert_max_num_queries(6):
        tellingen = {t.label: t.aantal for t in handhaving_tellingen(contractmanager_a, vandaag)}
    assert tellingen == {"Signalen te behandelen": 2, "Maatregelen waarover een besluit nodig is": 1,
                         "Beddenoverzichten te beoordelen": 0, "Acties uit contractgesprekken over de datum": 1}
    # Another region's contract manager sees nothing of it.
    assert {t.aantal for t in handhaving_tellingen(contractmanager_b, vandaag)} == {0}
    client.force_login(contractmanager_a)
    html = client.get(reverse("contractbeheer_admin_werklijst")).content.decode()
    assert "Signalen te behandelen: <strong>2</strong>" in html
    assert "Beddenoverzichten te beoordelen: 0" in html


# --- the provider's duties: an open zienswijze period and its own actions from a contract talk --------------


def test_zienswijze_en_acties_bij_de_verplichtingen_van_de_aanbieder(contractmanager_a, regio_a):
    from contractbeheer.models import Contractgesprek, Gespreksactie
    from contractbeheer.selectors import verplichtingen_van

    ab, bhl, _ = f.gooi(regio_a)
    ov, _ = f.overeenkomst(ab, bhl)
    vandaag = kalender.vandaag()
    open_termijn = _maatregel(ov, contractmanager_a)
    Maatregel.objects.filter(pk=open_termijn.pk).update(zienswijze_uiterlijk=vandaag + timedelta(days=3))
    verlopen = _maatregel(ov, contractmanager_a)
    Maatregel.objects.filter(pk=verlopen.pk).update(zienswijze_uiterlijk=vandaag - timedelta(days=1))
    gesprek = Contractgesprek.objects.create(overeenkomst=ov, gepland_op=kalender.nu(), status="gehouden",
                                             verslag="Verslag")
    eigen = Gespreksactie.objects.create(gesprek=gesprek, omschrijving="Wachtlijst opschonen", eigenaar="aanbieder",
                                         uiterlijk=vandaag - timedelta(days=2))
    Gespreksactie.objects.create(gesprek=gesprek, omschrijving="Cijfers nasturen", eigenaar="bureau",
                                 uiterlijk=vandaag)  # the bureau's own action is no duty of the provider
    plichten = {(v.soort, v.pk): v for v in verplichtingen_van(ov.organisatie, vandaag)}
    assert set(plichten) == {("zienswijze", open_termijn.pk), ("gespreksactie", eigen.pk)}
    zienswijze = plichten[("zienswijze", open_termijn.pk)]
    # A zienswijze is a right, not a duty: never "te laat"; a passed period leaves the list.
    assert (zienswijze.uiterlijk, zienswijze.te_laat, zienswijze.actie) == (vandaag + timedelta(days=3), False,
                                                                            "Zienswijze geven")
    assert zienswijze.url.endswith(f"/maatregelen/{open_termijn.pk}/")
    actie = plichten[("gespreksactie", eigen.pk)]
    assert (actie.te_laat, actie.dagen_te_laat, actie.soort_label) == (True, 2, "Actie uit een contractgesprek")
    assert actie.url.endswith(f"/gesprekken/{gesprek.pk}/")
