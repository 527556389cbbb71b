"""The leegstand pages: the provider's list, form and detail under /mijn/verplichtingen/leegstand/, and the
bureau's regelingen, the months × providers page with the yearly overview and the split, the overview with
approve / reject, and the export for finance (CSV, XLSX, formula-safe). Permissions per persona, no IDOR, 404
outside the region, queries constant in the number of providers."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from contractbeheer.models import Beddenoverzicht
from contractbeheer.services import leegstand as diensten
from organisaties.models import Organisatie

from . import factories as f
from ._leegstand import indienen, wereld

pytestmark = pytest.mark.django_db
LIJST, NIEUW = reverse("contractbeheer:leegstand"), reverse("contractbeheer:leegstand_nieuw")
STAF = reverse("contractbeheer_admin_leegstand")


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def _regeling_url(w, naam="contractbeheer_admin_leegstand_regeling"):
    return reverse(naam, args=[w.regeling.pk])


def _staf_overzicht(o):
    return reverse("contractbeheer_admin_leegstand_overzicht", args=[o.pk])


class TestAanbieder:
    def test_indienen_via_formulier(self, client, w):
        client.force_login(w.youke_lid)
        with time_machine.travel("2022-07-04 10:00", tick=False):
            html = client.get(NIEUW).content.decode()
            assert "Leegstandsvergoeding 5.10.1" in html and 'type="month"' in html
            antwoord = client.post(NIEUW, {"regeling": w.regeling.pk, "maand": "2022-06", "bedden": 2,
                                           "etmalen_bezet": 21, "intensiteit": "extra_zwaar"}, follow=True)
            lijst = client.get(LIJST).content.decode()
        o = Beddenoverzicht.objects.get(overeenkomst=w.youke)
        assert antwoord.redirect_chain[-1][0] == reverse("contractbeheer:leegstand_overzicht", args=[o.pk])
        html = antwoord.content.decode()
        assert "39 etmalen leegstand" in html and "14.647,23" in html and "Extra zwaar" in html
        assert diensten.intensiteit_label("onbekend") == "onbekend"
        assert "06-2022" in lijst and "Ingediend" in lijst and "<td>39</td>" in lijst

    def test_fout_behoudt_invoer(self, client, w):
        client.force_login(w.youke_lid)
        with time_machine.travel("2022-07-04 10:00", tick=False):
            html = client.post(NIEUW, {"regeling": w.regeling.pk, "maand": "2022-06", "bedden": 2,
                                       "etmalen_bezet": 61, "intensiteit": "extra_zwaar",
                                       "toelichting": "Mijn toelichting"}).content.decode()
        assert "meer etmalen bezet" in html and "Mijn toelichting" in html and 'value="61"' in html
        assert not Beddenoverzicht.objects.exists()

    def test_andere_regeling_niet_te_kiezen(self, client, w):
        client.force_login(w.bhl_lid)
        assert "neemt niet deel" in client.get(NIEUW).content.decode()
        assert client.post(NIEUW, {"regeling": w.regeling.pk, "maand": "2022-06", "bedden": 2,
                                   "etmalen_bezet": 1, "intensiteit": "zwaar"}).status_code == 200
        assert not Beddenoverzicht.objects.exists()

    def test_geen_idor(self, client, w):
        o = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1))
        client.force_login(w.ldh_lid)
        assert client.get(reverse("contractbeheer:leegstand_overzicht", args=[o.pk])).status_code == 404
        assert "06-2022" not in client.get(LIJST).content.decode()

    def test_afwijzing_zichtbaar(self, client, w, contractmanager_a):
        o = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1))
        diensten.overzicht_afwijzen(overzicht=o, reden="Bezetting wijkt af van het Digitaal Leefplein",
                                    door=contractmanager_a)
        client.force_login(w.youke_lid)
        html = client.get(reverse("contractbeheer:leegstand_overzicht", args=[o.pk])).content.decode()
        assert "Bezetting wijkt af" in html and NIEUW in html

    def test_link_op_verplichtingenpagina(self, client, w):
        client.force_login(w.youke_lid)
        assert LIJST in client.get(reverse("contractbeheer:verplichtingen")).content.decode()


class TestBureau:
    def test_goedkeuren_en_jaaroverzicht(self, staff_client, w, contractmanager_a):
        o = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), bezet=21)
        indienen(w, w.ldh, w.ldh_lid, date(2022, 6, 1), bezet=10, intensiteit="zwaar")
        client = staff_client(contractmanager_a)
        assert "Leegstandsvergoeding 5.10.1" in client.get(STAF).content.decode()
        antwoord = client.post(_staf_overzicht(o), {"actie": "goedkeuren"}, follow=True)
        assert "Goedgekeurd; uit te betalen € 14.647,23." in antwoord.content.decode()
        html = client.get(_regeling_url(w), {"jaar": 2022}).content.decode()
        assert "Youké Sterke Jeugd" in html and "Leger des Heils Midden-Nederland" in html
        assert "5.565,95" in html and "3.515,34" in html  # Hilversum, Gooise Meren
        assert "175.000,00" in html and "160.352,77" in html  # max, rest of Youké's cap

    def test_afwijzen_vraagt_reden(self, staff_client, w, contractmanager_a):
        o = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1))
        client = staff_client(contractmanager_a)
        html = client.post(_staf_overzicht(o), {"actie": "afwijzen", "afwijs-reden": ""}).content.decode()
        assert "Dit veld is verplicht" in html or "verplicht" in html
        client.post(_staf_overzicht(o), {"actie": "afwijzen", "afwijs-reden": "Overzicht onvolledig"})
        o.refresh_from_db()
        assert (o.status, o.afwijsreden) == ("afgewezen", "Overzicht onvolledig")

    def test_andere_regio_404_en_zonder_rol_geweigerd(self, staff_client, w, contractmanager_b, beoordelaar_a):
        o = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1))
        client = staff_client(contractmanager_b)
        for url in (_regeling_url(w), _regeling_url(w, "contractbeheer_admin_leegstand_export"), _staf_overzicht(o)):
            assert client.get(url).status_code == 404, url
        assert client.post(_staf_overzicht(o), {"actie": "goedkeuren"}).status_code == 404
        assert "5.10.1" not in client.get(STAF).content.decode()
        client = staff_client(beoordelaar_a)
        for url in (STAF, _regeling_url(w), _staf_overzicht(o)):
            assert client.get(url).status_code in (302, 403), url
        o.refresh_from_db()
        assert o.status == "ingediend"

    def test_queries_constant(self, staff_client, w, contractmanager_a):
        client = staff_client(contractmanager_a)
        for ovk, lid in ((w.youke, w.youke_lid), (w.ldh, w.ldh_lid)):
            diensten.overzicht_goedkeuren(overzicht=indienen(w, ovk, lid, date(2022, 6, 1)), door=contractmanager_a)
        url = _regeling_url(w)
        client.get(url, {"jaar": 2022})
        with CaptureQueriesContext(connection) as twee:
            client.get(url, {"jaar": 2022})
        for i in range(3):
            ovk, lid = f.overeenkomst(w.aanbesteding, w.perceel, naam=f"Aanbieder {i}", start=date(2022, 1, 1))
            for m in (5, 6):
                diensten.overzicht_goedkeuren(overzicht=indienen(w, ovk, lid, date(2022, m, 1)),
                                              door=contractmanager_a)
        with CaptureQueriesContext(connection) as vijf:
            html = client.get(url, {"jaar": 2022}).content.decode()
        assert "Aanbieder 2" in html
        assert len(vijf) == len(twee)


class TestExport:
    def test_csv_en_xlsx(self, staff_client, w, contractmanager_a):
        Organisatie.objects.filter(pk=w.youke.organisatie_id).update(naam="=HYPERLINK(\"http://x\")")
        o = indienen(w, w.youke, w.youke_lid, date(2022, 6, 1), bezet=21)
        diensten.overzicht_goedkeuren(overzicht=o, door=contractmanager_a)
        client = staff_client(contractmanager_a)
        url = _regeling_url(w, "contractbeheer_admin_leegstand_export")
        antwoord = client.get(url, {"jaar": 2022})
        assert antwoord["Content-Disposition"] == 'attachment; filename="leegstandsvergoeding-5.10.1-2022.csv"'
        rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
        assert rijen[0][:5] == ["Jaar", "Maand", "Aanbieder", "KvK", "Gemeente"]
        assert len(rijen) == 1 + 6
        hilversum = next(r for r in rijen if r[4] == "Hilversum")
        assert hilversum[2].startswith("'=") and hilversum[1] == "06-2022"
        assert (hilversum[8], hilversum[9], hilversum[11], hilversum[12]) == ("39", "375.57", "14647.23", "5565.95")
        assert sum(Decimal(r[12]) for r in rijen[1:]) == Decimal("14647.23")
        xlsx = client.get(url, {"jaar": 2022, "formaat": "xlsx"})
        blad = load_workbook(io.BytesIO(xlsx.content)).active
        waarden = list(blad.iter_rows(values_only=True))
        assert waarden[0][0] == "Jaar" and len(waarden) == 7
        assert all(str(r[2]).startswith("'=") for r in waarden[1:])
