"""Every legal status move of the SROI aggregates walked through the services, every illegal one tried through
the services (ADR 0009, ARCHITECTURE.md rule 12).

The tables are read from the models, so a move added to a table without a service (or a service that moves
outside the table) makes these tests fail. Each legal move must leave the new status and one audit entry with
the old and new status; each illegal move must raise a ValidationError and leave the stored status as it was.
"""

from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.core.exceptions import ValidationError

from core.models import AuditRegel
from sroi import services
from sroi.models import SroiActiviteit, SroiPlan, SroiRapportage
from tests.sroi.conftest import APRIL_2020
from tests.sroi.factories import pdf_upload

Plan, Act, Rap = SroiPlan.Status, SroiActiviteit.Status, SroiRapportage.Status


def _auditregel(obj, actie):
    regels = list(AuditRegel.objects.voor_object(obj).filter(actie=actie))
    assert len(regels) == 1, f"verwacht precies één auditregel {actie} voor {obj}"
    return regels[0]


# ------------------------------------------------------------------------------------------------ the tables


def test_plan_tabel():
    assert set(SroiPlan.OVERGANGEN.overgangen()) == {
        (Plan.INGEDIEND, Plan.GOEDGEKEURD),
        (Plan.INGEDIEND, Plan.AFGEWEZEN),
    }
    assert SroiPlan.OVERGANGEN.begin == {Plan.INGEDIEND}
    assert SroiPlan.OVERGANGEN.eindtoestanden == {Plan.GOEDGEKEURD, Plan.AFGEWEZEN}


def test_activiteit_tabel():
    assert set(SroiActiviteit.OVERGANGEN.overgangen()) == {
        (Act.GEREGISTREERD, Act.GOEDGEKEURD),
        (Act.GEREGISTREERD, Act.AFGEWEZEN),
    }
    assert SroiActiviteit.OVERGANGEN.begin == {Act.GEREGISTREERD}


def test_rapportage_tabel():
    # 002 B4 Fase II b: the adviser may ask for contracts and payslips; the provider answers by re-submitting.
    assert set(SroiRapportage.OVERGANGEN.overgangen()) == {
        (Rap.OPEN, Rap.INGEDIEND),
        (Rap.INGEDIEND, Rap.BEWIJS_GEVRAAGD),
        (Rap.INGEDIEND, Rap.GEVERIFIEERD),
        (Rap.BEWIJS_GEVRAAGD, Rap.INGEDIEND),
    }
    assert SroiRapportage.OVERGANGEN.begin == {Rap.OPEN}
    assert SroiRapportage.OVERGANGEN.eindtoestanden == {Rap.GEVERIFIEERD}


@pytest.mark.parametrize("model", [SroiPlan, SroiActiviteit, SroiRapportage])
def test_nieuwe_rij_begint_in_een_begintoestand(model):
    assert model._meta.get_field("status").default in model.OVERGANGEN.begin


# ------------------------------------------------------------------------------------------------------ plan


@pytest.fixture
def plan_in(gooi_overeenkomst, aanbieder_medewerker, sroi_adviseur):
    """A plan brought into ``toestand`` by the services only."""

    def _plan_in(toestand):
        plan = services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(2), door=aanbieder_medewerker)
        if toestand == Plan.GOEDGEKEURD:
            plan = services.plan_beoordelen(plan=plan, goedkeuren=True, door=sroi_adviseur)
        elif toestand == Plan.AFGEWEZEN:
            plan = services.plan_beoordelen(plan=plan, goedkeuren=False, reden="Niet SMART", door=sroi_adviseur)
        assert SroiPlan.objects.get(pk=plan.pk).status == toestand
        return plan

    return _plan_in


def _plan_naar(plan, naar, door):
    return services.plan_beoordelen(plan=plan, goedkeuren=naar == Plan.GOEDGEKEURD, reden="Toelichting", door=door)


@pytest.mark.parametrize(("van", "naar"), sorted(SroiPlan.OVERGANGEN.overgangen()))
def test_plan_toegestane_stap_via_service(plan_in, sroi_adviseur, van, naar):
    plan = plan_in(van)
    _plan_naar(plan, naar, sroi_adviseur)
    plan.refresh_from_db()
    assert plan.status == naar
    assert plan.beoordeeld_door == sroi_adviseur and plan.beoordeeld_op is not None
    regel = _auditregel(plan, "sroi.plan_beoordeeld")
    assert regel.oude_waarden == {"status": van} and regel.nieuwe_waarden == {"status": naar}
    assert regel.actor == sroi_adviseur


_PLAN_VERBODEN = [(van, naar) for van, naar in SroiPlan.OVERGANGEN.verboden() if naar != Plan.INGEDIEND]


@pytest.mark.parametrize(("van", "naar"), _PLAN_VERBODEN)
def test_plan_verboden_stap_via_service_geweigerd(plan_in, sroi_adviseur, van, naar):
    plan = plan_in(van)
    with pytest.raises(ValidationError, match="al beoordeeld") as fout:
        _plan_naar(plan, naar, sroi_adviseur)
    assert fout.value.code == "ongeldige_overgang"
    assert SroiPlan.objects.get(pk=plan.pk).status == van
    assert AuditRegel.objects.voor_object(plan).filter(actie="sroi.plan_beoordeeld").count() == (van != Plan.INGEDIEND)


@pytest.mark.parametrize("van", [Plan.GOEDGEKEURD, Plan.AFGEWEZEN])
def test_beoordeeld_plan_wordt_niet_heropend_maar_een_nieuw_plan_ingediend(plan_in, gooi_overeenkomst,
                                                                             aanbieder_medewerker, van):
    """No service moves a plan back to 'ingediend': a new plan is a new row, the judged one stays as judged."""
    oud = plan_in(van)
    nieuw = services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(1), door=aanbieder_medewerker)
    assert nieuw.pk != oud.pk and nieuw.status == Plan.INGEDIEND
    assert SroiPlan.objects.get(pk=oud.pk).status == van


def test_geen_tweede_plan_terwijl_er_een_ter_beoordeling_ligt(plan_in, gooi_overeenkomst, aanbieder_medewerker):
    plan_in(Plan.INGEDIEND)
    with pytest.raises(ValidationError, match="al een plan ter beoordeling"):
        services.plan_indienen(overeenkomst=gooi_overeenkomst, bestand=pdf_upload(1), door=aanbieder_medewerker)
    assert SroiPlan.objects.filter(overeenkomst=gooi_overeenkomst).count() == 1


# ------------------------------------------------------------------------------------------------ activities


@pytest.fixture
def activiteit_in(c_activiteit, sroi_adviseur):
    def _activiteit_in(toestand):
        if toestand == Act.GOEDGEKEURD:
            services.activiteit_beoordelen(activiteit=c_activiteit, goedkeuren=True, door=sroi_adviseur)
        elif toestand == Act.AFGEWEZEN:
            services.activiteit_beoordelen(activiteit=c_activiteit, goedkeuren=False, reden="Geen factuur",
                                           door=sroi_adviseur)
        c_activiteit.refresh_from_db()
        assert c_activiteit.status == toestand
        return c_activiteit

    return _activiteit_in


def _activiteit_naar(act, naar, door):
    return services.activiteit_beoordelen(activiteit=act, goedkeuren=naar == Act.GOEDGEKEURD, reden="Toelichting",
                                          door=door)


@pytest.mark.parametrize(("van", "naar"), sorted(SroiActiviteit.OVERGANGEN.overgangen()))
def test_activiteit_toegestane_stap_via_service(activiteit_in, sroi_adviseur, van, naar):
    act = activiteit_in(van)
    _activiteit_naar(act, naar, sroi_adviseur)
    act.refresh_from_db()
    assert act.status == naar and act.beoordeeld_door == sroi_adviseur
    regel = _auditregel(act, "sroi.activiteit_beoordeeld")
    assert regel.oude_waarden == {"status": van} and regel.nieuwe_waarden == {"status": naar}
    assert regel.toelichting == "Toelichting"


_ACT_VERBODEN = [(van, naar) for van, naar in SroiActiviteit.OVERGANGEN.verboden() if naar != Act.GEREGISTREERD]


@pytest.mark.parametrize(("van", "naar"), _ACT_VERBODEN)
def test_activiteit_verboden_stap_via_service_geweigerd(activiteit_in, sroi_adviseur, van, naar):
    act = activiteit_in(van)
    waarde = act.waarde
    with pytest.raises(ValidationError, match="al beoordeeld") as fout:
        services.activiteit_beoordelen(activiteit=act, goedkeuren=naar == Act.GOEDGEKEURD, reden="Nog eens",
                                       waarde=D("1"), door=sroi_adviseur)
    assert fout.value.code == "ongeldige_overgang"
    opnieuw = SroiActiviteit.objects.get(pk=act.pk)
    assert opnieuw.status == van and opnieuw.waarde == waarde and opnieuw.reden != "Nog eens"


@pytest.mark.parametrize("van", [Act.GOEDGEKEURD, Act.AFGEWEZEN])
def test_beoordeelde_activiteit_gaat_niet_terug_en_wordt_niet_verwijderd(activiteit_in, aanbieder_medewerker, van):
    """No service moves an activity back to 'geregistreerd'; withdrawing a judged one is refused too."""
    act = activiteit_in(van)
    with pytest.raises(ValidationError, match="al gerapporteerd of beoordeeld"):
        services.activiteit_verwijderen(activiteit=act, door=aanbieder_medewerker)
    assert SroiActiviteit.objects.get(pk=act.pk).status == van


# --------------------------------------------------------------------------------------------------- reports


@pytest.fixture
def rapportage_in(q1_2020, indienen, sroi_adviseur):
    def _rapportage_in(toestand):
        if toestand != Rap.OPEN:
            indienen(q1_2020)
        if toestand == Rap.BEWIJS_GEVRAAGD:
            services.rapportage_bewijs_vragen(rapportage=q1_2020, verzoek="Loonstroken maart", door=sroi_adviseur)
        elif toestand == Rap.GEVERIFIEERD:
            services.rapportage_verifieren(rapportage=q1_2020, door=sroi_adviseur)
        q1_2020.refresh_from_db()
        assert q1_2020.status == toestand
        return q1_2020

    return _rapportage_in


def _rapportage_naar(rap, naar, *, aanbieder, adviseur):
    """The one service that tries to move a report to ``naar``; returns the audit action it writes."""
    if naar == Rap.INGEDIEND:
        with time_machine.travel(APRIL_2020, tick=False):
            services.rapportage_indienen(rapportage=rap, door=aanbieder, toelichting="Aangevuld")
        return "sroi.rapportage_aangevuld" if rap.status == Rap.BEWIJS_GEVRAAGD else "sroi.rapportage_ingediend"
    if naar == Rap.BEWIJS_GEVRAAGD:
        services.rapportage_bewijs_vragen(rapportage=rap, verzoek="Stuur de contracten", door=adviseur)
        return "sroi.rapportage_bewijs_gevraagd"
    if naar == Rap.GEVERIFIEERD:
        services.rapportage_verifieren(rapportage=rap, door=adviseur, opmerking="Akkoord")
        return "sroi.rapportage_geverifieerd"
    raise AssertionError(f"geen service verzet een rapportage naar {naar}")


@pytest.mark.parametrize(("van", "naar"), sorted(SroiRapportage.OVERGANGEN.overgangen()))
def test_rapportage_toegestane_stap_via_service(rapportage_in, aanbieder_medewerker, sroi_adviseur, van, naar):
    rap = rapportage_in(van)
    actie = _rapportage_naar(rap, naar, aanbieder=aanbieder_medewerker, adviseur=sroi_adviseur)
    rap.refresh_from_db()
    assert rap.status == naar
    regel = AuditRegel.objects.voor_object(rap).filter(actie=actie).order_by("-id").first()
    assert regel is not None
    assert regel.oude_waarden["status"] == van and regel.nieuwe_waarden["status"] == naar


_RAP_VERBODEN = [(van, naar) for van, naar in SroiRapportage.OVERGANGEN.verboden() if naar != Rap.OPEN]


@pytest.mark.parametrize(("van", "naar"), _RAP_VERBODEN)
def test_rapportage_verboden_stap_via_service_geweigerd(rapportage_in, aanbieder_medewerker, sroi_adviseur, van, naar):
    rap = rapportage_in(van)
    regels_voor = AuditRegel.objects.voor_object(rap).count()
    with pytest.raises(ValidationError) as fout:
        _rapportage_naar(rap, naar, aanbieder=aanbieder_medewerker, adviseur=sroi_adviseur)
    assert fout.value.code == "ongeldige_overgang"
    assert SroiRapportage.objects.get(pk=rap.pk).status == van
    assert AuditRegel.objects.voor_object(rap).count() == regels_voor


def test_alleen_begintoestanden_hebben_geen_service_als_doel():
    """The illegal moves left out above all lead into a begin state, which only creation reaches."""
    for model, weggelaten in ((SroiPlan, Plan.INGEDIEND), (SroiActiviteit, Act.GEREGISTREERD), (SroiRapportage, Rap.OPEN)):
        assert model.OVERGANGEN.begin == {weggelaten}
        assert not model.OVERGANGEN.bronnen(weggelaten)


@pytest.mark.parametrize("van", [Rap.INGEDIEND, Rap.BEWIJS_GEVRAAGD, Rap.GEVERIFIEERD])
def test_rapportages_bijwerken_zet_geen_ingediende_rapportage_terug(rapportage_in, mlo_overeenkomst, van):
    """A report that left 'open' keeps its state and period when the agreement ends early afterwards."""
    rap = rapportage_in(van)
    with time_machine.travel(APRIL_2020, tick=False):
        services.rapportages_bijwerken(mlo_overeenkomst)
    rap.refresh_from_db()
    assert rap.status == van and rap.periode_einde == date(2020, 3, 31)


def test_aangevulde_rapportage_behoudt_bevroren_inhoud(rapportage_in, registreer, aanbieder_medewerker, sroi_adviseur):
    rap = rapportage_in(Rap.BEWIJS_GEVRAAGD)
    inhoud = rap.bevroren_inhoud
    registreer("b1", startdatum=date(2020, 2, 3))  # added after submission: not part of what was reported
    _rapportage_naar(rap, Rap.INGEDIEND, aanbieder=aanbieder_medewerker, adviseur=sroi_adviseur)
    rap.refresh_from_db()
    assert rap.status == Rap.INGEDIEND
    assert rap.bevroren_inhoud == inhoud and rap.toelichting == "Aangevuld"
