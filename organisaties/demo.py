"""Demo data for organisaties: regions, municipalities, providers and the demo accounts (issues 2 and 17).

Staff accounts per region (``inkoper@gooi.example``, ``inkoper@mlo.example``, ...) see only their own region;
the older ``*@regio.example`` accounts hold their role in every demo region; ``platform@portaal.example`` is the
platform administrator, who manages regions and bureau accounts and sees no content. Every role is granted
through ``services.regiorol_toekennen``, by that platform administrator.

Demo only: the command refuses to run unless settings.DEMO_DATA_TOEGESTAAN (never in production).
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.models import Group

from bronnen import rob
from bronnen.regio import AANBIEDERS as REGIO_AANBIEDERS
from bronnen.regio import REGIOS as BRON_REGIOS
from core import zegel

from .models import EherkenningKoppeling, Gemeente, Lidmaatschap, Organisatie, Rechtsvorm, Regio, Rol, User
from .rollen import (
    BEOORDELAAR,
    CONTRACTMANAGER,
    GEMEENTE,
    INKOPER,
    PLATFORMBEHEERDER,
    REDACTEUR,
    SROI_ADVISEUR,
    synchroniseer_staffgroepen,
)
from .services import regiorol_toekennen

# The three regions of the sources: Gooi en Vechtstreek (003), Midden-Limburg Oost (002) and the ROB Rijk van
# Nijmegen (000/001, bronnen.rob; issue 19).
REGIOS = (*BRON_REGIOS, rob.REGIO)
AANBIEDERS = [*REGIO_AANBIEDERS, *rob.AANBIEDERS]
# Demo postal address of a bureau whose source gives none (fictional).
DEMO_ADRES = {
    "mlo": {"straat": "Postbus 1", "postcode": "6040 AA", "plaats": "Roermond"},
    "rob": {"straat": "Postbus 9105", "postcode": "6500 HG", "plaats": "Nijmegen"},
}

DEMO_WACHTWOORD = "portaal-demo-2026"
# Fixed TOTP secret of every demo staff account, so a tester can log in (README; demo only).
DEMO_TOTP_GEHEIM = "PORTAALDEMOTOTPGEHEIMTWEEDUIZEND"

# Staff of all demo regions: each holds a Regiorol in every demo region (not "all regions of the portal", so a
# region added later in the admin stays invisible to them until the platform administrator grants it).
STAFF = [
    ("inkoper@regio.example", "Ingrid", "Inkoper", INKOPER),
    ("contractmanager@regio.example", "Cees", "Contractmanager", CONTRACTMANAGER),
    ("beoordelaar1@regio.example", "Bea", "Beoordelaar", BEOORDELAAR),
    ("beoordelaar2@regio.example", "Bram", "Beoordelaar", BEOORDELAAR),
    ("redacteur@regio.example", "Roos", "Redacteur", REDACTEUR),
    ("sroi@regio.example", "Sanne", "SROI-adviseur", SROI_ADVISEUR),
    # Issue 14: a consulent of a municipal toegang who reports signalen.
    ("gemeente@regio.example", "Gert", "Gemeente", GEMEENTE),
]
# Staff of one region: the same role in one bureau only (issue 17), same demo password and TOTP.
REGIONALE_STAFF = [
    (f"{lokaal}@{code}.example", voornaam, achternaam, rol, code)
    for code, achternaam in (("gooi", "Gooi"), ("mlo", "Midden-Limburg"), ("rob", "Rijk van Nijmegen"))
    for lokaal, voornaam, rol in (
        ("inkoper", "Inkoper", INKOPER), ("contractmanager", "Contractmanager", CONTRACTMANAGER),
        ("beoordelaar", "Beoordelaar", BEOORDELAAR), ("sroi", "SROI-adviseur", SROI_ADVISEUR),
        ("redacteur", "Redacteur", REDACTEUR),
    )
]
PLATFORMBEHEERDER_ACCOUNT = ("platform@portaal.example", "Pim", "Platformbeheerder")

# Demo colours per region (white text on the main colour: contrast >= 4.5:1, Regio.clean).
KLEUREN = {"gooi": ("#00587C", "#E5A000"), "mlo": ("#7B2C3F", "#F2A900"), "rob": ("#0B5E3B", "#F2A900")}

AANBIEDER_ACCOUNTS = [
    ("beheerder@zorgkracht.example", "Marieke", "Verhoef", "Zorgkracht Gooi B.V.", Rol.BEHEERDER),
    ("medewerker@zorgkracht.example", "Mo", "Medewerker", "Zorgkracht Gooi B.V.", Rol.MEDEWERKER),
    ("beheerder@jeugdpunt.example", "Rob", "Janssen", "Jeugdpunt Midden-Limburg", Rol.BEHEERDER),
    # Issue 12: the beheerders of the providers in the current rounds of cms/demo_actueel.py (they submit through the
    # real service, which only a member may do); each sees its own stage after logging in.
    ("beheerder@debrug.example", "Daan", "de Brug", "De Brug Jeugdhulp", Rol.BEHEERDER),
    ("beheerder@eemland.example", "Esther", "van Eemland", "Stichting Gezinshuis Eemland", Rol.BEHEERDER),
    ("beheerder@ooijpolder.example", "Olga", "Ooijen", "Begeleidingspunt Ooijpolder B.V.", Rol.BEHEERDER),
    ("beheerder@waalzicht.example", "Wim", "Waalkens", "Stichting Waalzicht Jeugd", Rol.BEHEERDER),
    ("beheerder@kompas.example", "Karin", "Kompier", "Stichting Kompas Jeugd", Rol.BEHEERDER),
    ("beheerder@maasoever.example", "Maarten", "Maas", "Gezinshuis De Maasoever", Rol.BEHEERDER),
    ("beheerder@maaskant.example", "Mila", "Maaskant", "Dyslexiepraktijk Maaskant", Rol.BEHEERDER),
]

_RECHTSVORMEN = {
    "besloten vennootschap": Rechtsvorm.BV, "stichting": Rechtsvorm.STICHTING, "eenmanszaak": Rechtsvorm.EENMANSZAAK,
    "vennootschap onder firma": Rechtsvorm.VOF, "vereniging": Rechtsvorm.VERENIGING, "coöperatie": Rechtsvorm.COOPERATIE,
}


def demo_gebruiker(email, voornaam, achternaam, *, staff=False) -> User:
    user, nieuw = User.objects.get_or_create(
        email=email, defaults={"first_name": voornaam, "last_name": achternaam}
    )
    if nieuw:
        user.set_password(DEMO_WACHTWOORD)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if staff and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_GEHEIM)
        RecoveryCodes.activate(user)
    return user


def _adresregel(adres) -> str:
    return f"{adres['straat']}, {adres['postcode']} {adres['plaats']}" if adres else ""


def _regiogegevens(regio_data) -> dict:
    """The bureau's contact data from the sources (bronnen/regio.py); what the sources lack stays empty."""
    primair, accent = KLEUREN.get(regio_data["code"], ("#1F4E79", "#E5A000"))
    return {
        "naam": regio_data["naam"], "bureau_naam": regio_data["bureau"] or "",
        "postadres": _adresregel(regio_data.get("postadres") or regio_data.get("adres")),
        "contact_email": regio_data.get("email") or "", "contact_telefoon": regio_data.get("telefoon") or "",
        "website": regio_data.get("website") or "", "kleur_primair": primair, "kleur_accent": accent,
    }


def _regio(regio_data) -> Regio:
    """Create the region, or fill in what an older demo database lacks; what was changed in the admin stays."""
    gegevens = _regiogegevens(regio_data)
    regio = Regio.objects.filter(slug=regio_data["code"]).first() or Regio(slug=regio_data["code"])
    for veld, waarde in gegevens.items():
        if getattr(regio, veld) in ("", None, Regio._meta.get_field(veld).default):
            setattr(regio, veld, waarde)
    regio.full_clean()
    regio.save()
    return regio


def _staff_laden():
    """The platform administrator first; it grants every other demo role through the real service."""
    platform = demo_gebruiker(*PLATFORMBEHEERDER_ACCOUNT, staff=True)
    platform.groups.add(Group.objects.get(name=PLATFORMBEHEERDER))
    demo_regios = list(Regio.objects.filter(slug__in=[r["code"] for r in REGIOS]))
    for email, voornaam, achternaam, rol in STAFF:
        user = demo_gebruiker(email, voornaam, achternaam, staff=True)
        for regio in demo_regios:
            regiorol_toekennen(user=user, rol=rol, regio=regio, door=platform)
    for email, voornaam, achternaam, rol, code in REGIONALE_STAFF:
        user = demo_gebruiker(email, voornaam, achternaam, staff=True)
        regiorol_toekennen(user=user, rol=rol, regio=Regio.objects.get(slug=code), door=platform)


def laad(stdout):
    synchroniseer_staffgroepen()
    for regio_data in REGIOS:
        regio = _regio(regio_data)
        if getattr(settings, "ZEGEL_DEMO", False):
            # The bureau's demo seal key (issue 18, ADR 0015), so the demo's receipts, PVs, letters and NvIs are
            # sealed; never with real keys configured (ZEGEL_DEMO off), where a demo CA must not become trusted.
            zegel.demo_sleutel_maken(regio.slug, regio.weergavenaam_bureau)
        for g in regio_data["gemeenten"]:
            Gemeente.objects.update_or_create(
                naam=g["naam"],
                defaults={"regio": regio, "doet_mee_jeugd": "jeugd" in g["domeinen"], "doet_mee_wmo": "wmo" in g["domeinen"]},
            )
        adres = regio_data.get("adres") or DEMO_ADRES.get(regio_data["code"], DEMO_ADRES["mlo"])
        Organisatie.objects.get_or_create(
            naam=regio_data["bureau"],
            defaults={
                "soort": Organisatie.Soort.OPDRACHTGEVER, "regio": regio,
                # Fake number for the demo bureau (the sources give none we may reuse).
                "kvk_nummer": "9999" + str(9000 + Regio.objects.count()),
                "rechtsvorm": Rechtsvorm.OVERHEID, "straat": adres["straat"], "postcode": adres["postcode"],
                "plaats": adres["plaats"], "contactpersoon": "Team inkoop", "contact_email": "inkoop@regio.example",
            },
        )
    for a in AANBIEDERS:
        Organisatie.objects.get_or_create(
            kvk_nummer=a["kvk"],
            defaults={
                "soort": Organisatie.Soort.AANBIEDER, "naam": a["naam"], "vestigingsnummer": a["vestigingsnummer"],
                "agb_code": a["agb"], "rechtsvorm": _RECHTSVORMEN.get(a["rechtsvorm"], Rechtsvorm.STICHTING),
                "straat": a["adres"]["straat"], "postcode": a["adres"]["postcode"], "plaats": a["adres"]["plaats"],
                "contactpersoon": a["tekenbevoegde"]["naam"], "contact_email": a["email"],
            },
        )
    _staff_laden()
    for email, voornaam, achternaam, org_naam, rol in AANBIEDER_ACCOUNTS:
        user = demo_gebruiker(email, voornaam, achternaam)
        Lidmaatschap.objects.get_or_create(user=user, organisatie=Organisatie.objects.get(naam=org_naam), defaults={"rol": rol})
    # eHerkenning in the demo (issue 16, mock broker): Marieke Verhoef's identity is linked already, so the pseudonym
    # "demo-marieke" with KvK 99990011 logs straight into Zorgkracht Gooi's environment (README).
    EherkenningKoppeling.objects.get_or_create(pseudoniem="demo-marieke", defaults={
        "kvk_nummer": "99990011", "user": User.objects.get(email="beheerder@zorgkracht.example"),
    })
    stdout.write(f"organisaties: {Regio.objects.count()} regio's, {Gemeente.objects.count()} gemeenten, "
                 f"{Organisatie.objects.count()} organisaties, {User.objects.count()} gebruikers")
