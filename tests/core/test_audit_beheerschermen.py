"""Issue 18: an edit through the Wagtail snippet screens lands in the portal's audit trail with who, when, old and new
values (organisaties.regios.AuditViewSetMixin), in /admin/audit/ of that region only; no second entry when the
screen's save goes through a service that audits itself."""

from datetime import date
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from aanbesteding.models import Aanbesteding, Eis, Perceel, Product, Tarief
from core.models import AuditRegel
from tests.conftest import TOTP_GEHEIM
from tests.factories import (
    AanbestedingFactory,
    PerceelFactory,
    ProductFactory,
    RegioFactory,
    TariefFactory,
    UserFactory,
)
from tests.inschrijving.factories import EisFactory

from .beheerscherm import edit_url, formulier, formulierdata

pytestmark = pytest.mark.django_db


@pytest.fixture
def regio():
    return RegioFactory(naam="Gooi en Vechtstreek", slug="gooi")


@pytest.fixture
def procedure(regio):
    return AanbestedingFactory(regio=regio, titel="Jeugdhulp Gooi")


def _bewerk(client, obj, user, **wijzigingen):
    data = formulierdata(formulier(obj, user))
    data.update({k: str(v) for k, v in wijzigingen.items()})
    antwoord = client.post(edit_url(obj), data)
    assert antwoord.status_code == 302, _fouten(antwoord)
    return antwoord


def _fouten(antwoord) -> str:
    form = (antwoord.context or {}).get("form")
    return str(form.errors if form is not None else antwoord.status_code)


def _regels(obj):
    return list(AuditRegel.objects.voor_object(obj))


def test_eis_bewerken_in_beheerscherm_staat_in_audittrail(staff_client, inkoper, procedure):
    eis = EisFactory(aanbesteding=procedure, code="E1", tekst="De aanbieder heeft een AGB-code.")
    _bewerk(staff_client(inkoper), eis, inkoper, tekst="De aanbieder heeft een AGB-code en een VOG.")
    (regel,) = _regels(eis)
    assert regel.actie == "eis.gewijzigd"
    assert regel.actor == inkoper
    assert regel.regio_id == procedure.regio_id
    assert regel.oude_waarden == {"tekst": "De aanbieder heeft een AGB-code."}
    assert regel.nieuwe_waarden == {"tekst": "De aanbieder heeft een AGB-code en een VOG."}
    assert Eis.objects.get(pk=eis.pk).tekst.endswith("VOG.")


def test_perceel_bewerken_legt_oud_en_nieuw_vast(staff_client, inkoper, procedure):
    perceel = PerceelFactory(aanbesteding=procedure, naam="Ambulante jeugdhulp")
    _bewerk(staff_client(inkoper), perceel, inkoper, naam="Ambulante jeugdhulp licht")
    (regel,) = _regels(perceel)
    assert regel.actie == "perceel.gewijzigd"
    assert regel.oude_waarden == {"naam": "Ambulante jeugdhulp"}
    assert regel.nieuwe_waarden == {"naam": "Ambulante jeugdhulp licht"}
    assert Perceel.objects.get(pk=perceel.pk).naam == "Ambulante jeugdhulp licht"


def test_product_bewerken_legt_oud_en_nieuw_vast(staff_client, inkoper, procedure):
    product = ProductFactory(perceel=PerceelFactory(aanbesteding=procedure), naam="Begeleiding individueel")
    _bewerk(staff_client(inkoper), product, inkoper, naam="Begeleiding individueel (basis)", eenheid="dagdeel")
    (regel,) = _regels(product)
    assert regel.actie == "product.gewijzigd"
    assert regel.oude_waarden == {"naam": "Begeleiding individueel", "eenheid": "uur"}
    assert regel.nieuwe_waarden == {"naam": "Begeleiding individueel (basis)", "eenheid": "dagdeel"}
    assert Product.objects.get(pk=product.pk).eenheid == "dagdeel"


def test_tarief_bewerken_legt_bedrag_als_tekst_vast(staff_client, inkoper, procedure):
    tarief = TariefFactory(product=ProductFactory(perceel=PerceelFactory(aanbesteding=procedure)))
    _bewerk(staff_client(inkoper), tarief, inkoper, bedrag="74.12", geldig_tot="2025-06-30")
    (regel,) = _regels(tarief)
    assert regel.actie == "tarief.gewijzigd"
    # Decimal and date serialise as text (core.audit._waarde), exactly as stored.
    assert regel.oude_waarden == {"bedrag": "71.38", "geldig_tot": "2025-12-31"}
    assert regel.nieuwe_waarden == {"bedrag": "74.12", "geldig_tot": "2025-06-30"}
    assert Tarief.objects.get(pk=tarief.pk).bedrag == Decimal("74.12")


def test_procedure_data_wijzigen_legt_oud_en_nieuw_vast(staff_client, inkoper, procedure):
    _bewerk(staff_client(inkoper), procedure, inkoper, looptijd_einde="2029-12-31")
    (regel,) = _regels(procedure)
    assert regel.actie == "aanbesteding.gewijzigd"
    assert regel.oude_waarden == {"looptijd_einde": "2028-12-31"}
    assert regel.nieuwe_waarden == {"looptijd_einde": "2029-12-31"}
    assert Aanbesteding.objects.get(pk=procedure.pk).looptijd_einde == date(2029, 12, 31)
    assert "Beheerscherm" in regel.toelichting


def test_ongewijzigd_opslaan_schrijft_niets(staff_client, inkoper, procedure):
    perceel = PerceelFactory(aanbesteding=procedure)
    _bewerk(staff_client(inkoper), perceel, inkoper)
    assert _regels(perceel) == []


def test_aanmaken_en_verwijderen_staan_in_audittrail(staff_client, inkoper, procedure):
    client = staff_client(inkoper)
    viewset = Perceel.snippet_viewset
    antwoord = client.post(reverse(viewset.get_url_name("add")), {
        "aanbesteding": procedure.pk, "code": "7.1", "naam": "Dagbesteding", "volgorde": "1", "domein": "jeugd",
        "toetreding": "procedure", "onderaanneming": "beperkt",
    })
    assert antwoord.status_code == 302, _fouten(antwoord)
    perceel = Perceel.objects.get(aanbesteding=procedure, code="7.1")
    (aangemaakt,) = _regels(perceel)
    assert aangemaakt.actie == "perceel.aangemaakt"
    assert aangemaakt.oude_waarden == {}
    assert aangemaakt.nieuwe_waarden["naam"] == "Dagbesteding"
    assert aangemaakt.nieuwe_waarden["aanbesteding"] == str(procedure)

    # No staff role may delete (organisaties/rollen.py: legal records); the operator's superuser can.
    beheerder = UserFactory(is_superuser=True, email="beheer@portaal.example")
    TOTP.activate(beheerder, TOTP_GEHEIM)
    client = staff_client(beheerder)
    antwoord = client.post(reverse(viewset.get_url_name("delete"), args=[perceel.pk]))
    assert antwoord.status_code == 302
    assert not Perceel.objects.filter(pk=perceel.pk).exists()
    verwijderd = AuditRegel.objects.get(actie="perceel.verwijderd")
    assert verwijderd.object_id == str(perceel.pk)
    assert verwijderd.actor == beheerder
    assert verwijderd.regio_id == procedure.regio_id
    assert verwijderd.oude_waarden["naam"] == "Dagbesteding"
    assert verwijderd.nieuwe_waarden == {}


def test_geweigerde_opslag_laat_geen_auditregel_achter(staff_client, inkoper, procedure):
    """The entry is written in the transaction of the save: an invalid form writes neither."""
    perceel = PerceelFactory(aanbesteding=procedure, naam="Ambulant")
    data = formulierdata(formulier(perceel, inkoper))
    data["naam"] = ""
    antwoord = staff_client(inkoper).post(edit_url(perceel), data)
    assert antwoord.status_code == 200
    assert _regels(perceel) == []


def test_vraag_via_dienst_wordt_niet_dubbel_geaudit(staff_client, inkoper, procedure):
    """The question's edit view saves through ``vraag_beantwoorden``, which audits ``vraag.beantwoord`` itself:
    the generic entry is left out (core.audit.geaudit_sinds)."""
    from tests.aanbesteding.factories import VraagFactory

    vraag = VraagFactory(aanbesteding=procedure, tekst="Mag een onderaannemer meedoen?")
    data = formulierdata(formulier(vraag, inkoper))
    data.update(vraag_publiek="Mag een onderaannemer meedoen?", antwoord="Ja.", afhandeling="beantwoorden")
    antwoord = staff_client(inkoper).post(edit_url(vraag), data)
    assert antwoord.status_code == 302, _fouten(antwoord)
    assert [r.actie for r in _regels(vraag)] == ["vraag.beantwoord"]


def test_audit_van_beheerscherm_alleen_zichtbaar_in_eigen_regio(staff_client, inkoper_a, inkoper_b, regio_a):
    procedure = AanbestedingFactory(regio=regio_a, titel="Jeugdhulp Gooi")
    eis = EisFactory(aanbesteding=procedure, code="GOOI-EIS-7", tekst="Oud")
    _bewerk(staff_client(inkoper_a), eis, inkoper_a, tekst="Nieuw")
    assert AuditRegel.objects.get(actie="eis.gewijzigd").regio_id == regio_a.pk

    inhoud = staff_client(inkoper_a).get(reverse("core_audit")).content.decode()
    assert "eis.gewijzigd" in inhoud and "GOOI-EIS-7" in inhoud
    detail = staff_client(inkoper_a).get(reverse("core_audit_object", args=["aanbesteding", "eis", eis.pk]))
    assert "Nieuw" in detail.content.decode()

    inhoud_b = staff_client(inkoper_b).get(reverse("core_audit")).content.decode()
    assert "eis.gewijzigd" not in inhoud_b and "GOOI-EIS-7" not in inhoud_b
    detail_b = staff_client(inkoper_b).get(reverse("core_audit_object", args=["aanbesteding", "eis", eis.pk]))
    assert "GOOI-EIS-7" not in detail_b.content.decode()


def test_bulkverwijdering_staat_in_audittrail(staff_client, procedure):
    """The listing's bulk delete bypasses the delete view; the before_bulk_action hook audits it (core/wagtail_hooks)."""
    een, twee = PerceelFactory(aanbesteding=procedure, naam="Een"), PerceelFactory(aanbesteding=procedure, naam="Twee")
    beheerder = UserFactory(is_superuser=True)
    TOTP.activate(beheerder, TOTP_GEHEIM)
    antwoord = staff_client(beheerder).post(f"/admin/bulk/aanbesteding/perceel/delete/?id={een.pk}&id={twee.pk}")
    assert antwoord.status_code == 302
    assert not Perceel.objects.filter(pk__in=[een.pk, twee.pk]).exists()
    regels = AuditRegel.objects.filter(actie="perceel.verwijderd").order_by("object_id")
    assert [(r.object_id, r.oude_waarden["naam"], r.actor) for r in regels] == [
        (str(een.pk), "Een", beheerder), (str(twee.pk), "Twee", beheerder)]
    assert {r.regio_id for r in regels} == {procedure.regio_id}


def test_documentversie_concept_en_depublicatie_staan_in_audittrail(staff_client, inkoper, procedure):
    """A draft of a document version is ``documentversie.concept_gewijzigd`` (its publication is audited by
    aanbesteding.ontvangers, once); withdrawing it through the unpublish screen is ``documentversie.gedepubliceerd``."""
    from aanbesteding.models import DocumentVersie
    from tests.aanbesteding.factories import ProcedureDocumentFactory, gepubliceerde_versie

    versie = gepubliceerde_versie(ProcedureDocumentFactory(aanbesteding=procedure), reden="Eerste", user=inkoper)
    assert [r.actie for r in _regels(versie)] == ["documentversie.gepubliceerd"]

    _bewerk(staff_client(inkoper), versie, inkoper, reden="Eerste versie, met bijlage")
    gewijzigd = AuditRegel.objects.get(actie="documentversie.concept_gewijzigd")
    assert gewijzigd.oude_waarden == {"reden": "Eerste"}
    assert gewijzigd.nieuwe_waarden == {"reden": "Eerste versie, met bijlage"}
    assert DocumentVersie.objects.get(pk=versie.pk).reden == "Eerste"  # a draft: the live version is unchanged

    beheerder = UserFactory(is_superuser=True)
    TOTP.activate(beheerder, TOTP_GEHEIM)
    client = staff_client(beheerder)
    antwoord = client.post(reverse(DocumentVersie.snippet_viewset.get_url_name("unpublish"), args=[versie.pk]))
    assert antwoord.status_code == 302
    regel = AuditRegel.objects.get(actie="documentversie.gedepubliceerd")
    assert regel.actor == beheerder
    assert regel.regio_id == procedure.regio_id
    assert regel.oude_waarden["reden"] == "Eerste"
