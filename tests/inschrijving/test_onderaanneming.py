"""Subcontracting caps of 003 §2.13 (r.665-691) in lid_toevoegen, opgave_vastleggen and at submission (issue 19):
at most 2 onderaannemers (5.7, 5.8, 5.9 exempt), none on 5.3, at most 3 derden, zzp'ers at most 10 % of the
executing FTE, onderaanneming at most 20 % of production. Each refusal names the numbers."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Aanbesteding
from inschrijving import regels, services
from inschrijving.models import Inschrijving, Lid

from ._hulp import audit_regels, een_auditregel, indienen, toestand
from ._regels import gooi_regels_fixture  # noqa: F401 (fixture gooi_regels)


def _lid(insch, door, naam, kvk, rol=Lid.Rol.ONDERAANNEMER, percelen=()):
    return services.lid_toevoegen(inschrijving=insch, rol=rol, naam=naam, kvk_nummer=kvk, percelen=list(percelen),
                                  door=door)


def _opgave(insch, door, fte=None, zzp=None, pct=None):
    return services.opgave_vastleggen(inschrijving=insch, fte_uitvoerend=fte, fte_zzp=zzp, onderaanneming_pct=pct,
                                      door=door)


@pytest.fixture
def breed(gooi_regels, concept, aanbieder_beheerder):
    """Zorgkracht's draft on 5.1, 5.2, 5.7, 5.8 and 5.9 (5.7-5.9 exempt from the cap, 003 r.687)."""
    p = gooi_regels
    services.percelen_kiezen(inschrijving=concept, percelen=[p.p5_1, p.p5_2, p.p5_7, p.p5_8, p.p5_9],
                             door=aanbieder_beheerder)
    return concept


# --- onderaannemers (003 r.687) ------------------------------------------------------------------------------


def test_derde_onderaannemer_wordt_geweigerd_met_de_namen(gooi_regels, breed, aanbieder_beheerder):
    p = gooi_regels
    _lid(breed, aanbieder_beheerder, "Praktijk De Linde", "11111111", percelen=[p.p5_1])
    _lid(breed, aanbieder_beheerder, "GGZ Kompas", "22222222", percelen=[p.p5_2])
    voor = toestand(breed)
    with pytest.raises(ValidationError) as fout:
        _lid(breed, aanbieder_beheerder, "Ambulant Team Noord", "33333333", percelen=[p.p5_1])
    assert fout.value.messages == [
        "U mag maximaal 2 onderaannemers inschakelen; deze inschrijving noemt er 3: Praktijk De Linde, GGZ Kompas en "
        "Ambulant Team Noord. Onderaannemers die alleen voor 5.7, 5.8, 5.9 werken, tellen niet mee."
    ]
    assert toestand(breed) == voor
    assert audit_regels("inschrijving.lid_toegevoegd", breed).count() == 2


def test_onderaannemer_alleen_voor_pleegzorg_en_gezinshuizen_telt_niet_mee(gooi_regels, breed, aanbieder_beheerder):
    p = gooi_regels
    _lid(breed, aanbieder_beheerder, "Praktijk De Linde", "11111111", percelen=[p.p5_1])
    _lid(breed, aanbieder_beheerder, "GGZ Kompas", "22222222", percelen=[p.p5_2])
    _lid(breed, aanbieder_beheerder, "Pleeggezinnen Gooi", "33333333", percelen=[p.p5_7, p.p5_8])
    _lid(breed, aanbieder_beheerder, "Gezinshuis De Vuurtoren", "44444444", percelen=[p.p5_9])
    assert breed.leden.filter(rol=Lid.Rol.ONDERAANNEMER).count() == 4


def test_onderaannemer_voor_een_vrij_en_een_beperkt_perceel_telt_wel(gooi_regels, breed, aanbieder_beheerder):
    p = gooi_regels
    _lid(breed, aanbieder_beheerder, "Praktijk De Linde", "11111111", percelen=[p.p5_1])
    _lid(breed, aanbieder_beheerder, "GGZ Kompas", "22222222", percelen=[p.p5_2])
    with pytest.raises(ValidationError, match="noemt er 3: .* en Pleeggezinnen Gooi"):
        _lid(breed, aanbieder_beheerder, "Pleeggezinnen Gooi", "33333333", percelen=[p.p5_7, p.p5_1])


def test_onderaannemer_zonder_percelen_werkt_voor_alle_en_telt(gooi_regels, breed, aanbieder_beheerder):
    _lid(breed, aanbieder_beheerder, "Praktijk De Linde", "11111111")
    _lid(breed, aanbieder_beheerder, "GGZ Kompas", "22222222")
    with pytest.raises(ValidationError, match="maximaal 2 onderaannemers"):
        _lid(breed, aanbieder_beheerder, "Ambulant Team Noord", "33333333")


def test_combinanten_tellen_niet_als_onderaannemer(gooi_regels, breed, aanbieder_beheerder):
    for i in range(4):
        _lid(breed, aanbieder_beheerder, f"Combinant {i}", f"5555555{i}", rol=Lid.Rol.COMBINANT)
    _lid(breed, aanbieder_beheerder, "Praktijk De Linde", "11111111")
    _lid(breed, aanbieder_beheerder, "GGZ Kompas", "22222222")
    assert breed.leden.count() == 6


def test_geen_onderaannemer_op_snelle_inzetbare_hulp(gooi_regels, concept, aanbieder_beheerder):
    # 003 r.687 (and r.520): 5.3 admits no subcontractors at all.
    p = gooi_regels
    services.vestiging_vastleggen(inschrijving=concept, gemeente=p.gemeenten["Hilversum"], door=aanbieder_beheerder)
    services.percelen_kiezen(inschrijving=concept, percelen=[p.p5_1, p.p5_2, p.p5_3, p.p5_9, p.p5_10],
                             door=aanbieder_beheerder)
    with pytest.raises(ValidationError) as fout:
        _lid(concept, aanbieder_beheerder, "Spoedteam West", "66666666", percelen=[p.p5_3])
    assert fout.value.messages == [
        "Op perceel 5.3 Snelle Inzetbare Hulp zijn geen onderaannemers toegestaan; Spoedteam West staat als "
        "onderaannemer voor dit perceel. Kies bij Spoedteam West alleen de percelen waarvoor deze onderaannemer werkt."
    ]
    with pytest.raises(ValidationError) as fout:
        _lid(concept, aanbieder_beheerder, "Spoedteam West", "66666666")
    assert "staat als onderaannemer voor alle gekozen percelen (u koos er geen)" in fout.value.messages[0]
    # For the other percelen the same subcontractor is fine; as a combinant it is no subcontractor.
    _lid(concept, aanbieder_beheerder, "Spoedteam West", "66666666", percelen=[p.p5_1, p.p5_10])
    _lid(concept, aanbieder_beheerder, "Partner Zuid", "77777777", rol=Lid.Rol.COMBINANT)
    assert concept.leden.count() == 2


def test_zonder_grens_in_de_procedure_is_elk_aantal_onderaannemers_goed(procedure, concept, aanbieder_beheerder):
    assert procedure.aanbesteding.max_onderaannemers is None
    for i in range(4):
        _lid(concept, aanbieder_beheerder, f"Onderaannemer {i}", f"8888888{i}")
    assert concept.leden.count() == 4


# --- derden (003 r.671) -------------------------------------------------------------------------------------


def test_vierde_derde_wordt_geweigerd(gooi_regels, breed, aanbieder_beheerder):
    for i, naam in enumerate(["Kenniscentrum A", "Kenniscentrum B", "Kenniscentrum C"]):
        _lid(breed, aanbieder_beheerder, naam, f"9999999{i}", rol=Lid.Rol.DERDE)
    with pytest.raises(ValidationError) as fout:
        _lid(breed, aanbieder_beheerder, "Kenniscentrum D", "99999993", rol=Lid.Rol.DERDE)
    assert fout.value.messages == [
        "U mag een beroep doen op maximaal 3 derden; deze inschrijving noemt er 4: Kenniscentrum A, Kenniscentrum B, "
        "Kenniscentrum C en Kenniscentrum D."
    ]
    assert breed.leden.filter(rol=Lid.Rol.DERDE).count() == 3


def test_een_derde_bij_een_bestaande_overschrijding_wordt_alleen_om_zichzelf_beoordeeld(
        gooi_regels, breed, aanbieder_beheerder):
    # A cap lowered by a rectificatie after three subcontractors were named: adding a derde is not blocked by it.
    for i in range(2):
        _lid(breed, aanbieder_beheerder, f"Onderaannemer {i}", f"8888888{i}")
    Aanbesteding.objects.filter(pk=breed.aanbesteding_id).update(max_onderaannemers=1)
    _lid(breed, aanbieder_beheerder, "Kenniscentrum A", "99999990", rol=Lid.Rol.DERDE)
    assert breed.leden.count() == 3
    assert any("U mag maximaal 1 onderaannemer inschakelen; deze inschrijving noemt er 2" in f for f in regels.regelfouten(Inschrijving.objects.get(pk=breed.pk)))


# --- zzp'ers (003 r.689) and onderaanneming (003 r.691) -------------------------------------------------------


def test_zzp_boven_tien_procent_wordt_geweigerd_met_de_getallen(gooi_regels, concept, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        _opgave(concept, aanbieder_beheerder, fte=Decimal("40"), zzp=Decimal("5"))
    assert fout.value.messages == [
        "Het aandeel zzp'ers is 12,5 % van de uitvoerende fte (5 van 40 fte); het maximum is 10 %. Bij 40 uitvoerende "
        "fte mag u maximaal 4 fte aan zzp'ers inzetten."
    ]
    concept.refresh_from_db()
    assert concept.fte_uitvoerend is None and concept.fte_zzp is None


def test_zzp_precies_tien_procent_mag_en_wordt_geaudit(gooi_regels, concept, aanbieder_beheerder):
    _opgave(concept, aanbieder_beheerder, fte=Decimal("40"), zzp=Decimal("4"), pct=Decimal("20"))
    concept.refresh_from_db()
    assert (concept.fte_uitvoerend, concept.fte_zzp, concept.onderaanneming_pct) == (40, 4, 20)
    regel = een_auditregel("inschrijving.opgave", concept, aanbieder_beheerder)
    assert regel.nieuwe_waarden == {"fte_uitvoerend": "40", "fte_zzp": "4", "onderaanneming_pct": "20"}


def test_zzp_zonder_uitvoerende_fte_vraagt_het_aantal(gooi_regels, concept, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        _opgave(concept, aanbieder_beheerder, fte=None, zzp=Decimal("1.5"))
    assert fout.value.messages == [
        "U vulde 1,5 fte aan zzp'ers in maar geen uitvoerende fte; zzp'ers mogen maximaal 10 % van de uitvoerende "
        "fte zijn. Vul het aantal uitvoerende fte in."
    ]


def test_onderaanneming_boven_twintig_procent_wordt_geweigerd(gooi_regels, concept, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        _opgave(concept, aanbieder_beheerder, fte=Decimal("40"), zzp=Decimal("0"), pct=Decimal("20.5"))
    assert fout.value.messages == [
        "Het aandeel onderaanneming is 20,5 % van de productie; het maximum is 20 % voor alle onderaannemers samen."
    ]


@pytest.mark.parametrize("waarden, melding", [
    ({"fte": Decimal("-1")}, "Het uitvoerende fte kan niet negatief zijn; u vulde -1 in."),
    ({"pct": Decimal("120")}, "Het aandeel onderaanneming is een percentage van 0 tot 100; u vulde 120 in."),
])
def test_onzinnige_opgave_wordt_geweigerd(gooi_regels, concept, aanbieder_beheerder, waarden, melding):
    with pytest.raises(ValidationError) as fout:
        _opgave(concept, aanbieder_beheerder, **waarden)
    assert fout.value.messages == [melding]


def test_opgave_alleen_door_een_lid_en_alleen_in_een_concept(gooi_regels, concept, aanbieder_beheerder,
                                                              andere_beheerder):
    with pytest.raises(PermissionDenied):
        _opgave(concept, andere_beheerder, fte=Decimal("10"), zzp=Decimal("0"))
    Inschrijving.objects.filter(pk=concept.pk).update(status=Inschrijving.Status.INGETROKKEN)
    with pytest.raises(ValidationError, match="al ingediend"):
        _opgave(concept, aanbieder_beheerder, fte=Decimal("10"), zzp=Decimal("0"))


# --- at submission -----------------------------------------------------------------------------------------


def test_indienen_vraagt_de_opgave_van_fte(gooi_regels, compleet, aanbieder_beheerder):
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    assert fout.value.code == "onvolledig"
    assert any(m.startswith("Vul bij ‘Combinanten en onderaannemers’ het aantal uitvoerende fte en het aantal fte aan "
                            "zzp'ers in (0 als u geen zzp'ers inzet): zzp'ers mogen maximaal 10 %")
               for m in fout.value.messages)
    _opgave(compleet, aanbieder_beheerder, fte=Decimal("25"), zzp=Decimal("2.5"))
    assert indienen(compleet, aanbieder_beheerder).status == Inschrijving.Status.INGEDIEND


def test_regelfouten_bij_indienen_noemen_onderaannemer_op_5_3_en_ontbrekend_aandeel(
        gooi_regels, concept, aanbieder_beheerder):
    # A subcontractor named for every perceel before 5.3 was chosen: caught at submission (and on the overview).
    p = gooi_regels
    _lid(concept, aanbieder_beheerder, "Spoedteam West", "66666666")
    services.vestiging_vastleggen(inschrijving=concept, gemeente=p.gemeenten["Hilversum"], door=aanbieder_beheerder)
    services.percelen_kiezen(inschrijving=concept, percelen=[p.p5_1, p.p5_2, p.p5_3, p.p5_9, p.p5_10],
                             door=aanbieder_beheerder)
    _opgave(concept, aanbieder_beheerder, fte=Decimal("30"), zzp=Decimal("3"))
    fouten = regels.regelfouten(Inschrijving.objects.get(pk=concept.pk))
    assert fouten == [
        "Op perceel 5.3 Snelle Inzetbare Hulp zijn geen onderaannemers toegestaan; Spoedteam West staat als "
        "onderaannemer voor alle gekozen percelen (u koos er geen). Kies bij Spoedteam West alleen de percelen "
        "waarvoor deze onderaannemer werkt.",
        "U noemt onderaannemers: vul bij ‘Combinanten en onderaannemers’ het aandeel onderaanneming in (% van de "
        "productie voor de opdrachtgever, maximaal 20 % voor alle onderaannemers samen).",
    ]
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=concept, door=aanbieder_beheerder)
    assert set(fouten) <= set(fout.value.messages)


def test_grenzen_in_woorden(gooi_regels):
    p = gooi_regels
    assert regels.grenzen(p.aanbesteding, [p.p5_1, p.p5_3, p.p5_7, p.p5_8, p.p5_9]) == [
        "Maximaal 2 onderaannemers; onderaannemers die alleen voor 5.7, 5.8 en 5.9 werken, tellen niet mee.",
        "Geen onderaannemers op 5.3.",
        "Een beroep op maximaal 3 derden.",
        "Zzp'ers maximaal 10 % van de uitvoerende fte (uw opgave hieronder).",
        "Onderaanneming maximaal 20 % van de productie, alle onderaannemers samen.",
    ]


def test_getal_in_het_nederlands():
    assert [regels.getal(x) for x in (Decimal("12.50"), 10, Decimal("4.25"), Decimal("0.333"))] == [
        "12,5", "10", "4,25", "0,33"]
