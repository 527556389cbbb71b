"""The public procedure page: details, documents with versions, NvI, change log, questions (issue 3)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile

from aanbesteding.models import Aanbesteding, NotaVanInlichtingen, Vraag
from aanbesteding.services import nvi_publiceren
from cms.models import ProcedurePage
from tests.aanbesteding.factories import (
    ProcedureDocumentFactory,
    VraagFactory,
    gepubliceerde_versie,
    pdf_inhoud,
)

from .conftest import procedurepagina_voor

pytestmark = pytest.mark.django_db


def test_url_is_procedures_slug(pagina):
    assert pagina.url == "/procedures/jeugdhulp-voorzieningen/"


def test_procedurepagina_toont_gegevens_en_percelen(client, pagina, tussenvoorziening):
    antwoord = client.get("/procedures/jeugdhulp-voorzieningen/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Jeugdhulp Voorzieningen" in html
    assert "31-12-2028" in html
    assert "5.10 Behandelgroep Verblijf" in html
    assert "Subperceel 5.10.1 Tussenvoorziening" in html


def test_procedure_in_voorbereiding_is_niet_openbaar(client, procedure, pagina):
    Aanbesteding.objects.filter(pk=procedure.pk).update(status=Aanbesteding.Status.IN_VOORBEREIDING)
    assert client.get("/procedures/jeugdhulp-voorzieningen/").status_code == 404


def test_niet_gepubliceerde_pagina_is_niet_openbaar(client):
    from tests.aanbesteding.factories import AanbestedingFactory

    concept = AanbestedingFactory(slug="concept-procedure")
    procedurepagina_voor(concept, live=False)
    assert client.get("/procedures/concept-procedure/").status_code == 404


def test_vast_adres_geeft_de_huidige_versie_en_eerdere_blijven_downloadbaar(client, procedure, pagina):
    document = ProcedureDocumentFactory(aanbesteding=procedure, titel="Programma van eisen", slug="programma-van-eisen")
    gepubliceerde_versie(document, inhoud=pdf_inhoud("versie-een"))
    gepubliceerde_versie(document, inhoud=pdf_inhoud("versie-twee"), reden="Rectificatie sluitingsdatum")
    basis = "/procedures/jeugdhulp-voorzieningen/documenten/programma-van-eisen/"
    assert b"versie-twee" in b"".join(client.get(basis).streaming_content)
    assert b"versie-een" in b"".join(client.get(basis + "v1/").streaming_content)
    html = client.get("/procedures/jeugdhulp-voorzieningen/").content.decode()
    assert "Rectificatie sluitingsdatum" in html
    assert basis + "v1/" in html


def test_concept_versie_is_niet_downloadbaar(client, procedure, pagina):
    from aanbesteding.models import DocumentVersie

    document = ProcedureDocumentFactory(aanbesteding=procedure, slug="modelovereenkomst")
    gepubliceerde_versie(document, inhoud=pdf_inhoud("openbaar"))
    concept = DocumentVersie(document=document, reden="Nog niet goedgekeurd", live=False)
    concept.bestand.save("concept.pdf", ContentFile(pdf_inhoud("concept")), save=False)
    concept.save()
    basis = "/procedures/jeugdhulp-voorzieningen/documenten/modelovereenkomst/"
    assert b"openbaar" in b"".join(client.get(basis).streaming_content)
    assert client.get(basis + "v2/").status_code == 404


def test_nvi_als_html_en_pdf(client, procedure, pagina, inkoper, django_capture_on_commit_callbacks):
    vraag = VraagFactory(aanbesteding=procedure, status=Vraag.Status.BEANTWOORD, vraag_publiek="Is 5.3 uitgezonderd?",
                         antwoord="Ja, voor onderaanneming.")
    with django_capture_on_commit_callbacks(execute=True):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    html = client.get("/procedures/jeugdhulp-voorzieningen/nvi/1/").content.decode()
    assert "Nota van Inlichtingen 1" in html and "Is 5.3 uitgezonderd?" in html
    pdf = client.get("/procedures/jeugdhulp-voorzieningen/nvi/1/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "/nvi/1/" in client.get("/procedures/jeugdhulp-voorzieningen/").content.decode()


def test_nvi_pdf_zonder_opgeslagen_bestand_wordt_verzegeld_gemaakt(client, procedure, pagina, inkoper):
    """The public never gets an unsealed NvI (issue 18): a missing PDF is made, sealed and stored on request."""
    from core import zegel

    nvi = NotaVanInlichtingen.objects.create(aanbesteding=procedure, nummer=1)
    antwoord = client.get("/procedures/jeugdhulp-voorzieningen/nvi/1/pdf/")
    inhoud = b"".join(antwoord.streaming_content)
    assert antwoord.status_code == 200 and inhoud.startswith(b"%PDF")
    assert zegel.controleren(inhoud).echt
    nvi.refresh_from_db()
    assert nvi.pdf


def test_aanbieder_stelt_vraag_via_de_site(client, procedure, pagina, aanbieder_medewerker):
    procedure.vragen_tot = procedure.aangemaakt_op + timedelta(days=10)
    procedure.save()
    client.force_login(aanbieder_medewerker)
    with time_machine.travel(procedure.vragen_tot - timedelta(hours=1)):
        antwoord = client.post("/procedures/jeugdhulp-voorzieningen/vragen/", {"tekst": "Geldt een quotum?"})
    assert antwoord.status_code == 302
    assert Vraag.objects.get().organisatie == aanbieder_medewerker.lidmaatschappen.get().organisatie


def test_vraag_na_de_termijn_wordt_op_de_server_geweigerd(client, procedure, pagina, aanbieder_medewerker):
    procedure.vragen_tot = procedure.aangemaakt_op + timedelta(days=10)
    procedure.save()
    client.force_login(aanbieder_medewerker)
    with time_machine.travel(procedure.vragen_tot + timedelta(minutes=1)):
        antwoord = client.post("/procedures/jeugdhulp-voorzieningen/vragen/", {"tekst": "Te laat"})
    assert antwoord.status_code == 200
    assert "gesloten" in antwoord.content.decode()
    assert not Vraag.objects.exists()


def test_vragen_vereist_inloggen(client, pagina):
    antwoord = client.get("/procedures/jeugdhulp-voorzieningen/vragen/")
    assert antwoord.status_code == 302 and "/accounts/login/" in antwoord["Location"]


def test_aanbieder_ziet_alleen_eigen_vragen(client, procedure, pagina, aanbieder_medewerker, andere_aanbieder):
    VraagFactory(aanbesteding=procedure, organisatie=andere_aanbieder, tekst="Vraag van de concurrent")
    client.force_login(aanbieder_medewerker)
    assert "Vraag van de concurrent" not in client.get("/procedures/jeugdhulp-voorzieningen/vragen/").content.decode()


def test_homepagina_toont_openbare_procedures(client, pagina):
    from tests.aanbesteding.factories import AanbestedingFactory

    procedurepagina_voor(AanbestedingFactory(titel="Concept", slug="concept", status=Aanbesteding.Status.IN_VOORBEREIDING))
    html = client.get("/").content.decode()
    assert 'href="/procedures/jeugdhulp-voorzieningen/"' in html
    assert "/procedures/concept/" not in html


def test_procedurepagina_publiceren_loopt_via_de_workflow(pagina, inkoper):
    assert pagina.get_workflow().name.startswith("Publicatie na goedkeuring")
    assert not pagina.permissions_for_user(inkoper).can_publish()
    assert pagina.permissions_for_user(inkoper).can_edit()


def test_procedurepagina_publiceren_door_tweede_persoon(procedure, inkoper, staffgroepen):
    from allauth.mfa.totp.internal.auth import TOTP

    from organisaties.rollen import INKOPER
    from tests.conftest import TOTP_GEHEIM
    from tests.factories import UserFactory

    tweede = UserFactory(groepen=[INKOPER])
    TOTP.activate(tweede, TOTP_GEHEIM)
    pagina = procedurepagina_voor(procedure, live=False)
    pagina.save_revision(user=inkoper)
    staat = pagina.get_workflow().start(pagina, inkoper)
    taak = staat.current_task_state.task.specific
    assert taak.get_actions(pagina, inkoper) == []
    taak.on_action(staat.current_task_state, tweede, "approve")
    assert ProcedurePage.objects.get(pk=pagina.pk).live


def test_toegankelijkheidsverklaring_bestaat(client, db):
    antwoord = client.get("/toegankelijkheid/")
    assert antwoord.status_code == 200
    assert "WCAG" in antwoord.content.decode()


def test_slug_volgt_de_procedure(procedure):
    from cms.models import ProcedureIndexPage

    pagina = ProcedurePage(title="Een andere titel", slug="een-andere-titel", aanbesteding=procedure)
    pagina.full_clean(exclude=["path", "depth", "url_path"])
    assert pagina.slug == "jeugdhulp-voorzieningen"
    ProcedureIndexPage.objects.get().add_child(instance=pagina)
    assert pagina.url == "/procedures/jeugdhulp-voorzieningen/"


def test_toetreding_wordt_op_de_procedurepagina_aangekondigd(client, procedure, pagina, tussenvoorziening):
    """Issue 6: a definitive admission publishes "nieuwe aanbieder toegetreden" on the procedure page (002 UOK 7.2)."""
    from overeenkomst.services import overeenkomst_uit_toelating
    from tests.factories import OrganisatieFactory

    assert "Nog geen mededelingen." in client.get(pagina.url).content.decode()
    aanbieder = OrganisatieFactory(naam="Gezinshuis Eemland")
    overeenkomst_uit_toelating(organisatie=aanbieder, aanbesteding=procedure, percelen=[tussenvoorziening.perceel],
                               startdatum=date(2026, 3, 1))
    inhoud = client.get(pagina.url).content.decode()
    assert "Nieuwe aanbieder toegetreden" in inhoud
    assert "Gezinshuis Eemland" in inhoud
