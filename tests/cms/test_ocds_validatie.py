"""Every OCDS package the portal publishes passes libcoveocds (the validator of OCDS' own Data Review Tool) with
zero errors (issue 16): the whole feed, the bulk file of a procedure and the record package.

Offline, honestly (docs/ocds-profiel.md, "Validatie"):
- The standard is the local OCDS 1.1.5 built by tests/cms/ocds_standaard.py (``make install``) from the PyPI sdist of
  ocdskit: the 1.1.5 release schema patched with the registered extensions, among them the four official ones the
  profile declares (lots, techniques, requirements, enquiries).
- The profile's local extension (cms/ocds_extension/release-schema.json) is applied to that release schema here,
  with JSON Merge Patch as the extension registry does, so its fields are checked too.
- The declared extension URLs cannot be fetched here; libcoveocds would try. So the package is validated without
  its ``extensions`` list, and that list is checked separately against the one the profile documents.
- With every field in the schema, libcoveocds finds no additional fields either: nothing the portal publishes is
  outside the profile.
"""

import copy
import io
import json
import zipfile
from pathlib import Path

import json_merge_patch
import jsonschema
import pytest
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from cms import ocds

from . import ocds_standaard
from .ocds_wereld import bouw_wereld

pytestmark = pytest.mark.django_db

OCID = "ocds-xxxxxx-oh-jeugdhulp-voorzieningen"
PROFIEL = Path(__file__).resolve().parents[2] / "docs" / "ocds-profiel.md"


@pytest.fixture(scope="session")
def standaard(tmp_path_factory):
    """A file:// URL to the local standard with the local extension applied to its release schema."""
    bron = ocds_standaard.bouw()  # already there after `make install`; built (from PyPI) when missing
    doel = tmp_path_factory.mktemp("ocds") / "standaard-met-profiel.zip"
    patch = json.loads((Path(ocds.EXTENSIE_MAP) / "release-schema.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(bron) as zin, zipfile.ZipFile(doel, "w", zipfile.ZIP_DEFLATED) as zuit:
        for naam in zin.namelist():
            inhoud = zin.read(naam)
            if naam.endswith("/schema/release-schema.json"):
                inhoud = json.dumps(json_merge_patch.merge(json.loads(inhoud), patch)).encode()
            zuit.writestr(naam, inhoud)
    return f"file://{doel}"


def valideer(pakket: dict, standaard: str) -> dict:
    """libcoveocds' report on ``pakket`` against the local standard, without internet (see the module docstring)."""
    zonder = copy.deepcopy(pakket)
    zonder.pop("extensions", None)
    config = LibCoveOCDSConfig({"context": "api", "standard_zip": standaard})
    return ocds_json_output(json_data=zonder, lib_cove_ocds_config=config)


def _zonder_fouten(rapport):
    assert rapport["validation_errors"] == [], json.dumps(rapport["validation_errors"], indent=1)[:3000]
    assert rapport["additional_fields"] == [], rapport["additional_fields"]
    assert rapport["additional_closed_codelist_values"] == {}, rapport["additional_closed_codelist_values"]


@pytest.fixture
def wereld(procedure, tussenvoorziening):
    return bouw_wereld(procedure, tussenvoorziening)


def test_releasepakket_van_de_hele_feed_zonder_fouten(client, wereld, standaard):
    pakket = client.get("/api/v1/ocds/releases").json()
    rapport = valideer(pakket, standaard)
    _zonder_fouten(rapport)
    assert rapport["version_used"] == "1.1" and rapport["count"] == 10


def test_bulkbestand_van_een_procedure_zonder_fouten(client, wereld, standaard):
    pakket = client.get("/api/v1/ocds/procedures/jeugdhulp-voorzieningen.json").json()
    _zonder_fouten(valideer(pakket, standaard))


def valideer_recordpakket(pakket: dict, standaard: str) -> tuple[list[str], dict]:
    """A record package in two honest parts, because libcoveocds on a record package dereferences the 7 MB
    record-package schema three times over (60-100 s per package, most of the suite's OCDS time): the envelope against
    the standard's record-package schema with jsonschema (the profile's release schema resolved locally, no
    internet), and every release in it (``releases`` and ``compiledRelease``) through libcoveocds as a release
    package, so additional fields and closed codelists are checked as for the feed."""
    with zipfile.ZipFile(Path(standaard.removeprefix("file://"))) as z:
        schema = json.loads(z.read("standard-1__1__5/schema/record-package-schema.json"))
        release = json.loads(z.read("standard-1__1__5/schema/release-schema.json"))
    register = Registry().with_resource(release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    validator = jsonschema.Draft4Validator(schema, registry=register, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    zonder = copy.deepcopy(pakket)
    zonder.pop("extensions", None)
    envelop = sorted(f"{'/'.join(map(str, f.absolute_path))}: {f.message}" for f in validator.iter_errors(zonder))
    # Two release packages: a compiled release carries the id of the latest release it compiles (ocdsmerge), and one
    # package may not hold the same ocid/id twice.
    kop = {k: v for k, v in zonder.items() if k not in ("records", "packages")}
    records = zonder.get("records", [])
    rapporten = [valideer(kop | {"releases": releases}, standaard) for releases in (
        [r for record in records for r in record.get("releases", [])],
        [record["compiledRelease"] for record in records if record.get("compiledRelease")],
    )]
    samen = {sleutel: [f for r in rapporten for f in r[sleutel]] for sleutel in ("validation_errors", "additional_fields")}
    samen["additional_closed_codelist_values"] = {k: v for r in rapporten for k, v in r["additional_closed_codelist_values"].items()}
    samen["count"] = sum(r["count"] for r in rapporten)
    return envelop, samen


def test_recordpakket_zonder_fouten(client, wereld, standaard):
    pakket = client.get(f"/api/v1/ocds/records/{OCID}").json()
    envelop, rapport = valideer_recordpakket(pakket, standaard)
    assert envelop == []
    _zonder_fouten(rapport)
    record = pakket["records"][0]
    assert len(pakket["records"]) == 1 and rapport["count"] == len(record["releases"]) + 1
    assert record["compiledRelease"]["tag"] == ["compiled"]


def test_een_kapot_recordpakket_geeft_fouten(client, wereld, standaard):
    """The record check can fail in both parts: the envelope (a record without ocid, a compiledRelease of the wrong
    type in its date) and a release inside it (an amount as text)."""
    pakket = client.get(f"/api/v1/ocds/records/{OCID}").json()
    record = pakket["records"][0]
    record["compiledRelease"]["date"] = 20210104
    record["releases"][0]["tender"] = {"id": "x", "items": [{"id": "1", "unit": {"value": {"amount": "322,46"}}}]}
    pakket["records"].append({"releases": []})
    envelop, rapport = valideer_recordpakket(pakket, standaard)
    assert "records/1: 'ocid' is a required property" in envelop
    assert "records/0/compiledRelease/date: 20210104 is not of type 'string'" in envelop
    fouten = {(f["field"], f["type"]) for f in rapport["validation_errors"]}
    assert ("releases/date", "string") in fouten
    assert ("releases/tender/items/unit/value/amount", "number") in fouten


def test_een_kapot_pakket_geeft_fouten(client, wereld, standaard):
    """The check can fail: a wrong type, a tag outside the closed codelist and a missing required field."""
    pakket = client.get("/api/v1/ocds/releases", {"per_pagina": 2}).json()
    pakket["releases"][0]["date"] = 20210104
    del pakket["releases"][1]["ocid"]
    pakket["releases"][1]["tender"] = {"id": "x", "items": [{"id": "1", "unit": {"value": {"amount": "322,46"}}}]}
    rapport = valideer(pakket, standaard)
    fouten = {(f["field"], f["type"]) for f in rapport["validation_errors"]}
    assert ("releases/date", "string") in fouten
    assert ("releases", "required") in fouten
    assert ("releases/tender/items/unit/value/amount", "number") in fouten


def test_extensies_zoals_het_profiel_ze_noemt(client, db):
    """The declared extensions (not fetched offline) are the ones docs/ocds-profiel.md documents."""
    pakket = client.get("/api/v1/ocds/releases").json()
    assert pakket["extensions"] == [*ocds.OFFICIELE_EXTENSIES, "http://testserver/api/v1/ocds/extension/extension.json"]
    tekst = PROFIEL.read_text(encoding="utf-8")
    for url in ocds.OFFICIELE_EXTENSIES:
        assert url in tekst


def test_lokale_standaard_is_de_echte_1_1_5(standaard):
    with zipfile.ZipFile(io.BytesIO(Path(standaard.removeprefix("file://")).read_bytes())) as z:
        pakketschema = json.loads(z.read("standard-1__1__5/schema/release-package-schema.json"))
        release = json.loads(z.read("standard-1__1__5/schema/release-schema.json"))
        codelijst = z.read("standard-1__1__5/schema/codelists/releaseTag.csv").decode()
    assert pakketschema["id"] == "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"
    assert release["id"] == "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
    assert release["properties"]["initiationType"]["enum"] == ["tender"]
    assert "contractTermination" in codelijst.splitlines()
    # The local extension is applied: its admission windows are in the schema libcoveocds validates against.
    assert "AdmissionWindow" in release["definitions"]
