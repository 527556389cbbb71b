"""The provider portal at scale (issue 15): the wallet reads a page of documents at a time, the eisen pages judge only
the eisen they show, and neither costs more queries when the numbers grow (bench/bench_portaal.py measures time)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbesteding.models import Documentsoort, Eis
from inschrijving import selectors, services
from inschrijving.models import Antwoord, Bewijsstuk
from inschrijving.views import WALLET_PER_PAGINA

from .factories import BewijsstukFactory

KLUIS = "/mijn/inschrijvingen/bewijsstukken/"


def _documenten(organisatie, aantal, *, soort="kvk_uittreksel", begin=0, stap=1, **velden):
    """``aantal`` wallet rows (no files: no page under test opens one), issued ``stap`` days apart from 01-05-2023."""
    return Bewijsstuk.objects.bulk_create([
        BewijsstukFactory.build(organisatie=organisatie, documentsoort=soort, bestand=f"test/{begin + i}.pdf",
                                originele_naam=f"document-{begin + i:04d}.pdf",
                                afgiftedatum=date(2023, 5, 1) - timedelta(days=stap * i), **velden)
        for i in range(aantal)
    ])


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# --- the wallet ------------------------------------------------------------------------------------------------


def test_kluis_kost_evenveel_queries_bij_20_als_bij_200_documenten(client, aanbieder, aanbieder_beheerder,
                                                                   django_assert_max_num_queries):
    _documenten(aanbieder, 20)
    client.force_login(aanbieder_beheerder)
    client.get(KLUIS)
    klein = _queries(client, KLUIS)
    _documenten(aanbieder, 180, begin=20, soort="gedragsverklaring")
    groot = _queries(client, KLUIS)
    assert groot == klein
    with django_assert_max_num_queries(10):
        assert client.get(f"{KLUIS}?p=4").status_code == 200


def test_kluis_toont_een_pagina_met_een_nederlandse_pager(client, aanbieder, aanbieder_beheerder):
    _documenten(aanbieder, WALLET_PER_PAGINA + 5)
    client.force_login(aanbieder_beheerder)
    eerste = client.get(KLUIS).content.decode()
    assert eerste.count("document-00") == WALLET_PER_PAGINA
    assert "55 documenten, 1 tot en met 50 getoond." in eerste
    assert "Pagina 1 van 2" in eerste
    assert '<a href="?p=2">Volgende</a>' in eerste
    assert "Vorige" not in eerste
    tweede = client.get(f"{KLUIS}?p=2").content.decode()
    assert tweede.count("document-00") == 5
    assert '<a href="?p=1">Vorige</a>' in tweede
    # Newest first within a kind, as before: the oldest five are on the last page.
    assert "document-0054.pdf" in tweede and "document-0054.pdf" not in eerste


def test_kluis_onzin_paginanummer_toont_een_pagina(client, aanbieder, aanbieder_beheerder):
    _documenten(aanbieder, 3)
    client.force_login(aanbieder_beheerder)
    for p in ("abc", "99", "-1"):
        assert client.get(f"{KLUIS}?p={p}").status_code == 200


def test_kluis_filter_op_soort_blijft_in_de_pager(client, aanbieder, aanbieder_beheerder):
    _documenten(aanbieder, WALLET_PER_PAGINA + 1, soort="vog")
    _documenten(aanbieder, 3, soort="kvk_uittreksel", begin=500)
    client.force_login(aanbieder_beheerder)
    html = client.get(f"{KLUIS}?soort=vog").content.decode()
    assert "51 documenten van deze soort" in html
    assert '<a href="?soort=vog&amp;p=2">Volgende</a>' in html
    assert "document-0500.pdf" not in html
    laatste = client.get(f"{KLUIS}?soort=vog&p=2").content.decode()
    assert '<a href="?soort=vog&amp;p=1">Vorige</a>' in laatste
    alleen_kvk = client.get(f"{KLUIS}?soort=kvk_uittreksel").content.decode()
    assert alleen_kvk.count("document-0") == 3
    assert "Pagina " not in alleen_kvk


def test_kluis_onbekende_soort_toont_alles_en_lege_soort_zegt_dat(client, aanbieder, aanbieder_beheerder):
    _documenten(aanbieder, 2)
    client.force_login(aanbieder_beheerder)
    assert client.get(f"{KLUIS}?soort=bestaat-niet").content.decode().count("document-0") == 2
    assert "Geen bewijsstukken van deze soort." in client.get(f"{KLUIS}?soort=vog").content.decode()
    leeg_elders = client.get(f"{KLUIS}?soort=vog").content.decode()
    assert "Nog geen bewijsstukken." not in leeg_elders


def test_kluis_toont_per_document_alles_wat_het_toonde(client, procedure, aanbieder, aanbieder_beheerder, tijd):
    """The rows are made in the view now; every text of the old template is still there."""
    (stuk,) = _documenten(aanbieder, 1, soort="kvk_uittreksel", titel="Uittreksel voorjaar",
                          controle=Bewijsstuk.Controle.GEWEIGERD, controle_melding="Versleuteld bestand.",
                          van_naam="De Brug Jeugdhulp", van_kvk_nummer="99990022", gearchiveerd=True,
                          opgeschoond="JavaScript")
    client.force_login(aanbieder_beheerder)
    html = client.get(KLUIS).content.decode()
    assert "Uittreksel Kamer van Koophandel" in html
    assert f'href="/mijn/inschrijvingen/bewijsstukken/{stuk.pk}/download/"' in html
    assert f'data-status-url="/mijn/inschrijvingen/bewijsstukken/{stuk.pk}/status/"' in html
    assert "Uittreksel voorjaar" in html and "De Brug Jeugdhulp" in html
    assert f"{stuk.afgiftedatum:%d-%m-%Y}" in html
    assert '<span class="label label--fout" data-status-url' in html and "Geweigerd" in html
    assert "Versleuteld bestand." in html
    assert "Uit dit bestand is actieve inhoud verwijderd (JavaScript)" in html
    assert "in een ingediende inschrijving" in html
    # Per open procedure (KvK ≤ 3 months in this one): issued 01-05-2023, usable here through 01-08-2023.
    assert "Regio " in html and "Jeugdhulp Voorzieningen: " in html
    assert "bruikbaar tot en met 01-08-2023 (maximaal 3 maanden oud)" in html
    assert "maximaal 3 maanden oud</span>" in html  # the overall reason under "Bruikbaar tot"


def test_kluis_zonder_documenten(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    html = client.get(KLUIS).content.decode()
    assert "Nog geen bewijsstukken." in html
    assert "0 documenten." in html


def test_wallet_selector_geeft_nog_steeds_de_hele_kluis(aanbieder):
    _documenten(aanbieder, WALLET_PER_PAGINA + 3)
    assert len(selectors.wallet(aanbieder)) == WALLET_PER_PAGINA + 3


def test_wallet_documenten_laten_de_tekst_in_de_database(aanbieder):
    """The extracted text of a PDF can be long; the wallet never reads it (a read would be one query a row)."""
    _documenten(aanbieder, 3, tekst="Heel veel tekst. " * 1000)
    (b, *_) = selectors.wallet_documenten(aanbieder)
    assert "tekst" in b.get_deferred_fields()


# --- the eisen pages -----------------------------------------------------------------------------------------


def _eisen(procedure, insch, door, aantal, *, begin=0):
    """``aantal`` eisen, general and of perceel 5.1, of every answer type, every 3rd per member; all answered, the
    document eisen with two linked wallet documents each."""
    typen = [Eis.Antwoordtype.JA_NEE, Eis.Antwoordtype.TEKST, Eis.Antwoordtype.GETAL, Eis.Antwoordtype.DOCUMENT]
    eisen = Eis.objects.bulk_create([
        Eis(aanbesteding=procedure.aanbesteding, perceel=procedure.p5_1 if n % 2 else None, code=f"Bulk {begin + n}",
            tekst="De aanbieder verklaart te voldoen. " * 20, antwoordtype=typen[(n // 2) % 4],
            soort=Eis.Soort.UITSLUITINGSGROND if n % 5 == 0 else Eis.Soort.UITVOERINGSEIS,
            documentsoort="vog" if typen[(n // 2) % 4] == Eis.Antwoordtype.DOCUMENT else "", max_leeftijd_maanden=36,
            per_lid=n % 3 == 0, volgorde=100 + begin + n)
        for n in range(aantal)
    ])
    leden = list(insch.leden.all())
    antwoorden = Antwoord.objects.bulk_create([
        Antwoord(inschrijving=insch, eis=e, lid=lid, ja_nee=True, tekst="Zo werken wij.", getal=3)
        for e in eisen for lid in [None, *(leden if e.per_lid else [])]
    ])
    stukken = _documenten(insch.organisatie, 2 * len(antwoorden), soort="vog", begin=1000 + 10 * begin, stap=0)
    Antwoord.bewijsstukken.through.objects.bulk_create([
        Antwoord.bewijsstukken.through(antwoord_id=a.pk, bewijsstuk_id=stukken[2 * i + k].pk)
        for i, a in enumerate(antwoorden) if a.eis.antwoordtype == Eis.Antwoordtype.DOCUMENT for k in range(2)
    ])
    return eisen


@pytest.fixture
def met_lid(procedure, concept, aanbieder_beheerder):
    services.lid_toevoegen(inschrijving=concept, rol="combinant", naam="De Brug Jeugdhulp", kvk_nummer="99990022",
                           door=aanbieder_beheerder)
    return concept


@pytest.mark.parametrize("pad", ["eisen/", "eisen/perceel/{p5_1}/", "verklaring/", "eis/{kvk}/", "eis/{formulier_e}/"])
def test_eisenpaginas_kosten_evenveel_queries_bij_10_als_bij_100_eisen(client, procedure, met_lid, aanbieder_beheerder,
                                                                       django_assert_max_num_queries, pad):
    insch = met_lid
    url = f"/mijn/inschrijvingen/{insch.pk}/" + pad.format(p5_1=procedure.p5_1.pk, kvk=procedure.kvk.pk,
                                                          formulier_e=procedure.formulier_e.pk)
    _eisen(procedure, insch, aanbieder_beheerder, 10)
    _documenten(insch.organisatie, 10, soort="kvk_uittreksel", begin=5000, stap=0)
    client.force_login(aanbieder_beheerder)
    client.get(url)
    klein = _queries(client, url)
    _eisen(procedure, insch, aanbieder_beheerder, 90, begin=10)
    _documenten(insch.organisatie, 190, soort="kvk_uittreksel", begin=6000, stap=0)
    assert Eis.objects.filter(aanbesteding=procedure.aanbesteding).count() == 104
    groot = _queries(client, url)
    assert groot == klein
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_perceelpagina_beoordeelt_alleen_de_eisen_van_dat_perceel(client, procedure, met_lid, aanbieder_beheerder,
                                                                  monkeypatch):
    insch = met_lid
    eisen = _eisen(procedure, insch, aanbieder_beheerder, 40)
    van_perceel = [e for e in eisen if e.perceel_id == procedure.p5_1.pk]
    beoordeeld = []
    echt = selectors._beoordeel

    def tellen(eis, *args):
        beoordeeld.append(eis.code)
        return echt(eis, *args)

    monkeypatch.setattr(selectors, "_beoordeel", tellen)
    client.force_login(aanbieder_beheerder)
    html = client.get(f"/mijn/inschrijvingen/{insch.pk}/eisen/perceel/{procedure.p5_1.pk}/").content.decode()
    # Each eis of the perceel once, plus once more for the member where asked per member; nothing else.
    verwacht = sorted([e.code for e in van_perceel] + [e.code for e in van_perceel if e.per_lid])
    assert sorted(beoordeeld) == verwacht
    # Providers read titles, not the internal codes (issue 12).
    assert not any(f">{e.code}<" in html for e in van_perceel)
    assert "Bulk 0<" not in html  # a general eis


def test_deel_van_de_checklist_is_hetzelfde_als_dat_deel_van_de_hele(procedure, met_lid, aanbieder_beheerder, tijd):
    """One implementation: a page's part of the checklist says exactly what the whole checklist says there."""
    insch = met_lid
    _eisen(procedure, insch, aanbieder_beheerder, 12)
    Antwoord.objects.filter(eis__code="Bulk 3", lid__isnull=True).delete()  # one open point on the perceel

    def regels(lijst):
        return [(r.eis.code, r.lid.pk if r.lid else None, r.ok, r.melding, r.waarschuwing) for g in lijst.groepen for r in g.regels]

    geheel = selectors.checklist(insch)
    for eisen in (selectors.toepasselijke_eisen(insch).filter(perceel=procedure.p5_1),
                  selectors.toepasselijke_eisen(insch).filter(perceel__isnull=True)):
        deel = selectors.checklist(insch, eisen=eisen)
        codes = {e.code for e in eisen}
        assert regels(deel) == [r for r in regels(geheel) if r[0] in codes]
        assert len(deel.groepen) == 1
        assert deel.algemeen == []
    assert any(code == "Bulk 3" and not ok for code, _, ok, _, _ in regels(geheel))
    assert any(code == "TD 2.7" and "upload of kies een document" in melding for code, _, _, melding, _ in regels(geheel))


def test_eisenpagina_toont_de_rijen_zoals_voorheen(client, procedure, met_lid, aanbieder_beheerder, tijd):
    insch = met_lid
    lid = insch.leden.get()
    services.antwoord_opslaan(inschrijving=insch, eis=procedure.formulier_e, ja_nee=False, door=aanbieder_beheerder)
    client.force_login(aanbieder_beheerder)
    basis = f"/mijn/inschrijvingen/{insch.pk}"
    verklaring = client.get(f"{basis}/verklaring/").content.decode()
    # The declaration is one tick for all exclusion grounds (issue 12); the code is not shown to the provider.
    assert "Geen faillissement of surseance" in verklaring and "Formulier E" not in verklaring
    assert "Ik verklaar dat geen van deze uitsluitingsgronden op ons van toepassing is." in verklaring
    assert f'href="{basis}/eis/{procedure.gedragsverklaring.pk}/?lid={lid.pk}"' in verklaring
    assert "Gedragsverklaring aanbesteden</strong> – De Brug Jeugdhulp</a>" in verklaring
    assert "document maximaal 24 maanden oud" in verklaring
    algemeen = client.get(f"{basis}/eisen/").content.decode()
    assert "Uittreksel KvK, niet ouder dan drie maanden" in algemeen and "Nog te doen" in algemeen
    assert "TD 2.7" not in algemeen
    assert "Geen faillissement" not in algemeen  # the eigen verklaring has its own page
    assert "In deze stap zijn geen eisen" in client.get(f"{basis}/eisen/perceel/{procedure.p5_1.pk}/").content.decode()


def test_lange_eistekst_wordt_afgekapt_op_veertig_woorden(client, procedure, concept, aanbieder_beheerder, tijd):
    Eis.objects.filter(pk=procedure.kvk.pk).update(tekst=" ".join(f"woord{i}" for i in range(60)))
    client.force_login(aanbieder_beheerder)
    html = client.get(f"/mijn/inschrijvingen/{concept.pk}/eisen/").content.decode()
    assert "woord39 …" in html
    assert "woord40" not in html


def test_documentsoorten_van_de_filter_zijn_de_soorten_van_de_kluis():
    from inschrijving.forms import WalletFilterForm

    assert [k for k, _ in WalletFilterForm().fields["soort"].choices] == ["", *Documentsoort.values]


# --- the extracted text stays in the database ------------------------------------------------------------------


@pytest.mark.parametrize("pad", ["bewijsstukken/", "{pk}/eis/{kvk}/", "{pk}/eisen/", "{pk}/overzicht/"])
def test_geen_pagina_van_de_aanbieder_leest_de_geextraheerde_tekst(client, procedure, concept, aanbieder, aanbieder_beheerder,
                                                                   pad):
    """A scanned PDF's text runs to 500,000 characters (tasks.MAX_TEKST); the portal pages show none of it, so none
    of their queries reads it: not for the wallet, the documents linked to an answer, those offered, the checklist."""
    gekoppeld, aangeboden = _documenten(aanbieder, 2, stap=0, tekst="Uittreksel. " * 5000)
    antwoord = Antwoord.objects.create(inschrijving=concept, eis=procedure.kvk)
    antwoord.bewijsstukken.add(gekoppeld)
    client.force_login(aanbieder_beheerder)
    url = "/mijn/inschrijvingen/" + pad.format(pk=concept.pk, kvk=procedure.kvk.pk)
    with CaptureQueriesContext(connection) as ctx:
        antwoord_pagina = client.get(url)
    assert antwoord_pagina.status_code == 200
    bewijsstuk_queries = [q["sql"] for q in ctx.captured_queries if 'FROM "inschrijving_bewijsstuk"' in q["sql"]]
    assert bewijsstuk_queries
    assert not [sql for sql in bewijsstuk_queries if '"inschrijving_bewijsstuk"."tekst"' in sql]


def test_eispagina_biedt_jonge_documenten_aan_en_toont_de_gekoppelde(client, procedure, concept, aanbieder,
                                                                    aanbieder_beheerder):
    gekoppeld, aangeboden = _documenten(aanbieder, 2, stap=0)
    (te_oud,) = _documenten(aanbieder, 1, begin=7)
    Bewijsstuk.objects.filter(pk=te_oud.pk).update(afgiftedatum=date(2022, 1, 1))
    antwoord = Antwoord.objects.create(inschrijving=concept, eis=procedure.kvk)
    antwoord.bewijsstukken.add(gekoppeld)
    client.force_login(aanbieder_beheerder)
    html = client.get(f"/mijn/inschrijvingen/{concept.pk}/eis/{procedure.kvk.pk}/").content.decode()
    assert f'/mijn/inschrijvingen/bewijsstukken/{gekoppeld.pk}/download/">document-0000.pdf</a>' in html
    assert f'value="{aangeboden.pk}"' in html  # offered for reuse
    assert f'value="{gekoppeld.pk}"' not in html  # linked already
    assert "1 document uit uw bewijsstukken niet aangeboden bij deze vraag" in html
    assert "document-0007.pdf” is afgegeven op 01-01-2022" in html
