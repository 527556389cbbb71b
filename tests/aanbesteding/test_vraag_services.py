"""vraag_stellen and vraag_beantwoorden: who may, until when, what is stored and what the audit trail says.

Questions go through the platform until the published date (`003a` §2.9, DOMAIN.md 'Publish'); the deadline is
enforced on the server at the moment of submission, in Europe/Amsterdam time.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from aanbesteding.models import Aanbesteding, Vraag
from aanbesteding.services import MAX_VRAAG_TEKENS, vraag_beantwoorden, vraag_stellen
from core.models import AuditRegel
from organisaties.models import Organisatie
from organisaties.rollen import CONTRACTMANAGER, REDACTEUR, SROI_ADVISEUR
from tests.factories import LidmaatschapFactory, OrganisatieFactory

from ._hulp import SLUITING_WINTER, auditregels, staflid
from .conftest import VRAGEN_TOT
from .factories import AanbestedingFactory, ProcedureDocumentFactory, VraagFactory

pytestmark = pytest.mark.django_db

OP_TIJD = VRAGEN_TOT - timedelta(hours=1)


def stel(procedure, organisatie, door, tekst="Geldt het quotum ook voor subperceel 5.10.1?", **kwargs):
    return vraag_stellen(aanbesteding=procedure, organisatie=organisatie, door=door, tekst=tekst, **kwargs)


# --- vraag_stellen: success ----------------------------------------------------------------------------------

def test_vraag_wordt_opgeslagen_met_organisatie_steller_en_tijdstip(procedure, perceel_510, aanbieder, aanbieder_medewerker):
    with time_machine.travel(OP_TIJD, tick=False):
        vraag = stel(procedure, aanbieder, aanbieder_medewerker, tekst="  Geldt het quotum?  ", perceel=perceel_510)
    vraag.refresh_from_db()
    assert vraag.tekst == "Geldt het quotum?"  # surrounding whitespace is not part of the question
    assert (vraag.organisatie, vraag.gesteld_door, vraag.perceel) == (aanbieder, aanbieder_medewerker, perceel_510)
    assert vraag.gesteld_op == OP_TIJD
    assert vraag.status == Vraag.Status.NIEUW and vraag.nota is None and vraag.antwoord == ""


def test_vraag_stellen_schrijft_een_auditregel_met_perceel_en_document(procedure, perceel_510, aanbieder, aanbieder_medewerker):
    document = ProcedureDocumentFactory(aanbesteding=procedure, titel="Programma van eisen")
    with time_machine.travel(OP_TIJD):
        vraag = stel(procedure, aanbieder, aanbieder_medewerker, perceel=perceel_510, document=document)
    regel = auditregels("vraag.gesteld", vraag).get()
    assert regel.actor == aanbieder_medewerker
    assert regel.nieuwe_waarden == {"perceel": str(perceel_510), "document": str(document)}
    assert regel.object_weergave == str(vraag)


def test_beheerder_van_de_aanbieder_mag_ook_vragen_stellen(procedure, aanbieder, aanbieder_beheerder):
    with time_machine.travel(OP_TIJD):
        vraag = stel(procedure, aanbieder, aanbieder_beheerder)
    assert vraag.gesteld_door == aanbieder_beheerder


def test_vraag_van_precies_het_maximum_aantal_tekens_wordt_aanvaard(procedure, aanbieder, aanbieder_medewerker):
    with time_machine.travel(OP_TIJD):
        vraag = stel(procedure, aanbieder, aanbieder_medewerker, tekst="v" * MAX_VRAAG_TEKENS)
    assert len(vraag.tekst) == MAX_VRAAG_TEKENS


def test_vraag_in_wintertijd_tot_het_gepubliceerde_uur(aanbieder, aanbieder_medewerker):
    """10:00 in December is 09:00 UTC: 09:59:59 local is on time, 10:00:00 is not (core/kalender.py)."""
    procedure = AanbestedingFactory(vragen_tot=SLUITING_WINTER)
    with time_machine.travel(SLUITING_WINTER - timedelta(seconds=1), tick=False):
        stel(procedure, aanbieder, aanbieder_medewerker)
    with time_machine.travel(SLUITING_WINTER, tick=False), pytest.raises(ValidationError):
        stel(procedure, aanbieder, aanbieder_medewerker)
    assert Vraag.objects.count() == 1


# --- vraag_stellen: refusals ---------------------------------------------------------------------------------

def test_vraag_na_de_sluiting_wordt_geweigerd_en_niets_wordt_opgeslagen(procedure, aanbieder, aanbieder_medewerker):
    with time_machine.travel(VRAGEN_TOT + timedelta(days=1)), pytest.raises(ValidationError):
        stel(procedure, aanbieder, aanbieder_medewerker)
    assert not Vraag.objects.exists()
    assert not auditregels("vraag.gesteld").exists()


def test_de_server_klok_beslist_niet_het_formulier(procedure, aanbieder, aanbieder_medewerker):
    """A form opened before the deadline but sent after it is refused: the check runs at submission."""
    with time_machine.travel(VRAGEN_TOT - timedelta(minutes=5)) as reis:
        assert procedure.vragen_open()
        reis.move_to(VRAGEN_TOT + timedelta(seconds=1))
        with pytest.raises(ValidationError):
            stel(procedure, aanbieder, aanbieder_medewerker)
    assert not Vraag.objects.exists()


def test_vraag_zonder_vragenperiode_wordt_geweigerd(aanbieder, aanbieder_medewerker):
    procedure = AanbestedingFactory(vragen_tot=None)
    with pytest.raises(ValidationError):
        stel(procedure, aanbieder, aanbieder_medewerker)
    assert not Vraag.objects.exists()


@pytest.mark.parametrize("tekst", ["", "   ", "\n\t"])
def test_lege_vraag_wordt_geweigerd_met_nederlandse_melding(procedure, aanbieder, aanbieder_medewerker, tekst):
    with time_machine.travel(OP_TIJD), pytest.raises(ValidationError) as fout:
        stel(procedure, aanbieder, aanbieder_medewerker, tekst=tekst)
    assert fout.value.message_dict["tekst"] == ["Vul uw vraag in."]
    assert not Vraag.objects.exists()


def test_te_lange_vraag_wordt_geweigerd(procedure, aanbieder, aanbieder_medewerker):
    with time_machine.travel(OP_TIJD), pytest.raises(ValidationError) as fout:
        stel(procedure, aanbieder, aanbieder_medewerker, tekst="v" * (MAX_VRAAG_TEKENS + 1))
    assert str(MAX_VRAAG_TEKENS) in fout.value.message_dict["tekst"][0]
    assert not Vraag.objects.exists()


def test_zonder_organisatie_geen_vraag(procedure, aanbieder_medewerker):
    with time_machine.travel(OP_TIJD), pytest.raises(PermissionDenied):
        stel(procedure, None, aanbieder_medewerker)
    assert not Vraag.objects.exists()


def test_medewerker_van_een_opdrachtgever_stelt_geen_vragen(procedure):
    """Questions come from care providers; the bureau answers them."""
    bureau = OrganisatieFactory(soort=Organisatie.Soort.OPDRACHTGEVER, regio=procedure.regio)
    medewerker = LidmaatschapFactory(organisatie=bureau).user
    with time_machine.travel(OP_TIJD), pytest.raises(PermissionDenied):
        stel(procedure, bureau, medewerker)
    assert not Vraag.objects.exists()


def test_staf_zonder_lidmaatschap_stelt_geen_vraag_namens_een_aanbieder(procedure, aanbieder, inkoper):
    with time_machine.travel(OP_TIJD), pytest.raises(PermissionDenied):
        stel(procedure, aanbieder, inkoper)
    assert not Vraag.objects.exists()


def test_anonieme_bezoeker_stelt_geen_vraag(procedure, aanbieder):
    from django.contrib.auth.models import AnonymousUser

    with time_machine.travel(OP_TIJD), pytest.raises(PermissionDenied):
        stel(procedure, aanbieder, AnonymousUser())
    assert not Vraag.objects.exists()


def test_rechten_gaan_voor_de_termijn(procedure, aanbieder, andere_beheerder):
    """After the deadline an outsider still gets PermissionDenied: nothing about the procedure leaks first."""
    with time_machine.travel(VRAGEN_TOT + timedelta(days=1)), pytest.raises(PermissionDenied):
        stel(procedure, aanbieder, andere_beheerder)


def test_document_van_een_andere_procedure_wordt_geweigerd(procedure, aanbieder, aanbieder_medewerker):
    elders = ProcedureDocumentFactory()
    with time_machine.travel(OP_TIJD), pytest.raises(ValidationError) as fout:
        stel(procedure, aanbieder, aanbieder_medewerker, document=elders)
    assert "document" in fout.value.message_dict
    assert not Vraag.objects.exists()


@pytest.mark.parametrize("status", [Aanbesteding.Status.IN_VOORBEREIDING])
def test_procedure_die_niet_openbaar_is_neemt_geen_vragen_aan(aanbieder, aanbieder_medewerker, status):
    procedure = AanbestedingFactory(status=status, vragen_tot=VRAGEN_TOT)
    with time_machine.travel(OP_TIJD), pytest.raises(ValidationError):
        stel(procedure, aanbieder, aanbieder_medewerker)
    assert not Vraag.objects.exists()


# --- vraag_beantwoorden ------------------------------------------------------------------------------------

def test_beantwoorden_zet_antwoord_steller_en_tijd(procedure, inkoper):
    vraag = VraagFactory(aanbesteding=procedure, tekst="Zorgkracht Gooi B.V. vraagt: is 5.10 quotumloos?")
    with time_machine.travel(VRAGEN_TOT + timedelta(days=2), tick=False):
        vraag_beantwoorden(vraag=vraag, vraag_publiek="  Heeft perceel 5.10 een quotum?  ", antwoord=" Nee. ", door=inkoper)
    vraag.refresh_from_db()
    assert (vraag.vraag_publiek, vraag.antwoord) == ("Heeft perceel 5.10 een quotum?", "Nee.")
    assert vraag.status == Vraag.Status.BEANTWOORD
    assert vraag.beantwoord_door == inkoper
    assert vraag.beantwoord_op == VRAGEN_TOT + timedelta(days=2)
    # The provider's own words stay as asked: anonymisation is a separate public text.
    assert vraag.tekst.startswith("Zorgkracht Gooi B.V.")


def test_beantwoorden_schrijft_oud_en_nieuw_in_de_auditregel(procedure, inkoper):
    vraag = VraagFactory(aanbesteding=procedure)
    vraag_beantwoorden(vraag=vraag, vraag_publiek="Vraag?", antwoord="Antwoord.", door=inkoper)
    regel = auditregels("vraag.beantwoord", vraag).get()
    assert regel.actor == inkoper
    assert regel.oude_waarden == {"vraag_publiek": "", "antwoord": "", "status": Vraag.Status.NIEUW}
    assert regel.nieuwe_waarden == {"vraag_publiek": "Vraag?", "antwoord": "Antwoord.", "status": Vraag.Status.BEANTWOORD}


def test_antwoord_bijstellen_voor_publicatie_logt_alleen_wat_veranderde(procedure, inkoper):
    vraag = VraagFactory(aanbesteding=procedure)
    vraag_beantwoorden(vraag=vraag, vraag_publiek="Vraag?", antwoord="Ja.", door=inkoper)
    vraag_beantwoorden(vraag=vraag, vraag_publiek="Vraag?", antwoord="Ja, hoogstens twee.", door=inkoper)
    laatste = auditregels("vraag.beantwoord", vraag).order_by("-pk").first()
    assert laatste.oude_waarden == {"antwoord": "Ja."}
    assert laatste.nieuwe_waarden == {"antwoord": "Ja, hoogstens twee."}
    assert auditregels("vraag.beantwoord", vraag).count() == 2


def test_afhandelen_zonder_publicatie_mag_zonder_tekst(procedure, inkoper):
    vraag = VraagFactory(aanbesteding=procedure, tekst="Dubbele vraag")
    vraag_beantwoorden(vraag=vraag, vraag_publiek="", antwoord="", door=inkoper, publiceren=False)
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.NIET_PUBLICEREN
    assert auditregels("vraag.beantwoord", vraag).get().nieuwe_waarden["status"] == Vraag.Status.NIET_PUBLICEREN


@pytest.mark.parametrize("publiek,antwoord", [("", "Ja."), ("Vraag?", ""), ("   ", "Ja."), ("Vraag?", "  ")])
def test_publiceerbaar_antwoord_vraagt_beide_teksten(procedure, inkoper, publiek, antwoord):
    vraag = VraagFactory(aanbesteding=procedure)
    with pytest.raises(ValidationError):
        vraag_beantwoorden(vraag=vraag, vraag_publiek=publiek, antwoord=antwoord, door=inkoper)
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.NIEUW and vraag.antwoord == "" and vraag.beantwoord_door is None
    assert not auditregels("vraag.beantwoord").exists()


def test_gepubliceerde_vraag_is_bindend_en_verandert_niet(procedure, inkoper, django_capture_on_commit_callbacks):
    from aanbesteding.services import nvi_publiceren

    from ._hulp import beantwoorde_vraag

    vraag = beantwoorde_vraag(procedure, "Heeft 5.10 een quotum?", "Nee.")
    with django_capture_on_commit_callbacks(execute=False):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    with pytest.raises(ValidationError):
        vraag_beantwoorden(vraag=vraag, vraag_publiek="Anders?", antwoord="Toch wel.", door=inkoper)
    vraag.refresh_from_db()
    assert (vraag.status, vraag.vraag_publiek, vraag.antwoord) == (Vraag.Status.GEPUBLICEERD, "Heeft 5.10 een quotum?", "Nee.")
    assert not auditregels("vraag.beantwoord", vraag).exists()


@pytest.mark.parametrize("groep", [REDACTEUR, CONTRACTMANAGER, SROI_ADVISEUR])
def test_staf_zonder_wijzigrecht_op_vragen_beantwoordt_niet(procedure, staffgroepen, groep):
    """Only the Inkoper group holds change_vraag (organisaties/rollen.py); the Redacteur may only view."""
    vraag = VraagFactory(aanbesteding=procedure)
    with pytest.raises(PermissionDenied):
        vraag_beantwoorden(vraag=vraag, vraag_publiek="V?", antwoord="A.", door=staflid(groep))
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.NIEUW
    assert not AuditRegel.objects.filter(actie="vraag.beantwoord").exists()


def test_aanbieder_beantwoordt_zijn_eigen_vraag_niet(procedure, aanbieder, aanbieder_beheerder):
    vraag = VraagFactory(aanbesteding=procedure, organisatie=aanbieder, gesteld_door=aanbieder_beheerder)
    with pytest.raises(PermissionDenied):
        vraag_beantwoorden(vraag=vraag, vraag_publiek="V?", antwoord="A.", door=aanbieder_beheerder)
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.NIEUW


def test_verouderd_object_wordt_opnieuw_gelezen(procedure, inkoper, django_capture_on_commit_callbacks):
    """The service locks and re-reads the row: a stale in-memory copy cannot undo a publication."""
    from aanbesteding.services import nvi_publiceren

    from ._hulp import beantwoorde_vraag

    vraag = beantwoorde_vraag(procedure)
    verouderd = Vraag.objects.get(pk=vraag.pk)
    with django_capture_on_commit_callbacks(execute=False):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    assert verouderd.status == Vraag.Status.BEANTWOORD  # the copy does not know yet
    with pytest.raises(ValidationError):
        vraag_beantwoorden(vraag=verouderd, vraag_publiek="X", antwoord="Y", door=inkoper)
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.GEPUBLICEERD
