"""The evaluation of an admitted innovatievoorstel (002 PB 1.2 r. 573: "binnen een jaar een evaluatie"; ADR 0022):
planned on the definitive admission through the existing hand-over signal (and the daily catch-up), due 12 months
after the start of the deelname, shown to the provider among its duties, recorded once by the bureau with a reason,
audited, region-scoped."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aanbesteding.models import Perceel
from contractbeheer import selectors
from contractbeheer.models import InnovatieEvaluatie
from contractbeheer.services import innovatie as services
from contractbeheer.tasks.herinneringen import dagelijks
from core.kalender import TZ
from core.models import AuditRegel
from inschrijving.models import Innovatievoorstel, Inschrijving, InschrijvingPerceel
from organisaties.models import Rol
from overeenkomst.models import Overeenkomst
from overeenkomst.services import overeenkomst_uit_toelating
from tests.factories import LidmaatschapFactory, OrganisatieFactory
from tests.inschrijving.factories import InschrijvingFactory, PerceelFactory
from toetsing.signals import definitief_toegelaten

from . import factories as f

pytestmark = pytest.mark.django_db

START = date(2026, 3, 10)
NU = datetime(2026, 3, 12, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(NU, tick=False):
        yield


def _route(regio):
    """MLO in ``regio`` with perceel 1.2 Overige Jeugdhulp (innovation route) and an admitted proposal of a provider."""
    ab, perceel, _ = f.mlo(regio=regio)
    route = PerceelFactory(aanbesteding=ab, code="1.2", naam="Overige Jeugdhulp", volgorde=9)
    Perceel.objects.filter(pk=route.pk).update(innovatieroute=True)
    route.refresh_from_db()
    org = OrganisatieFactory(naam=f"Jeugdpunt {regio.slug}")
    lid = LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER).user
    insch = InschrijvingFactory(aanbesteding=ab, organisatie=org, status=Inschrijving.Status.BESLOTEN, ingediend_op=NU)
    InschrijvingPerceel.objects.create(inschrijving=insch, perceel=route, toegelaten=True)
    voorstel = Innovatievoorstel.objects.create(
        inschrijving=insch, perceel=route, productnaam="Thuis Sterk", ambulant_alternatief=True, duur_weken=12,
        max_afwijking_duur_pct=Decimal("25"), tarief=Decimal("7800"), tarief_per="traject",
    )
    return ab, route, org, lid, voorstel


@pytest.fixture
def a(regio_a):
    return _route(regio_a)


@pytest.fixture
def b(regio_b):
    return _route(regio_b)


def _toelaten(ab, route, org):
    """The hand-over as toetsing sends it after the standstill (ADR 0002)."""
    definitief_toegelaten.send(sender=None, besluit=None, organisatie=org, aanbesteding=ab, percelen=[route],
                               startdatum=START)
    return Overeenkomst.objects.get(aanbesteding=ab, organisatie=org)


def test_toelating_plant_de_evaluatie_binnen_twaalf_maanden(a):
    ab, route, org, _, voorstel = a
    ovk = _toelaten(ab, route, org)
    e = InnovatieEvaluatie.objects.get()
    assert (e.overeenkomst, e.voorstel, e.toegelaten_op, e.uiterlijk) == (ovk, voorstel, START, date(2027, 3, 10))
    assert e.status == InnovatieEvaluatie.Status.GEPLAND and e.uitkomst == ""
    regel = AuditRegel.objects.get(actie="contractbeheer.innovatie_evaluatie_gepland")
    assert regel.nieuwe_waarden["uiterlijk"] == "2027-03-10"


@pytest.mark.parametrize(("start", "uiterlijk"), [
    (date(2026, 1, 31), date(2027, 1, 31)),
    (date(2028, 2, 29), date(2029, 2, 28)),  # leap day: the month's last day (core.kalender.plus_maanden)
])
def test_twaalf_kalendermaanden(start, uiterlijk):
    assert services.uiterlijk_voor(start) == uiterlijk


def test_gewone_toelating_plant_niets(a):
    ab, route, org, _, _ = a
    gewoon = ab.percelen.exclude(pk=route.pk).first()
    definitief_toegelaten.send(sender=None, besluit=None, organisatie=org, aanbesteding=ab, percelen=[gewoon],
                               startdatum=START)
    assert Overeenkomst.objects.filter(organisatie=org).exists()
    assert not InnovatieEvaluatie.objects.exists()


def test_ontvanger_kijkt_alleen_naar_percelen_met_innovatieroute(a):
    ab, route, org, _, _ = a
    overeenkomst_uit_toelating(organisatie=org, aanbesteding=ab, percelen=[route], startdatum=START, bron="test")
    gewoon = ab.percelen.exclude(pk=route.pk).first()
    services.bij_definitieve_toelating(None, organisatie=org, aanbesteding=ab, percelen=[gewoon], startdatum=START)
    assert not InnovatieEvaluatie.objects.exists()
    services.bij_definitieve_toelating(None, organisatie=org, aanbesteding=ab, percelen=[route], startdatum=START)
    assert InnovatieEvaluatie.objects.get().uiterlijk == date(2027, 3, 10)


def test_niet_toegelaten_voorstel_krijgt_geen_evaluatie(a):
    ab, route, org, _, _ = a
    InschrijvingPerceel.objects.filter(perceel=route).update(toegelaten=False)
    _toelaten(ab, route, org)
    assert not InnovatieEvaluatie.objects.exists()


def test_inhaalslag_is_idempotent(a):
    ab, route, org, _, _ = a
    # The signal got lost: the agreement exists, the evaluation not yet.
    overeenkomst_uit_toelating(organisatie=org, aanbesteding=ab, percelen=[route], startdatum=START, bron="test")
    assert not InnovatieEvaluatie.objects.exists()
    assert dagelijks()["innovatie_evaluaties"] == 1
    assert dagelijks()["innovatie_evaluaties"] == 0
    assert services.evaluaties_plannen() == []
    assert InnovatieEvaluatie.objects.count() == 1


def test_aanbieder_ziet_de_evaluatie_bij_zijn_verplichtingen(a, b, client):
    for ab, route, org, _, _ in (a, b):
        _toelaten(ab, route, org)
    _, _, org, lid, _ = a
    e = InnovatieEvaluatie.objects.get(overeenkomst__organisatie=org)
    rijen = [v for v in selectors.verplichtingen_van(org, date(2026, 3, 12)) if v.soort == "innovatie_evaluatie"]
    assert [(v.pk, v.titel, v.uiterlijk, v.te_laat) for v in rijen] == [(e.pk, "Evaluatie van Thuis Sterk",
                                                                         date(2027, 3, 10), False)]
    laat = [v for v in selectors.verplichtingen_van(org, date(2027, 3, 11)) if v.soort == "innovatie_evaluatie"]
    assert (laat[0].te_laat, laat[0].dagen_te_laat) == (True, 1)
    client.force_login(lid)
    html = client.get(reverse("contractbeheer:verplichtingen")).content.decode()
    assert "Evaluatie van Thuis Sterk" in html
    pagina = client.get(reverse("contractbeheer:innovatie_evaluatie", args=[e.pk])).content.decode()
    assert "10-03-2027" in pagina and "voort te zetten, aan te passen of te beëindigen" in pagina
    andere = InnovatieEvaluatie.objects.exclude(pk=e.pk).get()
    assert client.get(reverse("contractbeheer:innovatie_evaluatie", args=[andere.pk])).status_code == 404


def test_bureau_legt_de_uitkomst_eenmaal_vast(a, contractmanager_a):
    ab, route, org, _, _ = a
    _toelaten(ab, route, org)
    e = InnovatieEvaluatie.objects.get()
    with pytest.raises(ValidationError, match="Licht de uitkomst"):
        services.uitkomst_vastleggen(evaluatie=e, uitkomst="voortzetten", toelichting="  ", door=contractmanager_a)
    with pytest.raises(ValidationError, match="Kies een uitkomst"):
        services.uitkomst_vastleggen(evaluatie=e, uitkomst="verlengen", toelichting="x", door=contractmanager_a)
    e = services.uitkomst_vastleggen(evaluatie=e, uitkomst="aanpassen", door=contractmanager_a,
                                     toelichting="Van toegevoegde waarde; de duur gaat naar tien weken.")
    assert (e.status, e.uitkomst, e.vastgesteld_door) == ("afgerond", "aanpassen", contractmanager_a)
    regel = AuditRegel.objects.get(actie="contractbeheer.innovatie_evaluatie_uitkomst",
                                   content_type=ContentType.objects.get_for_model(e), object_id=str(e.pk))
    assert regel.actor == contractmanager_a
    assert regel.nieuwe_waarden == {"status": "afgerond", "uitkomst": "aanpassen", "te_laat": False}
    with pytest.raises(PermissionDenied, match="al vastgelegd"):
        services.uitkomst_vastleggen(evaluatie=e, uitkomst="beeindigen", toelichting="Toch niet.",
                                     door=contractmanager_a)
    assert InnovatieEvaluatie.objects.get().uitkomst == "aanpassen"
    # A recorded evaluation leaves the provider's duties.
    assert not [v for v in selectors.verplichtingen_van(org, date(2026, 3, 12)) if v.soort == "innovatie_evaluatie"]


def test_alleen_beheer_van_de_eigen_regio(a, contractmanager_b, beoordelaar_a):
    ab, route, org, lid, _ = a
    _toelaten(ab, route, org)
    e = InnovatieEvaluatie.objects.get()
    for door in (contractmanager_b, beoordelaar_a, lid):
        with pytest.raises(PermissionDenied):
            services.uitkomst_vastleggen(evaluatie=e, uitkomst="voortzetten", toelichting="Goed.", door=door)
    assert InnovatieEvaluatie.objects.get().status == "gepland"


def test_beheerschermen(a, b, staff_client, contractmanager_a, beoordelaar_a):
    for ab, route, org, _, _ in (a, b):
        _toelaten(ab, route, org)
    eigen = InnovatieEvaluatie.objects.get(overeenkomst__aanbesteding=a[0])
    ander = InnovatieEvaluatie.objects.get(overeenkomst__aanbesteding=b[0])
    client = staff_client(contractmanager_a)
    lijst = client.get(reverse("contractbeheer_admin_innovatie")).content.decode()
    assert "Thuis Sterk" in lijst and "Jeugdpunt" in lijst and lijst.count("Thuis Sterk") == 1
    url = reverse("contractbeheer_admin_innovatie_evaluatie", args=[eigen.pk])
    assert client.get(url).status_code == 200
    assert client.get(reverse("contractbeheer_admin_innovatie_evaluatie", args=[ander.pk])).status_code == 404
    antwoord = client.post(url, {"uitkomst": "voortzetten", "toelichting": "Van toegevoegde waarde (002 r. 573)."})
    assert antwoord.status_code == 302
    assert InnovatieEvaluatie.objects.get(pk=eigen.pk).uitkomst == "voortzetten"
    assert "Voortzetten" in client.get(url).content.decode()
    geweigerd = staff_client(beoordelaar_a).get(reverse("contractbeheer_admin_innovatie"))
    assert geweigerd.status_code in (302, 403) and "Thuis Sterk" not in geweigerd.content.decode()


def test_lijst_in_vast_aantal_queries(regio_a, staff_client, contractmanager_a, django_assert_max_num_queries):
    for _ in range(3):
        ab, route, org, _, _ = _route(regio_a)
        _toelaten(ab, route, org)
    client = staff_client(contractmanager_a)
    client.get(reverse("contractbeheer_admin_innovatie"))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("contractbeheer_admin_innovatie")).status_code == 200
