"""Issue 18: the proces-verbaal van opening lists real irregularities. It once said "Geen." for a bid dated years
after the deadline. Real dates (time-machine): the Tussenvoorziening window closes Friday 30-06-2023 10:00
(003 r. 4806), and 10:00:00 is already too late."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from core.kalender import TZ
from inschrijving import services, tasks
from inschrijving.models import Inschrijving
from tests.factories import OrganisatieFactory

from ._hulp import SLUITING, een_auditregel, indienen
from .factories import InschrijvingFactory, ToetredingsmomentFactory


def _pv_tekst(moment):
    pv = tasks.proces_verbaal_opmaken(moment.pk)
    return pv.onregelmatigheden


def test_een_inschrijving_jaren_na_de_sluiting_is_een_onregelmatigheid(procedure, tijd):
    """The reproduction: a row marked submitted in 2026 for a round that closed in 2023 (a staff action or
    a data change; the submit service would have refused it)."""
    laat = InschrijvingFactory(aanbesteding=procedure.aanbesteding, toetredingsmoment=procedure.moment,
                               organisatie=OrganisatieFactory(naam="Laatkomer B.V."),
                               status=Inschrijving.Status.INGEDIEND, ingediend_op=datetime(2026, 3, 2, 11, 15, tzinfo=TZ))
    tijd(datetime(2026, 3, 3, 9, 0, tzinfo=TZ))
    regels = tasks.onregelmatigheden(procedure.moment)
    assert ("Inschrijving van Laatkomer B.V. staat als ingediend op 02-03-2026 om 11:15, ná de sluiting op "
            "30-06-2023 om 10:00.") in regels
    assert "Inschrijving van Laatkomer B.V. staat als ingediend zonder indiening via het portaal in het logboek." in regels
    tekst = _pv_tekst(procedure.moment)
    assert "ná de sluiting" in tekst and "Geen" not in tekst
    assert laat.pk


def test_de_minuut_van_de_sluiting_is_al_te_laat(procedure, tijd):
    InschrijvingFactory(aanbesteding=procedure.aanbesteding, toetredingsmoment=procedure.moment,
                        organisatie=OrganisatieFactory(naam="Precies B.V."), status=Inschrijving.Status.INGEDIEND,
                        ingediend_op=SLUITING)
    InschrijvingFactory(aanbesteding=procedure.aanbesteding, toetredingsmoment=procedure.moment,
                        organisatie=OrganisatieFactory(naam="Net Op Tijd B.V."), status=Inschrijving.Status.INGEDIEND,
                        ingediend_op=datetime(2023, 6, 30, 9, 59, 59, tzinfo=TZ))
    regels = [r for r in tasks.onregelmatigheden(procedure.moment) if "ná de sluiting" in r]
    assert regels == ["Inschrijving van Precies B.V. staat als ingediend op 30-06-2023 om 10:00, ná de sluiting op "
                      "30-06-2023 om 10:00."]


def test_een_inschrijving_van_voor_de_opening(procedure, tijd):
    InschrijvingFactory(aanbesteding=procedure.aanbesteding, toetredingsmoment=procedure.moment,
                        organisatie=OrganisatieFactory(naam="Vroeg B.V."), status=Inschrijving.Status.INGEDIEND,
                        ingediend_op=datetime(2023, 6, 1, 8, 0, tzinfo=TZ))
    assert any("vóór de opening op 13-06-2023 om 09:00" in r for r in tasks.onregelmatigheden(procedure.moment))


def test_een_gewone_indiening_op_tijd_geeft_geen_onregelmatigheid(compleet, procedure, aanbieder_beheerder, tijd):
    indienen(compleet, aanbieder_beheerder)
    tijd(SLUITING)
    assert tasks.onregelmatigheden(procedure.moment) == []
    assert _pv_tekst(procedure.moment) == ""


def test_te_late_poging_wordt_vastgelegd_met_de_ronde_en_telt_in_die_ronde(concept, procedure, aanbieder_beheerder, tijd):
    tijd(datetime(2024, 1, 8, 10, 0, tzinfo=TZ))  # months later, and no round open: refused for lateness
    with pytest.raises(ValidationError) as fout:
        services.inschrijving_indienen(inschrijving=concept, door=aanbieder_beheerder)
    assert fout.value.code == "te_laat"
    regel = een_auditregel("inschrijving.te_laat", concept, door=aanbieder_beheerder)
    assert regel.nieuwe_waarden["toetredingsmoment"] == procedure.moment.pk
    assert regel.nieuwe_waarden["poging_op"].startswith("2024-01-08")
    assert tasks.onregelmatigheden(procedure.moment) == [
        "Te late indienpoging door Zorgkracht Gooi B.V.: Indienpoging op 08-01-2024 om 10:00."
    ]
    # Another round of the same procedure does not inherit the attempt.
    ander = ToetredingsmomentFactory(aanbesteding=procedure.aanbesteding, naam="Ronde 2024",
                                     opent_op=datetime(2024, 2, 1, 9, 0, tzinfo=TZ), sluit_op=datetime(2024, 3, 1, 10, 0, tzinfo=TZ))
    assert tasks.onregelmatigheden(ander) == []


def test_alles_in_volgorde_van_tijd(ingediend_en_concept, procedure, aanbieder_beheerder, andere_beheerder, tijd):
    ingediend, concept = ingediend_en_concept
    tijd(datetime(2023, 6, 29, 16, 45, tzinfo=TZ))
    services.inschrijving_intrekken(inschrijving=ingediend, door=aanbieder_beheerder)
    tijd(datetime(2023, 6, 30, 10, 0, 0, tzinfo=TZ))
    with pytest.raises(ValidationError):
        services.inschrijving_indienen(inschrijving=concept, door=andere_beheerder)
    regels = tasks.onregelmatigheden(procedure.moment)
    assert [r.split(" ")[0] for r in regels] == ["Zorgkracht", "Te"]
    assert "vóór de sluiting ingetrokken op 29-06-2023 16:45" in regels[0]


@pytest.fixture
def ingediend_en_concept(compleet, procedure, aanbieder_beheerder, andere_aanbieder, andere_beheerder):
    ingediend = indienen(compleet, aanbieder_beheerder)
    concept = services.inschrijving_starten(aanbesteding=procedure.aanbesteding, organisatie=andere_aanbieder,
                                            door=andere_beheerder)
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1], door=andere_beheerder)
    return ingediend, concept
