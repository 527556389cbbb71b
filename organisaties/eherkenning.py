"""eHerkenning for providers (issue 16): what an assertion must hold before the portal trusts it.

The SAML exchange itself (AuthnRequest, artifact resolution, signatures, decryption of the encrypted pseudonym)
is django-digid-eherkenning's; this module reads the result. Per the Afsprakenstelsel Elektronische Toegangsdiensten
(the eHerkenning rules) an assertion carries:

- ``urn:etoegang:core:LegalSubjectID`` with a NameID qualified ``urn:etoegang:1.9:EntityConcernedID:KvKnr``: the
  company the person acts for (its KvK number);
- ``urn:etoegang:core:ActingSubjectID``: the person, an (encrypted) pseudonym per service provider;
- the level of assurance in ``AuthnContextClassRef`` (``urn:etoegang:core:assurance-class:loa3`` = eH3).

The portal asks eH3 at least: eH3 is two-factor, so it stands in for the password + TOTP of a provider account.
"""

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError

from .validators import kvk_validator

KVK_KWALIFICATIE = "urn:etoegang:1.9:EntityConcernedID:KvKnr"
LEGAL_SUBJECT = "urn:etoegang:core:LegalSubjectID"
ACTING_SUBJECT = "urn:etoegang:core:ActingSubjectID"

# The assurance classes of the Afsprakenstelsel, low to high (django-digid-eherkenning choices.AssuranceLevels).
NIVEAUS = (
    "urn:etoegang:core:assurance-class:loa1",
    "urn:etoegang:core:assurance-class:loa2",
    "urn:etoegang:core:assurance-class:loa2plus",
    "urn:etoegang:core:assurance-class:loa3",
    "urn:etoegang:core:assurance-class:loa4",
)
MINIMAAL_NIVEAU = "urn:etoegang:core:assurance-class:loa3"
NIVEAU_NAMEN = {
    NIVEAUS[0]: "eH1", NIVEAUS[1]: "eH2", NIVEAUS[2]: "eH2+", NIVEAUS[3]: "eH3", NIVEAUS[4]: "eH4",
}

# The session of an eHerkenning login: the KvK number it acts for (organisaties.middleware narrows the
# organisations to it) and, between the broker and the link page, the proof not yet linked to an account.
SESSIE_KVK = "eherkenning_kvk"
SESSIE_NIVEAU = "eherkenning_niveau"
SESSIE_BEWIJS = "eherkenning_bewijs"


class EherkenningFout(Exception):
    """An eHerkenning login the portal refuses; ``code`` for tests and the audit, ``bericht`` for the user."""

    BERICHTEN = {
        "geannuleerd": "U heeft het inloggen met eHerkenning afgebroken, of het is niet gelukt. Probeer het opnieuw "
                       "of log in met uw e-mailadres en wachtwoord.",
        "technisch": "Het inloggen met eHerkenning is niet gelukt door een technische fout. Probeer het later "
                     "opnieuw of log in met uw e-mailadres en wachtwoord.",
        "niveau_te_laag": "U logde in met eHerkenning op niveau {niveau}. Dit portaal vraagt minstens niveau eH3. "
                          "Vraag uw eHerkenningsleverancier om een middel op niveau eH3 of hoger.",
        "geen_kvk": "eHerkenning gaf geen geldig KvK-nummer door. Controleer of uw machtiging voor deze dienst op "
                    "het KvK-nummer van uw organisatie staat.",
        "geen_pseudoniem": "eHerkenning gaf niet door wie u bent (geen pseudoniem). Probeer het opnieuw of neem "
                           "contact op met uw eHerkenningsleverancier.",
        "geen_aanbieder": "Het KvK-nummer {kvk} hoort bij een opdrachtgever, niet bij een zorgaanbieder. "
                          "Medewerkers van een inkoopbureau loggen in met hun wachtwoord en tweestapsverificatie.",
        "andere_organisatie": "Uw eHerkenning-identiteit is gekoppeld aan een andere organisatie dan KvK-nummer "
                              "{kvk}. U kunt met eHerkenning alleen optreden voor de organisatie waarvoor u de "
                              "koppeling maakte.",
        "staf": "Medewerkers van het inkoopbureau loggen in met wachtwoord en tweestapsverificatie, niet met "
                "eHerkenning.",
        "geen_lid": "U bent geen lid (meer) van {organisatie}. Vraag een beheerder van uw organisatie om een "
                    "uitnodiging.",
        "verlopen": "Uw eHerkenning-sessie is verlopen. Log opnieuw in met eHerkenning.",
    }

    def __init__(self, code: str, **waarden):
        self.code = code
        self.bericht = self.BERICHTEN[code].format(**waarden)
        super().__init__(self.bericht)


@dataclass(frozen=True)
class Bewijs:
    """What the broker asserted: this person (pseudonym) acts for this company (KvK) at this level."""

    pseudoniem: str
    kvk_nummer: str
    niveau: str

    @property
    def niveau_naam(self) -> str:
        return NIVEAU_NAMEN.get(self.niveau, self.niveau or "onbekend")

    def als_sessie(self) -> dict:
        return asdict(self)

    @classmethod
    def uit_sessie(cls, gegevens) -> "Bewijs":
        if not isinstance(gegevens, dict):
            raise EherkenningFout("verlopen")
        return cls(**{veld: str(gegevens.get(veld, "")) for veld in ("pseudoniem", "kvk_nummer", "niveau")})


def controleer(*, pseudoniem: str, kvk_nummer: str, niveau: str) -> Bewijs:
    """The portal's own checks on an assertion, the same for the broker and the demo's mock: level eH3 or higher
    (an unknown level is too low), a valid KvK number (8 digits, organisaties.validators), a pseudonym."""
    if niveau not in NIVEAUS or NIVEAUS.index(niveau) < NIVEAUS.index(MINIMAAL_NIVEAU):
        raise EherkenningFout("niveau_te_laag", niveau=NIVEAU_NAMEN.get(niveau, niveau or "onbekend"))
    kvk_nummer = (kvk_nummer or "").strip()
    try:
        kvk_validator(kvk_nummer)
    except ValidationError:
        raise EherkenningFout("geen_kvk") from None
    pseudoniem = (pseudoniem or "").strip()
    if not pseudoniem or len(pseudoniem) > 255:
        raise EherkenningFout("geen_pseudoniem")
    return Bewijs(pseudoniem=pseudoniem, kvk_nummer=kvk_nummer, niveau=niveau)


def _naam_id(waarde, kwalificatie: str | None = None) -> str:
    """python3-saml gives a NameID inside an AttributeValue (also a decrypted EncryptedID) as a dict."""
    if isinstance(waarde, dict) and isinstance(waarde.get("NameID"), dict):
        naam_id = waarde["NameID"]
        if kwalificatie is None or naam_id.get("NameQualifier") == kwalificatie:
            return naam_id.get("value") or ""
        return ""
    if kwalificatie is None and isinstance(waarde, str):
        return waarde
    return ""


def bewijs_uit_saml(attributen: dict, klassen: list[str]) -> Bewijs:
    """The assertion of a resolved SAML response (``get_attributes()``, ``get_authn_contexts()``) as a checked
    Bewijs. Exactly one KvK number: two companies in one assertion would leave the portal to guess."""
    kvk = [w for w in (_naam_id(v, KVK_KWALIFICATIE) for v in attributen.get(LEGAL_SUBJECT, [])) if w]
    pseudoniemen = [w for w in (_naam_id(v) for v in attributen.get(ACTING_SUBJECT, [])) if w]
    niveau = next((k for k in reversed(NIVEAUS) if k in klassen), klassen[0] if klassen else "")
    if len(set(kvk)) != 1:
        # First the level: a too-low login must say so, whatever else is missing.
        controleer(pseudoniem="x", kvk_nummer="00000000", niveau=niveau)
        raise EherkenningFout("geen_kvk")
    return controleer(pseudoniem=pseudoniemen[0] if len(set(pseudoniemen)) == 1 else "", kvk_nummer=kvk[0],
                      niveau=niveau)
