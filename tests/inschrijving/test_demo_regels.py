"""Demo: Gooi's lot rules and caps from bronnen/gooi.py (issue 19), idempotent, and enforced on the demo procedure."""

import io

import pytest
from django.core.exceptions import ValidationError

from aanbesteding import demo_regels
from aanbesteding.models import Aanbesteding, Perceel, Perceelregel
from bronnen import gooi
from bronnen.regio import REGIO_GOOI
from inschrijving import regels
from organisaties.models import Gemeente

from .factories import AanbestedingFactory, PerceelFactory


def _gooi(db):
    a = AanbestedingFactory(dossiernummer="SD005", titel="Jeugdhulp Voorzieningen")
    for g in REGIO_GOOI["gemeenten"]:
        Gemeente.objects.create(naam=g["naam"], regio=a.regio, doet_mee_jeugd="jeugd" in g["domeinen"])
    percelen = {}
    for i, p in enumerate(gooi.PERCELEN):
        percelen[p["code"]] = PerceelFactory(aanbesteding=a, code=p["code"], naam=p["naam"], volgorde=i,
                                             hoofdperceel=percelen.get(p["bovenliggend"]))
    return a


def _momentopname(a):
    return sorted(
        (r.perceel.code, r.soort, r.aantal, r.toelichting, r.bron, tuple(sorted(r.percelen.values_list("code", flat=True))))
        for r in Perceelregel.objects.filter(perceel__aanbesteding=a).select_related("perceel")
    )


def test_zonder_gooi_procedure_slaat_netjes_over(db):
    uit = io.StringIO()
    demo_regels.laad(uit)
    assert "Gooi-procedure (SD005) niet gevonden" in uit.getvalue()
    assert not Perceelregel.objects.exists()


def test_gooi_regels_en_grenzen_uit_de_bron_idempotent(db):
    a = _gooi(db)
    uit = io.StringIO()
    demo_regels.laad(uit)
    a = Aanbesteding.objects.get(pk=a.pk)
    # 003 r.665-691: 3 derden, 2 onderaannemers, 10 % zzp, 20 % onderaanneming; 5.3 none; 5.7-5.9 exempt.
    assert (a.max_derden, a.max_onderaannemers, a.max_zzp_pct, a.max_onderaanneming_pct) == (3, 2, 10, 20)
    stand = dict(Perceel.objects.filter(aanbesteding=a).values_list("code", "onderaanneming"))
    assert stand["5.3"] == "verboden"
    assert [c for c, s in sorted(stand.items()) if s == "vrij"] == ["5.7", "5.8", "5.9"]
    assert stand["5.1"] == "beperkt"
    eerste = _momentopname(a)
    verblijf = ("5.1", "5.2")
    assert [r for r in eerste if r[1] == "een_van"] == [
        (c, "een_van", 1, "Inschrijving op Verblijf vereist Ambulante Jeugd GGZ en/of Ambulante Jeugdhulp.",
         "003 r. 512", verblijf) for c in ("5.10", "5.11", "5.12", "5.7", "5.8", "5.9")
    ]
    assert [r for r in eerste if r[0] == "5.3"] == [
        ("5.3", "locatie", 1, "", "003 r.514", ()),
        ("5.3", "minimaal", 2, "extra ambulante percelen", "003 r.514-520", ("5.1", "5.2", "5.4", "5.4A", "5.5", "5.6")),
        ("5.3", "minimaal", 2, "verblijfspercelen", "003 r.514-520", ("5.10", "5.11", "5.12", "5.7", "5.8", "5.9")),
    ]
    assert ("5.10.1", "locatie", 1, "", "003 r. 4632-4637", ()) in eerste
    # The six municipalities of 003 r.4632 are exactly the region's Jeugd municipalities: no warning.
    assert "let op" not in uit.getvalue()
    assert [g.naam for g in regels.toegestane_gemeenten(a, "jeugd")] == sorted(
        gooi.PERCEEL_AFHANKELIJKHEDEN[-1]["locatie_in_gemeenten"])
    tweede = io.StringIO()
    demo_regels.laad(tweede)
    assert _momentopname(a) == eerste
    assert "(0 gewijzigd)" in tweede.getvalue()


def test_demo_regels_werken_in_de_keuze_van_percelen(db, aanbieder, aanbieder_beheerder, tijd):
    from inschrijving import services

    from .factories import ToetredingsmomentFactory

    a = _gooi(db)
    ToetredingsmomentFactory(aanbesteding=a)
    demo_regels.laad(io.StringIO())
    insch = services.inschrijving_starten(aanbesteding=a, organisatie=aanbieder, door=aanbieder_beheerder)
    p = {x.code: x for x in a.percelen.all()}
    with pytest.raises(ValidationError) as fout:
        services.percelen_kiezen(inschrijving=insch, percelen=[p["5.9"]], door=aanbieder_beheerder)
    assert fout.value.messages[0].startswith(
        "Voor perceel 5.9 Gezinshuizen moet u ook inschrijven op 5.1 Ambulante Jeugd GGZ of 5.2 Ambulante Jeugdhulp")
    services.percelen_kiezen(inschrijving=insch, percelen=[p["5.2"], p["5.9"], p["5.13"]], door=aanbieder_beheerder)
