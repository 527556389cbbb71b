"""The building blocks of the export (woo/inventaris.py) one by one: rows for every kind of decision, the
toelichting, file names, the conversion of marks into core.lakken's terms, and a ZIP with an already public
document (listed with where it is, no PDF in the set)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from core import lakken
from core.pdf import eenvoudige_pdf
from woo import inventaris, services
from woo.gronden import GEEN_GROND
from woo.models import Lakmarkering, Verzoekstuk, Woogrond, Wooverzoek

from .test_export import tekst_van

pytestmark = pytest.mark.django_db

B = Verzoekstuk.Beoordeling


@pytest.fixture
def verzoek(aanbesteding_a):
    return Wooverzoek.objects.create(aanbesteding=aanbesteding_a, kenmerk="DOC 26/015", ontvangen_op=date(2026, 3, 2),
                                     onderwerp="Tussenvoorziening", verzoeker="A. Verzoeker")


def _stuk(verzoek, nr, titel="Besluit", **velden):
    return Verzoekstuk.objects.create(verzoek=verzoek, sleutel=f"x:{nr}", volgnummer=nr, titel=titel, soort="besluit",
                                      datum=date(2026, 1, nr), **velden)


def _mark(stuk, code, tekst="", pagina=0):
    return Lakmarkering.objects.create(verzoekstuk=stuk, grond=Woogrond.objects.get(code=code), tekst=tekst,
                                       pagina=pagina)


class TestRegels:
    def test_reeds_openbaar_met_vindplaats(self, verzoek):
        _stuk(verzoek, 1, beoordeling=B.REEDS_OPENBAAR, vindplaats="https://portaal.example/procedures/x/")
        [regel] = inventaris.regels(verzoek)
        assert regel.document == "20260101 Besluit (vindplaats: https://portaal.example/procedures/x/)"
        assert (regel.beoordeling, regel.gronden) == ("reeds openbaar", GEEN_GROND)

    def test_niet_openbaar_toont_alleen_de_grond_van_het_hele_document(self, verzoek):
        stuk = _stuk(verzoek, 1, beoordeling=B.NIET_OPENBAAR)
        _mark(stuk, "5.1.2.e", tekst="Jan Jansen")
        _mark(stuk, "5.1.2.b")
        assert inventaris.regels(verzoek)[0].gronden == "5.1.2.b"
        assert [g.code for g in inventaris.gebruikte_gronden([stuk])] == ["5.1.2.b"]

    def test_volgorde_op_nummer_met_gaten(self, verzoek):
        _stuk(verzoek, 5)
        _stuk(verzoek, 2)
        _stuk(verzoek, 9, beoordeling=B.BUITEN_REIKWIJDTE)
        assert [r.nr for r in inventaris.regels(verzoek)] == [2, 5]

    def test_reikwijdte_in_de_toelichting(self, verzoek):
        stuk = _stuk(verzoek, 1, beoordeling=B.DEELS_OPENBAAR)
        _mark(stuk, "reikwijdte", pagina=2)
        _mark(stuk, "5.1.2.e", tekst="Jan")
        toelichting = inventaris.toelichting([stuk])
        assert [code for code, _ in toelichting] == ["5.1.2.e", "reikwijdte", "–"]
        assert "buiten de reikwijdte" in dict(toelichting)["reikwijdte"]

    def test_als_rij(self, verzoek):
        _stuk(verzoek, 3)
        assert inventaris.regels(verzoek)[0].als_rij() == [3, "20260103 Besluit", "03-01-2026", "openbaar", "–"]


class TestBestandsnamen:
    @pytest.mark.parametrize(("titel", "naam"), [
        ("Besluit 12 op inschrijving 4", "1-20260101-Besluit-12-op-inschrijving-4.pdf"),
        ("../../etc/passwd", "1-20260101-....etcpasswd.pdf"),
        ("Overeenkomst: Zorg & Co / regio", "1-20260101-Overeenkomst-Zorg--Co--regio.pdf"),
        ("***", "1-20260101-document.pdf"),
    ])
    def test_veilig(self, verzoek, titel, naam):
        assert inventaris.bestandsnaam(_stuk(verzoek, 1, titel=titel)) == naam

    def test_kenmerk_veilig(self):
        assert inventaris._veilig("DOC 26/015") == "DOC-26-015"
        assert inventaris._veilig("///") == "verzoek"


class TestLakken:
    def test_omzetting_naar_lakken(self, verzoek):
        stuk = _stuk(verzoek, 1)
        m1, m2 = _mark(stuk, "5.1.2.e", tekst="Jan"), _mark(stuk, "5.1.2.b", pagina=2)
        assert inventaris.lakmarkeringen([m1, m2]) == [
            lakken.Lakmarkering(grond="5.1.2.e", tekst="Jan", pagina=None),
            lakken.Lakmarkering(grond="5.1.2.b", tekst="", pagina=2),
        ]

    def test_zonder_markeringen_het_document_zelf(self):
        pdf = eenvoudige_pdf("Titel", ["Tekst"])
        assert inventaris.geredigeerd(pdf, []) == pdf

    def test_met_markering_weg(self, verzoek):
        stuk = _stuk(verzoek, 1)
        pdf = eenvoudige_pdf("Notitie", ["Contact: Jan Jansen, tarief 12,50."])
        uit = inventaris.geredigeerd(pdf, [_mark(stuk, "5.1.2.e", tekst="Jan Jansen")])
        tekst = tekst_van(uit)
        assert "Jan Jansen" not in tekst and "tarief 12,50" in tekst


class TestZipMetReedsOpenbaar:
    def test_reeds_openbaar_niet_in_de_set(self, inkoper_a, aanbesteding_a, besluit_a,
                                           django_capture_on_commit_callbacks):
        v = services.verzoek_registreren(aanbesteding=aanbesteding_a, kenmerk="DOC-9", ontvangen_op=date(2026, 3, 2),
                                         onderwerp="x", verzoeker="y", door=inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[f"aankondiging:{aanbesteding_a.pk}",
                                                            f"besluit:{besluit_a.pk}"], door=inkoper_a)
        services.beoordeling_vastleggen(verzoekstuk=v.stukken.get(volgnummer=1), beoordeling=B.REEDS_OPENBAAR,
                                        vindplaats="https://portaal.example/procedures/tussenvoorziening/",
                                        door=inkoper_a)
        with django_capture_on_commit_callbacks(execute=True):
            services.verzoek_besluiten(verzoek=v, besluitdatum=date(2026, 4, 16), door=inkoper_a)
        v.refresh_from_db()
        with v.export.open("rb") as f:
            z = zipfile.ZipFile(io.BytesIO(f.read()))
        assert not any(n.startswith("1-") for n in z.namelist())
        assert any(n.startswith("2-") for n in z.namelist())
        csv = z.read("inventarislijst-DOC-9.csv").decode("utf-8-sig")
        assert "reeds openbaar" in csv and "vindplaats: https://portaal.example/procedures/tussenvoorziening/" in csv
        # Fixed timestamps: the decision's date, not the moment the task ran.
        assert {i.date_time[:3] for i in z.infolist()} == {(2026, 4, 16)}

    def test_pdf_van_een_open_verzoek(self, verzoek):
        _stuk(verzoek, 1)
        tekst = tekst_van(inventaris.pdf(verzoek))
        assert "Inventarislijst Woo-verzoek DOC 26/015" in tekst and "Besluit van" not in tekst
