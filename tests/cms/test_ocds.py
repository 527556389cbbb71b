"""The OCDS publication of the open-house procedures (issue 16, docs/ocds-profiel.md): a release per event with the
right tag and content, stable ids, records compiled with ocdsmerge, only public data, constant queries."""

import json
import socket
from datetime import date

import pytest

from aanbesteding.models import Aanbesteding
from cms import ocds
from overeenkomst.models import DeelnameProduct, Uittreding
from tests.aanbesteding.factories import AanbestedingFactory, PerceelFactory, ProductFactory, TariefFactory

from .conftest import contracteer, procedurepagina_voor
from .ocds_wereld import bouw_wereld, moment

pytestmark = pytest.mark.django_db

OCID = "ocds-xxxxxx-oh-jeugdhulp-voorzieningen"
FEED = "/api/v1/ocds/releases"


@pytest.fixture
def wereld(procedure, tussenvoorziening):
    return bouw_wereld(procedure, tussenvoorziening)


def _feed(client, **params):
    antwoord = client.get(FEED, params)
    assert antwoord.status_code == 200, antwoord.content[:300]
    return antwoord.json()


def _release(releases, soort):
    gevonden = [r for r in releases if f"-{soort}-" in r["id"]]
    assert len(gevonden) == 1, [r["id"] for r in releases]
    return gevonden[0]


def _codes(criteria):
    return [c["title"].rsplit(" ", 1)[1] for c in criteria]


def _items(release):
    return {i["id"]: i.get("unit", {}).get("value", {}).get("amount") for i in release["tender"]["items"]}


def test_een_release_per_gebeurtenis_met_de_juiste_tag(client, wereld):
    releases = _feed(client)["releases"]
    w = wereld
    assert [(r["id"].removeprefix(OCID + "-"), r["tag"]) for r in releases] == [
        (f"publicatie-{w['g1'].aanbesteding_id}", ["tender"]),
        (f"wijziging-{_pk(releases, 'wijziging')}", ["tenderAmendment"]),
        (f"nvi-{_pk(releases, 'nvi')}", ["tenderUpdate"]),
        (f"rectificatie-{_pk(releases, 'rectificatie')}", ["tenderAmendment"]),
        (f"toelating-{w['blijft'].pk}", ["award", "contract"]),
        (f"toelating-{w['vertrekt'].pk}", ["award", "contract"]),
        (f"toetredingsmoment-{_pk(releases, 'toetredingsmoment')}", ["tenderUpdate"]),
        (f"addendum-{_pk(releases, 'addendum')}", ["tenderAmendment"]),
        (f"uittreding-{w['uittreding'].pk}", ["contractTermination"]),
        (f"indexatie-{_pk(releases, 'indexatie')}", ["tenderUpdate"]),
    ]
    # date = the moment of the event, oldest first.
    assert [r["date"][:10] for r in releases] == [
        # The page went live on 4-1-2021, but the term started on 1-1: public by then at the latest.
        "2021-01-01", "2021-02-01", "2021-02-15", "2022-03-01", "2023-01-01", "2023-01-01", "2023-05-01",
        "2023-11-01", "2024-06-30", "2025-01-01",
    ]
    assert {r["ocid"] for r in releases} == {OCID}
    assert all(r["initiationType"] == "tender" for r in releases)


def _pk(releases, soort):
    return _release(releases, soort)["id"].rsplit("-", 1)[1]


def test_publicatie_met_partijen_percelen_items_eisen_en_raamovereenkomst(client, wereld, procedure):
    r = _release(_feed(client)["releases"], "publicatie")
    koper = r["parties"][0]
    assert koper["id"] == f"NL-KVK-{procedure.opdrachtgever.kvk_nummer}" and koper["roles"] == ["buyer", "procuringEntity"]
    assert koper["identifier"] == {"scheme": "NL-KVK", "id": procedure.opdrachtgever.kvk_nummer,
                                   "legalName": procedure.opdrachtgever.naam}
    assert r["buyer"]["id"] == r["tender"]["procuringEntity"]["id"] == koper["id"]
    gemeenten = {p["name"]: p for p in r["parties"][1:]}
    assert set(gemeenten) == {"Gemeente Hilversum", "Gemeente Eemnes"}
    assert gemeenten["Gemeente Eemnes"]["roles"] == ["payer"] and gemeenten["Gemeente Eemnes"]["details"] == {"domains": ["Wmo 2015"]}
    t = r["tender"]
    assert [(lot["id"], lot["title"]) for lot in t["lots"]] == [("5.10", "Behandelgroep Verblijf"), ("5.10.1", "Tussenvoorziening")]
    assert t["lots"][1]["description"].startswith("Subperceel van perceel 5.10")
    assert t["techniques"]["hasFrameworkAgreement"] is True
    assert t["techniques"]["frameworkAgreement"]["method"] == "withoutReopeningCompetition"
    assert t["contractPeriod"]["startDate"] == "2021-01-01T00:00:00+01:00"
    assert t["contractPeriod"]["endDate"] == "2028-12-31T23:59:59+01:00"
    assert t["procurementMethod"] == "open" and t["mainProcurementCategory"] == "services"
    # The eisen of the first version: G1 and S1 (S1 for perceel 5.10.1), pass/fail.
    assert _codes(t["criteria"]) == ["G1", "S1"]
    s1 = t["criteria"][1]
    assert s1["relatedLots"] == ["5.10.1"] and s1["title"] == "Geschiktheidseis S1" and s1["id"].startswith("eis-")
    assert s1["requirementGroups"][0]["requirements"][0] == {
        "id": s1["id"], "title": "U heeft een kwaliteitskeurmerk.", "dataType": "boolean", "expectedValue": True}
    # On 4-1-2021 there is no tariff yet (the first is of 2022): the product is there, without a unit price.
    item = t["items"][0]
    assert item["id"] == "5.10.1-43B03" and item["classification"] == {"scheme": "iJw", "id": "43B03", "description": "Tussenvoorziening"}
    assert item["unit"] == {"scheme": "iJw WJ756", "id": "14", "name": "etmaal"} and item["relatedLot"] == "5.10.1"
    # Local extension: how and when one joins; the window of 2099 is announced.
    assert t["admissionMode"] == "windows"
    assert [(v["title"], v["type"], v["period"]["startDate"][:10]) for v in t["admissionWindows"]] == [
        ("Toetredingsronde 2023", "window", "2023-05-01"), ("Toetredingsronde 2099", "window", "2099-05-01")]


def test_rectificatie_nvi_en_toetredingsmoment(client, wereld):
    releases = _feed(client)["releases"]
    rect = _release(releases, "rectificatie")["tender"]
    # Version 1: S1 withdrawn, S2 new; the concept rectificatie's S9 is nowhere.
    assert _codes(rect["criteria"]) == ["G1", "S2"]
    assert rect["amendments"][0]["rationale"] == "Keurmerk vervangen door HKZ of ISO 9001."
    nvi = _release(releases, "nvi")["tender"]
    assert nvi["enquiries"][0]["description"] == "Mag een zzp'er meedoen?"
    assert nvi["enquiries"][0]["answer"] == "Ja, onder voorwaarden."
    assert nvi["documents"][0]["url"].endswith("/procedures/jeugdhulp-voorzieningen/nvi/1/")
    moment_ = _release(releases, "toetredingsmoment")["tender"]
    assert moment_["tenderPeriod"] == {"startDate": "2023-05-01T10:00:00+02:00", "endDate": "2023-06-30T10:00:00+02:00"}
    assert not any("S9" in json.dumps(r) for r in releases)


def test_toelating_is_award_en_contract_met_kvk(client, wereld):
    releases = _feed(client)["releases"]
    blijft = wereld["blijft"]
    r = next(r for r in releases if r["id"] == f"{OCID}-toelating-{blijft.pk}")
    kvk = blijft.organisatie.kvk_nummer
    assert r["parties"] == [{"id": f"NL-KVK-{kvk}", "name": "Zorgkracht Gooi B.V.",
                             "identifier": {"scheme": "NL-KVK", "id": kvk, "legalName": "Zorgkracht Gooi B.V."},
                             "address": {"locality": "Hilversum", "countryName": "Nederland"},
                             "roles": ["tenderer", "supplier"]}]
    award, contract = r["awards"][0], r["contracts"][0]
    assert award["suppliers"] == [{"id": f"NL-KVK-{kvk}", "name": "Zorgkracht Gooi B.V."}]
    assert award["relatedLots"] == ["5.10.1"] and [i["id"] for i in award["items"]] == ["5.10.1-43B03"]
    assert contract["awardID"] == award["id"] and contract["status"] == "active"
    assert contract["period"]["startDate"] == "2023-01-01T00:00:00+01:00"


def test_uittreding_beeindigt_het_contract(client, wereld):
    r = _release(_feed(client)["releases"], "uittreding")
    assert r["tag"] == ["contractTermination"]
    assert r["contracts"] == [{
        "id": f"overeenkomst-{wereld['vertrekt'].pk}", "awardID": f"toelating-{wereld['vertrekt'].pk}",
        "status": "terminated", "period": {"startDate": "2023-01-01T00:00:00+01:00", "endDate": "2024-06-30T23:59:59+02:00"},
        "statusDetails": "Opzegging door de aanbieder",
    }]


def test_lopende_opzegging_is_een_contractupdate(client, wereld):
    u = wereld["uittreding"]
    Uittreding.objects.filter(pk=u.pk).update(status="lopend")
    r = _release(_feed(client)["releases"], "uittreding")
    assert r["tag"] == ["contractUpdate"] and r["contracts"][0]["status"] == "active"


def test_addendum_en_indexatie_met_de_tarieven_van_hun_jaar(client, wereld):
    releases = _feed(client)["releases"]
    addendum = _release(releases, "addendum")
    # Tariffs of 2024 (in force from the addendum's ingangsdatum), 003 r. 5326-5340.
    assert _items(addendum) == {"5.10.1-43B03-extra zwaar": 410.61, "5.10.1-43B03-zwaar": 322.46}
    assert addendum["tender"]["amendments"][0]["description"] == "Addendum 1: tarieven 2024"
    indexatie = _release(releases, "indexatie")
    assert _items(indexatie) == {"5.10.1-43B03-extra zwaar": 440.76, "5.10.1-43B03-zwaar": 346.14}
    assert indexatie["tender"]["items"][0]["unit"]["value"]["currency"] == "EUR"
    assert "Concept-addendum" not in json.dumps(releases)


def test_record_toont_laatste_tarieven_alle_aanbieders_en_de_vertrokkene_beeindigd(client, wereld):
    pakket = client.get(f"/api/v1/ocds/records/{OCID}").json()
    record = pakket["records"][0]
    assert record["ocid"] == OCID and len(record["releases"]) == 10
    c = record["compiledRelease"]
    assert c["tag"] == ["compiled"]
    # wholeListMerge (local extension): the newest item list and eisen, not the union of all releases.
    assert _items(c) == {"5.10.1-43B03-extra zwaar": 440.76, "5.10.1-43B03-zwaar": 346.14}
    assert _codes(c["tender"]["criteria"]) == ["G1", "S2"]
    rollen = {p["name"]: p["roles"] for p in c["parties"]}
    assert rollen["Zorgkracht Gooi B.V."] == rollen["Jeugdhuis Huizen B.V."] == ["tenderer", "supplier"]
    assert rollen["Gemeente Hilversum"] == ["payer"]
    status = {k["title"]: k["status"] for k in c["contracts"]}
    assert status == {"Overeenkomst Zorgkracht Gooi B.V.": "active", "Overeenkomst Jeugdhuis Huizen B.V.": "terminated"}
    assert c["tender"]["tenderPeriod"]["startDate"].startswith("2023-05-01")
    assert [a["id"] for a in c["tender"]["amendments"]] == ["wijziging-" + _pk(record["releases"], "wijziging"),
                                                          "rectificatie-1", "addendum-1"]


def test_zelfde_productcode_in_twee_percelen_en_dubbele_eiscodes(client, wereld, procedure, tussenvoorziening):
    """A product code recurs across percelen and an eis code across percelen (both in the demo): ids stay unique."""
    from aanbesteding.models import Eis

    ander = PerceelFactory(aanbesteding=procedure, code="5.11", naam="Ander perceel", volgorde=20)
    product = ProductFactory(perceel=ander, categorie="43", code="43B03", naam="Tussenvoorziening", eenheid="etmaal")
    TariefFactory(product=product, geldig_van=date(2025, 1, 1), geldig_tot=None, bedrag="300.00")
    Eis.objects.create(aanbesteding=procedure, code="G1", tekst="Idem voor 5.11.", soort="uitsluitingsgrond",
                       antwoordtype="ja_nee", perceel=ander)
    releases = _feed(client)["releases"]
    for r in releases:
        for lijst in (r.get("tender", {}).get("items", []), r.get("tender", {}).get("criteria", [])):
            ids = [x["id"] for x in lijst]
            assert len(ids) == len(set(ids)), (r["id"], ids)
    assert "5.11-43B03" in _items(_release(releases, "indexatie"))


def test_samenstellen_zonder_internet(wereld, monkeypatch, procedure):
    """ocdsmerge gets the profile's schema explicitly: without it, it would download the release schema."""
    def geen_netwerk(*args, **kwargs):
        raise AssertionError("ocdsmerge probeerde het internet te bereiken")

    monkeypatch.setattr(socket.socket, "connect", geen_netwerk)
    merger = ocds.samensteller()
    assert merger.merge_rules[("tender", "items")] == "wholeListMerge"
    assert merger.merge_rules[("tag",)] == "omitWhenMerged"
    assert merger.merge_rules[("parties", "roles")] == "wholeListMerge"
    assert merger.merge_rules[("parties", "details", "domains")] == "wholeListMerge"
    assert ("parties",) not in merger.merge_rules  # parties are merged by id


def test_ids_stabiel_en_uniek(client, wereld):
    eerst = [r["id"] for r in _feed(client)["releases"]]
    from django.core.cache import cache

    cache.clear()
    contracteer(wereld["blijft"].aanbesteding, wereld["blijft"].deelnames.get().perceel, naam="Nieuwkomer B.V.")
    daarna = [r["id"] for r in _feed(client)["releases"]]
    assert len(set(daarna)) == len(daarna) == len(eerst) + 1
    assert set(eerst) <= set(daarna)


def test_ocid_voorvoegsel_uit_de_instellingen(client, wereld, settings):
    settings.OCDS_OCID_PREFIX = "ocds-abc123-gooi"
    releases = _feed(client)["releases"]
    assert {r["ocid"] for r in releases} == {"ocds-abc123-gooi-jeugdhulp-voorzieningen"}
    assert client.get("/api/v1/ocds/records/ocds-abc123-gooi-jeugdhulp-voorzieningen").status_code == 200
    assert client.get(f"/api/v1/ocds/records/{OCID}").status_code == 404


def test_pakket_metadata(client, wereld, settings):
    settings.OCDS_UITGEVER_SCHEMA, settings.OCDS_UITGEVER_UID = "NL-KVK", "32165498"
    pakket = _feed(client)
    assert pakket["version"] == "1.1"
    assert pakket["publisher"] == {"name": "Open House portaal (demo)", "scheme": "NL-KVK", "uid": "32165498",
                                   "uri": settings.OCDS_UITGEVER_URI}
    assert pakket["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert pakket["publicationPolicy"] == "http://testserver/api/v1/ocds/profiel#publicatiebeleid"
    assert pakket["extensions"][-1] == "http://testserver/api/v1/ocds/extension/extension.json"
    # publishedDate is the newest release's date: the same data gives the same package.
    assert pakket["publishedDate"] == max(r["date"] for r in pakket["releases"])


def test_concepten_en_procedures_in_voorbereiding_ontbreken(client, wereld):
    concept = AanbestedingFactory(slug="nog-geheim", titel="Nog geheim", status=Aanbesteding.Status.IN_VOORBEREIDING)
    procedurepagina_voor(concept, live=False)
    tekst = json.dumps(_feed(client))
    assert "nog-geheim" not in tekst and "Concept-eis" not in tekst and "Concept-addendum" not in tekst
    assert client.get("/api/v1/ocds/records/ocds-xxxxxx-oh-nog-geheim").status_code == 404
    assert client.get("/api/v1/ocds/procedures/nog-geheim.json").status_code == 404
    assert client.get(FEED, {"procedure": "nog-geheim"}).status_code == 404
    # Only the published indexation round (2025); the concept of 2026 is not there.
    assert sum("-indexatie-" in r["id"] for r in json.loads(tekst)["releases"]) == 1


def test_geen_prive_gegevens(client, wereld):
    from organisaties.models import Organisatie

    for i, ovk in enumerate((wereld["blijft"], wereld["vertrekt"])):
        Organisatie.objects.filter(pk=ovk.organisatie_id).update(
            straat=f"Dorpsweg {i + 12}", contactpersoon=f"Johan Jansen {i}", contact_email=f"johan{i}@zorgkracht.nl")
        ovk.organisatie.refresh_from_db()
    tekst = json.dumps(_feed(client), ensure_ascii=False) + json.dumps(
        client.get(f"/api/v1/ocds/records/{OCID}").json(), ensure_ascii=False)
    for o in (wereld["blijft"].organisatie, wereld["vertrekt"].organisatie):
        assert o.contact_email not in tekst and o.contactpersoon not in tekst and o.straat not in tekst
    assert "jan@voorbeeld.nl" not in tekst  # the question as asked, with the asker's address
    assert "ziekte" not in tekst  # the uittreding's explanation
    assert "@" not in tekst.replace(wereld["blijft"].aanbesteding.regio.contact_email or "\x00", "")


def test_bulkdownload_per_procedure(client, wereld):
    antwoord = client.get("/api/v1/ocds/procedures/jeugdhulp-voorzieningen.json")
    assert antwoord["Content-Disposition"] == f'attachment; filename="{OCID}.json"'
    pakket = antwoord.json()
    assert [r["id"] for r in pakket["releases"]] == [r["id"] for r in _feed(client, procedure="jeugdhulp-voorzieningen")["releases"]]
    assert client.get("/api/v1/ocds/procedures/bestaat-niet.json").status_code == 404


def test_feed_gepagineerd_en_per_regio(client, wereld, procedure):
    eerste = _feed(client, per_pagina=4)
    assert len(eerste["releases"]) == 4 and "pagina=2" in eerste["links"]["next"] and "prev" not in eerste["links"]
    laatste = _feed(client, per_pagina=4, pagina=3)
    assert len(laatste["releases"]) == 2 and "next" not in laatste["links"]
    assert _feed(client, regio=procedure.regio.slug)["releases"][0]["ocid"] == OCID
    assert client.get(FEED, {"regio": "bestaat-niet"}).status_code == 400
    assert client.get(FEED, {"pagina": 99}).status_code == 404
    assert client.get(FEED, {"procedure": "a\x00b"}).status_code == 404
    assert client.get("/api/v1/ocds/records/ocds-xxxxxx-oh-a%00b").status_code == 404


def test_extensie_en_profiel_worden_geserveerd(client, db):
    extensie = client.get("/api/v1/ocds/extension/extension.json").json()
    assert extensie["schemas"] == ["release-schema.json"] and extensie["compatibility"] == ["1.1"]
    assert extensie["documentationUrl"]["en"] == "http://testserver/api/v1/ocds/profiel"
    patch = client.get("/api/v1/ocds/extension/release-schema.json").json()
    assert patch["definitions"]["Tender"]["properties"]["items"] == {"wholeListMerge": True}
    assert "AdmissionWindow" in patch["definitions"]
    assert client.get("/api/v1/ocds/extension/geheim.py").status_code == 404
    profiel = client.get("/api/v1/ocds/profiel")
    assert profiel["Content-Type"].startswith("text/plain") and "## Publicatiebeleid" in profiel.content.decode()


def _procedure_met_gebeurtenissen(i):
    a = AanbestedingFactory(slug=f"extra-{i}", titel=f"Extra {i}", looptijd_start=date(2022, 1, 1))
    procedurepagina_voor(a)
    perceel = PerceelFactory(aanbesteding=a, code=f"{i}.1", naam=f"Perceel {i}")
    product = ProductFactory(perceel=perceel, categorie="45", code=f"45A0{i}", naam=f"Product {i}", eenheid="uur")
    TariefFactory(product=product, geldig_van=date(2022, 1, 1), geldig_tot=None, bedrag="71.38")
    from aanbesteding.models import Toetredingsmoment

    Toetredingsmoment.objects.create(aanbesteding=a, naam="Doorlopend", soort="continu", opent_op=moment(2022, 1, 1))
    ovk = contracteer(a, perceel, naam=f"Aanbieder {i} B.V.")
    # Admitted per product (issue 19): the award's items read product and perceel without a query per row.
    DeelnameProduct.objects.create(deelname=ovk.deelnames.get(), product=product, startdatum=date(2023, 1, 1))


def _aantal_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_feed_met_constant_aantal_queries(client, settings, wereld, django_assert_max_num_queries):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    klein = _aantal_queries(client, FEED)
    for i in range(1, 4):
        _procedure_met_gebeurtenissen(i)
    with django_assert_max_num_queries(klein):
        groot = client.get(FEED).json()
    assert len({r["ocid"] for r in groot["releases"]}) == 4
    assert klein <= 25


def test_feed_uit_de_paginacache_en_vernieuwd_na_een_wijziging(client, wereld, django_assert_num_queries):
    client.get(FEED)
    with django_assert_num_queries(0):
        assert client.get(FEED).status_code == 200
    Uittreding.objects.filter(pk=wereld["uittreding"].pk).update(status="lopend")  # no signal: still cached
    assert _release(client.get(FEED).json()["releases"], "uittreding")["tag"] == ["contractTermination"]
    u = Uittreding.objects.get(pk=wereld["uittreding"].pk)
    u.save()  # a model save is what bumps the publication generation (ADR 0021)
    assert _release(client.get(FEED).json()["releases"], "uittreding")["tag"] == ["contractUpdate"]
