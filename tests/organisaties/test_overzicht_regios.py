"""Issue 17, the provider's side: one organisation, one overview across regions.

The overview ("Mijn omgeving") groups the organisation's inschrijvingen, agreements and open duties by region,
with the region's name and a link to its public page, with a constant number of queries, however many regions
the provider works in. The inbox across regions: tests/organisaties/test_berichten.py.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.kalender import TZ
from inschrijving.models import Herstelverzoek, Inschrijving
from organisaties import selectors
from organisaties.portaal import OVEREENKOMSTEN, PROCEDURES, TAKEN, Overzichtsregel
from overeenkomst.models import Addendum, AddendumReactie, Overeenkomst
from sroi.models import SroiRapportage
from tests.factories import LidmaatschapFactory, RegioFactory, UserFactory
from tests.inschrijving.factories import AanbestedingFactory, ToetredingsmomentFactory
from toetsing.models import Besluit

NU = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _klok():
    with time_machine.travel(NU, tick=False):
        yield


def _procedure(regio, titel):
    return AanbestedingFactory(regio=regio, titel=titel)


def _werk(regio, organisatie, *, procedures=3, staf=None):
    """In ``regio``: per procedure a submitted inschrijving with an open herstelverzoek and a sent decision, an
    agreement with an addendum to answer, and an SROI report that is due; plus a draft to hand in."""
    staf = staf or UserFactory()
    for n in range(procedures):
        ab = _procedure(regio, f"Jeugdhulp {regio.naam} {n}")
        insch = Inschrijving.objects.create(
            aanbesteding=ab, organisatie=organisatie, status=Inschrijving.Status.INGEDIEND, ingediend_op=NU - timedelta(days=30),
        )
        Herstelverzoek.objects.create(inschrijving=insch, vraag="Stuur het KvK-uittreksel opnieuw.", deadline=NU + timedelta(days=5))
        Besluit.objects.create(inschrijving=insch, aanbesteding=ab, genomen_op=NU - timedelta(days=3),
                               status=Besluit.Status.VERZONDEN, verzonden_op=NU - timedelta(days=2, hours=n))
        ovk = Overeenkomst.objects.create(aanbesteding=ab, organisatie=organisatie, startdatum=date(2025, 1, 1))
        addendum = Addendum.objects.create(
            aanbesteding=ab, titel=f"Wijziging artikel {8 + n}", tekst="Artikel 8.1 luidt ...", ingangsdatum=date(2026, 7, 1),
            status=Addendum.Status.GEPUBLICEERD, nummer=n + 1, opgesteld_door=staf, goedgekeurd_door=staf,
            gepubliceerd_op=NU - timedelta(days=10),
        )
        AddendumReactie.objects.create(addendum=addendum, overeenkomst=ovk)
        SroiRapportage.objects.create(
            overeenkomst=ovk, soort=SroiRapportage.Soort.KWARTAAL, jaar=2025, volgnummer=4,
            periode_start=date(2025, 10, 1), periode_einde=date(2025, 12, 31), deadline=date(2026, 3, 31),
        )
    concept = _procedure(regio, f"Wmo Begeleiding {regio.naam}")
    tm = ToetredingsmomentFactory(aanbesteding=concept, opent_op=NU - timedelta(days=7), sluit_op=NU + timedelta(days=14))
    Inschrijving.objects.create(aanbesteding=concept, organisatie=organisatie, toetredingsmoment=tm)


def _pagina(client, user, url):
    client.force_login(user)
    client.get(url)  # warm up: the first request after logging in fills per-process caches (sites, content types)
    with CaptureQueriesContext(connection) as vangst:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return antwoord.content.decode(), len(vangst)


# --- the overview per region --------------------------------------------------------------------------


def test_overzicht_groepeert_per_regio_met_naam_en_regiopagina(client, aanbieder, aanbieder_beheerder, regio_a, regio_b):
    _werk(regio_a, aanbieder, procedures=1)
    _werk(regio_b, aanbieder, procedures=1)
    html, _ = _pagina(client, aanbieder_beheerder, reverse("organisaties:mijn"))
    assert '<h2 id="per-regio">Overzicht per regio</h2>' in html
    assert '<h3 id="regio-gooi">Regio Gooi en Vechtstreek</h3>' in html
    assert '<h3 id="regio-mlo">Regio Midden-Limburg Oost</h3>' in html
    assert 'href="/regio/gooi/"' in html and 'href="/regio/mlo/"' in html
    # regions by name; each region lists only its own procedures
    gooi, mlo = html.index("regio-gooi"), html.index("regio-mlo")
    assert gooi < mlo
    assert html.index("Jeugdhulp Gooi en Vechtstreek 0") < mlo < html.index("Jeugdhulp Midden-Limburg Oost 0")
    for kop in ("<h4>Wat u nog moet doen</h4>", "<h4>Inschrijvingen</h4>", "<h4>Overeenkomsten</h4>"):
        assert html.count(kop) == 2


def test_overzicht_toont_de_openstaande_taken_met_termijn(aanbieder, regio_a):
    _werk(regio_a, aanbieder, procedures=1)
    (gooi,) = selectors.overzicht_per_regio(aanbieder)
    taken = {(r.titel, r.uiterlijk) for r in gooi.taken}
    assert taken == {
        ("Herstelverzoek bij uw inschrijving op Jeugdhulp Gooi en Vechtstreek 0", NU + timedelta(days=5)),
        ("Inschrijving op Wmo Begeleiding Gooi en Vechtstreek afronden en indienen", NU + timedelta(days=14)),
        ("Reageren op Addendum 1: Wijziging artikel 8", date(2026, 7, 1)),
        ("SROI: Kwartaal 4 2025 bij Jeugdhulp Gooi en Vechtstreek 0", date(2026, 3, 31)),
    }
    # the nearest deadline first, whether it is a moment (herstel) or a day (SROI, addendum)
    assert [r.titel.split()[0] for r in gooi.taken] == ["Herstelverzoek", "Inschrijving", "SROI:", "Reageren"]
    assert {r.titel for r in gooi.procedures} == {"Jeugdhulp Gooi en Vechtstreek 0", "Wmo Begeleiding Gooi en Vechtstreek"}
    assert [r.titel for r in gooi.overeenkomsten] == ["Jeugdhulp Gooi en Vechtstreek 0"]


def test_afgehandelde_zaken_zijn_geen_taak_meer(aanbieder, regio_a):
    _werk(regio_a, aanbieder, procedures=1)
    Herstelverzoek.objects.update(status=Herstelverzoek.Status.BEANTWOORD)
    AddendumReactie.objects.update(status=AddendumReactie.Status.AANVAARD)
    SroiRapportage.objects.update(status=SroiRapportage.Status.INGEDIEND, ingediend_op=NU)
    Inschrijving.objects.filter(status=Inschrijving.Status.CONCEPT).update(status=Inschrijving.Status.INGEDIEND, ingediend_op=NU)
    (gooi,) = selectors.overzicht_per_regio(aanbieder)
    assert gooi.taken == []
    assert [kop for kop, _ in gooi.rubrieken] == ["Inschrijvingen", "Overeenkomsten"]


def test_sroi_rapportage_waarvoor_bewijs_gevraagd_is_een_taak_en_een_lopende_periode_niet(aanbieder, regio_a):
    _werk(regio_a, aanbieder, procedures=1)
    rap = SroiRapportage.objects.get()
    SroiRapportage.objects.create(
        overeenkomst=rap.overeenkomst, soort=SroiRapportage.Soort.KWARTAAL, jaar=2026, volgnummer=1,
        periode_start=date(2026, 1, 1), periode_einde=date(2026, 3, 31), deadline=date(2026, 4, 30),
    )
    SroiRapportage.objects.filter(pk=rap.pk).update(
        status=SroiRapportage.Status.BEWIJS_GEVRAAGD, ingediend_op=NU, bewijsverzoek="Stuur de arbeidscontracten.",
    )
    (gooi,) = selectors.overzicht_per_regio(aanbieder)
    (sroi,) = [r for r in gooi.taken if r.titel.startswith("SROI")]
    assert (sroi.titel, sroi.status, sroi.toelichting) == (
        "SROI: Kwartaal 4 2025 bij Jeugdhulp Gooi en Vechtstreek 0", "Aanvullend bewijs gevraagd", "Stuur de arbeidscontracten.",
    )


def test_lege_regio_wordt_niet_getoond(client, aanbieder, aanbieder_beheerder, andere_aanbieder, regio_a, regio_b):
    _werk(regio_a, aanbieder, procedures=1)
    _werk(regio_b, andere_aanbieder, procedures=1)  # another provider's work in B: not ours
    html, _ = _pagina(client, aanbieder_beheerder, reverse("organisaties:mijn"))
    assert "Regio Gooi en Vechtstreek" in html  # control: the region where we work
    assert "Midden-Limburg Oost" not in html
    assert [o.regio for o in selectors.overzicht_per_regio(aanbieder)] == [regio_a]


def test_zonder_werk_een_uitleg_en_zonder_organisatie_geen_overzicht(client, aanbieder, aanbieder_beheerder, regio_a):
    html, _ = _pagina(client, aanbieder_beheerder, reverse("organisaties:mijn"))
    assert "heeft nog geen inschrijvingen of overeenkomsten" in html
    assert selectors.overzicht_per_regio(None) == []


def test_overzicht_van_de_actieve_organisatie_alleen(client, aanbieder, aanbieder_beheerder, andere_aanbieder, regio_a, regio_b):
    LidmaatschapFactory(organisatie=andere_aanbieder, user=aanbieder_beheerder)
    _werk(regio_a, aanbieder, procedures=1)
    _werk(regio_b, andere_aanbieder, procedures=1)
    client.force_login(aanbieder_beheerder)
    client.post(reverse("organisaties:wisselen", args=[andere_aanbieder.pk]))
    html = client.get(reverse("organisaties:mijn")).content.decode()
    assert "Regio Midden-Limburg Oost" in html and "Regio Gooi en Vechtstreek" not in html


def test_overzicht_constant_aantal_queries_voor_1_of_5_regios(client, aanbieder, aanbieder_beheerder, regio_a):
    _werk(regio_a, aanbieder)
    html_een, een = _pagina(client, aanbieder_beheerder, reverse("organisaties:mijn"))
    for n in range(4):
        _werk(RegioFactory(naam=f"Regio nummer {n}", slug=f"nummer-{n}"), aanbieder)
    html_vijf, vijf = _pagina(client, aanbieder_beheerder, reverse("organisaties:mijn"))
    assert html_een.count("<h3 id=\"regio-") == 1 and html_vijf.count("<h3 id=\"regio-") == 5
    assert html_vijf.count("Herstelverzoek bij uw inschrijving") == 15
    assert vijf == een


def test_regels_van_een_bron_komen_in_de_juiste_rubriek(aanbieder, regio_a, regio_b, monkeypatch):
    from organisaties import portaal

    bron = {"test": lambda org: [
        Overzichtsregel(regio_b.pk, OVEREENKOMSTEN, "O", "/o/"),
        Overzichtsregel(regio_a.pk, PROCEDURES, "P", "/p/"),
        Overzichtsregel(regio_a.pk, TAKEN, "Later", "/t2/", uiterlijk=date(2026, 5, 1)),
        Overzichtsregel(regio_a.pk, TAKEN, "Zonder termijn", "/t3/"),
        Overzichtsregel(regio_a.pk, TAKEN, "Eerst", "/t1/", uiterlijk=datetime(2026, 4, 1, 9, 0, tzinfo=TZ)),
    ]}
    monkeypatch.setattr(portaal, "_OVERZICHTSBRONNEN", bron)
    a, b = selectors.overzicht_per_regio(aanbieder)
    assert (a.regio, b.regio) == (regio_a, regio_b)
    assert [r.titel for r in a.taken] == ["Eerst", "Later", "Zonder termijn"]
    assert [r.titel for r in a.procedures] == ["P"] and a.overeenkomsten == []
    assert [kop for kop, _ in b.rubrieken] == ["Overeenkomsten"]
    assert a.regiopagina == "/regio/gooi/"
