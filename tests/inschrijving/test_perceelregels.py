"""Perceelregels where the inschrijving chooses its percelen and again at submission (issue 19): "één van"
(003 r.512), "minimaal N van een groep" (003 r.514-520) and "locatie" (003 r.514, r.4632). Each refusal says in
Dutch what is missing; a running admission counts like a choice in the same inschrijving."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inschrijving import regels, services
from inschrijving.models import Inschrijving
from tests.factories import GemeenteFactory, OrganisatieFactory

from ._hulp import een_auditregel, indienen, toestand
from ._regels import GOOI_JEUGD, GOOI_JEUGD_TEKST, afgerond, gooi_regels_fixture  # noqa: F401 (fixture gooi_regels)


def _kies(insch, door, *percelen):
    return services.percelen_kiezen(inschrijving=insch, percelen=list(percelen), door=door)


def _fouten(fout: pytest.ExceptionInfo) -> list[str]:
    return fout.value.messages


def _vestiging(insch, door, gemeente, adres=""):
    return services.vestiging_vastleggen(inschrijving=insch, gemeente=gemeente, adres=adres, door=door)


# --- één van (003 r.512) -------------------------------------------------------------------------------------


def test_verblijf_zonder_ambulant_wordt_geweigerd_met_wat_ontbreekt(gooi_regels, concept, aanbieder_beheerder):
    p = gooi_regels
    voor = toestand(concept)
    with pytest.raises(ValidationError) as fout:
        _kies(concept, aanbieder_beheerder, p.p5_10)
    assert _fouten(fout) == [
        "Voor perceel 5.10 Behandel- en leefgroepen moet u ook inschrijven op 5.1 Ambulante Jeugd GGZ of "
        "5.2 Ambulante Jeugdhulp (003 r.512); u koos geen van deze. Een lopende toelating voor een van deze "
        "percelen telt ook."
    ]
    assert toestand(concept) == voor


@pytest.mark.parametrize("ambulant", ["p5_1", "p5_2"])
def test_verblijf_met_5_1_of_5_2_mag(gooi_regels, concept, aanbieder_beheerder, ambulant):
    p = gooi_regels
    _kies(concept, aanbieder_beheerder, getattr(p, ambulant), p.p5_9)
    assert sorted(concept.inschrijving_percelen.values_list("perceel__code", flat=True)) == sorted(
        [getattr(p, ambulant).code, "5.9"])


def test_lopende_toelating_voor_5_2_vervult_een_van(gooi_regels, concept, aanbieder, aanbieder_beheerder):
    p = gooi_regels
    afgerond(p.aanbesteding, aanbieder, p.p5_2)
    _kies(concept, aanbieder_beheerder, p.p5_9)
    assert list(concept.inschrijving_percelen.values_list("perceel__code", flat=True)) == ["5.9"]


def test_afgewezen_of_andermans_toelating_telt_niet(gooi_regels, concept, aanbieder, aanbieder_beheerder):
    p = gooi_regels
    afgerond(p.aanbesteding, aanbieder, p.p5_2, toegelaten=False)
    afgerond(p.aanbesteding, OrganisatieFactory(), p.p5_1)
    with pytest.raises(ValidationError, match="Voor perceel 5.9 Gezinshuizen moet u ook inschrijven op 5.1"):
        _kies(concept, aanbieder_beheerder, p.p5_9)


def test_elk_verblijfsperceel_zonder_ambulant_krijgt_zijn_eigen_melding(gooi_regels, concept, aanbieder_beheerder):
    p = gooi_regels
    with pytest.raises(ValidationError) as fout:
        _kies(concept, aanbieder_beheerder, p.p5_7, p.p5_8)
    assert [m[:40] for m in _fouten(fout)] == ["Voor perceel 5.7 Pleegzorg moet u ook in",
                                               "Voor perceel 5.8 Pleegzorg Aanvullend mo"]


# --- minimaal N van een groep (003 r.514-520) ------------------------------------------------------------


def test_5_3_met_een_verblijfsperceel_noemt_het_aantal_en_de_keuze(gooi_regels, concept, aanbieder_beheerder):
    p = gooi_regels
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Hilversum"])
    with pytest.raises(ValidationError) as fout:
        _kies(concept, aanbieder_beheerder, p.p5_1, p.p5_2, p.p5_3, p.p5_10)
    assert _fouten(fout) == [
        "Voor perceel 5.3 moet u ook op minimaal 2 verblijfspercelen inschrijven; u koos er 1 (5.10). "
        "Kies er nog 1 uit: 5.7, 5.8, 5.9 (003 r.514-520)."
    ]


def test_5_3_telt_zichzelf_niet_als_extra_ambulant_perceel(gooi_regels, concept, aanbieder_beheerder):
    # "minimaal twee (2) extra ambulante": 5.3 is ambulant itself but is not one of the two extra.
    p = gooi_regels
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Huizen"])
    with pytest.raises(ValidationError) as fout:
        _kies(concept, aanbieder_beheerder, p.p5_1, p.p5_3, p.p5_9, p.p5_10)
    assert _fouten(fout) == [
        "Voor perceel 5.3 moet u ook op minimaal 2 extra ambulante percelen inschrijven; u koos er 1 (5.1). "
        "Kies er nog 1 uit: 5.2, 5.6 (003 r.514-520)."
    ]


def test_5_3_zonder_groepen_noemt_beide_tekorten(gooi_regels, concept, aanbieder_beheerder):
    p = gooi_regels
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Huizen"])
    with pytest.raises(ValidationError) as fout:
        _kies(concept, aanbieder_beheerder, p.p5_3)
    assert _fouten(fout) == [
        "Voor perceel 5.3 moet u ook op minimaal 2 extra ambulante percelen inschrijven; u koos er geen. "
        "Kies er nog 2 uit: 5.1, 5.2, 5.6 (003 r.514-520).",
        "Voor perceel 5.3 moet u ook op minimaal 2 verblijfspercelen inschrijven; u koos er geen. "
        "Kies er nog 2 uit: 5.7, 5.8, 5.9, 5.10 (003 r.514-520).",
    ]


def test_5_3_met_twee_en_twee_en_standplaats_mag(gooi_regels, concept, aanbieder_beheerder):
    p = gooi_regels
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Gooise Meren"])
    meldingen = _kies(concept, aanbieder_beheerder, p.p5_1, p.p5_2, p.p5_3, p.p5_9, p.p5_10)
    assert "5.3" in set(concept.inschrijving_percelen.values_list("perceel__code", flat=True))
    assert meldingen == ["Perceel 5.3 Snelle Inzetbare Hulp heeft een maximum van 4 aanbieders; bij meer geschikte "
                         "inschrijvers wordt geloot."]


def test_lopende_toelatingen_tellen_mee_voor_het_minimum(gooi_regels, concept, aanbieder, aanbieder_beheerder):
    p = gooi_regels
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Laren"])
    for perceel in (p.p5_2, p.p5_9, p.p5_10):
        afgerond(p.aanbesteding, aanbieder, perceel)
    _kies(concept, aanbieder_beheerder, p.p5_1, p.p5_3)
    assert sorted(concept.inschrijving_percelen.values_list("perceel__code", flat=True)) == ["5.1", "5.3"]


def test_minimaal_zonder_toelichting_noemt_de_groep(gooi_regels, concept, aanbieder_beheerder):
    p = gooi_regels
    p.regel_verblijf.toelichting = ""
    p.regel_verblijf.bron = ""
    p.regel_verblijf.save()
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Laren"])
    with pytest.raises(ValidationError) as fout:
        _kies(concept, aanbieder_beheerder, p.p5_1, p.p5_2, p.p5_3, p.p5_9)
    assert _fouten(fout) == [
        "Voor perceel 5.3 moet u ook op minimaal 2 percelen uit 5.7, 5.8, 5.9, 5.10 inschrijven; u koos er 1 (5.9). "
        "Kies er nog 1 uit: 5.7, 5.8, 5.10."
    ]


# --- locatie (003 r.514, r.4632) --------------------------------------------------------------------------------


def test_5_3_zonder_vestiging_vraagt_de_gemeente(gooi_regels, concept, aanbieder_beheerder):
    p = gooi_regels
    with pytest.raises(ValidationError) as fout:
        _kies(concept, aanbieder_beheerder, p.p5_1, p.p5_2, p.p5_3, p.p5_9, p.p5_10)
    assert _fouten(fout) == [
        "Voor perceel 5.3 Snelle Inzetbare Hulp is een vestiging binnen de regio vereist (003 r.514): geef bij de "
        f"percelen uw vestigingsgemeente op ({GOOI_JEUGD_TEKST}); u gaf er nog geen op."
    ]


def test_tussenvoorziening_in_eemnes_wordt_geweigerd(gooi_regels, concept, aanbieder_beheerder):
    # 003 r.4632 names six municipalities; Eemnes is in the region but does not buy Jeugd (003 r.5070).
    p = gooi_regels
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Eemnes"])
    with pytest.raises(ValidationError) as fout:
        _kies(concept, aanbieder_beheerder, p.p5_1, p.p5_10, p.p5_10_1)
    assert _fouten(fout) == [
        f"Voor perceel 5.10.1 Tussenvoorziening moet uw vestiging liggen in {GOOI_JEUGD_TEKST} (003 r.4632); "
        "u gaf Eemnes op."
    ]


@pytest.mark.parametrize("naam", GOOI_JEUGD)
def test_tussenvoorziening_in_elk_van_de_zes_gemeenten_mag(gooi_regels, concept, aanbieder_beheerder, naam):
    p = gooi_regels
    _vestiging(concept, aanbieder_beheerder, p.gemeenten[naam], "Havenstraat 12")
    _kies(concept, aanbieder_beheerder, p.p5_1, p.p5_10, p.p5_10_1)
    concept.refresh_from_db()
    assert concept.vestiging_gemeente.naam == naam
    assert concept.vestiging_adres == "Havenstraat 12"


def test_deelnemende_gemeenten_van_de_procedure_gaan_voor(gooi_regels, concept, aanbieder_beheerder):
    from aanbesteding.models import DeelnemendeGemeente

    p = gooi_regels
    DeelnemendeGemeente.objects.create(aanbesteding=p.aanbesteding, gemeente=p.gemeenten["Hilversum"], domein="jeugd")
    assert [g.naam for g in regels.toegestane_gemeenten(p.aanbesteding, "jeugd")] == ["Hilversum"]
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Huizen"])
    with pytest.raises(ValidationError, match="moet uw vestiging liggen in Hilversum .*; u gaf Huizen op"):
        _kies(concept, aanbieder_beheerder, p.p5_1, p.p5_10, p.p5_10_1)


def test_vestiging_vastleggen_weigert_een_gemeente_van_een_andere_regio(gooi_regels, concept, aanbieder_beheerder):
    roermond = GemeenteFactory(naam="Roermond")
    with pytest.raises(ValidationError) as fout:
        _vestiging(concept, aanbieder_beheerder, roermond)
    assert fout.value.code == "gemeente_buiten_regio"
    assert fout.value.messages[0].startswith("Roermond hoort niet bij de regio ")
    concept.refresh_from_db()
    assert concept.vestiging_gemeente is None


def test_vestiging_vastleggen_schrijft_een_auditregel_en_eist_lidmaatschap(
        gooi_regels, concept, aanbieder_beheerder, andere_beheerder):
    p = gooi_regels
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Hilversum"], "Havenstraat 12")
    regel = een_auditregel("inschrijving.vestiging", concept, aanbieder_beheerder)
    assert regel.nieuwe_waarden == {"gemeente": "Hilversum", "adres": "Havenstraat 12"}
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Hilversum"], "Havenstraat 12")  # unchanged: no new line
    een_auditregel("inschrijving.vestiging", concept)
    with pytest.raises(PermissionDenied):
        _vestiging(concept, andere_beheerder, p.gemeenten["Huizen"])


# --- again at submission ------------------------------------------------------------------------------------


def test_indienen_weigert_als_de_vestiging_niet_meer_voldoet(gooi_regels, compleet, aanbieder_beheerder):
    p = gooi_regels
    services.opgave_vastleggen(inschrijving=compleet, fte_uitvoerend=40, fte_zzp=0, onderaanneming_pct=None,
                               door=aanbieder_beheerder)
    _vestiging(compleet, aanbieder_beheerder, p.gemeenten["Hilversum"])
    _kies(compleet, aanbieder_beheerder, p.p5_1, p.p5_10, p.p5_10_1)
    _vestiging(compleet, aanbieder_beheerder, p.gemeenten["Eemnes"])  # saving a draft is always allowed
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert fout.value.code == "onvolledig"
    assert (f"Voor perceel 5.10.1 Tussenvoorziening moet uw vestiging liggen in {GOOI_JEUGD_TEKST} (003 r.4632); "
            "u gaf Eemnes op.") in fout.value.messages
    assert Inschrijving.objects.get(pk=compleet.pk).status == Inschrijving.Status.CONCEPT
    _vestiging(compleet, aanbieder_beheerder, p.gemeenten["Blaricum"])
    insch = indienen(compleet, aanbieder_beheerder)
    assert insch.status == Inschrijving.Status.INGEDIEND
    assert insch.bevroren_inhoud["vestiging"] == {"gemeente": "Blaricum", "adres": ""}
    assert insch.bevroren_inhoud["opgave"] == {"fte_uitvoerend": "40.00", "fte_zzp": "0.00", "onderaanneming_pct": None}


def test_indienen_weigert_een_regel_die_na_de_keuze_is_toegevoegd(gooi_regels, compleet, aanbieder_beheerder):
    # A rectificatie adds "één van" to 5.1 after the provider chose it: the submission is judged on the rules now.
    from aanbesteding.models import Perceelregel

    from ._regels import regel

    p = gooi_regels
    services.opgave_vastleggen(inschrijving=compleet, fte_uitvoerend=12, fte_zzp=1, onderaanneming_pct=None,
                               door=aanbieder_beheerder)
    regel(p.p5_1, Perceelregel.Soort.EEN_VAN, [p.p5_2, p.p5_6], toelichting="rectificatie")
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert ("Voor perceel 5.1 Ambulante Jeugd GGZ moet u ook inschrijven op 5.2 Ambulante Jeugdhulp of 5.6 Multi "
            "Systeem Therapie (rectificatie); u koos geen van deze. Een lopende toelating voor een van deze percelen "
            "telt ook.") in fout.value.messages


def test_regelfouten_is_leeg_voor_een_inschrijving_die_voldoet(gooi_regels, concept, aanbieder_beheerder,
                                                                 django_assert_max_num_queries):
    p = gooi_regels
    services.opgave_vastleggen(inschrijving=concept, fte_uitvoerend=10, fte_zzp=1, onderaanneming_pct=None,
                               door=aanbieder_beheerder)
    _vestiging(concept, aanbieder_beheerder, p.gemeenten["Huizen"])
    _kies(concept, aanbieder_beheerder, p.p5_1, p.p5_2, p.p5_3, p.p5_9, p.p5_10)
    concept = Inschrijving.objects.get(pk=concept.pk)
    with django_assert_max_num_queries(12):
        assert regels.regelfouten(concept) == []


def test_regel_tekst_voor_de_perceelpagina(gooi_regels):
    p = gooi_regels
    teksten = [regels.regel_tekst(p.p5_3, r) for r in p.p5_3.regels.order_by("pk")]
    assert teksten == ["ook minimaal 2 extra ambulante percelen (5.1, 5.2, 5.6)",
                       "ook minimaal 2 verblijfspercelen (5.7, 5.8, 5.9, 5.10)", "een vestiging in de regio"]
    assert [regels.regel_tekst(p.p5_9, r) for r in p.p5_9.regels.all()] == ["ook één van: 5.1 of 5.2"]
