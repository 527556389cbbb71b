"""nvi_publiceren: the next numbered Nota van Inlichtingen, anonymised, binding once published (DOMAIN.md
'Publish'; ADR 0006: an NvI only exists once published). Its HTML page and PDF show the anonymised question and
the answer, never the organisation that asked."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from aanbesteding.models import Aanbesteding, NotaVanInlichtingen, ProcedureWijziging, Vraag
from aanbesteding.pdf import nvi_pdf
from aanbesteding.selectors import nvi_vragen
from aanbesteding.services import nvi_publiceren
from core.kalender import TZ
from organisaties.rollen import BEOORDELAAR, CONTRACTMANAGER, REDACTEUR, SROI_ADVISEUR
from tests.factories import OrganisatieFactory

from ._hulp import auditregels, beantwoorde_vraag, staflid
from .factories import AanbestedingFactory, PerceelFactory, ProcedureDocumentFactory, VraagFactory

pytestmark = pytest.mark.django_db

# 003a r. 2990: the Gooi NvI of 4 September 2020. 22:30 UTC on the 3rd is already the 4th in Amsterdam (+02:00).
NVI_MOMENT = datetime(2020, 9, 4, 0, 30, tzinfo=TZ)


def publiceer(procedure, vragen, door, capture, **kwargs):
    """Publish and return the NvI with the tasks queued for after the commit (not counting the public page
    cache's own after-commit step, core/paginacache.py, which makes or sends nothing)."""
    from core import paginacache

    with capture(execute=False) as taken:
        nvi = nvi_publiceren(aanbesteding=procedure, vragen=vragen, door=door, **kwargs)
    return nvi, [t for t in taken if t is not paginacache.na_commit]


def pdf_tekst(inhoud) -> str:
    import io

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)


# --- success ------------------------------------------------------------------------------------------------

def test_nvi_legt_nummer_inleiding_steller_en_moment_vast(procedure, inkoper, django_capture_on_commit_callbacks):
    vraag = beantwoorde_vraag(procedure)
    with time_machine.travel(NVI_MOMENT, tick=False):
        nvi, _ = publiceer(procedure, [vraag], inkoper, django_capture_on_commit_callbacks, inleiding="  Eerste ronde.  ")
    nvi.refresh_from_db()
    assert (nvi.nummer, nvi.inleiding, nvi.gepubliceerd_door) == (1, "Eerste ronde.", inkoper)
    assert nvi.gepubliceerd_op == NVI_MOMENT
    assert str(nvi) == f"Nota van Inlichtingen 1 – {procedure.titel}"


def test_volgnummers_volgen_de_volgorde_van_stellen_niet_van_kiezen(procedure, inkoper, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime(2020, 8, 20, 9, 0, tzinfo=TZ), tick=False):
        eerste = beantwoorde_vraag(procedure, "Eerst gesteld?", "Ja.")
    with time_machine.travel(datetime(2020, 8, 21, 9, 0, tzinfo=TZ), tick=False):
        tweede = beantwoorde_vraag(procedure, "Later gesteld?", "Ja.")
    nvi, _ = publiceer(procedure, [tweede.pk, eerste.pk], inkoper, django_capture_on_commit_callbacks)
    assert [(v.pk, v.volgnummer) for v in nvi_vragen(nvi)] == [(eerste.pk, 1), (tweede.pk, 2)]
    assert set(Vraag.objects.values_list("status", flat=True)) == {Vraag.Status.GEPUBLICEERD}


def test_nummering_is_per_procedure(inkoper, django_capture_on_commit_callbacks):
    gooi, mlo = AanbestedingFactory(), AanbestedingFactory()
    eerste_gooi, _ = publiceer(gooi, [beantwoorde_vraag(gooi)], inkoper, django_capture_on_commit_callbacks)
    eerste_mlo, _ = publiceer(mlo, [beantwoorde_vraag(mlo)], inkoper, django_capture_on_commit_callbacks)
    tweede_gooi, _ = publiceer(gooi, [beantwoorde_vraag(gooi)], inkoper, django_capture_on_commit_callbacks)
    assert (eerste_gooi.nummer, eerste_mlo.nummer, tweede_gooi.nummer) == (1, 1, 2)


def test_dubbel_gekozen_vraag_telt_eenmaal(procedure, inkoper, django_capture_on_commit_callbacks):
    vraag = beantwoorde_vraag(procedure)
    nvi, _ = publiceer(procedure, [vraag, vraag.pk, str(vraag.pk)], inkoper, django_capture_on_commit_callbacks)
    assert [v.pk for v in nvi_vragen(nvi)] == [vraag.pk]
    assert auditregels("nvi.gepubliceerd", nvi).get().nieuwe_waarden["vragen"] == [vraag.pk]


def test_nvi_publiceren_schrijft_auditregel_met_nummer_en_vragen(procedure, inkoper, django_capture_on_commit_callbacks):
    a, b = beantwoorde_vraag(procedure), beantwoorde_vraag(procedure)
    nvi, _ = publiceer(procedure, [b, a], inkoper, django_capture_on_commit_callbacks)
    regel = auditregels("nvi.gepubliceerd", nvi).get()
    assert regel.actor == inkoper
    assert regel.nieuwe_waarden == {"nummer": 1, "vragen": sorted([a.pk, b.pk])}


def test_wijzigingslog_krijgt_datum_en_aantal_van_de_nvi(procedure, inkoper, django_capture_on_commit_callbacks):
    vragen = [beantwoorde_vraag(procedure) for _ in range(3)]
    with time_machine.travel(NVI_MOMENT, tick=False):
        nvi, _ = publiceer(procedure, vragen, inkoper, django_capture_on_commit_callbacks)
    log = ProcedureWijziging.objects.get(aanbesteding=procedure)
    assert (log.soort, log.datum, log.door) == (ProcedureWijziging.Soort.NVI, nvi.gepubliceerd_op, inkoper)
    assert log.omschrijving == "Nota van Inlichtingen 1 gepubliceerd (3 vragen en antwoorden)."
    assert str(log).startswith("04-09-2020")  # the Amsterdam date, not the UTC date (3 September)


def test_pdf_en_mail_pas_na_commit(procedure, inkoper, django_capture_on_commit_callbacks):
    """Side effects run after commit (ARCHITECTURE.md rule 6): nothing is made or sent inside the transaction."""
    from django.core import mail

    nvi, taken = publiceer(procedure, [beantwoorde_vraag(procedure)], inkoper, django_capture_on_commit_callbacks)
    assert len(taken) == 2
    nvi.refresh_from_db()
    assert not nvi.pdf and nvi.gemaild_op is None and mail.outbox == []
    for taak in taken:
        taak()
    nvi.refresh_from_db()
    assert nvi.pdf and nvi.gemaild_op is not None


# --- refusals: permission, state, input --------------------------------------------------------------------

@pytest.mark.parametrize("groep", [REDACTEUR, BEOORDELAAR, CONTRACTMANAGER, SROI_ADVISEUR])
def test_alleen_inkoper_publiceert_nvi(procedure, staffgroepen, groep):
    vraag = beantwoorde_vraag(procedure)
    with pytest.raises(PermissionDenied):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=staflid(groep))
    assert not NotaVanInlichtingen.objects.exists()
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.BEANTWOORD
    assert not auditregels("nvi.gepubliceerd").exists()


def test_aanbieder_publiceert_geen_nvi(procedure, aanbieder_beheerder):
    with pytest.raises(PermissionDenied):
        nvi_publiceren(aanbesteding=procedure, vragen=[beantwoorde_vraag(procedure)], door=aanbieder_beheerder)
    assert not NotaVanInlichtingen.objects.exists()


def test_zonder_vragen_geen_nvi(procedure, inkoper):
    with pytest.raises(ValidationError):
        nvi_publiceren(aanbesteding=procedure, vragen=[], door=inkoper)
    assert not NotaVanInlichtingen.objects.exists()
    assert not ProcedureWijziging.objects.exists()


def test_geen_nvi_voor_een_procedure_in_voorbereiding(inkoper):
    concept = AanbestedingFactory(status=Aanbesteding.Status.IN_VOORBEREIDING)
    vraag = beantwoorde_vraag(concept)
    with pytest.raises(ValidationError):
        nvi_publiceren(aanbesteding=concept, vragen=[vraag], door=inkoper)
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.BEANTWOORD and vraag.nota is None
    assert not NotaVanInlichtingen.objects.exists()


def test_vraag_van_een_andere_procedure_wordt_geweigerd(procedure, inkoper):
    eigen, vreemd = beantwoorde_vraag(procedure), beantwoorde_vraag(AanbestedingFactory())
    with pytest.raises(ValidationError):
        nvi_publiceren(aanbesteding=procedure, vragen=[eigen, vreemd], door=inkoper)
    assert set(Vraag.objects.values_list("status", flat=True)) == {Vraag.Status.BEANTWOORD}
    assert not NotaVanInlichtingen.objects.exists()


@pytest.mark.parametrize("status", [Vraag.Status.NIEUW, Vraag.Status.NIET_PUBLICEREN])
def test_alles_of_niets_bij_een_vraag_die_niet_klaar_is(procedure, inkoper, status):
    klaar = beantwoorde_vraag(procedure)
    niet_klaar = VraagFactory(aanbesteding=procedure, status=status, vraag_publiek="V?", antwoord="A.")
    with pytest.raises(ValidationError):
        nvi_publiceren(aanbesteding=procedure, vragen=[klaar, niet_klaar], door=inkoper)
    klaar.refresh_from_db()
    assert klaar.status == Vraag.Status.BEANTWOORD and klaar.volgnummer is None
    assert not NotaVanInlichtingen.objects.exists()
    assert not auditregels("nvi.gepubliceerd").exists()


@pytest.mark.parametrize("publiek,antwoord", [("", "Ja."), ("Vraag?", "")])
def test_beantwoorde_vraag_zonder_publieke_tekst_wordt_niet_gepubliceerd(procedure, inkoper, publiek, antwoord):
    """Only the anonymised text is published: without it the provider's own words would have to be shown."""
    vraag = beantwoorde_vraag(procedure, publiek, antwoord)
    with pytest.raises(ValidationError):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    assert not NotaVanInlichtingen.objects.exists()


def test_gepubliceerde_vraag_staat_altijd_in_een_nvi():
    """Database rule gepubliceerde_vraag_heeft_nota: no published question without its NvI."""
    with pytest.raises(IntegrityError), transaction.atomic():
        VraagFactory(status=Vraag.Status.GEPUBLICEERD, nota=None)


def test_nvi_nummer_is_uniek_per_procedure(procedure):
    NotaVanInlichtingen.objects.create(aanbesteding=procedure, nummer=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        NotaVanInlichtingen.objects.create(aanbesteding=procedure, nummer=1)


# --- content: HTML page and PDF, anonymised ---------------------------------------------------------------

@pytest.fixture
def gepubliceerde_nvi(procedure, inkoper, django_capture_on_commit_callbacks):
    """NvI 1 of 4 September 2020 with one question about perceel 5.10 and one about the Programma van eisen."""
    org = OrganisatieFactory(naam="Zorgkracht Gooi B.V.")
    perceel = PerceelFactory(aanbesteding=procedure, code="5.10", naam="Behandel- en leefgroepen")
    document = ProcedureDocumentFactory(aanbesteding=procedure, titel="Programma van eisen")
    with time_machine.travel(datetime(2020, 8, 20, 9, 0, tzinfo=TZ), tick=False):
        beantwoorde_vraag(
            procedure, "Geldt een groepsgrootte van 8 ook voor 5.10?", "Ja, hoogstens 8 jeugdigen (003a r. 183).",
            organisatie=org, perceel=perceel, tekst="Zorgkracht Gooi B.V. (J. de Vries) vraagt naar de groepsgrootte.",
        )
    with time_machine.travel(datetime(2020, 8, 21, 9, 0, tzinfo=TZ), tick=False):
        beantwoorde_vraag(
            procedure, "Wat is het leegstandsplafond?", "€ 175.000 per aanbieder per jaar – zie §7.",
            organisatie=org, document=document, tekst="Zorgkracht wil het plafond weten.",
        )
    vragen = list(Vraag.objects.filter(aanbesteding=procedure))
    with time_machine.travel(NVI_MOMENT, tick=False):
        nvi, _ = publiceer(procedure, vragen, inkoper, django_capture_on_commit_callbacks, inleiding="Vragen tot 28 augustus.")
    return nvi


def test_pdf_toont_nummer_datum_en_geanonimiseerde_vragen(gepubliceerde_nvi, procedure):
    tekst = pdf_tekst(nvi_pdf(gepubliceerde_nvi, nvi_vragen(gepubliceerde_nvi)))
    assert "Nota van Inlichtingen 1" in tekst
    assert f"{procedure.titel} (dossier {procedure.dossiernummer})" in tekst
    assert "Gepubliceerd op 04-09-2020" in tekst
    assert "Vragen tot 28 augustus." in tekst
    assert "Vraag 1 (perceel 5.10)" in tekst
    assert "Vraag 2 (Programma van eisen)" in tekst
    assert "Geldt een groepsgrootte van 8 ook voor 5.10?" in tekst
    assert "bindend" in tekst
    # The embedded font prints the euro sign and the en dash as the record has them (issue 18), not "EUR".
    assert "€ 175.000 per aanbieder per jaar – zie §7." in tekst
    assert "Zorgkracht" not in tekst and "de Vries" not in tekst


def test_html_pagina_toont_dezelfde_geanonimiseerde_inhoud(client, gepubliceerde_nvi, procedure):
    from cms.models import ProcedureIndexPage, ProcedurePage

    index = ProcedureIndexPage.objects.get()
    index.add_child(instance=ProcedurePage(title=procedure.titel, slug=procedure.slug, aanbesteding=procedure))
    antwoord = client.get(f"/procedures/{procedure.slug}/nvi/1/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Nota van Inlichtingen 1" in html and "Gepubliceerd op 04-09-2020" in html
    assert html.index("Geldt een groepsgrootte") < html.index("Wat is het leegstandsplafond?")
    assert "(perceel 5.10)" in html and "Programma van eisen" in html
    assert "Zorgkracht" not in html and "de Vries" not in html
    assert client.get(f"/procedures/{procedure.slug}/nvi/2/").status_code == 404


def test_nvi_vragen_in_vaste_queries(gepubliceerde_nvi, django_assert_num_queries):
    with django_assert_num_queries(1):
        vragen = nvi_vragen(gepubliceerde_nvi)
        betreft = [(v.perceel.code if v.perceel else None, v.document.titel if v.document else None) for v in vragen]
    assert betreft == [("5.10", None), (None, "Programma van eisen")]


def test_pdf_zonder_inleiding_en_zonder_dossiernummer(inkoper, django_capture_on_commit_callbacks):
    procedure = AanbestedingFactory(titel="Gespecialiseerde Jeugdhulp 2020", dossiernummer="")
    nvi, _ = publiceer(procedure, [beantwoorde_vraag(procedure, "Vraag?", "Antwoord.")], inkoper,
                       django_capture_on_commit_callbacks)
    tekst = pdf_tekst(nvi_pdf(nvi, nvi_vragen(nvi)))
    assert "Gespecialiseerde Jeugdhulp 2020" in tekst and "dossier" not in tekst
    assert "Vraag 1" in tekst and "Vraag 1 (" not in tekst  # neither a perceel nor a document to mention


def test_tweede_nvi_vermeldt_alleen_haar_eigen_vragen(procedure, inkoper, django_capture_on_commit_callbacks):
    eerste, _ = publiceer(procedure, [beantwoorde_vraag(procedure, "Oude vraag?", "Oud.")], inkoper,
                          django_capture_on_commit_callbacks)
    with time_machine.travel(NVI_MOMENT + timedelta(days=7)):
        tweede, _ = publiceer(procedure, [beantwoorde_vraag(procedure, "Nieuwe vraag?", "Nieuw.")], inkoper,
                              django_capture_on_commit_callbacks)
    tekst = pdf_tekst(nvi_pdf(tweede, nvi_vragen(tweede)))
    assert "Nota van Inlichtingen 2" in tekst and "Nieuwe vraag?" in tekst and "Oude vraag?" not in tekst
    assert [v.volgnummer for v in nvi_vragen(tweede)] == [1]
    assert eerste.nummer == 1
