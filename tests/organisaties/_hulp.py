"""Shared helpers for the organisaties tests: audit assertions and a valid organisation."""

from core.models import AuditRegel

GELDIG = {
    "naam": "Zorg aan de Vecht B.V.", "kvk_nummer": "12345678", "vestigingsnummer": "000012345678",
    "agb_code": "75991234", "rechtsvorm": "bv", "straat": "Vechtdijk 3", "postcode": "1231 AB",
    "plaats": "Loosdrecht", "contactpersoon": "A. de Vries", "contact_email": "info@vecht.example",
    "contact_telefoon": "035-1234567",
}


def auditregels(obj, actie):
    """The audit entries with exactly this action literal about ``obj``."""
    return list(AuditRegel.objects.voor_object(obj).filter(actie=actie))


def enige_auditregel(obj, actie):
    regels = auditregels(obj, actie)
    assert len(regels) == 1, f"verwacht één auditregel {actie!r}, gevonden {len(regels)}"
    return regels[0]


def geen_audit():
    """Refusals leave the trail untouched: count before, compare after."""
    return AuditRegel.objects.count()
