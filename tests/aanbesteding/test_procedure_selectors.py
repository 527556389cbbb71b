"""The public reads of a procedure (aanbesteding/selectors.py): what the public may see, the procedure page in a
fixed number of queries, and questions scoped to the organisation that asked them."""

from datetime import datetime, timedelta

import pytest
import time_machine

from aanbesteding.models import (
    Aanbesteding,
    DeelnemendeGemeente,
    ProcedureWijziging,
    Toetredingsmoment,
    Vraag,
)
from aanbesteding.selectors import (
    beantwoorde_vragen,
    openbare_aanbesteding,
    openbare_aanbestedingen,
    openbare_nvi,
    procedure_details,
    vragen_van_organisatie,
    wijzigingslog,
)
from aanbesteding.services import publieke_url
from core.kalender import TZ
from tests.factories import GemeenteFactory

from ._hulp import SLUITING_ZOMER, aantal_queries, beantwoorde_vraag
from .factories import AanbestedingFactory, PerceelFactory, VraagFactory

pytestmark = pytest.mark.django_db


def test_procedure_in_voorbereiding_is_niet_openbaar():
    openbaar = AanbestedingFactory(slug="gooi-jeugdhulp-voorzieningen")
    AanbestedingFactory(slug="concept", status=Aanbesteding.Status.IN_VOORBEREIDING)
    beeindigd = AanbestedingFactory(slug="mlo-2020", status=Aanbesteding.Status.BEEINDIGD)
    assert set(openbare_aanbestedingen()) == {openbaar, beeindigd}
    assert openbare_aanbesteding("gooi-jeugdhulp-voorzieningen") == openbaar
    assert openbare_aanbesteding("concept") is None
    assert openbare_aanbesteding("bestaat-niet") is None


def test_publiek_adres_volgt_de_slug():
    """ADR 0006: /procedures/<slug>/ is the stable public address."""
    assert publieke_url(AanbestedingFactory.build(slug="gooi-jeugdhulp-voorzieningen")) == (
        "/procedures/gooi-jeugdhulp-voorzieningen/"
    )


def test_percelen_als_boom_met_subpercelen(procedure):
    hoofd = PerceelFactory(aanbesteding=procedure, code="5.10", volgorde=10)
    sub = PerceelFactory(aanbesteding=procedure, code="5.10.1", hoofdperceel=hoofd, volgorde=11)
    ggz = PerceelFactory(aanbesteding=procedure, code="5.1", volgorde=1)
    PerceelFactory(code="5.1")  # another procedure
    details = procedure_details(procedure)
    assert details["percelen"] == [(ggz, []), (hoofd, [sub])]


def test_gemeenten_per_domein_op_naam(procedure):
    """Participation is per municipality and per domain (DOMAIN.md, Actors): Eemnes buys Wmo, not Jeugd."""
    for naam, domeinen in [("Huizen", ["jeugd", "wmo"]), ("Eemnes", ["wmo"]), ("Blaricum", ["jeugd"])]:
        gemeente = GemeenteFactory(naam=naam, regio=procedure.regio)
        for domein in domeinen:
            DeelnemendeGemeente.objects.create(aanbesteding=procedure, gemeente=gemeente, domein=domein)
    assert procedure_details(procedure)["gemeenten"] == {
        "Jeugdwet": ["Blaricum", "Huizen"], "Wmo 2015": ["Eemnes", "Huizen"],
    }


def test_toetredingsmomenten_nvis_en_wijzigingen_in_volgorde(procedure):
    later = Toetredingsmoment.objects.create(
        aanbesteding=procedure, naam="Ronde december", opent_op=SLUITING_ZOMER + timedelta(days=150),
        sluit_op=SLUITING_ZOMER + timedelta(days=170),
    )
    eerder = Toetredingsmoment.objects.create(
        aanbesteding=procedure, naam="Ronde juni", opent_op=SLUITING_ZOMER - timedelta(days=17), sluit_op=SLUITING_ZOMER,
    )
    oud = ProcedureWijziging.objects.create(aanbesteding=procedure, omschrijving="Oud", datum=datetime(2022, 1, 27, tzinfo=TZ))
    nieuw = ProcedureWijziging.objects.create(aanbesteding=procedure, omschrijving="Nieuw", datum=datetime(2023, 6, 13, tzinfo=TZ))
    details = procedure_details(procedure)
    assert details["toetredingsmomenten"] == [eerder, later]
    assert details["wijzigingen"] == [nieuw, oud]
    assert list(wijzigingslog(procedure)) == [nieuw, oud]


def test_procedurepagina_kost_evenveel_queries_bij_een_grote_procedure(procedure):
    """ARCHITECTURE.md rule 9: the page's reads do not grow with percelen, municipalities or moments."""
    def lees():
        details = procedure_details(procedure)
        for hoofd, subs in details["percelen"]:
            [a.vereist.code for a in hoofd.afhankelijkheden.all()]
            [s.hoofdperceel.code for s in subs]
        [list(m.percelen.all()) for m in details["toetredingsmomenten"]]

    def vul(aantal, start):
        from aanbesteding.models import PerceelAfhankelijkheid

        for i in range(start, start + aantal):
            hoofd = PerceelFactory(aanbesteding=procedure)
            sub = PerceelFactory(aanbesteding=procedure, hoofdperceel=hoofd)
            PerceelAfhankelijkheid.objects.create(perceel=sub, vereist=hoofd)
            gemeente = GemeenteFactory(regio=procedure.regio)
            DeelnemendeGemeente.objects.create(aanbesteding=procedure, gemeente=gemeente, domein="jeugd")
            moment = Toetredingsmoment.objects.create(
                aanbesteding=procedure, naam=f"Ronde {i}", opent_op=SLUITING_ZOMER + timedelta(days=30 * i),
                sluit_op=SLUITING_ZOMER + timedelta(days=30 * i + 10),
            )
            moment.percelen.add(hoofd, sub)

    # One of each first, so every prefetch already runs in the small case; then five more of each.
    vul(1, 0)
    klein = aantal_queries(lees)
    vul(5, 1)
    groot = aantal_queries(lees)
    assert groot == klein


# --- questions, scoped ---------------------------------------------------------------------------------------

def test_aanbieder_ziet_alleen_eigen_vragen_nieuwste_eerst(procedure, aanbieder, andere_aanbieder):
    with time_machine.travel(datetime(2020, 8, 20, 9, 0, tzinfo=TZ), tick=False):
        eerste = VraagFactory(aanbesteding=procedure, organisatie=aanbieder)
    with time_machine.travel(datetime(2020, 8, 21, 9, 0, tzinfo=TZ), tick=False):
        tweede = VraagFactory(aanbesteding=procedure, organisatie=aanbieder)
    VraagFactory(aanbesteding=procedure, organisatie=andere_aanbieder)
    VraagFactory(aanbesteding=AanbestedingFactory(), organisatie=aanbieder)
    assert list(vragen_van_organisatie(procedure, aanbieder)) == [tweede, eerste]


def test_zonder_organisatie_geen_vragen(procedure):
    VraagFactory(aanbesteding=procedure)
    assert list(vragen_van_organisatie(procedure, None)) == []


def test_alleen_beantwoorde_vragen_wachten_op_de_nota(procedure):
    klaar = beantwoorde_vraag(procedure)
    for status in (Vraag.Status.NIEUW, Vraag.Status.NIET_PUBLICEREN):
        VraagFactory(aanbesteding=procedure, status=status)
    beantwoorde_vraag(AanbestedingFactory())
    assert list(beantwoorde_vragen(procedure)) == [klaar]


def test_openbare_nvi_per_nummer_en_procedure(procedure):
    from aanbesteding.models import NotaVanInlichtingen

    een = NotaVanInlichtingen.objects.create(aanbesteding=procedure, nummer=1)
    NotaVanInlichtingen.objects.create(aanbesteding=AanbestedingFactory(), nummer=2)
    assert openbare_nvi(procedure, 1) == een
    assert openbare_nvi(procedure, 2) is None
    assert procedure_details(procedure)["nota_van_inlichtingen"] == [een]
