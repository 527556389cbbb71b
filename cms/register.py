"""The public register of contracted providers, read from overeenkomst (issue 3; DOMAIN.md step 6: main
contractors and subcontractors on separate tabs, as the ROB site publishes them)."""

from dataclasses import dataclass

from aanbesteding.models import DeelnemendeGemeente
from overeenkomst.selectors import register_van, registerwijzigingen_van

VELDEN = [
    "soort", "naam", "vestigingsplaats", "agb_code", "kvk_nummer", "hoofdaannemer", "percelen", "productcodes",
    "startdatum", "einddatum", "status",
]


@dataclass
class Register:
    hoofdaannemers: list
    onderaannemers: list


def _als_dict(regel) -> dict:
    return {
        "naam": regel.naam,
        "vestigingsplaats": regel.vestigingsplaats,
        "agb_code": regel.agb_code,
        "kvk_nummer": regel.kvk_nummer,
        "hoofdaannemer": regel.hoofdaannemer or "",
        "percelen": " ".join(p.code for p in regel.percelen),
        "productcodes": " ".join(regel.productcodes),
        "startdatum": regel.startdatum.isoformat() if regel.startdatum else "",
        "einddatum": regel.einddatum.isoformat() if regel.einddatum else "",
        "status": regel.status_label,
    }


class _Regel:
    """A register line with its display texts computed once (500 lines with ~50 product codes each would
    otherwise cost the template tens of thousands of lookups and escapes) and the export helper."""

    def __init__(self, regel):
        self._regel = regel
        self.percelen_tekst = ", ".join(
            p.code if p.status == "actief" else f"{p.code} ({p.status_label})" for p in regel.percelen
        )
        self.productcodes_tekst = ", ".join(regel.productcodes)

    def __getattr__(self, naam):
        return getattr(self._regel, naam)

    def als_dict(self) -> dict:
        return _als_dict(self._regel)


def register(aanbesteding, *, zoek: str = "", gemeente: str = "", productcode: str = "") -> Register:
    """The register split in main contractors and subcontractors; filters passed to overeenkomst."""
    regels = register_van(aanbesteding, zoek=zoek or None, gemeente=gemeente or None, productcode=productcode or None)
    hoofd = [_Regel(r) for r in regels if r.rol == "hoofdaannemer"]
    onder = [_Regel(r) for r in regels if r.rol == "onderaannemer"]
    return Register(hoofd, onder)


def gemeenten(aanbesteding) -> list[str]:
    """Names of the participating municipalities, for the municipality filter."""
    return sorted(set(
        DeelnemendeGemeente.objects.filter(aanbesteding=aanbesteding).values_list("gemeente__naam", flat=True)
    ))


def wijzigingen(aanbesteding) -> list:
    """The register's change history: name and address changes of its contracted providers (issue 11)."""
    return registerwijzigingen_van(aanbesteding)
