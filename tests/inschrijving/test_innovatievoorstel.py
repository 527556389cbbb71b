"""The innovation route "Overige Jeugdhulp" (002 PB 1.2, r. 569-616; ADR 0022): an inschrijving of the kind
"innovatievoorstel" answers the twelve submission fields as the eisen of the perceel and gives the figures of the
product; an ambulant alternative has a fixed duration that may deviate at most 25 % (r. 602)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from aanbesteding.models import Eis, Perceel
from bronnen.mlo import INNOVATIEROUTE
from inschrijving import selectors, services
from inschrijving.models import Innovatievoorstel, Inschrijving

from ._hulp import een_auditregel, indienen, toestand
from .conftest import maak_compleet
from .factories import EisFactory, PerceelFactory

VOLLEDIG = {
    "productnaam": "Thuis Sterk", "ambulant_alternatief": True, "duur_weken": 12,
    "max_afwijking_duur_pct": Decimal("25"), "min_deelnemers": 4, "max_deelnemers": 8,
    "tarief": Decimal("7800.00"), "tarief_per": "traject",
}


@pytest.fixture
def route(procedure):
    """Perceel 1.2 Overige Jeugdhulp with the innovation route and its twelve parts as eisen (002 r. 604-616)."""
    perceel = PerceelFactory(aanbesteding=procedure.aanbesteding, code="1.2", naam="Overige Jeugdhulp", volgorde=12)
    Perceel.objects.filter(pk=perceel.pk).update(innovatieroute=True)
    perceel.refresh_from_db()
    eisen = [
        EisFactory(aanbesteding=procedure.aanbesteding, perceel=perceel, code=f"IV{i}", tekst=veld.capitalize() + ".",
                   soort=Eis.Soort.GESCHIKTHEIDSEIS, antwoordtype=Eis.Antwoordtype.TEKST, volgorde=100 + i)
        for i, veld in enumerate(INNOVATIEROUTE["indienvelden"], start=1)
    ]
    return perceel, eisen


@pytest.fixture
def voorstel_concept(procedure, concept, route, aanbieder_beheerder):
    """A complete draft (general eisen answered) that chose 5.1 and the innovation-route perceel."""
    perceel, _ = route
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1, perceel], door=aanbieder_beheerder)
    return maak_compleet(procedure, concept, aanbieder_beheerder)


def _onderdelen(insch, route, door, aantal=12):
    for eis in route[1][:aantal]:
        services.antwoord_opslaan(inschrijving=insch, eis=eis, tekst=f"Antwoord op {eis.code}.", door=door)


def test_twaalf_onderdelen_uit_de_bron():
    assert len(INNOVATIEROUTE["indienvelden"]) == 12
    assert INNOVATIEROUTE["evaluatie_binnen_maanden"] == 12
    assert INNOVATIEROUTE["max_afwijking_duur_pct"] == 25
    assert selectors.MAX_AFWIJKING_DUUR_PCT == 25


def test_volledig_voorstel_wordt_ingediend_en_bevroren(voorstel_concept, route, aanbieder_beheerder):
    _onderdelen(voorstel_concept, route, aanbieder_beheerder)
    services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder, **VOLLEDIG)
    insch = indienen(voorstel_concept, aanbieder_beheerder)
    assert insch.status == Inschrijving.Status.INGEDIEND
    bevroren = insch.bevroren_inhoud
    assert bevroren["innovatievoorstel"] == {
        "perceel": "1.2", "productnaam": "Thuis Sterk", "ambulant_alternatief": True, "duur_weken": 12,
        "max_afwijking_duur_pct": "25.00", "min_deelnemers": 4, "max_deelnemers": 8, "tarief": "7800.00",
        "tarief_per": "traject",
    }
    onderdelen = [a for a in bevroren["antwoorden"] if a["perceel"] == "1.2"]
    assert [a["eis"] for a in onderdelen] == [f"IV{i}" for i in range(1, 13)]
    assert onderdelen[0]["tekst"] == "Antwoord op IV1."
    regel = een_auditregel("inschrijving.innovatievoorstel", insch, door=aanbieder_beheerder)
    assert regel.nieuwe_waarden["perceel"] == "1.2" and regel.nieuwe_waarden["productnaam"] == "Thuis Sterk"


def test_inhoud_voor_het_bevroren_record(voorstel_concept, route, aanbieder_beheerder):
    assert services.innovatievoorstel_inhoud(None) is None
    v = services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder,
                                           **{**VOLLEDIG, "max_afwijking_duur_pct": None, "ambulant_alternatief": False})
    inhoud = services.innovatievoorstel_inhoud(v)
    assert (inhoud["max_afwijking_duur_pct"], inhoud["tarief"], inhoud["tarief_per"]) == (None, "7800.00", "traject")


def test_zonder_voorstel_geen_indiening(voorstel_concept, route, aanbieder_beheerder):
    _onderdelen(voorstel_concept, route, aanbieder_beheerder)
    voor = toestand(voorstel_concept)
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=voorstel_concept, door=aanbieder_beheerder)
    assert any("vul het innovatievoorstel in" in m for m in fout.value.messages)
    assert toestand(voorstel_concept) == voor


def test_ontbrekend_onderdeel_houdt_indiening_tegen(voorstel_concept, route, aanbieder_beheerder):
    _onderdelen(voorstel_concept, route, aanbieder_beheerder, aantal=11)
    services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder, **VOLLEDIG)
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=voorstel_concept, door=aanbieder_beheerder)
    # The provider reads the part by its title, not by the internal code IV12 (issue 12).
    assert any(route[1][11].weergavetitel in m for m in fout.value.messages)


@pytest.mark.parametrize(("pct", "goed"), [("0", True), ("25", True), ("25.00", True), ("25.01", False), ("26", False)])
def test_afwijking_van_de_duur_ten_hoogste_25_procent(voorstel_concept, route, aanbieder_beheerder, pct, goed):
    velden = {**VOLLEDIG, "max_afwijking_duur_pct": Decimal(pct)}
    if goed:
        v = services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder,
                                               **velden)
        assert v.max_afwijking_duur_pct == Decimal(pct)
        return
    with pytest.raises(ValidationError) as fout:
        services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder,
                                           **velden)
    assert "nooit meer dan 25 % afwijken" in fout.value.messages[0] and "002 r. 602" in fout.value.messages[0]
    assert not Innovatievoorstel.objects.exists()


def test_grens_geldt_alleen_voor_een_ambulant_alternatief(voorstel_concept, route, aanbieder_beheerder):
    v = services.innovatievoorstel_opslaan(
        inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder,
        **{**VOLLEDIG, "ambulant_alternatief": False, "max_afwijking_duur_pct": Decimal("40"), "duur_weken": None},
    )
    assert selectors.innovatie_fouten(v) == []


def test_ambulant_alternatief_zonder_duur_is_onvolledig(voorstel_concept, route, aanbieder_beheerder):
    _onderdelen(voorstel_concept, route, aanbieder_beheerder)
    services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder,
                                       **{**VOLLEDIG, "duur_weken": None, "max_afwijking_duur_pct": None})
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=voorstel_concept, door=aanbieder_beheerder)
    berichten = " ".join(fout.value.messages)
    assert "vaste duur" in berichten and "maximale afwijking" in berichten


def test_maximum_deelnemers_niet_kleiner_dan_minimum(voorstel_concept, route, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder,
                                           **{**VOLLEDIG, "min_deelnemers": 8, "max_deelnemers": 4})
    assert "kleiner dan het minimum" in fout.value.messages[0]


def test_alleen_op_een_gekozen_perceel_met_innovatieroute(procedure, concept, route, aanbieder_beheerder):
    with pytest.raises(ValidationError, match="Kies eerst perceel 1.2"):
        services.innovatievoorstel_opslaan(inschrijving=concept, perceel=route[0], door=aanbieder_beheerder, **VOLLEDIG)
    with pytest.raises(ValidationError, match="kent geen innovatieroute"):
        services.innovatievoorstel_opslaan(inschrijving=concept, perceel=procedure.p5_1, door=aanbieder_beheerder,
                                           **VOLLEDIG)
    assert not Innovatievoorstel.objects.exists()


def test_andere_organisatie_en_ingediend_voorstel_worden_geweigerd(voorstel_concept, route, aanbieder_beheerder,
                                                                   andere_beheerder):
    with pytest.raises(PermissionDenied):
        services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=andere_beheerder,
                                           **VOLLEDIG)
    _onderdelen(voorstel_concept, route, aanbieder_beheerder)
    services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder, **VOLLEDIG)
    indienen(voorstel_concept, aanbieder_beheerder)
    with pytest.raises(ValidationError, match="al ingediend"):
        services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder,
                                           **{**VOLLEDIG, "tarief": Decimal("1.00")})
    assert Innovatievoorstel.objects.get().tarief == Decimal("7800.00")


def test_onbekend_veld_is_een_programmeerfout(voorstel_concept, route, aanbieder_beheerder):
    with pytest.raises(ValueError, match="Onbekende velden"):
        services.innovatievoorstel_opslaan(inschrijving=voorstel_concept, perceel=route[0], door=aanbieder_beheerder,
                                           status="besloten")


def test_inschrijving_zonder_innovatieroute_merkt_niets(compleet, aanbieder_beheerder, django_assert_max_num_queries):
    percelen = list(selectors.gekozen_percelen(compleet))
    with django_assert_max_num_queries(0):  # the checklist of an ordinary inschrijving pays nothing extra
        assert selectors.innovatie_ontbrekend(compleet, percelen) == []
    assert "innovatievoorstel" not in services.bevroren_inhoud(compleet, compleet.gewijzigd_op)


# --- the provider's page --------------------------------------------------------------------------------------


def test_pagina_toont_onderdelen_en_slaat_cijfers_op(client, voorstel_concept, route, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:innovatievoorstel", args=[voorstel_concept.pk])
    html = client.get(url).content.decode()
    assert "Innovatievoorstel voor perceel 1.2 Overige Jeugdhulp" in html
    assert html.count("Beantwoorden") == 12
    data = {**{k: v for k, v in VOLLEDIG.items() if k != "ambulant_alternatief"}, "ambulant_alternatief": "on"}
    antwoord = client.post(url, data)
    assert antwoord.status_code == 302
    assert Innovatievoorstel.objects.get(inschrijving=voorstel_concept).productnaam == "Thuis Sterk"
    fout = client.post(url, {**data, "max_afwijking_duur_pct": "30"})
    assert fout.status_code == 200
    assert "nooit meer dan 25 % afwijken" in fout.content.decode()
    assert Innovatievoorstel.objects.get().max_afwijking_duur_pct == Decimal("25")
    overzicht = client.get(reverse("inschrijving:overzicht", args=[voorstel_concept.pk])).content.decode()
    assert url in overzicht


def test_pagina_404_zonder_route_en_voor_een_andere_organisatie(client, concept, voorstel_concept, andere_beheerder,
                                                               aanbieder_beheerder, procedure):
    client.force_login(andere_beheerder)
    assert client.get(reverse("inschrijving:innovatievoorstel", args=[voorstel_concept.pk])).status_code == 404
    services.percelen_kiezen(inschrijving=voorstel_concept, percelen=[procedure.p5_1], door=aanbieder_beheerder)
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse("inschrijving:innovatievoorstel", args=[voorstel_concept.pk])).status_code == 404
