"""Identifiers of Dutch care providers (DOMAIN.md, Actors): KvK 8 digits, vestigingsnummer 12, AGB 8."""

from django.core.validators import RegexValidator

kvk_validator = RegexValidator(r"^[0-9]{8}\Z", "Een KvK-nummer bestaat uit precies 8 cijfers.", code="kvk")
vestigingsnummer_validator = RegexValidator(
    r"^[0-9]{12}\Z", "Een vestigingsnummer bestaat uit precies 12 cijfers.", code="vestigingsnummer"
)
agb_validator = RegexValidator(r"^[0-9]{8}\Z", "Een AGB-code bestaat uit precies 8 cijfers.", code="agb")
postcode_validator = RegexValidator(
    r"^[1-9][0-9]{3} ?[A-Z]{2}\Z", "Vul een Nederlandse postcode in, bijvoorbeeld 1211 AB.", code="postcode"
)
