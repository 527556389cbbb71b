"""Answering eisen the short way (issue 12): one form per eis with answer, explanation and evidence saved together,
"Opslaan en volgende", a step page that answers the short eisen at once, declarations as checkboxes, titles instead
of codes, and nothing typed lost when a file is refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aanbesteding.models import Eis
from inschrijving import selectors, services
from inschrijving.forms import StapForm, is_kort, ja_nee_uit
from inschrijving.models import Antwoord, Bewijsstuk
from tests.core.slechte_bestanden import platte_tekst
from tests.factories import LidmaatschapFactory, OrganisatieFactory

from ._hulp import audit_regels
from .conftest import pdf_upload
from .factories import AanbestedingFactory, BewijsstukFactory, EisFactory, InschrijvingFactory


def _eis_url(insch, eis):
    return reverse("inschrijving:eis", args=[insch.pk, eis.pk])


@pytest.fixture
def ingelogd(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    return client


# --- declarations read as declarations ----------------------------------------------------------------------


@pytest.mark.parametrize(("verwacht", "verklaard", "toelichting", "huidig", "uit"), [
    (True, True, "", None, True),      # "Ik verklaar dat wij voldoen" ticked: ja
    (False, True, "", None, False),    # "Ik verklaar dat dit niet op ons van toepassing is" ticked: nee meets the eis
    (True, False, "", None, None),     # unticked, nothing said: not answered
    (True, False, "Wij kunnen dit niet verklaren omdat ...", None, False),  # explained: not declared
    (False, False, "Toelichting", None, True),
    (True, False, "", True, None),     # unticking a declaration withdraws it
    (True, False, "", False, False),   # an explained refusal stays when the step page saves without the text
])
def test_ja_nee_uit_een_vinkje_houdt_de_betekenis_van_verwacht_antwoord(db, verwacht, verklaard, toelichting, huidig, uit):
    eis = EisFactory(antwoordtype=Eis.Antwoordtype.JA_NEE, verwacht_antwoord_ja=verwacht)
    assert ja_nee_uit(eis, verklaard, toelichting, huidig) is uit


def test_aangevinkte_verklaring_voldoet_ook_als_nee_het_verwachte_antwoord_is(concept, procedure, aanbieder_beheerder):
    eis = EisFactory(aanbesteding=procedure.aanbesteding, soort=Eis.Soort.UITSLUITINGSGROND, verwacht_antwoord_ja=False,
                     titel="Geen onherroepelijke veroordeling", tekst="Bent u veroordeeld voor fraude?")
    assert eis.verklaringstekst == "Ik verklaar dat dit niet op onze organisatie van toepassing is."
    services.antwoord_opslaan(inschrijving=concept, eis=eis, ja_nee=ja_nee_uit(eis, True), door=aanbieder_beheerder)
    regel = next(r for g in selectors.checklist(concept).groepen for r in g.regels if r.eis == eis)
    assert regel.ok and not regel.waarschuwing


def test_korte_en_lange_eisen(db):
    t = Eis.Antwoordtype
    assert is_kort(EisFactory(antwoordtype=t.JA_NEE)) and is_kort(EisFactory(antwoordtype=t.GETAL))
    assert not is_kort(EisFactory(antwoordtype=t.TEKST)) and not is_kort(EisFactory(antwoordtype=t.PLAN))
    assert not is_kort(EisFactory(antwoordtype=t.DOCUMENT, documentsoort="vog"))
    assert not is_kort(EisFactory(antwoordtype=t.JA_NEE, documentsoort="vog"))  # a declaration with its evidence
    assert not is_kort(EisFactory(antwoordtype=t.JA_NEE, per_lid=True))


# --- the service: answer and evidence together ------------------------------------------------------------


def test_eis_beantwoorden_slaat_antwoord_toelichting_en_bestand_samen_op(concept, procedure, aanbieder_beheerder):
    uitkomst = services.eis_beantwoorden(
        inschrijving=concept, eis=procedure.kvk, tekst="Uittreksel van mei.", bestand=pdf_upload("kvk-mei.pdf"),
        afgiftedatum=date(2023, 5, 2), door=aanbieder_beheerder)
    assert uitkomst.bewijsfouten == []
    assert [b.originele_naam for b in uitkomst.gekoppeld] == ["kvk-mei.pdf"]
    antwoord = concept.antwoorden.get(eis=procedure.kvk)
    assert antwoord.tekst == "Uittreksel van mei."
    assert [b.originele_naam for b in antwoord.bewijsstukken.all()] == ["kvk-mei.pdf"]
    assert audit_regels("inschrijving.antwoord", concept).count() == 1
    assert audit_regels("bewijsstuk.geupload").count() == 1
    assert audit_regels("inschrijving.bewijs_gekoppeld", concept).count() == 1


def test_eis_beantwoorden_bewaart_het_antwoord_als_het_bestand_te_oud_is(concept, procedure, aanbieder_beheerder):
    uitkomst = services.eis_beantwoorden(
        inschrijving=concept, eis=procedure.kvk, tekst="Ons uittreksel.", bestand=pdf_upload("kvk-oud.pdf"),
        afgiftedatum=date(2023, 1, 2), door=aanbieder_beheerder)
    # 20-06-2023 minus 3 months: issued on or after 20-03-2023 (003 r. 609).
    assert uitkomst.bewijsfouten == [
        "Een document (Uittreksel Kamer van Koophandel) van 02-01-2023 is op 30-06-2023 ouder dan de toegestane 3 "
        "maanden; gebruik een document dat op of na 30-03-2023 is afgegeven."]
    assert uitkomst.gekoppeld == []
    assert concept.antwoorden.get(eis=procedure.kvk).tekst == "Ons uittreksel."
    assert not Bewijsstuk.objects.exists()


def test_eis_beantwoorden_zonder_afgiftedatum_weigert_alleen_het_bestand(concept, procedure, aanbieder_beheerder):
    uitkomst = services.eis_beantwoorden(inschrijving=concept, eis=procedure.kvk, tekst="x",
                                         bestand=pdf_upload("kvk.pdf"), door=aanbieder_beheerder)
    assert uitkomst.bewijsfouten == ["Vul de datum van afgifte van “kvk.pdf” in; het bestand is niet opgeslagen."]
    assert concept.antwoorden.get(eis=procedure.kvk).tekst == "x"
    assert not Bewijsstuk.objects.exists()


def test_eis_beantwoorden_koppelt_uit_de_kluis_en_meldt_een_te_oud_document(concept, procedure, aanbieder,
                                                                           aanbieder_beheerder):
    jong = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 6, 1), originele_naam="kvk-juni.pdf")
    oud = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2022, 6, 1), originele_naam="kvk-2022.pdf")
    uitkomst = services.eis_beantwoorden(inschrijving=concept, eis=procedure.kvk, bewijsstukken=[jong, oud],
                                         door=aanbieder_beheerder)
    assert uitkomst.gekoppeld == [jong]
    assert len(uitkomst.bewijsfouten) == 1 and "“kvk-2022.pdf” is afgegeven op 01-06-2022" in uitkomst.bewijsfouten[0]
    assert list(concept.antwoorden.get(eis=procedure.kvk).bewijsstukken.all()) == [jong]


def test_stap_opslaan_schrijft_alleen_wat_verandert(concept, procedure, aanbieder_beheerder):
    getal = EisFactory(aanbesteding=procedure.aanbesteding, antwoordtype=Eis.Antwoordtype.GETAL, titel="Aantal fte")
    antwoorden = [(procedure.formulier_e, {"ja_nee": True}), (getal, {"getal": Decimal("12.5")})]
    assert services.stap_opslaan(inschrijving=concept, antwoorden=antwoorden, door=aanbieder_beheerder) == 2
    assert services.stap_opslaan(inschrijving=concept, antwoorden=antwoorden, door=aanbieder_beheerder) == 0
    assert audit_regels("inschrijving.antwoord", concept).count() == 2
    assert concept.antwoorden.get(eis=getal).getal == Decimal("12.5")
    # An empty field of an eis never answered creates nothing.
    leeg = EisFactory(aanbesteding=procedure.aanbesteding, antwoordtype=Eis.Antwoordtype.GETAL)
    assert services.stap_opslaan(inschrijving=concept, antwoorden=[(leeg, {"getal": None})], door=aanbieder_beheerder) == 0
    assert not concept.antwoorden.filter(eis=leeg).exists()


def test_stap_opslaan_is_alles_of_niets(concept, procedure, aanbieder_beheerder):
    vreemd = EisFactory(antwoordtype=Eis.Antwoordtype.JA_NEE)  # another procedure's eis: refused
    with pytest.raises(Exception):  # noqa: B017 (ValidationError from _controleer_eis)
        services.stap_opslaan(inschrijving=concept, antwoorden=[(procedure.formulier_e, {"ja_nee": True}),
                                                                 (vreemd, {"ja_nee": True})], door=aanbieder_beheerder)
    assert not concept.antwoorden.exists()


# --- the eis page: one form, one POST ------------------------------------------------------------------------


def test_eispagina_slaat_antwoord_en_bestand_in_een_post_op_en_gaat_naar_de_volgende(ingelogd, concept, procedure):
    antwoord = ingelogd.post(_eis_url(concept, procedure.kvk), {
        "antwoord-tekst": "Uittreksel van mei.", "bewijs-bestand": pdf_upload("kvk-mei.pdf"),
        "bewijs-afgiftedatum": "2023-05-02", "actie": "verder"})
    assert antwoord.status_code == 302
    # The kvk is the only eis of "eisen voor de hele inschrijving"; perceel 5.1 has none: on to the overview.
    assert antwoord["Location"] == reverse("inschrijving:overzicht", args=[concept.pk])
    a = concept.antwoorden.get(eis=procedure.kvk)
    assert a.tekst == "Uittreksel van mei." and a.bewijsstukken.get().originele_naam == "kvk-mei.pdf"


def test_opslaan_blijft_op_de_pagina(ingelogd, concept, procedure):
    antwoord = ingelogd.post(_eis_url(concept, procedure.formulier_e), {"antwoord-verklaard": "on", "actie": "opslaan"})
    assert antwoord["Location"] == _eis_url(concept, procedure.formulier_e)


def test_opslaan_en_volgende_gaat_naar_de_volgende_open_eis_van_de_stap(ingelogd, concept, procedure):
    plan = EisFactory(aanbesteding=procedure.aanbesteding, soort=Eis.Soort.GESCHIKTHEIDSEIS, titel="Kwaliteitsplan",
                      antwoordtype=Eis.Antwoordtype.TEKST, volgorde=5)
    antwoord = ingelogd.post(_eis_url(concept, procedure.kvk), {"antwoord-tekst": "", "actie": "verder"})
    assert antwoord["Location"] == _eis_url(concept, plan)
    # From the last one the open kvk (before it) comes next: the step wraps around.
    antwoord = ingelogd.post(_eis_url(concept, plan), {"antwoord-tekst": "Ons plan.", "actie": "verder"})
    assert antwoord["Location"] == _eis_url(concept, procedure.kvk)


def test_na_de_laatste_eis_van_de_verklaring_naar_de_volgende_stap(ingelogd, concept, procedure):
    ingelogd.post(reverse("inschrijving:verklaring", args=[concept.pk]), {"uitsluitingsgronden": "on", "actie": "opslaan"})
    antwoord = ingelogd.post(_eis_url(concept, procedure.gedragsverklaring), {
        "bewijs-bestand": pdf_upload("gedrag.pdf"), "bewijs-afgiftedatum": "2023-01-10", "actie": "verder"})
    assert antwoord["Location"] == reverse("inschrijving:eisen", args=[concept.pk])


# --- a refused file keeps what was typed ----------------------------------------------------------------------


@pytest.mark.parametrize(("bestand", "datum", "melding"), [
    (lambda: SimpleUploadedFile("kvk.txt", platte_tekst(), content_type="text/plain"), "2023-05-02", "kvk.txt"),
    (lambda: pdf_upload("kvk-oud.pdf"), "2023-01-02", "ouder dan de toegestane 3 maanden"),
    (lambda: pdf_upload("kvk.pdf"), "", "Vul de datum van afgifte van “kvk.pdf” in"),
    (lambda: pdf_upload("kvk.pdf"), "31-02-2023", "Vul een geldige datum van afgifte in."),
])
def test_geweigerd_bestand_kost_niets_van_wat_getypt_is(ingelogd, concept, procedure, bestand, datum, melding):
    tekst = "Wij staan sinds 2009 ingeschreven; het uittreksel volgt."
    antwoord = ingelogd.post(_eis_url(concept, procedure.kvk), {
        "antwoord-tekst": tekst, "bewijs-bestand": bestand(), "bewijs-afgiftedatum": datum, "actie": "verder"})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert tekst in html  # still in the field
    assert "Uw antwoord is opgeslagen, het bewijs nog niet" in html and 'data-foutsamenvatting' in html
    assert melding in html
    assert 'href="#id_bewijs-' in html  # the summary links to the field
    # The answer is saved; only the file is refused and nothing of it is stored.
    assert concept.antwoorden.get(eis=procedure.kvk).tekst == tekst
    assert not Bewijsstuk.objects.exists()


def test_te_lange_tekst_bewaart_niets_maar_toont_alles_terug(ingelogd, concept, procedure):
    eis = EisFactory(aanbesteding=procedure.aanbesteding, titel="Visie", antwoordtype=Eis.Antwoordtype.TEKST, max_woorden=3,
                     documentsoort="overig")
    antwoord = ingelogd.post(_eis_url(concept, eis), {"antwoord-tekst": "een twee drie vier",
                                                      "bewijs-bestand": pdf_upload("visie.pdf"),
                                                      "bewijs-afgiftedatum": "2023-06-01"})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "een twee drie vier" in html and "telt 4 woorden; het maximum is 3" in html
    assert not concept.antwoorden.filter(eis=eis).exists() and not Bewijsstuk.objects.exists()


def test_bestand_uit_de_kluis_kiezen_in_dezelfde_post(ingelogd, concept, procedure, aanbieder):
    stuk = BewijsstukFactory(organisatie=aanbieder, afgiftedatum=date(2023, 6, 1), originele_naam="kvk-juni.pdf")
    html = ingelogd.get(_eis_url(concept, procedure.kvk)).content.decode()
    assert f'name="bewijs-bewijsstukken" value="{stuk.pk}"' in html and "Kies uit uw bewijsstukken" in html
    antwoord = ingelogd.post(_eis_url(concept, procedure.kvk), {"bewijs-bewijsstukken": [stuk.pk], "actie": "opslaan"})
    assert antwoord.status_code == 302
    assert list(concept.antwoorden.get(eis=procedure.kvk).bewijsstukken.all()) == [stuk]


# --- IDOR: another organisation's things are a 404 -------------------------------------------------------------


def test_bewijsstuk_van_een_andere_organisatie_is_404_en_er_verandert_niets(ingelogd, concept, procedure):
    vreemd = BewijsstukFactory(organisatie=OrganisatieFactory(), afgiftedatum=date(2023, 6, 1))
    antwoord = ingelogd.post(_eis_url(concept, procedure.kvk), {"antwoord-tekst": "x", "bewijs-bewijsstukken": [vreemd.pk]})
    assert antwoord.status_code == 404
    assert not concept.antwoorden.exists()


def test_inschrijving_en_eis_van_een_ander_zijn_404(client, concept, procedure):
    ander = LidmaatschapFactory(organisatie=OrganisatieFactory()).user
    client.force_login(ander)
    for url in (_eis_url(concept, procedure.kvk), reverse("inschrijving:verklaring", args=[concept.pk]),
                reverse("inschrijving:eisen", args=[concept.pk])):
        assert client.get(url).status_code == 404
        assert client.post(url, {"uitsluitingsgronden": "on", "antwoord-tekst": "x"}).status_code == 404
    assert not concept.antwoorden.exists()


def test_eis_van_een_andere_procedure_is_404(ingelogd, concept):
    vreemde_eis = EisFactory(aanbesteding=AanbestedingFactory())
    assert ingelogd.post(_eis_url(concept, vreemde_eis), {"antwoord-verklaard": "on"}).status_code == 404
    eigen_in_andere = InschrijvingFactory(organisatie=OrganisatieFactory())
    assert ingelogd.get(reverse("inschrijving:eisen", args=[eigen_in_andere.pk])).status_code == 404


# --- the step page: the short eisen at once ----------------------------------------------------------------------


def test_verklaringspagina_is_een_verklaring_voor_alle_uitsluitingsgronden(ingelogd, concept, procedure):
    tweede = EisFactory(aanbesteding=procedure.aanbesteding, soort=Eis.Soort.UITSLUITINGSGROND, volgorde=2,
                        titel="Geen veroordeling voor fraude", verwacht_antwoord_ja=False)
    url = reverse("inschrijving:verklaring", args=[concept.pk])
    html = ingelogd.get(url).content.decode()
    assert "Ik verklaar dat geen van deze uitsluitingsgronden op ons van toepassing is." in html
    assert "Geen faillissement of surseance" in html and "Geen veroordeling voor fraude" in html
    assert 'type="radio"' not in html and "Formulier E" not in html
    antwoord = ingelogd.post(url, {"uitsluitingsgronden": "on", "actie": "verder"})
    # On to the open long eis of the step: the Gedragsverklaring.
    assert antwoord["Location"] == _eis_url(concept, procedure.gedragsverklaring)
    assert concept.antwoorden.get(eis=procedure.formulier_e).ja_nee is True
    assert concept.antwoorden.get(eis=tweede).ja_nee is False  # "nee" is what meets this ground
    assert selectors.checklist(concept, eisen=[procedure.formulier_e, tweede]).compleet
    # Unticking withdraws the declaration.
    ingelogd.post(url, {"actie": "opslaan"})
    assert concept.antwoorden.get(eis=procedure.formulier_e).ja_nee is None


def test_stappagina_beantwoordt_verklaringen_en_getallen_in_een_keer(ingelogd, concept, procedure):
    v = EisFactory(aanbesteding=procedure.aanbesteding, soort=Eis.Soort.GESCHIKTHEIDSEIS, titel="Klachtenregeling",
                   verklaring="Ik verklaar dat wij een klachtenregeling volgens de Wkkgz hebben.", volgorde=1)
    g = EisFactory(aanbesteding=procedure.aanbesteding, soort=Eis.Soort.GESCHIKTHEIDSEIS, titel="Omvang",
                   antwoordtype=Eis.Antwoordtype.GETAL, volgorde=2, tekst="Hoeveel fte zet u in?")
    url = reverse("inschrijving:eisen", args=[concept.pk])
    html = ingelogd.get(url).content.decode()
    assert "Ik verklaar dat wij een klachtenregeling volgens de Wkkgz hebben." in html
    assert f'name="eis_{g.pk}"' in html and "Uittreksel KvK, niet ouder dan drie maanden" in html
    antwoord = ingelogd.post(url, {f"eis_{v.pk}": "on", f"eis_{g.pk}": "12,5", "actie": "verder"})
    assert antwoord["Location"] == _eis_url(concept, procedure.kvk)  # the open long eis of this step
    assert concept.antwoorden.get(eis=v).ja_nee is True
    assert concept.antwoorden.get(eis=g).getal == Decimal("12.5")


def test_stappagina_met_een_fout_toont_alles_terug(ingelogd, concept, procedure):
    v = EisFactory(aanbesteding=procedure.aanbesteding, soort=Eis.Soort.GESCHIKTHEIDSEIS, titel="Klachtenregeling")
    g = EisFactory(aanbesteding=procedure.aanbesteding, soort=Eis.Soort.GESCHIKTHEIDSEIS, titel="Omvang",
                   antwoordtype=Eis.Antwoordtype.GETAL)
    antwoord = ingelogd.post(reverse("inschrijving:eisen", args=[concept.pk]), {f"eis_{v.pk}": "on", f"eis_{g.pk}": "veel"})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert 'value="veel"' in html and f'href="#id_eis_{g.pk}"' in html
    assert f'name="eis_{v.pk}" id="id_eis_{v.pk}" checked' in html
    assert not concept.antwoorden.exists()


def test_stapform_groepeert_alleen_op_de_verklaringsstap(db):
    eisen = [EisFactory(soort=Eis.Soort.UITSLUITINGSGROND) for _ in range(3)]
    assert list(StapForm(eisen=eisen, antwoorden={}, groep=True).fields) == ["uitsluitingsgronden"]
    assert len(StapForm(eisen=eisen, antwoorden={}).fields) == 3


def test_eisstappen_in_volgorde_met_hun_eisen(concept, procedure, aanbieder_beheerder):
    services.percelen_kiezen(inschrijving=concept, percelen=[procedure.p5_1, procedure.p5_7, procedure.p5_8],
                             door=aanbieder_beheerder)
    stappen = selectors.eisstappen(concept)
    assert [(s.sleutel[0], [e.pk for e in s.eisen]) for s in stappen] == [
        ("verklaring", [procedure.formulier_e.pk, procedure.gedragsverklaring.pk]),
        ("eisen", [procedure.kvk.pk]),
        ("perceel", [procedure.pleegzorg_plan.pk]),
    ]
    assert stappen[2].url == reverse("inschrijving:eisen_perceel", args=[concept.pk, procedure.p5_7.pk])
    assert len(selectors.eisstappen(concept, ook_leeg=True)) == 5


# --- no internal codes for providers ------------------------------------------------------------------------------


def test_aanbieder_ziet_geen_interne_codes_of_bronnen(ingelogd, concept, procedure):
    from aanbesteding.models import Eis as E

    E.objects.filter(pk=procedure.kvk.pk).update(bron="003 r. 609")
    for url in (reverse("inschrijving:verklaring", args=[concept.pk]), reverse("inschrijving:eisen", args=[concept.pk]),
                _eis_url(concept, procedure.kvk), _eis_url(concept, procedure.formulier_e),
                _eis_url(concept, procedure.gedragsverklaring)):
        html = ingelogd.get(url).content.decode()
        for code in ("TD 2.7", "Formulier E", "TD 3.1", "003 r. 609"):
            assert code not in html, (url, code)
    antwoord = ingelogd.post(_eis_url(concept, procedure.formulier_e), {"antwoord-verklaard": "on"}, follow=True)
    assert "Uw antwoord op “Geen faillissement of surseance” is opgeslagen." in antwoord.content.decode()


def test_antwoord_model_blijft_een_per_eis(concept, procedure, aanbieder_beheerder):
    for _ in range(2):
        services.eis_beantwoorden(inschrijving=concept, eis=procedure.formulier_e, ja_nee=True, door=aanbieder_beheerder)
    assert Antwoord.objects.filter(inschrijving=concept, eis=procedure.formulier_e).count() == 1
