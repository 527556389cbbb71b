"""Group-related bidders flagged to the panel (issue 19; 003 r.647-659, art. 2:24b BW): the same group KvK on two
bids of one procedure, or one bidder named as a member of another's bid. Read-only, shown on the toetsing page
and in the queue, in a constant number of queries."""

from datetime import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.kalender import TZ
from inschrijving.models import Inschrijving, Lid
from tests.factories import OrganisatieFactory
from toetsing import selectors

from .factories import AanbestedingFactory, InschrijvingFactory

HOLDING = "30123456"  # the group's top holding


def _org(naam, groep=""):
    return OrganisatieFactory(naam=naam, groep_kvk=groep)


def _teksten(uitkomst, insch):
    return [v.tekst for v in uitkomst[insch.pk]]


def test_zelfde_groep_wordt_bij_beide_inschrijvingen_gemeld(procedure, maak_inschrijving):
    a = maak_inschrijving(organisatie=_org("Jeugdzorg Gooi B.V.", HOLDING))
    b = maak_inschrijving(organisatie=_org("Jeugdzorg Vechtstreek B.V.", HOLDING))
    los = maak_inschrijving(organisatie=_org("Praktijk Zelfstandig"))
    uitkomst = selectors.verbonden_inschrijvers([a, b, los])
    assert _teksten(uitkomst, a) == [
        "Mogelijk verbonden inschrijver: Jeugdzorg Vechtstreek B.V. (zelfde groep, art. 2:24b BW, 003 r.647)"]
    assert _teksten(uitkomst, b) == [
        "Mogelijk verbonden inschrijver: Jeugdzorg Gooi B.V. (zelfde groep, art. 2:24b BW, 003 r.647)"]
    assert uitkomst[los.pk] == []


def test_de_houdstermaatschappij_zelf_is_ook_dezelfde_groep(procedure, maak_inschrijving):
    holding = OrganisatieFactory(naam="Jeugdzorg Holding B.V.", kvk_nummer=HOLDING)
    a = maak_inschrijving(organisatie=holding)
    b = maak_inschrijving(organisatie=_org("Jeugdzorg Gooi B.V.", HOLDING))
    assert _teksten(selectors.verbonden_inschrijvers([a]), a) == [
        "Mogelijk verbonden inschrijver: Jeugdzorg Gooi B.V. (zelfde groep, art. 2:24b BW, 003 r.647)"]
    assert len(selectors.verbonden_inschrijvers([b])[b.pk]) == 1


def test_inschrijver_als_lid_van_een_andere_inschrijving(procedure, maak_inschrijving):
    a_org = _org("Jeugdzorg Gooi B.V.")
    a = maak_inschrijving(organisatie=a_org)
    b = maak_inschrijving(organisatie=_org("Combinatie Vechtstreek"))
    Lid.objects.create(inschrijving=b, rol=Lid.Rol.ONDERAANNEMER, naam=a_org.naam, kvk_nummer=a_org.kvk_nummer)
    uitkomst = selectors.verbonden_inschrijvers([a, b])
    assert _teksten(uitkomst, a) == [
        f"Mogelijk verbonden inschrijver: Combinatie Vechtstreek (KvK {a_org.kvk_nummer} staat als onderaannemer in "
        f"die inschrijving, 003 r.647)"]
    assert _teksten(uitkomst, b) == [
        f"Mogelijk verbonden inschrijver: Jeugdzorg Gooi B.V. (KvK {a_org.kvk_nummer} staat als onderaannemer in "
        f"deze inschrijving, 003 r.647)"]


def test_groeps_kvk_als_combinant_van_een_andere_inschrijving(procedure, maak_inschrijving):
    a = maak_inschrijving(organisatie=_org("Jeugdzorg Gooi B.V.", HOLDING))
    b = maak_inschrijving(organisatie=_org("Combinatie Vechtstreek"))
    Lid.objects.create(inschrijving=b, rol=Lid.Rol.COMBINANT, naam="Jeugdzorg Holding B.V.", kvk_nummer=HOLDING)
    assert _teksten(selectors.verbonden_inschrijvers([a]), a) == [
        f"Mogelijk verbonden inschrijver: Combinatie Vechtstreek (KvK {HOLDING} staat als lid van de combinatie in "
        f"die inschrijving, 003 r.647)"]


def test_niet_gemeld_buiten_de_procedure_concept_ingetrokken_of_verzegeld(procedure, maak_inschrijving):
    a = maak_inschrijving(organisatie=_org("Jeugdzorg Gooi B.V.", HOLDING))
    # Another procedure, a draft and a withdrawn bid of the same group: not competing bids of this procedure.
    InschrijvingFactory(aanbesteding=AanbestedingFactory(), organisatie=_org("Ander 1", HOLDING))
    InschrijvingFactory(aanbesteding=a.aanbesteding, organisatie=_org("Ander 2", HOLDING),
                        status=Inschrijving.Status.CONCEPT, ingediend_op=None)
    InschrijvingFactory(aanbesteding=a.aanbesteding, organisatie=_org("Ander 3", HOLDING),
                        status=Inschrijving.Status.INGETROKKEN)
    # A bid in a window that has not closed: the vault keeps even its existence hidden (003a §3.2).
    from aanbesteding.models import Toetredingsmoment

    venster = Toetredingsmoment.objects.create(
        aanbesteding=a.aanbesteding, naam="Venster 2099", soort=Toetredingsmoment.Soort.VENSTER,
        opent_op=datetime(2026, 1, 1, tzinfo=TZ), sluit_op=datetime(2099, 1, 1, tzinfo=TZ))
    InschrijvingFactory(aanbesteding=a.aanbesteding, organisatie=_org("Ander 4", HOLDING), toetredingsmoment=venster)
    assert selectors.verbonden_inschrijvers([a]) == {a.pk: []}
    assert selectors.verbonden_inschrijvers([]) == {}


def test_besloten_inschrijving_van_dezelfde_groep_telt_wel(procedure, maak_inschrijving):
    a = maak_inschrijving(organisatie=_org("Jeugdzorg Gooi B.V.", HOLDING))
    maak_inschrijving(organisatie=_org("Jeugdzorg Vechtstreek B.V.", HOLDING), status=Inschrijving.Status.BESLOTEN)
    assert len(selectors.verbonden_inschrijvers([a])[a.pk]) == 1


def test_toetsingsscherm_toont_de_waarschuwing(client, procedure, maak_inschrijving, inkoper):
    a = maak_inschrijving(organisatie=_org("Jeugdzorg Gooi B.V.", HOLDING))
    b = maak_inschrijving(organisatie=_org("Jeugdzorg Vechtstreek B.V.", HOLDING))
    client.force_login(inkoper)
    html = client.get(reverse("toetsing_inschrijving", args=[a.pk])).content.decode()
    assert ("Mogelijk verbonden inschrijver: Jeugdzorg Vechtstreek B.V. (zelfde groep, art. 2:24b BW, 003 r.647)"
            in html)
    assert reverse("toetsing_inschrijving", args=[b.pk]) in html


def test_toetsingsscherm_zonder_verbinding_toont_geen_waarschuwing(client, procedure, maak_inschrijving, inkoper):
    a = maak_inschrijving(organisatie=_org("Jeugdzorg Gooi B.V.", HOLDING))
    maak_inschrijving(organisatie=_org("Praktijk Zelfstandig"))
    client.force_login(inkoper)
    assert "Mogelijk verbonden" not in client.get(reverse("toetsing_inschrijving", args=[a.pk])).content.decode()


def _aantal(client, url):
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
        assert antwoord.status_code == 200
    return len(ctx.captured_queries), antwoord.content.decode()


def test_wachtrij_toont_de_waarschuwing_zonder_query_per_rij(client, procedure, maak_inschrijving, inkoper):
    maak_inschrijving(organisatie=_org("Jeugdzorg Gooi B.V.", HOLDING))
    maak_inschrijving(organisatie=_org("Jeugdzorg Vechtstreek B.V.", HOLDING))
    url = reverse("toetsing_wachtrij", args=[procedure["aanbesteding"].pk])
    client.force_login(inkoper)
    client.get(url)  # warm the session and content-type caches
    weinig, html = _aantal(client, url)
    assert html.count("Mogelijk verbonden inschrijver:") == 2
    for i in range(12):
        org = _org(f"Groepslid {i}", "30999999")
        insch = maak_inschrijving(organisatie=org)
        Lid.objects.create(inschrijving=insch, rol=Lid.Rol.ONDERAANNEMER, naam=f"Onder {i}", kvk_nummer=f"4000000{i % 10}")
    meer, html = _aantal(client, url)
    assert meer == weinig
    assert "Mogelijk verbonden inschrijver: Groepslid 11 (zelfde groep" in html
