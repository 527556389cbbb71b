"""Bulk import of eisen from XLSX or CSV (issue 12): reading both formats, every kind of row error with its Dutch
reason, a preview that writes nothing, an all-or-nothing import through ``eis_opslaan`` with its audit lines, the
refusal once the eisen are frozen, and the admin screen scoped to the user's region.

The rows are real Gooi eisen (003 r.2985-3097): Eis 21 (positief rapport Inspectie, r.3006), Eis 11 (meldcode,
r.2996), Eis 45 (VOG ≤ 3 maanden bij indiensttreding, r.3037) and Eis 79 (Bouwbesluit, r.3082, per perceel).
"""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from aanbesteding import eisimport, services
from aanbesteding.models import Eis
from core.models import AuditRegel
from organisaties.rollen import INKOPER, REDACTEUR
from tests.conftest import _staff
from tests.factories import RegioFactory

from .factories import AanbestedingFactory, PerceelFactory

K = eisimport.KOLOMMEN
GOOI_21 = {"code": "Eis 21", "titel": "Positief rapport van de Inspectie", "soort": "geschiktheidseis",
           "tekst": "Opdrachtnemer dient in het bezit te zijn van een positief rapport van de Inspectie Jeugdzorg.",
           "bron": "003 r. 3006", "antwoordtype": "document", "documentsoort": "inspectierapport", "volgorde": "10"}
GOOI_11 = {"code": "Eis 11", "titel": "Meldcode", "soort": "uitvoeringseis", "antwoordtype": "ja_nee",
           "tekst": "Opdrachtnemer voldoet aan de Wet verplichte meldcode huiselijk geweld en kindermishandeling.",
           "bron": "003 r. 2996", "verklaring": "Ik verklaar dat wij aan de meldcode voldoen.", "volgorde": "20"}
GOOI_45 = {"code": "Eis 45", "titel": "VOG van medewerkers", "soort": "uitvoeringseis", "antwoordtype": "ja_nee",
           "tekst": "Opdrachtnemer heeft een VOG van alle medewerkers die in contact komen met Cliënt en/of zijn ouders.",
           "documentsoort": "vog", "max_leeftijd_maanden": "3", "bron": "003 r. 3037", "volgorde": "30"}
GOOI_79 = {"code": "Eis 79", "titel": "Bouwbesluit", "soort": "uitvoeringseis", "antwoordtype": "ja_nee",
           "tekst": "De behandel en/of verblijfsaccommodatie voldoet aan de bouwkundige eisen uit het Bouwbesluit.",
           "perceel": "5.10.1", "bron": "003 r. 3082", "volgorde": "40"}


def rij(basis, **anders):
    return [{**basis, **anders}.get(k, "") for k in K]


def xlsx(*rijen, kop=K, naam="eisen.xlsx") -> SimpleUploadedFile:
    boek = Workbook()
    blad = boek.active
    blad.append(list(kop))
    for r in rijen:
        blad.append(list(r))
    uit = io.BytesIO()
    boek.save(uit)
    return SimpleUploadedFile(naam, uit.getvalue(), content_type="application/octet-stream")


def csv_bestand(*rijen, kop=K, scheiding=";", bom=True, naam="eisen.csv") -> SimpleUploadedFile:
    import csv

    uit = io.StringIO()
    w = csv.writer(uit, delimiter=scheiding)
    w.writerow(kop)
    w.writerows(rijen)
    return SimpleUploadedFile(naam, (("\ufeff" if bom else "") + uit.getvalue()).encode("utf-8"))


@pytest.fixture
def gooi(db):
    regio = RegioFactory(naam="Gooi en Vechtstreek", slug="gooi")
    a = AanbestedingFactory(titel="Jeugdhulp Voorzieningen", regio=regio)
    PerceelFactory(aanbesteding=a, code="5.10.1", naam="Tussenvoorziening")
    PerceelFactory(aanbesteding=a, code="5.11", naam="Driemilieuvoorziening")
    return a


def _lees(bestand):
    return eisimport.lees_bestand(bestand)


def _voorbeeld(a, *rijen):
    inlezing = _lees(csv_bestand(*rijen))
    return eisimport.voorbeeld(a, inlezing.rijen, inlezing.kolommen)


def _importeer(a, door, *rijen):
    inlezing = _lees(csv_bestand(*rijen))
    return eisimport.eisen_importeren(aanbesteding=a, rijen=inlezing.rijen, kolommen=inlezing.kolommen, door=door,
                                      bestandsnaam=inlezing.bestandsnaam, sha256=inlezing.sha256)


class TestLezen:
    def test_csv_met_bom_en_puntkomma(self, db):
        inlezing = _lees(csv_bestand(rij(GOOI_21), rij(GOOI_11)))
        assert [r["code"] for r in inlezing.rijen] == ["Eis 21", "Eis 11"]
        assert inlezing.rijen[0]["rij"] == 2 and inlezing.rijen[0]["documentsoort"] == "inspectierapport"
        assert inlezing.kolommen == list(K) and len(inlezing.sha256) == 64

    def test_csv_zonder_bom_met_komma_en_regeleinde_in_een_cel(self, db):
        tekst = "Regel één;\ntweede regel, met komma"
        inlezing = _lees(csv_bestand(rij(GOOI_11, tekst=tekst), scheiding=",", bom=False))
        assert inlezing.rijen[0]["tekst"] == tekst and inlezing.rijen[0]["verklaring"].startswith("Ik verklaar")

    def test_xlsx_getallen_en_formules_als_tekst(self, db):
        inlezing = _lees(xlsx(rij(GOOI_45, max_leeftijd_maanden=3, titel="=HYPERLINK(\"http://x\")")))
        r = inlezing.rijen[0]
        assert (r["max_leeftijd_maanden"], r["titel"]) == ("3", "=HYPERLINK(\"http://x\")")

    def test_extra_kolom_genegeerd_en_ontbrekende_kolom_onthouden(self, db):
        kop = ("code", "tekst", "soort", "antwoordtype", "aannames")
        inlezing = _lees(csv_bestand(("Eis 8", "Nederlandse taal.", "uitvoeringseis", "ja_nee", "indeling portal"), kop=kop))
        assert inlezing.genegeerde_kolommen == ["aannames"] and inlezing.kolommen == ["code", "tekst", "soort", "antwoordtype"]

    def test_verplichte_kolom_ontbreekt(self, db):
        with pytest.raises(ValidationError, match="antwoordtype ontbreken"):
            _lees(csv_bestand(("Eis 8", "x", "uitvoeringseis"), kop=("code", "tekst", "soort")))

    @pytest.mark.parametrize(("inhoud", "reden"), [
        (b"%PDF-1.4\n%%EOF\n", "geen CSV- of Excel-bestand"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "geen CSV- of Excel-bestand"),
        ("code;tekst\nÉis;é".encode("latin-1"), "geen UTF-8-tekst"),
        (b"PK\x03\x04kapot", "beschadigd|niet worden geopend"),
        (b"", "is leeg"),
    ])
    def test_geen_echte_csv_of_xlsx_geweigerd(self, db, inhoud, reden):
        with pytest.raises(ValidationError, match=reden):
            _lees(SimpleUploadedFile("eisen.csv", inhoud))

    def test_docx_als_xlsx_geweigerd(self, db):
        import zipfile

        uit = io.BytesIO()
        with zipfile.ZipFile(uit, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", "<w:document/>")
        with pytest.raises(ValidationError, match="is geen Excel-bestand"):
            _lees(SimpleUploadedFile("eisen.xlsx", uit.getvalue()))

    def test_te_groot(self, db, monkeypatch):
        monkeypatch.setattr(eisimport, "MAX_BYTES", 200)
        with pytest.raises(ValidationError, match="te groot"):
            _lees(csv_bestand(rij(GOOI_21), rij(GOOI_11)))

    def test_te_veel_rijen(self, db, monkeypatch):
        monkeypatch.setattr(eisimport, "MAX_RIJEN", 1)
        with pytest.raises(ValidationError, match="meer dan 1 rijen"):
            _lees(csv_bestand(rij(GOOI_21), rij(GOOI_11)))

    def test_geen_rijen(self, db):
        with pytest.raises(ValidationError, match="bevat geen eisen"):
            _lees(csv_bestand())


class TestVoorbeeld:
    def test_nieuw_gewijzigd_ongewijzigd(self, gooi, inkoper):
        _importeer(gooi, inkoper, rij(GOOI_21), rij(GOOI_11))
        vb = _voorbeeld(gooi, rij(GOOI_21), rij(GOOI_11, titel="Meldcode huiselijk geweld"), rij(GOOI_45))
        assert [r.uitkomst for r in vb.regels] == ["ongewijzigd", "gewijzigd", "nieuw"]
        assert vb.regels[1].wijzigingen == [("titel", "Meldcode", "Meldcode huiselijk geweld")]
        assert vb.aantallen == {"nieuw": 1, "gewijzigd": 1, "ongewijzigd": 1, "fout": 0} and vb.kan_importeren

    @pytest.mark.parametrize(("veranderd", "reden"), [
        ({"antwoordtype": "jaa"}, "Rij 2: antwoordtype ‘jaa’ bestaat niet; kies ja_nee, tekst, plan, getal of document"),
        ({"soort": "eis"}, "Rij 2: soort ‘eis’ bestaat niet; kies uitsluitingsgrond, geschiktheidseis of uitvoeringseis"),
        ({"soort": ""}, "Rij 2: de soort ontbreekt"),
        ({"antwoordtype": ""}, "Rij 2: het antwoordtype ontbreekt"),
        ({"code": ""}, "Rij 2: de code ontbreekt"),
        ({"tekst": ""}, "Rij 2: de tekst ontbreekt"),
        ({"documentsoort": "paspoort"}, "Rij 2: documentsoort ‘paspoort’ bestaat niet"),
        ({"documentsoort": ""}, "Rij 2: bij antwoordtype document hoort een documentsoort"),
        ({"knock_out": "misschien"}, "Rij 2: knock_out ‘misschien’ is geen ja of nee"),
        ({"per_lid": "soms"}, "Rij 2: per_lid ‘soms’ is geen ja of nee"),
        ({"verwacht_antwoord_ja": "?"}, "Rij 2: verwacht_antwoord_ja ‘?’ is geen ja of nee"),
        ({"max_woorden": "veel"}, "Rij 2: max_woorden ‘veel’ is geen geheel getal"),
        ({"max_leeftijd_maanden": "-3"}, "Rij 2: max_leeftijd_maanden ‘-3’ is geen geheel getal"),
        ({"volgorde": "1,5"}, "Rij 2: volgorde ‘1,5’ is geen geheel getal"),
        ({"toegestane_bestanden": "pdf, exe"}, "Rij 2: toegestane_bestanden ‘exe’ bestaat niet"),
        ({"perceel": "5.99"}, "Rij 2: perceel ‘5.99’ bestaat niet in deze procedure; kies 5.10.1, 5.11 of laat het leeg"),
        ({"verklaring": "Ik verklaar."}, "Rij 2: een verklaring hoort alleen bij antwoordtype ja_nee, niet bij document"),
        ({"titel": "=1+1"}, "Rij 2: titel begint met ‘=’: formules worden niet uitgevoerd"),
        ({"titel": "x" * 201}, "Rij 2: titel is 201 tekens lang; het maximum is 200"),
        ({"bron": "r" * 120}, "Rij 2: bron is 120 tekens lang; het maximum is 100"),
    ])
    def test_elke_foutsoort_met_reden(self, gooi, veranderd, reden):
        regel = _voorbeeld(gooi, rij(GOOI_21, **veranderd)).regels[0]
        assert regel.uitkomst == "fout"
        assert any(m.startswith(reden) for m in regel.meldingen), regel.meldingen

    def test_dubbele_code_en_perceel(self, gooi):
        vb = _voorbeeld(gooi, rij(GOOI_79), rij(GOOI_79, titel="anders"), rij(GOOI_79, perceel="5.11"))
        assert [r.uitkomst for r in vb.regels] == ["nieuw", "fout", "nieuw"]
        assert vb.regels[1].fouten == ["dezelfde code en hetzelfde perceel staan ook op rij 2"]
        assert not vb.kan_importeren

    def test_voorbeeld_schrijft_niets(self, gooi, django_assert_max_num_queries):
        with django_assert_max_num_queries(3):  # percelen, eisen in force, frozen state: not one per row
            vb = _voorbeeld(gooi, *[rij(GOOI_21, code=f"Eis {n}") for n in range(1, 40)])
        assert vb.aantallen["nieuw"] == 39 and not Eis.objects.exists() and not AuditRegel.objects.exists()

    def test_bevroren_getoond_en_niet_te_importeren(self, gooi):
        services.eisen_bevriezen(aanbesteding=gooi, door=None)
        gooi.refresh_from_db()
        vb = _voorbeeld(gooi, rij(GOOI_21))
        assert "zijn bevroren" in vb.bevroren and "rectificatie" in vb.bevroren and not vb.kan_importeren


class TestImporteren:
    def test_alles_opgeslagen_met_audit(self, gooi, inkoper):
        aantallen = _importeer(gooi, inkoper, rij(GOOI_21), rij(GOOI_45), rij(GOOI_79))
        assert aantallen == {"nieuw": 3, "gewijzigd": 0, "ongewijzigd": 0, "fout": 0}
        vog = Eis.objects.get(code="Eis 45")
        assert (vog.titel, vog.documentsoort, vog.max_leeftijd_maanden, vog.bron, vog.knock_out, vog.per_lid) == (
            "VOG van medewerkers", "vog", 3, "003 r. 3037", True, False)
        assert Eis.objects.get(code="Eis 79").perceel.code == "5.10.1"
        regel = AuditRegel.objects.get(actie="eisen.geimporteerd")
        assert regel.actor == inkoper and regel.nieuwe_waarden["nieuw"] == 3 and regel.nieuwe_waarden["bestand"] == "eisen.csv"
        # eis_opslaan writes its own line per eis, now with titel and bron (EISVELDEN, issue 12).
        per_eis = AuditRegel.objects.filter(actie="eis.toegevoegd")
        assert per_eis.count() == 3 and per_eis.get(object_id=str(vog.pk)).nieuwe_waarden["titel"] == "VOG van medewerkers"

    def test_opnieuw_importeren_wijzigt_en_dupliceert_niet(self, gooi, inkoper):
        _importeer(gooi, inkoper, rij(GOOI_21), rij(GOOI_11))
        aantallen = _importeer(gooi, inkoper, rij(GOOI_21), rij(GOOI_11, tekst="Gewijzigd."))
        assert aantallen == {"nieuw": 0, "gewijzigd": 1, "ongewijzigd": 1, "fout": 0}
        assert Eis.objects.count() == 2 and Eis.objects.get(code="Eis 11").tekst == "Gewijzigd."
        assert AuditRegel.objects.filter(actie="eis.gewijzigd").count() == 1
        # Nothing changed: nothing written, no audit line for the file.
        assert _importeer(gooi, inkoper, rij(GOOI_21), rij(GOOI_11, tekst="Gewijzigd."))["ongewijzigd"] == 2
        assert AuditRegel.objects.filter(actie="eisen.geimporteerd").count() == 2

    def test_ontbrekende_kolom_blijft_ongewijzigd(self, gooi, inkoper):
        _importeer(gooi, inkoper, rij(GOOI_45))
        kop = ("code", "tekst", "soort", "antwoordtype")
        inlezing = _lees(csv_bestand(("Eis 45", "Nieuwe tekst.", "uitvoeringseis", "ja_nee"), kop=kop))
        eisimport.eisen_importeren(aanbesteding=gooi, rijen=inlezing.rijen, kolommen=inlezing.kolommen, door=inkoper)
        vog = Eis.objects.get(code="Eis 45")
        assert (vog.tekst, vog.max_leeftijd_maanden, vog.titel) == ("Nieuwe tekst.", 3, "VOG van medewerkers")

    def test_een_fout_en_niets_opgeslagen(self, gooi, inkoper):
        with pytest.raises(ValidationError, match=r"niets geïmporteerd: 1 rij\(en\) bevatten fouten \(rij 3\)"):
            _importeer(gooi, inkoper, rij(GOOI_21), rij(GOOI_11, antwoordtype="jaa"))
        assert not Eis.objects.exists() and not AuditRegel.objects.exists()

    def test_weigering_van_eis_opslaan_draait_alles_terug(self, gooi, inkoper, monkeypatch):
        """The last row is refused by the model (eis_opslaan's full_clean): the first rows are rolled back too."""
        echte = eisimport.eis_opslaan

        def weiger_derde(*, eis, door):
            if eis.code == "Eis 79":
                raise ValidationError("Geweigerd door het model.")
            return echte(eis=eis, door=door)

        monkeypatch.setattr(eisimport, "eis_opslaan", weiger_derde)
        with pytest.raises(ValidationError, match="Geweigerd"):
            _importeer(gooi, inkoper, rij(GOOI_21), rij(GOOI_45), rij(GOOI_79))
        assert not Eis.objects.exists() and not AuditRegel.objects.filter(actie__startswith="eis").exists()

    def test_bevroren_procedure_geweigerd_door_eis_opslaan(self, gooi, inkoper):
        _importeer(gooi, inkoper, rij(GOOI_21))
        services.eisen_bevriezen(aanbesteding=gooi, door=None)
        with pytest.raises(ValidationError, match="zijn bevroren .*rectificatie") as fout:
            _importeer(gooi, inkoper, rij(GOOI_21, titel="Ander"), rij(GOOI_11))
        assert fout.value.error_list[0].code == "bevroren"
        assert Eis.objects.get().titel == "Positief rapport van de Inspectie" and not Eis.objects.filter(code="Eis 11").exists()

    def test_zonder_recht_of_in_andere_regio_geweigerd(self, gooi, staffgroepen):
        for user in (_staff(REDACTEUR), _staff(INKOPER, RegioFactory(naam="Midden-Limburg Oost", slug="mlo"))):
            with pytest.raises(PermissionDenied):
                _importeer(gooi, user, rij(GOOI_21))
        assert not Eis.objects.exists()


def test_sjablonen_zijn_importeerbaar_en_veilig(gooi, inkoper):
    boek = load_workbook(io.BytesIO(eisimport.sjabloon_xlsx()))
    assert [c.value for c in boek["Eisen"][1]] == list(K) and boek["Eisen"].max_row == 3
    assert {r[0].value for r in boek["Toelichting"].iter_rows(min_row=2)} >= set(K)
    for inhoud, naam in ((eisimport.sjabloon_xlsx(), "s.xlsx"), (eisimport.sjabloon_csv(), "s.csv")):
        inlezing = _lees(SimpleUploadedFile(naam, inhoud))
        vb = eisimport.voorbeeld(gooi, inlezing.rijen, inlezing.kolommen)
        assert [r.uitkomst for r in vb.regels] == ["nieuw", "nieuw"], [r.fouten for r in vb.regels]
    assert eisimport.sjabloon_csv().startswith("\ufeffcode;titel;tekst".encode())


class TestScherm:
    def _url(self, a):
        return reverse("aanbesteding_eisimport", args=[a.pk])

    def test_upload_voorbeeld_en_bevestigen(self, client, gooi, inkoper):
        client.force_login(inkoper)
        tekst = client.get(self._url(gooi)).content.decode()
        assert "Sjabloon downloaden" in tekst and "max_leeftijd_maanden" in tekst and 'for="id_bestand"' in tekst
        antwoord = client.post(self._url(gooi), {"bestand": csv_bestand(rij(GOOI_21), rij(GOOI_79))})
        inhoud = antwoord.content.decode()
        assert antwoord.status_code == 200 and "2 nieuw, 0 gewijzigd" in inhoud and 'id="rij-3"' in inhoud
        assert not Eis.objects.exists()  # the preview writes nothing
        sha = antwoord.context["inlezing"].sha256
        antwoord = client.post(reverse("aanbesteding_eisimport_bevestigen", args=[gooi.pk]), {"sha256": sha})
        assert antwoord.status_code == 302 and Eis.objects.count() == 2
        assert any("2 nieuw" in str(m) for m in get_messages(antwoord.wsgi_request))
        assert "eisimport" not in client.session  # the cells do not outlive the import

    def test_rijfouten_in_samenvatting_met_links_en_geen_knop(self, client, gooi, inkoper):
        client.force_login(inkoper)
        antwoord = client.post(self._url(gooi), {"bestand": xlsx(rij(GOOI_21), rij(GOOI_11, antwoordtype="jaa"))})
        inhoud = antwoord.content.decode()
        assert 'id="fouten"' in inhoud and 'href="#rij-3"' in inhoud
        assert "Rij 3: antwoordtype ‘jaa’ bestaat niet; kies ja_nee, tekst, plan, getal of document" in inhoud
        assert reverse("aanbesteding_eisimport_bevestigen", args=[gooi.pk]) not in inhoud

    def test_geen_echt_bestand_melding_bij_het_veld(self, client, gooi, inkoper):
        client.force_login(inkoper)
        antwoord = client.post(self._url(gooi), {"bestand": SimpleUploadedFile("eisen.xlsx", b"%PDF-1.4\n%%EOF")})
        assert antwoord.status_code == 200 and 'href="#id_bestand"' in antwoord.content.decode()
        assert "geen CSV- of Excel-bestand" in antwoord.content.decode()

    def test_verlopen_voorbeeld(self, client, gooi, inkoper):
        client.force_login(inkoper)
        antwoord = client.post(reverse("aanbesteding_eisimport_bevestigen", args=[gooi.pk]), {"sha256": "b" * 64})
        assert antwoord.status_code == 302 and not Eis.objects.exists()
        assert any("verlopen" in str(m) for m in get_messages(antwoord.wsgi_request))

    def test_bevroren_weigering_getoond(self, client, gooi, inkoper):
        client.force_login(inkoper)
        sha = client.post(self._url(gooi), {"bestand": csv_bestand(rij(GOOI_21))}).context["inlezing"].sha256
        services.eisen_bevriezen(aanbesteding=gooi, door=None)  # frozen between preview and confirmation
        antwoord = client.post(reverse("aanbesteding_eisimport_bevestigen", args=[gooi.pk]), {"sha256": sha})
        assert any("zijn bevroren" in str(m) for m in get_messages(antwoord.wsgi_request)) and not Eis.objects.exists()
        assert "Importeren wordt daarom geweigerd" in client.get(self._url(gooi)).content.decode()

    def test_andere_regio_404_en_niet_in_overzicht(self, client, gooi, staffgroepen):
        client.force_login(_staff(INKOPER, RegioFactory(naam="Midden-Limburg Oost", slug="mlo")))
        assert client.get(self._url(gooi)).status_code == 404
        assert client.post(self._url(gooi), {"bestand": csv_bestand(rij(GOOI_21))}).status_code == 404
        assert client.post(reverse("aanbesteding_eisimport_bevestigen", args=[gooi.pk]), {"sha256": "a" * 64}).status_code == 404
        assert gooi.titel not in client.get(reverse("aanbesteding_eisimport_overzicht")).content.decode()

    def test_eigen_regio_in_overzicht_en_gelinkt_vanuit_de_eisen(self, client, gooi, inkoper):
        client.force_login(inkoper)
        assert self._url(gooi) in client.get(reverse("aanbesteding_eisimport_overzicht")).content.decode()
        overzicht = reverse("aanbesteding_eisimport_overzicht")
        assert overzicht in client.get(reverse("wagtailsnippets_aanbesteding_eis:list")).content.decode()
        assert self._url(gooi) in client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:list")).content.decode()

    def test_zonder_recht_geweigerd(self, client, gooi, staffgroepen):
        client.force_login(_staff(REDACTEUR))
        for url in (self._url(gooi), reverse("aanbesteding_eisimport_overzicht"),
                    reverse("aanbesteding_eisimport_sjabloon", args=["csv"])):
            assert client.get(url).status_code in (302, 403)

    def test_anoniem_naar_inloggen(self, client, gooi):
        for url in (self._url(gooi), reverse("aanbesteding_eisimport_bevestigen", args=[gooi.pk])):
            antwoord = client.post(url)
            assert antwoord.status_code == 302 and "login" in antwoord["Location"]

    def test_post_zonder_csrf_geweigerd(self, gooi, inkoper):
        client = Client(enforce_csrf_checks=True)
        client.force_login(inkoper)
        assert client.post(self._url(gooi), {"bestand": csv_bestand(rij(GOOI_21))}).status_code == 403
        assert client.post(reverse("aanbesteding_eisimport_bevestigen", args=[gooi.pk]), {"sha256": "a" * 64}).status_code == 403

    def test_sjabloon_downloads(self, client, inkoper):
        client.force_login(inkoper)
        xlsx_antwoord = client.get(reverse("aanbesteding_eisimport_sjabloon", args=["xlsx"]))
        csv_antwoord = client.get(reverse("aanbesteding_eisimport_sjabloon", args=["csv"]))
        assert xlsx_antwoord["Content-Disposition"] == 'attachment; filename="eisen-sjabloon.xlsx"'
        assert csv_antwoord["Content-Type"].startswith("text/csv") and csv_antwoord.content == eisimport.sjabloon_csv()
        assert client.get(reverse("aanbesteding_eisimport_sjabloon", args=["pdf"])).status_code == 404


# --- The Gooi Programma van Eisen in the demo, through the import (003 r.2981-3097) --------------------------


@pytest.fixture
def gooi_demo(db):
    """The demo's Gooi procedure with its percelen and staff, then its eisen as aanbesteding/demo.py loads them."""
    from aanbesteding import demo
    from bronnen import gooi as bron
    from organisaties import demo as organisaties_demo
    from organisaties.models import Regio

    organisaties_demo.laad(io.StringIO())
    a = AanbestedingFactory(dossiernummer="SD005", titel="Jeugdhulp Voorzieningen", regio=Regio.objects.get(slug="gooi"))
    for i, p in enumerate(bron.PERCELEN):
        PerceelFactory(aanbesteding=a, code=p["code"], naam=p["naam"], volgorde=i)
    uit = io.StringIO()
    demo.eisen_laden(uit)
    return a, uit.getvalue()


def test_demo_laadt_alle_90_eisen_van_het_pve_via_de_import(gooi_demo):
    a, uitvoer = gooi_demo
    pve = Eis.objects.filter(aanbesteding=a, code__regex=r"^Eis [0-9]+$")
    assert sorted({int(c[4:]) for c in pve.values_list("code", flat=True)}) == list(range(1, 91))
    assert "Programma van Eisen geïmporteerd (90 eisen, 118 rijen): 118 nieuw" in uitvoer
    # Imported by the region's inkoper, audited like an import from the screen.
    regel = AuditRegel.objects.get(actie="eisen.geimporteerd", object_id=str(a.pk))
    assert regel.actor.email == "inkoper@gooi.example" and regel.nieuwe_waarden["bestand"] == "gooi_pve_eisen.csv"
    # Checked against the source text: Eis 45 the VOG ≤ 3 months before hiring (r.3037), Eis 21 the Inspectie
    # report (r.3006), Eis 13 a preference only (r.2998), Eis 56 ≥ 5 % (r.3052), Eis 79 per accommodation perceel.
    vog = pve.get(code="Eis 45")
    assert (vog.max_leeftijd_maanden, vog.documentsoort, vog.bron) == (3, "vog", "003 r. 3037")
    assert "niet ouder zijn dan 3 maanden voor het moment van indiensttreding" in vog.tekst
    inspectie = pve.get(code="Eis 21")
    assert (inspectie.soort, inspectie.antwoordtype, inspectie.documentsoort, inspectie.bron) == (
        "geschiktheidseis", "document", "inspectierapport", "003 r. 3006")
    assert inspectie.titel == "Positief rapport van de Inspectie" and inspectie.weergavetitel == inspectie.titel
    assert pve.get(code="Eis 13").knock_out is False and pve.exclude(code="Eis 13").filter(knock_out=False).count() == 0
    assert "tenminste vijf (5) % van de daadwerkelijke geleverde jaaromzet" in pve.get(code="Eis 56").tekst
    assert sorted(pve.filter(code="Eis 79").values_list("perceel__code", flat=True)) == sorted(
        ["5.4", "5.4A", "5.5", "5.9", "5.10", "5.10.1", "5.11", "5.12"])
    assert pve.get(code="Eis 1").tekst.startswith("Opdrachtnemer maakt minimaal één (1) keer per jaar")
    assert pve.get(code="Eis 90").bron == "003 r. 3097" and pve.get(code="Eis 75").bron == "003 r. 3076-3078"
    # No source reference leaks into what a provider reads.
    assert not pve.filter(toelichting__contains="003 r.").exists() and not pve.filter(titel="").exists()


def test_demo_tweede_keer_verandert_niets(gooi_demo):
    from aanbesteding import demo

    a, _ = gooi_demo
    voor = sorted(Eis.objects.filter(aanbesteding=a).values_list("pk", "code", "titel", "tekst", "volgorde", "perceel"))
    uit = io.StringIO()
    demo.eisen_laden(uit)
    assert "0 nieuw, 0 gewijzigd, 118 ongewijzigd" in uit.getvalue()
    assert sorted(Eis.objects.filter(aanbesteding=a).values_list("pk", "code", "titel", "tekst", "volgorde", "perceel")) == voor
    assert AuditRegel.objects.filter(actie="eisen.geimporteerd").count() == 1


def test_demo_verklaringen_en_titels_van_het_toelatingsdocument(gooi_demo):
    a, _ = gooi_demo
    uitsluiting = Eis.objects.get(aanbesteding=a, code="Formulier E / art. 2.86")
    assert uitsluiting.titel == "Verplichte uitsluitingsgronden"
    assert uitsluiting.verklaringstekst == (
        "Ik verklaar dat geen van deze verplichte uitsluitingsgronden op onze organisatie van toepassing is.")
    assert not Eis.objects.filter(aanbesteding=a, titel="").exists()
