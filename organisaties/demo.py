"""Demo data for organisaties: regions, municipalities, providers and the demo accounts (issue 2).

Demo only: the command refuses to run unless settings.DEMO_DATA_TOEGESTAAN (never in production).
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from bronnen.regio import AANBIEDERS, REGIOS

from .models import Gemeente, Lidmaatschap, Organisatie, Rechtsvorm, Regio, Regiorol, Rol, User
from .rollen import (
    BEOORDELAAR,
    CONTRACTMANAGER,
    INKOPER,
    REDACTEUR,
    REGIOROLLEN,
    SROI_ADVISEUR,
    synchroniseer_staffgroepen,
)

DEMO_WACHTWOORD = "portaal-demo-2026"
# Fixed TOTP secret of every demo staff account, so a tester can log in (README; demo only).
DEMO_TOTP_GEHEIM = "PORTAALDEMOTOTPGEHEIMTWEEDUIZEND"

STAFF = [
    ("inkoper@regio.example", "Ingrid", "Inkoper", INKOPER),
    ("contractmanager@regio.example", "Cees", "Contractmanager", CONTRACTMANAGER),
    ("beoordelaar1@regio.example", "Bea", "Beoordelaar", BEOORDELAAR),
    ("beoordelaar2@regio.example", "Bram", "Beoordelaar", BEOORDELAAR),
    ("redacteur@regio.example", "Roos", "Redacteur", REDACTEUR),
    ("sroi@regio.example", "Sanne", "SROI-adviseur", SROI_ADVISEUR),
]
AANBIEDER_ACCOUNTS = [
    ("beheerder@zorgkracht.example", "Marieke", "Verhoef", "Zorgkracht Gooi B.V.", Rol.BEHEERDER),
    ("medewerker@zorgkracht.example", "Mo", "Medewerker", "Zorgkracht Gooi B.V.", Rol.MEDEWERKER),
    ("beheerder@jeugdpunt.example", "Rob", "Janssen", "Jeugdpunt Midden-Limburg", Rol.BEHEERDER),
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


def laad(stdout):
    synchroniseer_staffgroepen()
    for regio_data in REGIOS:
        regio, _ = Regio.objects.get_or_create(slug=regio_data["code"], defaults={"naam": regio_data["naam"]})
        for g in regio_data["gemeenten"]:
            Gemeente.objects.update_or_create(
                naam=g["naam"],
                defaults={"regio": regio, "doet_mee_jeugd": "jeugd" in g["domeinen"], "doet_mee_wmo": "wmo" in g["domeinen"]},
            )
        adres = regio_data.get("adres") or {"straat": "Postbus 1", "postcode": "6040 AA", "plaats": "Roermond"}
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
    for email, voornaam, achternaam, groep in STAFF:
        user = demo_gebruiker(email, voornaam, achternaam, staff=True)
        user.groups.add(Group.objects.get(name=groep))
        if groep in REGIOROLLEN:
            # The existing demo logins stay staff of every demo region (issue 17): a role without region.
            Regiorol.objects.get_or_create(user=user, regio=None, rol=groep)
    for email, voornaam, achternaam, org_naam, rol in AANBIEDER_ACCOUNTS:
        user = demo_gebruiker(email, voornaam, achternaam)
        Lidmaatschap.objects.get_or_create(user=user, organisatie=Organisatie.objects.get(naam=org_naam), defaults={"rol": rol})
    stdout.write(f"organisaties: {Regio.objects.count()} regio's, {Gemeente.objects.count()} gemeenten, "
                 f"{Organisatie.objects.count()} organisaties, {User.objects.count()} gebruikers")
