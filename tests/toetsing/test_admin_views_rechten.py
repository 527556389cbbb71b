"""Who reaches which staff screen. A provider never enters the back office; an assessor reaches only the
inschrijvingen assigned to them (anything else is a 404, existence included); only the Inkoper manages and
decides. A refused request stores nothing (no audit row, no record) and POSTs need a CSRF token."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from core.models import AuditRegel
from toetsing import services
from toetsing.models import Besluit, Rechtsmiddel, Toewijzing

from ._hulp import nieuwe_beoordelaar


@pytest.fixture
def dossier(procedure, commissie, maak_inschrijving, volledig_beoordeeld, inkoper, beoordelaar):
    """One inschrijving decided, sent and under a kort geding; one just assigned to `beoordelaar`."""
    besloten = volledig_beoordeeld(maak_inschrijving())
    besluit = services.besluit_verzenden(besluit=services.besluit_nemen(inschrijving=besloten, door=inkoper), door=inkoper)
    rechtsmiddel = services.rechtsmiddel_registreren(besluit=besluit, soort="kort_geding", ingediend_op=date(2026, 3, 12),
                                                     door=inkoper)
    toegewezen = maak_inschrijving()
    [toewijzing] = services.toewijzen(inschrijvingen=[toegewezen], beoordelaars=[beoordelaar], door=inkoper)
    return {"aanbesteding": procedure["aanbesteding"], "mst": procedure["mst"], "besloten": besloten,
            "besluit": besluit, "rechtsmiddel": rechtsmiddel, "toegewezen": toegewezen, "toewijzing": toewijzing,
            "eis": procedure["eisen"]["U1"]}


def _staat():
    """What a refused request must leave untouched."""
    return (AuditRegel.objects.count(), Besluit.objects.count(), Rechtsmiddel.objects.filter(afgehandeld_op=None).count(),
            list(Toewijzing.objects.order_by("pk").values_list("status", flat=True)))


# url name -> (arguments from the dossier, POST data or None for a GET)
INKOPER_POSTS = {
    "toetsing_toewijzen": (lambda d: [d["aanbesteding"].pk], lambda d: {"inschrijvingen": [d["toegewezen"].pk]}),
    "toetsing_instelling": (lambda d: [d["aanbesteding"].pk], lambda d: {"min_beoordelaars": 1}),
    "toetsing_commissie_nieuw": (lambda d: [d["aanbesteding"].pk], lambda d: {"naam": "Nieuw"}),
    "toetsing_loting": (lambda d: [d["mst"].pk], lambda d: {}),
    "toetsing_besluit_verzenden": (lambda d: [d["besluit"].pk], lambda d: {}),
    "toetsing_rechtsmiddel": (lambda d: [d["besluit"].pk],
                              lambda d: {"soort": "bezwaar", "ingediend_op": "2026-03-13"}),
    "toetsing_rechtsmiddel_afhandelen": (lambda d: [d["rechtsmiddel"].pk], lambda d: {"afloop": "besluit_blijft"}),
    "toetsing_toewijzing_intrekken": (lambda d: [d["toewijzing"].pk], lambda d: {}),
    "toetsing_besluit_nemen": (lambda d: [d["toegewezen"].pk], lambda d: {}),
}

INSCHRIJVING_SCHERMEN = [
    ("toetsing_inschrijving", "get", {}),
    ("toetsing_verklaren", "post", {"geen_conflict": "ja"}),
    ("toetsing_afronden", "post", {}),
    ("toetsing_herstel", "post", {"vraag": "Stuur de VOG."}),
    ("toetsing_consensus", "get", {}),
    ("toetsing_consensus_vaststellen", "post", {}),
    ("toetsing_tijdlijn", "get", {}),
    ("toetsing_proces_verbaal", "get", {}),
]


@pytest.mark.parametrize("naam", sorted(INKOPER_POSTS))
def test_beoordelaar_mag_niet_beheren(client, dossier, beoordelaar, naam):
    args, data = INKOPER_POSTS[naam]
    voor = _staat()
    client.force_login(beoordelaar)
    r = client.post(reverse(naam, args=args(dossier)), data(dossier))
    # Wagtail turns PermissionDenied into a redirect to the admin home with a message.
    assert (r.status_code, r.url) == (302, "/admin/")
    assert _staat() == voor


@pytest.mark.parametrize("naam", sorted(INKOPER_POSTS))
def test_aanbieder_komt_nergens_binnen(client, dossier, aanbieder_beheerder, naam):
    args, data = INKOPER_POSTS[naam]
    voor = _staat()
    client.force_login(aanbieder_beheerder)
    r = client.post(reverse(naam, args=args(dossier)), data(dossier))
    assert r.status_code == 302 and r.url.startswith(reverse("account_login"))
    assert _staat() == voor


@pytest.mark.parametrize(("naam", "methode", "data"), INSCHRIJVING_SCHERMEN)
def test_aanbieder_ziet_geen_inschrijving_in_de_backoffice(client, dossier, aanbieder_beheerder, naam, methode, data):
    voor = _staat()
    client.force_login(aanbieder_beheerder)
    r = getattr(client, methode)(reverse(naam, args=[dossier["toegewezen"].pk]), data)
    assert r.status_code == 302 and r.url.startswith(reverse("account_login"))
    assert _staat() == voor


@pytest.mark.parametrize(("naam", "methode", "data"), INSCHRIJVING_SCHERMEN)
def test_niet_toegewezen_beoordelaar_krijgt_404(client, dossier, naam, methode, data):
    buitenstaander = nieuwe_beoordelaar()
    dossier["toewijzing"].toetsing.commissie.leden.add(buitenstaander)  # even a member of the commissie
    voor = _staat()
    client.force_login(buitenstaander)
    r = getattr(client, methode)(reverse(naam, args=[dossier["toegewezen"].pk]), data)
    assert r.status_code == 404
    assert _staat() == voor


def test_niet_toegewezen_beoordelaar_krijgt_404_op_oordeel_en_bewijs(client, dossier):
    buitenstaander = nieuwe_beoordelaar()
    client.force_login(buitenstaander)
    i = dossier["toegewezen"]
    voor = _staat()
    assert client.post(reverse("toetsing_oordeel", args=[i.pk, dossier["eis"].pk]),
                       {"oordeel": "voldoet", "motivering": "x"}).status_code == 404
    assert client.get(reverse("toetsing_bewijsstuk", args=[i.pk, 1])).status_code == 404
    assert _staat() == voor


@pytest.mark.parametrize("naam", ["toetsing_tijdlijn", "toetsing_proces_verbaal"])
def test_toegewezen_beoordelaar_ziet_geen_tijdlijn_of_proces_verbaal(client, dossier, beoordelaar, naam):
    services.belang_verklaren(inschrijving=dossier["toegewezen"], geen_conflict=True, door=beoordelaar)
    client.force_login(beoordelaar)
    r = client.get(reverse(naam, args=[dossier["toegewezen"].pk]))
    assert (r.status_code, r.url) == (302, "/admin/")


def test_toegewezen_beoordelaar_ziet_zijn_inschrijving(client, dossier, beoordelaar):
    client.force_login(beoordelaar)
    r = client.get(reverse("toetsing_inschrijving", args=[dossier["toegewezen"].pk]))
    assert r.status_code == 200
    assert r.context["inschrijving"] == dossier["toegewezen"]
    assert not r.context["mag_inhoud"]  # no declaration yet


def test_dashboard_stuurt_beoordelaar_naar_de_wachtrij(client, dossier, beoordelaar):
    client.force_login(beoordelaar)
    r = client.get(reverse("toetsing_dashboard", args=[dossier["aanbesteding"].pk]))
    assert (r.status_code, r.url) == (302, reverse("toetsing_wachtrij", args=[dossier["aanbesteding"].pk]))


@pytest.mark.parametrize("naam", ["toetsing_instelling", "toetsing_commissie_nieuw"])
def test_beheerschermen_niet_voor_beoordelaar(client, dossier, beoordelaar, inkoper, naam):
    url = reverse(naam, args=[dossier["aanbesteding"].pk])
    client.force_login(beoordelaar)
    assert (client.get(url).status_code, client.get(url).url) == (302, "/admin/")
    client.force_login(inkoper)
    assert client.get(url).status_code == 200


def test_inkoper_beheert_alles(client, dossier, inkoper):
    client.force_login(inkoper)
    for naam, args in [("toetsing_inschrijving", [dossier["toegewezen"].pk]),
                       ("toetsing_tijdlijn", [dossier["besloten"].pk]),
                       ("toetsing_proces_verbaal", [dossier["besloten"].pk]),
                       ("toetsing_dashboard", [dossier["aanbesteding"].pk]),
                       ("toetsing_wachtrij", [dossier["aanbesteding"].pk])]:
        assert client.get(reverse(naam, args=args)).status_code == 200, naam


# --- CSRF and methods -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["toetsing_besluit_verzenden", "toetsing_rechtsmiddel_afhandelen",
                                  "toetsing_toewijzing_intrekken", "toetsing_besluit_nemen", "toetsing_toewijzen"])
def test_post_zonder_csrf_token_wordt_geweigerd(dossier, inkoper, naam):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(inkoper)
    args, data = INKOPER_POSTS[naam]
    voor = _staat()
    assert csrf_client.post(reverse(naam, args=args(dossier)), data(dossier)).status_code == 403
    assert _staat() == voor


def test_post_met_csrf_token_werkt(dossier, inkoper):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(inkoper)
    url = reverse("toetsing_inschrijving", args=[dossier["toegewezen"].pk])
    assert csrf_client.get(url).status_code == 200
    token = csrf_client.cookies["csrftoken"].value
    r = csrf_client.post(reverse("toetsing_toewijzing_intrekken", args=[dossier["toewijzing"].pk]),
                         {"csrfmiddlewaretoken": token})
    assert r.status_code == 302
    dossier["toewijzing"].refresh_from_db()
    assert dossier["toewijzing"].status == Toewijzing.Status.INGETROKKEN


@pytest.mark.parametrize("naam", ["toetsing_verklaren", "toetsing_afronden", "toetsing_herstel",
                                  "toetsing_consensus_vaststellen", "toetsing_besluit_nemen"])
def test_schrijfacties_weigeren_get(client, dossier, inkoper, naam):
    client.force_login(inkoper)
    voor = _staat()
    assert client.get(reverse(naam, args=[dossier["toegewezen"].pk])).status_code == 405
    assert _staat() == voor
