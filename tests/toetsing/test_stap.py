"""Issue 12, the panel side: one page per step with "Alles voldoet" (services.stap_beoordelen, the view
toetsing_stap), a motivation only for "voldoet niet" and "herstel nodig", the consensus that adopts agreeing
verdicts, the panel's progress for the chair, and the decision's preview and confirmation before sending."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbesteding.models import Eis
from core.models import AuditRegel
from toetsing import services
from toetsing.models import Beoordeling, Besluit, Eindoordeel, Oordeel, Toetsing, Toewijzing
from toetsing.pdf import proces_verbaal_pdf

from ._hulp import een_regel, pdf_tekst, regels, verklaar
from .factories import AntwoordFactory, EisFactory
from .helpers import beoordeel

U, G, X = Eis.Soort.UITSLUITINGSGROND, Eis.Soort.GESCHIKTHEIDSEIS, Eis.Soort.UITVOERINGSEIS


@pytest.fixture
def toegewezen(maak_inschrijving, commissie, inkoper, beoordelaar, beoordelaar2):
    i = maak_inschrijving()
    services.toewijzen(inschrijvingen=[i], beoordelaars=[beoordelaar, beoordelaar2], door=inkoper)
    return i


def _eis(i, code):
    return i.aanbesteding.eisen.get(code=code)


def _eigen(i, user):
    return {b.eis.code: b for b in Beoordeling.objects.filter(toewijzing__toetsing__inschrijving=i,
                                                             toewijzing__beoordelaar=user).select_related("eis")}


# --- services.stap_beoordelen --------------------------------------------------------------------------------


def test_alles_voldoet_geeft_elke_eis_zonder_oordeel_voldoet_met_standaardtekst(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    opgeslagen = services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar, alles_voldoet=True)
    assert [(b.eis.code, b.oordeel, b.motivering) for b in opgeslagen] == [("U1", "voldoet", "Voldoet aan de eis.")]
    regel = een_regel(toegewezen, "toetsing.stap_beoordeeld")
    assert regel.nieuwe_waarden == {"stap": "uitsluitingsgrond", "eisen": 1, "alles_voldoet": True}
    assert len(regels(toegewezen, "toetsing.oordeel")) == 1


def test_alles_voldoet_met_afwijking_en_plan_in_een_keer(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar, alles_voldoet=True)
    g1, g2 = _eis(toegewezen, "G1"), _eis(toegewezen, "G2")
    services.stap_beoordelen(
        inschrijving=toegewezen, stap=G, door=beoordelaar, alles_voldoet=True,
        oordelen={g1.pk: {"oordeel": Oordeel.HERSTEL, "motivering": "KvK-uittreksel is ouder dan 3 maanden"},
                  # a plan: the score says the verdict (5,5 under the minimum 6 = voldoet niet)
                  g2.pk: {"oordeel": "", "score": "5,5", "motivering": "Ontwikkeldoelen ontbreken"}},
    )
    eigen = _eigen(toegewezen, beoordelaar)
    assert (eigen["G1"].oordeel, eigen["G1"].motivering) == ("herstel", "KvK-uittreksel is ouder dan 3 maanden")
    assert (eigen["G2"].oordeel, eigen["G2"].score) == ("voldoet_niet", Decimal("5.5"))


def test_alles_voldoet_overschrijft_geen_bestaand_oordeel(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    services.oordeel_vastleggen(inschrijving=toegewezen, eis=_eis(toegewezen, "U1"), oordeel=Oordeel.VOLDOET_NIET,
                                motivering="Uitsluitingsgrond art. 2.86 van toepassing", door=beoordelaar)
    assert services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar, alles_voldoet=True) == []
    assert _eigen(toegewezen, beoordelaar)["U1"].oordeel == "voldoet_niet"
    with pytest.raises(ValidationError, match="Kies een oordeel"):  # "Opslaan" with nothing chosen
        services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar)


def test_een_geweigerd_oordeel_slaat_niets_op(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar, alles_voldoet=True)
    g1 = _eis(toegewezen, "G1")
    with pytest.raises(ValidationError) as fout:
        services.stap_beoordelen(inschrijving=toegewezen, stap=G, door=beoordelaar, alles_voldoet=True,
                                 oordelen={g1.pk: {"oordeel": Oordeel.VOLDOET_NIET, "motivering": ""}})
    # Both refusals at once: G1 lacks its motivation, the plan G2 its score.
    assert fout.value.messages == ["Motiveer het oordeel 'voldoet niet' over G1.", "G2 is een plan: geef een score."]
    assert set(_eigen(toegewezen, beoordelaar)) == {"U1"}
    assert len(regels(toegewezen, "toetsing.stap_beoordeeld")) == 1  # the first step's only


def test_stappen_in_volgorde(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    with pytest.raises(ValidationError, match="Beoordeel eerst de uitsluitingsgronden"):
        services.stap_beoordelen(inschrijving=toegewezen, stap=X, door=beoordelaar, alles_voldoet=True)
    assert not Beoordeling.objects.exists()


def test_onbekende_stap_en_eis_van_een_andere_stap(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    with pytest.raises(ValidationError, match="Onbekende stap"):
        services.stap_beoordelen(inschrijving=toegewezen, stap="plan", door=beoordelaar, alles_voldoet=True)
    with pytest.raises(ValidationError, match="hoort niet bij deze stap"):
        services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar,
                                 oordelen={_eis(toegewezen, "X1").pk: {"oordeel": Oordeel.VOLDOET}})
    assert not Beoordeling.objects.exists()


def test_stap_alleen_voor_toegewezen_beoordelaar_na_verklaring(toegewezen, beoordelaar, beoordelaar2, inkoper):
    with pytest.raises(PermissionDenied, match="niet beoordelen"):  # no declaration yet
        services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar, alles_voldoet=True)
    verklaar(toegewezen, beoordelaar2, geen_conflict=False, toelichting="Oud-collega van de bestuurder")
    with pytest.raises(PermissionDenied):  # recused
        services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar2, alles_voldoet=True)
    verklaar(toegewezen, inkoper)
    with pytest.raises(PermissionDenied, match="niet aan deze inschrijving toegewezen"):  # the chair, not assigned
        services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=inkoper, alles_voldoet=True)
    beoordeel(toegewezen, beoordelaar)
    with pytest.raises(ValidationError, match="al afgerond"):
        services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar, alles_voldoet=True)
    assert not Beoordeling.objects.filter(toewijzing__beoordelaar__in=[beoordelaar2, inkoper]).exists()


def test_ongewijzigd_oordeel_wordt_niet_opnieuw_geaudit(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    u1 = _eis(toegewezen, "U1")
    services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar, alles_voldoet=True)
    services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar,
                             oordelen={u1.pk: {"oordeel": Oordeel.VOLDOET, "motivering": ""}})
    assert len(regels(toegewezen, "toetsing.oordeel")) == 1


# --- the step page ---------------------------------------------------------------------------------------------


def _stap_url(i, stap):
    return reverse("toetsing_stap", args=[i.pk, stap])


def test_verklaring_brengt_de_beoordelaar_naar_de_eerste_stap(client, toegewezen, beoordelaar):
    client.force_login(beoordelaar)
    r = client.post(reverse("toetsing_verklaren", args=[toegewezen.pk]), {"geen_conflict": "ja"})
    assert (r.status_code, r.url) == (302, _stap_url(toegewezen, U))


def test_stappagina_toont_eisen_antwoorden_en_bewijs(client, toegewezen, beoordelaar):
    from tests.inschrijving.factories import BewijsstukFactory

    stuk = BewijsstukFactory(organisatie=toegewezen.organisatie, originele_naam="kvk-uittreksel.pdf",
                             mime_type="application/pdf")
    stuk.tekst = "Uittreksel Handelsregister Kamer van Koophandel"
    stuk.save()
    toegewezen.antwoorden.get(eis__code="G1").bewijsstukken.add(stuk)
    verklaar(toegewezen, beoordelaar)
    services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar, alles_voldoet=True)
    client.force_login(beoordelaar)
    html = client.get(_stap_url(toegewezen, G)).content.decode()
    assert "Stap 2: Geschiktheidseisen (2 eisen)" in html
    assert "Antwoord op G1" in html and "Antwoord op G2" in html and "Antwoord op X1" not in html
    assert reverse("toetsing_bewijsstuk", args=[toegewezen.pk, stuk.pk]) + "?bekijken=1" in html
    assert "Uittreksel Handelsregister Kamer van Koophandel" in html  # the extracted text inline
    assert html.count('name="alles_voldoet"') == 2 and 'name="score_' in html


def test_alles_voldoet_via_de_pagina_naar_de_volgende_stap_en_terug(client, toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    client.force_login(beoordelaar)
    r = client.post(_stap_url(toegewezen, U), {"alles_voldoet": "1"})
    assert (r.status_code, r.url) == (302, _stap_url(toegewezen, G))
    g2 = _eis(toegewezen, "G2")
    r = client.post(_stap_url(toegewezen, G), {"alles_voldoet": "1", f"score_{g2.pk}": "7"})
    assert r.url == _stap_url(toegewezen, X)
    r = client.post(_stap_url(toegewezen, X), {"alles_voldoet": "1"})
    assert r.url == reverse("toetsing_inschrijving", args=[toegewezen.pk]) + "#afronden"
    assert {c: b.oordeel for c, b in _eigen(toegewezen, beoordelaar).items()} == {
        "U1": "voldoet", "G1": "voldoet", "G2": "voldoet", "X1": "voldoet"}


def test_foute_invoer_toont_foutoverzicht_en_slaat_niets_op(client, toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    u1 = _eis(toegewezen, "U1")
    client.force_login(beoordelaar)
    r = client.post(_stap_url(toegewezen, U), {"alles_voldoet": "1", f"oordeel_{u1.pk}": "herstel",
                                               f"motivering_{u1.pk}": " "})
    html = r.content.decode()
    assert r.status_code == 200 and "Er is iets niet goed ingevuld" in html
    assert f'<a href="#id_motivering_{u1.pk}">U1: Motiveer het oordeel &#x27;herstel nodig&#x27;.</a>' in html
    assert not Beoordeling.objects.exists()
    # A refusal of the service (a plan without score) is shown in the summary too, linked to the form.
    verklaar_en_stap1 = client.post(_stap_url(toegewezen, U), {"alles_voldoet": "1"})
    assert verklaar_en_stap1.status_code == 302
    r = client.post(_stap_url(toegewezen, G), {"alles_voldoet": "1"})
    assert '<a href="#stapformulier">G2 is een plan: geef een score.</a>' in r.content.decode()


def test_stappagina_rechten(client, toegewezen, maak_inschrijving, beoordelaar, beoordelaar2, inkoper):
    from ._hulp import nieuwe_beoordelaar

    client.force_login(beoordelaar)
    r = client.get(_stap_url(toegewezen, U))  # no declaration: refused (Wagtail: back to the admin home)
    assert (r.status_code, r.url) == (302, "/admin/")
    verklaar(toegewezen, beoordelaar)
    assert client.get(_stap_url(toegewezen, "onbekend")).status_code == 404
    assert client.get(_stap_url(maak_inschrijving(), U)).status_code == 404  # not assigned: does not exist
    buitenstaander = nieuwe_beoordelaar()
    client.force_login(buitenstaander)
    assert client.post(_stap_url(toegewezen, U), {"alles_voldoet": "1"}).status_code == 404
    client.force_login(inkoper)  # the chair without declaration
    assert client.get(_stap_url(toegewezen, U)).url == "/admin/"
    verklaar(toegewezen, inkoper)  # after it: reads, without a form
    html = client.get(_stap_url(toegewezen, U)).content.decode()
    assert "Antwoord op U1" in html and 'name="alles_voldoet"' not in html
    assert not Beoordeling.objects.exists()


def test_stap_post_vraagt_csrf(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(beoordelaar)
    assert csrf_client.post(_stap_url(toegewezen, U), {"alles_voldoet": "1"}).status_code == 403
    assert not Beoordeling.objects.exists()


def test_stappagina_queries_constant_in_het_aantal_eisen(client, procedure, toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    client.force_login(beoordelaar)
    url = _stap_url(toegewezen, U)
    client.get(url)

    def aantal():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    weinig = aantal()
    for n in range(12):
        eis = EisFactory(aanbesteding=procedure["aanbesteding"], code=f"U{n + 2}", soort=U, volgorde=1)
        AntwoordFactory(inschrijving=toegewezen, eis=eis, tekst=f"Antwoord op U{n + 2}")
    assert "Antwoord op U13" in client.get(url).content.decode()
    assert aantal() == weinig


# --- consensus -------------------------------------------------------------------------------------------------


@pytest.fixture
def klaar(toegewezen, beoordelaar, beoordelaar2, inkoper):
    def _klaar(afwijkend1=None, afwijkend2=None):
        beoordeel(toegewezen, beoordelaar, afwijkend1)
        beoordeel(toegewezen, beoordelaar2, afwijkend2)
        verklaar(toegewezen, inkoper)
        return toegewezen

    return _klaar


def test_consensus_neemt_eensgezinde_oordelen_over_in_een_actie(client, klaar, inkoper):
    i = klaar()
    client.force_login(inkoper)
    html = client.get(reverse("toetsing_inschrijving", args=[i.pk])).content.decode()
    assert "Alle beoordelaars zijn het over alle 4 eisen eens" in html
    r = client.post(reverse("toetsing_consensus_vaststellen", args=[i.pk]))
    assert r.status_code == 302
    toetsing = Toetsing.objects.get(inschrijving=i)
    assert toetsing.status == Toetsing.Status.VASTGESTELD
    eind = {e.eis.code: (e.oordeel, e.score) for e in toetsing.eindoordelen.select_related("eis")}
    assert eind == {"U1": ("voldoet", None), "G1": ("voldoet", None), "G2": ("voldoet", Decimal("7.00")),
                    "X1": ("voldoet", None)}
    assert len(regels(i, "toetsing.eindoordeel")) == 4
    regel = een_regel(i, "toetsing.consensus_vastgesteld")
    assert (regel.nieuwe_waarden, regel.toelichting) == (
        {"toetsing": "vastgesteld"}, "4 eensgezinde oordelen van de beoordelaars overgenomen")


def test_consensus_alleen_verschillen_beslist_de_voorzitter(klaar, inkoper):
    i = klaar({"X1": Oordeel.VOLDOET_NIET}, None)
    with pytest.raises(ValidationError, match="verschillen van oordeel over X1"):
        services.consensus_vaststellen(inschrijving=i, door=inkoper)
    assert not Eindoordeel.objects.exists()
    services.eindoordeel_vastleggen(inschrijving=i, eis=_eis(i, "X1"), oordeel=Oordeel.VOLDOET_NIET,
                                    motivering="Tarieven niet geaccepteerd", door=inkoper)
    services.consensus_vaststellen(inschrijving=i, door=inkoper)
    eind = {e.eis.code: (e.oordeel, e.motivering) for e in Eindoordeel.objects.select_related("eis")}
    assert eind["X1"] == ("voldoet_niet", "Tarieven niet geaccepteerd")
    assert eind["U1"][0] == "voldoet" and len(eind) == 4


def test_eensgezind_voldoet_niet_neemt_beide_motiveringen_over(klaar, inkoper, beoordelaar, beoordelaar2):
    i = klaar({"X1": Oordeel.VOLDOET_NIET}, {"X1": Oordeel.VOLDOET_NIET})
    services.consensus_vaststellen(inschrijving=i, door=inkoper)
    x1 = Eindoordeel.objects.get(eis__code="X1")
    assert x1.motivering == f"Motivering {beoordelaar.pk} bij X1\nMotivering {beoordelaar2.pk} bij X1"


def test_eensgezind_herstel_wordt_niet_vastgesteld(klaar, inkoper):
    i = klaar({"G1": Oordeel.HERSTEL}, {"G1": Oordeel.HERSTEL})
    with pytest.raises(ValidationError, match="Eerst herstel afhandelen voor: G1"):
        services.consensus_vaststellen(inschrijving=i, door=inkoper)
    assert not Eindoordeel.objects.exists()


def test_consensus_vaststellen_alleen_voorzitter_met_verklaring(toegewezen, beoordelaar, beoordelaar2, inkoper):
    beoordeel(toegewezen, beoordelaar)
    beoordeel(toegewezen, beoordelaar2)
    with pytest.raises(PermissionDenied, match="Verklaar eerst"):
        services.consensus_vaststellen(inschrijving=toegewezen, door=inkoper)
    with pytest.raises(PermissionDenied, match="Alleen de voorzitter"):
        services.consensus_vaststellen(inschrijving=toegewezen, door=beoordelaar)
    assert Toetsing.objects.get(inschrijving=toegewezen).status == Toetsing.Status.CONSENSUS


def test_voorzitter_ziet_de_voortgang_van_de_commissie(client, toegewezen, beoordelaar, beoordelaar2, inkoper):
    verklaar(toegewezen, beoordelaar)
    services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar, alles_voldoet=True)
    beoordeel(toegewezen, beoordelaar2)
    client.force_login(inkoper)
    r = client.get(reverse("toetsing_inschrijving", args=[toegewezen.pk]))
    assert [(p["beoordelaar"], p["stappen_klaar"], p["stappen"], p["beoordeeld"], p["afgerond"]) for p in r.context["paneel"]] == [
        (beoordelaar, 1, 3, 1, False), (beoordelaar2, 3, 3, 4, True)]
    html = r.content.decode()
    assert "Voortgang van de commissie" in html and "U heeft 0 van" not in html  # no counter of the chair's own
    client.force_login(beoordelaar)
    assert "paneel" not in client.get(reverse("toetsing_inschrijving", args=[toegewezen.pk])).context


def test_voldoet_zonder_motivering_staat_in_het_proces_verbaal(toegewezen, beoordelaar, beoordelaar2, inkoper):
    for b in (beoordelaar, beoordelaar2):
        verklaar(toegewezen, b)
        services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=b, alles_voldoet=True)
    tekst = pdf_tekst(proces_verbaal_pdf(Toetsing.objects.get(inschrijving=toegewezen)))
    assert tekst.count("Voldoet - Voldoet aan de eis.") == 2


# --- decision: preview and confirmation -----------------------------------------------------------------------------


@pytest.fixture
def genomen(maak_inschrijving, volledig_beoordeeld, inkoper, aanbieder):
    i = volledig_beoordeeld(maak_inschrijving(organisatie=aanbieder))
    return services.besluit_nemen(inschrijving=i, door=inkoper)


def test_besluit_verzenden_vraagt_eerst_bevestiging(client, genomen, inkoper):
    client.force_login(inkoper)
    voor = AuditRegel.objects.count()
    r = client.get(reverse("toetsing_besluit_verzenden", args=[genomen.pk]))
    html = r.content.decode()
    assert r.status_code == 200 and "Besluit verzenden?" in html and "Ja, besluit verzenden" in html
    assert "De standstilltermijn van 20 kalenderdagen begint vandaag" in html
    assert reverse("toetsing_besluit_voorbeeld", args=[genomen.pk]) in html
    genomen.refresh_from_db()
    assert genomen.status == Besluit.Status.GENOMEN and AuditRegel.objects.count() == voor


def test_voorbeeld_van_de_brief_zonder_verzegelen_of_verzenden(client, genomen, inkoper, aanbieder):
    client.force_login(inkoper)
    voor = AuditRegel.objects.count()
    r = client.get(reverse("toetsing_besluit_voorbeeld", args=[genomen.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("inline") and r["X-Frame-Options"] == "SAMEORIGIN"
    tekst = pdf_tekst(r.content)
    assert "VOORBEELD - dit besluit is nog niet verzonden" in tekst and aanbieder.naam in tekst
    assert "Voorlopige toelating" in tekst and "Controleer de echtheid" not in tekst
    genomen.refresh_from_db()
    assert (genomen.status, genomen.brief.name, AuditRegel.objects.count()) == (Besluit.Status.GENOMEN, "", voor)


def test_voorbeeld_en_bevestiging_alleen_voor_de_inkoper(client, genomen, beoordelaar):
    client.force_login(beoordelaar)
    for naam in ("toetsing_besluit_voorbeeld", "toetsing_besluit_verzenden"):
        assert client.get(reverse(naam, args=[genomen.pk])).url == "/admin/", naam


def test_na_verzenden_geen_voorbeeld_meer(client, genomen, inkoper, django_capture_on_commit_callbacks):
    client.force_login(inkoper)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("toetsing_besluit_verzenden", args=[genomen.pk]))
    assert r.status_code == 302
    genomen.refresh_from_db()
    assert genomen.status == Besluit.Status.VERZONDEN and genomen.brief
    assert client.get(reverse("toetsing_besluit_voorbeeld", args=[genomen.pk])).status_code == 404
    assert client.get(reverse("toetsing_besluit_verzenden", args=[genomen.pk])).status_code == 302


def test_toewijzing_blijft_na_stap(toegewezen, beoordelaar):
    verklaar(toegewezen, beoordelaar)
    services.stap_beoordelen(inschrijving=toegewezen, stap=U, door=beoordelaar, alles_voldoet=True)
    assert Toewijzing.objects.get(beoordelaar=beoordelaar).status == Toewijzing.Status.TOEGEWEZEN


def test_oordeel_bij_score_volgt_het_minimum(procedure):
    from toetsing.models import Toetsingsinstelling

    instelling = Toetsingsinstelling.voor(procedure["aanbesteding"])
    g2 = procedure["eisen"]["G2"]  # a plan with minimum 6
    assert services.oordeel_bij_score(g2, instelling, "6") == Oordeel.VOLDOET
    assert services.oordeel_bij_score(g2, instelling, "5,99") == Oordeel.VOLDOET_NIET
    assert services.oordeel_bij_score(g2, instelling, "") is None
    assert services.oordeel_bij_score(procedure["eisen"]["U1"], instelling, "7") is None  # not a plan
