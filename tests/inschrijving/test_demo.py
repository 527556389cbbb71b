"""Demo data: the Gooi eisen and the Zorgkracht draft, idempotent; skipping when the procedure is absent."""

import io

from aanbesteding import demo as aanbesteding_demo
from aanbesteding.models import Eis
from bronnen import gooi
from inschrijving import demo
from inschrijving.models import Bewijsstuk, Inschrijving
from organisaties import demo as organisaties_demo
from organisaties.models import Regio

from .factories import AanbestedingFactory, PerceelFactory


def test_demo_zonder_procedures_slaat_netjes_over(db):
    uit = io.StringIO()
    demo.laad(uit)
    assert "Gooi-procedure (SD005) niet gevonden" in uit.getvalue()
    assert not Eis.objects.exists()


def test_demo_gooi_eisen_en_concept_idempotent(db, django_capture_on_commit_callbacks):
    organisaties_demo.laad(io.StringIO())
    # In the Gooi region: the Programma van Eisen is imported by the region's inkoper (issue 12).
    a = AanbestedingFactory(dossiernummer="SD005", titel="Jeugdhulp Voorzieningen", regio=Regio.objects.get(slug="gooi"))
    for i, p in enumerate(gooi.PERCELEN):
        PerceelFactory(aanbesteding=a, code=p["code"], naam=p["naam"], volgorde=i)
    # The eisen are aanbesteding's (one owner per table); inschrijving's demo answers them.
    aanbesteding_demo.eisen_laden(io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        demo.laad(io.StringIO())
    aantal = Eis.objects.filter(aanbesteding=a).count()
    # 18 eisen of the toelatingsdocument in bronnen.gooi (H8 per perceel: 6 rows) = 23 rows, plus the 90 eisen of
    # the Programma van Eisen through the import, Eis 76-79 once per accommodation perceel (8): 86 + 32 = 118 rows.
    assert sum(len(e["percelen"] or (None,)) for e in gooi.EISEN) == 23
    assert aantal == 23 + 118
    assert Eis.objects.filter(aanbesteding=a, code__regex=r"^Eis [0-9]+$").values("code").distinct().count() == 90
    kvk = Eis.objects.get(aanbesteding=a, code="TD 2.7")
    assert (kvk.documentsoort, kvk.max_leeftijd_maanden, kvk.per_lid) == ("kvk_uittreksel", 3, True)
    insch = Inschrijving.objects.get(organisatie__naam="Zorgkracht Gooi B.V.")
    assert sorted(insch.inschrijving_percelen.values_list("perceel__code", flat=True)) == ["5.13", "5.2"]
    assert insch.antwoorden.get(eis=kvk).bewijsstukken.get().controle == Bewijsstuk.Controle.IN_ORDE
    with django_capture_on_commit_callbacks(execute=True):
        aanbesteding_demo.eisen_laden(io.StringIO())
        demo.laad(io.StringIO())
    assert Eis.objects.filter(aanbesteding=a).count() == aantal
    assert Inschrijving.objects.count() == 1
    assert Bewijsstuk.objects.count() == 3
