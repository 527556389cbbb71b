"""Every write on organisations, members and invitations. Pattern: permission → lock → change → audit → task."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import ProtectedError

from core import adressen, kalender
from core.audit import audit, momentopname
from core.mail import eenmalig_versturen
from core.taken import na_commit

from . import permissions
from .eherkenning import Bewijs, EherkenningFout
from .models import (
    UITNODIGING_GELDIG,
    Bericht,
    BerichtGelezen,
    EherkenningKoppeling,
    Lidmaatschap,
    Organisatie,
    Regio,
    Regiorol,
    Rol,
    StaffRol,
    Uitnodiging,
    User,
)
from .regios import vergeet_rollen
from .rollen import CONTRACTMANAGER, INKOPER, PLATFORMBEHEERDER, heeft_staffgroep, is_staff_gebruiker

ORGANISATIE_VELDEN = (
    "naam", "kvk_nummer", "vestigingsnummer", "agb_code", "rechtsvorm", "straat", "postcode", "plaats",
    "contactpersoon", "contact_email", "contact_telefoon", "groep_kvk",
)


def _eist_beheerder(door, organisatie):
    if not permissions.kan_leden_beheren(door, organisatie):
        raise PermissionDenied("Alleen een beheerder van de organisatie mag dit doen.")


@transaction.atomic
def organisatie_registreren(*, door, **gegevens) -> Organisatie:
    """A provider registers its organisation; the registering user becomes its first beheerder."""
    if not door.is_authenticated:
        raise PermissionDenied("Log eerst in.")
    organisatie = Organisatie(soort=Organisatie.Soort.AANBIEDER, **gegevens)
    organisatie.full_clean()
    organisatie.save()
    Lidmaatschap.objects.create(user=door, organisatie=organisatie, rol=Rol.BEHEERDER)
    audit("organisatie.geregistreerd", organisatie, door=door, nieuw=momentopname(organisatie, ORGANISATIE_VELDEN))
    return organisatie


@transaction.atomic
def organisatie_bijwerken(*, organisatie: Organisatie, door, **gegevens) -> Organisatie:
    _eist_beheerder(door, organisatie)
    organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    oud = momentopname(organisatie, ORGANISATIE_VELDEN)
    if "kvk_nummer" in gegevens and gegevens["kvk_nummer"] != organisatie.kvk_nummer:
        # A new KvK number is a new legal entity (DOMAIN.md step 7): it needs its own registration.
        raise ValidationError(
            {"kvk_nummer": "Een ander KvK-nummer betekent een nieuwe rechtspersoon; registreer die als nieuwe organisatie."}
        )
    for veld, waarde in gegevens.items():
        setattr(organisatie, veld, waarde)
    organisatie.full_clean()
    organisatie.save()
    audit("organisatie.bijgewerkt", organisatie, door=door, oud=oud, nieuw=momentopname(organisatie, ORGANISATIE_VELDEN))
    return organisatie


# What staff may change on a provider's behalf after an approved wijzigingsverzoek (003a §3.4/§3.7). The KvK
# number and the kind of organisation are the legal entity itself and never change here.
GEGEVENS_DOOR_STAF = (
    "naam", "rechtsvorm", "straat", "postcode", "plaats", "vestigingsnummer", "contactpersoon", "contact_email",
    "contact_telefoon",
)


@transaction.atomic
def organisatiegegevens_wijzigen(*, organisatie: Organisatie, gegevens: dict, door, toelichting: str = "") -> Organisatie:
    """Staff (contractmanager or inkoper) apply a change the provider asked for and staff approved, e.g. a new
    contact person, address or legal form. Only the fields in ``GEGEVENS_DOOR_STAF``; empty values are ignored."""
    if not heeft_staffgroep(door, CONTRACTMANAGER, INKOPER):
        raise PermissionDenied("Alleen een contractmanager of inkoper wijzigt de gegevens van een aanbieder.")
    onbekend = set(gegevens) - set(GEGEVENS_DOOR_STAF)
    if onbekend:
        raise ValidationError(f"Deze gegevens kunnen niet via een wijzigingsverzoek worden aangepast: {', '.join(sorted(onbekend))}.")
    gewijzigd = {veld: waarde for veld, waarde in gegevens.items() if waarde not in (None, "")}
    organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    if not gewijzigd:
        return organisatie
    oud = momentopname(organisatie, gewijzigd)
    for veld, waarde in gewijzigd.items():
        setattr(organisatie, veld, waarde)
    # The KvK number is not changed here; an older row may predate its validator, which must not block this change.
    organisatie.full_clean(exclude=["kvk_nummer"])
    organisatie.save(update_fields=list(gewijzigd))
    audit("organisatie.gewijzigd", organisatie, door=door, oud=oud, nieuw=momentopname(organisatie, gewijzigd), toelichting=toelichting)
    return organisatie


@transaction.atomic
def lid_uitnodigen(*, organisatie: Organisatie, email: str, rol: str, door) -> Uitnodiging:
    """Invite a colleague by e-mail with a role. The mail goes out after commit."""
    from .tasks import verstuur_uitnodiging

    _eist_beheerder(door, organisatie)
    email = email.strip().lower()
    if rol not in Rol.values:
        raise ValidationError({"rol": "Kies beheerder of medewerker."})
    if Lidmaatschap.objects.filter(organisatie=organisatie, user__email__iexact=email).exists():
        raise ValidationError({"email": f"{email} is al lid van {organisatie}."})
    if Uitnodiging.objects.open().filter(organisatie=organisatie, email__iexact=email).exists():
        raise ValidationError({"email": f"{email} heeft al een openstaande uitnodiging."})
    uitnodiging = Uitnodiging.objects.create(
        organisatie=organisatie, email=email, rol=rol, uitgenodigd_door=door,
        verloopt_op=kalender.nu() + UITNODIGING_GELDIG,
    )
    audit("lid.uitgenodigd", organisatie, door=door, nieuw={"email": email, "rol": rol})
    na_commit(verstuur_uitnodiging, uitnodiging.pk)
    return uitnodiging


@transaction.atomic
def uitnodiging_intrekken(*, uitnodiging: Uitnodiging, door) -> None:
    _eist_beheerder(door, uitnodiging.organisatie)
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if uitnodiging.is_open:
        uitnodiging.ingetrokken_op = kalender.nu()
        uitnodiging.save(update_fields=["ingetrokken_op"])
        audit("lid.uitnodiging_ingetrokken", uitnodiging.organisatie, door=door, oud={"email": uitnodiging.email})


@transaction.atomic
def uitnodiging_accepteren(*, token: str, door) -> Lidmaatschap:
    """Accept an invitation. Only the invited address may accept it, and only once it is verified."""
    from allauth.account.models import EmailAddress

    uitnodiging = Uitnodiging.objects.select_for_update(of=("self",)).select_related("organisatie").filter(token=token).first()
    if uitnodiging is None or not uitnodiging.is_open:
        raise ValidationError("Deze uitnodiging bestaat niet, is verlopen of is al gebruikt.")
    if not EmailAddress.objects.filter(user=door, email__iexact=uitnodiging.email, verified=True).exists():
        raise PermissionDenied(
            f"Deze uitnodiging is verstuurd aan {uitnodiging.email}. Log in met dat (bevestigde) e-mailadres."
        )
    lid, _ = Lidmaatschap.objects.get_or_create(
        user=door, organisatie=uitnodiging.organisatie, defaults={"rol": uitnodiging.rol}
    )
    uitnodiging.geaccepteerd_op = kalender.nu()
    uitnodiging.geaccepteerd_door = door
    uitnodiging.save(update_fields=["geaccepteerd_op", "geaccepteerd_door"])
    audit("lid.toegetreden", uitnodiging.organisatie, door=door, nieuw={"email": door.email, "rol": lid.rol})
    return lid


def _laatste_beheerder(lid: Lidmaatschap) -> bool:
    return (
        lid.rol == Rol.BEHEERDER
        and not Lidmaatschap.objects.filter(organisatie=lid.organisatie, rol=Rol.BEHEERDER).exclude(pk=lid.pk).exists()
    )


@transaction.atomic
def lid_rol_wijzigen(*, lid: Lidmaatschap, rol: str, door) -> Lidmaatschap:
    _eist_beheerder(door, lid.organisatie)
    lid = Lidmaatschap.objects.select_for_update(of=("self",)).select_related("organisatie", "user").get(pk=lid.pk)
    if rol not in Rol.values:
        raise ValidationError("Kies beheerder of medewerker.")
    if rol != Rol.BEHEERDER and _laatste_beheerder(lid):
        raise ValidationError("Een organisatie houdt minstens één beheerder.")
    oud = lid.rol
    lid.rol = rol
    lid.save(update_fields=["rol"])
    audit("lid.rol_gewijzigd", lid.organisatie, door=door, oud={"lid": lid.user.email, "rol": oud},
          nieuw={"lid": lid.user.email, "rol": rol})
    return lid


@transaction.atomic
def lid_verwijderen(*, lid: Lidmaatschap, door) -> None:
    _eist_beheerder(door, lid.organisatie)
    lid = Lidmaatschap.objects.select_for_update(of=("self",)).select_related("organisatie", "user").get(pk=lid.pk)
    if _laatste_beheerder(lid):
        raise ValidationError("Een organisatie houdt minstens één beheerder.")
    audit("lid.verwijderd", lid.organisatie, door=door, oud={"lid": lid.user.email, "rol": lid.rol})
    lid.delete()


def _eist_platformbeheerder(door, melding="Alleen de platformbeheerder kent rollen in regio's toe."):
    if not (getattr(door, "is_superuser", False) or heeft_staffgroep(door, PLATFORMBEHEERDER)):
        raise PermissionDenied(melding)


def _groep_bijwerken(user: User, rol: str) -> None:
    """The role's group carries the model permissions: a member exactly while the user holds the role somewhere."""
    from django.contrib.auth.models import Group

    groep = Group.objects.get_or_create(name=rol)[0]
    if Regiorol.objects.filter(user=user, rol=rol).exists():
        user.groups.add(groep)
    else:
        user.groups.remove(groep)
    vergeet_rollen(user)


@transaction.atomic
def regiorol_toekennen(*, user: User, rol: str, regio: Regio | None, door) -> Regiorol:
    """Give ``user`` the staff role ``rol`` in ``regio`` (None: every region of the portal). Idempotent.

    Only the platform administrator does this (issue 17); the role's group follows, so the model permissions
    and the regions never disagree."""
    _eist_platformbeheerder(door)
    if rol not in StaffRol.values:
        raise ValidationError({"rol": "Kies een rol van het inkoopbureau."})
    user = User.objects.select_for_update().get(pk=user.pk)
    if Lidmaatschap.objects.filter(user=user, organisatie__soort=Organisatie.Soort.AANBIEDER).exists():
        # A provider's account must never also read the bureau's side (issue 2: staff and providers apart).
        raise ValidationError({"user": f"{user.email} is lid van een zorgaanbieder en kan geen medewerker van een "
                                       "inkoopbureau zijn. Gebruik een apart account."})
    regiorol, nieuw = Regiorol.objects.get_or_create(user=user, regio=regio, rol=rol, defaults={"toegekend_door": door})
    _groep_bijwerken(user, rol)
    if nieuw:
        audit("regiorol.toegekend", regiorol, door=door, nieuw={"medewerker": user.email, "rol": rol,
                                                                 "regio": str(regio or "alle regio's")})
    return regiorol


@transaction.atomic
def regiorol_intrekken(*, regiorol: Regiorol, door) -> None:
    """Take a staff role in a region back; the group goes when the user holds the role nowhere else."""
    _eist_platformbeheerder(door)
    regiorol = Regiorol.objects.select_for_update(of=("self",)).select_related("user", "regio").get(pk=regiorol.pk)
    user, rol, regio = regiorol.user, regiorol.rol, regiorol.regio
    audit("regiorol.ingetrokken", regiorol, door=door, oud={"medewerker": user.email, "rol": rol,
                                                             "regio": str(regio or "alle regio's")})
    regiorol.delete()
    _groep_bijwerken(user, rol)


# --- Platform administration: regions and bureau accounts (issue 17) ------------------------------------------

REGIO_VELDEN = (
    "naam", "slug", "bureau_naam", "contact_email", "contact_telefoon", "website", "postadres", "intro", "logo",
    "kleur_primair", "kleur_accent", "ondertekening", "rechtsmiddelen", "klachten",
)


def _gemeenten_van(regio: Regio) -> list[str]:
    """The municipalities with their domains as one readable line each, for the old/new sides of an audit entry."""
    regels = []
    for g in regio.gemeenten.order_by("naam"):
        domeinen = [d for d, mee in (("jeugd", g.doet_mee_jeugd), ("wmo", g.doet_mee_wmo)) if mee]
        regels.append(f"{g.naam} ({', '.join(domeinen) or 'geen domein'})")
    return regels


@transaction.atomic
def regio_opslaan(*, formulier, door) -> Regio:
    """Save a region from the admin form (with its municipalities inline) and record old and new values.

    Only the platform administrator configures regions (issue 17): the legal texts in its letters, its colours
    and which municipality buys in which domain are the bureau's public face and legal footing, so every change
    is audited. ``formulier`` is the validated Wagtail form (a ClusterForm: the municipalities save with it)."""
    _eist_platformbeheerder(door, "Alleen de platformbeheerder richt regio's in.")
    regio = formulier.instance
    oud = {}
    if regio.pk is not None:
        bestaand = Regio.objects.select_for_update().get(pk=regio.pk)
        oud = momentopname(bestaand, REGIO_VELDEN) | {"gemeenten": _gemeenten_van(bestaand)}
    is_nieuw = not oud
    try:
        regio = formulier.save()
    except ProtectedError as fout:
        # A municipality that takes part in a procedure stays: the procedure's legal text names it.
        namen = sorted({str(getattr(o, "gemeente", o)) for o in fout.protected_objects})
        raise ValidationError(f"Een gemeente die deelneemt aan een procedure kan niet worden verwijderd: "
                              f"{', '.join(namen)}.") from fout
    nieuw = momentopname(regio, REGIO_VELDEN) | {"gemeenten": _gemeenten_van(regio)}
    audit("regio.aangemaakt" if is_nieuw else "regio.gewijzigd", regio, door=door, oud=oud, nieuw=nieuw)
    return regio


@transaction.atomic
def medewerker_toevoegen(*, email: str, rol: str, regio: Regio | None, door, voornaam: str = "",
                         achternaam: str = "") -> Regiorol:
    """Give the bureau account ``email`` the role ``rol`` in ``regio``; create the account first when it does not
    exist yet.

    A new account gets no password: after commit it receives a link to set one (allauth's password reset), and at
    its first login the MFA middleware makes it set up TOTP before anything else (issue 2). The address counts as
    verified because the platform administrator vouches for it and only its owner can follow the link."""
    from allauth.account.models import EmailAddress

    from .tasks import verstuur_accountuitnodiging

    _eist_platformbeheerder(door)
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, first_name=voornaam, last_name=achternaam)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        audit("medewerker.aangemaakt", user, door=door, nieuw={"email": email, "naam": user.get_full_name()})
        na_commit(verstuur_accountuitnodiging, user.pk)
    return regiorol_toekennen(user=user, rol=rol, regio=regio, door=door)


# --- eHerkenning (issue 16, organisaties/eherkenning.py) ---------------------------------------------------------

def _aanbieder_met_kvk(kvk_nummer: str, *, lock: bool = False) -> Organisatie | None:
    """The provider with this KvK number, or None; the KvK number of a bureau (opdrachtgever) is refused."""
    qs = Organisatie.objects.select_for_update() if lock else Organisatie.objects
    organisatie = qs.filter(kvk_nummer=kvk_nummer).first()
    if organisatie is not None and organisatie.soort != Organisatie.Soort.AANBIEDER:
        raise EherkenningFout("geen_aanbieder", kvk=kvk_nummer)
    return organisatie


def _weigeren(bewijs: Bewijs, fout: EherkenningFout, *, user=None, organisatie=None) -> EherkenningFout:
    """A refused eHerkenning login is on the audit trail: who (pseudonym, account if known), which KvK, why. The
    pseudonym is the broker's per-service identifier, not a citizen number; it is what a later inquiry needs."""
    audit("eherkenning.geweigerd", organisatie or user, door=user, nieuw={
        "reden": fout.code, "kvk_nummer": bewijs.kvk_nummer, "niveau": bewijs.niveau_naam,
        "pseudoniem": bewijs.pseudoniem,
    })
    return fout


def eherkenning_aanmelden(*, bewijs: Bewijs) -> EherkenningKoppeling | None:
    """A login with eHerkenning: the link of this pseudonym, or None when the person is not linked yet.

    A link reaches only its own KvK number: the same pseudonym asserted for another company is refused (the
    authorisation the broker checked is for that other company, which this account never joined through
    eHerkenning). A member the organisation's beheerder removed stays removed: eHerkenning does not re-admit.
    Refusals are audited; that is why this service is not one transaction (the refusal must survive)."""
    koppeling = EherkenningKoppeling.objects.select_related("user").filter(pseudoniem=bewijs.pseudoniem).first()
    if koppeling is None:
        # Refused here already, before the person types anything on the link page.
        try:
            _aanbieder_met_kvk(bewijs.kvk_nummer)
        except EherkenningFout as fout:
            raise _weigeren(bewijs, fout) from None
        return None
    user = koppeling.user
    try:
        if koppeling.kvk_nummer != bewijs.kvk_nummer:
            raise EherkenningFout("andere_organisatie", kvk=bewijs.kvk_nummer)
        if is_staff_gebruiker(user) or not user.is_active:
            raise EherkenningFout("staf")
        organisatie = _aanbieder_met_kvk(bewijs.kvk_nummer)
        if organisatie is not None and not Lidmaatschap.objects.filter(user=user, organisatie=organisatie).exists():
            raise EherkenningFout("geen_lid", organisatie=organisatie.naam)
    except EherkenningFout as fout:
        raise _weigeren(bewijs, fout, user=user) from None
    with transaction.atomic():
        EherkenningKoppeling.objects.filter(pk=koppeling.pk).update(laatst_gebruikt=kalender.nu())
        audit("eherkenning.aangemeld", organisatie or user, door=user,
              nieuw={"kvk_nummer": bewijs.kvk_nummer, "niveau": bewijs.niveau_naam})
    koppeling.refresh_from_db()
    return koppeling


def eherkenning_koppelen(*, bewijs: Bewijs, door) -> EherkenningKoppeling:
    """Link the asserted eHerkenning identity to the account ``door`` and, when the provider with that KvK number is
    registered, make ``door`` a member of it.

    The role: the first member of a provider nobody manages yet becomes its beheerder (as the registering user does
    in organisatie_registreren); anyone else joins as medewerker at once. The broker only asserts an authorisation
    the company's own eHerkenning administrator gave for this service (eH3, checked by the KvK's own register of
    authorised persons), which is the company's consent as much as a beheerder's invitation is; the role beyond
    medewerker stays the beheerder's to give (lid_rol_wijzigen), and the beheerder sees and can remove the member.
    Without a registered provider only the link is made: the person registers the organisation next
    (organisatie_registreren, its KvK number fixed to the asserted one)."""
    if not getattr(door, "is_authenticated", False):
        raise PermissionDenied("Log eerst in.")
    try:
        if is_staff_gebruiker(door):
            raise EherkenningFout("staf")
        _aanbieder_met_kvk(bewijs.kvk_nummer)
    except EherkenningFout as fout:
        raise _weigeren(bewijs, fout, user=door) from None
    with transaction.atomic():
        organisatie = _aanbieder_met_kvk(bewijs.kvk_nummer, lock=True)
        if EherkenningKoppeling.objects.filter(pseudoniem=bewijs.pseudoniem).exists():
            raise ValidationError("Deze eHerkenning-identiteit is al aan een account gekoppeld.")
        koppeling = EherkenningKoppeling.objects.create(
            pseudoniem=bewijs.pseudoniem, kvk_nummer=bewijs.kvk_nummer, user=door, laatst_gebruikt=kalender.nu()
        )
        audit("eherkenning.gekoppeld", organisatie or door, door=door,
              nieuw={"kvk_nummer": bewijs.kvk_nummer, "niveau": bewijs.niveau_naam, "email": door.email})
        if organisatie is not None and not Lidmaatschap.objects.filter(user=door, organisatie=organisatie).exists():
            # The provider is locked above: two first logins at once cannot both become its beheerder.
            rol = Rol.MEDEWERKER if organisatie.lidmaatschappen.exists() else Rol.BEHEERDER
            Lidmaatschap.objects.create(user=door, organisatie=organisatie, rol=rol)
            audit("lid.toegetreden_via_eherkenning", organisatie, door=door, nieuw={"email": door.email, "rol": rol})
    return koppeling


@transaction.atomic
def eherkenning_account_aanmaken(*, bewijs: Bewijs, email: str, voornaam: str = "", achternaam: str = "") -> User:
    """A person without a portal account logs in with eHerkenning: create the account (no password; eHerkenning is
    how it logs in, and a password can be set later with allauth's reset) and link it (eherkenning_koppelen).

    The address is not verified yet: the view sends allauth's confirmation mail. An address that already has an
    account is refused: linking someone else's account would hand it to whoever typed the address; its owner logs
    in with the password first and links from there."""
    from allauth.account.models import EmailAddress

    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "Er is al een account met dit e-mailadres. Log eerst in met uw wachtwoord; "
                                        "daarna koppelt u eHerkenning aan dat account."})
    user = User.objects.create_user(email=email, password=None, first_name=voornaam, last_name=achternaam)
    EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    audit("account.aangemaakt_via_eherkenning", user, door=user,
          nieuw={"email": email, "naam": user.get_full_name(), "kvk_nummer": bewijs.kvk_nummer})
    eherkenning_koppelen(bewijs=bewijs, door=user)
    return user


# --- the inbox (issue 12, ADR 0028) ---------------------------------------------------------------------------
# Every mail the portal sends to a provider organisation goes through bericht_versturen: the message is recorded
# in the organisation's inbox first and the mail says where to find it. tests/organisaties/test_berichten_bij_
# elke_mail.py walks every call of core.mail.eenmalig_versturen and fails on a provider mail that bypasses this.

VOETREGEL = "U vindt dit bericht ook in het portaal onder Berichten: {url}"


def voetregel(bericht: Bericht | None = None) -> str:
    """The closing line of every provider mail: the message's own page, or the inbox for a mail that goes to
    several organisations at once (the NvI)."""
    if bericht is None:
        return VOETREGEL.format(url=adressen.absolute_url("organisaties:berichten"))
    return VOETREGEL.format(url=adressen.absolute_url("organisaties:bericht", bericht.pk))


def bericht_vastleggen(organisatie, *, sleutel: str, soort: str, onderwerp: str, tekst: str, regio_id=None,
                       pad: str = "") -> Bericht:
    """The message in ``organisatie``'s inbox (an Organisatie or its pk) under the mail's key; an existing one is
    returned unchanged (a redelivered task, a retried send)."""
    bericht, _ = Bericht.objects.get_or_create(
        organisatie_id=getattr(organisatie, "pk", organisatie), sleutel=sleutel[:200],
        defaults={"soort": soort[:80], "onderwerp": onderwerp[:255], "tekst": tekst, "regio_id": regio_id,
                  "pad": pad[:500], "verstuurd_op": kalender.nu()},
    )
    return bericht


def bericht_versturen(organisatie, *, sleutel: str, soort: str, onderwerp: str, tekst: str, ontvangers,
                      regio_id=None, pad: str = "", bijlagen=(), verbinding=None) -> bool:
    """Record the message in the organisation's inbox, then mail it once (core.mail.eenmalig_versturen) with the
    line that says where to find it. True when the mail went out now.

    Recorded before sending and kept when sending fails: the provider sees it in the portal even when the mail
    server is down, and the retry (same key) finds the message and sends the mail with the same link."""
    bericht = bericht_vastleggen(organisatie, sleutel=sleutel, soort=soort, onderwerp=onderwerp, tekst=tekst,
                                 regio_id=regio_id, pad=pad)
    return eenmalig_versturen(sleutel, onderwerp, f"{tekst.rstrip()}\n\n{voetregel(bericht)}\n", ontvangers,
                              bijlagen, verbinding=verbinding)


def bericht_rondsturen(organisaties, *, sleutel: str, soort: str, onderwerp: str, tekst: str, adressen,
                       regio_id=None, pad: str = "") -> int:
    """A message for many organisations at once (the NvI goes to every provider with an account): one message in
    each organisation's inbox, and one mail per address under ``<sleutel>:<address>`` so no provider sees the
    others' addresses. The mail points to the inbox (an address may belong to several organisations). Returns
    the number of mails sent now."""
    nu = kalender.nu()
    Bericht.objects.bulk_create(
        [Bericht(organisatie=org, sleutel=sleutel[:200], soort=soort[:80], onderwerp=onderwerp[:255], tekst=tekst,
                 regio_id=regio_id, pad=pad[:500], verstuurd_op=nu) for org in organisaties],
        ignore_conflicts=True,  # a redelivered task: the messages are there already
    )
    volledig = f"{tekst.rstrip()}\n\n{voetregel()}\n"
    verbinding = get_connection()
    return sum(eenmalig_versturen(f"{sleutel}:{adres}", onderwerp, volledig, [adres], verbinding=verbinding)
               for adres in adressen)


def bericht_gelezen_markeren(*, user, bericht: Bericht) -> bool:
    """Mark the message read for this member; True the first time. The caller (the view) has checked that
    ``bericht`` belongs to the user's active organisation."""
    _, nieuw = BerichtGelezen.objects.get_or_create(bericht=bericht, user=user,
                                                    defaults={"gelezen_op": kalender.nu()})
    return nieuw


def alles_gelezen_markeren(*, user, organisatie) -> int:
    """"Markeer alles als gelezen": every unread message of the organisation, for this member; the number marked.
    Two statements whatever the number of messages."""
    if organisatie is None or not Lidmaatschap.objects.filter(user=user, organisatie=organisatie).exists():
        raise PermissionDenied("U bent geen lid van deze organisatie.")
    ongelezen = Bericht.objects.filter(organisatie=organisatie).exclude(gelezen__user=user).values_list("pk", flat=True)
    nu = kalender.nu()
    nieuw = BerichtGelezen.objects.bulk_create(
        [BerichtGelezen(bericht_id=pk, user=user, gelezen_op=nu) for pk in ongelezen], ignore_conflicts=True)
    return len(nieuw)
