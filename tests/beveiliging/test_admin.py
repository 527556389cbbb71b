"""(c) A provider gets nowhere in the Wagtail admin, and each staff group only reaches its own screens;
(d) a beoordelaar reaches only assigned inschrijvingen and their evidence, and nothing of a sealed round."""

import pytest
from django.urls import reverse

from inschrijving.models import Antwoord, Inschrijving
from tests.inschrijving.factories import BewijsstukFactory
from toetsing import services as toetsing_services

from .urls import admin_urls

ADMIN_URLS = admin_urls()
EIGEN_SCHERMEN = [u for u in ADMIN_URLS if not u.route.startswith("admin/snippets/")]


def test_inventaris_vindt_de_adminschermen():
    namen = {u.naam for u in ADMIN_URLS}
    assert {"toetsing_inschrijving", "toetsing_bewijsstuk", "overeenkomst_admin_detail", "sroi_admin_rapportage",
            "core_audit", "inschrijving_pv_download"} <= namen
    assert any(u.route.startswith("admin/snippets/aanbesteding/") for u in ADMIN_URLS)


# --- (c) providers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ADMIN_URLS, ids=lambda u: u.naam or u.route)
@pytest.mark.parametrize("methode", ["get", "post"])
def test_aanbieder_komt_niet_in_de_admin(client, aanbieder_beheerder, url, methode):
    client.force_login(aanbieder_beheerder)
    antwoord = getattr(client, methode)(url.pad())
    assert antwoord.status_code == 302, f"{url.naam}: {antwoord.status_code}"
    assert antwoord["Location"].startswith(reverse("account_login")), antwoord["Location"]


# --- (c) staff groups: each only its own screens --------------------------------------------------------------

# Screen (by URL-name prefix) -> the personas who may open it; every other staff persona may not.
TOEGESTAAN = {
    "core_audit": {"inkoper", "contractmanager"},
    "aanbesteding_nvi": {"inkoper"},
    # The rectificatie of frozen eisen (issue 18, ADR 0014): who may change eisen (aanbesteding.change_eis).
    "aanbesteding_rectificatie": {"inkoper"},
    # Issue 19: the XLSX import of a productenboek (aanbesteding.change_product, the Inkoper's).
    "aanbesteding_productimport": {"inkoper"},
    # Issue 12: the bulk import of eisen (aanbesteding.change_eis, the Inkoper's).
    "aanbesteding_eisimport": {"inkoper"},
    "inschrijving_p": {"inkoper"},
    "toetsing_": {"inkoper", "beoordelaar"},
    "overeenkomst_admin": {"inkoper", "contractmanager"},
    "sroi_admin": {"sroi_adviseur"},
    # Issue 13 (ADR 0019): contract management is the Contractmanager's and the Inkoper's, in their regions.
    "contractbeheer_admin": {"inkoper", "contractmanager"},
    # Issue 16: the bureau answers Woo requests and publishes actively (woo model permissions: the Inkoper's).
    "woo_admin": {"inkoper"},
    "organisaties_regio": {"platformbeheerder"},
    # Wagtail's reports span every region: only a superuser (no persona) reaches them (core.views).
    "wagtail_rapporten": set(),
}
PERSONAS = ("inkoper", "contractmanager", "beoordelaar", "redacteur", "sroi_adviseur", "platformbeheerder")


def _toegestaan(url):
    for prefix, wie in TOEGESTAAN.items():
        if url.naam.startswith(prefix):
            return wie
    raise AssertionError(f"{url.naam}: geen regel in TOEGESTAAN (nieuw adminscherm? voeg het toe)")


def _pk(w, attribuut: str) -> int:
    obj = getattr(w, attribuut, None)
    return obj.pk if obj is not None else 1


def _waarden(url, w) -> dict:
    """Real ids, so a missing role check would show the object (200) instead of a harmless 404."""
    n = url.naam
    pk = {
        "toetsing_": w.inschrijving.pk, "overeenkomst_admin_detail": w.overeenkomst.pk,
        "overeenkomst_admin_addendum": w.reactie.addendum_id, "overeenkomst_admin_verlenging": w.aanbesteding.pk,
        "overeenkomst_admin_brief": w.overeenkomst.pk, "overeenkomst_admin_ontvangstbevestiging": w.brief.pk,
        "overeenkomst_admin_scan": w.brief.pk,
        "sroi_admin_plan": w.plan.pk, "sroi_admin_activiteit": w.activiteit.pk, "sroi_admin_rapportage": w.rapportage.pk,
        "aanbesteding_nvi": w.aanbesteding.pk, "inschrijving_pv": w.pv.pk, "aanbesteding_rectificatie": w.aanbesteding.pk,
        "aanbesteding_productimport": w.aanbesteding.pk, "aanbesteding_eisimport": w.aanbesteding.pk,
        # Issue 13: contract management (the world's duty, submission, melding, request, answer, onderzoek).
        "contractbeheer_admin_verantwoording": w.verantwoording.pk, "contractbeheer_admin_inzending": w.inzending.pk,
        "contractbeheer_admin_melding": w.melding.pk, "contractbeheer_admin_verzoek": w.informatieverzoek.pk,
        "contractbeheer_admin_antwoord": w.verzoekontvanger.pk, "contractbeheer_admin_onderzoek": w.onderzoek.pk,
        # Issue 14: monitoring
        "contractbeheer_admin_monitoring_aanbieder": w.overeenkomst.pk,
        # Issue 14: gesprekken
        "contractbeheer_admin_gesprek": w.contractgesprek.pk,
        "contractbeheer_admin_afronden_gespreksactie": w.gespreksactie.pk,
        # Issue 14: signalen
        "contractbeheer_admin_signaal": w.signaal.pk, "contractbeheer_admin_mijn_signaal": w.signaal.pk,
        # Issue 14: handhaving
        "contractbeheer_admin_maatregel": w.maatregel.pk,
        # Issue 14: leegstand
        "contractbeheer_admin_leegstand_regeling": w.leegstandsregeling.pk,
        "contractbeheer_admin_leegstand_export": w.leegstandsregeling.pk,
        "contractbeheer_admin_leegstand_overzicht": w.beddenoverzicht.pk,
        # Issue 16: Woo (a procedure's dossier, a request, a selected document)
        "woo_admin_dossier": w.aanbesteding.pk, "woo_admin_verzoek": w.wooverzoek.pk,
        "woo_admin_export": w.wooverzoek.pk, "woo_admin_inventarislijst": w.wooverzoek.pk,
        "woo_admin_stuk": w.verzoekstuk.pk,
    }
    gekozen = next((v for k, v in pk.items() if n.startswith(k)), 1)
    return {"pk": gekozen, "aanbesteding_id": w.aanbesteding.pk, "perceel_id": w.perceel.pk, "eis_id": w.eis.pk,
            "eis_pk": w.eis.pk,
            "bewijsstuk_id": w.bewijsstuk.pk, "besluit_id": w.besluit.pk, "toetredingsmoment_id": w.moment.pk,
            # Only a world with a staff side has a lottery, a herziening and a round PV (issue 18).
            "loting_id": _pk(w, "loting"), "herziening_id": _pk(w, "lotingherziening"),
            "pv_beoordeling_id": _pk(w, "pv_beoordeling"), "app_label": "inschrijving",
            "model": "inschrijving", "soort": "capaciteit", "formaat": "csv",
            # Issue 12: a step of the assessment (the world's eis is an uitvoeringseis).
            "stap": "uitvoeringseis"}


# --- (d) beoordelaar ------------------------------------------------------------------------------------------


@pytest.fixture
def toetsing(wereld, inkoper, beoordelaar, beoordelaar2):
    """X (A's inschrijving) is assigned to beoordelaar, Y (B's) only to beoordelaar2; both rounds closed."""
    x = wereld.inschrijving
    y = Inschrijving.objects.create(
        aanbesteding=wereld.aanbesteding, organisatie=wereld.andere_org, toetredingsmoment=wereld.moment,
        status=Inschrijving.Status.INGEDIEND, ingediend_op=x.ingediend_op,
    )
    stuk_y = BewijsstukFactory(organisatie=wereld.andere_org, originele_naam="kvk-jeugdpunt.pdf")
    Antwoord.objects.create(inschrijving=y, eis=wereld.eis).bewijsstukken.add(stuk_y)
    toetsing_services.commissie_opslaan(aanbesteding=wereld.aanbesteding, naam="Commissie", voorzitter=inkoper,
                                        leden=[beoordelaar, beoordelaar2], door=inkoper)
    toetsing_services.toewijzen(inschrijvingen=[x], beoordelaars=[beoordelaar], door=inkoper)
    toetsing_services.toewijzen(inschrijvingen=[y], beoordelaars=[beoordelaar2], door=inkoper)
    toetsing_services.belang_verklaren(inschrijving=x, geen_conflict=True, door=beoordelaar)
    return x, y, wereld.bewijsstuk, stuk_y


def test_beoordelaar_opent_toegewezen_inschrijving_en_bewijs(client, toetsing, beoordelaar):
    """Control for the refusals below."""
    x, _, stuk_x, _ = toetsing
    client.force_login(beoordelaar)
    assert client.get(reverse("toetsing_inschrijving", args=[x.pk])).status_code == 200
    assert client.get(reverse("toetsing_bewijsstuk", args=[x.pk, stuk_x.pk])).status_code == 200
    assert client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk_x.pk])).status_code == 200


@pytest.mark.parametrize("naam", ["toetsing_inschrijving", "toetsing_consensus", "toetsing_tijdlijn",
                                  "toetsing_proces_verbaal"])
def test_beoordelaar_niet_bij_andermans_inschrijving(client, toetsing, beoordelaar, naam):
    _, y, _, _ = toetsing
    client.force_login(beoordelaar)
    assert client.get(reverse(naam, args=[y.pk])).status_code == 404


@pytest.mark.parametrize("naam", ["toetsing_verklaren", "toetsing_afronden", "toetsing_herstel",
                                  "toetsing_consensus_vaststellen"])
def test_beoordelaar_kan_niets_doen_met_andermans_inschrijving(client, toetsing, beoordelaar, naam):
    _, y, _, _ = toetsing
    client.force_login(beoordelaar)
    assert client.post(reverse(naam, args=[y.pk]), {"geen_conflict": "1", "vraag": "x"}).status_code == 404


def test_beoordelaar_niet_bij_bewijs_van_andermans_inschrijving(client, toetsing, beoordelaar):
    x, y, _, stuk_y = toetsing
    client.force_login(beoordelaar)
    assert client.get(reverse("toetsing_bewijsstuk", args=[y.pk, stuk_y.pk])).status_code == 404
    # Through an assigned inschrijving with the other one's file id (IDOR).
    assert client.get(reverse("toetsing_bewijsstuk", args=[x.pk, stuk_y.pk])).status_code == 404
    # Through the provider's download URL.
    assert client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk_y.pk])).status_code == 404


def test_beoordelaar_ziet_andermans_inschrijving_niet_in_wachtrij(client, toetsing, beoordelaar, wereld):
    client.force_login(beoordelaar)
    inhoud = client.get(reverse("toetsing_wachtrij", args=[wereld.aanbesteding.pk])).content.decode()
    assert wereld.org.naam in inhoud
    assert wereld.andere_org.naam not in inhoud


def test_beoordelaar_zonder_verklaring_ziet_geen_bewijs(client, toetsing, beoordelaar2):
    """Assigned, but no declaration of (no) conflict of interest yet: no content."""
    _, y, _, stuk_y = toetsing
    client.force_login(beoordelaar2)
    assert client.get(reverse("toetsing_inschrijving", args=[y.pk])).status_code == 200
    assert client.get(reverse("toetsing_bewijsstuk", args=[y.pk, stuk_y.pk])).status_code != 200
    assert client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk_y.pk])).status_code == 404


@pytest.fixture
def verzegeld(toetsing, wereld):
    """The same round, but its window closes only next week: sealed (the digitale kluis, DOMAIN.md step 3)."""
    from datetime import timedelta

    from django.utils import timezone

    wereld.moment.sluit_op = timezone.now() + timedelta(days=7)
    wereld.moment.save(update_fields=["sluit_op"])
    return toetsing


@pytest.mark.parametrize("persona", ["beoordelaar", "inkoper"])
def test_niets_van_een_verzegelde_ronde(client, verzegeld, request, persona, wereld):
    x, _, stuk_x, _ = verzegeld
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("toetsing_inschrijving", args=[x.pk])).status_code == 404
    assert client.get(reverse("toetsing_bewijsstuk", args=[x.pk, stuk_x.pk])).status_code == 404
    assert client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk_x.pk])).status_code == 404
    inhoud = client.get(reverse("toetsing_wachtrij", args=[wereld.aanbesteding.pk])).content.decode()
    assert wereld.org.naam not in inhoud
