"""Staff screens of aanbesteding in the Wagtail admin: the NvI overview and composer (admin_views.py), the question
edit screen that answers through the service, and the list pages (query counts constant, ARCHITECTURE.md rule 9).

Permissions per staff group come from organisaties/rollen.py: only the Inkoper may publish an NvI or answer.
"""

import pytest
from django.test import Client
from django.urls import reverse

from aanbesteding.models import Aanbesteding, NotaVanInlichtingen, ProcedureWijziging, Vraag
from organisaties.rollen import BEOORDELAAR, CONTRACTMANAGER, REDACTEUR, SROI_ADVISEUR
from tests.conftest import log_in_met_mfa

from ._hulp import aantal_queries, auditregels, beantwoorde_vraag, staflid
from .factories import AanbestedingFactory, PerceelFactory, VraagFactory

pytestmark = pytest.mark.django_db

OVERZICHT = reverse("aanbesteding_nvi_overzicht")
ANDERE_GROEPEN = [BEOORDELAAR, REDACTEUR, CONTRACTMANAGER, SROI_ADVISEUR]


def samenstellen(procedure):
    return reverse("aanbesteding_nvi_publiceren", args=[procedure.pk])


def geweigerd(antwoord):
    """Wagtail turns a PermissionDenied inside the admin into a redirect to the dashboard with a message."""
    return antwoord.status_code == 302 and antwoord["Location"] == "/admin/"


# --- NvI overview: who may see it --------------------------------------------------------------------------

def test_inkoper_ziet_per_procedure_open_klaar_en_gepubliceerd(staff_client, inkoper, procedure):
    VraagFactory(aanbesteding=procedure)
    beantwoorde_vraag(procedure)
    beantwoorde_vraag(procedure)
    antwoord = staff_client(inkoper).get(OVERZICHT)
    assert antwoord.status_code == 200
    [rij] = [a for a in antwoord.context["aanbestedingen"] if a.pk == procedure.pk]
    assert (rij.open, rij.klaar, rij.aantal_nvi) == (1, 2, 0)
    assert samenstellen(procedure) in antwoord.content.decode()


def test_procedure_zonder_beantwoorde_vragen_heeft_geen_knop(staff_client, inkoper, procedure):
    VraagFactory(aanbesteding=procedure)
    antwoord = staff_client(inkoper).get(OVERZICHT)
    assert samenstellen(procedure) not in antwoord.content.decode()


def test_tellingen_kloppen_ook_na_twee_nvis(staff_client, inkoper, procedure, django_capture_on_commit_callbacks):
    from aanbesteding.services import nvi_publiceren

    with django_capture_on_commit_callbacks(execute=False):
        nvi_publiceren(aanbesteding=procedure, vragen=[beantwoorde_vraag(procedure)], door=inkoper)
        nvi_publiceren(aanbesteding=procedure, vragen=[beantwoorde_vraag(procedure)], door=inkoper)
    beantwoorde_vraag(procedure)
    VraagFactory(aanbesteding=procedure)
    [rij] = staff_client(inkoper).get(OVERZICHT).context["aanbestedingen"]
    assert (rij.open, rij.klaar, rij.aantal_nvi) == (1, 1, 2)


@pytest.mark.parametrize("groep", ANDERE_GROEPEN)
def test_andere_staffgroepen_zien_het_nvi_overzicht_niet(client, staffgroepen, groep, procedure):
    antwoord = log_in_met_mfa(client, staflid(groep)).get(OVERZICHT)
    assert geweigerd(antwoord)


def test_anonieme_bezoeker_moet_inloggen(client, procedure):
    antwoord = client.get(OVERZICHT)
    assert antwoord.status_code == 302 and "login" in antwoord["Location"]
    assert client.get(samenstellen(procedure)).status_code == 302


def test_aanbieder_komt_niet_in_de_admin(client, aanbieder_beheerder, procedure):
    client.force_login(aanbieder_beheerder)
    assert client.get(OVERZICHT).status_code in (302, 403)
    antwoord = client.post(samenstellen(procedure), {"vragen": [beantwoorde_vraag(procedure).pk]})
    assert antwoord.status_code in (302, 403)
    assert not NotaVanInlichtingen.objects.exists()


def test_overzicht_kost_evenveel_queries_bij_veel_procedures(staff_client, inkoper):
    client = staff_client(inkoper)
    client.get(OVERZICHT)  # warm up session and permission caches
    AanbestedingFactory()
    klein = aantal_queries(lambda: client.get(OVERZICHT))
    for _ in range(6):
        procedure = AanbestedingFactory()
        beantwoorde_vraag(procedure)
        VraagFactory(aanbesteding=procedure)
    groot = aantal_queries(lambda: client.get(OVERZICHT))
    assert groot == klein


# --- composing and publishing an NvI -----------------------------------------------------------------------

def test_samenstellen_toont_alleen_beantwoorde_vragen_van_deze_procedure(staff_client, inkoper, procedure):
    klaar = beantwoorde_vraag(procedure, "Klaar voor de nota?", "Ja.")
    VraagFactory(aanbesteding=procedure, tekst="Nog open", vraag_publiek="Nog niet beantwoord?")
    beantwoorde_vraag(AanbestedingFactory(), "Van een andere procedure?", "Ja.")
    antwoord = staff_client(inkoper).get(samenstellen(procedure))
    assert antwoord.status_code == 200
    assert [v.pk for v in antwoord.context["vragen"]] == [klaar.pk]
    html = antwoord.content.decode()
    assert "Klaar voor de nota?" in html
    assert "Nog niet beantwoord?" not in html and "Van een andere procedure?" not in html


def test_onbekende_procedure_geeft_404(staff_client, inkoper):
    assert staff_client(inkoper).get(reverse("aanbesteding_nvi_publiceren", args=[987654])).status_code == 404


def test_publiceren_via_het_scherm_slaat_op_auditeert_en_meldt(staff_client, inkoper, procedure,
                                                               django_capture_on_commit_callbacks):
    vraag = beantwoorde_vraag(procedure)
    client = staff_client(inkoper)
    with django_capture_on_commit_callbacks(execute=False):
        antwoord = client.post(samenstellen(procedure), {"vragen": [str(vraag.pk)], "inleiding": "Ronde 1"}, follow=True)
    assert antwoord.redirect_chain[-1][0] == OVERZICHT
    nvi = NotaVanInlichtingen.objects.get(aanbesteding=procedure)
    assert (nvi.nummer, nvi.inleiding, nvi.gepubliceerd_door) == (1, "Ronde 1", inkoper)
    assert auditregels("nvi.gepubliceerd", nvi).get().actor == inkoper
    assert "Nota van Inlichtingen 1 is gepubliceerd" in antwoord.content.decode()


@pytest.mark.parametrize("vragen", [["abc"], ["1.5"], [""]])
def test_onleesbare_keuze_geeft_nederlandse_melding_en_slaat_niets_op(staff_client, inkoper, procedure, vragen):
    beantwoorde_vraag(procedure)
    antwoord = staff_client(inkoper).post(samenstellen(procedure), {"vragen": vragen, "inleiding": "Concepttekst"})
    assert antwoord.status_code == 200
    assert antwoord.context["fout"] == "Ongeldige keuze."
    assert "Concepttekst" in antwoord.content.decode()  # what the purchaser typed is not lost
    assert not NotaVanInlichtingen.objects.exists()
    assert not ProcedureWijziging.objects.exists()


def test_niets_gekozen_geeft_melding_en_slaat_niets_op(staff_client, inkoper, procedure):
    vraag = beantwoorde_vraag(procedure)
    antwoord = staff_client(inkoper).post(samenstellen(procedure), {"inleiding": ""})
    assert antwoord.status_code == 200
    assert antwoord.context["fout"] == "Kies ten minste één beantwoorde vraag."
    assert not NotaVanInlichtingen.objects.exists()
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.BEANTWOORD


def test_vraag_van_een_andere_procedure_in_het_formulier_wordt_geweigerd(staff_client, inkoper, procedure):
    vreemd = beantwoorde_vraag(AanbestedingFactory())
    antwoord = staff_client(inkoper).post(samenstellen(procedure), {"vragen": [vreemd.pk]})
    assert antwoord.status_code == 200 and antwoord.context["fout"]
    assert not NotaVanInlichtingen.objects.exists()
    vreemd.refresh_from_db()
    assert vreemd.status == Vraag.Status.BEANTWOORD


def test_procedure_in_voorbereiding_krijgt_geen_nvi_via_het_scherm(staff_client, inkoper):
    concept = AanbestedingFactory(status=Aanbesteding.Status.IN_VOORBEREIDING)
    vraag = beantwoorde_vraag(concept)
    antwoord = staff_client(inkoper).post(samenstellen(concept), {"vragen": [vraag.pk]})
    assert antwoord.status_code == 200 and antwoord.context["fout"]
    assert not NotaVanInlichtingen.objects.exists()


@pytest.mark.parametrize("groep", ANDERE_GROEPEN)
def test_andere_staffgroepen_publiceren_niet_via_het_scherm(client, staffgroepen, groep, procedure):
    vraag = beantwoorde_vraag(procedure)
    antwoord = log_in_met_mfa(client, staflid(groep)).post(samenstellen(procedure), {"vragen": [vraag.pk]})
    assert geweigerd(antwoord)
    assert not NotaVanInlichtingen.objects.exists()


def test_post_zonder_csrf_token_wordt_geweigerd(inkoper, procedure):
    client = Client(enforce_csrf_checks=True)
    log_in_met_mfa(client, inkoper)
    vraag = beantwoorde_vraag(procedure)
    antwoord = client.post(samenstellen(procedure), {"vragen": [vraag.pk]})
    assert antwoord.status_code == 403
    assert not NotaVanInlichtingen.objects.exists()
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.BEANTWOORD


def test_samenstellen_kost_evenveel_queries_bij_veel_vragen(staff_client, inkoper, procedure):
    client = staff_client(inkoper)
    beantwoorde_vraag(procedure, perceel=PerceelFactory(aanbesteding=procedure, code="9.1"))
    client.get(samenstellen(procedure))
    klein = aantal_queries(lambda: client.get(samenstellen(procedure)))
    for i in range(10):
        beantwoorde_vraag(procedure, f"Vraag {i}?", "Ja.", perceel=PerceelFactory(aanbesteding=procedure))
    groot = aantal_queries(lambda: client.get(samenstellen(procedure)))
    assert groot == klein


# --- the question edit screen answers through the service -------------------------------------------------

def bewerk(procedure_vraag):
    return reverse("wagtailsnippets_aanbesteding_vraag:edit", args=[procedure_vraag.pk])


def test_afhandelen_zonder_publicatie_via_de_admin_auditeert(staff_client, inkoper, procedure):
    vraag = VraagFactory(aanbesteding=procedure, tekst="Dubbel gesteld")
    antwoord = staff_client(inkoper).post(bewerk(vraag), {
        "vraag_publiek": "", "antwoord": "", "afhandeling": "niet_publiceren",
    })
    assert antwoord.status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.NIET_PUBLICEREN and vraag.beantwoord_door == inkoper
    assert auditregels("vraag.beantwoord", vraag).get().actor == inkoper


def test_status_gepubliceerd_kiezen_in_de_admin_wordt_geweigerd(staff_client, inkoper, procedure):
    vraag = VraagFactory(aanbesteding=procedure)
    antwoord = staff_client(inkoper).post(bewerk(vraag), {
        "vraag_publiek": "V?", "antwoord": "A.", "afhandeling": Vraag.Status.GEPUBLICEERD,
    })
    assert antwoord.status_code == 200
    assert "Publiceren gaat via" in antwoord.content.decode()
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.NIEUW and vraag.nota is None
    assert not auditregels("vraag.beantwoord").exists()


def test_beantwoord_via_de_admin_schrijft_de_auditregel(staff_client, inkoper, procedure):
    vraag = VraagFactory(aanbesteding=procedure)
    staff_client(inkoper).post(bewerk(vraag), {
        "vraag_publiek": "Heeft 5.10 een quotum?", "antwoord": "Nee.", "afhandeling": "beantwoorden",
    })
    regel = auditregels("vraag.beantwoord", vraag).get()
    assert regel.nieuwe_waarden["antwoord"] == "Nee." and regel.actor == inkoper


def test_redacteur_bewerkt_geen_vraag(client, staffgroepen, procedure):
    vraag = VraagFactory(aanbesteding=procedure)
    antwoord = log_in_met_mfa(client, staflid(REDACTEUR)).post(bewerk(vraag), {
        "vraag_publiek": "V?", "antwoord": "A.", "afhandeling": "beantwoorden",
    })
    assert geweigerd(antwoord)
    vraag.refresh_from_db()
    assert vraag.status == Vraag.Status.NIEUW


# --- list pages: query counts do not grow with the rows -----------------------------------------------------

def _vul(model, procedure, n):
    from .factories import ProcedureDocumentFactory, ProductFactory, TariefFactory, gepubliceerde_versie

    for i in range(n):
        if model == "vraag":
            VraagFactory(aanbesteding=procedure, perceel=PerceelFactory(aanbesteding=procedure))
        elif model == "perceel":
            hoofd = PerceelFactory(aanbesteding=procedure)
            PerceelFactory(aanbesteding=procedure, hoofdperceel=hoofd)
        elif model == "tarief":
            TariefFactory(product=ProductFactory(perceel=PerceelFactory(aanbesteding=procedure)))
        elif model == "product":
            ProductFactory(perceel=PerceelFactory(aanbesteding=procedure))
        elif model == "documentversie":
            gepubliceerde_versie(ProcedureDocumentFactory(aanbesteding=procedure))
        elif model == "proceduredocument":
            ProcedureDocumentFactory(aanbesteding=procedure)
        elif model == "notavaninlichtingen":
            NotaVanInlichtingen.objects.create(aanbesteding=AanbestedingFactory(), nummer=i + 1)
        elif model == "aanbesteding":
            AanbestedingFactory()


@pytest.mark.parametrize("model", [
    "aanbesteding", "perceel", "product", "tarief", "proceduredocument", "documentversie", "vraag",
    "notavaninlichtingen",
])
def test_lijstpagina_kost_evenveel_queries_bij_meer_rijen(staff_client, inkoper, procedure, model):
    client = staff_client(inkoper)
    url = reverse(f"wagtailsnippets_aanbesteding_{model}:list")
    _vul(model, procedure, 1)
    client.get(url)
    klein = aantal_queries(lambda: client.get(url))
    _vul(model, procedure, 5)
    groot = aantal_queries(lambda: client.get(url))
    assert groot == klein, f"{model}: {klein} queries for 1 row, {groot} for 6"


def test_gepubliceerde_vraag_blijft_ongewijzigd_in_de_admin(staff_client, inkoper, procedure,
                                                          django_capture_on_commit_callbacks):
    from aanbesteding.services import nvi_publiceren

    vraag = beantwoorde_vraag(procedure, "Heeft 5.10 een quotum?", "Nee.")
    with django_capture_on_commit_callbacks(execute=False):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    staff_client(inkoper).post(bewerk(vraag), {
        "vraag_publiek": "Heeft 5.10 een quotum?", "antwoord": "Ja, hoogstens twee.", "status": Vraag.Status.NIEUW,
    })
    vraag.refresh_from_db()
    assert (vraag.status, vraag.antwoord) == (Vraag.Status.GEPUBLICEERD, "Nee.")


def test_antwoord_wijzigen_in_de_admin_laat_altijd_een_auditspoor(staff_client, inkoper, procedure):
    vraag = beantwoorde_vraag(procedure, "Heeft 5.10 een quotum?", "Nee.")
    staff_client(inkoper).post(bewerk(vraag), {
        "vraag_publiek": "Heeft 5.10 een quotum?", "antwoord": "Ja.", "status": Vraag.Status.NIEUW,
    })
    vraag.refresh_from_db()
    assert vraag.antwoord == "Nee." or auditregels("vraag.beantwoord", vraag).exists()


def test_status_is_in_de_admin_alleen_te_zien(staff_client, inkoper, procedure):
    vraag = VraagFactory(aanbesteding=procedure)
    antwoord = staff_client(inkoper).get(bewerk(vraag))
    assert antwoord.status_code == 200
    form = antwoord.context["form"]
    assert "status" not in form.fields and "afhandeling" in form.fields
    assert "Nieuw" in antwoord.content.decode()


def test_gepubliceerde_vraag_beantwoorden_in_de_admin_wordt_geweigerd_met_melding(
        staff_client, inkoper, procedure, django_capture_on_commit_callbacks):
    from aanbesteding.services import nvi_publiceren

    vraag = beantwoorde_vraag(procedure, "Heeft 5.10 een quotum?", "Nee.")
    with django_capture_on_commit_callbacks(execute=False):
        nvi_publiceren(aanbesteding=procedure, vragen=[vraag], door=inkoper)
    antwoord = staff_client(inkoper).post(bewerk(vraag), {
        "vraag_publiek": "Heeft 5.10 een quotum?", "antwoord": "Ja, hoogstens twee.", "afhandeling": "beantwoorden",
    })
    assert antwoord.status_code == 200
    assert "staat al in een gepubliceerde Nota van Inlichtingen" in antwoord.content.decode()
    vraag.refresh_from_db()
    assert (vraag.status, vraag.antwoord) == (Vraag.Status.GEPUBLICEERD, "Nee.")
    assert not auditregels("vraag.beantwoord", vraag).exists()  # the factory answered without the service


def test_antwoord_corrigeren_in_de_admin_gaat_via_de_service_en_auditeert(staff_client, inkoper, procedure):
    vraag = beantwoorde_vraag(procedure, "Heeft 5.10 een quotum?", "Nee.")
    voor = auditregels("vraag.beantwoord", vraag).count()
    antwoord = staff_client(inkoper).post(bewerk(vraag), {
        "vraag_publiek": "Heeft 5.10 een quotum?", "antwoord": "Ja, twee.", "afhandeling": "beantwoorden",
    })
    assert antwoord.status_code == 302
    vraag.refresh_from_db()
    assert (vraag.status, vraag.antwoord) == (Vraag.Status.BEANTWOORD, "Ja, twee.")
    regel = auditregels("vraag.beantwoord", vraag).order_by("-pk").first()
    assert auditregels("vraag.beantwoord", vraag).count() == voor + 1
    assert regel.nieuwe_waarden == {"antwoord": "Ja, twee."} and regel.actor == inkoper


# --- published records stay as published ------------------------------------------------------------------

def test_gepubliceerde_nvi_verandert_niet_via_de_admin(staff_client, inkoper, procedure,
                                                      django_capture_on_commit_callbacks):
    from aanbesteding.services import nvi_publiceren

    with django_capture_on_commit_callbacks(execute=False):
        nvi = nvi_publiceren(aanbesteding=procedure, vragen=[beantwoorde_vraag(procedure)], door=inkoper,
                             inleiding="Vragen tot 28 augustus.")
    staff_client(inkoper).post(
        reverse("wagtailsnippets_aanbesteding_notavaninlichtingen:edit", args=[nvi.pk]), {"inleiding": "Herschreven."}
    )
    nvi.refresh_from_db()
    assert nvi.inleiding == "Vragen tot 28 augustus."


def test_regel_in_het_wijzigingslog_wordt_niet_herschreven(staff_client, inkoper, procedure):
    from .factories import ProcedureDocumentFactory, gepubliceerde_versie

    versie = gepubliceerde_versie(ProcedureDocumentFactory(aanbesteding=procedure, titel="Programma van eisen"))
    log = ProcedureWijziging.objects.get(versie=versie)
    origineel = log.omschrijving
    staff_client(inkoper).post(reverse("wagtailsnippets_aanbesteding_procedurewijziging:edit", args=[log.pk]), {
        "aanbesteding": procedure.pk, "soort": ProcedureWijziging.Soort.DOCUMENT, "omschrijving": "Niets gewijzigd.",
    })
    log.refresh_from_db()
    assert log.omschrijving == origineel


def test_subperceel_met_hoofdperceel_van_een_andere_procedure_wordt_in_de_admin_geweigerd(staff_client, inkoper,
                                                                                         procedure):
    from aanbesteding.models import Perceel

    hoofd_elders = PerceelFactory(code="5.10")
    antwoord = staff_client(inkoper).post(reverse("wagtailsnippets_aanbesteding_perceel:add"), {
        "aanbesteding": procedure.pk, "hoofdperceel": hoofd_elders.pk, "code": "5.10.1", "naam": "Tussenvoorziening",
        "domein": "jeugd", "volgorde": 0, "toetreding": "procedure", "wachtlijst": "on",
    })
    assert antwoord.status_code == 200
    assert "Het hoofdperceel hoort bij een andere procedure" in antwoord.content.decode()
    assert not Perceel.objects.filter(aanbesteding=procedure, code="5.10.1").exists()


def test_wijzigingslog_en_nvi_zijn_ook_voor_een_superuser_alleen_in_te_zien(procedure):
    """Legal history (ADR 0006): no add, change or delete in the admin for anyone; viewing stays possible."""
    from tests.factories import UserFactory

    beheerder = UserFactory(is_superuser=True)
    for model in (ProcedureWijziging, NotaVanInlichtingen):
        beleid = model.snippet_viewset.permission_policy
        for actie in ("add", "change", "delete"):
            assert not beleid.user_has_permission(beheerder, actie), (model, actie)
        assert beleid.user_has_permission(beheerder, "view")


def test_inkoper_ziet_een_regel_van_het_wijzigingslog_in(staff_client, inkoper, procedure):
    from .factories import ProcedureDocumentFactory, gepubliceerde_versie

    log = ProcedureWijziging.objects.get(versie=gepubliceerde_versie(ProcedureDocumentFactory(aanbesteding=procedure)))
    client = staff_client(inkoper)
    antwoord = client.get(reverse("wagtailsnippets_aanbesteding_procedurewijziging:inspect", args=[log.pk]))
    assert antwoord.status_code == 200 and log.omschrijving in antwoord.content.decode()
    assert geweigerd(client.post(reverse("wagtailsnippets_aanbesteding_procedurewijziging:delete", args=[log.pk])))
    assert ProcedureWijziging.objects.filter(pk=log.pk).exists()
