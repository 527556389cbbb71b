"""After a restore: does every stored private file still match the database that points at it?

A back-up is two things taken at slightly different moments: the database dump and a copy of the storage
(docs/backup-en-herstel.md). After a restore the database may name a file that the storage copy lacks, or a
file may have been damaged on the way. The models that keep a file keep its sha256 next to it (ARCHITECTURE.md
rule 5), so the restored pair can be checked file by file.

core imports no domain app: each owning app registers its file fields here from its ``AppConfig.ready()``
(``registreer_bestand``), explicitly, the way ``organisaties.portaal.registreer_link`` works. The management
command ``herstel_controleren`` runs ``controleer`` and reports per model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files import File

from core.uploads import _tel_en_hash


@dataclass(frozen=True)
class Bestandsregistratie:
    """One file field to check: ``sha256veld`` names the field with the recorded sha256; ``verzegeld`` says the
    file is a sealed PDF whose sha256 core.zegel registered (Zegelregistratie), for files that keep no sha256 of
    their own. With neither, only the file's presence is checked."""

    model: type
    bestandsveld: str
    sha256veld: str = ""
    verzegeld: bool = False

    @property
    def sleutel(self) -> str:
        return f"{self.model._meta.label}.{self.bestandsveld}"


_REGISTRATIES: dict[str, Bestandsregistratie] = {}


def registreer_bestand(model, bestandsveld: str, *, sha256veld: str = "", verzegeld: bool = False) -> None:
    """Register a private file field for the restore check. Called from the owning app's ``ready()``; calling it
    twice for the same field keeps one registration."""
    model._meta.get_field(bestandsveld)  # a typo fails at start-up, not during a restore
    if sha256veld:
        model._meta.get_field(sha256veld)
    registratie = Bestandsregistratie(model, bestandsveld, sha256veld, verzegeld)
    _REGISTRATIES[registratie.sleutel] = registratie


def registraties() -> list[Bestandsregistratie]:
    return sorted(_REGISTRATIES.values(), key=lambda r: r.sleutel)


ONTBREEKT = "ontbreekt"
AFWIJKEND = "afwijkend"
NIET_VERZEGELD = "niet_geregistreerd"

OMSCHRIJVING = {
    ONTBREEKT: "bestand ontbreekt in de opslag",
    AFWIJKEND: "sha256 wijkt af van de database",
    NIET_VERZEGELD: "sha256 staat niet in het zegelregister",
}


@dataclass(frozen=True)
class Bevinding:
    """One file that is not as the database says."""

    model: str
    veld: str
    pk: str
    naam: str
    soort: str
    verwacht: str = ""
    gevonden: str = ""

    @property
    def omschrijving(self) -> str:
        return OMSCHRIJVING[self.soort]


@dataclass
class Modeluitslag:
    """The result for one registered field: how many rows were checked and what was wrong."""

    model: str
    veld: str
    verbose_name: str
    gecontroleerd: int = 0
    zonder_sha256: int = 0
    bevindingen: list[Bevinding] = field(default_factory=list)

    @property
    def in_orde(self) -> int:
        return self.gecontroleerd - len(self.bevindingen)


@dataclass
class Rapport:
    uitslagen: list[Modeluitslag]
    steekproef: int | None = None

    @property
    def bevindingen(self) -> list[Bevinding]:
        return [b for u in self.uitslagen for b in u.bevindingen]

    @property
    def gecontroleerd(self) -> int:
        return sum(u.gecontroleerd for u in self.uitslagen)

    @property
    def in_orde(self) -> bool:
        return not self.bevindingen

    def als_dict(self) -> dict:
        return {
            "in_orde": self.in_orde,
            "steekproef": self.steekproef,
            "gecontroleerd": self.gecontroleerd,
            "aantal_bevindingen": len(self.bevindingen),
            "modellen": [
                {"model": u.model, "veld": u.veld, "naam": u.verbose_name, "gecontroleerd": u.gecontroleerd,
                 "in_orde": u.in_orde, "zonder_sha256": u.zonder_sha256,
                 "bevindingen": [{"pk": b.pk, "bestand": b.naam, "soort": b.soort, "omschrijving": b.omschrijving,
                                  "verwacht": b.verwacht, "gevonden": b.gevonden} for b in u.bevindingen]}
                for u in self.uitslagen
            ],
        }


def _sha256_in_opslag(storage, naam: str) -> str | None:
    """The sha256 of the stored file, or None when the storage does not have it (local folder or S3 alike)."""
    try:
        handle = storage.open(naam, "rb")
    except (FileNotFoundError, OSError):
        return None
    with handle:
        return _tel_en_hash(File(handle))[1]


def _controleer_registratie(registratie: Bestandsregistratie, steekproef: int | None, geregistreerd) -> Modeluitslag:
    model, veld = registratie.model, registratie.bestandsveld
    storage = model._meta.get_field(veld).storage
    uitslag = Modeluitslag(model._meta.label, veld, str(model._meta.verbose_name_plural))
    velden = ["pk", veld] + ([registratie.sha256veld] if registratie.sha256veld else [])
    rijen = model._default_manager.exclude(**{veld: ""}).exclude(**{f"{veld}__isnull": True}).order_by("pk")
    if steekproef is not None:
        # A random sample per field: a fast check right after a restore, the full run afterwards.
        rijen = rijen.order_by("?")[:steekproef]
    for rij in rijen.values_list(*velden).iterator():
        pk, naam = rij[0], rij[1]
        verwacht = rij[2] if registratie.sha256veld else ""
        uitslag.gecontroleerd += 1
        gevonden = _sha256_in_opslag(storage, naam)
        soort = None
        if gevonden is None:
            soort = ONTBREEKT
        elif verwacht:
            if gevonden != verwacht:
                soort = AFWIJKEND
        elif registratie.verzegeld:
            if not geregistreerd(gevonden):
                soort = NIET_VERZEGELD
        else:
            uitslag.zonder_sha256 += 1
        if soort:
            uitslag.bevindingen.append(Bevinding(model._meta.label, veld, str(pk), naam, soort, verwacht, gevonden or ""))
    return uitslag


def controleer(*, steekproef: int | None = None) -> Rapport:
    """Check every registered file field: the file exists in its storage and its sha256 matches the database
    (or, for sealed PDFs without their own sha256 field, the zegel register). Reads only; writes nothing.
    ``steekproef`` checks at most that many random rows per field."""
    from core.models import Zegelregistratie

    def geregistreerd(sha256: str) -> bool:
        return Zegelregistratie.objects.filter(sha256=sha256).exists()

    return Rapport([_controleer_registratie(r, steekproef, geregistreerd) for r in registraties()], steekproef)
