"""The provider's pages: who gets in (anonymous → login, another organisation → 404, staff → 404 on provider
pages, downloads only when allowed), CSRF on the POSTs, bad input shown in Dutch with nothing stored, refused
uploads leaving the draft intact, and list pages whose query count does not grow with the data."""

import re
from datetime import date, datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbesteding.models import Eis
from core.kalender import TZ
from inschrijving import services, tasks
from inschrijving.models import Antwoord, Bewijsstuk, Herstelverzoek, Inschrijving, Lid
from tests.core import slechte_bestanden as sb

from ._hulp import NA_SLUITING, SLUITING, audit_regels, een_auditregel, indienen, prive_bestanden, toestand
from .conftest import pdf_upload
from .factories import AanbestedingFactory, BewijsstukFactory, EisFactory, InschrijvingFactory

XHR = {"X-Requested-With": "XMLHttpRequest"}


def _urls(insch, procedure, stuk, lid_pk=1, herstel_pk=1):
    """(method, url) for every inschrijving page; ids of sub-objects only need to exist for the owner."""
    i, e = insch.pk, procedure.kvk.pk
    return [
        ("get", reverse("inschrijving:detail", args=[i])),
        ("get", reverse("inschrijving:percelen", args=[i])),
        ("post", reverse("inschrijving:percelen", args=[i])),
        ("get", reverse("inschrijving:verklaring", args=[i])),
        ("post", reverse("inschrijving:verklaring", args=[i])),
        ("get", reverse("inschrijving:eisen", args=[i])),
        ("post", reverse("inschrijving:eisen", args=[i])),
        ("get", reverse("inschrijving:eisen_perceel", args=[i, procedure.p5_1.pk])),
        ("get", reverse("inschrijving:eis", args=[i, e])),
        ("post", reverse("inschrijving:eis", args=[i, procedure.formulier_e.pk])),
        ("post", reverse("inschrijving:ontkoppelen", args=[i, e, stuk.pk])),
        ("get", reverse("inschrijving:leden", args=[i])),
        ("post", reverse("inschrijving:leden", args=[i])),
        ("post", reverse("inschrijving:lid_verwijderen", args=[i, lid_pk])),
        ("get", reverse("inschrijving:overzicht", args=[i])),
        ("get", reverse("inschrijving:controleren", args=[i])),
        ("post", reverse("inschrijving:indienen", args=[i])),
        ("get", reverse("inschrijving:bevestiging", args=[i])),
        ("get", reverse("inschrijving:ontvangstbewijs", args=[i])),
        ("post", reverse("inschrijving:intrekken", args=[i])),
        ("get", reverse("inschrijving:proces_verbaal", args=[i])),
        ("post", reverse("inschrijving:proces_verbaal", args=[i])),
        ("get", reverse("inschrijving:herstel", args=[i, herstel_pk])),
        ("post", reverse("inschrijving:herstel", args=[i, herstel_pk])),
        ("get", reverse("inschrijving:bewijsstuk_download", args=[stuk.pk])),
        ("get", reverse("inschrijving:bewijsstuk_status", args=[stuk.pk])),
    ]


POST_DATA = {"antwoord-verklaard": "on", "percelen": [], "naam": "X", "kvk_nummer": "99990022", "rol": "combinant",
             "antwoord": "x", "actie": "vorm", "vorm": "combinatie", "afgiftedatum": "2023-06-01",
             "verklaring": "on"}


@pytest.fixture
def lid(compleet, aanbieder_beheerder):
    return services.lid_toevoegen(inschrijving=compleet, rol="onderaannemer", naam="De Brug", kvk_nummer="99990055",
                                  door=aanbieder_beheerder)


@pytest.fixture
def stuk(compleet, procedure):
    return compleet.antwoorden.get(eis=procedure.kvk).bewijsstukken.get()


# --- access --------------------------------------------------------------------------------------------


def test_anoniem_gaat_overal_naar_het_inloggen(client, compleet, procedure, stuk, lid):
    voor = toestand(compleet)
    urls = _urls(compleet, procedure, stuk, lid.pk) + [
        ("get", reverse("inschrijving:lijst")), ("get", reverse("inschrijving:bewijsstukken")),
        ("post", reverse("inschrijving:bewijsstukken")),
        ("post", reverse("inschrijving:starten", args=[procedure.aanbesteding.pk])),
    ]
    for methode, url in urls:
        antwoord = getattr(client, methode)(url, POST_DATA if methode == "post" else None)
        assert antwoord.status_code == 302, (methode, url)
        assert antwoord["Location"].startswith("/accounts/login/?next="), (methode, url)
    assert toestand(compleet) == voor
    assert Inschrijving.objects.count() == 1


def test_andere_organisatie_krijgt_overal_404_en_verandert_niets(client, compleet, procedure, stuk, lid, andere_beheerder):
    voor = toestand(compleet)
    client.force_login(andere_beheerder)
    for methode, url in _urls(compleet, procedure, stuk, lid.pk):
        antwoord = getattr(client, methode)(url, POST_DATA if methode == "post" else None)
        assert antwoord.status_code == 404, (methode, url)
    assert toestand(compleet) == voor
    assert not audit_regels("inschrijving.vorm").exists()


def test_staff_heeft_geen_aanbiederspaginas(client, compleet, procedure, stuk, inkoper):
    client.force_login(inkoper)
    for methode, url in _urls(compleet, procedure, stuk):
        if "download" in url:
            continue  # staff download has its own rule (sealed until the closing), tested below
        antwoord = getattr(client, methode)(url, POST_DATA if methode == "post" else None)
        assert antwoord.status_code == 404, (methode, url)
    assert client.get(reverse("inschrijving:lijst")).status_code == 404


def test_staff_download_nooit_van_een_concept(client, compleet, stuk, inkoper, tijd):
    tijd(NA_SLUITING)  # after the closing, but this inschrijving was never handed in
    client.force_login(inkoper)
    assert client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk.pk])).status_code == 404


def test_staff_zonder_recht_downloadt_ook_na_de_sluiting_niet(client, compleet, stuk, aanbieder_beheerder, beoordelaar, tijd):
    indienen(compleet, aanbieder_beheerder)
    tijd(NA_SLUITING)
    client.force_login(beoordelaar)
    assert client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk.pk])).status_code == 404


def test_geweigerd_bestand_wordt_ook_de_eigenaar_niet_aangeboden(client, stuk, aanbieder_beheerder):
    Bewijsstuk.objects.filter(pk=stuk.pk).update(controle=Bewijsstuk.Controle.GEWEIGERD)
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk.pk])).status_code == 404


def test_bewijsstuk_status_als_json_voor_de_eigen_organisatie(client, stuk, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    assert client.get(reverse("inschrijving:bewijsstuk_status", args=[stuk.pk])).json() == {
        "controle": "bezig", "label": "Wordt gecontroleerd", "melding": "", "gescand": False}


# --- CSRF ----------------------------------------------------------------------------------------------


def _token(client, url) -> str:
    pagina = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina).group(1)


def test_indienen_zonder_csrf_token_wordt_geweigerd_met_token_lukt(compleet, aanbieder_beheerder):
    c = Client(enforce_csrf_checks=True)
    c.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:indienen", args=[compleet.pk])
    assert c.post(url).status_code == 403
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.CONCEPT
    assert not audit_regels("inschrijving.ingediend").exists()
    token = _token(c, reverse("inschrijving:controleren", args=[compleet.pk]))
    antwoord = c.post(url, {"csrfmiddlewaretoken": token, "verklaring": "on"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("inschrijving:bevestiging", args=[compleet.pk])
    een_auditregel("inschrijving.ingediend", compleet, door=aanbieder_beheerder)


@pytest.mark.parametrize("naam", ["eis", "intrekken", "leden", "starten", "bewijsstukken"])
def test_andere_posts_zonder_csrf_token_worden_geweigerd(compleet, procedure, aanbieder, aanbieder_beheerder, naam):
    c = Client(enforce_csrf_checks=True)
    c.force_login(aanbieder_beheerder)
    url = {
        "eis": reverse("inschrijving:eis", args=[compleet.pk, procedure.kvk.pk]),
        "intrekken": reverse("inschrijving:intrekken", args=[compleet.pk]),
        "leden": reverse("inschrijving:leden", args=[compleet.pk]),
        "starten": reverse("inschrijving:starten", args=[procedure.aanbesteding.pk]),
        "bewijsstukken": reverse("inschrijving:bewijsstukken"),
    }[naam]
    voor = (toestand(compleet), Bewijsstuk.objects.count())
    assert c.post(url, {**POST_DATA, "bestand": pdf_upload()}).status_code == 403
    assert (toestand(compleet), Bewijsstuk.objects.count()) == voor


# --- submit and withdraw through the views -------------------------------------------------------------


def test_medewerker_die_indient_blijft_op_het_overzicht(client, compleet, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(reverse("inschrijving:indienen", args=[compleet.pk]), {"verklaring": "on"}, follow=True)
    assert antwoord.redirect_chain[-1][0] == reverse("inschrijving:controleren", args=[compleet.pk])
    assert "beheerder" in antwoord.content.decode()
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.CONCEPT


def test_te_laat_indienen_via_de_view_bewaart_het_concept(client, compleet, aanbieder_beheerder, tijd):
    tijd(SLUITING)
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:indienen", args=[compleet.pk]), {"verklaring": "on"})
    assert antwoord["Location"] == reverse("inschrijving:controleren", args=[compleet.pk])
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.CONCEPT
    een_auditregel("inschrijving.te_laat", compleet, door=aanbieder_beheerder)


def test_intrekken_via_de_view_en_na_de_sluiting_niet_meer(client, compleet, aanbieder_beheerder, tijd):
    indienen(compleet, aanbieder_beheerder)
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:intrekken", args=[compleet.pk])
    tijd(SLUITING)
    assert client.post(url)["Location"] == reverse("inschrijving:detail", args=[compleet.pk])
    compleet.refresh_from_db()
    assert compleet.status == Inschrijving.Status.INGEDIEND
    tijd(datetime(2023, 6, 29, 12, 0, tzinfo=TZ))
    assert client.post(url, {"toelichting": "Capaciteit"})["Location"] == reverse("inschrijving:lijst")
    assert een_auditregel("inschrijving.ingetrokken", compleet, door=aanbieder_beheerder).toelichting == "Capaciteit"


def test_bevestiging_en_detail_sturen_een_concept_naar_het_overzicht(client, compleet, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    overzicht = reverse("inschrijving:overzicht", args=[compleet.pk])
    assert client.get(reverse("inschrijving:bevestiging", args=[compleet.pk]))["Location"] == overzicht
    assert client.get(reverse("inschrijving:detail", args=[compleet.pk]))["Location"] == overzicht
    indienen(compleet, aanbieder_beheerder)
    assert client.get(reverse("inschrijving:detail", args=[compleet.pk]))["Location"] == reverse(
        "inschrijving:bevestiging", args=[compleet.pk])


def test_ontvangstbewijs_pas_als_het_gemaakt_is(client, compleet, aanbieder_medewerker, aanbieder_beheerder):
    indienen(compleet, aanbieder_beheerder)
    client.force_login(aanbieder_medewerker)
    url = reverse("inschrijving:ontvangstbewijs", args=[compleet.pk])
    assert client.get(url).status_code == 404
    tasks.ontvangstbewijs_versturen(compleet.pk)
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF")


# --- bad input: Dutch messages, nothing stored ----------------------------------------------------------


def test_getal_dat_geen_getal_is(client, concept, procedure, aanbieder_beheerder):
    eis = EisFactory(aanbesteding=procedure.aanbesteding, code="TD 4.2", antwoordtype=Eis.Antwoordtype.GETAL)
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:eis", args=[concept.pk, eis.pk]),
                           {"antwoord-getal": "twaalf", "antwoord-tekst": "Twaalf fte, zie het jaarverslag."})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Vul een getal in, bijvoorbeeld 12 of 12,5." in html
    # What was typed comes back in the fields, and the error summary links to the field.
    assert 'value="twaalf"' in html and "Twaalf fte, zie het jaarverslag." in html
    assert 'href="#id_antwoord-getal"' in html
    assert not Antwoord.objects.filter(eis=eis).exists()


def test_niet_aangevinkte_verklaring_met_toelichting_is_niet_verklaard(client, concept, procedure, aanbieder_beheerder):
    """A declaration is a checkbox (issue 12): unticked with an explanation records that the provider cannot make it
    (the answer that does not meet the eis), unticked without one withdraws the answer."""
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:eis", args=[concept.pk, procedure.formulier_e.pk])
    html = client.get(url).content.decode()
    assert 'type="checkbox" name="antwoord-verklaard"' in html
    assert "Ik verklaar dat onze organisatie aan deze eis voldoet." in html
    assert 'type="radio"' not in html
    client.post(url, {"antwoord-tekst": "Surseance in 2021, inmiddels opgeheven."})
    antwoord = concept.antwoorden.get(eis=procedure.formulier_e)
    assert antwoord.ja_nee is False and antwoord.tekst == "Surseance in 2021, inmiddels opgeheven."
    client.post(url, {"antwoord-verklaard": "on", "antwoord-tekst": ""})
    assert concept.antwoorden.get(eis=procedure.formulier_e).ja_nee is True
    client.post(url, {"antwoord-tekst": ""})
    assert concept.antwoorden.get(eis=procedure.formulier_e).ja_nee is None


def test_te_lange_tekst_via_het_formulier(client, concept, procedure, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_7, procedure.p5_8], door=aanbieder_beheerder)
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:eis", args=[concept.pk, procedure.pleegzorg_plan.pk]),
                           {"antwoord-tekst": "woord " * 51})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Uw tekst bij “Werkwijze pleegzorg” telt 51 woorden; het maximum is 50." in html
    assert ("woord " * 51).strip() in html  # nothing typed is lost
    assert not concept.antwoorden.filter(eis=procedure.pleegzorg_plan).exists()


@pytest.mark.parametrize(("data", "melding"), [
    ({}, "Vul de datum van afgifte van “nieuw.pdf” in; het bestand is niet opgeslagen."),
    ({"afgiftedatum": "31-02-2023"}, "Vul een geldige datum van afgifte in."),
    ({"afgiftedatum": "2023-06-21"}, "De datum van afgifte ligt in de toekomst."),
    ({"afgiftedatum": "2023-06-01", "geldig_tot": "2023-05-01"}, "‘Geldig tot’ ligt vóór de datum van afgifte."),
])
def test_upload_met_een_foute_datum(client, compleet, procedure, aanbieder_beheerder, data, melding):
    client.force_login(aanbieder_beheerder)
    voor, bestanden = toestand(compleet), prive_bestanden()
    antwoord = client.post(reverse("inschrijving:eis", args=[compleet.pk, procedure.kvk.pk]),
                           {"bewijs-bestand": pdf_upload("nieuw.pdf"), **{f"bewijs-{k}": v for k, v in data.items()}})
    assert antwoord.status_code == 400
    assert melding in antwoord.content.decode()
    assert toestand(compleet) == voor
    assert prive_bestanden() == bestanden
    assert not Bewijsstuk.objects.filter(originele_naam="nieuw.pdf").exists()


def test_nep_pdf_in_de_wallet_wordt_geweigerd(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    bestanden = prive_bestanden()
    antwoord = client.post(reverse("inschrijving:bewijsstukken"), {
        "documentsoort": "vog", "afgiftedatum": "2023-06-01",
        "bestand": _bestand("vog.pdf", sb.platte_tekst()),
    }, headers=XHR)
    assert antwoord.status_code == 400
    assert any("“vog.pdf”" in f and "niet toegestaan" in f for f in antwoord.json()["fouten"])
    assert not Bewijsstuk.objects.filter(organisatie=aanbieder).exists()
    assert prive_bestanden() == bestanden


def _bestand(naam, inhoud):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


def test_goede_upload_in_de_wallet_zonder_javascript(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:bewijsstukken"), {
        "documentsoort": "vog", "afgiftedatum": "2023-06-01", "bestand": pdf_upload("vog.pdf"),
    }, follow=True)
    assert "“vog.pdf” staat in uw bewijsstukken." in antwoord.content.decode()
    assert Bewijsstuk.objects.get(organisatie=aanbieder).documentsoort == "vog"


def test_perceelkeuze_met_ontbrekend_vereist_perceel(client, concept, procedure, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:percelen", args=[concept.pk]), {"percelen": [procedure.p5_7.pk]})
    assert antwoord.status_code == 200
    assert "vereist ook perceel 5.8 Pleegzorg Aanvullend" in antwoord.content.decode()
    assert list(concept.inschrijving_percelen.values_list("perceel__code", flat=True)) == ["5.1"]


def test_perceelkeuze_opslaan_gaat_naar_de_verklaring(client, concept, procedure, aanbieder_medewerker):
    client.force_login(aanbieder_medewerker)
    antwoord = client.post(reverse("inschrijving:percelen", args=[concept.pk]),
                           {"percelen": [procedure.p5_7.pk, procedure.p5_8.pk]})
    assert antwoord["Location"] == reverse("inschrijving:verklaring", args=[concept.pk])
    assert sorted(concept.inschrijving_percelen.values_list("perceel__code", flat=True)) == ["5.7", "5.8"]


def test_lid_met_ongeldig_kvk_nummer(client, concept, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:leden", args=[concept.pk]),
                           {"rol": "combinant", "naam": "De Brug", "kvk_nummer": "1234"})
    assert antwoord.status_code == 200
    assert "Een KvK-nummer bestaat uit precies 8 cijfers." in antwoord.content.decode()
    assert not Lid.objects.exists()


def test_lid_toevoegen_en_verwijderen_via_de_views(client, concept, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:leden", args=[concept.pk])
    assert client.post(url, {"rol": "onderaannemer", "naam": "De Brug", "kvk_nummer": "99990022"})["Location"] == url
    lid = Lid.objects.get(inschrijving=concept)
    client.post(reverse("inschrijving:lid_verwijderen", args=[concept.pk, lid.pk]))
    assert not Lid.objects.exists()
    een_auditregel("inschrijving.lid_verwijderd", concept, door=aanbieder_beheerder)


def test_onbekende_vorm_via_de_view_verandert_niets(client, concept, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:leden", args=[concept.pk]), {"actie": "vorm", "vorm": "holding"})
    assert antwoord.status_code == 302
    concept.refresh_from_db()
    assert concept.vorm == Inschrijving.Vorm.ZELFSTANDIG
    assert not audit_regels("inschrijving.vorm").exists()


def test_koppelen_van_een_vreemd_bewijsstuk_is_404(client, concept, procedure, andere_aanbieder, aanbieder_beheerder):
    vreemd = BewijsstukFactory(organisatie=andere_aanbieder, afgiftedatum=date(2023, 6, 1))
    client.force_login(aanbieder_beheerder)
    antwoord = client.post(reverse("inschrijving:eis", args=[concept.pk, procedure.kvk.pk]), {"bewijs-bewijsstukken": vreemd.pk})
    assert antwoord.status_code == 404
    assert not concept.antwoorden.exists()


def test_koppelen_en_ontkoppelen_via_de_views(client, concept, procedure, aanbieder, aanbieder_medewerker):
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 6, 1))
    client.force_login(aanbieder_medewerker)
    client.post(reverse("inschrijving:eis", args=[concept.pk, procedure.kvk.pk]), {"bewijs-bewijsstukken": stuk.pk})
    assert list(concept.antwoorden.get(eis=procedure.kvk).bewijsstukken.all()) == [stuk]
    client.post(reverse("inschrijving:ontkoppelen", args=[concept.pk, procedure.kvk.pk, stuk.pk]))
    assert not concept.antwoorden.get(eis=procedure.kvk).bewijsstukken.exists()
    een_auditregel("inschrijving.bewijs_ontkoppeld", concept, door=aanbieder_medewerker)


def test_eis_perceel_of_lid_van_buiten_de_inschrijving_is_404(client, concept, procedure, aanbieder_beheerder):
    vreemde_eis = EisFactory(aanbesteding=AanbestedingFactory(titel="Wmo"))
    client.force_login(aanbieder_beheerder)
    assert client.get(reverse("inschrijving:eis", args=[concept.pk, vreemde_eis.pk])).status_code == 404
    assert client.get(reverse("inschrijving:eisen_perceel", args=[concept.pk, procedure.p5_7.pk])).status_code == 404
    assert client.get(reverse("inschrijving:eis", args=[concept.pk, procedure.kvk.pk]) + "?lid=999999").status_code == 404


def test_herstel_zonder_antwoord_en_met_nep_pdf(client, compleet, aanbieder_beheerder, inkoper, tijd):
    indienen(compleet, aanbieder_beheerder)
    tijd(NA_SLUITING)
    verzoek = services.herstelverzoek_versturen(inschrijving=compleet, vraag="Stuur het inspectierapport.", door=inkoper)
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:herstel", args=[compleet.pk, verzoek.pk])
    leeg = client.post(url, {"antwoord": "", "documentsoort": "overig"})
    assert "Geef een antwoord of voeg een bestand toe." in leeg.content.decode()
    aantal = Bewijsstuk.objects.count()
    nep = client.post(url, {"antwoord": "Zie bijlage.", "documentsoort": "inspectierapport", "afgiftedatum": "2023-06-01",
                            "bestand": _bestand("inspectie.pdf", sb.pdf_rommel())})
    assert "“inspectie.pdf”" in nep.content.decode()
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.antwoord) == (Herstelverzoek.Status.OPEN, "")
    assert Bewijsstuk.objects.count() == aantal
    assert not audit_regels("herstelverzoek.beantwoord").exists()


# --- query counts on list pages: the same for 2 and for 20 items ----------------------------------------


def _aantal_queries(client, url) -> int:
    client.get(url)  # warm caches (content types, site) first
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _afgeronde_inschrijvingen(procedure, aanbieder, aantal):
    for _ in range(aantal):
        i = InschrijvingFactory(organisatie=aanbieder, aanbesteding=procedure.aanbesteding, toetredingsmoment=procedure.moment,
                                status=Inschrijving.Status.BESLOTEN, ingediend_op=datetime(2023, 6, 1, tzinfo=TZ))
        i.inschrijving_percelen.create(perceel=procedure.p5_1)
        i.inschrijving_percelen.create(perceel=procedure.p5_3)
        Herstelverzoek.objects.create(inschrijving=i, vraag="Licht toe.", deadline=datetime(2023, 7, 10, 23, 59, tzinfo=TZ))


def test_lijstpagina_even_veel_queries_bij_2_en_20(client, procedure, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:lijst")
    _afgeronde_inschrijvingen(procedure, aanbieder, 2)
    weinig = _aantal_queries(client, url)
    _afgeronde_inschrijvingen(procedure, aanbieder, 18)
    veel = _aantal_queries(client, url)
    assert veel == weinig
    assert client.get(url).content.decode().count("Licht toe.") == 20


def test_bewijsstukkenpagina_even_veel_queries_bij_2_en_20(client, aanbieder, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:bewijsstukken")
    BewijsstukFactory.create_batch(2, organisatie=aanbieder)
    weinig = _aantal_queries(client, url)
    BewijsstukFactory.create_batch(18, organisatie=aanbieder, documentsoort="vog")
    assert _aantal_queries(client, url) == weinig


def test_overzicht_even_veel_queries_bij_2_en_20_leden(client, compleet, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    url = reverse("inschrijving:overzicht", args=[compleet.pk])
    for n in range(2):
        Lid.objects.create(inschrijving=compleet, rol="onderaannemer", naam=f"Lid {n}", kvk_nummer=f"{88880000 + n}")
    weinig = _aantal_queries(client, url)
    for n in range(2, 20):
        Lid.objects.create(inschrijving=compleet, rol="onderaannemer", naam=f"Lid {n}", kvk_nummer=f"{88880000 + n}")
    assert _aantal_queries(client, url) == weinig
