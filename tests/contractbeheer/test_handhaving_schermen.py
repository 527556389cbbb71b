"""The handhaving pages, rendered for real: the bureau's list, new intention, detail with its actions, letters and
the fines ledger with its export; the provider's measures, zienswijze form, letters and fines. Permissions per
persona, region and organisation (404, no IDOR), and the lists in a constant number of queries."""

import csv
import io
from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from contractbeheer.models import Boete, Maatregel
from contractbeheer.services import handhaving as services
from contractbeheer.tasks import handhaving as tasks
from core.kalender import TZ

from ._handhaving import DONDERDAG, NA_TERMIJN, opleggen, voornemen, wereld

pytestmark = pytest.mark.django_db

LIJST, NIEUW = reverse("contractbeheer_admin_maatregelen"), reverse("contractbeheer_admin_maatregel_nieuw")
BOETES, EXPORT = reverse("contractbeheer_admin_boetes"), reverse("contractbeheer_admin_boetes_export")
MIJN_LIJST, MIJN_BOETES = reverse("contractbeheer:maatregelen"), reverse("contractbeheer:boetes")


def _detail(m):
    return reverse("contractbeheer_admin_maatregel", args=[m.pk])


def _mijn(m):
    return reverse("contractbeheer:maatregel", args=[m.pk])


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


@pytest.fixture
def boete(w, contractmanager_a):
    """Warning and stop imposed, then a fine (skipping step 3 with a reason): 2 gegronde klachten × € 25."""
    opleggen(w.ovk, contractmanager_a, 1)
    opleggen(w.ovk, contractmanager_a, 2)
    m = opleggen(w.ovk, contractmanager_a, 4, sprong_reden="Klachten over de bejegening houden aan.")
    with time_machine.travel(NA_TERMIJN, tick=False):
        return services.boete_opleggen(maatregel=m, soort=w.soort("klacht-gegrond"), aantal=2, door=contractmanager_a)


def _tekst(antwoord) -> str:
    return antwoord.content.decode()


# --- the bureau ---------------------------------------------------------------------------------------------


def test_lijst_met_filter(client, w, contractmanager_a):
    a = voornemen(w.ovk, contractmanager_a, 1)
    b = voornemen(w.andere_ovk, contractmanager_a, 1)
    client.force_login(contractmanager_a)
    tekst = _tekst(client.get(LIJST))
    assert _detail(a) in tekst and _detail(b) in tekst and "003 §7.11 lid 1" in tekst
    antwoord = client.get(LIJST, {"organisatie": w.ovk.organisatie_id})
    assert [m.pk for m in antwoord.context["pagina"]] == [a.pk]
    assert [m.pk for m in client.get(LIJST, {"trede": 2}).context["pagina"]] == []


def test_lijst_in_vaste_aantal_queries(client, w, contractmanager_a, django_assert_max_num_queries):
    client.force_login(contractmanager_a)
    voornemen(w.ovk, contractmanager_a, 1)
    client.get(LIJST)
    with CaptureQueriesContext(connection) as een:
        client.get(LIJST)
    for ovk in (w.ovk, w.andere_ovk, w.mlo_ovk) * 3:
        voornemen(ovk, contractmanager_a, 1, grondslag="002 B1 18.2")
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert len(client.get(LIJST).context["pagina"]) == 10


def test_nieuw_toont_ladder_en_vult_grondslag_voor(client, w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    client.force_login(contractmanager_a)
    antwoord = client.get(NIEUW, {"overeenkomst": w.ovk.pk, "trede": 3})
    tekst = _tekst(antwoord)
    assert "Huidige trede:</strong> Waarschuwing" in tekst and "2. Stop op verwijzing van nieuwe cliënten" in tekst
    assert antwoord.context["form"].initial["grondslag"] == "003 §7.11 lid 3"
    # Another region's agreement is no choice.
    assert w.ovk in antwoord.context["form"].fields["overeenkomst"].queryset


def test_nieuw_sprong_zonder_reden_geweigerd_en_niets_verloren(client, w, contractmanager_a):
    client.force_login(contractmanager_a)
    gegevens = {"overeenkomst": w.ovk.pk, "trede": 4, "gronden": "Herhaalde klachten.", "grondslag": ""}
    with time_machine.travel(DONDERDAG, tick=False):
        antwoord = client.post(NIEUW, gegevens)
    assert antwoord.status_code == 200
    assert "slaat een trede over" in _tekst(antwoord)
    assert "Herhaalde klachten." in _tekst(antwoord)  # nothing typed is lost
    assert not Maatregel.objects.exists()
    with time_machine.travel(DONDERDAG, tick=False):
        antwoord = client.post(NIEUW, {**gegevens, "sprong_reden": "Ernst van de klachten."}, follow=True)
    m = Maatregel.objects.get()
    assert antwoord.redirect_chain[-1][0] == _detail(m)
    assert (m.trede, m.grondslag) == (4, "003 §7.11 lid 4")  # the empty basis filled from the procedure
    assert "loopt tot en met 11-05-2026" in _tekst(antwoord)


def test_inkoper_leest_maar_handelt_niet(client, w, contractmanager_a, inkoper_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    client.force_login(inkoper_a)
    assert client.get(LIJST).status_code == 200
    tekst = _tekst(client.get(_detail(m)))
    assert "Alleen een contractmanager van de regio besluit" in tekst and 'value="besluit"' not in tekst
    assert "Alleen een contractmanager van de regio legt een voornemen vast" in _tekst(client.get(NIEUW))
    with time_machine.travel(NA_TERMIJN, tick=False):
        client.post(_detail(m), {"actie": "besluit", "besluit-opleggen": "ja", "besluit-motivering": "Vast."})
    m.refresh_from_db()
    assert m.status == Maatregel.Status.VOORNEMEN


def test_andere_regio_en_andere_groepen(client, w, contractmanager_a, contractmanager_b, beoordelaar_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    tasks.brief_voornemen_maken(m.pk)
    client.force_login(contractmanager_b)
    for url in (_detail(m), reverse("contractbeheer_admin_maatregel_brief_voornemen", args=[m.pk])):
        assert client.get(url).status_code == 404
    assert m.pk not in [x.pk for x in client.get(LIJST).context["pagina"]]
    client.force_login(beoordelaar_a)
    assert client.get(LIJST).status_code in (302, 403)


def test_detail_besluit_en_boete_via_het_scherm(client, w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    opleggen(w.ovk, contractmanager_a, 2)
    opleggen(w.ovk, contractmanager_a, 3)
    m = voornemen(w.ovk, contractmanager_a, 4)
    client.force_login(contractmanager_a)
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=TZ), tick=False):
        antwoord = client.post(_detail(m), {"actie": "besluit", "besluit-opleggen": "ja",
                                            "besluit-motivering": "Vast."})
    assert "De zienswijzetermijn loopt tot en met 11-05-2026" in _tekst(antwoord)
    with time_machine.travel(NA_TERMIJN, tick=False):
        client.post(_detail(m), {"actie": "besluit", "besluit-opleggen": "ja", "besluit-motivering": "Vast."})
        m.refresh_from_db()
        assert m.status == Maatregel.Status.OPGELEGD
        antwoord = client.post(_detail(m), {"actie": "boete", "boete-soort": w.soort("personeelseisen").pk,
                                            "boete-aantal": "3", "boete-perioden": "2"}, follow=True)
        assert "3 medewerkers × 2 weken × € 250,00" in _tekst(antwoord) and "€ 1.500,00" in _tekst(antwoord)
        boete = Boete.objects.get()
        client.post(_detail(m), {"actie": "betaald", "betaald-boete": boete.pk, "betaald-betaald_op": "2026-05-12"})
    boete.refresh_from_db()
    assert boete.status == Boete.Status.BETAALD


def test_detail_intrekken_wijst_naar_opheffen(client, w, contractmanager_a):
    opleggen(w.ovk, contractmanager_a, 1)
    m = opleggen(w.ovk, contractmanager_a, 2)
    client.force_login(contractmanager_a)
    with time_machine.travel(NA_TERMIJN, tick=False):
        antwoord = client.post(_detail(m), {"actie": "intrekken", "intrekken-reden": "Onterecht."}, follow=True)
    tekst = _tekst(antwoord)
    assert "een cliëntenstop vervalt daarmee niet vanzelf" in tekst
    assert reverse("overeenkomst_admin_detail", args=[w.ovk.pk]) in tekst


def test_boetelijst_met_totalen_en_export(client, w, boete, contractmanager_a, django_assert_max_num_queries):
    client.force_login(contractmanager_a)
    antwoord = client.get(BOETES)
    totalen = antwoord.context["totalen"]
    assert (totalen["opgelegd"]["aantal"], totalen["opgelegd"]["bedrag"]) == (1, boete.bedrag)
    assert totalen["alle"]["bedrag"] == boete.bedrag == 50
    assert "2 klachten × € 25,00" in _tekst(antwoord)
    rijen = list(csv.reader(io.StringIO(client.get(EXPORT).content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:3] == ["Aanbieder", "KvK", "Procedure"]
    assert rijen[1][0] == "Gooise Zorg" and rijen[1][5:8] == ["2 klachten × € 25,00", "50,00", "Opgelegd"]
    blad = load_workbook(io.BytesIO(client.get(EXPORT, {"formaat": "xlsx"}).content)).active
    assert [c.value for c in blad[2]][5:8] == ["2 klachten × € 25,00", 50, "Opgelegd"]
    # Constant queries over more fines.
    with CaptureQueriesContext(connection) as een:
        client.get(BOETES)
    m = boete.maatregel
    with time_machine.travel(NA_TERMIJN, tick=False):
        for aantal in range(1, 6):
            services.boete_opleggen(maatregel=m, soort=w.soort("klacht-termijn"), aantal=aantal, door=contractmanager_a)
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert len(client.get(BOETES).context["pagina"]) == 6


def test_export_zonder_formule_injectie(client, w, boete, contractmanager_a):
    from organisaties.models import Organisatie

    Organisatie.objects.filter(pk=w.ovk.organisatie_id).update(naam="=HYPERLINK(\"x\")")
    client.force_login(contractmanager_a)
    rijen = list(csv.reader(io.StringIO(client.get(EXPORT).content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[1][0].startswith("'=")


# --- the provider ---------------------------------------------------------------------------------------------


def test_aanbieder_ziet_eigen_maatregel_en_geeft_zienswijze(client, w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    tasks.brief_voornemen_maken(m.pk)
    client.force_login(w.lid)
    assert _mijn(m) in _tekst(client.get(MIJN_LIJST))
    with time_machine.travel(datetime(2026, 5, 11, 12, 0, tzinfo=TZ), tick=False):
        tekst = _tekst(client.get(_mijn(m)))
        assert "tot en met 11-05-2026" in tekst and "Zienswijze indienen" in tekst
        assert reverse("contractbeheer:maatregel_brief_voornemen", args=[m.pk]) in tekst
        antwoord = client.post(_mijn(m), {"tekst": "De klachten zijn afgehandeld."}, follow=True)
    assert "Uw zienswijze is ontvangen" in _tekst(antwoord)
    m.refresh_from_db()
    assert m.zienswijze == "De klachten zijn afgehandeld."
    brief = client.get(reverse("contractbeheer:maatregel_brief_voornemen", args=[m.pk]))
    assert brief.status_code == 200 and brief["Content-Disposition"].startswith("attachment")
    assert b"".join(brief.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("contractbeheer:maatregel_brief_besluit", args=[m.pk])).status_code == 404


def test_aanbieder_na_de_termijn_geweigerd_met_de_datum(client, w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    client.force_login(w.lid)
    with time_machine.travel(NA_TERMIJN, tick=False):
        assert "De termijn voor een zienswijze liep tot en met 11-05-2026" in _tekst(client.get(_mijn(m)))
        antwoord = client.post(_mijn(m), {"tekst": "Te laat."}, follow=True)
    assert "liep tot en met 11-05-2026" in _tekst(antwoord)
    m.refresh_from_db()
    assert m.zienswijze == ""


def test_aanbieder_geen_idor(client, w, contractmanager_a, boete):
    m = voornemen(w.ovk, contractmanager_a, 1)
    tasks.brief_voornemen_maken(m.pk)
    client.force_login(w.andere_lid)
    for naam in ("contractbeheer:maatregel", "contractbeheer:maatregel_brief_voornemen"):
        assert client.get(reverse(naam, args=[m.pk])).status_code == 404
    assert client.post(_mijn(m), {"tekst": "Niet van ons."}).status_code == 404
    assert "Gooise Zorg" not in _tekst(client.get(MIJN_BOETES))
    assert client.get(MIJN_BOETES).context["boetes"] == []


def test_aanbieder_boetes_in_vaste_queries(client, w, boete, contractmanager_a, django_assert_max_num_queries):
    client.force_login(w.lid)
    antwoord = client.get(MIJN_BOETES)
    assert "2 klachten × € 25,00" in _tekst(antwoord) and "€ 50,00" in _tekst(antwoord)
    with CaptureQueriesContext(connection) as een:
        client.get(MIJN_BOETES)
    with time_machine.travel(NA_TERMIJN, tick=False):
        for _ in range(4):
            services.boete_opleggen(maatregel=boete.maatregel, soort=w.soort("klacht-gegrond"), aantal=1,
                                    door=contractmanager_a)
    with django_assert_max_num_queries(len(een.captured_queries)):
        assert len(client.get(MIJN_BOETES).context["boetes"]) == 5
    with django_assert_max_num_queries(len(een.captured_queries)):
        client.get(MIJN_LIJST)


def test_verplichtingenpagina_linkt(client, w):
    client.force_login(w.lid)
    tekst = _tekst(client.get(reverse("contractbeheer:verplichtingen")))
    assert MIJN_LIJST in tekst and MIJN_BOETES in tekst


def test_boeteschema_als_snippet(client, w, contractmanager_a):
    client.force_login(contractmanager_a)
    antwoord = client.get(reverse("wagtailsnippets_contractbeheer_boetesoort:list"))
    assert antwoord.status_code == 200
    assert "Gegronde klacht van een Cliënt" in _tekst(antwoord)


def test_datums_in_de_tijdlijn(client, w, boete, contractmanager_a):
    client.force_login(contractmanager_a)
    tijdlijn = client.get(_detail(boete.maatregel)).context["tijdlijn"]
    assert [wat for _, wat, _ in tijdlijn][:2] == ["Voornemen verzonden", "Besluit: opgelegd"]
    assert tijdlijn[-1][1] == "Boete Gegronde klacht van een Cliënt" and tijdlijn[-1][0].date() == date(2026, 5, 12)
