"""Identifiers of Dutch care providers (DOMAIN.md, Actors): KvK 8 digits, vestigingsnummer 12, AGB 8."""

from django.core.validators import RegexValidator

kvk_validator = RegexValidator(r"^\d{8}$", "Een KvK-nummer bestaat uit precies 8 cijfers.", code="kvk")
vestigingsnummer_validator = RegexValidator(
    r"^\d{12}$", "Een vestigingsnummer bestaat uit precies 12 cijfers.", code="vestigingsnummer"
)
agb_validator = RegexValidator(r"^\d{8}$", "Een AGB-code bestaat uit precies 8 cijfers.", code="agb")
postcode_validator = RegexValidator(
    r"^[1-9]\d{3} ?[A-Z]{2}$", "Vul een Nederlandse postcode in, bijvoorbeeld 1211 AB.", code="postcode"
)
