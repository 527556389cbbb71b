"""The fines of the schedule with the source's numbers (003 §7.11 r.2876-2880; 003 r.3236; 003 r.2702): each
amount computed from its unit by regels.boete_bedrag, frozen with the calculation in words, and moved through
opgelegd → betaald / kwijtgescholden."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from contractbeheer.models import Boete, Verantwoording, Verantwoordingseis, Verantwoordingsinzending
from contractbeheer.services import handhaving as services
from core.kalender import TZ
from core.models import AuditRegel

from ._handhaving import NA_TERMIJN, opleggen, wereld

pytestmark = pytest.mark.django_db

OP = datetime(2026, 6, 1, 10, 0, tzinfo=TZ)


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


@pytest.fixture
def boete4(w, contractmanager_a):
    """Step 4 (boete) imposed, after a warning, a stop on new clients and a stop at re-assessment."""
    for trede in (1, 2, 3):
        opleggen(w.ovk, contractmanager_a, trede)
    return opleggen(w.ovk, contractmanager_a, 4)


def _boete(m, soort, door, *, op=OP, **velden):
    with time_machine.travel(op, tick=False):
        return services.boete_opleggen(maatregel=m, soort=soort, door=door, **velden)


def test_het_schema_van_003_is_geladen(w):
    schema = {s.code: (s.bedrag, s.eenheid, s.per_periode, s.percentage) for s in w.gooi.boetesoorten.all()}
    assert schema == {
        "klacht-gegrond": (Decimal("25.00"), "klacht", "", None),
        "personeelseisen": (Decimal("250.00"), "medewerker", "week", None),
        "klacht-termijn": (Decimal("50.00"), "klacht", "", None),
        "administratief-herstel": (Decimal("75.00"), "uur", "", None),
        "verantwoording-te-laat": (Decimal("250.00"), "dag", "", None),
        "faillissement-niet-gemeld": (Decimal("2500.00"), "geval", "", None),
        "capaciteit-niet-geleverd": (None, "periode", "", Decimal("75.00")),
    }
    assert not w.mlo.boetesoorten.exists()  # 002 has no schedule


@pytest.mark.parametrize(("code", "velden", "bedrag", "berekening"), [
    # 003 §7.11 lid 4a r.2876: € 25 per gegronde klacht.
    ("klacht-gegrond", {"aantal": 2}, "50.00", "2 klachten × € 25,00"),
    ("klacht-gegrond", {"aantal": 1}, "25.00", "1 klacht × € 25,00"),
    # lid 4b r.2877: € 250 per medewerker per week.
    ("personeelseisen", {"aantal": 3, "perioden": 2}, "1500.00", "3 medewerkers × 2 weken × € 250,00"),
    ("personeelseisen", {"aantal": 1, "perioden": 1}, "250.00", "1 medewerker × 1 week × € 250,00"),
    # lid 4c r.2878: € 50 per klacht niet binnen tien werkdagen.
    ("klacht-termijn", {"aantal": 4}, "200.00", "4 klachten × € 50,00"),
    # lid 4d r.2879: € 75 per uur administratief herstel, also half hours.
    ("administratief-herstel", {"aantal": Decimal("6.5")}, "487.50", "6,5 uur × € 75,00"),
    # 003 r.3236 (art. 9.6): € 2.500 per geval.
    ("faillissement-niet-gemeld", {"aantal": 1}, "2500.00", "1 geval × € 2.500,00"),
    # 003 r.2702: 75 % of the budget as base.
    ("capaciteit-niet-geleverd", {"grondslag": Decimal("12345.67")}, "9259.25", "75 % van € 12.345,67"),
])
def test_elke_boete_uit_het_schema_met_haar_eenheid(w, boete4, contractmanager_a, code, velden, bedrag, berekening):
    boete = _boete(boete4, w.soort(code), contractmanager_a, **velden)
    boete.refresh_from_db()
    assert boete.bedrag == Decimal(bedrag)
    assert boete.berekening == berekening
    assert (boete.status, boete.opgelegd_op, boete.overeenkomst) == (Boete.Status.OPGELEGD, date(2026, 6, 1), w.ovk)
    assert AuditRegel.objects.filter(actie="contractbeheer.boete_opgelegd", object_id=str(boete.pk)).exists()


def test_tarief_in_woorden(w):
    assert services.tarief_tekst(w.soort("personeelseisen")) == "€ 250,00 per medewerker per week"
    assert services.tarief_tekst(w.soort("klacht-gegrond")) == "€ 25,00 per klacht"
    assert services.tarief_tekst(w.soort("capaciteit-niet-geleverd")) == "75 % van de grondslag"


@pytest.mark.parametrize(("code", "velden", "veld"), [
    ("klacht-gegrond", {}, "aantal"),
    ("klacht-gegrond", {"aantal": 0}, "aantal"),
    ("personeelseisen", {"aantal": 3}, "perioden"),
    ("capaciteit-niet-geleverd", {}, "grondslag"),
    ("klacht-gegrond", {"aantal": "drie"}, "aantal"),
])
def test_ontbrekende_eenheden_geweigerd(w, boete4, contractmanager_a, code, velden, veld):
    with pytest.raises(ValidationError) as fout:
        _boete(boete4, w.soort(code), contractmanager_a, **velden)
    assert veld in fout.value.message_dict
    assert not Boete.objects.exists()


def test_boete_alleen_bij_opgelegde_boetetrede(w, contractmanager_a):
    waarschuwing = opleggen(w.ovk, contractmanager_a, 1)
    with pytest.raises(ValidationError, match="opgelegde maatregel"):
        _boete(waarschuwing, w.soort("klacht-gegrond"), contractmanager_a, aantal=2)


def test_per_dag_hoort_bij_trede_5_en_de_rest_bij_trede_4(w, boete4, contractmanager_a):
    with pytest.raises(ValidationError, match="trede 5"):
        _boete(boete4, w.soort("verantwoording-te-laat"), contractmanager_a, aantal=3)


def test_boete_van_een_andere_procedure_geweigerd(w, boete4, contractmanager_a, regio_a):
    from bronnen import contractbeheer as bron
    from contractbeheer import services as cb
    from tests.contractbeheer import factories as f

    ander, _, _ = f.gooi(regio_a)
    cb.regels_laden(aanbesteding=ander, bron=bron.GOOI)
    vreemd = ander.boetesoorten.get(code="klacht-gegrond")
    with pytest.raises(ValidationError, match="boeteschema van deze procedure"):
        _boete(boete4, vreemd, contractmanager_a, aantal=1)


# --- € 250 per dag for a late financial verantwoording (003 §7.11 lid 5 r.2880) ----------------------------------


@pytest.fixture
def per_dag(w, boete4, contractmanager_a):
    """Step 5 imposed on top of step 4, and a financial verantwoording 2025 due 31-03-2026 (vóór 1 april)."""
    m = opleggen(w.ovk, contractmanager_a, 5)
    eis = Verantwoordingseis.objects.get(aanbesteding=w.gooi, soort="financieel")
    v = Verantwoording.objects.create(overeenkomst=w.ovk, eis=eis, jaar=2025, uiterlijk=date(2026, 3, 31))
    return m, v


def test_per_dag_telt_tot_de_indiening(w, per_dag, contractmanager_a):
    m, v = per_dag
    Verantwoordingsinzending.objects.create(verantwoording=v, omzet=Decimal("1000"), ingediend_door=w.lid,
                                            ingediend_op=datetime(2026, 4, 12, 23, 30, tzinfo=TZ))
    assert services.ingediend_op(v) == date(2026, 4, 12)
    boete = _boete(m, w.soort("verantwoording-te-laat"), contractmanager_a, verantwoording=v)
    # 31-03 is the last day on time; 01-04 .. 12-04 are 12 days late (Amsterdam date of the submission).
    assert (boete.aantal, boete.bedrag) == (Decimal(12), Decimal("3000.00"))
    assert boete.berekening == "12 dagen te laat (uiterlijk 31-03-2026, ingediend 12-04-2026) × € 250,00"
    assert boete.verantwoording == v


def test_per_dag_telt_tot_vandaag_zolang_niets_is_ingediend(w, per_dag, contractmanager_a):
    m, v = per_dag
    boete = _boete(m, w.soort("verantwoording-te-laat"), contractmanager_a, verantwoording=v)
    # 01-04 .. 01-06: 30 + 31 + 1 = 62 days.
    assert (boete.aantal, boete.bedrag) == (Decimal(62), Decimal("15500.00"))
    assert "nog niet ingediend op 01-06-2026" in boete.berekening


def test_per_dag_niet_te_laat_geweigerd(w, per_dag, contractmanager_a):
    m, v = per_dag
    Verantwoordingsinzending.objects.create(verantwoording=v, omzet=Decimal("1000"), ingediend_door=w.lid,
                                            ingediend_op=datetime(2026, 3, 31, 23, 59, tzinfo=TZ))
    with pytest.raises(ValidationError, match="niet te laat: uiterlijk 31-03-2026, ingediend 31-03-2026"):
        _boete(m, w.soort("verantwoording-te-laat"), contractmanager_a, verantwoording=v)


def test_per_dag_vraagt_een_verantwoording_van_deze_overeenkomst(w, per_dag, contractmanager_a):
    m, v = per_dag
    andere = Verantwoording.objects.create(overeenkomst=w.andere_ovk, eis=v.eis, jaar=2025, uiterlijk=v.uiterlijk)
    for keuze in (None, andere):
        with pytest.raises(ValidationError) as fout:
            _boete(m, w.soort("verantwoording-te-laat"), contractmanager_a, verantwoording=keuze)
        assert "verantwoording" in fout.value.message_dict


# --- status and rights --------------------------------------------------------------------------------------


def test_betaald_en_kwijtgescholden(w, boete4, contractmanager_a):
    a = _boete(boete4, w.soort("klacht-gegrond"), contractmanager_a, aantal=2)
    b = _boete(boete4, w.soort("klacht-termijn"), contractmanager_a, aantal=1)
    with time_machine.travel(OP + timedelta(days=10), tick=False):
        with pytest.raises(ValidationError, match="opgelegd op 01-06-2026"):
            services.boete_betaald(boete=a, betaald_op=date(2026, 5, 31), door=contractmanager_a)
        with pytest.raises(ValidationError, match="niet in de toekomst"):
            services.boete_betaald(boete=a, betaald_op=date(2026, 6, 30), door=contractmanager_a)
        a = services.boete_betaald(boete=a, betaald_op=date(2026, 6, 8), door=contractmanager_a)
        with pytest.raises(ValidationError, match="reden"):
            services.boete_kwijtschelden(boete=b, reden=" ", door=contractmanager_a)
        b = services.boete_kwijtschelden(boete=b, reden="Klacht bleek na bezwaar ongegrond.", door=contractmanager_a)
        with pytest.raises(ValidationError):  # OVERGANGEN: betaald is final
            services.boete_kwijtschelden(boete=a, reden="Toch niet.", door=contractmanager_a)
    assert (a.status, a.betaald_op) == (Boete.Status.BETAALD, date(2026, 6, 8))
    assert b.status == Boete.Status.KWIJTGESCHOLDEN
    assert AuditRegel.objects.filter(actie="contractbeheer.boete_betaald", object_id=str(a.pk)).exists()
    assert AuditRegel.objects.filter(actie="contractbeheer.boete_kwijtgescholden", object_id=str(b.pk)).exists()


def test_alleen_de_contractmanager_van_de_regio(w, boete4, inkoper_a, contractmanager_b, contractmanager_a):
    soort = w.soort("klacht-gegrond")
    for wie in (inkoper_a, contractmanager_b, w.lid):
        with pytest.raises(PermissionDenied):
            _boete(boete4, soort, wie, aantal=2)
    boete = _boete(boete4, soort, contractmanager_a, aantal=2)
    for wie in (inkoper_a, contractmanager_b):
        with pytest.raises(PermissionDenied):
            services.boete_betaald(boete=boete, betaald_op=date(2026, 6, 1), door=wie)
        with pytest.raises(PermissionDenied):
            services.boete_kwijtschelden(boete=boete, reden="x", door=wie)


def test_aanbieder_krijgt_bericht_van_de_boete(w, boete4, contractmanager_a, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _boete(boete4, w.soort("klacht-gegrond"), contractmanager_a, aantal=2)
    boetemails = [m for m in mail.outbox if m.subject.startswith("Boete:")]
    assert len(boetemails) == 1
    assert "Gegronde klacht van een Cliënt" in boetemails[0].body and "/mijn/verplichtingen/boetes/" in boetemails[0].body
    assert "€ 50,00" not in boetemails[0].body and "klachten ×" not in boetemails[0].body
    assert w.lid.email in boetemails[0].to


def test_berekening_voor_een_periode_zonder_meervoud():
    class Soort:
        percentage, bedrag, eenheid, per_periode = None, Decimal("10"), "stuk", "maand"

    assert services.berekening(Soort, aantal=Decimal(2), perioden=3) == "2 stuk × 3 maanden × € 10,00"


def test_na_termijn_constante():
    assert NA_TERMIJN.date() == date(2026, 5, 12)
