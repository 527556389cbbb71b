"""Demo of the innovation route (issue 19, ADR 0022; 002 PB 1.2 r.569-616): the MLO perceel "1.2 Overige
Jeugdhulp" accepts innovation proposals, and its twelve submission fields (``bronnen.mlo.INNOVATIEROUTE``, r.604-616)
are the eisen of that perceel, in the source's order, each a knock-out text eis with its source line."""

import io

import pytest

from aanbesteding import demo_innovatie
from aanbesteding.models import Eis, Perceel
from bronnen import mlo

from .factories import AanbestedingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mlo_procedure(db):
    return AanbestedingFactory(dossiernummer=mlo.PROCEDURE.get("dossier") or mlo.PROCEDURE.get("code") or "",
                               titel="Gespecialiseerde Jeugdhulp 2020")


def _laad():
    uitvoer = io.StringIO()
    demo_innovatie.laad(uitvoer)
    return uitvoer.getvalue()


def test_perceel_overige_jeugdhulp_met_innovatieroute(mlo_procedure):
    assert "12 onderdelen" in _laad()
    perceel = Perceel.objects.get(aanbesteding=mlo_procedure, code="1.2")
    assert (perceel.naam, perceel.innovatieroute, perceel.domein, perceel.productkeuze) == (
        "Overige Jeugdhulp", True, "jeugd", False)
    assert "binnen een jaar een evaluatie" in perceel.omschrijving


def test_twaalf_onderdelen_als_eisen_in_de_volgorde_van_de_bron(mlo_procedure):
    _laad()
    eisen = list(Eis.objects.filter(aanbesteding=mlo_procedure, perceel__code="1.2").order_by("volgorde"))
    assert [e.code for e in eisen] == [f"IV{n}" for n in range(1, 13)]
    assert len(mlo.INNOVATIEROUTE["indienvelden"]) == 12
    for eis, veld in zip(eisen, mlo.INNOVATIEROUTE["indienvelden"], strict=True):
        assert f"({veld})" in eis.toelichting
        assert (eis.soort, eis.antwoordtype, eis.knock_out) == (
            Eis.Soort.GESCHIKTHEIDSEIS, Eis.Antwoordtype.TEKST, True)
    # r.605 is the first field, r.616 the last (evaluation after one year)
    assert "002 r. 605" in eisen[0].toelichting and "002 r. 616" in eisen[-1].toelichting
    assert eisen[-1].tekst.startswith("Beschrijving van de manier waarop het product na een jaar")


def test_tweemaal_laden_verandert_niets(mlo_procedure):
    _laad()
    voor = sorted(Eis.objects.filter(perceel__code="1.2").values_list("code", "tekst", "toelichting", "volgorde"))
    _laad()
    assert sorted(Eis.objects.filter(perceel__code="1.2").values_list("code", "tekst", "toelichting", "volgorde")) == voor
    assert Perceel.objects.filter(aanbesteding=mlo_procedure, code="1.2").count() == 1


def test_zonder_mlo_procedure_wordt_niets_aangemaakt(db):
    assert "overgeslagen" in _laad()
    assert not Perceel.objects.filter(code="1.2").exists()
    assert not Eis.objects.filter(code__startswith="IV").exists()


def test_onderdelen_vragen_tekst_geen_bewijsstuk_per_lid(mlo_procedure):
    """The proposal is written, not uploaded: no document kind and not per member of a combination; the eisen are
    of the procedure's current version, so an innovation proposal is assessed like any eis."""
    _laad()
    eisen = Eis.objects.filter(aanbesteding=mlo_procedure, perceel__code="1.2")
    assert set(eisen.values_list("documentsoort", "per_lid")) == {("", False)}
    assert not eisen.filter(ingetrokken_in__isnull=False).exists()
