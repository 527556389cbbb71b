"""Build the local OCDS 1.1.5 standard that the tests validate the portal's OCDS packages against (issue 16).

libcoveocds (the validator OCDS' own Data Review Tool uses) downloads the standard from GitHub; this machine and CI
have no internet except the package registries, and we do not commit schema files copied from GitHub. The PyPI
sdist of ocdskit 1.7.0 (Open Contracting Partnership, BSD-3) ships genuine OCDS 1.1.5 schemas as test fixtures:

- ``tests/fixtures/release-package-schema.json``: the 1.1.5 release package schema, unchanged;
- ``tests/fixtures/a/release-schema.json``: the 1.1.5 release schema patched with the registered extensions
  (lots, techniques, requirements, selectionCriteria, bids, tariffs, enquiries, ... ; the fields of each carry an
  ``extension`` annotation naming the extension they come from);
- ``tests/fixtures/a/record-package-schema-dereferenced.json``: the 1.1.5 record package schema, dereferenced.

This script downloads that sdist with pip (the ordinary client of the registry; its sha256 is pinned below),
and writes a ZIP laid out like the open-contracting/standard repository (``<top>/schema/...``), which is what
libcoveocds' ``standard_zip`` setting accepts (ocdsextensionregistry.util._resolve_zip; a plain directory is
flattened there, so a ZIP it is). Two files are derived, not copied:

- ``record-package-schema.json``: the dereferenced record schema with ``compiledRelease`` and the embedded
  releases pointing (``$ref``) at the release schema again, as in the standard, so libcoveocds can put its patched
  release schema in (``versionedRelease`` stays inline, dereferenced as in the sdist);
- ``versioned-release-validation-schema.json``: computed from the release schema with
  ``ocdsextensionregistry.versioned_release_schema.get_versioned_release_schema`` (the function the registry uses).

The codelist CSVs are not in the sdist, and libcoveocds 0.17 crashes without any (schema.py process_codelists
calls ``cache_clear`` on an uncached method). The closed codelists are in the release schema as ``enum``s, so
``codelists/<naam>.csv`` is written for each closed codelist from its ``enum`` (column ``Code``): exactly the codes
of the closed codelist. Open codelists (partyRole, itemClassificationScheme, ...) have no ``enum`` and get no CSV;
lib-cove skips a codelist it has no codes for (libcove.lib.common.get_additional_codelist_values), so their values
are not checked offline. docs/ocds-profiel.md says so. Run by ``make install``; idempotent: an existing ZIP of the same build is kept.

    python tests/cms/ocds_standaard.py [doelmap]     # default .venv/ocds-standaard
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import warnings
import zipfile
from pathlib import Path

SDIST = "ocdskit==1.7.0"
SDIST_NAAM = "ocdskit-1.7.0.tar.gz"
SDIST_SHA256 = "02a7d6182bbd7672cfd26cdbcae9726fbacdb917203d2bd5a726caa30040ff76"
TAG = "1__1__5"
# Changes when this script builds something else: an older ZIP is then rebuilt.
BOUW = "3"
ZIPNAAM = f"standard-{TAG}-{BOUW}.zip"
BASIS = f"https://standard.open-contracting.org/schema/{TAG}/"

STANDAARD_MAP = Path(__file__).resolve().parents[2] / ".venv" / "ocds-standaard"


def zip_pad(map_: Path = STANDAARD_MAP) -> Path:
    return map_ / ZIPNAAM


def _sdist(map_: Path) -> bytes:
    pad = map_ / SDIST_NAAM
    if not pad.exists():
        map_.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", SDIST, "-d", tmp],
                check=True,
            )
            os.replace(Path(tmp) / SDIST_NAAM, pad)
    inhoud = pad.read_bytes()
    if hashlib.sha256(inhoud).hexdigest() != SDIST_SHA256:
        pad.unlink()
        raise SystemExit(f"{SDIST_NAAM}: onverwachte sha256; verwijderd, probeer opnieuw.")
    return inhoud


def _lees(tar: tarfile.TarFile, naam: str) -> dict:
    return json.load(tar.extractfile(f"ocdskit-1.7.0/tests/fixtures/{naam}"))


def _record_package_schema(gederefereerd: dict) -> dict:
    """The record package schema with its record as ``definitions.record`` and the release schemas as ``$ref``s
    (the shape of the standard's own file, which libcoveocds.schema.SchemaOCDS.get_pkg_schema_obj expects)."""
    schema = {k: v for k, v in gederefereerd.items() if k != "properties"}
    schema["properties"] = dict(gederefereerd["properties"])
    record = json.loads(json.dumps(schema["properties"]["records"]["items"]))
    release = {"$ref": f"{BASIS}release-schema.json"}
    record["properties"]["compiledRelease"] = {"title": "Compiled release", **release}
    record["properties"]["releases"]["oneOf"][1]["items"] = release
    # versionedRelease stays inline, as the sdist has it: libcoveocds dereferences the record package schema with
    # jsonref and would fetch a $ref to the versioned schema from the internet (it replaces only the two above).
    schema["properties"]["records"] = {**schema["properties"]["records"], "items": {"$ref": "#/definitions/record"}}
    schema["definitions"] = {"record": record}
    return schema


def _gesloten_codelijsten(schema) -> dict[str, list[str]]:
    """Each closed codelist of the schema with the codes of its ``enum`` (on the field or on its ``items``)."""
    lijsten: dict[str, list[str]] = {}

    def loop(x):
        if isinstance(x, dict):
            naam = x.get("codelist")
            if isinstance(naam, str) and x.get("openCodelist") is False:
                enum = x.get("enum") or (x.get("items") or {}).get("enum") or []
                codes = lijsten.setdefault(naam, [])
                codes.extend(c for c in enum if isinstance(c, str) and c not in codes)
            for v in x.values():
                loop(v)
        elif isinstance(x, list):
            for v in x:
                loop(v)

    loop(schema)
    return {naam: codes for naam, codes in lijsten.items() if codes}


def bouw(map_: Path = STANDAARD_MAP) -> Path:
    doel = zip_pad(map_)
    if doel.exists():
        return doel
    from ocdsextensionregistry.versioned_release_schema import get_versioned_release_schema

    with tarfile.open(fileobj=io.BytesIO(_sdist(map_))) as tar:
        release = _lees(tar, "a/release-schema.json")
        # The profile in the fixture includes the PPP extension, which narrows the closed initiationType codelist to
        # "ppp". Every enum of the core release schema (tests/fixtures/release-schema.json) is kept by the profile
        # except this one; the core definition ("tender") is put back.
        release["properties"]["initiationType"] = _lees(tar, "release-schema.json")["properties"]["initiationType"]
        bestanden = {
            "release-schema.json": release,
            "release-package-schema.json": _lees(tar, "release-package-schema.json"),
            "record-package-schema.json": _record_package_schema(_lees(tar, "a/record-package-schema-dereferenced.json")),
        }
        with warnings.catch_warnings():
            # It warns about the many extension fields with a type it leaves unversioned; harmless here.
            warnings.simplefilter("ignore")
            bestanden["versioned-release-validation-schema.json"] = get_versioned_release_schema(
                json.loads(json.dumps(release)), TAG
            )
    tijdelijk = doel.with_suffix(".tmp")
    with zipfile.ZipFile(tijdelijk, "w", zipfile.ZIP_DEFLATED) as z:
        # ocdsextensionregistry takes the first entry as the top directory and reads <top>/schema/<naam>.
        z.writestr(f"standard-{TAG}/", "")
        z.writestr(f"standard-{TAG}/schema/", "")
        for naam, inhoud in bestanden.items():
            z.writestr(f"standard-{TAG}/schema/{naam}", json.dumps(inhoud, ensure_ascii=False))
        z.writestr(f"standard-{TAG}/schema/codelists/", "")
        for naam, codes in sorted(_gesloten_codelijsten(release).items()):
            z.writestr(f"standard-{TAG}/schema/codelists/{naam}", "Code\n" + "".join(f"{c}\n" for c in codes))
    os.replace(tijdelijk, doel)
    return doel


if __name__ == "__main__":
    print(bouw(Path(sys.argv[1]) if len(sys.argv) > 1 else STANDAARD_MAP))
